package sample

import (
	"testing"

	"github.com/signet-vote/signet/law"
)

// coRecord is one random sample summary published by the Colorado Secretary of State
// (statement of sufficiency): lines submitted R, sample S, accepted V, rejected, the
// projection and the requirement, as printed.
type coRecord struct {
	name                    string // date, initiative, where it was published
	raw, sample, valid, rej int
	projected, required     int
	percent                 float64 // 0 when the summary prints none
	decision                law.Decision
	publishedProjected      int // the printed projection when it differs from the rule (else 0)
	publishedValid          int // a misprinted accepted count (else 0); valid is S − rejected
}

// The published records. Every one samples ⌈5% × R⌉ and decides as the bands do; the
// projection R × V / S rounded to the nearest whole number reproduces the printed figure of
// seven of them, and the printed percentage of every one that prints it.
var coRecords = []coRecord{
	// 2012-01-19, Initiative 30 "Use and Regulation of Marijuana"
	// https://coloradosos.gov/pubs/newsRoom/pressReleases/2012/PR20120119Initiative30.html
	// 163,598 × 4,436 / 8,180 = 88,718.915 → 88,719 (not ⌊⌋); 88,719 / 86,105 = 103.04%.
	{name: "2012-01-19 Initiative 30", raw: 163_598, sample: 8_180, valid: 4_436, rej: 3_744, projected: 88_719, required: 86_105, percent: 103.04, decision: law.FullCount},
	// 2012-08-27, Initiative 82 "Colorado Congressional Delegation to Support Campaign Finance Limits"
	// https://www.coloradosos.gov/pubs/newsRoom/pressReleases/2012/PR20120827Verification.html
	// 5% × 182,090 = 9,104.5 → 9,105; 182,090 × 4,547 / 9,105 = 90,935.006 → 90,935 (not ⌈⌉).
	{name: "2012-08-27 Initiative 82", raw: 182_090, sample: 9_105, valid: 4_547, rej: 4_558, projected: 90_935, required: 86_105, decision: law.FullCount},
	// 2016-08-11, Initiative 101 "State Minimum Wage"
	// https://content.govdelivery.com/accounts/COSOS/bulletins/15c3832
	// The summary prints 5,457 accepted, but 5,457 + 3,724 rejected = 9,181, not the 9,471
	// sampled; 9,471 − 3,724 = 5,747 gives its projection: 189,419 × 5,747 / 9,471 =
	// 114,939.39 → 114,939, 116.70%.
	{name: "2016-08-11 Initiative 101", raw: 189_419, sample: 9_471, valid: 5_747, rej: 3_724, projected: 114_939, required: 98_492, percent: 116.70, decision: law.Sufficient,
		publishedValid: 5_457},
	// 2016-08-16, Initiative 96 "Requirements for initiated constitutional amendments"
	// https://www.coloradosos.gov/pubs/newsRoom/pressReleases/2016/PR20160816Amendments.html
	// 183,691 × 6,353 / 9,185 = 127,053.77 → 127,054 (not ⌊⌋); printed "129%" (128.9993).
	{name: "2016-08-16 Initiative 96", raw: 183_691, sample: 9_185, valid: 6_353, rej: 2_832, projected: 127_054, required: 98_492, percent: 129.00, decision: law.Sufficient},
	// 2021, Initiative 25 "Learning Enrichment and Academic Progress Program" (the Secretary
	// of State's release as reprinted)
	// https://www.longmontleader.com/news-releases/an-initiative-to-create-learning-opportunities-beyond-school-ready-for-2021-ballot-4254176
	// 5% × 203,335 = 10,166.75 → 10,167; 203,335 × 7,254 / 10,167 = 145,076.43 → 145,076 (not ⌈⌉); 116.40%.
	{name: "2021 Initiative 25", raw: 203_335, sample: 10_167, valid: 7_254, rej: 2_913, projected: 145_076, required: 124_632, percent: 116.40, decision: law.Sufficient},
	// 2022-07-21, Initiative 58 "Access to Natural Medicine"
	// https://coloradosos.gov/pubs/newsRoom/pressReleases/2022/PR20220721Initiative58.html
	// 225,140 × 6,938 / 11,257 = 138,760 exactly; 111.34%.
	{name: "2022-07-21 Initiative 58", raw: 225_140, sample: 11_257, valid: 6_938, rej: 4_319, projected: 138_760, required: 124_632, percent: 111.34, decision: law.Sufficient},
	// 2022-08-19, Initiative 108 "Dedicated State Income Tax Revenue for Affordable Housing Programs"
	// https://www.einpresswire.com/article/586896876/august-19-proposed-initiative-108-dedicated-state-income-tax-revenue-for-affordable-housing-programs-qualifies-for-2022-general-election-ballot
	// 5% × 230,748 = 11,537.4 → 11,538 (the sample rounds up, not to the nearest);
	// 230,748 × 7,454 / 11,538 = 149,072.25 → 149,072 (not ⌈⌉); 119.61%.
	{name: "2022-08-19 Initiative 108", raw: 230_748, sample: 11_538, valid: 7_454, rej: 4_084, projected: 149_072, required: 124_632, percent: 119.61, decision: law.Sufficient},

	// Two printed projections that no rounding of R × V / S gives together (the first needs
	// rounding up, the second rounding down from a whole number), each one signature from the
	// rule, with the same decision:
	//
	// 2012-08-27, Initiative 46 "Application of the term of person" (the release above, and
	// https://www.coloradosos.gov/pubs/newsRoom/pressReleases/2012/PR20120829Initiative46.html):
	// 106,119 × 4,290 / 5,306 = 85,799.19 → 85,799; printed 85,800; 99.6% either way ⇒ full count.
	{name: "2012-08-27 Initiative 46", raw: 106_119, sample: 5_306, valid: 4_290, rej: 1_016, projected: 85_799, required: 86_105, decision: law.FullCount,
		publishedProjected: 85_800},
	// 2022-08-26, Initiative 96 "Concerning Liquor Licenses"
	// https://coloradosos.gov/pubs/newsRoom/pressReleases/2022/PR20220826BallotInitiatives.html
	// 225,400 × 7,490 / 11,270 = 149,800 exactly (S is exactly 5% of R); printed 149,799;
	// 120.19% either way ⇒ sufficient.
	{name: "2022-08-26 Initiative 96", raw: 225_400, sample: 11_270, valid: 7_490, rej: 3_780, projected: 149_800, required: 124_632, percent: 120.19, decision: law.Sufficient,
		publishedProjected: 149_799},
}

func TestColoradoStatementsOfSufficiency(t *testing.T) {
	co := rules(t, "co-statewide-initiative")
	if co.Projection.Method != law.MethodColorado {
		t.Fatalf("co-statewide-initiative projects by %q", co.Projection.Method)
	}
	for _, rec := range coRecords {
		if got := co.SampleSize(rec.raw); got != rec.sample {
			t.Errorf("%s: sample of %d = %d, published %d", rec.name, rec.raw, got, rec.sample)
		}
		if rec.valid+rec.rej != rec.sample {
			t.Errorf("%s: %d accepted + %d rejected ≠ %d sampled", rec.name, rec.valid, rec.rej, rec.sample)
		}
		if rec.publishedValid != 0 && rec.publishedValid+rec.rej == rec.sample {
			t.Errorf("%s: the printed %d accepted is consistent after all", rec.name, rec.publishedValid)
		}
		res, err := Project(co, Input{Raw: rec.raw, Sample: rec.sample, Valid: rec.valid, Required: rec.required})
		if err != nil {
			t.Fatalf("%s: %v", rec.name, err)
		}
		if res.Projected != rec.projected || res.Decision != rec.decision || res.Basis != law.BasisSample {
			t.Errorf("%s: projected %d %s, want %d %s", rec.name, res.Projected, res.Decision, rec.projected, rec.decision)
		}
		if rec.percent != 0 && res.ProjectedPercent != rec.percent {
			t.Errorf("%s: %.2f%%, published %.2f%%", rec.name, res.ProjectedPercent, rec.percent)
		}
		if rec.publishedProjected != 0 {
			// The printed figure is one signature away and decides the same way.
			if d := rec.publishedProjected - res.Projected; d != 1 && d != -1 {
				t.Errorf("%s: printed %d, rule %d", rec.name, rec.publishedProjected, res.Projected)
			}
			if co.Decide(rec.publishedProjected, rec.required) != res.Decision {
				t.Errorf("%s: the printed %d decides otherwise", rec.name, rec.publishedProjected)
			}
		}
	}
}

// The rule is the nearest whole number: neither the ratio packs' ⌈⌉ nor ⌊⌋ gives the
// published figures.
func TestColoradoRoundsToTheNearest(t *testing.T) {
	for _, tc := range []struct {
		in                        Input
		nearest, ceiling, printed int
	}{
		{Input{Raw: 182_090, Sample: 9_105, Valid: 4_547}, 90_935, 90_936, 90_935},     // Initiative 82, 2012
		{Input{Raw: 163_598, Sample: 8_180, Valid: 4_436}, 88_719, 88_719, 88_719},     // Initiative 30, 2012 (⌊⌋ = 88,718)
		{Input{Raw: 230_748, Sample: 11_538, Valid: 7_454}, 149_072, 149_073, 149_072}, // Initiative 108, 2022
		{Input{Raw: 3, Sample: 2, Valid: 1}, 2, 2, 0},                                  // 1.5: a half rounds up
	} {
		c, r := Colorado(tc.in), ratio(tc.in)
		if c.Projected != tc.nearest || r.Projected != tc.ceiling || (tc.printed != 0 && c.Projected != tc.printed) {
			t.Errorf("%+v: nearest %d, ceiling %d", tc.in, c.Projected, r.Projected)
		}
	}
	res := Colorado(Input{Raw: 106_119, Sample: 5_306, Valid: 4_290})
	if len(res.Steps) != 1 || res.Steps[0].Text != "R × V / S = 106,119 × 4,290 / 5,306 = 85,799.1915 → 85,799 (rounded to the nearest whole number)" {
		t.Errorf("steps: %+v", res.Steps)
	}
}
