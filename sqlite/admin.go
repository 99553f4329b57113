package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/internal/storecodec"
)

// The reads and the one write the admin's pages need: a jurisdiction's roll snapshots, the
// audit log a page at a time from its end, and a password changed.

// RollImports lists a jurisdiction's roll snapshots, oldest first.
func (s *Store) RollImports(ctx context.Context, jurisdiction string) ([]signet.RollImport, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, file_name, file_sha256, rows, imported_at FROM roll_imports WHERE jurisdiction_id = ? ORDER BY id`, jurisdiction)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []signet.RollImport
	for rows.Next() {
		imp := signet.RollImport{Jurisdiction: jurisdiction}
		if err := rows.Scan(&imp.ID, &imp.FileName, &imp.SHA256, &imp.Rows, &imp.ImportedAt); err != nil {
			return nil, err
		}
		out = append(out, imp)
	}
	return out, rows.Err()
}

// RecentEvents lists the events before a sequence number (before <= 0: all), newest first,
// at most limit.
func (s *Store) RecentEvents(ctx context.Context, before int64, limit int) ([]signet.Event, error) {
	if limit <= 0 {
		return nil, nil
	}
	q := `SELECT seq, at, kind, actor, subject, payload, prev_hash, hash FROM events`
	var args []any
	if before > 0 {
		q += ` WHERE seq < ?`
		args = append(args, before)
	}
	q += ` ORDER BY seq DESC LIMIT ` + strconv.Itoa(limit)
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return storecodec.Events(rows)
}

// SetUserPassword replaces a user's password hash and ends their other sessions, with its
// event.
func (s *Store) SetUserPassword(ctx context.Context, name, hash, keepSession, actor string) (int, error) {
	var ended int64
	err := s.tx(ctx, fmt.Sprintf("user %q", name), func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = ? WHERE name = ?`, hash, name)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return noUser(name)
		}
		res, err = tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_name = ? AND token_hash <> ?`, name, keepSession)
		if err != nil {
			return err
		}
		if ended, err = res.RowsAffected(); err != nil {
			return err
		}
		kind, payload := storecodec.UserPasswordSet(name, int(ended))
		return s.appendOne(ctx, tx, kind, actor, storecodec.UserSubject(name), payload)
	})
	if err != nil {
		ended = 0
	}
	return int(ended), err
}
