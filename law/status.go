package law

import "github.com/signet-vote/signet"

// Status is where a petition stands in a report: sufficient, insufficient, not filed, or
// still being verified.
type Status string

// Report statuses.
const (
	StatusSufficient   Status = "sufficient"
	StatusInsufficient Status = "insufficient"
	StatusNotFiled     Status = "not_filed"
	StatusVerifying    Status = "pending_verification"
)

// Basis says what decided a petition's status.
type Basis string

// The bases of a decided status ("" while pending).
const (
	BasisFullCount Basis = "full_count" // every line verified, or the requirement confirmed
	BasisSample    Basis = "sample"     // a projection outside the full-count band
	BasisRawCount  Basis = "raw_count"  // fewer lines filed than required
)

// Standing is what a petition's status is decided from.
type Standing struct {
	Petition signet.Petition
	// Raw is the raw count: lines filed, or imported so far before the filing.
	Raw      int
	Verified int
	Valid    int
	// Projection is the decision of the recorded projection from the sample, "" if none.
	Projection Decision
}

// Decide returns a petition's status and what decided it.
func (s Standing) Decide() (Status, Basis) {
	p := &s.Petition
	unverified := s.Raw - s.Verified
	switch {
	case p.Filed.IsZero():
		return StatusNotFiled, ""
	case s.Raw < p.Required:
		// A raw count below the requirement cannot qualify (domain.md §4.1, Elections Code §11222).
		return StatusInsufficient, BasisRawCount
	case unverified == 0 && s.Valid >= p.Required:
		return StatusSufficient, BasisFullCount
	case unverified == 0:
		return StatusInsufficient, BasisFullCount
	case s.Projection == Sufficient:
		// A projection outside the full-count band decides (Elections Code §11225(b), 2 CCR §20540).
		return StatusSufficient, BasisSample
	case s.Projection == Insufficient:
		return StatusInsufficient, BasisSample
	case s.Valid >= p.Required && p.Duplicates == signet.KeepFirst:
		// Under keep_first each voter keeps one valid line, so verifying more lines never
		// lowers the valid count: reaching the requirement is final.
		return StatusSufficient, BasisFullCount
	}
	return StatusVerifying, ""
}

// StopsEarly says whether a full count of p may stop once the required valid signatures are
// confirmed: the pack allows it (StopEarly), and under keep_first each voter keeps one
// valid line, so the count of voters with a valid line never falls as more lines are verified.
func (r Rules) StopsEarly(p signet.Petition) bool {
	return r.StopEarly && p.Duplicates == signet.KeepFirst
}
