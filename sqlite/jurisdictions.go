package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/internal/storecodec"
)

// CreateJurisdiction stores a new jurisdiction and its ZIP codes.
func (s *Store) CreateJurisdiction(ctx context.Context, j signet.Jurisdiction, actor string) error {
	return s.tx(ctx, fmt.Sprintf("jurisdiction %q", j.ID), func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM jurisdictions WHERE id = ?`, j.ID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return signet.Errorf(signet.EConflict, "jurisdiction %q already exists", j.ID)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO jurisdictions (id, name, created_at) VALUES (?, ?, ?)`, j.ID, j.Name, s.now()); err != nil {
			return err
		}
		for _, z := range j.ZIPs {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO jurisdiction_zips (jurisdiction_id, zip) VALUES (?, ?)`, j.ID, z); err != nil {
				return err
			}
		}
		return s.appendOne(ctx, tx, signet.EventJurisdiction, actor, "jurisdiction:"+j.ID,
			map[string]any{"id": j.ID, "name": j.Name, "zips": j.ZIPs})
	})
}

// Jurisdiction returns a jurisdiction with its ZIP codes.
func (s *Store) Jurisdiction(ctx context.Context, id string) (signet.Jurisdiction, error) {
	j := signet.Jurisdiction{ID: id}
	err := s.db.QueryRowContext(ctx, `SELECT name FROM jurisdictions WHERE id = ?`, id).Scan(&j.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return j, signet.Errorf(signet.ENotFound, "no jurisdiction %q (create it with: signet jurisdiction create --id %s ...)", id, id)
	}
	if err != nil {
		return j, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT zip FROM jurisdiction_zips WHERE jurisdiction_id = ? ORDER BY zip`, id)
	if err != nil {
		return j, err
	}
	defer rows.Close()
	for rows.Next() {
		var z string
		if err := rows.Scan(&z); err != nil {
			return j, err
		}
		j.ZIPs = append(j.ZIPs, z)
	}
	return j, rows.Err()
}

// Jurisdictions lists every jurisdiction (without ZIP codes), by id.
func (s *Store) Jurisdictions(ctx context.Context) ([]signet.Jurisdiction, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name FROM jurisdictions ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []signet.Jurisdiction
	for rows.Next() {
		var j signet.Jurisdiction
		if err := rows.Scan(&j.ID, &j.Name); err != nil {
			return nil, err
		}
		out = append(out, j)
	}
	return out, rows.Err()
}

// AddReport stores a registration report.
func (s *Store) AddReport(ctx context.Context, r signet.RegistrationReport, actor string) error {
	if _, err := s.Jurisdiction(ctx, r.JurisdictionID); err != nil {
		return err
	}
	return s.tx(ctx, fmt.Sprintf("registration report %q", r.ID), func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM registration_reports WHERE id = ?`, r.ID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return signet.Errorf(signet.EConflict, "registration report %q already exists", r.ID)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO registration_reports (id, jurisdiction_id, date, registered, source) VALUES (?, ?, ?, ?, ?)`,
			r.ID, r.JurisdictionID, dateStr(r.Date), r.Registered, r.Source); err != nil {
			return err
		}
		return s.appendOne(ctx, tx, signet.EventRegistration, actor, "jurisdiction:"+r.JurisdictionID,
			map[string]any{"id": r.ID, "date": dateStr(r.Date), "registered": r.Registered, "source": r.Source})
	})
}

// Report returns a registration report.
func (s *Store) Report(ctx context.Context, id string) (signet.RegistrationReport, error) {
	r := signet.RegistrationReport{ID: id}
	var date string
	err := s.db.QueryRowContext(ctx, `SELECT jurisdiction_id, date, registered, source FROM registration_reports WHERE id = ?`, id).
		Scan(&r.JurisdictionID, &date, &r.Registered, &r.Source)
	if errors.Is(err, sql.ErrNoRows) {
		return r, signet.Errorf(signet.ENotFound, "no registration report %q (add one with: signet registration add)", id)
	}
	r.Date = storecodec.ParseDate(date)
	return r, err
}

// Reports lists the registration reports of a jurisdiction, newest first.
func (s *Store) Reports(ctx context.Context, jurisdiction string) ([]signet.RegistrationReport, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, jurisdiction_id, date, registered, source FROM registration_reports WHERE jurisdiction_id = ? ORDER BY date DESC, id`, jurisdiction)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []signet.RegistrationReport
	for rows.Next() {
		var r signet.RegistrationReport
		var date string
		if err := rows.Scan(&r.ID, &r.JurisdictionID, &date, &r.Registered, &r.Source); err != nil {
			return nil, err
		}
		r.Date = storecodec.ParseDate(date)
		out = append(out, r)
	}
	return out, rows.Err()
}
