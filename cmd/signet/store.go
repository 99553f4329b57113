package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/internal/storecodec"
	"github.com/signet-vote/signet/postgres"
	"github.com/signet-vote/signet/registrar"
	"github.com/signet-vote/signet/sqlite"
)

// openDB opens the store that db names and the engine over it: the one place the CLI
// chooses a store. A postgres:// (or postgresql://) URL is a PostgreSQL database (the
// server store); anything else is a file of the embedded SQLite store. The engine's clock
// is the program's, its warnings go to stderr as "signet: ...", and its progress to a bar
// on a terminal.
func (m *Main) openDB(ctx context.Context, db string) (*registrar.Service, error) {
	var s signet.Store
	if postgres.IsURL(db) {
		ps, err := postgres.Open(ctx, db)
		if err != nil {
			return nil, err
		}
		ps.Now = m.Now
		s = ps
	} else {
		var o sqlite.Options
		if m.servesReaders {
			o.ReadMmapBytes = readMmapBytes
		}
		ss, err := sqlite.OpenWith(ctx, db, o)
		if err != nil {
			return nil, err
		}
		ss.Now = m.Now
		s = ss
	}
	svc := registrar.New(s)
	svc.Now = m.Now
	svc.Log = slog.New(&warnHandler{m: m})
	svc.Progress = m.progressFunc()
	return svc, nil
}

// readMmapBytes is how much of the embedded store's file a server reads through a memory
// map (sqlite.Options).
const readMmapBytes = 1 << 30

// unnamedRefusal is the last resort for a store's error that no layer put in people's
// words: a write the database refused for breaking one of its constraints is said as a
// refusal of its kind (conflict, not found, input refused), never in the driver's words.
// The stores say it of the record they wrote (each one's refused); one that reaches here
// came another way, and is Signet's to name.
func unnamedRefusal(err error) error {
	if signet.Code(err) != signet.EInternal {
		return err
	}
	code := sqlite.ConstraintCode(err)
	if code == "" {
		code = postgres.ConstraintCode(err)
	}
	if code == "" {
		return err
	}
	r := storecodec.Refused(code, "what this command wrote")
	return signet.Errorf(r.Code, "%s (the database refused it, and Signet did not say what it was: please report this with the command)", r.Message)
}

// isServerDB says whether db names a PostgreSQL database rather than a SQLite file.
func isServerDB(db string) bool { return postgres.IsURL(db) }

// dbExists says, for a SQLite file, that it does not exist (a PostgreSQL database is
// made by its administrator; opening one that does not exist fails on its own).
func dbExists(db string) error {
	if isServerDB(db) {
		return nil
	}
	if _, err := os.Stat(db); errors.Is(err, os.ErrNotExist) {
		return signet.Errorf(signet.ENotFound, "database %s does not exist: start one with signet jurisdiction create, or name another with --db (or SIGNET_DB)", db)
	}
	return nil
}

// resetDB empties the store that db names, for a demo that starts afresh: it deletes the
// SQLite file (and its write-ahead log), or drops Signet's tables from the PostgreSQL
// database.
func resetDB(ctx context.Context, db string) error {
	if postgres.IsURL(db) {
		return postgres.Reset(ctx, db)
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(db + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}

// dbLabel is how db is shown to people: a URL without its password, quoted for a shell
// when it holds a character a shell would read.
func dbLabel(db string) string {
	if postgres.IsURL(db) {
		db = postgres.Redact(db)
	}
	if strings.ContainsAny(db, "?&;* '\"$`()<>|") {
		return "'" + strings.ReplaceAll(db, "'", `'\''`) + "'"
	}
	return db
}

// openBenchDB opens the database a benchmark stores into: db is "sqlite" (or "") for a new
// SQLite file in work, or a postgres:// URL of a database that holds no Signet data yet.
// It returns the --db a child process opens it with, and done, which closes it and removes
// what the benchmark stored.
func (m *Main) openBenchDB(ctx context.Context, db, work string) (s *registrar.Service, arg string, done func(), err error) {
	switch {
	case db == "" || db == "sqlite":
		path := filepath.Join(work, "bench.db")
		if err := resetDB(ctx, path); err != nil {
			return nil, "", nil, err
		}
		if s, err = m.openDB(ctx, path); err != nil {
			return nil, "", nil, err
		}
		return s, path, func() { s.Store.Close(); resetDB(context.Background(), path) }, nil
	case postgres.IsURL(db):
		if s, err = m.openDB(ctx, db); err != nil {
			return nil, "", nil, err
		}
		if js, err := s.Store.Jurisdictions(ctx); err != nil || len(js) > 0 {
			s.Store.Close()
			if err == nil {
				err = signet.Errorf(signet.EConflict, "%s holds Signet data: a benchmark needs a database of its own (it removes what it stores)", dbLabel(db))
			}
			return nil, "", nil, err
		}
		return s, db, func() { s.Store.Close(); resetDB(context.Background(), db) }, nil
	}
	return nil, "", nil, usageErr("--db %q: want sqlite or a postgres:// URL", db)
}

// settle asks the store to put everything written on disk, where it can (the embedded
// store copies its write-ahead log into the database file).
func settle(ctx context.Context, svc *registrar.Service) error {
	if s, ok := svc.Store.(interface{ Settle(context.Context) error }); ok {
		return s.Settle(ctx)
	}
	return nil
}

// progressFunc draws the engine's progress on a bar per stage.
func (m *Main) progressFunc() func(stage string, done, total int) {
	var bar *progress
	var current string
	return func(stage string, done, total int) {
		if done < 0 {
			if bar != nil && stage == current {
				bar.done()
				bar = nil
			}
			return
		}
		if bar == nil || stage != current {
			if bar != nil {
				bar.done()
			}
			bar, current = m.newProgress(int64(total), stage, false), stage
		}
		bar.set(done)
	}
}

// warnHandler prints the engine's warnings as the CLI prints its errors: "signet: message;
// key: value; ...".
type warnHandler struct {
	m     *Main
	attrs []slog.Attr
}

func (h *warnHandler) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelWarn }

func (h *warnHandler) Handle(_ context.Context, r slog.Record) error {
	msg := r.Message
	add := func(a slog.Attr) bool {
		msg += fmt.Sprintf("; %s: %v", a.Key, a.Value)
		return true
	}
	for _, a := range h.attrs {
		add(a)
	}
	r.Attrs(add)
	_, err := fmt.Fprintf(h.m.Stderr, "signet: %s\n", msg)
	return err
}

func (h *warnHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return &warnHandler{m: h.m, attrs: append(append([]slog.Attr(nil), h.attrs...), as...)}
}

func (h *warnHandler) WithGroup(string) slog.Handler { return h }
