package signet

// AddressMatch says which of a voter's addresses a line's address agrees with.
type AddressMatch string

// Address agreement levels of a link.
const (
	// AddressNone: the line links to the voter by name only; the address is another one.
	AddressNone AddressMatch = "none"
	// AddressCurrent: the line's address is the voter's registered residence.
	AddressCurrent AddressMatch = "current"
	// AddressPrior: the line's address is one the voter was registered at before.
	AddressPrior AddressMatch = "prior"
)

// Decision is what a linker's score says to do with a line's best candidate.
type Decision string

// Linker decisions: above the upper threshold link, below the lower no link, between review.
const (
	DecideLink   Decision = "link"
	DecideReview Decision = "review"
	DecideNone   Decision = "none"
)

// Link is what a Linker found for one line: the voter it is most likely to be, if any,
// and the evidence.
type Link struct {
	Voter *Voter // nil when the line links to nobody on the roll
	Score float64
	// Decision is link, review (a person must look: Voter is the best guess) or none.
	// A linker without a review band leaves it empty, which means link when Voter is set.
	Decision Decision
	Address  AddressMatch
	// Prior is the index in Voter.Prior of the matching prior address when Address is AddressPrior.
	Prior int
	// Notes are observations that do not invalidate the line (apartment_missing, ...).
	Notes []string
	// Candidates are the best few voters considered, best first, with their evidence.
	Candidates []Candidate
}

// Candidate is one voter a linker considered for a line, with per-field evidence.
type Candidate struct {
	VoterID string
	Score   float64
	Address AddressMatch
	Fields  []FieldLevel
	// Rule names the linker's rule that turned the candidate down or sent it to review
	// (fs-v1's are match.Rules, explained by match.RuleText); empty for the voter linked,
	// and for candidates of a linker or a verdict that names none.
	Rule string `json:",omitempty"`
}

// FieldLevel is how one field compared: its agreement level and the weight it added.
type FieldLevel struct {
	Field  string
	Level  string
	Weight float64
}

// Linker links petition lines to the voter roll it was built from. Implementations are
// safe for concurrent use by several goroutines once built.
type Linker interface {
	Link(line *Line) Link
	// Name identifies the linker and its version in every verdict it decides.
	Name() string
}
