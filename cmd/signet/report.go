package main

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/law"
	"github.com/signet-vote/signet/present"
	"github.com/signet-vote/signet/registrar"
)

func (m *Main) runReport(ctx context.Context, args []string) error {
	fs := m.flags("report", "--petition P [--json]",
		`Print the Registrar-style result of a petition: raw count, valid, invalid by reason, and
whether the petition is sufficient. JSON keys: raw, valid, invalid, required, status
(sufficient, insufficient, not_filed, pending_verification), by_reason (not_registered,
duplicate, different_address, signature_mismatch, cancelled, out_of_county, other),
other_sub_reasons, and more. Each report is recorded in the audit log.`)
	c := m.commonFlags(fs, true)
	id := fs.String("petition", "", "petition id")
	s, err := m.openFor(ctx, fs, args, c, "petition")
	if err != nil {
		return err
	}
	defer s.Store.Close()
	r, err := s.Report(ctx, *id, *c.actor)
	if err != nil {
		return err
	}
	if c.isJSON() {
		return m.printJSON(r)
	}
	m.printReport(r)
	return nil
}

func pct(n, of int) string {
	if of == 0 {
		return "     –"
	}
	return fmt.Sprintf("%6.2f%%", float64(n)*100/float64(of))
}

func (m *Main) printReport(r registrar.Report) {
	w := m.Stdout
	fmt.Fprintf(w, "Petition %s — %s (%s)\n", r.Petition, r.Jurisdiction, r.Rules)
	fmt.Fprintf(w, "%s\n", strings.Repeat("─", 66))
	fmt.Fprintf(w, "%-44s %12s\n", "Registered voters (report)", commas(r.Registered))
	fmt.Fprintf(w, "%-44s %12s\n", "Valid signatures required", commas(r.Required))
	fmt.Fprintf(w, "%-44s %12s\n", "Raw count (lines filed)", commas(r.Raw))
	if r.Unverified > 0 {
		fmt.Fprintf(w, "%-44s %12s\n", "Not yet verified", commas(r.Unverified))
	}
	fmt.Fprintf(w, "%-44s %12s %s\n", "Valid", commas(r.Valid), pct(r.Valid, r.Verified))
	fmt.Fprintf(w, "%-44s %12s %s\n", "Invalid", commas(r.Invalid), pct(r.Invalid, r.Verified))
	for _, reason := range signet.Reasons {
		n := r.ByReason[string(reason)]
		fmt.Fprintf(w, "  %-42s %12s %s\n", present.ReasonLabel(reason), commas(n), pct(n, r.Verified))
		if reason == signet.Other {
			for _, k := range slices.Sorted(maps.Keys(r.OtherReasons)) {
				fmt.Fprintf(w, "    %-40s %12s\n", k, commas(r.OtherReasons[k]))
			}
		}
	}
	fmt.Fprintf(w, "%s\n", strings.Repeat("─", 66))
	if r.AwaitingReview > 0 {
		fmt.Fprintf(w, "%s verdicts rest on the linker's best candidate and await a person's review (signet review next)\n", commas(r.AwaitingReview))
	}
	switch {
	case r.Basis == law.BasisSample:
		fmt.Fprintf(w, "Status: %s — by the random sample: projected %v valid (%v%% of required), decision %s\n",
			strings.ToUpper(string(r.Status)), r.Projection["projected_valid"], r.Projection["projected_percent"], r.Projection["decision"])
	case r.Status == law.StatusSufficient:
		fmt.Fprintf(w, "Status: SUFFICIENT — %s valid, %s more than required\n", commas(r.Valid), commas(r.Surplus))
	case r.Status == law.StatusInsufficient && r.Raw < r.Required:
		fmt.Fprintf(w, "Status: INSUFFICIENT — the raw count is below the requirement\n")
	case r.Status == law.StatusInsufficient:
		fmt.Fprintf(w, "Status: INSUFFICIENT — %s short of the requirement\n", commas(r.Shortfall))
	case r.Status == law.StatusNotFiled:
		fmt.Fprintf(w, "Status: not filed yet\n")
	default:
		fmt.Fprintf(w, "Status: verification in progress (%s lines left)\n", commas(r.Unverified))
	}
}
