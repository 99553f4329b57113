package postgres_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/signet-vote/signet/postgres"
)

// The tests need a PostgreSQL server: SIGNET_TEST_POSTGRES is the URL of a database on it
// whose user may create databases. scripts/with-postgres starts a throwaway cluster and
// sets it (the README's test command runs the suite under it).
const serverEnv = "SIGNET_TEST_POSTGRES"

// serverURL is the server's URL; without one the test fails, saying how to get one.
func serverURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv(serverEnv)
	if u == "" {
		t.Fatalf("%s is not set: run the tests under scripts/with-postgres", serverEnv)
	}
	return u
}

// TestMain fails the package at once, saying how to get a server, when there is none:
// the PostgreSQL half of the suite is never skipped in silence.
func TestMain(m *testing.M) {
	if os.Getenv(serverEnv) == "" {
		fmt.Fprintf(os.Stderr, "FAIL: %s is not set: the PostgreSQL store's tests need a server. Run them as\n"+
			"    scripts/with-postgres go test ./postgres/\n"+
			"(it starts a throwaway cluster from the machine's PostgreSQL, installing it with apt-get if need be),\n"+
			"or set %s=postgres://user@host:port/db to a server whose user may create databases.\n", serverEnv, serverEnv)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

var dbCount atomic.Int64

// freshDB creates an empty database on the test server for one test and drops it when the
// test ends; it returns the database's URL.
func freshDB(t testing.TB) string {
	t.Helper()
	ctx := context.Background()
	admin := serverURL(t)
	name := fmt.Sprintf("signet_t%d_%d", os.Getpid(), dbCount.Add(1))
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatalf("connect to %s: %v", serverEnv, err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `CREATE DATABASE `+name); err != nil {
		t.Fatalf("create a test database: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, admin)
		if err != nil {
			t.Errorf("drop %s: %v", name, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`); err != nil {
			t.Errorf("drop %s: %v", name, err)
		}
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// openStore opens a store on a fresh database.
func openStore(t testing.TB) *postgres.Store {
	t.Helper()
	s, err := postgres.Open(context.Background(), freshDB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
