package sample

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/law"
)

// The vectors below were computed by the 10-line Python sampler of docs/sampling.md
// (python3, hashlib); Go must give the same lines.
func TestDrawVectors(t *testing.T) {
	cases := []struct {
		seed   string
		pop, n int
		want   []int
	}{
		{seed: "12345678901234567890", pop: 100, n: 10, want: []int{21, 26, 29, 38, 44, 45, 55, 56, 86, 87}},
		{seed: "0", pop: 10, n: 10, want: []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}},
		{seed: "20220706", pop: 715_833, n: 8, want: []int{128704, 499135, 515282, 545964, 549916, 571568, 658810, 667019}},
		{seed: "00123", pop: 1000, n: 5, want: []int{187, 506, 590, 751, 851}},
		{seed: "123", pop: 1000, n: 5, want: []int{288, 344, 585, 794, 880}},
		{seed: "31415926535897932384", pop: 1, n: 1, want: []int{1}},
		{seed: "1", pop: 5, n: 0, want: []int{}},
	}
	for _, tc := range cases {
		got, err := Draw(tc.seed, tc.pop, tc.n)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("Draw(%s, %d, %d) = %v, want %v", tc.seed, tc.pop, tc.n, got, tc.want)
		}
	}
	// The first three hashes of seed 12345678901234567890 modulo 100, plus one: 26, 21, 29
	// (SHA-256 of "12345678901234567890,1" = 4da594a8…1fd1, and so on): the draw order.
	// A Los Angeles-size draw: 35,793 of 715,833, checked by its ends and its sum.
	got, err := Draw("20220706", 715_833, 35_793)
	if err != nil {
		t.Fatal(err)
	}
	sum := 0
	for _, l := range got {
		sum += l
	}
	if len(got) != 35_793 || !slices.Equal(got[:5], []int{6, 50, 54, 84, 87}) ||
		!slices.Equal(got[len(got)-5:], []int{715757, 715790, 715797, 715811, 715825}) || sum != 12_880_115_455 {
		t.Errorf("LA-size draw: %d lines, %v … %v, sum %d", len(got), got[:5], got[len(got)-5:], sum)
	}
	again, _ := Draw("20220706", 715_833, 35_793)
	if !slices.Equal(got, again) {
		t.Error("drawing twice with the same seed gave different lines")
	}
}

func TestDrawRefuses(t *testing.T) {
	for _, seed := range []string{"", "12a4", " 123", "-1", "1.5", "١٢٣"} {
		if _, err := Draw(seed, 10, 2); signet.Code(err) != signet.EInvalid {
			t.Errorf("seed %q: error %v, want invalid", seed, err)
		}
	}
	if _, err := Draw("1", 10, 11); signet.Code(err) != signet.EInvalid {
		t.Errorf("size above population: %v", err)
	}
}

func rules(t *testing.T, id string) law.Rules {
	t.Helper()
	r, err := law.LookupRules(id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// A worked example built by hand (the figures of the regulation's own example in 2 CCR
// §20540 were not at hand, so none are claimed here). R = 12,345, S = 618, V = 493, D = 3,
// required 9,000:
//
//	rate = 493 / 618 = 79.773…% → 79.77%
//	uncorrected = 12,345 × 79.77% = 9,847.6065 → 9,848 (up)
//	A = 12,345 / 618 = 19.97572… → 19.9757
//	weight = 19.9757 × 18.9757 = 379.05289049
//	estimated duplicates = 3 × 379.05289049 = 1,137.15867147 → 1,138 (up)
//	projected = 9,848 − 1,138 = 8,710 = 96.78% of 9,000
//	bands: 110% = 9,900, 90% = 8,100 ⇒ full count
//	unrounded = 12,345 × 493 / 618 − 3 × (12,345/618) × (12,345/618 − 1) = 8,710.872…
func TestCaliforniaWorkedExample(t *testing.T) {
	res, err := Project(rules(t, "ca-local-recall"), Input{Raw: 12_345, Sample: 618, Valid: 493, Duplicates: 3, Required: 9_000})
	if err != nil {
		t.Fatal(err)
	}
	if res.RateHundredths != 7977 || res.Uncorrected != 9_848 || res.ValueTenThousandths != 199_757 ||
		res.EstimatedDuplicates != 1_138 || res.Projected != 8_710 || res.ProjectedPercent != 96.78 ||
		res.BandSufficient != 9_900 || res.BandFullCount != 8_100 || res.Decision != law.FullCount {
		t.Errorf("worked example: %+v", res)
	}
	if math.Abs(res.Unrounded-8_710.872019) > 1e-5 {
		t.Errorf("unrounded = %f", res.Unrounded)
	}
	if len(res.Steps) != 6 || res.Steps[3].Text != "A × (A − 1) = 19.9757 × 18.9757 = 379.05289049" {
		t.Errorf("steps: %+v", res.Steps)
	}
}

// Los Angeles 2022: R = 715,833, S = 35,793, V = 27,983, required 566,857.
//
//	rate = 27,983 / 35,793 = 78.1800…% → 78.18%
//	uncorrected = 715,833 × 78.18% = 559,638.2394 → 559,639
//	A = 715,833 / 35,793 = 19.99924… → 19.9992; weight = 19.9992 × 18.9992 = 379.96880064
//	bands: 110% × 566,857 = 623,542.7 → 623,543; 90% = 510,171.3 → 510,172
//
// The Registrar did not publish D. Derived honestly from the full count: 43,593 lines were
// "Max Number of Times Signed"; as pairs, each lies wholly in the sample with probability
// q = 35,793 × 35,792 / (715,833 × 715,832) = 0.00250012, so the expected D = 43,593 × q = 108.99 ≈ 109.
//
//	D = 109: 109 × 379.96880064 = 41,416.599… → 41,417; projected 559,639 − 41,417 = 518,222 (91.42%) ⇒ full count
//	(the full count found 520,050). The band holds for D from 0 (559,639, 98.73%) to 130:
//	D = 130: 49,395.944… → 49,396; 510,243 ≥ 510,172 ⇒ full count
//	D = 131: 49,775.912… → 49,776; 509,863 < 510,172 ⇒ insufficient
func TestLosAngeles2022(t *testing.T) {
	la := rules(t, "ca-local-recall")
	cases := []struct {
		d, projected int
		want         law.Decision
	}{
		{0, 559_639, law.FullCount},
		{109, 518_222, law.FullCount},
		{130, 510_243, law.FullCount},
		{131, 509_863, law.Insufficient},
	}
	for _, tc := range cases {
		res, err := Project(la, Input{Raw: 715_833, Sample: 35_793, Valid: 27_983, Duplicates: tc.d, Required: 566_857})
		if err != nil {
			t.Fatal(err)
		}
		if res.Uncorrected != 559_639 || res.Projected != tc.projected || res.Decision != tc.want ||
			res.BandSufficient != 623_543 || res.BandFullCount != 510_172 {
			t.Errorf("D=%d: projected %d %s (bands %d/%d), want %d %s", tc.d, res.Projected, res.Decision,
				res.BandSufficient, res.BandFullCount, tc.projected, tc.want)
		}
		if tc.d == 109 {
			u := res.Uncertainty
			// The sample already said the petition would very likely fall short: the whole
			// interval is below 566,857 and contains the full count's 520,050.
			if u.ProbabilitySufficient > 1e-6 || u.CI95[1] >= 566_857 || u.CI95[0] > 520_050 || u.CI95[1] < 520_050 {
				t.Errorf("LA uncertainty: %+v", u)
			}
		}
	}
}

func TestProjectRefuses(t *testing.T) {
	la := rules(t, "ca-local-recall")
	for _, in := range []Input{
		{Raw: 0, Sample: 0},
		{Raw: 10, Sample: 11, Valid: 1},
		{Raw: 100, Sample: 10, Valid: 8, Duplicates: 3},
		{Raw: 100, Sample: 10, Valid: -1},
	} {
		if _, err := Project(la, in); signet.Code(err) != signet.EInvalid {
			t.Errorf("%+v: %v", in, err)
		}
	}
}

func TestRatioPacks(t *testing.T) {
	// Colorado (its own rounding, colorado_test.go; the product is whole here): R = 200,000,
	// S = 10,000, V = 8,000 ⇒ 200,000 × 8,000 / 10,000 = 160,000; required 150,000: 106.67%
	// is between 90% and 110% ⇒ full count.
	res, err := Project(rules(t, "co-statewide-initiative"), Input{Raw: 200_000, Sample: 10_000, Valid: 8_000, Required: 150_000})
	if err != nil {
		t.Fatal(err)
	}
	if res.Projected != 160_000 || res.Decision != law.FullCount || res.BandSufficient != 165_000 || res.BandFullCount != 135_000 {
		t.Errorf("CO: %+v", res)
	}
	// Nevada: R = 10,001, S = 501, V = 450 ⇒ 10,001 × 450 / 501 = 8,982.63… → 8,983; required
	// 9,000: 99.81% ⇒ keep verifying (full_count).
	res, _ = Project(rules(t, "nv-local"), Input{Raw: 10_001, Sample: 501, Valid: 450, Required: 9_000})
	if res.Projected != 8_983 || res.Decision != law.FullCount {
		t.Errorf("NV: %d %s", res.Projected, res.Decision)
	}
}

// Washington: N = 300,000 filed, n = 9,000 sampled (r = 0.03), I = 1,200 invalid, R = 200,000.
//
//	allowance = 1.5 × √1,200 = 1.5 × 34.641016 = 51.961524
//	U = (1,200 + 51.961524) / 0.03 = 41,732.0508
//	P = 300,000 − (200,000 + 41,732.0508) = 58,267.9492
//	E = 0.03² × 58,267.9492 = 52.441154
//	acceptable = 52.441154 − 1.65 × √52.441154 = 52.441154 − 1.65 × 7.241627 = 40.492471
//
// d = 40 ≤ 40.49 ⇒ accepted; d = 41 > 40.49 ⇒ full canvass. With R = 260,000,
// P = 300,000 − 301,732.05 < 0 ⇒ full canvass whatever d.
func TestWashington(t *testing.T) {
	w := WashingtonTest(300_000, 9_000, 1_200, 40, 200_000)
	if math.Abs(w.Allowance-51.961524) > 1e-6 || math.Abs(w.U-41_732.0508) > 1e-4 || math.Abs(w.P-58_267.9492) > 1e-4 ||
		math.Abs(w.E-52.441154) > 1e-6 || math.Abs(w.Acceptable-40.492471) > 1e-6 || w.FullCanvass {
		t.Errorf("d=40: %+v", w)
	}
	if !WashingtonTest(300_000, 9_000, 1_200, 41, 200_000).FullCanvass {
		t.Error("d=41 should force a full canvass")
	}
	if w := WashingtonTest(300_000, 9_000, 1_200, 0, 260_000); !w.FullCanvass || w.P > 0 {
		t.Errorf("P ≤ 0: %+v", w)
	}
	res, err := Project(rules(t, "wa-statewide-initiative"), Input{Raw: 300_000, Sample: 9_000, Valid: 7_760, Invalid: 1_200, Duplicates: 40, Required: 200_000})
	if err != nil || res.Decision != law.Sufficient || res.Washington == nil {
		t.Errorf("WA project: %+v %v", res, err)
	}
	res, _ = Project(rules(t, "wa-statewide-initiative"), Input{Raw: 300_000, Sample: 9_000, Valid: 7_759, Invalid: 1_200, Duplicates: 41, Required: 200_000})
	if res.Decision != law.FullCount {
		t.Errorf("WA d=41: %s", res.Decision)
	}
}

// The 95% interval covers the true full count in 93–97% of samples of synthetic petitions
// with known truth: R = 20,000 lines, of which M = 15,000 are valid on their own, among them
// P = 1,000 voters who signed twice (so the full count is K = 14,000); samples of S = 1,000
// (5%), drawn without replacement, 1,000 times.
func TestCoverage(t *testing.T) {
	const R, M, P, S, reps = 20_000, 15_000, 1_000, 1_000, 1_000
	K := M - P
	rng := rand.New(rand.NewPCG(20220706, 1))
	idx := make([]int, R)
	for i := range idx {
		idx[i] = i
	}
	in := make([]bool, R)
	cover := 0
	for range reps {
		clear(in)
		for i := range S { // a partial Fisher–Yates shuffle: the first S are the sample
			j := i + rng.IntN(R-i)
			idx[i], idx[j] = idx[j], idx[i]
			in[idx[i]] = true
		}
		X, D := 0, 0
		for _, l := range idx[:S] {
			if l < M { // lines 0..M−1 are valid on their own; 0..2P−1 are the pairs (2i, 2i+1)
				X++
			}
			if l < 2*P && l%2 == 0 && in[l+1] {
				D++
			}
		}
		u := Estimate(Input{Raw: R, Sample: S, Valid: X - D, Duplicates: D, Required: K})
		if u.CI95[0] <= K && K <= u.CI95[1] {
			cover++
		}
	}
	if f := float64(cover) / reps; f < 0.93 || f > 0.97 {
		t.Errorf("coverage %.3f, want 0.93–0.97", f)
	} else {
		t.Logf("coverage %.3f", f)
	}
}
