package registrar

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"time"

	"github.com/signet-vote/signet"
)

// The campaign's intake (docs/campaign.md): the sections its circulators turn in, day by
// day, before the petition is filed, and where they stand against the requirement and the
// deadline.

// intakeAt says where an intake entry came from in errors: a file's line and column, or
// the entry given directly (meta.FileName "").
func intakeAt(meta signet.ImportMeta, line int, column string) string {
	if meta.FileName == "" {
		return "the section's " + column
	}
	return fmt.Sprintf("%s: line %d, column %s", meta.FileName, line, column)
}

// AddIntake records sections turned in to a petition's campaign, all or none: each names
// its section, circulator, the day it came in and its lines. A file without sections, a
// section twice, an empty circulator, fewer than one line, a day before the petition's form
// was approved or after today are refused (EInvalid, naming the file's line and column); a
// section recorded before, or a file recorded before, is refused (EConflict).
func (s *Service) AddIntake(ctx context.Context, petition string, meta signet.ImportMeta, next signet.IntakeSource) ([]signet.IntakeEntry, error) {
	p, err := s.Store.Petition(ctx, petition)
	if err != nil {
		return nil, err
	}
	// A file recorded before is said as such, before any of its sections is found recorded.
	if meta.SHA256 != "" {
		name, err := s.Store.IntakeFile(ctx, petition, meta.SHA256)
		if err != nil {
			return nil, err
		}
		if name != "" {
			return nil, signet.Errorf(signet.EConflict, "%s: this file's intake was recorded before for petition %q (as %s)", cmp.Or(meta.FileName, "the intake"), petition, name)
		}
	}
	before, err := s.Store.Intake(ctx, petition)
	if err != nil {
		return nil, err
	}
	recorded := make(map[string]bool, len(before))
	for _, e := range before {
		recorded[e.SectionID] = true
	}
	today := s.now().UTC().Truncate(24 * time.Hour)
	seen := map[string]int{}
	var entries []signet.IntakeEntry
	for {
		e, line, err := next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch {
		case e.SectionID == "":
			return nil, signet.Errorf(signet.EInvalid, "%s: the section id is empty", intakeAt(meta, line, "section_id"))
		case seen[e.SectionID] > 0:
			return nil, signet.Errorf(signet.EInvalid, "%s: section %s appears more than once (first on line %d): a section is turned in once", intakeAt(meta, line, "section_id"), e.SectionID, seen[e.SectionID])
		case recorded[e.SectionID]:
			return nil, signet.Errorf(signet.EConflict, "%s: section %s of petition %s was turned in before: a section is recorded once", intakeAt(meta, line, "section_id"), e.SectionID, petition)
		case e.Circulator == "":
			return nil, signet.Errorf(signet.EInvalid, "%s: the circulator is empty: every section is circulated by someone (Elections Code §104)", intakeAt(meta, line, "circulator"))
		case e.Lines < 1:
			return nil, signet.Errorf(signet.EInvalid, "%s: %d lines: a section turned in holds at least one line", intakeAt(meta, line, "lines"), e.Lines)
		case e.TurnedIn.IsZero():
			return nil, signet.Errorf(signet.EInvalid, "%s: the day is empty", intakeAt(meta, line, "turned_in"))
		case !p.Approved.IsZero() && e.TurnedIn.Before(p.Approved):
			return nil, signet.Errorf(signet.EInvalid, "%s: %s is before the petition's form was approved (%s)", intakeAt(meta, line, "turned_in"), signet.FormatDate(e.TurnedIn), signet.FormatDate(p.Approved))
		case e.TurnedIn.After(today):
			return nil, signet.Errorf(signet.EInvalid, "%s: %s is after today (%s): record a section once it is turned in", intakeAt(meta, line, "turned_in"), signet.FormatDate(e.TurnedIn), signet.FormatDate(today))
		}
		seen[e.SectionID] = max(line, 1)
		entries = append(entries, e)
	}
	if len(entries) == 0 {
		return nil, signet.Errorf(signet.EInvalid, "%s: the file has a header but no sections", cmp.Or(meta.FileName, "the intake"))
	}
	return s.Store.AddIntake(ctx, petition, meta, entries)
}

// IntakeDay is one day of the intake with the running total.
type IntakeDay struct {
	Date     string `json:"date"`
	Sections int    `json:"sections"`
	Lines    int    `json:"lines"`
	Total    int    `json:"total"`
}

// IntakeCirculator is one circulator's sections turned in.
type IntakeCirculator struct {
	Name     string `json:"circulator"`
	Sections int    `json:"sections"`
	Lines    int    `json:"lines"`
	First    string `json:"first"`
	Last     string `json:"last"`
}

// IntakeStatus is where a campaign's intake stands against the requirement and the
// deadline; its JSON keys are a contract (signet intake show --json).
type IntakeStatus struct {
	Petition string `json:"petition"`
	Required int    `json:"required"`
	Deadline string `json:"deadline"`
	AsOf     string `json:"as_of"`
	// DaysLeft counts the days after AsOf up to and including the deadline (0 when past).
	DaysLeft  int `json:"days_left"`
	Sections  int `json:"sections"`
	Collected int `json:"collected"`
	// PercentOfRequired is the raw lines as a share of the valid signatures required: a
	// raw count at 100% qualifies only if every line is valid (signet forecast says what
	// it takes).
	PercentOfRequired float64 `json:"percent_of_required"`
	// Short is the raw lines still to collect to reach the requirement's number (0 when reached).
	Short int `json:"short"`
	// PerDaySoFar is the lines a day from the first day a section came in to AsOf.
	PerDaySoFar float64 `json:"per_day_so_far"`
	// PerDayNeeded is Short over DaysLeft, rounded up; null when short with no day left.
	PerDayNeeded *int               `json:"per_day_needed"`
	Days         []IntakeDay        `json:"days"`
	Circulators  []IntakeCirculator `json:"circulators"`
}

// daysBetween counts the days from a to b (dates).
func daysBetween(a, b time.Time) int {
	return int(math.Round(b.Sub(a).Hours() / 24))
}

// Intake reports a petition's intake as of a day (today when zero): running totals by
// day, by circulator, against the requirement and the deadline.
func (s *Service) Intake(ctx context.Context, petition string, asOf time.Time) (IntakeStatus, error) {
	p, err := s.Store.Petition(ctx, petition)
	if err != nil {
		return IntakeStatus{}, err
	}
	entries, err := s.Store.Intake(ctx, petition)
	if err != nil {
		return IntakeStatus{}, err
	}
	return intakeStatus(p, entries, s.day(asOf)), nil
}

// day is a date as given, or today.
func (s *Service) day(asOf time.Time) time.Time {
	if asOf.IsZero() {
		asOf = s.now()
	}
	return asOf.UTC().Truncate(24 * time.Hour)
}

func intakeStatus(p signet.Petition, entries []signet.IntakeEntry, asOf time.Time) IntakeStatus {
	st := IntakeStatus{Petition: p.ID, Required: p.Required, Deadline: signet.FormatDate(p.Deadline), AsOf: signet.FormatDate(asOf),
		Days: []IntakeDay{}, Circulators: []IntakeCirculator{}}
	if !p.Deadline.IsZero() {
		st.DaysLeft = max(0, daysBetween(asOf, p.Deadline))
	}
	byDay := map[string]*IntakeDay{}
	byCirc := map[string]*IntakeCirculator{}
	var first time.Time
	for _, e := range entries {
		if e.TurnedIn.After(asOf) {
			continue
		}
		st.Sections++
		st.Collected += e.Lines
		if first.IsZero() || e.TurnedIn.Before(first) {
			first = e.TurnedIn
		}
		d := signet.FormatDate(e.TurnedIn)
		if byDay[d] == nil {
			byDay[d] = &IntakeDay{Date: d}
		}
		byDay[d].Sections++
		byDay[d].Lines += e.Lines
		c := byCirc[e.Circulator]
		if c == nil {
			c = &IntakeCirculator{Name: e.Circulator, First: d, Last: d}
			byCirc[e.Circulator] = c
		}
		c.Sections++
		c.Lines += e.Lines
		c.First, c.Last = min(c.First, d), max(c.Last, d)
	}
	total := 0
	for _, d := range slices.Sorted(maps.Keys(byDay)) {
		total += byDay[d].Lines
		byDay[d].Total = total
		st.Days = append(st.Days, *byDay[d])
	}
	for _, c := range byCirc {
		st.Circulators = append(st.Circulators, *c)
	}
	slices.SortFunc(st.Circulators, func(a, b IntakeCirculator) int {
		return cmp.Or(b.Lines-a.Lines, cmp.Compare(a.Name, b.Name))
	})
	if p.Required > 0 {
		st.PercentOfRequired = math.Round(10000*float64(st.Collected)/float64(p.Required)) / 100
	}
	st.Short = max(0, p.Required-st.Collected)
	if !first.IsZero() {
		st.PerDaySoFar = math.Round(100*float64(st.Collected)/float64(daysBetween(first, asOf)+1)) / 100
	}
	switch {
	case st.Short == 0:
		z := 0
		st.PerDayNeeded = &z
	case st.DaysLeft > 0:
		n := (st.Short + st.DaysLeft - 1) / st.DaysLeft
		st.PerDayNeeded = &n
	}
	return st
}
