package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/internal/storecodec"
)

// ApplyDuplicateRule applies a duplicate rule over the whole petition in one transaction:
// it reads the lines the rule looks at (valid before the rule and linked to a voter), asks
// the rule for its changes, and stores them, each with its audit event. It returns how many
// verdicts changed.
func (s *Store) ApplyDuplicateRule(ctx context.Context, petition string, rule signet.DuplicateRule, actor string) (int, error) {
	changed := 0
	err := s.tx(ctx, fmt.Sprintf("the duplicate rule's verdicts of petition %q", petition), func(tx *sql.Tx) error {
		all, err := duplicateCandidates(ctx, tx, petition)
		if err != nil {
			return err
		}
		changes := rule(all)
		a, err := s.newAppender(ctx, tx)
		if err != nil {
			return err
		}
		if err := writeDuplicateChanges(ctx, tx, a, petition, actor, s.Now().UTC(), changes, nil); err != nil {
			return err
		}
		changed = len(changes)
		return a.close(ctx)
	})
	return changed, err
}

// writeDuplicateChanges updates the changed verdicts and appends an audit event for each.
// Rows in written have the outcome already (SaveVerdicts inserted them so): only
// their events are written.
func writeDuplicateChanges(ctx context.Context, tx *sql.Tx, a *appender, petition, actor string, now time.Time, changes []signet.DuplicateChange, written map[int]*signet.DuplicateChange) error {
	// Every change sets one of two outcomes, so the rows are updated many at a time
	// (43,000 statements of one row each took a second at county scale).
	var struck, kept []any
	for _, c := range changes {
		v := c.Record(actor, now)
		if _, ok := written[c.Seq]; !ok {
			if c.Struck {
				struck = append(struck, c.Seq)
			} else {
				kept = append(kept, c.Seq)
			}
		}
		enc, err := storecodec.EncodeVerdict(&v)
		if err != nil {
			return err
		}
		if err := a.addJSON(ctx, signet.EventVerdict, actor, "petition:"+petition, enc.Payload); err != nil {
			return err
		}
	}
	for _, u := range []struct {
		valid bool
		seqs  []any
	}{{false, struck}, {true, kept}} {
		valid, reason, sub, by, at := ruleColumns(&signet.DuplicateChange{Struck: !u.valid}, actor, now.Format(signet.EventTimeLayout))
		for seqs := u.seqs; len(seqs) > 0; {
			n := min(len(seqs), 500)
			args := append([]any{boolInt(valid), string(reason), sub, by, at, petition}, seqs[:n]...)
			// OR ROLLBACK: no statement journal to undo one failed statement alone; a
			// failure loses the transaction whatever (see bulk.sql).
			if _, err := tx.ExecContext(ctx, `UPDATE OR ROLLBACK verdicts SET valid = ?, reason = ?, sub_reason = ?, decided_by = ?, decided_at = ?
				WHERE petition_id = ? AND seq IN (?`+strings.Repeat(", ?", n-1)+`)`, args...); err != nil {
				return err
			}
			seqs = seqs[n:]
		}
	}
	return nil
}

// ruleColumns is what a change of the duplicate rule sets in its verdict's row: valid,
// reason, sub_reason, decided_by and decided_at.
func ruleColumns(c *signet.DuplicateChange, actor, at string) (bool, signet.Reason, string, string, string) {
	valid, reason := c.Outcome()
	return valid, reason, "", actor, at
}

// duplicateCandidates reads the petition's verdicts the duplicate rule looks at.
func duplicateCandidates(ctx context.Context, tx *sql.Tx, petition string) ([]signet.DuplicateCandidate, error) {
	// Sorting in Go is several times faster than ORDER BY over a join at county scale.
	rows, err := tx.QueryContext(ctx, `SELECT v.seq, v.line_id, v.voter_id, v.valid, v.reason, v.score, v.notes, l.date_signed
		FROM verdicts v JOIN lines l ON l.petition_id = v.petition_id AND l.seq = v.seq
		WHERE v.petition_id = ? AND v.base_valid = 1 AND v.voter_id != '' ORDER BY v.seq`, petition)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return storecodec.ReadDuplicateCandidates(rows)
}
