package postgres_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/internal/pgtest"
	"github.com/signet-vote/signet/postgres"
	"github.com/signet-vote/signet/registrar"
	"github.com/signet-vote/signet/storetest"
)

// cut ends every other connection to the database at dbURL, as an administrator's
// pg_terminate_backend or a failing network would.
func cut(t *testing.T, dbURL string) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Error(err)
		return
	}
	defer conn.Close(ctx)
	var n int
	if err := conn.QueryRow(ctx, `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
		WHERE datname = current_database() AND pid <> pg_backend_pid()`).Scan(&n); err != nil || n == 0 {
		t.Errorf("cut the connections: %d cut, %v", n, err)
	}
}

// cutWhileWaiting locks table and returns; then it ends the first connection that comes
// to wait for the lock (in the middle of its transaction), and lets go.
func cutWhileWaiting(t *testing.T, dbURL, table string) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Error(err)
		return
	}
	tx, err := conn.Begin(ctx)
	if err == nil {
		_, err = tx.Exec(ctx, `LOCK TABLE `+table+` IN ACCESS EXCLUSIVE MODE`)
	}
	if err != nil {
		t.Error(err)
		conn.Close(ctx)
		return
	}
	go func() {
		defer conn.Close(ctx)
		defer tx.Rollback(ctx)
		watch, err := pgx.Connect(ctx, dbURL)
		if err != nil {
			t.Error(err)
			return
		}
		defer watch.Close(ctx)
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
			var n int
			if err := watch.QueryRow(ctx, `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
				WHERE datname = current_database() AND wait_event_type = 'Lock'`).Scan(&n); err != nil {
				t.Error(err)
				return
			}
			if n > 0 {
				return
			}
		}
		t.Error("no transaction came to wait for the lock")
	}()
}

// rows yields n made-up voters.
func rows(n int) signet.VoterSource {
	i := 0
	return func() (signet.Voter, int, error) {
		if i == n {
			return signet.Voter{}, 0, io.EOF
		}
		i++
		return signet.Voter{ID: fmt.Sprintf("V%07d", i), FirstName: "ANN", LastName: "LEE",
			Residence: signet.Address{HouseNumber: fmt.Sprint(i), Street: "OAK DR", ZIP: "90001"}, Status: signet.StatusActive}, i + 1, nil
	}
}

// A connection lost in the middle of an import is an error that says nothing of the file
// was kept; running the import again lands it whole.
func TestConnectionLostDuringImport(t *testing.T) {
	ctx := context.Background()
	dbURL := pgtest.FreshDB(t)
	s, err := postgres.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	svc := registrar.New(s)
	if err := s.CreateJurisdiction(ctx, signet.Jurisdiction{ID: "j", Name: "J", ZIPs: []string{"90001"}}, "t"); err != nil {
		t.Fatal(err)
	}
	const n = 100_000
	next := rows(n)
	k := 0
	meta := signet.ImportMeta{FileName: "roll.csv", SHA256: "d", Actor: "t"}
	_, err = svc.ImportRoll(ctx, "j", meta, func() (signet.Voter, int, error) {
		if k++; k == n/2 {
			cut(t, dbURL)
		}
		return next()
	})
	if err == nil || !strings.Contains(err.Error(), "was lost while importing roll.csv: nothing of that was kept") {
		t.Fatalf("import with its connection cut: %v", err)
	}
	st, err := s.VoterStats(ctx, "j")
	if err != nil || st.Voters != 0 {
		t.Fatalf("after the lost import: %+v, %v", st, err)
	}
	if seq, _, err := s.AuditHead(ctx); err != nil || seq != 1 {
		t.Fatalf("after the lost import: %d events, %v", seq, err)
	}
	imp, err := svc.ImportRoll(ctx, "j", meta, rows(n))
	if err != nil || imp.Rows != n || imp.ID != 1 {
		t.Fatalf("the import again: %+v, %v", imp, err)
	}
	if _, err := s.VerifyAudit(ctx); err != nil {
		t.Fatal(err)
	}
}

// A connection lost in the middle of a count is an error that names what was kept (the
// batches stored before); running verify again finishes the count, with the verdicts and
// the audit log of a count never interrupted.
func TestConnectionLostDuringCount(t *testing.T) {
	ctx := context.Background()
	county := storetest.NewCounty(t)
	type run struct {
		verdicts []signet.VerdictRow
		events   []signet.Event
	}
	var runs [2]run
	for i, interrupt := range []bool{false, true} {
		dbURL := pgtest.FreshDB(t)
		s, err := postgres.Open(ctx, dbURL)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		clock := time.Date(2022, 7, 21, 9, 0, 0, 0, time.UTC)
		s.Now = func() time.Time { return clock }
		svc := registrar.New(s)
		svc.Now = s.Now
		county.SetUp(t, svc)
		var once sync.Once
		if interrupt {
			// After the first batch, the next one's transaction is made to wait for a
			// lock on the verdicts and its connection is ended while it waits.
			svc.Progress = func(stage string, done, total int) {
				if stage == "verifying" && done > 0 && done < total {
					once.Do(func() { cutWhileWaiting(t, dbURL, "verdicts") })
				}
			}
		}
		opts := registrar.VerifyOptions{Petition: "demo", Batch: 300}
		_, err = svc.Verify(ctx, opts)
		if interrupt {
			if err == nil || !strings.Contains(err.Error(), "stopped after storing the verdicts of 300 of its 1500 lines to verify, which are kept") ||
				!strings.Contains(err.Error(), "was lost while storing the verdicts of 300 lines") {
				t.Fatalf("count with its connection cut: %v", err)
			}
			t.Logf("the interrupted count says: %v", err)
			svc.Progress = nil
			_, err = svc.Verify(ctx, opts)
		}
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.VerifyAudit(ctx); err != nil {
			t.Fatal(err)
		}
		if err := s.EachVerdict(ctx, "demo", func(v signet.VerdictRow) { runs[i].verdicts = append(runs[i].verdicts, v) }); err != nil {
			t.Fatal(err)
		}
		if runs[i].events, err = s.Events(ctx, "", 0); err != nil {
			t.Fatal(err)
		}
	}
	a, b := runs[0], runs[1]
	if len(a.verdicts) != 1500 || fmt.Sprint(a.verdicts) != fmt.Sprint(b.verdicts) {
		t.Fatalf("verdicts: %d uninterrupted, %d after the lost connection; or they differ", len(a.verdicts), len(b.verdicts))
	}
	// The same events, bar the order of the duplicate rule's (a whole count strikes as it
	// goes, an interrupted one after): as many of each kind.
	kinds := func(evs []signet.Event) string {
		n := map[string]int{}
		for _, e := range evs {
			n[e.Kind]++
		}
		b, _ := json.Marshal(n)
		return string(b)
	}
	if kinds(a.events) != kinds(b.events) {
		t.Fatalf("events: uninterrupted %s, after the lost connection %s", kinds(a.events), kinds(b.events))
	}
}
