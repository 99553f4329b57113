package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/csvfile"
	"github.com/signet-vote/signet/present"
	"github.com/signet-vote/signet/registrar"
)

func (m *Main) runIntake(ctx context.Context, args []string) error {
	name, args, err := sub(args, "add", "show")
	if err != nil {
		return err
	}
	if name == "show" {
		return m.intakeShow(ctx, args)
	}
	return m.intakeAdd(ctx, args)
}

func (m *Main) intakeAdd(ctx context.Context, args []string) error {
	fs := m.flags("intake add", "--petition P (--section S --circulator C --date D --lines N | FILE.csv [--columns field=header,...])",
		`Record sections turned in to the campaign (docs/campaign.md): each section's id, its
circulator, the day it came in and its lines. One section from the flags, or a CSV file of
them with the header section_id,circulator,turned_in,lines. A file is recorded whole or not
at all: a malformed row refuses it, naming its line and column. A section is recorded once;
so is a file.`)
	c := m.commonFlags(fs, true)
	id := fs.String("petition", "", "petition id")
	section := fs.String("section", "", "the section's id")
	circulator := fs.String("circulator", "", "who circulated the section")
	date := fs.String("date", "", "the day the section was turned in (YYYY-MM-DD)")
	lines := fs.Int("lines", 0, "the section's lines")
	cols := fs.String("columns", "", "map fields to other header names: field=header,...")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := need("petition", *id); err != nil {
		return err
	}
	single := given(fs, "section") || given(fs, "circulator") || given(fs, "date") || given(fs, "lines")
	switch {
	case single && len(pos) > 0:
		return usageErr("give one section with --section, --circulator, --date and --lines, or a file, not both")
	case !single && len(pos) != 1:
		return usageErr("intake add takes one file, or one section with --section, --circulator, --date and --lines")
	case single && *cols != "":
		return usageErr("--columns is for a file")
	}
	var meta signet.ImportMeta
	var next signet.IntakeSource
	if single {
		for _, f := range []string{"section", "circulator", "date", "lines"} {
			if !given(fs, f) {
				return usageErr("--%s is required with --section (or give a file)", f)
			}
		}
		day, err := parseDateFlag("date", *date)
		if err != nil {
			return err
		}
		if *lines < 1 {
			return signet.Errorf(signet.EInvalid, "--lines %d: a section turned in holds at least one line", *lines)
		}
		done := false
		e := signet.IntakeEntry{SectionID: strings.TrimSpace(*section), Circulator: strings.TrimSpace(*circulator), TurnedIn: day, Lines: *lines}
		next = func() (signet.IntakeEntry, int, error) {
			if done {
				return signet.IntakeEntry{}, 0, io.EOF
			}
			done = true
			return e, 0, nil
		}
		meta = signet.ImportMeta{Actor: *c.actor}
	}
	s, err := m.open(ctx, c)
	if err != nil {
		return err
	}
	defer s.Store.Close()
	if !single {
		in, err := m.openCSV(pos[0], csvfile.IntakeSchema, *cols, *c.actor)
		if err != nil {
			return err
		}
		defer in.close()
		meta = in.meta
		next = in.r.Intakes()
	}
	added, err := s.AddIntake(ctx, *id, meta, next)
	if err != nil {
		return err
	}
	total := 0
	for _, e := range added {
		total += e.Lines
	}
	if c.isJSON() {
		out := []map[string]any{}
		for _, e := range added {
			out = append(out, map[string]any{"section": e.SectionID, "circulator": e.Circulator, "turned_in": signet.FormatDate(e.TurnedIn), "lines": e.Lines})
		}
		return m.printJSON(map[string]any{"petition": *id, "sections": len(added), "lines": total, "added": out})
	}
	fmt.Fprintf(m.Stdout, "recorded %d %s (%s %s) turned in for petition %s\n", len(added), plural(len(added), "section", "sections"), commas(total), plural(total, "line", "lines"), *id)
	return nil
}

// asOfFlag reads an --as-of date (zero when not given: today).
func asOfFlag(v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	return parseDateFlag("as-of", v)
}

func (m *Main) intakeShow(ctx context.Context, args []string) error {
	fs := m.flags("intake show", "--petition P [--as-of D] [--json]",
		`The campaign's intake: the raw lines turned in, day by day with the running total and by
circulator, against the valid signatures required and the deadline; the lines a day so far
and the lines a day needed to reach the requirement's number of raw lines (a floor: not
every line will be valid; signet forecast --petition P says how many are needed).

JSON keys: petition, required, deadline, as_of, days_left, sections, collected,
percent_of_required, short, per_day_so_far, per_day_needed (null when short with no day
left), days [{date, sections, lines, total}], circulators [{circulator, sections, lines,
first, last}].`)
	c := m.commonFlags(fs, true)
	id := fs.String("petition", "", "petition id")
	asOf := fs.String("as-of", "", "the day to report as of (default today)")
	s, err := m.openFor(ctx, fs, args, c, "petition")
	if err != nil {
		return err
	}
	defer s.Store.Close()
	day, err := asOfFlag(*asOf)
	if err != nil {
		return err
	}
	st, err := s.Intake(ctx, *id, day)
	if err != nil {
		return err
	}
	if c.isJSON() {
		return m.printJSON(st)
	}
	w := m.Stdout
	fmt.Fprintf(w, "petition %s as of %s: %s raw lines in %d sections, %.2f%% of the %s valid required\n",
		st.Petition, st.AsOf, commas(st.Collected), st.Sections, st.PercentOfRequired, commas(st.Required))
	fmt.Fprintf(w, "deadline %s, %d days left; %.1f lines a day so far", st.Deadline, st.DaysLeft, st.PerDaySoFar)
	switch {
	case st.PerDayNeeded == nil:
		fmt.Fprintf(w, "; %s short with no day left\n", commas(st.Short))
	case st.Short > 0:
		fmt.Fprintf(w, "; %s a day needed to reach %s raw lines\n", commas(*st.PerDayNeeded), commas(st.Required))
	default:
		fmt.Fprintln(w, "; the raw lines exceed the number required (see signet forecast for the valid count)")
	}
	fmt.Fprintf(w, "\n%-12s %9s %9s %11s\n", "day", "sections", "lines", "total")
	for _, d := range st.Days {
		fmt.Fprintf(w, "%-12s %9d %9s %11s\n", d.Date, d.Sections, commas(d.Lines), commas(d.Total))
	}
	fmt.Fprintf(w, "\n%-24s %9s %9s  %s\n", "circulator", "sections", "lines", "first – last")
	for _, ci := range st.Circulators {
		fmt.Fprintf(w, "%-24s %9d %9s  %s – %s\n", ci.Name, ci.Sections, commas(ci.Lines), ci.First, ci.Last)
	}
	return nil
}

func (m *Main) runPrecheck(ctx context.Context, args []string) error {
	name, args, err := sub(args, "run", "show")
	if err != nil {
		return err
	}
	if name == "show" {
		return m.precheckShow(ctx, args)
	}
	return m.precheckRun(ctx, args)
}

func (m *Main) precheckRun(ctx context.Context, args []string) error {
	fs := m.flags("precheck run", "--petition P --voters VOTERFILE.csv [--voter-columns MAP] [--columns MAP] LINES.csv [--json]",
		`Pre-check collected lines against the voter file the campaign holds (docs/campaign.md),
with the Registrar's own linker (fs-v1) and checks, so that each line gets the reason the
count would give it; the duplicate rule runs across every line pre-checked so far. The
voter file (the voter roll format) is read, not stored; the lines file is the petition lines
format. Each file is taken whole or not at all, a malformed row naming its line and column. A
line pre-checked before takes its new result; the same lines against the same voter file
again is refused (exit 5). No signature is compared: a campaign cannot.

Prints the pre-checks as a whole (as signet precheck show).`)
	c := m.commonFlags(fs, true)
	id := fs.String("petition", "", "petition id")
	voters := fs.String("voters", "", "the campaign's voter file (voter roll format)")
	vcols := fs.String("voter-columns", "", "map voter fields to other header names: field=header,...")
	cols := fs.String("columns", "", "map line fields to other header names: field=header,...")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	for _, f := range [][2]string{{"petition", *id}, {"voters", *voters}} {
		if err := need(f[0], f[1]); err != nil {
			return err
		}
	}
	if len(pos) != 1 {
		return usageErr("precheck run takes one lines file")
	}
	s, err := m.open(ctx, c)
	if err != nil {
		return err
	}
	defer s.Store.Close()
	vin, err := m.openCSV(*voters, csvVoterSchema, *vcols, *c.actor)
	if err != nil {
		return err
	}
	defer vin.close()
	lin, err := m.openCSV(pos[0], csvLineSchema, *cols, *c.actor)
	if err != nil {
		return err
	}
	defer lin.close()
	sum, err := s.Precheck(ctx, registrar.PrecheckOptions{Petition: *id, Actor: *c.actor,
		Voters: vin.r.Voters(), VotersMeta: vin.meta, Lines: lin.r.Lines(), LinesMeta: lin.meta})
	if err != nil {
		return err
	}
	if c.isJSON() {
		return m.printJSON(sum)
	}
	if sum.Last != nil {
		fmt.Fprintf(m.Stdout, "pre-checked %s %s of %s against %s %s of %s\n\n", commas(sum.Last.Lines), plural(sum.Last.Lines, "line", "lines"), sum.Last.LinesFile,
			commas(sum.Last.Voters), plural(sum.Last.Voters, "voter", "voters"), sum.Last.VoterFile)
	}
	m.printPrecheck(sum)
	return nil
}

func (m *Main) precheckShow(ctx context.Context, args []string) error {
	fs := m.flags("precheck show", "--petition P [--json]",
		`The campaign's pre-checked lines as a whole: valid, invalid by reason (the Registrar's
codes, the duplicate rule applied across them), which reasons dominate and which circulators
produce them.

JSON keys: petition, runs, checked, valid, valid_on_own, validity, duplicates,
duplicate_pairs, review, by_reason [{code, lines, share, circulators [{circulator, lines,
share}]}], circulators [{circulator, lines, valid, validity, by_code, top_reason}], last_run.`)
	c := m.commonFlags(fs, true)
	id := fs.String("petition", "", "petition id")
	s, err := m.openFor(ctx, fs, args, c, "petition")
	if err != nil {
		return err
	}
	defer s.Store.Close()
	sum, err := s.PrecheckSummary(ctx, *id)
	if err != nil {
		return err
	}
	if c.isJSON() {
		return m.printJSON(sum)
	}
	m.printPrecheck(sum)
	return nil
}

// codeLabel names a verdict code for people: the Registrar's label, and the sub-reason.
func codeLabel(code string) string {
	valid, reason, sub := signet.ParseCode(code)
	if valid {
		return "Valid"
	}
	l := present.ReasonLabel(reason)
	if sub != "" {
		l += " (" + strings.ReplaceAll(sub, "_", " ") + ")"
	}
	return l
}

func (m *Main) printPrecheck(sum registrar.PrecheckSummary) {
	w := m.Stdout
	if sum.Checked == 0 {
		fmt.Fprintf(w, "petition %s: no line pre-checked yet\n", sum.Petition)
		return
	}
	fmt.Fprintf(w, "petition %s: %s %s pre-checked in %d %s; %s valid (%.2f%%), %s valid on their own before %s %s struck; %d sent to review\n\n",
		sum.Petition, commas(sum.Checked), plural(sum.Checked, "line", "lines"), sum.Runs, plural(sum.Runs, "run", "runs"), commas(sum.Valid), 100*sum.Validity,
		commas(sum.ValidOnOwn), commas(sum.Duplicates), plural(sum.Duplicates, "duplicate", "duplicates"), sum.Review)
	fmt.Fprintf(w, "%-52s %8s %7s  %s\n", "verdict", "lines", "share", "circulators (most first)")
	for _, r := range sum.ByReason {
		var who []string
		for i, c := range r.Circulators {
			if i == 3 {
				who = append(who, fmt.Sprintf("+%d more", len(r.Circulators)-3))
				break
			}
			who = append(who, fmt.Sprintf("%s %d", c.Circulator, c.Lines))
		}
		fmt.Fprintf(w, "%-52s %8s %6.2f%%  %s\n", codeLabel(r.Code), commas(r.Lines), 100*r.Share, strings.Join(who, ", "))
	}
	fmt.Fprintf(w, "\n%-24s %8s %8s %9s  %s\n", "circulator", "lines", "valid", "validity", "top reason")
	for _, c := range sum.Circulators {
		top := "—"
		if c.Top != "" {
			top = fmt.Sprintf("%s (%d)", codeLabel(c.Top), c.ByCode[c.Top])
		}
		fmt.Fprintf(w, "%-24s %8s %8s %8.2f%%  %s\n", c.Circulator, commas(c.Lines), commas(c.Valid), 100*c.Validity, top)
	}
}

func (m *Main) runCirculators(ctx context.Context, args []string) error {
	fs := m.flags("circulators", "--petition P [--json]",
		`Circulator quality signals (docs/campaign.md), from the pre-checked lines: each
circulator's validity, duplicate and not-registered rates with 95% intervals (Wilson), and
signals for a person to look at, each with its evidence: a circulator far below the others
(low_validity), runs of consecutive not-registered lines in a section (not_registered_run),
lines dated outside the circulation window or after their section came in
(outside_window), and many lines at one address (shared_address). Signals are never
verdicts.

JSON keys: petition, lines, window_from, window_to, circulators [{circulator, sections,
lines, validity, duplicate, not_registered (each {count, of, rate, low, high}), signals}],
signals [{kind, circulator, section, text, lines, address}], note.`)
	c := m.commonFlags(fs, true)
	id := fs.String("petition", "", "petition id")
	s, err := m.openFor(ctx, fs, args, c, "petition")
	if err != nil {
		return err
	}
	defer s.Store.Close()
	rep, err := s.Circulators(ctx, *id)
	if err != nil {
		return err
	}
	if c.isJSON() {
		return m.printJSON(rep)
	}
	w := m.Stdout
	if rep.Lines == 0 {
		fmt.Fprintf(w, "petition %s: no line pre-checked yet (signet precheck run)\n", rep.Petition)
		return nil
	}
	fmt.Fprintf(w, "petition %s: %s pre-checked lines; circulation window %s – %s\n\n", rep.Petition, commas(rep.Lines), rep.WindowFrom, rep.WindowTo)
	pct := func(r registrar.Rate) string {
		return fmt.Sprintf("%5.1f%% (%.1f–%.1f)", 100*r.Rate, 100*r.Low, 100*r.High)
	}
	fmt.Fprintf(w, "%-20s %6s  %-22s %-22s %-22s %s\n", "circulator", "lines", "validity (95%)", "duplicate (95%)", "not registered (95%)", "signals")
	for _, q := range rep.Circulators {
		fmt.Fprintf(w, "%-20s %6s  %-22s %-22s %-22s %d\n", q.Circulator, commas(q.Lines), pct(q.Validity), pct(q.Duplicate), pct(q.NotRegistered), q.Signals)
	}
	fmt.Fprintf(w, "\nsignals (%d): %s\n", len(rep.Signals), rep.Note)
	for _, sg := range rep.Signals {
		lines := sg.Lines
		more := ""
		if len(lines) > 8 {
			lines, more = lines[:8], fmt.Sprintf(" and %d more", len(sg.Lines)-8)
		}
		fmt.Fprintf(w, "  %-18s %s: %s\n  %18s lines %s%s\n", sg.Kind, sg.Circulator, sg.Text, "", strings.Join(lines, " "), more)
	}
	return nil
}
