package signet

import "time"

// ImportMeta describes a file being imported: its name (for errors), its content's SHA-256
// (a file is imported once), and who imports it.
type ImportMeta struct {
	FileName string
	SHA256   string
	Actor    string
	// NewSnapshot allows importing a roll whose content was imported before, as a new snapshot.
	NewSnapshot bool
}

// VoterSource yields voters one by one with the file line they came from; io.EOF ends it.
type VoterSource func() (v Voter, line int, err error)

// LineSource yields lines one by one with the file line they came from; io.EOF ends it.
type LineSource func() (l Line, line int, err error)

// ReviewSource yields signature decisions with the file line they came from; io.EOF ends it.
type ReviewSource func() (r Review, line int, err error)

// RollImport is one imported roll snapshot. The newest snapshot of a jurisdiction is its roll.
type RollImport struct {
	ID           int64
	Jurisdiction string
	FileName     string
	SHA256       string
	Rows         int
	ImportedAt   string
}

// VoterStats counts the voters of a jurisdiction's current roll by status.
type VoterStats struct {
	Snapshot  int64 `json:"snapshot"`
	Voters    int   `json:"voters"`
	Active    int   `json:"active"`
	Inactive  int   `json:"inactive"`
	Cancelled int   `json:"cancelled"`
	// Registered is active plus inactive: the count a registration report computed from the roll uses.
	Registered int `json:"registered"`
}

// LineImport is one imported file of petition lines.
type LineImport struct {
	ID       int64
	Petition string
	FileName string
	SHA256   string
	Rows     int
	FirstSeq int
	LastSeq  int
}

// Sample is a petition's drawn random sample.
type Sample struct {
	Petition   string
	Seed       string
	Population int
	Size       int
	Seqs       []int // the drawn lines' filing positions, ascending
	DrawnAt    time.Time
}

// Projection is the recorded projection of a petition from its sample: the decision and
// the whole result as JSON, as it was recorded.
type Projection struct {
	Decision string
	Result   string
}

// Tally is the count of a petition's lines and verdicts by reason.
type Tally struct {
	Lines    int
	Verified int
	Valid    int
	ByReason map[Reason]int
	ByOther  map[string]int
}

// DayCount is how many lines were last decided on one day (UTC), and how many of them are
// valid.
type DayCount struct {
	Day     time.Time // midnight UTC
	Decided int
	Valid   int
}

// VerdictRecord is a verdict as stored: the final verdict, the verdict before the duplicate
// rule (Base*), the roll snapshot the voter came from and the linker's candidates.
type VerdictRecord struct {
	Verdict
	Seq           int
	BaseValid     bool
	BaseReason    Reason
	BaseSubReason string
	RollImport    int64
	Candidates    []Candidate
	// Redo says the line had a verdict already, which this one replaces.
	Redo bool
	// Decision is the linker's: link, review (a person should confirm) or none.
	Decision Decision
	// Prepared is what a store encoded of the record ahead of storing it
	// (VerdictStore.PrepareVerdict), on the goroutine that decided it; a store ignores
	// what it did not make itself. Nil until prepared.
	Prepared any
}

// VerdictRow is the gist of one stored verdict.
type VerdictRow struct {
	Seq       int
	LineID    string
	Valid     bool
	Reason    Reason
	SubReason string
	VoterID   string
	Decision  Decision
	// BaseValid says the line was valid before the duplicate rule.
	BaseValid bool
}

// DuplicateCandidate is a verdict the duplicate rule looks at: a line valid before the rule
// and linked to a voter, with its verdict as stored.
type DuplicateCandidate struct {
	Seq    int
	LineID string
	Voter  string
	Signed string // date signed, as stored (YYYY-MM-DD; "" when unknown)
	Valid  bool
	Reason Reason
	Score  float64
	Notes  []string
}

// DuplicateCandidateOf is the candidate a just decided verdict record makes, and whether it is one.
func DuplicateCandidateOf(r *VerdictRecord, signed time.Time) (DuplicateCandidate, bool) {
	if !r.BaseValid || r.VoterID == "" {
		return DuplicateCandidate{}, false
	}
	return DuplicateCandidate{Seq: r.Seq, LineID: r.LineID, Voter: r.VoterID, Signed: FormatDate(signed), Valid: r.Valid,
		Reason: r.Reason, Score: r.Score, Notes: r.Notes}, true
}

// DuplicateChange is a verdict the duplicate rule changes: Struck, the line is a duplicate;
// else it is valid again.
type DuplicateChange struct {
	DuplicateCandidate
	Struck bool
}

// Outcome is the verdict the change leaves: valid, or invalid as a duplicate.
func (c *DuplicateChange) Outcome() (valid bool, reason Reason) {
	if c.Struck {
		return false, Duplicate
	}
	return true, ""
}

// Record is the verdict record the change makes of its line, decided by actor at: the
// record whose audit event the rule writes.
func (c *DuplicateChange) Record(actor string, at time.Time) VerdictRecord {
	v := VerdictRecord{Seq: c.Seq}
	v.LineID, v.VoterID, v.Score, v.DecidedBy, v.DecidedAt, v.Notes = c.LineID, c.Voter, c.Score, actor, at, c.Notes
	v.Valid, v.Reason = c.Outcome()
	return v
}

// DuplicateRule turns the candidates of a whole petition (in any order) into the changes
// the petition's duplicate policy makes; law.DuplicateRule makes one.
type DuplicateRule func(all []DuplicateCandidate) []DuplicateChange

// LinkReview is a person's decision on a line in the linker's review band.
type LinkReview struct {
	LineID  string
	VoterID string // "" when the signer is none of the voters on the roll
	By      string
	At      time.Time
}

// StateReport is one county's report to the Secretary of State for a state-officer recall:
// its totals to the end of a period (Elections Code §11104).
type StateReport struct {
	County    string
	PeriodEnd time.Time
	Raw       int
	Valid     int
}

// Consistent reports whether the report's totals are counts, with valid at most raw.
func (r StateReport) Consistent() bool { return r.Raw >= 0 && r.Valid >= 0 && r.Valid <= r.Raw }
