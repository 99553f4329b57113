package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/internal/storecodec"
)

var voterColumns = []string{"import_id", "voter_id", "first_name", "middle_name", "last_name", "suffix",
	"house_number", "street", "unit", "city", "zip", "registration_date", "status", "cancelled_date", "birth_date",
	"prior_house_number", "prior_street", "prior_unit", "prior_city", "prior_zip", "prior_until"}

// ImportVoters stores a roll file as a new snapshot of the jurisdiction's roll, whole or not
// at all: its voters stream through COPY, its packs through a spool file after them, in one
// transaction. The newest snapshot is the jurisdiction's roll from then on.
func (s *Store) ImportVoters(ctx context.Context, jurisdiction string, meta signet.ImportMeta, next signet.VoterSource) (signet.RollImport, error) {
	imp := signet.RollImport{Jurisdiction: jurisdiction, FileName: meta.FileName, SHA256: meta.SHA256}
	if _, err := s.Jurisdiction(ctx, jurisdiction); err != nil {
		return imp, err
	}
	sp, err := newSpool()
	if err != nil {
		return imp, err
	}
	defer sp.close()
	err = s.txOnce(ctx, fmt.Sprintf("%s: the roll of %q", meta.FileName, jurisdiction), func(w *writeTx) error {
		var prior int64
		err := w.QueryRow(ctx, `SELECT id FROM roll_imports WHERE jurisdiction_id = $1 AND file_sha256 = $2 ORDER BY id DESC LIMIT 1`, jurisdiction, meta.SHA256).Scan(&prior)
		if err == nil && !meta.NewSnapshot {
			return signet.Errorf(signet.EConflict, "%s: this file was already imported for %s (snapshot %d); pass --new-snapshot to import it again as a new snapshot", meta.FileName, jurisdiction, prior)
		}
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		imp.ImportedAt = s.now()
		if err := w.QueryRow(ctx, `INSERT INTO roll_imports (id, jurisdiction_id, file_name, file_sha256, rows, imported_at)
			SELECT coalesce(max(id), 0) + 1, $1, $2, $3, 0, $4 FROM roll_imports RETURNING id`,
			jurisdiction, meta.FileName, meta.SHA256, imp.ImportedAt).Scan(&imp.ID); err != nil {
			return err
		}
		byStatus := map[signet.VoterStatus]int{}
		var digest signet.RowDigest
		var err2 error
		imp.Rows, err2 = copySource(ctx, w, "voters", voterColumns, next, func(v *signet.Voter, row []any) ([]any, error) {
			var p signet.PriorAddress
			if len(v.Prior) > 0 {
				p = v.Prior[0]
			}
			r := v.Residence
			row = append(row, imp.ID, v.ID, v.FirstName, v.MiddleName, v.LastName, v.Suffix,
				r.HouseNumber, r.Street, r.Unit, r.City, r.ZIP, signet.FormatDate(v.RegistrationDate), string(v.Status),
				signet.FormatDate(v.CancelledDate), signet.FormatDate(v.BirthDate),
				p.HouseNumber, p.Street, p.Unit, p.City, p.ZIP, signet.FormatDate(p.Until))
			byStatus[v.Status]++
			sp.pack.AddVoter(v)
			digest.AddVoter(v)
			return row, sp.added()
		})
		// The engine names the lines of a voter id the file repeats; this is the backstop
		// (said as the embedded store says it).
		if isUniqueViolation(err2) {
			return signet.Errorf(signet.EInvalid, "%s: a voter id appears more than once in the file", meta.FileName)
		}
		if err2 != nil {
			return err2
		}
		packs, err := sp.rows(func(chunk, n int, data []byte) []any { return []any{imp.ID, chunk, n, data} })
		if err != nil {
			return err
		}
		if _, err := w.CopyFrom(ctx, pgx.Identifier{"roll_packs"}, []string{"import_id", "chunk", "voters", "data"}, packs); err != nil {
			return fmt.Errorf("store the roll's packs: %w", err)
		}
		if _, err := w.Exec(ctx, `UPDATE roll_imports SET rows = $1, active = $2, inactive = $3, cancelled = $4 WHERE id = $5`,
			imp.Rows, byStatus[signet.StatusActive], byStatus[signet.StatusInactive], byStatus[signet.StatusCancelled], imp.ID); err != nil {
			return err
		}
		return s.appendOne(ctx, w, signet.EventRollImport, meta.Actor, "jurisdiction:"+jurisdiction,
			map[string]any{"import_id": imp.ID, "file": meta.FileName, "sha256": meta.SHA256, "rows": imp.Rows, "rows_sha256": digest.Sums()})
	})
	return imp, s.lostError(err, "importing "+meta.FileName)
}

// CurrentRoll returns the newest roll snapshot of a jurisdiction.
func (s *Store) CurrentRoll(ctx context.Context, jurisdiction string) (signet.RollImport, error) {
	imp := signet.RollImport{Jurisdiction: jurisdiction}
	err := s.pool.QueryRow(ctx, `SELECT id, file_name, file_sha256, rows, imported_at FROM roll_imports WHERE jurisdiction_id = $1 ORDER BY id DESC LIMIT 1`, jurisdiction).
		Scan(&imp.ID, &imp.FileName, &imp.SHA256, &imp.Rows, &imp.ImportedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return imp, signet.Errorf(signet.ENotFound, "jurisdiction %q has no voter roll yet", jurisdiction)
	}
	return imp, err
}

// VoterStats counts the current roll of a jurisdiction; a jurisdiction without a roll has zero voters.
func (s *Store) VoterStats(ctx context.Context, jurisdiction string) (signet.VoterStats, error) {
	var st signet.VoterStats
	if _, err := s.Jurisdiction(ctx, jurisdiction); err != nil {
		return st, err
	}
	imp, err := s.CurrentRoll(ctx, jurisdiction)
	if signet.Code(err) == signet.ENotFound {
		return st, nil
	}
	if err != nil {
		return st, err
	}
	st.Snapshot = imp.ID
	err = s.pool.QueryRow(ctx, `SELECT rows, active, inactive, cancelled FROM roll_imports WHERE id = $1`, imp.ID).
		Scan(&st.Voters, &st.Active, &st.Inactive, &st.Cancelled)
	st.Registered = st.Active + st.Inactive
	return st, err
}

// OpenRoll reads roll snapshot imp from its packs, without decoding it: a
// *storecodec.PackedRoll.
func (s *Store) OpenRoll(ctx context.Context, imp signet.RollImport) (signet.Roll, error) {
	rows, err := s.pool.Query(ctx, `SELECT chunk, voters, data FROM roll_packs WHERE import_id = $1 ORDER BY chunk`, imp.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return storecodec.ReadRoll(rows, imp)
}

// EachVoterRow calls fn for every voter of a roll snapshot as the voters table keeps it (not
// the packs OpenRoll reads), in no particular order; the voter is reused.
func (s *Store) EachVoterRow(ctx context.Context, importID int64, fn func(*signet.Voter) error) error {
	rows, err := s.pool.Query(ctx, `SELECT `+storecodec.VoterRowColumns+` FROM voters WHERE import_id = $1`, importID)
	if err != nil {
		return err
	}
	defer rows.Close()
	return storecodec.EachVoterRow(rows, fn)
}

// Voters reads the voters of a snapshot with the given ids, one lookup by the table's key
// each (a line has a handful of candidates), in the order of ids.
func (s *Store) Voters(ctx context.Context, importID int64, ids []string) ([]signet.Voter, error) {
	out := make([]signet.Voter, 0, len(ids))
	for _, id := range ids {
		rows, err := s.pool.Query(ctx, `SELECT `+storecodec.VoterRowColumns+` FROM voters WHERE import_id = $1 AND voter_id = $2`, importID, id)
		if err != nil {
			return nil, err
		}
		err = storecodec.EachVoterRow(rows, func(v *signet.Voter) error {
			out = append(out, v.Clone())
			return nil
		})
		rows.Close()
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
