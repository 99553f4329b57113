package sqlite

import (
	"context"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/internal/storecodec"
)

// The packs hold the lines of two imports, across several chunks, exactly as the lines
// table does: Lines (read from the packs) equals the
// lines read through SQL, circulators, dates, flags and odd characters included.
func TestLinePacksMatchTheLinesTable(t *testing.T) {
	ctx := context.Background()
	n := storecodec.PackChunk + 1000
	s := newBenchStore(t, n)
	i := 0
	_, err := s.ImportLines(ctx, "p", signet.ImportMeta{FileName: "more.csv", SHA256: "y", Actor: "t"}, func() (signet.Line, int, error) {
		if i == 300 {
			return signet.Line{}, 0, io.EOF
		}
		i++
		l := signet.Line{SectionID: fmt.Sprintf("T%d", i/10), Circulator: "Zoë Ü", Number: i%10 + 1, PrintedName: "JOSÉ \"PEPE\" O'NEIL",
			Address:             signet.Address{HouseNumber: "12 1/2", Street: "W 5TH ST", Unit: "#3", City: "LOS ANGELES", ZIP: "90013-1234"},
			WithdrawalRequested: i%7 == 0, SignaturePresent: i%3 != 0}
		if i%5 != 0 {
			l.DateSigned = time.Date(2022, 2, 28+i%3, 0, 0, 0, 0, time.UTC)
		}
		return l, i + 1, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	packed, err := s.Lines(ctx, "p")
	if err != nil {
		t.Fatal(err)
	}
	viaSQL, err := s.lineRange(ctx, "p", 0, 1<<40, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(packed) != n+300 || len(viaSQL) != n+300 {
		t.Fatalf("%d lines from the packs, %d through SQL, want %d", len(packed), len(viaSQL), n+300)
	}
	if d := cmp.Diff(viaSQL, packed); d != "" {
		t.Fatalf("packed lines differ (-SQL +packs):\n%s", d)
	}
	// A damaged pack is an error, not lines made up.
	if _, err := s.db.ExecContext(ctx, `UPDATE line_packs SET data = substr(data, 1, length(data) - 5) WHERE chunk = 1`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Lines(ctx, "p"); err == nil {
		t.Fatal("a cut pack was read")
	}
}
