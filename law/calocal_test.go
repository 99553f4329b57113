package law

import (
	"testing"
	"time"

	"github.com/signet-vote/signet"
)

func TestCaliforniaLocalRecallRequired(t *testing.T) {
	c := CaliforniaLocalRecall{}
	cases := []struct {
		registered, want int
		pct              float64
		arithmetic       string
	}{
		{999, 300, 30, "999 × 30% = 299.7 → not less than ⇒ 300"},
		{1_000, 250, 25, "1,000 × 25% = 250 exactly"},
		{1_001, 251, 25, "1,001 × 25% = 250.25 → 251"},
		{9_999, 2_500, 25, "9,999 × 25% = 2,499.75 → 2,500"},
		{10_000, 2_000, 20, "10,000 × 20% = 2,000 (the 20% tier begins)"},
		{49_999, 10_000, 20, "49,999 × 20% = 9,999.8 → 10,000"},
		{50_000, 7_500, 15, "50,000 × 15% = 7,500"},
		{99_999, 15_000, 15, "99,999 × 15% = 14,999.85 → 15,000"},
		{100_000, 10_000, 10, "100,000 × 10% = 10,000"},
		// Los Angeles County 2022: 566,857 required = ⌈10% × 5,668,566⌉ (5,668,561..5,668,570 all give it).
		{5_668_566, 566_857, 10, "5,668,566 × 10% = 566,856.6 → 566,857 (LA 2022)"},
		{5_668_560, 566_856, 10, "5,668,560 × 10% = 566,856 exactly"},
		{0, 0, 30, "an empty roll requires nothing"},
	}
	for _, tc := range cases {
		got, pct := c.Required(tc.registered)
		if got != tc.want || pct != tc.pct {
			t.Errorf("Required(%d) = %d at %v%%, want %d at %v%% (%s)", tc.registered, got, pct, tc.want, tc.pct, tc.arithmetic)
		}
	}
}

func TestCaliforniaLocalRecallDeadline(t *testing.T) {
	c := CaliforniaLocalRecall{}
	day := func(s string) time.Time { d, _ := signet.ParseDate(s); return d }
	cases := []struct {
		registered int
		approved   string
		want       string
		arithmetic string
	}{
		// LA 2022: approved 2022-01-27; 160 days: Jan 28–31 (4) + Feb 28 + Mar 31 + Apr 30 + May 31 + Jun 30 + Jul 1–6 (6) = 160 ⇒ July 6.
		{5_668_566, "2022-01-27", "2022-07-06", "160 days ⇒ 2022-07-06, the LA deadline"},
		{999, "2022-01-01", "2022-02-10", "40 days: Jan 2–31 (30) + Feb 1–10 (10)"},
		{1_000, "2022-01-01", "2022-03-02", "60 days: Jan 30 + Feb 28 + Mar 2"},
		{4_999, "2022-01-01", "2022-03-02", "still 60 days below 5,000"},
		{5_000, "2022-01-01", "2022-04-01", "90 days: 30 + 28 + 31 + 1"},
		{10_000, "2022-01-01", "2022-05-02", "120 days: 30 + 28 + 31 + 30 + 1 ⇒ Sunday 1 May, moved to Monday 2 May (Elections Code §15)"},
		// Elections Code §15 (the Secretary of State's election calendars mark such dates: "the
		// deadline falls on a Saturday, Sunday, or a holiday ... will move forward to the next
		// business day"): 160 days from 2022-01-25 is Monday 4 July, Independence Day ⇒ 5 July;
		// from 2022-01-30, Saturday 9 July ⇒ Monday 11 July.
		{5_668_566, "2022-01-25", "2022-07-05", "160 days ⇒ Independence Day, moved to 5 July"},
		{5_668_566, "2022-01-30", "2022-07-11", "160 days ⇒ Saturday 9 July, moved to Monday 11 July"},
		{5_668_566, "2022-01-29", "2022-07-08", "160 days ⇒ Friday 8 July, a business day: unmoved"},
		{50_000, "2022-01-01", "2022-06-10", "160 days: 30 + 28 + 31 + 30 + 31 + 10"},
	}
	for _, tc := range cases {
		got := signet.FormatDate(c.FilingDeadline(day(tc.approved), tc.registered))
		if got != tc.want {
			t.Errorf("FilingDeadline(%s, %d) = %s, want %s (%s)", tc.approved, tc.registered, got, tc.want, tc.arithmetic)
		}
	}
}

func TestLookup(t *testing.T) {
	p, err := Lookup("ca-local-recall")
	if err != nil || p.ID() != "ca-local-recall" {
		t.Fatalf("Lookup = %v, %v", p, err)
	}
	if _, err := Lookup("xx"); signet.Code(err) != signet.EInvalid {
		t.Fatalf("Lookup(xx) error = %v", err)
	}
}

// The holiday sets by year. California lists days in Government Code §6700 on which its
// offices stay open: Juneteenth from 2023 (AB 1655, Stats. 2022, ch. 753) is counted as a
// working day; Nevada closes its offices on Juneteenth Day from 2023 (NRS 236.015(1) as
// amended by AB 140, 2023, in effect on approval), not in 2022, when it was a day of
// observance (NRS 236.033). Monday 19 June 2023: a California period of 30 working days from
// Friday 2 June 2023 runs Jun 5–9 (5), 12–16 (10), 19–23 (15), 26–30 (20), Jul 3 (21),
// Independence Day, Jul 5–7 (24), 10–14 (29), 17 (30) ⇒ 17 July; in Nevada Juneteenth Day is
// skipped too ⇒ 18 July.
func TestHolidaysByYear(t *testing.T) {
	day := func(s string) time.Time { d, _ := signet.ParseDate(s); return d }
	if !California.IsWorkingDay(day("2023-06-19")) {
		t.Error("California: Juneteenth 2023 is listed in §6700 but the offices are open")
	}
	if Nevada.IsWorkingDay(day("2023-06-19")) || !Nevada.IsWorkingDay(day("2022-06-20")) {
		t.Error("Nevada: Juneteenth Day closes the offices from 2023 only")
	}
	if got := signet.FormatDate(California.AddWorkingDays(day("2023-06-02"), 30)); got != "2023-07-17" {
		t.Errorf("California from 2023-06-02: %s, want 2023-07-17", got)
	}
	if got := signet.FormatDate(Nevada.AddWorkingDays(day("2023-06-02"), 30)); got != "2023-07-18" {
		t.Errorf("Nevada from 2023-06-02: %s, want 2023-07-18", got)
	}
	for _, h := range California.HolidaysIn(2026) {
		if h.Name == "Lunar New Year" || h.Name == "Diwali" || h.Name == "Admission Day" {
			t.Errorf("an open day counted as closed: %+v", h)
		}
	}
}
