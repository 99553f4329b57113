package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/internal/storecodec"
)

// petitionExists refuses (ENotFound) a petition that is not stored.
func petitionExists(ctx context.Context, q querier, petition string) error {
	var n int
	if err := q.QueryRow(ctx, `SELECT count(*) FROM petitions WHERE id = $1`, petition).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return signet.Errorf(signet.ENotFound, "no petition %q", petition)
	}
	return nil
}

// AddIntake records sections turned in, all or none, with their event.
func (s *Store) AddIntake(ctx context.Context, petition string, meta signet.ImportMeta, entries []signet.IntakeEntry) ([]signet.IntakeEntry, error) {
	var out []signet.IntakeEntry
	err := s.tx(ctx, fmt.Sprintf("the intake of petition %q", petition), func(w *writeTx) error {
		out = out[:0]
		if err := petitionExists(ctx, w, petition); err != nil {
			return err
		}
		now := s.Now().UTC()
		if meta.SHA256 != "" {
			var name string
			err := w.QueryRow(ctx, `SELECT file_name FROM intake_files WHERE petition_id = $1 AND sha256 = $2`, petition, meta.SHA256).Scan(&name)
			if err == nil {
				return signet.Errorf(signet.EConflict, "%s: this file's intake was recorded before for petition %q (as %s)", meta.FileName, petition, name)
			}
			if !errNoRows(err) {
				return err
			}
			if _, err := w.Exec(ctx, `INSERT INTO intake_files (petition_id, sha256, file_name, recorded_at) VALUES ($1, $2, $3, $4)`,
				petition, meta.SHA256, meta.FileName, stamp(now)); err != nil {
				return err
			}
		}
		for _, e := range entries {
			var seq int64
			err := w.QueryRow(ctx, `SELECT seq FROM intake WHERE petition_id = $1 AND section_id = $2`, petition, e.SectionID).Scan(&seq)
			if err == nil {
				return signet.Errorf(signet.EConflict, "section %q of petition %q was turned in before: a section is recorded once", e.SectionID, petition)
			}
			if !errNoRows(err) {
				return err
			}
			if err := w.QueryRow(ctx, `INSERT INTO intake (petition_id, section_id, circulator, turned_in, lines, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING seq`,
				petition, e.SectionID, e.Circulator, signet.FormatDate(e.TurnedIn), e.Lines, meta.Actor, stamp(now)).Scan(&e.Seq); err != nil {
				return err
			}
			e.PetitionID, e.By, e.At = petition, meta.Actor, storecodec.ParseAt(stamp(now))
			out = append(out, e)
		}
		return s.appendOne(ctx, w, signet.EventIntake, meta.Actor, "petition:"+petition, storecodec.IntakeEventPayload(meta, out))
	})
	return out, err
}

// IntakeFile is the name a file of intake was recorded under for a petition, "" when not.
func (s *Store) IntakeFile(ctx context.Context, petition, sha256 string) (string, error) {
	var name string
	err := s.pool.QueryRow(ctx, `SELECT file_name FROM intake_files WHERE petition_id = $1 AND sha256 = $2`, petition, sha256).Scan(&name)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil
	}
	return name, err
}

// Intake returns a petition's intake in the order it was recorded.
func (s *Store) Intake(ctx context.Context, petition string) ([]signet.IntakeEntry, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+storecodec.IntakeColumns+` FROM intake WHERE petition_id = $1 ORDER BY seq`, petition)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return storecodec.ReadIntake(rows, petition)
}

// SavePrecheck stores a pre-check and its lines, with its event, in one transaction.
func (s *Store) SavePrecheck(ctx context.Context, run signet.PrecheckRun, lines []signet.PrecheckLine) (signet.PrecheckRun, error) {
	out := run
	err := s.tx(ctx, fmt.Sprintf("the pre-check of petition %q", run.PetitionID), func(w *writeTx) error {
		out = run
		p := run.PetitionID
		if err := petitionExists(ctx, w, p); err != nil {
			return err
		}
		var n int
		if err := w.QueryRow(ctx, `SELECT count(*) FROM precheck_runs WHERE petition_id = $1 AND lines_sha256 = $2 AND voter_sha256 = $3`,
			p, run.LinesSHA256, run.VoterSHA256).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return signet.Errorf(signet.EConflict, "%s was pre-checked against %s before for petition %q: give a new lines file or a new voter file", run.LinesFile, run.VoterFile, p)
		}
		at := s.Now().UTC()
		if err := w.QueryRow(ctx, `INSERT INTO precheck_runs (petition_id, lines_file, lines_sha256, voter_file, voter_sha256, voters, lines, linker, run_by, run_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`, p, run.LinesFile, run.LinesSHA256, run.VoterFile, run.VoterSHA256,
			run.Voters, run.Lines, run.Linker, run.By, stamp(at)).Scan(&out.ID); err != nil {
			return err
		}
		out.At = storecodec.ParseAt(stamp(at))
		var next int64
		if err := w.QueryRow(ctx, `SELECT coalesce(max(seq), 0) + 1 FROM precheck_lines WHERE petition_id = $1`, p).Scan(&next); err != nil {
			return err
		}
		var b pgx.Batch
		for i := range lines {
			l := &lines[i]
			valid := 0
			if l.Valid {
				valid = 1
			}
			b.Queue(`INSERT INTO precheck_lines (petition_id, line_id, seq, run_id, section_id, circulator, line_number, date_signed, address_key, voter_id, decision, score, valid, reason, sub_reason)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
				ON CONFLICT (petition_id, line_id) DO UPDATE SET run_id = excluded.run_id, section_id = excluded.section_id, circulator = excluded.circulator,
					line_number = excluded.line_number, date_signed = excluded.date_signed, address_key = excluded.address_key, voter_id = excluded.voter_id,
					decision = excluded.decision, score = excluded.score, valid = excluded.valid, reason = excluded.reason, sub_reason = excluded.sub_reason`,
				p, l.LineID, next, out.ID, l.SectionID, l.Circulator, l.LineNumber, signet.FormatDate(l.DateSigned), l.AddressKey,
				l.VoterID, string(l.Decision), l.Score, valid, string(l.Reason), l.SubReason)
			next++
		}
		if err := w.SendBatch(ctx, &b).Close(); err != nil {
			return err
		}
		return s.appendOne(ctx, w, signet.EventPrecheck, run.By, "petition:"+p, storecodec.PrecheckEventPayload(out, lines))
	})
	return out, err
}

// PrecheckRuns returns a petition's pre-checks, oldest first.
func (s *Store) PrecheckRuns(ctx context.Context, petition string) ([]signet.PrecheckRun, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+storecodec.PrecheckRunColumns+` FROM precheck_runs WHERE petition_id = $1 ORDER BY id`, petition)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return storecodec.ReadPrecheckRuns(rows, petition)
}

// PrecheckLines returns a petition's pre-checked lines in the order first pre-checked.
func (s *Store) PrecheckLines(ctx context.Context, petition string) ([]signet.PrecheckLine, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+storecodec.PrecheckLineColumns+` FROM precheck_lines WHERE petition_id = $1 ORDER BY seq`, petition)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return storecodec.ReadPrecheckLines(rows, petition)
}
