package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/signet-vote/signet/registrar"
)

func (m *Main) runVerify(ctx context.Context, args []string) error {
	fs := m.flags("verify", "--petition P [--sample] [--linker fs-v1|simple-v1] [--workers N] [--claims N] [--stuck-after D]",
		`Verify a filed petition's lines against the jurisdiction's current roll (the full count):
link every line to a voter, apply the rules (Elections Code §100, §105, §11303; 2 CCR §20931,
§20960) and the duplicate policy, and store every verdict with its reason, voter, score, and
who decided when. Verification is resumable and idempotent: verdicts are committed in batches,
so an interrupted run keeps whole batches only, and a re-run verifies just the lines without a
verdict (and lines whose signature or link decision was recorded after their verdict), then
applies the duplicate rule over the whole petition again. --sample verifies only the lines of
the petition's random sample. Where the rule pack allows (county initiatives, Nevada) the full
count stops once the required valid signatures are confirmed. Lines the linker cannot decide
alone go to the review queue (signet review next) with their best candidate standing.

On PostgreSQL (--db postgres://...) a count is shared: every "signet verify" of the petition
on the database, on this machine or another, works the same queue of batches (the first
queues the lines still to verify; the others join), each batch stored with its events and
its completion in one transaction. A process that dies leaves its batch to the others after
--stuck-after; run verify again to finish a count no process is left working.`)
	c := m.commonFlags(fs, true)
	id := fs.String("petition", "", "petition id")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "goroutines linking lines")
	linkerName := fs.String("linker", "fs-v1", "the linker: fs-v1 (Fellegi-Sunter, with a review band) or simple-v1 (rules)")
	sampleOnly := fs.Bool("sample", false, "verify only the lines of the petition's random sample (signet sample draw --petition P)")
	claims := fs.Int("claims", 2, "batches of a shared count (PostgreSQL) this process works at once")
	stuckAfter := fs.Duration("stuck-after", 10*time.Minute, "how long a batch of a shared count may take before it is given up and another process takes it over")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if err := need("petition", *id); err != nil {
		return err
	}
	if !registrar.ValidLinker(*linkerName) {
		return usageErr("--linker %q: want fs-v1 or simple-v1", *linkerName)
	}
	if *claims < 1 || *stuckAfter <= 0 {
		return usageErr("--claims wants a positive number and --stuck-after a positive duration (10m, 30s)")
	}
	s, err := m.open(ctx, c)
	if err != nil {
		return err
	}
	defer s.Store.Close()
	defer m.tightGC()()
	res, err := s.Verify(ctx, m.verifyOptions(registrar.VerifyOptions{Petition: *id, Actor: *c.actor, Workers: *workers, SampleOnly: *sampleOnly, Linker: *linkerName,
		Shared: true, Claims: *claims, StuckAfter: *stuckAfter}))
	if err != nil {
		return err
	}
	res.PeakRSSBytes = peakRSS()
	if c.isJSON() {
		return m.printJSON(res)
	}
	switch {
	case *sampleOnly:
		// The lines outside the sample were not to verify: they are not "already verified".
		fmt.Fprintf(m.Stdout, "verified %s lines of the random sample of petition %s in %.1fs; duplicate rule changed %s verdicts\n",
			commas(res.Verified), *id, res.Seconds, commas(res.DuplicatesChanged))
	case res.Shared:
		fmt.Fprintf(m.Stdout, "verified %s of %s lines of petition %s in %.1fs, this process's share of the count; duplicate rule changed %s verdicts\n",
			commas(res.Verified), commas(res.Lines), *id, res.Seconds, commas(res.DuplicatesChanged))
	default:
		fmt.Fprintf(m.Stdout, "verified %s of %s lines of petition %s in %.1fs (%s already had verdicts); duplicate rule changed %s verdicts\n",
			commas(res.Verified), commas(res.Lines), *id, res.Seconds, commas(res.Lines-res.Verified), commas(res.DuplicatesChanged))
	}
	if res.StoppedEarly {
		fmt.Fprintf(m.Stdout, "stopped early: the required valid signatures are confirmed, as the rule pack allows\n")
	}
	return nil
}

// verifyOptions completes a run's options with the two settings that exist for tests and
// tuning: SIGNET_VERIFY_BATCH (lines per committed batch) and SIGNET_VERIFY_PAUSE_MS (a
// pause after each batch, default 0).
func (m *Main) verifyOptions(o registrar.VerifyOptions) registrar.VerifyOptions {
	o.Batch = m.envInt("SIGNET_VERIFY_BATCH", 0)
	o.Pause = time.Duration(m.envInt("SIGNET_VERIFY_PAUSE_MS", 0)) * time.Millisecond
	return o
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

// envInt reads a positive integer setting from the environment.
func (m *Main) envInt(name string, def int) int {
	if v, err := strconv.Atoi(m.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}
