package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/internal/storecodec"
)

// ImportVoters stores a roll file as a new snapshot of the jurisdiction's roll, whole or not
// at all. The newest snapshot is the jurisdiction's roll from then on.
func (s *Store) ImportVoters(ctx context.Context, jurisdiction string, meta signet.ImportMeta, next signet.VoterSource) (signet.RollImport, error) {
	imp := signet.RollImport{Jurisdiction: jurisdiction, FileName: meta.FileName, SHA256: meta.SHA256}
	if _, err := s.Jurisdiction(ctx, jurisdiction); err != nil {
		return imp, err
	}
	// The import's own foreign key (voters to this snapshot) holds by construction, and
	// its one unique key, the voter id, is checked by the engine before a voter comes here: SQLite can then insert many rows
	// a statement without a statement journal (see bulk.sql), which halved the import.
	err := s.txWithoutForeignKeys(ctx, fmt.Sprintf("%s: the roll of %q", meta.FileName, jurisdiction), func(tx *sql.Tx) error {
		var prior int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM roll_imports WHERE jurisdiction_id = ? AND file_sha256 = ? ORDER BY id DESC LIMIT 1`, jurisdiction, meta.SHA256).Scan(&prior)
		if err == nil && !meta.NewSnapshot {
			return signet.Errorf(signet.EConflict, "%s: this file was already imported for %s (snapshot %d); pass --new-snapshot to import it again as a new snapshot", meta.FileName, jurisdiction, prior)
		}
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		imp.ImportedAt = s.now()
		res, err := tx.ExecContext(ctx, `INSERT INTO roll_imports (jurisdiction_id, file_name, file_sha256, rows, imported_at) VALUES (?, ?, ?, 0, ?)`,
			jurisdiction, meta.FileName, meta.SHA256, imp.ImportedAt)
		if err != nil {
			return err
		}
		if imp.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		byStatus := map[signet.VoterStatus]int{}
		var pack storecodec.Pack
		var digest signet.RowDigest
		chunk := 0
		flushPack := func() error {
			if pack.N == 0 {
				return nil
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO roll_packs (import_id, chunk, voters, data) VALUES (?, ?, ?, ?)`, imp.ID, chunk, pack.N, pack.Buf)
			chunk++
			pack.Reset()
			return err
		}
		ins, err := newBulk(ctx, tx, "voters", []string{"import_id", "voter_id", "first_name", "middle_name", "last_name", "suffix",
			"house_number", "street", "unit", "city", "zip", "registration_date", "status", "cancelled_date", "birth_date",
			"prior_house_number", "prior_street", "prior_unit", "prior_city", "prior_zip", "prior_until"}, nil)
		if err != nil {
			return err
		}
		for {
			if imp.Rows%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			v, line, err := next()
			if err == io.EOF {
				break
			}
			if err != nil {
				return err
			}
			var p signet.PriorAddress
			if len(v.Prior) > 0 {
				p = v.Prior[0]
			}
			r := v.Residence
			if err := ins.add(ctx, line, imp.ID, v.ID, v.FirstName, v.MiddleName, v.LastName, v.Suffix,
				r.HouseNumber, r.Street, r.Unit, r.City, r.ZIP, dateStr(v.RegistrationDate), string(v.Status),
				dateStr(v.CancelledDate), dateStr(v.BirthDate),
				p.HouseNumber, p.Street, p.Unit, p.City, p.ZIP, dateStr(p.Until)); err != nil {
				return voterIDTwice(err, meta.FileName)
			}
			imp.Rows++
			byStatus[v.Status]++
			pack.AddVoter(&v)
			digest.AddVoter(&v)
			if pack.N == storecodec.PackChunk {
				if err := flushPack(); err != nil {
					return err
				}
			}
		}
		if err := flushPack(); err != nil {
			return err
		}
		if err := ins.close(ctx); err != nil {
			return voterIDTwice(err, meta.FileName)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE roll_imports SET rows = ?, active = ?, inactive = ?, cancelled = ? WHERE id = ?`,
			imp.Rows, byStatus[signet.StatusActive], byStatus[signet.StatusInactive], byStatus[signet.StatusCancelled], imp.ID); err != nil {
			return err
		}
		return s.appendOne(ctx, tx, signet.EventRollImport, meta.Actor, "jurisdiction:"+jurisdiction,
			map[string]any{"import_id": imp.ID, "file": meta.FileName, "sha256": meta.SHA256, "rows": imp.Rows, "rows_sha256": digest.Sums()})
	})
	return imp, err
}

// voterIDTwice says what the voters' key refusing a row of a new snapshot means: the file
// has a voter id twice (the engine names its lines before a roll comes here).
func voterIDTwice(err error, fileName string) error {
	if isUniqueViolation(err) {
		return signet.Errorf(signet.EInvalid, "%s: a voter id appears more than once in the file", fileName)
	}
	return err
}

// CurrentRoll returns the newest roll snapshot of a jurisdiction.
func (s *Store) CurrentRoll(ctx context.Context, jurisdiction string) (signet.RollImport, error) {
	imp := signet.RollImport{Jurisdiction: jurisdiction}
	err := s.db.QueryRowContext(ctx, `SELECT id, file_name, file_sha256, rows, imported_at FROM roll_imports WHERE jurisdiction_id = ? ORDER BY id DESC LIMIT 1`, jurisdiction).
		Scan(&imp.ID, &imp.FileName, &imp.SHA256, &imp.Rows, &imp.ImportedAt)
	if errors.Is(err, sql.ErrNoRows) {
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
	err = s.db.QueryRowContext(ctx, `SELECT rows, active, inactive, cancelled FROM roll_imports WHERE id = ?`, imp.ID).
		Scan(&st.Voters, &st.Active, &st.Inactive, &st.Cancelled)
	st.Registered = st.Active + st.Inactive
	return st, err
}

// OpenRoll reads roll snapshot imp from its packs, without decoding it: a
// *storecodec.PackedRoll.
func (s *Store) OpenRoll(ctx context.Context, imp signet.RollImport) (signet.Roll, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT chunk, voters, data FROM roll_packs WHERE import_id = ? ORDER BY chunk`, imp.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return storecodec.ReadRoll(rows, imp)
}

// EachVoterRow calls fn for every voter of a roll snapshot as the voters table keeps it (not
// the packs OpenRoll reads), in no particular order; the voter is reused.
func (s *Store) EachVoterRow(ctx context.Context, importID int64, fn func(*signet.Voter) error) error {
	// Read in the table's order, not the key's: through the key, every row was a seek
	// (130 s of 177 for the 5.67 million voters of a Los Angeles roll).
	rows, err := s.db.QueryContext(ctx, `SELECT `+storecodec.VoterRowColumns+` FROM voters NOT INDEXED WHERE import_id = ?`, importID)
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
		rows, err := s.db.QueryContext(ctx, `SELECT `+storecodec.VoterRowColumns+` FROM voters WHERE import_id = ? AND voter_id = ?`, importID, id)
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
