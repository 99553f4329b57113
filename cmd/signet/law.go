package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/law"
)

// settingsFlag collects repeated --set name=value.
type settingsFlag []string

func (s *settingsFlag) String() string     { return strings.Join(*s, ",") }
func (s *settingsFlag) Set(v string) error { *s = append(*s, v); return nil }

// rulesFlags adds --rules and --set to a flag set.
func rulesFlags(fs *flag.FlagSet) (*string, *settingsFlag) {
	id := fs.String("rules", "", "rule pack id (signet law list)")
	var set settingsFlag
	fs.Var(&set, "set", "change a pack setting, name=value (repeatable; signet law show R lists them)")
	return id, &set
}

// loadRules looks a pack up as it stood on the petition's dates (zero: today) and applies
// the --set settings; a mistake in either is a usage error.
func loadRules(id string, set settingsFlag, d law.Dates) (law.Rules, error) {
	if err := need("rules", id); err != nil {
		return law.Rules{}, err
	}
	if _, err := law.LookupRules(id); err != nil {
		return law.Rules{}, usageErr("--rules: %v", err)
	}
	for _, kv := range set {
		if !strings.Contains(kv, "=") {
			return law.Rules{}, usageErr("--set %q: want name=value", kv)
		}
	}
	r, err := law.PackAsOf(id, set, d)
	if err != nil {
		return r, usageErr("--set: %v", err)
	}
	return r, nil
}

// lawAsOf is what --json says of the law a command applied: the petition's dates that
// picked it and the versions of the rules that changed over time.
func lawAsOf(r law.Rules) map[string]any {
	versions := r.Applied
	if versions == nil {
		versions = []law.Version{}
	}
	return map[string]any{"approved": nilIfEmpty(signet.FormatDate(r.AsOfDates.Approved)),
		"filed": nilIfEmpty(signet.FormatDate(r.AsOfDates.Filed)), "notice": nilIfEmpty(signet.FormatDate(r.AsOfDates.Notice)),
		"order": nilIfEmpty(signet.FormatDate(r.AsOfDates.Order)), "versions": versions}
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// printLawAsOf says which versions of the law a command applied, one line each.
func (m *Main) printLawAsOf(r law.Rules) {
	for _, v := range r.Applied {
		version := "the version before its first recorded amendment"
		if !v.From.IsZero() {
			version = "the version in force from " + v.FromText()
		}
		fmt.Fprintf(m.Stdout, "  law as it stood on the %s date: %s, %s\n", v.On, v.Rule, version)
	}
}

func (m *Main) runLaw(ctx context.Context, args []string) error {
	name, args, err := sub(args, "list", "show", "required", "deadlines")
	if err != nil {
		return err
	}
	switch name {
	case "list":
		return m.lawList(args)
	case "show":
		return m.lawShow(args)
	case "required":
		return m.lawRequired(args)
	}
	return m.lawDeadlines(args)
}

func (m *Main) lawList(args []string) error {
	fs := m.flags("law list", "[--json]", "List the rule packs.")
	js := fs.Bool("json", false, "print JSON")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	var out []map[string]any
	for _, id := range law.IDs() {
		r, _ := law.LookupRules(id)
		if *js {
			out = append(out, map[string]any{"id": id, "title": r.Title(), "state": r.State})
			continue
		}
		fmt.Fprintf(m.Stdout, "%-25s %s\n", id, r.Title())
	}
	if *js {
		return m.printJSON(out)
	}
	return nil
}

func (m *Main) lawShow(args []string) error {
	fs := m.flags("law show", "R [--approved DATE] [--filed DATE] [--history [--markdown]] [--json] [--set name=value]",
		`Print a rule pack: every rule, its numbers and its citation, and the settings, as the law
stood on a petition's dates (--approved for the requirement and the circulation, --filed for
the verification; default today). --history lists instead each rule's versions: the day each
took effect, the petition's date that picks it, its citation and what it changed (a rule with
no change known has one version, in force on every date); a holiday that began or ended in a
known year is a rule of its own, picked by the day counted. --markdown prints the history as
the table docs/law.md holds for each pack.`)
	js := fs.Bool("json", false, "print JSON")
	history := fs.Bool("history", false, "list each rule's versions, with dates and citations")
	markdown := fs.Bool("markdown", false, "with --history: print a Markdown table")
	approved := fs.String("approved", "", "day the petition form was approved (YYYY-MM-DD; default today)")
	filed := fs.String("filed", "", "day the petition was filed (YYYY-MM-DD; default today)")
	id, set := rulesFlags(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *id == "" && len(pos) == 1 {
		*id = pos[0]
	}
	d, err := lawDates(*approved, *filed)
	if err != nil {
		return err
	}
	r, err := loadRules(*id, *set, d)
	if err != nil {
		return err
	}
	if *markdown && !*history {
		return usageErr("--markdown goes with --history")
	}
	if *history {
		return m.lawHistory(r, *js, *markdown)
	}
	if *js {
		v := struct {
			law.Rules
			Calendar map[string]any `json:"calendar"`
		}{Rules: r, Calendar: map[string]any{"name": r.Calendar.Name, "cite": r.Calendar.Cite, "notes": r.Calendar.Notes,
			"years": []int{law.FirstYear, law.LastYear}, "holidays": holidayRules(r.Calendar)}}
		return m.printJSON(v)
	}
	w := m.Stdout
	fmt.Fprintf(w, "%s — %s\n\n", r.ID(), r.Title())
	tiers := func(ts []law.Tier, unit string) string {
		var parts []string
		for _, t := range ts {
			v := t.Percent
			if unit == "days" {
				v = t.Days
			}
			if t.Below > 0 {
				parts = append(parts, fmt.Sprintf("below %s: %d%s", commas(t.Below), v, map[string]string{"%": "%", "days": " days"}[unit]))
			} else {
				parts = append(parts, fmt.Sprintf("%d%s", v, map[string]string{"%": "%", "days": " days"}[unit]))
			}
		}
		return strings.Join(parts, "; ")
	}
	fmt.Fprintf(w, "requirement    %s of %s\n               %s\n", tiers(r.Requirement.Tiers, "%"), r.Requirement.Base, r.Requirement.Cite)
	if c := r.Requirement.Counties; c != nil {
		fmt.Fprintf(w, "counties       at least %d counties at %d%% of the county's last vote\n               %s\n", c.Count, c.Percent, c.Cite)
	}
	switch {
	case r.Circulation.DaysAfterElection > 0:
		fmt.Fprintf(w, "circulation    file no later than %d days after the election\n", r.Circulation.DaysAfterElection)
	case r.Circulation.MonthsBeforeElection > 0:
		fmt.Fprintf(w, "circulation    file %d months before the election\n", r.Circulation.MonthsBeforeElection)
	case r.Circulation.Months > 0:
		fmt.Fprintf(w, "circulation    %d months from approval\n", r.Circulation.Months)
	default:
		fmt.Fprintf(w, "circulation    %s from approval\n", tiers(r.Circulation.Tiers, "days"))
	}
	fmt.Fprintf(w, "               %s\n", r.Circulation.Cite)
	kind := "calendar days"
	if r.Verification.WorkingDays {
		kind = "working days"
	}
	fmt.Fprintf(w, "verification   sample %d, full count %d, unsampled full count %d (%s; 0 = none set)\n               %s\n",
		r.Verification.SampleDays, r.Verification.FullCountDays, r.Verification.NoSampleFullCountDays, kind, r.Verification.Cite)
	s := r.Sampling
	fmt.Fprintf(w, "sampling       all lines when %d or fewer; else at least %d or %d%%, whichever is greater\n               %s\n", s.CheckAllAtOrBelow, s.Minimum, s.Percent, s.Cite)
	fmt.Fprintf(w, "projection     %s\n               %s\n", r.Projection.Method, r.Projection.Cite)
	op := func(t law.Threshold) string {
		if t.Inclusive {
			return "≥"
		}
		return ">"
	}
	fmt.Fprintf(w, "bands          sufficient %s %d%%; full count %s %d%%; else insufficient\n               %s\n",
		op(r.Bands.Sufficient), r.Bands.Sufficient.Percent, op(r.Bands.FullCount), r.Bands.FullCount.Percent, r.Bands.Cite)
	if r.RawBelowRequiredFails {
		fmt.Fprintf(w, "raw count      below the requirement: fails unverified\n               %s\n", r.RawCite)
	}
	fmt.Fprintf(w, "duplicates     %s\n               %s\n", r.Duplicates, r.DuplicatesCite)
	fmt.Fprintf(w, "cut-off        %s\n               %s\n", r.Cutoff, r.CutoffCite)
	fmt.Fprintf(w, "stop early     %v\n               %s\n", r.StopEarly, r.StopEarlyCite)
	if r.WithdrawalDays > 0 {
		fmt.Fprintf(w, "withdrawals    %d working days after the threshold is met\n               %s\n", r.WithdrawalDays, r.WithdrawalCite)
	}
	closed := 0
	for _, h := range r.Calendar.Holidays {
		if !h.Open {
			closed++
		}
	}
	fmt.Fprintf(w, "calendar       %s, %d–%d: weekends and %d holiday rules (%d listed days with the offices open)\n               %s\n",
		r.Calendar.Name, law.FirstYear, law.LastYear, closed, len(r.Calendar.Holidays)-closed, r.Calendar.Cite)
	if r.LastDayRolls {
		fmt.Fprintf(w, "last day       a last day on a Saturday, Sunday or holiday moves to the next business day\n               %s\n", r.LastDayCite)
	}
	for _, n := range append(r.Calendar.Notes, r.Notes...) {
		fmt.Fprintf(w, "note           %s\n", n)
	}
	fmt.Fprintln(w, "\nsettings (--set name=value):")
	for _, st := range r.Settings {
		fmt.Fprintf(w, "  %-17s %-12s %s (%s)\n", st.Name, st.Default, st.Help, st.Cite)
	}
	return nil
}

func holidayRules(c *law.Calendar) []map[string]any {
	var out []map[string]any
	for _, h := range c.Holidays {
		e := map[string]any{"name": h.Name, "month": int(h.Month)}
		switch {
		case h.Moving:
			delete(e, "month")
			e["moving"] = true
		case h.Day > 0:
			e["day"] = h.Day
		default:
			e["weekday"], e["n"] = h.Weekday.String(), h.N
		}
		if h.Open {
			e["open"] = true
		}
		if h.After != 0 {
			e["after"] = h.After
		}
		if h.From != 0 {
			e["from"] = h.From
		}
		if h.Until != 0 {
			e["until"] = h.Until
		}
		if h.Cite != "" {
			e["cite"] = h.Cite
		}
		out = append(out, e)
	}
	return out
}

// countyVote is one row of --county-votes.
type countyVote struct {
	County   string `json:"county"`
	LastVote int    `json:"last_vote"`
	Required int    `json:"required"`
	Valid    *int   `json:"valid"`
	Met      *bool  `json:"met"`
}

func (m *Main) lawRequired(args []string) error {
	fs := m.flags("law required", "--rules R (--registered N | --last-vote V [--county-votes FILE]) [--approved DATE] [--json]",
		`Compute a petition's requirement. Local packs take the registered voters (--registered);
state-officer recalls and initiatives take the last vote (--last-vote: for the office, or for
Governor). --county-votes FILE (CSV with header county,last_vote[,valid]) adds the
state-officer recall's condition: at least 5 counties with valid signatures equal to 1% of
the county's last vote for the office (Cal. Const. art. II §14(b)).`)
	js := fs.Bool("json", false, "print JSON")
	id, set := rulesFlags(fs)
	registered := fs.Int("registered", -1, "registered voters (local packs)")
	lastVote := fs.Int("last-vote", -1, "last vote for the office or for Governor (state packs)")
	countyFile := fs.String("county-votes", "", "CSV county,last_vote[,valid] for the five-county condition")
	dates := lawDateFlags(fs)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	r, err := dates.rules(*id, *set)
	if err != nil {
		return err
	}
	if (*registered >= 0) == (*lastVote >= 0) {
		return usageErr("give exactly one of --registered N and --last-vote V")
	}
	base := max(*registered, *lastVote)
	req, pct := r.Required(base)
	out := map[string]any{"required": req, "percent": pct, "rules": r.ID(), "base": base, "base_kind": r.Requirement.Base, "cite": r.Requirement.Cite, "law_as_of": lawAsOf(r)}
	var counties []countyVote
	if *countyFile != "" {
		cr := r.Requirement.Counties
		if cr == nil {
			return usageErr("--county-votes: pack %s has no county condition", r.ID())
		}
		if counties, err = readCountyVotes(*countyFile); err != nil {
			return err
		}
		met, known := 0, true
		for i := range counties {
			c := &counties[i]
			c.Required = r.CountyRequired(c.LastVote)
			if c.Valid == nil {
				known = false
				continue
			}
			ok := *c.Valid >= c.Required
			c.Met = &ok
			if ok {
				met++
			}
		}
		out["counties"] = counties
		out["counties_needed"] = cr.Count
		out["county_percent"] = cr.Percent
		out["county_cite"] = cr.Cite
		if known {
			out["counties_met"] = met
			out["county_condition_met"] = met >= cr.Count
		} else {
			out["counties_met"] = nil
			out["county_condition_met"] = nil
		}
	}
	if *js {
		return m.printJSON(out)
	}
	fmt.Fprintf(m.Stdout, "required: %s valid signatures (%v%% of %s, rounded up)\n  %s\n", commas(req), pct, commas(base), r.Requirement.Cite)
	if counties != nil {
		fmt.Fprintf(m.Stdout, "and at least %d counties at %d%% of the county's last vote:\n", r.Requirement.Counties.Count, r.Requirement.Counties.Percent)
		for _, c := range counties {
			line := fmt.Sprintf("  %-20s last vote %12s  needs %10s", c.County, commas(c.LastVote), commas(c.Required))
			if c.Valid != nil {
				line += fmt.Sprintf("  valid %10s  %s", commas(*c.Valid), map[bool]string{true: "met", false: "not met"}[*c.Met])
			}
			fmt.Fprintln(m.Stdout, line)
		}
		if v, ok := out["county_condition_met"].(bool); ok {
			fmt.Fprintf(m.Stdout, "counties met: %d of %d needed: %s\n", out["counties_met"], r.Requirement.Counties.Count, map[bool]string{true: "condition met", false: "condition not met"}[v])
		}
	}
	return nil
}

// readCountyVotes reads the file of --county-votes (signet.ReadCountyVotes: a CSV with the
// header county,last_vote and optionally valid, or county=N entries).
func readCountyVotes(path string) ([]countyVote, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, signet.Errorf(signet.ENotFound, "%v", err)
	}
	defer f.Close()
	votes, err := signet.ReadCountyVotes(path, f)
	if err != nil {
		return nil, err
	}
	out := make([]countyVote, len(votes))
	for i, v := range votes {
		out[i] = countyVote{County: v.County, LastVote: v.LastVote, Valid: v.Valid}
	}
	return out, nil
}

func (m *Main) lawDeadlines(args []string) error {
	fs := m.flags("law deadlines", "--rules R --registered N --approved DATE [--filed DATE] [--notice DATE] [--order DATE] [--raw N] [--election DATE] [--json]",
		`Compute a petition's deadlines: the last day to file (from the approval of the form, or for
packs whose deadline is fixed by the election, from --election), and with --filed the last
days of the random sample and of the full count in the pack's days (working days exclude
weekends and the state's holidays). Each period is counted from the event its statute
names: the filing, or for statewide petitions the Secretary of State's notice to the
counties (--notice, Elections Code §9030(c)–(d)) and order to examine every signature
(--order, §9031(b)); a period whose event's date is not given has no deadline yet. With
--raw N, a petition too small to sample gets the unsampled full-count period and no sample
deadline. --registered is the requirement's base (registered voters, or the last vote for
state packs); it picks the circulation tier.`)
	js := fs.Bool("json", false, "print JSON")
	id, set := rulesFlags(fs)
	registered := fs.Int("registered", -1, "registered voters (or the last vote for state packs)")
	approved := fs.String("approved", "", "day the petition form was approved (YYYY-MM-DD)")
	filed := fs.String("filed", "", "day the petition was filed (YYYY-MM-DD)")
	notice := fs.String("notice", "", "day of the Secretary of State's notice to the counties that the raw count reached the requirement (YYYY-MM-DD; statewide packs)")
	order := fs.String("order", "", "day the counties received the Secretary of State's order to examine every signature (YYYY-MM-DD; statewide packs)")
	election := fs.String("election", "", "election day, for packs whose filing deadline is fixed by it")
	raw := fs.Int("raw", 0, "lines filed, when known")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *registered < 0 {
		return usageErr("--registered is required")
	}
	ap, err := parseDateFlag("approved", *approved)
	if err != nil {
		return err
	}
	d, err := lawDates(*approved, *filed)
	if err != nil {
		return err
	}
	for _, f := range []struct {
		name, value string
		day         *time.Time
	}{{"notice", *notice, &d.Notice}, {"order", *order, &d.Order}} {
		if f.value == "" {
			continue
		}
		if *filed == "" {
			return usageErr("--%s needs --filed: the Secretary of State's %s follows the filing", f.name, f.name)
		}
		if *f.day, err = parseDateFlag(f.name, f.value); err != nil {
			return err
		}
		if f.day.Before(d.Filed) {
			return usageErr("--%s %s is before --filed %s: the Secretary of State's %s follows the filing", f.name, f.value, *filed, f.name)
		}
	}
	if !d.Order.IsZero() && d.Order.Before(d.Notice) {
		return usageErr("--order %s is before --notice %s: the order to examine every signature follows the sample the notice started", *order, *notice)
	}
	r, err := loadRules(*id, *set, d)
	if err != nil {
		return err
	}
	var deadline time.Time
	if r.Circulation.ByElection() {
		el, err := parseDateFlag("election", *election)
		if err != nil {
			return usageErr("pack %s: the filing deadline is fixed by the election: %v", r.ID(), err)
		}
		deadline = r.ElectionFilingDeadline(el)
	} else {
		deadline = r.FilingDeadline(ap, *registered)
	}
	out := map[string]any{"rules": r.ID(), "approved": signet.FormatDate(ap), "filing_deadline": signet.FormatDate(deadline),
		"full_count_deadline": nil, "sample_deadline": nil, "circulation_cite": r.Circulation.Cite, "verification_cite": r.Verification.Cite,
		"working_days": r.Verification.WorkingDays, "law_as_of": lawAsOf(r),
		"sample_from": r.SampleFrom(), "full_count_from": r.FullCountFrom(*raw)}
	if r.Verification.FromCite != "" {
		out["from_cite"] = r.Verification.FromCite
	}
	if *filed != "" {
		out["filed"] = signet.FormatDate(d.Filed)
		if day := r.SampleDeadline(d, *raw); !day.IsZero() {
			out["sample_deadline"] = signet.FormatDate(day)
		}
		if day := r.FullCountDeadline(d, *raw); !day.IsZero() {
			out["full_count_deadline"] = signet.FormatDate(day)
		}
	}
	if *js {
		return m.printJSON(out)
	}
	fmt.Fprintf(m.Stdout, "filing deadline      %s\n", out["filing_deadline"])
	if *filed != "" {
		show := func(v any, from law.Event, sampled bool) string {
			switch {
			case v != nil:
				return v.(string)
			case sampled && d.On(from).IsZero():
				return fmt.Sprintf("counted from the %s (--%s DATE)", eventName[from], from)
			}
			return "none"
		}
		sampled := *raw <= 0 || r.Sampled(*raw)
		fmt.Fprintf(m.Stdout, "sample deadline      %s\nfull count deadline  %s\n",
			show(out["sample_deadline"], r.SampleFrom(), sampled && r.Verification.SampleDays > 0),
			show(out["full_count_deadline"], r.FullCountFrom(*raw), r.Verification.FullCountDays > 0 || r.Verification.NoSampleFullCountDays > 0))
	}
	fmt.Fprintf(m.Stdout, "  %s\n  %s\n", r.Circulation.Cite, r.Verification.Cite)
	if r.Verification.FromCite != "" {
		fmt.Fprintf(m.Stdout, "  %s\n", r.Verification.FromCite)
	}
	if *filed != "" {
		m.printLawAsOf(r)
	}
	return nil
}

// eventName is how a deadline names the event it is counted from.
var eventName = map[law.Event]string{law.OnFiling: "filing", law.OnApproval: "approval of the form",
	law.OnNotice: "Secretary of State's notice to the counties", law.OnOrder: "Secretary of State's order to examine every signature"}

// lawDates reads --approved and --filed, either of which may be empty.
func lawDates(approved, filed string) (law.Dates, error) {
	var d law.Dates
	var err error
	if approved != "" {
		if d.Approved, err = parseDateFlag("approved", approved); err != nil {
			return d, err
		}
	}
	if filed != "" {
		if d.Filed, err = parseDateFlag("filed", filed); err != nil {
			return d, err
		}
	}
	return d, nil
}

// lawHistory prints each rule of a pack with its versions.
func (m *Main) lawHistory(r law.Rules, js, markdown bool) error {
	vs := r.Versions()
	if js {
		return m.printJSON(map[string]any{"id": r.ID(), "history": vs})
	}
	w := m.Stdout
	if markdown {
		fmt.Fprintf(w, "| rule | in force | picked by | citation | what changed |\n|---|---|---|---|---|\n")
	} else {
		fmt.Fprintf(w, "%s — each rule's versions (picked by the petition's date named)\n", r.ID())
	}
	for i, v := range vs {
		only := (i == 0 || vs[i-1].Rule != v.Rule) && (i+1 == len(vs) || vs[i+1].Rule != v.Rule)
		span := "earliest known"
		switch {
		case only && v.From.IsZero():
			span = "every date (no change known)"
		case !v.From.IsZero():
			span = "from " + v.FromText()
		}
		if i+1 < len(vs) && vs[i+1].Rule == v.Rule {
			span += ", until " + signet.FormatDate(vs[i+1].From.AddDate(0, 0, -1))
		}
		by := "the " + string(v.On) + " date"
		if v.On == law.OnDay {
			by = "the day counted"
		}
		if markdown {
			cell := func(s string) string { return strings.ReplaceAll(s, "|", "\\|") }
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", cell(v.Rule), span, by, cell(v.Cite), cell(v.Change))
			continue
		}
		fmt.Fprintf(w, "\n%-13s %s (by %s)\n  %s\n", v.Rule, span, by, v.Cite)
		if v.Change != "" {
			fmt.Fprintf(w, "  changed: %s\n", v.Change)
		}
	}
	return nil
}

// dateFlags are --approved and --filed on a command that applies the law: the petition's
// dates that pick the versions of the law it applies.
type dateFlags struct{ approved, filed *string }

func lawDateFlags(fs *flag.FlagSet) dateFlags {
	return dateFlags{
		approved: fs.String("approved", "", "day the petition form was approved: the law as it then stood (YYYY-MM-DD; default today)"),
		filed:    fs.String("filed", "", "day the petition was filed: the law as it then stood (YYYY-MM-DD; default today)"),
	}
}

// rules loads the pack as the law stood on the dates given.
func (d dateFlags) rules(id string, set settingsFlag) (law.Rules, error) {
	dates, err := lawDates(*d.approved, *d.filed)
	if err != nil {
		return law.Rules{}, err
	}
	return loadRules(id, set, dates)
}
