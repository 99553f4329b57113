package registrar_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/registrar"
	"github.com/signet-vote/signet/sqlite"
)

// newOffice is the engine over a fresh SQLite store of the test's own, closed at its end.
func newOffice(t *testing.T) *registrar.Service {
	t.Helper()
	store, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "signet.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return registrar.New(store)
}

// day is a date written YYYY-MM-DD; a test's own mistake panics.
func day(d string) time.Time {
	t, err := signet.ParseDate(d)
	if err != nil {
		panic(err)
	}
	return t
}
