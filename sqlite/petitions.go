package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/internal/storecodec"
)

// CreatePetition stores a new petition.
func (s *Store) CreatePetition(ctx context.Context, p signet.Petition, actor string) error {
	return s.tx(ctx, fmt.Sprintf("petition %q", p.ID), func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO petitions (id, kind, jurisdiction_id, rules, report_id, registered, required, approved, deadline, cutoff, duplicates, settings, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			p.ID, string(p.Kind), p.JurisdictionID, p.Rules, nullString(p.ReportID), p.Registered, p.Required,
			dateStr(p.Approved), dateStr(p.Deadline), string(p.Cutoff), string(p.Duplicates), strings.Join(p.Settings, "\n"), s.now())
		if isUniqueViolation(err) {
			return signet.Errorf(signet.EConflict, "petition %q already exists", p.ID)
		}
		if err != nil {
			return err
		}
		for _, c := range sortedCounties(p.CountyVotes) {
			if _, err := tx.ExecContext(ctx, `INSERT INTO petition_county_votes (petition_id, county, last_vote) VALUES (?, ?, ?)`, p.ID, c, p.CountyVotes[c]); err != nil {
				return err
			}
		}
		return s.appendOne(ctx, tx, signet.EventPetition, actor, "petition:"+p.ID, map[string]any{"county_votes": len(p.CountyVotes),
			"id": p.ID, "kind": p.Kind, "jurisdiction": p.JurisdictionID, "rules": p.Rules, "report": p.ReportID,
			"registered": p.Registered, "required": p.Required, "approved": dateStr(p.Approved),
			"deadline": dateStr(p.Deadline), "cutoff": p.Cutoff, "duplicates": p.Duplicates, "settings": p.Settings})
	})
}

// Petition returns a petition.
func (s *Store) Petition(ctx context.Context, id string) (signet.Petition, error) {
	return s.petition(ctx, s.db, id)
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func (s *Store) petition(ctx context.Context, q queryer, id string) (signet.Petition, error) {
	p := signet.Petition{ID: id}
	var kind, approved, deadline, filed, cutoff, dups, settings string
	var report sql.NullString
	err := q.QueryRowContext(ctx, `SELECT kind, jurisdiction_id, rules, report_id, registered, required, approved, deadline, filed, raw, cutoff, duplicates, settings FROM petitions WHERE id = ?`, id).
		Scan(&kind, &p.JurisdictionID, &p.Rules, &report, &p.Registered, &p.Required, &approved, &deadline, &filed, &p.Raw, &cutoff, &dups, &settings)
	if settings != "" {
		p.Settings = strings.Split(settings, "\n")
	}
	p.ReportID = report.String
	if errors.Is(err, sql.ErrNoRows) {
		return p, signet.Errorf(signet.ENotFound, "no petition %q", id)
	}
	p.Kind, p.Cutoff, p.Duplicates = signet.PetitionKind(kind), signet.Cutoff(cutoff), signet.DuplicatePolicy(dups)
	p.Approved, p.Deadline, p.Filed = storecodec.ParseDate(approved), storecodec.ParseDate(deadline), storecodec.ParseDate(filed)
	return p, err
}

// Petitions lists every petition, by id.
func (s *Store) Petitions(ctx context.Context) ([]signet.Petition, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM petitions ORDER BY id`)
	if err != nil {
		return nil, err
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
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
	err := s.tx(ctx, fmt.Sprintf("the filing of petition %q", id), func(tx *sql.Tx) error {
		cur, err := s.petition(ctx, tx, id)
		if err != nil {
			return err
		}
		if !cur.Filed.IsZero() {
			return signet.Errorf(signet.EConflict, "petition %q was already filed on %s with %d lines", id, dateStr(cur.Filed), cur.Raw)
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM lines WHERE petition_id = ?`, id).Scan(&n); err != nil {
			return err
		}
		if n != lines {
			return signet.Errorf(signet.EConflict, "petition %q has %d lines, not %d: lines were imported while it was being filed", id, n, lines)
		}
		cur.Filed, cur.Raw = filed, raw
		if _, err := tx.ExecContext(ctx, `UPDATE petitions SET filed = ?, raw = ? WHERE id = ?`, dateStr(cur.Filed), cur.Raw, id); err != nil {
			return err
		}
		p = cur
		return s.appendOne(ctx, tx, signet.EventFiling, actor, "petition:"+id, map[string]any{"filed": dateStr(cur.Filed), "raw": raw})
	})
	return p, err
}
