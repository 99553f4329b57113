package main

import (
	"context"
	"fmt"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/law"
)

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
		raw = fs.Int("raw", 0, "lines received by the county to date")
		valid = fs.Int("valid", 0, "valid signatures found by the county to date")
	}
	s, err := m.openFor(ctx, fs, args, c, "petition")
	if err != nil {
		return err
	}
	defer s.Store.Close()
	var st law.StateStatus
	if name == "report" {
		if err := need("county", *county); err != nil {
			return err
		}
		d, err := parseDateFlag("period-end", *end)
		if err != nil {
			return err
		}
		if !given(fs, "raw") || !given(fs, "valid") {
			return usageErr("--raw and --valid are required: the county's lines and valid signatures to date")
		}
		rep := signet.StateReport{County: *county, PeriodEnd: d, Raw: *raw, Valid: *valid}
		st, err = s.AddStateReport(ctx, *id, rep, *c.actor)
		if err != nil {
			return err
		}
	} else if st, err = s.StateStatus(ctx, *id); err != nil {
		return err
	}
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
