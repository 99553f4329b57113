package law

import (
	"testing"
	"time"

	"github.com/signet-vote/signet"
)

func TestClassify(t *testing.T) {
	day := func(s string) time.Time { d, _ := signet.ParseDate(s); return d }
	p := signet.Petition{ID: "p", Approved: day("2022-01-27"), Filed: day("2022-07-06"), Cutoff: signet.CutoffSigningDate}
	j := signet.Jurisdiction{ZIPs: []string{"90012", "90013"}}
	reviews := map[string]signet.Review{"S-9": {LineID: "S-9", Signature: signet.SignatureDiffers}, "S-10": {LineID: "S-10", Signature: signet.SignatureMatches}}
	voter := func(mod func(*signet.Voter)) *signet.Voter {
		v := &signet.Voter{ID: "V1", Status: signet.StatusActive, RegistrationDate: day("2010-01-01")}
		if mod != nil {
			mod(v)
		}
		return v
	}
	line := func(n int, mod func(*signet.Line)) *signet.Line {
		l := &signet.Line{SectionID: "S", Number: n, PrintedName: "Ann Lee", SignaturePresent: true, DateSigned: day("2022-03-01"),
			Address: signet.Address{HouseNumber: "1", Street: "Oak Dr", ZIP: "90012"}}
		if mod != nil {
			mod(l)
		}
		return l
	}
	cur := func(v *signet.Voter) signet.Link {
		return signet.Link{Voter: v, Address: signet.AddressCurrent, Score: 1}
	}
	cases := []struct {
		name string
		c    *Checks
		l    *signet.Line
		link signet.Link
		want string
	}{
		{"valid", nil, line(1, nil), cur(voter(nil)), "valid"},
		{"no signature beats everything", nil, line(2, func(l *signet.Line) { l.SignaturePresent = false; l.WithdrawalRequested = true }), signet.Link{}, "other:no_signature"},
		{"withdrawn", nil, line(3, func(l *signet.Line) { l.WithdrawalRequested = true }), cur(voter(nil)), "other:withdrawn"},
		{"incomplete address", nil, line(4, func(l *signet.Line) { l.Address.Street = "" }), cur(voter(nil)), "other:incomplete_address"},
		{"out of county before linking", nil, line(5, func(l *signet.Line) { l.Address.ZIP = "92602" }), cur(voter(nil)), "out_of_county"},
		{"not registered", nil, line(6, nil), signet.Link{}, "not_registered"},
		{"cancelled", nil, line(7, nil), cur(voter(func(v *signet.Voter) { v.Status = signet.StatusCancelled; v.CancelledDate = day("2021-01-01") })), "cancelled"},
		{"different address", nil, line(8, nil), signet.Link{Voter: voter(nil), Address: signet.AddressNone}, "different_address"},
		{"signature mismatch recorded", nil, line(9, nil), cur(voter(nil)), "signature_mismatch"},
		{"signature match recorded", nil, line(10, nil), cur(voter(nil)), "valid"},
		{"registered after signing, signing-date cut-off", nil, line(11, nil), cur(voter(func(v *signet.Voter) { v.RegistrationDate = day("2022-04-01") })), "other:registered_after_cutoff"},
		{"registered after signing, filing-date cut-off", NewChecks(signet.Petition{ID: "p", Approved: p.Approved, Filed: p.Filed, Cutoff: signet.CutoffFilingDate}, j, nil),
			line(12, nil), cur(voter(func(v *signet.Voter) { v.RegistrationDate = day("2022-04-01") })), "valid"},
		{"registered after filing, filing-date cut-off", NewChecks(signet.Petition{ID: "p", Approved: p.Approved, Filed: p.Filed, Cutoff: signet.CutoffFilingDate}, j, nil),
			line(13, nil), cur(voter(func(v *signet.Voter) { v.RegistrationDate = day("2022-07-07") })), "other:registered_after_cutoff"},
		{"prior address valid on the signing day", nil, line(14, nil),
			signet.Link{Voter: voter(func(v *signet.Voter) { v.Prior = []signet.PriorAddress{{Until: day("2022-03-01")}} }), Address: signet.AddressPrior}, "valid"},
		{"prior address left before signing", nil, line(15, nil),
			signet.Link{Voter: voter(func(v *signet.Voter) { v.Prior = []signet.PriorAddress{{Until: day("2022-02-28")}} }), Address: signet.AddressPrior}, "different_address"},
		{"signed before approval", nil, line(16, func(l *signet.Line) { l.DateSigned = day("2022-01-01") }), cur(voter(nil)), "other:signed_outside_circulation"},
		{"illegible", nil, line(17, func(l *signet.Line) { l.PrintedName = "" }), cur(voter(nil)), "other:illegible"},
	}
	def := NewChecks(p, j, reviews)
	for _, tc := range cases {
		c := tc.c
		if c == nil {
			c = def
		}
		if got := c.Classify(tc.l, tc.link).Code(); got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.name, got, tc.want)
		}
	}
	v := def.Classify(line(20, nil), signet.Link{Voter: voter(func(v *signet.Voter) { v.Status = signet.StatusInactive }), Address: signet.AddressCurrent, Notes: []string{signet.NoteApartmentMissing}})
	if !v.Valid || len(v.Notes) != 2 || v.Notes[0] != signet.NoteApartmentMissing || v.Notes[1] != signet.NoteInactive || v.VoterID != "V1" {
		t.Errorf("notes = %+v", v)
	}
}
