package law

import (
	"sort"

	"github.com/signet-vote/signet"
)

// StateCounty is one county in the statewide view of a state-officer recall.
type StateCounty struct {
	County    string `json:"county"`
	LastVote  int    `json:"last_vote"`
	Required  int    `json:"required"`
	Raw       int    `json:"raw"`
	Valid     int    `json:"valid"`
	Met       bool   `json:"met"`
	PeriodEnd string `json:"period_end"`
}

// StateStatus is the Secretary of State's running total of a state-officer recall; its
// JSON keys are a contract ("signet state status --json").
type StateStatus struct {
	Petition           string        `json:"petition"`
	Required           int           `json:"required"`
	LastVote           int           `json:"last_vote"`
	Raw                int           `json:"raw"`
	Valid              int           `json:"valid"`
	CountiesNeeded     int           `json:"counties_needed"`
	CountyPercent      int           `json:"county_percent"`
	CountiesMet        int           `json:"counties_met"`
	ThresholdMet       bool          `json:"threshold_met"`
	ThresholdMetOn     any           `json:"threshold_met_on"`
	WithdrawalDeadline any           `json:"withdrawal_deadline"`
	Counties           []StateCounty `json:"counties"`
	Citations          []string      `json:"citations"`
}

// Statewide computes the running total of a state-officer recall from the counties'
// reports, ordered by period end: each county's latest report counts (Elections Code
// §11104), and the threshold is met on the first period end at which the total reaches the
// requirement (Cal. Const. art. II §14(b)) and enough counties reach their own share of
// their last vote; signers may then withdraw within the window of §11108(b).
func (r Rules) Statewide(p signet.Petition, votes map[string]int, reports []signet.StateReport) StateStatus {
	st := StateStatus{Petition: p.ID, Required: p.Required, LastVote: p.Registered, Counties: []StateCounty{}}
	cr := r.Requirement.Counties
	st.CountiesNeeded, st.CountyPercent = cr.Count, cr.Percent
	st.Citations = []string{r.Requirement.Cite, cr.Cite, "Elections Code §11104 (county reports to the Secretary of State)"}
	latest := map[string]signet.StateReport{}
	evaluate := func() (valid, raw, met int) {
		for c, rep := range latest {
			valid += rep.Valid
			raw += rep.Raw
			if rep.Valid >= r.CountyRequired(votes[c]) && votes[c] > 0 {
				met++
			}
		}
		return
	}
	for i, rep := range reports {
		latest[rep.County] = rep
		if st.ThresholdMetOn != nil || (i+1 < len(reports) && reports[i+1].PeriodEnd.Equal(rep.PeriodEnd)) {
			continue
		}
		if valid, _, met := evaluate(); valid >= p.Required && met >= cr.Count {
			st.ThresholdMetOn = signet.FormatDate(rep.PeriodEnd)
			if d := r.WithdrawalDeadline(rep.PeriodEnd); !d.IsZero() {
				st.WithdrawalDeadline = signet.FormatDate(d)
				st.Citations = append(st.Citations, r.WithdrawalCite)
			}
		}
	}
	st.Valid, st.Raw, st.CountiesMet = evaluate()
	st.ThresholdMet = st.ThresholdMetOn != nil
	counties := make([]string, 0, len(votes))
	for c := range votes {
		counties = append(counties, c)
	}
	sort.Strings(counties)
	for _, c := range counties {
		sc := StateCounty{County: c, LastVote: votes[c], Required: r.CountyRequired(votes[c])}
		if rep, ok := latest[c]; ok {
			sc.Raw, sc.Valid, sc.PeriodEnd = rep.Raw, rep.Valid, signet.FormatDate(rep.PeriodEnd)
		}
		sc.Met = sc.Valid >= sc.Required && sc.LastVote > 0
		st.Counties = append(st.Counties, sc)
	}
	return st
}
