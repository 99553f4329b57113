package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/signet-vote/signet"
)

func (m *Main) runJurisdiction(ctx context.Context, args []string) error {
	name, args, err := sub(args, "create", "show", "list")
	if err != nil {
		return err
	}
	switch name {
	case "create":
		fs := m.flags("jurisdiction create", "--id J --name NAME (--zips Z1,Z2,... | --zips-file FILE)",
			`Create a jurisdiction: the area a petition belongs to and the ZIP codes inside it.
A line whose ZIP is not one of them is out_of_county.`)
		c := m.commonFlags(fs, true)
		id := fs.String("id", "", "jurisdiction id, e.g. los-angeles-county")
		title := fs.String("name", "", "jurisdiction name")
		zips := fs.String("zips", "", "comma-separated ZIP codes inside the jurisdiction")
		zipsFile := fs.String("zips-file", "", "file with ZIP codes, one per line or comma-separated")
		if _, err := parse(fs, args); err != nil {
			return err
		}
		if err := need("id", *id); err != nil {
			return err
		}
		list, err := readZIPs(*zips, *zipsFile)
		if err != nil {
			return err
		}
		j := signet.Jurisdiction{ID: *id, Name: *title, ZIPs: list}
		if j.Name == "" {
			j.Name = j.ID
		}
		s, err := m.openCreating(ctx, c)
		if err != nil {
			return err
		}
		defer s.Store.Close()
		if err := s.CreateJurisdiction(ctx, j, *c.actor); err != nil {
			return err
		}
		if c.isJSON() {
			return m.printJSON(map[string]any{"id": j.ID, "name": j.Name, "zips": len(j.ZIPs)})
		}
		fmt.Fprintf(m.Stdout, "created jurisdiction %s (%s) with %d ZIP codes\n", j.ID, j.Name, len(j.ZIPs))
		return nil
	case "show":
		fs := m.flags("jurisdiction show", "--id J", "Show a jurisdiction, its ZIP codes and its registration reports.")
		c := m.commonFlags(fs, true)
		id := fs.String("id", "", "jurisdiction id")
		s, err := m.openFor(ctx, fs, args, c, "id")
		if err != nil {
			return err
		}
		defer s.Store.Close()
		j, err := s.Store.Jurisdiction(ctx, *id)
		if err != nil {
			return err
		}
		reps, err := s.Store.Reports(ctx, *id)
		if err != nil {
			return err
		}
		if c.isJSON() {
			rs := []map[string]any{}
			for _, r := range reps {
				rs = append(rs, map[string]any{"id": r.ID, "date": signet.FormatDate(r.Date), "registered": r.Registered, "source": r.Source})
			}
			return m.printJSON(map[string]any{"id": j.ID, "name": j.Name, "zips": j.ZIPs, "reports": rs})
		}
		fmt.Fprintf(m.Stdout, "%s — %s\nZIP codes (%d): %s\n", j.ID, j.Name, len(j.ZIPs), strings.Join(j.ZIPs, " "))
		for _, r := range reps {
			fmt.Fprintf(m.Stdout, "report %s: %s registered on %s (%s)\n", r.ID, commas(r.Registered), signet.FormatDate(r.Date), r.Source)
		}
		return nil
	default:
		fs := m.flags("jurisdiction list", "", "List the jurisdictions.")
		c := m.commonFlags(fs, true)
		s, err := m.openFor(ctx, fs, args, c)
		if err != nil {
			return err
		}
		defer s.Store.Close()
		js, err := s.Store.Jurisdictions(ctx)
		if err != nil {
			return err
		}
		if c.isJSON() {
			out := []map[string]string{}
			for _, j := range js {
				out = append(out, map[string]string{"id": j.ID, "name": j.Name})
			}
			return m.printJSON(out)
		}
		for _, j := range js {
			fmt.Fprintf(m.Stdout, "%s\t%s\n", j.ID, j.Name)
		}
		return nil
	}
}

// readZIPs reads ZIP codes from a comma list and/or a file (signet.ParseZIPs reads each:
// five digits, duplicates dropped).
func readZIPs(list, file string) ([]string, error) {
	out, err := signet.ParseZIPs(list)
	if err != nil {
		return nil, usageErr("--zips: %v", err)
	}
	if file != "" {
		f, err := os.Open(file)
		if err != nil {
			return nil, signet.Errorf(signet.ENotFound, "%v", err)
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		n := 0
		for sc.Scan() {
			n++
			zs, err := signet.ParseZIPs(sc.Text())
			if err != nil {
				return nil, signet.Errorf(signet.EInvalid, "%s: line %d: %v", file, n, err)
			}
			out = append(out, zs...)
		}
		if err := sc.Err(); err != nil {
			return nil, err
		}
	}
	out, _ = signet.ParseZIPs(strings.Join(out, ",")) // drops the file's duplicates of the list's
	if len(out) == 0 {
		return nil, usageErr("a jurisdiction needs its ZIP codes: give --zips or --zips-file")
	}
	return out, nil
}
