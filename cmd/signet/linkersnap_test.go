package main

import (
	"database/sql"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/signet-vote/signet/registrar"
)

// TestVerifyReadsTheLinkerSnapshot: a roll import stores fs-v1's snapshot and a count reads
// it; without one, or with a damaged one, the count builds the linker and stores its
// snapshot. The verdicts are the same whichever way the linker was made.
func TestVerifyReadsTheLinkerSnapshot(t *testing.T) {
	data := t.TempDir()
	w := synthWorld(t, data, 4000, 600)
	exec := func(e *env, query string) {
		t.Helper()
		db, err := sql.Open("sqlite", readDSN(e.db))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Exec(query); err != nil {
			t.Fatal(err)
		}
	}
	snapshot := func(e *env) string {
		t.Helper()
		db, err := sql.Open("sqlite", readDSN(e.db))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		rows, err := db.Query(`SELECT data FROM linker_snapshots WHERE linker = 'fs-v1' ORDER BY chunk`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var all []byte
		for rows.Next() {
			var b []byte
			if err := rows.Scan(&b); err != nil {
				t.Fatal(err)
			}
			all = append(all, b...)
		}
		return string(all)
	}
	var runs [][]string
	var snaps []string
	for _, c := range []struct {
		name, damage, from, warning string
	}{
		{"as imported", "", "snapshot", ""},
		{"without a snapshot", `DELETE FROM linker_snapshots`, "built", ""},
		{"with a damaged snapshot", `UPDATE linker_snapshots SET data = substr(data, 1, 1000) || zeroblob(16) || substr(data, 1017)`, "built", "cannot be read"},
	} {
		e := newEnv(t)
		e.setUp(data, w)
		if n := count(t, e.db, `SELECT count(*) FROM linker_snapshots WHERE linker = 'fs-v1'`); n == 0 {
			t.Fatalf("%s: the roll import stored no linker snapshot", c.name)
		}
		if c.damage != "" {
			exec(e, c.damage)
		}
		out, errs, code := e.run("verify", "--petition", "demo", "--json")
		if code != 0 {
			t.Fatalf("%s: verify: exit %d: %s", c.name, code, errs)
		}
		var res registrar.VerifyResult
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("%s: %v: %s", c.name, err, out)
		}
		if res.LinkerFrom != c.from {
			t.Errorf("%s: linker_from %q, want %q", c.name, res.LinkerFrom, c.from)
		}
		if _, stored := res.Stages["store_linker_snapshot"]; stored != (c.from == "built") {
			t.Errorf("%s: stages %v", c.name, res.Stages)
		}
		if c.warning != "" && !strings.Contains(errs, c.warning) {
			t.Errorf("%s: stderr %q does not say %q", c.name, errs, c.warning)
		}
		// The snapshot a count stores is the one the import stored.
		snap := snapshot(e)
		if len(snaps) > 0 && snap != snaps[0] {
			t.Errorf("%s: the snapshot stored after the count differs from the one the import stored", c.name)
		}
		snaps = append(snaps, snap)
		runs = append(runs, verdicts(t, e.db))
	}
	for i := 1; i < len(runs); i++ {
		if diff := cmp.Diff(runs[0], runs[i]); diff != "" {
			t.Errorf("verdicts differ from those of the linker read from its snapshot:\n%s", diff)
		}
	}
}
