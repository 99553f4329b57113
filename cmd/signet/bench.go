package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/registrar"
	"github.com/signet-vote/signet/synth"
)

func (m *Main) runBench(ctx context.Context, args []string) error {
	name, args, err := sub(args, "match", "import", "serve")
	if err != nil {
		return err
	}
	switch name {
	case "import":
		return m.runBenchImport(ctx, args)
	case "serve":
		return m.runBenchServe(ctx, args)
	}
	fs := m.flags("bench match", "--voters N --lines M --seed S [--db sqlite|URL] [--json]",
		`Measure linking and classification at scale. Generates a synthetic county (timed apart),
stores its roll (with the linker's snapshot, as "signet voters import" does) and lines (timed
apart), then times "signet verify" in a child process: from the stored roll and lines to
stored verdicts. Prints the wall time, the child's peak memory,
the candidate pairs scored, the precision and recall of automatic links against the truth,
the share of lines sent to review, and the true and found count of every reason.
--db postgres://... measures the server store in a database that holds no Signet data
(what the benchmark stores is removed at the end); the count is then a shared one (signet
verify on PostgreSQL), worked by the one child process.`)
	def := synth.DefaultConfig()
	def.Voters, def.Lines = 567_000, 71_583
	sf := m.addSynthFlags(fs, def)
	dir := fs.String("dir", "", "keep the county and database in this directory (default: a temporary one, removed)")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "goroutines linking lines")
	asJSON := fs.Bool("json", false, "print JSON")
	db := fs.String("db", "sqlite", "the store: sqlite (a file in --dir) or a postgres:// URL")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	cfg, err := sf.config()
	if err != nil {
		return err
	}
	work, cleanup, err := benchDir(*dir)
	if err != nil {
		return err
	}
	defer cleanup()
	res, err := m.benchMatch(ctx, cfg, work, *db, *workers)
	if err != nil {
		return err
	}
	if *asJSON {
		return m.printJSON(res)
	}
	fmt.Fprintf(m.Stdout, "bench match: %s voters, %s lines, seed %d, %d cores, linker %s, store %s\n", commas(res.Voters), commas(res.Lines), res.Seed, res.Cores, res.Linker, res.Store)
	fmt.Fprintf(m.Stdout, "  generate %.1fs · store %.1fs · verify %.1fs (load %.1fs, link+store %.1fs) · peak memory %.2f GiB\n",
		res.GenerateSeconds, res.SetupSeconds, res.Seconds, res.LoadSeconds, res.LinkSeconds, float64(res.PeakRSSBytes)/(1<<30))
	fmt.Fprintf(m.Stdout, "  stages: read roll %.1fs, build linker %.1fs (%s), read lines %.1fs (beside them), link and store %.1fs, duplicate rule %.1fs\n",
		res.Stages["read_roll"], res.Stages["build_linker"], res.LinkerFrom, res.Stages["read_lines"], res.Stages["link_and_store"], res.Stages["duplicate_rule"])
	fmt.Fprintf(m.Stdout, "  pairs scored %s · precision %.4f · recall %.4f · review rate %.4f\n", commas(int(res.PairsScored)), res.Precision, res.Recall, res.ReviewRate)
	for _, r := range append([]string{"valid"}, reasonNames()...) {
		c := res.Reasons[r]
		fmt.Fprintf(m.Stdout, "  %-20s true %9s found %9s\n", r, commas(c.True), commas(c.Found))
	}
	return nil
}

// benchDir is the directory a benchmark works in: dir, made if need be, or a temporary
// one that cleanup removes.
func benchDir(dir string) (work string, cleanup func(), err error) {
	if dir != "" {
		return dir, func() {}, os.MkdirAll(dir, 0o755)
	}
	if work, err = os.MkdirTemp("", "signet-bench-"); err != nil {
		return "", nil, err
	}
	return work, func() { os.RemoveAll(work) }, nil
}

func reasonNames() []string {
	var out []string
	for _, r := range signet.Reasons {
		out = append(out, string(r))
	}
	return out
}

// benchResult is what "signet bench match" prints; its JSON keys are a contract.
type benchResult struct {
	Voters          int                  `json:"voters"`
	Lines           int                  `json:"lines"`
	Seed            int64                `json:"seed"`
	Cores           int                  `json:"cores"`
	Workers         int                  `json:"workers"`
	Linker          string               `json:"linker"`
	Store           string               `json:"store"`
	GenerateSeconds float64              `json:"generate_seconds"`
	SetupSeconds    float64              `json:"setup_seconds"`
	Seconds         float64              `json:"seconds"`
	LoadSeconds     float64              `json:"load_seconds"`
	LinkSeconds     float64              `json:"link_seconds"`
	PeakRSSBytes    int64                `json:"peak_rss_bytes"`
	PairsScored     int64                `json:"pairs_scored"`
	Precision       float64              `json:"precision"`
	Recall          float64              `json:"recall"`
	ReviewRate      float64              `json:"review_rate"`
	Links           int                  `json:"links"`
	Reviews         int                  `json:"reviews"`
	Reasons         map[string]trueFound `json:"reasons"`
	// Stages are verify's stages in seconds (see registrar.VerifyResult.Stages).
	Stages map[string]float64 `json:"stages"`
	// LinkerFrom is verify's linker_from: "snapshot" when it read the linker the roll
	// import stored (the store column includes building it), "built" when it built it.
	LinkerFrom string `json:"linker_from"`
}

type trueFound struct {
	True  int `json:"true"`
	Found int `json:"found"`
}

func (m *Main) benchMatch(ctx context.Context, cfg synth.Config, work, dbKind string, workers int) (benchResult, error) {
	res := benchResult{Voters: cfg.Voters, Lines: cfg.Lines, Seed: cfg.Seed, Cores: runtime.NumCPU(), Workers: workers, Store: "sqlite"}
	if dbKind != "" && dbKind != "sqlite" {
		res.Store = "postgres"
	}
	out := filepath.Join(work, "county")
	start := time.Now()
	if _, err := m.generate(cfg, out); err != nil {
		return res, err
	}
	res.GenerateSeconds = time.Since(start).Seconds()
	m.stage(start, "generated %s voters and %s lines", commas(cfg.Voters), commas(cfg.Lines))

	start = time.Now()
	s, db, done, err := m.openBenchDB(ctx, dbKind, work)
	if err != nil {
		return res, err
	}
	defer done()
	if err := m.setUpDemo(ctx, s, out, "signet bench", start); err != nil {
		return res, err
	}
	// The roll of a real count was stored days before: the timed part starts from a
	// database on disk, not from gigabytes the kernel is still writing back.
	if err := settle(ctx, s); err != nil {
		return res, err
	}
	res.SetupSeconds = time.Since(start).Seconds()
	m.stage(start, "stored the roll and the lines")

	// The timed part runs in a child process so that its peak memory is its own. This
	// process hands back to the system the gigabytes generating and storing the county
	// left free, as a count run days after the import would find them.
	runtime.GC()
	debug.FreeOSMemory()
	exe, err := os.Executable()
	if err != nil {
		return res, err
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, exe, "verify", "--petition", "demo", "--db", db, "--json", "--workers", fmt.Sprint(workers))
	cmd.Env = append(os.Environ(), "SIGNET_TEST_MAIN=1")
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start = time.Now()
	if err := cmd.Run(); err != nil {
		return res, fmt.Errorf("verify: %v: %s", err, stderr.String())
	}
	res.Seconds = time.Since(start).Seconds()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		res.PeakRSSBytes = ru.Maxrss * 1024
	}
	var vr registrar.VerifyResult
	if err := json.Unmarshal(stdout.Bytes(), &vr); err != nil {
		return res, fmt.Errorf("verify printed %q: %v", stdout.String(), err)
	}
	res.Linker, res.LoadSeconds, res.LinkSeconds, res.PairsScored, res.Stages, res.LinkerFrom = vr.Linker, vr.LoadSeconds, vr.LinkSeconds, vr.PairsScored, vr.Stages, vr.LinkerFrom
	// The child's own figure where the system gives one: its rusage also counts this
	// process's peak (see peakRSS), several GiB after generating and storing the county.
	if vr.PeakRSSBytes > 0 {
		res.PeakRSSBytes = vr.PeakRSSBytes
	}
	m.stage(start, "verified (timed)")
	return res, m.benchAccuracy(ctx, s, filepath.Join(out, "truth.csv"), &res)
}

// benchAccuracy compares automatic links and reasons with truth.csv.
func (m *Main) benchAccuracy(ctx context.Context, s *registrar.Service, truthPath string, res *benchResult) error {
	type found struct {
		code     string
		voter    string
		decision signet.Decision
	}
	got := map[string]found{}
	err := s.Store.EachVerdict(ctx, "demo", func(v signet.VerdictRow) {
		code := "valid"
		if !v.Valid {
			code = string(v.Reason)
		}
		got[v.LineID] = found{code, v.VoterID, v.Decision}
	})
	if err != nil {
		return err
	}
	f, err := os.Open(truthPath)
	if err != nil {
		return err
	}
	defer f.Close()
	cr := csv.NewReader(f)
	if _, err := cr.Read(); err != nil {
		return err
	}
	res.Reasons = map[string]trueFound{}
	var trueLinks, correct int
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		line, voter, reason := rec[0], rec[1], rec[2]
		g := got[line]
		t := res.Reasons[reason]
		t.True++
		res.Reasons[reason] = t
		t = res.Reasons[g.code]
		t.Found++
		res.Reasons[g.code] = t
		if voter != "" {
			trueLinks++
		}
		switch g.decision {
		case signet.DecideLink:
			if g.voter != "" {
				res.Links++
				if g.voter == voter {
					correct++
				}
			}
		case signet.DecideReview:
			res.Reviews++
		}
	}
	if res.Links > 0 {
		res.Precision = float64(correct) / float64(res.Links)
	}
	if trueLinks > 0 {
		res.Recall = float64(correct) / float64(trueLinks)
	}
	if res.Lines > 0 {
		res.ReviewRate = float64(res.Reviews) / float64(res.Lines)
	}
	return nil
}
