package registrar

import (
	"context"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/match"
)

// The clerks' desk: leases on the review queue, clerks' decisions, a supervisor's
// assignments, overrides and throughput (docs/review.md).

// DefaultLeaseTTL is how long a clerk holds a claimed review line when the door names no
// other time: long enough to compare a signature and read the candidates, short enough that
// a line a clerk walked away from goes back to the queue the same hour.
const DefaultLeaseTTL = 15 * time.Minute

// MaxCommentLength is the longest stated reason of a ruling, challenge or answer, in
// characters.
const MaxCommentLength = 1000

// DeskItem is a review line leased to a clerk, with its verdict as it stands.
type DeskItem struct {
	Lease signet.Lease
	ReviewItem
}

// ClaimReview hands clerk the next line of the petition's review queue (NextReview's
// order) that no other clerk holds an unexpired lease on, and leases it to them for ttl
// (DefaultLeaseTTL when ttl <= 0); a clerk who holds a line gets it again. A clerk with
// sections assigned (AssignSection) is given lines of those sections only; a clerk without
// is given lines of the sections nobody is assigned. ok is false when no line is left for
// the clerk. The store makes the claim one step: two clerks claiming at once never get the
// same line.
func (s *Service) ClaimReview(ctx context.Context, petition, clerk string, ttl time.Duration) (item DeskItem, ok bool, err error) {
	if err := needActor("a clerk", clerk); err != nil {
		return item, false, err
	}
	if _, err := s.Store.Petition(ctx, petition); err != nil {
		return item, false, err
	}
	assigned, err := s.Store.Assignments(ctx, petition)
	if err != nil {
		return item, false, err
	}
	scope := signet.ClaimScope{}
	for _, a := range assigned {
		if a.Clerk == clerk {
			scope.Sections = append(scope.Sections, a.SectionID)
		} else {
			scope.NotSections = append(scope.NotSections, a.SectionID)
		}
	}
	if scope.Sections != nil {
		scope.NotSections = nil
	}
	lease, ok, err := s.Store.ClaimReview(ctx, petition, clerk, s.fresh(ttl), scope)
	if err != nil || !ok {
		return item, false, err
	}
	item.Lease = lease
	if _, item.Left, _, err = s.Store.ReviewQueue(ctx, petition); err != nil {
		return item, false, err
	}
	if item.Line, err = s.Store.Line(ctx, petition, lease.LineID); err != nil {
		return item, false, err
	}
	if item.Verdict, err = s.Store.Verdict(ctx, petition, lease.LineID); err != nil {
		return item, false, err
	}
	return item, true, nil
}

// fresh is the oldest claim time of a lease that still holds.
func (s *Service) fresh(ttl time.Duration) time.Time {
	if ttl <= 0 {
		ttl = DefaultLeaseTTL
	}
	return s.now().Add(-ttl)
}

// ReleaseReview gives a leased line back to the queue; ENotFound when clerk holds no
// lease on it.
func (s *Service) ReleaseReview(ctx context.Context, petition, clerk, lineID string) error {
	if err := needActor("a clerk", clerk); err != nil {
		return err
	}
	return s.Store.ReleaseReview(ctx, petition, lineID, clerk)
}

// ReviewDecision is a clerk's decision on a leased review line.
type ReviewDecision struct {
	// Valid says the signer is VoterID and the line is good as far as the clerk sees; the
	// rules (residence, registration, duplicates) still apply at the next verification.
	Valid bool
	// VoterID is the voter the signer is, one of the line's candidates; required when
	// Valid, "" for none of them.
	VoterID string
	// Reason and SubReason are the invalid line's reason code (signet.Reasons; a sub-reason
	// of signet.OtherSubReasons with Other).
	Reason    signet.Reason
	SubReason string
	// Signature is the comparison of the line's signature with the one on file, "" when
	// none was made.
	Signature signet.SignatureDecision
	// Comment says why, optionally.
	Comment string
}

// DecideReview records a clerk's decision on a review line they hold the lease on (for
// ttl, DefaultLeaseTTL when ttl <= 0), in one transaction: which voter the signer is (a
// link decision), the signature comparison (a signature decision), and, for an invalid
// line, its reason (a ruling the next verification honours); then the lease is released.
// Each part is an audit event; the next verification decides the line again with them.
//
// The signature comparison is a human decision that starts from a presumption of validity
// and never considers party, race or ethnicity (2 CCR §20960): a line the clerk finds
// valid cannot carry a mismatch, and a line invalid for signature_mismatch must record one.
func (s *Service) DecideReview(ctx context.Context, petition, clerk, lineID string, d ReviewDecision, ttl time.Duration) error {
	if err := needActor("a clerk", clerk); err != nil {
		return err
	}
	if err := checkComment(d.Comment, false); err != nil {
		return err
	}
	v, err := s.Store.Verdict(ctx, petition, lineID)
	if err != nil {
		return err
	}
	if d.VoterID != "" && !slices.ContainsFunc(v.Candidates, func(c signet.Candidate) bool { return c.VoterID == d.VoterID }) {
		return signet.Errorf(signet.EInvalid, "voter %q is not one of the candidates of line %s: choose among them, or none", d.VoterID, lineID)
	}
	if d.Signature != "" && d.Signature != signet.SignatureMatches && d.Signature != signet.SignatureDiffers {
		return signet.Errorf(signet.EInvalid, "signature decision %q: want match or mismatch", d.Signature)
	}
	dd := signet.DeskDecision{PetitionID: petition, LineID: lineID, Clerk: clerk, VoterID: d.VoterID, Signature: d.Signature}
	if d.Valid {
		switch {
		case d.VoterID == "":
			return signet.Errorf(signet.EInvalid, "a valid line names the voter the signer is (one of the candidates of line %s)", lineID)
		case d.Reason != "" || d.SubReason != "":
			return signet.Errorf(signet.EInvalid, "a valid line has no reason code")
		case d.Signature == signet.SignatureDiffers:
			return signet.Errorf(signet.EInvalid, "a line whose signature differs from the one on file is invalid (signature_mismatch), not valid (2 CCR §20960)")
		}
	} else {
		if err := checkReason(d.Reason, d.SubReason); err != nil {
			return err
		}
		if d.Reason == signet.SignatureMismatch {
			if d.Signature == signet.SignatureMatches {
				return signet.Errorf(signet.EInvalid, "signature_mismatch needs the comparison to say mismatch, not match (2 CCR §20960)")
			}
			dd.Signature = signet.SignatureDiffers
		}
		dd.Ruling = &signet.Override{PetitionID: petition, LineID: lineID, Reason: d.Reason, SubReason: d.SubReason,
			Comment: strings.TrimSpace(d.Comment), Source: signet.OverrideByReview, By: clerk}
	}
	return s.Store.RecordDeskDecision(ctx, dd, s.fresh(ttl))
}

// checkReason refuses a reason code that is not one (domain.md §3): one of signet.Reasons,
// with a sub-reason of signet.OtherSubReasons exactly when it is other.
func checkReason(r signet.Reason, sub string) error {
	if !slices.Contains(signet.Reasons, r) {
		return signet.Errorf(signet.EInvalid, "%q is not a reason code (want one of %s)", r, reasonList())
	}
	if r == signet.Other && !slices.Contains(signet.OtherSubReasons, sub) {
		return signet.Errorf(signet.EInvalid, "reason other needs a sub-reason, one of %s (%q is not one)", strings.Join(signet.OtherSubReasons, ", "), sub)
	}
	if r != signet.Other && sub != "" {
		return signet.Errorf(signet.EInvalid, "only reason other has a sub-reason")
	}
	return nil
}

func reasonList() string {
	out := make([]string, len(signet.Reasons))
	for i, r := range signet.Reasons {
		out[i] = string(r)
	}
	return strings.Join(out, ", ")
}

// ParseReason reads a reason code as CodeOf writes it ("other:illegible"), refusing one
// that is not a reason code (EInvalid).
func ParseReason(code string) (signet.Reason, string, error) {
	valid, r, sub := signet.ParseCode(strings.TrimSpace(code))
	if valid {
		return "", "", signet.Errorf(signet.EInvalid, "%q is not a reason code (want one of %s)", code, reasonList())
	}
	return r, sub, checkReason(r, sub)
}

// checkComment refuses a stated reason that is too long or holds control characters, and
// a missing one when it is required.
func checkComment(c string, required bool) error {
	c = strings.TrimSpace(c)
	if required && c == "" {
		return signet.Errorf(signet.EInvalid, "a stated reason is required")
	}
	if why := signet.TextFault(c, MaxCommentLength); why != nil {
		return signet.Errorf(signet.EInvalid, "the stated reason: %s", why)
	}
	return nil
}

func needActor(what, name string) error {
	if strings.TrimSpace(name) == "" {
		return signet.Errorf(signet.EInvalid, "%s is named: who decides is recorded", what)
	}
	return nil
}

// AssignSection gives a section's review lines to a clerk ("" takes them back); by is the
// supervisor. The assignment is an audit event.
func (s *Service) AssignSection(ctx context.Context, petition, section, clerk, by string) error {
	if err := needActor("the supervisor", by); err != nil {
		return err
	}
	return s.Store.AssignSection(ctx, signet.Assignment{PetitionID: petition, SectionID: section, Clerk: strings.TrimSpace(clerk), By: by})
}

// OverrideSpec is a supervisor's override of a line's verdict.
type OverrideSpec struct {
	Valid bool
	// VoterID, when set, is the voter the signer is (recorded as a link decision).
	VoterID   string
	Reason    signet.Reason
	SubReason string
	// Comment is the stated reason, required.
	Comment string
}

// Override records a supervisor's ruling on a line's verdict, with its stated reason: the
// next verification decides the line so, whatever the linker and the checks say (like a
// link decision). Both the ruling and the voter named (a link decision) are audit events.
func (s *Service) Override(ctx context.Context, petition, lineID, by string, o OverrideSpec) error {
	if err := needActor("the supervisor", by); err != nil {
		return err
	}
	if err := checkComment(o.Comment, true); err != nil {
		return err
	}
	if o.Valid {
		if o.Reason != "" || o.SubReason != "" {
			return signet.Errorf(signet.EInvalid, "a valid line has no reason code")
		}
	} else if err := checkReason(o.Reason, o.SubReason); err != nil {
		return err
	}
	v, err := s.Store.Verdict(ctx, petition, lineID)
	if err != nil {
		return err
	}
	if o.Valid {
		if err := countsOnce(v, o.VoterID); err != nil {
			return err
		}
	}
	if o.VoterID != "" {
		if err := s.Store.RecordLinkReview(ctx, petition, signet.LinkReview{LineID: lineID, VoterID: o.VoterID, By: by}); err != nil {
			return err
		}
	}
	return s.Store.RecordOverride(ctx, signet.Override{PetitionID: petition, LineID: lineID, Valid: o.Valid, Reason: o.Reason, SubReason: o.SubReason,
		Comment: strings.TrimSpace(o.Comment), Source: signet.OverrideBySupervisor, By: by})
}

// countsOnce refuses a ruling that a line struck as a duplicate is valid for the voter it
// is struck for: the voter's other line counts, and a voter's signature counts once
// (Elections Code §11303; law.DuplicateRule applies the petition's policy again at the next
// verification, whatever a ruling says). voterID is the voter the ruling names, if any.
func countsOnce(v signet.VerdictRecord, voterID string) error {
	if v.Reason != signet.Duplicate || voterID != "" && voterID != v.VoterID {
		return nil
	}
	return signet.Errorf(signet.EConflict, "line %s of petition %s is struck as a duplicate: voter %s signed another line, and a voter's signature counts once (Elections Code §11303); to count this line instead, rule the voter's other line invalid, or, if the signer is someone else, name that voter (--voter)",
		v.LineID, v.PetitionID, v.VoterID)
}

// ClerkThroughput is how many decisions a clerk made at the desk, in all and per period.
type ClerkThroughput struct {
	Clerk     string        `json:"clerk"`
	Decisions int           `json:"decisions"`
	Periods   []PeriodCount `json:"periods"`
}

// PeriodCount is the decisions of one hour or day (UTC), by its start.
type PeriodCount struct {
	Start     time.Time `json:"start"`
	Decisions int       `json:"decisions"`
}

// Throughput counts the clerks' desk decisions on a petition (every petition's when
// petition is ""), per clerk and per period (an hour or a day, UTC), from the decisions
// the store keeps. Clerks are in name order, periods in time order.
func (s *Service) Throughput(ctx context.Context, petition string, period time.Duration) ([]ClerkThroughput, error) {
	if period != time.Hour && period != 24*time.Hour {
		return nil, signet.Errorf(signet.EInvalid, "throughput is counted per hour or per day")
	}
	if petition != "" {
		if _, err := s.Store.Petition(ctx, petition); err != nil {
			return nil, err
		}
	}
	ds, err := s.Store.DeskDecisions(ctx, petition)
	if err != nil {
		return nil, err
	}
	by := map[string]*ClerkThroughput{}
	for _, d := range ds {
		c := by[d.Clerk]
		if c == nil {
			c = &ClerkThroughput{Clerk: d.Clerk}
			by[d.Clerk] = c
		}
		c.Decisions++
		start := d.At.UTC().Truncate(period)
		if n := len(c.Periods); n > 0 && c.Periods[n-1].Start.Equal(start) {
			c.Periods[n-1].Decisions++
		} else {
			c.Periods = append(c.Periods, PeriodCount{Start: start, Decisions: 1})
		}
	}
	out := make([]ClerkThroughput, 0, len(by))
	for _, c := range by {
		sort.Slice(c.Periods, func(i, j int) bool { return c.Periods[i].Start.Before(c.Periods[j].Start) })
		merged := c.Periods[:0]
		for _, p := range c.Periods {
			if n := len(merged); n > 0 && merged[n-1].Start.Equal(p.Start) {
				merged[n-1].Decisions += p.Decisions
			} else {
				merged = append(merged, p)
			}
		}
		c.Periods = merged
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Clerk < out[j].Clerk })
	return out, nil
}

// CandidateVoter is one of the candidates the linker weighed for a line, with the voter
// record it names as the verdict's roll snapshot keeps it (nil when the snapshot no longer
// holds it) and the explanation of the rule that turned it down. It is voter data: for the
// Registrar's staff at the desk, never for the public or the proponents.
type CandidateVoter struct {
	signet.Candidate
	Voter    *signet.Voter
	RuleText string
}

// CandidateVoters are a verdict's candidates with their voter records, in the linker's
// order, so that a clerk sees the line as filed beside the records it may be.
func (s *Service) CandidateVoters(ctx context.Context, v signet.VerdictRecord) ([]CandidateVoter, error) {
	ids := make([]string, len(v.Candidates))
	for i, c := range v.Candidates {
		ids[i] = c.VoterID
	}
	voters, err := s.Store.Voters(ctx, v.RollImport, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*signet.Voter, len(voters))
	for i := range voters {
		byID[voters[i].ID] = &voters[i]
	}
	out := make([]CandidateVoter, len(v.Candidates))
	for i, c := range v.Candidates {
		out[i] = CandidateVoter{Candidate: c, Voter: byID[c.VoterID], RuleText: match.RuleText(c.Rule)}
	}
	return out, nil
}

// HeldReview is the review line clerk holds an unexpired lease on (for ttl,
// DefaultLeaseTTL when ttl <= 0), as ClaimReview handed it out, without renewing the
// lease: a door shows it again so. ENotFound when the line has no lease, EConflict when
// another clerk holds it or the clerk's lease has expired.
func (s *Service) HeldReview(ctx context.Context, petition, clerk, lineID string, ttl time.Duration) (DeskItem, error) {
	var item DeskItem
	if err := needActor("a clerk", clerk); err != nil {
		return item, err
	}
	l, err := s.Store.ReviewLease(ctx, petition, lineID)
	if err != nil {
		return item, err
	}
	switch {
	case l.Clerk != clerk:
		return item, signet.Errorf(signet.EConflict, "line %s of petition %s is another clerk's: claim the next line", lineID, petition)
	case l.ClaimedAt.Before(s.fresh(ttl)):
		return item, signet.Errorf(signet.EConflict, "your lease on line %s of petition %s has expired: claim the next line", lineID, petition)
	}
	item.Lease = l
	if _, item.Left, _, err = s.Store.ReviewQueue(ctx, petition); err != nil {
		return item, err
	}
	if item.Line, err = s.Store.Line(ctx, petition, lineID); err != nil {
		return item, err
	}
	if item.Verdict, err = s.Store.Verdict(ctx, petition, lineID); err != nil {
		return item, err
	}
	return item, nil
}

// Assignments are a petition's sections assigned to clerks (AssignSection).
func (s *Service) Assignments(ctx context.Context, petition string) ([]signet.Assignment, error) {
	if _, err := s.Store.Petition(ctx, petition); err != nil {
		return nil, err
	}
	return s.Store.Assignments(ctx, petition)
}

// Sections are a petition's section ids, in order.
func (s *Service) Sections(ctx context.Context, petition string) ([]string, error) {
	if _, err := s.Store.Petition(ctx, petition); err != nil {
		return nil, err
	}
	m, err := s.Store.Sections(ctx, petition)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(m))
	for id := range m {
		out = append(out, id)
	}
	sort.Strings(out)
	return out, nil
}
