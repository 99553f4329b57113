package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// smallDemo stores a small demo in e's database.
func smallDemo(e *env) string {
	e.t.Helper()
	return e.ok("demo", "--voters", "3000", "--lines", "400", "--seed", "4", "--db", e.db, "--out", filepath.Join(e.dir, "world"))
}

var servingURL = regexp.MustCompile(`Serving on (http://127\.0\.0\.1:\d+)(/\S*)`)

// TestServeStopsOnSIGTERM starts "signet serve" as a process on a demo database, reads its
// pages and API, and stops it with SIGTERM: it exits 0, having logged each request as JSON.
func TestServeStopsOnSIGTERM(t *testing.T) {
	e := newEnv(t)
	out := smallDemo(e)
	if !strings.Contains(out, "See it in a browser: signet serve --db "+e.db+", then open http://127.0.0.1:8080/petitions/demo") {
		t.Errorf("a demo whose output is not a terminal does not say how to serve it:\n%s", out)
	}
	cmd := exec.Command(os.Args[0], "serve", "--db", e.db, "--addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "SIGNET_TEST_MAIN=1")
	var stderr syncBuffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	m := servingURL.FindStringSubmatch(line)
	if err != nil || m == nil {
		t.Fatalf("serve printed %q (%v); stderr: %s", line, err, stderr.String())
	}
	base := m[1]
	for path, want := range map[string]string{"/petitions/demo": "<h1>Petition demo</h1>", "/api/v1/petitions/demo/status": `"report"`, "/healthz": `"ok"`, "/": "demo-county"} {
		res, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.Contains(string(body), want) {
			t.Errorf("GET %s: %d, want %q in\n%.500s", path, res.StatusCode, want, body)
		}
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("serve after SIGTERM: %v; stderr: %s", err, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop within 15 s of SIGTERM")
	}
	logs := stderr.String()
	for _, w := range []string{`"msg":"request"`, `"route":"GET /petitions/{id}"`, `"status":200`, `"msg":"server stopped"`} {
		if !strings.Contains(logs, w) {
			t.Errorf("the log lacks %s:\n%s", w, logs)
		}
	}
}

// TestServeRefusals: serve opens an existing database only, and says so when the port is taken.
func TestServeRefusals(t *testing.T) {
	e := newEnv(t)
	if _, errs, code := e.run("serve", "--db", filepath.Join(e.dir, "none.db"), "--addr", "127.0.0.1:0"); code != ExitNotFound || !strings.Contains(errs, "does not exist") {
		t.Errorf("serve on no database: exit %d %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(e.dir, "none.db")); err == nil {
		t.Error("serve created a database")
	}
	if _, errs, code := e.run("serve", "--addr", "127.0.0.1:0", "extra"); code != ExitUsage {
		t.Errorf("serve with an argument: exit %d %s", code, errs)
	}
	e.ok("jurisdiction", "create", "--id", "x", "--name", "X", "--zips", "90001")
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	if _, errs, code := e.run("serve", "--addr", busy.Addr().String()); code != ExitConflict || !strings.Contains(errs, "cannot listen on") {
		t.Errorf("serve on a taken port: exit %d %s", code, errs)
	}
}

// syncBuffer is a buffer written by one goroutine and read by another.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestDemoServesOnATerminal: a demo whose output is a terminal ends by serving the demo
// petition at the URL it prints, until it is stopped; with --no-serve it exits at once.
func TestDemoServesOnATerminal(t *testing.T) {
	e := newEnv(t)
	var out, errs syncBuffer
	m := NewMain(strings.NewReader(""), &out, &errs)
	m.StdoutTerminal = true
	m.Getenv = func(string) string { return "" }
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	code := make(chan int, 1)
	go func() {
		code <- m.Exit(m.Run(ctx, []string{"demo", "--voters", "3000", "--lines", "400", "--seed", "4", "--db", e.db,
			"--out", filepath.Join(e.dir, "world"), "--addr", "127.0.0.1:0"}))
	}()
	var url []string
	for deadline := time.Now().Add(60 * time.Second); url == nil; time.Sleep(50 * time.Millisecond) {
		url = servingURL.FindStringSubmatch(out.String())
		select {
		case c := <-code:
			t.Fatalf("the demo exited %d without serving:\n%s\n%s", c, out.String(), errs.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("the demo did not serve:\n%s", out.String())
		}
	}
	if url[2] != "/petitions/demo" {
		t.Errorf("the demo printed %s", url[0])
	}
	res, err := http.Get(url[1] + url[2])
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), "<h1>Petition demo</h1>") {
		t.Errorf("GET %s: %d\n%.300s", url[0], res.StatusCode, body)
	}
	cancel()
	select {
	case c := <-code:
		if c != ExitOK {
			t.Errorf("the demo stopped with exit %d: %s", c, errs.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("the demo did not stop serving")
	}
	// --no-serve on a terminal: the demo ends when its work does.
	m2 := NewMain(strings.NewReader(""), &out, &errs)
	m2.StdoutTerminal = true
	m2.Getenv = func(string) string { return "" }
	done := make(chan int, 1)
	go func() {
		done <- m2.Exit(m2.Run(context.Background(), []string{"demo", "--voters", "3000", "--lines", "400", "--seed", "4", "--db", e.db,
			"--out", filepath.Join(e.dir, "world"), "--fresh", "--no-serve"}))
	}()
	select {
	case c := <-done:
		if c != ExitOK {
			t.Errorf("demo --no-serve: exit %d", c)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("demo --no-serve on a terminal did not end")
	}
}
