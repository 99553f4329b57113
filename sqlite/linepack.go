package sqlite

import (
	"context"
	"encoding/binary"
	"fmt"
	"unsafe"

	"github.com/signet-vote/signet"
)

// A line pack is an import's lines in a compact binary form, stored beside the lines table
// in chunks (lines never change once imported): reading 715,833 lines through SQL took
// 4 s of CPU at the start of every full count, the packs a fraction of that. Each line is
// its filing position and line number (uvarints), its 7 text fields (uvarint length,
// bytes: section, printed name, house number, street, unit, city, ZIP), its date signed
// (uvarint days since 1850-01-01, 0 for none) and a byte of flags (1 signature present,
// 2 withdrawal requested). The section's circulator is read from the sections table.

const linePackStrings = 7

// addLine appends one line to a pack.
func (w *packWriter) addLine(seq int, l *signet.Line) {
	w.buf = binary.AppendUvarint(w.buf, uint64(seq))
	w.buf = binary.AppendUvarint(w.buf, uint64(l.Number))
	a := &l.Address
	for _, s := range [linePackStrings]string{l.SectionID, l.PrintedName, a.HouseNumber, a.Street, a.Unit, a.City, a.ZIP} {
		w.str(s)
	}
	w.date(l.DateSigned)
	var flags byte
	if l.SignaturePresent {
		flags |= 1
	}
	if l.WithdrawalRequested {
		flags |= 2
	}
	w.buf = append(w.buf, flags)
	w.n++
}

// decodeLinePack appends the lines of one chunk to dst; their strings point into data.
func decodeLinePack(dst []signet.Line, data []byte, petition string) ([]signet.Line, error) {
	off := 0
	uv := func() (uint64, bool) {
		n, k := binary.Uvarint(data[off:])
		if k <= 0 {
			return 0, false
		}
		off += k
		return n, true
	}
	for off < len(data) {
		start := off
		seq, ok1 := uv()
		num, ok2 := uv()
		if !ok1 || !ok2 {
			return dst, fmt.Errorf("line pack: corrupt at byte %d", start)
		}
		var f [linePackStrings]string
		for i := range f {
			n, ok := uv()
			if !ok || n > uint64(len(data)-off) {
				return dst, fmt.Errorf("line pack: corrupt at byte %d", start)
			}
			if n > 0 {
				f[i] = unsafe.String(&data[off], int(n))
			}
			off += int(n)
		}
		d, ok := uv()
		if !ok || off >= len(data) {
			return dst, fmt.Errorf("line pack: corrupt at byte %d", start)
		}
		flags := data[off]
		off++
		l := signet.Line{PetitionID: petition, Seq: int(seq), Number: int(num), SectionID: f[0], PrintedName: f[1],
			Address:          signet.Address{HouseNumber: f[2], Street: f[3], Unit: f[4], City: f[5], ZIP: f[6]},
			SignaturePresent: flags&1 != 0, WithdrawalRequested: flags&2 != 0}
		if d > 0 {
			l.DateSigned = packDay(d)
		}
		dst = append(dst, l)
	}
	return dst, nil
}

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
		if lines, err = decodeLinePack(lines, data, petition); err != nil {
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
