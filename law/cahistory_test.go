package law

import (
	"strings"
	"testing"

	"github.com/signet-vote/signet"
)

// SB 386 (Stats. 2023, ch. 870, in force 2024-01-01) extended by 30 working days the full
// count after a sample of the county initiative (§9115(b): 60 → 90 from the filing), of the
// statewide initiative (§9031(b): 30 → 60 from the Secretary of State's order) and of the
// state recall (§11106: §9031(b)'s period, 30 → 60). A petition is judged by the version in
// force on its filing. Working days exclude Saturdays, Sundays and California's holidays;
// a period of n working days starts the day after the date it runs from.
//
// Published records: the Newsom recall of 2021 (the Secretary of State's schedule: petition
// filed 2021-03-17, the counties' deadline to verify 2021-04-29) is the one found. No
// published full-count deadline of a county initiative or statewide full check was found in
// the sources at hand; those vectors are hand arithmetic, shown in the comments, over the
// days the Los Angeles 2022 recall (filed 2022-07-06, the Registrar's 30-working-day deadline
// 2022-08-17) already checks.
func TestCaliforniaSB386Periods(t *testing.T) {
	for _, tc := range []struct {
		pack, filed   string
		raw           int
		sample, full  string
		from, because string
	}{
		// County initiative filed Wednesday 6 July 2022 (§9115 before SB 386): the sample's
		// 30 working days end 17 August (Jul 7–8 (2), 11–15 (7), 18–22 (12), 25–29 (17),
		// Aug 1–5 (22), 8–12 (27), 15–17 (30)); the full count's 60 go on Aug 18–19 (32),
		// 22–26 (37), Aug 29–Sep 2 (42), Labor Day 5 September, 6–9 (46), 12–16 (51), 19–23 (56),
		// 26–29 (60) ⇒ 29 September 2022; today's 90 would have run on to 10 November (Sep 30
		// (61), Oct 3–7 (66), 10–14 (71), 17–21 (76), 24–28 (81), Oct 31–Nov 4 (86), 7–10 (90)).
		{"ca-county-initiative", "2022-07-06", 100_000, "2022-08-17", "2022-09-29", "", "§9115(b) before SB 386: 60"},
		// Filed Friday 1 December 2023, under the old law though the period runs into 2024:
		// Dec 4–8 (5), 11–15 (10), 18–22 (15), Christmas, 26–29 (19), New Year's Day, Jan 2–5 (23),
		// 8–12 (28), Martin Luther King Jr. Day, 16–17 (30: the sample); 18–19 (32), 22–26 (37),
		// Jan 29–Feb 2 (42), Feb 5–9 (47), 12–16 (52), Presidents' Day 19 February, 20–23 (56),
		// 26–29 (60) ⇒ 29 February 2024.
		{"ca-county-initiative", "2023-12-01", 100_000, "2024-01-17", "2024-02-29", "", "§9115(b) before SB 386: 60"},
		// Filed Monday 8 July 2024 (§9115(b) as amended): Jul 9–12 (4; Independence Day was
		// before), 15–19 (9), 22–26 (14), Jul 29–Aug 2 (19), Aug 5–9 (24), 12–16 (29), 19 (30: the
		// sample); 20–23 (34), 26–30 (39), Labor Day 2 September, Sep 3–6 (43), 9–13 (48), 16–20
		// (53), 23–27 (58), Sep 30–Oct 1 (60), Oct 2–4 (63), 7–11 (68), 14–18 (73), 21–25 (78),
		// Oct 28–Nov 1 (83), Nov 4–8 (88), Veterans Day 11 November, 12–13 (90) ⇒ 13 November 2024.
		{"ca-county-initiative", "2024-07-08", 100_000, "2024-08-19", "2024-11-13", "2024-01-01", "§9115(b) as amended: 90"},
		// Statewide initiative: the periods run from the Secretary of State's notice (§9030(d))
		// and order (§9031(b)); here from the date given. Before SB 386 both 30 working days:
		// from 6 July 2022 ⇒ 17 August 2022 (the arithmetic above).
		{"ca-statewide-initiative", "2022-07-06", 1_000_000, "2022-08-17", "2022-08-17", "", "§9031(b) before SB 386: 30"},
		// After: the full check 60 working days, from 8 July 2024 ⇒ 1 October 2024 (above).
		{"ca-statewide-initiative", "2024-07-08", 1_000_000, "2024-08-19", "2024-10-01", "2024-01-01", "§9031(b) as amended: 60"},
		// State recall, every signature verified (no sample since 2017): the Newsom recall,
		// filed 17 March 2021: Mar 18–19 (2), 22–26 (7), 29–30 (9), Cesar Chavez Day 31 March,
		// Apr 1–2 (11), 5–9 (16), 12–16 (21), 19–23 (26), 26–29 (30) ⇒ 29 April 2021, the
		// counties' deadline in the Secretary of State's schedule.
		{"ca-state-recall", "2021-03-17", 2_000_000, "", "2021-04-29", "", "§11106 with §9031(b) before SB 386: 30"},
		// A state recall filed 8 July 2024 (no published record: none has been filed since):
		// §9031(b)'s 60 working days ⇒ 1 October 2024.
		{"ca-state-recall", "2024-07-08", 2_000_000, "", "2024-10-01", "2024-01-01", "§11106(a) as amended: 60"},
	} {
		r, err := LookupRules(tc.pack)
		if err != nil {
			t.Fatal(err)
		}
		filed := day(tc.filed)
		// The statewide periods run from the Secretary of State's notice and order
		// (§9030(d), §9031(b)): the vectors put both on the day of the filing.
		dates := Dates{Filed: filed, Notice: filed, Order: filed}
		r = r.AsOf(dates)
		if got := signet.FormatDate(r.SampleDeadline(dates, tc.raw)); got != tc.sample {
			t.Errorf("%s filed %s: sample deadline %q, want %q", tc.pack, tc.filed, got, tc.sample)
		}
		if got := signet.FormatDate(r.FullCountDeadline(dates, tc.raw)); got != tc.full {
			t.Errorf("%s filed %s: full count deadline %s, want %s (%s)", tc.pack, tc.filed, got, tc.full, tc.because)
		}
		var v *Version
		for i := range r.Applied {
			if r.Applied[i].Rule == "verification" {
				v = &r.Applied[i]
			}
		}
		if v == nil || v.FromText() != tc.from || !strings.Contains(v.Cite, "SB 386") || v.Cite != r.Verification.Cite {
			t.Errorf("%s filed %s: verification version %+v, want from %q citing SB 386", tc.pack, tc.filed, v, tc.from)
		}
	}
}

// What SB 386 did not change stays as it was: the samples' 30 working days, the county
// petition not sampled (§9114: 30), the state recall's withdrawal window (§11108(b)), and the
// state recall's sampling versions, which keep their own dates (SB 96, 2017).
func TestCaliforniaSB386Unchanged(t *testing.T) {
	county, _ := LookupRules("ca-county-initiative")
	for _, filed := range []string{"2022-07-06", "2024-07-08"} {
		r := county.AsOf(Dates{Filed: day(filed)})
		if r.Verification.SampleDays != 30 || r.Verification.NoSampleFullCountDays != 30 || !r.Verification.WorkingDays {
			t.Errorf("county filed %s: %+v", filed, r.Verification)
		}
		// 400 lines are examined in full within §9114's 30 working days.
		if got := signet.FormatDate(r.FullCountDeadline(Dates{Filed: day(filed)}, 400)); got != map[string]string{"2022-07-06": "2022-08-17", "2024-07-08": "2024-08-19"}[filed] {
			t.Errorf("county filed %s, 400 lines: %s", filed, got)
		}
	}
	recall, _ := LookupRules("ca-state-recall")
	old := recall.AsOf(Dates{Filed: day("2017-06-26")})
	if !old.Sampling.Allowed || old.Verification.FullCountDays != 30 || len(old.Applied) != 2 {
		t.Errorf("state recall filed 2017-06-26: sampling %+v, verification %+v, applied %d", old.Sampling, old.Verification, len(old.Applied))
	}
	if got := signet.FormatDate(old.WithdrawalDeadline(day("2021-04-26"))); got != "2021-06-08" {
		t.Errorf("withdrawal window from 2021-04-26: %s, want 2021-06-08", got)
	}
	now := recall.AsOf(Dates{})
	if now.Sampling.Allowed || now.Verification.NoSampleFullCountDays != 60 || now.WithdrawalDays != 30 {
		t.Errorf("state recall today: sampling %+v, verification %+v", now.Sampling, now.Verification)
	}
	// The county pack's setting still sets the full count, on either law.
	set, err := PackAsOf("ca-county-initiative", []string{"full_count_days=45"}, Dates{Filed: day("2022-07-06")})
	if err != nil || set.Verification.FullCountDays != 45 {
		t.Errorf("full_count_days=45 on a 2022 filing: %+v, %v", set.Verification, err)
	}
	// No pack cites domain.md for a period any more.
	for _, id := range []string{"ca-county-initiative", "ca-statewide-initiative", "ca-state-recall"} {
		r, _ := LookupRules(id)
		for _, v := range r.Versions() {
			if v.Rule == "verification" && strings.Contains(v.Cite, "domain.md") {
				t.Errorf("%s %s from %q cites domain.md: %s", id, v.Rule, v.FromText(), v.Cite)
			}
		}
	}
}
