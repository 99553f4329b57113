package storecodec

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

// PackChunk is how many voters one pack row holds.
const PackChunk = 1 << 15

var packEpoch = time.Date(1850, 1, 1, 0, 0, 0, 0, time.UTC)

// Pack is a chunk of packed voters or lines being written: its bytes and how many.
type Pack struct {
	Buf []byte
	N   int
}

func (w *Pack) str(s string) {
	w.Buf = binary.AppendUvarint(w.Buf, uint64(len(s)))
	w.Buf = append(w.Buf, s...)
}

func (w *Pack) date(t time.Time) {
	var d uint64
	if !t.IsZero() {
		d = uint64((t.Unix()-packEpoch.Unix())/86400) + 1
	}
	w.Buf = binary.AppendUvarint(w.Buf, d)
}

// Reset empties the pack for the next chunk.
func (w *Pack) Reset() { w.Buf, w.N = w.Buf[:0], 0 }

// AddVoter appends one voter.
func (w *Pack) AddVoter(v *signet.Voter) {
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
	w.N++
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

// packDay is the date a pack writes as d (Pack.date; d > 0): packEpochUnix + (d-1)
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
	offs   []uint32 // voter i starts at offs[i] in chunks[i/PackChunk]
}

// NewPackedRoll makes an empty roll with room for n voters.
func NewPackedRoll(n int) *PackedRoll { return &PackedRoll{offs: make([]uint32, 0, n)} }

// AddChunk appends a stored chunk of n voters, the next in order (numbered from 0),
// checking every field of it; data must not change afterwards. Every chunk but the last
// holds PackChunk voters.
func (r *PackedRoll) AddChunk(chunk, n int, data []byte) error {
	// Voter i is found in chunk i/PackChunk: every chunk but the last is full.
	if chunk != len(r.chunks) || len(r.offs)%PackChunk != 0 {
		return fmt.Errorf("pack %d follows a pack of %d voters", chunk, len(r.offs)%PackChunk)
	}
	before := len(r.offs)
	var err error
	if r.offs, err = packOffsets(r.offs, data); err != nil {
		r.offs = r.offs[:before]
		return fmt.Errorf("pack %d: %w", chunk, err)
	}
	if got := len(r.offs) - before; got != n || n > PackChunk {
		r.offs = r.offs[:before]
		return fmt.Errorf("pack %d holds %d voters, says %d", chunk, got, n)
	}
	r.chunks = append(r.chunks, data)
	return nil
}

// Len is the number of voters.
func (r *PackedRoll) Len() int { return len(r.offs) }

// Read fills v with voter i; its strings point into the roll's packs.
func (r *PackedRoll) Read(i int, v *signet.Voter) {
	readPacked(r.chunks[i/PackChunk], int(r.offs[i]), v)
}

// ID is voter i's id.
func (r *PackedRoll) ID(i int) string { return packedID(r.chunks[i/PackChunk], int(r.offs[i])) }
