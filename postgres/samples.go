package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/signet-vote/signet"
)

// AnnounceSeed writes the seed of a petition's sample to the audit log before the draw.
// Announcing the same seed again is harmless; another seed is refused once one is announced.
func (s *Store) AnnounceSeed(ctx context.Context, petition, seed string, population, size int, actor string) error {
	return s.tx(ctx, fmt.Sprintf("the seed of petition %q's sample", petition), func(w *writeTx) error {
		if _, err := readPetition(ctx, w, petition); err != nil {
			return err
		}
		var prior string
		err := w.QueryRow(ctx, `SELECT payload::jsonb->>'seed' FROM events WHERE kind = $1 AND subject = $2 ORDER BY seq LIMIT 1`,
			signet.EventSampleSeed, "petition:"+petition).Scan(&prior)
		if err == nil {
			if prior != seed {
				return signet.Errorf(signet.EConflict, "petition %q already has the announced seed %s: a sample is drawn once, with the seed announced first", petition, prior)
			}
			return nil
		}
		if !errNoRows(err) {
			return err
		}
		return s.appendOne(ctx, w, signet.EventSampleSeed, actor, "petition:"+petition, map[string]any{"seed": seed, "population": population, "size": size})
	})
}

// SaveSample stores the drawn sample (after AnnounceSeed). Saving the same draw again is a no-op.
func (s *Store) SaveSample(ctx context.Context, sm signet.Sample, actor string) error {
	return s.tx(ctx, fmt.Sprintf("the sample of petition %q", sm.Petition), func(w *writeTx) error {
		var seed string
		err := w.QueryRow(ctx, `SELECT seed FROM samples WHERE petition_id = $1`, sm.Petition).Scan(&seed)
		if err == nil {
			if seed != sm.Seed {
				return signet.Errorf(signet.EConflict, "petition %q was sampled with seed %s already", sm.Petition, seed)
			}
			return nil
		}
		if !errNoRows(err) {
			return err
		}
		if _, err := w.Exec(ctx, `INSERT INTO samples (petition_id, seed, population, size, drawn_at) VALUES ($1, $2, $3, $4, $5)`,
			sm.Petition, sm.Seed, sm.Population, sm.Size, s.now()); err != nil {
			return err
		}
		rows := make([][]any, len(sm.Seqs))
		for i, q := range sm.Seqs {
			rows[i] = []any{sm.Petition, q}
		}
		if _, err := w.CopyFrom(ctx, pgx.Identifier{"sample_lines"}, []string{"petition_id", "seq"}, pgx.CopyFromRows(rows)); err != nil {
			return err
		}
		return s.appendOne(ctx, w, signet.EventSampleDraw, actor, "petition:"+sm.Petition,
			map[string]any{"seed": sm.Seed, "population": sm.Population, "size": sm.Size, "lines": sm.Seqs})
	})
}

// Sample returns a petition's sample.
func (s *Store) Sample(ctx context.Context, petition string) (signet.Sample, error) {
	sm := signet.Sample{Petition: petition}
	var at string
	err := s.pool.QueryRow(ctx, `SELECT seed, population, size, drawn_at FROM samples WHERE petition_id = $1`, petition).
		Scan(&sm.Seed, &sm.Population, &sm.Size, &at)
	if errNoRows(err) {
		return sm, signet.Errorf(signet.ENotFound, "petition %q has no sample yet", petition)
	}
	if err != nil {
		return sm, err
	}
	sm.DrawnAt, _ = time.Parse(signet.EventTimeLayout, at)
	sm.Seqs, err = collect(ctx, s.pool, `SELECT seq FROM sample_lines WHERE petition_id = $1 ORDER BY seq`, func(r pgx.Rows) (int, error) {
		var q int
		return q, r.Scan(&q)
	}, petition)
	return sm, err
}

// SaveProjection records the projection from the sample and its decision, replacing an
// earlier one; its result is also the audit event's payload.
func (s *Store) SaveProjection(ctx context.Context, petition string, pr signet.Projection, actor string) error {
	if !json.Valid([]byte(pr.Result)) {
		return fmt.Errorf("the projection of petition %s is not JSON", petition)
	}
	return s.tx(ctx, fmt.Sprintf("the projection of petition %q", petition), func(w *writeTx) error {
		if _, err := w.Exec(ctx, `INSERT INTO projections (petition_id, decision, result, decided_at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (petition_id) DO UPDATE SET decision = excluded.decision, result = excluded.result, decided_at = excluded.decided_at`,
			petition, pr.Decision, pr.Result, s.now()); err != nil {
			return err
		}
		return s.appendOne(ctx, w, signet.EventSampleProject, actor, "petition:"+petition, json.RawMessage(pr.Result))
	})
}

// Projection returns the recorded projection of a petition.
func (s *Store) Projection(ctx context.Context, petition string) (signet.Projection, error) {
	var pr signet.Projection
	err := s.pool.QueryRow(ctx, `SELECT decision, result FROM projections WHERE petition_id = $1`, petition).Scan(&pr.Decision, &pr.Result)
	if errNoRows(err) {
		return pr, signet.Errorf(signet.ENotFound, "petition %q has no projection yet", petition)
	}
	return pr, err
}
