package main

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/internal/benchref"
	"github.com/signet-vote/signet/synth"
)

// benchImportResult is what "signet bench import --json" prints; its first four keys are a
// contract.
type benchImportResult struct {
	Rows               int     `json:"rows"`
	SignetRowsPerS     float64 `json:"signet_rows_per_s"`
	ReferenceRowsPerS  float64 `json:"reference_rows_per_s"`
	Ratio              float64 `json:"ratio"`
	Store              string  `json:"store"`
	Reference          string  `json:"reference"`
	SignetSeconds      float64 `json:"signet_seconds"`
	ReferenceSeconds   float64 `json:"reference_seconds"`
	GenerateSeconds    float64 `json:"generate_seconds"`
	Cores              int     `json:"cores"`
	PeakRSSBytes       int64   `json:"peak_rss_bytes,omitempty"`
	LinkerSnapshotMade bool    `json:"linker_snapshot_made"`
}

func (m *Main) runBenchImport(ctx context.Context, args []string) error {
	fs := m.flags("bench import", "--rows N [--db sqlite|URL] [--seed S] [--dir DIR] [--json]",
		`Measure a roll import beside the database's own bulk loader, in one run on one file.
Generates a synthetic roll of N voters (signet synth, timed apart), then times "signet voters
import" of it (every row validated, the snapshot and its packs stored, the linker's snapshot
built and stored) and the reference: the sqlite3 shell's .import of the same file into a
plain table of a new database (--db sqlite), or psql's \copy into a plain table of text
columns (--db postgres://..., a database that holds no Signet data: what the benchmark
stores is removed at the end). ratio is Signet's rows per second over the reference's.`)
	rows := fs.Int("rows", 1_000_000, "voters in the roll")
	seed := fs.Int64("seed", 1, "the generator's seed")
	db := fs.String("db", "sqlite", "the store: sqlite (a file in --dir) or a postgres:// URL")
	dir := fs.String("dir", "", "keep the roll in this directory (default: a temporary one, removed)")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *rows < 10 {
		return usageErr("--rows %d: want at least 10", *rows)
	}
	work, cleanup, err := benchDir(*dir)
	if err != nil {
		return err
	}
	defer cleanup()
	res := benchImportResult{Rows: *rows, Cores: runtime.NumCPU(), Store: "sqlite", Reference: "sqlite3 .import"}
	if isServerDB(*db) {
		res.Store, res.Reference = "postgres", `psql \copy`
	}
	cfg := synth.DefaultConfig()
	cfg.Voters, cfg.Lines, cfg.Seed = *rows, min(1000, *rows/10), *seed
	out := filepath.Join(work, "county")
	start := time.Now()
	if _, err := m.generate(cfg, out); err != nil {
		return err
	}
	res.GenerateSeconds = time.Since(start).Seconds()
	m.stage(start, "generated a roll of %s voters", commas(*rows))
	w, err := readWorld(out)
	if err != nil {
		return err
	}
	path := filepath.Join(out, "voters.csv")

	s, _, done, err := m.openBenchDB(ctx, *db, work)
	if err != nil {
		return err
	}
	defer done()
	if err := s.CreateJurisdiction(ctx, signet.Jurisdiction{ID: "bench", Name: w.Jurisdiction.Name, ZIPs: w.Jurisdiction.ZIPs}, "signet bench"); err != nil {
		return err
	}
	runtime.GC()
	start = time.Now()
	imp, err := m.importVoters(ctx, s, "bench", path, "", "signet bench", false)
	if err != nil {
		return err
	}
	res.SignetSeconds = time.Since(start).Seconds()
	res.PeakRSSBytes = peakRSS()
	snap, err := s.Store.LinkerSnapshot(ctx, imp.ID, "fs-v1")
	if err != nil {
		return err
	}
	res.LinkerSnapshotMade = len(snap) > 0
	m.stage(start, "signet voters import: %s rows", commas(imp.Rows))

	start = time.Now()
	var took time.Duration
	if res.Store == "postgres" {
		took, err = benchref.PostgreSQL(ctx, *db, path)
	} else {
		took, err = benchref.SQLite(ctx, work, path)
	}
	if err != nil {
		return err
	}
	res.ReferenceSeconds = took.Seconds()
	m.stage(start, "reference: %s", res.Reference)
	res.SignetRowsPerS = float64(*rows) / res.SignetSeconds
	res.ReferenceRowsPerS = float64(*rows) / res.ReferenceSeconds
	res.Ratio = res.SignetRowsPerS / res.ReferenceRowsPerS
	if *asJSON {
		return m.printJSON(res)
	}
	fmt.Fprintf(m.Stdout, "bench import: %s rows on %s, %d cores\n", commas(*rows), res.Store, res.Cores)
	fmt.Fprintf(m.Stdout, "  signet voters import  %6.2fs  %10s rows/s  (linker snapshot %v, peak memory %.2f GiB)\n",
		res.SignetSeconds, commas(int(res.SignetRowsPerS)), res.LinkerSnapshotMade, float64(res.PeakRSSBytes)/(1<<30))
	fmt.Fprintf(m.Stdout, "  %-20s  %6.2fs  %10s rows/s\n", res.Reference, res.ReferenceSeconds, commas(int(res.ReferenceRowsPerS)))
	fmt.Fprintf(m.Stdout, "  ratio %.3f\n", res.Ratio)
	return nil
}
