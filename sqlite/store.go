// Package sqlite is Signet's embedded store: one SQLite file (modernc.org/sqlite, pure
// Go) in WAL mode with foreign keys on, migrated by the embedded SQL files.
package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/internal/storecodec"
	driver "modernc.org/sqlite" // and the database/sql driver "sqlite"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is the embedded store. It is safe for concurrent use.
type Store struct {
	db   *sql.DB
	path string
	// Now is the clock; tests may replace it.
	Now func() time.Time

	// checkpoint asks the background checkpointer to copy the WAL into the database;
	// stop and stopped end it.
	checkpoint chan struct{}
	stop       chan struct{}
	stopped    chan struct{}
	closeOnce  sync.Once

	// wconn is the one connection every write transaction runs on, wmu held: SQLite
	// writes one transaction at a time anyway. It alone has a large page cache
	// (writerCacheKiB): storing 715,833 verdicts took 20% longer with the readers' size,
	// while the readers' caches, each filled once by reading the roll or the lines, were
	// a third of a GiB of a full-scale verify's peak.
	wmu   sync.Mutex
	wconn *sql.Conn
}

// The page cache of each reading connection and of the writer's, in KiB.
const (
	readerCacheKiB = 50_000
	writerCacheKiB = 200_000
)

// pageSize is the page size of new databases. Storing 715,833 verdicts with their audit
// events took 38 s with SQLite's default of 4,096 bytes and 21 s with 16,384 (fewer pages
// to split, journal and checkpoint). An existing database keeps the size it was made with.
const pageSize = 16384

// walAutoCheckpoint is how many WAL pages a commit may leave before it checkpoints the
// WAL itself (SQLite's default is 1,000). The background checkpointer usually has by
// then; this bounds the WAL when it falls behind.
const walAutoCheckpoint = 4000

// Open opens (creating if needed) the database file and brings its schema up to date.
func Open(ctx context.Context, path string) (*Store, error) {
	return OpenWith(ctx, path, Options{})
}

// Options are the ways a store can be opened for the work at hand.
type Options struct {
	// ReadMmapBytes, when above zero, has every connection read up to that many bytes of
	// the file through a memory map (SQLite's mmap_size) instead of copying pages into its
	// cache: for a server of many readers while clerks write, where a connection that finds
	// the database changed by another (a decision while the public page is read) would
	// otherwise throw its cache of copies away (that reset cost 50 ms and more per read
	// under "signet bench serve"). Left at zero for a count or an import: the mapped pages
	// count in the process's resident memory, which a county-scale count keeps near 3 GiB.
	ReadMmapBytes int64
}

// OpenWith is Open with options.
func OpenWith(ctx context.Context, path string, o Options) (*Store, error) {
	if path == "" {
		return nil, signet.Errorf(signet.EInvalid, "no database file given")
	}
	if err := setPageSize(ctx, path); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	q := url.Values{}
	pragmas := []string{"foreign_keys(1)", "journal_mode(WAL)", "synchronous(NORMAL)", "busy_timeout(10000)", "cache_size(-" + strconv.Itoa(readerCacheKiB) + ")", "temp_store(MEMORY)",
		"wal_autocheckpoint(" + strconv.Itoa(walAutoCheckpoint) + ")"}
	if o.ReadMmapBytes > 0 {
		pragmas = append(pragmas, "mmap_size("+strconv.FormatInt(o.ReadMmapBytes, 10)+")")
	}
	for _, p := range pragmas {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	s := &Store{db: db, path: path, Now: time.Now, checkpoint: make(chan struct{}, 1), stop: make(chan struct{}), stopped: make(chan struct{})}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	go s.checkpointer()
	return s, nil
}

// setPageSize gives a new (empty) database file the page size. It must come before
// anything else: the driver runs the DSN's pragmas in alphabetical order, so journal_mode
// would fix the default size first, and the first table fixes it for good.
func setPageSize(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // the pragmas hold for the one connection they ran on
	var pages int
	if err := db.QueryRowContext(ctx, `PRAGMA page_count`).Scan(&pages); err != nil || pages > 0 {
		return err
	}
	for _, q := range []string{`PRAGMA page_size = ` + strconv.Itoa(pageSize), `PRAGMA journal_mode = WAL`,
		`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// checkpointer copies the WAL into the database file when asked (after each batch of
// verdicts), on its own connection, so that the writer goes on with the next batch while
// this one waits for the disk. A PASSIVE checkpoint neither blocks nor waits for the
// writer, and it syncs the WAL before it writes the database as the writer's own would:
// durability is what synchronous=NORMAL gives either way.
//
// It keeps a connection of its own once asked: database/sql hands out idle connections
// oldest first, and a writer moved to another connection starts with a cold page cache.
func (s *Store) checkpointer() {
	defer close(s.stopped)
	var conn *sql.Conn
	defer func() {
		if conn != nil {
			conn.Close()
		}
	}()
	for {
		select {
		case <-s.stop:
			return
		case <-s.checkpoint:
		}
		var err error
		if conn == nil {
			if conn, err = s.db.Conn(context.Background()); err != nil {
				conn = nil
				continue
			}
		}
		// An error (the database busy) only leaves the WAL to the next checkpoint or to
		// a commit's own.
		conn.ExecContext(context.Background(), `PRAGMA wal_checkpoint(PASSIVE)`)
	}
}

// checkpointSoon wakes the background checkpointer unless it has a request pending.
func (s *Store) checkpointSoon() {
	select {
	case s.checkpoint <- struct{}{}:
	default:
	}
}

// Settle copies the whole WAL into the database file and syncs it to disk.
func (s *Store) Settle(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return fmt.Errorf("checkpoint %s: %w", s.path, err)
	}
	f, err := os.OpenFile(s.path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// Close closes the database.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		close(s.stop)
		<-s.stopped
	})
	s.wmu.Lock()
	if s.wconn != nil {
		s.wconn.Close()
		s.wconn = nil
	}
	s.wmu.Unlock()
	return s.db.Close()
}

// Interface check: the embedded store keeps the whole store contract.
var _ signet.Store = (*Store)(nil)

// DB exposes the database handle to tests in other packages.
func (s *Store) DB() *sql.DB { return s.db }

func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("open %s: %w", s.path, err)
	}
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
		err = s.tx(ctx, "the schema's migration "+base, func(tx *sql.Tx) error {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, v).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			body, err := migrations.ReadFile(name)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, string(body)); err != nil {
				return fmt.Errorf("migration %s: %w", base, err)
			}
			_, err = tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`, v, s.now())
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) now() string { return s.Now().UTC().Format(signet.EventTimeLayout) }

// tx runs fn in a write transaction, committing when it returns nil. what names what it
// writes in the user's terms (`petition "p"`): the database's refusal of the write is said
// of it (refused).
func (s *Store) tx(ctx context.Context, what string, fn func(*sql.Tx) error) error {
	return refused(s.writeTx(ctx, true, fn), what)
}

// txWithoutForeignKeys is tx with foreign keys off until it commits: for writes whose keys
// hold by construction, and which are many rows a statement. SQLite keeps a statement
// journal for such a statement while an immediate foreign key could fail it (only a key
// declared DEFERRABLE spares it; the pragma defer_foreign_keys does not), and foreign_keys
// cannot change inside a transaction.
func (s *Store) txWithoutForeignKeys(ctx context.Context, what string, fn func(*sql.Tx) error) error {
	return refused(s.writeTx(ctx, false, fn), what)
}

// writeTx runs fn in a write transaction on the writer connection.
func (s *Store) writeTx(ctx context.Context, foreignKeys bool, fn func(*sql.Tx) error) (err error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if s.wconn == nil {
		conn, err := s.db.Conn(ctx)
		if err != nil {
			return err
		}
		if _, err := conn.ExecContext(ctx, `PRAGMA cache_size = -`+strconv.Itoa(writerCacheKiB)); err != nil {
			conn.Close()
			return err
		}
		s.wconn = conn
	}
	conn := s.wconn
	// A connection that fails is not trusted again: the next write opens another.
	defer func() {
		if err != nil && s.wconn == conn && conn.PingContext(context.Background()) != nil {
			conn.Close()
			s.wconn = nil
		}
	}()
	if !foreignKeys {
		if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
			return err
		}
		// On again before the next transaction; if that fails, the connection is
		// dropped rather than reused without its keys.
		defer func() {
			if _, ferr := conn.ExecContext(context.Background(), `PRAGMA foreign_keys = ON`); ferr != nil {
				conn.Close()
				s.wconn = nil
			}
		}()
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// appender appends events to the log inside one transaction.
type appender struct {
	tx   *sql.Tx
	ins  *bulk
	seq  int64
	hash string
	// at is the time of every event of the transaction, formatted once.
	at  string
	buf []byte
}

func (s *Store) newAppender(ctx context.Context, tx *sql.Tx) (*appender, error) {
	a := &appender{tx: tx, at: s.Now().UTC().Format(signet.EventTimeLayout)}
	if err := tx.QueryRowContext(ctx, `SELECT seq, hash FROM events_head WHERE id = 1`).Scan(&a.seq, &a.hash); err != nil {
		return nil, fmt.Errorf("read the audit log head: %w", err)
	}
	var err error
	a.ins, err = newBulk(ctx, tx, "events", []string{"seq", "at", "kind", "actor", "subject", "payload", "prev_hash", "hash"}, nil)
	return a, err
}

// add appends one event; payload is marshalled to JSON.
func (a *appender) add(ctx context.Context, kind, actor, subject string, payload any) error {
	b, err := json.Marshal(payload)
	if err != nil {
		return err
	}
	return a.addJSON(ctx, kind, actor, subject, string(b))
}

// addJSON appends one event whose payload is JSON already. It hashes the same bytes as
// signet.Event.Seal would (the chain is checked with signet.ChainVerifier), without
// building an Event: one of these runs for every stored verdict.
func (a *appender) addJSON(ctx context.Context, kind, actor, subject, payload string) error {
	seq := a.seq + 1
	a.buf = signet.AppendCanonical(a.buf[:0], seq, a.at, kind, actor, subject, payload, a.hash)
	sum := sha256.Sum256(a.buf)
	hash := hex.EncodeToString(sum[:])
	if err := a.ins.add(ctx, 0, seq, a.at, kind, actor, subject, payload, a.hash, hash); err != nil {
		return fmt.Errorf("append to the audit log: %w", err)
	}
	a.seq, a.hash = seq, hash
	return nil
}

// close writes the new head; call it before the transaction commits.
func (a *appender) close(ctx context.Context) error {
	if err := a.ins.close(ctx); err != nil {
		return fmt.Errorf("append to the audit log: %w", err)
	}
	_, err := a.tx.ExecContext(ctx, `UPDATE events_head SET seq = ?, hash = ? WHERE id = 1`, a.seq, a.hash)
	return err
}

// appendOne appends a single event in its own use of tx.
func (s *Store) appendOne(ctx context.Context, tx *sql.Tx, kind, actor, subject string, payload any) error {
	a, err := s.newAppender(ctx, tx)
	if err != nil {
		return err
	}
	if err := a.add(ctx, kind, actor, subject, payload); err != nil {
		return err
	}
	return a.close(ctx)
}

// VerifyAudit walks the whole audit log and checks its hash chain and head. It returns the
// number of events checked and an error naming the first broken event.
func (s *Store) VerifyAudit(ctx context.Context) (int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT seq, at, kind, actor, subject, payload, prev_hash, hash FROM events ORDER BY seq`)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	c := signet.NewChainVerifier()
	if err := storecodec.EachEvent(rows, true, c.Next); err != nil {
		return c.Checked, err
	}
	var seq int64
	var hash string
	if err := s.db.QueryRowContext(ctx, `SELECT seq, hash FROM events_head WHERE id = 1`).Scan(&seq, &hash); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return c.Checked, fmt.Errorf("the audit log head is missing")
		}
		return c.Checked, err
	}
	return c.Checked, c.Finish(seq, hash)
}

// Events returns the audit events of a subject (all when subject is ""), oldest first,
// at most limit (0: no limit).
func (s *Store) Events(ctx context.Context, subject string, limit int) ([]signet.Event, error) {
	q := `SELECT seq, at, kind, actor, subject, payload, prev_hash, hash FROM events`
	var args []any
	if subject != "" {
		q += ` WHERE subject = ?`
		args = append(args, subject)
	}
	q += ` ORDER BY seq`
	if limit > 0 {
		q += ` LIMIT ` + strconv.Itoa(limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return storecodec.Events(rows)
}

// EventWithHash returns the sequence number of the event whose hash is hash.
func (s *Store) EventWithHash(ctx context.Context, hash string) (int64, bool, error) {
	var seq int64
	err := s.db.QueryRowContext(ctx, `SELECT seq FROM events WHERE hash = ? ORDER BY seq LIMIT 1`, hash).Scan(&seq)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return seq, err == nil, err
}

func dateStr(t time.Time) string { return signet.FormatDate(t) }

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// EachEvent calls fn for every event of the audit log, oldest first; an event whose time is
// malformed is an error.
func (s *Store) EachEvent(ctx context.Context, fn func(signet.Event) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT seq, at, kind, actor, subject, payload, prev_hash, hash FROM events ORDER BY seq`)
	if err != nil {
		return err
	}
	defer rows.Close()
	return storecodec.EachEvent(rows, true, fn)
}

// The result codes of SQLite's constraint violations (the driver returns the extended
// code, whose low byte is SQLITE_CONSTRAINT).
const (
	sqliteConstraint           = 19
	sqliteConstraintCheck      = 275
	sqliteConstraintForeignKey = 787
	sqliteConstraintNotNull    = 1299
)

// ConstraintCode classifies an error of this store's database that broke one of the
// schema's constraints: a key that is there already (EConflict: a primary or unique key),
// a reference to a record that is not (ENotFound: a foreign key), a value outside a
// column's range (EInvalid: a check, a missing value); "" for any other error.
func ConstraintCode(err error) signet.ErrorCode {
	var e *driver.Error
	if !errors.As(err, &e) || e.Code()&0xff != sqliteConstraint {
		return ""
	}
	switch e.Code() {
	case sqliteConstraintForeignKey:
		return signet.ENotFound
	case sqliteConstraintCheck, sqliteConstraintNotNull:
		return signet.EInvalid
	}
	return signet.EConflict
}

// isUniqueViolation says whether err is a primary or unique key's violation.
func isUniqueViolation(err error) bool { return ConstraintCode(err) == signet.EConflict }

// refused is the one place this store turns its database's refusal of a write into what
// people read: a write that broke a constraint is said in the words of the record it wrote
// (what), with the code of its kind (storecodec.Refused); any other error passes unchanged.
// Every write transaction ends in it (tx, txWithoutForeignKeys): the checks before the
// write say more, this is for what they missed.
func refused(err error, what string) error {
	if code := ConstraintCode(err); code != "" {
		return storecodec.Refused(code, what)
	}
	return err
}
