package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/internal/storecodec"
)

// CreateJurisdiction stores a new jurisdiction and its ZIP codes.
func (s *Store) CreateJurisdiction(ctx context.Context, j signet.Jurisdiction, actor string) error {
	return s.tx(ctx, fmt.Sprintf("jurisdiction %q", j.ID), func(w *writeTx) error {
		var n int
		if err := w.QueryRow(ctx, `SELECT count(*) FROM jurisdictions WHERE id = $1`, j.ID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return signet.Errorf(signet.EConflict, "jurisdiction %q already exists", j.ID)
		}
		if _, err := w.Exec(ctx, `INSERT INTO jurisdictions (id, name, created_at) VALUES ($1, $2, $3)`, j.ID, j.Name, s.now()); err != nil {
			return err
		}
		if _, err := w.Exec(ctx, `INSERT INTO jurisdiction_zips (jurisdiction_id, zip) SELECT $1, z FROM unnest($2::text[]) AS z ON CONFLICT DO NOTHING`,
			j.ID, j.ZIPs); err != nil {
			return err
		}
		return s.appendOne(ctx, w, signet.EventJurisdiction, actor, "jurisdiction:"+j.ID,
			map[string]any{"id": j.ID, "name": j.Name, "zips": j.ZIPs})
	})
}

// Jurisdiction returns a jurisdiction with its ZIP codes.
func (s *Store) Jurisdiction(ctx context.Context, id string) (signet.Jurisdiction, error) {
	j := signet.Jurisdiction{ID: id}
	err := s.pool.QueryRow(ctx, `SELECT name FROM jurisdictions WHERE id = $1`, id).Scan(&j.Name)
	if errors.Is(err, pgx.ErrNoRows) {
		return j, signet.Errorf(signet.ENotFound, "no jurisdiction %q (create it with: signet jurisdiction create --id %s ...)", id, id)
	}
	if err != nil {
		return j, err
	}
	j.ZIPs, err = collect(ctx, s.pool, `SELECT zip FROM jurisdiction_zips WHERE jurisdiction_id = $1 ORDER BY zip COLLATE "C"`,
		func(r pgx.Rows) (string, error) {
			var z string
			return z, r.Scan(&z)
		}, id)
	return j, err
}

// Jurisdictions lists every jurisdiction (without ZIP codes), by id.
func (s *Store) Jurisdictions(ctx context.Context) ([]signet.Jurisdiction, error) {
	return collect(ctx, s.pool, `SELECT id, name FROM jurisdictions ORDER BY id COLLATE "C"`, func(r pgx.Rows) (signet.Jurisdiction, error) {
		var j signet.Jurisdiction
		return j, r.Scan(&j.ID, &j.Name)
	})
}

// AddReport stores a registration report.
func (s *Store) AddReport(ctx context.Context, r signet.RegistrationReport, actor string) error {
	if _, err := s.Jurisdiction(ctx, r.JurisdictionID); err != nil {
		return err
	}
	return s.tx(ctx, fmt.Sprintf("registration report %q", r.ID), func(w *writeTx) error {
		var n int
		if err := w.QueryRow(ctx, `SELECT count(*) FROM registration_reports WHERE id = $1`, r.ID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return signet.Errorf(signet.EConflict, "registration report %q already exists", r.ID)
		}
		if _, err := w.Exec(ctx, `INSERT INTO registration_reports (id, jurisdiction_id, date, registered, source) VALUES ($1, $2, $3, $4, $5)`,
			r.ID, r.JurisdictionID, signet.FormatDate(r.Date), r.Registered, r.Source); err != nil {
			return err
		}
		return s.appendOne(ctx, w, signet.EventRegistration, actor, "jurisdiction:"+r.JurisdictionID,
			map[string]any{"id": r.ID, "date": signet.FormatDate(r.Date), "registered": r.Registered, "source": r.Source})
	})
}

// Report returns a registration report.
func (s *Store) Report(ctx context.Context, id string) (signet.RegistrationReport, error) {
	r := signet.RegistrationReport{ID: id}
	var date string
	err := s.pool.QueryRow(ctx, `SELECT jurisdiction_id, date, registered, source FROM registration_reports WHERE id = $1`, id).
		Scan(&r.JurisdictionID, &date, &r.Registered, &r.Source)
	if errors.Is(err, pgx.ErrNoRows) {
		return r, signet.Errorf(signet.ENotFound, "no registration report %q (add one with: signet registration add)", id)
	}
	r.Date = storecodec.ParseDate(date)
	return r, err
}

// Reports lists the registration reports of a jurisdiction, newest first.
func (s *Store) Reports(ctx context.Context, jurisdiction string) ([]signet.RegistrationReport, error) {
	return collect(ctx, s.pool, `SELECT id, jurisdiction_id, date, registered, source FROM registration_reports WHERE jurisdiction_id = $1 ORDER BY date COLLATE "C" DESC, id COLLATE "C"`,
		func(rows pgx.Rows) (signet.RegistrationReport, error) {
			var r signet.RegistrationReport
			var date string
			err := rows.Scan(&r.ID, &r.JurisdictionID, &date, &r.Registered, &r.Source)
			r.Date = storecodec.ParseDate(date)
			return r, err
		}, jurisdiction)
}

// querier is what reads need of a pool or a transaction.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// collect runs a query and converts each row with scan.
func collect[T any](ctx context.Context, q querier, query string, scan func(pgx.Rows) (T, error), args ...any) ([]T, error) {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
