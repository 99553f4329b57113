package sample

import (
	"fmt"
	"math"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/law"
)

// Input is what the verification of a random sample found.
type Input struct {
	Raw      int // R: lines filed
	Sample   int // S: lines in the sample
	Valid    int // V: valid lines in the sample (withdrawn lines and the later copies of a voter who signed twice within the sample are not valid)
	Required int // valid signatures required
	// Duplicates is D: lines of the sample that duplicate another line of the sample
	// (Washington: d, the duplicate pairs).
	Duplicates int
	// Invalid is Washington's I: sampled lines invalid for another reason than duplication
	// (not registered, improper); only the Washington test uses it.
	Invalid int
}

func (in Input) check() error {
	switch {
	case in.Raw <= 0:
		return signet.Errorf(signet.EInvalid, "raw count %d: want at least 1", in.Raw)
	case in.Sample <= 0 || in.Sample > in.Raw:
		return signet.Errorf(signet.EInvalid, "sample %d: want 1 to the raw count %d", in.Sample, in.Raw)
	case in.Valid < 0 || in.Duplicates < 0 || in.Invalid < 0 || in.Required < 0:
		return signet.Errorf(signet.EInvalid, "counts cannot be negative")
	case in.Valid+in.Duplicates > in.Sample:
		return signet.Errorf(signet.EInvalid, "valid %d + duplicates %d exceed the sample %d", in.Valid, in.Duplicates, in.Sample)
	case in.Valid+in.Duplicates+in.Invalid > in.Sample:
		return signet.Errorf(signet.EInvalid, "valid %d + duplicates %d + invalid %d exceed the sample %d", in.Valid, in.Duplicates, in.Invalid, in.Sample)
	}
	return nil
}

// Step is one step of a projection as the regulation states it, for printing.
type Step struct {
	Name  string `json:"name"`
	Text  string `json:"text"`
	Value int64  `json:"value"`
	Cite  string `json:"cite"`
	// Form and Args are Text as a format with a %s for each of its numbers, for a door that
	// writes the numbers in another language (English() is Text). Not JSON: the recorded
	// projection and the commands' output carry Text.
	Form string `json:"-"`
	Args []Arg  `json:"-"`
}

// Result is a projection: the statutory number and decision, and the honest uncertainty.
type Result struct {
	Input
	Method law.Method `json:"method"`
	// RateHundredths is the validity rate V/S in hundredths of a percent (7818 = 78.18%).
	RateHundredths int64 `json:"rate_hundredths"`
	Uncorrected    int64 `json:"uncorrected"`
	// ValueTenThousandths is A = R/S in ten-thousandths (199992 = 19.9992).
	ValueTenThousandths int64   `json:"value_ten_thousandths"`
	EstimatedDuplicates int64   `json:"estimated_duplicates"`
	Projected           int     `json:"projected_valid"`
	ProjectedPercent    float64 `json:"projected_percent"`
	// Unrounded is R·V/S − D·(R/S)·(R/S − 1) without any rounding (R·V/S for the ratio methods).
	Unrounded      float64      `json:"unrounded_estimate"`
	Decision       law.Decision `json:"decision"`
	BandSufficient int          `json:"band_sufficient"`
	BandFullCount  int          `json:"band_full_count"`
	Steps          []Step       `json:"steps"`
	Washington     *Washington  `json:"washington,omitempty"`
	Uncertainty    Uncertainty  `json:"uncertainty"`
	Rules          string       `json:"rules"`
	Bands          law.Bands    `json:"bands"`
	// Basis is what decided: the sample, or the raw count alone (fewer lines filed than
	// required, in a pack whose law ends such a petition unverified).
	Basis law.Basis `json:"basis"`
}

// Project projects the full count of a petition from its sample by the pack's method and
// decides by the pack's bands. The uncertainty (CI95, ProbabilitySufficient) comes from the
// exact sampling distribution (see Estimate).
func Project(r law.Rules, in Input) (Result, error) {
	if res, ok := rawBelowRequired(r, in); ok {
		return res, nil
	}
	if err := in.check(); err != nil {
		return Result{}, err
	}
	var res Result
	switch r.Projection.Method {
	case law.MethodCalifornia:
		res = California(in)
	case law.MethodRatio, law.MethodWashington:
		res = ratio(in)
	case law.MethodColorado:
		res = Colorado(in)
	default:
		return Result{}, signet.Errorf(signet.EInvalid, "pack %s: unknown projection method %q", r.ID(), r.Projection.Method)
	}
	res.Rules, res.Basis = r.ID(), law.BasisSample
	res.Bands = r.Bands
	res.BandSufficient, res.BandFullCount = r.Bands.Values(in.Required)
	res.Decision = r.Bands.Decide(res.Projected, in.Required)
	if r.Projection.Method == law.MethodWashington {
		w := WashingtonTest(in.Raw, in.Sample, in.Invalid, in.Duplicates, in.Required)
		res.Washington = &w
		res.Decision = law.Sufficient
		if w.FullCanvass {
			res.Decision = law.FullCount
		}
		res.Steps = append(res.Steps, w.Steps()...)
	}
	if in.Required > 0 {
		res.ProjectedPercent = math.Round(float64(res.Projected)*10000/float64(in.Required)) / 100
	}
	res.Uncertainty = Estimate(in)
	return res, nil
}

// rawBelowRequired is the answer of a pack whose law ends a petition with fewer lines filed
// than the requirement unverified (Rules.RawBelowRequiredFails): insufficient, decided by
// the raw count, with no sample to project; ok is false where that rule does not apply.
func rawBelowRequired(r law.Rules, in Input) (Result, bool) {
	if in.Raw <= 0 || !r.EndsOnRawCount(in.Raw, in.Required) {
		return Result{}, false
	}
	res := Result{Input: in, Method: r.Projection.Method, Rules: r.ID(), Bands: r.Bands, Decision: law.Insufficient, Basis: law.BasisRawCount}
	res.BandSufficient, res.BandFullCount = r.Bands.Values(in.Required)
	res.Steps = []Step{Step{Name: "raw count", Value: int64(in.Raw), Cite: r.RawCite,
		Text: fmt.Sprintf("R = %s lines filed < %s required: the petition cannot qualify and no sample is verified", commas(int64(in.Raw)), commas(int64(in.Required)))}.
		withForm("R = %s lines filed < %s required: the petition cannot qualify and no sample is verified", Whole(int64(in.Raw)), Whole(int64(in.Required)))}
	return res, true
}

// California is the projection of 2 CCR §20530–§20531, step by step with its roundings.
// It does not decide: Project applies the bands.
func California(in Input) Result {
	R, S, V, D := int64(in.Raw), int64(in.Sample), int64(in.Valid), int64(in.Duplicates)
	res := Result{Input: in, Method: law.MethodCalifornia}
	// §20530(c): the validity rate as a percentage rounded to two decimals (half up).
	res.RateHundredths = (V*10000*2 + S) / (2 * S)
	res.Steps = append(res.Steps, Step{Name: "validity rate", Text: fmt.Sprintf("V / S = %s / %s = %s%% (rounded to two decimals)",
		commas(V), commas(S), fixed(res.RateHundredths, 2)), Value: res.RateHundredths, Cite: "2 CCR §20530(c)"}.
		withForm("V / S = %s / %s = %s%% (rounded to two decimals)", Whole(V), Whole(S), Dec(res.RateHundredths, 2)))
	// §20530(d): raw count × rate, rounded up.
	prod := R * res.RateHundredths // in units of 1/10,000
	res.Uncorrected = ceilDiv(prod, 10000)
	res.Steps = append(res.Steps, Step{Name: "uncorrected valid", Text: fmt.Sprintf("R × rate = %s × %s%% = %s → %s (rounded up)",
		commas(R), fixed(res.RateHundredths, 2), fixed(prod, 4), commas(res.Uncorrected)), Value: res.Uncorrected, Cite: "2 CCR §20530(d)"}.
		withForm("R × rate = %s × %s%% = %s → %s (rounded up)", Whole(R), Dec(res.RateHundredths, 2), Dec(prod, 4), Whole(res.Uncorrected)))
	// §20531(a): the value of each signature A = R / S, rounded to four decimals (half up).
	a := (R*10000*2 + S) / (2 * S)
	res.ValueTenThousandths = a
	res.Steps = append(res.Steps, Step{Name: "value of each signature", Text: fmt.Sprintf("A = R / S = %s / %s = %s (rounded to four decimals)",
		commas(R), commas(S), fixed(a, 4)), Value: a, Cite: "2 CCR §20531(a)"}.
		withForm("A = R / S = %s / %s = %s (rounded to four decimals)", Whole(R), Whole(S), Dec(a, 4)))
	// §20531(b): the weight of each duplicate A × (A − 1), exact in units of 1/10^8.
	w := a * (a - 10000)
	res.Steps = append(res.Steps, Step{Name: "weight of each duplicate", Text: fmt.Sprintf("A × (A − 1) = %s × %s = %s",
		fixed(a, 4), fixed(a-10000, 4), fixed(w, 8)), Value: w, Cite: "2 CCR §20531(b)"}.
		withForm("A × (A − 1) = %s × %s = %s", Dec(a, 4), Dec(a-10000, 4), Dec(w, 8)))
	// §20531(c): duplicates in the sample × weight, rounded up.
	dw := D * w
	res.EstimatedDuplicates = ceilDiv(dw, 100_000_000)
	res.Steps = append(res.Steps, Step{Name: "estimated duplicates", Text: fmt.Sprintf("D × weight = %s × %s = %s → %s (rounded up)",
		commas(D), fixed(w, 8), fixed(dw, 8), commas(res.EstimatedDuplicates)), Value: res.EstimatedDuplicates, Cite: "2 CCR §20531(c)"}.
		withForm("D × weight = %s × %s = %s → %s (rounded up)", Whole(D), Dec(w, 8), Dec(dw, 8), Whole(res.EstimatedDuplicates)))
	res.Projected = int(res.Uncorrected - res.EstimatedDuplicates)
	res.Steps = append(res.Steps, Step{Name: "projected valid", Text: fmt.Sprintf("uncorrected − estimated duplicates = %s − %s = %s",
		commas(res.Uncorrected), commas(res.EstimatedDuplicates), commas(int64(res.Projected))), Value: int64(res.Projected), Cite: "2 CCR §20531"}.
		withForm("uncorrected − estimated duplicates = %s − %s = %s", Whole(res.Uncorrected), Whole(res.EstimatedDuplicates), Whole(int64(res.Projected))))
	fa := float64(R) / float64(S)
	res.Unrounded = float64(R)*float64(V)/float64(S) - float64(D)*fa*(fa-1)
	return res
}

// ratio is the plain projection R × V / S, rounded up as 2 CCR §20530(d) rounds, without a
// duplicate correction (the sources of the ratio packs give none).
func ratio(in Input) Result {
	R, S, V := int64(in.Raw), int64(in.Sample), int64(in.Valid)
	res := Result{Input: in, Method: law.MethodRatio}
	res.Uncorrected = ceilDiv(R*V, S)
	res.Projected = int(res.Uncorrected)
	res.Steps = append(res.Steps, Step{Name: "projected valid", Text: fmt.Sprintf("R × V / S = %s × %s / %s = %.4f → %s (rounded up)",
		commas(R), commas(V), commas(S), float64(R)*float64(V)/float64(S), commas(res.Uncorrected)), Value: res.Uncorrected, Cite: "sampling rule of the pack"}.
		withForm("R × V / S = %s × %s / %s = %s → %s (rounded up)", Whole(R), Whole(V), Whole(S), PlainDec(float64(R)*float64(V)/float64(S), 4), Whole(res.Uncorrected)))
	res.Unrounded = float64(R) * float64(V) / float64(S)
	return res
}

// Colorado is the projection of the Colorado Secretary of State's statements of sufficiency:
// R × V / S rounded to the nearest whole number (a half rounds up), with no duplicate
// correction. The rule reproduces the published random sample summaries (the records are in
// colorado_test.go): it is not ⌈R × V / S⌉ (Initiative 82, 2012: 90,935.006 was published as
// 90,935) nor ⌊R × V / S⌋ (Initiative 30, 2012: 88,718.92 was published as 88,719). It does not
// decide: Project applies the bands.
func Colorado(in Input) Result {
	R, S, V := int64(in.Raw), int64(in.Sample), int64(in.Valid)
	res := Result{Input: in, Method: law.MethodColorado}
	res.Uncorrected = (2*R*V + S) / (2 * S)
	res.Projected = int(res.Uncorrected)
	res.Steps = append(res.Steps, Step{Name: "projected valid", Text: fmt.Sprintf("R × V / S = %s × %s / %s = %s → %s (rounded to the nearest whole number)",
		commas(R), commas(V), commas(S), fixed((R*V*10000*2+S)/(2*S), 4), commas(res.Uncorrected)), Value: res.Uncorrected,
		Cite: "C.R.S. 1-40-116(4); the Secretary of State's random sample summaries"}.
		withForm("R × V / S = %s × %s / %s = %s → %s (rounded to the nearest whole number)", Whole(R), Whole(V), Whole(S), Dec((R*V*10000*2+S)/(2*S), 4), Whole(res.Uncorrected)))
	res.Unrounded = float64(R) * float64(V) / float64(S)
	return res
}

// ceilDiv is ⌈a / b⌉ for a ≥ 0, b > 0.
func ceilDiv(a, b int64) int64 { return (a + b - 1) / b }

// fixed prints n / 10^scale with exactly scale decimals.
func fixed(n int64, scale int) string {
	neg := n < 0
	if neg {
		n = -n
	}
	p := int64(math.Pow10(scale))
	s := commas(n / p)
	if scale > 0 {
		s += fmt.Sprintf(".%0*d", scale, n%p)
	}
	if neg {
		s = "-" + s
	}
	return s
}

// commas prints an integer with thousands separators.
func commas(n int64) string { return signet.Commas(int(n)) }
