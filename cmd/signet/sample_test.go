package main

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestSampleSize(t *testing.T) {
	e := newEnv(t)
	cases := []struct {
		rules     string
		raw, want int
		filed     string
	}{
		{"ca-local-recall", 500, 500, ""},              // not more than 500 lines: all
		{"ca-local-recall", 10_000, 500, ""},           // 5% = 500
		{"ca-local-recall", 10_001, 501, ""},           // 5% = 500.05, at least ⇒ 501
		{"ca-local-recall", 715_833, 35_792, ""},       // 35,791.65 ⇒ 35,792
		{"ca-state-recall", 16_666, 500, "2017-06-26"}, // before SB 96: 3% = 499.98 ⇒ 500
		{"ca-state-recall", 16_667, 501, "2017-06-26"}, // 3% = 500.01 ⇒ 501
		{"ca-state-recall", 16_667, 16_667, ""},        // today: every signature (SB 96, 2017)
		{"ca-statewide-initiative", 16_700, 501, ""},   // 3% = 501
	}
	for _, tc := range cases {
		var v struct {
			Size int `json:"sample_size"`
		}
		args := []string{"sample", "size", "--rules", tc.rules, "--raw", itoa(tc.raw)}
		if tc.filed != "" {
			args = append(args, "--filed", tc.filed)
		}
		e.json(&v, args...)
		if v.Size != tc.want {
			t.Errorf("%s %d: %d, want %d", tc.rules, tc.raw, v.Size, tc.want)
		}
	}
}

func TestSampleDraw(t *testing.T) {
	e := newEnv(t)
	var v struct {
		Seed       string `json:"seed"`
		Population int    `json:"population"`
		Size       int    `json:"size"`
		Lines      []int  `json:"lines"`
	}
	// The vector of docs/sampling.md, computed by its Python sampler.
	e.json(&v, "sample", "draw", "--seed", "12345678901234567890", "--population", "100", "--size", "10")
	if v.Seed != "12345678901234567890" || v.Population != 100 || v.Size != 10 ||
		!slices.Equal(v.Lines, []int{21, 26, 29, 38, 44, 45, 55, 56, 86, 87}) {
		t.Errorf("draw: %+v", v)
	}
	a := e.ok("sample", "draw", "--seed", "20220706", "--population", "715833", "--size", "200")
	b := e.ok("sample", "draw", "--seed", "20220706", "--population", "715833", "--size", "200")
	if a != b || len(strings.Fields(a)) != 200 {
		t.Errorf("re-drawing gave another list (%d lines)", len(strings.Fields(a)))
	}
	for _, args := range [][]string{
		{"--population", "10", "--size", "2"},
		{"--seed", "", "--population", "10", "--size", "2"},
		{"--seed", "12x", "--population", "10", "--size", "2"},
		{"--seed", "1", "--population", "10", "--size", "11"},
		{"--seed", "1", "--size", "2"},
	} {
		if _, _, code := e.run(append([]string{"sample", "draw"}, args...)...); code != ExitUsage {
			t.Errorf("sample draw %v: exit %d, want %d", args, code, ExitUsage)
		}
	}
}

func TestSampleProject(t *testing.T) {
	e := newEnv(t)
	var v struct {
		Projected   int      `json:"projected_valid"`
		Percent     float64  `json:"projected_percent"`
		Decision    string   `json:"decision"`
		Sufficient  int      `json:"band_sufficient"`
		FullCount   int      `json:"band_full_count"`
		Unrounded   float64  `json:"unrounded_estimate"`
		CI          [2]int   `json:"ci95"`
		Probability *float64 `json:"probability_sufficient"`
	}
	// LA 2022 with D = 109 (derived in sample/sample_test.go): 559,639 − 41,417 = 518,222, 91.42% ⇒ full count.
	e.json(&v, "sample", "project", "--rules", "ca-local-recall", "--raw", "715833", "--sample", "35793", "--valid", "27983", "--duplicates", "109", "--required", "566857")
	if v.Projected != 518_222 || v.Percent != 91.42 || v.Decision != "full_count" || v.Sufficient != 623_543 || v.FullCount != 510_172 ||
		v.Probability == nil || *v.Probability > 1e-6 || v.CI[0] > 520_050 || v.CI[1] < 520_050 || v.Unrounded < 518_222 || v.Unrounded > 518_223 {
		t.Errorf("LA: %+v", v)
	}
	out := e.ok("sample", "project", "--rules", "ca-local-recall", "--raw", "715833", "--sample", "35793", "--valid", "27983", "--duplicates", "109", "--required", "566857")
	for _, want := range []string{"78.18%", "559,639", "19.9992", "379.96880064", "41,417", "518,222", "full_count"} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
	// Washington: the hand-computed test (sample/sample_test.go): d = 40 ≤ 40.49 ⇒ accepted.
	e.json(&v, "sample", "project", "--rules", "wa-statewide-initiative", "--raw", "300000", "--sample", "9000", "--valid", "7760", "--invalid", "1200", "--duplicates", "40", "--required", "200000")
	if v.Decision != "sufficient" {
		t.Errorf("WA: %+v", v)
	}
	if _, _, code := e.run("sample", "project", "--rules", "wa-statewide-initiative", "--raw", "300000", "--sample", "9000", "--valid", "7760", "--duplicates", "40", "--required", "200000"); code != ExitUsage {
		t.Errorf("WA without --invalid: exit %d", code)
	}
	if _, _, code := e.run("sample", "project", "--rules", "ca-local-recall", "--raw", "100", "--sample", "10", "--valid", "9", "--duplicates", "2", "--required", "50"); code != ExitInvalid {
		t.Errorf("V + D > S: exit %d", code)
	}
}

func itoa(n int) string {
	return strings.TrimSpace(strings.ReplaceAll(commas(n), ",", ""))
}

// sample project with a raw count below the requirement answers insufficient on the raw
// count, naming the rule, and asks for no sample.
func TestSampleProjectRawCountBelowRequirement(t *testing.T) {
	e := newEnv(t)
	var v map[string]any
	e.json(&v, "sample", "project", "--rules", "ca-local-recall", "--raw", "500000", "--required", "566857")
	if v["decision"] != "insufficient" || v["basis"] != "raw_count" || !strings.Contains(fmt.Sprint(v["steps"]), "Elections Code §11222") {
		t.Errorf("raw below required: %v", v)
	}
	out := e.ok("sample", "project", "--rules", "ca-local-recall", "--raw", "500000", "--required", "566857")
	if !strings.Contains(out, "decided on the raw count") || !strings.Contains(out, "decision             insufficient") {
		t.Errorf("raw below required, text:\n%s", out)
	}
	if _, errs, code := e.run("sample", "project", "--rules", "ca-local-recall", "--raw", "600000", "--required", "566857"); code != ExitUsage || !strings.Contains(errs, "--sample is required") {
		t.Errorf("raw above required without a sample: exit %d %s", code, errs)
	}
}

// Colorado: the Secretary of State's published random sample summaries, through the command
// (the records are in sample/colorado_test.go). D is not asked for: Colorado's projection
// makes no duplicate correction.
func TestSampleProjectColorado(t *testing.T) {
	e := newEnv(t)
	var v struct {
		Projected int     `json:"projected_valid"`
		Percent   float64 `json:"projected_percent"`
		Decision  string  `json:"decision"`
		Method    string  `json:"method"`
		Rounding  string  `json:"rounding"`
	}
	for _, tc := range []struct {
		name                         string
		raw, sample, valid, required string
		projected                    int
		percent                      float64
		decision, text               string
	}{
		// 2021, Initiative 25 (Learning Enrichment and Academic Progress Program):
		// https://www.longmontleader.com/news-releases/an-initiative-to-create-learning-opportunities-beyond-school-ready-for-2021-ballot-4254176
		{"Initiative 25 (2021)", "203335", "10167", "7254", "124632", 145_076, 116.40, "sufficient", "145,076.4326 → 145,076"},
		// 2012-08-27, Initiative 82:
		// https://www.coloradosos.gov/pubs/newsRoom/pressReleases/2012/PR20120827Verification.html
		{"Initiative 82 (2012-08-27)", "182090", "9105", "4547", "86105", 90_935, 105.61, "full_count", "90,935.0060 → 90,935"},
		// 2012-01-19, Initiative 30:
		// https://coloradosos.gov/pubs/newsRoom/pressReleases/2012/PR20120119Initiative30.html
		{"Initiative 30 (2012-01-19)", "163598", "8180", "4436", "86105", 88_719, 103.04, "full_count", "88,718.9154 → 88,719"},
	} {
		args := []string{"sample", "project", "--rules", "co-statewide-initiative", "--raw", tc.raw, "--sample", tc.sample, "--valid", tc.valid, "--required", tc.required}
		e.json(&v, args...)
		if v.Projected != tc.projected || v.Percent != tc.percent || v.Decision != tc.decision || v.Method != "co-sos-statement" || v.Rounding != "nearest" {
			t.Errorf("%s: %+v", tc.name, v)
		}
		out := e.ok(args...)
		if !strings.Contains(out, tc.text) || !strings.Contains(out, fmt.Sprintf("projected valid      %s = %.2f%%", commas(tc.projected), tc.percent)) {
			t.Errorf("%s, text:\n%s", tc.name, out)
		}
	}
	// A sample size from the pack: 5% of 230,748 = 11,537.4 → 11,538 (Initiative 108, 2022-08-19).
	var s struct {
		Size int `json:"sample_size"`
	}
	e.json(&s, "sample", "size", "--rules", "co-statewide-initiative", "--raw", "230748")
	if s.Size != 11_538 {
		t.Errorf("CO sample size: %d", s.Size)
	}
}
