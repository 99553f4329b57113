package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/signet-vote/signet/internal/pgtest"
)

// rawStoreWords are a driver's words, which a message meant for people never holds;
// createTable finds the schema's tables in the migrations.
var (
	createTable   = regexp.MustCompile(`(?i)CREATE TABLE (\w+)`)
	rawStoreWords = []string{"constraint", "sqlstate", "violates", "pq:", "pgx", "pgconn", "sqlite", "duplicate key", "key (", "foreign key", "unique", "syntax error"}
)

// rawStoreText returns what finds the store's own text in a message: a driver's words, a
// table's column as SQLite names one ("verdicts.petition_id") or a table as PostgreSQL
// does ("lines"); "" when there is none.
func rawStoreText(t *testing.T) func(s string) string {
	t.Helper()
	var tables []string
	for _, glob := range []string{"../../sqlite/migrations/*.sql", "../../postgres/migrations/*.sql"} {
		files, err := filepath.Glob(glob)
		if err != nil || len(files) == 0 {
			t.Fatalf("no migrations in %s: %v", glob, err)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range createTable.FindAllStringSubmatch(string(b), -1) {
				tables = append(tables, regexp.QuoteMeta(m[1]))
			}
		}
	}
	col := regexp.MustCompile(`\b(` + strings.Join(tables, "|") + `)\.[a-z_]+\b|"(` + strings.Join(tables, "|") + `)"`)
	return func(s string) string {
		low := strings.ToLower(s)
		for _, w := range rawStoreWords {
			if strings.Contains(low, w) {
				return w
			}
		}
		// File names in the messages are table names with an extension: lines.csv.
		for _, m := range col.FindAllString(s, -1) {
			if !strings.HasSuffix(m, ".csv") && !strings.HasSuffix(m, ".db") {
				return m
			}
		}
		return ""
	}
}

// The test's own eye: it sees each store's words, and not a file named like a table.
func TestRawStoreTextIsSeen(t *testing.T) {
	raw := rawStoreText(t)
	for _, s := range []string{
		"constraint failed: UNIQUE constraint failed: verdicts.petition_id, verdicts.seq (1555)",
		"FOREIGN KEY constraint failed (787)",
		`ERROR: duplicate key value violates unique constraint "lines_petition_id_line_id_key" (SQLSTATE 23505)`,
		"(Key (petition_id, line_id)=(p, S1-7) already exists.)",
		`insert or update on table "sample_lines"`,
		"lines.line_id",
	} {
		if raw(s) == "" {
			t.Errorf("%q is not seen as the store's text", s)
		}
	}
	for _, s := range []string{"lines.csv: line 3, column line_number", "petition \"p\" has no line \"S9-9\"", "DB: voters.csv"} {
		if w := raw(s); w != "" {
			t.Errorf("%q is taken for the store's text (%q)", s, w)
		}
	}
}

// The last resort: a refusal of the database that reaches the door without a name (no
// layer said what it was) is still said as a refusal of its kind, with its exit code, and
// not in the driver's words. The errors are the drivers' own, from a real database.
func TestUnnamedRefusalIsNotRaw(t *testing.T) {
	raw := rawStoreText(t)
	ctx := context.Background()
	stmts := []string{`CREATE TABLE parent (id TEXT PRIMARY KEY, n INTEGER NOT NULL CHECK (n >= 0))`,
		`CREATE TABLE child (parent_id TEXT NOT NULL REFERENCES parent(id))`, `INSERT INTO parent VALUES ('a', 1)`}
	cases := []struct {
		stmt string
		code int
		want string
	}{
		{`INSERT INTO parent VALUES ('a', 2)`, ExitConflict, "what this command wrote conflicts with what is stored (it is there already); nothing of it was kept"},
		{`INSERT INTO child VALUES ('b')`, ExitNotFound, "what this command wrote names a record that is not stored"},
		{`INSERT INTO parent VALUES ('c', -1)`, ExitInvalid, "what this command wrote holds a value the database does not accept"},
		{`INSERT INTO parent VALUES ('d', NULL)`, ExitInvalid, "what this command wrote holds a value the database does not accept"},
	}
	check := func(store string, exec func(string) error) {
		for _, q := range stmts {
			if err := exec(q); err != nil {
				t.Fatalf("%s: %s: %v", store, q, err)
			}
		}
		for _, c := range cases {
			err := exec(c.stmt)
			if err == nil {
				t.Fatalf("%s: %s was not refused", store, c.stmt)
			}
			var out, errb strings.Builder
			code := NewMain(strings.NewReader(""), &out, &errb).Exit(fmt.Errorf("store something: %w", err))
			if code != c.code || !strings.Contains(errb.String(), c.want) || raw(errb.String()) != "" {
				t.Errorf("%s: %s (%v): exit %d, %q; want exit %d, %q", store, c.stmt, err, code, errb.String(), c.code, c.want)
			}
		}
	}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(t.TempDir(), "x.db")+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	check("SQLite", func(q string) error { _, err := db.ExecContext(ctx, q); return err })
	conn, err := pgx.Connect(ctx, pgtest.FreshDB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	check("PostgreSQL", func(q string) error { _, err := conn.Exec(ctx, q); return err })
}
