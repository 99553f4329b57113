package registrar

import (
	"fmt"
	"strings"

	"github.com/signet-vote/signet"
)

// Discrepancy is a stored row the audit log does not account for: its first instance in
// one table of one petition (or roll snapshot), and how many rows there do not reconcile.
type Discrepancy struct {
	// Table is the kind of rows: petitions, lines, voters, verdicts, reviews,
	// link_reviews, samples, projections, state_reports.
	Table string `json:"table"`
	// Of is whose rows they are: "petition demo", "roll snapshot 2 of demo-county".
	Of string `json:"of"`
	// Row names the first row that does not reconcile: "line S000012-3 (position 45)".
	Row string `json:"row"`
	// Field is the first field that differs, with its value as stored and as the log
	// recorded it; empty when the row is missing or extra as a whole.
	Field    string `json:"field,omitempty"`
	Stored   string `json:"stored,omitempty"`
	Recorded string `json:"recorded,omitempty"`
	// Event is the event that recorded the row (0: none did).
	Event int64 `json:"event,omitempty"`
	// What says what is wrong when no field is named, and where the stored value is when
	// one is ("in the copy the count reads"; "" is the store's record).
	What string `json:"what,omitempty"`
	// Rows is how many rows of this table and owner do not reconcile.
	Rows int `json:"rows"`
}

func (d Discrepancy) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s of %s: %s", d.Table, d.Of, d.Row)
	switch {
	case d.Field != "":
		where := "in the store"
		if d.What != "" {
			where = d.What
		}
		fmt.Fprintf(&b, ": %s is %q %s, but %s %q", d.Field, d.Stored, where, recordedBy(d.Event), d.Recorded)
	case d.What != "":
		b.WriteString(": " + d.What)
	}
	if d.Rows > 1 {
		fmt.Fprintf(&b, " (and %s more rows of these)", commas(d.Rows-1))
	}
	return b.String()
}

func recordedBy(event int64) string {
	if event == 0 {
		return "the log recorded"
	}
	return fmt.Sprintf("event %s recorded", commas(int(event)))
}

// findings collects discrepancies: the first of each table and owner, counted.
type findings struct {
	list []*Discrepancy
	by   map[string]*Discrepancy
}

func (f *findings) add(d Discrepancy) {
	key := d.Table + "\x00" + d.Of
	if f.by == nil {
		f.by = map[string]*Discrepancy{}
	}
	if x := f.by[key]; x != nil {
		x.Rows++
		return
	}
	d.Rows = 1
	f.by[key] = &d
	f.list = append(f.list, &d)
}

// field records a field that differs from what event recorded.
func (f *findings) field(table, of, row, field, stored, recorded string, event int64) {
	f.add(Discrepancy{Table: table, Of: of, Row: row, Field: field, Stored: stored, Recorded: recorded, Event: event})
}

// missing records a row the log recorded that the store no longer holds.
func (f *findings) missing(table, of, row string, event int64) {
	f.add(Discrepancy{Table: table, Of: of, Row: row, Event: event,
		What: fmt.Sprintf("%s it, but the store no longer holds it", recordedBy(event))})
}

// extra records a row the store holds that no event recorded.
func (f *findings) extra(table, of, row string) {
	f.add(Discrepancy{Table: table, Of: of, Row: row, What: "the store holds it, but no event of the log recorded it"})
}

func commas(n int) string { return signet.Commas(n) }
