package main

import (
	"context"
	"fmt"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/registrar"
)

func (m *Main) reviewNext(ctx context.Context, args []string) error {
	fs := m.flags("review next", "--petition P", `Show the next line the linker sent to review (its score fell between the two thresholds) that no
person has decided yet, with the candidates and their evidence; decide it with "review decide".
This shows voter data: it is for the Registrar's staff.`)
	c := m.commonFlags(fs, true)
	id := fs.String("petition", "", "petition id")
	s, err := m.openFor(ctx, fs, args, c, "petition")
	if err != nil {
		return err
	}
	defer s.Store.Close()
	item, ok, err := s.NextReview(ctx, *id)
	if err != nil {
		return err
	}
	if !ok {
		if c.isJSON() {
			return m.printJSON(map[string]any{"petition": *id, "left": 0, "line": nil})
		}
		fmt.Fprintf(m.Stdout, "the review queue of petition %s is empty\n", *id)
		return nil
	}
	line, v := item.Line.ID(), item.Verdict
	if c.isJSON() {
		return m.printJSON(map[string]any{"petition": *id, "left": item.Left, "line": line, "best_guess": v.VoterID, "score": v.Score, "candidates": v.Candidates})
	}
	fmt.Fprintf(m.Stdout, "%d line(s) await review. Next:\n", item.Left)
	m.printLine(*id, registrar.LineEvidence{Line: item.Line, Verdict: &v})
	fmt.Fprintf(m.Stdout, "decide: signet review decide --petition %s --line %s (--voter VOTER_ID | --no-match) --by NAME\n", *id, line)
	return nil
}

func (m *Main) reviewDecide(ctx context.Context, args []string) error {
	fs := m.flags("review decide", "--petition P --line L (--voter V | --no-match) --by NAME",
		`Record a person's decision on a line in review: which voter the signer is (--voter), or that the
signer is none of them (--no-match). The next "signet verify --petition P" decides the line again
with it; the decision and who made it are logged.`)
	c := m.commonFlags(fs, true)
	id := fs.String("petition", "", "petition id")
	line := fs.String("line", "", "line id")
	voter := fs.String("voter", "", "the voter id the signer is")
	none := fs.Bool("no-match", false, "the signer is none of the voters on the roll")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	for _, f := range [][2]string{{"petition", *id}, {"line", *line}} {
		if err := need(f[0], f[1]); err != nil {
			return err
		}
	}
	if (*voter == "") == !*none {
		return usageErr("give exactly one of --voter V and --no-match")
	}
	s, err := m.open(ctx, c)
	if err != nil {
		return err
	}
	defer s.Store.Close()
	if err := s.DecideLink(ctx, *id, signet.LinkReview{LineID: *line, VoterID: *voter, By: *c.actor}); err != nil {
		return err
	}
	if c.isJSON() {
		return m.printJSON(map[string]any{"petition": *id, "line": *line, "voter": *voter, "by": *c.actor})
	}
	fmt.Fprintf(m.Stdout, "recorded: line %s is %s (by %s); run signet verify --petition %s to apply it\n", *line, orDash(*voter), *c.actor, *id)
	return nil
}
