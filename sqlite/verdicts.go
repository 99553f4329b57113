package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/internal/jsonenc"
)

// ReviewSource yields signature decisions with the file line they came from; io.EOF ends it.
type ReviewSource func() (r signet.Review, line int, err error)

// RecordReviews stores signature decisions, each also an audit event, all or none.
// fileName names the source in errors ("" for a decision given on the command line).
func (s *Store) RecordReviews(ctx context.Context, petition, fileName string, next ReviewSource) (int, error) {
	n := 0
	err := s.tx(ctx, func(tx *sql.Tx) error {
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

// VerdictRecord is a verdict as stored: the final verdict, the verdict before the duplicate
// rule (Base*), the roll snapshot the voter came from and the linker's candidates.
type VerdictRecord struct {
	signet.Verdict
	Seq           int
	BaseValid     bool
	BaseReason    signet.Reason
	BaseSubReason string
	RollImport    int64
	Candidates    []signet.Candidate
	// Redo says the line had a verdict already, which this one replaces.
	Redo bool
	// Decision is the linker's: link, review (a person should confirm) or none.
	Decision signet.Decision

	// enc is what Prepare encoded; the zero value means not prepared.
	enc verdictEncoding
}

// verdictEncoding is the part of storing a verdict that does not depend on the audit
// chain: the candidates text, the event payload, the time and notes as stored.
type verdictEncoding struct {
	ok         bool
	candidates string
	payload    string
	at         string
	notes      string
}

// Prepare encodes what storing the record needs apart from the audit chain, so that the
// goroutines that decide verdicts do this work rather than the one that stores them all
// in turn (SaveVerdicts encodes an unprepared record itself). Call it once the record is
// final: SaveVerdicts stores what Prepare encoded, whatever changed after.
func (r *VerdictRecord) Prepare() {
	r.enc, _ = encodeVerdict(r)
}

// encodeVerdict encodes the record.
func encodeVerdict(r *VerdictRecord) (verdictEncoding, error) {
	buf := encodeCandidates(make([]byte, 0, 512), r.Candidates)
	cands := string(buf)
	buf, ok := appendVerdictPayload(buf[:0], verdictPayload(r))
	if !ok {
		// Only encoding/json knows how to say why (a score that is NaN or infinite).
		_, err := json.Marshal(verdictPayload(r))
		if err == nil {
			err = fmt.Errorf("line %s: the verdict's audit payload cannot be written", r.LineID)
		}
		return verdictEncoding{}, err
	}
	return verdictEncoding{ok: true, candidates: cands, payload: string(buf),
		at: r.DecidedAt.UTC().Format(signet.EventTimeLayout), notes: strings.Join(r.Notes, ";")}, nil
}

// SaveVerdicts stores the verdicts of a batch of lines, replacing earlier ones, each with
// its audit event, in one transaction: a batch is kept whole or not at all.
func (s *Store) SaveVerdicts(ctx context.Context, petition string, recs []VerdictRecord) error {
	return s.SaveVerdictsWithRule(ctx, petition, recs, nil, "")
}

// SaveVerdictsWithRule is SaveVerdicts, then, in the same transaction, the duplicate rule's
// changes to these verdicts, by actor: the rows and audit events ApplyDuplicates would
// write later, written while the batch's pages are still in the cache.
func (s *Store) SaveVerdictsWithRule(ctx context.Context, petition string, recs []VerdictRecord, changes []DuplicateChange, actor string) error {
	defer s.checkpointSoon()
	return s.tx(ctx, func(tx *sql.Tx) error {
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
		var inBatch map[int]*DuplicateChange
		if len(changes) > 0 {
			bySeq := make(map[int]*DuplicateChange, len(changes))
			for i := range changes {
				bySeq[changes[i].Seq] = &changes[i]
			}
			inBatch = make(map[int]*DuplicateChange, len(changes))
			for i := range recs {
				if c, ok := bySeq[recs[i].Seq]; ok {
					inBatch[recs[i].Seq] = c
				}
			}
		}
		for i := range recs {
			r := &recs[i]
			enc := r.enc
			if !enc.ok {
				if enc, err = encodeVerdict(r); err != nil {
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
			valid, reason, sub, by, at := r.Valid, r.Reason, r.SubReason, r.DecidedBy, enc.at
			if c, ok := inBatch[r.Seq]; ok {
				valid, reason, sub, by, at = c.ruleOutcome(actor, nowText)
			}
			if err := ins.add(ctx, r.Seq, petition, r.Seq, r.LineID, boolInt(valid), string(reason), sub,
				boolInt(r.BaseValid), string(r.BaseReason), r.BaseSubReason, enc.notes, r.VoterID, roll,
				r.Score, enc.candidates, by, at, string(r.Decision)); err != nil {
				return err
			}
			if err := a.addJSON(ctx, signet.EventVerdict, r.DecidedBy, subject, enc.payload); err != nil {
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

// verdictEvent is a verdict's audit payload. Its fields are in alphabetical order, so it
// marshals to the same bytes as the map it replaced, only faster.
type verdictEvent struct {
	Line    string   `json:"line"`
	Notes   []string `json:"notes"`
	Score   float64  `json:"score"`
	Seq     int      `json:"seq"`
	Verdict string   `json:"verdict"`
	Voter   string   `json:"voter"`
}

func verdictPayload(r *VerdictRecord) verdictEvent {
	return verdictEvent{Line: r.LineID, Seq: r.Seq, Verdict: r.Code(), Voter: r.VoterID, Score: r.Score, Notes: r.Notes}
}

// appendVerdictPayload appends the payload exactly as encoding/json marshals it (the bytes
// are hashed into the audit chain), without reflection. It reports false when encoding/json
// would refuse the payload.
func appendVerdictPayload(b []byte, v verdictEvent) ([]byte, bool) {
	b = append(b, `{"line":`...)
	b = jsonenc.String(b, v.Line)
	b = append(b, `,"notes":`...)
	if v.Notes == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, n := range v.Notes {
			if i > 0 {
				b = append(b, ',')
			}
			b = jsonenc.String(b, n)
		}
		b = append(b, ']')
	}
	b = append(b, `,"score":`...)
	b, ok := jsonenc.Float(b, v.Score)
	if !ok {
		return b, false
	}
	b = append(b, `,"seq":`...)
	b = jsonenc.Int(b, int64(v.Seq))
	b = append(b, `,"verdict":`...)
	b = jsonenc.String(b, v.Verdict)
	b = append(b, `,"voter":`...)
	b = jsonenc.String(b, v.Voter)
	return append(b, '}'), true
}

// Tally is the count of a petition's verdicts.
type Tally struct {
	Lines    int
	Verified int
	Valid    int
	ByReason map[signet.Reason]int
	ByOther  map[string]int
}

// Tally counts a petition's lines and verdicts by reason.
func (s *Store) Tally(ctx context.Context, petition string) (Tally, error) {
	t := Tally{ByReason: map[signet.Reason]int{}, ByOther: map[string]int{}}
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
func (s *Store) Verdict(ctx context.Context, petition, lineID string) (VerdictRecord, error) {
	var r VerdictRecord
	var valid, bvalid int
	var reason, breason, notes, cands, at, decision string
	var roll sql.NullInt64
	err := s.db.QueryRowContext(ctx, `SELECT seq, line_id, valid, reason, sub_reason, base_valid, base_reason, base_sub_reason, notes, voter_id, roll_import_id, score, candidates, decided_by, decided_at, decision
		FROM verdicts WHERE petition_id = ? AND line_id = ?`, petition, lineID).
		Scan(&r.Seq, &r.LineID, &valid, &reason, &r.SubReason, &bvalid, &breason, &r.BaseSubReason, &notes, &r.VoterID, &roll, &r.Score, &cands, &r.DecidedBy, &at, &decision)
	if errors.Is(err, sql.ErrNoRows) {
		return r, signet.Errorf(signet.ENotFound, "line %q of petition %q has no verdict yet (run: signet verify --petition %s)", lineID, petition, petition)
	}
	if err != nil {
		return r, err
	}
	r.PetitionID, r.Valid, r.Reason, r.BaseValid, r.BaseReason, r.RollImport = petition, valid == 1, signet.Reason(reason), bvalid == 1, signet.Reason(breason), roll.Int64
	if notes != "" {
		r.Notes = strings.Split(notes, ";")
	}
	r.DecidedAt, _ = time.Parse(signet.EventTimeLayout, at)
	r.Decision = signet.Decision(decision)
	if r.Candidates, err = decodeCandidates(cands); err != nil {
		return r, fmt.Errorf("line %s: stored candidates: %w", lineID, err)
	}
	return r, nil
}

// ReportEvent appends a report event with the counts a report printed.
func (s *Store) ReportEvent(ctx context.Context, petition, actor string, counts any) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		return s.appendOne(ctx, tx, signet.EventReport, actor, "petition:"+petition, counts)
	})
}

// VerdictRow is the gist of one stored verdict.
type VerdictRow struct {
	LineID    string
	Valid     bool
	Reason    signet.Reason
	SubReason string
	VoterID   string
	Decision  signet.Decision
}

// EachVerdict calls fn for every verdict of a petition in filing order.
func (s *Store) EachVerdict(ctx context.Context, petition string, fn func(VerdictRow)) error {
	rows, err := s.db.QueryContext(ctx, `SELECT line_id, valid, reason, sub_reason, voter_id, decision FROM verdicts WHERE petition_id = ? ORDER BY seq`, petition)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var v VerdictRow
		var valid int
		var reason, decision string
		if err := rows.Scan(&v.LineID, &valid, &reason, &v.SubReason, &v.VoterID, &decision); err != nil {
			return err
		}
		v.Valid, v.Reason, v.Decision = valid == 1, signet.Reason(reason), signet.Decision(decision)
		fn(v)
	}
	return rows.Err()
}

// ValidVoterLines returns the voter of each line valid before the duplicate rule, by filing
// position (seq): under keep_first, the petition's valid count once every line is decided is
// at least the number of distinct voters among them.
func (s *Store) ValidVoterLines(ctx context.Context, petition string) (map[int]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT seq, voter_id FROM verdicts WHERE petition_id = ? AND base_valid = 1 AND voter_id != ''`, petition)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int]string{}
	for rows.Next() {
		var seq int
		var voter string
		if err := rows.Scan(&seq, &voter); err != nil {
			return nil, err
		}
		out[seq] = voter
	}
	return out, rows.Err()
}
