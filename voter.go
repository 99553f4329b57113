package signet

import (
	"slices"
	"strings"
	"time"
)

// VoterStatus is the state of a registration on the roll.
type VoterStatus string

// The registration states a roll may carry.
const (
	StatusActive    VoterStatus = "active"
	StatusInactive  VoterStatus = "inactive"
	StatusCancelled VoterStatus = "cancelled"
)

// ParseVoterStatus reads a status, accepting the common one-letter codes (A, I, C) and
// the spelling "canceled".
func ParseVoterStatus(s string) (VoterStatus, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "active", "a", "act":
		return StatusActive, nil
	case "inactive", "i", "inact":
		return StatusInactive, nil
	case "cancelled", "canceled", "c", "can":
		return StatusCancelled, nil
	}
	return "", Errorf(EInvalid, "%q is not a voter status (want active, inactive or cancelled)", s)
}

// PriorAddress is an address a voter was registered at until a date.
type PriorAddress struct {
	Address
	Until time.Time
}

// Voter is one registration on the roll.
type Voter struct {
	ID               string
	FirstName        string
	MiddleName       string
	LastName         string
	Suffix           string
	Residence        Address
	RegistrationDate time.Time
	Status           VoterStatus
	CancelledDate    time.Time
	BirthDate        time.Time
	Prior            []PriorAddress
}

// Clone is a copy of v that shares nothing with it: its prior addresses copied (nil when it
// has none), for a voter read into a record its reader reuses.
func (v *Voter) Clone() Voter {
	c := *v
	c.Prior = nil
	if len(v.Prior) > 0 {
		c.Prior = slices.Clone(v.Prior)
	}
	return c
}

// FullName is the name as a person reads it: first, middle, last, suffix.
func (v Voter) FullName() string {
	return strings.Join(strings.Fields(v.FirstName+" "+v.MiddleName+" "+v.LastName+" "+v.Suffix), " ")
}
