package forecast

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/sample"
)

// The Los Angeles 2022 recall (domain.md §1, §7): 566,857 required (Cal. Elec. Code §11221,
// 10% of 5,668,566), 715,833 filed, 520,050 valid (72.65%), of the invalid 43,593 duplicates.
const (
	laRequired   = 566_857
	laRaw        = 715_833
	laValid      = 520_050
	laDuplicates = 43_593
)

// laOwnValidity is the share of the lines valid before the duplicate rule:
// (520,050 + 43,593) / 715,833 = 563,643 / 715,833 = 0.787395…
const laOwnValidity = float64(laValid+laDuplicates) / laRaw

// laRate is the per-pair duplicate rate of the full count: 43,593 / (715,833 × 715,832 / 2)
// = 43,593 / 256,208,084,028 = 1.70147…e−7.
const laRate = float64(laDuplicates) / (float64(laRaw) * (laRaw - 1) / 2)

func mustForecast(t *testing.T, in Input) Result {
	t.Helper()
	res, err := Forecast(in)
	if err != nil {
		t.Fatalf("%+v: %v", in, err)
	}
	return res
}

// TestLosAngelesBacktest: what the forecast would have said at 650,000, 700,000 and 715,833
// raw lines (docs/forecasting.md holds the table). At 715,833 the expected valid count is
// the full count's 520,050 by construction; at every point of the campaign's planned range
// the probability of qualifying is nil, and the raw count needed for 95% is far above it.
func TestLosAngelesBacktest(t *testing.T) {
	type row struct {
		raw, s   int
		validity float64
		rate     float64
		expected int64 // E[K] rounded, computed by hand below
	}
	rows := []row{
		// Net of duplicates, rate 0: E = raw × 0.7265.
		{650_000, 1_000, 0.7265, 0, 472_225},  // 650,000 × 0.7265 = 472,225
		{700_000, 1_000, 0.7265, 0, 508_550},  // 700,000 × 0.7265 = 508,550
		{715_833, 1_000, 0.7265, 0, 520_053},  // 715,833 × 0.7265 = 520,052.67
		{715_833, 5_000, 0.7265, 0, 520_053},  //
		{715_833, 35_792, 0.7265, 0, 520_053}, // the Registrar's 5% sample size
		// Valid on their own 78.74%, duplicates growing with the square of the lines:
		// E = raw × 563,643/715,833 − laRate × raw(raw − 1)/2.
		{650_000, 1_000, laOwnValidity, laRate, 475_863}, // 511,806.45 − 35,943.47 = 475,862.99
		{700_000, 5_000, laOwnValidity, laRate, 509_490}, // 551,176.18 − 41,685.92 = 509,490.26
		{715_833, 5_000, laOwnValidity, laRate, 520_050}, // 563,643 − 43,593
	}
	for _, r := range rows {
		res := mustForecast(t, Input{Required: laRequired, Collected: r.raw, Validity: r.validity, SampleSize: r.s, Duplicates: Duplicates{Rate: r.rate}})
		if got := int64(math.Round(res.ExpectedValid)); got != r.expected {
			t.Errorf("%d raw, S %d, validity %.4f: expected valid %d, want %d", r.raw, r.s, r.validity, got, r.expected)
		}
		if res.ProbabilityQualify > 1e-5 {
			t.Errorf("%d raw, S %d: P(qualify) %g, want nil", r.raw, r.s, res.ProbabilityQualify)
		}
		if res.CI95[1] >= laRequired {
			t.Errorf("%d raw, S %d: the band %v reaches the requirement", r.raw, r.s, res.CI95)
		}
		if !res.Needed[1].Reachable || res.Needed[1].Raw < 780_000 {
			t.Errorf("%d raw, S %d: raw needed for 95%% %+v, want above 780,000 (566,857 / 0.7265 = 780,257)", r.raw, r.s, res.Needed[1])
		}
		if r.raw == laRaw && (res.CI95[0] > laValid || res.CI95[1] < laValid) {
			t.Errorf("S %d: the band %v misses the full count's %d", r.s, res.CI95, laValid)
		}
	}
	// With no uncertainty left (the 35,792-line sample is large), the raw needed for any
	// probability is above the plain 566,857 / 0.7265 = 780,257.4.
	res := mustForecast(t, Input{Required: laRequired, Collected: laRaw, Validity: 0.7265, SampleSize: 35_792})
	if n := res.Needed[0].Raw; n < 780_258 || n > 790_000 {
		t.Errorf("raw needed for 90%% with S 35,792: %d", n)
	}
}

// TestRegistrarSampleAgreesWithTheProjection: with the Registrar's sample as the pre-check
// (35,793 lines, 27,983 valid and 109 duplicates within it, so 28,092 valid on their own)
// and no further collection, the forecast's expectation is the regulation's unrounded
// projection R·V/S − D·A(A − 1) (sample.California), to within the A² vs R(R−1)/(S(S−1))
// difference: about D·A²/S ≈ 1.2 lines.
func TestRegistrarSampleAgreesWithTheProjection(t *testing.T) {
	const S, V, D = 35_793, 27_983, 109
	res := mustForecast(t, Input{Required: laRequired, Collected: laRaw, Validity: float64(V+D) / S, SampleSize: S,
		Duplicates: Duplicates{FromSample: true, FoundPairs: D}})
	ca := sample.California(sample.Input{Raw: laRaw, Sample: S, Valid: V, Duplicates: D, Required: laRequired})
	if math.Abs(res.ExpectedValid-ca.Unrounded) > 2 {
		t.Errorf("forecast %.2f, regulation's unrounded %.2f", res.ExpectedValid, ca.Unrounded)
	}
	u := sample.Estimate(sample.Input{Raw: laRaw, Sample: S, Valid: V, Duplicates: D, Required: laRequired})
	// The exact interval of the sample package (508,964 – 526,387) and this normal one agree
	// to within a thousand lines at each end.
	if math.Abs(float64(res.CI95[0]-int64(u.CI95[0]))) > 1_000 || math.Abs(float64(res.CI95[1]-int64(u.CI95[1]))) > 1_000 {
		t.Errorf("forecast band %v, sample.Estimate %v", res.CI95, u.CI95)
	}
	if res.CI95[0] > laValid || res.CI95[1] < laValid {
		t.Errorf("band %v misses the full count's %d", res.CI95, laValid)
	}
	if r := res.DuplicateRate; math.Abs(r/laRate-1) > 0.01 {
		t.Errorf("rate from the sample %.5g, the full count's %.5g", r, laRate)
	}
}

// TestRawNeeded: the raw counts needed rise with the probability, each reaches its
// probability and one line fewer does not (up to the normal curve's rounding).
func TestRawNeeded(t *testing.T) {
	for _, in := range []Input{
		{Required: laRequired, Collected: 650_000, Validity: 0.7265, SampleSize: 1_000},
		{Required: laRequired, Collected: 650_000, Validity: laOwnValidity, SampleSize: 5_000, Duplicates: Duplicates{Rate: laRate}},
		{Required: 10_000, Collected: 4_000, Validity: 0.8, SampleSize: 400, Schedule: &Schedule{DaysLeft: 30, PerDay: 200}},
		{Required: 10_000, Collected: 4_000, Validity: 0.8, SampleSize: 4_000, Duplicates: Duplicates{Rate: 1e-6}},
	} {
		res := mustForecast(t, in)
		prev := int64(0)
		for i, n := range res.Needed {
			if !n.Reachable {
				t.Errorf("%+v: p%.0f unreachable", in, 100*n.Probability)
				continue
			}
			if n.Raw < prev {
				t.Errorf("%+v: raw needed not monotone: %+v", in, res.Needed)
			}
			prev = n.Raw
			if p := res.Probability(n.Raw); p < Probabilities[i] {
				t.Errorf("%+v: at %d raw P = %.5f < %.2f", in, n.Raw, p, Probabilities[i])
			}
			if p := res.Probability(n.Raw - 1); p >= Probabilities[i] {
				t.Errorf("%+v: at %d − 1 raw P = %.5f already ≥ %.2f", in, n.Raw, p, Probabilities[i])
			}
		}
		// Forecasting at the raw needed for 95% gives at least 95%.
		at := in
		at.Collected, at.Schedule = int(res.Needed[1].Raw), nil
		if at.SampleSize <= at.Collected {
			if got := mustForecast(t, at).ProbabilityQualify; got < 0.95 {
				t.Errorf("%+v: forecast at raw_needed_p95 gives %.4f", in, got)
			}
		}
	}
}

// TestRawNeededUnreachable: when duplicates outgrow the valid lines before the requirement
// is in reach, no raw count qualifies, and the forecast says so rather than a number.
func TestRawNeededUnreachable(t *testing.T) {
	// Valid lines peak where 0.5 = D·n: n = 50,000, at 0.5·50,000 − 1e-5·50,000²/2 = 12,500.
	res := mustForecast(t, Input{Required: 20_000, Collected: 10_000, Validity: 0.5, SampleSize: 2_000, Duplicates: Duplicates{Rate: 1e-5}})
	for _, n := range res.Needed {
		if n.Reachable {
			t.Errorf("reachable: %+v", res.Needed)
		}
	}
	if j := res.JSON(); j["raw_needed_p95"] != nil {
		t.Errorf("JSON raw_needed_p95 = %v, want null", j["raw_needed_p95"])
	}
}

// TestDailyRate: from 4,000 lines with 30 days left, the daily rate needed is the lines
// short of the raw needed spread over the days, rounded up; a campaign already past it
// needs 0; with no days left the rate is not defined.
func TestDailyRate(t *testing.T) {
	in := Input{Required: 10_000, Collected: 4_000, Validity: 0.8, SampleSize: 400, Schedule: &Schedule{DaysLeft: 30, PerDay: 200}}
	res := mustForecast(t, in)
	if res.RawAtDeadline != 10_000 {
		t.Errorf("raw at deadline %d, want 4,000 + 30 × 200 = 10,000", res.RawAtDeadline)
	}
	for _, n := range res.Needed {
		want := (n.Raw - 4_000 + 29) / 30
		if !n.PerDayOK || n.PerDay != want || n.PerDay*30 < n.Raw-4_000 {
			t.Errorf("%+v: per day %d, want %d", n, n.PerDay, want)
		}
	}
	in.Schedule = &Schedule{DaysLeft: 0}
	for _, n := range mustForecast(t, in).Needed {
		if n.PerDayOK {
			t.Errorf("no days left, yet a rate: %+v", n)
		}
	}
	in.Collected, in.Schedule = 20_000, &Schedule{DaysLeft: 10}
	for _, n := range mustForecast(t, in).Needed {
		if !n.PerDayOK || n.PerDay != 0 {
			t.Errorf("already past the raw needed: %+v", n)
		}
	}
}

// TestUncertaintyShrinksWithTheSample: the band narrows as about 1/√S once the sample's
// uncertainty dominates, and vanishes when every line at the deadline was checked.
func TestUncertaintyShrinksWithTheSample(t *testing.T) {
	a := mustForecast(t, Input{Required: 1, Collected: 700_000, Validity: 0.75, SampleSize: 1_000})
	b := mustForecast(t, Input{Required: 1, Collected: 700_000, Validity: 0.75, SampleSize: 4_000})
	if r := a.SD / b.SD; r < 1.9 || r > 2.1 {
		t.Errorf("sd ratio S=1,000 vs 4,000: %.3f, want about 2", r)
	}
	all := mustForecast(t, Input{Required: 1, Collected: 1_000, Validity: 0.75, SampleSize: 1_000})
	if all.SD != 0 || all.CI95 != [2]int64{750, 750} {
		t.Errorf("every line checked: sd %.3f band %v", all.SD, all.CI95)
	}
}

// TestBadInput: every refused value names its field and carries signet.EInvalid.
func TestBadInput(t *testing.T) {
	ok := Input{Required: 100, Collected: 1_000, Validity: 0.7, SampleSize: 100}
	for _, c := range []struct {
		field string
		edit  func(*Input)
	}{
		{"validity", func(in *Input) { in.Validity = 0 }},
		{"validity", func(in *Input) { in.Validity = 1.01 }},
		{"validity", func(in *Input) { in.Validity = math.NaN() }},
		{"sample-size", func(in *Input) { in.SampleSize = 1_001 }},
		{"sample-size", func(in *Input) { in.SampleSize = 0 }},
		{"collected", func(in *Input) { in.Collected = -1 }},
		{"required", func(in *Input) { in.Required = -5 }},
		{"duplicate-rate", func(in *Input) { in.Duplicates.Rate = -1e-7 }},
		{"days-left", func(in *Input) { in.Schedule = &Schedule{DaysLeft: -1, PerDay: 10} }},
		{"per-day", func(in *Input) { in.Schedule = &Schedule{DaysLeft: 1, PerDay: -10} }},
		{"strata", func(in *Input) { in.Strata = []Stratum{{Name: "a", Collected: 500, Checked: 10, Valid: 5}} }},
		{"strata", func(in *Input) {
			in.Strata = []Stratum{{Name: "a", Collected: 500, Checked: 10, Valid: 11}, {Name: "b", Collected: 500}}
		}},
	} {
		in := ok
		c.edit(&in)
		_, err := Forecast(in)
		var bi *BadInput
		if !errors.As(err, &bi) || bi.Field != c.field || signet.Code(err) != signet.EInvalid || !(strings.HasPrefix(err.Error(), c.field+" ") || strings.HasPrefix(err.Error(), c.field+": ")) {
			t.Errorf("%s: err %v (code %s)", c.field, err, signet.Code(err))
		}
	}
	// Validity 1 is allowed: (0, 1].
	if _, err := Forecast(Input{Required: 100, Collected: 1_000, Validity: 1, SampleSize: 100}); err != nil {
		t.Errorf("validity 1: %v", err)
	}
}

// TestBand: the course's point at the raw count at the deadline is the forecast itself,
// and the expected valid grows with the raw lines while duplicates do not outgrow them.
func TestBand(t *testing.T) {
	res := mustForecast(t, Input{Required: laRequired, Collected: 650_000, Validity: laOwnValidity, SampleSize: 1000,
		Duplicates: Duplicates{Rate: laRate}, Schedule: &Schedule{DaysLeft: 30, PerDay: 2000}})
	mean, ci := res.Band(res.RawAtDeadline)
	if mean != res.ExpectedValid || ci != res.CI95 {
		t.Errorf("Band(%d) = %v %v, want %v %v", res.RawAtDeadline, mean, ci, res.ExpectedValid, res.CI95)
	}
	lower, lci := res.Band(650_000)
	if lower >= mean || lci[0] > lci[1] || lci[1] > 650_000 {
		t.Errorf("Band(650,000) = %v %v, the deadline's %v", lower, lci, mean)
	}
}
