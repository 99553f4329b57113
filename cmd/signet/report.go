package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/law"
	"github.com/signet-vote/signet/sqlite"
)

// Report statuses.
const (
	StatusSufficient   = "sufficient"
	StatusInsufficient = "insufficient"
	StatusNotFiled     = "not_filed"
	StatusVerifying    = "pending_verification"
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

// report is the Registrar-style result of a petition. Its JSON keys are a contract.
type report struct {
	Petition     string         `json:"petition"`
	Jurisdiction string         `json:"jurisdiction"`
	Rules        string         `json:"rules"`
	Registered   int            `json:"registered"`
	Required     int            `json:"required"`
	Filed        any            `json:"filed"`
	Raw          int            `json:"raw"`
	Verified     int            `json:"verified"`
	Unverified   int            `json:"unverified"`
	Valid        int            `json:"valid"`
	Invalid      int            `json:"invalid"`
	ValidityRate float64        `json:"validity_rate"`
	Status       string         `json:"status"`
	Shortfall    int            `json:"shortfall"`
	Surplus      int            `json:"surplus"`
	ByReason     map[string]int `json:"by_reason"`
	OtherReasons map[string]int `json:"other_sub_reasons"`
	// Basis says what decided the status: "full_count", "sample" (a projection outside the
	// full-count band), "raw_count" (fewer lines than required), or "" while pending.
	Basis string `json:"basis"`
	// AwaitingReview counts verdicts the linker was unsure of and no person has confirmed
	// (signet review next); their verdict stands on the linker's best candidate meanwhile.
	AwaitingReview int            `json:"awaiting_review"`
	Sample         *sampleInfo    `json:"sample"`
	Projection     map[string]any `json:"projection"`
}

// sampleInfo is the petition's random sample in a report.
type sampleInfo struct {
	Seed       string `json:"seed"`
	Population int    `json:"population"`
	Size       int    `json:"size"`
	Verified   int    `json:"verified"`
	Redraw     string `json:"redraw"`
}

func buildReport(p signet.Petition, t sqlite.Tally, proj map[string]any) report {
	r := report{Petition: p.ID, Jurisdiction: p.JurisdictionID, Rules: p.Rules, Registered: p.Registered, Required: p.Required,
		Filed: nullDate(p), Raw: p.Raw, Verified: t.Verified, Valid: t.Valid, ByReason: map[string]int{}, OtherReasons: map[string]int{}}
	if p.Filed.IsZero() {
		r.Raw = t.Lines
	}
	for _, reason := range signet.Reasons {
		r.ByReason[string(reason)] = t.ByReason[reason]
		r.Invalid += t.ByReason[reason]
	}
	for k, n := range t.ByOther {
		r.OtherReasons[k] = n
	}
	r.Unverified = r.Raw - r.Verified
	if r.Verified > 0 {
		r.ValidityRate = float64(int(float64(r.Valid)*10000/float64(r.Verified)+0.5)) / 100
	}
	r.Projection = proj
	decision, _ := proj["decision"].(string)
	switch {
	case p.Filed.IsZero():
		r.Status = StatusNotFiled
	case r.Raw < r.Required:
		// A raw count below the requirement cannot qualify (domain.md §4.1, Elections Code §11222).
		r.Status, r.Basis = StatusInsufficient, "raw_count"
	case r.Unverified == 0 && r.Valid >= r.Required:
		r.Status, r.Basis = StatusSufficient, "full_count"
	case r.Unverified == 0:
		r.Status, r.Basis = StatusInsufficient, "full_count"
	case decision == string(law.Sufficient) || decision == string(law.Insufficient):
		// A projection outside the full-count band decides (Elections Code §11225(b), 2 CCR §20540).
		r.Status, r.Basis = decision, "sample"
	case r.Valid >= r.Required && p.Duplicates == signet.KeepFirst:
		// Under keep_first each voter keeps one valid line, so verifying more lines never
		// lowers the valid count: reaching the requirement is final.
		r.Status, r.Basis = StatusSufficient, "full_count"
	default:
		r.Status = StatusVerifying
	}
	if r.Valid < r.Required {
		r.Shortfall = r.Required - r.Valid
	} else {
		r.Surplus = r.Valid - r.Required
	}
	return r
}

func (m *Main) runReport(ctx context.Context, args []string) error {
	fs := m.flags("report", "--petition P [--json]",
		`Print the Registrar-style result of a petition: raw count, valid, invalid by reason, and
whether the petition is sufficient. JSON keys: raw, valid, invalid, required, status
(sufficient, insufficient, not_filed, pending_verification), by_reason (not_registered,
duplicate, different_address, signature_mismatch, cancelled, out_of_county, other),
other_sub_reasons, and more. Each report is recorded in the audit log.`)
	c := m.commonFlags(fs, true)
	id := fs.String("petition", "", "petition id")
	s, err := m.openFor(ctx, fs, args, c, "petition")
	if err != nil {
		return err
	}
	defer s.Close()
	r, err := m.report(ctx, s, *id, *c.actor)
	if err != nil {
		return err
	}
	if c.isJSON() {
		return m.printJSON(r)
	}
	m.printReport(r)
	return nil
}

func (m *Main) report(ctx context.Context, s *sqlite.Store, id, actor string) (report, error) {
	p, err := s.Petition(ctx, id)
	if err != nil {
		return report{}, err
	}
	t, err := s.Tally(ctx, id)
	if err != nil {
		return report{}, err
	}
	proj, _, err := recordedProjection(ctx, s, id)
	if err != nil {
		return report{}, err
	}
	r := buildReport(p, t, proj)
	if _, r.AwaitingReview, _, err = s.NextReview(ctx, id); err != nil {
		return r, err
	}
	if sm, err := s.Sample(ctx, id); err == nil {
		c, err := s.SampleCount(ctx, id)
		if err != nil {
			return r, err
		}
		r.Sample = &sampleInfo{Seed: sm.Seed, Population: sm.Population, Size: sm.Size, Verified: c.Verified,
			Redraw: fmt.Sprintf("signet sample draw --seed %s --population %d --size %d", sm.Seed, sm.Population, sm.Size)}
	}
	return r, s.ReportEvent(ctx, id, actor, r)
}

func pct(n, of int) string {
	if of == 0 {
		return "     –"
	}
	return fmt.Sprintf("%6.2f%%", float64(n)*100/float64(of))
}

func (m *Main) printReport(r report) {
	w := m.Stdout
	fmt.Fprintf(w, "Petition %s — %s (%s)\n", r.Petition, r.Jurisdiction, r.Rules)
	fmt.Fprintf(w, "%s\n", strings.Repeat("─", 66))
	fmt.Fprintf(w, "%-44s %12s\n", "Registered voters (report)", commas(r.Registered))
	fmt.Fprintf(w, "%-44s %12s\n", "Valid signatures required", commas(r.Required))
	fmt.Fprintf(w, "%-44s %12s\n", "Raw count (lines filed)", commas(r.Raw))
	if r.Unverified > 0 {
		fmt.Fprintf(w, "%-44s %12s\n", "Not yet verified", commas(r.Unverified))
	}
	fmt.Fprintf(w, "%-44s %12s %s\n", "Valid", commas(r.Valid), pct(r.Valid, r.Verified))
	fmt.Fprintf(w, "%-44s %12s %s\n", "Invalid", commas(r.Invalid), pct(r.Invalid, r.Verified))
	for _, reason := range signet.Reasons {
		n := r.ByReason[string(reason)]
		fmt.Fprintf(w, "  %-42s %12s %s\n", reasonLabels[reason], commas(n), pct(n, r.Verified))
		if reason == signet.Other {
			for _, k := range sortedKeys(r.OtherReasons) {
				fmt.Fprintf(w, "    %-40s %12s\n", k, commas(r.OtherReasons[k]))
			}
		}
	}
	fmt.Fprintf(w, "%s\n", strings.Repeat("─", 66))
	if r.AwaitingReview > 0 {
		fmt.Fprintf(w, "%s verdicts rest on the linker's best candidate and await a person's review (signet review next)\n", commas(r.AwaitingReview))
	}
	switch {
	case r.Basis == "sample":
		fmt.Fprintf(w, "Status: %s — by the random sample: projected %v valid (%v%% of required), decision %s\n",
			strings.ToUpper(r.Status), r.Projection["projected_valid"], r.Projection["projected_percent"], r.Projection["decision"])
	case r.Status == StatusSufficient:
		fmt.Fprintf(w, "Status: SUFFICIENT — %s valid, %s more than required\n", commas(r.Valid), commas(r.Surplus))
	case r.Status == StatusInsufficient && r.Raw < r.Required:
		fmt.Fprintf(w, "Status: INSUFFICIENT — the raw count is below the requirement\n")
	case r.Status == StatusInsufficient:
		fmt.Fprintf(w, "Status: INSUFFICIENT — %s short of the requirement\n", commas(r.Shortfall))
	case r.Status == StatusNotFiled:
		fmt.Fprintf(w, "Status: not filed yet\n")
	default:
		fmt.Fprintf(w, "Status: verification in progress (%s lines left)\n", commas(r.Unverified))
	}
}
