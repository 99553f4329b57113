package main

import (
	"fmt"
	"strings"
	"testing"
)

func TestLawListAndShow(t *testing.T) {
	e := newEnv(t)
	var list []map[string]any
	e.json(&list, "law", "list")
	if len(list) != 10 {
		t.Fatalf("law list: %v", list)
	}
	out := e.ok("law", "show", "ca-local-recall")
	for _, want := range []string{"§11221(a)", "§11225", "2 CCR §20530", "Gov. Code §6700", "full_count_days"} {
		if !strings.Contains(out, want) {
			t.Errorf("law show lacks %q:\n%s", want, out)
		}
	}
	var show map[string]any
	e.json(&show, "law", "show", "--rules", "ca-state-recall", "--set", "percent=20")
	if show["id"] != "ca-state-recall" || show["calendar"] == nil {
		t.Errorf("law show --json: %v", show)
	}
	if _, _, code := e.run("law", "show", "xx"); code != ExitUsage {
		t.Errorf("unknown pack: exit %d", code)
	}
}

func TestLawRequired(t *testing.T) {
	e := newEnv(t)
	var v struct {
		Required int     `json:"required"`
		Percent  float64 `json:"percent"`
	}
	// LA 2022: 5,668,566 × 10% = 566,856.6 → 566,857.
	e.json(&v, "law", "required", "--rules", "ca-local-recall", "--registered", "5668566")
	if v.Required != 566_857 || v.Percent != 10 {
		t.Errorf("LA: %+v", v)
	}
	// 9,999 × 25% = 2,499.75 → 2,500.
	e.json(&v, "law", "required", "--rules", "ca-local-recall", "--registered", "9999")
	if v.Required != 2_500 || v.Percent != 25 {
		t.Errorf("9,999: %+v", v)
	}
	// Newsom 2021: 12,464,235 × 12% = 1,495,708.2 → 1,495,709.
	e.json(&v, "law", "required", "--rules", "ca-state-recall", "--last-vote", "12464235")
	if v.Required != 1_495_709 || v.Percent != 12 {
		t.Errorf("Newsom: %+v", v)
	}
	// Five counties at 1%: 1% × 1,000,001 = 10,000.01 → 10,001; 1% × 250,000 = 2,500.
	csv := e.write("counties.csv", "county,last_vote,valid\nA,1000001,10001\nB,250000,2500\nC,100,1\nD,100,1\nE,100,0\nF,100,5\n")
	var c struct {
		Required  int  `json:"required"`
		Met       int  `json:"counties_met"`
		Condition bool `json:"county_condition_met"`
		Counties  []struct {
			County   string `json:"county"`
			Required int    `json:"required"`
		} `json:"counties"`
	}
	e.json(&c, "law", "required", "--rules", "ca-state-recall", "--last-vote", "12464235", "--county-votes", csv)
	if c.Required != 1_495_709 || c.Met != 5 || !c.Condition || c.Counties[0].Required != 10_001 || c.Counties[1].Required != 2_500 {
		t.Errorf("counties: %+v", c)
	}
	if _, _, code := e.run("law", "required", "--rules", "ca-local-recall"); code != ExitUsage {
		t.Errorf("no base: exit %d", code)
	}
	if _, _, code := e.run("law", "required", "--rules", "ca-local-recall", "--registered", "10", "--county-votes", csv); code != ExitUsage {
		t.Errorf("county votes on a local pack: exit %d", code)
	}
}

func TestLawDeadlines(t *testing.T) {
	e := newEnv(t)
	var v map[string]any
	// LA 2022: approved 2022-01-27, 160 days ⇒ 2022-07-06; no --filed ⇒ nulls.
	e.json(&v, "law", "deadlines", "--rules", "ca-local-recall", "--registered", "5668566", "--approved", "2022-01-27")
	if v["filing_deadline"] != "2022-07-06" || v["full_count_deadline"] != nil || v["sample_deadline"] != nil {
		t.Errorf("LA without filing: %v", v)
	}
	if _, ok := v["sample_deadline"]; !ok {
		t.Error("sample_deadline must be present (null)")
	}
	// Filed 2022-07-06, under the law of 2022 (before SB 386, Stats. 2023 ch. 870): one period
	// of 30 working days from the filing for the sample and the full count ⇒ both 2022-08-17;
	// the Registrar's full count ended within it (results announced 15 August 2022).
	e.json(&v, "law", "deadlines", "--rules", "ca-local-recall", "--registered", "5668566", "--approved", "2022-01-27", "--filed", "2022-07-06")
	if v["sample_deadline"] != "2022-08-17" || v["full_count_deadline"] != "2022-08-17" {
		t.Errorf("LA filed: %v", v)
	}
	asOf, _ := v["law_as_of"].(map[string]any)
	versions, _ := asOf["versions"].([]any)
	if asOf["filed"] != "2022-07-06" || len(versions) != 1 || !strings.Contains(fmt.Sprint(versions[0]), "before Stats. 2023, ch. 870 (SB 386)") {
		t.Errorf("LA filed: law_as_of %v", v["law_as_of"])
	}
	// The same petition filed on 2024-07-08, under SB 386: sample 30 working days ⇒ 2024-08-19;
	// full count 60 ⇒ 2024-10-01 (Independence Day is before, Labor Day 2 September skipped);
	// with --set full_count_days=30 (consolidation, §11225(b)) ⇒ 2024-08-19.
	e.json(&v, "law", "deadlines", "--rules", "ca-local-recall", "--registered", "5668566", "--approved", "2024-01-29", "--filed", "2024-07-08")
	if v["sample_deadline"] != "2024-08-19" || v["full_count_deadline"] != "2024-10-01" {
		t.Errorf("filed in 2024: %v", v)
	}
	e.json(&v, "law", "deadlines", "--rules", "ca-local-recall", "--registered", "5668566", "--approved", "2024-01-29", "--filed", "2024-07-08", "--set", "full_count_days=30")
	if v["full_count_deadline"] != "2024-08-19" {
		t.Errorf("filed in 2024, consolidated: %v", v)
	}
	// Newsom 2021: filed 2021-03-17, every signature verified (no sample since SB 96, 2017),
	// 30 working days with Cesar Chavez Day ⇒ 2021-04-29, the counties' deadline the Secretary
	// of State set.
	e.json(&v, "law", "deadlines", "--rules", "ca-state-recall", "--registered", "12464235", "--approved", "2020-06-10", "--filed", "2021-03-17", "--raw", "2000000")
	if v["sample_deadline"] != nil || v["full_count_deadline"] != "2021-04-29" || v["filing_deadline"] != "2020-11-17" {
		t.Errorf("Newsom: %v", v)
	}
	// Washington: filed four months before the election.
	e.json(&v, "law", "deadlines", "--rules", "wa-statewide-initiative", "--registered", "0", "--approved", "2022-01-10", "--election", "2022-11-08")
	if v["filing_deadline"] != "2022-07-08" {
		t.Errorf("WA: %v", v)
	}
	if _, _, code := e.run("law", "deadlines", "--rules", "wa-statewide-initiative", "--registered", "0", "--approved", "2022-01-10"); code != ExitUsage {
		t.Errorf("WA without --election: exit %d", code)
	}
	out := e.ok("law", "deadlines", "--rules", "ca-local-recall", "--registered", "5668566", "--approved", "2022-01-27", "--filed", "2022-07-06")
	if !strings.Contains(out, "2022-08-17") {
		t.Errorf("text: %s", out)
	}
}

// law show --history lists each version of a rule that changed, with its dates and
// citation; a pack without recorded versions says so.
func TestLawShowHistory(t *testing.T) {
	e := newEnv(t)
	out := e.ok("law", "show", "ca-local-recall", "--history")
	for _, want := range []string{"verification  earliest known, until 2023-12-31 (by the filed date)",
		"before Stats. 2023, ch. 870 (SB 386)", "verification  from 2024-01-01 (by the filed date)", "changed: the full count after a sample"} {
		if !strings.Contains(out, want) {
			t.Errorf("law show --history: want %q in\n%s", want, out)
		}
	}
	var h struct {
		ID      string
		History []struct{ Rule, From, Cite string }
	}
	e.json(&h, "law", "show", "ca-local-recall", "--history")
	byRule := map[string][]string{}
	for _, v := range h.History {
		byRule[v.Rule] = append(byRule[v.Rule], v.From)
	}
	if h.ID != "ca-local-recall" || fmt.Sprint(byRule["verification"]) != "[ 2024-01-01]" {
		t.Errorf("law show --history --json: %+v", h)
	}
	// The calendar's holidays by year (Gov. Code §6700): Cesar Chavez Day closes the offices
	// from 2001, Columbus Day no longer from 2009, Lincoln Day from 2010; Juneteenth (AB 1655,
	// Stats. 2022, ch. 753) and Lunar New Year (AB 2596, ch. 792) are listed from 2023 with
	// the offices open.
	for rule, want := range map[string]string{"holiday: Cesar Chavez Day": "[ 2001-01-01]", "holiday: Columbus Day": "[ 2009-01-01]",
		"holiday: Lincoln Day": "[ 2010-01-01]", "holiday: Juneteenth": "[ 2023-01-01]", "holiday: Lunar New Year": "[ 2023-01-01]"} {
		if got := fmt.Sprint(byRule[rule]); got != want {
			t.Errorf("%s: versions from %s, want %s", rule, got, want)
		}
	}
	if out := e.ok("law", "show", "ca-local-recall", "--history"); !strings.Contains(out, "holiday: Juneteenth from 2023-01-01 (by the day counted)") ||
		!strings.Contains(out, "listed as a holiday with the offices open: counted as a working day") {
		t.Errorf("law show --history: the holidays by year are not shown:\n%s", out)
	}
	// A pack with no change known lists each rule once, in force on every date, with its
	// citation.
	if out := e.ok("law", "show", "az-statewide-initiative", "--history"); !strings.Contains(out, "sampling      every date (no change known) (by the filed date)\n  A.R.S. 19-121.01(B)") ||
		strings.Contains(out, " from 20") {
		t.Errorf("a pack without versions: %s", out)
	}
	if _, _, code := e.run("law", "show", "az-statewide-initiative", "--markdown"); code != ExitUsage {
		t.Errorf("--markdown without --history: exit %d", code)
	}
	// Nevada's statewide initiative has no rule with an earlier version, only its calendar's
	// Juneteenth Day (NRS 236.015(1) as amended by AB 140, 2023).
	if out := e.ok("law", "show", "nv-statewide-initiative", "--history"); !strings.Contains(out, "holiday: Juneteenth Day from 2023-01-01 (by the day counted)") ||
		!strings.Contains(out, "circulation   every date (no change known)") {
		t.Errorf("nv-statewide-initiative --history: %s", out)
	}
	if out := e.ok("law", "show", "nv-recall", "--history"); !strings.Contains(out, "circulation   from 2019-06-01 (by the approved date)") ||
		!strings.Contains(out, "Stats. 2019, ch. 288") {
		t.Errorf("nv-recall --history:\n%s", out)
	}
	if out := e.ok("law", "show", "nv-recall"); !strings.Contains(out, "Nev. Const. art. 2 §9") || !strings.Contains(out, "NRS 306.040(2)(a)") {
		t.Errorf("law show nv-recall:\n%s", out)
	}
	// Nevada's statewide initiative is due the 15th day after the election (NRS 295.056):
	// the 2024 primary of 11 June → 26 June.
	var dl map[string]any
	e.json(&dl, "law", "deadlines", "--rules", "nv-statewide-initiative", "--registered", "1023617", "--approved", "2023-11-01", "--election", "2024-06-11")
	if dl["filing_deadline"] != "2024-06-26" {
		t.Errorf("nv-statewide-initiative deadlines: %v", dl)
	}
	if out := e.ok("law", "show", "ca-local-recall"); !strings.Contains(out, "last day       a last day on a Saturday, Sunday or holiday moves to the next business day") ||
		!strings.Contains(out, "Elections Code §15") {
		t.Errorf("law show: the last-day rule is not shown:\n%s", out)
	}
	// law show as of a date prints the version then in force.
	if out := e.ok("law", "show", "ca-local-recall", "--filed", "2022-07-06"); !strings.Contains(out, "before Stats. 2023, ch. 870 (SB 386)") {
		t.Errorf("law show --filed 2022-07-06:\n%s", out)
	}
	if _, errs, code := e.run("law", "show", "ca-local-recall", "--filed", "2022-02-30"); code != ExitInvalid || !strings.Contains(errs, "filed") {
		t.Errorf("an impossible date: exit %d %s", code, errs)
	}
}

// A statewide initiative's periods run from the Secretary of State's notice and order to the
// counties (Elections Code §9030(c)–(d), §9031(b)), not from the filing. The record: the
// Secretary of State's "Initiatives and Referenda Pending Signature Verification" page for
// 1648 (13-0063), "Division of California into Six States": summary date 02/18/14,
// signatures required 807,615, random sample deadline 09/12/14. The petition was filed on
// Tuesday 2014-07-15; thirty working days from the filing would end on 2014-08-26. Counting
// back thirty working days from Friday 12 September across Labor Day (Sep 8–12: 26–30, Sep
// 2–5: 22–25, Aug 25–29: 17–21, Aug 18–22, Aug 11–15, Aug 4–8: 2–16, Aug 1: 1) puts the
// notice on Thursday 2014-07-31, after the counties' raw counts (Ventura's on 30 July); the
// notice's own date is not in the record at hand.
func TestLawDeadlinesCountFromTheNotice(t *testing.T) {
	e := newEnv(t)
	var v map[string]any
	// 8% of the 10,095,185 votes for Governor in 2010 = 807,614.8 ⇒ 807,615.
	e.json(&v, "law", "required", "--rules", "ca-statewide-initiative", "--last-vote", "10095185", "--set", "percent=8")
	if fmt.Sprint(v["required"]) != "807615" {
		t.Errorf("Six Californias requirement: %v", v)
	}
	args := []string{"law", "deadlines", "--rules", "ca-statewide-initiative", "--registered", "10095185", "--approved", "2014-02-18", "--filed", "2014-07-15"}
	e.json(&v, append(args, "--json")...)
	if v["sample_deadline"] != nil || v["full_count_deadline"] != nil || v["sample_from"] != "notice" || v["full_count_from"] != "order" ||
		!strings.Contains(fmt.Sprint(v["from_cite"]), "§9030(c)–(d)") {
		t.Errorf("without the notice there is no deadline yet: %v", v)
	}
	if out := e.ok(args...); !strings.Contains(out, "sample deadline      counted from the Secretary of State's notice to the counties (--notice DATE)") {
		t.Errorf("text without the notice:\n%s", out)
	}
	e.json(&v, append(args, "--notice", "2014-07-31", "--json")...)
	if v["sample_deadline"] != "2014-09-12" || v["full_count_deadline"] != nil {
		t.Errorf("Six Californias, notice 2014-07-31: %v", v)
	}
	if asOf, _ := v["law_as_of"].(map[string]any); asOf["notice"] != "2014-07-31" || asOf["order"] != nil {
		t.Errorf("law_as_of: %v", v["law_as_of"])
	}
	// Hand arithmetic, no record: an order received on Monday 2014-09-15 gives 30 working days
	// Sep 16–19 (4), 22–26 (9), Sep 29–Oct 3 (14), Oct 6–10 (19), 13–17 (24), 20–24 (29),
	// 27 (30) ⇒ 2014-10-27 (Columbus Day is not a California closure day after 2008).
	e.json(&v, append(args, "--notice", "2014-07-31", "--order", "2014-09-15", "--json")...)
	if v["full_count_deadline"] != "2014-10-27" {
		t.Errorf("full count from the order: %v", v)
	}
	for _, bad := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--notice", "2014-07-01"}, ExitUsage, "--notice 2014-07-01 is before --filed 2014-07-15"},
		{[]string{"--notice", "2014-07-31", "--order", "2014-07-20"}, ExitUsage, "--order 2014-07-20 is before --notice 2014-07-31"},
		{[]string{"--notice", "31/07/2014"}, ExitInvalid, `--notice: "31/07/2014" is not a date`},
	} {
		if _, stderr, code := e.run(append(args, bad.args...)...); code != bad.code || !strings.Contains(stderr, bad.want) {
			t.Errorf("%v: exit %d, %s", bad.args, code, stderr)
		}
	}
	noFiled := []string{"law", "deadlines", "--rules", "ca-statewide-initiative", "--registered", "10095185", "--approved", "2014-02-18", "--notice", "2014-07-31"}
	if _, stderr, code := e.run(noFiled...); code != ExitUsage || !strings.Contains(stderr, "--notice needs --filed") {
		t.Errorf("--notice without --filed: exit %d, %s", code, stderr)
	}
	// The local recall still counts from the filing, and says so.
	e.json(&v, "law", "deadlines", "--rules", "ca-local-recall", "--registered", "5668566", "--approved", "2022-01-27", "--filed", "2022-07-06", "--json")
	if v["sample_from"] != "filed" || v["full_count_from"] != "filed" {
		t.Errorf("LA: %v", v)
	}
}
