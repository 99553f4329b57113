package law

import (
	"testing"
	"time"

	"github.com/signet-vote/signet"
)

// A last day to file that falls when the offices are closed moves to the next business day
// in Nevada (NRS 293.1275(2)) and Colorado (C.R.S. 1-1-106(4)), as in California (Elections
// Code §15). No published record at hand has such a day; the vectors are hand arithmetic.
// Washington's and Arizona's deadlines are fixed "not less than four months before" the
// election: a later day would fall short of the four months, so they are not moved (whether
// an earlier business day is due was not read: C.R.S. 1-1-106(5) does so in Colorado).
func TestLastDayMovesPastClosedDays(t *testing.T) {
	day := func(s string) time.Time { d, _ := signet.ParseDate(s); return d }
	recall, _ := LookupRules("nv-recall")
	co, _ := LookupRules("co-statewide-initiative")
	for _, tc := range []struct {
		name string
		got  time.Time
		want string
	}{
		// A notice of intent on Monday 6 March 2023: 90 days (25 + 30 + 31 + 4) end on Sunday
		// 4 June ⇒ Monday 5 June (NRS 306.015(3)(b), 293.1275(2)).
		{"nv-recall 2023-03-06", recall.FilingDeadline(day("2023-03-06"), 100_000), "2023-06-05"},
		// Monday 27 February 2023: 90 days end on Sunday 28 May; Monday 29 May is Memorial
		// Day (NRS 236.015) ⇒ Tuesday 30 May.
		{"nv-recall 2023-02-27", recall.FilingDeadline(day("2023-02-27"), 100_000), "2023-05-30"},
		// A notice on Tuesday 7 March 2023 ends on Monday 5 June: a business day, unmoved.
		{"nv-recall 2023-03-07", recall.FilingDeadline(day("2023-03-07"), 100_000), "2023-06-05"},
		// Titles fixed Thursday 7 March 2024: six months to the same day, Saturday 7 September
		// (C.R.S. 1-40-108(1), 1-1-106(3)) ⇒ Monday 9 September (1-1-106(4)).
		{"co 2024-03-07", co.FilingDeadline(day("2024-03-07"), 0), "2024-09-09"},
		// Titles fixed Friday 2 March 2018: Sunday 2 September, Labor Day Monday 3 September
		// (C.R.S. 24-11-101) ⇒ Tuesday 4 September.
		{"co 2018-03-02", co.FilingDeadline(day("2018-03-02"), 0), "2018-09-04"},
	} {
		if got := signet.FormatDate(tc.got); got != tc.want {
			t.Errorf("%s: last day %s, want %s", tc.name, got, tc.want)
		}
	}
	for _, id := range []string{"nv-local", "nv-statewide-initiative", "nv-recall", "co-statewide-initiative"} {
		r, _ := LookupRules(id)
		if !r.LastDayRolls || r.LastDayCite == "" {
			t.Errorf("%s: the last-day rule is missing", id)
		}
	}
}
