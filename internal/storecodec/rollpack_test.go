package storecodec

import (
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
	var w Pack
	for i := range in {
		w.AddVoter(&in[i])
	}
	out, err := decodePack(nil, w.Buf)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(in, out); d != "" {
		t.Fatalf("round trip (-in +out):\n%s", d)
	}
	if _, err := decodePack(nil, w.Buf[:len(w.Buf)-3]); err == nil {
		t.Fatal("a truncated pack decoded")
	}
}

// ParseDate's fast path reads what time.Parse reads, and leaves the rest to it.
func TestParseDateAgreesWithTimeParse(t *testing.T) {
	for _, s := range []string{"2022-07-06", "1900-01-01", "2024-02-29", "2023-02-29", "2022-13-01", "2022-00-10",
		"2022-1-06", "20x2-07-06", "2022-07-31", "2022-04-31", "", "2022-07-06T00:00:00Z", "0000-01-01", "9999-12-28"} {
		want, _ := time.Parse(signet.DateLayout, s)
		if got := ParseDate(s); !got.Equal(want) || got.Location() != want.Location() {
			t.Errorf("ParseDate(%q) = %v, time.Parse gives %v", s, got, want)
		}
	}
}
