// Package present holds what every door shows the same way: the Registrar's labels of the
// reason codes, numbers with thousands separators, and the certificate in text and HTML.
// It formats the engine's results; it decides nothing.
package present

import (
	"fmt"
	"strings"

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
func Commas(n int) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
