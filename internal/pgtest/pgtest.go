// Package pgtest gives tests a PostgreSQL database of their own on the server that
// SIGNET_TEST_POSTGRES names (scripts/with-postgres starts one for the test suite).
package pgtest

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
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
	return CopyDB(t, "")
}

// CopyDB creates a database on the test server for one test as a copy of the database at
// template (CREATE DATABASE … TEMPLATE: nobody may be connected to it meanwhile), or an
// empty one when template is "", and drops it when the test ends; it returns the copy's URL.
// A package's tests that each need the same loaded database load it once (SharedDB) and copy
// it, which costs a fraction of loading it again.
func CopyDB(t testing.TB, template string) string {
	t.Helper()
	u, drop, err := create(serverURL(t), template)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := drop(); err != nil {
			t.Error(err)
		}
	})
	return u
}

// SharedDB creates an empty database on the test server for a fixture that outlives one
// test (a template the package's tests copy with CopyDB); drop removes it. Without a server
// the error says how to get one.
func SharedDB() (dbURL string, drop func() error, err error) {
	admin := os.Getenv(ServerEnv)
	if admin == "" {
		return "", nil, errors.New(Missing())
	}
	return create(admin, "")
}

// create makes a database on the server at admin, copied from the database at template
// when it is not "", and returns its URL and what drops it.
func create(admin, template string) (string, func() error, error) {
	ctx := context.Background()
	name := fmt.Sprintf("signet_t%d_%d", os.Getpid(), dbCount.Add(1))
	u, err := url.Parse(admin)
	if err != nil {
		return "", nil, err
	}
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		return "", nil, fmt.Errorf("connect to %s: %v", ServerEnv, err)
	}
	defer conn.Close(ctx)
	q := `CREATE DATABASE ` + name
	if template != "" {
		t, err := url.Parse(template)
		if err != nil {
			return "", nil, err
		}
		q += ` TEMPLATE ` + pgx.Identifier{strings.TrimPrefix(t.Path, "/")}.Sanitize()
	}
	if _, err := conn.Exec(ctx, q); err != nil {
		return "", nil, fmt.Errorf("create a test database: %v", err)
	}
	drop := func() error {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, admin)
		if err != nil {
			return fmt.Errorf("drop %s: %v", name, err)
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`); err != nil {
			return fmt.Errorf("drop %s: %v", name, err)
		}
		return nil
	}
	u.Path = "/" + name
	return u.String(), drop, nil
}
