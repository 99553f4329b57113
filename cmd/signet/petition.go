package main

import (
	"context"
	"fmt"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/present"
)

func (m *Main) printPetition(p signet.Petition) {
	fmt.Fprintf(m.Stdout, "petition %s (%s, %s) in %s\n", p.ID, p.Kind, p.Rules, p.JurisdictionID)
	fmt.Fprintf(m.Stdout, "  required        %s valid signatures (from report %s: %s registered)\n", commas(p.Required), p.ReportID, commas(p.Registered))
	fmt.Fprintf(m.Stdout, "  form approved   %s\n  filing deadline %s\n", signet.FormatDate(p.Approved), signet.FormatDate(p.Deadline))
	if !p.Filed.IsZero() {
		fmt.Fprintf(m.Stdout, "  filed           %s with %s lines (raw count)\n", signet.FormatDate(p.Filed), commas(p.Raw))
	}
	fmt.Fprintf(m.Stdout, "  cut-off         %s · duplicates %s\n", p.Cutoff, p.Duplicates)
}

func (m *Main) runPetition(ctx context.Context, args []string) error {
	name, args, err := sub(args, "create", "file", "show", "list")
	if err != nil {
		return err
	}
	switch name {
	case "create":
		fs := m.flags("petition create", "--id P --kind local-recall --jurisdiction J --rules ca-local-recall --report R --approved DATE",
			`Create a petition. The required count and the filing deadline are computed by the rule pack
from the registration report (ca-local-recall: Elections Code §11220(a), §11221).`)
		c := m.commonFlags(fs, true)
		var spec petitionSpec
		fs.StringVar(&spec.ID, "id", "", "petition id")
		fs.StringVar(&spec.Kind, "kind", "local-recall", "local-recall, state-recall, initiative or referendum")
		fs.StringVar(&spec.Jurisdiction, "jurisdiction", "", "jurisdiction id")
		fs.StringVar(&spec.Rules, "rules", "ca-local-recall", "rule pack")
		fs.StringVar(&spec.Report, "report", "", "registration report id the requirement is computed from")
		fs.IntVar(&spec.LastVote, "last-vote", 0, "state-officer recall: the last vote for the office, instead of --report")
		fs.StringVar(&spec.CountyVotesFile, "county-votes", "", "state-officer recall: a file of each county's last vote for the five-county condition (CSV county,last_vote, or county=N entries)")
		approved := fs.String("approved", "", "date the petition form was approved (YYYY-MM-DD)")
		fs.StringVar(&spec.Cutoff, "cutoff", "", "registration cut-off: signing_date or filing_date (default: the rule pack's)")
		fs.StringVar(&spec.Duplicates, "duplicates", "", "duplicate policy: keep_first or strike_all (default: the rule pack's)")
		var set settingsFlag
		fs.Var(&set, "set", "a rule pack setting for this petition, name=value (repeatable; signet law show R lists them)")
		if _, err := parse(fs, args); err != nil {
			return err
		}
		for _, f := range [][2]string{{"id", spec.ID}, {"jurisdiction", spec.Jurisdiction}} {
			if err := need(f[0], f[1]); err != nil {
				return err
			}
		}
		if spec.Approved, err = parseDateFlag("approved", *approved); err != nil {
			return err
		}
		spec.Settings = set
		s, err := m.open(ctx, c)
		if err != nil {
			return err
		}
		defer s.Store.Close()
		p, err := m.createPetition(ctx, s, spec, *c.actor)
		if err != nil {
			return err
		}
		if c.isJSON() {
			return m.printJSON(present.PetitionJSON(p))
		}
		m.printPetition(p)
		return nil
	case "file":
		fs := m.flags("petition file", "--petition P --date DATE [--raw N]",
			`Record the filing of a petition: the date and the raw count, which is the number of lines
imported (Elections Code §11222: the raw count is taken on presentation). --raw gives the
count when the lines are not imported yet. A filed petition takes no more lines.`)
		c := m.commonFlags(fs, true)
		id := fs.String("petition", "", "petition id")
		date := fs.String("date", "", "filing date (YYYY-MM-DD)")
		raw := fs.Int("raw", -1, "raw count, when no lines are imported")
		if _, err := parse(fs, args); err != nil {
			return err
		}
		if err := need("petition", *id); err != nil {
			return err
		}
		d, err := parseDateFlag("date", *date)
		if err != nil {
			return err
		}
		s, err := m.open(ctx, c)
		if err != nil {
			return err
		}
		defer s.Store.Close()
		p, err := s.FilePetition(ctx, *id, d, *raw, *c.actor)
		if err != nil {
			return err
		}
		if c.isJSON() {
			return m.printJSON(present.PetitionJSON(p))
		}
		fmt.Fprintf(m.Stdout, "petition %s filed on %s with %s lines; %s valid required\n", p.ID, signet.FormatDate(p.Filed), commas(p.Raw), commas(p.Required))
		if p.Raw < p.Required {
			fmt.Fprintf(m.Stdout, "the raw count is below the requirement: the petition cannot qualify\n")
		}
		if p.Filed.After(p.Deadline) {
			fmt.Fprintf(m.Stdout, "warning: filed after the filing deadline %s\n", signet.FormatDate(p.Deadline))
		}
		return nil
	case "show":
		fs := m.flags("petition show", "--petition P", "Show a petition.")
		c := m.commonFlags(fs, true)
		id := fs.String("petition", "", "petition id")
		s, err := m.openFor(ctx, fs, args, c, "petition")
		if err != nil {
			return err
		}
		defer s.Store.Close()
		p, err := s.Store.Petition(ctx, *id)
		if err != nil {
			return err
		}
		if c.isJSON() {
			return m.printJSON(present.PetitionJSON(p))
		}
		m.printPetition(p)
		return nil
	default:
		fs := m.flags("petition list", "", "List the petitions.")
		c := m.commonFlags(fs, true)
		s, err := m.openFor(ctx, fs, args, c)
		if err != nil {
			return err
		}
		defer s.Store.Close()
		ps, err := s.Store.Petitions(ctx)
		if err != nil {
			return err
		}
		if c.isJSON() {
			out := []map[string]any{}
			for _, p := range ps {
				out = append(out, present.PetitionJSON(p))
			}
			return m.printJSON(out)
		}
		for _, p := range ps {
			fmt.Fprintf(m.Stdout, "%s\t%s\t%s\trequired %s\traw %s\n", p.ID, p.Kind, p.JurisdictionID, commas(p.Required), commas(p.Raw))
		}
		return nil
	}
}

func (m *Main) runLines(ctx context.Context, args []string) error {
	if _, args2, err := sub(args, "import"); err != nil {
		return err
	} else {
		args = args2
	}
	fs := m.flags("lines import", "--petition P [--columns field=header,...] FILE.csv",
		`Import a file of signature lines, appended in filing order (rows are numbered 1..R across
the petition). Kept whole or not at all: any malformed row refuses the file, naming its line and
column. Default headers: section_id, circulator, line_number, printed_name, house_number,
street, unit, city, zip, date_signed, signature_present, withdrawal_requested (docs/formats.md).`)
	c := m.commonFlags(fs, true)
	id := fs.String("petition", "", "petition id")
	cols := fs.String("columns", "", "map fields to other header names: field=header,...")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := need("petition", *id); err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("lines import takes one file")
	}
	s, err := m.open(ctx, c)
	if err != nil {
		return err
	}
	defer s.Store.Close()
	imp, err := m.importLines(ctx, s, *id, pos[0], *cols, *c.actor)
	if err != nil {
		return err
	}
	if c.isJSON() {
		return m.printJSON(map[string]any{"petition": *id, "import": imp.ID, "lines": imp.Rows, "first_seq": imp.FirstSeq, "last_seq": imp.LastSeq, "sha256": imp.SHA256})
	}
	fmt.Fprintf(m.Stdout, "imported %s lines into petition %s (filing order %d–%d)\n", commas(imp.Rows), *id, imp.FirstSeq, imp.LastSeq)
	return nil
}

func (m *Main) runReview(ctx context.Context, args []string) error {
	name, args, err := sub(args, "record", "import", "next", "decide", "claim", "release", "settle", "assign", "throughput")
	if err != nil {
		return err
	}
	switch name {
	case "next":
		return m.reviewNext(ctx, args)
	case "decide":
		return m.reviewDecide(ctx, args)
	case "claim":
		return m.reviewClaim(ctx, args)
	case "release":
		return m.reviewRelease(ctx, args)
	case "settle":
		return m.reviewSettle(ctx, args)
	case "assign":
		return m.reviewAssign(ctx, args)
	case "throughput":
		return m.reviewThroughput(ctx, args)
	}
	fs := m.flags("review "+name, map[string]string{
		"record": "--petition P --line L --signature match|mismatch --by NAME",
		"import": "--petition P FILE.csv"}[name],
		`Record signature comparisons: a human decision, presumed valid until a mismatch is recorded
(2 CCR §20960). A decision recorded after a line's verdict makes "signet verify" decide that
line again. The import file has the columns line_id,signature,by.`)
	c := m.commonFlags(fs, true)
	id := fs.String("petition", "", "petition id")
	var line, sig *string
	if name == "record" {
		line = fs.String("line", "", "line id: <section>-<line number>")
		sig = fs.String("signature", "", "match or mismatch")
	}
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := need("petition", *id); err != nil {
		return err
	}
	s, err := m.open(ctx, c)
	if err != nil {
		return err
	}
	defer s.Store.Close()
	var n int
	if name == "record" {
		if err := need("line", *line); err != nil {
			return err
		}
		d, err := signet.ParseSignatureDecision(*sig)
		if err != nil {
			return usageErr("--signature: %v", err)
		}
		done := false
		n, err = s.RecordReviews(ctx, *id, "", func() (signet.Review, int, error) {
			if done {
				return signet.Review{}, 0, ioEOF
			}
			done = true
			return signet.Review{LineID: *line, Signature: d, By: *c.actor}, 0, nil
		})
		if err != nil {
			return err
		}
	} else {
		if len(pos) != 1 {
			return usageErr("review import takes one file")
		}
		if n, err = m.importReviews(ctx, s, *id, pos[0], *c.actor); err != nil {
			return err
		}
	}
	if c.isJSON() {
		return m.printJSON(map[string]any{"petition": *id, "recorded": n})
	}
	fmt.Fprintf(m.Stdout, "recorded %s signature decision(s) for petition %s\n", commas(n), *id)
	return nil
}
