package registrar

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/signet-vote/signet"
)

// The proponents' view: every invalid line with its reason, the evidence as agreement
// levels, and who decided, redacted (docs/review.md). Proponents may examine the rejected
// signatures after a finding of insufficiency (Elections Code §11301); what they see of the
// roll is only how the line compared with it, never the voter's record.

// InvalidLine is one invalid line as the proponents see it: what the line itself says,
// its verdict and the evidence as levels. It holds nothing of the voter record beyond how
// each field compared (no voter id, birth date, or name or address the line did not write).
type InvalidLine struct {
	Seq         int      `json:"seq"`
	LineID      string   `json:"line"`
	Section     string   `json:"section"`
	PrintedName string   `json:"printed_name"`
	Address     string   `json:"address"`
	DateSigned  string   `json:"date_signed"`
	Reason      string   `json:"reason"`
	SubReason   string   `json:"sub_reason,omitempty"`
	Evidence    []string `json:"evidence"`
	// EvidenceParts are Evidence in parts ("last name", "exact"), for a door that words them
	// in another language.
	EvidenceParts []EvidencePart `json:"-"`
	DecidedBy     string         `json:"decided_by"`
	DecidedAt     time.Time      `json:"decided_at"`
	// Challenge is the status of the line's latest challenge ("" when none).
	Challenge string `json:"challenge,omitempty"`
}

// EvidencePart is one field of an invalid line's evidence and how it compared.
type EvidencePart struct {
	Field, Level string
}

// Page asks for one page of a listing: Number from 1, Size lines (DefaultPageSize when 0,
// at most MaxPageSize).
type Page struct {
	Number int
	Size   int
}

// Page sizes of a listing.
const (
	DefaultPageSize = 100
	MaxPageSize     = 5000
)

// InvalidPage is one page of a petition's invalid lines, in filing order.
type InvalidPage struct {
	Petition string        `json:"petition"`
	Page     int           `json:"page"`
	Size     int           `json:"size"`
	Total    int           `json:"total"`
	Lines    []InvalidLine `json:"lines"`
}

// InvalidLines returns a page of a petition's invalid lines, in filing order, redacted
// for the proponents: each with its reason, an evidence summary (how each field of the
// line compared with the best candidate: "last name: exact", "birth date: missing"), who
// decided (the linker or a person) and the status of its latest challenge.
func (s *Service) InvalidLines(ctx context.Context, petition string, page Page) (InvalidPage, error) {
	if page.Number == 0 {
		page.Number = 1
	}
	if page.Size == 0 {
		page.Size = DefaultPageSize
	}
	out := InvalidPage{Petition: petition, Page: page.Number, Size: page.Size, Lines: []InvalidLine{}}
	if page.Number < 1 || page.Size < 1 || page.Size > MaxPageSize {
		return out, signet.Errorf(signet.EInvalid, "page %d of %d lines: pages are numbered from 1 and hold 1 to %d lines", page.Number, page.Size, MaxPageSize)
	}
	if _, err := s.Store.Petition(ctx, petition); err != nil {
		return out, err
	}
	challenges, err := s.Store.Challenges(ctx, petition, false)
	if err != nil {
		return out, err
	}
	status := map[string]string{}
	for _, c := range challenges {
		status[c.LineID] = c.Status
	}
	first := (page.Number - 1) * page.Size
	var recs []signet.VerdictRecord
	err = s.Store.EachVerdictRecord(ctx, petition, true, func(r *signet.VerdictRecord) error {
		if r.Valid {
			return nil
		}
		if out.Total >= first && len(recs) < page.Size {
			rec := *r
			rec.Candidates = append([]signet.Candidate(nil), r.Candidates...)
			recs = append(recs, rec)
		}
		out.Total++
		return nil
	})
	if err != nil {
		return out, err
	}
	for i := range recs {
		l, err := s.Store.Line(ctx, petition, recs[i].LineID)
		if err != nil {
			return out, err
		}
		out.Lines = append(out.Lines, redacted(&l, &recs[i], status[recs[i].LineID]))
	}
	return out, nil
}

// redacted is an invalid line as the proponents see it: the line's own words, and of the
// voter record only the levels at which its fields compared with the line's.
func redacted(l *signet.Line, r *signet.VerdictRecord, challenge string) InvalidLine {
	il := InvalidLine{Seq: l.Seq, LineID: l.ID(), Section: l.SectionID, PrintedName: l.PrintedName, Address: l.Address.String(),
		DateSigned: signet.FormatDate(l.DateSigned), Reason: string(r.Reason), SubReason: r.SubReason, Evidence: []string{},
		DecidedBy: r.DecidedBy, DecidedAt: r.DecidedAt.UTC(), Challenge: challenge}
	if best := bestCandidate(r); best != nil {
		for _, f := range best.Fields {
			il.EvidenceParts = append(il.EvidenceParts, EvidencePart{Field: strings.ReplaceAll(f.Field, "_", " "), Level: f.Level})
		}
		il.EvidenceParts = append(il.EvidenceParts, EvidencePart{Field: "address", Level: addressLevel(best.Address)})
		for _, e := range il.EvidenceParts {
			il.Evidence = append(il.Evidence, e.Field+": "+e.Level)
		}
	}
	return il
}

// bestCandidate is the candidate the verdict names, else the linker's best; nil when the
// linker considered none.
func bestCandidate(r *signet.VerdictRecord) *signet.Candidate {
	for i := range r.Candidates {
		if r.Candidates[i].VoterID == r.VoterID && r.VoterID != "" {
			return &r.Candidates[i]
		}
	}
	if len(r.Candidates) > 0 {
		return &r.Candidates[0]
	}
	return nil
}

// addressLevel says how the line's address compared with the candidate's registration.
func addressLevel(a signet.AddressMatch) string {
	switch a {
	case signet.AddressCurrent:
		return "registered address"
	case signet.AddressPrior:
		return "a prior registered address"
	}
	return "differs"
}

// InvalidCSVColumns are the columns of the invalid lines' CSV export, in order: a contract
// (docs/review.md). evidence joins the levels with "; ".
var InvalidCSVColumns = []string{"seq", "line_id", "section", "printed_name", "address", "date_signed", "reason", "sub_reason", "evidence", "decided_by", "decided_at", "challenge"}

// WriteInvalidCSV writes every invalid line of a petition, redacted as InvalidLines gives
// them, as CSV with InvalidCSVColumns, in filing order, in one pass over the verdicts.
func (s *Service) WriteInvalidCSV(ctx context.Context, w io.Writer, petition string) error {
	if _, err := s.Store.Petition(ctx, petition); err != nil {
		return err
	}
	challenges, err := s.Store.Challenges(ctx, petition, false)
	if err != nil {
		return err
	}
	status := map[string]string{}
	for _, c := range challenges {
		status[c.LineID] = c.Status
	}
	lines, err := s.Store.Lines(ctx, petition)
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(InvalidCSVColumns); err != nil {
		return err
	}
	err = s.Store.EachVerdictRecord(ctx, petition, true, func(r *signet.VerdictRecord) error {
		if r.Valid {
			return nil
		}
		if r.Seq < 1 || r.Seq > len(lines) || lines[r.Seq-1].Seq != r.Seq {
			return fmt.Errorf("petition %s: the verdict of line %s has no line at filing position %d", petition, r.LineID, r.Seq)
		}
		l := redacted(&lines[r.Seq-1], r, status[r.LineID])
		return cw.Write([]string{strconv.Itoa(l.Seq), l.LineID, l.Section, csvSafe(l.PrintedName), csvSafe(l.Address), l.DateSigned, l.Reason, l.SubReason,
			strings.Join(l.Evidence, "; "), csvSafe(l.DecidedBy), l.DecidedAt.Format(time.RFC3339), l.Challenge})
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// csvSafe keeps a field from being read as a formula by a spreadsheet (a cell starting
// with =, +, - or @).
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
		return "'" + s
	}
	return s
}
