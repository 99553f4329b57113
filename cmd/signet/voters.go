package main

import (
	"context"
	"fmt"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/registrar"
)

func (m *Main) runVoters(ctx context.Context, args []string) error {
	name, args, err := sub(args, "import", "stats")
	if err != nil {
		return err
	}
	if name == "stats" {
		fs := m.flags("voters stats", "--jurisdiction J", "Count the voters of a jurisdiction's current roll by status.")
		c := m.commonFlags(fs, true)
		j := fs.String("jurisdiction", "", "jurisdiction id")
		s, err := m.openFor(ctx, fs, args, c, "jurisdiction")
		if err != nil {
			return err
		}
		defer s.Store.Close()
		st, err := s.Store.VoterStats(ctx, *j)
		if err != nil {
			return err
		}
		if c.isJSON() {
			return m.printJSON(st)
		}
		fmt.Fprintf(m.Stdout, "%s: %s voters (%s active, %s inactive, %s cancelled; %s registered) in snapshot %d\n",
			*j, commas(st.Voters), commas(st.Active), commas(st.Inactive), commas(st.Cancelled), commas(st.Registered), st.Snapshot)
		return nil
	}
	fs := m.flags("voters import", "--jurisdiction J [--columns field=header,...] [--new-snapshot] FILE.csv",
		`Import a voter roll file as the jurisdiction's current roll. The file is read as a stream and
kept whole or not at all: any malformed row refuses the whole file, naming its line and column.
Importing a file whose content was imported before is refused unless --new-snapshot is given.
The import then builds the fs-v1 linker over the new roll and stores its snapshot with it, so
that every count against the roll reads the linker instead of building it.
Default headers: voter_id, first_name, middle_name, last_name, suffix, house_number, street,
unit, city, zip, registration_date, status, cancelled_date, birth_date, prior_house_number,
prior_street, prior_unit, prior_city, prior_zip, prior_until (docs/formats.md).`)
	c := m.commonFlags(fs, true)
	j := fs.String("jurisdiction", "", "jurisdiction id")
	cols := fs.String("columns", "", "map fields to other header names: field=header,...")
	snap := fs.Bool("new-snapshot", false, "import a file imported before as a new snapshot")
	defer m.tightGC()() // the import builds the linker over the roll
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := need("jurisdiction", *j); err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("voters import takes one file")
	}
	s, err := m.open(ctx, c)
	if err != nil {
		return err
	}
	defer s.Store.Close()
	start := time.Now()
	imp, err := m.importVoters(ctx, s, *j, pos[0], *cols, *c.actor, *snap)
	if err != nil {
		return err
	}
	if c.isJSON() {
		return m.printJSON(map[string]any{"snapshot": imp.ID, "jurisdiction": *j, "voters": imp.Rows, "sha256": imp.SHA256, "seconds": time.Since(start).Seconds()})
	}
	fmt.Fprintf(m.Stdout, "imported %s voters into %s (snapshot %d) in %.1fs\n", commas(imp.Rows), *j, imp.ID, time.Since(start).Seconds())
	return nil
}

func (m *Main) importVoters(ctx context.Context, s *registrar.Service, jurisdiction, path, cols, actor string, snapshot bool) (signet.RollImport, error) {
	in, err := m.openCSV(path, csvVoterSchema, cols, actor)
	if err != nil {
		return signet.RollImport{}, err
	}
	defer in.close()
	in.meta.NewSnapshot = snapshot
	return s.ImportRoll(ctx, jurisdiction, in.meta, in.r.Voters())
}
