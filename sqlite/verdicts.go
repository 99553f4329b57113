package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"time"

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
	err := s.tx(ctx, what, func(tx *sql.Tx) error {
		if _, err := s.petition(ctx, tx, petition); err != nil {
			return err
		}
		a, err := s.newAppender(ctx, tx)
		if err != nil {
			return err
		}
		check, err := tx.PrepareContext(ctx, `SELECT count(*) FROM lines WHERE petition_id = ? AND line_id = ?`)
		if err != nil {
			return err
		}
		defer check.Close()
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO reviews (petition_id, line_id, signature, decided_by, decided_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (petition_id, line_id) DO UPDATE SET signature = excluded.signature, decided_by = excluded.decided_by, decided_at = excluded.decided_at`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for {
			r, line, err := next()
			if err == io.EOF {
				break
			}
			if err != nil {
				return err
			}
			var exists int
			if err := check.QueryRowContext(ctx, petition, r.LineID).Scan(&exists); err != nil {
				return err
			}
			if exists == 0 {
				if fileName != "" {
					return signet.Errorf(signet.ENotFound, "%s: line %d, column line_id: petition %q has no line %q", fileName, line, petition, r.LineID)
				}
				return signet.Errorf(signet.ENotFound, "petition %q has no line %q (line ids are <section>-<line number>)", petition, r.LineID)
			}
			at := s.Now().UTC()
			if _, err := stmt.ExecContext(ctx, petition, r.LineID, string(r.Signature), r.By, at.Format(signet.EventTimeLayout)); err != nil {
				return err
			}
			if err := a.add(ctx, signet.EventReview, r.By, "petition:"+petition, map[string]any{"line": r.LineID, "signature": r.Signature}); err != nil {
				return err
			}
			n++
		}
		return a.close(ctx)
	})
	return n, err
}

// Reviews returns the latest signature decision of every reviewed line of a petition, by line id.
func (s *Store) Reviews(ctx context.Context, petition string) (map[string]signet.Review, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT line_id, signature, decided_by, decided_at FROM reviews WHERE petition_id = ?`, petition)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return storecodec.ReadReviews(rows, petition)
}

// PrepareVerdict encodes what storing the record needs apart from the audit chain, so that
// the goroutines that decide verdicts do this work rather than the one that stores them all
// in turn (SaveVerdicts encodes an unprepared record itself). SaveVerdicts stores what was
// encoded, whatever changed in the record after.
func (s *Store) PrepareVerdict(r *signet.VerdictRecord) {
	if enc, err := storecodec.EncodeVerdict(r); err == nil {
		r.Prepared = enc
	}
}

// SaveVerdicts stores the verdicts of a batch of lines, replacing earlier ones, each with
// its audit event, then the duplicate rule's changes by actor, in one transaction: a batch
// is kept whole or not at all. The changes to the batch's own lines go into their rows as
// they are inserted, as an UPDATE after would leave them; their events are the same.
func (s *Store) SaveVerdicts(ctx context.Context, petition string, recs []signet.VerdictRecord, changes []signet.DuplicateChange, actor string) error {
	defer s.checkpointSoon()
	return s.tx(ctx, fmt.Sprintf("the verdicts of a batch of %d lines of petition %q", len(recs), petition), func(tx *sql.Tx) error {
		a, err := s.newAppender(ctx, tx)
		if err != nil {
			return err
		}
		// Lines decided again (after a signature decision) replace their verdict.
		del, err := tx.PrepareContext(ctx, `DELETE FROM verdicts WHERE petition_id = ? AND seq = ?`)
		if err != nil {
			return err
		}
		defer del.Close()
		ins, err := newBulk(ctx, tx, "verdicts", []string{"petition_id", "seq", "line_id", "valid", "reason", "sub_reason",
			"base_valid", "base_reason", "base_sub_reason", "notes", "voter_id", "roll_import_id", "score", "candidates", "decided_by", "decided_at", "decision"}, nil)
		if err != nil {
			return err
		}
		subject := "petition:" + petition
		// The rule's changes to this batch's own lines go into the rows as they are
		// inserted, as the UPDATE would leave them (an UPDATE of rows just inserted was a
		// tenth of the time of storing a county's verdicts); their events are the same.
		now := s.Now().UTC()
		nowText := now.Format(signet.EventTimeLayout)
		var inBatch map[int]*signet.DuplicateChange
		if len(changes) > 0 {
			bySeq := make(map[int]*signet.DuplicateChange, len(changes))
			for i := range changes {
				bySeq[changes[i].Seq] = &changes[i]
			}
			inBatch = make(map[int]*signet.DuplicateChange, len(changes))
			for i := range recs {
				if c, ok := bySeq[recs[i].Seq]; ok {
					inBatch[recs[i].Seq] = c
				}
			}
		}
		for i := range recs {
			r := &recs[i]
			enc, ok := r.Prepared.(*storecodec.Verdict)
			if !ok {
				if enc, err = storecodec.EncodeVerdict(r); err != nil {
					return err
				}
			}
			var roll any
			if r.RollImport != 0 {
				roll = r.RollImport
			}
			if r.Redo {
				if _, err := del.ExecContext(ctx, petition, r.Seq); err != nil {
					return err
				}
			}
			valid, reason, sub, by, at := r.Valid, r.Reason, r.SubReason, r.DecidedBy, enc.At
			if c, ok := inBatch[r.Seq]; ok {
				valid, reason, sub, by, at = ruleColumns(c, actor, nowText)
			}
			if err := ins.add(ctx, r.Seq, petition, r.Seq, r.LineID, boolInt(valid), string(reason), sub,
				boolInt(r.BaseValid), string(r.BaseReason), r.BaseSubReason, enc.Notes, r.VoterID, roll,
				r.Score, enc.Candidates, by, at, string(r.Decision)); err != nil {
				return err
			}
			if err := a.addJSON(ctx, signet.EventVerdict, r.DecidedBy, subject, enc.Payload); err != nil {
				return err
			}
		}
		if err := ins.close(ctx); err != nil {
			return err
		}
		if err := writeDuplicateChanges(ctx, tx, a, petition, actor, now, changes, inBatch); err != nil {
			return err
		}
		return a.close(ctx)
	})
}

// Tally counts a petition's lines and verdicts by reason.
func (s *Store) Tally(ctx context.Context, petition string) (signet.Tally, error) {
	t := signet.Tally{ByReason: map[signet.Reason]int{}, ByOther: map[string]int{}}
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM lines WHERE petition_id = ?`, petition).Scan(&t.Lines); err != nil {
		return t, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT valid, reason, sub_reason, count(*) FROM verdicts WHERE petition_id = ? GROUP BY valid, reason, sub_reason`, petition)
	if err != nil {
		return t, err
	}
	defer rows.Close()
	for rows.Next() {
		var valid, n int
		var reason, sub string
		if err := rows.Scan(&valid, &reason, &sub, &n); err != nil {
			return t, err
		}
		t.Verified += n
		if valid == 1 {
			t.Valid += n
			continue
		}
		t.ByReason[signet.Reason(reason)] += n
		if signet.Reason(reason) == signet.Other {
			t.ByOther[sub] += n
		}
	}
	return t, rows.Err()
}

// Verdict returns the stored verdict of one line.
func (s *Store) Verdict(ctx context.Context, petition, lineID string) (signet.VerdictRecord, error) {
	var r signet.VerdictRecord
	err := storecodec.ScanVerdict(s.db.QueryRowContext(ctx, `SELECT `+storecodec.VerdictColumns+`
		FROM verdicts WHERE petition_id = ? AND line_id = ?`, petition, lineID), petition, &r)
	if errors.Is(err, sql.ErrNoRows) {
		return r, signet.Errorf(signet.ENotFound, "line %q of petition %q has no verdict yet", lineID, petition)
	}
	return r, err
}

// EachVerdictRecord calls fn for every whole verdict row of a petition, in filing order,
// with its candidates when candidates is set.
func (s *Store) EachVerdictRecord(ctx context.Context, petition string, candidates bool, fn func(*signet.VerdictRecord) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT `+storecodec.VerdictColumnsOf(candidates)+` FROM verdicts WHERE petition_id = ? ORDER BY seq`, petition)
	if err != nil {
		return err
	}
	defer rows.Close()
	return storecodec.EachVerdictRecord(rows, petition, fn)
}

// EachVerdict calls fn for every verdict of a petition in filing order.
func (s *Store) EachVerdict(ctx context.Context, petition string, fn func(signet.VerdictRow)) error {
	return s.eachVerdict(ctx, `SELECT seq, line_id, valid, reason, sub_reason, voter_id, decision, base_valid FROM verdicts WHERE petition_id = ? ORDER BY seq`, petition, fn)
}

// EachSampleVerdict calls fn for the verdict of every sampled line that has one, in filing order.
func (s *Store) EachSampleVerdict(ctx context.Context, petition string, fn func(signet.VerdictRow)) error {
	return s.eachVerdict(ctx, `SELECT v.seq, v.line_id, v.valid, v.reason, v.sub_reason, v.voter_id, v.decision, v.base_valid
		FROM sample_lines sl JOIN verdicts v ON v.petition_id = sl.petition_id AND v.seq = sl.seq WHERE sl.petition_id = ? ORDER BY sl.seq`, petition, fn)
}

func (s *Store) eachVerdict(ctx context.Context, query, petition string, fn func(signet.VerdictRow)) error {
	rows, err := s.db.QueryContext(ctx, query, petition)
	if err != nil {
		return err
	}
	defer rows.Close()
	return storecodec.EachVerdictRow(rows, fn)
}

// VerdictsByDay counts the petition's verdicts by the day each line was last decided.
func (s *Store) VerdictsByDay(ctx context.Context, petition string) ([]signet.DayCount, error) {
	rows, err := s.db.QueryContext(ctx, fmt.Sprintf(storecodec.VerdictsByDayQuery, "?"), petition)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return storecodec.ReadDayCounts(rows, petition)
}

// VerdictTimes returns when each line with a verdict, by filing position, was last decided.
func (s *Store) VerdictTimes(ctx context.Context, petition string) (map[int]time.Time, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT seq, decided_at FROM verdicts WHERE petition_id = ?`, petition)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return storecodec.ReadVerdictTimes(rows, petition)
}
