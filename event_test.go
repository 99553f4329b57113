package signet

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func chain(n int) []Event {
	var evs []Event
	prev := GenesisHash
	for i := 1; i <= n; i++ {
		e := Event{At: time.Date(2022, 7, 6, 10, 0, i, 0, time.UTC), Kind: EventVerdict, Actor: "test", Subject: "petition:p",
			Payload: json.RawMessage(`{"line":"S-` + string(rune('0'+i)) + `"}`)}
		e.Seal(int64(i), prev)
		prev = e.Hash
		evs = append(evs, e)
	}
	return evs
}

func verify(evs []Event, headSeq int64, headHash string) error {
	c := NewChainVerifier()
	for _, e := range evs {
		if err := c.Next(e); err != nil {
			return err
		}
	}
	return c.Finish(headSeq, headHash)
}

func TestChainIntact(t *testing.T) {
	evs := chain(5)
	if err := verify(evs, 5, evs[4].Hash); err != nil {
		t.Fatal(err)
	}
	if evs[0].PrevHash != GenesisHash || evs[1].PrevHash != evs[0].Hash {
		t.Fatal("events are not linked")
	}
}

func TestChainTampering(t *testing.T) {
	cases := []struct {
		name   string
		tamper func([]Event) []Event
		want   string
	}{
		{"payload edited", func(e []Event) []Event { e[2].Payload = json.RawMessage(`{"line":"S-X"}`); return e }, "event 3 (verdict): content does not match"},
		{"actor edited", func(e []Event) []Event { e[1].Actor = "mallory"; return e }, "event 2 (verdict): content does not match"},
		{"time edited", func(e []Event) []Event { e[3].At = e[3].At.Add(time.Second); return e }, "event 4"},
		{"row removed", func(e []Event) []Event { return append(e[:2], e[3:]...) }, "event 4: expected event 3 next"},
		{"rehashed after edit", func(e []Event) []Event { e[2].Kind = "x"; e[2].Hash = e[2].ComputeHash(); return e }, "event 4 (verdict): its previous-event hash does not match event 3"},
		{"last row removed", func(e []Event) []Event { return e[:4] }, "the log ends at event 4 but its head records event 5"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			evs := chain(5)
			head := evs[4].Hash
			err := verify(tc.tamper(evs), 5, head)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{"2022-07-06": "2022-07-06", " 20220706 ": "2022-07-06", "07/06/2022": "2022-07-06", "7/6/2022": "2022-07-06"} {
		d, err := ParseDate(in)
		if err != nil || FormatDate(d) != want {
			t.Errorf("ParseDate(%q) = %v, %v", in, d, err)
		}
	}
	for _, bad := range []string{"", "2022-13-01", "06/07/22", "yesterday"} {
		if _, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) accepted", bad)
		}
	}
}

func TestErrorCode(t *testing.T) {
	if Code(nil) != "" || Code(Errorf(ENotFound, "x")) != ENotFound || Code(json.Unmarshal([]byte("{"), &struct{}{})) != EInternal {
		t.Fatal("Code does not classify errors")
	}
}

// marshalCanonical is the canonical form as the audit log was first written: encoding/json
// over a []any. Every chain ever stored was hashed over these bytes.
func marshalCanonical(e Event) []byte {
	b, err := json.Marshal([]any{e.Seq, e.At.UTC().Format(EventTimeLayout), e.Kind, e.Actor, e.Subject, string(e.Payload), e.PrevHash})
	if err != nil {
		panic(err)
	}
	return b
}

func checkCanonical(t *testing.T, seq int64, usec int64, kind, actor, subject, payload, prev string) {
	e := Event{Seq: seq, At: time.UnixMicro(usec), Kind: kind, Actor: actor, Subject: subject, Payload: json.RawMessage(payload), PrevHash: prev}
	if got, want := e.Canonical(), marshalCanonical(e); string(got) != string(want) {
		t.Fatalf("Canonical = %s\nencoding/json writes %s", got, want)
	}
}

var canonicalSeeds = []struct {
	seq, usec                           int64
	kind, actor, subject, payload, prev string
}{
	{1, 1657101600000000, EventVerdict, "signet verify (fs-v1)", "petition:p", `{"line":"S1-2","notes":null,"score":0.9973912,"seq":7,"verdict":"valid","voter":"V1"}`, GenesisHash},
	{-5, -1, "k<i>nd&", "Zoë \"z\" <z@x>", "petition:é\u2028\u2029", "{\"a\":\"tab\\t\"}\t\x00\x7f", "bad\xffutf8"},
	{1 << 62, 253402300799999999, "", "", "", "", ""},
}

func TestCanonicalIsEncodingJSON(t *testing.T) {
	for _, c := range canonicalSeeds {
		checkCanonical(t, c.seq, c.usec, c.kind, c.actor, c.subject, c.payload, c.prev)
	}
}

func FuzzCanonical(f *testing.F) {
	for _, c := range canonicalSeeds {
		f.Add(c.seq, c.usec, c.kind, c.actor, c.subject, c.payload, c.prev)
	}
	f.Fuzz(checkCanonical)
}

func TestParseDateOf(t *testing.T) {
	if d, err := ParseDateOf("approved", " 2022-03-04 "); err != nil || FormatDate(d) != "2022-03-04" {
		t.Errorf("a date: %v %v", d, err)
	}
	_, err := ParseDateOf("--approved", "2022-13-01")
	if Code(err) != EInvalid || err.Error() != `--approved: "2022-13-01" is not a date (want YYYY-MM-DD, YYYYMMDD or MM/DD/YYYY)` {
		t.Errorf("a bad date: %v", err)
	}
}

func TestParseZIPs(t *testing.T) {
	got, err := ParseZIPs("90001, 90002\n90001 90003,,")
	if err != nil || strings.Join(got, " ") != "90001 90002 90003" {
		t.Errorf("a list: %v %v", got, err)
	}
	if got, err := ParseZIPs("  "); err != nil || len(got) != 0 {
		t.Errorf("an empty list: %v %v", got, err)
	}
	for _, bad := range []string{"9000", "900011", "9000a", "90001,abcde"} {
		if _, err := ParseZIPs(bad); Code(err) != EInvalid || !strings.Contains(err.Error(), "five-digit") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}
