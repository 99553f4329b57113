package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/registrar"
)

// The clerks' desk: review claim|release|settle|assign|throughput (docs/review.md).

// clerkFlags are the flags of a command a clerk runs on a leased line: who the clerk is
// (--clerk, else --by) and how long a lease holds.
func clerkFlags(fs *flag.FlagSet) (clerk *string, ttl *time.Duration) {
	clerk = fs.String("clerk", "", "the clerk's name (default: --by)")
	ttl = fs.Duration("ttl", registrar.DefaultLeaseTTL, "how long a claimed line stays the clerk's")
	return clerk, ttl
}

func clerkName(clerk *string, c common) string {
	if strings.TrimSpace(*clerk) != "" {
		return *clerk
	}
	return *c.actor
}

func (m *Main) reviewClaim(ctx context.Context, args []string) error {
	fs := m.flags("review claim", "--petition P [--clerk C] [--ttl 15m]", `Claim the next line of the review queue that no other clerk holds: it is leased to the clerk for
--ttl (then it is free again), and shown with its candidates and their evidence. A clerk who
holds a line gets it again; a clerk with sections assigned ("review assign") gets lines of
those sections only. Decide it with "review settle", or give it back with "review release".
This shows voter data: it is for the Registrar's staff.`)
	c := m.commonFlags(fs, true)
	id := fs.String("petition", "", "petition id")
	clerk, ttl := clerkFlags(fs)
	s, err := m.openFor(ctx, fs, args, c, "petition")
	if err != nil {
		return err
	}
	defer s.Store.Close()
	who := clerkName(clerk, c)
	item, ok, err := s.ClaimReview(ctx, *id, who, *ttl)
	if err != nil {
		return err
	}
	if !ok {
		if c.isJSON() {
			return m.printJSON(map[string]any{"petition": *id, "clerk": who, "line": nil})
		}
		fmt.Fprintf(m.Stdout, "no line of petition %s's review queue is free for %s\n", *id, who)
		return nil
	}
	line, v := item.Line.ID(), item.Verdict
	until := item.Lease.ClaimedAt.Add(*ttl).UTC()
	if c.isJSON() {
		return m.printJSON(map[string]any{"petition": *id, "clerk": who, "line": line, "left": item.Left, "leased_until": until,
			"best_guess": v.VoterID, "score": v.Score, "candidates": v.Candidates})
	}
	fmt.Fprintf(m.Stdout, "line %s is %s's until %s (%d line(s) await review):\n", line, who, until.Format("15:04:05 UTC"), item.Left)
	m.printLine(*id, registrar.LineEvidence{Line: item.Line, Verdict: &v})
	fmt.Fprintf(m.Stdout, "decide: signet review settle --petition %s --line %s --clerk %q (--voter V | --invalid REASON) [--signature match|mismatch]\n", *id, line, who)
	return nil
}

func (m *Main) reviewRelease(ctx context.Context, args []string) error {
	fs := m.flags("review release", "--petition P --line L [--clerk C]", `Give a claimed line back to the review queue undecided.`)
	c := m.commonFlags(fs, true)
	id := fs.String("petition", "", "petition id")
	line := fs.String("line", "", "line id")
	clerk, _ := clerkFlags(fs)
	s, err := m.openFor(ctx, fs, args, c, "petition", "line")
	if err != nil {
		return err
	}
	defer s.Store.Close()
	who := clerkName(clerk, c)
	if err := s.ReleaseReview(ctx, *id, who, *line); err != nil {
		return err
	}
	if c.isJSON() {
		return m.printJSON(map[string]any{"petition": *id, "line": *line, "clerk": who, "released": true})
	}
	fmt.Fprintf(m.Stdout, "line %s is back in the review queue\n", *line)
	return nil
}

func (m *Main) reviewSettle(ctx context.Context, args []string) error {
	fs := m.flags("review settle", "--petition P --line L [--clerk C] (--voter V | --invalid REASON [--voter V]) [--signature match|mismatch] [--comment TEXT]",
		`Decide a line the clerk claimed ("review claim"): valid, naming the voter the signer is among the
candidates (--voter), or invalid with a reason code (--invalid: not_registered, duplicate,
different_address, signature_mismatch, cancelled, out_of_county, or other:<sub-reason>),
with the signature comparison when one was made (--signature; 2 CCR §20960: presumed valid
until a mismatch is recorded). Only the clerk holding the line's lease may decide it; the
lease is then released. The next "signet verify --petition P" decides the line with it;
every part of the decision is logged.`)
	c := m.commonFlags(fs, true)
	id := fs.String("petition", "", "petition id")
	line := fs.String("line", "", "line id")
	clerk, ttl := clerkFlags(fs)
	voter := fs.String("voter", "", "the voter the signer is, one of the line's candidates")
	invalid := fs.String("invalid", "", "the reason code of an invalid line")
	sig := fs.String("signature", "", "the signature comparison: match or mismatch")
	comment := fs.String("comment", "", "why, in a sentence")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	for _, f := range [][2]string{{"petition", *id}, {"line", *line}} {
		if err := need(f[0], f[1]); err != nil {
			return err
		}
	}
	if *voter == "" && *invalid == "" {
		return usageErr("give --voter V (the line is valid) or --invalid REASON")
	}
	d := registrar.ReviewDecision{Valid: *invalid == "", VoterID: *voter, Comment: *comment}
	if *invalid != "" {
		var err error
		if d.Reason, d.SubReason, err = registrar.ParseReason(*invalid); err != nil {
			return err
		}
	}
	if *sig != "" {
		s, err := signet.ParseSignatureDecision(*sig)
		if err != nil {
			return signet.Errorf(signet.EInvalid, "--signature: %v", err)
		}
		d.Signature = s
	}
	s, err := m.open(ctx, c)
	if err != nil {
		return err
	}
	defer s.Store.Close()
	who := clerkName(clerk, c)
	if err := s.DecideReview(ctx, *id, who, *line, d, *ttl); err != nil {
		return err
	}
	code := signet.CodeOf(d.Valid, d.Reason, d.SubReason)
	if c.isJSON() {
		return m.printJSON(map[string]any{"petition": *id, "line": *line, "clerk": who, "decision": code, "voter": *voter, "signature": string(d.Signature)})
	}
	fmt.Fprintf(m.Stdout, "recorded: line %s is %s (voter %s, by %s); run signet verify --petition %s to apply it\n", *line, code, orDash(*voter), who, *id)
	return nil
}

func (m *Main) reviewAssign(ctx context.Context, args []string) error {
	fs := m.flags("review assign", "--petition P --section S (--clerk C | --nobody)", `Assign a section's review lines to a clerk (a supervisor's command): "review claim" gives that
clerk lines of their sections only, and gives the other clerks none of them. --nobody takes
the section back. The assignment and who made it (--by) are logged.`)
	c := m.commonFlags(fs, true)
	id := fs.String("petition", "", "petition id")
	section := fs.String("section", "", "section id")
	clerk := fs.String("clerk", "", "the clerk given the section")
	nobody := fs.Bool("nobody", false, "take the section back from its clerk")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	for _, f := range [][2]string{{"petition", *id}, {"section", *section}} {
		if err := need(f[0], f[1]); err != nil {
			return err
		}
	}
	if (*clerk == "") == !*nobody {
		return usageErr("give exactly one of --clerk C and --nobody")
	}
	s, err := m.open(ctx, c)
	if err != nil {
		return err
	}
	defer s.Store.Close()
	if err := s.AssignSection(ctx, *id, *section, *clerk, *c.actor); err != nil {
		return err
	}
	if c.isJSON() {
		return m.printJSON(map[string]any{"petition": *id, "section": *section, "clerk": *clerk})
	}
	fmt.Fprintf(m.Stdout, "section %s of petition %s: %s\n", *section, *id, orDash(*clerk))
	return nil
}

func (m *Main) reviewThroughput(ctx context.Context, args []string) error {
	fs := m.flags("review throughput", "[--petition P] [--per hour|day]", `Count the clerks' decisions at the desk ("review settle"), per clerk and per hour or day (UTC),
on one petition or on all.`)
	c := m.commonFlags(fs, true)
	id := fs.String("petition", "", "petition id (default: every petition)")
	per := fs.String("per", "day", "hour or day")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	period := map[string]time.Duration{"hour": time.Hour, "day": 24 * time.Hour}[*per]
	if period == 0 {
		return usageErr("--per is hour or day")
	}
	s, err := m.open(ctx, c)
	if err != nil {
		return err
	}
	defer s.Store.Close()
	tp, err := s.Throughput(ctx, *id, period)
	if err != nil {
		return err
	}
	if c.isJSON() {
		return m.printJSON(tp)
	}
	if len(tp) == 0 {
		fmt.Fprintln(m.Stdout, "no decisions at the desk yet")
		return nil
	}
	layout := map[string]string{"hour": "2006-01-02 15:00", "day": "2006-01-02"}[*per]
	for _, ct := range tp {
		fmt.Fprintf(m.Stdout, "%s: %s decision(s)\n", ct.Clerk, commas(ct.Decisions))
		for _, p := range ct.Periods {
			fmt.Fprintf(m.Stdout, "  %-16s %s\n", p.Start.Format(layout), commas(p.Decisions))
		}
	}
	return nil
}
