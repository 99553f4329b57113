package sqlite

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"github.com/signet-vote/signet"
)

// DuplicateCandidate is a verdict the duplicate rule looks at: a line valid before the rule
// (base_valid) and linked to a voter, with its verdict as stored.
type DuplicateCandidate struct {
	Seq    int
	LineID string
	Voter  string
	Signed string // date signed, as stored (YYYY-MM-DD; "" when unknown)
	Valid  bool
	Reason signet.Reason
	Score  float64
	Notes  []string
}

// DuplicateCandidateOf is the candidate a just stored verdict record makes, and whether it is one.
func DuplicateCandidateOf(r *VerdictRecord, signed time.Time) (DuplicateCandidate, bool) {
	if !r.BaseValid || r.VoterID == "" {
		return DuplicateCandidate{}, false
	}
	return DuplicateCandidate{Seq: r.Seq, LineID: r.LineID, Voter: r.VoterID, Signed: dateStr(signed), Valid: r.Valid,
		Reason: r.Reason, Score: r.Score, Notes: r.Notes}, true
}

// ApplyDuplicates applies the duplicate policy over the whole petition in one transaction:
// among lines linked to the same voter that are otherwise valid, keep_first keeps the one
// signed earliest (then first filed) and strikes the rest; strike_all strikes them all.
// It changes only verdicts whose outcome differs, and returns how many changed.
func (s *Store) ApplyDuplicates(ctx context.Context, petition string, policy signet.DuplicatePolicy, actor string) (int, error) {
	changed := 0
	err := s.tx(ctx, func(tx *sql.Tx) error {
		all, err := duplicateCandidates(ctx, tx, petition)
		if err != nil {
			return err
		}
		changes := duplicateChanges(all, policy)
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

// DuplicateChange is a verdict the duplicate rule changes: Struck, the line is a duplicate;
// else it is valid again.
type DuplicateChange struct {
	DuplicateCandidate
	Struck bool
}

// duplicateChanges applies the policy to the candidates (in any order) and returns the
// verdicts whose outcome it changes, in the order their events are written: among lines
// linked to the same voter, keep_first keeps the one signed earliest (then first filed)
// and strikes the rest; strike_all strikes them all.
func duplicateChanges(all []DuplicateCandidate, policy signet.DuplicatePolicy) []DuplicateChange {
	all = groupDuplicates(all)
	var out []DuplicateChange
	for i := 0; i < len(all); {
		j := i
		for j < len(all) && all[j].Voter == all[i].Voter {
			j++
		}
		for k := i; k < j; k++ {
			dup := (policy == signet.StrikeAll && j-i > 1) || (policy != signet.StrikeAll && k > i)
			r := &all[k]
			if dup == !r.Valid && (!dup || r.Reason == signet.Duplicate) {
				continue
			}
			out = append(out, DuplicateChange{DuplicateCandidate: *r, Struck: dup})
		}
		i = j
	}
	return out
}

// ruleOutcome is what the rule's change sets in the verdict's row: valid, reason,
// sub_reason, decided_by and decided_at.
func (c *DuplicateChange) ruleOutcome(actor, now string) (bool, signet.Reason, string, string, string) {
	if c.Struck {
		return false, signet.Duplicate, "", actor, now
	}
	return true, "", "", actor, now
}

// writeDuplicateChanges updates the changed verdicts and appends an audit event for each.
// Rows in written have the outcome already (SaveVerdictsWithRule inserted them so): only
// their events are written.
func writeDuplicateChanges(ctx context.Context, tx *sql.Tx, a *appender, petition, actor string, now time.Time, changes []DuplicateChange, written map[int]*DuplicateChange) error {
	// Every change sets one of two outcomes, so the rows are updated many at a time
	// (43,000 statements of one row each took a second at county scale).
	var struck, kept []any
	for _, c := range changes {
		v := VerdictRecord{Seq: c.Seq}
		v.LineID, v.VoterID, v.Score, v.Valid, v.DecidedBy, v.DecidedAt, v.Notes = c.LineID, c.Voter, c.Score, !c.Struck, actor, now, c.Notes
		if c.Struck {
			v.Reason = signet.Duplicate
		}
		if _, ok := written[c.Seq]; !ok {
			if c.Struck {
				struck = append(struck, c.Seq)
			} else {
				kept = append(kept, c.Seq)
			}
		}
		enc, err := encodeVerdict(&v)
		if err != nil {
			return err
		}
		if err := a.addJSON(ctx, signet.EventVerdict, actor, "petition:"+petition, enc.payload); err != nil {
			return err
		}
	}
	for _, u := range []struct {
		valid bool
		seqs  []any
	}{{false, struck}, {true, kept}} {
		valid, reason, sub, by, at := (&DuplicateChange{Struck: !u.valid}).ruleOutcome(actor, now.Format(signet.EventTimeLayout))
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

// duplicateCandidates reads the petition's verdicts the duplicate rule looks at.
func duplicateCandidates(ctx context.Context, tx *sql.Tx, petition string) ([]DuplicateCandidate, error) {
	// Sorting in Go is several times faster than ORDER BY over a join at county scale.
	rows, err := tx.QueryContext(ctx, `SELECT v.seq, v.line_id, v.voter_id, v.valid, v.reason, v.score, v.notes, l.date_signed
		FROM verdicts v JOIN lines l ON l.petition_id = v.petition_id AND l.seq = v.seq
		WHERE v.petition_id = ? AND v.base_valid = 1 AND v.voter_id != '' ORDER BY v.seq`, petition)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var all []DuplicateCandidate
	for rows.Next() {
		var r DuplicateCandidate
		var valid int
		var reason, notes string
		if err := rows.Scan(&r.Seq, &r.LineID, &r.Voter, &valid, &reason, &r.Score, &notes, &r.Signed); err != nil {
			return nil, err
		}
		r.Valid, r.Reason = valid == 1, signet.Reason(reason)
		if notes != "" {
			r.Notes = strings.Split(notes, ";")
		}
		all = append(all, r)
	}
	return all, rows.Err()
}

// groupDuplicates orders the candidates for the rule: each voter's lines together, signed
// earliest first, then filed first, so that the first of a group is the one keep_first
// keeps. Voters with one line come first in the order given; only the voters with several
// lines are sorted, a fifth of them at county scale, where sorting all took a second.
func groupDuplicates(all []DuplicateCandidate) []DuplicateCandidate {
	count := make(map[string]int32, len(all))
	for i := range all {
		count[all[i].Voter]++
	}
	out := make([]DuplicateCandidate, 0, len(all))
	var multi []DuplicateCandidate
	for i := range all {
		if count[all[i].Voter] == 1 {
			out = append(out, all[i])
		} else {
			multi = append(multi, all[i])
		}
	}
	slices.SortFunc(multi, func(a, b DuplicateCandidate) int {
		if c := strings.Compare(a.Voter, b.Voter); c != 0 {
			return c
		}
		if c := strings.Compare(a.Signed, b.Signed); c != 0 {
			return c
		}
		return a.Seq - b.Seq
	})
	return append(out, multi...)
}
