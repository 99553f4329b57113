package present

import "github.com/signet-vote/signet"

// ChallengeJSON is a challenge as the commands print it and the API gives it: its answer
// once it has one.
func ChallengeJSON(ch signet.Challenge) map[string]any {
	out := map[string]any{"id": ch.ID, "petition": ch.PetitionID, "line": ch.LineID, "by": ch.By, "comment": ch.Comment,
		"filed_at": ch.FiledAt, "status": ch.Status}
	if ch.Status != signet.ChallengeOpen {
		out["answer"], out["answered_by"], out["answered_at"] = ch.Answer, ch.AnsweredBy, ch.AnsweredAt
	}
	return out
}
