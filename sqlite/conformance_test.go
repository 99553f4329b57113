package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/sqlite"
	"github.com/signet-vote/signet/storetest"
)

// TestConformance runs the store contract's suite on the embedded store.
func TestConformance(t *testing.T) {
	storetest.Run(t, storetest.Harness{
		Open: func(t *testing.T, now func() time.Time) signet.Store {
			s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "signet.db"))
			if err != nil {
				t.Fatal(err)
			}
			s.Now = now
			return s
		},
		Exec: func(t *testing.T, s signet.Store, query string) {
			if _, err := s.(*sqlite.Store).DB().ExecContext(context.Background(), query); err != nil {
				t.Fatalf("%s: %v", query, err)
			}
		},
	})
}
