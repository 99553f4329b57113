package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/signet-vote/signet/registrar"
	"github.com/signet-vote/signet/synth"
)

// campaignFiles writes, from a synthetic county's lines, the campaign's intake (each
// section turned in on the day its last line was signed), a pre-check sample (every
// third line, the first of them dated before the form was approved), and a section of a circulator whose 30 lines are names on no voter file, six
// of them at one address (unless plain). It returns the paths of intake.csv and sample.csv.
func campaignFiles(t *testing.T, data string, plain bool) (string, string) {
	t.Helper()
	f, err := os.Open(filepath.Join(data, "lines.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	c, err := synth.CampaignOf(rows, "2022-07-06")
	if err != nil {
		t.Fatal(err)
	}
	sample := c.Sample
	var bad [][]string
	for n := 1; n <= 30 && !plain; n++ {
		house, street := fmt.Sprint(200+n), "Nowhere Ave"
		if n > 20 && n <= 26 {
			house, street = "100", "Nowhere St"
		}
		bad = append(bad, []string{"SBAD", "Circulator BAD", fmt.Sprint(n), fmt.Sprintf("Zyxwv Qqqrst%c", 'A'+n), house, street, "", "", rows[1][8], "2022-04-0" + fmt.Sprint(1+n%9), "yes", "no"})
	}
	// The first line sampled is dated before the form was approved.
	sample[0] = slices.Clone(sample[0])
	sample[0][9] = "2022-01-10"
	sample = append(sample, bad...)
	in := c.Intake
	if !plain {
		in = append(in, []string{"SBAD", "Circulator BAD", "2022-04-10", "30"})
	}
	var body strings.Builder
	iw := csv.NewWriter(&body)
	iw.WriteAll(in)
	intake := filepath.Join(data, "intake.csv")
	if err := os.WriteFile(intake, []byte(body.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(data, "sample.csv")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(out)
	w.Write(rows[0])
	w.WriteAll(sample)
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return intake, path
}

// TestCampaignCockpit: a campaign records its intake (a file, all or nothing, and a
// section from the flags), pre-checks a third of its lines against its voter file with the
// Registrar's engine, sees which reasons dominate and who produces them, gets signals with
// their evidence for the circulator whose lines are on no voter file, and a forecast from
// all of it with the scenario mode's keys, stratified by circulator.
func TestCampaignCockpit(t *testing.T) {
	data := t.TempDir()
	w := synthWorld(t, data, 8000, 1500)
	e := newEnv(t)
	e.ok("jurisdiction", "create", "--id", "demo-county", "--name", w.Jurisdiction.Name, "--zips", strings.Join(w.Jurisdiction.ZIPs, ","))
	e.ok("registration", "add", "--id", "r", "--jurisdiction", "demo-county", "--date", "2022-01-01", "--registered", "50000")
	e.ok("petition", "create", "--id", "demo", "--jurisdiction", "demo-county", "--report", "r", "--approved", w.Approved)
	intake, sample := campaignFiles(t, data, false)

	// Refusals: a malformed row names the file, its line and column, and keeps nothing.
	body, _ := os.ReadFile(intake)
	lines := strings.Split(string(body), "\n")
	broken := slices.Clone(lines)
	broken[5] = strings.Replace(broken[5], ",2022-", ",2022-13-", 1)
	for _, c := range []struct {
		name, content string
		code          int
		want          string
	}{
		{"bad-date.csv", strings.Join(broken, "\n"), ExitInvalid, "bad-date.csv: line 6, column 3 (turned_in)"},
		{"no-lines.csv", "section_id,circulator,turned_in,lines\nX1,Ana,2022-03-01,0\n", ExitInvalid, "no-lines.csv: line 2, column 4 (lines)"},
		{"early.csv", "section_id,circulator,turned_in,lines\nX1,Ana,2022-03-01,5\nX2,Bo,2022-01-02,5\n", ExitInvalid, "early.csv: line 3, column turned_in: 2022-01-02 is before the petition's form was approved"},
		{"twice.csv", "section_id,circulator,turned_in,lines\nX1,Ana,2022-03-01,5\nX1,Bo,2022-03-02,5\n", ExitInvalid, "line 3, column section_id: section X1 appears more than once (first on line 2)"},
		{"future.csv", "section_id,circulator,turned_in,lines\nX1,Ana,2022-08-01,5\n", ExitInvalid, "is after today"},
		{"header.csv", "section_id,circulator,turned_in,lines\n", ExitInvalid, "no sections"},
		{"missing.csv", "section_id,circulator,lines\nX1,Ana,5\n", ExitInvalid, "turned_in"},
	} {
		_, errs, code := e.run("intake", "add", "--petition", "demo", e.write(c.name, c.content))
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("%s: exit %d %q, want %d %q", c.name, code, errs, c.code, c.want)
		}
	}
	var st registrar.IntakeStatus
	e.json(&st, "intake", "show", "--petition", "demo")
	if st.Sections != 0 || st.Collected != 0 {
		t.Fatalf("refused files left intake: %+v", st)
	}
	e.ok("intake", "add", "--petition", "demo", intake)
	if _, errs, code := e.run("intake", "add", "--petition", "demo", intake); code != ExitConflict || !strings.Contains(errs, "before") {
		t.Errorf("the same file again: exit %d %s", code, errs)
	}
	if _, errs, code := e.run("intake", "add", "--petition", "demo", "--section", "SBAD", "--circulator", "X", "--date", "2022-05-01", "--lines", "3"); code != ExitConflict || !strings.Contains(errs, "turned in before") {
		t.Errorf("a section again: exit %d %s", code, errs)
	}
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--lines", "0", "--date", "2022-05-01"}, ExitInvalid, "--lines 0"},
		{[]string{"--lines", "4", "--date", "2022-02-30"}, ExitInvalid, "--date"},
		{[]string{"--lines", "4"}, ExitUsage, "--date is required"},
	} {
		args := append([]string{"intake", "add", "--petition", "demo", "--section", "EXTRA", "--circulator", "Circulator 0001"}, c.args...)
		if _, errs, code := e.run(args...); code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d %q, want %d %q", c.args, code, errs, c.code, c.want)
		}
	}
	if _, errs, code := e.run("intake", "add", "--petition", "ghost", intake); code != ExitNotFound {
		t.Errorf("intake of no petition: exit %d %s", code, errs)
	}
	e.ok("intake", "add", "--petition", "demo", "--section", "EXTRA", "--circulator", "Circulator 0001", "--date", "2022-06-30", "--lines", "4")
	e.json(&st, "intake", "show", "--petition", "demo", "--as-of", "2022-06-01")
	all := 0
	for _, l := range lines[1:] {
		if f := strings.Split(l, ","); len(f) == 4 && f[2] <= "2022-06-01" {
			var n int
			fmt.Sscan(f[3], &n)
			all += n
		}
	}
	if st.Collected != all || st.Deadline != "2022-07-06" || st.DaysLeft != 35 || st.Days[len(st.Days)-1].Total != all ||
		st.PerDayNeeded == nil || *st.PerDayNeeded != (st.Required-all+34)/35 || len(st.Circulators) < 5 {
		t.Fatalf("intake as of 2022-06-01: %+v (want %d lines)", st, all)
	}
	if out := e.ok("intake", "show", "--petition", "demo", "--as-of", "2022-06-01"); !strings.Contains(out, "Circulator BAD") || !strings.Contains(out, "35 days left") {
		t.Errorf("intake show:\n%s", out)
	}

	// Pre-checks.
	if _, errs, code := e.run("forecast", "--petition", "demo"); code != ExitNotFound || !strings.Contains(errs, "no pre-checked lines") {
		t.Errorf("forecast before a pre-check: exit %d %s", code, errs)
	}
	voters := filepath.Join(data, "voters.csv")
	var sum registrar.PrecheckSummary
	e.json(&sum, "precheck", "run", "--petition", "demo", "--voters", voters, sample)
	if sum.Checked != 530 || sum.Runs != 1 || sum.Validity < 0.6 || sum.Validity > 0.85 || len(sum.ByReason) < 3 {
		t.Fatalf("pre-check: %+v", sum)
	}
	if top := sum.ByReason[0]; top.Code != "not_registered" || top.Circulators[0].Circulator != "Circulator BAD" || top.Circulators[0].Lines != 30 {
		t.Errorf("the dominant reason and its circulator: %+v", top)
	}
	if _, errs, code := e.run("precheck", "run", "--petition", "demo", "--voters", voters, sample); code != ExitConflict || !strings.Contains(errs, "pre-checked against") {
		t.Errorf("the same pre-check again: exit %d %s", code, errs)
	}
	bad := e.write("bad-lines.csv", "section_id,circulator,line_number,printed_name,date_signed\nS1,Ana,1,Ann Lee,2022-03-01\nS1,Ana,x,Bo Lee,2022-03-01\n")
	if _, errs, code := e.run("precheck", "run", "--petition", "demo", "--voters", voters, bad); code != ExitInvalid || !strings.Contains(errs, "bad-lines.csv: line 3, column 3 (line_number)") {
		t.Errorf("a malformed lines file: exit %d %s", code, errs)
	}
	other := e.write("other-circulator.csv", "section_id,circulator,line_number,printed_name,date_signed\nSBAD,Ana,99,Ann Lee,2022-03-01\n")
	if _, errs, code := e.run("precheck", "run", "--petition", "demo", "--voters", voters, other); code != ExitInvalid || !strings.Contains(errs, `section SBAD was turned in by "Circulator BAD", not "Ana"`) {
		t.Errorf("a line of a section's other circulator: exit %d %s", code, errs)
	}
	if out := e.ok("precheck", "show", "--petition", "demo"); !strings.Contains(out, "Not Registered") || !strings.Contains(out, "Circulator BAD 30") {
		t.Errorf("precheck show:\n%s", out)
	}

	// Signals.
	var rep registrar.CirculatorReport
	e.json(&rep, "circulators", "--petition", "demo")
	kinds := map[string][]registrar.Signal{}
	for _, s := range rep.Signals {
		kinds[s.Kind] = append(kinds[s.Kind], s)
	}
	if s := kinds["low_validity"]; len(s) != 1 || s[0].Circulator != "Circulator BAD" || len(s[0].Lines) != 30 || !strings.Contains(s[0].Text, "validity 0.0%") {
		t.Errorf("low_validity: %+v", s)
	}
	if s := kinds["not_registered_run"]; len(s) != 1 || s[0].Section != "SBAD" || len(s[0].Lines) != 30 || !strings.Contains(s[0].Text, "30 consecutive lines") {
		t.Errorf("not_registered_run: %+v", s)
	}
	if s := kinds["shared_address"]; len(s) != 1 || s[0].Circulator != "Circulator BAD" || len(s[0].Lines) != 6 || !strings.HasPrefix(s[0].Address, "100 NOWHERE ST") {
		t.Errorf("shared_address: %+v", s)
	}
	if s := kinds["outside_window"]; len(s) != 1 || len(s[0].Lines) != 1 || !strings.Contains(s[0].Text, "1 before the form was approved (2022-01-27)") {
		t.Errorf("outside_window: %+v", s)
	}
	worst := rep.Circulators[0]
	if worst.Circulator != "Circulator BAD" || worst.Validity.Rate != 0 || worst.Validity.High < 0.05 || worst.NotRegistered.Count != 30 || worst.Signals < 3 || rep.Note == "" {
		t.Errorf("the worst circulator: %+v", worst)
	}
	for _, q := range rep.Circulators {
		if r := q.Validity; r.Low > r.Rate || r.High < r.Rate || r.Of != q.Lines {
			t.Errorf("an interval that does not hold its rate: %+v", q)
		}
	}
	if out := e.ok("circulators", "--petition", "demo"); !strings.Contains(out, "never") && !strings.Contains(out, "none is a finding") {
		t.Errorf("circulators text:\n%s", out)
	}

	// The forecast from it all: the scenario mode's keys, and the petition's own.
	var f map[string]any
	e.json(&f, "forecast", "--petition", "demo", "--as-of", "2022-06-01")
	for _, k := range []string{"expected_valid", "ci95", "probability_qualify", "raw_needed_p90", "raw_needed_p95", "raw_needed_p99",
		"daily_rate_needed_p90", "daily_rate_needed_p95", "daily_rate_needed_p99", "raw_at_deadline", "validity", "duplicate_rate",
		"duplicates_found", "petition", "as_of", "deadline", "per_day_from", "strata", "stratified"} {
		if _, ok := f[k]; !ok {
			t.Errorf("forecast --petition lacks %q", k)
		}
	}
	if f["stratified"] != true || f["duplicate_rate_from"] != "sample" || f["days_left"] != float64(35) || f["per_day_from"] != "intake" {
		t.Errorf("forecast --petition: %v", f)
	}
	e.json(&f, "forecast", "--petition", "demo", "--as-of", "2022-06-01", "--per-day", "100")
	if f["per_day"] != float64(100) || f["per_day_from"] != "given" {
		t.Errorf("forecast --per-day: %v", f)
	}
	if _, errs, code := e.run("forecast", "--petition", "demo", "--per-day", "-5"); code != ExitInvalid || !strings.Contains(errs, "--per-day -5") {
		t.Errorf("a negative rate: exit %d %s", code, errs)
	}
	if _, _, code := e.run("forecast", "--petition", "demo", "--as-of", "2022-02-30"); code != ExitInvalid {
		t.Errorf("a bad --as-of: exit %d", code)
	}
	if out := e.ok("forecast", "--petition", "demo", "--as-of", "2022-06-01"); !strings.Contains(out, "stratified by circulator") || !strings.Contains(out, "Circulator BAD") {
		t.Errorf("forecast text:\n%s", out)
	}
}

// TestForecastPetitionIsTheScenario: when the circulators do not differ, the forecast from
// the stored intake and pre-checks is the scenario mode's on the figures it reports
// (collected, validity, sample size, duplicates found, days left, lines a day).
func TestForecastPetitionIsTheScenario(t *testing.T) {
	data := t.TempDir()
	w := synthWorld(t, data, 8000, 1500)
	e := newEnv(t)
	e.ok("jurisdiction", "create", "--id", "demo-county", "--name", w.Jurisdiction.Name, "--zips", strings.Join(w.Jurisdiction.ZIPs, ","))
	e.ok("registration", "add", "--id", "r", "--jurisdiction", "demo-county", "--date", "2022-01-01", "--registered", "50000")
	e.ok("petition", "create", "--id", "demo", "--jurisdiction", "demo-county", "--report", "r", "--approved", w.Approved)
	intake, sample := campaignFiles(t, data, true)
	e.ok("intake", "add", "--petition", "demo", intake)
	e.ok("precheck", "run", "--petition", "demo", "--voters", filepath.Join(data, "voters.csv"), sample)
	var f map[string]any
	e.json(&f, "forecast", "--petition", "demo", "--as-of", "2022-06-01")
	if f["stratified"] != false {
		t.Fatalf("the synthetic circulators differ (p = %v): the test needs them alike", f["homogeneity_p_value"])
	}
	num := func(k string) string { return fmt.Sprint(f[k]) }
	var g map[string]any
	e.json(&g, "forecast", "--required", num("required"), "--collected", num("collected"), "--validity", num("validity"), "--sample-size", num("sample_size"),
		"--duplicates-found", num("duplicates_found"), "--days-left", num("days_left"), "--per-day", num("per_day"))
	for _, k := range []string{"expected_valid", "ci95", "raw_needed_p90", "raw_needed_p95", "raw_needed_p99", "daily_rate_needed_p95", "raw_at_deadline", "duplicates_expected"} {
		if fmt.Sprint(f[k]) != fmt.Sprint(g[k]) {
			t.Errorf("%s: --petition %v, the scenario %v", k, f[k], g[k])
		}
	}
	if p, q := f["probability_qualify"].(float64), g["probability_qualify"].(float64); p-q > 1e-9 || q-p > 1e-9 {
		t.Errorf("probability_qualify: --petition %v, the scenario %v", p, q)
	}
	// With the signature mismatches a campaign cannot see taken off: the validity is the
	// pre-checks' less 2% of it, and so is the scenario's with that validity.
	var h map[string]any
	e.json(&h, "forecast", "--petition", "demo", "--as-of", "2022-06-01", "--signature-mismatch", "0.02")
	if v, w := h["validity"].(float64), f["validity"].(float64)*0.98; v-w > 1e-12 || w-v > 1e-12 || h["signature_mismatch_rate"] != 0.02 {
		t.Errorf("with --signature-mismatch 0.02: validity %v (want %v), rate %v", v, w, h["signature_mismatch_rate"])
	}
	if h["expected_valid"].(float64) >= f["expected_valid"].(float64) {
		t.Errorf("expected_valid %v with mismatches, %v without", h["expected_valid"], f["expected_valid"])
	}
	for _, bad := range []string{"-0.1", "1", "NaN"} {
		if _, errs, code := e.run("forecast", "--petition", "demo", "--signature-mismatch", bad); code != ExitInvalid {
			t.Errorf("--signature-mismatch %s: exit %d %s", bad, code, errs)
		}
	}
	if _, _, code := e.run("forecast", "--required", "10", "--collected", "20", "--validity", "0.7", "--sample-size", "5", "--signature-mismatch", "0.02"); code != ExitUsage {
		t.Errorf("--signature-mismatch in a scenario: exit %d", code)
	}
}
