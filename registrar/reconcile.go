package registrar

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/signet-vote/signet"
)

// reconcile compares the store's rows with the ledger.
func (s *Service) reconcile(ctx context.Context, led *ledger, f *findings, n map[string]int) error {
	if led.only == "" {
		stored, err := s.Store.Petitions(ctx)
		if err != nil {
			return err
		}
		for _, p := range stored {
			if lp := led.petitions[p.ID]; lp == nil || lp.created == nil {
				f.extra("petitions", "the store", "petition "+p.ID)
			}
		}
	} else if lp := led.petitions[led.only]; lp == nil || lp.created == nil {
		if _, err := s.Store.Petition(ctx, led.only); err != nil {
			return err
		}
		f.extra("petitions", "the store", "petition "+led.only)
		return nil
	}
	for _, id := range led.order {
		p := led.petitions[id]
		if p.created == nil {
			continue
		}
		steps := []func(context.Context, *petitionLedger, *findings, map[string]int) error{
			s.reconcilePetition, s.reconcileVerdicts, s.reconcileReviews, s.reconcileSample, s.reconcileStateReports,
		}
		if led.only == "" {
			steps = append(steps, s.reconcileLines)
		}
		for _, step := range steps {
			if err := step(ctx, p, f, n); err != nil {
				return err
			}
		}
	}
	for _, imp := range led.rolls {
		if err := s.reconcileRoll(ctx, imp, f, n); err != nil {
			return err
		}
	}
	return nil
}

// reconcilePetition compares a petition's row with its creation and filing events.
func (s *Service) reconcilePetition(ctx context.Context, lp *petitionLedger, f *findings, n map[string]int) error {
	p, err := s.Store.Petition(ctx, lp.id)
	if signet.Code(err) == signet.ENotFound {
		f.missing("petitions", "the store", "petition "+lp.id, lp.created.seq)
		return nil
	}
	if err != nil {
		return err
	}
	n["petitions"]++
	c := lp.created
	filed, raw, fseq := "", 0, c.seq
	if lp.filing != nil {
		filed, raw, fseq = lp.filing.Filed, lp.filing.Raw, lp.filing.seq
	}
	for _, x := range []struct {
		field, stored, recorded string
		event                   int64
	}{
		{"kind", string(p.Kind), c.Kind, c.seq},
		{"jurisdiction", p.JurisdictionID, c.Jurisdiction, c.seq},
		{"rules", p.Rules, c.Rules, c.seq},
		{"report", p.ReportID, c.Report, c.seq},
		{"registered", strconv.Itoa(p.Registered), strconv.Itoa(c.Registered), c.seq},
		{"required", strconv.Itoa(p.Required), strconv.Itoa(c.Required), c.seq},
		{"approved", signet.FormatDate(p.Approved), c.Approved, c.seq},
		{"deadline", signet.FormatDate(p.Deadline), c.Deadline, c.seq},
		{"cutoff", string(p.Cutoff), c.Cutoff, c.seq},
		{"duplicates", string(p.Duplicates), c.Duplicates, c.seq},
		{"settings", strings.Join(p.Settings, " "), strings.Join(c.Settings, " "), c.seq},
		{"filed", signet.FormatDate(p.Filed), filed, fseq},
		{"raw", strconv.Itoa(p.Raw), strconv.Itoa(raw), fseq},
	} {
		if x.stored != x.recorded {
			f.field("petitions", "the store", "petition "+lp.id, x.field, x.stored, x.recorded, x.event)
			break
		}
	}
	return nil
}

// lineRow is a line as the store's record keeps it, with the line id the record keeps.
type lineRow struct {
	signet.Line
	id string
}

func appendLineRow(b []byte, l *lineRow) []byte { return signet.AppendLineRow(b, &l.Line) }

func lineName(l *lineRow) string {
	return fmt.Sprintf("line %s (position %s)", l.Line.ID(), commas(l.Seq))
}

// reconcileLines checks a petition's lines, in both copies, against its imports' digests.
func (s *Service) reconcileLines(ctx context.Context, lp *petitionLedger, f *findings, n map[string]int) error {
	packed, err := s.Store.Lines(ctx, lp.id)
	if err != nil {
		return err
	}
	var record []lineRow
	if err := s.Store.EachLineRow(ctx, lp.id, func(l *signet.Line, id string) error {
		record = append(record, lineRow{Line: *l, id: id})
		return nil
	}); err != nil {
		return err
	}
	n["lines"] += len(record)
	of := "petition " + lp.id
	// Both copies are in filing order; each import brought the positions first..last.
	pi, ri := 0, 0
	var buf [2][]byte
	for _, imp := range lp.imports {
		var rows []lineRow
		for pi < len(packed) && packed[pi].Seq < imp.FirstSeq {
			pi++
		}
		for ; pi < len(packed) && packed[pi].Seq <= imp.LastSeq; pi++ {
			rows = append(rows, lineRow{Line: packed[pi], id: packed[pi].ID()})
		}
		c := &importRows[lineRow]{table: "lines", of: of, imp: imp, n: len(rows), differ: map[int]*lineRow{},
			packed: func(i int) *lineRow { return &rows[i] }, row: appendLineRow, name: lineName,
			diff: func(r, p *lineRow) (string, string, string) {
				if field, rv, pv := signet.LineRowDiff(&r.Line, &p.Line); field != "" {
					return field, rv, pv
				}
				return "line_id", r.id, p.id
			}}
		// Merge the record's rows of this import into the packed ones by position.
		j := 0
		for ; ri < len(record) && record[ri].Seq <= imp.LastSeq; ri++ {
			r := &record[ri]
			if r.Seq < imp.FirstSeq {
				c.extra = append(c.extra, r)
				continue
			}
			for j < len(rows) && rows[j].Seq < r.Seq {
				c.differ[j] = nil
				j++
			}
			if j < len(rows) && rows[j].Seq == r.Seq {
				if r.id != rows[j].id || !sameRow(appendLineRow, r, &rows[j], &buf) {
					c.differ[j] = r
				}
				j++
				continue
			}
			c.extra = append(c.extra, r)
		}
		for ; j < len(rows); j++ {
			c.differ[j] = nil
		}
		c.judge(f)
	}
	for ; ri < len(record); ri++ {
		f.extra("lines", of, lineName(&record[ri]))
	}
	return nil
}

// reconcileRoll checks a roll snapshot's voters, in both copies, against its import's digest.
func (s *Service) reconcileRoll(ctx context.Context, imp *importLedger, f *findings, n map[string]int) error {
	of := fmt.Sprintf("roll snapshot %d of %s", imp.ID, imp.subject)
	roll, err := s.Store.OpenRoll(ctx, signet.RollImport{ID: imp.ID, Jurisdiction: imp.subject, FileName: imp.File, Rows: imp.Rows})
	if err != nil {
		f.add(Discrepancy{Table: "voters", Of: of, Row: fmt.Sprintf("import %d (%s)", imp.ID, imp.File), Event: imp.seq,
			What: "the copy the count reads cannot be read as imported: " + err.Error()})
		return nil
	}
	size := roll.Len()
	at := make(map[string]int32, size)
	for i := 0; i < size; i++ {
		at[roll.ID(i)] = int32(i)
	}
	var cur signet.Voter
	read := func(i int) *signet.Voter {
		roll.Read(i, &cur)
		return &cur
	}
	c := &importRows[signet.Voter]{table: "voters", of: of, imp: imp, n: size, differ: map[int]*signet.Voter{}, packed: read,
		row:  signet.AppendVoterRow,
		diff: func(r, p *signet.Voter) (string, string, string) { return signet.VoterRowDiff(r, p) },
		name: func(v *signet.Voter) string { return "voter " + v.ID }}
	seen := make([]bool, size)
	var buf [2][]byte
	var mine signet.Voter
	rows := 0
	err = s.Store.EachVoterRow(ctx, imp.ID, func(v *signet.Voter) error {
		rows++
		if rows%262144 == 0 {
			s.progress("voters", rows, imp.Rows)
		}
		i, ok := at[v.ID]
		if !ok || seen[i] {
			cp := v.Clone()
			c.extra = append(c.extra, &cp)
			return nil
		}
		seen[i] = true
		roll.Read(int(i), &mine)
		if !sameRow(signet.AppendVoterRow, v, &mine, &buf) {
			cp := v.Clone()
			c.differ[int(i)] = &cp
		}
		return nil
	})
	s.progress("voters", -1, imp.Rows)
	if err != nil {
		return err
	}
	n["voters"] += rows
	for i, ok := range seen {
		if !ok {
			c.differ[i] = nil
		}
	}
	c.judge(f)
	return nil
}

// reconcileVerdicts compares every verdict row of a petition with the last event that
// decided its line (and the duplicate rule's change after it, if any).
func (s *Service) reconcileVerdicts(ctx context.Context, lp *petitionLedger, f *findings, n map[string]int) error {
	of := "petition " + lp.id
	seen := make(map[int]bool, len(lp.verdicts))
	var buf []byte
	err := s.Store.EachVerdictRecord(ctx, lp.id, lp.whole, func(r *signet.VerdictRecord) error {
		n["verdicts"]++
		name := fmt.Sprintf("line %s (position %s)", r.LineID, commas(r.Seq))
		e := lp.verdicts[r.Seq]
		if e == nil {
			f.extra("verdicts", of, name)
			return nil
		}
		seen[r.Seq] = true
		if field, stored, recorded := verdictDiff(r, e, lp.whole, &buf); field != "" {
			f.field("verdicts", of, name, field, stored, recorded, e.seq)
		}
		return nil
	})
	if err != nil {
		return err
	}
	var lost []int
	for seq := range lp.verdicts {
		if !seen[seq] {
			lost = append(lost, seq)
		}
	}
	sort.Ints(lost)
	for _, seq := range lost {
		e := lp.verdicts[seq]
		f.missing("verdicts", of, fmt.Sprintf("line %s (position %s)", e.Line, commas(seq)), e.seq)
	}
	return nil
}

// verdictDiff names the first field of a verdict row that differs from its events;
// candidates says the row's candidates were read, to be compared with their digest.
func verdictDiff(r *signet.VerdictRecord, e *verdictLedger, candidates bool, buf *[]byte) (field, stored, recorded string) {
	type cmp struct{ field, stored, recorded string }
	list := []cmp{
		{"line_id", r.LineID, e.Line},
		{"verdict", r.Code(), e.Verdict},
		{"voter_id", r.VoterID, e.Voter},
		{"score", strconv.FormatFloat(r.Score, 'g', -1, 64), strconv.FormatFloat(e.Score, 'g', -1, 64)},
		{"notes", strings.Join(r.Notes, ";"), strings.Join(e.Notes, ";")},
		{"decided_by", r.DecidedBy, e.actor},
	}
	if e.At != "" {
		list = append(list, cmp{"decided_at", r.DecidedAt.UTC().Format(signet.EventTimeLayout), e.At})
	}
	if full := e.full; full != nil {
		list = append(list,
			cmp{"base_verdict", signet.CodeOf(r.BaseValid, r.BaseReason, r.BaseSubReason), full.Base},
			cmp{"decision", string(r.Decision), full.Decision},
			cmp{"roll_import_id", strconv.FormatInt(r.RollImport, 10), strconv.FormatInt(full.Roll, 10)})
		if candidates && full.Candidates != "" {
			*buf = signet.AppendCandidates((*buf)[:0], r.Candidates)
			list = append(list, cmp{"candidates (digest)", signet.CandidatesDigest(*buf), full.Candidates})
		}
	}
	for _, c := range list {
		if c.stored != c.recorded {
			return c.field, c.stored, c.recorded
		}
	}
	return "", "", ""
}

// reconcileReviews compares a petition's signature and link decisions with their events.
func (s *Service) reconcileReviews(ctx context.Context, lp *petitionLedger, f *findings, n map[string]int) error {
	of := "petition " + lp.id
	reviews, err := s.Store.Reviews(ctx, lp.id)
	if err != nil {
		return err
	}
	n["reviews"] += len(reviews)
	reconcileDecisions(f, "reviews", of, reviews, lp.reviews, func(r signet.Review, e reviewLedger) []string {
		return []string{"signature", string(r.Signature), e.Signature, "decided_by", r.By, e.actor}
	})
	links, err := s.Store.LinkReviews(ctx, lp.id)
	if err != nil {
		return err
	}
	n["link_reviews"] += len(links)
	reconcileDecisions(f, "link_reviews", of, links, lp.linkReviews, func(r signet.LinkReview, e reviewLedger) []string {
		return []string{"voter_id", r.VoterID, e.Voter, "decided_by", r.By, e.actor}
	})
	return nil
}

// reconcileDecisions compares the latest decision of each line, as stored, with the event
// that recorded it; fields gives the (field, stored, recorded) triples to compare.
func reconcileDecisions[T any](f *findings, table, of string, stored map[string]T, recorded map[string]reviewLedger, fields func(T, reviewLedger) []string) {
	for _, id := range slices.Sorted(maps.Keys(stored)) {
		e, ok := recorded[id]
		if !ok {
			f.extra(table, of, "line "+id)
			continue
		}
		compareFields(f, table, of, "line "+id, e.seq, fields(stored[id], e)...)
	}
	for _, id := range slices.Sorted(maps.Keys(recorded)) {
		if _, ok := stored[id]; !ok {
			f.missing(table, of, "line "+id, recorded[id].seq)
		}
	}
}

// reconcileSample compares a petition's sample and projection with their events.
func (s *Service) reconcileSample(ctx context.Context, lp *petitionLedger, f *findings, n map[string]int) error {
	of := "petition " + lp.id
	sm, err := s.Store.Sample(ctx, lp.id)
	switch {
	case signet.Code(err) == signet.ENotFound:
		if lp.sample != nil {
			f.missing("samples", of, "the sample", lp.sample.seq)
		}
	case err != nil:
		return err
	case lp.sample == nil:
		f.extra("samples", of, "the sample")
	default:
		n["samples"]++
		e := lp.sample
		compareFields(f, "samples", of, "the sample", e.seq,
			"seed", sm.Seed, e.Seed,
			"population", strconv.Itoa(sm.Population), strconv.Itoa(e.Population),
			"size", strconv.Itoa(sm.Size), strconv.Itoa(e.Size),
			"lines", seqList(sm.Seqs), seqList(e.Lines))
	}
	pr, err := s.Store.Projection(ctx, lp.id)
	switch {
	case signet.Code(err) == signet.ENotFound:
		if lp.projection != nil {
			f.missing("projections", of, "the projection", lp.projection.seq)
		}
	case err != nil:
		return err
	case lp.projection == nil:
		f.extra("projections", of, "the projection")
	default:
		n["projections"]++
		e := lp.projection
		var recorded struct {
			Decision string `json:"decision"`
		}
		_ = json.Unmarshal(e.result, &recorded)
		compareFields(f, "projections", of, "the projection", e.seq,
			"result", compactJSON(pr.Result), compactJSON(string(e.result)),
			"decision", pr.Decision, recorded.Decision)
	}
	return nil
}

// reconcileStateReports compares a state recall's county reports with their events.
func (s *Service) reconcileStateReports(ctx context.Context, lp *petitionLedger, f *findings, n map[string]int) error {
	if len(lp.states) == 0 && lp.created.Kind != string(signet.KindStateRecall) {
		return nil
	}
	of := "petition " + lp.id
	reps, err := s.Store.StateReports(ctx, lp.id)
	if err != nil {
		return err
	}
	n["state_reports"] += len(reps)
	seen := map[string]bool{}
	for _, r := range reps {
		key := r.County + "\x00" + signet.FormatDate(r.PeriodEnd)
		name := fmt.Sprintf("report of %s for the period ending %s", r.County, signet.FormatDate(r.PeriodEnd))
		e, ok := lp.states[key]
		if !ok {
			f.extra("state_reports", of, name)
			continue
		}
		seen[key] = true
		compareFields(f, "state_reports", of, name, e.seq,
			"raw", strconv.Itoa(r.Raw), strconv.Itoa(e.Raw),
			"valid", strconv.Itoa(r.Valid), strconv.Itoa(e.Valid))
	}
	for _, key := range slices.Sorted(maps.Keys(lp.states)) {
		if !seen[key] {
			e := lp.states[key]
			f.missing("state_reports", of, fmt.Sprintf("report of %s for the period ending %s", e.County, e.PeriodEnd), e.seq)
		}
	}
	return nil
}

// compareFields records the first of the (field, stored, recorded) triples that differ.
func compareFields(f *findings, table, of, row string, event int64, triples ...string) {
	for i := 0; i+2 < len(triples); i += 3 {
		if triples[i+1] != triples[i+2] {
			f.field(table, of, row, triples[i], triples[i+1], triples[i+2], event)
			return
		}
	}
}

func seqList(seqs []int) string {
	var b strings.Builder
	for i, q := range seqs {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.Itoa(q))
	}
	return b.String()
}

func compactJSON(s string) string {
	var b bytes.Buffer
	if err := json.Compact(&b, []byte(s)); err != nil {
		return s
	}
	return b.String()
}
