package main

import (
	"context"
	"fmt"

	"github.com/signet-vote/signet"
)

func (m *Main) runRegistration(ctx context.Context, args []string) error {
	name, args, err := sub(args, "add", "list")
	if err != nil {
		return err
	}
	if name == "list" {
		fs := m.flags("registration list", "--jurisdiction J", "List a jurisdiction's reports of registration, newest first.")
		c := m.commonFlags(fs, true)
		j := fs.String("jurisdiction", "", "jurisdiction id")
		s, err := m.openFor(ctx, fs, args, c, "jurisdiction")
		if err != nil {
			return err
		}
		defer s.Store.Close()
		reps, err := s.Store.Reports(ctx, *j)
		if err != nil {
			return err
		}
		if c.isJSON() {
			out := []map[string]any{}
			for _, r := range reps {
				out = append(out, map[string]any{"id": r.ID, "jurisdiction": r.JurisdictionID, "date": signet.FormatDate(r.Date), "registered": r.Registered, "source": r.Source})
			}
			return m.printJSON(out)
		}
		for _, r := range reps {
			fmt.Fprintf(m.Stdout, "%s\t%s\t%s\t%s\n", r.ID, signet.FormatDate(r.Date), commas(r.Registered), r.Source)
		}
		return nil
	}
	fs := m.flags("registration add", "--id R --jurisdiction J --date DATE (--registered N | --from-roll)",
		`Add a report of registration: a dated count of registered voters. The requirement of a
petition is computed from one report (Elections Code §11221(b): the last report before the
petition form was approved). --from-roll counts the active and inactive voters of the
jurisdiction's current roll.`)
	c := m.commonFlags(fs, true)
	id := fs.String("id", "", "report id")
	j := fs.String("jurisdiction", "", "jurisdiction id")
	date := fs.String("date", "", "date of the report (YYYY-MM-DD)")
	n := fs.Int("registered", 0, "registered voters")
	fromRoll := fs.Bool("from-roll", false, "count the registered voters of the current roll")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	for _, f := range [][2]string{{"id", *id}, {"jurisdiction", *j}} {
		if err := need(f[0], f[1]); err != nil {
			return err
		}
	}
	d, err := parseDateFlag("date", *date)
	if err != nil {
		return err
	}
	if given(fs, "registered") == *fromRoll {
		return usageErr("give exactly one of --registered N and --from-roll")
	}
	s, err := m.open(ctx, c)
	if err != nil {
		return err
	}
	defer s.Store.Close()
	r, err := s.AddReport(ctx, signet.RegistrationReport{ID: *id, JurisdictionID: *j, Date: d, Registered: *n}, *fromRoll, *c.actor)
	if err != nil {
		return err
	}
	if c.isJSON() {
		return m.printJSON(map[string]any{"id": r.ID, "jurisdiction": r.JurisdictionID, "date": signet.FormatDate(r.Date), "registered": r.Registered, "source": r.Source})
	}
	fmt.Fprintf(m.Stdout, "report %s: %s registered voters in %s on %s (%s)\n", r.ID, commas(r.Registered), r.JurisdictionID, signet.FormatDate(r.Date), r.Source)
	return nil
}
