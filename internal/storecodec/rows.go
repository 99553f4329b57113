package storecodec

import (
	"encoding/json"
	"fmt"
	"strings"
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

// Events reads every event (EachEvent, not strict) into a slice: the audit log's pages
// and one subject's events, on either store.
func Events(rows Rows) ([]signet.Event, error) {
	var out []signet.Event
	err := EachEvent(rows, false, func(e signet.Event) error {
		out = append(out, e)
		return nil
	})
	return out, err
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

// VerdictColumns are the columns ScanVerdict reads, in its order.
const VerdictColumns = `seq, line_id, valid, reason, sub_reason, base_valid, base_reason, base_sub_reason, notes, voter_id,
	coalesce(roll_import_id, 0), score, candidates, decided_by, decided_at, decision`

// VerdictColumnsOf are VerdictColumns, or, when candidates is false, the same with none of
// the candidates (reading them is most of the cost of reading a verdict).
func VerdictColumnsOf(candidates bool) string {
	if candidates {
		return VerdictColumns
	}
	return strings.Replace(VerdictColumns, " candidates,", " '[]',", 1)
}

// ScanVerdict reads a whole verdict row (VerdictColumns) into r.
func ScanVerdict(sc interface{ Scan(...any) error }, petition string, r *signet.VerdictRecord) error {
	var valid, bvalid int
	var reason, breason, notes, cands, at, decision string
	if err := sc.Scan(&r.Seq, &r.LineID, &valid, &reason, &r.SubReason, &bvalid, &breason, &r.BaseSubReason, &notes, &r.VoterID,
		&r.RollImport, &r.Score, &cands, &r.DecidedBy, &at, &decision); err != nil {
		return err
	}
	r.PetitionID, r.Valid, r.Reason, r.BaseValid, r.BaseReason = petition, valid == 1, signet.Reason(reason), bvalid == 1, signet.Reason(breason)
	r.Notes = SplitNotes(notes)
	r.DecidedAt, _ = time.Parse(signet.EventTimeLayout, at)
	r.Decision = signet.Decision(decision)
	var err error
	if r.Candidates, err = signet.ParseCandidates(cands); err != nil {
		return fmt.Errorf("line %s: stored candidates: %w", r.LineID, err)
	}
	return nil
}

// EachVerdictRecord calls fn for every whole verdict row (VerdictColumns).
func EachVerdictRecord(rows Rows, petition string, fn func(*signet.VerdictRecord) error) error {
	for rows.Next() {
		var r signet.VerdictRecord
		if err := ScanVerdict(rows, petition, &r); err != nil {
			return err
		}
		if err := fn(&r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// LineRowColumns are the columns EachLineRow reads, in its order, of lines l joined to their
// sections s.
const LineRowColumns = `l.seq, l.line_id, l.section_id, coalesce(s.circulator, ''), l.line_number, l.printed_name, l.house_number,
	l.street, l.unit, l.city, l.zip, l.date_signed, l.signature_present, l.withdrawal_requested`

// EachLineRow calls fn for every line row (LineRowColumns) with the line id its row keeps.
func EachLineRow(rows Rows, petition string, fn func(l *signet.Line, lineID string) error) error {
	for rows.Next() {
		l := signet.Line{PetitionID: petition}
		var id, signed string
		var sig, wd int
		if err := rows.Scan(&l.Seq, &id, &l.SectionID, &l.Circulator, &l.Number, &l.PrintedName, &l.Address.HouseNumber, &l.Address.Street,
			&l.Address.Unit, &l.Address.City, &l.Address.ZIP, &signed, &sig, &wd); err != nil {
			return err
		}
		l.DateSigned, l.SignaturePresent, l.WithdrawalRequested = ParseDate(signed), sig == 1, wd == 1
		if err := fn(&l, id); err != nil {
			return err
		}
	}
	return rows.Err()
}

// VoterRowColumns are the columns EachVoterRow reads, in its order.
const VoterRowColumns = `voter_id, first_name, middle_name, last_name, suffix, house_number, street, unit, city, zip,
	registration_date, status, cancelled_date, birth_date, prior_house_number, prior_street, prior_unit, prior_city, prior_zip, prior_until`

// EachVoterRow calls fn for every voter row (VoterRowColumns); the voter is reused.
func EachVoterRow(rows Rows, fn func(*signet.Voter) error) error {
	var v signet.Voter
	for rows.Next() {
		var reg, status, cancelled, birth, until string
		var p signet.PriorAddress
		r := &v.Residence
		if err := rows.Scan(&v.ID, &v.FirstName, &v.MiddleName, &v.LastName, &v.Suffix, &r.HouseNumber, &r.Street, &r.Unit, &r.City, &r.ZIP,
			&reg, &status, &cancelled, &birth, &p.HouseNumber, &p.Street, &p.Unit, &p.City, &p.ZIP, &until); err != nil {
			return err
		}
		v.RegistrationDate, v.Status, v.CancelledDate, v.BirthDate = ParseDate(reg), signet.VoterStatus(status), ParseDate(cancelled), ParseDate(birth)
		p.Until = ParseDate(until)
		v.Prior = v.Prior[:0]
		if p != (signet.PriorAddress{}) {
			v.Prior = append(v.Prior, p)
		}
		if err := fn(&v); err != nil {
			return err
		}
	}
	return rows.Err()
}

// VerdictsByDayQuery counts a petition's verdicts by the day they were last decided
// (decided_at is signet.EventTimeLayout, UTC: its first ten characters are the day); the
// placeholder is the petition. Both dialects take it once the placeholder is theirs.
const VerdictsByDayQuery = `SELECT substr(decided_at, 1, 10) AS day, count(*), sum(valid) FROM verdicts
	WHERE petition_id = %s GROUP BY substr(decided_at, 1, 10) ORDER BY day`

// ReadDayCounts reads VerdictsByDayQuery's rows: day, decided, valid.
func ReadDayCounts(rows Rows, petition string) ([]signet.DayCount, error) {
	var out []signet.DayCount
	for rows.Next() {
		var day string
		var c signet.DayCount
		if err := rows.Scan(&day, &c.Decided, &c.Valid); err != nil {
			return nil, err
		}
		t, err := time.Parse("2006-01-02", day)
		if err != nil {
			return nil, fmt.Errorf("verdicts of petition %s: decided_at day %q is malformed", petition, day)
		}
		c.Day = t
		out = append(out, c)
	}
	return out, rows.Err()
}
