package web

import (
	"context"
	"log/slog"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/internal/pgtest"
	"github.com/signet-vote/signet/postgres"
	"github.com/signet-vote/signet/registrar"
	"github.com/signet-vote/signet/sqlite"
)

// The scenarios that write (the desks, the admin's pages, the campaign's, the jobs) run on
// both stores the CLI opens: each as a subtest per store (forEachStore), over a copy of the
// demo database of its own. On SQLite the copy is of the package's demo file; on
// PostgreSQL the demo is loaded once per package run into a database of the server
// SIGNET_TEST_POSTGRES names (loadDemo, the same code) and each test gets a copy of it
// (CREATE DATABASE … TEMPLATE). Without SIGNET_TEST_POSTGRES the PostgreSQL subtests fail,
// saying how to get a server, as TestOnPostgres does.

// demoStore is one of the stores the scenarios run on.
type demoStore struct {
	name string
	// open opens a copy of the demo database for one test (closed when the test ends) and
	// returns it with the demo's API tokens by role.
	open func(t *testing.T) (signet.Store, map[signet.Role]string)
	// shared opens the demo database itself where the store allows it (SQLite's file), else
	// a copy: for a test that only reads.
	shared func(t *testing.T) (signet.Store, map[signet.Role]string)
}

var demoStores = []demoStore{
	{name: "sqlite", open: func(t *testing.T) (signet.Store, map[signet.Role]string) {
		return openSQLite(t, copyDemo(t)), fixture.tokens
	}, shared: func(t *testing.T) (signet.Store, map[signet.Role]string) {
		return openSQLite(t, fixture.db), fixture.tokens
	}},
	{name: "postgres", open: openPostgresDemo, shared: openPostgresDemo},
}

// forEachStore runs a scenario on each store, as subtests named after them.
func forEachStore(t *testing.T, scenario func(t *testing.T, d demoStore)) {
	for _, d := range demoStores {
		t.Run(d.name, func(t *testing.T) { scenario(t, d) })
	}
}

// server is a test server over a copy of the demo database in the store; configure, when
// not nil, sets more of its Config.
func (d demoStore) server(t *testing.T, configure func(*Config)) *testServer {
	t.Helper()
	store, tokens := d.open(t)
	return serverOver(t, store, tokens, configure)
}

// reader is a test server over the demo database for a test that does not write to it.
func (d demoStore) reader(t *testing.T) *testServer {
	t.Helper()
	store, tokens := d.shared(t)
	return serverOver(t, store, tokens, nil)
}

// uploadServer is uploadServer over a copy of the demo database in the store.
func (d demoStore) uploadServer(t *testing.T, limit int64) (*testServer, string) {
	t.Helper()
	tmp := t.TempDir()
	ts := d.server(t, func(c *Config) { c.MaxUpload, c.TempDir = limit, tmp })
	ts.svc.Now = time.Now
	return ts, tmp
}

func openSQLite(t *testing.T, db string) signet.Store {
	t.Helper()
	store, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return store
}

// serverOver is a test server over a store the test opened, at the tests' clock, with the
// demo's tokens.
func serverOver(t *testing.T, store signet.Store, tokens map[signet.Role]string, configure func(*Config)) *testServer {
	t.Helper()
	svc := registrar.New(store)
	svc.Now = func() time.Time { return time.Date(2022, 8, 1, 9, 0, 0, 0, time.UTC) }
	svc.Passwords = fastPasswords
	logs := new(logBuffer)
	cfg := Config{Service: svc, Log: slog.New(slog.NewJSONHandler(logs, nil))}
	if configure != nil {
		configure(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() }) // the jobs end before the store closes
	return &testServer{t: t, svc: svc, srv: srv, log: logs, tokens: tokens}
}

// pgDemo is the demo loaded once into a PostgreSQL database, the template of the tests'
// copies; TestMain drops it.
var pgDemo struct {
	once   sync.Once
	url    string
	tokens map[signet.Role]string
	drop   func() error
	err    error
}

// openPostgresDemo opens a copy of the demo database on the test server (loading the demo
// the first time).
func openPostgresDemo(t *testing.T) (signet.Store, map[signet.Role]string) {
	t.Helper()
	pgDemo.once.Do(func() { pgDemo.err = loadPostgresDemo() })
	if pgDemo.err != nil {
		t.Fatal(pgDemo.err)
	}
	store, err := postgres.Open(context.Background(), pgtest.CopyDB(t, pgDemo.url))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return store, pgDemo.tokens
}

func loadPostgresDemo() error {
	ctx := context.Background()
	u, drop, err := pgtest.SharedDB()
	if err != nil {
		return err
	}
	pgDemo.url, pgDemo.drop = u, drop
	store, err := postgres.Open(ctx, u)
	if err != nil {
		return err
	}
	// Closed before it is copied: a template may have nobody connected.
	defer store.Close()
	dir, err := os.MkdirTemp("", "signet-web-pg-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	pgDemo.tokens, err = loadDemo(ctx, registrar.New(store), dir)
	return err
}

// dropPostgresDemo drops the PostgreSQL demo, if it was loaded.
func dropPostgresDemo() error {
	if pgDemo.drop == nil {
		return nil
	}
	return pgDemo.drop()
}
