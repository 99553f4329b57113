package postgres

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// A serialization failure or a deadlock is tried again, with a longer wait each time, up to
// the limit; any other error, or success, ends it at once.
func TestRetry(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		code  string
		fails int
		calls int
		ok    bool
	}{
		{"40001", 2, 3, true},
		{"40P01", 1, 2, true},
		{"40001", 100, 8, false},
		{"23505", 100, 1, false},
	} {
		calls := 0
		err := retry(ctx, func() error {
			calls++
			if calls <= tc.fails {
				return fmt.Errorf("wrapped: %w", &pgconn.PgError{Code: tc.code})
			}
			return nil
		})
		if calls != tc.calls || (err == nil) != tc.ok {
			t.Errorf("%s failing %d times: %d calls, %v", tc.code, tc.fails, calls, err)
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := retry(ctx, func() error { return &pgconn.PgError{Code: "40001"} }); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled retry: %v", err)
	}
}
