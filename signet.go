// Package signet is the vocabulary of Signet: jurisdictions, registration reports,
// voters, petitions, sections, lines, verdicts, reasons and audit events, and the
// service interfaces the adapters implement. It imports nothing of the project's own.
//
// Data flows one way: files come in, are normalised into these records, the matcher
// links each petition line to a voter, the rule pack turns links into verdicts, and
// the store keeps every event.
package signet

import (
	"strings"
	"time"
)

// DateLayout is the ISO layout every date is stored and printed in.
const DateLayout = "2006-01-02"

// ParseDate reads a calendar date written as YYYY-MM-DD (ISO), YYYYMMDD or MM/DD/YYYY.
// Surrounding spaces are ignored. The result is midnight UTC of that day.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range [...]string{DateLayout, "20060102", "01/02/2006", "1/2/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, Errorf(EInvalid, "%q is not a date (want YYYY-MM-DD, YYYYMMDD or MM/DD/YYYY)", s)
}

// ParseDateOf reads a date given for what (a flag, a form's field, an API body's key), as
// ParseDate does; a refusal is EInvalid and names what. Both doors read their dates with it.
func ParseDateOf(what, s string) (time.Time, error) {
	t, err := ParseDate(s)
	if err != nil {
		return t, Errorf(EInvalid, "%s: %q is not a date (want YYYY-MM-DD, YYYYMMDD or MM/DD/YYYY)", what, strings.TrimSpace(s))
	}
	return t, nil
}

// FormatDate prints a date as YYYY-MM-DD, or "" for the zero time.
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(DateLayout)
}

// Address is a residence address as written on a roll or a petition line.
type Address struct {
	HouseNumber string
	Street      string
	Unit        string
	City        string
	ZIP         string
}

// String renders the address on one line, for people.
func (a Address) String() string {
	parts := []string{strings.TrimSpace(a.HouseNumber + " " + a.Street)}
	if a.Unit != "" {
		parts = append(parts, a.Unit)
	}
	if a.City != "" {
		parts = append(parts, a.City)
	}
	if a.ZIP != "" {
		parts = append(parts, a.ZIP)
	}
	return strings.Join(parts, ", ")
}
