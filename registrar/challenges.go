package registrar

import (
	"context"
	"strings"

	"github.com/signet-vote/signet"
)

// Challenge files a proponent's (or an observer's) challenge of an invalid line's verdict,
// with their comment (required, at most MaxCommentLength characters): it goes to the
// supervisor's queue (Challenges). Only an invalid line is challenged, and a line has one
// open challenge at a time. Proponents may examine the rejected signatures (Elections Code
// §11301); the challenge is an audit event.
func (s *Service) Challenge(ctx context.Context, petition, lineID, by, comment string) (signet.Challenge, error) {
	if err := needActor("who challenges", by); err != nil {
		return signet.Challenge{}, err
	}
	if err := checkComment(comment, true); err != nil {
		return signet.Challenge{}, err
	}
	v, err := s.Store.Verdict(ctx, petition, lineID)
	if err != nil {
		return signet.Challenge{}, err
	}
	if v.Valid {
		return signet.Challenge{}, signet.Errorf(signet.EConflict, "line %s of petition %s is valid: only an invalid line is challenged", lineID, petition)
	}
	open, err := s.Store.Challenges(ctx, petition, true)
	if err != nil {
		return signet.Challenge{}, err
	}
	for _, c := range open {
		if c.LineID == lineID {
			return signet.Challenge{}, signet.Errorf(signet.EConflict, "line %s of petition %s has an open challenge already (%d)", lineID, petition, c.ID)
		}
	}
	return s.Store.FileChallenge(ctx, signet.Challenge{PetitionID: petition, LineID: lineID, By: by, Comment: strings.TrimSpace(comment)})
}

// Challenges are a petition's challenges in the order they were filed; open gives the
// supervisor's queue (the challenges not answered yet).
func (s *Service) Challenges(ctx context.Context, petition string, open bool) ([]signet.Challenge, error) {
	if _, err := s.Store.Petition(ctx, petition); err != nil {
		return nil, err
	}
	return s.Store.Challenges(ctx, petition, open)
}

// ChallengeAnswer is a supervisor's answer to a challenge.
type ChallengeAnswer struct {
	// Upheld says the challenge is right: the line's verdict is overridden to valid.
	// Otherwise it is denied and the verdict stays.
	Upheld bool
	// VoterID, when set on an upheld challenge, is the voter the signer is (recorded as a
	// link decision).
	VoterID string
	// Text is the answer, required: the challenger reads it.
	Text string
}

// AnswerChallenge answers an open challenge: upheld, the line's verdict is overridden to
// valid (a ruling the next verification honours, with the answer as its stated reason);
// denied, it stays. The answer and the ruling are audit events, in one transaction.
func (s *Service) AnswerChallenge(ctx context.Context, petition string, id int64, by string, a ChallengeAnswer) (signet.Challenge, error) {
	if err := needActor("the supervisor", by); err != nil {
		return signet.Challenge{}, err
	}
	if err := checkComment(a.Text, true); err != nil {
		return signet.Challenge{}, err
	}
	c, err := s.Store.Challenge(ctx, petition, id)
	if err != nil {
		return c, err
	}
	if c.Status != signet.ChallengeOpen {
		return c, signet.Errorf(signet.EConflict, "challenge %d of petition %s is %s already", id, petition, c.Status)
	}
	if !a.Upheld && a.VoterID != "" {
		return c, signet.Errorf(signet.EInvalid, "a denied challenge names no voter")
	}
	c.Status, c.Answer, c.AnsweredBy = signet.ChallengeDenied, strings.TrimSpace(a.Text), by
	var ruling *signet.Override
	if a.Upheld {
		v, err := s.Store.Verdict(ctx, petition, c.LineID)
		if err != nil {
			return c, err
		}
		if err := countsOnce(v, a.VoterID); err != nil {
			return c, err
		}
		c.Status = signet.ChallengeUpheld
		ruling = &signet.Override{PetitionID: petition, LineID: c.LineID, Valid: true, Comment: c.Answer, Source: signet.OverrideByChallenge, By: by}
		if a.VoterID != "" {
			if err := s.Store.RecordLinkReview(ctx, petition, signet.LinkReview{LineID: c.LineID, VoterID: a.VoterID, By: by}); err != nil {
				return c, err
			}
		}
	}
	if err := s.Store.AnswerChallenge(ctx, c, ruling); err != nil {
		return c, err
	}
	return s.Store.Challenge(ctx, petition, id)
}
