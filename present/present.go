// Package present holds what every door shows the same way: the Registrar's labels of the
// reason codes, numbers with thousands separators, and the certificate in text and HTML.
// It formats the engine's results; it decides nothing.
package present

import (
	"github.com/signet-vote/signet"
)

// reasonLabels are the Registrar's own category labels (Los Angeles 2022).
var reasonLabels = map[signet.Reason]string{
	signet.NotRegistered:     "Not Registered",
	signet.Duplicate:         "Max Number of Times Signed (Duplicate)",
	signet.DifferentAddress:  "Different Address",
	signet.SignatureMismatch: "Mismatch Signature",
	signet.Cancelled:         "Canceled",
	signet.OutOfCounty:       "Out of County Address",
	signet.Other:             "Other",
}

// ReasonLabel is the Registrar's label of a reason code (the code itself for an unknown one).
func ReasonLabel(r signet.Reason) string {
	if l, ok := reasonLabels[r]; ok {
		return l
	}
	return string(r)
}

// Commas prints an integer with thousands separators.
func Commas(n int) string { return signet.Commas(n) }
