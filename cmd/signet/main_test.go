package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestMain lets a test start this test binary as the signet program: with SIGNET_TEST_MAIN=1
// it runs Main on the remaining arguments instead of the tests.
func TestMain(m *testing.M) {
	if os.Getenv("SIGNET_TEST_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// env is a test's environment: a temp dir with a database.
type env struct {
	t   *testing.T
	dir string
	db  string
	mu  sync.Mutex // guards now
	now time.Time
	// fixed stops the clock: every call gets now, so that runs whose goroutines ask
	// the clock in different orders still stamp the same times.
	fixed bool
	vars  map[string]string
	// stdin is what the program reads on its standard input.
	stdin string
}

func newEnv(t *testing.T) *env {
	dir := t.TempDir()
	return &env{t: t, dir: dir, db: filepath.Join(dir, "test.db"), now: time.Date(2022, 7, 21, 9, 0, 0, 0, time.UTC), vars: map[string]string{}}
}

// run runs signet in-process with --db set through SIGNET_DB.
func (e *env) run(args ...string) (stdout, stderr string, code int) {
	e.t.Helper()
	var out, errb bytes.Buffer
	m := NewMain(strings.NewReader(e.stdin), &out, &errb)
	m.Getenv = func(k string) string {
		if v, ok := e.vars[k]; ok {
			return v
		}
		switch k {
		case "SIGNET_DB":
			return e.db
		case "SIGNET_ACTOR":
			return "tester"
		}
		return ""
	}
	// verify asks the clock from its linking goroutines.
	m.Now = func() time.Time {
		e.mu.Lock()
		defer e.mu.Unlock()
		if !e.fixed {
			e.now = e.now.Add(time.Millisecond)
		}
		return e.now
	}
	code = m.Exit(m.Run(context.Background(), args))
	return out.String(), errb.String(), code
}

// ok runs signet and fails the test unless it exits 0.
func (e *env) ok(args ...string) string {
	e.t.Helper()
	out, errs, code := e.run(args...)
	if code != 0 {
		e.t.Fatalf("signet %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, out, errs)
	}
	return out
}

// json runs signet with --json and decodes its output.
func (e *env) json(v any, args ...string) {
	e.t.Helper()
	out := e.ok(append(args, "--json")...)
	if err := json.Unmarshal([]byte(out), v); err != nil {
		e.t.Fatalf("signet %s: output is not JSON: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// write writes a file in the env's directory and returns its path.
func (e *env) write(name, content string) string {
	e.t.Helper()
	p := filepath.Join(e.dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		e.t.Fatal(err)
	}
	return p
}
