package signet

import (
	"context"
	"time"
)

// The store contract: what the engine (registrar) needs of a store, grouped by the records
// it keeps. A store implements them all (Store); it holds no rules of its own beyond keeping
// its records whole: every write is all or nothing, each with its audit event in the same
// transaction, and a write that contradicts what is stored is refused with EConflict.
// Errors meant for people are *Error with a code; a missing record is ENotFound.

// Roll is a voter roll as the engine and the linker read it: voters by index, 0 to Len()-1.
// A store can serve it from a compact form so that millions of voters need not be decoded
// into []Voter at once. Implementations must be safe for concurrent use.
type Roll interface {
	// Len is the number of voters.
	Len() int
	// Read fills v with voter i. Its strings may point into memory the roll owns, which
	// stays valid as long as the roll; v.Prior's backing array is reused when it has room.
	Read(i int, v *Voter)
	// ID is voter i's id.
	ID(i int) string
}

// JurisdictionStore keeps jurisdictions and their dated reports of registration.
type JurisdictionStore interface {
	CreateJurisdiction(ctx context.Context, j Jurisdiction, actor string) error
	Jurisdiction(ctx context.Context, id string) (Jurisdiction, error)
	Jurisdictions(ctx context.Context) ([]Jurisdiction, error)
	AddReport(ctx context.Context, r RegistrationReport, actor string) error
	Report(ctx context.Context, id string) (RegistrationReport, error)
	Reports(ctx context.Context, jurisdiction string) ([]RegistrationReport, error)
}

// RollStore keeps the snapshots of each jurisdiction's voter roll and the linker snapshots
// built over them.
type RollStore interface {
	// ImportVoters stores a roll file as a new snapshot, whole or not at all; a file imported
	// before is refused (EConflict) unless meta.NewSnapshot.
	ImportVoters(ctx context.Context, jurisdiction string, meta ImportMeta, next VoterSource) (RollImport, error)
	// CurrentRoll is the newest snapshot of a jurisdiction's roll.
	CurrentRoll(ctx context.Context, jurisdiction string) (RollImport, error)
	// VoterStats counts the current roll; a jurisdiction without one has zero voters.
	VoterStats(ctx context.Context, jurisdiction string) (VoterStats, error)
	// OpenRoll reads a roll snapshot for the linker.
	OpenRoll(ctx context.Context, imp RollImport) (Roll, error)
	// SaveLinkerSnapshot keeps a linker's snapshot over a roll snapshot (one per linker and
	// jurisdiction: older ones are dropped); over a snapshot a newer roll has replaced, it
	// keeps nothing.
	SaveLinkerSnapshot(ctx context.Context, importID int64, linker string, data []byte) error
	// LinkerSnapshot is the stored snapshot, nil when there is none.
	LinkerSnapshot(ctx context.Context, importID int64, linker string) ([]byte, error)
	// EachVoterRow calls fn for every voter of a snapshot as the store's record of voters
	// keeps it (not the form OpenRoll reads, when the store keeps two), in any order; the
	// voter is reused between calls.
	EachVoterRow(ctx context.Context, importID int64, fn func(*Voter) error) error
	// RollImports are every snapshot of a jurisdiction's roll, oldest first (none for a
	// jurisdiction without a roll).
	RollImports(ctx context.Context, jurisdiction string) ([]RollImport, error)
	// Voters are the voters of a snapshot with the given ids, in the order of ids; an id
	// the snapshot does not hold is left out. The clerks' desk reads a line's candidates so.
	Voters(ctx context.Context, importID int64, ids []string) ([]Voter, error)
}

// PetitionStore keeps petitions, their filing, and a state-officer recall's county reports.
type PetitionStore interface {
	CreatePetition(ctx context.Context, p Petition, actor string) error
	Petition(ctx context.Context, id string) (Petition, error)
	Petitions(ctx context.Context) ([]Petition, error)
	// FilePetition records the filing date and the raw count of a petition that has lines
	// lines imported. It is refused (EConflict) when the petition was filed already or its
	// lines are no longer lines in number.
	FilePetition(ctx context.Context, id string, filed time.Time, raw, lines int, actor string) (Petition, error)
	CountyVotes(ctx context.Context, petition string) (map[string]int, error)
	AddStateReport(ctx context.Context, petition string, r StateReport, actor string) error
	// StateReports are ordered by period end, then county.
	StateReports(ctx context.Context, petition string) ([]StateReport, error)
}

// LineStore keeps the signature lines of petitions, in filing order.
type LineStore interface {
	// ImportLines appends a file of lines, whole or not at all; a filed petition takes no
	// more lines, and a file is imported once (EConflict).
	ImportLines(ctx context.Context, petition string, meta ImportMeta, next LineSource) (LineImport, error)
	Line(ctx context.Context, petition, lineID string) (Line, error)
	// Sections is the circulator of each section of a petition, by section id: the one its
	// first line named.
	Sections(ctx context.Context, petition string) (map[string]string, error)
	LineCount(ctx context.Context, petition string) (int, error)
	// Lines are all the lines of a petition in filing order.
	Lines(ctx context.Context, petition string) ([]Line, error)
	// SpacedLines are about max lines evenly spaced in filing order (every k-th line).
	SpacedLines(ctx context.Context, petition string, max int) ([]Line, error)
	// EachLineRow calls fn for every line of a petition as the record Line reads keeps it
	// (not the form Lines reads, when the store keeps two), in filing order, with the line
	// id the record keeps for it.
	EachLineRow(ctx context.Context, petition string, fn func(l *Line, lineID string) error) error
}

// VerdictStore keeps the verdict of every line.
type VerdictStore interface {
	// PrepareVerdict encodes what storing the record needs, so that the goroutines that
	// decide verdicts do that work rather than the one that stores them in turn. Call it
	// once the record is final.
	PrepareVerdict(r *VerdictRecord)
	// SaveVerdicts stores a batch of verdicts (a Redo record replaces the line's verdict),
	// each with its audit event, then the duplicate rule's changes (the batch's own lines
	// take their changed outcome as they are stored), in one transaction.
	SaveVerdicts(ctx context.Context, petition string, recs []VerdictRecord, changes []DuplicateChange, actor string) error
	// ApplyDuplicateRule reads the petition's duplicate candidates, asks rule for the
	// changes and stores them, in one transaction, and returns how many changed.
	ApplyDuplicateRule(ctx context.Context, petition string, rule DuplicateRule, actor string) (int, error)
	Verdict(ctx context.Context, petition, lineID string) (VerdictRecord, error)
	// EachVerdictRecord calls fn for every whole verdict of a petition in filing order;
	// candidates says whether to read their candidates too (most of the cost of reading them).
	EachVerdictRecord(ctx context.Context, petition string, candidates bool, fn func(*VerdictRecord) error) error
	// VerdictTimes is when each line with a verdict (by filing position) was last decided.
	VerdictTimes(ctx context.Context, petition string) (map[int]time.Time, error)
	// VerdictsByDay counts a petition's verdicts by the day (UTC) each line was last
	// decided, and the valid among them, oldest day first; days with none are left out.
	VerdictsByDay(ctx context.Context, petition string) ([]DayCount, error)
	// EachVerdict calls fn for every verdict of a petition in filing order.
	EachVerdict(ctx context.Context, petition string, fn func(VerdictRow)) error
	// EachSampleVerdict calls fn for the verdict of every line of the petition's sample
	// that has one, in filing order.
	EachSampleVerdict(ctx context.Context, petition string, fn func(VerdictRow)) error
	Tally(ctx context.Context, petition string) (Tally, error)
	// ReviewQueue is the first line, in filing order, that the linker sent to review and no
	// person has decided since; ok is false when the queue is empty; left counts it.
	ReviewQueue(ctx context.Context, petition string) (lineID string, left int, ok bool, err error)
}

// ReviewStore keeps people's decisions: signature comparisons and link decisions.
type ReviewStore interface {
	// RecordReviews stores signature decisions, all or none; fileName names their source
	// in errors ("" for one given directly).
	RecordReviews(ctx context.Context, petition, fileName string, next ReviewSource) (int, error)
	// Reviews is the latest signature decision of every reviewed line, by line id.
	Reviews(ctx context.Context, petition string) (map[string]Review, error)
	RecordLinkReview(ctx context.Context, petition string, r LinkReview) error
	// LinkReviews is the latest link decision of every decided line, by line id.
	LinkReviews(ctx context.Context, petition string) (map[string]LinkReview, error)
}

// SampleStore keeps a petition's random sample and its projection.
type SampleStore interface {
	// AnnounceSeed writes the seed to the audit log before the draw; the same seed again is
	// harmless, another one is refused (EConflict).
	AnnounceSeed(ctx context.Context, petition, seed string, population, size int, actor string) error
	// SaveSample stores the drawn sample; the same draw again is a no-op.
	SaveSample(ctx context.Context, sm Sample, actor string) error
	Sample(ctx context.Context, petition string) (Sample, error)
	// SaveProjection records (or replaces) the projection, its result being JSON.
	SaveProjection(ctx context.Context, petition string, pr Projection, actor string) error
	Projection(ctx context.Context, petition string) (Projection, error)
}

// AuditStore keeps the append-only, hash-chained audit log.
type AuditStore interface {
	// RecordEvent appends one event; payload is marshalled to JSON.
	RecordEvent(ctx context.Context, kind, actor, subject string, payload any) error
	// AuditHead is the sequence number and hash of the last event.
	AuditHead(ctx context.Context) (seq int64, hash string, err error)
	// VerifyAudit checks the whole chain and its head; it returns the events checked and
	// an error naming the first broken event.
	VerifyAudit(ctx context.Context) (int64, error)
	// Events are a subject's events (all when subject is ""), oldest first, at most limit (0: all).
	Events(ctx context.Context, subject string, limit int) ([]Event, error)
	// EachEvent calls fn for every event, oldest first; an event whose time does not read
	// back is an error.
	EachEvent(ctx context.Context, fn func(Event) error) error
	// EventWithHash is the sequence number of the event whose hash is hash; found is
	// false when the log has none.
	EventWithHash(ctx context.Context, hash string) (seq int64, found bool, err error)
	// RecentEvents are the events before seq before (before <= 0: up to the head), newest
	// first, at most limit: the log read a page at a time from its end.
	RecentEvents(ctx context.Context, before int64, limit int) ([]Event, error)
}

// UserStore keeps the accounts, their sessions and API tokens, and the attempts to sign
// in. It keeps what it is given: names, roles and hashes are the engine's to check. A
// change to an account or a token is written with its audit event in one transaction, as
// is an attempt to sign in; a session's upkeep (made, seen, ended) is not audited.
type UserStore interface {
	// CreateUser stores a new user; a name taken is refused (EConflict).
	CreateUser(ctx context.Context, u User, actor string) error
	// User is the user of that name (ENotFound when there is none).
	User(ctx context.Context, name string) (User, error)
	// Users are every user, by name.
	Users(ctx context.Context) ([]User, error)
	// SetUserRole changes a user's role.
	SetUserRole(ctx context.Context, name string, role Role, actor string) error
	// SetUserEnabled enables or disables a user.
	SetUserEnabled(ctx context.Context, name string, enabled bool, actor string) error
	// SetUserPassword replaces a user's password hash and ends the user's sessions but the
	// one whose token hash is keepSession ("": all of them), with its event (never the
	// hash), in one transaction; it returns how many sessions ended (ENotFound for no user).
	SetUserPassword(ctx context.Context, name, hash, keepSession, actor string) (int, error)
	// RecordLogin keeps an attempt to sign in, with its event (EventLogin or
	// EventLoginFailed, the name and the reason, never a password).
	RecordLogin(ctx context.Context, a LoginAttempt) error
	// LoginAttempts are the attempts for a name at or after since, oldest first.
	LoginAttempts(ctx context.Context, name string, since time.Time) ([]LoginAttempt, error)
	// CreateSession stores a session (its user must exist: ENotFound).
	CreateSession(ctx context.Context, s Session) error
	// Session is the session of a token's hash (ENotFound when there is none).
	Session(ctx context.Context, tokenHash string) (Session, error)
	// TouchSession records when a session was last seen.
	TouchSession(ctx context.Context, tokenHash string, at time.Time) error
	// DeleteSession ends a session; one that is not there is no error.
	DeleteSession(ctx context.Context, tokenHash string) error
	// DeleteSessions ends every session of a user, and every session of anyone that
	// expired before expiredBefore; it returns how many ended.
	DeleteSessions(ctx context.Context, user string, expiredBefore time.Time) (int, error)
	// CreateToken stores an API token; a name the user has given a token before, or a
	// hash stored before, is refused (EConflict), a user that does not exist too
	// (ENotFound).
	CreateToken(ctx context.Context, t APIToken, actor string) error
	// Token is the token of a hash (ENotFound when there is none), revoked or not.
	Token(ctx context.Context, tokenHash string) (APIToken, error)
	// Tokens are a user's tokens (everyone's when user is ""), by user and name.
	Tokens(ctx context.Context, user string) ([]APIToken, error)
	// RevokeToken marks a token revoked at a time (ENotFound when there is none).
	RevokeToken(ctx context.Context, user, name string, at time.Time, actor string) error
}

// Store is the whole contract: what a store (sqlite, postgres) implements.
type Store interface {
	JurisdictionStore
	RollStore
	PetitionStore
	LineStore
	VerdictStore
	ReviewStore
	SampleStore
	AuditStore
	DeskStore
	IntakeStore
	UserStore
	Close() error
}

// CountBatch is one batch of a shared count: the lines to verify, by filing position, and
// those of them whose verdict the new one replaces (a person decided them since).
type CountBatch struct {
	Seqs []int `json:"seqs"`
	Redo []int `json:"redo,omitempty"`
}

// CountWork is what a process brings to a shared count.
type CountWork struct {
	// Workers is how many batches the process works at once.
	Workers int
	// StuckAfter is how long a batch may stay claimed before it is given to another worker
	// (its own may have died).
	StuckAfter time.Duration
	// Actor is who the duplicate rule's changes made in a batch are recorded as decided by.
	Actor string
	// Decide returns a batch's verdicts, prepared (VerdictStore.PrepareVerdict); the store
	// keeps them with their events and the batch's completion in one transaction.
	Decide func(ctx context.Context, b CountBatch) ([]VerdictRecord, error)
	// Stored is told each batch this process stored; when it returns true the count may
	// stop, and the batches nobody has claimed are dropped.
	Stored func(recs []VerdictRecord) bool
	// Storing, when set, is called as the store starts storing a batch and returns what
	// it calls when it is done, stored or not: the engine keeps a core free for it then.
	Storing func() (done func())
}

// SharedCounts is offered by a store on which several processes, on one machine or many,
// share one count (the server store, through a job queue): the lines still to verify are
// queued in batches that workers claim, decide and commit with their events.
type SharedCounts interface {
	// QueueCount queues the batches of a count of petition that plan returns, unless a
	// count of it is under way already, which the caller then joins; it says whether it
	// queued them. Processes that come at once take turns: plan runs while no other can
	// queue, so that what it reads (the lines still to verify) is not out of date.
	QueueCount(ctx context.Context, petition string, plan func(context.Context) ([]CountBatch, error)) (bool, error)
	// WorkCount works the petition's queued batches until none is left to claim or being
	// worked by another process, and returns how many lines this process stored. A batch
	// that fails for good (after its retries) fails the count with its error.
	WorkCount(ctx context.Context, petition string, w CountWork) (int, error)
}

// CountHolds is offered by a store on which one process at a time counts a petition (the
// embedded store): a second count is refused at once, naming the first, rather than
// colliding with it.
type CountHolds interface {
	// HoldCount marks petition as being counted by holder in this process until release is
	// called. A hold by a process that is still running is refused (EConflict, naming its
	// holder and since when); one left by a process that has died is taken over.
	HoldCount(ctx context.Context, petition, holder string) (release func(), err error)
}
