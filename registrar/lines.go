package registrar

import (
	"context"

	"github.com/signet-vote/signet"
)

// ImportLines appends a file of signature lines to a petition in filing order (the lines
// are numbered 1..R across the petition), whole or not at all. A filed petition takes no more.
func (s *Service) ImportLines(ctx context.Context, petition string, meta signet.ImportMeta, next signet.LineSource) (signet.LineImport, error) {
	if _, err := s.Store.Petition(ctx, petition); err != nil {
		return signet.LineImport{}, err
	}
	return s.Store.ImportLines(ctx, petition, meta, next)
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
