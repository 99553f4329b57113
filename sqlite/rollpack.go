package sqlite

import (
	"encoding/binary"
	"fmt"
	"math"
	"time"
	"unsafe"

	"github.com/signet-vote/signet"
)

// A roll pack is a snapshot's voters in a compact binary form, stored beside the voters
// table in chunks so that verification can load millions of voters in seconds: the table
// is the queryable record, the pack is the fast path to all of it at once. Each voter is
// its 18 text fields (uvarint length, bytes) and 4 dates (uvarint days since 1850-01-01,
// 0 for none), in packFields order.

// packChunk is how many voters one pack row holds.
const packChunk = 1 << 15

var packEpoch = time.Date(1850, 1, 1, 0, 0, 0, 0, time.UTC)

type packWriter struct {
	buf []byte
	n   int
}

func (w *packWriter) str(s string) {
	w.buf = binary.AppendUvarint(w.buf, uint64(len(s)))
	w.buf = append(w.buf, s...)
}

func (w *packWriter) date(t time.Time) {
	var d uint64
	if !t.IsZero() {
		d = uint64((t.Unix()-packEpoch.Unix())/86400) + 1
	}
	w.buf = binary.AppendUvarint(w.buf, d)
}

// add appends one voter.
func (w *packWriter) add(v *signet.Voter) {
	var p signet.PriorAddress
	if len(v.Prior) > 0 {
		p = v.Prior[0]
	}
	r := &v.Residence
	for _, s := range [...]string{v.ID, v.FirstName, v.MiddleName, v.LastName, v.Suffix,
		r.HouseNumber, r.Street, r.Unit, r.City, r.ZIP, string(v.Status),
		p.HouseNumber, p.Street, p.Unit, p.City, p.ZIP} {
		w.str(s)
	}
	w.date(v.RegistrationDate)
	w.date(v.CancelledDate)
	w.date(v.BirthDate)
	w.date(p.Until)
	w.n++
}

// A packed voter is packStrings strings (each a uvarint length and the bytes) and packDates dates.
const (
	packStrings = 16
	packDates   = 4
)

// packOffsets appends the byte offset of every voter of a chunk to offs, checking that
// every field lies within data, so that readPacked need not check again.
func packOffsets(offs []uint32, data []byte) ([]uint32, error) {
	if uint64(len(data)) > math.MaxUint32 {
		return offs, fmt.Errorf("roll pack: a chunk of %d bytes is too large", len(data))
	}
	off := 0
	for off < len(data) {
		offs = append(offs, uint32(off))
		for f := 0; f < packStrings+packDates; f++ {
			n, k := binary.Uvarint(data[off:])
			if k <= 0 {
				return offs, fmt.Errorf("roll pack: corrupt at byte %d", off)
			}
			off += k
			if f < packStrings {
				if n > uint64(len(data)-off) {
					return offs, fmt.Errorf("roll pack: corrupt at byte %d", off)
				}
				off += int(n)
			}
		}
	}
	return offs, nil
}

// packEpochUnix is packEpoch in Unix seconds.
var packEpochUnix = packEpoch.Unix()

// packDay is the date a pack writes as d (packWriter.date; d > 0): packEpochUnix + (d-1)
// days, which in UTC is what packEpoch.AddDate(0, 0, d-1) gives without the calendar
// arithmetic.
func packDay(d uint64) time.Time {
	return time.Unix(packEpochUnix+int64(d-1)*86400, 0).UTC()
}

// readPacked decodes the voter at off of a chunk packOffsets has checked. v.Prior's backing
// array is reused.
func readPacked(data []byte, off int, v *signet.Voter) {
	var f [packStrings]string
	for i := range f {
		n, k := binary.Uvarint(data[off:])
		off += k
		if n > 0 {
			f[i] = unsafe.String(&data[off], int(n))
		}
		off += int(n)
	}
	var d [packDates]time.Time
	for i := range d {
		n, k := binary.Uvarint(data[off:])
		off += k
		if n > 0 {
			d[i] = packDay(n)
		}
	}
	prior := v.Prior[:0]
	*v = signet.Voter{ID: f[0], FirstName: f[1], MiddleName: f[2], LastName: f[3], Suffix: f[4],
		Residence:        signet.Address{HouseNumber: f[5], Street: f[6], Unit: f[7], City: f[8], ZIP: f[9]},
		Status:           signet.VoterStatus(f[10]),
		RegistrationDate: d[0], CancelledDate: d[1], BirthDate: d[2]}
	if f[11] != "" || f[12] != "" {
		v.Prior = append(prior, signet.PriorAddress{Address: signet.Address{HouseNumber: f[11], Street: f[12], Unit: f[13], City: f[14], ZIP: f[15]}, Until: d[3]})
	}
}

// packedID decodes just the id of the voter at off.
func packedID(data []byte, off int) string {
	n, k := binary.Uvarint(data[off:])
	if n == 0 {
		return ""
	}
	return unsafe.String(&data[off+k], int(n))
}

// PackedRoll is a roll snapshot served from its packs (it implements match.Roll): the
// packs' bytes and each voter's offset, about 100 bytes a voter, where []signet.Voter
// takes about 400. A voter is decoded when it is read.
type PackedRoll struct {
	chunks [][]byte
	offs   []uint32 // voter i starts at offs[i] in chunks[i/packChunk]
}

// Len is the number of voters.
func (r *PackedRoll) Len() int { return len(r.offs) }

// Read fills v with voter i; its strings point into the roll's packs.
func (r *PackedRoll) Read(i int, v *signet.Voter) {
	readPacked(r.chunks[i/packChunk], int(r.offs[i]), v)
}

// ID is voter i's id.
func (r *PackedRoll) ID(i int) string { return packedID(r.chunks[i/packChunk], int(r.offs[i])) }
