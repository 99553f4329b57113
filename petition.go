package signet

import "time"

// PetitionKind is what a petition asks for.
type PetitionKind string

// The petition kinds Signet knows.
const (
	KindLocalRecall PetitionKind = "local-recall"
	KindStateRecall PetitionKind = "state-recall"
	KindInitiative  PetitionKind = "initiative"
	KindReferendum  PetitionKind = "referendum"
)

// ValidKind reports whether k is one of the known petition kinds.
func ValidKind(k PetitionKind) bool {
	switch k {
	case KindLocalRecall, KindStateRecall, KindInitiative, KindReferendum:
		return true
	}
	return false
}

// Petition is one recall or initiative petition and its key dates.
type Petition struct {
	ID             string
	Kind           PetitionKind
	JurisdictionID string
	Rules          string // rule pack id, e.g. "ca-local-recall"
	ReportID       string // the registration report the requirement is computed from
	Registered     int    // the registered count of that report
	Required       int    // valid signatures required
	Approved       time.Time
	Deadline       time.Time // last day to file
	Filed          time.Time // zero until filed
	Raw            int       // lines presented at filing
	Cutoff         Cutoff
	Duplicates     DuplicatePolicy
	// Settings are the rule pack settings (name=value) the petition was created with.
	Settings []string
	// CountyVotes is, for a state-officer recall, the last vote for the office in each county
	// (Registered then holds the statewide last vote and ReportID is empty).
	CountyVotes map[string]int
}

// ValidCutoff reports whether c is one of the registration cut-off policies.
func ValidCutoff(c Cutoff) bool { return c == CutoffSigningDate || c == CutoffFilingDate }

// ValidDuplicatePolicy reports whether d is one of the duplicate policies.
func ValidDuplicatePolicy(d DuplicatePolicy) bool { return d == KeepFirst || d == StrikeAll }

// Cutoff says until when a signer may have registered for the signature to count.
type Cutoff string

// Registration cut-off policies (domain.md §3, configurable).
const (
	// CutoffSigningDate follows Elections Code §100: registered when signing.
	CutoffSigningDate Cutoff = "signing_date"
	// CutoffFilingDate follows Los Angeles 2022 practice: registered by the filing date.
	CutoffFilingDate Cutoff = "filing_date"
)

// DuplicatePolicy says what happens to a voter who signed more than once.
type DuplicatePolicy string

// Duplicate policies (domain.md §3, configurable).
const (
	// KeepFirst keeps the earliest otherwise valid line and strikes the rest.
	KeepFirst DuplicatePolicy = "keep_first"
	// StrikeAll strikes every otherwise valid line of a voter who signed twice or more.
	StrikeAll DuplicatePolicy = "strike_all"
)
