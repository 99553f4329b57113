package storecodec

import (
	"time"

	"github.com/signet-vote/signet"
)

// The campaign's workspace as both stores read it back.
const (
	IntakeColumns       = `seq, section_id, circulator, turned_in, lines, recorded_by, recorded_at`
	PrecheckRunColumns  = `id, lines_file, lines_sha256, voter_file, voter_sha256, voters, lines, linker, run_by, run_at`
	PrecheckLineColumns = `line_id, seq, run_id, section_id, circulator, line_number, date_signed, address_key, voter_id, decision, score, valid, reason, sub_reason`
)

// ReadIntake reads intake entries (IntakeColumns).
func ReadIntake(rows Rows, petition string) ([]signet.IntakeEntry, error) {
	var out []signet.IntakeEntry
	for rows.Next() {
		e := signet.IntakeEntry{PetitionID: petition}
		var day, at string
		var lines int64
		if err := rows.Scan(&e.Seq, &e.SectionID, &e.Circulator, &day, &lines, &e.By, &at); err != nil {
			return nil, err
		}
		e.TurnedIn, e.Lines, e.At = ParseDate(day), int(lines), parseAt(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// ReadPrecheckRuns reads pre-checks (PrecheckRunColumns).
func ReadPrecheckRuns(rows Rows, petition string) ([]signet.PrecheckRun, error) {
	var out []signet.PrecheckRun
	for rows.Next() {
		r := signet.PrecheckRun{PetitionID: petition}
		var voters, lines int64
		var at string
		if err := rows.Scan(&r.ID, &r.LinesFile, &r.LinesSHA256, &r.VoterFile, &r.VoterSHA256, &voters, &lines, &r.Linker, &r.By, &at); err != nil {
			return nil, err
		}
		r.Voters, r.Lines, r.At = int(voters), int(lines), parseAt(at)
		out = append(out, r)
	}
	return out, rows.Err()
}

// ReadPrecheckLines reads pre-checked lines (PrecheckLineColumns).
func ReadPrecheckLines(rows Rows, petition string) ([]signet.PrecheckLine, error) {
	var out []signet.PrecheckLine
	for rows.Next() {
		l := signet.PrecheckLine{PetitionID: petition}
		var number, valid int64
		var signed, decision, reason string
		if err := rows.Scan(&l.LineID, &l.Seq, &l.Run, &l.SectionID, &l.Circulator, &number, &signed, &l.AddressKey,
			&l.VoterID, &decision, &l.Score, &valid, &reason, &l.SubReason); err != nil {
			return nil, err
		}
		l.LineNumber, l.DateSigned, l.Decision, l.Valid, l.Reason = int(number), ParseDate(signed), signet.Decision(decision), valid != 0, signet.Reason(reason)
		out = append(out, l)
	}
	return out, rows.Err()
}

// IntakeEventPayload is the audit event of an intake recorded: counts and the file, never
// a signer.
func IntakeEventPayload(meta signet.ImportMeta, entries []signet.IntakeEntry) map[string]any {
	lines := 0
	sections := make([]string, 0, len(entries))
	for _, e := range entries {
		lines += e.Lines
		sections = append(sections, e.SectionID)
	}
	return map[string]any{"file": meta.FileName, "sha256": meta.SHA256, "sections": sections, "lines": lines}
}

// PrecheckEventPayload is the audit event of a pre-check: its files, counts and the
// verdicts on their own by code, never a signer or a voter.
func PrecheckEventPayload(r signet.PrecheckRun, lines []signet.PrecheckLine) map[string]any {
	codes := map[string]int{}
	for i := range lines {
		codes[lines[i].Code()]++
	}
	return map[string]any{"run": r.ID, "lines_file": r.LinesFile, "lines_sha256": r.LinesSHA256, "voter_file": r.VoterFile,
		"voter_sha256": r.VoterSHA256, "voters": r.Voters, "lines": r.Lines, "linker": r.Linker, "codes": codes}
}

// ParseAt reads a time as stores stamp it (signet.EventTimeLayout).
func ParseAt(s string) time.Time { return parseAt(s) }
