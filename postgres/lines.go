package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/internal/storecodec"
)

var lineTableColumns = []string{"petition_id", "seq", "line_id", "section_id", "line_number", "printed_name",
	"house_number", "street", "unit", "city", "zip", "date_signed", "signature_present", "withdrawal_requested", "import_id"}

// ImportLines appends a file of petition lines in filing order, whole or not at all: the
// lines stream through COPY, then their new sections and their packs follow, in one
// transaction.
func (s *Store) ImportLines(ctx context.Context, petition string, meta signet.ImportMeta, next signet.LineSource) (signet.LineImport, error) {
	imp := signet.LineImport{Petition: petition, FileName: meta.FileName, SHA256: meta.SHA256}
	sp, err := newSpool()
	if err != nil {
		return imp, err
	}
	defer sp.close()
	err = s.txOnce(ctx, fmt.Sprintf("%s: the lines of petition %q", meta.FileName, petition), func(w *writeTx) error {
		p, err := readPetition(ctx, w, petition)
		if err != nil {
			return err
		}
		if !p.Filed.IsZero() {
			return signet.Errorf(signet.EConflict, "petition %q was filed on %s: a filed petition takes no more lines", petition, signet.FormatDate(p.Filed))
		}
		var prior int64
		err = w.QueryRow(ctx, `SELECT id FROM line_imports WHERE petition_id = $1 AND file_sha256 = $2`, petition, meta.SHA256).Scan(&prior)
		if err == nil {
			return signet.Errorf(signet.EConflict, "%s: this file was already imported for petition %s (import %d)", meta.FileName, petition, prior)
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		var maxSeq int
		if err := w.QueryRow(ctx, `SELECT coalesce(max(seq), 0) FROM lines WHERE petition_id = $1`, petition).Scan(&maxSeq); err != nil {
			return err
		}
		if err := w.QueryRow(ctx, `INSERT INTO line_imports (id, petition_id, file_name, file_sha256, rows, imported_at)
			SELECT coalesce(max(id), 0) + 1, $1, $2, $3, 0, $4 FROM line_imports RETURNING id`,
			petition, meta.FileName, meta.SHA256, s.now()).Scan(&imp.ID); err != nil {
			return err
		}
		sections, err := sectionCirculators(ctx, w, petition)
		if err != nil {
			return err
		}
		// The sections this file brings, in the order it names them.
		var newSections [][]any
		var digest signet.RowDigest
		seq := maxSeq
		imp.FirstSeq = maxSeq + 1
		imp.Rows, err = copySource(ctx, w, "lines", lineTableColumns, next, func(l *signet.Line, row []any) ([]any, error) {
			// A section's circulator is the one its first line names (the engine has
			// refused a file that names another).
			if _, ok := sections[l.SectionID]; !ok {
				newSections = append(newSections, []any{petition, l.SectionID, l.Circulator})
				sections[l.SectionID] = l.Circulator
			}
			seq++
			a := l.Address
			row = append(row, petition, seq, l.ID(), l.SectionID, l.Number, l.PrintedName,
				a.HouseNumber, a.Street, a.Unit, a.City, a.ZIP, signet.FormatDate(l.DateSigned), flag(l.SignaturePresent), flag(l.WithdrawalRequested), imp.ID)
			sp.pack.AddLine(seq, l)
			kept := *l
			kept.Seq, kept.Circulator = seq, sections[l.SectionID]
			digest.AddLine(&kept)
			return row, sp.added()
		})
		// The engine refused a line id the file repeats or an earlier file brought; one
		// here came with a file imported meanwhile (COPY does not say which line).
		if isUniqueViolation(err) {
			return signet.Errorf(signet.EConflict, "%s: petition %q has a line of this file already (imported before): a line is imported once", meta.FileName, petition)
		}
		if err != nil {
			return err
		}
		if _, err := w.CopyFrom(ctx, pgx.Identifier{"sections"}, []string{"petition_id", "id", "circulator"}, pgx.CopyFromRows(newSections)); err != nil {
			return err
		}
		packs, err := sp.rows(func(chunk, n int, data []byte) []any { return []any{petition, imp.ID, chunk, n, data} })
		if err != nil {
			return err
		}
		if _, err := w.CopyFrom(ctx, pgx.Identifier{"line_packs"}, []string{"petition_id", "import_id", "chunk", "lines", "data"}, packs); err != nil {
			return fmt.Errorf("store the lines' packs: %w", err)
		}
		imp.LastSeq = seq
		if _, err := w.Exec(ctx, `UPDATE line_imports SET rows = $1 WHERE id = $2`, imp.Rows, imp.ID); err != nil {
			return err
		}
		return s.appendOne(ctx, w, signet.EventLinesImport, meta.Actor, "petition:"+petition, map[string]any{
			"import_id": imp.ID, "file": meta.FileName, "sha256": meta.SHA256, "rows": imp.Rows, "first_seq": imp.FirstSeq, "last_seq": imp.LastSeq, "rows_sha256": digest.Sums()})
	})
	return imp, s.lostError(err, "importing "+meta.FileName)
}

// flag stores a yes or no as 1 or 0, as the embedded store does.
func flag(b bool) int16 {
	if b {
		return 1
	}
	return 0
}

const lineColumns = `l.seq, l.section_id, coalesce(s.circulator, ''), l.line_number, l.printed_name, l.house_number, l.street, l.unit, l.city, l.zip, l.date_signed, l.signature_present, l.withdrawal_requested`

const linesFrom = ` FROM lines l LEFT JOIN sections s ON s.petition_id = l.petition_id AND s.id = l.section_id `

func scanLine(sc interface{ Scan(...any) error }, petition string) (signet.Line, error) {
	l := signet.Line{PetitionID: petition}
	var signed string
	var sig, wd int16
	err := sc.Scan(&l.Seq, &l.SectionID, &l.Circulator, &l.Number, &l.PrintedName, &l.Address.HouseNumber, &l.Address.Street,
		&l.Address.Unit, &l.Address.City, &l.Address.ZIP, &signed, &sig, &wd)
	l.DateSigned, l.SignaturePresent, l.WithdrawalRequested = storecodec.ParseDate(signed), sig == 1, wd == 1
	return l, err
}

// Line returns one line of a petition by its id ("<section>-<line number>").
func (s *Store) Line(ctx context.Context, petition, lineID string) (signet.Line, error) {
	row := s.pool.QueryRow(ctx, `SELECT `+lineColumns+linesFrom+`WHERE l.petition_id = $1 AND l.line_id = $2`, petition, lineID)
	l, err := scanLine(row, petition)
	if errors.Is(err, pgx.ErrNoRows) {
		return l, signet.Errorf(signet.ENotFound, "petition %q has no line %q (line ids are <section>-<line number>)", petition, lineID)
	}
	return l, err
}

// Sections returns the circulator of each section of a petition, by section id.
func (s *Store) Sections(ctx context.Context, petition string) (map[string]string, error) {
	return sectionCirculators(ctx, s.pool, petition)
}

func sectionCirculators(ctx context.Context, q querier, petition string) (map[string]string, error) {
	rows, err := q.Query(ctx, `SELECT id, circulator FROM sections WHERE petition_id = $1`, petition)
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

// LineCount counts the lines imported for a petition.
func (s *Store) LineCount(ctx context.Context, petition string) (int, error) {
	var n int
	err := s.pool.QueryRow(ctx, `SELECT count(*) FROM lines WHERE petition_id = $1`, petition).Scan(&n)
	return n, err
}

// Lines returns every line of a petition in filing order, from its packs, as of one moment.
func (s *Store) Lines(ctx context.Context, petition string) ([]signet.Line, error) {
	var lines []signet.Line
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		var n, packed int
		if err := tx.QueryRow(ctx, `SELECT count(*), (SELECT coalesce(sum(lines), 0) FROM line_packs WHERE petition_id = $1) FROM lines WHERE petition_id = $1`,
			petition).Scan(&n, &packed); err != nil || n == 0 {
			return err
		}
		if packed != n {
			return fmt.Errorf("read the lines: petition %s has %d lines, its packs %d", petition, n, packed)
		}
		circulators, err := sectionCirculators(ctx, tx, petition)
		if err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT import_id, chunk, lines, data FROM line_packs WHERE petition_id = $1 ORDER BY import_id, chunk`, petition)
		if err != nil {
			return err
		}
		defer rows.Close()
		lines = make([]signet.Line, 0, n)
		for rows.Next() {
			var imp, chunk int64
			var count int
			var data []byte
			if err := rows.Scan(&imp, &chunk, &count, &data); err != nil {
				return err
			}
			before := len(lines)
			if lines, err = storecodec.DecodeLines(lines, data, petition); err != nil {
				return fmt.Errorf("read the lines: import %d, pack %d: %w", imp, chunk, err)
			}
			if got := len(lines) - before; got != count {
				return fmt.Errorf("read the lines: import %d, pack %d holds %d lines, says %d", imp, chunk, got, count)
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}
		for i := range lines {
			l := &lines[i]
			l.Circulator = circulators[l.SectionID]
			if i > 0 && l.Seq <= lines[i-1].Seq {
				return fmt.Errorf("read the lines: line %d follows line %d in the packs", l.Seq, lines[i-1].Seq)
			}
		}
		return nil
	})
	return lines, err
}

// SpacedLines returns about max of a petition's lines, evenly spaced in filing order (every
// k-th line): the same lines whatever has been verified, so that what is learnt from them is too.
func (s *Store) SpacedLines(ctx context.Context, petition string, max int) ([]signet.Line, error) {
	n, err := s.LineCount(ctx, petition)
	if err != nil || n == 0 {
		return nil, err
	}
	step := (n + max - 1) / max
	return collect(ctx, s.pool, `SELECT `+lineColumns+linesFrom+`WHERE l.petition_id = $1 AND l.seq % $2 = 0 ORDER BY l.seq`,
		func(r pgx.Rows) (signet.Line, error) { return scanLine(r, petition) }, petition, step)
}

// EachLineRow calls fn for every line of a petition as the lines table keeps it (the record
// Line reads, not the packs Lines reads), in filing order, with the line id its row keeps.
func (s *Store) EachLineRow(ctx context.Context, petition string, fn func(l *signet.Line, lineID string) error) error {
	rows, err := s.pool.Query(ctx, `SELECT `+storecodec.LineRowColumns+` FROM lines l
		LEFT JOIN sections s ON s.petition_id = l.petition_id AND s.id = l.section_id WHERE l.petition_id = $1 ORDER BY l.seq`, petition)
	if err != nil {
		return err
	}
	defer rows.Close()
	return storecodec.EachLineRow(rows, petition, fn)
}
