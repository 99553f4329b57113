package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/registrar"
)

// Verdicts are counted by the day (UTC) each line was last decided; the engine turns the
// counts into running totals per working day from the filing, against the deadlines.
func testVerdictsByDay(t *testing.T, h Harness, c *county) {
	ctx := context.Background()
	o := newOffice(t, h)            // Thursday 2022-07-21
	c.setUp(t, o.Service, 5000, "") // 1,250 required of 1,500 lines
	days, err := o.Store.VerdictsByDay(ctx, "demo")
	must(t, err)
	if len(days) != 0 {
		t.Fatalf("before any verdict: %+v", days)
	}
	_, err = o.DrawSample(ctx, "demo", "31415926535897932384", "storetest")
	must(t, err)
	_, err = o.Verify(ctx, registrar.VerifyOptions{Petition: "demo", SampleOnly: true})
	must(t, err)
	o.mu.Lock()
	o.now = time.Date(2022, 7, 23, 10, 0, 0, 0, time.UTC) // a Saturday
	o.mu.Unlock()
	_, err = o.Verify(ctx, registrar.VerifyOptions{Petition: "demo"})
	must(t, err)

	days, err = o.Store.VerdictsByDay(ctx, "demo")
	must(t, err)
	tally, err := o.Store.Tally(ctx, "demo")
	must(t, err)
	if len(days) != 2 || !days[0].Day.Equal(time.Date(2022, 7, 21, 0, 0, 0, 0, time.UTC)) || !days[1].Day.Equal(time.Date(2022, 7, 23, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("verdicts by day: %+v", days)
	}
	// The duplicate rule may redecide a line of the sample on the second day.
	if days[0].Decided == 0 || days[0].Decided > 500 || days[0].Decided+days[1].Decided != 1500 ||
		days[0].Valid+days[1].Valid != tally.Valid || days[0].Valid > days[0].Decided {
		t.Fatalf("verdicts by day %+v, tally %+v", days, tally)
	}
	other, err := o.Store.VerdictsByDay(ctx, "no-such-petition")
	must(t, err)
	if len(other) != 0 {
		t.Fatalf("another petition's verdicts: %+v", other)
	}

	// Filed Wednesday 2022-07-06: Thursday the 21st is its 11th working day; Saturday's
	// decisions count on Monday the 25th, the 13th.
	pr, err := o.VerificationProgress(ctx, "demo")
	must(t, err)
	if !pr.WorkingDays || pr.Filed != signet.FormatDate(c.filed) || pr.Raw != 1500 {
		t.Fatalf("progress %+v", pr)
	}
	want := []registrar.ProgressDay{{Day: 0, Date: "2022-07-06"}, {Day: 11, Date: "2022-07-21", Verified: days[0].Decided, Valid: days[0].Valid},
		{Day: 13, Date: "2022-07-25", Verified: 1500, Valid: tally.Valid}}
	last := pr.Days[len(pr.Days)-1]
	if len(pr.Days) < 3 || pr.Days[0] != want[0] || pr.Days[1] != want[1] || pr.Days[2] != want[2] || last.Verified != 1500 {
		t.Fatalf("progress days %+v, want %+v then the last deadline", pr.Days, want)
	}
	if len(pr.Deadlines) == 0 || pr.Deadlines[0].Kind != "sample" || pr.Deadlines[0].Day != 30 || last.Day < pr.Deadlines[len(pr.Deadlines)-1].Day {
		t.Fatalf("deadlines %+v, days %+v", pr.Deadlines, pr.Days)
	}
}
