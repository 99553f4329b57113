package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/match"
	"github.com/signet-vote/signet/registrar"
)

func (m *Main) runLine(ctx context.Context, args []string) error {
	name, args, err := sub(args, "show", "explain")
	if err != nil {
		return err
	}
	fs := m.flags("line "+name, "--petition P --line L",
		`Show one petition line, its verdict (reason, voter, score, who decided and when) and the
candidates the linker considered, best first, with each field's agreement level and weight,
and for each candidate the linker did not link the rule that turned it down or sent the line
to review, named and explained ("explain" and "show" print the same). This shows voter data:
it is for the Registrar's staff.`)
	c := m.commonFlags(fs, true)
	id := fs.String("petition", "", "petition id")
	lineID := fs.String("line", "", "line id: <section>-<line number>")
	s, err := m.openFor(ctx, fs, args, c, "petition", "line")
	if err != nil {
		return err
	}
	defer s.Store.Close()
	return m.showLine(ctx, s, *id, *lineID, c.isJSON())
}

// showLine prints a line, its verdict and the linker's candidates.
func (m *Main) showLine(ctx context.Context, s *registrar.Service, petition, lineID string, asJSON bool) error {
	e, err := s.Line(ctx, petition, lineID)
	if err != nil {
		return err
	}
	if asJSON {
		l := e.Line
		out := map[string]any{"petition": petition, "line": lineID, "seq": l.Seq, "section": l.SectionID, "circulator": l.Circulator,
			"printed_name": l.PrintedName, "address": l.Address.String(), "date_signed": signet.FormatDate(l.DateSigned),
			"signature_present": l.SignaturePresent, "withdrawal_requested": l.WithdrawalRequested, "verdict": nil}
		if v := e.Verdict; v != nil {
			out["verdict"] = map[string]any{"code": v.Code(), "valid": v.Valid, "reason": v.Reason, "sub_reason": v.SubReason,
				"before_duplicate_rule": string(v.BaseReason), "notes": v.Notes, "voter_id": v.VoterID, "roll_snapshot": v.RollImport,
				"score": v.Score, "decided_by": v.DecidedBy, "decided_at": v.DecidedAt.Format(signet.EventTimeLayout), "candidates": explainCandidates(v.Candidates)}
		}
		return m.printJSON(out)
	}
	m.printLine(petition, e)
	return nil
}

// printLine prints a line as filed, its verdict and the candidates, field by field.
func (m *Main) printLine(petition string, e registrar.LineEvidence) {
	w, l := m.Stdout, e.Line
	fmt.Fprintf(w, "line %s of petition %s (filing order %d, section %s, circulator %q)\n", l.ID(), petition, l.Seq, l.SectionID, l.Circulator)
	fmt.Fprintf(w, "  printed name  %s\n  address       %s\n  signed        %s · signature %s · withdrawal %s\n",
		l.PrintedName, l.Address, signet.FormatDate(l.DateSigned), yesNo(l.SignaturePresent, "present", "missing"), yesNo(l.WithdrawalRequested, "requested", "none"))
	v := e.Verdict
	if v == nil {
		fmt.Fprintf(w, "  verdict       none yet\n")
		return
	}
	fmt.Fprintf(w, "  verdict       %s (linker decision: %s)", v.Code(), orDash(string(v.Decision)))
	if len(v.Notes) > 0 {
		fmt.Fprintf(w, " (notes: %s)", strings.Join(v.Notes, ", "))
	}
	fmt.Fprintf(w, "\n  voter         %s (roll snapshot %d), score %.2f\n  decided by    %s at %s\n", orDash(v.VoterID), v.RollImport, v.Score, v.DecidedBy, v.DecidedAt.Format("2006-01-02 15:04:05 UTC"))
	for i, cd := range v.Candidates {
		fmt.Fprintf(w, "  candidate %d   voter %s score %.2f address %s\n", i+1, cd.VoterID, cd.Score, cd.Address)
		if cd.Rule != "" {
			fmt.Fprintf(w, "      rule         %s", cd.Rule)
			if t := match.RuleText(cd.Rule); t != "" {
				fmt.Fprintf(w, ": %s", t)
			}
			fmt.Fprintln(w)
		}
		for _, f := range cd.Fields {
			fmt.Fprintf(w, "      %-12s %-10s %+.2f\n", f.Field, f.Level, f.Weight)
		}
	}
}

// explainedCandidate is a candidate as line show --json prints it: its fields, and the
// explanation of its rule.
type explainedCandidate struct {
	signet.Candidate
	RuleText string `json:",omitempty"`
}

func explainCandidates(cs []signet.Candidate) []explainedCandidate {
	if cs == nil {
		return nil // null, as before rules were explained
	}
	out := make([]explainedCandidate, len(cs))
	for i, c := range cs {
		out[i] = explainedCandidate{Candidate: c, RuleText: match.RuleText(c.Rule)}
	}
	return out
}

func yesNo(b bool, yes, no string) string {
	if b {
		return yes
	}
	return no
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}
