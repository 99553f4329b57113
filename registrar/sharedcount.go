package registrar

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/law"
)

// sharedCount verifies lines as one of several processes sharing the count through the
// store (signet.SharedCounts): it queues the lines in batches unless a count is under way,
// then works the queued batches, each decided here and stored by the store with its events
// and its completion. Batches strike no duplicates as they go (no process sees them all);
// the duplicate rule runs over the whole petition afterwards. A count that stops early
// (enough) drops the batches nobody has claimed. It returns how many lines this process
// stored and whether the count stopped early.
func (s *Service) sharedCount(ctx context.Context, sc signet.SharedCounts, checks *law.Checks, rulings map[string]signet.Override, linker signet.Linker, roll int64,
	lines []signet.Line, pending func(context.Context) ([]signet.Line, map[int]bool, error), o VerifyOptions,
	enough func([]signet.VerdictRecord) bool) (int, bool, error) {
	p := checks.Petition
	// The lines this process may be given, by filing position: those still to verify when
	// it looked (a count under way holds no others), or when it planned the count.
	bySeq := make(map[int]*signet.Line, len(lines))
	for i := range lines {
		bySeq[lines[i].Seq] = &lines[i]
	}
	plan := func(ctx context.Context) ([]signet.CountBatch, error) {
		fresh, redo, err := pending(ctx)
		if err != nil {
			return nil, err
		}
		lines = fresh
		clear(bySeq)
		size := o.Batch
		if size <= 0 {
			size = min(max(len(lines)/40, 5000), 25000)
		}
		var batches []signet.CountBatch
		for lo := 0; lo < len(lines); lo += size {
			var b signet.CountBatch
			for i := lo; i < min(lo+size, len(lines)); i++ {
				l := &lines[i]
				bySeq[l.Seq] = l
				b.Seqs = append(b.Seqs, l.Seq)
				if redo[l.Seq] {
					b.Redo = append(b.Redo, l.Seq)
				}
			}
			batches = append(batches, b)
		}
		return batches, nil
	}
	if _, err := sc.QueueCount(ctx, p.ID, plan); err != nil {
		return 0, false, err
	}
	by := "signet verify (" + linker.Name() + ")"
	workers := o.Workers
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	// As in a single count (verifyLines), deciding takes a slot a core while it works and
	// storing keeps one while it stores: the batches are stored one at a time, in the
	// order of the audit log, and must never wait for a core.
	slots := make(chan struct{}, max(runtime.GOMAXPROCS(0), 1))
	var mu sync.Mutex
	var stopped atomic.Bool
	done := 0
	stored, err := sc.WorkCount(ctx, p.ID, signet.CountWork{
		Workers:    max(o.Claims, 2),
		StuckAfter: o.StuckAfter,
		Actor:      dupActor(p),
		Decide: func(ctx context.Context, b signet.CountBatch) ([]signet.VerdictRecord, error) {
			if o.Pause > 0 {
				time.Sleep(o.Pause)
			}
			return s.decideBatch(ctx, checks, rulings, linker, roll, bySeq, b, by, workers, slots)
		},
		Storing: func() func() {
			slots <- struct{}{}
			return func() { <-slots }
		},
		Stored: func(recs []signet.VerdictRecord) bool {
			mu.Lock()
			defer mu.Unlock()
			done += len(recs)
			s.progress("verifying", done, len(lines))
			if enough != nil && enough(recs) {
				stopped.Store(true)
			}
			return stopped.Load()
		},
	})
	return stored, stopped.Load(), err
}

// decideBatch decides the lines of a batch of a shared count on workers goroutines, in
// the batch's order, each record prepared for the store.
func (s *Service) decideBatch(ctx context.Context, checks *law.Checks, rulings map[string]signet.Override, linker signet.Linker, roll int64, bySeq map[int]*signet.Line,
	b signet.CountBatch, by string, workers int, slots chan struct{}) ([]signet.VerdictRecord, error) {
	redo := make(map[int]bool, len(b.Redo))
	for _, q := range b.Redo {
		redo[q] = true
	}
	lines := make([]*signet.Line, len(b.Seqs))
	for i, q := range b.Seqs {
		l, ok := bySeq[q]
		if !ok {
			// Queued by a process that planned the count after this one looked, when a
			// person's decision had sent the line back: not an error of the batch, which
			// is tried again, by another process or this one.
			return nil, fmt.Errorf("line %d of petition %s was not to verify when this process looked: leaving its batch to another", q, checks.Petition.ID)
		}
		lines[i] = l
	}
	recs := make([]signet.VerdictRecord, len(lines))
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < min(workers, len(lines)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Lines in chunks, a slot held for each.
			const chunk = 256
			for {
				lo := int(next.Add(chunk) - chunk)
				if lo >= len(lines) || ctx.Err() != nil {
					return
				}
				slots <- struct{}{}
				for i := lo; i < min(lo+chunk, len(lines)); i++ {
					recs[i] = s.decide(checks, rulings, linker, lines[i], roll, by)
					recs[i].Redo = redo[lines[i].Seq]
					s.Store.PrepareVerdict(&recs[i])
				}
				<-slots
			}
		}()
	}
	wg.Wait()
	return recs, ctx.Err()
}
