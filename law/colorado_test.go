package law

import (
	"strings"
	"testing"

	"github.com/signet-vote/signet"
)

// The Colorado pack against the statutes and the Secretary of State's published figures
// (the projections themselves are in sample/colorado_test.go).
func TestColoradoStatewideInitiative(t *testing.T) {
	co := mustRules(t, "co-statewide-initiative")

	// The requirement, as the Secretary of State's Initiative Procedures & Guidelines compute
	// it ("Filing the petition for verification of signatures",
	// http://www.sos.state.co.us/pubs/elections/Initiatives/guide/6-Filing.html):
	// 1,722,096 votes for Secretary of State in 2010 × 5% = 86,104.8 → 86,105 (2011–2012);
	// 2,484,758 in 2022 × 5% = 124,237.9 → 124,238 (2023–2024).
	for _, tc := range []struct{ votes, want int }{{1_722_096, 86_105}, {2_484_758, 124_238}} {
		if got, pct := co.Required(tc.votes); got != tc.want || pct != 5 {
			t.Errorf("Required(%d) = %d (%v%%), want %d", tc.votes, got, pct, tc.want)
		}
	}

	// One period of 30 calendar days from the filing for the sample and the line-by-line
	// review: Initiative 30, filed 2012-01-04; the statement of 2012-01-19
	// (https://coloradosos.gov/pubs/newsRoom/pressReleases/2012/PR20120119Initiative30.html)
	// gave the office until 2012-02-03 to complete the review.
	filed := day("2012-01-04")
	if s, f := signet.FormatDate(co.SampleDeadline(Dates{Filed: filed}, 163_598)), signet.FormatDate(co.FullCountDeadline(Dates{Filed: filed}, 163_598)); s != "2012-02-03" || f != "2012-02-03" {
		t.Errorf("Initiative 30: sample by %s, full count by %s, want 2012-02-03 for both", s, f)
	}
	if !co.Verification.OnePeriod || co.Verification.WorkingDays {
		t.Errorf("verification: %+v", co.Verification)
	}

	// The bands of C.R.S. 1-40-117(2): "ninety percent of the required total or less" is
	// insufficient, "one hundred ten percent of the required total or more" sufficient.
	for _, tc := range []struct {
		projected int
		want      Decision
	}{{77_494, Insufficient}, {77_495, FullCount}, {94_715, FullCount}, {94_716, Sufficient}} {
		// required 86,105: 90% = 77,494.5, 110% = 94,715.5
		if got := co.Decide(tc.projected, 86_105); got != tc.want {
			t.Errorf("Decide(%d, 86,105) = %s, want %s", tc.projected, got, tc.want)
		}
	}

	// Fewer lines than required: a statement of insufficiency, no line reviewed (8 CCR
	// 1505-1 Rule 15.1.2(e)).
	if !co.EndsOnRawCount(124_237, 124_238) || co.EndsOnRawCount(124_238, 124_238) || !strings.Contains(co.RawCite, "Rule 15.1.2(e)") {
		t.Errorf("raw count rule: %v %q", co.RawBelowRequiredFails, co.RawCite)
	}

	// The citations name the subsections that set each rule.
	for name, tc := range map[string]struct{ cite, want string }{
		"requirement":  {co.Requirement.Cite, "art. V §1(2)"},
		"circulation":  {co.Circulation.Cite, "1-40-108(1)"},
		"verification": {co.Verification.Cite, "1-40-116(2)"},
		"sampling":     {co.Sampling.Cite, "1-40-116(4)(a)"},
		"projection":   {co.Projection.Cite, "1-40-116(4)"},
		"bands":        {co.Bands.Cite, "1-40-117(2)"},
		"cutoff":       {co.CutoffCite, "1-40-116(3)"},
	} {
		if !strings.Contains(tc.cite, tc.want) {
			t.Errorf("%s cites %q, want %s", name, tc.cite, tc.want)
		}
	}
	if co.Projection.Method != MethodColorado {
		t.Errorf("projection method %q", co.Projection.Method)
	}
}
