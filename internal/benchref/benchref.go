// Package benchref times the reference a store's bulk load is measured against: the
// database's own command-line loader putting a CSV file into a plain table of text columns
// (the sqlite3 shell's .import, psql's \copy), with no checks and no indexes.
package benchref

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// SQLite times the sqlite3 shell importing the CSV file at path into a new table of a new
// database file in dir.
func SQLite(ctx context.Context, dir, path string) (time.Duration, error) {
	if _, err := exec.LookPath("sqlite3"); err != nil {
		return 0, fmt.Errorf("the reference needs the sqlite3 shell (apt-get install -y sqlite3): %w", err)
	}
	db := filepath.Join(dir, "reference.db")
	os.Remove(db)
	defer os.Remove(db)
	cmd := exec.CommandContext(ctx, "sqlite3", db)
	cmd.Stdin = strings.NewReader(".mode csv\n.import " + quote(path) + " reference\n")
	return run(cmd)
}

// PostgreSQL times psql copying the CSV file at path into a new table of text columns in
// the database at dbURL (\copy: the file streamed from the client, as a store's COPY is),
// then drops the table.
func PostgreSQL(ctx context.Context, dbURL, path string) (time.Duration, error) {
	if _, err := exec.LookPath("psql"); err != nil {
		return 0, fmt.Errorf("the reference needs psql (apt-get install -y postgresql-client): %w", err)
	}
	cols, err := header(path)
	if err != nil {
		return 0, err
	}
	defs := make([]string, len(cols))
	for i := range cols {
		defs[i] = fmt.Sprintf("c%d text", i)
	}
	const table = "signet_bench_reference"
	psql := func(command string) *exec.Cmd {
		return exec.CommandContext(ctx, "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", dbURL, "-c", command)
	}
	if _, err := run(psql(`DROP TABLE IF EXISTS ` + table + `; CREATE TABLE ` + table + ` (` + strings.Join(defs, ", ") + `)`)); err != nil {
		return 0, err
	}
	defer run(psql(`DROP TABLE IF EXISTS ` + table))
	return run(psql(`\copy ` + table + ` FROM ` + quote(path) + ` WITH (FORMAT csv, HEADER true)`))
}

// run times a command, with its output in the error when it fails.
func run(cmd *exec.Cmd) (time.Duration, error) {
	start := time.Now()
	out, err := cmd.CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("%s: %v: %s", filepath.Base(cmd.Path), err, strings.TrimSpace(string(out)))
	}
	return time.Since(start), nil
}

// header is the CSV file's first row.
func header(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return csv.NewReader(bufio.NewReader(f)).Read()
}

// quote puts a path in single quotes for the shells' commands.
func quote(path string) string { return "'" + strings.ReplaceAll(path, "'", "''") + "'" }
