package storecodec

import (
	"time"

	"github.com/signet-vote/signet"
)

// The columns the desk's readers scan, in their order, for both stores' queries.
const (
	OverrideColumns     = `line_id, valid, reason, sub_reason, comment, source, decided_by, decided_at`
	ChallengeColumns    = `id, line_id, filed_by, comment, filed_at, status, answer, answered_by, answered_at`
	DeskDecisionColumns = `petition_id, line_id, clerk, voter_id, signature, verdict, decided_at`
	AssignmentColumns   = `section_id, clerk, assigned_by, assigned_at`
	LeaseColumns        = `line_id, seq, clerk, claimed_at`
)

func parseAt(s string) time.Time {
	t, _ := time.Parse(signet.EventTimeLayout, s)
	return t
}

// ReadOverrides reads a petition's rulings (OverrideColumns), by line id.
func ReadOverrides(rows Rows, petition string) (map[string]signet.Override, error) {
	out := map[string]signet.Override{}
	for rows.Next() {
		o := signet.Override{PetitionID: petition}
		var valid int
		var reason, at string
		if err := rows.Scan(&o.LineID, &valid, &reason, &o.SubReason, &o.Comment, &o.Source, &o.By, &at); err != nil {
			return nil, err
		}
		o.Valid, o.Reason, o.At = valid != 0, signet.Reason(reason), parseAt(at)
		out[o.LineID] = o
	}
	return out, rows.Err()
}

// ScanChallenge reads one challenge (ChallengeColumns).
func ScanChallenge(sc interface{ Scan(...any) error }, petition string) (signet.Challenge, error) {
	c := signet.Challenge{PetitionID: petition}
	var filed, answered string
	err := sc.Scan(&c.ID, &c.LineID, &c.By, &c.Comment, &filed, &c.Status, &c.Answer, &c.AnsweredBy, &answered)
	c.FiledAt = parseAt(filed)
	if answered != "" {
		c.AnsweredAt = parseAt(answered)
	}
	return c, err
}

// ReadChallenges reads challenges (ChallengeColumns).
func ReadChallenges(rows Rows, petition string) ([]signet.Challenge, error) {
	var out []signet.Challenge
	for rows.Next() {
		c, err := ScanChallenge(rows, petition)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ReadDeskDecisions reads clerks' decisions (DeskDecisionColumns).
func ReadDeskDecisions(rows Rows) ([]signet.DeskDecision, error) {
	var out []signet.DeskDecision
	for rows.Next() {
		var d signet.DeskDecision
		var sig, at string
		if err := rows.Scan(&d.PetitionID, &d.LineID, &d.Clerk, &d.VoterID, &sig, &d.Code, &at); err != nil {
			return nil, err
		}
		d.Signature, d.At = signet.SignatureDecision(sig), parseAt(at)
		out = append(out, d)
	}
	return out, rows.Err()
}

// ReadAssignments reads a petition's assignments (AssignmentColumns).
func ReadAssignments(rows Rows, petition string) ([]signet.Assignment, error) {
	var out []signet.Assignment
	for rows.Next() {
		a := signet.Assignment{PetitionID: petition}
		var at string
		if err := rows.Scan(&a.SectionID, &a.Clerk, &a.By, &at); err != nil {
			return nil, err
		}
		a.At = parseAt(at)
		out = append(out, a)
	}
	return out, rows.Err()
}

// ScanLease reads one lease (LeaseColumns).
func ScanLease(sc interface{ Scan(...any) error }, petition string) (signet.Lease, error) {
	l := signet.Lease{PetitionID: petition}
	var at string
	var seq int64
	err := sc.Scan(&l.LineID, &seq, &l.Clerk, &at)
	l.Seq, l.ClaimedAt = int(seq), parseAt(at)
	return l, err
}

// OverridePayload is a ruling's audit payload.
func OverridePayload(o signet.Override) map[string]any {
	return map[string]any{"line": o.LineID, "verdict": o.Code(), "comment": o.Comment, "source": o.Source}
}

// DeskDecisionPayload is a clerk's decision's audit payload.
func DeskDecisionPayload(d signet.DeskDecision, code string) map[string]any {
	return map[string]any{"line": d.LineID, "voter": d.VoterID, "signature": string(d.Signature), "verdict": code}
}

// DeskDecisionCode is the verdict code a clerk's decision records: "valid", or its ruling's.
func DeskDecisionCode(d signet.DeskDecision) string {
	if d.Ruling != nil {
		return d.Ruling.Code()
	}
	return "valid"
}
