package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// pgCount runs a query that counts on the database at dbURL.
func pgCount(t *testing.T, dbURL, query string) int {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int
	if err := conn.QueryRow(ctx, query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// pgVerdicts reads a PostgreSQL database's verdicts, without the times, one string per line.
func pgVerdicts(t *testing.T, dbURL string) []string {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT seq, line_id, valid, reason, sub_reason, base_reason, notes, voter_id, score, decided_by, candidates, decision FROM verdicts ORDER BY seq`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var seq int64
		var valid int16
		var line, reason, sub, base, notes, voter, by, cands, decision string
		var score float64
		if err := rows.Scan(&seq, &line, &valid, &reason, &sub, &base, &notes, &voter, &score, &by, &cands, &decision); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint(seq, line, valid, reason, sub, base, notes, voter, score, by, cands, decision))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// verifiers starts n "signet verify" processes on the database of e, sharing a count.
func verifiers(t *testing.T, e *env, n int, env ...string) []*exec.Cmd {
	t.Helper()
	var cmds []*exec.Cmd
	for i := 0; i < n; i++ {
		cmd := exec.Command(os.Args[0], "verify", "--petition", "demo", "--db", e.db, "--stuck-after", "1s", "--json")
		cmd.Env = append(append(os.Environ(), "SIGNET_TEST_MAIN=1", "SIGNET_VERIFY_BATCH=100", "SIGNET_ACTOR=tester"), env...)
		var out, errs strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &errs
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			cmd.Process.Kill()
			cmd.Wait()
		})
		cmds = append(cmds, cmd)
	}
	return cmds
}

// wait waits for the processes to end, failing unless each exits 0.
func wait(t *testing.T, cmds []*exec.Cmd) {
	t.Helper()
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("verify process %d: %v\n%s%s", i, err, cmd.Stdout, cmd.Stderr)
		}
	}
}

// Three processes sharing a count store what one process stores, line for line; a process
// killed in the middle of a shared count loses nothing: the others take over its batch.
func TestSharedCountOnPostgres(t *testing.T) {
	const lines = 1500
	data := t.TempDir()
	w := synthWorld(t, data, 8000, lines)

	// The reference: one process of the embedded store.
	ref := newEnv(t)
	ref.setUp(data, w)
	ref.ok("verify", "--petition", "demo")
	want := verdicts(t, ref.db)
	var wantReport reportJSON
	ref.json(&wantReport, "report", "--petition", "demo")

	check := func(name string, e *env) {
		t.Helper()
		got := pgVerdicts(t, e.db)
		if len(got) != lines {
			t.Fatalf("%s: %d verdicts for %d lines", name, len(got), lines)
		}
		for i := range want {
			// The embedded store's reference leaves out candidates and decision.
			if !strings.HasPrefix(got[i], want[i]) {
				t.Fatalf("%s: verdict %d differs:\none process (SQLite) %s\n%-20s %s", name, i+1, want[i], name, got[i])
			}
		}
		var r reportJSON
		e.json(&r, "report", "--petition", "demo")
		if fmt.Sprint(r) != fmt.Sprint(wantReport) {
			t.Fatalf("%s: report %+v, want %+v", name, r, wantReport)
		}
		if !strings.Contains(e.ok("audit", "verify"), "intact") {
			t.Fatalf("%s: the audit log is not intact", name)
		}
		// One linker verdict event a line: none decided twice, none lost.
		linker := pgCount(t, e.db, `SELECT count(*) FROM events WHERE kind = 'verdict' AND actor NOT LIKE 'signet verify (duplicate rule%'`)
		if linker != lines {
			t.Fatalf("%s: %d linker verdict events for %d lines", name, linker, lines)
		}
	}

	one := pgEnv(t)
	one.setUp(data, w)
	wait(t, verifiers(t, one, 1))
	check("one process", one)
	oneVerdicts := pgVerdicts(t, one.db)

	three := pgEnv(t)
	three.setUp(data, w)
	// Batches of 50 lines, each taking a while, so that all three processes are working
	// before the first could finish the count alone, however loaded the machine.
	wait(t, verifiers(t, three, 3, "SIGNET_VERIFY_BATCH=50", "SIGNET_VERIFY_PAUSE_MS=300"))
	check("three processes", three)
	if got := pgVerdicts(t, three.db); strings.Join(got, "\n") != strings.Join(oneVerdicts, "\n") {
		t.Fatal("three processes stored other verdicts than one")
	}
	// Each of the three did a share: the batches were claimed, not all by one.
	if n := pgCount(t, three.db, `SELECT count(DISTINCT attempted_by[1]) FROM river_job WHERE state = 'completed'`); n < 2 {
		t.Errorf("the batches were worked by %d process(es), want several", n)
	}

	// A process that has stored some batches is killed while it holds two more; two
	// processes started after it finish the count, taking over its two once River finds
	// them stuck.
	killed := pgEnv(t)
	killed.setUp(data, w)
	victim := verifiers(t, killed, 1, "SIGNET_VERIFY_PAUSE_MS=300")[0]
	deadline := time.Now().Add(60 * time.Second)
	for pgCount(t, killed.db, `SELECT count(*) FROM verdicts`) < 200 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if err := victim.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	victim.Wait()
	done := pgCount(t, killed.db, `SELECT count(*) FROM verdicts`)
	if done >= lines || done%100 != 0 {
		t.Fatalf("%d verdicts when the process was killed: not part-way, or a batch kept in part", done)
	}
	if n := pgCount(t, killed.db, `SELECT count(*) FROM river_job WHERE state = 'running'`); n == 0 {
		t.Fatal("the killed process held no batch")
	}
	start := time.Now()
	wait(t, verifiers(t, killed, 2))
	t.Logf("killed with %d lines stored; two processes finished the count in %.1fs", done, time.Since(start).Seconds())
	if n := pgCount(t, killed.db, `SELECT count(*) FROM river_job WHERE attempt > 1 AND state = 'completed'`); n == 0 {
		t.Error("no batch was taken over from the killed process")
	}
	check("a killed process", killed)
}

// bench match measures the server store too: the same county gives the same accuracy, and
// what the benchmark stored is removed from the database at the end.
func TestBenchMatchOnPostgres(t *testing.T) {
	e := pgEnv(t)
	var sq, pg benchResult
	e.json(&sq, "bench", "match", "--voters", "20000", "--lines", "2000", "--seed", "9", "--dir", filepath.Join(e.dir, "sqlite"))
	e.json(&pg, "bench", "match", "--voters", "20000", "--lines", "2000", "--seed", "9", "--dir", filepath.Join(e.dir, "pg"), "--db", e.db)
	if pg.Store != "postgres" || sq.Store != "sqlite" || pg.Seconds <= 0 || pg.LinkerFrom != "snapshot" {
		t.Fatalf("bench on postgres = %+v", pg)
	}
	if pg.Precision != sq.Precision || pg.Recall != sq.Recall || fmt.Sprint(pg.Reasons) != fmt.Sprint(sq.Reasons) {
		t.Errorf("the stores disagree: sqlite %+v, postgres %+v", sq, pg)
	}
	if n := pgCount(t, e.db, `SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'`); n != 0 {
		t.Errorf("the benchmark left %d tables in the database", n)
	}
	// A database with Signet data in it is refused.
	e.ok("jurisdiction", "create", "--id", "j", "--name", "J", "--zips", "90001")
	if _, errs, code := e.run("bench", "match", "--voters", "2000", "--lines", "200", "--db", e.db); code != ExitConflict || !strings.Contains(errs, "a database of its own") {
		t.Errorf("bench into a database in use: exit %d %s", code, errs)
	}
}

// bench import prints its contract's keys, measured beside the database's own loader, on
// both stores.
func TestBenchImport(t *testing.T) {
	e := pgEnv(t)
	for _, db := range []string{"sqlite", e.db} {
		var raw map[string]any
		e.json(&raw, "bench", "import", "--rows", "3000", "--db", db)
		for _, k := range []string{"rows", "signet_rows_per_s", "reference_rows_per_s", "ratio"} {
			if v, ok := raw[k].(float64); !ok || v <= 0 {
				t.Errorf("--db %s: %s = %v", dbLabel(db), k, raw[k])
			}
		}
		if raw["rows"] != 3000.0 || raw["linker_snapshot_made"] != true {
			t.Errorf("--db %s: %v", dbLabel(db), raw)
		}
		r := raw["ratio"].(float64)
		if want := raw["signet_rows_per_s"].(float64) / raw["reference_rows_per_s"].(float64); r < want*0.999 || r > want*1.001 {
			t.Errorf("--db %s: ratio %v, want %v", dbLabel(db), r, want)
		}
	}
	if _, _, code := e.run("bench", "import", "--rows", "5"); code != ExitUsage {
		t.Errorf("--rows 5: exit %d", code)
	}
}
