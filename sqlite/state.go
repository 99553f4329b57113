package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"sort"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/internal/storecodec"
)

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func sortedCounties(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for c := range m {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// CountyVotes returns the last vote for the office in each county of a state-officer recall.
func (s *Store) CountyVotes(ctx context.Context, petition string) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT county, last_vote FROM petition_county_votes WHERE petition_id = ?`, petition)
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
func (s *Store) AddStateReport(ctx context.Context, petition string, r signet.StateReport, actor string) error {
	return s.tx(ctx, fmt.Sprintf("%s's report for the period ending %s of petition %q", r.County, dateStr(r.PeriodEnd), petition), func(tx *sql.Tx) error {
		if _, err := s.petition(ctx, tx, petition); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO state_reports (petition_id, county, period_end, raw, valid, reported_at) VALUES (?, ?, ?, ?, ?, ?)`,
			petition, r.County, dateStr(r.PeriodEnd), r.Raw, r.Valid, s.now()); err != nil {
			if isUniqueViolation(err) {
				return signet.Errorf(signet.EConflict, "%s already reported for the period ending %s", r.County, dateStr(r.PeriodEnd))
			}
			return err
		}
		return s.appendOne(ctx, tx, signet.EventStateReport, actor, "petition:"+petition,
			map[string]any{"county": r.County, "period_end": dateStr(r.PeriodEnd), "raw": r.Raw, "valid": r.Valid})
	})
}

// StateReports returns a petition's county reports ordered by period end, then county.
func (s *Store) StateReports(ctx context.Context, petition string) ([]signet.StateReport, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT county, period_end, raw, valid FROM state_reports WHERE petition_id = ? ORDER BY period_end, county`, petition)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []signet.StateReport
	for rows.Next() {
		var r signet.StateReport
		var end string
		if err := rows.Scan(&r.County, &end, &r.Raw, &r.Valid); err != nil {
			return nil, err
		}
		r.PeriodEnd = storecodec.ParseDate(end)
		out = append(out, r)
	}
	return out, rows.Err()
}
