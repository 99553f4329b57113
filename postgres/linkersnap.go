package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// linkerSnapChunk is the size of a linker snapshot's rows.
const linkerSnapChunk = 16 << 20

// SaveLinkerSnapshot stores a linker's snapshot over roll snapshot importID, replacing an
// earlier one of the same linker and dropping those over the jurisdiction's older roll
// snapshots. Over a roll snapshot that a newer one has replaced since, it stores nothing.
func (s *Store) SaveLinkerSnapshot(ctx context.Context, importID int64, linker string, data []byte) error {
	return s.tx(ctx, fmt.Sprintf("the %s snapshot over roll snapshot %d", linker, importID), func(w *writeTx) error {
		var newer int
		if err := w.QueryRow(ctx, `SELECT count(*) FROM roll_imports WHERE id > $1 AND jurisdiction_id =
			(SELECT jurisdiction_id FROM roll_imports WHERE id = $1)`, importID).Scan(&newer); err != nil {
			return err
		}
		if newer > 0 {
			return nil
		}
		if _, err := w.Exec(ctx, `DELETE FROM linker_snapshots WHERE linker = $1 AND import_id IN (
			SELECT id FROM roll_imports WHERE jurisdiction_id = (SELECT jurisdiction_id FROM roll_imports WHERE id = $2))`, linker, importID); err != nil {
			return err
		}
		chunk := 0
		src := pgx.CopyFromFunc(func() ([]any, error) {
			// One row at least, as the embedded store keeps: an empty snapshot is one too.
			if chunk > 0 && chunk*linkerSnapChunk >= len(data) {
				return nil, nil
			}
			part := data[chunk*linkerSnapChunk : min(len(data), (chunk+1)*linkerSnapChunk)]
			chunk++
			return []any{importID, linker, chunk - 1, part}, nil
		})
		if _, err := w.CopyFrom(ctx, pgx.Identifier{"linker_snapshots"}, []string{"import_id", "linker", "chunk", "data"}, src); err != nil {
			return fmt.Errorf("store the %s snapshot: %w", linker, err)
		}
		return nil
	})
}

// LinkerSnapshot returns the stored snapshot of a linker over roll snapshot importID, nil
// when there is none.
func (s *Store) LinkerSnapshot(ctx context.Context, importID int64, linker string) ([]byte, error) {
	var out []byte
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		var size *int64
		if err := tx.QueryRow(ctx, `SELECT sum(length(data)) FROM linker_snapshots WHERE import_id = $1 AND linker = $2`, importID, linker).Scan(&size); err != nil {
			return err
		}
		if size == nil {
			return nil
		}
		rows, err := tx.Query(ctx, `SELECT chunk, data FROM linker_snapshots WHERE import_id = $1 AND linker = $2 ORDER BY chunk`, importID, linker)
		if err != nil {
			return err
		}
		defer rows.Close()
		out = make([]byte, 0, *size)
		for n := 0; rows.Next(); n++ {
			var chunk int
			var part []byte
			if err := rows.Scan(&chunk, &part); err != nil {
				return err
			}
			if chunk != n {
				return fmt.Errorf("read the %s snapshot: chunk %d follows chunk %d", linker, chunk, n-1)
			}
			out = append(out, part...)
		}
		return rows.Err()
	})
	return out, err
}
