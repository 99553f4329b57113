package match_test

import (
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/csvfile"
	"github.com/signet-vote/signet/match"
	"github.com/signet-vote/signet/synth"
)

// county is a synthetic county read back from its CSV files.
type county struct {
	voters []signet.Voter
	lines  []signet.Line
	truth  map[string]truthRow // by line id
}

type truthRow struct{ voter, reason string }

var countyCache sync.Map // "voters/lines/seed" -> *county

func loadCounty(t testing.TB, voters, lines int, seed int64) *county {
	t.Helper()
	key := [3]int64{int64(voters), int64(lines), seed}
	if c, ok := countyCache.Load(key); ok {
		return c.(*county)
	}
	dir := t.TempDir()
	cfg := synth.DefaultConfig()
	cfg.Voters, cfg.Lines, cfg.Seed = voters, lines, seed
	if _, err := synth.Generate(cfg, dir, nil); err != nil {
		t.Fatal(err)
	}
	c := &county{truth: map[string]truthRow{}}
	read := func(name string, schema csvfile.Schema, row func(r *csvfile.Row) error) {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		r, err := csvfile.NewReader(name, f, schema, csvfile.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for {
			rw, err := r.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := row(rw); err != nil {
				t.Fatal(err)
			}
		}
	}
	read(synth.FileVoters, csvfile.VoterSchema, func(r *csvfile.Row) error {
		v, err := r.Voter()
		c.voters = append(c.voters, v)
		return err
	})
	read(synth.FileLines, csvfile.LineSchema, func(r *csvfile.Row) error {
		l, err := r.PetitionLine()
		l.Seq = len(c.lines) + 1
		c.lines = append(c.lines, l)
		return err
	})
	f, err := os.Open(filepath.Join(dir, synth.FileTruth))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range recs[1:] {
		c.truth[rec[0]] = truthRow{voter: rec[1], reason: rec[2]}
	}
	countyCache.Store(key, c)
	return c
}

// accuracy is how a linker's automatic links compare with the truth.
type accuracy struct {
	lines, links, correct, trueLinks, reviews int
	addrWrong                                 int // linked to the right voter with the wrong address kind
	byReason                                  map[string][3]int
}

func (a accuracy) precision() float64 { return float64(a.correct) / float64(max(1, a.links)) }
func (a accuracy) recall() float64    { return float64(a.correct) / float64(max(1, a.trueLinks)) }
func (a accuracy) reviewRate() float64 {
	return float64(a.reviews) / float64(max(1, a.lines))
}

func measure(c *county, l signet.Linker) accuracy {
	a := accuracy{byReason: map[string][3]int{}}
	for i := range c.lines {
		ln := &c.lines[i]
		tr := c.truth[ln.ID()]
		k := l.Link(ln)
		a.lines++
		if tr.voter != "" {
			a.trueLinks++
		}
		d := k.Decision
		if d == "" && k.Voter != nil {
			d = signet.DecideLink
		}
		br := a.byReason[tr.reason]
		br[0]++
		switch d {
		case signet.DecideLink:
			a.links++
			if k.Voter.ID == tr.voter {
				a.correct++
				br[1]++
				if (tr.reason == "different_address") != (k.Address == signet.AddressNone) {
					a.addrWrong++
				}
			}
		case signet.DecideReview:
			a.reviews++
			br[2]++
		}
		a.byReason[tr.reason] = br
	}
	return a
}

func TestEngineSyntheticAccuracy(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	c := loadCounty(t, 100_000, 12_000, 7)
	e, err := match.NewEngine(c.voters, match.EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	rep := e.Train(c.lines)
	t.Logf("train: %d records, %d name pairs, %d address pairs, lambda %.3f, %d iterations", rep.Records, rep.NamePairs, rep.AddressPairs, rep.Lambda, rep.Iterations)
	a := measure(c, e)
	s := e.Stats()
	t.Logf("fs-v1: precision %.4f recall %.4f review %.4f (links %d, correct %d, true %d, reviews %d, address kind wrong %d), pairs scored %d, passes %v",
		a.precision(), a.recall(), a.reviewRate(), a.links, a.correct, a.trueLinks, a.reviews, a.addrWrong, s.PairsScored, s.PassPairs)
	for r, v := range a.byReason {
		t.Logf("  %-22s lines %6d correct links %6d reviews %5d", r, v[0], v[1], v[2])
	}
	if u, err := match.NewEngine(c.voters, match.EngineOptions{}); err == nil {
		b := measure(c, u)
		t.Logf("fs-v1 without Train (default m): precision %.4f recall %.4f review %.4f", b.precision(), b.recall(), b.reviewRate())
	}
	if os.Getenv("SIGNET_COMPARE_SIMPLE") != "" {
		b := measure(c, match.NewLinker(c.voters))
		t.Logf("simple-v1: precision %.4f recall %.4f", b.precision(), b.recall())
	}
	if a.precision() < 0.995 || a.recall() < 0.99 || a.reviewRate() > 0.03 {
		t.Errorf("precision %.4f (want >= 0.995), recall %.4f (want >= 0.99), review rate %.4f (want <= 0.03)", a.precision(), a.recall(), a.reviewRate())
	}
}

// TestEngineBlockingRecall measures, on the synthetic county, how many of the lines that
// are a roll voter at a complete address find that voter in each blocking pass and in all
// of them together.
func TestEngineBlockingRecall(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	c := loadCounty(t, 100_000, 12_000, 7)
	e, err := match.NewEngine(c.voters, match.EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var found [match.NumPasses]int
	var pairs, only [match.NumPasses]int
	union, total := 0, 0
	for i := range c.lines {
		ln := &c.lines[i]
		tr := c.truth[ln.ID()]
		if tr.voter == "" || ln.Address.HouseNumber == "" || ln.Address.Street == "" {
			continue
		}
		total++
		b := e.BlockedVoters(ln)
		for p := range b {
			other := false
			for q := range b {
				if q != p && slices.Contains(b[q], tr.voter) {
					other = true
				}
			}
			if !other && slices.Contains(b[p], tr.voter) {
				only[p]++
			}
		}
		any := false
		for p := range b {
			pairs[p] += len(b[p])
			for _, id := range b[p] {
				if id == tr.voter {
					found[p]++
					any = true
					break
				}
			}
		}
		if any {
			union++
		}
	}
	for p := range found {
		if pairs[p] > 0 {
			t.Logf("pass %-22s recall %.4f  pairs %6d  found by no other pass %d", match.PassNames[p], float64(found[p])/float64(total), pairs[p], only[p])
		}
	}
	t.Logf("all passes: recall %.4f of %d lines", float64(union)/float64(total), total)
	if float64(union) < 0.995*float64(total) {
		t.Errorf("blocking recall %.4f, want >= 0.995", float64(union)/float64(total))
	}
}

// TestEngineSyntheticScale measures build time, Train, link throughput and accuracy on a
// larger synthetic county: SIGNET_SCALE_VOTERS=567000 SIGNET_SCALE_LINES=71583 go test
// -run TestEngineSyntheticScale -v ./match/ (skipped without them).
func TestEngineSyntheticScale(t *testing.T) {
	nv, _ := strconv.Atoi(os.Getenv("SIGNET_SCALE_VOTERS"))
	nl, _ := strconv.Atoi(os.Getenv("SIGNET_SCALE_LINES"))
	if nv == 0 || nl == 0 {
		t.Skip("set SIGNET_SCALE_VOTERS and SIGNET_SCALE_LINES")
	}
	start := time.Now()
	c := loadCounty(t, nv, nl, 1)
	t.Logf("generated and read %d voters, %d lines in %.1fs", len(c.voters), len(c.lines), time.Since(start).Seconds())
	runtime.GC()
	base := heapObjects()
	stop := watchPeakHeap()
	start = time.Now()
	e, err := match.NewEngine(c.voters, match.EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	peak := stop()
	runtime.GC()
	t.Logf("NewEngine %.2fs (GOMAXPROCS %d), heap above the roll: peak %d MiB, retained %d MiB",
		took.Seconds(), runtime.GOMAXPROCS(0), (max(peak, base)-base)>>20, (max(heapObjects(), base)-base)>>20)
	start = time.Now()
	e.Train(c.lines)
	t.Logf("Train %.2fs", time.Since(start).Seconds())
	for _, workers := range []int{1, runtime.GOMAXPROCS(0)} {
		start = time.Now()
		var wg sync.WaitGroup
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := w; i < len(c.lines); i += workers {
					e.Link(&c.lines[i])
				}
			}()
		}
		wg.Wait()
		s := time.Since(start).Seconds()
		t.Logf("Link, %d goroutine(s): %.2fs, %.0f lines/s", workers, s, float64(len(c.lines))/s)
	}
	a := measure(c, e)
	t.Logf("precision %.4f recall %.4f review %.4f; stats %+v", a.precision(), a.recall(), a.reviewRate(), e.Stats())
}

// BenchmarkEngineLinkSynth567k links the lines of a synthetic county of 567,000 voters
// (71,583 lines, the demo's tenth of Los Angeles) one at a time.
func BenchmarkEngineLinkSynth567k(b *testing.B) {
	c := loadCounty(b, 567_000, 71_583, 1)
	e, err := match.NewEngine(c.voters, match.EngineOptions{})
	if err != nil {
		b.Fatal(err)
	}
	e.Train(c.lines)
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		e.Link(&c.lines[i%len(c.lines)])
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}

// heapObjects is the heap the program's objects take now.
func heapObjects() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// watchPeakHeap samples the heap every 5 ms until the returned func is called, which
// returns the largest sample: verification's memory limit is on the peak, which the
// build's transient entries set, not on what the engine keeps.
func watchPeakHeap() func() uint64 {
	var peak atomic.Uint64
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		tk := time.NewTicker(5 * time.Millisecond)
		defer tk.Stop()
		for {
			peak.Store(max(peak.Load(), heapObjects()))
			select {
			case <-done:
				return
			case <-tk.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		<-stopped
		return max(peak.Load(), heapObjects())
	}
}
