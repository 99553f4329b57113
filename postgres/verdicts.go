package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/internal/storecodec"
)

var verdictColumns = []string{"petition_id", "seq", "line_id", "valid", "reason", "sub_reason",
	"base_valid", "base_reason", "base_sub_reason", "notes", "voter_id", "roll_import_id", "score", "candidates", "decided_by", "decided_at", "decision"}

// PrepareVerdict encodes what storing the record needs apart from the audit chain, so that
// the goroutines that decide verdicts do this work rather than the one that stores them all
// in turn (SaveVerdicts encodes an unprepared record itself).
func (s *Store) PrepareVerdict(r *signet.VerdictRecord) {
	if enc, err := storecodec.EncodeVerdict(r); err == nil {
		r.Prepared = enc
	}
}

// SaveVerdicts stores the verdicts of a batch of lines, replacing earlier ones, each with
// its audit event, then the duplicate rule's changes by actor, in one transaction: a batch
// is kept whole or not at all. The changes to the batch's own lines go into their rows as
// they are written, as an UPDATE after would leave them; their events are the same.
func (s *Store) SaveVerdicts(ctx context.Context, petition string, recs []signet.VerdictRecord, changes []signet.DuplicateChange, actor string) error {
	err := s.tx(ctx, fmt.Sprintf("the verdicts of a batch of %d lines of petition %q", len(recs), petition), func(w *writeTx) error {
		return s.saveVerdicts(ctx, w, petition, recs, changes, actor)
	})
	if len(recs) > 0 {
		err = s.lostError(err, fmt.Sprintf("storing the verdicts of %d lines of petition %s", len(recs), petition))
	}
	return err
}

// saveVerdicts is SaveVerdicts in the write transaction w.
func (s *Store) saveVerdicts(ctx context.Context, w *writeTx, petition string, recs []signet.VerdictRecord, changes []signet.DuplicateChange, actor string) error {
	a := s.newAppender(w)
	subject := "petition:" + petition
	now := s.Now().UTC()
	nowText := now.Format(signet.EventTimeLayout)
	bySeq := make(map[int]*signet.DuplicateChange, len(changes))
	for i := range changes {
		bySeq[changes[i].Seq] = &changes[i]
	}
	inBatch := make(map[int]*signet.DuplicateChange, len(changes))
	var redo []int64
	rows := make([][]any, 0, len(recs))
	for i := range recs {
		r := &recs[i]
		enc, ok := r.Prepared.(*storecodec.Verdict)
		if !ok {
			var err error
			if enc, err = storecodec.EncodeVerdict(r); err != nil {
				return err
			}
		}
		if c, ok := bySeq[r.Seq]; ok {
			inBatch[r.Seq] = c
		}
		var roll any
		if r.RollImport != 0 {
			roll = r.RollImport
		}
		if r.Redo {
			redo = append(redo, int64(r.Seq))
		}
		valid, reason, sub, by, at := r.Valid, r.Reason, r.SubReason, r.DecidedBy, enc.At
		if c, ok := inBatch[r.Seq]; ok {
			valid, reason, sub, by, at = ruleColumns(c, actor, nowText)
		}
		rows = append(rows, []any{petition, r.Seq, r.LineID, flag(valid), string(reason), sub,
			flag(r.BaseValid), string(r.BaseReason), r.BaseSubReason, enc.Notes, r.VoterID, roll,
			r.Score, enc.Candidates, by, at, string(r.Decision)})
		a.addJSON(signet.EventVerdict, r.DecidedBy, subject, enc.Payload)
	}
	// Lines decided again (after a signature decision) replace their verdict.
	if len(redo) > 0 {
		if _, err := w.Exec(ctx, `DELETE FROM verdicts WHERE petition_id = $1 AND seq = ANY($2)`, petition, redo); err != nil {
			return err
		}
	}
	if _, err := w.CopyFrom(ctx, pgx.Identifier{"verdicts"}, verdictColumns, pgx.CopyFromRows(rows)); err != nil {
		return err // a line with a verdict already is refused (EConflict) by the transaction
	}
	if err := writeDuplicateChanges(ctx, w, a, petition, actor, now, changes, inBatch); err != nil {
		return err
	}
	return a.close(ctx)
}

// ruleColumns is what a change of the duplicate rule sets in its verdict's row: valid,
// reason, sub_reason, decided_by and decided_at.
func ruleColumns(c *signet.DuplicateChange, actor, at string) (bool, signet.Reason, string, string, string) {
	valid, reason := c.Outcome()
	return valid, reason, "", actor, at
}

// ApplyDuplicateRule applies a duplicate rule over the whole petition in one transaction:
// it reads the lines the rule looks at (valid before the rule and linked to a voter), asks
// the rule for its changes, and stores them, each with its audit event. It returns how many
// verdicts changed.
func (s *Store) ApplyDuplicateRule(ctx context.Context, petition string, rule signet.DuplicateRule, actor string) (int, error) {
	changed := 0
	err := s.tx(ctx, fmt.Sprintf("the duplicate rule's verdicts of petition %q", petition), func(w *writeTx) error {
		rows, err := w.Query(ctx, `SELECT v.seq, v.line_id, v.voter_id, v.valid, v.reason, v.score, v.notes, l.date_signed
			FROM verdicts v JOIN lines l ON l.petition_id = v.petition_id AND l.seq = v.seq
			WHERE v.petition_id = $1 AND v.base_valid = 1 AND v.voter_id != '' ORDER BY v.seq`, petition)
		if err != nil {
			return err
		}
		all, err := storecodec.ReadDuplicateCandidates(rows)
		rows.Close()
		if err != nil {
			return err
		}
		changes := rule(all)
		a := s.newAppender(w)
		if err := writeDuplicateChanges(ctx, w, a, petition, actor, s.Now().UTC(), changes, nil); err != nil {
			return err
		}
		changed = len(changes)
		return a.close(ctx)
	})
	return changed, s.lostError(err, "applying the duplicate rule to petition "+petition)
}

// writeDuplicateChanges updates the changed verdicts and appends an audit event for each.
// Rows in written have the outcome already (SaveVerdicts wrote them so): only their events
// are written.
func writeDuplicateChanges(ctx context.Context, w *writeTx, a *appender, petition, actor string, now time.Time, changes []signet.DuplicateChange, written map[int]*signet.DuplicateChange) error {
	// Every change sets one of two outcomes, so the rows are updated many at a time.
	var struck, kept []int64
	for _, c := range changes {
		v := c.Record(actor, now)
		if _, ok := written[c.Seq]; !ok {
			if c.Struck {
				struck = append(struck, int64(c.Seq))
			} else {
				kept = append(kept, int64(c.Seq))
			}
		}
		enc, err := storecodec.EncodeVerdict(&v)
		if err != nil {
			return err
		}
		a.addJSON(signet.EventVerdict, actor, "petition:"+petition, enc.Payload)
	}
	for _, u := range []struct {
		valid bool
		seqs  []int64
	}{{false, struck}, {true, kept}} {
		if len(u.seqs) == 0 {
			continue
		}
		valid, reason, sub, by, at := ruleColumns(&signet.DuplicateChange{Struck: !u.valid}, actor, now.Format(signet.EventTimeLayout))
		if _, err := w.Exec(ctx, `UPDATE verdicts SET valid = $1, reason = $2, sub_reason = $3, decided_by = $4, decided_at = $5
			WHERE petition_id = $6 AND seq = ANY($7)`, flag(valid), string(reason), sub, by, at, petition, u.seqs); err != nil {
			return err
		}
	}
	return nil
}

// Tally counts a petition's lines and verdicts by reason.
func (s *Store) Tally(ctx context.Context, petition string) (signet.Tally, error) {
	t := signet.Tally{ByReason: map[signet.Reason]int{}, ByOther: map[string]int{}}
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM lines WHERE petition_id = $1`, petition).Scan(&t.Lines); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT valid, reason, sub_reason, count(*) FROM verdicts WHERE petition_id = $1 GROUP BY valid, reason, sub_reason`, petition)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var valid int16
			var n int
			var reason, sub string
			if err := rows.Scan(&valid, &reason, &sub, &n); err != nil {
				return err
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
		return rows.Err()
	})
	return t, err
}

// Verdict returns the stored verdict of one line.
func (s *Store) Verdict(ctx context.Context, petition, lineID string) (signet.VerdictRecord, error) {
	var r signet.VerdictRecord
	err := storecodec.ScanVerdict(s.pool.QueryRow(ctx, `SELECT `+storecodec.VerdictColumns+`
		FROM verdicts WHERE petition_id = $1 AND line_id = $2`, petition, lineID), petition, &r)
	if errors.Is(err, pgx.ErrNoRows) {
		return r, signet.Errorf(signet.ENotFound, "line %q of petition %q has no verdict yet", lineID, petition)
	}
	return r, err
}

// EachVerdictRecord calls fn for every whole verdict row of a petition, in filing order,
// with its candidates when candidates is set.
func (s *Store) EachVerdictRecord(ctx context.Context, petition string, candidates bool, fn func(*signet.VerdictRecord) error) error {
	rows, err := s.pool.Query(ctx, `SELECT `+storecodec.VerdictColumnsOf(candidates)+` FROM verdicts WHERE petition_id = $1 ORDER BY seq`, petition)
	if err != nil {
		return err
	}
	defer rows.Close()
	return storecodec.EachVerdictRecord(rows, petition, fn)
}

// EachVerdict calls fn for every verdict of a petition in filing order.
func (s *Store) EachVerdict(ctx context.Context, petition string, fn func(signet.VerdictRow)) error {
	return s.eachVerdict(ctx, `SELECT seq, line_id, valid, reason, sub_reason, voter_id, decision, base_valid FROM verdicts WHERE petition_id = $1 ORDER BY seq`, petition, fn)
}

// EachSampleVerdict calls fn for the verdict of every sampled line that has one, in filing order.
func (s *Store) EachSampleVerdict(ctx context.Context, petition string, fn func(signet.VerdictRow)) error {
	return s.eachVerdict(ctx, `SELECT v.seq, v.line_id, v.valid, v.reason, v.sub_reason, v.voter_id, v.decision, v.base_valid
		FROM sample_lines sl JOIN verdicts v ON v.petition_id = sl.petition_id AND v.seq = sl.seq WHERE sl.petition_id = $1 ORDER BY sl.seq`, petition, fn)
}

func (s *Store) eachVerdict(ctx context.Context, query, petition string, fn func(signet.VerdictRow)) error {
	rows, err := s.pool.Query(ctx, query, petition)
	if err != nil {
		return err
	}
	defer rows.Close()
	return storecodec.EachVerdictRow(rows, fn)
}

// VerdictsByDay counts the petition's verdicts by the day each line was last decided.
func (s *Store) VerdictsByDay(ctx context.Context, petition string) ([]signet.DayCount, error) {
	rows, err := s.pool.Query(ctx, fmt.Sprintf(storecodec.VerdictsByDayQuery, "$1"), petition)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return storecodec.ReadDayCounts(rows, petition)
}

// VerdictTimes returns when each line with a verdict, by filing position, was last decided.
func (s *Store) VerdictTimes(ctx context.Context, petition string) (map[int]time.Time, error) {
	rows, err := s.pool.Query(ctx, `SELECT seq, decided_at FROM verdicts WHERE petition_id = $1`, petition)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return storecodec.ReadVerdictTimes(rows, petition)
}
