package law

import (
	"testing"
	"time"

	"github.com/signet-vote/signet"
)

func day(s string) time.Time { d, _ := signet.ParseDate(s); return d }

func mustRules(t *testing.T, id string) Rules {
	t.Helper()
	r, err := LookupRules(id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestEveryPackIsComplete(t *testing.T) {
	want := []string{"az-statewide-initiative", "ca-county-initiative", "ca-local-recall", "ca-state-recall",
		"ca-statewide-initiative", "co-statewide-initiative", "nv-local", "nv-recall", "nv-statewide-initiative", "wa-statewide-initiative"}
	ids := IDs()
	if len(ids) != len(want) {
		t.Fatalf("IDs = %v", ids)
	}
	for i, id := range ids {
		if id != want[i] {
			t.Fatalf("IDs = %v, want %v", ids, want)
		}
		r := mustRules(t, id)
		if r.ID() != id || r.Title() == "" || r.Calendar == nil {
			t.Errorf("%s: id/title/calendar missing", id)
		}
		for name, cite := range map[string]string{"requirement": r.Requirement.Cite, "circulation": r.Circulation.Cite,
			"verification": r.Verification.Cite, "sampling": r.Sampling.Cite, "projection": r.Projection.Cite,
			"bands": r.Bands.Cite, "duplicates": r.DuplicatesCite, "cutoff": r.CutoffCite, "stop early": r.StopEarlyCite} {
			if cite == "" {
				t.Errorf("%s: rule %s has no citation", id, name)
			}
		}
		if len(r.Requirement.Tiers) == 0 || r.Projection.Method == "" {
			t.Errorf("%s: no requirement tiers or projection method", id)
		}
	}
}

// The California local pack's data agrees with CaliforniaLocalRecall's own methods.
func TestCaliforniaLocalRecallRulesAgree(t *testing.T) {
	c := CaliforniaLocalRecall{}
	r := c.Rules()
	for _, n := range []int{0, 1, 999, 1_000, 4_999, 5_000, 9_999, 10_000, 49_999, 50_000, 99_999, 100_000, 5_668_566} {
		a, ap := c.Required(n)
		b, bp := r.Required(n)
		if a != b || ap != bp || c.CirculationDays(n) != r.CirculationDays(n) {
			t.Errorf("n=%d: methods %d@%v/%dd, data %d@%v/%dd", n, a, ap, c.CirculationDays(n), b, bp, r.CirculationDays(n))
		}
	}
}

func TestRequiredStatewide(t *testing.T) {
	cases := []struct {
		pack, setting string
		base, want    int
		arithmetic    string
	}{
		// Newsom 2021: the 2018 vote for Governor was 7,721,410 (Newsom) + 4,742,825 (Cox) = 12,464,235.
		{"ca-state-recall", "", 12_464_235, 1_495_709, "12,464,235 × 12% = 1,495,708.2 → 1,495,709 (the Secretary of State's figure)"},
		{"ca-state-recall", "20", 100_000, 20_000, "a legislator: 100,000 × 20% = 20,000"},
		{"ca-statewide-initiative", "", 12_464_235, 623_212, "12,464,235 × 5% = 623,211.75 → 623,212 (2019–2022 statutes)"},
		{"ca-statewide-initiative", "8", 12_464_235, 997_139, "12,464,235 × 8% = 997,138.8 → 997,139 (constitutional amendments)"},
		{"ca-county-initiative", "", 1_000_001, 100_001, "1,000,001 × 10% = 100,000.1 → 100,001"},
		{"co-statewide-initiative", "", 2_000_001, 100_001, "2,000,001 × 5% = 100,000.05 → 100,001"},
		{"wa-statewide-initiative", "", 1_000_000, 80_000, "1,000,000 × 8% = 80,000"},
		{"az-statewide-initiative", "15", 1_000_001, 150_001, "1,000,001 × 15% = 150,000.15 → 150,001"},
	}
	for _, tc := range cases {
		r := mustRules(t, tc.pack)
		if tc.setting != "" {
			var err error
			if r, err = r.With("percent", tc.setting); err != nil {
				t.Fatal(err)
			}
		}
		if got, _ := r.Required(tc.base); got != tc.want {
			t.Errorf("%s Required(%d) = %d, want %d (%s)", tc.pack, tc.base, got, tc.want, tc.arithmetic)
		}
	}
	// With changes a copy: the registered pack keeps its default.
	if got, pct := mustRules(t, "ca-state-recall").Required(100); got != 12 || pct != 12 {
		t.Errorf("the pack's default changed: %d at %v%%", got, pct)
	}
	if _, err := mustRules(t, "ca-state-recall").With("nope", "1"); signet.Code(err) != signet.EInvalid {
		t.Errorf("unknown setting: %v", err)
	}
	// The five-county condition: 1% of the county's last vote, rounded up.
	r := mustRules(t, "ca-state-recall")
	if got := r.CountyRequired(123_456); got != 1_235 {
		t.Errorf("CountyRequired(123,456) = %d, want 1,235 (1,234.56 → 1,235)", got)
	}
	if got := mustRules(t, "ca-local-recall").CountyRequired(123_456); got != 0 {
		t.Errorf("local packs have no county condition, got %d", got)
	}
}

func TestSampleSize(t *testing.T) {
	cases := []struct {
		pack       string
		raw, want  int
		arithmetic string
	}{
		{"ca-local-recall", 500, 500, "500 lines: not more than 500, so no sampling (§11225(a))"},
		{"ca-local-recall", 501, 500, "501 lines: max(500, ⌈25.05⌉ = 26) = 500"},
		{"ca-local-recall", 10_000, 500, "5% × 10,000 = 500 exactly = the minimum"},
		{"ca-local-recall", 10_001, 501, "5% × 10,001 = 500.05; \"at least\" 5% ⇒ 501"},
		{"ca-local-recall", 10_020, 501, "5% × 10,020 = 501 exactly"},
		{"ca-local-recall", 715_833, 35_792, "LA 2022: 5% × 715,833 = 35,791.65 → 35,792 (LA drew 35,793, one more than the minimum)"},
		{"ca-state-recall", 16_666, 16_666, "since SB 96 (2017) every signature of a state recall is verified"},
		{"ca-statewide-initiative", 16_700, 501, "3% × 16,700 = 501 exactly"},
		{"ca-county-initiative", 16_701, 502, "3% × 16,701 = 501.03 → 502"},
		{"ca-county-initiative", 400, 400, "fewer lines than the minimum: all of them"},
		{"nv-local", 500, 500, "NV: 500 or fewer are all checked"},
		{"nv-local", 501, 500, "NV: max(500, ⌈25.05⌉) = 500"},
		{"nv-local", 20_000, 1_000, "NV: 5% × 20,000 = 1,000"},
		{"co-statewide-initiative", 100_001, 5_001, "CO: 5% × 100,001 = 5,000.05 → 5,001 (no minimum by default)"},
		{"co-statewide-initiative", 1_000, 50, "CO: 5% × 1,000 = 50"},
		{"az-statewide-initiative", 300_000, 15_000, "AZ: 5% × 300,000 = 15,000"},
	}
	for _, tc := range cases {
		if got := mustRules(t, tc.pack).SampleSize(tc.raw); got != tc.want {
			t.Errorf("%s SampleSize(%d) = %d, want %d (%s)", tc.pack, tc.raw, got, tc.want, tc.arithmetic)
		}
	}
	// A state recall filed before SB 96 (in force 2017-06-27) was sampled under §11105.
	old := mustRules(t, "ca-state-recall").AsOf(Dates{Filed: time.Date(2017, 6, 26, 0, 0, 0, 0, time.UTC)})
	for _, tc := range []struct{ raw, want int }{{16_666, 500}, {16_667, 501}} { // 3% = 499.98 → 500 = the minimum; 500.01 → 501
		if got := old.SampleSize(tc.raw); got != tc.want {
			t.Errorf("ca-state-recall filed 2017-06-26: SampleSize(%d) = %d, want %d", tc.raw, got, tc.want)
		}
	}
	co, _ := mustRules(t, "co-statewide-initiative").With("sample_minimum", "4000")
	if got := co.SampleSize(50_000); got != 4_000 {
		t.Errorf("CO with sample_minimum=4000: SampleSize(50,000) = %d, want max(4,000, 2,500) = 4,000", got)
	}
}

func TestBands(t *testing.T) {
	la := mustRules(t, "ca-local-recall")
	// LA 2022, required 566,857: 110% = 623,542.7 → 623,543; 90% = 510,171.3 → 510,172.
	s, f := la.Bands.Values(566_857)
	if s != 623_543 || f != 510_172 {
		t.Errorf("LA band values = %d, %d; want 623,543 and 510,172", s, f)
	}
	cases := []struct {
		pack                string
		projected, required int
		want                Decision
		why                 string
	}{
		{"ca-local-recall", 623_543, 566_857, Sufficient, "623,543 > 623,542.7 (more than 110%)"},
		{"ca-local-recall", 623_542, 566_857, FullCount, "623,542 < 623,542.7"},
		{"ca-local-recall", 510_172, 566_857, FullCount, "510,172 ≥ 510,171.3 (90% inclusive)"},
		{"ca-local-recall", 510_171, 566_857, Insufficient, "510,171 < 510,171.3"},
		{"ca-local-recall", 1_100, 1_000, FullCount, "exactly 110% is in the full-count band (\"90 to 110 percent\")"},
		{"ca-local-recall", 1_101, 1_000, Sufficient, "more than 110%"},
		{"ca-local-recall", 900, 1_000, FullCount, "exactly 90% is in the band"},
		{"ca-local-recall", 899, 1_000, Insufficient, "below 90%"},
		{"ca-statewide-initiative", 950, 1_000, FullCount, "95% inclusive"},
		{"ca-statewide-initiative", 949, 1_000, Insufficient, "below 95%"},
		{"ca-statewide-initiative", 1_100, 1_000, FullCount, "110% exactly: full count"},
		{"nv-local", 1_000, 1_000, Sufficient, "NV: 100% or more"},
		{"nv-local", 999, 1_000, FullCount, "NV: 90% to below 100%: keep verifying"},
		{"nv-local", 899, 1_000, Insufficient, "NV: below 90%"},
		{"co-statewide-initiative", 900, 1_000, Insufficient, "CO: 90% or less"},
		{"co-statewide-initiative", 901, 1_000, FullCount, "CO: between"},
		{"co-statewide-initiative", 1_100, 1_000, Sufficient, "CO: 110% or more"},
		{"az-statewide-initiative", 999, 1_000, Insufficient, "AZ: below 100%"},
		{"az-statewide-initiative", 1_000, 1_000, Sufficient, "AZ: 100%"},
	}
	for _, tc := range cases {
		if got := mustRules(t, tc.pack).Decide(tc.projected, tc.required); got != tc.want {
			t.Errorf("%s Decide(%d, %d) = %s, want %s (%s)", tc.pack, tc.projected, tc.required, got, tc.want, tc.why)
		}
	}
}

func TestHolidays(t *testing.T) {
	cases := []struct {
		cal  *Calendar
		day  string
		want bool
		why  string
	}{
		{California, "2022-01-17", true, "MLK Day 2022: third Monday of January (3, 10, 17)"},
		{California, "2022-02-21", true, "Presidents' Day 2022: third Monday of February (7, 14, 21)"},
		{California, "2021-03-31", true, "Cesar Chavez Day, a Wednesday"},
		{California, "2024-04-01", true, "Cesar Chavez Day 2024 fell on Sunday 31 March: observed Monday"},
		{California, "2000-03-31", false, "Cesar Chavez Day begins in 2001"},
		{California, "2022-05-30", true, "Memorial Day 2022: last Monday of May"},
		{California, "2022-09-05", true, "Labor Day 2022"},
		{California, "2022-11-24", true, "Thanksgiving 2022: fourth Thursday (3, 10, 17, 24)"},
		{California, "2022-11-25", true, "the day after Thanksgiving"},
		{California, "2022-12-26", true, "Christmas 2022 fell on a Sunday: observed Monday"},
		{California, "2021-12-31", false, "New Year 2022 fell on a Saturday: not moved in California"},
		{California, "2023-11-10", false, "Veterans Day 2023 fell on a Saturday: not moved in California"},
		{California, "2008-02-12", true, "Lincoln Day was an office holiday until 2009"},
		{California, "2010-02-12", false, "Lincoln Day is no longer an office holiday"},
		{California, "2008-10-13", true, "Columbus Day 2008"},
		{California, "2022-10-10", false, "Columbus Day is no longer an office holiday"},
		{California, "2022-06-20", false, "Juneteenth is not a state-office closure day"},
		{Nevada, "2021-12-31", true, "NV: New Year 2022 on Saturday observed Friday"},
		{Nevada, "2022-10-28", true, "Nevada Day 2022: last Friday of October"},
		{Nevada, "2022-11-25", true, "Family Day"},
		{Colorado, "2022-10-03", true, "Cabrini Day 2022: first Monday of October"},
		{Colorado, "2019-10-14", true, "Columbus Day 2019"},
		{Colorado, "2023-11-10", true, "CO: Veterans Day 2023 on Saturday observed Friday"},
		{Washington, "2022-11-25", true, "WA: Native American Heritage Day"},
		{Arizona, "2022-10-10", true, "AZ: Columbus Day"},
		{Arizona, "2022-06-20", false, "AZ: no Juneteenth"},
		{California, "2040-12-25", true, "Christmas 2040, the last year of data"},
	}
	for _, tc := range cases {
		_, got := tc.cal.IsHoliday(day(tc.day))
		if got != tc.want {
			t.Errorf("%s IsHoliday(%s) = %v, want %v (%s)", tc.cal.Name, tc.day, got, tc.want, tc.why)
		}
	}
}

func TestWorkingDayDeadlines(t *testing.T) {
	cases := []struct {
		start string
		n     int
		want  string
		why   string
	}{
		// Los Angeles 2022: filed Wednesday 6 July; Jul 7–8 (2), 11–15 (7), 18–22 (12), 25–29 (17),
		// Aug 1–5 (22), 8–12 (27), 15–17 (30): the Registrar's deadline of 17 August.
		{"2022-07-06", 30, "2022-08-17", "LA 2022 full count"},
		// Newsom 2021: filed 17 March; Mar 18–19 (2), 22–26 (7), 29–30 (9), Mar 31 Cesar Chavez Day,
		// Apr 1–2 (11), 5–9 (16), 12–16 (21), 19–23 (26), 26–29 (30): the counties' 29 April deadline.
		{"2021-03-17", 30, "2021-04-29", "Newsom 2021 county verification"},
		// Newsom 2021 withdrawal window from 26 April: Apr 27–30 (4), May 3–7 (9), 10–14 (14),
		// 17–21 (19), 24–28 (24), May 31 Memorial Day, Jun 1–4 (28), 7–8 (30).
		{"2021-04-26", 30, "2021-06-08", "Newsom 2021 withdrawal window"},
		// Across the Thanksgiving holidays: Nov 23 2022 (Wed) + 1 working day skips Thu 24, Fri 25, the weekend.
		{"2022-11-23", 1, "2022-11-28", "Thanksgiving and the day after"},
	}
	for _, tc := range cases {
		if got := signet.FormatDate(California.AddWorkingDays(day(tc.start), tc.n)); got != tc.want {
			t.Errorf("AddWorkingDays(%s, %d) = %s, want %s (%s)", tc.start, tc.n, got, tc.want, tc.why)
		}
	}
	la := mustRules(t, "ca-local-recall")
	filed := day("2022-07-06")
	if got := signet.FormatDate(la.SampleDeadline(Dates{Filed: filed}, 715_833)); got != "2022-08-17" {
		t.Errorf("LA sample deadline = %s", got)
	}
	// Today's law (§11225 as amended by SB 386) over these dates, for the arithmetic (a
	// petition filed on them is judged by the law of 2022: version_test.go): full count after
	// a sample, 60 working days: Aug 18–19 (32), 22–26 (37), Aug 29–Sep 2 (42),
	// Sep 5 Labor Day, 6–9 (46), 12–16 (51), 19–23 (56), 26–29 (60) ⇒ 29 September.
	if got := signet.FormatDate(la.FullCountDeadline(Dates{Filed: filed}, 715_833)); got != "2022-09-29" {
		t.Errorf("LA full count (60 working days) = %s, want 2022-09-29", got)
	}
	la30, _ := la.With("full_count_days", "30")
	if got := signet.FormatDate(la30.FullCountDeadline(Dates{Filed: filed}, 715_833)); got != "2022-08-17" {
		t.Errorf("LA full count with consolidation (30) = %s, want 2022-08-17", got)
	}
	if !la.SampleDeadline(Dates{Filed: filed}, 400).IsZero() || signet.FormatDate(la.FullCountDeadline(Dates{Filed: filed}, 400)) != "2022-08-17" {
		t.Errorf("a 400-line petition is counted in full within 30 working days, unsampled")
	}
	sr := mustRules(t, "ca-state-recall")
	if got := signet.FormatDate(sr.WithdrawalDeadline(day("2021-04-26"))); got != "2021-06-08" {
		t.Errorf("withdrawal deadline = %s", got)
	}
	co := mustRules(t, "co-statewide-initiative")
	if got := signet.FormatDate(co.SampleDeadline(Dates{Filed: day("2022-08-01")}, 200_000)); got != "2022-08-31" {
		t.Errorf("CO: 30 calendar days from 2022-08-01 = %s, want 2022-08-31", got)
	}
	// Six months from 31 January 2022 is Sunday 31 July, moved to Monday 1 August (C.R.S.
	// 1-1-106(4)); from 31 August 2022 it is 28 February 2023, the concluding month having
	// fewer days (1-1-106(3)), a Tuesday.
	if got := signet.FormatDate(co.FilingDeadline(day("2022-01-31"), 0)); got != "2022-08-01" {
		t.Errorf("CO: six months from 2022-01-31 = %s, want 2022-08-01", got)
	}
	if got := signet.FormatDate(co.FilingDeadline(day("2022-08-31"), 0)); got != "2023-02-28" {
		t.Errorf("CO: six months from 2022-08-31 = %s, want 2023-02-28", got)
	}
	wa := mustRules(t, "wa-statewide-initiative")
	if !wa.FilingDeadline(day("2022-01-01"), 0).IsZero() || signet.FormatDate(wa.ElectionFilingDeadline(day("2022-11-08"))) != "2022-07-08" {
		t.Errorf("WA: filing deadline is four months before the election")
	}
}

// A statewide petition's periods run from the Secretary of State's notice (the sample, or
// the full count of a county's sections too few to sample, §9030(d)) and order (a full
// count after a sample, §9031(b)); without those dates there is no deadline yet. The dates
// are those of TestLawDeadlinesCountFromTheNotice (cmd/signet): Six Californias, 2014.
func TestStatewidePeriodsCountFromTheNotice(t *testing.T) {
	sw, err := LookupRules("ca-statewide-initiative")
	if err != nil {
		t.Fatal(err)
	}
	day := func(s string) time.Time { d, _ := signet.ParseDate(s); return d }
	filed := Dates{Filed: day("2014-07-15")}
	if !sw.SampleDeadline(filed, 311_924).IsZero() || !sw.FullCountDeadline(filed, 311_924).IsZero() {
		t.Error("a deadline counted from the filing")
	}
	d := Dates{Filed: day("2014-07-15"), Notice: day("2014-07-31"), Order: day("2014-09-15")}
	sw = sw.AsOf(d) // §9031(b) before SB 386: 30 working days from the order
	if sw.SampleFrom() != OnNotice || sw.FullCountFrom(311_924) != OnOrder {
		t.Errorf("events: %s, %s", sw.SampleFrom(), sw.FullCountFrom(311_924))
	}
	if got := signet.FormatDate(sw.SampleDeadline(d, 311_924)); got != "2014-09-12" {
		t.Errorf("sample deadline %s, want 2014-09-12", got)
	}
	if got := signet.FormatDate(sw.FullCountDeadline(d, 311_924)); got != "2014-10-27" {
		t.Errorf("full count deadline %s, want 2014-10-27", got)
	}
	// San Benito's 350 lines were too few to sample: a full count, in the sample's period
	// from the notice, if the pack gives one (NoSampleFullCountDays); else the full count's.
	if sw.Verification.NoSampleFullCountDays > 0 && sw.FullCountFrom(350) != OnNotice {
		t.Errorf("an unsampled county counts from %s", sw.FullCountFrom(350))
	}
	la, _ := LookupRules("ca-local-recall")
	if la.SampleFrom() != OnFiling || la.FullCountFrom(715_833) != OnFiling {
		t.Errorf("the local recall counts from %s / %s", la.SampleFrom(), la.FullCountFrom(715_833))
	}
}
