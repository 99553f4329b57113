package csvfile

import "github.com/signet-vote/signet"

// The engine reads a file's records as sources (signet.VoterSource, LineSource,
// ReviewSource, IntakeSource): each call yields the next record with the file line it starts on, io.EOF
// at the end. Every door (the CLI, the web's uploads) reads a file through these, so that
// a file is read, and refused, the same way whichever door it came through.

// Voters reads the rows of a voter roll file (VoterSchema) as voters.
func (r *Reader) Voters() signet.VoterSource {
	return func() (signet.Voter, int, error) {
		row, err := r.Next()
		if err != nil {
			return signet.Voter{}, 0, err
		}
		v, err := row.Voter()
		return v, row.Line, err
	}
}

// Lines reads the rows of a petition lines file (LineSchema) as signature lines.
func (r *Reader) Lines() signet.LineSource {
	return func() (signet.Line, int, error) {
		row, err := r.Next()
		if err != nil {
			return signet.Line{}, 0, err
		}
		l, err := row.PetitionLine()
		return l, row.Line, err
	}
}

// Reviews reads the rows of a signature decisions file (ReviewSchema) as decisions.
func (r *Reader) Reviews() signet.ReviewSource {
	return func() (signet.Review, int, error) {
		row, err := r.Next()
		if err != nil {
			return signet.Review{}, 0, err
		}
		rv, err := row.Review()
		return rv, row.Line, err
	}
}

// Intakes reads the rows of a campaign's intake file (IntakeSchema) as sections turned in.
func (r *Reader) Intakes() signet.IntakeSource {
	return func() (signet.IntakeEntry, int, error) {
		row, err := r.Next()
		if err != nil {
			return signet.IntakeEntry{}, 0, err
		}
		e, err := row.Intake()
		return e, row.Line, err
	}
}
