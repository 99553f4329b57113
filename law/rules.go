package law

import (
	"fmt"
	"strconv"
	"time"

	"github.com/signet-vote/signet"
)

// Rules is a rule pack as data: every number the law of one kind of petition fixes, each
// with its citation. A Rules value is copied, never shared: settings change a copy (With).
type Rules struct {
	PackID    string `json:"id"`
	PackTitle string `json:"title"`
	State     string `json:"state"`

	Requirement  Requirement  `json:"requirement"`
	Circulation  Circulation  `json:"circulation"`
	Verification Verification `json:"verification"`
	Sampling     Sampling     `json:"sampling"`
	Projection   Projection   `json:"projection"`
	Bands        Bands        `json:"bands"`

	// RawBelowRequiredFails: a raw count below the requirement ends the petition unverified.
	RawBelowRequiredFails bool   `json:"raw_below_required_fails"`
	RawCite               string `json:"raw_cite"`

	Duplicates     signet.DuplicatePolicy `json:"duplicates"`
	DuplicatesCite string                 `json:"duplicates_cite"`
	Cutoff         signet.Cutoff          `json:"cutoff"`
	CutoffCite     string                 `json:"cutoff_cite"`

	// WithdrawalDays, when set, is the state-officer recall's window for withdrawing
	// signatures after the statewide threshold is met, in working days.
	WithdrawalDays int    `json:"withdrawal_days,omitempty"`
	WithdrawalCite string `json:"withdrawal_cite,omitempty"`

	// StopEarly: a full count may stop once the required valid signatures are confirmed.
	StopEarly     bool   `json:"stop_early"`
	StopEarlyCite string `json:"stop_early_cite"`

	Calendar *Calendar `json:"-"`
	// LastDayRolls: a last day counted in calendar days (the last day to file, a period of
	// calendar days) that falls on a Saturday, Sunday or holiday of the calendar moves to the
	// next business day.
	LastDayRolls bool   `json:"last_day_rolls"`
	LastDayCite  string `json:"last_day_cite,omitempty"`
	// History holds the versions of the rules that changed over time (version.go); the
	// fields above hold the latest. AsOf picks the versions in force on a petition's
	// dates, lists them in Applied and keeps the dates in AsOfDates.
	History   []Version `json:"-"`
	Applied   []Version `json:"versions,omitempty"`
	AsOfDates Dates     `json:"-"`
	// Settings are the values the sources leave open, with their defaults (domain.md).
	Settings []Setting `json:"settings"`
	// Notes are choices made where the sources are silent or were not at hand.
	Notes []string `json:"notes,omitempty"`
}

// Requirement is how many valid signatures a petition needs.
type Requirement struct {
	// Base is what the percentage applies to ("registered voters", "last vote for the office").
	Base  string `json:"base"`
	Tiers []Tier `json:"tiers"`
	// Counties is the state-officer recall's distribution condition, nil elsewhere.
	Counties *CountyRule `json:"counties,omitempty"`
	Cite     string      `json:"cite"`
}

// Tier is one step of a requirement or a period: it applies to bases below Below (0 = no
// upper bound).
type Tier struct {
	Below   int `json:"below,omitempty"`
	Percent int `json:"percent,omitempty"`
	Days    int `json:"days,omitempty"`
}

// CountyRule is the condition that signatures come from at least Count counties, each equal
// to Percent of the last vote for the office in that county.
type CountyRule struct {
	Count   int    `json:"count"`
	Percent int    `json:"percent"`
	Cite    string `json:"cite"`
}

// Circulation is the time the proponents have to gather signatures.
type Circulation struct {
	// Tiers give calendar days from the approval of the form, by the requirement's base.
	Tiers []Tier `json:"tiers,omitempty"`
	// Months, when set, is the period in calendar months from approval instead of Tiers.
	Months int `json:"months,omitempty"`
	// MonthsBeforeElection, when set, fixes the filing deadline by the election instead.
	MonthsBeforeElection int `json:"months_before_election,omitempty"`
	// DaysAfterElection, when set, fixes the filing deadline that many calendar days after
	// an election instead (Nevada's statewide initiative, NRS 295.056).
	DaysAfterElection int    `json:"days_after_election,omitempty"`
	Cite              string `json:"cite"`
}

// ByElection says whether the filing deadline is fixed by an election rather than counted
// from the approval of the form (ElectionFilingDeadline).
func (c Circulation) ByElection() bool { return c.MonthsBeforeElection > 0 || c.DaysAfterElection > 0 }

// Verification is the time the elections official has to verify, counted from the filing or
// from the event the statute names.
type Verification struct {
	// SampleDays is the period for the random sample (0 = no sampling period).
	SampleDays int `json:"sample_days"`
	// FullCountDays is the period for a full count after a sample in the full-count band.
	FullCountDays int `json:"full_count_days"`
	// NoSampleFullCountDays is the period for a full count of a petition too small to sample.
	NoSampleFullCountDays int `json:"no_sample_full_count_days"`
	// WorkingDays says whether the periods exclude weekends and holidays.
	WorkingDays bool `json:"working_days"`
	// OnePeriod says the sample and a full count after it share one period from the filing.
	OnePeriod bool `json:"one_period,omitempty"`
	// SampleFrom is the event the sample's period (and the full count of a petition too
	// small to sample) is counted from; FullCountFrom the event a full count after a sample
	// is counted from. Empty: the filing.
	SampleFrom    Event  `json:"sample_from,omitempty"`
	FullCountFrom Event  `json:"full_count_from,omitempty"`
	FromCite      string `json:"from_cite,omitempty"`
	Cite          string `json:"cite"`
}

// Sampling is the sample-size rule.
type Sampling struct {
	Allowed bool `json:"allowed"`
	// CheckAllAtOrBelow: petitions of this many lines or fewer are verified in full.
	CheckAllAtOrBelow int `json:"check_all_at_or_below"`
	// The sample is at least Minimum lines and at least Percent of the lines, whichever is
	// greater, rounded up ("at least"), never more than the lines filed.
	Minimum int    `json:"minimum"`
	Percent int    `json:"percent"`
	Cite    string `json:"cite"`
}

// Method names a projection method.
type Method string

// Projection methods.
const (
	// MethodCalifornia is 2 CCR §20530–§20531: the validity rate rounded to two decimals,
	// the duplicate correction D × A(A−1) with A rounded to four decimals.
	MethodCalifornia Method = "ca-2ccr-20530"
	// MethodRatio is raw × valid / sample, rounded up, with no duplicate correction.
	MethodRatio Method = "ratio"
	// MethodWashington is the duplicate test of RCW 29A.72.230 and WAC 434-379-010.
	MethodWashington Method = "wa-duplicate-test"
	// MethodColorado is the Colorado Secretary of State's projection in its statements of
	// sufficiency: raw × valid / sample rounded to the nearest whole number (a half up),
	// with no duplicate correction (law/colorado.go).
	MethodColorado Method = "co-sos-statement"
)

// Projection names the projection method and its source.
type Projection struct {
	Method Method `json:"method"`
	Cite   string `json:"cite"`
}

// Threshold is a percentage of the requirement and whether reaching it exactly is enough.
type Threshold struct {
	Percent   int  `json:"percent"`
	Inclusive bool `json:"inclusive"`
}

// Reached reports whether count reaches the threshold of required, in exact integer
// arithmetic (count/required ≥ or > Percent/100).
func (t Threshold) Reached(count, required int) bool {
	l, r := int64(count)*100, int64(required)*int64(t.Percent)
	if t.Inclusive {
		return l >= r
	}
	return l > r
}

// Value is the count the threshold stands for: required × Percent / 100, rounded up.
func (t Threshold) Value(required int) int { return ceilPercent(required, t.Percent) }

// Decision is the outcome of a projection.
type Decision string

// Decisions.
const (
	Sufficient   Decision = "sufficient"
	FullCount    Decision = "full_count"
	Insufficient Decision = "insufficient"
)

// Bands turn a projection into a decision: at or above Sufficient the petition is
// sufficient; at or above FullCount every line is verified; below, insufficient.
type Bands struct {
	Sufficient Threshold `json:"sufficient"`
	FullCount  Threshold `json:"full_count"`
	Cite       string    `json:"cite"`
}

// Decide applies the bands to a projected valid count.
func (b Bands) Decide(projected, required int) Decision {
	switch {
	case b.Sufficient.Reached(projected, required):
		return Sufficient
	case b.FullCount.Reached(projected, required):
		return FullCount
	}
	return Insufficient
}

// Values are the band counts the projection is compared against: the requirement times
// each band percentage, rounded up.
func (b Bands) Values(required int) (sufficient, fullCount int) {
	return b.Sufficient.Value(required), b.FullCount.Value(required)
}

// Setting is a value the sources leave open, with its default.
type Setting struct {
	Name    string `json:"name"`
	Default string `json:"default"`
	Help    string `json:"help"`
	Cite    string `json:"cite"`
	apply   func(*Rules, string) error
}

// ID implements Pack.
func (r Rules) ID() string { return r.PackID }

// Title implements Pack.
func (r Rules) Title() string { return r.PackTitle }

// Rules implements Pack.
func (r Rules) Rules() Rules { return r }

// Required implements Pack: the requirement's tier percentage of base, rounded up ("not
// less than").
func (r Rules) Required(base int) (int, float64) {
	pct := 0
	for _, t := range r.Requirement.Tiers {
		pct = t.Percent
		if t.Below == 0 || base < t.Below {
			break
		}
	}
	return ceilPercent(base, pct), float64(pct)
}

// CirculationDays is the circulation period in calendar days from approval, 0 when the
// deadline is fixed by the election instead.
func (r Rules) CirculationDays(base int) int {
	days := 0
	for _, t := range r.Circulation.Tiers {
		days = t.Days
		if t.Below == 0 || base < t.Below {
			break
		}
	}
	return days
}

// FilingDeadline implements Pack: approval plus the circulation period; the zero time when
// the deadline is fixed by the election (see ElectionFilingDeadline).
func (r Rules) FilingDeadline(approved time.Time, base int) time.Time {
	if r.Circulation.Months > 0 {
		return r.lastDay(addMonths(approved, r.Circulation.Months))
	}
	d := r.CirculationDays(base)
	if d == 0 {
		return time.Time{}
	}
	return r.lastDay(approved.AddDate(0, 0, d))
}

// addMonths counts n months from d to the same numerical day, or to the last day of the
// concluding month when it has fewer days (C.R.S. 1-1-106(3)): 31 August plus six months is
// 28 February, not 3 March as time.AddDate gives.
func addMonths(d time.Time, n int) time.Time {
	first := time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, n, 0)
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(d.Day(), last)-1)
}

// lastDay moves a last day counted in calendar days past the Saturdays, Sundays and
// holidays of the pack's calendar when its law says so (LastDayRolls).
func (r Rules) lastDay(d time.Time) time.Time {
	if !r.LastDayRolls || r.Calendar == nil || d.IsZero() {
		return d
	}
	for !r.Calendar.IsWorkingDay(d) {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// ElectionFilingDeadline is the last day to file when the deadline is a number of days
// after the election (moved past a closed day when the pack's law says so) or of months
// before it (never moved: a later day would fall short of the months the law asks) or of days after it; the zero time for packs whose deadline runs from
// approval.
func (r Rules) ElectionFilingDeadline(election time.Time) time.Time {
	switch {
	case r.Circulation.DaysAfterElection > 0:
		return r.lastDay(election.AddDate(0, 0, r.Circulation.DaysAfterElection))
	case r.Circulation.MonthsBeforeElection > 0:
		return addMonths(election, -r.Circulation.MonthsBeforeElection)
	}
	return time.Time{}
}

// Defaults implements Pack.
func (r Rules) Defaults() (signet.Cutoff, signet.DuplicatePolicy) { return r.Cutoff, r.Duplicates }

// SampleSize is the number of lines to sample from raw lines filed; raw itself when the
// petition is verified in full.
func (r Rules) SampleSize(raw int) int { return r.Sampling.Size(raw) }

// Size applies the sampling rule to raw lines.
func (s Sampling) Size(raw int) int {
	if raw <= 0 {
		return 0
	}
	if !s.Allowed || raw <= s.CheckAllAtOrBelow {
		return raw
	}
	n := max(s.Minimum, ceilPercent(raw, s.Percent))
	return min(n, raw)
}

// Sampled reports whether a petition of raw lines is decided from a sample.
func (r Rules) Sampled(raw int) bool { return r.SampleSize(raw) < raw }

// EndsOnRawCount says whether a petition of raw lines for required valid signatures ends
// on its raw count, unverified: fewer lines filed than required, where the pack's law says
// so (RawBelowRequiredFails, RawCite).
func (r Rules) EndsOnRawCount(raw, required int) bool {
	return r.RawBelowRequiredFails && raw >= 0 && raw < required
}

// Decide applies the pack's bands.
func (r Rules) Decide(projected, required int) Decision { return r.Bands.Decide(projected, required) }

// end returns the last day of a period of n days from start, in the pack's days; the zero
// time when the period is not set or its start is not known.
func (r Rules) end(start time.Time, n int) time.Time {
	if n == 0 || start.IsZero() {
		return time.Time{}
	}
	if r.Verification.WorkingDays && r.Calendar != nil {
		return r.Calendar.AddWorkingDays(start, n)
	}
	return r.lastDay(start.AddDate(0, 0, n))
}

// SampleFrom is the event the sample's period is counted from (the filing unless the
// statute names another).
func (r Rules) SampleFrom() Event { return orFiling(r.Verification.SampleFrom) }

// FullCountFrom is the event the period of a petition of raw lines' full count is counted
// from: a petition too small to sample is counted in full in the sample's period.
func (r Rules) FullCountFrom(raw int) Event {
	if raw > 0 && !r.Sampled(raw) && r.Verification.NoSampleFullCountDays > 0 {
		return r.SampleFrom()
	}
	return orFiling(r.Verification.FullCountFrom)
}

func orFiling(e Event) Event {
	if e == "" {
		return OnFiling
	}
	return e
}

// SampleDeadline is the last day to complete the random sample of a petition of raw lines
// with the given dates; the zero time when the petition is not sampled, the rule sets no
// period, or the date the period is counted from (SampleFrom) is not given.
func (r Rules) SampleDeadline(d Dates, raw int) time.Time {
	if raw > 0 && !r.Sampled(raw) {
		return time.Time{}
	}
	return r.end(d.On(r.SampleFrom()), r.Verification.SampleDays)
}

// FullCountDeadline is the last day to complete a full count of a petition of raw lines
// (raw 0 = unknown: the period after a sample) with the given dates; the zero time when the
// rule sets no period or the date it is counted from (FullCountFrom) is not given.
func (r Rules) FullCountDeadline(d Dates, raw int) time.Time {
	start := d.On(r.FullCountFrom(raw))
	if raw > 0 && !r.Sampled(raw) && r.Verification.NoSampleFullCountDays > 0 {
		return r.end(start, r.Verification.NoSampleFullCountDays)
	}
	return r.end(start, r.Verification.FullCountDays)
}

// WithdrawalDeadline is the last day signers may withdraw after the threshold was met on
// the given day; the zero time when the pack has no withdrawal window.
func (r Rules) WithdrawalDeadline(thresholdMet time.Time) time.Time {
	if r.WithdrawalDays == 0 || r.Calendar == nil {
		return time.Time{}
	}
	return r.Calendar.AddWorkingDays(thresholdMet, r.WithdrawalDays)
}

// CountyRequired is the state-officer recall's per-county count: Percent of the last vote
// for the office in the county, rounded up; 0 when the pack has no county condition.
func (r Rules) CountyRequired(lastVote int) int {
	if r.Requirement.Counties == nil {
		return 0
	}
	return ceilPercent(lastVote, r.Requirement.Counties.Percent)
}

// With returns a copy of the rules with a setting changed.
func (r Rules) With(name, value string) (Rules, error) {
	for _, s := range r.Settings {
		if s.Name == name {
			r.Settings = append([]Setting(nil), r.Settings...)
			r.Requirement.Tiers = append([]Tier(nil), r.Requirement.Tiers...)
			if err := s.apply(&r, value); err != nil {
				return r, signet.Errorf(signet.EInvalid, "setting %s=%q: %v", name, value, err)
			}
			for i := range r.Settings {
				if r.Settings[i].Name == name {
					r.Settings[i].Default = value
				}
			}
			return r, nil
		}
	}
	names := make([]string, 0, len(r.Settings))
	for _, s := range r.Settings {
		names = append(names, s.Name)
	}
	return r, signet.Errorf(signet.EInvalid, "pack %s has no setting %q (settings: %v)", r.PackID, name, names)
}

// Setting constructors shared by the packs.

func intSetting(name string, def int, help, cite string, set func(*Rules, int)) Setting {
	return Setting{Name: name, Default: strconv.Itoa(def), Help: help, Cite: cite, apply: func(r *Rules, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return fmt.Errorf("want a whole number ≥ 0")
		}
		set(r, n)
		return nil
	}}
}

func percentSetting(def int, help, cite string) Setting {
	return intSetting("percent", def, help, cite, func(r *Rules, n int) {
		r.Requirement.Tiers = []Tier{{Percent: n}}
	})
}

func policySettings(r *Rules) []Setting {
	return []Setting{
		{Name: "cutoff", Default: string(r.Cutoff), Help: "registration cut-off: signing_date or filing_date", Cite: r.CutoffCite,
			apply: func(r *Rules, v string) error {
				c := signet.Cutoff(v)
				if c != signet.CutoffSigningDate && c != signet.CutoffFilingDate {
					return fmt.Errorf("want signing_date or filing_date")
				}
				r.Cutoff = c
				return nil
			}},
		{Name: "duplicates", Default: string(r.Duplicates), Help: "duplicate policy: keep_first or strike_all", Cite: r.DuplicatesCite,
			apply: func(r *Rules, v string) error {
				d := signet.DuplicatePolicy(v)
				if d != signet.KeepFirst && d != signet.StrikeAll {
					return fmt.Errorf("want keep_first or strike_all")
				}
				r.Duplicates = d
				return nil
			}},
	}
}
