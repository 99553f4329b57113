package main

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/internal/pgtest"
	"github.com/signet-vote/signet/postgres"
	"github.com/signet-vote/signet/sqlite"
)

// pgEnv is an env whose --db is a fresh PostgreSQL database.
func pgEnv(t *testing.T) *env {
	e := newEnv(t)
	e.db = pgtest.FreshDB(t)
	return e
}

// head is the audit chain's head of the store behind an env.
func head(t *testing.T, e *env) (int64, string) {
	seq, hash, _ := chain(t, e)
	return seq, hash
}

// chain is the head and the events of the store behind an env.
func chain(t *testing.T, e *env) (int64, string, []signet.Event) {
	t.Helper()
	ctx := context.Background()
	var s signet.Store
	var err error
	if postgres.IsURL(e.db) {
		s, err = postgres.Open(ctx, e.db)
	} else {
		s, err = sqlite.Open(ctx, e.db)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	seq, hash, err := s.AuditHead(ctx)
	if err != nil {
		t.Fatal(err)
	}
	evs, err := s.Events(ctx, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	return seq, hash, evs
}

// The demo on PostgreSQL prints what it prints on SQLite for the same seed, and leaves the
// same audit chain: the same events, the same head.
func TestDemoOnPostgresMatchesSQLite(t *testing.T) {
	var reports [2]string
	var heads [2]string
	var logs [2][]signet.Event
	// One directory for the files of both: their names are in the events.
	world := filepath.Join(t.TempDir(), "world")
	for i, e := range []*env{newEnv(t), pgEnv(t)} {
		e.fixed = true
		out := e.ok("demo", "--voters", "20000", "--lines", "2500", "--seed", "3", "--db", e.db, "--out", world)
		// The last paragraph names the database and the time taken.
		reports[i] = strings.ReplaceAll(out[:strings.LastIndex(out, "\nDone in ")], dbLabel(e.db), "DB")
		seq, hash, evs := chain(t, e)
		heads[i], logs[i] = hash, evs
		if seq < 2500 {
			t.Fatalf("store %d: %d events", i, seq)
		}
		if !strings.Contains(e.ok("audit", "verify"), "intact") {
			t.Fatalf("store %d: the audit log is not intact", i)
		}
	}
	if reports[0] != reports[1] {
		t.Errorf("the demo's report differs:\n--- SQLite\n%s\n--- PostgreSQL\n%s", reports[0], reports[1])
	}
	if heads[0] != heads[1] {
		t.Errorf("audit heads differ: SQLite %s, PostgreSQL %s", heads[0], heads[1])
		for k := 0; k < min(len(logs[0]), len(logs[1])); k++ {
			a, b := logs[0][k], logs[1][k]
			if a.Hash != b.Hash {
				t.Fatalf("first differing event:\nSQLite     %d %s %s %s %s %s\nPostgreSQL %d %s %s %s %s %s", a.Seq, a.At, a.Kind, a.Actor, a.Subject, a.Payload,
					b.Seq, b.At, b.Kind, b.Actor, b.Subject, b.Payload)
			}
		}
	}
}

// took matches the time a command says it took.
var took = regexp.MustCompile(`in [0-9.]+s`)

// Bad input gets the same answer on both stores: the same message, the same exit code,
// nothing kept.
func TestRefusalsMatchOnBothStores(t *testing.T) {
	type result struct {
		out, errs string
		code      int
	}
	var results [2][]result
	for i, e := range []*env{newEnv(t), pgEnv(t)} {
		lines := strings.Split(tinyVoters, "\n")
		lines[4] = strings.Replace(lines[4], "2022-07-10", "2022-02-30", 1)
		badDate := e.write("bad.csv", strings.Join(lines, "\n"))
		bad := strings.Replace(tinyLines, "2022-03-01,yes,no\nS2,Circ B,4", "2022-03-01,perhaps,no\nS2,Circ B,4", 1)
		for _, args := range [][]string{
			{"jurisdiction", "create", "--id", "tiny", "--name", "Tiny County", "--zips", "90012,90013"},
			{"jurisdiction", "create", "--id", "tiny", "--name", "Again", "--zips", "90012"},
			{"voters", "import", "--jurisdiction", "tiny", badDate},
			{"voters", "import", "--jurisdiction", "tiny", e.write("dup.csv", tinyVoters+"V3,ANN,,LEE,,300,OAK DR,,,90012,2010-01-01,active,,\n")},
			{"voters", "stats", "--jurisdiction", "tiny", "--json"},
			{"voters", "import", "--jurisdiction", "nowhere", e.write("voters.csv", tinyVoters)},
			{"voters", "import", "--jurisdiction", "tiny", e.write("voters.csv", tinyVoters)},
			{"voters", "import", "--jurisdiction", "tiny", e.write("voters.csv", tinyVoters)},
			{"registration", "add", "--id", "r1", "--jurisdiction", "tiny", "--date", "2022-01-01", "--registered", "1000"},
			{"petition", "create", "--id", "p", "--kind", "local-recall", "--jurisdiction", "tiny", "--rules", "ca-local-recall", "--report", "r1", "--approved", "2022-01-27"},
			{"petition", "create", "--id", "p", "--kind", "local-recall", "--jurisdiction", "tiny", "--rules", "ca-local-recall", "--report", "r1", "--approved", "2022-01-27"},
			{"lines", "import", "--petition", "p", e.write("badlines.csv", bad)},
			{"lines", "import", "--petition", "nope", e.write("lines.csv", tinyLines)},
			{"lines", "import", "--petition", "p", e.write("lines.csv", tinyLines)},
			{"lines", "import", "--petition", "p", e.write("lines.csv", tinyLines)},
			{"verify", "--petition", "p"},
			{"petition", "file", "--petition", "p", "--date", "2022-03-20"},
			{"petition", "file", "--petition", "p", "--date", "2022-03-21"},
			{"review", "decide", "--petition", "p", "--line", "S9-9", "--signature", "match"},
			{"verify", "--petition", "p", "--json"},
			{"report", "--petition", "p", "--json"},
			{"line", "show", "--petition", "p", "--line", "S1-2"},
			{"audit", "verify"},
		} {
			out, errs, code := e.run(args...)
			errs = strings.ReplaceAll(strings.ReplaceAll(errs, e.db, "DB"), e.dir, "DIR")
			results[i] = append(results[i], result{out, errs, code})
		}
	}
	for k := range results[0] {
		a, b := results[0][k], results[1][k]
		if a.code != b.code || a.errs != b.errs || (!strings.Contains(a.out, "seconds") && took.ReplaceAllString(a.out, "") != took.ReplaceAllString(b.out, "")) {
			t.Errorf("step %d: SQLite exit %d %q %q; PostgreSQL exit %d %q %q", k, a.code, a.errs, a.out, b.code, b.errs, b.out)
		}
	}
}
