// Package forecast is the campaign's view of a petition before it is filed: from the lines
// collected so far and a pre-check of some of them against the public voter file, the
// valid count expected at the deadline with a 95% band, the probability of qualifying, the
// raw count needed for a chosen probability, and the daily rate needed from today.
//
// The model (docs/forecasting.md):
//
//   - Each line is valid on its own (registered, at its address, in the jurisdiction, signed…:
//     every check but the duplicate rule) with an unknown probability p, independently. The
//     pre-check of S lines found V valid on their own; the rest of the lines at the deadline
//     are binomial given p, and p itself is uncertain as V/S is: var(p̂) = p(1−p)/S.
//   - Duplicates grow with the square of the lines: each new line can repeat any earlier
//     signer, so among n lines the lines struck as duplicates (keep_first) are about
//     Poisson with mean λ(n) = D·n(n−1)/2, D being the per-pair rate.
//   - The valid count at the deadline is K = (lines valid on their own) − (duplicates);
//     it is approximated by a normal distribution with the mean and the variance of the
//     two parts (see Forecast.variance), continuity corrected.
//
// Pure: no store, no I/O.
package forecast

import (
	"fmt"
	"math"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/sample"
)

// Input is a campaign's situation today.
type Input struct {
	// Required is the number of valid signatures the petition needs.
	Required int
	// Collected is the raw count so far: every line collected, checked or not.
	Collected int
	// Validity is the share of the pre-checked lines found valid on their own (before the
	// duplicate rule), in (0, 1]. Ignored when Strata are given.
	Validity float64
	// SampleSize is S, the number of pre-checked lines Validity was measured on. Ignored
	// when Strata are given.
	SampleSize int
	// Strata are the lines and pre-checks by circulator, when known: the validity is then
	// estimated per circulator and combined by each one's share of the lines (see Combine).
	// The strata's Collected must add up to Collected.
	Strata []Stratum
	// Duplicates says how the per-pair duplicate rate is known.
	Duplicates Duplicates
	// Schedule is the time left, when given.
	Schedule *Schedule
}

// Duplicates is the per-pair duplicate rate D: the chance that two lines taken at random
// are by one voter and the later is struck as a duplicate (keep_first). The duplicates
// expected among n lines are D·n(n−1)/2. Either the rate is known (Rate, from past
// petitions, or 0), or it is estimated from the data: FoundPairs pairs of lines of one voter
// found among the pre-checked lines (FromSample).
type Duplicates struct {
	Rate       float64
	FromSample bool
	FoundPairs int
}

// Schedule is the collection left: DaysLeft days to the deadline, PerDay raw lines
// expected each of them. The raw count at the deadline is Collected + DaysLeft·PerDay.
type Schedule struct {
	DaysLeft int
	PerDay   int
}

// Probabilities are the probabilities of qualifying for which the raw count needed is
// reported.
var Probabilities = [3]float64{0.90, 0.95, 0.99}

// Need is the raw count needed for one probability of qualifying.
type Need struct {
	Probability float64
	// Raw is the smallest raw count at the deadline whose probability of qualifying is at
	// least Probability; Reachable is false when no raw count reaches it (duplicates grow
	// faster than valid lines, or the pre-check is too small to be that sure).
	Raw       int64
	Reachable bool
	// PerDay is the daily rate needed from today to reach Raw by the deadline (a Schedule
	// given); PerDayOK is false without a schedule, or when no rate can (no days left).
	PerDay   int64
	PerDayOK bool
}

// Result is a forecast.
type Result struct {
	Input
	// RawAtDeadline is Collected + DaysLeft·PerDay (Collected without a schedule).
	RawAtDeadline int64
	// Estimate is the validity estimate the forecast used (pooled or stratified).
	Estimate Estimate
	// DuplicateRate is the per-pair rate used (given, or estimated from the sample).
	DuplicateRate float64
	// DuplicatesExpected is λ at the deadline: D·n(n−1)/2.
	DuplicatesExpected float64
	// ExpectedValid is the mean of the valid count at the deadline, SD its standard deviation.
	ExpectedValid float64
	SD            float64
	// CI95 is the 95% band of the valid count at the deadline.
	CI95 [2]int64
	// ProbabilityQualify is P(valid at the deadline ≥ Required).
	ProbabilityQualify float64
	// Needed is the raw count needed for each of Probabilities.
	Needed [3]Need
	// Method names the model, for the record.
	Method string
}

// Method is the name of the model.
const Method = "normal-approximation-v1"

// z975 is the 97.5% quantile of the standard normal distribution.
const z975 = 1.959963984540054

// BadInput is an input the forecast refuses: which field, its value, and why. It carries
// the code signet.EInvalid (errors.As finds the *signet.Error it wraps).
type BadInput struct {
	Field  string // "required", "collected", "validity", "sample-size", "duplicate-rate", "duplicates-found", "days-left", "per-day", "strata"
	Value  string
	Reason string
	err    *signet.Error
}

func (e *BadInput) Error() string { return e.err.Error() }

// Unwrap gives the coded error.
func (e *BadInput) Unwrap() error { return e.err }

func bad(field string, value any, format string, args ...any) error {
	r := fmt.Sprintf(format, args...)
	v := fmt.Sprint(value)
	name := field
	if v != "" {
		name += " " + v
	}
	return &BadInput{Field: field, Value: v, Reason: r, err: signet.Errorf(signet.EInvalid, "%s: %s", name, r)}
}

// check refuses what cannot be a campaign's situation.
func (in Input) check() error {
	switch {
	case in.Required < 0:
		return bad("required", in.Required, "a count cannot be negative")
	case in.Collected < 0:
		return bad("collected", in.Collected, "a count cannot be negative")
	case in.Duplicates.Rate < 0 || math.IsNaN(in.Duplicates.Rate) || in.Duplicates.Rate >= 1:
		return bad("duplicate-rate", in.Duplicates.Rate, "want a per-pair rate in [0, 1): n lines hold rate × n(n−1)/2 duplicates")
	case in.Duplicates.FoundPairs < 0:
		return bad("duplicates-found", in.Duplicates.FoundPairs, "a count cannot be negative")
	}
	if in.Schedule != nil {
		if in.Schedule.DaysLeft < 0 {
			return bad("days-left", in.Schedule.DaysLeft, "the deadline is in the past")
		}
		if in.Schedule.PerDay < 0 {
			return bad("per-day", in.Schedule.PerDay, "a count cannot be negative")
		}
	}
	if len(in.Strata) > 0 {
		return checkStrata(in.Strata, in.Collected)
	}
	switch {
	case math.IsNaN(in.Validity) || in.Validity <= 0 || in.Validity > 1:
		return bad("validity", in.Validity, "outside (0, 1]: give the share of the pre-checked lines found valid, such as 0.7265 (not 72.65)")
	case in.SampleSize < 1:
		return bad("sample-size", in.SampleSize, "at least one pre-checked line is needed to estimate the validity")
	case in.SampleSize > in.Collected:
		return bad("sample-size", in.SampleSize, "more lines pre-checked than the %d collected", in.Collected)
	}
	return nil
}

// model is a forecast's arithmetic as a function of the raw count n at the deadline.
type model struct {
	est Estimate
	// The duplicates: a per-pair rate given, or F pairs found among the checked lines.
	rate       float64
	fromSample bool
	found      int
	checked    int
}

// lambda is the duplicates expected among n lines, and the variance of the duplicates
// the count will strike there about that expectation.
//
// A rate given: the duplicates are Poisson(λ), λ = D·n(n−1)/2, variance λ.
//
// A rate from the sample (the sample's arithmetic, sample.PairInclusion, as in the
// statutory correction of 2 CCR §20531): a pair of n lines lies wholly within the S checked
// lines with probability q, so the F pairs found there stand for λ̂ = F/q pairs among n
// lines. The pairs found are part of the pairs struck: P = F + (P − F), with F ~ Poisson(λq)
// and P − F ~ Poisson(λ(1 − q)) apart from it, so P − λ̂ = (P − F) − F(1 − q)/q has variance
// λ(1 − q)/q, estimated with F + ½ for λq so that none found still leaves doubt.
func (m model) lambda(n float64) (mean, variance float64) {
	if !m.fromSample {
		l := m.rate * n * (n - 1) / 2
		return l, l
	}
	q := sample.PairInclusion(n, float64(m.checked))
	if q <= 0 {
		return 0, 0
	}
	q = math.Min(q, 1)
	return float64(m.found) / q, (float64(m.found) + 0.5) * (1 - q) / (q * q)
}

// at is the mean and variance of the valid count K among n lines.
//
//	K = Σ_h [V_h + Bin(w_h·n − S_h, p_h)] − Dup(n)
//	E[K]   = Σ_h [V_h + (w_h·n − S_h)·p̂_h] − λ(n)
//	Var[K] = Σ_h [(w_h·n − S_h)·p̃_h(1−p̃_h)            the lines not checked, given p
//	            + (w_h·n − S_h)²·p̃_h(1−p̃_h)/S_h]       the uncertainty of p̂_h
//	       + var(Dup(n) − λ(n))                        the duplicates (see lambda)
//
// with p̃ = (V + ½)/(S + 1) in the variance (so that a stratum checked all valid still has
// doubt).
func (m model) at(n float64) (mean, variance float64) {
	for _, s := range m.est.Used {
		rest := math.Max(0, s.Weight*n-float64(s.Checked))
		p := s.Valid / float64(s.Checked)
		pt := (s.Valid + 0.5) / (float64(s.Checked) + 1)
		pq := pt * (1 - pt)
		mean += s.Valid + rest*p
		variance += rest*pq + rest*rest*pq/float64(s.Checked)
	}
	l, lv := m.lambda(n)
	mean -= l
	variance += lv
	return mean, variance
}

// probability is P(K ≥ q) among n lines: the normal approximation with a continuity
// correction. Fewer lines than required can never qualify.
func (m model) probability(n float64, q int) float64 {
	if n < float64(q) {
		return 0
	}
	mean, v := m.at(n)
	return normalAbove(float64(q)-0.5, mean, math.Sqrt(v))
}

// normalAbove is P(X > x) for X normal(mean, sd); a step when sd is 0.
func normalAbove(x, mean, sd float64) float64 {
	if sd == 0 {
		if mean > x {
			return 1
		}
		return 0
	}
	return 0.5 * math.Erfc((x-mean)/(sd*math.Sqrt2))
}

// Forecast forecasts the valid count at the deadline.
func Forecast(in Input) (Result, error) {
	if err := in.check(); err != nil {
		return Result{}, err
	}
	strata := in.Strata
	if len(strata) == 0 {
		strata = []Stratum{{Name: "all", Collected: in.Collected, Checked: in.SampleSize, Valid: in.Validity * float64(in.SampleSize)}}
	}
	est := Combine(strata)
	m := model{est: est, rate: in.Duplicates.Rate, fromSample: in.Duplicates.FromSample, found: in.Duplicates.FoundPairs, checked: est.Checked}
	res := Result{Input: in, Estimate: est, Method: Method, RawAtDeadline: int64(in.Collected)}
	if in.Schedule != nil {
		res.RawAtDeadline += int64(in.Schedule.DaysLeft) * int64(in.Schedule.PerDay)
	}
	n := float64(res.RawAtDeadline)
	res.DuplicatesExpected, _ = m.lambda(n)
	res.DuplicateRate = in.Duplicates.Rate
	if in.Duplicates.FromSample {
		res.DuplicateRate = 0
		if c := float64(est.Checked); c > 1 {
			res.DuplicateRate = float64(in.Duplicates.FoundPairs) / (c * (c - 1) / 2)
		}
	}
	mean, v := m.at(n)
	res.ExpectedValid, res.SD = mean, math.Sqrt(v)
	lo := math.Round(mean - z975*res.SD)
	hi := math.Round(mean + z975*res.SD)
	res.CI95 = [2]int64{int64(math.Max(0, lo)), int64(math.Max(0, math.Min(n, hi)))}
	res.ProbabilityQualify = m.probability(n, in.Required)
	for i, p := range Probabilities {
		need := Need{Probability: p}
		need.Raw, need.Reachable = m.rawNeeded(p, in.Required)
		if need.Reachable && in.Schedule != nil {
			short := need.Raw - int64(in.Collected)
			switch {
			case short <= 0:
				need.PerDay, need.PerDayOK = 0, true
			case in.Schedule.DaysLeft > 0:
				d := int64(in.Schedule.DaysLeft)
				need.PerDay, need.PerDayOK = (short+d-1)/d, true
			}
		}
		res.Needed[i] = need
	}
	return res, nil
}

// Probability is P(valid ≥ Required) had the campaign filed raw lines, with the same
// validity estimate and duplicate rate as res: the curve RawNeeded reads.
func (res Result) Probability(raw int64) float64 {
	return res.model().probability(float64(raw), res.Required)
}

func (res Result) model() model {
	return model{est: res.Estimate, rate: res.Input.Duplicates.Rate, fromSample: res.Input.Duplicates.FromSample,
		found: res.Input.Duplicates.FoundPairs, checked: res.Estimate.Checked}
}

// rawNeeded is the smallest raw count n (at least the lines checked) with P(K ≥ q) ≥ p.
// The score f(n) = (E[K] − q + ½)/sd rises and then, once duplicates outgrow the valid
// lines, falls: the maximum is found by a ternary search on [lo, cap], and the first n
// reaching the probability by a binary search below it.
func (m model) rawNeeded(p float64, q int) (int64, bool) {
	lo := int64(math.Ceil(m.est.MinRaw()))
	lo = max(lo, int64(q), 1)
	capN := int64(1) << 40
	if m.rate > 0 || m.fromSample {
		// E[K] peaks where the duplicates' growth D·(n − ½) equals the validity.
		l1, _ := m.lambda(1e6)
		d := 2 * l1 / (1e6 * (1e6 - 1))
		if d > 0 {
			capN = max(lo, int64(math.Ceil(m.est.Validity/d))+1)
		}
	}
	ok := func(n int64) bool { return m.probability(float64(n), q) >= p }
	score := func(n int64) float64 {
		mean, v := m.at(float64(n))
		if v == 0 {
			return math.Copysign(math.Inf(1), mean-float64(q)+0.5)
		}
		return (mean - float64(q) + 0.5) / math.Sqrt(v)
	}
	a, b := lo, capN
	for b-a > 2 {
		m1 := a + (b-a)/3
		m2 := b - (b-a)/3
		if score(m1) < score(m2) {
			a = m1 + 1
		} else {
			b = m2
		}
	}
	top := a
	for n := a + 1; n <= b; n++ {
		if score(n) > score(top) {
			top = n
		}
	}
	if !ok(top) {
		return 0, false
	}
	a, b = lo, top // the first n in [a, b] with ok(n); ok(b) holds
	for a < b {
		mid := a + (b-a)/2
		if ok(mid) {
			b = mid
		} else {
			a = mid + 1
		}
	}
	return a, true
}

// Band is the expected valid count and its 95% band had the campaign filed raw lines, with
// the same validity estimate and duplicate rate as res: a point of the forecast's course
// (the chart of projected valid over time) on the curve ExpectedValid and CI95 end on.
func (res Result) Band(raw int64) (expected float64, ci95 [2]int64) {
	n := float64(raw)
	mean, v := res.model().at(n)
	sd := math.Sqrt(v)
	lo := math.Round(mean - z975*sd)
	hi := math.Round(mean + z975*sd)
	return mean, [2]int64{int64(math.Max(0, lo)), int64(math.Max(0, math.Min(n, hi)))}
}
