package postgres

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/internal/storecodec"
)

// appender appends events to the log inside one write transaction: it chains them in
// memory and writes them with one COPY when the transaction is about to commit.
type appender struct {
	w *writeTx
	// at is the time of every event of the transaction, formatted once.
	at   string
	rows [][]any
	buf  []byte
}

func (s *Store) newAppender(w *writeTx) *appender {
	return &appender{w: w, at: s.Now().UTC().Format(signet.EventTimeLayout)}
}

// add appends one event; payload is marshalled to JSON.
func (a *appender) add(kind, actor, subject string, payload any) error {
	b, err := json.Marshal(payload)
	if err != nil {
		return err
	}
	a.addJSON(kind, actor, subject, string(b))
	return nil
}

// addJSON appends one event whose payload is JSON already. It hashes the same bytes as
// signet.Event.Seal would (the chain is checked with signet.ChainVerifier).
func (a *appender) addJSON(kind, actor, subject, payload string) {
	seq := a.w.seq + 1
	a.buf = signet.AppendCanonical(a.buf[:0], seq, a.at, kind, actor, subject, payload, a.w.hash)
	sum := sha256.Sum256(a.buf)
	hash := hex.EncodeToString(sum[:])
	a.rows = append(a.rows, []any{seq, a.at, kind, actor, subject, payload, a.w.hash, hash})
	a.w.seq, a.w.hash = seq, hash
}

// close writes the events and the new head; call it before the transaction commits.
func (a *appender) close(ctx context.Context) error {
	if len(a.rows) == 0 {
		return nil
	}
	if _, err := a.w.CopyFrom(ctx, pgx.Identifier{"events"}, []string{"seq", "at", "kind", "actor", "subject", "payload", "prev_hash", "hash"},
		pgx.CopyFromRows(a.rows)); err != nil {
		return fmt.Errorf("append to the audit log: %w", err)
	}
	a.rows = a.rows[:0]
	_, err := a.w.Exec(ctx, `UPDATE events_head SET seq = $1, hash = $2 WHERE id = 1`, a.w.seq, a.w.hash)
	return err
}

// appendOne appends a single event to the transaction's log.
func (s *Store) appendOne(ctx context.Context, w *writeTx, kind, actor, subject string, payload any) error {
	a := s.newAppender(w)
	if err := a.add(kind, actor, subject, payload); err != nil {
		return err
	}
	return a.close(ctx)
}

// RecordEvent appends one event to the audit log.
func (s *Store) RecordEvent(ctx context.Context, kind, actor, subject string, payload any) error {
	return s.tx(ctx, "the audit event "+kind+" of "+subject, func(w *writeTx) error {
		return s.appendOne(ctx, w, kind, actor, subject, payload)
	})
}

// AuditHead returns the sequence number and hash of the last audit event.
func (s *Store) AuditHead(ctx context.Context) (int64, string, error) {
	var seq int64
	var hash string
	err := s.pool.QueryRow(ctx, `SELECT seq, hash FROM events_head WHERE id = 1`).Scan(&seq, &hash)
	return seq, hash, err
}

// VerifyAudit walks the whole audit log and checks its hash chain and head, as of one
// moment. It returns the number of events checked and an error naming the first broken
// event.
func (s *Store) VerifyAudit(ctx context.Context) (int64, error) {
	c := signet.NewChainVerifier()
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT seq, at, kind, actor, subject, payload, prev_hash, hash FROM events ORDER BY seq`)
		if err != nil {
			return err
		}
		defer rows.Close()
		if err := storecodec.EachEvent(rows, true, c.Next); err != nil {
			return err
		}
		var seq int64
		var hash string
		if err := tx.QueryRow(ctx, `SELECT seq, hash FROM events_head WHERE id = 1`).Scan(&seq, &hash); err != nil {
			if errors.Is(err, pgx.ErrNoRows) {
				return fmt.Errorf("the audit log head is missing")
			}
			return err
		}
		return c.Finish(seq, hash)
	})
	return c.Checked, err
}

// Events returns the audit events of a subject (all when subject is ""), oldest first,
// at most limit (0: no limit).
func (s *Store) Events(ctx context.Context, subject string, limit int) ([]signet.Event, error) {
	q := `SELECT seq, at, kind, actor, subject, payload, prev_hash, hash FROM events`
	var args []any
	if subject != "" {
		q += ` WHERE subject = $1`
		args = append(args, subject)
	}
	q += ` ORDER BY seq`
	if limit > 0 {
		q += ` LIMIT ` + strconv.Itoa(limit)
	}
	rows, err := s.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return storecodec.Events(rows)
}

// EventWithHash returns the sequence number of the event whose hash is hash.
func (s *Store) EventWithHash(ctx context.Context, hash string) (int64, bool, error) {
	var seq int64
	err := s.pool.QueryRow(ctx, `SELECT seq FROM events WHERE hash = $1 ORDER BY seq LIMIT 1`, hash).Scan(&seq)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, false, nil
	}
	return seq, err == nil, err
}

// EachEvent calls fn for every event of the audit log, oldest first; an event whose time is
// malformed is an error.
func (s *Store) EachEvent(ctx context.Context, fn func(signet.Event) error) error {
	rows, err := s.pool.Query(ctx, `SELECT seq, at, kind, actor, subject, payload, prev_hash, hash FROM events ORDER BY seq`)
	if err != nil {
		return err
	}
	defer rows.Close()
	return storecodec.EachEvent(rows, true, fn)
}
