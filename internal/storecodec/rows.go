package storecodec

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/signet-vote/signet"
)

// Rows is what both stores' query results offer (database/sql's *sql.Rows, pgx's Rows):
// the readers below turn the rows of the queries both stores run alike into records, so
// that a row means the same whichever store read it. Each reads its columns in the order
// its comment gives; the caller closes the rows.
type Rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// ReadRoll reads roll snapshot imp from its packs: chunk, voters, data, by chunk.
func ReadRoll(rows Rows, imp signet.RollImport) (*PackedRoll, error) {
	r := NewPackedRoll(imp.Rows)
	for rows.Next() {
		var chunk, n int
		var data []byte
		if err := rows.Scan(&chunk, &n, &data); err != nil {
			return nil, err
		}
		if err := r.AddChunk(chunk, n, data); err != nil {
			return nil, fmt.Errorf("read the roll: snapshot %d: %w", imp.ID, err)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read the roll: %w", err)
	}
	if r.Len() != imp.Rows {
		return nil, fmt.Errorf("read the roll: snapshot %d holds %d voters, its packs %d", imp.ID, imp.Rows, r.Len())
	}
	return r, nil
}

// EachEvent calls fn for every event: seq, at, kind, actor, subject, payload, prev_hash,
// hash. strict refuses an event whose time is malformed (the audit check), where others
// leave its time zero.
func EachEvent(rows Rows, strict bool, fn func(signet.Event) error) error {
	for rows.Next() {
		var e signet.Event
		var at, payload string
		if err := rows.Scan(&e.Seq, &at, &e.Kind, &e.Actor, &e.Subject, &payload, &e.PrevHash, &e.Hash); err != nil {
			return err
		}
		t, err := time.Parse(signet.EventTimeLayout, at)
		if err != nil && strict {
			return fmt.Errorf("event %d: time %q is malformed: the row was altered", e.Seq, at)
		}
		e.At, e.Payload = t, json.RawMessage(payload)
		if err := fn(e); err != nil {
			return err
		}
	}
	return rows.Err()
}

// EachVerdictRow calls fn for every verdict row: seq, line_id, valid, reason, sub_reason,
// voter_id, decision, base_valid.
func EachVerdictRow(rows Rows, fn func(signet.VerdictRow)) error {
	for rows.Next() {
		var v signet.VerdictRow
		var valid, base int
		var reason, decision string
		if err := rows.Scan(&v.Seq, &v.LineID, &valid, &reason, &v.SubReason, &v.VoterID, &decision, &base); err != nil {
			return err
		}
		v.Valid, v.Reason, v.Decision, v.BaseValid = valid == 1, signet.Reason(reason), signet.Decision(decision), base == 1
		fn(v)
	}
	return rows.Err()
}

// ReadVerdictTimes reads when each line was last decided, by filing position: seq,
// decided_at.
func ReadVerdictTimes(rows Rows, petition string) (map[int]time.Time, error) {
	out := map[int]time.Time{}
	for rows.Next() {
		var seq int
		var at string
		if err := rows.Scan(&seq, &at); err != nil {
			return nil, err
		}
		t, err := time.Parse(signet.EventTimeLayout, at)
		if err != nil {
			return nil, fmt.Errorf("verdict of line %d of petition %s: decided_at %q is malformed", seq, petition, at)
		}
		out[seq] = t
	}
	return out, rows.Err()
}

// ReadReviews reads the signature decisions of a petition, by line id: line_id,
// signature, decided_by, decided_at.
func ReadReviews(rows Rows, petition string) (map[string]signet.Review, error) {
	out := map[string]signet.Review{}
	for rows.Next() {
		r := signet.Review{PetitionID: petition}
		var sig, at string
		if err := rows.Scan(&r.LineID, &sig, &r.By, &at); err != nil {
			return nil, err
		}
		r.Signature = signet.SignatureDecision(sig)
		r.At, _ = time.Parse(signet.EventTimeLayout, at)
		out[r.LineID] = r
	}
	return out, rows.Err()
}

// ReadLinkReviews reads the link decisions of a petition, by line id: line_id, voter_id,
// decided_by, decided_at.
func ReadLinkReviews(rows Rows) (map[string]signet.LinkReview, error) {
	out := map[string]signet.LinkReview{}
	for rows.Next() {
		var r signet.LinkReview
		var at string
		if err := rows.Scan(&r.LineID, &r.VoterID, &r.By, &at); err != nil {
			return nil, err
		}
		r.At, _ = time.Parse(signet.EventTimeLayout, at)
		out[r.LineID] = r
	}
	return out, rows.Err()
}

// ReadDuplicateCandidates reads the verdicts the duplicate rule looks at: seq, line_id,
// voter_id, valid, reason, score, notes, date_signed.
func ReadDuplicateCandidates(rows Rows) ([]signet.DuplicateCandidate, error) {
	var all []signet.DuplicateCandidate
	for rows.Next() {
		var r signet.DuplicateCandidate
		var valid int
		var reason, notes string
		if err := rows.Scan(&r.Seq, &r.LineID, &r.Voter, &valid, &reason, &r.Score, &notes, &r.Signed); err != nil {
			return nil, err
		}
		r.Valid, r.Reason, r.Notes = valid == 1, signet.Reason(reason), SplitNotes(notes)
		all = append(all, r)
	}
	return all, rows.Err()
}
