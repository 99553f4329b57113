package signet

import (
	"strings"
	"time"
)

// Reason is the top-level reason code of an invalid line: the Registrar's categories.
type Reason string

// The reason codes (domain.md §3). Every invalid line has exactly one.
const (
	NotRegistered     Reason = "not_registered"
	Duplicate         Reason = "duplicate"
	DifferentAddress  Reason = "different_address"
	SignatureMismatch Reason = "signature_mismatch"
	Cancelled         Reason = "cancelled"
	OutOfCounty       Reason = "out_of_county"
	Other             Reason = "other"
)

// Reasons lists the reason codes in the Registrar's order.
var Reasons = []Reason{NotRegistered, Duplicate, DifferentAddress, SignatureMismatch, Cancelled, OutOfCounty, Other}

// The sub-reasons an "other" verdict carries.
const (
	SubRegisteredAfterCutoff    = "registered_after_cutoff"
	SubWithdrawn                = "withdrawn"
	SubNoSignature              = "no_signature"
	SubIncompleteAddress        = "incomplete_address"
	SubIllegible                = "illegible"
	SubSignedOutsideCirculation = "signed_outside_circulation"
	SubSectionDefect            = "section_defect"
)

// OtherSubReasons lists the sub-reasons of "other".
var OtherSubReasons = []string{SubRegisteredAfterCutoff, SubWithdrawn, SubNoSignature, SubIncompleteAddress,
	SubIllegible, SubSignedOutsideCirculation, SubSectionDefect}

// Notes a valid line may carry; none of them invalidates it.
const (
	NoteApartmentMissing      = "apartment_missing"
	NoteApartmentDiffers      = "apartment_differs"
	NoteCityMissing           = "city_missing"
	NotePriorAddress          = "moved_during_circulation"
	NoteRegisteredAfterSigned = "registered_after_signing"
	NoteInactive              = "inactive_voter"
)

// SignatureDecision is a recorded human comparison of a line's signature with the one on file.
type SignatureDecision string

// Signature decisions (2 CCR §20960: a human decision, presumed valid).
const (
	SignatureMatches SignatureDecision = "match"
	SignatureDiffers SignatureDecision = "mismatch"
)

// Review is a recorded signature comparison for a line.
type Review struct {
	PetitionID string
	LineID     string
	Signature  SignatureDecision
	By         string
	At         time.Time
}

// Verdict is the decision on one line: valid, or invalid with one reason.
type Verdict struct {
	PetitionID string
	LineID     string
	Valid      bool
	Reason     Reason // empty when valid
	SubReason  string // set when Reason is Other
	Notes      []string
	VoterID    string  // the voter the line was matched to, if any
	Score      float64 // the linker's score for that match
	DecidedBy  string  // the program and linker version, or the reviewer
	DecidedAt  time.Time
}

// Code is the verdict's reason as one string: "valid", a reason, or "other:<sub-reason>".
func (v Verdict) Code() string { return CodeOf(v.Valid, v.Reason, v.SubReason) }

// CodeOf is the code of a verdict: "valid", a reason, or "other:<sub-reason>".
func CodeOf(valid bool, reason Reason, sub string) string {
	if valid {
		return "valid"
	}
	if reason == Other && sub != "" {
		return string(Other) + ":" + sub
	}
	return string(reason)
}

// ParseCode reads a verdict's code back (CodeOf).
func ParseCode(code string) (valid bool, reason Reason, sub string) {
	if code == "valid" {
		return true, "", ""
	}
	if r, s, ok := strings.Cut(code, ":"); ok && Reason(r) == Other {
		return false, Other, s
	}
	return false, Reason(code), ""
}

// ParseSignatureDecision reads "match" or "mismatch".
func ParseSignatureDecision(s string) (SignatureDecision, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "match":
		return SignatureMatches, nil
	case "mismatch":
		return SignatureDiffers, nil
	}
	return "", Errorf(EInvalid, "%q is not a signature decision (want match or mismatch)", s)
}
