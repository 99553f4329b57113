package main

import (
	"context"
	"fmt"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/match"
	"github.com/signet-vote/signet/sqlite"
)

// reviewedLinker applies people's link decisions over a linker: a line a person decided links
// to the voter they chose (or to nobody), with the linker's evidence kept as candidates.
type reviewedLinker struct {
	signet.Linker
	reviews map[string]sqlite.LinkReview
	voters  map[string]*signet.Voter
}

// withLinkReviews wraps linker when the petition has link decisions.
func withLinkReviews(ctx context.Context, s *sqlite.Store, petition string, linker signet.Linker, roll match.Roll) (signet.Linker, error) {
	reviews, err := s.LinkReviews(ctx, petition)
	if err != nil || len(reviews) == 0 {
		return linker, err
	}
	want := map[string]bool{}
	for _, r := range reviews {
		if r.VoterID != "" {
			want[r.VoterID] = true
		}
	}
	voters := map[string]*signet.Voter{}
	for i := 0; i < roll.Len(); i++ {
		if id := roll.ID(i); want[id] {
			v := new(signet.Voter)
			roll.Read(i, v)
			voters[id] = v
		}
	}
	return &reviewedLinker{Linker: linker, reviews: reviews, voters: voters}, nil
}

// Link implements signet.Linker.
func (r *reviewedLinker) Link(l *signet.Line) signet.Link {
	link := r.Linker.Link(l)
	rev, ok := r.reviews[l.ID()]
	if !ok {
		return link
	}
	v := r.voters[rev.VoterID]
	if v == nil { // decided: none of the voters (or a voter no longer on the current roll)
		return signet.Link{Decision: signet.DecideNone, Candidates: link.Candidates}
	}
	if link.Voter != nil && link.Voter.ID == v.ID {
		link.Decision = signet.DecideLink
		return link
	}
	out := signet.Link{Voter: v, Address: signet.AddressNone, Decision: signet.DecideLink, Candidates: link.Candidates}
	for _, c := range link.Candidates {
		if c.VoterID == v.ID {
			out.Score, out.Address = c.Score, c.Address
		}
	}
	return out
}

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
	defer s.Close()
	line, left, ok, err := s.NextReview(ctx, *id)
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
	if c.isJSON() {
		v, err := s.Verdict(ctx, *id, line)
		if err != nil {
			return err
		}
		return m.printJSON(map[string]any{"petition": *id, "left": left, "line": line, "best_guess": v.VoterID, "score": v.Score, "candidates": v.Candidates})
	}
	fmt.Fprintf(m.Stdout, "%d line(s) await review. Next:\n", left)
	if err := m.showLine(ctx, s, *id, line, false); err != nil {
		return err
	}
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
	defer s.Close()
	if err := s.RecordLinkReview(ctx, *id, sqlite.LinkReview{LineID: *line, VoterID: *voter, By: *c.actor}); err != nil {
		return err
	}
	if c.isJSON() {
		return m.printJSON(map[string]any{"petition": *id, "line": *line, "voter": *voter, "by": *c.actor})
	}
	fmt.Fprintf(m.Stdout, "recorded: line %s is %s (by %s); run signet verify --petition %s to apply it\n", *line, orDash(*voter), *c.actor, *id)
	return nil
}
