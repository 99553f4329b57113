package storecodec

import (
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
// 2 withdrawal requested). The section's circulator is not in the pack: a store reads it
// from its sections.

const linePackStrings = 7

// AddLine appends one line to a pack.
func (w *Pack) AddLine(seq int, l *signet.Line) {
	w.Buf = binary.AppendUvarint(w.Buf, uint64(seq))
	w.Buf = binary.AppendUvarint(w.Buf, uint64(l.Number))
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
	w.Buf = append(w.Buf, flags)
	w.N++
}

// DecodeLines appends the lines of one chunk to dst; their strings point into data.
func DecodeLines(dst []signet.Line, data []byte, petition string) ([]signet.Line, error) {
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
