package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/internal/storecodec"
)

// ImportLines appends a file of petition lines in filing order, whole or not at all.
func (s *Store) ImportLines(ctx context.Context, petition string, meta signet.ImportMeta, next signet.LineSource) (signet.LineImport, error) {
	imp := signet.LineImport{Petition: petition, FileName: meta.FileName, SHA256: meta.SHA256}
	err := s.tx(ctx, fmt.Sprintf("%s: the lines of petition %q", meta.FileName, petition), func(tx *sql.Tx) error {
		p, err := s.petition(ctx, tx, petition)
		if err != nil {
			return err
		}
		if !p.Filed.IsZero() {
			return signet.Errorf(signet.EConflict, "petition %q was filed on %s: a filed petition takes no more lines", petition, dateStr(p.Filed))
		}
		var prior int64
		err = tx.QueryRowContext(ctx, `SELECT id FROM line_imports WHERE petition_id = ? AND file_sha256 = ?`, petition, meta.SHA256).Scan(&prior)
		if err == nil {
			return signet.Errorf(signet.EConflict, "%s: this file was already imported for petition %s (import %d)", meta.FileName, petition, prior)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		var maxSeq int
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM lines WHERE petition_id = ?`, petition).Scan(&maxSeq); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO line_imports (petition_id, file_name, file_sha256, rows, imported_at) VALUES (?, ?, ?, 0, ?)`,
			petition, meta.FileName, meta.SHA256, s.now())
		if err != nil {
			return err
		}
		if imp.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		sections, err := sectionCirculators(ctx, tx, petition)
		if err != nil {
			return err
		}
		secStmt, err := tx.PrepareContext(ctx, `INSERT INTO sections (petition_id, id, circulator) VALUES (?, ?, ?)`)
		if err != nil {
			return err
		}
		defer secStmt.Close()
		ins, err := newBulk(ctx, tx, "lines", []string{"petition_id", "seq", "line_id", "section_id", "line_number", "printed_name",
			"house_number", "street", "unit", "city", "zip", "date_signed", "signature_present", "withdrawal_requested", "import_id"},
			func(line int, err error) error {
				// The engine refused a line id the file repeats or an earlier file
				// brought; one here came with a file imported meanwhile.
				if isUniqueViolation(err) {
					return signet.Errorf(signet.EConflict, "%s: line %d, column line_number: petition %q has this line already (imported before): a line is imported once", meta.FileName, line, petition)
				}
				return err
			})
		if err != nil {
			return err
		}
		var pack storecodec.Pack
		chunk := 0
		flushPack := func() error {
			if pack.N == 0 {
				return nil
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO line_packs (petition_id, import_id, chunk, lines, data) VALUES (?, ?, ?, ?, ?)`, petition, imp.ID, chunk, pack.N, pack.Buf)
			chunk++
			pack.Reset()
			return err
		}
		var digest signet.RowDigest
		seq := maxSeq
		imp.FirstSeq = maxSeq + 1
		for {
			if imp.Rows%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			l, line, err := next()
			if err == io.EOF {
				break
			}
			if err != nil {
				return err
			}
			// A section's circulator is the one its first line names (the engine has
			// refused a file that names another).
			if _, ok := sections[l.SectionID]; !ok {
				if _, err := secStmt.ExecContext(ctx, petition, l.SectionID, l.Circulator); err != nil {
					return err
				}
				sections[l.SectionID] = l.Circulator
			}
			seq++
			a := l.Address
			if err := ins.add(ctx, line, petition, seq, l.ID(), l.SectionID, l.Number, l.PrintedName,
				a.HouseNumber, a.Street, a.Unit, a.City, a.ZIP, dateStr(l.DateSigned), boolInt(l.SignaturePresent), boolInt(l.WithdrawalRequested), imp.ID); err != nil {
				return err
			}
			imp.Rows++
			pack.AddLine(seq, &l)
			kept := l
			kept.Seq, kept.Circulator = seq, sections[l.SectionID]
			digest.AddLine(&kept)
			if pack.N == storecodec.PackChunk {
				if err := flushPack(); err != nil {
					return err
				}
			}
		}
		if err := ins.close(ctx); err != nil {
			return err
		}
		if err := flushPack(); err != nil {
			return err
		}
		imp.LastSeq = seq
		if _, err := tx.ExecContext(ctx, `UPDATE line_imports SET rows = ? WHERE id = ?`, imp.Rows, imp.ID); err != nil {
			return err
		}
		return s.appendOne(ctx, tx, signet.EventLinesImport, meta.Actor, "petition:"+petition, map[string]any{
			"import_id": imp.ID, "file": meta.FileName, "sha256": meta.SHA256, "rows": imp.Rows, "first_seq": imp.FirstSeq, "last_seq": imp.LastSeq, "rows_sha256": digest.Sums()})
	})
	return imp, err
}

const lineColumns = `l.seq, l.section_id, coalesce(s.circulator, ''), l.line_number, l.printed_name, l.house_number, l.street, l.unit, l.city, l.zip, l.date_signed, l.signature_present, l.withdrawal_requested`

func scanLine(sc interface{ Scan(...any) error }, petition string, extra ...any) (signet.Line, error) {
	l := signet.Line{PetitionID: petition}
	var signed string
	var sig, wd int
	err := sc.Scan(append([]any{&l.Seq, &l.SectionID, &l.Circulator, &l.Number, &l.PrintedName, &l.Address.HouseNumber, &l.Address.Street,
		&l.Address.Unit, &l.Address.City, &l.Address.ZIP, &signed, &sig, &wd}, extra...)...)
	l.DateSigned, l.SignaturePresent, l.WithdrawalRequested = storecodec.ParseDate(signed), sig == 1, wd == 1
	return l, err
}

// Line returns one line of a petition by its id ("<section>-<line number>").
func (s *Store) Line(ctx context.Context, petition, lineID string) (signet.Line, error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+lineColumns+` FROM lines l LEFT JOIN sections s ON s.petition_id = l.petition_id AND s.id = l.section_id
		WHERE l.petition_id = ? AND l.line_id = ?`, petition, lineID)
	l, err := scanLine(row, petition)
	if errors.Is(err, sql.ErrNoRows) {
		return l, signet.Errorf(signet.ENotFound, "petition %q has no line %q (line ids are <section>-<line number>)", petition, lineID)
	}
	return l, err
}

// sectionCirculators returns the circulator of each section of a petition, by section id.
func sectionCirculators(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, petition string) (map[string]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, circulator FROM sections WHERE petition_id = ?`, petition)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, c string
		if err := rows.Scan(&id, &c); err != nil {
			return nil, err
		}
		out[id] = c
	}
	return out, rows.Err()
}

// Sections returns the circulator of each section of a petition, by section id.
func (s *Store) Sections(ctx context.Context, petition string) (map[string]string, error) {
	return sectionCirculators(ctx, s.db, petition)
}

// LineCount counts the lines imported for a petition.
func (s *Store) LineCount(ctx context.Context, petition string) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM lines WHERE petition_id = ?`, petition).Scan(&n)
	return n, err
}

// Lines returns every line of a petition in filing order: from its packs when they hold
// them all, else from the lines table, read in ranges of filing positions side by side on
// their own connections (scanning 715,833 rows takes seconds on one core).
func (s *Store) Lines(ctx context.Context, petition string) ([]signet.Line, error) {
	var lo, hi sql.NullInt64
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT min(seq), max(seq), count(*) FROM lines WHERE petition_id = ?`, petition).Scan(&lo, &hi, &n); err != nil || n == 0 {
		return nil, err
	}
	if lines, ok, err := s.packedLines(ctx, petition, n); err != nil || ok {
		return lines, err
	}
	parts := 1
	if n >= 20000 {
		parts = min(4, max(1, runtime.GOMAXPROCS(0)))
	}
	type part struct {
		lines []signet.Line
		err   error
	}
	out := make([]part, parts)
	step := (hi.Int64 - lo.Int64 + int64(parts)) / int64(parts)
	var wg sync.WaitGroup
	for k := range out {
		from := lo.Int64 + int64(k)*step
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := &out[k]
			p.lines, p.err = s.lineRange(ctx, petition, from, from+step-1, n/parts+1)
		}()
	}
	wg.Wait()
	lines := make([]signet.Line, 0, n)
	for _, p := range out {
		if p.err != nil {
			return nil, p.err
		}
		lines = append(lines, p.lines...)
	}
	return lines, nil
}

// lineRange reads the lines at filing positions from to to (inclusive).
func (s *Store) lineRange(ctx context.Context, petition string, from, to int64, capacity int) ([]signet.Line, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+lineColumns+` FROM lines l
		LEFT JOIN sections s ON s.petition_id = l.petition_id AND s.id = l.section_id
		WHERE l.petition_id = ? AND l.seq BETWEEN ? AND ? ORDER BY l.seq`, petition, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	lines := make([]signet.Line, 0, capacity)
	for rows.Next() {
		l, err := scanLine(rows, petition)
		if err != nil {
			return nil, err
		}
		lines = append(lines, l)
	}
	return lines, rows.Err()
}

// SpacedLines returns about max of a petition's lines, evenly spaced in filing order (every
// k-th line): the same lines whatever has been verified, so that what is learnt from them is too.
func (s *Store) SpacedLines(ctx context.Context, petition string, max int) ([]signet.Line, error) {
	n, err := s.LineCount(ctx, petition)
	if err != nil || n == 0 {
		return nil, err
	}
	step := (n + max - 1) / max
	rows, err := s.db.QueryContext(ctx, `SELECT `+lineColumns+` FROM lines l
		LEFT JOIN sections s ON s.petition_id = l.petition_id AND s.id = l.section_id
		WHERE l.petition_id = ? AND l.seq % ? = 0 ORDER BY l.seq`, petition, step)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []signet.Line
	for rows.Next() {
		l, err := scanLine(rows, petition)
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// EachLineRow calls fn for every line of a petition as the lines table keeps it (the record
// Line reads, not the packs Lines reads), in filing order, with the line id its row keeps.
func (s *Store) EachLineRow(ctx context.Context, petition string, fn func(l *signet.Line, lineID string) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT `+storecodec.LineRowColumns+` FROM lines l
		LEFT JOIN sections s ON s.petition_id = l.petition_id AND s.id = l.section_id WHERE l.petition_id = ? ORDER BY l.seq`, petition)
	if err != nil {
		return err
	}
	defer rows.Close()
	return storecodec.EachLineRow(rows, petition, fn)
}
