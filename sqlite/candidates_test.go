package sqlite

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/signet-vote/signet"
)

func TestCandidatesRoundTrip(t *testing.T) {
	in := []signet.Candidate{
		{VoterID: "V1", Score: 0.99731, Address: signet.AddressCurrent, Fields: []signet.FieldLevel{
			{Field: "last_name", Level: "exact", Weight: 11.42}, {Field: "first_name", Level: "nickname", Weight: -2.5}, {Field: "unit", Level: "missing"}}},
		{VoterID: `odd "id" <&> é\`, Score: 0, Address: signet.AddressNone},
	}
	enc := string(encodeCandidates(nil, in))
	out, err := decodeCandidates(enc)
	if err != nil {
		t.Fatalf("%s: %v", enc, err)
	}
	if d := cmp.Diff(in, out); d != "" {
		t.Fatalf("round trip of %s (-in +out):\n%s", enc, d)
	}
	if got := string(encodeCandidates(nil, nil)); got != "[]" {
		t.Errorf("no candidates = %s", got)
	}
	if _, err := decodeCandidates(`[["V1",1,"current",["a","b"]]]`); err == nil {
		t.Error("a malformed field list decoded")
	}
}

// TestVerdictPayloadBytes pins the audit payload of a verdict: the bytes are hashed into the
// chain, so they must not change with the way they are built.
func TestVerdictPayloadBytes(t *testing.T) {
	for _, r := range []VerdictRecord{
		{Verdict: signet.Verdict{LineID: "S1-2", Valid: true, VoterID: "V9", Score: 0.25, Notes: []string{"apartment_missing"}}, Seq: 7},
		{Verdict: signet.Verdict{LineID: "S<1>-3", Reason: signet.Other, SubReason: "withdrawn"}, Seq: 8},
	} {
		m := map[string]any{"line": r.LineID, "seq": r.Seq, "verdict": r.Code(), "voter": r.VoterID, "score": r.Score, "notes": r.Notes}
		want, _ := json.Marshal(m)
		got, _ := json.Marshal(verdictPayload(&r))
		if string(got) != string(want) {
			t.Errorf("payload %s, want %s", got, want)
		}
	}
}
