package web

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/registrar"
	"github.com/signet-vote/signet/synth"
)

// gatedRoll is a store whose roll imports stop after the rows at, each until the test lets
// them go on: the job's progress holds still while the page is read. The bar of a roll's
// import is the bytes the engine has read of the file, a mebibyte at a time (the import's
// buffer), so that a file of a few mebibytes, stopped at its first row and again past its
// first mebibyte, shows two readings below its size.
type gatedRoll struct {
	signet.Store
	at     map[int]bool
	paused chan int
	resume chan struct{}
}

func (g *gatedRoll) ImportVoters(ctx context.Context, jurisdiction string, meta signet.ImportMeta, next signet.VoterSource) (signet.RollImport, error) {
	n := 0
	return g.Store.ImportVoters(ctx, jurisdiction, meta, func() (signet.Voter, int, error) {
		v, line, err := next()
		if err == nil {
			n++
			if g.at[n] {
				select { // a test that failed meanwhile stops the server, which ends ctx
				case g.paused <- n:
					select {
					case <-g.resume:
					case <-ctx.Done():
					}
				case <-ctx.Done():
				}
			}
		}
		return v, line, err
	})
}

// TestBrowserJobBar: an admin uploads a synthetic roll of 25,000 voters (2.5 MB, from
// synth/) from the uploads page; the browser goes to the import's job page, whose script
// reads the job every second and moves the bar: it shows two different values below the
// file's size without the page being reloaded, then the page shows the job done with the
// rows imported. The import is held at two rows (gatedRoll) while the page is read, so the
// test does not depend on how fast the machine imports; a page whose script stopped
// following the job fails it. Screenshots of the running and the finished job.
func TestBrowserJobBar(t *testing.T) {
	ctx := context.Background()
	chromium(t) // skips (or fails) before the roll is generated
	dir := t.TempDir()
	cfg := synth.DefaultConfig()
	cfg.Voters, cfg.Lines, cfg.Seed = 25000, 20, 5
	if _, err := synth.Generate(cfg, dir, nil); err != nil {
		t.Fatal(err)
	}
	roll := filepath.Join(dir, synth.FileVoters)
	var world struct {
		Jurisdiction struct {
			ZIPs []string `json:"zips"`
		} `json:"jurisdiction"`
	}
	if b, err := os.ReadFile(filepath.Join(dir, synth.FileWorld)); err != nil || json.Unmarshal(b, &world) != nil {
		t.Fatalf("the synthetic world: %v", err)
	}
	// The first row, and the first row that ends past the first mebibyte and a margin (the
	// CSV reader reads ahead a little): when the engine has taken it, the reader has read a
	// second mebibyte.
	past := rowPast(t, roll, 1<<20+64<<10)

	gate := &gatedRoll{Store: openSQLite(t, copyDemo(t)), at: map[int]bool{1: true, past: true}, paused: make(chan int), resume: make(chan struct{})}
	ts := serverOver(t, gate, fixture.tokens, nil)
	if err := ts.svc.CreateJurisdiction(ctx, signet.Jurisdiction{ID: "bar-county", Name: "Bar County", ZIPs: world.Jurisdiction.ZIPs}, "web test"); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, ts)
	b.signIn(string(registrar.RoleAdmin), "/admin/uploads", "#roll-form")
	b.fill("#roll-jurisdiction", "bar-county")
	b.run("choose the roll", chromedp.SetUploadFiles(`#roll-form input[type=file]`, []string{roll}))
	b.run("upload it", chromedp.Click(chromedp.CSS(`#roll-form button[type=submit]`)))

	wait := func(n int) {
		t.Helper()
		select {
		case got := <-gate.paused:
			if got != n {
				t.Fatalf("the import stopped at row %d, want %d", got, n)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("the import did not reach row %d", n)
		}
	}
	wait(1)
	b.run("the job's page", chromedp.WaitVisible(chromedp.CSS(`#job[data-state="running"]`)))
	// A mark on the page: a reload (the page rendered again by the server) would lose it.
	if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`window.signetMark = true`)); err != nil {
		t.Fatal(err)
	}
	// bar reads the bar once its value is below max and is not old, within a few of the
	// script's readings.
	type reading struct {
		Value, Max float64
		Mark       bool
	}
	bar := func(old float64) reading {
		t.Helper()
		js := fmt.Sprintf(`(() => { const b = document.getElementById("job-bar"); return b && b.value > 0 && b.value < b.max && b.value !== %v; })()`, old)
		if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
			t.Fatalf("the bar did not move from %v: %v", old, err)
		}
		r, err := chromedp.Run(b.ctx, chromedp.Evaluate[reading](`(() => { const b = document.getElementById("job-bar"); return {Value: b.value, Max: b.max, Mark: window.signetMark === true}; })()`))
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	first := bar(-1)
	size, _ := os.Stat(roll)
	if first.Max != float64(size.Size()) {
		t.Errorf("the bar's max is %v, want the file's %d bytes", first.Max, size.Size())
	}
	gate.resume <- struct{}{}
	wait(past)
	second := bar(first.Value)
	b.shot("job-running.png")
	if !second.Mark || second.Value <= first.Value || second.Value >= second.Max {
		t.Errorf("the bar read %v then %v of %v (the page kept: %v): want two values below the file's size, moved by the script", first.Value, second.Value, second.Max, second.Mark)
	}
	gate.resume <- struct{}{}
	// The script reloads the page once the job has ended: within a few of its readings.
	dctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	if err := chromedp.Do(dctx, chromedp.WaitVisible(chromedp.CSS(`#job[data-state="done"] #result-rows`))); err != nil {
		t.Fatalf("the page did not show the job done: %v", err)
	}
	if rows := b.text("#result-rows"); rows != "25,000" {
		t.Errorf("the job's page says %q rows imported, want 25,000", rows)
	}
	done, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`(() => { const b = document.getElementById("job-bar"); return b.value === b.max; })()`))
	if err != nil || !done {
		t.Errorf("the bar of the finished job is not full: %v", err)
	}
	b.shot("job-done.png")
	if st, err := ts.svc.Store.VoterStats(ctx, "bar-county"); err != nil || st.Voters != 25000 {
		t.Errorf("bar-county's roll: %+v %v", st, err)
	}
}

// rowPast is the number of the first data row of a CSV file whose end lies past offset.
func rowPast(t *testing.T, path string, offset int) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	end := 0
	for row := 0; sc.Scan(); row++ {
		end += len(sc.Bytes()) + 1
		if row > 0 && end > offset {
			return row
		}
	}
	t.Fatalf("%s ends before byte %d", path, offset)
	return 0
}
