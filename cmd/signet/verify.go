package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/law"
	"github.com/signet-vote/signet/match"
	"github.com/signet-vote/signet/sqlite"
)

func (m *Main) runVerify(ctx context.Context, args []string) error {
	fs := m.flags("verify", "--petition P [--sample] [--linker fs-v1|simple-v1] [--workers N]",
		`Verify a filed petition's lines against the jurisdiction's current roll (the full count):
link every line to a voter, apply the rules (Elections Code §100, §105, §11303; 2 CCR §20931,
§20960) and the duplicate policy, and store every verdict with its reason, voter, score, and
who decided when. Verification is resumable and idempotent: verdicts are committed in batches,
so an interrupted run keeps whole batches only, and a re-run verifies just the lines without a
verdict (and lines whose signature or link decision was recorded after their verdict), then
applies the duplicate rule over the whole petition again. --sample verifies only the lines of
the petition's random sample. Where the rule pack allows (county initiatives, Nevada) the full
count stops once the required valid signatures are confirmed. Lines the linker cannot decide
alone go to the review queue (signet review next) with their best candidate standing.`)
	c := m.commonFlags(fs, true)
	id := fs.String("petition", "", "petition id")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "goroutines linking lines")
	linkerName := fs.String("linker", "fs-v1", "the linker: fs-v1 (Fellegi-Sunter, with a review band) or simple-v1 (rules)")
	sampleOnly := fs.Bool("sample", false, "verify only the lines of the petition's random sample (signet sample draw --petition P)")
	s, err := m.openFor(ctx, fs, args, c, "petition")
	if err != nil {
		return err
	}
	defer s.Close()
	defer m.tightGC()()
	res, err := m.verify(ctx, s, verifyOptions{petition: *id, actor: *c.actor, workers: *workers, sampleOnly: *sampleOnly, linker: *linkerName})
	if err != nil {
		return err
	}
	res.PeakRSSBytes = peakRSS()
	if c.isJSON() {
		return m.printJSON(res)
	}
	fmt.Fprintf(m.Stdout, "verified %s of %s lines of petition %s in %.1fs (%s already had verdicts); duplicate rule changed %s verdicts\n",
		commas(res.Verified), commas(res.Lines), *id, res.Seconds, commas(res.Lines-res.Verified), commas(res.DuplicatesChanged))
	if res.StoppedEarly {
		fmt.Fprintf(m.Stdout, "stopped early: the required valid signatures are confirmed, as the rule pack allows\n")
	}
	return nil
}

// verifyResult is what a verification run did.
type verifyResult struct {
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
	// PeakRSSBytes is the process's peak resident memory so far, where the system says
	// (Linux's VmHWM): for a count run on its own, the count's.
	PeakRSSBytes int64 `json:"peak_rss_bytes,omitempty"`
	// StoppedEarly says the count stopped once the requirement was confirmed, as the rule
	// pack allows; the remaining lines have no verdict.
	StoppedEarly bool `json:"stopped_early"`
}

// peakRSS is the process's peak resident memory (VmHWM in /proc/self/status), 0 where the
// system does not say. Unlike the rusage a parent reads, it is not raised by the memory of
// the parent that started the process: Linux counts that into the child's ru_maxrss when
// the child is started by vfork and exec, as os/exec does.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				return 0
			}
			return kb * 1024
		}
	}
	return 0
}

// tightGC has the collector run at 1.5 times the live heap instead of twice, unless the
// user set GOGC, and returns what restores it. The roll's packs and the linker are most of
// the heap of a count or a roll import, made once and kept to the end: a county-scale count
// (5.67 M voters) peaks near 3.0 GiB instead of 3.7-4.2, at no measurable cost in time.
func (m *Main) tightGC() func() {
	if m.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(50)
	return func() { debug.SetGCPercent(old) }
}

// pairCounter is a linker that counts the candidate pairs it scored.
type pairCounter interface{ PairsScored() int64 }

// envInt reads a positive integer setting from the environment.
func (m *Main) envInt(name string, def int) int {
	if v, err := strconv.Atoi(m.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// verify runs the full count of a petition; see runVerify.
//
// Two settings exist for tests and tuning: SIGNET_VERIFY_BATCH (lines per committed batch,
// default a fortieth of the lines, between 5,000 and 25,000) and SIGNET_VERIFY_PAUSE_MS (a pause after each batch, default 0).
// verifyOptions are the settings of one verification run.
type verifyOptions struct {
	petition, actor string
	workers         int
	sampleOnly      bool
	linker          string // "fs-v1" (default) or "simple-v1"
}

func (m *Main) verify(ctx context.Context, s *sqlite.Store, o verifyOptions) (verifyResult, error) {
	id, workers, sampleOnly := o.petition, o.workers, o.sampleOnly
	start := time.Now()
	res := verifyResult{Petition: id, Stages: map[string]float64{}}
	p, err := s.Petition(ctx, id)
	if err != nil {
		return res, err
	}
	if p.Filed.IsZero() {
		return res, signet.Errorf(signet.EConflict, "petition %q is not filed yet: verification counts the lines filed (signet petition file --petition %s --date DATE)", id, id)
	}
	j, err := s.Jurisdiction(ctx, p.JurisdictionID)
	if err != nil {
		return res, err
	}
	if res.Lines, err = s.LineCount(ctx, id); err != nil {
		return res, err
	}
	if sampleOnly {
		if _, err := s.Sample(ctx, id); err != nil {
			return res, err
		}
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
		pending, redo, linesErr = s.PendingLines(ctx, id, sampleOnly)
		linesTook = time.Since(t)
	}()
	linker, roll, err := m.loadLinker(ctx, s, p, o.linker, &res)
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
		reviews, err := s.Reviews(ctx, id)
		if err != nil {
			return res, err
		}
		res.LoadSeconds = time.Since(start).Seconds()
		checks := law.NewChecks(p, j, reviews)
		bar := m.newProgress(int64(len(pending)), "verifying", false)
		var enough func([]sqlite.VerdictRecord) bool
		if r, err := petitionRules(p); err == nil && r.StopEarly && !sampleOnly && p.Duplicates == signet.KeepFirst {
			// The official may stop once the required valid signatures are found (the pack's
			// StopEarly rule). Under keep_first each voter keeps one valid line, so the count
			// of voters with a valid line never falls as more lines are verified. The count
			// starts from the stored verdicts this run does not replace.
			stored, err := s.ValidVoterLines(ctx, id)
			if err != nil {
				return res, err
			}
			voters := map[string]int{}
			for seq, v := range stored {
				if !redo[seq] {
					voters[v]++
				}
			}
			enough = func(recs []sqlite.VerdictRecord) bool {
				for i := range recs {
					if recs[i].BaseValid && recs[i].VoterID != "" {
						voters[recs[i].VoterID]++
					}
				}
				return len(voters) >= p.Required
			}
		}
		res.Verified, res.StoppedEarly, res.DuplicatesChanged, err = m.verifyLines(ctx, s, checks, linker, roll, pending, redo, workers, bar, enough)
		bar.done()
		if err != nil {
			return res, err
		}
		res.LinkSeconds = time.Since(start).Seconds() - res.LoadSeconds
		res.Stages["link_and_store"] = res.LinkSeconds
		if pc, ok := any(linker).(pairCounter); ok {
			res.PairsScored = pc.PairsScored()
		}
	}
	// A run that decided and stored every line of the petition struck as it went every
	// line the rule strikes (duplicateTracker): the rule has nothing left to change
	// (TestDuplicateRuleHasNothingLeft). Otherwise it runs over the whole petition.
	if res.Verified != res.Lines || sampleOnly {
		t := time.Now()
		changed, err := s.ApplyDuplicates(ctx, id, p.Duplicates, dupActor(p))
		if err != nil {
			return res, err
		}
		res.DuplicatesChanged += changed
		res.Stages["duplicate_rule"] = time.Since(t).Seconds()
	}
	res.Seconds = time.Since(start).Seconds()
	return res, nil
}

// loadLinker reads the petition's roll and builds the named linker over it, with the link
// decisions people recorded applied over it. It returns the roll snapshot's id.
func (m *Main) loadLinker(ctx context.Context, s *sqlite.Store, p signet.Petition, name string, res *verifyResult) (signet.Linker, int64, error) {
	t := time.Now()
	imp, err := s.CurrentRoll(ctx, p.JurisdictionID)
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
			snap, snapErr = s.LinkerSnapshot(ctx, imp.ID, "fs-v1")
			snapTook = time.Since(t)
		}()
	} else {
		close(snapRead)
	}
	roll, err := s.OpenRollSnapshot(ctx, imp)
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
	linker, err := m.buildLinker(ctx, s, p.ID, name, roll, imp.ID, snap, res)
	if err != nil {
		return nil, 0, err
	}
	if linker, err = withLinkReviews(ctx, s, p.ID, linker, roll); err != nil {
		return nil, 0, err
	}
	res.Stages["build_linker"] = time.Since(t).Seconds()
	return linker, imp.ID, nil
}

// verifyLines links and classifies lines in batches on several goroutines and commits each
// batch's verdicts, in filing order, as one transaction.
// enough, when not nil, is told each stored batch and says whether the count may stop. It returns
// the number of lines decided, whether it stopped early, and how many lines the duplicate
// rule struck as they were stored (duplicateTracker).
func (m *Main) verifyLines(ctx context.Context, s *sqlite.Store, checks *law.Checks, linker signet.Linker, roll int64, lines []signet.Line, redo map[int]bool, workers int, bar *progress, enough func([]sqlite.VerdictRecord) bool) (int, bool, int, error) {
	// Fewer, larger batches mean fewer commits, each writing the pages it touched to the
	// WAL. (The size was chosen when the verdicts_voter index, dropped since, made every
	// commit rewrite most of its pages.) An interrupted run loses at most one batch's work.
	batch := m.envInt("SIGNET_VERIFY_BATCH", min(max(len(lines)/40, 5000), 25000))
	pause := time.Duration(m.envInt("SIGNET_VERIFY_PAUSE_MS", 0)) * time.Millisecond
	if workers < 1 {
		workers = 1
	}
	by := "signet verify (" + linker.Name() + ")"
	type job struct {
		lines []signet.Line
		recs  []sqlite.VerdictRecord
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
					*r = m.decide(checks, linker, l, roll, by)
					r.Redo = redo[l.Seq]
					// Encoding here, on the linking goroutines, leaves the one that
					// stores every batch in turn only the hash chain and SQLite.
					r.Prepare()
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
			jb := &job{lines: lines[lo:hi], recs: make([]sqlite.VerdictRecord, hi-lo), done: make(chan struct{})}
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
	dups := &duplicateTracker{policy: checks.Petition.Duplicates, first: make(map[string]int, len(lines))}
	nstruck := 0
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
		var struck []sqlite.DuplicateChange
		for i := range jb.recs {
			if c, ok := sqlite.DuplicateCandidateOf(&jb.recs[i], jb.lines[i].DateSigned); ok {
				struck = dups.add(c, struck)
			}
		}
		err := s.SaveVerdictsWithRule(ctx, checks.Petition.ID, jb.recs, struck, dupActor(checks.Petition))
		<-slots
		if err != nil {
			return decided, false, nstruck, err
		}
		nstruck += len(struck)
		decided += len(jb.recs)
		bar.add(len(jb.recs))
		if pause > 0 {
			time.Sleep(pause)
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

// duplicateTracker strikes, as a run stores its lines, those the duplicate rule strikes
// whatever lines come later; the rule, run once every line is decided, changes only the
// rest. A line of this run known to precede another of the same voter (signed earlier, or
// the same day and filed first) stays valid before the rule, so under keep_first the later
// one is struck for certain; under strike_all, any two lines of a voter are.
type duplicateTracker struct {
	policy signet.DuplicatePolicy
	// first is, by voter, the index in known of the voter's first line so far.
	first map[string]int
	// known are this run's lines the rule looks at, as stored (struck or not).
	known []sqlite.DuplicateCandidate
}

// add notes line c and appends to out the strikes it makes certain: c itself, and the
// voter's first line so far when c comes before it (or, under strike_all, is a second line).
func (t *duplicateTracker) add(c sqlite.DuplicateCandidate, out []sqlite.DuplicateChange) []sqlite.DuplicateChange {
	i := len(t.known)
	t.known = append(t.known, c)
	j, seen := t.first[c.Voter]
	if !seen {
		t.first[c.Voter] = i
		return out
	}
	p := &t.known[j]
	earlier := p.Signed < c.Signed || (p.Signed == c.Signed && p.Seq < c.Seq)
	strike := func(x *sqlite.DuplicateCandidate) {
		x.Valid, x.Reason = false, signet.Duplicate
		out = append(out, sqlite.DuplicateChange{DuplicateCandidate: *x, Struck: true})
	}
	if earlier || t.policy == signet.StrikeAll {
		strike(&t.known[i])
	}
	if (!earlier || t.policy == signet.StrikeAll) && p.Valid {
		strike(p)
	}
	if !earlier {
		t.first[c.Voter] = i
	}
	return out
}

// decide links one line and turns the link into its verdict record (before the duplicate rule).
func (m *Main) decide(checks *law.Checks, linker signet.Linker, l *signet.Line, roll int64, by string) sqlite.VerdictRecord {
	link := linker.Link(l)
	v := checks.Classify(l, link)
	v.DecidedBy, v.DecidedAt = by, m.Now()
	if r, ok := checks.Reviews[v.LineID]; ok && v.Reason == signet.SignatureMismatch {
		v.DecidedBy = r.By
	}
	if rl, ok := linker.(*reviewedLinker); ok {
		if r, ok := rl.reviews[v.LineID]; ok {
			v.DecidedBy = r.By + " (link review)"
		}
	}
	rec := sqlite.VerdictRecord{Verdict: v, Seq: l.Seq, BaseValid: v.Valid, BaseReason: v.Reason, BaseSubReason: v.SubReason, Candidates: link.Candidates, Decision: link.Decision}
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

// buildLinker makes the named linker over the roll (snapshot rollID). fs-v1 is read from
// snap, its stored snapshot, when that is of this build, else built and its snapshot stored.
// It learns its m probabilities (EM) from evenly spaced lines of the whole petition, the
// same lines on every run, so that a resumed verification decides exactly as an
// uninterrupted one.
func (m *Main) buildLinker(ctx context.Context, s *sqlite.Store, petition, name string, roll *sqlite.PackedRoll, rollID int64, snap []byte, res *verifyResult) (signet.Linker, error) {
	switch name {
	case "", "fs-v1":
		e, err := m.fsEngine(ctx, s, roll, rollID, snap, res)
		if err != nil {
			return nil, err
		}
		train, err := s.SpacedLines(ctx, petition, 20000)
		if err != nil {
			return nil, err
		}
		e.Train(train)
		return e, nil
	case "simple-v1":
		return match.NewLinker(roll.Voters()), nil
	}
	return nil, usageErr("--linker %q: want fs-v1 or simple-v1", name)
}

// fsOptions are the options fs-v1 is built with for a count, and its snapshots with them.
var fsOptions = match.EngineOptions{}

// fsEngine makes fs-v1 over roll snapshot rollID from data, its stored snapshot, or builds
// it and stores its snapshot when data is nil or not of this build.
func (m *Main) fsEngine(ctx context.Context, s *sqlite.Store, roll *sqlite.PackedRoll, rollID int64, data []byte, res *verifyResult) (*match.Engine, error) {
	if data != nil {
		e, err := match.LoadEngine(roll, fsOptions, data)
		if err == nil {
			// The snapshot read (700 MB at county scale, twice over counting the driver's
			// copies) is garbage now. Collected at once, it sets the collector's next goal
			// from the live heap; left, a cycle that marked it live lets the heap grow half
			// as much again before the next: a county-scale count peaked at 3.4 GB, not 3.1.
			runtime.GC()
			res.LinkerFrom = "snapshot"
			return e, nil
		}
		if !errors.Is(err, match.ErrStaleSnapshot) {
			fmt.Fprintf(m.Stderr, "signet: the stored fs-v1 snapshot of roll snapshot %d cannot be read (%v): building the linker again\n", rollID, err)
		}
	}
	res.LinkerFrom = "built"
	return buildFS(ctx, s, roll, rollID, res.Stages)
}

// buildFS builds fs-v1 over roll snapshot rollID and stores its snapshot, timed as the
// stage store_linker_snapshot when stages is not nil.
func buildFS(ctx context.Context, s *sqlite.Store, roll *sqlite.PackedRoll, rollID int64, stages map[string]float64) (*match.Engine, error) {
	e, err := match.NewEngineFromRoll(roll, fsOptions)
	if err != nil {
		return nil, err
	}
	t := time.Now()
	if err := s.SaveLinkerSnapshot(ctx, rollID, "fs-v1", e.Snapshot()); err != nil {
		return nil, err
	}
	if stages != nil {
		stages["store_linker_snapshot"] = time.Since(t).Seconds()
	}
	return e, nil
}

// snapshotLinker builds fs-v1 over roll snapshot imp and stores its snapshot, so that a
// count reads the linker rather than builds it. A roll import calls it.
func snapshotLinker(ctx context.Context, s *sqlite.Store, imp sqlite.RollImport) error {
	roll, err := s.OpenRollSnapshot(ctx, imp)
	if err != nil {
		return err
	}
	_, err = buildFS(ctx, s, roll, imp.ID, nil)
	return err
}
