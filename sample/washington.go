package sample

import (
	"fmt"
	"math"
)

// Washington is the duplicate test of RCW 29A.72.230 and WAC 434-379-010: with n lines
// sampled of N, r = n/N, I invalid lines and d duplicate pairs in the sample and R required,
//
//	allowance = 1.5 √I;  U = (I + allowance) / r;  P = N − (R + U);  E = r² · P;
//	acceptable = E − 1.65 √E;
//
// every signature is canvassed when d > acceptable or P ≤ 0; otherwise the petition is
// accepted. A petition is never rejected on the sample alone.
type Washington struct {
	Ratio       float64 `json:"r"`
	Allowance   float64 `json:"allowance"`
	U           float64 `json:"u"`
	P           float64 `json:"p"`
	E           float64 `json:"e"`
	Acceptable  float64 `json:"acceptable"`
	Pairs       int     `json:"d"`
	FullCanvass bool    `json:"full_canvass"`
}

// WashingtonTest runs the duplicate test for N lines filed, n sampled, I invalid and d
// duplicate pairs in the sample, R required.
func WashingtonTest(N, n, I, d, R int) Washington {
	w := Washington{Pairs: d}
	w.Ratio = float64(n) / float64(N)
	w.Allowance = 1.5 * math.Sqrt(float64(I))
	w.U = (float64(I) + w.Allowance) / w.Ratio
	w.P = float64(N) - (float64(R) + w.U)
	if w.P <= 0 {
		w.FullCanvass = true
		return w
	}
	w.E = w.Ratio * w.Ratio * w.P
	w.Acceptable = w.E - 1.65*math.Sqrt(w.E)
	w.FullCanvass = float64(d) > w.Acceptable
	return w
}

// Steps prints the test as the rule states it.
func (w Washington) Steps() []Step {
	cite := "RCW 29A.72.230, WAC 434-379-010"
	out := []Step{
		{"sample ratio", fmt.Sprintf("r = n / N = %.6f", w.Ratio), 0, cite},
		{"allowance", fmt.Sprintf("1.5 × √I = %.4f", w.Allowance), 0, cite},
		{"invalid estimate", fmt.Sprintf("U = (I + allowance) / r = %.4f", w.U), 0, cite},
		{"room for duplicates", fmt.Sprintf("P = N − (R + U) = %.4f", w.P), 0, cite},
	}
	if w.P <= 0 {
		return append(out, Step{"decision", "P ≤ 0: every signature is canvassed", 0, cite})
	}
	out = append(out,
		Step{"expected pairs", fmt.Sprintf("E = r² × P = %.4f", w.E), 0, cite},
		Step{"acceptable pairs", fmt.Sprintf("E − 1.65 × √E = %.4f", w.Acceptable), 0, cite})
	verdict := fmt.Sprintf("d = %d ≤ %.4f: accepted", w.Pairs, w.Acceptable)
	if w.FullCanvass {
		verdict = fmt.Sprintf("d = %d > %.4f: every signature is canvassed", w.Pairs, w.Acceptable)
	}
	return append(out, Step{"decision", verdict, 0, cite})
}
