package law

import (
	"time"

	"github.com/signet-vote/signet"
)

// CaliforniaLocalRecall is the recall of a city, county or district officer in California,
// Elections Code §11220–§11227.
type CaliforniaLocalRecall struct{}

// ID implements Pack.
func (CaliforniaLocalRecall) ID() string { return "ca-local-recall" }

// Title implements Pack.
func (CaliforniaLocalRecall) Title() string {
	return "California recall of a local officer (Elections Code §11220–§11227)"
}

// Required implements Pack. Elections Code §11221(a): "not less than" 30% of the registered
// voters of the jurisdiction when fewer than 1,000; 25% from 1,000 to 9,999; 20% from
// 10,000 to 49,999; 15% from 50,000 to 99,999; 10% from 100,000. The count is from the last
// report of registration before the form was approved (§11221(b)). "Not less than" rounds up.
func (CaliforniaLocalRecall) Required(registered int) (int, float64) {
	var pct int
	switch {
	case registered < 1_000:
		pct = 30
	case registered < 10_000:
		pct = 25
	case registered < 50_000:
		pct = 20
	case registered < 100_000:
		pct = 15
	default:
		pct = 10
	}
	return ceilPercent(registered, pct), float64(pct)
}

// CirculationDays is the number of days the proponents have to file, counted from the day
// the petition form is approved. Elections Code §11220(a): 40 days when fewer than 1,000
// registered voters; 60 days below 5,000; 90 days below 10,000; 120 days below 50,000;
// 160 days from 50,000.
func (CaliforniaLocalRecall) CirculationDays(registered int) int {
	switch {
	case registered < 1_000:
		return 40
	case registered < 5_000:
		return 60
	case registered < 10_000:
		return 90
	case registered < 50_000:
		return 120
	default:
		return 160
	}
}

// FilingDeadline implements Pack: the approval day plus the circulation period
// (Elections Code §11220(a)), moved past a Saturday, Sunday or holiday (§15).
func (c CaliforniaLocalRecall) FilingDeadline(approved time.Time, registered int) time.Time {
	return c.Rules().FilingDeadline(approved, registered)
}

// Defaults implements Pack. The registration cut-off is the signing date (Elections Code
// §100: only a voter may sign); duplicates keep the first signature ("Max Number of Times
// Signed", Los Angeles 2022). Both are configurable per petition (domain.md §3).
func (CaliforniaLocalRecall) Defaults() (signet.Cutoff, signet.DuplicatePolicy) {
	return signet.CutoffSigningDate, signet.KeepFirst
}

// Rules implements Pack: the whole pack as data. Its Required, CirculationDays and
// FilingDeadline agree with the methods above (a test checks it).
func (CaliforniaLocalRecall) Rules() Rules { return caLocalRecall() }
