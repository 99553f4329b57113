package registrar

import (
	"math"
	"testing"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/forecast"
)

// TestWilson: the 95% Wilson score interval against values computed by hand
// (p̂ ± z√(p̂(1−p̂)/n + z²/4n²), centred on (p̂ + z²/2n), over 1 + z²/n).
func TestWilson(t *testing.T) {
	for _, c := range []struct {
		k, n      int
		low, high float64
	}{
		{0, 30, 0, 0.11351},
		{5, 10, 0.23659, 0.76341},
		{30, 30, 0.88649, 1},
		{76, 100, 0.66768, 0.83309},
	} {
		r := wilson(c.k, c.n)
		if math.Abs(r.Low-c.low) > 5e-5 || math.Abs(r.High-c.high) > 5e-5 || r.Rate != float64(c.k)/float64(c.n) || r.Low > r.Rate || r.High < r.Rate {
			t.Errorf("wilson(%d, %d) = %+v, want [%.5f, %.5f]", c.k, c.n, r, c.low, c.high)
		}
	}
	if r := wilson(0, 0); r.Low != 0 || r.High != 1 {
		t.Errorf("wilson(0, 0) = %+v: no lines say nothing", r)
	}
}

// TestIntakeStatus: running totals by day, the days left counted after the day reported,
// the rate so far from the first day a section came in, and the rate needed rounded up.
func TestIntakeStatus(t *testing.T) {
	d := func(s string) time.Time { t, _ := signet.ParseDate(s); return t }
	p := signet.Petition{ID: "p", Required: 100, Deadline: d("2022-03-11")}
	es := []signet.IntakeEntry{
		{SectionID: "A", Circulator: "Ana", TurnedIn: d("2022-03-02"), Lines: 10},
		{SectionID: "B", Circulator: "Bo", TurnedIn: d("2022-03-01"), Lines: 5},
		{SectionID: "C", Circulator: "Ana", TurnedIn: d("2022-03-02"), Lines: 6},
		{SectionID: "D", Circulator: "Bo", TurnedIn: d("2022-03-09"), Lines: 50}, // after the day reported
	}
	st := intakeStatus(p, es, d("2022-03-04"))
	if st.Collected != 21 || st.Sections != 3 || st.DaysLeft != 7 || st.Short != 79 || st.PerDayNeeded == nil || *st.PerDayNeeded != 12 ||
		st.PerDaySoFar != 5.25 || st.PercentOfRequired != 21 || len(st.Days) != 2 || st.Days[0].Total != 5 || st.Days[1].Total != 21 ||
		st.Circulators[0].Name != "Ana" || st.Circulators[0].Lines != 16 || st.Circulators[0].First != "2022-03-02" {
		t.Errorf("as of 2022-03-04: %+v", st)
	}
	st = intakeStatus(p, es, d("2022-03-12"))
	if st.DaysLeft != 0 || st.Collected != 71 || st.PerDayNeeded != nil {
		t.Errorf("after the deadline: %+v", st)
	}
}

// TestForecastCourse: the course runs from the first day a section came in to the
// deadline, the intake's running total up to the day of the forecast, then the schedule's
// rate; the valid count expected starts that day and ends on the forecast itself.
func TestForecastCourse(t *testing.T) {
	d := func(s string) time.Time { t, _ := signet.ParseDate(s); return t }
	p := signet.Petition{ID: "p", Required: 100, Deadline: d("2022-03-11")}
	es := []signet.IntakeEntry{
		{SectionID: "A", Circulator: "Ana", TurnedIn: d("2022-03-02"), Lines: 10},
		{SectionID: "B", Circulator: "Bo", TurnedIn: d("2022-03-01"), Lines: 5},
	}
	asOf := d("2022-03-04")
	st := intakeStatus(p, es, asOf)
	res, err := forecast.Forecast(forecast.Input{Required: 100, Collected: 15, Validity: 0.8, SampleSize: 10,
		Schedule: &forecast.Schedule{DaysLeft: st.DaysLeft, PerDay: 10}})
	if err != nil {
		t.Fatal(err)
	}
	c := course(st, res, asOf, p.Deadline)
	if len(c) != 11 || c[0].Date != "2022-03-01" || c[0].Raw != 5 || c[1].Raw != 15 || c[3].Raw != 15 || c[3].Projected || c[2].Expected != 0 {
		t.Fatalf("course: %+v", c)
	}
	last := c[len(c)-1]
	if last.Date != "2022-03-11" || !last.Projected || last.Raw != res.RawAtDeadline || last.Expected != res.ExpectedValid || last.CI95 != res.CI95 {
		t.Errorf("the course's last day %+v, the forecast %d %v %v", last, res.RawAtDeadline, res.ExpectedValid, res.CI95)
	}
	if c[3].Expected <= 0 || c[3].Expected >= last.Expected {
		t.Errorf("expected valid on the day of the forecast %v, at the deadline %v", c[3].Expected, last.Expected)
	}
}

// TestSignalDate: a day inside a signal's text is kept as a Date, for a door to write its
// own way, and the engine's text writes it as every other date (YYYY-MM-DD), in the phrase,
// in the phrases joined and in the signal's text (what signet circulators prints and its
// JSON's "text").
func TestSignalDate(t *testing.T) {
	d := Date(time.Date(2022, 4, 27, 0, 0, 0, 0, time.UTC))
	if got := d.String(); got != "2022-04-27" {
		t.Errorf("Date.String() = %q", got)
	}
	if got := Date(time.Time{}).String(); got != "" {
		t.Errorf("no day: %q", got)
	}
	ph := Phrase{"after the filing deadline (%s)", []any{d}}
	parts := Phrases{Sep: "; ", List: []Phrase{{"%d %s", []any{3, ph}}}}
	s := signal(Signal{Kind: "outside_window"}, "%d of %d lines dated outside the circulation window or their section's dates: %s", 3, 9, parts)
	if want := "3 of 9 lines dated outside the circulation window or their section's dates: 3 after the filing deadline (2022-04-27)"; s.Text != want {
		t.Errorf("the signal's text: %q, want %q", s.Text, want)
	}
	if got, ok := s.Args[2].(Phrases).List[0].Args[1].(Phrase).Args[0].(Date); !ok || time.Time(got) != time.Time(d) {
		t.Errorf("the day is not kept as a Date: %#v", s.Args)
	}
}
