package sqlite

import (
	"encoding/binary"
	"fmt"
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

// decodePack appends the voters of one chunk to dst. The voters' strings point into data,
// which must not change afterwards.
func decodePack(dst []signet.Voter, data []byte) ([]signet.Voter, error) {
	off := 0
	str := func() (string, error) {
		n, k := binary.Uvarint(data[off:])
		if k <= 0 || off+k+int(n) > len(data) {
			return "", fmt.Errorf("roll pack: corrupt at byte %d", off)
		}
		off += k
		s := ""
		if n > 0 {
			s = unsafe.String(&data[off], int(n))
		}
		off += int(n)
		return s, nil
	}
	date := func() (time.Time, error) {
		d, k := binary.Uvarint(data[off:])
		if k <= 0 {
			return time.Time{}, fmt.Errorf("roll pack: corrupt at byte %d", off)
		}
		off += k
		if d == 0 {
			return time.Time{}, nil
		}
		return packEpoch.AddDate(0, 0, int(d-1)), nil
	}
	var f [16]string
	for off < len(data) {
		for i := range f {
			s, err := str()
			if err != nil {
				return dst, err
			}
			f[i] = s
		}
		var d [4]time.Time
		for i := range d {
			t, err := date()
			if err != nil {
				return dst, err
			}
			d[i] = t
		}
		v := signet.Voter{ID: f[0], FirstName: f[1], MiddleName: f[2], LastName: f[3], Suffix: f[4],
			Residence:        signet.Address{HouseNumber: f[5], Street: f[6], Unit: f[7], City: f[8], ZIP: f[9]},
			Status:           signet.VoterStatus(f[10]),
			RegistrationDate: d[0], CancelledDate: d[1], BirthDate: d[2]}
		if f[11] != "" || f[12] != "" {
			v.Prior = []signet.PriorAddress{{Address: signet.Address{HouseNumber: f[11], Street: f[12], Unit: f[13], City: f[14], ZIP: f[15]}, Until: d[3]}}
		}
		dst = append(dst, v)
	}
	return dst, nil
}
