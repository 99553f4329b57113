package sqlite

import (
	"context"
	"fmt"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/internal/storecodec"
)

// packedLines reads every line of a petition from its packs, in filing order, or says it
// cannot (ok false) when the packs do not hold them all (lines imported before there were
// packs): the caller reads the lines table instead.
func (s *Store) packedLines(ctx context.Context, petition string, n int) (lines []signet.Line, ok bool, err error) {
	var packed int
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(sum(lines), 0) FROM line_packs WHERE petition_id = ?`, petition).Scan(&packed); err != nil || packed != n {
		return nil, false, err
	}
	circulators, err := sectionCirculators(ctx, s.db, petition)
	if err != nil {
		return nil, false, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT import_id, chunk, lines, data FROM line_packs WHERE petition_id = ? ORDER BY import_id, chunk`, petition)
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	lines = make([]signet.Line, 0, n)
	for rows.Next() {
		var imp, chunk int64
		var count int
		var data []byte
		if err := rows.Scan(&imp, &chunk, &count, &data); err != nil {
			return nil, false, err
		}
		before := len(lines)
		if lines, err = storecodec.DecodeLines(lines, data, petition); err != nil {
			return nil, false, fmt.Errorf("read the lines: import %d, pack %d: %w", imp, chunk, err)
		}
		if got := len(lines) - before; got != count {
			return nil, false, fmt.Errorf("read the lines: import %d, pack %d holds %d lines, says %d", imp, chunk, got, count)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	for i := range lines {
		l := &lines[i]
		l.Circulator = circulators[l.SectionID]
		if i > 0 && l.Seq <= lines[i-1].Seq {
			return nil, false, fmt.Errorf("read the lines: line %d follows line %d in the packs", l.Seq, lines[i-1].Seq)
		}
	}
	return lines, true, nil
}
