package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/registrar"
	"github.com/signet-vote/signet/web"
)

// defaultAddr is where the web application listens unless told otherwise: this machine only.
const defaultAddr = "127.0.0.1:8080"

// shutdownGrace is how long requests in flight may take to finish once the server is told
// to stop.
const shutdownGrace = 10 * time.Second

func (m *Main) runServe(ctx context.Context, args []string) error {
	fs := m.flags("serve", "[--addr ADDR] [--db FILE|URL]",
		`Serve the web application on the database: the public pages (the petitions, each one's
status with its charts, sample, projection and certificate, in English and Spanish), the
JSON API under /api/v1 (described at /api/v1/openapi.json), /healthz and Prometheus metrics
at /metrics (docs/web.md). The pages hold no voter's personal data, and reading them records
nothing. Accounts (signet user add) sign in at /login; programs send an API token (signet
token add) as "Authorization: Bearer TOKEN" to /api/v1. One log record per request goes to stderr (JSON unless stderr is a terminal).
SIGTERM or Ctrl-C stops the server: requests in flight finish first (up to 10 seconds), and
a count running as a job stops at a batch boundary; the next start resumes it.`)
	def := m.Getenv("SIGNET_DB")
	if def == "" {
		def = "signet.db"
	}
	db := fs.String("db", def, "database file, or postgres:// URL (env SIGNET_DB)")
	addr := fs.String("addr", defaultAddr, "host:port to listen on (port 0: any free port)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErr("serve takes no arguments (got %q)", pos[0])
	}
	if err := dbExists(*db); err != nil {
		return err
	}
	m.servesReaders = true
	s, err := m.openDB(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Store.Close()
	return m.serve(ctx, s, *addr, "/")
}

// serve runs the web application on s at addr until ctx ends, then lets requests in flight
// finish. It prints the URL of path once it listens.
func (m *Main) serve(ctx context.Context, s *registrar.Service, addr, path string) error {
	var h slog.Handler = slog.NewJSONHandler(m.Stderr, nil)
	if m.Interactive {
		h = slog.NewTextHandler(m.Stderr, nil)
	}
	log := slog.New(h)
	app, err := web.New(web.Config{Service: s, Log: log, StatusMaxAge: web.DefaultStatusMaxAge, Context: ctx})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return signet.Errorf(signet.EConflict, "cannot listen on %s: %v (another server may hold the port: pass --addr)", addr, err)
	}
	srv := &http.Server{Handler: app, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 2 * time.Minute, ErrorLog: slog.NewLogLogger(h, slog.LevelWarn),
		BaseContext: func(net.Listener) context.Context { return context.WithoutCancel(ctx) }}
	fmt.Fprintf(m.Stdout, "Serving on http://%s%s (Ctrl-C or SIGTERM stops)\n", ln.Addr(), path)
	// A count the last stop interrupted goes on from where it stopped.
	resumed, err := app.ResumeCounts(ctx)
	for _, c := range resumed {
		fmt.Fprintf(m.Stdout, "Resuming the count of petition %s that a stop interrupted: http://%s%s\n", c.Petition, ln.Addr(), c.Path)
	}
	if err != nil {
		log.Warn("looking for counts a stop interrupted failed; start them again from the supervisor's page", "err", err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	stop, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace)
	defer cancel()
	err = srv.Shutdown(stop)
	// Then the jobs: a count started from the web stops at a batch boundary, keeping its
	// whole batches; the next verification goes on from there.
	app.Close()
	if serr := <-done; !errors.Is(serr, http.ErrServerClosed) {
		err = errors.Join(err, serr)
	}
	log.Info("server stopped")
	return err
}
