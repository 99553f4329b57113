package signet

import (
	"strings"
	"time"
)

// Jurisdiction is the area an officer or measure belongs to, with the ZIP codes that lie
// inside it; a line whose ZIP is not among them is out of the jurisdiction.
type Jurisdiction struct {
	ID   string
	Name string
	ZIPs []string
}

// HasZIP reports whether the five-digit ZIP lies inside the jurisdiction.
func (j Jurisdiction) HasZIP(zip string) bool {
	for _, z := range j.ZIPs {
		if z == zip {
			return true
		}
	}
	return false
}

// RegistrationReport is a dated count of registered voters in a jurisdiction. The
// requirement of a petition is computed from one report, and the petition keeps its id.
type RegistrationReport struct {
	ID             string
	JurisdictionID string
	Date           time.Time
	Registered     int
	// Source says where the count came from: "entered" or "roll:<import id>".
	Source string
}

// ParseZIPs reads a list of ZIP codes separated by commas, spaces or line breaks, as a
// jurisdiction's are given (signet jurisdiction create --zips, the admin's form): each
// five digits, duplicates dropped, in the order given. A code that is not five digits is
// refused (EInvalid, naming it); an empty list gives none (the caller decides whether one
// is needed).
func ParseZIPs(list string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, z := range strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' }) {
		if !IsZIP(z) {
			return nil, Errorf(EInvalid, "%.20q is not a five-digit ZIP code", z)
		}
		if !seen[z] {
			seen[z] = true
			out = append(out, z)
		}
	}
	return out, nil
}

// IsZIP says whether z is a five-digit ZIP code.
func IsZIP(z string) bool {
	return len(z) == 5 && strings.Trim(z, "0123456789") == ""
}
