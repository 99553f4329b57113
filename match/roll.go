package match

import signet "github.com/signet-vote/signet"

// Roll is a voter roll as the engine reads it: voters by index, 0 to Len()-1. A store can
// serve it from a compact form (sqlite's roll packs) so that millions of voters need not
// be decoded into []signet.Voter at once; Voters serves it from a slice.
//
// Implementations must be safe for concurrent use: the engine reads with several
// goroutines while it builds and while it links.
type Roll interface {
	// Len is the number of voters.
	Len() int
	// Read fills v with voter i. Its strings may point into memory the roll owns, which
	// stays valid as long as the roll; v.Prior's backing array is reused when it has room.
	Read(i int, v *signet.Voter)
	// ID is voter i's id.
	ID(i int) string
}

// Voters is a roll held as a slice.
type Voters []signet.Voter

// Len implements Roll.
func (vs Voters) Len() int { return len(vs) }

// Read implements Roll.
func (vs Voters) Read(i int, v *signet.Voter) {
	prior := v.Prior[:0]
	*v = vs[i]
	v.Prior = append(prior, vs[i].Prior...)
}

// ID implements Roll.
func (vs Voters) ID(i int) string { return vs[i].ID }
