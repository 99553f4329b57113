// Package storecodec holds the encodings every store writes the same way: the packed forms
// of a roll snapshot and of a lines import (the fast path to read them whole) and a
// verdict's stored columns (its candidates' text is the root package's canonical form,
// signet.AppendCandidates, whose digest its event records). A store keeps the bytes; what they
// mean is written once, here. So is what a store says of a write its database refused
// (Refused), so that both stores say it alike.
package storecodec
