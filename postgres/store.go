// Package postgres is Signet's server store: the store contract (signet.Store) on
// PostgreSQL through pgx, for an office that deploys Signet beside a database rather than
// in one file. Its schema comes from the embedded, versioned migrations, applied on open.
//
// It keeps what the embedded store keeps, the same way: the same rows in the same forms,
// the same audit chain (every write transaction locks the log's head first, so writes take
// their turns in the order of the log, as SQLite's one writer does), imports streamed
// through COPY in bounded memory, each kept whole or not at all.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/internal/storecodec"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is the server store. It is safe for concurrent use.
type Store struct {
	pool *pgxpool.Pool
	// where names the database in errors, without its password.
	where string
	// Now is the clock; tests may replace it.
	Now func() time.Time
}

// Interface check: the server store keeps the whole store contract.
var _ signet.Store = (*Store)(nil)

// IsURL says whether a --db value names a PostgreSQL database rather than a file.
func IsURL(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// Open connects to the database at url (postgres://user@host:port/db?…) and brings its
// schema up to date.
func Open(ctx context.Context, dbURL string) (*Store, error) {
	where := Redact(dbURL)
	cfg, err := pgxpool.ParseConfig(dbURL)
	if err != nil {
		return nil, signet.Errorf(signet.EInvalid, "database URL %s: %v", where, err)
	}
	// A connection is checked before each use: one the server ended while it sat in the
	// pool (a restart, an administrator) is replaced rather than failing the next command.
	cfg.ShouldPing = func(context.Context, pgxpool.ShouldPingParams) bool { return true }
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", where, err)
	}
	s := &Store{pool: pool, where: where, Now: time.Now}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open %s: %w", where, err)
	}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return s, nil
}

// Redact is a database URL without its password, for messages.
func Redact(dbURL string) string {
	u, err := url.Parse(dbURL)
	if err != nil {
		return "(the database URL)"
	}
	return u.Redacted()
}

// Close closes the store's connections.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// Pool exposes the connection pool to tests in other packages.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// migrationLock is the advisory lock that lets one process at a time migrate a database.
const migrationLock = 0x5167_6e65 // "Sign"

// migrate applies the migrations the database has not had, each in its own transaction,
// holding an advisory lock so that processes opening one database at once take turns.
func (s *Store) migrate(ctx context.Context) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migration %s: name must start with a number", name)
		}
		err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, migrationLock); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
				return err
			}
			var n int
			if err := tx.QueryRow(ctx, `SELECT count(*) FROM schema_migrations WHERE version = $1`, v).Scan(&n); err != nil || n > 0 {
				return err
			}
			body, err := migrations.ReadFile(name)
			if err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, string(body)); err != nil {
				return fmt.Errorf("migration %s: %w", base, err)
			}
			_, err = tx.Exec(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)`, v, s.now())
			return err
		})
		if err != nil {
			return fmt.Errorf("open %s: %w", s.where, err)
		}
	}
	// The job queue that shared counts use keeps its own tables, migrated by its own
	// migrations (each in a transaction of its own), under the same lock.
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("open %s: %w", s.where, err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, migrationLock); err != nil {
		return fmt.Errorf("open %s: %w", s.where, err)
	}
	defer conn.Exec(context.Background(), `SELECT pg_advisory_unlock($1)`, migrationLock)
	if err := migrateQueue(ctx, s.pool, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("open %s: the job queue's tables: %w", s.where, err)
	}
	return nil
}

// migrateQueue migrates the job queue's tables (River's own migrations).
func migrateQueue(ctx context.Context, pool *pgxpool.Pool, dir rivermigrate.Direction, opts *rivermigrate.MigrateOpts) error {
	m, err := rivermigrate.New(riverpgxv5.New(pool), &rivermigrate.Config{Logger: quiet})
	if err != nil {
		return err
	}
	_, err = m.Migrate(ctx, dir, opts)
	return err
}

// quiet is the logger given to the job queue: its own messages are not the program's
// (errors reach the program as errors); warnings and errors go nowhere but these.
var quiet = slog.New(slog.DiscardHandler)

// Tables are the store's tables, children before parents: what Reset drops.
var tables = []string{"precheck_lines", "precheck_runs", "intake", "intake_files", "review_leases", "review_assignments", "desk_decisions", "overrides", "challenges",
	"sessions", "api_tokens", "login_attempts", "users",
	"petition_county_votes", "state_reports", "projections", "sample_lines", "samples",
	"events_head", "events", "verdicts", "link_reviews", "reviews", "line_packs", "lines", "sections",
	"line_imports", "petitions", "linker_snapshots", "roll_packs", "voters", "roll_imports",
	"registration_reports", "jurisdiction_zips", "jurisdictions", "schema_migrations"}

// Reset drops every table of the store (and the job queue's) from the database at dbURL,
// so that it can start afresh (the demo's --fresh). Tables that are not Signet's are left
// alone.
func Reset(ctx context.Context, dbURL string) error {
	pool, err := pgxpool.New(ctx, dbURL)
	if err != nil {
		return fmt.Errorf("open %s: %w", Redact(dbURL), err)
	}
	defer pool.Close()
	if _, err := pool.Exec(ctx, `DROP TABLE IF EXISTS `+strings.Join(tables, ", ")); err != nil {
		return fmt.Errorf("reset %s: %w", Redact(dbURL), err)
	}
	var queue bool
	if err := pool.QueryRow(ctx, `SELECT to_regclass('river_migration') IS NOT NULL`).Scan(&queue); err != nil || !queue {
		return err
	}
	if err := migrateQueue(ctx, pool, rivermigrate.DirectionDown, &rivermigrate.MigrateOpts{TargetVersion: -1}); err != nil {
		return fmt.Errorf("reset %s: the job queue's tables: %w", Redact(dbURL), err)
	}
	return nil
}

func (s *Store) now() string { return s.Now().UTC().Format(signet.EventTimeLayout) }

// writeTx is a write transaction: the audit log's head, locked, comes with it.
type writeTx struct {
	pgx.Tx
	seq  int64
	hash string
}

// tx runs fn in a write transaction, committing when it returns nil. The transaction
// first locks the log's head, so write transactions run one at a time in the order their
// events take in the log; a serialization failure or a deadlock (which that order should
// never allow) is retried here, the one place that retries. what names what it writes in
// the user's terms (`petition "p"`): the database's refusal of the write is said of it
// (refused).
func (s *Store) tx(ctx context.Context, what string, fn func(*writeTx) error) error {
	return refused(retry(ctx, func() error { return s.begin(ctx, fn) }), what)
}

// txOnce is tx without retries: for imports, whose source cannot be read twice.
func (s *Store) txOnce(ctx context.Context, what string, fn func(*writeTx) error) error {
	return refused(s.begin(ctx, fn), what)
}

// begin runs fn in a write transaction once.
func (s *Store) begin(ctx context.Context, fn func(*writeTx) error) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		w := &writeTx{Tx: tx}
		if err := tx.QueryRow(ctx, `SELECT seq, hash FROM events_head WHERE id = 1 FOR UPDATE`).Scan(&w.seq, &w.hash); err != nil {
			if errors.Is(err, pgx.ErrNoRows) {
				return fmt.Errorf("the audit log head is missing")
			}
			return fmt.Errorf("lock the audit log head: %w", err)
		}
		return fn(w)
	})
}

// retryable says whether a transaction that failed with err may be run again: a
// serialization failure (40001) or a deadlock (40P01).
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40001" || pe.Code == "40P01")
}

// retry runs fn until it succeeds, fails for good, or has been tried attempts times,
// waiting longer after each retryable failure.
func retry(ctx context.Context, fn func() error) error {
	const attempts = 8
	wait := 5 * time.Millisecond
	for i := 1; ; i++ {
		err := fn()
		if err == nil || !retryable(err) || i == attempts {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		wait *= 2
	}
}

// pgCode is the SQLSTATE of a PostgreSQL error, "" for another error.
func pgCode(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}

// isUniqueViolation says whether err is a unique key's violation.
func isUniqueViolation(err error) bool { return pgCode(err) == "23505" }

// ConstraintCode classifies an error of this store's database that broke one of the
// schema's constraints (SQLSTATE class 23): a key that is there already (EConflict: a
// primary or unique key, an exclusion), a reference to a record that is not (ENotFound: a
// foreign key), a value outside a column's range (EInvalid: a check, a missing value); ""
// for any other error.
func ConstraintCode(err error) signet.ErrorCode {
	code := pgCode(err)
	switch {
	case !strings.HasPrefix(code, "23"):
		return ""
	case code == "23503": // foreign_key_violation
		return signet.ENotFound
	case code == "23514", code == "23502": // check_violation, not_null_violation
		return signet.EInvalid
	}
	return signet.EConflict
}

// refused is the one place this store turns its database's refusal of a write into what
// people read: a write that broke a constraint is said in the words of the record it wrote
// (what), with the code of its kind (storecodec.Refused); any other error passes unchanged.
// Every write transaction ends in it (tx, txOnce): the checks before the write say more,
// this is for what they missed (or two writers racing).
func refused(err error, what string) error {
	if code := ConstraintCode(err); code != "" {
		return storecodec.Refused(code, what)
	}
	return err
}

// lost says whether err is the loss of the connection or of the server rather than an
// answer from it: an administrator's pg_terminate_backend or a server shutting down
// (57P01–57P03, class 08), or the network failing under the connection.
func lost(err error) bool {
	code := pgCode(err)
	if code == "57P01" || code == "57P02" || code == "57P03" || strings.HasPrefix(code, "08") {
		return true
	}
	var ne net.Error
	return code == "" && (errors.As(err, &ne) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		strings.Contains(err.Error(), "conn closed") || strings.Contains(err.Error(), "unexpected EOF"))
}

// lostError says what a lost connection cost: the transaction doing what, none of which
// was kept, and that running the command again finishes the job.
func (s *Store) lostError(err error, what string) error {
	if err == nil || !lost(err) {
		return err
	}
	return fmt.Errorf("the connection to %s was lost while %s: nothing of that was kept (what was stored before is); run the command again to finish: %w", s.where, what, err)
}
