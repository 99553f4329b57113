package signet

import (
	"encoding/json"
	"fmt"

	"github.com/signet-vote/signet/internal/jsonenc"
)

// verdictEvent is a verdict's audit payload. Its fields are in alphabetical order, so it
// marshals to the same bytes as a map of them would.
type verdictEvent struct {
	Line    string   `json:"line"`
	Notes   []string `json:"notes"`
	Score   float64  `json:"score"`
	Seq     int      `json:"seq"`
	Verdict string   `json:"verdict"`
	Voter   string   `json:"voter"`
}

func verdictPayload(r *VerdictRecord) verdictEvent {
	return verdictEvent{Line: r.LineID, Seq: r.Seq, Verdict: r.Code(), Voter: r.VoterID, Score: r.Score, Notes: r.Notes}
}

// AppendVerdictPayload appends the audit payload of a verdict (kind EventVerdict): the same
// bytes on every store, since they are hashed into the chain. It writes them without
// reflection (one runs for every stored verdict), exactly as encoding/json would.
func AppendVerdictPayload(b []byte, r *VerdictRecord) ([]byte, error) {
	v := verdictPayload(r)
	out, ok := appendVerdictPayload(b, v)
	if !ok {
		// Only encoding/json knows how to say why (a score that is NaN or infinite).
		_, err := json.Marshal(v)
		if err == nil {
			err = fmt.Errorf("line %s: the verdict's audit payload cannot be written", r.LineID)
		}
		return b, err
	}
	return out, nil
}

// appendVerdictPayload appends the payload as encoding/json marshals it; false when
// encoding/json would refuse it.
func appendVerdictPayload(b []byte, v verdictEvent) ([]byte, bool) {
	b = append(b, `{"line":`...)
	b = jsonenc.String(b, v.Line)
	b = append(b, `,"notes":`...)
	if v.Notes == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, n := range v.Notes {
			if i > 0 {
				b = append(b, ',')
			}
			b = jsonenc.String(b, n)
		}
		b = append(b, ']')
	}
	b = append(b, `,"score":`...)
	b, ok := jsonenc.Float(b, v.Score)
	if !ok {
		return b, false
	}
	b = append(b, `,"seq":`...)
	b = jsonenc.Int(b, int64(v.Seq))
	b = append(b, `,"verdict":`...)
	b = jsonenc.String(b, v.Verdict)
	b = append(b, `,"voter":`...)
	b = jsonenc.String(b, v.Voter)
	return append(b, '}'), true
}
