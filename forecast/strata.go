package forecast

import (
	"math"
)

// Stratum is one circulator's (or any group's) lines: how many were collected, how many of
// them were pre-checked, and how many of those were valid on their own.
type Stratum struct {
	Name      string
	Collected int
	Checked   int
	// Valid is a count; a float so that a validity given as a share (P × S) need not be whole.
	Valid float64
}

// Estimate is the validity the forecast uses, from the strata.
type Estimate struct {
	// Validity is the estimated share of the lines valid on their own: Σ w_h·p̂_h.
	Validity float64
	// SE is its standard error: √(Σ w_h²·p̂_h(1−p̂_h)/S_h).
	SE float64
	// Checked is the pre-checked lines in all.
	Checked int
	// Stratified is true when the strata were kept apart (their validities differ);
	// false when they were pooled into one.
	Stratified bool
	// ChiSquare and PValue are the test of the strata's homogeneity (a 2×H table of valid and
	// not valid lines), with H − 1 degrees of freedom; 0 and 1 for one stratum.
	ChiSquare float64
	PValue    float64
	// Used are the strata the model runs on (one, pooled, unless Stratified), each with its
	// share of the raw lines as Weight.
	Used []WeightedStratum
}

// WeightedStratum is a stratum with its share of the raw lines.
type WeightedStratum struct {
	Stratum
	Weight float64
}

// MinRaw is the smallest raw count at which every stratum, grown in its share, still holds
// its checked lines: below it the model has no meaning.
func (e Estimate) MinRaw() float64 {
	var m float64
	for _, s := range e.Used {
		if s.Weight > 0 {
			m = math.Max(m, float64(s.Checked)/s.Weight)
		}
	}
	return m
}

// alpha is the level of the homogeneity test below which the strata are kept apart.
const alpha = 0.05

// Combine estimates the validity from per-stratum pre-checks. When the strata's validities
// differ (a chi-square test of homogeneity at the 5% level), it keeps them apart: the
// stratified estimate Σ w_h·p̂_h, w_h = each stratum's share of the raw lines, whose lines
// still to come are assumed to arrive in the same shares. When they do not differ, it pools
// them into one stratum (ΣV/ΣS), which is steadier with small per-stratum samples; pooling
// assumes the checked lines were spread over the strata about in proportion to their lines.
// A stratum with no checked line cannot be estimated on its own: then all are pooled.
func Combine(strata []Stratum) Estimate {
	var total, checked float64
	var valid float64
	for _, s := range strata {
		total += float64(s.Collected)
		checked += float64(s.Checked)
		valid += s.Valid
	}
	pooled := Estimate{Checked: int(checked), PValue: 1,
		Used: []WeightedStratum{{Stratum: Stratum{Name: "all", Collected: int(total), Checked: int(checked), Valid: valid}, Weight: 1}}}
	pooled.Validity = valid / checked
	pooled.SE = math.Sqrt(pooled.Validity * (1 - pooled.Validity) / checked)
	var kept []Stratum
	for _, s := range strata {
		if s.Checked > 0 {
			kept = append(kept, s)
		}
	}
	if len(kept) < 2 || len(kept) < len(strata) {
		return pooled
	}
	// The chi-square statistic of a 2×H table: Σ_h (V_h − S_h·p̄)² / (S_h·p̄(1−p̄)).
	pbar := pooled.Validity
	var x2 float64
	if pbar > 0 && pbar < 1 {
		for _, s := range kept {
			e := float64(s.Checked) * pbar
			x2 += (s.Valid - e) * (s.Valid - e) / (e * (1 - pbar))
		}
	}
	df := len(kept) - 1
	pooled.ChiSquare, pooled.PValue = x2, chiSquareAbove(x2, df)
	if pooled.PValue >= alpha {
		return pooled
	}
	est := Estimate{Checked: int(checked), Stratified: true, ChiSquare: x2, PValue: pooled.PValue}
	var v float64
	for _, s := range kept {
		w := float64(s.Collected) / total
		p := s.Valid / float64(s.Checked)
		est.Validity += w * p
		v += w * w * p * (1 - p) / float64(s.Checked)
		est.Used = append(est.Used, WeightedStratum{Stratum: s, Weight: w})
	}
	est.SE = math.Sqrt(v)
	return est
}

// chiSquareAbove is P(χ²_k > x), by the Wilson–Hilferty cube-root normal approximation
// (good to about two decimals at the 5% level for k ≥ 1, all a homogeneity flag needs).
func chiSquareAbove(x float64, k int) float64 {
	if x <= 0 {
		return 1
	}
	kf := float64(k)
	z := (math.Cbrt(x/kf) - (1 - 2/(9*kf))) / math.Sqrt(2/(9*kf))
	return 0.5 * math.Erfc(z/math.Sqrt2)
}

// checkStrata refuses strata that cannot be.
func checkStrata(strata []Stratum, collected int) error {
	sum, checked := 0, 0
	for _, s := range strata {
		switch {
		case s.Collected < 0 || s.Checked < 0 || s.Valid < 0:
			return bad("strata", "", "stratum %q: counts cannot be negative", s.Name)
		case s.Checked > s.Collected:
			return bad("strata", "", "stratum %q: %d pre-checked lines is more than its %d collected", s.Name, s.Checked, s.Collected)
		case s.Valid > float64(s.Checked):
			return bad("strata", "", "stratum %q: %g valid is more than its %d pre-checked lines", s.Name, s.Valid, s.Checked)
		}
		sum += s.Collected
		checked += s.Checked
	}
	switch {
	case sum != collected:
		return bad("strata", "", "the strata's lines add up to %d, not the %d collected", sum, collected)
	case checked == 0:
		return bad("strata", "", "no stratum has a pre-checked line: the validity cannot be estimated")
	}
	return nil
}
