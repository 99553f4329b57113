package registrar

import (
	"context"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/law"
)

// Progress is a petition's verification day by day since its filing, against the deadlines
// of its rule pack: what the public status page draws as a line. Its days are the pack's
// days: working days (no Saturdays, Sundays or holidays of its calendar) when its periods
// are counted in them, else calendar days. Its JSON keys are a contract (the API's status).
type Progress struct {
	// WorkingDays says the days are working days; false: calendar days.
	WorkingDays bool   `json:"working_days"`
	Filed       string `json:"filed"`
	Raw         int    `json:"raw"`
	Required    int    `json:"required"`
	// Deadlines are the periods' last days that apply to the petition as it stands: the
	// sample's when it is sampled, the full count's when it is counted in full (not
	// sampled, or a sample that landed in the full-count band), earliest first.
	Deadlines []ProgressDeadline `json:"deadlines"`
	// Days are the filing day (day 0), each day on which lines were decided, and the last
	// day of the chart (the latest of the deadlines, the last decision and, while lines
	// remain, today); on a day left out the counts stand as on the day before.
	Days []ProgressDay `json:"days"`
}

// ProgressDeadline is the last day of a verification period.
type ProgressDeadline struct {
	// Kind is "sample" or "full_count".
	Kind string `json:"kind"`
	Date string `json:"date"`
	// Day is its number of days after the filing, in the pack's days.
	Day int `json:"day"`
}

// ProgressDay is the count at the end of one day.
type ProgressDay struct {
	// Day is the number of days after the filing, in the pack's days (0: the filing day).
	Day  int    `json:"day"`
	Date string `json:"date"`
	// Verified and Valid are the lines decided by the end of that day (by their latest
	// decision), and the valid among them.
	Verified int `json:"verified"`
	Valid    int `json:"valid"`
}

// VerificationProgress reads a petition's verification per day against its deadlines; it
// records nothing. A petition not filed yet has no days to count: its Days are empty.
// A decision counts on the day (UTC) it was made; one made on a closed day counts on the
// next working day, one made before the filing on the filing day.
func (s *Service) VerificationProgress(ctx context.Context, id string) (Progress, error) {
	p, err := s.Store.Petition(ctx, id)
	if err != nil {
		return Progress{}, err
	}
	r, err := s.count(ctx, p)
	if err != nil {
		return Progress{}, err
	}
	return s.dailyProgress(ctx, p, r)
}

// dailyProgress is VerificationProgress for a petition already counted (r).
func (s *Service) dailyProgress(ctx context.Context, p signet.Petition, r Report) (Progress, error) {
	rules, err := Rules(p)
	if err != nil {
		return Progress{}, err
	}
	pr := Progress{Raw: r.Raw, Required: p.Required, Deadlines: []ProgressDeadline{}, Days: []ProgressDay{}}
	pr.WorkingDays = rules.Verification.WorkingDays && rules.Calendar != nil
	if p.Filed.IsZero() {
		return pr, nil
	}
	days, err := s.Store.VerdictsByDay(ctx, p.ID)
	if err != nil {
		return pr, err
	}
	var deadlines []ProgressDeadline
	if rules.Sampled(p.Raw) {
		if d := rules.SampleDeadline(lawDates(p), p.Raw); !d.IsZero() {
			deadlines = append(deadlines, ProgressDeadline{Kind: "sample", Date: signet.FormatDate(d)})
		}
	}
	if !rules.Sampled(p.Raw) || r.Basis == law.BasisFullCount || r.Projection["decision"] == string(law.FullCount) {
		if d := rules.FullCountDeadline(lawDates(p), p.Raw); !d.IsZero() {
			deadlines = append(deadlines, ProgressDeadline{Kind: "full_count", Date: signet.FormatDate(d)})
		}
	}
	var cal *law.Calendar
	if pr.WorkingDays {
		cal = rules.Calendar
	}
	pr.Filed = signet.FormatDate(p.Filed)
	pr.Days, pr.Deadlines = progressDays(cal, p.Filed, s.now(), r.Verified < r.Raw, days, deadlines)
	return pr, nil
}

// progressDays numbers the days from filed (day 0) in cal's working days (every day when cal
// is nil) and turns the verdicts decided per day into running totals: the filing day, each
// day with decisions, and the last day, the latest of the deadlines, the last decision and
// (when open, lines remaining) today. It fills in each deadline's Day.
func progressDays(cal *law.Calendar, filed, today time.Time, open bool, counts []signet.DayCount, deadlines []ProgressDeadline) ([]ProgressDay, []ProgressDeadline) {
	filed, today = dateOnly(filed), dateOnly(today)
	last := filed
	for _, d := range deadlines {
		t, _ := signet.ParseDate(d.Date)
		last = later(last, dateOnly(t))
	}
	if n := len(counts); n > 0 {
		last = later(last, dateOnly(counts[n-1].Day))
	}
	if open {
		last = later(last, today)
	}
	working := func(d time.Time) bool { return cal == nil || cal.IsWorkingDay(d) }
	// Walk the days from the filing to last (past it to a working day), numbering the
	// working ones; a closed day's decisions wait for the next working day.
	out := []ProgressDay{{Day: 0, Date: signet.FormatDate(filed)}}
	dayOf := map[string]int{}
	verified, valid, i, n := 0, 0, 0, 0
	for d := filed; ; d = d.AddDate(0, 0, 1) {
		if d.After(filed) && working(d) {
			n++
		}
		dayOf[signet.FormatDate(d)] = n
		for i < len(counts) && !dateOnly(counts[i].Day).After(d) {
			verified, valid = verified+counts[i].Decided, valid+counts[i].Valid
			i++
		}
		if !d.After(filed) || working(d) {
			cur := ProgressDay{Day: n, Date: signet.FormatDate(d), Verified: verified, Valid: valid}
			switch {
			case d.Equal(filed):
				out[0] = cur
			case out[len(out)-1].Verified != verified || !d.Before(last):
				out = append(out, cur)
			}
		}
		if !d.Before(last) && working(d) && i == len(counts) {
			break
		}
	}
	dl := make([]ProgressDeadline, len(deadlines))
	for k, d := range deadlines {
		d.Day = dayOf[d.Date]
		dl[k] = d
	}
	return out, dl
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func dateOnly(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
