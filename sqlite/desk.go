package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/internal/storecodec"
)

// reviewQueueFrom is the review queue's lines (the linker sent them to review; no person
// decided them since), joined with their lines for their sections; its one parameter is
// the petition.
const reviewQueueFrom = `FROM verdicts v JOIN lines ln ON ln.petition_id = v.petition_id AND ln.seq = v.seq
	LEFT JOIN link_reviews r ON r.petition_id = v.petition_id AND r.line_id = v.line_id
	WHERE v.petition_id = ? AND v.decision = 'review' AND r.line_id IS NULL`

func stamp(t time.Time) string { return t.UTC().Format(signet.EventTimeLayout) }

// inList is " AND col [NOT] IN (?, ...)" with its arguments, "" for no values.
func inList(col string, not bool, vals []string, args []any) (string, []any) {
	if len(vals) == 0 {
		return "", args
	}
	op := " IN ("
	if not {
		op = " NOT IN ("
	}
	for _, v := range vals {
		args = append(args, v)
	}
	return " AND " + col + op + strings.TrimSuffix(strings.Repeat("?, ", len(vals)), ", ") + ")", args
}

// ClaimReview leases a line of the review queue to clerk, in one write transaction
// (SQLite's one writer makes the read and the lease one step).
func (s *Store) ClaimReview(ctx context.Context, petition, clerk string, fresh time.Time, scope signet.ClaimScope) (signet.Lease, bool, error) {
	var l signet.Lease
	var ok bool
	err := s.tx(ctx, fmt.Sprintf("the lease of a review line of petition %q", petition), func(tx *sql.Tx) error {
		l, ok = signet.Lease{}, false
		// The line the clerk holds, while it is still in the queue.
		err := tx.QueryRowContext(ctx, `SELECT v.line_id, v.seq `+reviewQueueFrom+`
			AND EXISTS (SELECT 1 FROM review_leases k WHERE k.petition_id = v.petition_id AND k.line_id = v.line_id AND k.clerk = ? AND k.claimed_at >= ?)
			ORDER BY v.seq LIMIT 1`, petition, clerk, stamp(fresh)).Scan(&l.LineID, &l.Seq)
		if errors.Is(err, sql.ErrNoRows) {
			if scope.Sections != nil && len(scope.Sections) == 0 {
				return nil
			}
			args := []any{petition, stamp(fresh)}
			var in, notIn string
			in, args = inList("ln.section_id", false, scope.Sections, args)
			notIn, args = inList("ln.section_id", true, scope.NotSections, args)
			err = tx.QueryRowContext(ctx, `SELECT v.line_id, v.seq `+reviewQueueFrom+`
				AND NOT EXISTS (SELECT 1 FROM review_leases k WHERE k.petition_id = v.petition_id AND k.line_id = v.line_id AND k.claimed_at >= ?)`+in+notIn+`
				ORDER BY v.seq LIMIT 1`, args...).Scan(&l.LineID, &l.Seq)
		}
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		// A clerk holds one line at a time.
		if _, err := tx.ExecContext(ctx, `DELETE FROM review_leases WHERE petition_id = ? AND clerk = ?`, petition, clerk); err != nil {
			return err
		}
		at := s.Now().UTC()
		if _, err := tx.ExecContext(ctx, `INSERT INTO review_leases (petition_id, line_id, seq, clerk, claimed_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (petition_id, line_id) DO UPDATE SET seq = excluded.seq, clerk = excluded.clerk, claimed_at = excluded.claimed_at`,
			petition, l.LineID, l.Seq, clerk, stamp(at)); err != nil {
			return err
		}
		l.PetitionID, l.Clerk, l.ClaimedAt, ok = petition, clerk, at.Truncate(time.Microsecond), true
		return nil
	})
	return l, ok, err
}

// ReleaseReview drops clerk's lease on a line.
func (s *Store) ReleaseReview(ctx context.Context, petition, lineID, clerk string) error {
	return s.tx(ctx, fmt.Sprintf("the lease on line %q of petition %q", lineID, petition), func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM review_leases WHERE petition_id = ? AND line_id = ? AND clerk = ?`, petition, lineID, clerk)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return signet.Errorf(signet.ENotFound, "%s holds no lease on line %q of petition %q", clerk, lineID, petition)
		}
		return nil
	})
}

// ReviewLease returns the lease on a line.
func (s *Store) ReviewLease(ctx context.Context, petition, lineID string) (signet.Lease, error) {
	l, err := storecodec.ScanLease(s.db.QueryRowContext(ctx, `SELECT `+storecodec.LeaseColumns+` FROM review_leases WHERE petition_id = ? AND line_id = ?`, petition, lineID), petition)
	if errors.Is(err, sql.ErrNoRows) {
		return l, signet.Errorf(signet.ENotFound, "nobody holds a lease on line %q of petition %q", lineID, petition)
	}
	return l, err
}

// lineExists refuses (ENotFound) a line the petition does not have.
func lineExists(ctx context.Context, tx *sql.Tx, petition, lineID string) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM lines WHERE petition_id = ? AND line_id = ?`, petition, lineID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return signet.Errorf(signet.ENotFound, "petition %q has no line %q", petition, lineID)
	}
	return nil
}

// RecordDeskDecision stores a clerk's decision, its parts where verification reads them,
// and drops the lease, in one transaction.
func (s *Store) RecordDeskDecision(ctx context.Context, d signet.DeskDecision, fresh time.Time) error {
	p, line := d.PetitionID, d.LineID
	return s.tx(ctx, fmt.Sprintf("the decision on line %q of petition %q", line, p), func(tx *sql.Tx) error {
		if err := lineExists(ctx, tx, p, line); err != nil {
			return err
		}
		var clerk, at string
		err := tx.QueryRowContext(ctx, `SELECT clerk, claimed_at FROM review_leases WHERE petition_id = ? AND line_id = ?`, p, line).Scan(&clerk, &at)
		if errors.Is(err, sql.ErrNoRows) || err == nil && clerk != d.Clerk {
			return signet.Errorf(signet.EConflict, "line %q of petition %q is not leased to %s: claim it first", line, p, d.Clerk)
		}
		if err != nil {
			return err
		}
		if at < stamp(fresh) {
			return signet.Errorf(signet.EConflict, "%s's lease on line %q of petition %q has expired: claim it again", d.Clerk, line, p)
		}
		subject := "petition:" + p
		now := s.now()
		if err := s.linkReviewTx(ctx, tx, p, signet.LinkReview{LineID: line, VoterID: d.VoterID, By: d.Clerk}, now); err != nil {
			return err
		}
		if d.Signature != "" {
			if _, err := tx.ExecContext(ctx, `INSERT INTO reviews (petition_id, line_id, signature, decided_by, decided_at) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (petition_id, line_id) DO UPDATE SET signature = excluded.signature, decided_by = excluded.decided_by, decided_at = excluded.decided_at`,
				p, line, string(d.Signature), d.Clerk, now); err != nil {
				return err
			}
			if err := s.appendOne(ctx, tx, signet.EventReview, d.Clerk, subject, map[string]any{"line": line, "signature": d.Signature}); err != nil {
				return err
			}
		}
		if d.Ruling != nil {
			if err := s.overrideTx(ctx, tx, *d.Ruling, now); err != nil {
				return err
			}
		}
		code := storecodec.DeskDecisionCode(d)
		if _, err := tx.ExecContext(ctx, `INSERT INTO desk_decisions (petition_id, line_id, clerk, voter_id, signature, verdict, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			p, line, d.Clerk, d.VoterID, string(d.Signature), code, now); err != nil {
			return err
		}
		if err := s.appendOne(ctx, tx, signet.EventReviewDecision, d.Clerk, subject, storecodec.DeskDecisionPayload(d, code)); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM review_leases WHERE petition_id = ? AND line_id = ?`, p, line)
		return err
	})
}

// DeskDecisions returns clerks' decisions, oldest first.
func (s *Store) DeskDecisions(ctx context.Context, petition string) ([]signet.DeskDecision, error) {
	q := `SELECT ` + storecodec.DeskDecisionColumns + ` FROM desk_decisions`
	var args []any
	if petition != "" {
		q += ` WHERE petition_id = ?`
		args = append(args, petition)
	}
	rows, err := s.db.QueryContext(ctx, q+` ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return storecodec.ReadDeskDecisions(rows)
}

// AssignSection gives a section's review lines to a clerk, or to nobody.
func (s *Store) AssignSection(ctx context.Context, a signet.Assignment) error {
	return s.tx(ctx, fmt.Sprintf("the assignment of section %q of petition %q", a.SectionID, a.PetitionID), func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sections WHERE petition_id = ? AND id = ?`, a.PetitionID, a.SectionID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return signet.Errorf(signet.ENotFound, "petition %q has no section %q", a.PetitionID, a.SectionID)
		}
		var err error
		if a.Clerk == "" {
			_, err = tx.ExecContext(ctx, `DELETE FROM review_assignments WHERE petition_id = ? AND section_id = ?`, a.PetitionID, a.SectionID)
		} else {
			_, err = tx.ExecContext(ctx, `INSERT INTO review_assignments (petition_id, section_id, clerk, assigned_by, assigned_at) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (petition_id, section_id) DO UPDATE SET clerk = excluded.clerk, assigned_by = excluded.assigned_by, assigned_at = excluded.assigned_at`,
				a.PetitionID, a.SectionID, a.Clerk, a.By, s.now())
		}
		if err != nil {
			return err
		}
		return s.appendOne(ctx, tx, signet.EventReviewAssign, a.By, "petition:"+a.PetitionID, map[string]any{"section": a.SectionID, "clerk": a.Clerk})
	})
}

// Assignments returns a petition's assigned sections.
func (s *Store) Assignments(ctx context.Context, petition string) ([]signet.Assignment, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+storecodec.AssignmentColumns+` FROM review_assignments WHERE petition_id = ? ORDER BY section_id`, petition)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return storecodec.ReadAssignments(rows, petition)
}

// overrideTx stores a ruling and its event in tx.
func (s *Store) overrideTx(ctx context.Context, tx *sql.Tx, o signet.Override, at string) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO overrides (petition_id, line_id, valid, reason, sub_reason, comment, source, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (petition_id, line_id) DO UPDATE SET valid = excluded.valid, reason = excluded.reason, sub_reason = excluded.sub_reason,
		comment = excluded.comment, source = excluded.source, decided_by = excluded.decided_by, decided_at = excluded.decided_at`,
		o.PetitionID, o.LineID, boolInt(o.Valid), string(o.Reason), o.SubReason, o.Comment, o.Source, o.By, at); err != nil {
		return err
	}
	return s.appendOne(ctx, tx, signet.EventOverride, o.By, "petition:"+o.PetitionID, storecodec.OverridePayload(o))
}

// RecordOverride stores a ruling on a line (the latest counts) and logs it.
func (s *Store) RecordOverride(ctx context.Context, o signet.Override) error {
	return s.tx(ctx, fmt.Sprintf("the override of line %q of petition %q", o.LineID, o.PetitionID), func(tx *sql.Tx) error {
		if err := lineExists(ctx, tx, o.PetitionID, o.LineID); err != nil {
			return err
		}
		return s.overrideTx(ctx, tx, o, s.now())
	})
}

// Overrides returns the rulings of a petition by line id.
func (s *Store) Overrides(ctx context.Context, petition string) (map[string]signet.Override, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+storecodec.OverrideColumns+` FROM overrides WHERE petition_id = ?`, petition)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return storecodec.ReadOverrides(rows, petition)
}

// FileChallenge stores an open challenge and logs it.
func (s *Store) FileChallenge(ctx context.Context, c signet.Challenge) (signet.Challenge, error) {
	err := s.tx(ctx, fmt.Sprintf("the challenge of line %q of petition %q", c.LineID, c.PetitionID), func(tx *sql.Tx) error {
		if err := lineExists(ctx, tx, c.PetitionID, c.LineID); err != nil {
			return err
		}
		at := s.Now().UTC()
		res, err := tx.ExecContext(ctx, `INSERT INTO challenges (petition_id, line_id, filed_by, comment, filed_at, status) VALUES (?, ?, ?, ?, ?, 'open')`,
			c.PetitionID, c.LineID, c.By, c.Comment, stamp(at))
		if err != nil {
			return err
		}
		if c.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		c.FiledAt, c.Status = at.Truncate(time.Microsecond), signet.ChallengeOpen
		return s.appendOne(ctx, tx, signet.EventChallengeFile, c.By, "petition:"+c.PetitionID, map[string]any{"challenge": c.ID, "line": c.LineID, "comment": c.Comment})
	})
	return c, err
}

// Challenges returns a petition's challenges in filing order.
func (s *Store) Challenges(ctx context.Context, petition string, open bool) ([]signet.Challenge, error) {
	q := `SELECT ` + storecodec.ChallengeColumns + ` FROM challenges WHERE petition_id = ?`
	if open {
		q += ` AND status = 'open'`
	}
	rows, err := s.db.QueryContext(ctx, q+` ORDER BY id`, petition)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return storecodec.ReadChallenges(rows, petition)
}

// Challenge returns one challenge of a petition.
func (s *Store) Challenge(ctx context.Context, petition string, id int64) (signet.Challenge, error) {
	c, err := storecodec.ScanChallenge(s.db.QueryRowContext(ctx, `SELECT `+storecodec.ChallengeColumns+` FROM challenges WHERE petition_id = ? AND id = ?`, petition, id), petition)
	if errors.Is(err, sql.ErrNoRows) {
		return c, signet.Errorf(signet.ENotFound, "petition %q has no challenge %d", petition, id)
	}
	return c, err
}

// AnswerChallenge records an open challenge's answer, and its ruling when it makes one.
func (s *Store) AnswerChallenge(ctx context.Context, c signet.Challenge, ruling *signet.Override) error {
	return s.tx(ctx, fmt.Sprintf("the answer to challenge %d of petition %q", c.ID, c.PetitionID), func(tx *sql.Tx) error {
		now := s.now()
		res, err := tx.ExecContext(ctx, `UPDATE challenges SET status = ?, answer = ?, answered_by = ?, answered_at = ? WHERE petition_id = ? AND id = ? AND status = 'open'`,
			c.Status, c.Answer, c.AnsweredBy, now, c.PetitionID, c.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			if _, err := s.Challenge(ctx, c.PetitionID, c.ID); err != nil {
				return err
			}
			return signet.Errorf(signet.EConflict, "challenge %d of petition %q is answered already", c.ID, c.PetitionID)
		}
		if err := s.appendOne(ctx, tx, signet.EventChallengeAnswer, c.AnsweredBy, "petition:"+c.PetitionID,
			map[string]any{"challenge": c.ID, "line": c.LineID, "status": c.Status, "answer": c.Answer}); err != nil {
			return err
		}
		if ruling != nil {
			return s.overrideTx(ctx, tx, *ruling, now)
		}
		return nil
	})
}
