package registrar

import (
	"context"
	"maps"
	"math"
	"slices"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/forecast"
)

// PetitionForecastOptions are the choices of a forecast from a petition's stored intake.
type PetitionForecastOptions struct {
	// AsOf is the day the forecast is made (today when zero): the intake turned in by then
	// counts, and the days left run from it to the deadline.
	AsOf time.Time
	// PerDay, when not nil, is the raw lines expected each day left; otherwise the intake's
	// own rate so far.
	PerDay *int
	// SignatureMismatch is the share of the lines valid on their own that the Registrar's
	// signature comparison is expected to strike (a campaign cannot compare signatures, so
	// its pre-checks never find one): each circulator's validity is taken down by it, as a
	// known rate (it adds no uncertainty of its own). In [0, 1); Los Angeles 2022: 9,490 of
	// the 529,540 lines otherwise valid, 1.79%.
	SignatureMismatch float64
}

// PetitionForecast is a forecast from a petition's stored intake and pre-checks.
type PetitionForecast struct {
	forecast.Result
	Petition string
	AsOf     time.Time
	Deadline time.Time
	// PerDayFrom says where the daily rate came from: "intake" (the rate so far) or "given".
	PerDayFrom string
	// SignatureMismatch is the options' rate, taken off the validity.
	SignatureMismatch float64
	// Course is the forecast day by day, for a chart of collected and projected valid
	// against the requirement: from the first day a section came in to the deadline (or
	// AsOf, when later).
	Course []CoursePoint
}

// CoursePoint is one day of a forecast's course. Before AsOf, Raw is the lines turned in by
// that day (the intake); on AsOf, the forecast's count of the lines collected (which counts
// a circulator's lines pre-checked when more than turned in); after it, that count and the
// lines expected at the schedule's rate. From AsOf on, Expected and CI95 are the valid count
// expected of that many lines with its 95% band (the forecast's own model: its last point
// is the forecast at the deadline).
type CoursePoint struct {
	Date      string `json:"date"`
	Raw       int64  `json:"raw"`
	Projected bool   `json:"projected"`
	// Expected and CI95 are given from AsOf on (zero before).
	Expected float64  `json:"expected_valid,omitempty"`
	CI95     [2]int64 `json:"ci95,omitzero"`
}

// JSON is the forecast as JSON: the scenario mode's keys (forecast.Result.JSON) and the
// petition's own (petition, as_of, deadline, per_day_from, strata).
func (f PetitionForecast) JSON() map[string]any {
	out := f.Result.JSON()
	out["petition"] = f.Petition
	out["as_of"] = signet.FormatDate(f.AsOf)
	out["deadline"] = signet.FormatDate(f.Deadline)
	out["per_day_from"] = f.PerDayFrom
	out["signature_mismatch_rate"] = f.SignatureMismatch
	strata := []map[string]any{}
	for _, s := range f.Strata {
		strata = append(strata, map[string]any{"circulator": s.Name, "collected": s.Collected, "checked": s.Checked, "valid": int(s.Valid)})
	}
	out["strata"] = strata
	return out
}

// ForecastPetition forecasts a petition's valid count at its deadline from what the
// campaign stored (docs/campaign.md): the lines collected by circulator (the intake), the
// pre-checked lines' validity on their own by circulator (kept apart when the circulators
// differ, forecast.Combine), the duplicates found among them for the per-pair rate, and
// the days left at the intake's rate so far; the valid lines less the signature mismatches
// expected (o.SignatureMismatch). A circulator with more lines pre-checked than
// turned in counts the lines pre-checked. A petition without intake or pre-checks has
// nothing to forecast from (ENotFound).
func (s *Service) ForecastPetition(ctx context.Context, petition string, o PetitionForecastOptions) (PetitionForecast, error) {
	p, err := s.Store.Petition(ctx, petition)
	if err != nil {
		return PetitionForecast{}, err
	}
	if r := o.SignatureMismatch; !(r >= 0 && r < 1) {
		return PetitionForecast{}, signet.Errorf(signet.EInvalid, "signature mismatch rate %v: want a share of the valid lines in [0, 1)", r)
	}
	asOf := s.day(o.AsOf)
	out := PetitionForecast{Petition: petition, AsOf: asOf, Deadline: p.Deadline, PerDayFrom: "intake", SignatureMismatch: o.SignatureMismatch}
	entries, err := s.Store.Intake(ctx, petition)
	if err != nil {
		return out, err
	}
	st := intakeStatus(p, entries, asOf)
	if st.Sections == 0 {
		return out, signet.Errorf(signet.ENotFound, "petition %s has no intake turned in by %s: record the sections collected first (signet intake add)", petition, signet.FormatDate(asOf))
	}
	lines, pairs, err := s.checkedLines(ctx, p)
	if err != nil {
		return out, err
	}
	if len(lines) == 0 {
		return out, signet.Errorf(signet.ENotFound, "petition %s has no pre-checked lines: pre-check a sample of the lines collected first (signet precheck run)", petition)
	}
	strata := map[string]*forecast.Stratum{}
	stratum := func(name string) *forecast.Stratum {
		if strata[name] == nil {
			strata[name] = &forecast.Stratum{Name: name}
		}
		return strata[name]
	}
	for _, c := range st.Circulators {
		stratum(c.Name).Collected = c.Lines
	}
	for _, l := range lines {
		h := stratum(l.Circulator)
		h.Checked++
		if l.Valid {
			h.Valid += 1 - o.SignatureMismatch
		}
	}
	in := forecast.Input{Required: p.Required, Duplicates: forecast.Duplicates{FromSample: true, FoundPairs: pairs}}
	for _, name := range slices.Sorted(maps.Keys(strata)) {
		h := strata[name]
		h.Collected = max(h.Collected, h.Checked)
		in.Collected += h.Collected
		in.Strata = append(in.Strata, *h)
	}
	if !p.Deadline.IsZero() {
		perDay := int(math.Round(st.PerDaySoFar))
		if o.PerDay != nil {
			perDay, out.PerDayFrom = *o.PerDay, "given"
		}
		in.Schedule = &forecast.Schedule{DaysLeft: st.DaysLeft, PerDay: perDay}
	}
	res, err := forecast.Forecast(in)
	if err != nil {
		return out, err
	}
	out.Result = res
	out.Course = course(st, res, asOf, p.Deadline)
	return out, nil
}

// course is a forecast's course day by day: the intake's running total up to asOf, then
// the lines expected at the schedule's rate to the deadline, with the valid count expected
// from asOf on.
func course(st IntakeStatus, res forecast.Result, asOf, deadline time.Time) []CoursePoint {
	if len(st.Days) == 0 {
		return nil
	}
	first, err := signet.ParseDate(st.Days[0].Date)
	if err != nil {
		return nil
	}
	end := asOf
	if deadline.After(end) {
		end = deadline
	}
	perDay := int64(0)
	if res.Schedule != nil {
		perDay = int64(res.Schedule.PerDay)
	}
	var out []CoursePoint
	i, total := 0, int64(0)
	for d := first; !d.After(end); d = d.AddDate(0, 0, 1) {
		date := signet.FormatDate(d)
		pt := CoursePoint{Date: date}
		switch {
		case d.Before(asOf):
			for i < len(st.Days) && st.Days[i].Date <= date {
				total = int64(st.Days[i].Total)
				i++
			}
			pt.Raw = total
		case d.Equal(asOf):
			pt.Raw = int64(res.Collected) // the forecast's own count: a circulator's lines pre-checked when more than turned in
		default:
			pt.Raw, pt.Projected = int64(res.Collected)+int64(daysBetween(asOf, d))*perDay, true
		}
		if !d.Before(asOf) {
			pt.Expected, pt.CI95 = res.Band(pt.Raw)
		}
		out = append(out, pt)
	}
	return out
}
