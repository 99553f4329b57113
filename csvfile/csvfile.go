// Package csvfile reads the CSV files Signet imports — voter rolls, petition lines,
// signature decisions — as a stream of rows, mapping header names to field names and
// naming the file, line and column of every value it cannot use.
package csvfile

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/signet-vote/signet"
)

// Schema is the set of fields a file kind has and which of them must be present.
type Schema struct {
	Kind     string   // "voter roll", "petition lines", ...
	Fields   []string // field names, which are also the default header names
	Required []string // fields whose column must exist
	// Max is the most characters a field may hold (DefaultMax for a field not named):
	// more than any real record needs, so that a longer value is a broken file.
	Max map[string]int
}

// DefaultMax is the most characters a field may hold where its schema says nothing.
const DefaultMax = 100

// max is the most characters the field may hold.
func (s Schema) max(field string) int {
	if n, ok := s.Max[field]; ok {
		return n
	}
	return DefaultMax
}

// ParseMapping reads a column map written "field=header,field=header" into a map from
// field name to header name. Spaces around names are ignored.
func ParseMapping(s string) (map[string]string, error) {
	m := map[string]string{}
	if strings.TrimSpace(s) == "" {
		return m, nil
	}
	for _, pair := range strings.Split(s, ",") {
		field, header, ok := strings.Cut(pair, "=")
		field, header = strings.TrimSpace(field), strings.TrimSpace(header)
		if !ok || field == "" || header == "" {
			return nil, signet.Errorf(signet.EInvalid, "column map %q: each entry must be field=header", pair)
		}
		if _, dup := m[field]; dup {
			return nil, signet.Errorf(signet.EInvalid, "column map: field %q is mapped twice", field)
		}
		m[field] = header
	}
	return m, nil
}

// Options adjust how a file is read.
type Options struct {
	// Columns maps a field name to the header it is found under (default: the field name).
	Columns map[string]string
	// Comma is the field separator; 0 means ','.
	Comma rune
	// NoHeader reads a file without a header row; its columns are named c1, c2, ... .
	NoHeader bool
	// Lenient reads a file for record linkage: the schema's required columns may be
	// absent (Row.LinkVoter then reads them as empty).
	Lenient bool
}

// Reader streams the rows of one CSV file.
type Reader struct {
	name   string
	schema Schema
	csv    *csv.Reader
	index  map[string]int // field name -> column index
	header []string
	first  []string // first record of a header-less file, returned by the first Next
	row    Row
	checks []fieldCheck // the columns read, with their fields' limits
}

// fieldCheck is a column whose text is checked, and the most characters it may hold.
type fieldCheck struct {
	col, max int
}

// Row is one record of the file.
type Row struct {
	r      *Reader
	rec    []string
	Line   int // the file line the record starts on, 1-based
	Number int // the record's position among data rows, 1-based
}

// NewReader reads the header of a file and checks it against the schema. name is used in
// error messages only.
func NewReader(name string, in io.Reader, schema Schema, opt Options) (*Reader, error) {
	cr := csv.NewReader(in)
	if opt.Comma != 0 {
		cr.Comma = opt.Comma
	}
	cr.ReuseRecord = false
	cr.LazyQuotes = false
	r := &Reader{name: name, schema: schema, csv: cr, index: map[string]int{}}
	known := map[string]bool{}
	for _, f := range schema.Fields {
		known[f] = true
	}
	for f := range opt.Columns {
		if !known[f] {
			return nil, signet.Errorf(signet.EInvalid, "%s: column map names %q, which is not a field of a %s (fields: %s)", name, f, schema.Kind, strings.Join(schema.Fields, ", "))
		}
	}
	head, err := cr.Read()
	if err == io.EOF {
		return nil, signet.Errorf(signet.EInvalid, "%s: the file is empty: a %s needs a header row", name, schema.Kind)
	}
	if err != nil {
		return nil, r.wrapParse(err)
	}
	cr.FieldsPerRecord = len(head)
	if opt.NoHeader {
		r.first = head
		head = make([]string, len(r.first))
		for i := range head {
			head[i] = fmt.Sprintf("c%d", i+1)
		}
	}
	byName := map[string]int{}
	for i, h := range head {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if _, dup := byName[h]; dup && h != "" {
			return nil, signet.Errorf(signet.EInvalid, "%s: line 1: header %q appears twice", name, h)
		}
		byName[h] = i
	}
	r.header = head
	for i, h := range head {
		if fault := signet.TextFault(h, DefaultMax); fault != nil {
			return nil, signet.Errorf(signet.EInvalid, "%s: line 1, column %d (a header): %s", name, i+1, fault)
		}
	}
	var unmapped []string
	for _, f := range schema.Fields {
		h := f
		m, mapped := opt.Columns[f]
		if mapped {
			h = m
		}
		if i, ok := byName[strings.ToLower(strings.TrimSpace(h))]; ok {
			r.index[f] = i
			r.checks = append(r.checks, fieldCheck{i, schema.max(f)})
		} else if mapped {
			unmapped = append(unmapped, fmt.Sprintf("%s=%s", f, h))
		}
	}
	if len(unmapped) > 0 {
		return nil, signet.Errorf(signet.EInvalid, "%s: line 1: the column map names header(s) the file does not have (%s); its headers are: %s",
			name, strings.Join(unmapped, ", "), strings.Join(head, ", "))
	}
	// A field without a column beside a header that is no field is a misspelt or renamed
	// column (zipcode for zip): its values would be dropped without a word.
	if !opt.NoHeader {
		var absent, unknown []string
		used := map[int]bool{}
		for _, i := range r.index {
			used[i] = true
		}
		for _, f := range schema.Fields {
			if _, ok := r.index[f]; !ok {
				absent = append(absent, f)
			}
		}
		for i, h := range head {
			if !used[i] && strings.TrimSpace(h) != "" {
				unknown = append(unknown, h)
			}
		}
		if len(absent) > 0 && len(unknown) > 0 && !opt.Lenient {
			return nil, signet.Errorf(signet.EInvalid, "%s: line 1: the header has no column for %s and has column(s) that are no field of a %s (%s): rename them, map them with --columns field=header, or remove them; its headers are: %s",
				name, strings.Join(absent, ", "), schema.Kind, strings.Join(unknown, ", "), strings.Join(head, ", "))
		}
	}
	var missing []string
	for _, f := range schema.Required {
		if _, ok := r.index[f]; !ok {
			h := f
			if m, ok := opt.Columns[f]; ok {
				h = m
			}
			missing = append(missing, fmt.Sprintf("%s (header %q)", f, h))
		}
	}
	if len(missing) > 0 && !opt.Lenient {
		sort.Strings(missing)
		return nil, signet.Errorf(signet.EInvalid, "%s: line 1: the header lacks required column(s) %s; map other names with --columns field=header", name, strings.Join(missing, ", "))
	}
	return r, nil
}

// Has reports whether the file has a column for the field.
func (r *Reader) Has(field string) bool { _, ok := r.index[field]; return ok }

// Next returns the next row, or io.EOF after the last one.
func (r *Reader) Next() (*Row, error) {
	var rec []string
	if r.first != nil {
		rec, r.first = r.first, nil
		r.row = Row{r: r, rec: rec, Line: 1, Number: r.row.Number + 1}
		return &r.row, r.checkText(&r.row)
	}
	rec, err := r.csv.Read()
	if err == io.EOF {
		return nil, io.EOF
	}
	if err != nil {
		return nil, r.wrapParse(err)
	}
	line, _ := r.csv.FieldPos(0)
	r.row = Row{r: r, rec: rec, Line: line, Number: r.row.Number + 1}
	return &r.row, r.checkText(&r.row)
}

// checkText refuses a row with a field whose text cannot be stored (signet.CheckText).
func (r *Reader) checkText(row *Row) error {
	for _, c := range r.checks {
		if fault := signet.TextFault(row.rec[c.col], c.max); fault != nil {
			line := row.Line
			if l, _ := r.csv.FieldPos(c.col); l > 0 {
				line = l
			}
			return signet.Errorf(signet.EInvalid, "%s: line %d, column %d (%s): %s", r.name, line, c.col+1, r.header[c.col], fault)
		}
	}
	return nil
}

func (r *Reader) wrapParse(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			return signet.Errorf(signet.EInvalid, "%s: line %d: the row has a different number of fields than the header (%d)", r.name, pe.StartLine, len(r.header))
		}
		return signet.Errorf(signet.EInvalid, "%s: line %d, column %d: %v", r.name, pe.Line, pe.Column, pe.Err)
	}
	return signet.Errorf(signet.EInvalid, "%s: %v", r.name, err)
}

// Get returns the field's value trimmed of surrounding spaces, or "" when the file has no
// such column.
func (row *Row) Get(field string) string {
	i, ok := row.r.index[field]
	if !ok {
		return ""
	}
	return strings.TrimSpace(row.rec[i])
}

// Errorf builds an invalid-input error naming the file, the row's line and the field's column.
// The value's fault (format and args) is an *signet.Error of its own inside it, written the
// same, so that a door can word both in another language; a fault given as "%v" of an
// *signet.Error is that error.
func (row *Row) Errorf(field, format string, args ...any) error {
	fault := signet.Errorf(signet.EInvalid, format, args...)
	if e, ok := args0(format, args); ok {
		fault = e
	}
	i, ok := row.r.index[field]
	if !ok {
		return signet.Errorf(signet.EInvalid, "%s: line %d: %s", row.r.name, row.Line, fault)
	}
	return signet.Errorf(signet.EInvalid, "%s: line %d, column %d (%s): %s", row.r.name, row.Line, i+1, row.r.header[i], fault)
}

// args0 is the one *signet.Error a fault "%v" or "%s" is made of.
func args0(format string, args []any) (*signet.Error, bool) {
	if (format != "%v" && format != "%s") || len(args) != 1 {
		return nil, false
	}
	e, ok := args[0].(*signet.Error)
	return e, ok && e != nil
}

// Require returns the field's value, or an error when it is empty.
func (row *Row) Require(field string) (string, error) {
	v := row.Get(field)
	if v == "" {
		return "", row.Errorf(field, "%s is empty", field)
	}
	return v, nil
}
