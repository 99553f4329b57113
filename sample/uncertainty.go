package sample

import (
	"math"
	"sort"
)

// Uncertainty is what the sample says about the full count, beyond the statutory number.
type Uncertainty struct {
	// CI95 is an equal-tailed 95% interval for the full-count valid total.
	CI95 [2]int `json:"ci95"`
	// ProbabilitySufficient is the probability that a full count reaches the requirement.
	ProbabilitySufficient float64 `json:"probability_sufficient"`
	// Mean is the expected full-count valid total.
	Mean float64 `json:"mean"`
}

// Estimate states the uncertainty of a sample's projection. The model (docs/sampling.md):
//
//   - M, the lines of the petition that are valid on their own (before the duplicate rule),
//     and X = V + D of them in the sample: X is hypergeometric(R, M, S), sampling without
//     replacement, exactly.
//   - P, the voters who signed twice; both lines of a pair are in the sample with
//     probability q = S(S−1) / (R(R−1)), so D is binomial(P, q).
//   - The full count keeps one line per voter: K = M − P.
//
// With flat priors on M and P the two likelihoods give exact distributions of M and P
// given the sample; K's distribution is their difference, computed exactly (tails below
// e^−40 of the mode are dropped). The interval is the 2.5% and 97.5% quantiles of K; the
// probability is P(K ≥ required). A simulation test checks the coverage.
func Estimate(in Input) Uncertainty {
	R, S := in.Raw, in.Sample
	X := in.Valid + in.Duplicates
	m := hypergeometricPosterior(R, S, X)
	q := PairInclusion(float64(R), float64(S))
	if R < 2 || S < 2 {
		q = 1
	}
	p := binomialPosterior(in.Duplicates, q, R/2)
	// survival(k) = P(K ≥ k) = Σ_p P(P = p) · P(M ≥ k + p).
	survival := func(k int) float64 {
		var s float64
		for i, w := range p.w {
			s += w * m.atLeast(k+p.lo+i)
		}
		return math.Min(1, s)
	}
	// quantile: the smallest k with P(K ≤ k) ≥ f, i.e. survival(k+1) ≤ 1 − f.
	lo, hi := m.lo-(p.lo+len(p.w)-1), m.lo+len(m.w)-1-p.lo
	quantile := func(f float64) int {
		return lo + sort.Search(hi-lo+1, func(i int) bool { return survival(lo+i+1) <= 1-f })
	}
	u := Uncertainty{CI95: [2]int{max(0, quantile(0.025)), max(0, quantile(0.975))}}
	u.ProbabilitySufficient = survival(in.Required)
	u.Mean = m.mean() - p.mean()
	return u
}

// PairInclusion is q = S(S−1) / (R(R−1)), the probability that both lines of a pair of R
// lines lie in a simple random sample of S of them: D pairs found in the sample stand for
// D/q pairs among the R lines (the A(A − 1) weight of 2 CCR §20531(b), unrounded, counts
// the same pairs less the sampled second copies already out of V). The campaign's forecast
// uses it to grow the duplicates found in a pre-check to any number of lines.
func PairInclusion(raw, sample float64) float64 {
	return sample * (sample - 1) / (raw * (raw - 1))
}

// dist is a distribution on the consecutive integers lo, lo+1, …, lo+len(w)−1.
type dist struct {
	lo  int
	w   []float64
	cum []float64 // cum[i] = P(value ≥ lo+i)
}

func (d *dist) finish() {
	var t float64
	for _, x := range d.w {
		t += x
	}
	d.cum = make([]float64, len(d.w)+1)
	for i := len(d.w) - 1; i >= 0; i-- {
		d.w[i] /= t
		d.cum[i] = d.cum[i+1] + d.w[i]
	}
}

func (d *dist) atLeast(v int) float64 {
	i := v - d.lo
	switch {
	case i <= 0:
		return 1
	case i >= len(d.w):
		return 0
	}
	return d.cum[i]
}

func (d *dist) mean() float64 {
	var s float64
	for i, w := range d.w {
		s += w * float64(d.lo+i)
	}
	return s
}

// walk builds a unimodal distribution on [min, max] from its log-likelihood ratio
// r(v) = log L(v+1) − log L(v), starting at a guess of the mode and keeping the values
// within e^−40 of the largest likelihood seen.
func walk(start, lo, hi int, r func(v int) float64) dist {
	const cut = 40
	start = min(max(start, lo), hi)
	up := []float64{0}
	best := 0.0
	for v, l := start, 0.0; v < hi; v++ {
		l += r(v)
		if math.IsInf(l, -1) || l < best-cut {
			break
		}
		best = math.Max(best, l)
		up = append(up, l)
	}
	var down []float64
	for v, l := start, 0.0; v > lo; v-- {
		l -= r(v - 1)
		if math.IsInf(l, -1) || l < best-cut {
			break
		}
		best = math.Max(best, l)
		down = append(down, l)
	}
	d := dist{lo: start - len(down)}
	for i := len(down) - 1; i >= 0; i-- {
		d.w = append(d.w, down[i])
	}
	d.w = append(d.w, up...)
	for i, l := range d.w {
		d.w[i] = math.Exp(l - best)
	}
	// Trim the values that fell below the cut after the best moved.
	for len(d.w) > 1 && d.w[0] < math.Exp(-cut) {
		d.w, d.lo = d.w[1:], d.lo+1
	}
	for len(d.w) > 1 && d.w[len(d.w)-1] < math.Exp(-cut) {
		d.w = d.w[:len(d.w)-1]
	}
	d.finish()
	return d
}

// hypergeometricPosterior is the distribution of M, the marked lines among R, given X marked
// in a sample of S without replacement and a flat prior: L(M) = C(M, X) · C(R−M, S−X).
func hypergeometricPosterior(R, S, X int) dist {
	lo, hi := X, R-(S-X)
	start := int(math.Round(float64(X) * float64(R) / float64(S)))
	return walk(start, lo, hi, func(M int) float64 {
		// L(M+1) / L(M) = (M+1)/(M+1−X) · (R−M−S+X)/(R−M)
		return math.Log(float64(M+1)/float64(M+1-X)) + math.Log(float64(R-M-S+X)/float64(R-M))
	})
}

// binomialPosterior is the distribution of P, the pairs in the petition, given D of them
// whole in the sample, each with probability q, and a flat prior: L(P) = C(P, D) q^D (1−q)^(P−D).
func binomialPosterior(D int, q float64, limit int) dist {
	if q >= 1 {
		return dist{lo: D, w: []float64{1}, cum: []float64{1, 0}}
	}
	start := int(math.Round(float64(D) / q))
	l1q := math.Log1p(-q)
	return walk(start, D, max(D, limit), func(P int) float64 {
		// L(P+1) / L(P) = (P+1)/(P+1−D) · (1−q), times the prior's ratio ((P+½)/(P+1½))^½
		return math.Log(float64(P+1)/float64(P+1-D)) + l1q - 0.5*math.Log((float64(P)+1.5)/(float64(P)+0.5))
	})
}
