package sqlite

import (
	"context"
	"database/sql"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/signet-vote/signet"
)

func open(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestOpenSetsWALAndForeignKeysAndMigratesOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	s := open(t, path)
	var mode string
	var fk int
	if err := s.db.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v", mode, err)
	}
	if err := s.db.QueryRow(`PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign_keys = %d, %v", fk, err)
	}
	s.Close()
	s = open(t, path)
	files, _ := migrations.ReadDir("migrations")
	var n, distinct int
	if err := s.db.QueryRow(`SELECT count(*), count(DISTINCT version) FROM schema_migrations`).Scan(&n, &distinct); err != nil || n != len(files) || distinct != n {
		t.Errorf("%d migrations recorded (%d distinct) for %d files, %v", n, distinct, len(files), err)
	}
	// Foreign keys hold: a petition needs its jurisdiction.
	err := s.CreatePetition(context.Background(), signet.Petition{ID: "p", JurisdictionID: "nowhere", ReportID: "r"}, "t")
	if signet.Code(err) != signet.ENotFound {
		t.Errorf("petition without a jurisdiction: %v", err)
	}
}

// voters yields n voters; the one at index bad (if any) repeats the first voter's id.
func voters(n, bad int) signet.VoterSource {
	i := 0
	return func() (signet.Voter, int, error) {
		if i == n {
			return signet.Voter{}, 0, io.EOF
		}
		i++
		id := "V" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + time.Duration(i).String()
		if i == bad {
			id = "V" + "x" + "b" + time.Duration(1).String()
		}
		return signet.Voter{ID: id, FirstName: "A", LastName: "B", Residence: signet.Address{HouseNumber: "1", Street: "S", ZIP: "90001"},
			Status: signet.StatusActive}, i + 1, nil
	}
}

// TestRefusedBulkImportKeepsNothing: a voter id repeated in the third group of 256 rows
// (the engine names its line before a roll reaches a store; the store's unique key is the
// backstop) refuses the whole import, and the next import lands whole.
func TestRefusedBulkImportKeepsNothing(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "s.db"))
	if err := s.CreateJurisdiction(ctx, signet.Jurisdiction{ID: "j", Name: "J", ZIPs: []string{"90001"}}, "t"); err != nil {
		t.Fatal(err)
	}
	// Row 700 (file line 701) repeats the id of row 1.
	_, err := s.ImportVoters(ctx, "j", signet.ImportMeta{FileName: "f.csv", SHA256: "x"}, voters(1000, 700))
	if signet.Code(err) != signet.EInvalid || err.Error() != "f.csv: a voter id appears more than once in the file" {
		t.Fatalf("error = %v", err)
	}
	st, err := s.VoterStats(ctx, "j")
	if err != nil || st.Voters != 0 {
		t.Fatalf("after a refused import: %+v, %v", st, err)
	}
	imp, err := s.ImportVoters(ctx, "j", signet.ImportMeta{FileName: "f.csv", SHA256: "y"}, voters(1000, 0))
	if err != nil || imp.Rows != 1000 {
		t.Fatalf("import = %+v, %v", imp, err)
	}
	r, err := s.OpenRoll(ctx, imp)
	if err != nil || r.Len() != 1000 {
		t.Fatalf("OpenRoll = %v, %v", r, err)
	}
	if n, err := s.VerifyAudit(ctx); err != nil || n != 2 {
		t.Fatalf("audit: %d events, %v", n, err)
	}
}

// TestPageSize: a new database gets the larger page size, and one made with SQLite's
// default keeps its own (a page size cannot change under WAL without a VACUUM).
func TestPageSize(t *testing.T) {
	ctx := context.Background()
	pageSize := func(s *Store) int {
		var n int
		if err := s.db.QueryRow(`PRAGMA page_size`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if got := pageSize(open(t, filepath.Join(t.TempDir(), "new.db"))); got != 16384 {
		t.Errorf("new database: page size %d", got)
	}
	old := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", "file:"+old)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`PRAGMA page_size = 4096; PRAGMA journal_mode = WAL; CREATE TABLE t (x)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s := open(t, old)
	if got := pageSize(s); got != 4096 {
		t.Errorf("existing database: page size %d, made with 4096", got)
	}
	if err := s.CreateJurisdiction(ctx, signet.Jurisdiction{ID: "j", Name: "J", ZIPs: []string{"90001"}}, "t"); err != nil {
		t.Fatal(err)
	}
	if n, err := s.VerifyAudit(ctx); err != nil || n != 1 {
		t.Fatalf("audit: %d events, %v", n, err)
	}
}

// The roll import turns foreign keys off on the writer connection; they are on again after
// it, whether the import landed or was refused.
func TestImportLeavesForeignKeysOn(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "s.db"))
	if err := s.CreateJurisdiction(ctx, signet.Jurisdiction{ID: "j", Name: "J", ZIPs: []string{"90001"}}, "t"); err != nil {
		t.Fatal(err)
	}
	for i, src := range []signet.VoterSource{voters(300, 200), voters(300, 0)} {
		s.ImportVoters(ctx, "j", signet.ImportMeta{FileName: "f.csv", SHA256: strconv.Itoa(i)}, src)
		var fk int
		if err := s.wconn.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
			t.Fatalf("after import %d: foreign_keys = %d, %v", i, fk, err)
		}
	}
}
