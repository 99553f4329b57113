package registrar

import (
	"context"
	"io"
	"maps"

	"github.com/signet-vote/signet"
)

// ImportLines appends a file of signature lines to a petition in filing order (the lines
// are numbered 1..R across the petition), whole or not at all. A filed petition takes no
// more, and a line is imported once (a line id of the file's or of an earlier one is
// refused); a file without lines, or naming a second circulator for a section, is refused: a
// section is circulated by one person, whose declaration is attached to it and covers its
// every line (Elections Code §104; domain.md §2).
func (s *Service) ImportLines(ctx context.Context, petition string, meta signet.ImportMeta, next signet.LineSource) (signet.LineImport, error) {
	sections, err := s.Store.Sections(ctx, petition)
	if err != nil {
		return signet.LineImport{}, err
	}
	// The sections imported before: a line of one of them may be one imported already.
	before := maps.Clone(sections)
	// The file line each line id was first seen on.
	seen := make(map[string]int)
	// The file is read ahead; the checks below, which may read the store, are not.
	source, stop := readAhead(next)
	defer stop()
	return s.Store.ImportLines(ctx, petition, meta, nonEmpty(meta, "lines", func() (signet.Line, int, error) {
		l, line, err := source()
		if err != nil {
			return l, line, err
		}
		if first, ok := seen[l.ID()]; ok {
			return l, line, signet.Errorf(signet.EInvalid, "%s: line %d, column line_number: this line number of this section appears more than once (first on line %d)", meta.FileName, line, first)
		}
		seen[l.ID()] = line
		// A file usually brings sections of its own; only a line of a section imported
		// before is looked up.
		if _, ok := before[l.SectionID]; ok {
			_, err := s.Store.Line(ctx, petition, l.ID())
			if err == nil {
				return l, line, signet.Errorf(signet.EConflict, "%s: line %d, column line_number: petition %q has line %q already (imported before): a line is imported once",
					meta.FileName, line, petition, l.ID())
			}
			if signet.Code(err) != signet.ENotFound {
				return l, line, err
			}
		}
		if c, ok := sections[l.SectionID]; !ok {
			sections[l.SectionID] = l.Circulator
		} else if l.Circulator != "" && c != "" && c != l.Circulator {
			return l, line, signet.Errorf(signet.EInvalid, "%s: line %d, column circulator: section %s was circulated by %q, not %q: a section has one circulator",
				meta.FileName, line, l.SectionID, c, l.Circulator)
		}
		return l, line, nil
	}))
}

// nonEmpty passes a file's records through and refuses a file that has none: an import
// of nothing is a mistake (a header without rows, the wrong file).
func nonEmpty[T any](meta signet.ImportMeta, what string, next func() (T, int, error)) func() (T, int, error) {
	rows := 0
	return func() (T, int, error) {
		v, line, err := next()
		if err == io.EOF && rows == 0 {
			return v, line, signet.Errorf(signet.EInvalid, "%s: the file has a header but no %s", meta.FileName, what)
		}
		if err == nil {
			rows++
		}
		return v, line, err
	}
}

// LineEvidence is one line as filed, its verdict if it has one, and the linker's evidence.
type LineEvidence struct {
	Line    signet.Line
	Verdict *signet.VerdictRecord // nil before the line is verified
}

// Line returns a line of a petition with its verdict and the candidates the linker weighed.
func (s *Service) Line(ctx context.Context, petition, lineID string) (LineEvidence, error) {
	var e LineEvidence
	var err error
	if e.Line, err = s.Store.Line(ctx, petition, lineID); err != nil {
		return e, err
	}
	v, err := s.Store.Verdict(ctx, petition, lineID)
	switch {
	case err == nil:
		e.Verdict = &v
	case signet.Code(err) != signet.ENotFound:
		return e, err
	}
	return e, nil
}
