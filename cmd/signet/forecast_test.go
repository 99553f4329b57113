package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestForecastScenario: the scenario mode's JSON keys (issue 13) and the Los Angeles 2022
// figures of docs/forecasting.md: at 650,000 raw lines of 72.65% validity, from a pre-check
// of 1,000 lines, 472,225 valid expected (650,000 × 0.7265) and no chance of 566,857.
func TestForecastScenario(t *testing.T) {
	e := newEnv(t)
	la := []string{"forecast", "--required", "566857", "--collected", "650000", "--validity", "0.7265", "--sample-size", "1000"}
	var v map[string]json.RawMessage
	e.json(&v, la...)
	for _, k := range []string{"expected_valid", "ci95", "probability_qualify", "raw_needed_p90", "raw_needed_p95", "raw_needed_p99", "raw_at_deadline", "duplicates_expected", "method", "validity"} {
		if _, ok := v[k]; !ok {
			t.Errorf("no key %q in %v", k, v)
		}
	}
	if _, ok := v["daily_rate_needed_p95"]; ok {
		t.Errorf("a daily rate without --days-left")
	}
	var f struct {
		Expected int64    `json:"expected_valid"`
		CI       [2]int64 `json:"ci95"`
		P        float64  `json:"probability_qualify"`
		N90      *int64   `json:"raw_needed_p90"`
		N95      *int64   `json:"raw_needed_p95"`
		N99      *int64   `json:"raw_needed_p99"`
		Raw      int64    `json:"raw_at_deadline"`
		D90      *int64   `json:"daily_rate_needed_p90"`
		D95      *int64   `json:"daily_rate_needed_p95"`
		D99      *int64   `json:"daily_rate_needed_p99"`
		Dups     float64  `json:"duplicates_expected"`
	}
	e.json(&f, la...)
	if f.Expected != 472_225 || f.CI[1] >= 566_857 || f.P > 1e-6 || f.N90 == nil || f.N95 == nil || f.N99 == nil ||
		!(780_258 <= *f.N90 && *f.N90 <= *f.N95 && *f.N95 <= *f.N99) || f.Raw != 650_000 {
		t.Errorf("LA at 650,000: %+v", f)
	}
	// 30 days left at 2,000 a day: 710,000 raw at the deadline; the daily rates needed are the
	// lines short of each raw count needed over 30 days, rounded up.
	e.json(&f, append(la, "--days-left", "30", "--per-day", "2000")...)
	if f.Raw != 710_000 || f.D90 == nil || f.D95 == nil || f.D99 == nil || *f.D95 != (*f.N95-650_000+29)/30 || *f.D90 > *f.D95 || *f.D95 > *f.D99 {
		t.Errorf("with days: %+v", f)
	}
	// The duplicates of the full count, 43,593 of 715,833 lines, as a per-pair rate.
	e.json(&f, "forecast", "--required", "566857", "--collected", "715833", "--validity", "0.787395", "--sample-size", "5000", "--duplicate-rate", "1.701469e-7")
	if f.Dups < 43_592 || f.Dups > 43_594 || f.Expected < 520_040 || f.Expected > 520_060 {
		t.Errorf("with duplicates: %+v", f)
	}
	out := e.ok(la...)
	for _, want := range []string{"472,225", "95% band", "566,857", "for 95% to qualify"} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
}

// TestForecastRefusals: bad values exit 3 naming the flag; a command line missing a figure
// exits 2; --petition without intake has nothing to forecast from (exit 4), after finding
// the petition.
func TestForecastRefusals(t *testing.T) {
	e := newEnv(t)
	base := map[string]string{"required": "566857", "collected": "650000", "validity": "0.7265", "sample-size": "1000"}
	args := func(edit map[string]string) []string {
		a := []string{"forecast"}
		for _, k := range []string{"required", "collected", "validity", "sample-size", "duplicate-rate", "duplicates-found", "days-left", "per-day"} {
			v, ok := edit[k]
			if !ok {
				v, ok = base[k]
			}
			if ok && v != "-" {
				a = append(a, "--"+k, v)
			}
		}
		return a
	}
	for _, c := range []struct {
		edit map[string]string
		code int
		want string
	}{
		{map[string]string{"validity": "72.65"}, ExitInvalid, "--validity 72.65: outside (0, 1]"},
		{map[string]string{"validity": "0"}, ExitInvalid, "--validity 0: outside (0, 1]"},
		{map[string]string{"validity": "1.0001"}, ExitInvalid, "--validity"},
		{map[string]string{"sample-size": "650001"}, ExitInvalid, "--sample-size 650001: more lines pre-checked than the 650000 collected"},
		{map[string]string{"collected": "-1"}, ExitInvalid, "--collected -1: a count cannot be negative"},
		{map[string]string{"required": "-1"}, ExitInvalid, "--required -1"},
		{map[string]string{"duplicate-rate": "-0.1"}, ExitInvalid, "--duplicate-rate -0.1"},
		{map[string]string{"duplicates-found": "-2"}, ExitInvalid, "--duplicates-found -2"},
		{map[string]string{"days-left": "-3", "per-day": "100"}, ExitInvalid, "--days-left -3: the deadline is in the past"},
		{map[string]string{"days-left": "3", "per-day": "-100"}, ExitInvalid, "--per-day -100"},
		{map[string]string{"validity": "-"}, ExitUsage, "--validity is required"},
		{map[string]string{"per-day": "100"}, ExitUsage, "--per-day needs --days-left"},
		{map[string]string{"duplicate-rate": "1e-7", "duplicates-found": "3"}, ExitUsage, "not both"},
		{map[string]string{"validity": "lots"}, ExitUsage, "validity"},
	} {
		a := args(c.edit)
		_, errs, code := e.run(a...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d %q, want %d %q", a, code, errs, c.code, c.want)
		}
	}
	// validity 1 is in (0, 1].
	e.ok(args(map[string]string{"validity": "1"})...)

	// --petition: no database, no petition, then a petition without intake.
	if _, errs, code := e.run("forecast", "--petition", "p"); code != ExitNotFound || !strings.Contains(errs, "does not exist") {
		t.Errorf("no database: exit %d %s", code, errs)
	}
	e.ok("jurisdiction", "create", "--id", "j", "--zips", "90001")
	if _, errs, code := e.run("forecast", "--petition", "ghost"); code != ExitNotFound || !strings.Contains(errs, "no petition") {
		t.Errorf("unknown petition: exit %d %s", code, errs)
	}
	e.ok("registration", "add", "--id", "r1", "--jurisdiction", "j", "--date", "2022-01-01", "--registered", "1000")
	e.ok("petition", "create", "--id", "p", "--kind", "local-recall", "--jurisdiction", "j", "--rules", "ca-local-recall", "--report", "r1", "--approved", "2022-01-27")
	if out, errs, code := e.run("forecast", "--petition", "p", "--json"); code != ExitNotFound || out != "" || !strings.Contains(errs, "no intake") {
		t.Errorf("petition without intake: exit %d %q %s", code, out, errs)
	}
	if _, errs, code := e.run("forecast", "--petition", "p", "--collected", "5"); code != ExitUsage || !strings.Contains(errs, "drop --collected") {
		t.Errorf("--petition with figures: exit %d %s", code, errs)
	}
}

// TestForecastDocsBacktest: the Los Angeles backtest tables of docs/forecasting.md hold what
// the commands they show print.
func TestForecastDocsBacktest(t *testing.T) {
	doc, err := os.ReadFile("../../docs/forecasting.md")
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t)
	for _, reading := range [][]string{
		{"--validity", "0.7265"},
		{"--validity", "0.787395", "--duplicate-rate", "1.701469e-7"},
	} {
		for _, s := range []string{"1000", "5000"} {
			for _, n := range []string{"650000", "700000", "715833"} {
				var f struct {
					Expected int64    `json:"expected_valid"`
					CI       [2]int64 `json:"ci95"`
					N90      int64    `json:"raw_needed_p90"`
					N95      int64    `json:"raw_needed_p95"`
					N99      int64    `json:"raw_needed_p99"`
				}
				args := append([]string{"forecast", "--required", "566857", "--collected", n, "--sample-size", s}, reading...)
				e.json(&f, args...)
				row := fmt.Sprintf("| %s | %s – %s | ", commas(int(f.Expected)), commas(int(f.CI[0])), commas(int(f.CI[1])))
				needed := fmt.Sprintf(" | %s / %s / %s |", commas(int(f.N90)), commas(int(f.N95)), commas(int(f.N99)))
				if !strings.Contains(string(doc), row) || !strings.Contains(string(doc), needed) {
					t.Errorf("docs/forecasting.md lacks %q or %q (%v)", row, needed, args)
				}
			}
		}
	}
}
