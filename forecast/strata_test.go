package forecast

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestCombine: circulators whose validities differ are kept apart and weighted by their
// shares of the lines; ones that do not differ are pooled.
func TestCombine(t *testing.T) {
	// A: 6,000 lines, 600 checked, 510 valid (85%); B: 4,000 lines, 1,000 checked, 550 valid
	// (55%). Pooled, 1,060 / 1,600 = 66.25% would over-weight B, checked out of proportion;
	// stratified: 0.6 × 0.85 + 0.4 × 0.55 = 0.73.
	strata := []Stratum{{"A", 6_000, 600, 510}, {"B", 4_000, 1_000, 550}}
	e := Combine(strata)
	se := math.Sqrt(0.36*0.85*0.15/600 + 0.16*0.55*0.45/1_000)
	if !e.Stratified || math.Abs(e.Validity-0.73) > 1e-12 || math.Abs(e.SE-se) > 1e-12 || e.PValue > 1e-6 {
		t.Errorf("differing strata: %+v", e)
	}
	res := mustForecast(t, Input{Required: 7_000, Collected: 10_000, Strata: strata, Schedule: &Schedule{DaysLeft: 10, PerDay: 100}})
	// 11,000 lines at the deadline in the same shares: 0.73 × 11,000 = 8,030.
	if math.Abs(res.ExpectedValid-8_030) > 1e-6 {
		t.Errorf("stratified forecast %.3f, want 8,030", res.ExpectedValid)
	}
	// Same validity, different sample shares: pooled.
	same := []Stratum{{"A", 6_000, 600, 450}, {"B", 4_000, 1_000, 752}}
	if e := Combine(same); e.Stratified || math.Abs(e.Validity-1_202.0/1_600) > 1e-12 || e.PValue < 0.05 {
		t.Errorf("equal strata: %+v", e)
	}
	// A circulator with no line checked cannot be estimated alone: pooled.
	if e := Combine([]Stratum{{"A", 6_000, 600, 510}, {"B", 4_000, 0, 0}}); e.Stratified {
		t.Errorf("unchecked stratum: %+v", e)
	}
}

// TestChiSquareAbove: the Wilson–Hilferty tail against table values of χ².
func TestChiSquareAbove(t *testing.T) {
	for _, c := range []struct {
		x    float64
		k    int
		want float64
	}{{3.841, 1, 0.05}, {5.991, 2, 0.05}, {11.070, 5, 0.05}, {6.635, 1, 0.01}, {2.706, 1, 0.10}} {
		if got := chiSquareAbove(c.x, c.k); math.Abs(got-c.want) > 0.005 {
			t.Errorf("P(χ²_%d > %.3f) = %.4f, want %.2f", c.k, c.x, got, c.want)
		}
	}
}

// TestStratifiedCoverage: campaigns of three circulators of different validity, checked out
// of proportion to their lines, collecting on in the same shares; the stratified band covers
// the truth in 93–97% of them.
func TestStratifiedCoverage(t *testing.T) {
	const reps = 1_000
	cover := 0
	bernoulli := func(rng *rand.Rand, n int, p float64) (k int) {
		for range n {
			if rng.Float64() < p {
				k++
			}
		}
		return k
	}
	for i := range reps {
		rng := rand.New(rand.NewPCG(11225, uint64(i)))
		var strata []Stratum
		var ps []float64
		collected := 0
		days, perDay := rng.IntN(21), rng.IntN(301)
		for h := range 3 {
			p := 0.55 + 0.15*float64(h) + 0.05*rng.Float64()
			n := 2_000 + rng.IntN(6_001)
			s := 100 + rng.IntN(600)
			strata = append(strata, Stratum{Name: string(rune('A' + h)), Collected: n, Checked: s, Valid: float64(bernoulli(rng, s, p))})
			ps = append(ps, p)
			collected += n
		}
		total := collected + days*perDay
		truth := 0
		for h, s := range strata {
			rest := int(math.Round(float64(s.Collected)/float64(collected)*float64(total))) - s.Checked
			truth += int(s.Valid) + bernoulli(rng, rest, ps[h])
		}
		res := mustForecast(t, Input{Required: total / 2, Collected: collected, Strata: strata, Schedule: &Schedule{DaysLeft: days, PerDay: perDay}})
		if res.CI95[0] <= int64(truth) && int64(truth) <= res.CI95[1] {
			cover++
		}
	}
	f := float64(cover) / reps
	t.Logf("%d campaigns of three circulators: stratified band coverage %.4f", reps, f)
	if f < 0.93 || f > 0.97 {
		t.Errorf("coverage %.4f, want 0.93–0.97", f)
	}
}
