package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/present"
	"github.com/signet-vote/signet/registrar"
)

// challenge add|list|answer, override and invalid: the supervisor's and the proponents'
// commands (docs/review.md).

func (m *Main) runChallenge(ctx context.Context, args []string) error {
	name, args, err := sub(args, "add", "list", "answer")
	if err != nil {
		return err
	}
	switch name {
	case "add":
		return m.challengeAdd(ctx, args)
	case "list":
		return m.challengeList(ctx, args)
	}
	return m.challengeAnswer(ctx, args)
}

func (m *Main) challengeAdd(ctx context.Context, args []string) error {
	fs := m.flags("challenge add", "--petition P --line L --comment TEXT [--by NAME]", `File a challenge of an invalid line's verdict (a proponent's or an observer's), with a comment
saying why (required, at most `+strconv.Itoa(registrar.MaxCommentLength)+` characters). It goes to the supervisor's queue
("challenge list --open"); a line has one open challenge at a time.`)
	c := m.commonFlags(fs, true)
	id := fs.String("petition", "", "petition id")
	line := fs.String("line", "", "line id")
	comment := fs.String("comment", "", "why the verdict is wrong")
	s, err := m.openFor(ctx, fs, args, c, "petition", "line")
	if err != nil {
		return err
	}
	defer s.Store.Close()
	ch, err := s.Challenge(ctx, *id, *line, *c.actor, *comment)
	if err != nil {
		return err
	}
	if c.isJSON() {
		return m.printJSON(present.ChallengeJSON(ch))
	}
	fmt.Fprintf(m.Stdout, "challenge %d of line %s filed; it awaits the supervisor's answer\n", ch.ID, ch.LineID)
	return nil
}

func (m *Main) challengeList(ctx context.Context, args []string) error {
	fs := m.flags("challenge list", "--petition P [--open]", `List a petition's challenges in the order they were filed; --open lists the supervisor's queue
(those not answered yet).`)
	c := m.commonFlags(fs, true)
	id := fs.String("petition", "", "petition id")
	open := fs.Bool("open", false, "only the challenges not answered yet")
	s, err := m.openFor(ctx, fs, args, c, "petition")
	if err != nil {
		return err
	}
	defer s.Store.Close()
	chs, err := s.Challenges(ctx, *id, *open)
	if err != nil {
		return err
	}
	if c.isJSON() {
		out := make([]map[string]any, len(chs))
		for i, ch := range chs {
			out[i] = present.ChallengeJSON(ch)
		}
		return m.printJSON(out)
	}
	if len(chs) == 0 {
		fmt.Fprintf(m.Stdout, "petition %s has no challenges%s\n", *id, map[bool]string{true: " open", false: ""}[*open])
		return nil
	}
	for _, ch := range chs {
		fmt.Fprintf(m.Stdout, "%d  line %s  %s  by %s: %s\n", ch.ID, ch.LineID, ch.Status, ch.By, ch.Comment)
		if ch.Status != signet.ChallengeOpen {
			fmt.Fprintf(m.Stdout, "     answer by %s: %s\n", ch.AnsweredBy, ch.Answer)
		}
	}
	return nil
}

func (m *Main) challengeAnswer(ctx context.Context, args []string) error {
	fs := m.flags("challenge answer", "--petition P --id N (--uphold [--voter V] | --deny) --answer TEXT", `Answer an open challenge (a supervisor's command, --by): upheld, the line's verdict is overridden to
valid (naming the voter the signer is with --voter) and the next "signet verify" decides it so;
denied, the verdict stays. The answer is required: the challenger reads it. Both are logged.`)
	c := m.commonFlags(fs, true)
	id := fs.String("petition", "", "petition id")
	num := fs.Int64("id", 0, "the challenge's number")
	uphold := fs.Bool("uphold", false, "the challenge is right: the line is valid")
	deny := fs.Bool("deny", false, "the verdict stays")
	voter := fs.String("voter", "", "the voter the signer is (with --uphold)")
	answer := fs.String("answer", "", "the answer, for the challenger")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if err := need("petition", *id); err != nil {
		return err
	}
	if !given(fs, "id") {
		return usageErr("--id is required")
	}
	if *uphold == *deny {
		return usageErr("give exactly one of --uphold and --deny")
	}
	s, err := m.open(ctx, c)
	if err != nil {
		return err
	}
	defer s.Store.Close()
	ch, err := s.AnswerChallenge(ctx, *id, *num, *c.actor, registrar.ChallengeAnswer{Upheld: *uphold, VoterID: *voter, Text: *answer})
	if err != nil {
		return err
	}
	if c.isJSON() {
		return m.printJSON(present.ChallengeJSON(ch))
	}
	fmt.Fprintf(m.Stdout, "challenge %d of line %s %s", ch.ID, ch.LineID, ch.Status)
	if ch.Status == signet.ChallengeUpheld {
		fmt.Fprintf(m.Stdout, "; run signet verify --petition %s to apply it", *id)
	}
	fmt.Fprintln(m.Stdout)
	return nil
}

func (m *Main) runOverride(ctx context.Context, args []string) error {
	fs := m.flags("override", "--petition P --line L (--valid [--voter V] | --invalid REASON) --comment TEXT", `Override a line's verdict (a supervisor's command, --by), with the reason stated (--comment,
required): valid (naming the voter the signer is with --voter), or invalid with a reason code
(not_registered, duplicate, different_address, signature_mismatch, cancelled, out_of_county,
other:<sub-reason>). The next "signet verify --petition P" decides the line so, whatever the
linker and the checks say; the override is logged.`)
	c := m.commonFlags(fs, true)
	id := fs.String("petition", "", "petition id")
	line := fs.String("line", "", "line id")
	valid := fs.Bool("valid", false, "the line is valid")
	invalid := fs.String("invalid", "", "the reason code of an invalid line")
	voter := fs.String("voter", "", "the voter the signer is (with --valid)")
	comment := fs.String("comment", "", "the stated reason")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	for _, f := range [][2]string{{"petition", *id}, {"line", *line}} {
		if err := need(f[0], f[1]); err != nil {
			return err
		}
	}
	if *valid == (*invalid != "") {
		return usageErr("give exactly one of --valid and --invalid REASON")
	}
	o := registrar.OverrideSpec{Valid: *valid, VoterID: *voter, Comment: *comment}
	if *invalid != "" {
		var err error
		if o.Reason, o.SubReason, err = registrar.ParseReason(*invalid); err != nil {
			return err
		}
	}
	s, err := m.open(ctx, c)
	if err != nil {
		return err
	}
	defer s.Store.Close()
	if err := s.Override(ctx, *id, *line, *c.actor, o); err != nil {
		return err
	}
	code := signet.CodeOf(o.Valid, o.Reason, o.SubReason)
	if c.isJSON() {
		return m.printJSON(map[string]any{"petition": *id, "line": *line, "verdict": code, "by": *c.actor, "comment": *comment})
	}
	fmt.Fprintf(m.Stdout, "line %s overridden: %s (by %s); run signet verify --petition %s to apply it\n", *line, code, *c.actor, *id)
	return nil
}

func (m *Main) runInvalid(ctx context.Context, args []string) error {
	fs := m.flags("invalid", "--petition P [--page N] [--size N] [--csv]", `List a petition's invalid lines as the proponents may see them: each with its reason, how each
field of the line compared with the best candidate on the roll ("last name: exact"), who
decided and the status of its latest challenge. Nothing of the voter record appears beyond
that: no voter id, birth date, or name or address the line did not write. --csv writes every
invalid line as CSV (columns: `+joinCols()+`).`)
	c := m.commonFlags(fs, true)
	id := fs.String("petition", "", "petition id")
	page := fs.Int("page", 1, "page number, from 1")
	size := fs.Int("size", registrar.DefaultPageSize, "lines per page")
	asCSV := fs.Bool("csv", false, "write every invalid line as CSV")
	s, err := m.openFor(ctx, fs, args, c, "petition")
	if err != nil {
		return err
	}
	defer s.Store.Close()
	if *asCSV {
		return s.WriteInvalidCSV(ctx, m.Stdout, *id)
	}
	pg, err := s.InvalidLines(ctx, *id, registrar.Page{Number: *page, Size: *size})
	if err != nil {
		return err
	}
	if c.isJSON() {
		return m.printJSON(pg)
	}
	fmt.Fprintf(m.Stdout, "petition %s: %s invalid line(s); page %d\n", *id, commas(pg.Total), pg.Page)
	for _, l := range pg.Lines {
		reason := present.ReasonLabel(signet.Reason(l.Reason))
		if l.SubReason != "" {
			reason += " (" + l.SubReason + ")"
		}
		fmt.Fprintf(m.Stdout, "%s  %s, %s, signed %s\n  %s · decided by %s", l.LineID, l.PrintedName, l.Address, orDash(l.DateSigned), reason, l.DecidedBy)
		if l.Challenge != "" {
			fmt.Fprintf(m.Stdout, " · challenge %s", l.Challenge)
		}
		fmt.Fprintln(m.Stdout)
		if len(l.Evidence) > 0 {
			fmt.Fprintf(m.Stdout, "  evidence: %s\n", strings.Join(l.Evidence, "; "))
		}
	}
	return nil
}

func joinCols() string { return strings.Join(registrar.InvalidCSVColumns, ",") }
