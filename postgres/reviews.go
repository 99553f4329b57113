package postgres

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/jackc/pgx/v5"
	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/internal/storecodec"
)

// RecordReviews stores signature decisions, each also an audit event, all or none.
// fileName names the source in errors ("" for a decision given directly).
func (s *Store) RecordReviews(ctx context.Context, petition, fileName string, next signet.ReviewSource) (int, error) {
	n := 0
	what := fmt.Sprintf("the signature decisions on petition %q", petition)
	if fileName != "" {
		what = fileName + ": " + what
	}
	err := s.txOnce(ctx, what, func(w *writeTx) error {
		if _, err := readPetition(ctx, w, petition); err != nil {
			return err
		}
		a := s.newAppender(w)
		for {
			r, line, err := next()
			if err == io.EOF {
				break
			}
			if err != nil {
				return err
			}
			at := s.Now().UTC()
			tag, err := w.Exec(ctx, `INSERT INTO reviews (petition_id, line_id, signature, decided_by, decided_at)
				SELECT $1, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 FROM lines WHERE petition_id = $1 AND line_id = $2)
				ON CONFLICT (petition_id, line_id) DO UPDATE SET signature = excluded.signature, decided_by = excluded.decided_by, decided_at = excluded.decided_at`,
				petition, r.LineID, string(r.Signature), r.By, at.Format(signet.EventTimeLayout))
			if err != nil {
				return err
			}
			if tag.RowsAffected() == 0 {
				if fileName != "" {
					return signet.Errorf(signet.ENotFound, "%s: line %d, column line_id: petition %q has no line %q", fileName, line, petition, r.LineID)
				}
				return signet.Errorf(signet.ENotFound, "petition %q has no line %q (line ids are <section>-<line number>)", petition, r.LineID)
			}
			if err := a.add(signet.EventReview, r.By, "petition:"+petition, map[string]any{"line": r.LineID, "signature": r.Signature}); err != nil {
				return err
			}
			n++
		}
		return a.close(ctx)
	})
	doing := "recording signature decisions for petition " + petition
	if fileName != "" {
		doing = "recording the signature decisions of " + fileName
	}
	return n, s.lostError(err, doing)
}

// Reviews returns the latest signature decision of every reviewed line of a petition, by line id.
func (s *Store) Reviews(ctx context.Context, petition string) (map[string]signet.Review, error) {
	rows, err := s.pool.Query(ctx, `SELECT line_id, signature, decided_by, decided_at FROM reviews WHERE petition_id = $1`, petition)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return storecodec.ReadReviews(rows, petition)
}

// RecordLinkReview stores a person's link decision for a line (the latest counts) and logs it.
func (s *Store) RecordLinkReview(ctx context.Context, petition string, r signet.LinkReview) error {
	return s.tx(ctx, fmt.Sprintf("the link decision on line %q of petition %q", r.LineID, petition), func(w *writeTx) error {
		return s.linkReviewTx(ctx, w, petition, r, s.now())
	})
}

// linkReviewTx stores a link decision decided at at, and its event, in w; ENotFound when
// the petition has no such line.
func (s *Store) linkReviewTx(ctx context.Context, w *writeTx, petition string, r signet.LinkReview, at string) error {
	tag, err := w.Exec(ctx, `INSERT INTO link_reviews (petition_id, line_id, voter_id, decided_by, decided_at)
		SELECT $1, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 FROM lines WHERE petition_id = $1 AND line_id = $2)
		ON CONFLICT (petition_id, line_id) DO UPDATE SET voter_id = excluded.voter_id, decided_by = excluded.decided_by, decided_at = excluded.decided_at`,
		petition, r.LineID, r.VoterID, r.By, at)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return signet.Errorf(signet.ENotFound, "petition %q has no line %q", petition, r.LineID)
	}
	return s.appendOne(ctx, w, signet.EventLinkReview, r.By, "petition:"+petition, map[string]any{"line": r.LineID, "voter": r.VoterID})
}

// LinkReviews returns the link decisions of a petition by line id.
func (s *Store) LinkReviews(ctx context.Context, petition string) (map[string]signet.LinkReview, error) {
	rows, err := s.pool.Query(ctx, `SELECT line_id, voter_id, decided_by, decided_at FROM link_reviews WHERE petition_id = $1`, petition)
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
		WHERE v.petition_id = $1 AND v.decision = 'review' AND r.line_id IS NULL`
	var first *string
	if err = s.pool.QueryRow(ctx, `SELECT count(*), (SELECT v.line_id `+queue+` ORDER BY v.seq LIMIT 1) `+queue, petition).Scan(&left, &first); err != nil {
		return "", 0, false, err
	}
	if first == nil {
		return "", 0, false, nil
	}
	return *first, left, true, nil
}

// errNoRows says whether err is a query's missing row.
func errNoRows(err error) bool { return errors.Is(err, pgx.ErrNoRows) }
