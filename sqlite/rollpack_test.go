package sqlite

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/signet-vote/signet"
)

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
