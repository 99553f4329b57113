package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/signet-vote/signet"
)

// Event kinds of the sampling workflow.
const (
	EventSampleSeed    = "sample.seed"
	EventSampleDraw    = "sample.draw"
	EventSampleProject = "sample.project"
	EventStateReport   = "state.report"
)

// Sample is a petition's drawn random sample.
type Sample struct {
	Petition   string
	Seed       string
	Population int
	Size       int
	Seqs       []int // the drawn lines' filing positions, ascending
	DrawnAt    time.Time
}

// AnnounceSeed writes the seed of a petition's sample to the audit log before the draw.
// Announcing the same seed again is harmless; another seed is refused once one is announced.
func (s *Store) AnnounceSeed(ctx context.Context, petition, seed string, population, size int, actor string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := s.petition(ctx, tx, petition); err != nil {
			return err
		}
		var prior string
		err := tx.QueryRowContext(ctx, `SELECT json_extract(payload, '$.seed') FROM events WHERE kind = ? AND subject = ? ORDER BY seq LIMIT 1`,
			EventSampleSeed, "petition:"+petition).Scan(&prior)
		if err == nil {
			if prior != seed {
				return signet.Errorf(signet.EConflict, "petition %q already has the announced seed %s: a sample is drawn once, with the seed announced first", petition, prior)
			}
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		return s.appendOne(ctx, tx, EventSampleSeed, actor, "petition:"+petition, map[string]any{"seed": seed, "population": population, "size": size})
	})
}

// SaveSample stores the drawn sample (after AnnounceSeed). Saving the same draw again is a no-op.
func (s *Store) SaveSample(ctx context.Context, sm Sample, actor string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
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
		return s.appendOne(ctx, tx, EventSampleDraw, actor, "petition:"+sm.Petition,
			map[string]any{"seed": sm.Seed, "population": sm.Population, "size": sm.Size, "lines": sm.Seqs})
	})
}

// Sample returns a petition's sample.
func (s *Store) Sample(ctx context.Context, petition string) (Sample, error) {
	sm := Sample{Petition: petition}
	var at string
	err := s.db.QueryRowContext(ctx, `SELECT seed, population, size, drawn_at FROM samples WHERE petition_id = ?`, petition).
		Scan(&sm.Seed, &sm.Population, &sm.Size, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return sm, signet.Errorf(signet.ENotFound, "petition %q has no sample yet (signet sample draw --petition %s --seed DIGITS)", petition, petition)
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

// SampleCount is what the projection needs from the verified sample.
type SampleCount struct {
	Size       int // S: lines in the sample
	Verified   int // sample lines with a verdict
	Valid      int // V: sample lines valid before the duplicate rule (2 CCR §20530: withdrawn lines are not valid)
	Duplicates int // D: duplicate signatures within the sample: per voter, valid sample lines beyond the first
	Invalid    int // sample lines invalid for a reason other than duplication (Washington's I)
}

// SampleCount counts the verified sample of a petition.
func (s *Store) SampleCount(ctx context.Context, petition string) (SampleCount, error) {
	var c SampleCount
	err := s.db.QueryRowContext(ctx, `SELECT count(*), count(v.seq), coalesce(sum(v.base_valid), 0), coalesce(sum(v.seq IS NOT NULL AND v.base_valid = 0), 0)
		FROM sample_lines sl LEFT JOIN verdicts v ON v.petition_id = sl.petition_id AND v.seq = sl.seq WHERE sl.petition_id = ?`, petition).
		Scan(&c.Size, &c.Verified, &c.Valid, &c.Invalid)
	if err != nil {
		return c, err
	}
	err = s.db.QueryRowContext(ctx, `SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM sample_lines sl
		JOIN verdicts v ON v.petition_id = sl.petition_id AND v.seq = sl.seq
		WHERE sl.petition_id = ? AND v.base_valid = 1 AND v.voter_id != '' GROUP BY v.voter_id)`, petition).Scan(&c.Duplicates)
	return c, err
}

// SaveProjection records the projection from the sample and its decision.
func (s *Store) SaveProjection(ctx context.Context, petition, decision string, result any, actor string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		b, err := jsonText(result)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO projections (petition_id, decision, result, decided_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (petition_id) DO UPDATE SET decision = excluded.decision, result = excluded.result, decided_at = excluded.decided_at`,
			petition, decision, b, s.now()); err != nil {
			return err
		}
		return s.appendOne(ctx, tx, EventSampleProject, actor, "petition:"+petition, result)
	})
}

// Projection returns the recorded projection of a petition: its decision and its result as JSON.
func (s *Store) Projection(ctx context.Context, petition string) (decision, result string, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT decision, result FROM projections WHERE petition_id = ?`, petition).Scan(&decision, &result)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", signet.Errorf(signet.ENotFound, "petition %q has no projection yet (signet sample project --petition %s)", petition, petition)
	}
	return decision, result, err
}

// EventCertificate is the kind of a certificate's audit event.
const EventCertificate = "certificate"

// AuditHead returns the sequence number and hash of the last audit event.
func (s *Store) AuditHead(ctx context.Context) (int64, string, error) {
	var seq int64
	var hash string
	err := s.db.QueryRowContext(ctx, `SELECT seq, hash FROM events_head WHERE id = 1`).Scan(&seq, &hash)
	return seq, hash, err
}

// CertificateEvent records the issue of a certificate.
func (s *Store) CertificateEvent(ctx context.Context, petition, actor string, payload any) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		return s.appendOne(ctx, tx, EventCertificate, actor, "petition:"+petition, payload)
	})
}
