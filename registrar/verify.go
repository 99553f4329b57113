package registrar

import (
	"cmp"
	"context"
	"fmt"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/law"
	"github.com/signet-vote/signet/match"
)

// VerifyOptions are the settings of one verification run.
type VerifyOptions struct {
	Petition string
	Actor    string
	// SampleOnly verifies only the lines of the petition's random sample.
	SampleOnly bool
	// Linker is "fs-v1" (the default, Fellegi-Sunter with a review band) or "simple-v1".
	Linker string
	// Workers is the number of goroutines linking lines (default: one per core).
	Workers int
	// Batch is the number of lines per committed batch (default: a fortieth of the lines,
	// between 5,000 and 25,000). An interrupted run loses at most one batch's work.
	Batch int
	// Pause is a pause after each stored batch (before each batch of a shared count), for
	// tests that interrupt a count.
	Pause time.Duration
	// Shared makes this run one of several processes that share the count, where the
	// store offers that (signet.SharedCounts): the lines are queued in batches that every
	// process sharing the count claims in turn.
	Shared bool
	// Claims is how many batches of a shared count this process works at once (default 2).
	Claims int
	// StuckAfter is how long a batch of a shared count may stay claimed before another
	// process takes it over (its own may have died); default 10 minutes.
	StuckAfter time.Duration
}

// ValidLinker reports whether name is a linker a count can use: fs-v1 or simple-v1.
func ValidLinker(name string) bool { return name == "fs-v1" || name == "simple-v1" }

// VerifyResult is what a verification run did; its JSON keys are a contract
// ("signet verify --json", read by "signet bench match").
type VerifyResult struct {
	Petition          string  `json:"petition"`
	Lines             int     `json:"lines"`
	Verified          int     `json:"verified"`
	DuplicatesChanged int     `json:"duplicates_changed"`
	Linker            string  `json:"linker"`
	RollSnapshot      int64   `json:"roll_snapshot"`
	Seconds           float64 `json:"seconds"`
	LoadSeconds       float64 `json:"load_seconds"`
	LinkSeconds       float64 `json:"link_seconds"`
	PairsScored       int64   `json:"pairs_scored"`
	// Stages are the seconds of the run's stages: read_roll, read_linker_snapshot (fs-v1,
	// beside read_roll), build_linker (from the snapshot, or built), read_lines (beside those),
	// store_linker_snapshot (when the linker was built rather than read from its snapshot),
	// link_and_store, duplicate_rule (when the rule ran over the whole petition).
	Stages map[string]float64 `json:"stages"`
	// LinkerFrom says how fs-v1 was made: "snapshot" (read from the one stored with the
	// roll) or "built" (and its snapshot stored for the next count).
	LinkerFrom string `json:"linker_from,omitempty"`
	// PeakRSSBytes is the process's peak resident memory, where the door measures it.
	PeakRSSBytes int64 `json:"peak_rss_bytes,omitempty"`
	// StoppedEarly says the count stopped once the requirement was confirmed, as the rule
	// pack allows; the remaining lines have no verdict.
	StoppedEarly bool `json:"stopped_early"`
	// Shared says the run was one process of a shared count: Verified counts the lines
	// this process stored.
	Shared bool `json:"shared,omitempty"`
}

// Verify links a filed petition's lines (or its sampled lines) to the jurisdiction's
// current roll and decides each: the rules (law.Checks), then the duplicate policy.
// Verdicts are stored in batches, each whole or not at all, so an interrupted run keeps
// whole batches; a run verifies just the lines without a verdict and those whose signature
// or link decision was recorded after their verdict (resumable and idempotent). Where the
// pack allows, a full count stops once the required valid signatures are confirmed.
func (s *Service) Verify(ctx context.Context, o VerifyOptions) (VerifyResult, error) {
	id := o.Petition
	start := time.Now()
	res := VerifyResult{Petition: id, Stages: map[string]float64{}}
	if o.Linker != "" && !ValidLinker(o.Linker) {
		return res, signet.Errorf(signet.EInvalid, "linker %q: want fs-v1 or simple-v1", o.Linker)
	}
	p, err := s.filedPetition(ctx, id, "verification counts the lines filed")
	if err != nil {
		return res, err
	}
	j, err := s.Store.Jurisdiction(ctx, p.JurisdictionID)
	if err != nil {
		return res, err
	}
	// One count of a petition at a time, where the store does not share counts.
	if h, ok := s.Store.(signet.CountHolds); ok {
		if _, shares := s.Store.(signet.SharedCounts); !shares || !o.Shared {
			release, err := h.HoldCount(ctx, id, cmp.Or(o.Actor, "signet verify"))
			if err != nil {
				return res, err
			}
			defer release()
		}
	}
	if res.Lines, err = s.Store.LineCount(ctx, id); err != nil {
		return res, err
	}
	var sampled map[int]bool
	if o.SampleOnly {
		sm, err := s.Store.Sample(ctx, id)
		if err != nil {
			return res, err
		}
		sampled = make(map[int]bool, len(sm.Seqs))
		for _, q := range sm.Seqs {
			sampled[q] = true
		}
	}
	// People's decisions, read once: they say which lines are decided again, the checks
	// apply the signature decisions, the linker the link decisions.
	reviews, err := s.Store.Reviews(ctx, id)
	if err != nil {
		return res, err
	}
	links, err := s.Store.LinkReviews(ctx, id)
	if err != nil {
		return res, err
	}
	rulings, err := s.Store.Overrides(ctx, id)
	if err != nil {
		return res, err
	}
	// The lines are read while the roll is read and the linker built: each takes seconds at
	// county scale, and neither needs the other.
	var pending []signet.Line
	var redo map[int]bool
	var linesErr error
	var linesTook time.Duration
	linesRead := make(chan struct{})
	go func() {
		defer close(linesRead)
		t := time.Now()
		pending, redo, linesErr = s.pendingLines(ctx, id, sampled, reviews, links, rulings)
		linesTook = time.Since(t)
	}()
	linker, roll, err := s.loadLinker(ctx, p, o.Linker, links, &res)
	<-linesRead
	res.Stages["read_lines"] = linesTook.Seconds()
	if err == nil {
		err = linesErr
	}
	if err != nil {
		return res, err
	}
	if len(pending) > 0 {
		res.Linker, res.RollSnapshot = linker.Name(), roll
		res.LoadSeconds = time.Since(start).Seconds()
		checks := law.NewChecks(p, j, reviews)
		var enough func([]signet.VerdictRecord) bool
		if r, err := Rules(p); err == nil && r.StopsEarly(p) && !o.SampleOnly {
			if enough, err = s.stopEarly(ctx, p, redo); err != nil {
				return res, err
			}
		}
		if sc, ok := s.Store.(signet.SharedCounts); ok && o.Shared {
			res.Shared = true
			res.Verified, res.StoppedEarly, err = s.sharedCount(ctx, sc, checks, rulings, linker, roll, pending, func(ctx context.Context) ([]signet.Line, map[int]bool, error) {
				return s.pendingLines(ctx, id, sampled, reviews, links, rulings)
			}, o, enough)
		} else {
			res.Verified, res.StoppedEarly, res.DuplicatesChanged, err = s.verifyLines(ctx, checks, rulings, linker, roll, pending, redo, o, enough)
		}
		if err != nil && res.Verified > 0 && ctx.Err() == nil {
			// Say what the interrupted count kept: its whole batches.
			return res, fmt.Errorf("verification of petition %s stopped after storing the verdicts of %d of its %d lines to verify, which are kept; run verify again to finish: %w",
				id, res.Verified, len(pending), err)
		}
		if err != nil {
			return res, err
		}
		res.LinkSeconds = time.Since(start).Seconds() - res.LoadSeconds
		res.Stages["link_and_store"] = res.LinkSeconds
		if pc, ok := linker.(interface{ PairsScored() int64 }); ok {
			res.PairsScored = pc.PairsScored()
		}
	}
	// A run that decided and stored every line of the petition struck as it went every
	// line the rule strikes (law.DuplicateTracker): the rule has nothing left to change.
	// Otherwise (and after a shared count, whose batches strike nothing) it runs over the
	// whole petition.
	if res.Verified != res.Lines || o.SampleOnly || res.Shared {
		t := time.Now()
		changed, err := s.Store.ApplyDuplicateRule(ctx, id, law.DuplicateRule(p.Duplicates), dupActor(p))
		if err != nil {
			return res, err
		}
		res.DuplicatesChanged += changed
		res.Stages["duplicate_rule"] = time.Since(t).Seconds()
	}
	res.Seconds = time.Since(start).Seconds()
	return res, nil
}

// pendingLines returns, in filing order, the lines that need a verdict (of the sampled
// ones, when sampled is not nil): those without one, and those whose signature decision
// (reviews), link decision (links) or ruling (rulings) was recorded after their verdict.
// redo holds the filing positions of the latter.
func (s *Service) pendingLines(ctx context.Context, petition string, sampled map[int]bool, reviews map[string]signet.Review, links map[string]signet.LinkReview,
	rulings map[string]signet.Override) ([]signet.Line, map[int]bool, error) {
	lines, err := s.Store.Lines(ctx, petition)
	if err != nil {
		return nil, nil, err
	}
	decided, err := s.Store.VerdictTimes(ctx, petition)
	if err != nil {
		return nil, nil, err
	}
	redo := map[int]bool{}
	if len(decided) == 0 && sampled == nil {
		return lines, redo, nil
	}
	out := lines[:0]
	for _, l := range lines {
		if sampled != nil && !sampled[l.Seq] {
			continue
		}
		if at, ok := decided[l.Seq]; ok {
			r, byHand := reviews[l.ID()]
			k, byLink := links[l.ID()]
			o, ruled := rulings[l.ID()]
			if !(byHand && r.At.After(at)) && !(byLink && k.At.After(at)) && !(ruled && o.At.After(at)) {
				continue
			}
			redo[l.Seq] = true
		}
		out = append(out, l)
	}
	return out, redo, nil
}

// stopEarly returns what tells, after each stored batch, whether a full count may stop:
// the official may stop once the required valid signatures are found (the pack's StopEarly
// rule, under keep_first). The count of voters with a valid line starts from the stored
// verdicts this run does not replace.
func (s *Service) stopEarly(ctx context.Context, p signet.Petition, redo map[int]bool) (func([]signet.VerdictRecord) bool, error) {
	voters := map[string]int{}
	err := s.Store.EachVerdict(ctx, p.ID, func(v signet.VerdictRow) {
		if v.BaseValid && v.VoterID != "" && !redo[v.Seq] {
			voters[v.VoterID]++
		}
	})
	if err != nil {
		return nil, err
	}
	return func(recs []signet.VerdictRecord) bool {
		for i := range recs {
			if recs[i].BaseValid && recs[i].VoterID != "" {
				voters[recs[i].VoterID]++
			}
		}
		return len(voters) >= p.Required
	}, nil
}

// loadLinker reads the petition's roll and builds the named linker over it, with the link
// decisions people recorded applied over it. It returns the roll snapshot's id.
func (s *Service) loadLinker(ctx context.Context, p signet.Petition, name string, links map[string]signet.LinkReview, res *VerifyResult) (signet.Linker, int64, error) {
	t := time.Now()
	imp, err := s.Store.CurrentRoll(ctx, p.JurisdictionID)
	if err != nil {
		return nil, 0, err
	}
	// fs-v1's snapshot is read beside the roll: each is hundreds of MB at county scale.
	var snap []byte
	var snapErr error
	var snapTook time.Duration
	snapRead := make(chan struct{})
	if name == "" || name == "fs-v1" {
		go func() {
			defer close(snapRead)
			t := time.Now()
			snap, snapErr = s.Store.LinkerSnapshot(ctx, imp.ID, "fs-v1")
			snapTook = time.Since(t)
		}()
	} else {
		close(snapRead)
	}
	roll, err := s.Store.OpenRoll(ctx, imp)
	res.Stages["read_roll"] = time.Since(t).Seconds()
	<-snapRead
	if snapTook > 0 {
		res.Stages["read_linker_snapshot"] = snapTook.Seconds()
	}
	if err == nil {
		err = snapErr
	}
	if err != nil {
		return nil, 0, err
	}
	t = time.Now()
	linker, err := s.buildLinker(ctx, p.ID, name, roll, imp.ID, snap, res)
	if err != nil {
		return nil, 0, err
	}
	linker = withLinkReviews(linker, roll, links)
	res.Stages["build_linker"] = time.Since(t).Seconds()
	return linker, imp.ID, nil
}

// buildLinker makes the named linker over the roll (snapshot rollID). fs-v1 is read from
// snap, its stored snapshot, when that is of this build, else built and its snapshot stored.
// It learns its m probabilities (EM) from evenly spaced lines of the whole petition, the
// same lines on every run, so that a resumed verification decides exactly as an
// uninterrupted one.
func (s *Service) buildLinker(ctx context.Context, petition, name string, roll signet.Roll, rollID int64, snap []byte, res *VerifyResult) (signet.Linker, error) {
	if name == "simple-v1" {
		return match.NewLinker(match.VotersOf(roll)), nil
	}
	e, err := s.fsEngine(ctx, roll, rollID, snap, res)
	if err != nil {
		return nil, err
	}
	train, err := s.Store.SpacedLines(ctx, petition, 20000)
	if err != nil {
		return nil, err
	}
	e.Train(train)
	return e, nil
}

// verifyLines links and classifies lines in batches on several goroutines and stores each
// batch's verdicts, in filing order, as one transaction. enough, when not nil, is told each
// stored batch and says whether the count may stop. It returns the number of lines
// decided, whether it stopped early, and how many lines the duplicate rule struck as they
// were stored (law.DuplicateTracker).
func (s *Service) verifyLines(ctx context.Context, checks *law.Checks, rulings map[string]signet.Override, linker signet.Linker, roll int64, lines []signet.Line, redo map[int]bool, o VerifyOptions, enough func([]signet.VerdictRecord) bool) (int, bool, int, error) {
	// Fewer, larger batches mean fewer commits, each writing the pages it touched.
	batch := o.Batch
	if batch <= 0 {
		batch = min(max(len(lines)/40, 5000), 25000)
	}
	workers := o.Workers
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	by := "signet verify (" + linker.Name() + ")"
	type job struct {
		lines []signet.Line
		recs  []signet.VerdictRecord
		done  chan struct{}
		left  atomic.Int32 // chunks not linked yet
	}
	type chunk struct {
		jb   *job
		a, b int
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// The goroutine that stores the batches, one after the other, is the slowest part of a
	// count: it must never wait for a core. Every goroutine takes one of slots (one per
	// core) while it works; the store keeps one while it stores a batch, so linking, which
	// runs batches ahead, gets the other cores. Without this the store got a share of a
	// core among many linking goroutines and a count at county scale took a third longer.
	slots := make(chan struct{}, max(runtime.GOMAXPROCS(0), 1))
	jobs := make(chan *job, workers*2)
	// Linking goroutines take the lines in small chunks in filing order, so that the batch
	// the store waits for is finished first.
	const chunkLines = 256
	chunks := make(chan chunk, workers*4)
	for w := 0; w < workers; w++ {
		go func() {
			for c := range chunks {
				slots <- struct{}{}
				for i := c.a; i < c.b && ctx.Err() == nil; i++ {
					l := &c.jb.lines[i]
					r := &c.jb.recs[i]
					*r = s.decide(checks, rulings, linker, l, roll, by)
					r.Redo = redo[l.Seq]
					// Encoding here, on the linking goroutines, leaves the one that
					// stores every batch in turn only the hash chain and the database.
					s.Store.PrepareVerdict(r)
				}
				<-slots
				if c.jb.left.Add(-1) == 0 {
					close(c.jb.done)
				}
			}
		}()
	}
	// Producer: cut the lines into batches, each batch into chunks.
	go func() {
		defer close(jobs)
		defer close(chunks)
		for lo := 0; lo < len(lines); lo += batch {
			hi := min(lo+batch, len(lines))
			jb := &job{lines: lines[lo:hi], recs: make([]signet.VerdictRecord, hi-lo), done: make(chan struct{})}
			jb.left.Store(int32((hi - lo + chunkLines - 1) / chunkLines))
			select {
			case jobs <- jb:
			case <-ctx.Done():
				return
			}
			for a := 0; a < hi-lo; a += chunkLines {
				select {
				case chunks <- chunk{jb, a, min(a+chunkLines, hi-lo)}:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	decided := 0
	dups := law.NewDuplicateTracker(checks.Petition.Duplicates, len(lines))
	actor := dupActor(checks.Petition)
	nstruck := 0
	s.progress("verifying", 0, len(lines))
	defer s.progress("verifying", -1, len(lines))
	for jb := range jobs {
		select {
		case <-jb.done:
		case <-ctx.Done():
			return decided, false, nstruck, ctx.Err()
		}
		if err := ctx.Err(); err != nil {
			return decided, false, nstruck, err
		}
		// A line the duplicate rule will strike whatever the lines still to come is struck
		// now, in the batch's own transaction, while the pages are in the cache: striking
		// 43,000 lines afterwards rewrote most of the verdicts table. The rows and events
		// are those the rule writes afterwards (the linker's verdict, then the rule's).
		slots <- struct{}{}
		var struck []signet.DuplicateChange
		for i := range jb.recs {
			if c, ok := signet.DuplicateCandidateOf(&jb.recs[i], jb.lines[i].DateSigned); ok {
				struck = dups.Add(c, struck)
			}
		}
		err := s.Store.SaveVerdicts(ctx, checks.Petition.ID, jb.recs, struck, actor)
		<-slots
		if err != nil {
			return decided, false, nstruck, err
		}
		nstruck += len(struck)
		decided += len(jb.recs)
		s.progress("verifying", decided, len(lines))
		if o.Pause > 0 {
			time.Sleep(o.Pause)
		}
		if enough != nil && decided < len(lines) && enough(jb.recs) {
			return decided, true, nstruck, nil
		}
	}
	return decided, false, nstruck, ctx.Err()
}

// dupActor is who the duplicate rule's changes are recorded as decided by.
func dupActor(p signet.Petition) string {
	return "signet verify (duplicate rule " + string(p.Duplicates) + ")"
}

// decide links one line and turns the link into its verdict record (before the duplicate
// rule). A ruling on the line (a clerk's invalid decision, a supervisor's override, an
// upheld challenge) decides its outcome over the checks: a person's decision, recorded
// with its stated reason and audited, as a link decision is.
func (s *Service) decide(checks *law.Checks, rulings map[string]signet.Override, linker signet.Linker, l *signet.Line, roll int64, by string) signet.VerdictRecord {
	link := linker.Link(l)
	v := checks.Classify(l, link)
	v.DecidedBy, v.DecidedAt = by, s.now()
	if r, ok := checks.Reviews[v.LineID]; ok && v.Reason == signet.SignatureMismatch {
		v.DecidedBy = r.By
	}
	if rl, ok := linker.(*reviewedLinker); ok {
		if r, ok := rl.reviews[v.LineID]; ok {
			v.DecidedBy = r.By + " (link review)"
		}
	}
	if o, ok := rulings[v.LineID]; ok {
		v.Valid, v.Reason, v.SubReason = o.Valid, o.Reason, o.SubReason
		if !o.Valid {
			v.Notes = nil
		}
		v.DecidedBy = o.By + " (" + o.Source + ")"
	}
	rec := signet.VerdictRecord{Verdict: v, Seq: l.Seq, BaseValid: v.Valid, BaseReason: v.Reason, BaseSubReason: v.SubReason, Candidates: link.Candidates, Decision: link.Decision}
	if rec.Decision == "" {
		rec.Decision = signet.DecideNone
		if link.Voter != nil {
			rec.Decision = signet.DecideLink
		}
	}
	if v.VoterID != "" {
		rec.RollImport = roll
	}
	return rec
}
