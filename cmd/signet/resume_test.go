package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/signet-vote/signet/registrar"
	"github.com/signet-vote/signet/sqlite"
	"github.com/signet-vote/signet/synth"
)

// synthWorld writes a small synthetic county once per test into dir.
func synthWorld(t *testing.T, dir string, voters, lines int) world {
	t.Helper()
	cfg := synth.DefaultConfig()
	cfg.Voters, cfg.Lines, cfg.Seed = voters, lines, 11
	if _, err := synth.Generate(cfg, dir, nil); err != nil {
		t.Fatal(err)
	}
	var w world
	b, err := os.ReadFile(filepath.Join(dir, "world.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &w); err != nil {
		t.Fatal(err)
	}
	return w
}

// setUp runs every step of the demo but the verification, through the commands. The
// registration report counts the roll, or says registered[0] voters when given.
func (e *env) setUp(dir string, w world, registered ...int) {
	e.ok("jurisdiction", "create", "--id", "demo-county", "--name", w.Jurisdiction.Name, "--zips", strings.Join(w.Jurisdiction.ZIPs, ","))
	e.ok("voters", "import", "--jurisdiction", "demo-county", filepath.Join(dir, "voters.csv"))
	if len(registered) > 0 {
		e.ok("registration", "add", "--id", "r", "--jurisdiction", "demo-county", "--date", "2022-01-01", "--registered", fmt.Sprint(registered[0]))
	} else {
		e.ok("registration", "add", "--id", "r", "--jurisdiction", "demo-county", "--date", "2022-01-01", "--from-roll")
	}
	e.ok("petition", "create", "--id", "demo", "--jurisdiction", "demo-county", "--report", "r", "--approved", w.Approved, "--cutoff", "filing_date")
	e.ok("lines", "import", "--petition", "demo", filepath.Join(dir, "lines.csv"))
	e.ok("petition", "file", "--petition", "demo", "--date", w.Filed)
	e.ok("review", "import", "--petition", "demo", filepath.Join(dir, "signatures.csv"))
}

// readDSN opens a database the test reads while verify writes it: a reader may meet a
// lock for a moment (a commit, a checkpoint) and waits for it rather than failing.
func readDSN(path string) string { return "file:" + path + "?_pragma=busy_timeout(10000)" }

// verdicts reads a database's verdicts, without the times, one string per line.
func verdicts(t *testing.T, path string) []string {
	t.Helper()
	db, err := sql.Open("sqlite", readDSN(path))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT seq, line_id, valid, reason, sub_reason, base_reason, notes, voter_id, score, decided_by FROM verdicts ORDER BY seq`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var seq, valid int
		var line, reason, sub, base, notes, voter, by string
		var score float64
		if err := rows.Scan(&seq, &line, &valid, &reason, &sub, &base, &notes, &voter, &score, &by); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint(seq, line, valid, reason, sub, base, notes, voter, score, by))
	}
	return out
}

func count(t *testing.T, path, query string) int {
	t.Helper()
	db, err := sql.Open("sqlite", readDSN(path))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestVerifyKilledAndResumed kills a verification process with SIGKILL part-way, re-runs it,
// and compares the result with an uninterrupted run: nothing half-written, no line twice.
// interrupted are the counts of the database at db that a stop interrupted.
func interrupted(t *testing.T, db string) []string {
	t.Helper()
	store, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ids, err := registrar.New(store).InterruptedCounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func TestVerifyKilledAndResumed(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process")
	}
	const lines, batch = 1500, 50
	data := t.TempDir()
	w := synthWorld(t, data, 8000, lines)

	whole := newEnv(t)
	whole.setUp(data, w)
	whole.ok("verify", "--petition", "demo")

	// The count runs in a process of its own, to be killed once it has stored a few
	// batches. A count that could not get that far (on a machine loaded by the rest of the
	// suite) is tried again on a fresh database, its output logged; three misses fail.
	var killed *env
	var cmd *exec.Cmd
	var exited chan error
	for attempt := 1; ; attempt++ {
		var ok bool
		killed, cmd, exited, ok = startCount(t, data, w, batch)
		if ok {
			break
		}
		if attempt == 3 {
			t.Fatal("three counts in a row could not be caught part-way (see the log above)")
		}
	}
	// A second count while the first runs is refused at once, naming the first.
	if _, errs, code := killed.run("verify", "--petition", "demo"); code != ExitConflict ||
		!strings.Contains(errs, "petition demo is being counted by tester (process "+fmt.Sprint(cmd.Process.Pid)+" on ") {
		t.Errorf("a second count: exit %d %s", code, errs)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-exited
	done := count(t, killed.db, `SELECT count(*) FROM verdicts`)
	if done == 0 || done >= lines {
		t.Fatalf("the kill came at %d of %d verdicts: not part-way", done, lines)
	}
	if done%batch != 0 {
		t.Fatalf("%d verdicts after the kill: a batch of %d was kept in part", done, batch)
	}
	// Each stored verdict has its event, and each the duplicate rule struck in its batch
	// (a later line of a voter whose earlier line was known) the rule's event too.
	struck := count(t, killed.db, `SELECT count(*) FROM verdicts WHERE reason = 'duplicate'`)
	if ev := count(t, killed.db, `SELECT count(*) FROM events WHERE kind = 'verdict'`); ev != done+struck || struck == 0 {
		t.Fatalf("%d verdict events for %d verdicts, %d of them struck as duplicates", ev, done, struck)
	}
	killed.ok("audit", "verify")
	if got := interrupted(t, killed.db); len(got) != 1 || got[0] != "demo" {
		t.Errorf("the counts a stop interrupted: %v, want [demo]", got)
	}

	var res registrar.VerifyResult
	killed.json(&res, "verify", "--petition", "demo")
	if got := interrupted(t, killed.db); len(got) != 0 {
		t.Errorf("the counts a stop interrupted, after the count: %v", got)
	}
	if res.Verified != lines-done {
		t.Errorf("the resumed run verified %d lines, want the %d left", res.Verified, lines-done)
	}
	a, b := verdicts(t, whole.db), verdicts(t, killed.db)
	if len(a) != lines || len(b) != lines {
		t.Fatalf("verdicts: %d uninterrupted, %d resumed, want %d", len(a), len(b), lines)
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("verdict %d differs:\nuninterrupted %s\nresumed       %s", i+1, a[i], b[i])
		}
	}
	// Each line got exactly one verdict event from the linker (or a reviewer): none was
	// decided twice. The duplicate rule logged as many changes either way.
	rule := `SELECT count(*) FROM events WHERE kind = 'verdict' AND actor LIKE 'signet verify (duplicate rule%'`
	if n := count(t, killed.db, `SELECT count(*) FROM events WHERE kind = 'verdict'`) - count(t, killed.db, rule); n != lines {
		t.Errorf("%d linker verdict events in the resumed run for %d lines", n, lines)
	}
	if n, m := count(t, killed.db, rule), count(t, whole.db, rule); n != m || n == 0 {
		t.Errorf("duplicate rule events: %d resumed, %d uninterrupted", n, m)
	}
	var r1, r2 reportJSON
	whole.json(&r1, "report", "--petition", "demo")
	killed.json(&r2, "report", "--petition", "demo")
	if fmt.Sprint(r1) != fmt.Sprint(r2) {
		t.Errorf("reports differ:\n%+v\n%+v", r1, r2)
	}
	killed.ok("audit", "verify")
}

// A full count strikes duplicates as it stores the lines (law.DuplicateTracker) and then skips
// the rule over the whole petition: that rule, run afterwards, must find nothing left to
// change, under either policy.
func TestDuplicateRuleHasNothingLeft(t *testing.T) {
	data := t.TempDir()
	w := synthWorld(t, data, 6000, 1200)
	for _, policy := range []string{"keep_first", "strike_all"} {
		e := newEnv(t)
		e.vars["SIGNET_VERIFY_BATCH"] = "100" // many batches: lines of a voter in different ones
		e.ok("jurisdiction", "create", "--id", "demo-county", "--name", w.Jurisdiction.Name, "--zips", strings.Join(w.Jurisdiction.ZIPs, ","))
		e.ok("voters", "import", "--jurisdiction", "demo-county", filepath.Join(data, "voters.csv"))
		e.ok("registration", "add", "--id", "r", "--jurisdiction", "demo-county", "--date", "2022-01-01", "--from-roll")
		e.ok("petition", "create", "--id", "demo", "--jurisdiction", "demo-county", "--report", "r", "--approved", w.Approved, "--duplicates", policy)
		e.ok("lines", "import", "--petition", "demo", filepath.Join(data, "lines.csv"))
		e.ok("petition", "file", "--petition", "demo", "--date", w.Filed)
		var first, again registrar.VerifyResult
		e.json(&first, "verify", "--petition", "demo")
		if first.Verified != 1200 || first.DuplicatesChanged == 0 {
			t.Fatalf("%s: verified %d lines, %d struck as duplicates", policy, first.Verified, first.DuplicatesChanged)
		}
		if _, ran := first.Stages["duplicate_rule"]; ran {
			t.Errorf("%s: the full count ran the duplicate rule again", policy)
		}
		e.json(&again, "verify", "--petition", "demo")
		if again.Verified != 0 || again.DuplicatesChanged != 0 {
			t.Errorf("%s: run again, verify decided %d lines and the rule changed %d verdicts", policy, again.Verified, again.DuplicatesChanged)
		}
		want := count(t, e.db, `SELECT count(*) FROM verdicts WHERE reason = 'duplicate'`)
		if want != first.DuplicatesChanged {
			t.Errorf("%s: %d duplicates stored, %d struck", policy, want, first.DuplicatesChanged)
		}
	}
}

// startCount sets up a fresh database and starts a count of it in a process of its own, with
// batches of batch lines and a pause after each; it returns once four batches are stored,
// or ok false (the process killed, its output logged) when the count ended first or did not
// get that far within a minute.
func startCount(t *testing.T, data string, w world, batch int) (killed *env, cmd *exec.Cmd, exited chan error, ok bool) {
	t.Helper()
	killed = newEnv(t)
	killed.setUp(data, w)
	cmd = exec.Command(os.Args[0], "verify", "--petition", "demo", "--db", killed.db)
	cmd.Env = append(os.Environ(), "SIGNET_TEST_MAIN=1", fmt.Sprintf("SIGNET_VERIFY_BATCH=%d", batch), "SIGNET_VERIFY_PAUSE_MS=40", "SIGNET_ACTOR=tester")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited = make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	// One reading connection, asked every 20 ms: a new connection every few milliseconds
	// was most of what the test cost the count it watches.
	poll, err := sql.Open("sqlite", readDSN(killed.db))
	if err != nil {
		t.Fatal(err)
	}
	defer poll.Close()
	poll.SetMaxOpenConns(1)
	start := time.Now()
	for {
		var done int
		if err := poll.QueryRow(`SELECT count(*) FROM verdicts`).Scan(&done); err != nil {
			t.Logf("reading the count's progress: %v", err)
		}
		if done >= 4*batch {
			return killed, cmd, exited, true
		}
		select {
		case err := <-exited:
			t.Logf("the count ended (%v) after %s with %d verdicts, before it could be killed part-way:\n%s", err, time.Since(start), done, out.String())
			return nil, nil, nil, false
		default:
		}
		if time.Since(start) > time.Minute {
			cmd.Process.Signal(syscall.SIGKILL)
			<-exited
			t.Logf("after %s the count had stored %d verdicts:\n%s", time.Since(start), done, out.String())
			return nil, nil, nil, false
		}
		time.Sleep(20 * time.Millisecond)
	}
}
