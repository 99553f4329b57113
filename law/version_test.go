package law

import (
	"strings"
	"testing"
	"time"

	"github.com/signet-vote/signet"
)

// A petition is judged by the law as it stood on its own dates: the Los Angeles recall filed
// on 6 July 2022 by §11224–§11225 before SB 386 (Stats. 2023, ch. 870), one period of 30
// working days for the sample and the full count (ending 17 August 2022; the Registrar
// announced its full count's result on 15 August 2022); one filed from 1 January 2024 by the
// amended §11225, 60 working days for a full count after a sample.
func TestRulesAsOfTheirDates(t *testing.T) {
	la, err := LookupRules("ca-local-recall")
	if err != nil {
		t.Fatal(err)
	}
	day := func(s string) time.Time { d, _ := signet.ParseDate(s); return d }
	for _, tc := range []struct {
		filed, sample, full string
		from                string
	}{
		{"2022-07-06", "2022-08-17", "2022-08-17", ""},
		// Filed 1 December 2023, under the old law though its period runs into 2024: Dec 4–8
		// (5), 11–15 (10), 18–22 (15), Christmas, 26–29 (19), New Year's Day, Jan 2–5 (23),
		// 8–12 (28), Martin Luther King Jr. Day, 16 (29), 17 (30).
		{"2023-12-01", "2024-01-17", "2024-01-17", ""},
		// Filed 8 July 2024: Jul 9–12 (4), 15–19 (9), 22–26 (14), Jul 29–Aug 2 (19), Aug 5–9
		// (24), 12–16 (29), 19 (30); then Aug 20–23 (34), 26–30 (39), Labor Day, Sep 3–6
		// (43), 9–13 (48), 16–20 (53), 23–27 (58), 30 (59), Oct 1 (60).
		{"2024-07-08", "2024-08-19", "2024-10-01", "2024-01-01"},
	} {
		r := la.AsOf(Dates{Filed: day(tc.filed)})
		if got := signet.FormatDate(r.SampleDeadline(Dates{Filed: day(tc.filed)}, 715_833)); got != tc.sample {
			t.Errorf("filed %s: sample deadline %s, want %s", tc.filed, got, tc.sample)
		}
		if got := signet.FormatDate(r.FullCountDeadline(Dates{Filed: day(tc.filed)}, 715_833)); got != tc.full {
			t.Errorf("filed %s: full count deadline %s, want %s", tc.filed, got, tc.full)
		}
		if len(r.Applied) != 1 || r.Applied[0].FromText() != tc.from || r.Applied[0].Rule != "verification" {
			t.Errorf("filed %s: versions applied %+v", tc.filed, r.Applied)
		}
	}
	// No date: today's law, the latest version.
	if r := la.AsOf(Dates{}); r.Verification.FullCountDays != 60 || r.Applied[0].FromText() != "2024-01-01" {
		t.Errorf("today's law: %+v", r.Verification)
	}
	// A pack without versions is unchanged by AsOf.
	nv, _ := LookupRules("nv-local")
	if r := nv.AsOf(Dates{Filed: day("2022-07-06")}); len(r.Applied) != 0 || r.Verification != nv.Verification {
		t.Errorf("nv-local as of 2022: %+v", r)
	}
}

// Nevada's local pack cites the sections that set its numbers (issue 14, item 7): NRS
// 295.095(2) "15 percent or more of the number of voters who voted at the last preceding
// general election in the county", and NRS 295.250(2)(b), a total below 100% "shall be deemed
// insufficient" and not examined; NRS 295.045, the statewide referendum's filing, is no
// longer cited for them.
func TestNevadaLocalCitations(t *testing.T) {
	r, err := LookupRules("nv-local")
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := r.Required(40_001); got != 6_001 { // 15% × 40,001 = 6,000.15 → 6,001 ("or more")
		t.Errorf("required of 40,001 voters: %d", got)
	}
	for what, cite := range map[string]string{"requirement": r.Requirement.Cite, "raw count": r.RawCite, "circulation": r.Circulation.Cite} {
		if what != "circulation" && !strings.Contains(cite, map[string]string{"requirement": "NRS 295.095(2)", "raw count": "NRS 295.250(2)(b)"}[what]) {
			t.Errorf("%s cites %q", what, cite)
		}
		if strings.HasPrefix(cite, "NRS 295.045") {
			t.Errorf("%s still rests on NRS 295.045: %q", what, cite)
		}
	}
}

// full_count_days, a setting of §11225 as amended by SB 386, has no effect on a petition
// filed before 2024: it says so in the pack's notes and keeps the one period.
func TestFullCountDaysBeforeSB386(t *testing.T) {
	day := func(s string) time.Time { d, _ := signet.ParseDate(s); return d }
	old, err := PackAsOf("ca-local-recall", []string{"full_count_days=60"}, Dates{Filed: day("2022-07-06")})
	if err != nil {
		t.Fatal(err)
	}
	if got := signet.FormatDate(old.FullCountDeadline(Dates{Filed: day("2022-07-06")}, 715_833)); got != "2022-08-17" || len(old.Notes) == 0 ||
		!strings.Contains(old.Notes[len(old.Notes)-1], "full_count_days=60 has no effect") {
		t.Errorf("2022 with full_count_days=60: %s, notes %q", got, old.Notes)
	}
	now, _ := PackAsOf("ca-local-recall", []string{"full_count_days=30"}, Dates{Filed: day("2024-07-08")})
	if got := signet.FormatDate(now.FullCountDeadline(Dates{Filed: day("2024-07-08")}, 715_833)); got != "2024-08-19" {
		t.Errorf("2024 with full_count_days=30: %s", got)
	}
}

// Arizona's verification (issue 14, item 5), from the statutes' text: the Secretary of State's
// 20 days after the filing (A.R.S. 19-121.01(A)), then the county recorders' 15 days after
// receiving the facsimiles (19-121.02(A)), both excluding Saturdays, Sundays and holidays:
// the sample ends at the latest 35 working days after the filing. Filed Thursday 7 July 2022:
// Jul 8 (1), 11–15 (6), 18–22 (11), 25–29 (16), Aug 1–4 (20: the facsimiles at the latest),
// 5 (21), 8–12 (26), 15–19 (31), 22–25 (35) ⇒ 25 August 2022.
func TestArizonaVerificationPeriods(t *testing.T) {
	az, err := LookupRules("az-statewide-initiative")
	if err != nil {
		t.Fatal(err)
	}
	filed := time.Date(2022, 7, 7, 0, 0, 0, 0, time.UTC)
	if got := signet.FormatDate(az.SampleDeadline(Dates{Filed: filed}, 300_000)); got != "2022-08-25" {
		t.Errorf("sample deadline %s, want 2022-08-25", got)
	}
	for _, want := range []string{"19-121.01(A)", "20 days", "19-121.02(A)", "15 such days", "19-121.04(A)", "72 hours"} {
		if !strings.Contains(az.Verification.Cite, want) {
			t.Errorf("the verification's citation lacks %q: %s", want, az.Verification.Cite)
		}
	}
}
