package signet

import (
	"context"
	"time"
)

// The campaign's workspace (docs/campaign.md): the sections its circulators turn in, day by
// day, before the petition is filed, and its pre-checks of the lines collected against the
// voter file it holds. None of it is the Registrar's count: a campaign keeps it to see
// where it stands and where its lines go wrong.

// Event kinds of the campaign's workspace. Their payloads carry counts, file names and
// digests, never a signer's name or address.
const (
	EventIntake   = "intake.add"
	EventPrecheck = "precheck"
)

// IntakeEntry is one section turned in to the campaign: who circulated it, the day it came
// in and how many lines it holds.
type IntakeEntry struct {
	PetitionID string
	SectionID  string
	Circulator string
	// TurnedIn is the day the section came in (a date, UTC midnight).
	TurnedIn time.Time
	Lines    int
	// Seq is the order the entries were recorded in, across the petition (read back).
	Seq int64
	// By and At are who recorded it and when (read back).
	By string
	At time.Time
}

// IntakeSource yields intake entries one by one with the file line they came from; io.EOF
// ends it.
type IntakeSource func() (e IntakeEntry, line int, err error)

// PrecheckRun is one pre-check: a file of collected lines linked to a voter file.
type PrecheckRun struct {
	ID          int64
	PetitionID  string
	LinesFile   string
	LinesSHA256 string
	VoterFile   string
	VoterSHA256 string
	Voters      int
	Lines       int
	Linker      string
	By          string
	At          time.Time
}

// PrecheckLine is one collected line as a pre-check found it: where it came from, the
// voter it linked to, and its verdict on its own (every check but the duplicate rule, which
// the engine applies across all the pre-checked lines when it reads them).
type PrecheckLine struct {
	PetitionID string
	LineID     string
	SectionID  string
	Circulator string
	LineNumber int
	DateSigned time.Time
	// AddressKey is the line's address normalised (house number, street, unit, ZIP), so
	// that lines at one address can be counted together; "" when the line gives none.
	AddressKey string
	// VoterID is the voter linked (or the best candidate of a line sent to review); "" for none.
	VoterID  string
	Decision Decision
	Score    float64
	Valid    bool
	Reason   Reason
	// SubReason qualifies Reason other.
	SubReason string
	// Run is the pre-check that decided the line last; Seq the order the line was first
	// pre-checked in, across the petition (read back).
	Run int64
	Seq int64
}

// Code is the line's verdict code on its own (CodeOf).
func (l PrecheckLine) Code() string { return CodeOf(l.Valid, l.Reason, l.SubReason) }

// IntakeStore keeps a campaign's intake and pre-checks. Every write is whole or not at
// all, with its audit event in the same transaction.
type IntakeStore interface {
	// AddIntake records sections turned in, all or none, and returns them as stored. A
	// section recorded before is refused (EConflict), as is a file (sha256, when not "")
	// recorded before; a petition that does not exist is ENotFound.
	AddIntake(ctx context.Context, petition string, meta ImportMeta, entries []IntakeEntry) ([]IntakeEntry, error)
	// Intake is a petition's intake in the order it was recorded.
	Intake(ctx context.Context, petition string) ([]IntakeEntry, error)
	// IntakeFile is the name a file of intake (by its sha256) was recorded under for a
	// petition, "" when it was not.
	IntakeFile(ctx context.Context, petition, sha256 string) (string, error)
	// SavePrecheck stores a pre-check and its lines in one transaction: a line pre-checked
	// before takes its new result and keeps its place. The same lines file checked against
	// the same voter file again is refused (EConflict).
	SavePrecheck(ctx context.Context, run PrecheckRun, lines []PrecheckLine) (PrecheckRun, error)
	// PrecheckRuns are a petition's pre-checks, oldest first.
	PrecheckRuns(ctx context.Context, petition string) ([]PrecheckRun, error)
	// PrecheckLines are a petition's pre-checked lines in the order first pre-checked.
	PrecheckLines(ctx context.Context, petition string) ([]PrecheckLine, error)
}
