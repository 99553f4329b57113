package sqlite_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/internal/storecodec"
	"github.com/signet-vote/signet/registrar"
	"github.com/signet-vote/signet/sqlite"
	"github.com/signet-vote/signet/storetest"
)

// The count reads lines and voters from packed copies of the rows; an edit of a pack alone
// (the record left as imported) is found and named as an edit of the copy the count reads,
// with the value the import recorded.
func TestAuditFindsAnAlteredPack(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		alter func(t *testing.T, s *sqlite.Store)
		want  []string
	}{
		{"line pack", alterLinePack, []string{"lines of petition demo: line ", "(position 3): printed_name is ", `X" in the copy the count reads, but event `}},
		{"roll pack", alterRollPack, []string{"voters of roll snapshot 1 of demo-county: voter ", ": street is ", `X" in the copy the count reads, but event `}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "signet.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			clock := time.Date(2022, 7, 21, 9, 0, 0, 0, time.UTC)
			s.Now = func() time.Time { return clock }
			svc := &registrar.Service{Store: s, Now: s.Now}
			storetest.NewCounty(t).SetUp(t, svc)
			if _, err := svc.Audit(ctx, registrar.AuditOptions{}); err != nil {
				t.Fatalf("before: %v", err)
			}
			tc.alter(t, s)
			_, err = svc.Audit(ctx, registrar.AuditOptions{})
			for _, w := range tc.want {
				if err == nil || !strings.Contains(err.Error(), w) {
					t.Errorf("%v\nwant an error naming %q", err, w)
				}
			}
		})
	}
}

// alterLinePack appends an X to the printed name of line 3 in its pack.
func alterLinePack(t *testing.T, s *sqlite.Store) {
	var imp, chunk int64
	var data []byte
	db := s.DB()
	if err := db.QueryRow(`SELECT import_id, chunk, data FROM line_packs WHERE petition_id = 'demo' ORDER BY import_id, chunk LIMIT 1`).Scan(&imp, &chunk, &data); err != nil {
		t.Fatal(err)
	}
	lines, err := storecodec.DecodeLines(nil, data, "demo")
	if err != nil {
		t.Fatal(err)
	}
	lines[2].PrintedName += "X"
	var p storecodec.Pack
	for i := range lines {
		p.AddLine(lines[i].Seq, &lines[i])
	}
	if _, err := db.Exec(`UPDATE line_packs SET data = ? WHERE import_id = ? AND chunk = ?`, p.Buf, imp, chunk); err != nil {
		t.Fatal(err)
	}
}

// alterRollPack appends an X to the street of the tenth voter of the first roll pack.
func alterRollPack(t *testing.T, s *sqlite.Store) {
	var n int
	var data []byte
	db := s.DB()
	if err := db.QueryRow(`SELECT voters, data FROM roll_packs WHERE import_id = 1 AND chunk = 0`).Scan(&n, &data); err != nil {
		t.Fatal(err)
	}
	roll := storecodec.NewPackedRoll(n)
	if err := roll.AddChunk(0, n, data); err != nil {
		t.Fatal(err)
	}
	var p storecodec.Pack
	for i := 0; i < n; i++ {
		var v signet.Voter
		roll.Read(i, &v)
		if i == 9 {
			v.Residence.Street += "X"
		}
		p.AddVoter(&v)
	}
	if _, err := db.Exec(`UPDATE roll_packs SET data = ? WHERE import_id = 1 AND chunk = 0`, p.Buf); err != nil {
		t.Fatal(err)
	}
}
