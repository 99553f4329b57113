package main

import (
	"context"
	"fmt"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/law"
	"github.com/signet-vote/signet/sqlite"
)

// createStateRecall creates a state-officer recall petition: the requirement is a share of
// the last vote for the office (Cal. Const. art. II §14(b)), with the county condition.
func (m *Main) createStateRecall(ctx context.Context, s *sqlite.Store, spec petitionSpec, r law.Rules, kind signet.PetitionKind, actor string) (signet.Petition, error) {
	if kind != signet.KindStateRecall {
		return signet.Petition{}, usageErr("--last-vote is for --kind state-recall")
	}
	if r.Requirement.Counties == nil {
		return signet.Petition{}, usageErr("--last-vote: rule pack %s is not a state-officer recall", r.ID())
	}
	p := signet.Petition{ID: spec.ID, Kind: kind, JurisdictionID: spec.Jurisdiction, Rules: r.ID(), Registered: spec.LastVote,
		Approved: spec.Approved, Deadline: r.FilingDeadline(spec.Approved, spec.LastVote), Cutoff: r.Cutoff, Duplicates: r.Duplicates,
		Settings: spec.Settings, CountyVotes: map[string]int{}}
	p.Required, _ = r.Required(spec.LastVote)
	if spec.CountyVotesFile == "" {
		return p, usageErr("--county-votes FILE is required with --last-vote: the five-county condition needs each county's last vote")
	}
	votes, err := readCountyVotes(spec.CountyVotesFile)
	if err != nil {
		return p, err
	}
	for _, v := range votes {
		p.CountyVotes[v.County] = v.LastVote
	}
	return p, s.CreatePetition(ctx, p, actor)
}

// stateCounty is one county in the statewide view.
type stateCounty struct {
	County    string `json:"county"`
	LastVote  int    `json:"last_vote"`
	Required  int    `json:"required"`
	Raw       int    `json:"raw"`
	Valid     int    `json:"valid"`
	Met       bool   `json:"met"`
	PeriodEnd string `json:"period_end"`
}

// stateStatus is the Secretary of State's running total; its JSON keys are a contract.
type stateStatus struct {
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
	Counties           []stateCounty `json:"counties"`
	Citations          []string      `json:"citations"`
}

// statewide computes the running total: each county's latest report counts, and the
// threshold is met on the first period end at which the total and the county condition hold.
func statewide(p signet.Petition, r law.Rules, votes map[string]int, reports []sqlite.StateReport) stateStatus {
	st := stateStatus{Petition: p.ID, Required: p.Required, LastVote: p.Registered, Counties: []stateCounty{}}
	cr := r.Requirement.Counties
	st.CountiesNeeded, st.CountyPercent = cr.Count, cr.Percent
	st.Citations = []string{r.Requirement.Cite, cr.Cite, "Elections Code §11104 (county reports to the Secretary of State)"}
	latest := map[string]sqlite.StateReport{}
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
	for _, c := range sortedKeys(votes) {
		sc := stateCounty{County: c, LastVote: votes[c], Required: r.CountyRequired(votes[c])}
		if rep, ok := latest[c]; ok {
			sc.Raw, sc.Valid, sc.PeriodEnd = rep.Raw, rep.Valid, signet.FormatDate(rep.PeriodEnd)
		}
		sc.Met = sc.Valid >= sc.Required && sc.LastVote > 0
		st.Counties = append(st.Counties, sc)
	}
	return st
}

func (m *Main) runState(ctx context.Context, args []string) error {
	name, args, err := sub(args, "report", "status")
	if err != nil {
		return err
	}
	if name == "report" {
		if _, rest, err := sub(args, "add"); err != nil {
			return err
		} else {
			args = rest
		}
	}
	fs := m.flags("state "+map[string]string{"report": "report add", "status": "status"}[name],
		map[string]string{"report": "--petition P --county C --period-end DATE --raw N --valid N", "status": "--petition P"}[name],
		`A state-officer recall is verified by the counties, which report to the Secretary of State
(Elections Code §11104): "state report add" records a county's totals to the end of a period
(the latest report of each county counts); "state status" keeps the running total against
the requirement (12% of the last vote for the office, Cal. Const. art. II §14(b)) and the
condition that at least five counties reach 1% of their own last vote, and, once both hold,
the 30-working-day window in which signers may withdraw (Elections Code §11108(b)).`)
	c := m.commonFlags(fs, true)
	id := fs.String("petition", "", "petition id")
	var county, end *string
	var raw, valid *int
	if name == "report" {
		county = fs.String("county", "", "the reporting county (as in --county-votes)")
		end = fs.String("period-end", "", "last day of the period reported")
		raw = fs.Int("raw", -1, "lines received by the county to date")
		valid = fs.Int("valid", -1, "valid signatures found by the county to date")
	}
	s, err := m.openFor(ctx, fs, args, c, "petition")
	if err != nil {
		return err
	}
	defer s.Close()
	p, err := s.Petition(ctx, *id)
	if err != nil {
		return err
	}
	r, err := petitionRules(p)
	if err != nil {
		return err
	}
	if p.Kind != signet.KindStateRecall || r.Requirement.Counties == nil {
		return signet.Errorf(signet.EConflict, "petition %q is not a state-officer recall", *id)
	}
	votes, err := s.CountyVotes(ctx, *id)
	if err != nil {
		return err
	}
	if name == "report" {
		if err := need("county", *county); err != nil {
			return err
		}
		if _, ok := votes[*county]; !ok {
			return signet.Errorf(signet.ENotFound, "petition %q has no county %q (counties come from --county-votes)", *id, *county)
		}
		d, err := parseDateFlag("period-end", *end)
		if err != nil {
			return err
		}
		if *raw < 0 || *valid < 0 || *valid > *raw {
			return usageErr("--raw and --valid are counts, with valid at most raw")
		}
		if err := s.AddStateReport(ctx, *id, sqlite.StateReport{County: *county, PeriodEnd: d, Raw: *raw, Valid: *valid}, *c.actor); err != nil {
			return err
		}
	}
	reports, err := s.StateReports(ctx, *id)
	if err != nil {
		return err
	}
	st := statewide(p, r, votes, reports)
	if c.isJSON() {
		return m.printJSON(st)
	}
	fmt.Fprintf(m.Stdout, "%s: %s valid of %s required (%s raw); %d of %d counties at %d%% of their last vote\n",
		st.Petition, commas(st.Valid), commas(st.Required), commas(st.Raw), st.CountiesMet, st.CountiesNeeded, st.CountyPercent)
	if st.ThresholdMet {
		fmt.Fprintf(m.Stdout, "threshold met on %v; signers may withdraw until %v\n", st.ThresholdMetOn, st.WithdrawalDeadline)
	} else {
		fmt.Fprintf(m.Stdout, "threshold not met yet: %s more valid signatures", commas(max(0, st.Required-st.Valid)))
		if st.CountiesMet < st.CountiesNeeded {
			fmt.Fprintf(m.Stdout, ", %d more counties", st.CountiesNeeded-st.CountiesMet)
		}
		fmt.Fprintln(m.Stdout)
	}
	return nil
}
