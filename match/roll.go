package match

import signet "github.com/signet-vote/signet"

// Roll is a voter roll as the engine reads it: the store contract's signet.Roll, served by
// every store from its own compact form, or by Voters from a slice.
type Roll = signet.Roll

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

// VotersOf decodes a whole roll into a slice (a roll that is one already is returned as it is).
func VotersOf(r Roll) []signet.Voter {
	if vs, ok := r.(Voters); ok {
		return vs
	}
	out := make([]signet.Voter, r.Len())
	for i := range out {
		r.Read(i, &out[i])
	}
	return out
}
