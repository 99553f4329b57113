package registrar

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/law"
)

// The progress series numbers the days from the filing in the pack's days and keeps running
// totals: a closed day's decisions count on the next working day, a day without decisions
// is left out, and the series runs to the latest deadline, decision or (while lines remain)
// today.
func TestProgressDays(t *testing.T) {
	rules, err := law.PackAsOf("ca-local-recall", nil, law.Dates{Approved: day("2022-01-27"), Filed: day("2022-07-01")})
	if err != nil {
		t.Fatal(err)
	}
	ca := rules.Calendar // 2022-07-01 is a Friday; Monday 2022-07-04 a holiday
	dc := func(d string, n, valid int) signet.DayCount {
		return signet.DayCount{Day: day(d), Decided: n, Valid: valid}
	}
	pd := func(n int, d string, verified, valid int) ProgressDay {
		return ProgressDay{Day: n, Date: d, Verified: verified, Valid: valid}
	}
	dl := func(kind, d string, n int) ProgressDeadline { return ProgressDeadline{Kind: kind, Date: d, Day: n} }
	tests := []struct {
		name      string
		cal       *law.Calendar
		today     string
		open      bool
		counts    []signet.DayCount
		deadlines []ProgressDeadline
		want      []ProgressDay
		wantDL    []ProgressDeadline
	}{
		{name: "nothing decided yet: the filing day and the deadline", cal: ca, today: "2022-07-06", open: true,
			deadlines: []ProgressDeadline{{Kind: "sample", Date: "2022-07-08"}},
			want:      []ProgressDay{pd(0, "2022-07-01", 0, 0), pd(4, "2022-07-08", 0, 0)},
			wantDL:    []ProgressDeadline{dl("sample", "2022-07-08", 4)}},
		{name: "weekend and holiday decisions wait for the next working day", cal: ca, today: "2022-08-01",
			counts:    []signet.DayCount{dc("2022-07-01", 10, 5), dc("2022-07-02", 3, 1), dc("2022-07-04", 2, 2), dc("2022-07-05", 5, 0), dc("2022-07-07", 4, 4)},
			deadlines: []ProgressDeadline{{Kind: "full_count", Date: "2022-07-06"}},
			want:      []ProgressDay{pd(0, "2022-07-01", 10, 5), pd(1, "2022-07-05", 20, 8), pd(3, "2022-07-07", 24, 12)},
			wantDL:    []ProgressDeadline{dl("full_count", "2022-07-06", 2)}},
		{name: "open: the series runs to today", cal: ca, today: "2022-07-12", open: true,
			counts: []signet.DayCount{dc("2022-07-05", 7, 6)}, deadlines: []ProgressDeadline{{Kind: "sample", Date: "2022-07-07"}},
			want:   []ProgressDay{pd(0, "2022-07-01", 0, 0), pd(1, "2022-07-05", 7, 6), pd(6, "2022-07-12", 7, 6)},
			wantDL: []ProgressDeadline{dl("sample", "2022-07-07", 3)}},
		{name: "calendar days", today: "2022-07-03", open: true,
			counts: []signet.DayCount{dc("2022-07-02", 3, 1)}, deadlines: []ProgressDeadline{{Kind: "full_count", Date: "2022-07-04"}},
			want:   []ProgressDay{pd(0, "2022-07-01", 0, 0), pd(1, "2022-07-02", 3, 1), pd(3, "2022-07-04", 3, 1)},
			wantDL: []ProgressDeadline{dl("full_count", "2022-07-04", 3)}},
		{name: "decided before the filing: on the filing day", cal: ca, today: "2022-07-01",
			counts: []signet.DayCount{dc("2022-06-30", 2, 2), dc("2022-07-01", 1, 0)},
			want:   []ProgressDay{pd(0, "2022-07-01", 3, 2)}, wantDL: []ProgressDeadline{}},
		{name: "today a closed day: the series ends on the next working day", cal: ca, today: "2022-07-02", open: true,
			want: []ProgressDay{pd(0, "2022-07-01", 0, 0), pd(1, "2022-07-05", 0, 0)}, wantDL: []ProgressDeadline{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, gotDL := progressDays(tc.cal, day("2022-07-01"), day(tc.today).Add(15*time.Hour), tc.open, tc.counts, tc.deadlines)
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("days (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tc.wantDL, gotDL); d != "" {
				t.Errorf("deadlines (-want +got):\n%s", d)
			}
		})
	}
}

func day(s string) time.Time {
	t, err := signet.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return t
}
