package sqlite

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/internal/storecodec"
)

// A roll of three packs reads back voter by voter, ids and all, through PackedRoll; a pack
// whose bytes were cut short is refused with the snapshot and pack named.
func TestPackedRollSpansPacks(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "s.db"))
	if err := s.CreateJurisdiction(ctx, signet.Jurisdiction{ID: "j", Name: "J", ZIPs: []string{"90001"}}, "t"); err != nil {
		t.Fatal(err)
	}
	n := 2*storecodec.PackChunk + 100
	var want []signet.Voter
	src := voters(n, 0)
	if _, err := s.ImportVoters(ctx, "j", signet.ImportMeta{FileName: "f.csv", SHA256: "x"}, func() (signet.Voter, int, error) {
		v, line, err := src()
		if err == nil {
			v.MiddleName = strconv.Itoa(line)
			want = append(want, v)
		}
		return v, line, err
	}); err != nil {
		t.Fatal(err)
	}
	imp, err := s.CurrentRoll(ctx, "j")
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.OpenRoll(ctx, imp)
	if err != nil || r.Len() != n || imp.Rows != n {
		t.Fatalf("OpenRoll = %d voters (snapshot of %d), %v", r.Len(), imp.Rows, err)
	}
	var v signet.Voter
	for _, i := range []int{0, 1, storecodec.PackChunk - 1, storecodec.PackChunk, 2 * storecodec.PackChunk, n - 1} {
		r.Read(i, &v)
		if d := cmp.Diff(want[i], v); d != "" || r.ID(i) != want[i].ID {
			t.Fatalf("voter %d (id %q) (-want +got):\n%s", i, r.ID(i), d)
		}
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE roll_packs SET data = substr(data, 1, length(data) - 2) WHERE chunk = 1`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.OpenRoll(ctx, imp); err == nil || !strings.Contains(err.Error(), "pack 1") {
		t.Fatalf("a cut pack: %v", err)
	}
}
