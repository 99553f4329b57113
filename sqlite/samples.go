package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/signet-vote/signet"
)

// AnnounceSeed writes the seed of a petition's sample to the audit log before the draw.
// Announcing the same seed again is harmless; another seed is refused once one is announced.
func (s *Store) AnnounceSeed(ctx context.Context, petition, seed string, population, size int, actor string) error {
	return s.tx(ctx, fmt.Sprintf("the seed of petition %q's sample", petition), func(tx *sql.Tx) error {
		if _, err := s.petition(ctx, tx, petition); err != nil {
			return err
		}
		var prior string
		err := tx.QueryRowContext(ctx, `SELECT json_extract(payload, '$.seed') FROM events WHERE kind = ? AND subject = ? ORDER BY seq LIMIT 1`,
			signet.EventSampleSeed, "petition:"+petition).Scan(&prior)
		if err == nil {
			if prior != seed {
				return signet.Errorf(signet.EConflict, "petition %q already has the announced seed %s: a sample is drawn once, with the seed announced first", petition, prior)
			}
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		return s.appendOne(ctx, tx, signet.EventSampleSeed, actor, "petition:"+petition, map[string]any{"seed": seed, "population": population, "size": size})
	})
}

// SaveSample stores the drawn sample (after AnnounceSeed). Saving the same draw again is a no-op.
func (s *Store) SaveSample(ctx context.Context, sm signet.Sample, actor string) error {
	return s.tx(ctx, fmt.Sprintf("the sample of petition %q", sm.Petition), func(tx *sql.Tx) error {
		var seed string
		err := tx.QueryRowContext(ctx, `SELECT seed FROM samples WHERE petition_id = ?`, sm.Petition).Scan(&seed)
		if err == nil {
			if seed != sm.Seed {
				return signet.Errorf(signet.EConflict, "petition %q was sampled with seed %s already", sm.Petition, seed)
			}
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO samples (petition_id, seed, population, size, drawn_at) VALUES (?, ?, ?, ?, ?)`,
			sm.Petition, sm.Seed, sm.Population, sm.Size, s.now()); err != nil {
			return err
		}
		ins, err := newBulk(ctx, tx, "sample_lines", []string{"petition_id", "seq"}, nil)
		if err != nil {
			return err
		}
		for _, q := range sm.Seqs {
			if err := ins.add(ctx, q, sm.Petition, q); err != nil {
				return err
			}
		}
		if err := ins.close(ctx); err != nil {
			return err
		}
		return s.appendOne(ctx, tx, signet.EventSampleDraw, actor, "petition:"+sm.Petition,
			map[string]any{"seed": sm.Seed, "population": sm.Population, "size": sm.Size, "lines": sm.Seqs})
	})
}

// Sample returns a petition's sample.
func (s *Store) Sample(ctx context.Context, petition string) (signet.Sample, error) {
	sm := signet.Sample{Petition: petition}
	var at string
	err := s.db.QueryRowContext(ctx, `SELECT seed, population, size, drawn_at FROM samples WHERE petition_id = ?`, petition).
		Scan(&sm.Seed, &sm.Population, &sm.Size, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return sm, signet.Errorf(signet.ENotFound, "petition %q has no sample yet", petition)
	}
	if err != nil {
		return sm, err
	}
	sm.DrawnAt, _ = time.Parse(signet.EventTimeLayout, at)
	rows, err := s.db.QueryContext(ctx, `SELECT seq FROM sample_lines WHERE petition_id = ? ORDER BY seq`, petition)
	if err != nil {
		return sm, err
	}
	defer rows.Close()
	for rows.Next() {
		var q int
		if err := rows.Scan(&q); err != nil {
			return sm, err
		}
		sm.Seqs = append(sm.Seqs, q)
	}
	return sm, rows.Err()
}

// SaveProjection records the projection from the sample and its decision, replacing an
// earlier one; its result is also the audit event's payload.
func (s *Store) SaveProjection(ctx context.Context, petition string, pr signet.Projection, actor string) error {
	if !json.Valid([]byte(pr.Result)) {
		return fmt.Errorf("the projection of petition %s is not JSON", petition)
	}
	return s.tx(ctx, fmt.Sprintf("the projection of petition %q", petition), func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO projections (petition_id, decision, result, decided_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (petition_id) DO UPDATE SET decision = excluded.decision, result = excluded.result, decided_at = excluded.decided_at`,
			petition, pr.Decision, pr.Result, s.now()); err != nil {
			return err
		}
		return s.appendOne(ctx, tx, signet.EventSampleProject, actor, "petition:"+petition, json.RawMessage(pr.Result))
	})
}

// Projection returns the recorded projection of a petition.
func (s *Store) Projection(ctx context.Context, petition string) (signet.Projection, error) {
	var pr signet.Projection
	err := s.db.QueryRowContext(ctx, `SELECT decision, result FROM projections WHERE petition_id = ?`, petition).Scan(&pr.Decision, &pr.Result)
	if errors.Is(err, sql.ErrNoRows) {
		return pr, signet.Errorf(signet.ENotFound, "petition %q has no projection yet", petition)
	}
	return pr, err
}

// AuditHead returns the sequence number and hash of the last audit event.
func (s *Store) AuditHead(ctx context.Context) (int64, string, error) {
	var seq int64
	var hash string
	err := s.db.QueryRowContext(ctx, `SELECT seq, hash FROM events_head WHERE id = 1`).Scan(&seq, &hash)
	return seq, hash, err
}

// RecordEvent appends one event to the audit log.
func (s *Store) RecordEvent(ctx context.Context, kind, actor, subject string, payload any) error {
	return s.tx(ctx, "the audit event "+kind+" of "+subject, func(tx *sql.Tx) error {
		return s.appendOne(ctx, tx, kind, actor, subject, payload)
	})
}
