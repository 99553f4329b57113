package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/registrar"
	"github.com/signet-vote/signet/synth"
	"github.com/signet-vote/signet/web"
)

// benchServeResult is what "signet bench serve" prints; its JSON keys are a contract
// (README's command table).
type benchServeResult struct {
	Voters       int     `json:"voters"`
	Lines        int     `json:"lines"`
	Seed         int64   `json:"seed"`
	Noise        float64 `json:"noise"`
	Cores        int     `json:"cores"`
	Store        string  `json:"store"`
	SetupSeconds float64 `json:"setup_seconds"`
	// Readers fetch the public status page, each waiting ReaderPauseMS between its fetches.
	Readers       int     `json:"readers"`
	ReaderPauseMS float64 `json:"reader_pause_ms"`
	Seconds       float64 `json:"seconds"`
	Path          string  `json:"path"`
	Requests      int     `json:"requests"`
	Errors        int     `json:"errors"`
	RequestsPerS  float64 `json:"requests_per_s"`
	P50MS         float64 `json:"p50_ms"`
	P90MS         float64 `json:"p90_ms"`
	P99MS         float64 `json:"p99_ms"`
	MaxMS         float64 `json:"max_ms"`
	PageBytes     int     `json:"page_bytes"`
	// Clerks claim a line of the review queue, take ThinkMS to decide it, and settle it.
	Clerks         int     `json:"clerks"`
	ThinkMS        float64 `json:"think_ms"`
	Desk           string  `json:"desk"`
	QueueStart     int     `json:"queue_start"`
	QueueLeft      int     `json:"queue_left"`
	Decisions      int     `json:"decisions"`
	DecisionErrors int     `json:"decision_errors"`
	DecisionsPerS  float64 `json:"decisions_per_s"`
	DecideP50MS    float64 `json:"decide_p50_ms"`
	DecideP99MS    float64 `json:"decide_p99_ms"`
	// QueueEmptied says the review queue ran out before the load ended: the clerks idled.
	QueueEmptied bool `json:"queue_emptied"`
}

// deskPath says which door the benchmark's clerks use: the desk's JSON API, over HTTP, each
// clerk with an account of its own and an API token.
const deskPath = "the desk's API (POST /api/v1/petitions/demo/desk/claim, …/{line}/decide) with API tokens"

// benchClerkPassword is the password of the benchmark's clerks' accounts, in a database the
// benchmark removes; they sign in with their tokens.
const benchClerkPassword = "bench serve clerk password"

func (m *Main) runBenchServe(ctx context.Context, args []string) error {
	fs := m.flags("bench serve", "[--voters N] [--lines M] [--seed S] [--duration 10s] [--readers 200] [--clerks 20] [--json]",
		`Measure the web application under load. Builds a synthetic county as "signet demo" does
(jurisdiction demo-county, petition demo: imported, filed, sample drawn and verified,
projection recorded, every line verified) in a temporary SQLite database, serves it on
loopback (127.0.0.1, a free port) as "signet serve" does (request logs discarded), then for
--duration runs --readers concurrent readers of the public status page
(GET /petitions/demo over HTTP, each waiting --pause between fetches, with jitter) while
--clerks clerks work the review queue at the clerks' desk: each claims a line (a lease),
takes --think to decide, and settles it, valid with its best candidate or invalid
(not_registered) when it has none, through the desk's JSON API over HTTP
(POST /api/v1/petitions/demo/desk/claim, then .../{line}/decide), each clerk with an account
and an API token of its own. Prints the page's throughput and latency
percentiles, the page's size, and the clerks' decisions and their latency. The county is
noisier than the demo's (--noise 16) so that the review queue holds work for the clerks;
queue_emptied says it ran out.`)
	def := synth.DefaultConfig()
	def.Voters, def.Lines, def.NoiseScale = 160_000, 20_000, 16
	sf := m.addSynthFlags(fs, def)
	duration := fs.Duration("duration", 10*time.Second, "how long the load runs")
	readers := fs.Int("readers", 200, "concurrent readers of the public status page")
	pause := fs.Duration("pause", time.Second, "each reader's pause between fetches (0: fetch again at once)")
	clerks := fs.Int("clerks", 20, "clerks deciding review lines at the same time")
	think := fs.Duration("think", 2*time.Second, "how long a clerk takes to decide a claimed line")
	dir := fs.String("dir", "", "keep the county and database in this directory (default: a temporary one, removed)")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	cfg, err := sf.config()
	if err != nil {
		return err
	}
	if *duration <= 0 || *readers < 1 || *clerks < 0 || *pause < 0 || *think < 0 {
		return usageErr("--duration must be positive, --readers at least 1, --clerks, --pause and --think not negative")
	}
	work, cleanup, err := benchDir(*dir)
	if err != nil {
		return err
	}
	defer cleanup()
	res, err := m.benchServe(ctx, cfg, work, benchLoad{duration: *duration, readers: *readers, pause: *pause, clerks: *clerks, think: *think})
	if err != nil {
		return err
	}
	if *asJSON {
		return m.printJSON(res)
	}
	fmt.Fprintf(m.Stdout, "bench serve: %s voters, %s lines, seed %d, %d cores, store %s (set up in %.1fs)\n",
		commas(res.Voters), commas(res.Lines), res.Seed, res.Cores, res.Store, res.SetupSeconds)
	fmt.Fprintf(m.Stdout, "  GET %s: %d readers (pause %s) for %.1fs: %s requests, %.0f/s, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms, %d errors, %s bytes a page\n",
		res.Path, res.Readers, *pause, res.Seconds, commas(res.Requests), res.RequestsPerS, res.P50MS, res.P90MS, res.P99MS, res.MaxMS, res.Errors, commas(res.PageBytes))
	fmt.Fprintf(m.Stdout, "  desk: %d clerks (think %s) via %s: %s decisions (%.1f/s), settle p50 %.1f ms, p99 %.1f ms, %d errors; queue %s → %s\n",
		res.Clerks, *think, res.Desk, commas(res.Decisions), res.DecisionsPerS, res.DecideP50MS, res.DecideP99MS, res.DecisionErrors, commas(res.QueueStart), commas(res.QueueLeft))
	if res.QueueEmptied {
		fmt.Fprintln(m.Stdout, "  note: the review queue ran out before the load ended (raise --lines or --noise)")
	}
	return nil
}

type benchLoad struct {
	duration, pause, think time.Duration
	readers, clerks        int
}

func (m *Main) benchServe(ctx context.Context, cfg synth.Config, work string, load benchLoad) (benchServeResult, error) {
	res := benchServeResult{Voters: cfg.Voters, Lines: cfg.Lines, Seed: cfg.Seed, Noise: cfg.NoiseScale, Cores: runtime.NumCPU(), Store: "sqlite",
		Readers: load.readers, ReaderPauseMS: ms(load.pause), Clerks: load.clerks, ThinkMS: ms(load.think), Desk: deskPath, Path: "/petitions/demo"}
	start := time.Now()
	out := filepath.Join(work, "county")
	if _, err := m.generate(cfg, out); err != nil {
		return res, err
	}
	m.servesReaders = true // as signet serve opens its store
	s, _, done, err := m.openBenchDB(ctx, "sqlite", work)
	if err != nil {
		return res, err
	}
	defer done()
	const actor = "signet bench"
	if err := m.setUpDemo(ctx, s, out, actor, start); err != nil {
		return res, err
	}
	if _, err := s.DrawSample(ctx, "demo", fmt.Sprintf("2022070600%d", cfg.Seed), actor); err != nil && signet.Code(err) != signet.EConflict {
		return res, err
	} else if err == nil {
		if _, err := s.Verify(ctx, registrar.VerifyOptions{Petition: "demo", Actor: actor, SampleOnly: true}); err != nil {
			return res, err
		}
		if _, err := s.Project(ctx, "demo", actor); err != nil {
			return res, err
		}
	}
	if _, err := s.Verify(ctx, registrar.VerifyOptions{Petition: "demo", Actor: actor}); err != nil {
		return res, err
	}
	if err := settle(ctx, s); err != nil {
		return res, err
	}
	if _, res.QueueStart, _, err = s.Store.ReviewQueue(ctx, "demo"); err != nil {
		return res, err
	}
	res.SetupSeconds = time.Since(start).Seconds()
	m.stage(start, "demo petition verified: %s lines await review", commas(res.QueueStart))

	// The clerks sign in as programs do: an account of role clerk each, with an API token.
	tokens := make([]string, load.clerks)
	for i := range load.clerks {
		name := fmt.Sprintf("bench-clerk-%02d", i+1)
		if _, err := s.AddUser(ctx, name, registrar.RoleClerk, benchClerkPassword, actor); err != nil {
			return res, err
		}
		if _, tokens[i], err = s.AddToken(ctx, name, "bench-serve", actor); err != nil {
			return res, err
		}
	}

	app, err := web.New(web.Config{Service: s, Log: slog.New(slog.DiscardHandler), StatusMaxAge: web.DefaultStatusMaxAge})
	if err != nil {
		return res, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return res, err
	}
	srv := &http.Server{Handler: app, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	url := "http://" + ln.Addr().String() + res.Path
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConns: load.readers, MaxIdleConnsPerHost: load.readers}}
	defer client.CloseIdleConnections()

	// One fetch first: the page answers, and its size.
	if n, err := fetch(ctx, client, url); err != nil {
		return res, err
	} else {
		res.PageBytes = n
	}

	lctx, cancel := context.WithTimeout(ctx, load.duration)
	defer cancel()
	var wg sync.WaitGroup
	reads := make([][]time.Duration, load.readers)
	var readErrs atomic.Int64
	began := time.Now()
	for i := range load.readers {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(i), 1))
			// Readers arrive spread over the first pause, not all in the same millisecond.
			if !sleepCtx(lctx, time.Duration(rng.Int64N(int64(load.pause)+1))) {
				return
			}
			for lctx.Err() == nil {
				t := time.Now()
				_, err := fetch(lctx, client, url)
				if lctx.Err() != nil {
					return // cut short by the end of the load: not a measure
				}
				if err != nil {
					readErrs.Add(1)
				} else {
					reads[i] = append(reads[i], time.Since(t))
				}
				// ±50% jitter around the pause.
				if !sleepCtx(lctx, load.pause/2+time.Duration(rng.Int64N(int64(load.pause)+1))) {
					return
				}
			}
		})
	}
	decides := make([][]time.Duration, load.clerks)
	var deskErrs atomic.Int64
	var emptied atomic.Bool
	base := "http://" + ln.Addr().String() + "/api/v1/petitions/demo/desk"
	for i := range load.clerks {
		token := tokens[i]
		wg.Go(func() {
			for lctx.Err() == nil {
				var item struct {
					Line       *string `json:"line"`
					Candidates []struct {
						VoterID string `json:"voter_id"`
					} `json:"candidates"`
				}
				err := deskCall(lctx, client, token, base+"/claim", nil, &item)
				if lctx.Err() != nil {
					return
				}
				if err != nil {
					deskErrs.Add(1)
				}
				if err != nil || item.Line == nil {
					emptied.Store(err == nil)
					if !sleepCtx(lctx, max(load.think, time.Second)) { // and look again
						return
					}
					continue
				}
				line := *item.Line
				if !sleepCtx(lctx, load.think) {
					deskCall(context.WithoutCancel(ctx), client, token, base+"/"+line+"/release", nil, nil)
					return
				}
				d := map[string]string{"decision": "invalid", "reason": string(signet.NotRegistered), "comment": "bench serve"}
				if len(item.Candidates) > 0 {
					d = map[string]string{"decision": "valid", "voter": item.Candidates[0].VoterID, "signature": string(signet.SignatureMatches), "comment": "bench serve"}
				}
				t := time.Now()
				// A decision is finished even when the load ends meanwhile.
				if err := deskCall(context.WithoutCancel(ctx), client, token, base+"/"+line+"/decide", d, nil); err != nil {
					deskErrs.Add(1)
					continue
				}
				decides[i] = append(decides[i], time.Since(t))
			}
		})
	}
	wg.Wait()
	res.Seconds = time.Since(began).Seconds()
	all := slices.Concat(reads...)
	res.Requests, res.Errors = len(all), int(readErrs.Load())
	res.RequestsPerS = float64(res.Requests) / res.Seconds
	res.P50MS, res.P90MS, res.P99MS, res.MaxMS = percentile(all, 50), percentile(all, 90), percentile(all, 99), percentile(all, 100)
	ds := slices.Concat(decides...)
	res.Decisions, res.DecisionErrors = len(ds), int(deskErrs.Load())
	res.DecisionsPerS = float64(res.Decisions) / res.Seconds
	res.DecideP50MS, res.DecideP99MS = percentile(ds, 50), percentile(ds, 99)
	res.QueueEmptied = emptied.Load()
	if _, res.QueueLeft, _, err = s.Store.ReviewQueue(ctx, "demo"); err != nil {
		return res, err
	}
	if res.Requests == 0 {
		return res, errors.New("bench serve: no request of the status page succeeded")
	}
	return res, nil
}

// deskCall posts body (a JSON object, or nothing) to url with the bearer token and decodes
// the answer into out (when not nil); a status other than 200 is an error.
func deskCall(ctx context.Context, c *http.Client, token, url string, body map[string]string, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	r, err := c.Do(req)
	if err != nil {
		return err
	}
	defer r.Body.Close()
	if r.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(r.Body, 500))
		return fmt.Errorf("POST %s: %s: %s", url, r.Status, bytes.TrimSpace(msg))
	}
	if out == nil {
		_, err = io.Copy(io.Discard, r.Body)
		return err
	}
	return json.NewDecoder(r.Body).Decode(out)
}

// fetch gets url and reads the whole body; a status other than 200 is an error.
func fetch(ctx context.Context, c *http.Client, url string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	r, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	defer r.Body.Close()
	n, err := io.Copy(io.Discard, r.Body)
	if err == nil && r.StatusCode != http.StatusOK {
		err = fmt.Errorf("GET %s: %s", url, r.Status)
	}
	return int(n), err
}

// sleepCtx waits d, or less when ctx ends first; it says whether ctx is still live.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// percentile is the p-th percentile of ds in milliseconds (nearest rank; 100: the largest).
func percentile(ds []time.Duration, p int) float64 {
	if len(ds) == 0 {
		return 0
	}
	ds = slices.Clone(ds)
	slices.Sort(ds)
	i := (len(ds)*p + 99) / 100
	i = min(max(i, 1), len(ds))
	return ms(ds[i-1])
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
