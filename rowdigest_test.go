package signet

import (
	"bytes"
	"testing"
	"time"
)

// The canonical form a digest covers and the diff that names a changed field are written
// apart (the form is on every import's path); a change to any one field must change the
// form and be named by the diff, so the two cannot drift apart unseen.
func TestRowFormAndDiffAgree(t *testing.T) {
	day := time.Date(2001, 2, 3, 0, 0, 0, 0, time.UTC)
	base := Voter{ID: "V1", FirstName: "ANN", MiddleName: "B", LastName: "LEE", Suffix: "JR",
		Residence:        Address{HouseNumber: "1", Street: "MAIN ST", Unit: "2", City: "LA", ZIP: "90012"},
		RegistrationDate: day, Status: StatusActive, CancelledDate: day, BirthDate: day,
		Prior: []PriorAddress{{Address: Address{HouseNumber: "3", Street: "ELM ST", Unit: "4", City: "LB", ZIP: "90800"}, Until: day}}}
	voterEdits := map[string]func(v *Voter){
		"voter_id": func(v *Voter) { v.ID += "x" }, "first_name": func(v *Voter) { v.FirstName += "x" },
		"middle_name": func(v *Voter) { v.MiddleName += "x" }, "last_name": func(v *Voter) { v.LastName += "x" },
		"suffix": func(v *Voter) { v.Suffix += "x" }, "house_number": func(v *Voter) { v.Residence.HouseNumber += "x" },
		"street": func(v *Voter) { v.Residence.Street += "x" }, "unit": func(v *Voter) { v.Residence.Unit += "x" },
		"city": func(v *Voter) { v.Residence.City += "x" }, "zip": func(v *Voter) { v.Residence.ZIP += "x" },
		"registration_date":  func(v *Voter) { v.RegistrationDate = day.AddDate(0, 0, 1) },
		"status":             func(v *Voter) { v.Status = StatusInactive },
		"cancelled_date":     func(v *Voter) { v.CancelledDate = time.Time{} },
		"birth_date":         func(v *Voter) { v.BirthDate = day.AddDate(1, 0, 0) },
		"prior_house_number": func(v *Voter) { v.Prior[0].HouseNumber += "x" }, "prior_street": func(v *Voter) { v.Prior[0].Street += "x" },
		"prior_unit": func(v *Voter) { v.Prior[0].Unit += "x" }, "prior_city": func(v *Voter) { v.Prior[0].City += "x" },
		"prior_zip": func(v *Voter) { v.Prior[0].ZIP += "x" }, "prior_until": func(v *Voter) { v.Prior[0].Until = time.Time{} },
	}
	if len(voterEdits) != len(VoterRowFields) {
		t.Fatalf("%d voter edits for %d fields", len(voterEdits), len(VoterRowFields))
	}
	for field, edit := range voterEdits {
		v := base
		v.Prior = append([]PriorAddress(nil), base.Prior...)
		edit(&v)
		if bytes.Equal(AppendVoterRow(nil, &base), AppendVoterRow(nil, &v)) {
			t.Errorf("voter %s changed: the canonical form did not", field)
		}
		if got, _, _ := VoterRowDiff(&v, &base); got != field {
			t.Errorf("voter %s changed: the diff names %q", field, got)
		}
	}
	line := Line{Seq: 7, SectionID: "S1", Number: 3, Circulator: "C", PrintedName: "ANN LEE",
		Address: Address{HouseNumber: "1", Street: "MAIN ST", Unit: "2", City: "LA", ZIP: "90012"}, DateSigned: day, SignaturePresent: true}
	lineEdits := map[string]func(l *Line){
		"seq": func(l *Line) { l.Seq++ }, "section": func(l *Line) { l.SectionID += "x" }, "line_number": func(l *Line) { l.Number++ },
		"circulator": func(l *Line) { l.Circulator += "x" }, "printed_name": func(l *Line) { l.PrintedName += "x" },
		"house_number": func(l *Line) { l.Address.HouseNumber += "x" }, "street": func(l *Line) { l.Address.Street += "x" },
		"unit": func(l *Line) { l.Address.Unit += "x" }, "city": func(l *Line) { l.Address.City += "x" },
		"zip": func(l *Line) { l.Address.ZIP += "x" }, "date_signed": func(l *Line) { l.DateSigned = time.Time{} },
		"signature_present":    func(l *Line) { l.SignaturePresent = false },
		"withdrawal_requested": func(l *Line) { l.WithdrawalRequested = true },
	}
	if len(lineEdits) != len(LineRowFields) {
		t.Fatalf("%d line edits for %d fields", len(lineEdits), len(LineRowFields))
	}
	for field, edit := range lineEdits {
		l := line
		edit(&l)
		if bytes.Equal(AppendLineRow(nil, &line), AppendLineRow(nil, &l)) {
			t.Errorf("line %s changed: the canonical form did not", field)
		}
		if got, _, _ := LineRowDiff(&l, &line); got != field {
			t.Errorf("line %s changed: the diff names %q", field, got)
		}
	}
}

// The canonical form writes a date as FormatDate does, without its cost.
func TestRowDateIsFormatDate(t *testing.T) {
	for _, d := range []time.Time{{}, time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2022, 7, 6, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(-5, 3, 4, 0, 0, 0, 0, time.UTC)} {
		want := []byte{0}
		if s := FormatDate(d); s != "" {
			want = appendRowField(nil, s)
		}
		if got := appendRowDate(nil, d); !bytes.Equal(got, want) {
			t.Errorf("%v: %q, want %q", d, got, want)
		}
	}
}
