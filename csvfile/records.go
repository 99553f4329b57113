package csvfile

import (
	"strconv"
	"strings"
	"time"

	"github.com/signet-vote/signet"
)

// VoterSchema is the voter roll format (docs/formats.md).
var VoterSchema = Schema{
	Kind: "voter roll",
	Fields: []string{"voter_id", "first_name", "middle_name", "last_name", "suffix",
		"house_number", "street", "unit", "city", "zip", "registration_date", "status",
		"cancelled_date", "birth_date",
		"prior_house_number", "prior_street", "prior_unit", "prior_city", "prior_zip", "prior_until"},
	Required: []string{"voter_id", "first_name", "last_name", "house_number", "street", "zip", "registration_date", "status"},
	Max: map[string]int{"voter_id": 64, "suffix": 20, "house_number": 20, "unit": 64, "zip": 10, "registration_date": 32,
		"status": 32, "cancelled_date": 32, "birth_date": 32, "prior_house_number": 20, "prior_unit": 20, "prior_zip": 10, "prior_until": 32},
}

// LineSchema is the petition line format (docs/formats.md).
var LineSchema = Schema{
	Kind: "petition lines",
	Fields: []string{"section_id", "circulator", "line_number", "printed_name",
		"house_number", "street", "unit", "city", "zip", "date_signed",
		"signature_present", "withdrawal_requested"},
	Required: []string{"section_id", "line_number", "printed_name", "date_signed"},
	Max: map[string]int{"section_id": 64, "line_number": 10, "printed_name": 200, "house_number": 20, "unit": 64, "zip": 10,
		"date_signed": 32, "signature_present": 10, "withdrawal_requested": 10},
}

// ReviewSchema is the signature decision format (docs/formats.md).
var ReviewSchema = Schema{
	Kind:     "signature decisions",
	Fields:   []string{"line_id", "signature", "by"},
	Required: []string{"line_id", "signature", "by"},
	Max:      map[string]int{"line_id": 140, "signature": 32},
}

func (row *Row) date(field string, required bool) (time.Time, error) {
	v := row.Get(field)
	if v == "" {
		if required {
			return time.Time{}, row.Errorf(field, "%s is empty", field)
		}
		return time.Time{}, nil
	}
	t, err := signet.ParseDate(v)
	if err != nil {
		return time.Time{}, row.Errorf(field, "%v", err)
	}
	if t.Year() < 1850 || t.Year() > 2200 {
		return time.Time{}, row.Errorf(field, "%s is out of range", v)
	}
	return t, nil
}

func (row *Row) boolean(field string, def bool) (bool, error) {
	v := strings.ToLower(row.Get(field))
	switch v {
	case "":
		return def, nil
	case "yes", "y", "true", "t", "1":
		return true, nil
	case "no", "n", "false", "f", "0":
		return false, nil
	}
	return false, row.Errorf(field, "%q is not yes or no", row.Get(field))
}

func (row *Row) zip(field string, required bool) (string, error) {
	v := row.Get(field)
	if v == "" {
		if required {
			return "", row.Errorf(field, "%s is empty", field)
		}
		return "", nil
	}
	z := v
	if len(z) == 10 && z[5] == '-' {
		z = z[:5]
	} else if len(z) == 9 {
		z = z[:5]
	}
	if len(z) != 5 || strings.Trim(z, "0123456789") != "" {
		return "", row.Errorf(field, "%q is not a ZIP code (want 5 digits or ZIP+4)", v)
	}
	return z, nil
}

// Voter reads a voter from a row of a voter roll.
func (row *Row) Voter() (signet.Voter, error) {
	var v signet.Voter
	var err error
	if v.ID, err = row.Require("voter_id"); err != nil {
		return v, err
	}
	if v.FirstName, err = row.Require("first_name"); err != nil {
		return v, err
	}
	if v.LastName, err = row.Require("last_name"); err != nil {
		return v, err
	}
	v.MiddleName, v.Suffix = row.Get("middle_name"), row.Get("suffix")
	if v.Residence.HouseNumber, err = row.Require("house_number"); err != nil {
		return v, err
	}
	if v.Residence.Street, err = row.Require("street"); err != nil {
		return v, err
	}
	v.Residence.Unit, v.Residence.City = row.Get("unit"), row.Get("city")
	if v.Residence.ZIP, err = row.zip("zip", true); err != nil {
		return v, err
	}
	if v.RegistrationDate, err = row.date("registration_date", true); err != nil {
		return v, err
	}
	st, err := row.Require("status")
	if err != nil {
		return v, err
	}
	if v.Status, err = signet.ParseVoterStatus(st); err != nil {
		return v, row.Errorf("status", "%v", err)
	}
	if v.CancelledDate, err = row.date("cancelled_date", false); err != nil {
		return v, err
	}
	if v.BirthDate, err = row.date("birth_date", false); err != nil {
		return v, err
	}
	var p signet.PriorAddress
	p.HouseNumber, p.Street, p.Unit, p.City = row.Get("prior_house_number"), row.Get("prior_street"), row.Get("prior_unit"), row.Get("prior_city")
	if p.ZIP, err = row.zip("prior_zip", false); err != nil {
		return v, err
	}
	if p.Until, err = row.date("prior_until", false); err != nil {
		return v, err
	}
	if p.HouseNumber != "" || p.Street != "" || p.ZIP != "" {
		if p.HouseNumber == "" || p.Street == "" {
			return v, row.Errorf("prior_street", "a prior address needs both a house number and a street")
		}
		v.Prior = []signet.PriorAddress{p}
	}
	return v, nil
}

// PetitionLine reads a petition line from a row of a lines file. The line's Seq is left for the
// caller, which knows the lines already filed.
func (row *Row) PetitionLine() (signet.Line, error) {
	var l signet.Line
	var err error
	if l.SectionID, err = row.Require("section_id"); err != nil {
		return l, err
	}
	if strings.ContainsAny(l.SectionID, "\n\r\t") {
		return l, row.Errorf("section_id", "a section id may not contain control characters")
	}
	l.Circulator = row.Get("circulator")
	n, err := row.Require("line_number")
	if err != nil {
		return l, err
	}
	if l.Number, err = strconv.Atoi(n); err != nil || l.Number < 1 || l.Number > 1_000_000 {
		return l, row.Errorf("line_number", "%q is not a line number (want a whole number from 1)", n)
	}
	l.PrintedName = row.Get("printed_name")
	l.Address = signet.Address{HouseNumber: row.Get("house_number"), Street: row.Get("street"), Unit: row.Get("unit"), City: row.Get("city")}
	if l.Address.ZIP, err = row.zip("zip", false); err != nil {
		return l, err
	}
	if l.DateSigned, err = row.date("date_signed", true); err != nil {
		return l, err
	}
	if l.SignaturePresent, err = row.boolean("signature_present", true); err != nil {
		return l, err
	}
	if l.WithdrawalRequested, err = row.boolean("withdrawal_requested", false); err != nil {
		return l, err
	}
	return l, nil
}

// Review reads a signature decision from a row of a decisions file.
func (row *Row) Review() (signet.Review, error) {
	var r signet.Review
	var err error
	if r.LineID, err = row.Require("line_id"); err != nil {
		return r, err
	}
	s, err := row.Require("signature")
	if err != nil {
		return r, err
	}
	if r.Signature, err = signet.ParseSignatureDecision(s); err != nil {
		return r, row.Errorf("signature", "%v", err)
	}
	if r.By, err = row.Require("by"); err != nil {
		return r, err
	}
	return r, nil
}

// LinkVoter reads a row of a voter-format file for record linkage (Options.Lenient): no
// field is required and a value that does not parse (a malformed date, status or ZIP) is
// read as missing, its field named in unparsed. A ZIP or postcode of 3 to 9 digits is kept
// as written.
func (row *Row) LinkVoter() (v signet.Voter, unparsed []string) {
	v.ID = row.Get("voter_id")
	v.FirstName, v.MiddleName, v.LastName, v.Suffix = row.Get("first_name"), row.Get("middle_name"), row.Get("last_name"), row.Get("suffix")
	v.Residence = signet.Address{HouseNumber: row.Get("house_number"), Street: row.Get("street"), Unit: row.Get("unit"), City: row.Get("city")}
	zip := func(field string) string {
		z := row.Get(field)
		if z == "" {
			return ""
		}
		if p, err := row.zip(field, false); err == nil {
			return p
		}
		if len(z) >= 3 && len(z) <= 9 && strings.Trim(z, "0123456789") == "" {
			return z
		}
		unparsed = append(unparsed, field)
		return ""
	}
	date := func(field string) time.Time {
		if row.Get(field) == "" {
			return time.Time{}
		}
		t, err := row.date(field, false)
		if err != nil {
			unparsed = append(unparsed, field)
			return time.Time{}
		}
		return t
	}
	v.Residence.ZIP = zip("zip")
	v.RegistrationDate = date("registration_date")
	if st := row.Get("status"); st != "" {
		var err error
		if v.Status, err = signet.ParseVoterStatus(st); err != nil {
			unparsed = append(unparsed, "status")
		}
	}
	v.CancelledDate = date("cancelled_date")
	v.BirthDate = date("birth_date")
	var p signet.PriorAddress
	p.HouseNumber, p.Street, p.Unit, p.City = row.Get("prior_house_number"), row.Get("prior_street"), row.Get("prior_unit"), row.Get("prior_city")
	p.ZIP = zip("prior_zip")
	p.Until = date("prior_until")
	if p.HouseNumber != "" || p.Street != "" {
		v.Prior = []signet.PriorAddress{p}
	}
	return v, unparsed
}

// IntakeSchema is the campaign's intake format (docs/campaign.md): one section turned in
// a row.
var IntakeSchema = Schema{
	Kind:     "campaign intake",
	Fields:   []string{"section_id", "circulator", "turned_in", "lines"},
	Required: []string{"section_id", "circulator", "turned_in", "lines"},
	Max:      map[string]int{"section_id": 64, "circulator": 200, "turned_in": 32, "lines": 10},
}

// Intake reads a section turned in from a row of an intake file.
func (row *Row) Intake() (signet.IntakeEntry, error) {
	var e signet.IntakeEntry
	var err error
	if e.SectionID, err = row.Require("section_id"); err != nil {
		return e, err
	}
	if strings.ContainsAny(e.SectionID, "\n\r\t") {
		return e, row.Errorf("section_id", "a section id may not contain control characters")
	}
	if e.Circulator, err = row.Require("circulator"); err != nil {
		return e, err
	}
	if e.TurnedIn, err = row.date("turned_in", true); err != nil {
		return e, err
	}
	n, err := row.Require("lines")
	if err != nil {
		return e, err
	}
	if e.Lines, err = strconv.Atoi(n); err != nil || e.Lines < 1 || e.Lines > 1_000_000 {
		return e, row.Errorf("lines", "%q is not a count of lines (want a whole number from 1)", n)
	}
	return e, nil
}
