package signet

import (
	"context"
	"time"
)

// The clerks' desk: leases on the review queue, clerks' decisions, a supervisor's
// assignments and overrides, and the proponents' challenges (docs/review.md).

// Event kinds of the desk.
const (
	EventReviewAssign    = "review.assign"
	EventReviewDecision  = "review.decision"
	EventOverride        = "verdict.override"
	EventChallengeFile   = "challenge.file"
	EventChallengeAnswer = "challenge.answer"
)

// Lease is a clerk's hold on a line of the review queue: no other clerk is given the line
// while it is fresh.
type Lease struct {
	PetitionID string
	LineID     string
	Seq        int
	Clerk      string
	ClaimedAt  time.Time
}

// ClaimScope narrows the lines a claim may hand out to sections: only those of Sections
// when it is not nil, never those of NotSections.
type ClaimScope struct {
	Sections    []string
	NotSections []string
}

// Assignment gives a clerk the review lines of one section of a petition.
type Assignment struct {
	PetitionID string
	SectionID  string
	Clerk      string
	By         string
	At         time.Time
}

// Override is a person's ruling on a line's verdict that the next verification honours
// over the linker and the checks: valid, or invalid with a reason. Source says whose it
// is: a clerk's decision on a review line ("review"), a supervisor's override ("override"),
// or an upheld challenge ("challenge").
type Override struct {
	PetitionID string
	LineID     string
	Valid      bool
	Reason     Reason
	SubReason  string
	// Comment is the stated reason of the ruling.
	Comment string
	Source  string
	By      string
	At      time.Time
}

// The sources of an override.
const (
	OverrideByReview     = "review"
	OverrideBySupervisor = "override"
	OverrideByChallenge  = "challenge"
)

// Code is the ruling's verdict code (CodeOf).
func (o Override) Code() string { return CodeOf(o.Valid, o.Reason, o.SubReason) }

// DeskDecision is a clerk's decision on a leased review line: the voter the signer is
// ("" for none), the signature comparison ("" when none was made) and, when the clerk
// found the line invalid, the ruling on it.
type DeskDecision struct {
	PetitionID string
	LineID     string
	Clerk      string
	VoterID    string
	Signature  SignatureDecision
	// Ruling is set when the clerk found the line invalid.
	Ruling *Override
	At     time.Time
	// Code is the decision as recorded ("valid" or the invalid verdict's code), as read back.
	Code string
}

// Challenge is a proponent's challenge of an invalid line's verdict, and its answer.
type Challenge struct {
	ID         int64
	PetitionID string
	LineID     string
	By         string
	Comment    string
	FiledAt    time.Time
	// Status is open, upheld or denied.
	Status     string
	Answer     string
	AnsweredBy string
	AnsweredAt time.Time
}

// Challenge statuses.
const (
	ChallengeOpen   = "open"
	ChallengeUpheld = "upheld"
	ChallengeDenied = "denied"
)

// DeskStore keeps the clerks' desk: leases on the review queue, assignments of sections,
// clerks' decisions, overrides and challenges. Every decision, override, assignment and
// challenge is an audit event written in the same transaction.
type DeskStore interface {
	// ClaimReview leases a line of the review queue (VerdictStore.ReviewQueue) to clerk in
	// one transaction: the line the clerk holds a lease on claimed at or after fresh, else
	// the first line in filing order within scope that nobody holds such a lease on. ok is
	// false when there is none. Two claims at once never get the same line.
	ClaimReview(ctx context.Context, petition, clerk string, fresh time.Time, scope ClaimScope) (l Lease, ok bool, err error)
	// ReleaseReview drops clerk's lease on a line; ENotFound when the clerk holds none.
	ReleaseReview(ctx context.Context, petition, lineID, clerk string) error
	// ReviewLease is the lease on a line (fresh or not); ENotFound when there is none.
	ReviewLease(ctx context.Context, petition, lineID string) (Lease, error)
	// RecordDeskDecision stores a clerk's decision in one transaction: the link decision
	// (as RecordLinkReview), the signature decision (as RecordReviews) when made, the
	// ruling (as RecordOverride) when given, the decision itself, and drops the lease; it
	// is refused (EConflict) unless the clerk holds a lease on the line claimed at or after
	// fresh.
	RecordDeskDecision(ctx context.Context, d DeskDecision, fresh time.Time) error
	// DeskDecisions are a petition's clerks' decisions (every petition's when petition is
	// ""), oldest first.
	DeskDecisions(ctx context.Context, petition string) ([]DeskDecision, error)
	// AssignSection gives the section's review lines to clerk ("": to nobody).
	AssignSection(ctx context.Context, a Assignment) error
	// Assignments are a petition's assigned sections.
	Assignments(ctx context.Context, petition string) ([]Assignment, error)
	// RecordOverride stores a ruling on a line (the latest counts).
	RecordOverride(ctx context.Context, o Override) error
	// Overrides are the latest ruling on every ruled line, by line id.
	Overrides(ctx context.Context, petition string) (map[string]Override, error)
	// FileChallenge stores an open challenge and returns it with its id.
	FileChallenge(ctx context.Context, c Challenge) (Challenge, error)
	// Challenges are a petition's challenges in the order they were filed, only the open
	// ones when open.
	Challenges(ctx context.Context, petition string, open bool) ([]Challenge, error)
	// Challenge is one challenge of a petition; ENotFound when there is none.
	Challenge(ctx context.Context, petition string, id int64) (Challenge, error)
	// AnswerChallenge records the answer of an open challenge (EConflict when it is
	// answered already) with, when ruling is not nil, the ruling it makes, in one
	// transaction.
	AnswerChallenge(ctx context.Context, c Challenge, ruling *Override) error
}
