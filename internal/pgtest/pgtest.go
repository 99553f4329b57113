// Package pgtest gives tests a PostgreSQL database of their own on the server that
// SIGNET_TEST_POSTGRES names (scripts/with-postgres starts one for the test suite).
package pgtest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// ServerEnv names the variable that holds the test server's URL: a database on it whose
// user may create databases. scripts/with-postgres starts a throwaway cluster and sets it
// (the README's test command runs the suite under it).
const ServerEnv = "SIGNET_TEST_POSTGRES"

// Missing is what a test run without a server says: how to get one.
func Missing() string {
	return fmt.Sprintf("%s is not set: the PostgreSQL tests need a server. Run them as\n"+
		"    scripts/with-postgres go test ./...\n"+
		"(it starts a throwaway cluster from the machine's PostgreSQL, installing it with apt-get if need be),\n"+
		"or set %s=postgres://user@host:port/db to a server whose user may create databases.", ServerEnv, ServerEnv)
}

// Main is a TestMain for packages whose tests all need the server: without one it fails
// the package at once, saying how to get one, rather than skipping in silence.
func Main(m *testing.M) {
	if os.Getenv(ServerEnv) == "" {
		fmt.Fprintln(os.Stderr, "FAIL: "+Missing())
		os.Exit(1)
	}
	os.Exit(m.Run())
}

// serverURL is the server's URL; without one the test fails, saying how to get one.
func serverURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv(ServerEnv)
	if u == "" {
		t.Fatal(Missing())
	}
	return u
}

var dbCount atomic.Int64

// FreshDB creates an empty database on the test server for one test and drops it when the
// test ends; it returns the database's URL.
func FreshDB(t testing.TB) string {
	t.Helper()
	ctx := context.Background()
	admin := serverURL(t)
	name := fmt.Sprintf("signet_t%d_%d", os.Getpid(), dbCount.Add(1))
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatalf("connect to %s: %v", ServerEnv, err)
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
