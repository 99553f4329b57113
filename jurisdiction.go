package signet

import "time"

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
