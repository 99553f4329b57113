package signet

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"strconv"
	"time"
)

// The rows an import stores are tied to the audit log by digests: the import's event records
// the SHA-256 of each block of DigestBlock rows, in the order the file gave them, over each
// row's canonical form (AppendVoterRow, AppendLineRow), so that a row altered, added or
// removed after the import is found by reading the rows again (registrar's audit).

// DigestBlock is how many rows of an import one digest covers: a row that no longer matches
// is found within its block by comparing the store's copies of it.
const DigestBlock = 1 << 15

// RowDigest computes the block digests of an import's rows.
type RowDigest struct {
	h    hash.Hash
	n    int
	buf  []byte
	sums []string
}

// AddVoter adds a voter as a store keeps it.
func (d *RowDigest) AddVoter(v *Voter) { d.buf = AppendVoterRow(d.buf[:0], v); d.add() }

// AddLine adds a line as a store keeps it: its filing position set, its section's circulator
// the one the store keeps for the section.
func (d *RowDigest) AddLine(l *Line) { d.buf = AppendLineRow(d.buf[:0], l); d.add() }

func (d *RowDigest) add() {
	if d.h == nil {
		d.h = sha256.New()
	}
	d.h.Write(d.buf)
	d.n++
	if d.n == DigestBlock {
		d.flush()
	}
}

func (d *RowDigest) flush() {
	if d.n == 0 {
		return
	}
	d.sums = append(d.sums, hex.EncodeToString(d.h.Sum(nil)))
	d.h.Reset()
	d.n = 0
}

// Sums ends the last block and returns the digest of every block, hex-encoded; an import
// of no rows has none.
func (d *RowDigest) Sums() []string {
	d.flush()
	if d.sums == nil {
		return []string{}
	}
	return d.sums
}

// AppendVoterRow appends the canonical form of a voter as a store keeps it: every field
// (only the first prior address, the one a roll row holds) as a length and its bytes,
// dates as YYYY-MM-DD.
func AppendVoterRow(b []byte, v *Voter) []byte {
	var p PriorAddress
	if len(v.Prior) > 0 {
		p = v.Prior[0]
	}
	r := &v.Residence
	for _, s := range [...]string{v.ID, v.FirstName, v.MiddleName, v.LastName, v.Suffix,
		r.HouseNumber, r.Street, r.Unit, r.City, r.ZIP} {
		b = appendRowField(b, s)
	}
	b = appendRowDate(b, v.RegistrationDate)
	b = appendRowField(b, string(v.Status))
	b = appendRowDate(b, v.CancelledDate)
	b = appendRowDate(b, v.BirthDate)
	for _, s := range [...]string{p.HouseNumber, p.Street, p.Unit, p.City, p.ZIP} {
		b = appendRowField(b, s)
	}
	return appendRowDate(b, p.Until)
}

// AppendLineRow appends the canonical form of a line as a store keeps it, in the order of
// LineRowFields.
func AppendLineRow(b []byte, l *Line) []byte {
	b = appendRowInt(b, l.Seq)
	b = appendRowField(b, l.SectionID)
	b = appendRowInt(b, l.Number)
	a := &l.Address
	for _, s := range [...]string{l.Circulator, l.PrintedName, a.HouseNumber, a.Street, a.Unit, a.City, a.ZIP} {
		b = appendRowField(b, s)
	}
	b = appendRowDate(b, l.DateSigned)
	return append(b, rowBool(l.SignaturePresent), rowBool(l.WithdrawalRequested))
}

func appendRowField(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendRowInt(b []byte, n int) []byte { return binary.AppendVarint(b, int64(n)) }

func rowBool(v bool) byte {
	if v {
		return 1
	}
	return 0
}

// appendRowDate appends a date as FormatDate writes it, without its cost for every row.
func appendRowDate(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(b, 0)
	}
	y, m, d := t.Date()
	if y < 0 || y > 9999 {
		return appendRowField(b, FormatDate(t))
	}
	return append(b, 10, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+int(m)/10), byte('0'+int(m)%10), '-', byte('0'+d/10), byte('0'+d%10))
}

// VoterRowFields are the names of a voter row's fields, as the roll's columns name them, in
// canonical order.
var VoterRowFields = [...]string{"voter_id", "first_name", "middle_name", "last_name", "suffix",
	"house_number", "street", "unit", "city", "zip", "registration_date", "status", "cancelled_date", "birth_date",
	"prior_house_number", "prior_street", "prior_unit", "prior_city", "prior_zip", "prior_until"}

func voterRowFields(v *Voter, p *PriorAddress) [len(VoterRowFields)]string {
	r := &v.Residence
	return [...]string{v.ID, v.FirstName, v.MiddleName, v.LastName, v.Suffix,
		r.HouseNumber, r.Street, r.Unit, r.City, r.ZIP, FormatDate(v.RegistrationDate), string(v.Status),
		FormatDate(v.CancelledDate), FormatDate(v.BirthDate),
		p.HouseNumber, p.Street, p.Unit, p.City, p.ZIP, FormatDate(p.Until)}
}

// LineRowFields are the names of a line row's fields, as the lines file's columns name them,
// in canonical order.
var LineRowFields = [...]string{"seq", "section", "line_number", "circulator", "printed_name",
	"house_number", "street", "unit", "city", "zip", "date_signed", "signature_present", "withdrawal_requested"}

func lineRowFields(l *Line) [len(LineRowFields)]string {
	a := &l.Address
	return [...]string{strconv.Itoa(l.Seq), l.SectionID, strconv.Itoa(l.Number), l.Circulator, l.PrintedName,
		a.HouseNumber, a.Street, a.Unit, a.City, a.ZIP, FormatDate(l.DateSigned),
		strconv.FormatBool(l.SignaturePresent), strconv.FormatBool(l.WithdrawalRequested)}
}

// VoterRowDiff names the first field in which two copies of a voter row differ and the two
// values; field is "" when they agree.
func VoterRowDiff(a, b *Voter) (field, av, bv string) {
	var pa, pb PriorAddress
	if len(a.Prior) > 0 {
		pa = a.Prior[0]
	}
	if len(b.Prior) > 0 {
		pb = b.Prior[0]
	}
	fa, fb := voterRowFields(a, &pa), voterRowFields(b, &pb)
	return firstDiff(VoterRowFields[:], fa[:], fb[:])
}

// LineRowDiff names the first field in which two copies of a line row differ and the two
// values; field is "" when they agree.
func LineRowDiff(a, b *Line) (field, av, bv string) {
	fa, fb := lineRowFields(a), lineRowFields(b)
	return firstDiff(LineRowFields[:], fa[:], fb[:])
}

func firstDiff(names, a, b []string) (string, string, string) {
	for i := range a {
		if a[i] != b[i] {
			return names[i], a[i], b[i]
		}
	}
	return "", "", ""
}
