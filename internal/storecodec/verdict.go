package storecodec

import (
	"strings"

	"github.com/signet-vote/signet"
)

// Verdict is what storing a verdict record needs apart from the audit chain: its
// candidates as text, its event's payload, and its time and notes as stored. Encoding it
// is most of the work of storing a verdict, so the goroutines that decide verdicts do it
// (signet.VerdictStore.PrepareVerdict) rather than the one that stores them in turn.
type Verdict struct {
	Candidates string
	Payload    string
	At         string
	Notes      string
}

// EncodeVerdict encodes the record.
func EncodeVerdict(r *signet.VerdictRecord) (*Verdict, error) {
	buf := signet.AppendCandidates(make([]byte, 0, 512), r.Candidates)
	cands := string(buf)
	buf, err := signet.AppendVerdictPayload(buf[:0], r, buf)
	if err != nil {
		return nil, err
	}
	return &Verdict{Candidates: cands, Payload: string(buf),
		At: r.DecidedAt.UTC().Format(signet.EventTimeLayout), Notes: strings.Join(r.Notes, ";")}, nil
}

// SplitNotes reads notes as EncodeVerdict stores them.
func SplitNotes(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ";")
}
