package registrar

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"

	"github.com/signet-vote/signet"
)

// An import's rows live in two copies in a store: the record people query (Line, the
// voters a line show lists) and the packed copy the count reads (Lines, OpenRoll). Its
// event recorded a digest of each block of signet.DigestBlock rows as imported. judgeImport
// checks both copies against those digests and names the first row that does not
// reconcile: a row of the record that differs from a packed copy that still matches its
// digest was altered in the record; a packed row that differs from a record that, put in
// its place, matches the digest was altered in the packed copy; a block neither explains
// is named as a whole.

// importRows is one import's rows in the two copies.
type importRows[R any] struct {
	table, of string
	imp       *importLedger
	// n is how many rows the packed copy holds; packed(i) is its i-th, in import order.
	n      int
	packed func(i int) *R
	// differ is the record's version of the rows that differ from the packed copy, by
	// ordinal; nil when the record lacks the row.
	differ map[int]*R
	// extra are record rows the packed copy lacks.
	extra []*R
	// row appends a row's canonical form (signet.AppendLineRow, AppendVoterRow).
	row func(b []byte, r *R) []byte
	// diff names the first field in which the record's row differs from the packed one.
	diff func(record, packed *R) (field, rv, pv string)
	// name is how a finding names a row.
	name func(r *R) string
}

// judge adds the import's findings to f.
func (c *importRows[R]) judge(f *findings) {
	if c.imp.Sums == nil {
		f.add(Discrepancy{Table: c.table, Of: c.of, Row: fmt.Sprintf("import %d (%s)", c.imp.ID, c.imp.File), Event: c.imp.seq,
			What: "its event recorded no digest of its rows (it was imported by an older Signet), so its rows cannot be reconciled"})
		return
	}
	if c.n != c.imp.Rows {
		f.add(Discrepancy{Table: c.table, Of: c.of, Row: fmt.Sprintf("import %d (%s)", c.imp.ID, c.imp.File), Event: c.imp.seq,
			What: fmt.Sprintf("the copy the count reads holds %s rows, but %s %s", commas(c.n), recordedBy(c.imp.seq), commas(c.imp.Rows))})
	}
	var diffs []int
	for i := range c.differ {
		diffs = append(diffs, i)
	}
	sort.Ints(diffs)
	var buf []byte
	h := sha256.New()
	sum := func(lo, hi int, sub bool) string {
		h.Reset()
		for i := lo; i < hi; i++ {
			r := c.packed(i)
			if d, ok := c.differ[i]; sub && ok && d != nil {
				r = d
			}
			buf = c.row(buf[:0], r)
			h.Write(buf)
		}
		return hex.EncodeToString(h.Sum(nil))
	}
	blocks := max(len(c.imp.Sums), (c.n+signet.DigestBlock-1)/signet.DigestBlock)
	for k := 0; k < blocks; k++ {
		lo, hi := k*signet.DigestBlock, min((k+1)*signet.DigestBlock, c.n)
		var inBlock []int
		for _, i := range diffs {
			if i >= lo && i < hi {
				inBlock = append(inBlock, i)
			}
		}
		recorded := ""
		if k < len(c.imp.Sums) {
			recorded = c.imp.Sums[k]
		}
		if lo < hi && sum(lo, hi, false) == recorded {
			// The packed copy is as imported: the record's differences are alterations.
			for _, i := range inBlock {
				p := c.packed(i)
				if d := c.differ[i]; d == nil {
					f.missing(c.table, c.of, c.name(p), c.imp.seq)
				} else {
					field, rv, pv := c.diff(d, p)
					f.field(c.table, c.of, c.name(p), field, rv, pv, c.imp.seq)
				}
			}
			continue
		}
		if len(inBlock) > 0 && lo < hi && sum(lo, hi, true) == recorded {
			// The record is as imported: the packed copy the count reads was altered.
			for _, i := range inBlock {
				p, d := c.packed(i), c.differ[i]
				if d == nil {
					continue
				}
				field, rv, pv := c.diff(d, p)
				f.add(Discrepancy{Table: c.table, Of: c.of, Row: c.name(d), Field: field, Stored: pv, Recorded: rv, Event: c.imp.seq,
					What: "in the copy the count reads"})
			}
			continue
		}
		f.add(Discrepancy{Table: c.table, Of: c.of, Event: c.imp.seq,
			Row:  fmt.Sprintf("rows %s–%s of import %d (%s)", commas(lo+1), commas(max(hi, lo+1)), c.imp.ID, c.imp.File),
			What: fmt.Sprintf("the rows as stored do not match the digest %s when they were imported", recordedBy(c.imp.seq))})
	}
	for _, r := range c.extra {
		f.extra(c.table, c.of, c.name(r))
	}
}

// sameRow says whether two rows have the same canonical form.
func sameRow[R any](row func([]byte, *R) []byte, a, b *R, buf *[2][]byte) bool {
	buf[0], buf[1] = row(buf[0][:0], a), row(buf[1][:0], b)
	return bytes.Equal(buf[0], buf[1])
}
