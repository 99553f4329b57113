package postgres

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/internal/storecodec"
)

// CreatePetition stores a new petition.
func (s *Store) CreatePetition(ctx context.Context, p signet.Petition, actor string) error {
	return s.tx(ctx, fmt.Sprintf("petition %q", p.ID), func(w *writeTx) error {
		var report any
		if p.ReportID != "" {
			report = p.ReportID
		}
		_, err := w.Exec(ctx, `INSERT INTO petitions (id, kind, jurisdiction_id, rules, report_id, registered, required, approved, deadline, cutoff, duplicates, settings, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
			p.ID, string(p.Kind), p.JurisdictionID, p.Rules, report, p.Registered, p.Required,
			signet.FormatDate(p.Approved), signet.FormatDate(p.Deadline), string(p.Cutoff), string(p.Duplicates), strings.Join(p.Settings, "\n"), s.now())
		if isUniqueViolation(err) {
			return signet.Errorf(signet.EConflict, "petition %q already exists", p.ID)
		}
		if err != nil {
			return err
		}
		counties := make([]string, 0, len(p.CountyVotes))
		for c := range p.CountyVotes {
			counties = append(counties, c)
		}
		sort.Strings(counties)
		for _, c := range counties {
			if _, err := w.Exec(ctx, `INSERT INTO petition_county_votes (petition_id, county, last_vote) VALUES ($1, $2, $3)`, p.ID, c, p.CountyVotes[c]); err != nil {
				return err
			}
		}
		return s.appendOne(ctx, w, signet.EventPetition, actor, "petition:"+p.ID, map[string]any{"county_votes": len(p.CountyVotes),
			"id": p.ID, "kind": p.Kind, "jurisdiction": p.JurisdictionID, "rules": p.Rules, "report": p.ReportID,
			"registered": p.Registered, "required": p.Required, "approved": signet.FormatDate(p.Approved),
			"deadline": signet.FormatDate(p.Deadline), "cutoff": p.Cutoff, "duplicates": p.Duplicates, "settings": p.Settings})
	})
}

// Petition returns a petition.
func (s *Store) Petition(ctx context.Context, id string) (signet.Petition, error) {
	return readPetition(ctx, s.pool, id)
}

func readPetition(ctx context.Context, q querier, id string) (signet.Petition, error) {
	p := signet.Petition{ID: id}
	var kind, approved, deadline, filed, cutoff, dups, settings string
	var report *string
	err := q.QueryRow(ctx, `SELECT kind, jurisdiction_id, rules, report_id, registered, required, approved, deadline, filed, raw, cutoff, duplicates, settings FROM petitions WHERE id = $1`, id).
		Scan(&kind, &p.JurisdictionID, &p.Rules, &report, &p.Registered, &p.Required, &approved, &deadline, &filed, &p.Raw, &cutoff, &dups, &settings)
	if errors.Is(err, pgx.ErrNoRows) {
		return p, signet.Errorf(signet.ENotFound, "no petition %q", id)
	}
	if err != nil {
		return p, err
	}
	if settings != "" {
		p.Settings = strings.Split(settings, "\n")
	}
	if report != nil {
		p.ReportID = *report
	}
	p.Kind, p.Cutoff, p.Duplicates = signet.PetitionKind(kind), signet.Cutoff(cutoff), signet.DuplicatePolicy(dups)
	p.Approved, p.Deadline, p.Filed = storecodec.ParseDate(approved), storecodec.ParseDate(deadline), storecodec.ParseDate(filed)
	return p, nil
}

// Petitions lists every petition, by id.
func (s *Store) Petitions(ctx context.Context) ([]signet.Petition, error) {
	ids, err := collect(ctx, s.pool, `SELECT id FROM petitions ORDER BY id COLLATE "C"`, func(r pgx.Rows) (string, error) {
		var id string
		return id, r.Scan(&id)
	})
	if err != nil {
		return nil, err
	}
	out := make([]signet.Petition, 0, len(ids))
	for _, id := range ids {
		p, err := s.Petition(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// FilePetition records the filing of a petition with lines lines imported: the date and
// the raw count. It refuses a petition filed already, or whose lines changed in number.
func (s *Store) FilePetition(ctx context.Context, id string, filed time.Time, raw, lines int, actor string) (signet.Petition, error) {
	var p signet.Petition
	err := s.tx(ctx, fmt.Sprintf("the filing of petition %q", id), func(w *writeTx) error {
		cur, err := readPetition(ctx, w, id)
		if err != nil {
			return err
		}
		if !cur.Filed.IsZero() {
			return signet.Errorf(signet.EConflict, "petition %q was already filed on %s with %d lines", id, signet.FormatDate(cur.Filed), cur.Raw)
		}
		var n int
		if err := w.QueryRow(ctx, `SELECT count(*) FROM lines WHERE petition_id = $1`, id).Scan(&n); err != nil {
			return err
		}
		if n != lines {
			return signet.Errorf(signet.EConflict, "petition %q has %d lines, not %d: lines were imported while it was being filed", id, n, lines)
		}
		cur.Filed, cur.Raw = filed, raw
		if _, err := w.Exec(ctx, `UPDATE petitions SET filed = $1, raw = $2 WHERE id = $3`, signet.FormatDate(cur.Filed), cur.Raw, id); err != nil {
			return err
		}
		p = cur
		return s.appendOne(ctx, w, signet.EventFiling, actor, "petition:"+id, map[string]any{"filed": signet.FormatDate(cur.Filed), "raw": raw})
	})
	return p, err
}

// CountyVotes returns the last vote for the office in each county of a state-officer recall.
func (s *Store) CountyVotes(ctx context.Context, petition string) (map[string]int, error) {
	rows, err := s.pool.Query(ctx, `SELECT county, last_vote FROM petition_county_votes WHERE petition_id = $1`, petition)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var c string
		var n int
		if err := rows.Scan(&c, &n); err != nil {
			return nil, err
		}
		out[c] = n
	}
	return out, rows.Err()
}

// AddStateReport records a county's report for a petition.
func (s *Store) AddStateReport(ctx context.Context, id string, r signet.StateReport, actor string) error {
	return s.tx(ctx, fmt.Sprintf("%s's report for the period ending %s of petition %q", r.County, signet.FormatDate(r.PeriodEnd), id), func(w *writeTx) error {
		if _, err := readPetition(ctx, w, id); err != nil {
			return err
		}
		var n int
		if err := w.QueryRow(ctx, `SELECT count(*) FROM state_reports WHERE petition_id = $1 AND county = $2 AND period_end = $3`,
			id, r.County, signet.FormatDate(r.PeriodEnd)).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return signet.Errorf(signet.EConflict, "%s already reported for the period ending %s", r.County, signet.FormatDate(r.PeriodEnd))
		}
		if _, err := w.Exec(ctx, `INSERT INTO state_reports (petition_id, county, period_end, raw, valid, reported_at) VALUES ($1, $2, $3, $4, $5, $6)`,
			id, r.County, signet.FormatDate(r.PeriodEnd), r.Raw, r.Valid, s.now()); err != nil {
			return err
		}
		return s.appendOne(ctx, w, signet.EventStateReport, actor, "petition:"+id,
			map[string]any{"county": r.County, "period_end": signet.FormatDate(r.PeriodEnd), "raw": r.Raw, "valid": r.Valid})
	})
}

// StateReports returns a petition's county reports ordered by period end, then county.
func (s *Store) StateReports(ctx context.Context, petition string) ([]signet.StateReport, error) {
	return collect(ctx, s.pool, `SELECT county, period_end, raw, valid FROM state_reports WHERE petition_id = $1 ORDER BY period_end COLLATE "C", county COLLATE "C"`,
		func(rows pgx.Rows) (signet.StateReport, error) {
			var r signet.StateReport
			var end string
			err := rows.Scan(&r.County, &end, &r.Raw, &r.Valid)
			r.PeriodEnd = storecodec.ParseDate(end)
			return r, err
		}, petition)
}
