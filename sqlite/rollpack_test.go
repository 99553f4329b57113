package sqlite

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/signet-vote/signet"
)

// decodePack appends the voters of one chunk to dst, as PackedRoll reads them. The voters' strings point into data,
// which must not change afterwards.
func decodePack(dst []signet.Voter, data []byte) ([]signet.Voter, error) {
	offs, err := packOffsets(nil, data)
	if err != nil {
		return dst, err
	}
	for _, off := range offs {
		var v signet.Voter
		readPacked(data, int(off), &v)
		dst = append(dst, v)
	}
	return dst, nil
}

func TestRollPackRoundTrip(t *testing.T) {
	day := func(s string) signet.Voter {
		d, _ := signet.ParseDate(s)
		return signet.Voter{RegistrationDate: d}
	}
	in := []signet.Voter{
		{ID: "V1", FirstName: "MARÍA", MiddleName: "G", LastName: "GARCÍA LÓPEZ", Suffix: "JR",
			Residence: signet.Address{HouseNumber: "123 1/2", Street: "N MAIN ST", Unit: "APT 4", City: "LOS ANGELES", ZIP: "90012"},
			Status:    signet.StatusCancelled, RegistrationDate: day("1851-02-03").RegistrationDate, CancelledDate: day("2199-12-31").RegistrationDate,
			Prior: []signet.PriorAddress{{Address: signet.Address{HouseNumber: "9", Street: "ELM AVE", ZIP: "90013"}, Until: day("2022-03-01").RegistrationDate}}},
		{ID: "V2", FirstName: "A", LastName: "B", Status: signet.StatusActive},
		{},
	}
	var w packWriter
	for i := range in {
		w.add(&in[i])
	}
	out, err := decodePack(nil, w.buf)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(in, out); d != "" {
		t.Fatalf("round trip (-in +out):\n%s", d)
	}
	if _, err := decodePack(nil, w.buf[:len(w.buf)-3]); err == nil {
		t.Fatal("a truncated pack decoded")
	}
}

// A roll of three packs reads back voter by voter, ids and all, through PackedRoll; a pack
// whose bytes were cut short is refused with the snapshot and pack named.
func TestPackedRollSpansPacks(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "s.db"))
	if err := s.CreateJurisdiction(ctx, signet.Jurisdiction{ID: "j", Name: "J", ZIPs: []string{"90001"}}, "t"); err != nil {
		t.Fatal(err)
	}
	n := 2*packChunk + 100
	var want []signet.Voter
	src := voters(n, 0)
	if _, err := s.ImportVoters(ctx, "j", signet.ImportMeta{FileName: "f.csv", SHA256: "x"}, func() (signet.Voter, int, error) {
		v, line, err := src()
		if err == nil {
			v.MiddleName = strconv.Itoa(line)
			want = append(want, v)
		}
		return v, line, err
	}); err != nil {
		t.Fatal(err)
	}
	imp, err := s.CurrentRoll(ctx, "j")
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.OpenRoll(ctx, imp)
	if err != nil || r.Len() != n || imp.Rows != n {
		t.Fatalf("OpenRoll = %d voters (snapshot of %d), %v", r.Len(), imp.Rows, err)
	}
	var v signet.Voter
	for _, i := range []int{0, 1, packChunk - 1, packChunk, 2 * packChunk, n - 1} {
		r.Read(i, &v)
		if d := cmp.Diff(want[i], v); d != "" || r.ID(i) != want[i].ID {
			t.Fatalf("voter %d (id %q) (-want +got):\n%s", i, r.ID(i), d)
		}
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE roll_packs SET data = substr(data, 1, length(data) - 2) WHERE chunk = 1`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.OpenRoll(ctx, imp); err == nil || !strings.Contains(err.Error(), "pack 1") {
		t.Fatalf("a cut pack: %v", err)
	}
}

// parseDate's fast path reads what time.Parse reads, and leaves the rest to it.
func TestParseDateAgreesWithTimeParse(t *testing.T) {
	for _, s := range []string{"2022-07-06", "1900-01-01", "2024-02-29", "2023-02-29", "2022-13-01", "2022-00-10",
		"2022-1-06", "20x2-07-06", "2022-07-31", "2022-04-31", "", "2022-07-06T00:00:00Z", "0000-01-01", "9999-12-28"} {
		want, _ := time.Parse(signet.DateLayout, s)
		if got := parseDate(s); !got.Equal(want) || got.Location() != want.Location() {
			t.Errorf("parseDate(%q) = %v, time.Parse gives %v", s, got, want)
		}
	}
}
