package forecast

import (
	"math"
	"math/rand/v2"
	"testing"
)

// campaign is a synthetic campaign with known truth.
type campaign struct {
	in      Input
	truth   int     // the valid count at the deadline, line by line
	p, rate float64 // the true validity and per-pair duplicate rate
}

// simulate builds one campaign: lines are valid on their own with probability p; each line
// valid on its own is a later copy of an earlier valid signer (struck, keep_first) with
// probability rate·(i−1)/p, so that the duplicates among n lines average rate·n(n−1)/2; a
// random S of the lines collected so far are pre-checked. With fromSample the forecaster is
// told the pairs found among the checked lines (a struck copy and its original both
// checked) instead of the rate.
func simulate(rng *rand.Rand, fromSample bool) campaign {
	p := 0.6 + 0.3*rng.Float64()
	n := 5_000 + rng.IntN(15_001)
	days, perDay := rng.IntN(31), rng.IntN(501)
	total := n + days*perDay
	var s int
	if fromSample {
		s = n/5 + rng.IntN(n/2) // duplicates are only seen in a large pre-check
	} else {
		s = 300 + rng.IntN(min(n, 3_000)-299)
	}
	var rate float64
	if rng.IntN(3) > 0 { // a third of the campaigns have no duplicates
		share := 0.02 + 0.06*rng.Float64() // duplicates as a share of the lines at the deadline
		rate = 2 * share / float64(total-1)
	}
	// Which of the first n lines are checked: selection sampling (Knuth's algorithm S).
	checked := make([]bool, n)
	for i, left := 0, s; i < n; i++ {
		if rng.IntN(n-i) < left {
			checked[i] = true
			left--
		}
	}
	var validIdx []int
	valid, struck, v, found := 0, 0, 0, 0
	for i := range total {
		if rng.Float64() >= p {
			continue
		}
		valid++
		if i < n && checked[i] {
			v++
		}
		if rate > 0 && rng.Float64() < rate*float64(i)/p {
			struck++
			if fromSample && i < n && checked[i] && len(validIdx) > 0 {
				if j := validIdx[rng.IntN(len(validIdx))]; j < n && checked[j] {
					found++
				}
			}
		}
		validIdx = append(validIdx, i)
	}
	truth := valid - struck
	mean := p*float64(total) - rate*float64(total)*float64(total-1)/2
	c := campaign{truth: truth, p: p, rate: rate, in: Input{
		Required:   int(mean * (0.95 + 0.1*rng.Float64())),
		Collected:  n,
		Validity:   float64(v) / float64(s),
		SampleSize: s,
		Duplicates: Duplicates{Rate: rate},
		Schedule:   &Schedule{DaysLeft: days, PerDay: perDay},
	}}
	if fromSample {
		c.in.Duplicates = Duplicates{FromSample: true, FoundPairs: found}
	}
	return c
}

// coverage forecasts reps synthetic campaigns and counts how often the 95% band holds the
// true outcome, how often a band built from the wrong variance (the binomial variation of
// the lines alone, forgetting that p was estimated from S lines) does, and compares the
// forecast probabilities of qualifying with the outcomes.
func coverage(t *testing.T, reps int, seed uint64, fromSample bool) (cover, wrong, meanProb, qualified float64) {
	t.Helper()
	for i := range reps {
		c := simulate(rand.New(rand.NewPCG(seed, uint64(i))), fromSample)
		res, err := Forecast(c.in)
		if err != nil {
			t.Fatalf("campaign %d: %v", i, err)
		}
		if res.CI95[0] <= int64(c.truth) && int64(c.truth) <= res.CI95[1] {
			cover++
		}
		n := float64(res.RawAtDeadline)
		p := res.Estimate.Validity
		half := z975 * math.Sqrt(n*p*(1-p)+res.DuplicatesExpected)
		if math.Abs(float64(c.truth)-res.ExpectedValid) <= half {
			wrong++
		}
		meanProb += res.ProbabilityQualify
		if c.truth >= c.in.Required {
			qualified++
		}
	}
	r := float64(reps)
	return cover / r, wrong / r, meanProb / r, qualified / r
}

// TestCoverage: the forecast's 95% band covers the true outcome in 93–97% of 2,000
// simulated campaigns (deterministic seeds); the band of the wrong variance does not, so
// the test can fail; and the probabilities of qualifying are calibrated.
func TestCoverage(t *testing.T) {
	const reps = 2_000
	cover, wrong, meanProb, qualified := coverage(t, reps, 20220706, false)
	t.Logf("%d campaigns (validity given from S pre-checked lines, duplicate rate given): band coverage %.4f; wrong-variance band %.4f; mean P(qualify) %.4f, qualified %.4f",
		reps, cover, wrong, meanProb, qualified)
	if cover < 0.93 || cover > 0.97 {
		t.Errorf("coverage %.4f, want 0.93–0.97", cover)
	}
	if wrong > 0.85 {
		t.Errorf("the band without the validity's sampling variance covers %.4f: the simulation cannot tell a wrong variance", wrong)
	}
	if math.Abs(meanProb-qualified) > 0.03 {
		t.Errorf("mean forecast probability %.4f, share qualified %.4f: not calibrated", meanProb, qualified)
	}
}

// TestCoverageDuplicatesFromSample: the same with the duplicate rate estimated from the
// pairs found among the pre-checked lines, whose uncertainty the band must carry too.
func TestCoverageDuplicatesFromSample(t *testing.T) {
	const reps = 1_000
	cover, wrong, meanProb, qualified := coverage(t, reps, 20221205, true)
	t.Logf("%d campaigns (duplicate rate from the pairs found in the pre-check): band coverage %.4f; wrong-variance band %.4f; mean P(qualify) %.4f, qualified %.4f",
		reps, cover, wrong, meanProb, qualified)
	if cover < 0.93 || cover > 0.97 {
		t.Errorf("coverage %.4f, want 0.93–0.97", cover)
	}
	if math.Abs(meanProb-qualified) > 0.04 {
		t.Errorf("mean forecast probability %.4f, share qualified %.4f: not calibrated", meanProb, qualified)
	}
}
