package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/forecast"
	"github.com/signet-vote/signet/registrar"
)

func (m *Main) runForecast(ctx context.Context, args []string) error {
	fs := m.flags("forecast", "--required Q --collected N --validity P --sample-size S [--duplicate-rate D | --duplicates-found F] [--days-left T [--per-day R]] [--json]",
		`The campaign's forecast (docs/forecasting.md): from the lines collected so far and a
pre-check of S of them against the voter file, the valid count expected at the deadline with
a 95% band, the probability of qualifying, the raw count needed for a 90%, 95% and 99%
probability, and (with --days-left) the daily rate needed from today. No database is used.

--validity is the share of the pre-checked lines valid on their own, every check but the
duplicate rule, in (0, 1] (0.7265, not 72.65). Duplicates grow with the square of the lines:
--duplicate-rate D is per pair of lines, so n lines hold D·n(n−1)/2 duplicates (Los Angeles
2022: 43,593 among 715,833 lines, D = 1.7015e-7); or --duplicates-found F gives the pairs of
lines by one voter found among the S pre-checked lines, and the rate is estimated from them
with its uncertainty. Without either the rate is 0: then give a validity net of duplicates.
The raw count at the deadline is N + T·R.

JSON keys: expected_valid, ci95, probability_qualify, raw_needed_p90, raw_needed_p95,
raw_needed_p99 (null when no raw count reaches that probability), with --days-left
daily_rate_needed_p90, _p95, _p99 (raw lines a day from today; null when unreachable or no
day is left), and raw_at_deadline, validity, validity_se, duplicate_rate,
duplicates_expected, sd, method, ...

--petition P forecasts from the petition's stored intake and pre-checks instead
(docs/campaign.md): the lines collected by circulator (signet intake add), the validity on
their own of the pre-checked lines (signet precheck run), by circulator when they differ,
the duplicates found among them for the per-pair rate, and the days left to the deadline
at the intake's rate so far (or --per-day R), the valid lines less a share the Registrar's
signature comparison is expected to strike (--signature-mismatch R; a campaign cannot
compare signatures). --as-of D forecasts as of another day. The same JSON keys, with
petition, as_of, deadline, per_day_from, signature_mismatch_rate and strata. A petition without
intake or pre-checks has nothing to forecast from (exit 4).`)
	js := fs.Bool("json", false, "print JSON")
	petition := fs.String("petition", "", "forecast from the petition's stored intake and pre-checks")
	asOf := fs.String("as-of", "", "with --petition: the day to forecast as of (default today)")
	mismatch := fs.Float64("signature-mismatch", 0, "with --petition: share of the valid lines the Registrar's signature comparison is expected to strike, in [0, 1) (Los Angeles 2022: 0.0179)")
	c := m.commonFlags(fs, false)
	required := fs.Int("required", 0, "Q: valid signatures required")
	collected := fs.Int("collected", 0, "N: raw lines collected so far")
	validity := fs.Float64("validity", 0, "P: share of the pre-checked lines valid on their own, in (0, 1]")
	size := fs.Int("sample-size", 0, "S: lines pre-checked")
	rate := fs.Float64("duplicate-rate", 0, "D: duplicates per pair of lines (n lines hold D·n(n−1)/2)")
	found := fs.Int("duplicates-found", 0, "F: pairs of lines by one voter found among the S pre-checked lines (estimates D)")
	days := fs.Int("days-left", 0, "T: days left to the deadline")
	perDay := fs.Int("per-day", 0, "R: raw lines expected each day left (default 0: the lines in hand only)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	scenario := []string{"required", "collected", "validity", "sample-size", "duplicate-rate", "duplicates-found", "days-left", "per-day"}
	if *petition != "" {
		for _, name := range scenario[:7] {
			if given(fs, name) {
				return usageErr("--petition takes its figures from the store: drop --%s", name)
			}
		}
		o := registrar.PetitionForecastOptions{SignatureMismatch: *mismatch}
		if given(fs, "per-day") {
			o.PerDay = perDay
		}
		day, err := asOfFlag(*asOf)
		if err != nil {
			return err
		}
		o.AsOf = day
		return m.forecastPetition(ctx, c, fs, *petition, o, *js)
	}
	if *asOf != "" {
		return usageErr("--as-of is for --petition")
	}
	if given(fs, "signature-mismatch") {
		return usageErr("--signature-mismatch is for --petition (in a scenario, give --validity less the mismatches)")
	}
	for _, name := range scenario[:4] {
		if !given(fs, name) {
			return usageErr("--%s is required (or --petition P)", name)
		}
	}
	if given(fs, "duplicate-rate") && given(fs, "duplicates-found") {
		return usageErr("give --duplicate-rate or --duplicates-found, not both")
	}
	if given(fs, "per-day") && !given(fs, "days-left") {
		return usageErr("--per-day needs --days-left")
	}
	in := forecast.Input{Required: *required, Collected: *collected, Validity: *validity, SampleSize: *size,
		Duplicates: forecast.Duplicates{Rate: *rate}}
	if given(fs, "duplicates-found") {
		in.Duplicates = forecast.Duplicates{FromSample: true, FoundPairs: *found}
	}
	if given(fs, "days-left") {
		in.Schedule = &forecast.Schedule{DaysLeft: *days, PerDay: *perDay}
	}
	res, err := forecast.Forecast(in)
	if err != nil {
		return flagError(fs, err)
	}
	if *js {
		return m.printJSON(res.JSON())
	}
	m.printForecast(res)
	return nil
}

// flagError names the flag of a value the forecast refused: "--validity 1.2: …".
func flagError(fs *flag.FlagSet, err error) error {
	var bi *forecast.BadInput
	if !errors.As(err, &bi) {
		return err
	}
	if fs.Lookup(bi.Field) == nil {
		return err
	}
	return signet.Errorf(signet.EInvalid, "--%s %s: %s", bi.Field, bi.Value, bi.Reason)
}

// forecastPetition is the store-backed mode: the engine forecasts from the petition's
// intake and pre-checks.
func (m *Main) forecastPetition(ctx context.Context, c common, fs *flag.FlagSet, id string, o registrar.PetitionForecastOptions, js bool) error {
	s, err := m.open(ctx, c)
	if err != nil {
		return err
	}
	defer s.Store.Close()
	f, err := s.ForecastPetition(ctx, id, o)
	if err != nil {
		return flagError(fs, err)
	}
	if js {
		return m.printJSON(f.JSON())
	}
	fmt.Fprintf(m.Stdout, "petition %s as of %s, deadline %s (lines a day: %s)\n", f.Petition, signet.FormatDate(f.AsOf), signet.FormatDate(f.Deadline), f.PerDayFrom)
	m.printForecast(f.Result)
	if len(f.Strata) > 1 {
		fmt.Fprintf(m.Stdout, "\n%-24s %10s %8s %8s\n", "circulator", "collected", "checked", "valid")
		for _, h := range f.Strata {
			fmt.Fprintf(m.Stdout, "%-24s %10s %8s %8s\n", h.Name, commas(h.Collected), commas(h.Checked), commas(int(h.Valid)))
		}
	}
	return nil
}

func (m *Main) printForecast(res forecast.Result) {
	w := m.Stdout
	fmt.Fprintf(w, "forecast: %s valid required; %s lines collected", commas(res.Required), commas(res.Collected))
	if res.Schedule != nil {
		fmt.Fprintf(w, ", %s at the deadline (%d days × %s a day)", commas(int(res.RawAtDeadline)), res.Schedule.DaysLeft, commas(res.Schedule.PerDay))
	}
	fmt.Fprintln(w)
	e := res.Estimate
	how := "pre-checked lines"
	if e.Stratified {
		how = "pre-checked lines, stratified by circulator"
	}
	fmt.Fprintf(w, "validity on their own   %.2f%% ± %.2f%% (standard error; %s %s)\n", 100*e.Validity, 100*e.SE, commas(e.Checked), how)
	from := "given"
	if res.Input.Duplicates.FromSample {
		from = fmt.Sprintf("from %d pairs found in the pre-check", res.Input.Duplicates.FoundPairs)
	}
	fmt.Fprintf(w, "duplicates expected     %s (rate %.4g per pair, %s)\n", commas(int(res.DuplicatesExpected+0.5)), res.DuplicateRate, from)
	fmt.Fprintf(w, "expected valid          %s (95%% band %s – %s)\n", commas(int(res.ExpectedValid+0.5)), commas(int(res.CI95[0])), commas(int(res.CI95[1])))
	fmt.Fprintf(w, "P(valid ≥ %s)      %s\n", commas(res.Required), probability(res.ProbabilityQualify))
	for _, n := range res.Needed {
		raw := "not reachable: duplicates outgrow the valid lines, or the pre-check is too small"
		if n.Reachable {
			raw = commas(int(n.Raw)) + " raw lines"
			if res.Schedule != nil {
				switch {
				case n.PerDayOK:
					raw += fmt.Sprintf(", %s a day from today", commas(int(n.PerDay)))
				default:
					raw += ", which no daily rate reaches with no day left"
				}
			}
		}
		fmt.Fprintf(w, "for %.0f%% to qualify      %s\n", 100*n.Probability, raw)
	}
}
