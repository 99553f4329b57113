package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/internal/pgtest"
	"github.com/signet-vote/signet/postgres"
	"github.com/signet-vote/signet/storetest"
)

// TestConformance runs the store contract's suite on the server store.
func TestConformance(t *testing.T) {
	storetest.Run(t, storetest.Harness{
		Open: func(t *testing.T, now func() time.Time) signet.Store {
			s, err := postgres.Open(context.Background(), pgtest.FreshDB(t))
			if err != nil {
				t.Fatal(err)
			}
			s.Now = now
			return s
		},
		Exec: func(t *testing.T, s signet.Store, query string) {
			if _, err := s.(*postgres.Store).Pool().Exec(context.Background(), query); err != nil {
				t.Fatalf("%s: %v", query, err)
			}
		},
	})
}
