package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/internal/storecodec"
)

// RecordLinkReview stores a person's link decision for a line (the latest counts) and logs it.
func (s *Store) RecordLinkReview(ctx context.Context, petition string, r signet.LinkReview) error {
	return s.tx(ctx, fmt.Sprintf("the link decision on line %q of petition %q", r.LineID, petition), func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM lines WHERE petition_id = ? AND line_id = ?`, petition, r.LineID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return signet.Errorf(signet.ENotFound, "petition %q has no line %q", petition, r.LineID)
		}
		return s.linkReviewTx(ctx, tx, petition, r, s.now())
	})
}

// linkReviewTx stores a link decision decided at at, and its event, in tx.
func (s *Store) linkReviewTx(ctx context.Context, tx *sql.Tx, petition string, r signet.LinkReview, at string) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO link_reviews (petition_id, line_id, voter_id, decided_by, decided_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (petition_id, line_id) DO UPDATE SET voter_id = excluded.voter_id, decided_by = excluded.decided_by, decided_at = excluded.decided_at`,
		petition, r.LineID, r.VoterID, r.By, at); err != nil {
		return err
	}
	return s.appendOne(ctx, tx, signet.EventLinkReview, r.By, "petition:"+petition, map[string]any{"line": r.LineID, "voter": r.VoterID})
}

// LinkReviews returns the link decisions of a petition by line id.
func (s *Store) LinkReviews(ctx context.Context, petition string) (map[string]signet.LinkReview, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT line_id, voter_id, decided_by, decided_at FROM link_reviews WHERE petition_id = ?`, petition)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return storecodec.ReadLinkReviews(rows)
}

// ReviewQueue returns the first line, in filing order, that the linker sent to review and no
// person has decided since; ok is false when the queue is empty. left counts the queue.
func (s *Store) ReviewQueue(ctx context.Context, petition string) (lineID string, left int, ok bool, err error) {
	const queue = `FROM verdicts v LEFT JOIN link_reviews r ON r.petition_id = v.petition_id AND r.line_id = v.line_id
		WHERE v.petition_id = ? AND v.decision = 'review' AND r.line_id IS NULL`
	if err = s.db.QueryRowContext(ctx, `SELECT count(*) `+queue, petition).Scan(&left); err != nil {
		return "", 0, false, err
	}
	err = s.db.QueryRowContext(ctx, `SELECT v.line_id `+queue+` ORDER BY v.seq LIMIT 1`, petition).Scan(&lineID)
	if errors.Is(err, sql.ErrNoRows) {
		return "", 0, false, nil
	}
	return lineID, left, err == nil, err
}
