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
		Step{Name: "sample ratio", Text: fmt.Sprintf("r = n / N = %.6f", w.Ratio), Cite: cite}.withForm("r = n / N = %s", PlainDec(w.Ratio, 6)),
		Step{Name: "allowance", Text: fmt.Sprintf("1.5 × √I = %.4f", w.Allowance), Cite: cite}.withForm("1.5 × √I = %s", PlainDec(w.Allowance, 4)),
		Step{Name: "invalid estimate", Text: fmt.Sprintf("U = (I + allowance) / r = %.4f", w.U), Cite: cite}.withForm("U = (I + allowance) / r = %s", PlainDec(w.U, 4)),
		Step{Name: "room for duplicates", Text: fmt.Sprintf("P = N − (R + U) = %.4f", w.P), Cite: cite}.withForm("P = N − (R + U) = %s", PlainDec(w.P, 4)),
	}
	if w.P <= 0 {
		return append(out, Step{Name: "decision", Text: "P ≤ 0: every signature is canvassed", Cite: cite}.withForm("P ≤ 0: every signature is canvassed"))
	}
	out = append(out,
		Step{Name: "expected pairs", Text: fmt.Sprintf("E = r² × P = %.4f", w.E), Cite: cite}.withForm("E = r² × P = %s", PlainDec(w.E, 4)),
		Step{Name: "acceptable pairs", Text: fmt.Sprintf("E − 1.65 × √E = %.4f", w.Acceptable), Cite: cite}.withForm("E − 1.65 × √E = %s", PlainDec(w.Acceptable, 4)))
	verdict := Step{Name: "decision", Text: fmt.Sprintf("d = %d ≤ %.4f: accepted", w.Pairs, w.Acceptable), Cite: cite}.
		withForm("d = %s ≤ %s: accepted", Arg{N: int64(w.Pairs), Plain: true}, PlainDec(w.Acceptable, 4))
	if w.FullCanvass {
		verdict = Step{Name: "decision", Text: fmt.Sprintf("d = %d > %.4f: every signature is canvassed", w.Pairs, w.Acceptable), Cite: cite}.
			withForm("d = %s > %s: every signature is canvassed", Arg{N: int64(w.Pairs), Plain: true}, PlainDec(w.Acceptable, 4))
	}
	return append(out, verdict)
}
