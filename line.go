package signet

import (
	"strconv"
	"time"
)

// Section is a bundle of pages circulated by one circulator: the unit of filing.
type Section struct {
	PetitionID string
	ID         string
	Circulator string
}

// Line is one signature line of a section.
type Line struct {
	PetitionID          string
	SectionID           string
	Circulator          string
	Number              int // line number within the section
	Seq                 int // 1-based position in filing order across the petition
	PrintedName         string
	Address             Address
	DateSigned          time.Time
	SignaturePresent    bool
	WithdrawalRequested bool
}

// ID is the line's identifier within its petition: "<section>-<line number>".
func (l Line) ID() string { return LineID(l.SectionID, l.Number) }

// LineID builds the identifier of line n of a section.
func LineID(section string, n int) string { return section + "-" + strconv.Itoa(n) }
