package registrar

import (
	"context"
	"time"

	"github.com/signet-vote/signet"
)

// The administrator's reads: the jurisdictions with their roll snapshots, the petitions
// with their counts, and the audit log a page at a time from its end. They record nothing.

// JurisdictionOverview is a jurisdiction as the admin's page lists it.
type JurisdictionOverview struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	ZIPs int    `json:"zip_count"`
	// Snapshots are the roll's snapshots, oldest first; the last is the current roll.
	Snapshots []RollSnapshot `json:"snapshots"`
	// Reports are its registration reports, newest first (a petition's requirement is
	// computed from one).
	Reports []ReportOverview `json:"reports"`
}

// ReportOverview is a registration report as the admin's page lists it (the keys of
// signet registration list --json but the jurisdiction).
type ReportOverview struct {
	ID         string `json:"id"`
	Date       string `json:"date"`
	Registered int    `json:"registered"`
	Source     string `json:"source"`
}

// RollSnapshot is one import of a jurisdiction's roll.
type RollSnapshot struct {
	ID         int64  `json:"id"`
	FileName   string `json:"file"`
	SHA256     string `json:"sha256"`
	Voters     int    `json:"voters"`
	ImportedAt string `json:"imported_at"`
}

// JurisdictionsOverview are the jurisdictions by id, each with its ZIP codes counted and
// its roll's snapshots.
func (s *Service) JurisdictionsOverview(ctx context.Context) ([]JurisdictionOverview, error) {
	js, err := s.Store.Jurisdictions(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]JurisdictionOverview, 0, len(js))
	for _, j := range js {
		// The list may leave the ZIP codes out: read each jurisdiction whole.
		if j, err = s.Store.Jurisdiction(ctx, j.ID); err != nil {
			return nil, err
		}
		imps, err := s.Store.RollImports(ctx, j.ID)
		if err != nil {
			return nil, err
		}
		o := JurisdictionOverview{ID: j.ID, Name: j.Name, ZIPs: len(j.ZIPs), Snapshots: []RollSnapshot{}}
		for _, imp := range imps {
			o.Snapshots = append(o.Snapshots, RollSnapshot{ID: imp.ID, FileName: imp.FileName, SHA256: imp.SHA256, Voters: imp.Rows, ImportedAt: imp.ImportedAt})
		}
		reps, err := s.Store.Reports(ctx, j.ID)
		if err != nil {
			return nil, err
		}
		o.Reports = make([]ReportOverview, 0, len(reps))
		for _, r := range reps {
			o.Reports = append(o.Reports, ReportOverview{ID: r.ID, Date: signet.FormatDate(r.Date), Registered: r.Registered, Source: r.Source})
		}
		out = append(out, o)
	}
	return out, nil
}

// PetitionOverview is a petition as the admin's page lists it: what it is and where its
// count stands, as the status page reads it (not reconciled with the audit log).
type PetitionOverview struct {
	ID           string `json:"id"`
	Kind         string `json:"kind"`
	Jurisdiction string `json:"jurisdiction"`
	Status       string `json:"status"`
	Required     int    `json:"required"`
	Filed        string `json:"filed"` // "" before filing
	Raw          int    `json:"raw"`
	Verified     int    `json:"verified"`
}

// PetitionsOverview are the petitions by id with their raw counts and lines verified.
func (s *Service) PetitionsOverview(ctx context.Context) ([]PetitionOverview, error) {
	ps, err := s.Store.Petitions(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]PetitionOverview, 0, len(ps))
	for _, p := range ps {
		r, err := s.count(ctx, p)
		if err != nil {
			return nil, err
		}
		o := PetitionOverview{ID: p.ID, Kind: string(p.Kind), Jurisdiction: p.JurisdictionID, Status: string(r.Status),
			Required: p.Required, Raw: r.Raw, Verified: r.Verified}
		if !p.Filed.IsZero() {
			o.Filed = signet.FormatDate(p.Filed)
		}
		out = append(out, o)
	}
	return out, nil
}

// AuditEntry is an event of the audit log as the admin's page lists it: never its payload,
// which may hold a voter's id.
type AuditEntry struct {
	Seq     int64     `json:"seq"`
	At      time.Time `json:"at"`
	Kind    string    `json:"kind"`
	Actor   string    `json:"actor"`
	Subject string    `json:"subject"`
}

// AuditPage is a page of the audit log from its end.
type AuditPage struct {
	// HeadSeq is the log's last event when the page was read.
	HeadSeq int64 `json:"head_seq"`
	// Entries are newest first.
	Entries []AuditEntry `json:"events"`
	// Next is the "before" of the next (older) page; 0 when this one reaches the first event.
	Next int64 `json:"next_before"`
}

// MaxAuditPage is the most events a page of the audit log holds.
const MaxAuditPage = 500

// AuditLog reads the audit log's events before seq before (0: up to the head), newest
// first, at most limit (1 to MaxAuditPage).
func (s *Service) AuditLog(ctx context.Context, before int64, limit int) (AuditPage, error) {
	if before < 0 {
		return AuditPage{}, signet.Errorf(signet.EInvalid, "before %d: give an event's number, or 0 for the newest", before)
	}
	if limit < 1 || limit > MaxAuditPage {
		return AuditPage{}, signet.Errorf(signet.EInvalid, "a page holds 1 to %d events, not %d", MaxAuditPage, limit)
	}
	head, _, err := s.Store.AuditHead(ctx)
	if err != nil {
		return AuditPage{}, err
	}
	evs, err := s.Store.RecentEvents(ctx, before, limit)
	if err != nil {
		return AuditPage{}, err
	}
	pg := AuditPage{HeadSeq: head, Entries: make([]AuditEntry, 0, len(evs))}
	for _, e := range evs {
		pg.Entries = append(pg.Entries, AuditEntry{Seq: e.Seq, At: e.At.UTC(), Kind: e.Kind, Actor: e.Actor, Subject: e.Subject})
	}
	if n := len(evs); n == limit && evs[n-1].Seq > 1 {
		pg.Next = evs[n-1].Seq
	}
	return pg, nil
}
