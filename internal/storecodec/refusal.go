package storecodec

import "github.com/signet-vote/signet"

// Refused is what a store says of a write the database refused for breaking one of the
// schema's constraints, in the words of the record written (what: `petition "p"`, or
// `lines.csv: the lines of petition p`) and never in the database's own: code is the kind
// of constraint, as each store classifies its driver's errors (a key that is there
// already: EConflict; a reference to a record that is not: ENotFound; a value outside a
// column's range: EInvalid). The engine and the stores check what they can before they
// write and say more; this is what is said of what they missed, or of a race two writers
// ran, and it reads the same on every store.
func Refused(code signet.ErrorCode, what string) *signet.Error {
	reason := "conflicts with what is stored (it is there already)"
	switch code {
	case signet.ENotFound:
		reason = "names a record that is not stored"
	case signet.EInvalid:
		reason = "holds a value the database does not accept"
	}
	return signet.Errorf(code, "%s %s; nothing of it was kept", what, reason)
}
