package signet

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
	"time"
)

// TestVerdictPayloadBytes pins the audit payload of a verdict: the bytes are hashed into the
// chain, so they must not change with the way they are built.
func TestVerdictPayloadBytes(t *testing.T) {
	for _, r := range []VerdictRecord{
		{Verdict: Verdict{LineID: "S1-2", Valid: true, VoterID: "V9", Score: 0.25, Notes: []string{"apartment_missing"}}, Seq: 7},
		{Verdict: Verdict{LineID: "S<1>-3", Reason: Other, SubReason: "withdrawn"}, Seq: 8},
		{Verdict: Verdict{LineID: "S1-4", Reason: Duplicate, VoterID: "V9", Score: 0.5, DecidedAt: time.Date(2022, 7, 21, 9, 0, 0, 1000, time.FixedZone("x", 3600))}, Seq: 9, BaseValid: true, Decision: DecideLink, RollImport: 3},
		{Verdict: Verdict{LineID: "S1-5", Reason: Other, SubReason: "withdrawn"}, Seq: 10, BaseReason: Other, BaseSubReason: "withdrawn"},
	} {
		m := map[string]any{"line": r.LineID, "seq": r.Seq, "verdict": r.Code(), "voter": r.VoterID, "score": r.Score, "notes": r.Notes}
		if !r.DecidedAt.IsZero() {
			m["at"] = r.DecidedAt.UTC().Format(EventTimeLayout)
		}
		cands := AppendCandidates(nil, r.Candidates)
		if b := CodeOf(r.BaseValid, r.BaseReason, r.BaseSubReason); b != "" {
			m["base"] = b
			m["candidates"] = CandidatesDigest(cands)
		}
		if r.Decision != "" {
			m["decision"] = r.Decision
		}
		if r.RollImport != 0 {
			m["roll"] = r.RollImport
		}
		want, _ := json.Marshal(m)
		got, err := AppendVerdictPayload(nil, &r, cands)
		if err != nil || string(got) != string(want) {
			t.Errorf("payload %s (%v), want %s", got, err, want)
		}
		checkPayload(t, verdictPayload(&r, cands))
		if !bytes.Contains(got, []byte(`\`)) && !parseVerdictPayload(got, &VerdictEvent{}) {
			t.Errorf("%s is read through encoding/json, not directly", got)
		}
	}
}

// checkPayload compares the hand-written payload with encoding/json's.
func checkPayload(t *testing.T, v verdictEvent) {
	t.Helper()
	want, err := json.Marshal(v)
	got, ok := appendVerdictPayload([]byte("x"), v)
	if ok != (err == nil) {
		t.Fatalf("%+v: written %v, encoding/json error %v", v, ok, err)
	}
	if ok && string(got[1:]) != string(want) {
		t.Fatalf("payload\n%s\nencoding/json writes\n%s", got[1:], want)
	}
}

func FuzzVerdictPayload(f *testing.F) {
	f.Add("S1-2", "apartment_missing", 2, 0.9973912345678901, 7, "valid", "V9")
	f.Add("S<1>-3", "", 0, 0.0, 8, "other:withdrawn", "")
	f.Add("é\u2028\xff", "a\tb\"c", 1, 1e-7, -1, "x&y", "\x00")
	f.Fuzz(func(t *testing.T, line, note string, notes int, score float64, seq int, verdict, voter string) {
		v := verdictEvent{Line: line, Score: score, Seq: seq, Verdict: verdict, Voter: voter}
		if seq%2 == 0 {
			v.Base, v.Decision, v.Roll, v.At, v.Candidates = note, verdict, int64(seq), line, voter
		}
		switch notes % 3 {
		case 1:
			v.Notes = []string{}
		case 2:
			v.Notes = []string{note, note + "2"}
		}
		checkPayload(t, v)
	})
}

// TestCodesReadBack checks that every verdict code reads back as written.
func TestCodesReadBack(t *testing.T) {
	for _, r := range Reasons {
		subs := []string{""}
		if r == Other {
			subs = OtherSubReasons
		}
		for _, sub := range subs {
			code := CodeOf(false, r, sub)
			if v, gr, gs := ParseCode(code); v || gr != r || gs != sub {
				t.Errorf("%s reads back as %v %s %s", code, v, gr, gs)
			}
		}
	}
	if v, _, _ := ParseCode(CodeOf(true, "", "")); !v {
		t.Error("valid does not read back")
	}
}

// A payload reads back as written, by the direct reader or by encoding/json.
func FuzzVerdictPayloadReadsBack(f *testing.F) {
	f.Add("S1-2", "apartment_missing", 2, 0.9973912345678901, 7, "valid", "V9", "2022-07-21T09:00:00.000000Z", int64(3))
	f.Add("S<1>-3", "", 0, 0.0, 8, "other:withdrawn", "", "", int64(0))
	f.Add("é\u2028\xff", "a\tb\"c", 1, 1e-7, -1, "x&y", "\x00", "\\", int64(-5))
	f.Fuzz(func(t *testing.T, line, note string, notes int, score float64, seq int, verdict, voter, at string, roll int64) {
		r := VerdictRecord{Verdict: Verdict{LineID: line, VoterID: voter, Score: score}, Seq: seq, RollImport: roll}
		r.Valid, r.Reason, r.SubReason = ParseCode(verdict)
		switch notes % 3 {
		case 1:
			r.Notes = []string{}
		case 2:
			r.Notes = []string{note, note + "2"}
		}
		if seq%2 == 0 {
			r.BaseValid, r.Decision = true, Decision(at)
			r.DecidedAt = time.Unix(int64(seq), 0)
		}
		p, err := AppendVerdictPayload(nil, &r, []byte(note))
		if err != nil {
			return
		}
		got, err := ParseVerdictPayload(p)
		var want VerdictEvent
		if jerr := json.Unmarshal(p, &want); jerr != nil || err != nil {
			t.Fatalf("%s: %v / %v", p, err, jerr)
		}
		if fmt.Sprintf("%#v", got) != fmt.Sprintf("%#v", want) {
			t.Fatalf("%s reads as\n%#v\nencoding/json reads\n%#v", p, got, want)
		}
	})
}
