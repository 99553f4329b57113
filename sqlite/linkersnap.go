package sqlite

import (
	"context"
	"database/sql"
	"fmt"
)

// linkerSnapChunk is the size of a linker snapshot's rows.
const linkerSnapChunk = 16 << 20

// SaveLinkerSnapshot stores a linker's snapshot over roll snapshot importID, replacing an
// earlier one of the same linker and dropping those over the jurisdiction's older roll
// snapshots: a count uses the current roll, and at county scale each is 700 MB. Over a
// roll snapshot that a newer one has replaced since, it stores nothing.
func (s *Store) SaveLinkerSnapshot(ctx context.Context, importID int64, linker string, data []byte) error {
	return s.tx(ctx, fmt.Sprintf("the %s snapshot over roll snapshot %d", linker, importID), func(tx *sql.Tx) error {
		var newer int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM roll_imports WHERE id > ? AND jurisdiction_id =
			(SELECT jurisdiction_id FROM roll_imports WHERE id = ?)`, importID, importID).Scan(&newer); err != nil {
			return err
		}
		if newer > 0 {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM linker_snapshots WHERE linker = ? AND import_id IN (
			SELECT id FROM roll_imports WHERE jurisdiction_id = (SELECT jurisdiction_id FROM roll_imports WHERE id = ?))`, linker, importID); err != nil {
			return err
		}
		for chunk := 0; chunk*linkerSnapChunk < len(data) || chunk == 0; chunk++ {
			part := data[chunk*linkerSnapChunk : min(len(data), (chunk+1)*linkerSnapChunk)]
			if _, err := tx.ExecContext(ctx, `INSERT INTO linker_snapshots (import_id, linker, chunk, data) VALUES (?, ?, ?, ?)`,
				importID, linker, chunk, part); err != nil {
				return fmt.Errorf("store the %s snapshot: %w", linker, err)
			}
		}
		return nil
	})
}

// LinkerSnapshot returns the stored snapshot of a linker over roll snapshot importID, nil
// when there is none.
func (s *Store) LinkerSnapshot(ctx context.Context, importID int64, linker string) ([]byte, error) {
	// One read transaction: its size and its rows as of one moment, whatever an import
	// running beside it replaces.
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	var size sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT sum(length(data)) FROM linker_snapshots WHERE import_id = ? AND linker = ?`, importID, linker).Scan(&size); err != nil {
		return nil, err
	}
	if !size.Valid {
		return nil, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT chunk, data FROM linker_snapshots WHERE import_id = ? AND linker = ? ORDER BY chunk`, importID, linker)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]byte, 0, size.Int64)
	for n := 0; rows.Next(); n++ {
		var chunk int
		var part sql.RawBytes
		if err := rows.Scan(&chunk, &part); err != nil {
			return nil, err
		}
		if chunk != n {
			return nil, fmt.Errorf("read the %s snapshot: chunk %d follows chunk %d", linker, chunk, n-1)
		}
		out = append(out, part...)
	}
	return out, rows.Err()
}
