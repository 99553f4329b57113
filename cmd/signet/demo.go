package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/law"
	"github.com/signet-vote/signet/match"
	"github.com/signet-vote/signet/registrar"
	"github.com/signet-vote/signet/sample"
	"github.com/signet-vote/signet/synth"
)

// world is the part of synth's world.json the demo reads.
type world struct {
	Jurisdiction struct {
		ID   string   `json:"id"`
		Name string   `json:"name"`
		ZIPs []string `json:"zips"`
	} `json:"jurisdiction"`
	Approved string `json:"approved"`
	Filed    string `json:"filed"`
}

// readWorld reads the world.json that synth wrote in dir.
func readWorld(dir string) (world, error) {
	var w world
	b, err := os.ReadFile(filepath.Join(dir, "world.json"))
	if err != nil {
		return w, err
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return w, fmt.Errorf("world.json: %w", err)
	}
	return w, nil
}

func (m *Main) runDemo(ctx context.Context, args []string) error {
	fs := m.flags("demo", "[--voters N] [--lines M] [--seed S] [--db FILE|URL] [--out DIR] [--scale la|tenth] [--no-serve] [--addr ADDR]",
		`Run the Registrar's whole job on a synthetic county, on the embedded store (or on
PostgreSQL with --db postgres://...):
generate the county (signet synth), create the jurisdiction demo-county and the recall
petition demo (ca-local-recall, registration cut-off at the filing date as Los Angeles did in
2022), import the roll and the lines, file, record the simulated signature decisions, verify
every line (the full count), print the Registrar-style result, and measure it against the
generator's truth.csv. The default size is one tenth of Los Angeles 2022 (567,000 voters,
71,583 lines); --scale la runs the full 5.67 million voters and 715,833 lines.

Without --db the demo writes signet-demo.db in the current directory, replacing the one a
previous demo left; an explicit --db must not hold a demo already (or pass --fresh to delete
the file first, or to drop Signet's tables from the PostgreSQL database).

When its output is a terminal, the demo ends by serving the web application on the
database (signet serve) and printing the demo petition's URL, until Ctrl-C or SIGTERM.
It does not serve with --no-serve or --json, nor when its output goes to a file or a pipe
(a script, a test): it prints the signet serve command instead and exits.`)
	def := synth.DefaultConfig()
	def.Voters, def.Lines = 567_000, 71_583
	sf := m.addSynthFlags(fs, def)
	db := fs.String("db", "", "database file or postgres:// URL (default signet-demo.db, replaced on each run)")
	out := fs.String("out", "signet-demo", "directory for the synthetic files")
	fresh := fs.Bool("fresh", false, "delete the --db file first (on PostgreSQL: drop Signet's tables)")
	sampleOnly := fs.Bool("sample-only", false, "stop after the sample when its projection decides (by default the demo verifies every line, to measure itself against the truth)")
	asJSON := fs.Bool("json", false, "print JSON")
	actor := fs.String("by", "signet demo", "who is acting, recorded in the audit log")
	sampleSeed := fs.String("sample-seed", "", "the announced seed of the random sample (default: 2022070600 followed by --seed)")
	noServe := fs.Bool("no-serve", false, "do not serve the demo petition at the end (it is not served either when stdout is not a terminal)")
	addr := fs.String("addr", defaultAddr, "host:port to serve the demo petition on at the end")
	defer m.tightGC()()
	if _, err := parse(fs, args); err != nil {
		return err
	}
	cfg, err := sf.config()
	if err != nil {
		return err
	}
	path := *db
	if path == "" {
		path, *fresh = "signet-demo.db", true
	}
	if *fresh {
		if err := resetDB(ctx, path); err != nil {
			return err
		}
	}
	label := dbLabel(path)
	s, err := m.openDB(ctx, path)
	if err != nil {
		return err
	}
	defer s.Store.Close()
	if _, err := s.Store.Petition(ctx, "demo"); err == nil {
		return signet.Errorf(signet.EConflict, "%s already holds the demo petition: pass --fresh to start over, or another --db", label)
	}
	start := time.Now()
	fmt.Fprintf(m.Stderr, "signet demo: %s voters, %s lines, seed %d → %s, %s\n", commas(cfg.Voters), commas(cfg.Lines), cfg.Seed, *out, label)
	if _, err := m.generate(cfg, *out); err != nil {
		return err
	}
	m.stage(start, "synthetic county written to %s", *out)
	if err := m.setUpDemo(ctx, s, *out, *actor, start); err != nil {
		return err
	}
	seed := *sampleSeed
	if seed == "" {
		seed = fmt.Sprintf("2022070600%d", cfg.Seed)
	}
	var proj *sample.Result
	d, err := s.DrawSample(ctx, "demo", seed, *actor)
	switch {
	case signet.Code(err) == signet.EConflict:
		// Too few lines to sample, or fewer than required: the law has no sample here.
		m.stage(start, "no random sample: %v", err)
	case err != nil:
		return err
	default:
		m.stage(start, "random sample of %s lines drawn with seed %s", commas(d.Size), seed)
		if _, err := s.Verify(ctx, m.verifyOptions(registrar.VerifyOptions{Petition: "demo", Actor: *actor, SampleOnly: true})); err != nil {
			return err
		}
		res, err := s.Project(ctx, "demo", *actor)
		if err != nil {
			return err
		}
		proj = &res
		m.stage(start, "sample verified: projected %s valid (%.2f%% of required): %s", commas(res.Projected), res.ProjectedPercent, res.Decision)
	}
	if proj == nil || proj.Decision == law.FullCount || !*sampleOnly {
		vr, err := s.Verify(ctx, m.verifyOptions(registrar.VerifyOptions{Petition: "demo", Actor: *actor}))
		if err != nil {
			return err
		}
		m.stage(start, "full count: verified %s lines (loading the roll %.1fs, linking and storing %.1fs)", commas(vr.Verified), vr.LoadSeconds, vr.LinkSeconds)
	}
	r, cert, err := s.ReportAndCertificate(ctx, "demo", *actor)
	if err != nil && signet.Code(err) != signet.EConflict {
		return err
	}
	if r.Unverified > 0 {
		if *asJSON {
			return m.printJSON(map[string]any{"db": label, "out": *out, "report": r, "projection": proj, "certificate": cert, "seconds": time.Since(start).Seconds()})
		}
		m.printReport(r)
		return m.serveDemo(ctx, s, label, *addr, m.StdoutTerminal && !*noServe)
	}
	acc, err := accuracy(ctx, s, "demo", filepath.Join(*out, "truth.csv"))
	if err != nil {
		return err
	}
	m.stage(start, "reported, certified and compared with truth.csv")
	if *asJSON {
		return m.printJSON(map[string]any{"db": label, "out": *out, "report": r, "projection": proj, "certificate": cert, "accuracy": acc, "seconds": time.Since(start).Seconds()})
	}
	fmt.Fprintln(m.Stdout)
	m.printReport(r)
	fmt.Fprintln(m.Stdout)
	if cert.Title != "" {
		fmt.Fprintf(m.Stdout, "%s issued (signet certificate --db %s --petition demo --format html).\n\n", cert.Title, label)
	}
	m.printAccuracy(acc)
	ex, err := exampleRefusal(ctx, s, "demo", acc.Refused)
	if err != nil {
		return err
	}
	line := "signet line show --db " + label + " --petition demo --line S000001-1"
	if ex.line != "" {
		line = fmt.Sprintf("signet line explain --db %s --petition demo --line %s (rightly refused as %s: candidate 1 turned down by the rule %s)",
			label, ex.line, ex.reason, ex.rule)
	}
	fmt.Fprintf(m.Stdout, "\nDone in %.1fs. Explore: signet report --db %s --petition demo · %s · signet audit verify --db %s\n",
		time.Since(start).Seconds(), label, line, label)
	return m.serveDemo(ctx, s, label, *addr, m.StdoutTerminal && !*noServe)
}

// serveDemo serves the demo petition when serve is set (a person watches), until ctx ends;
// otherwise it prints the command that would.
func (m *Main) serveDemo(ctx context.Context, s *registrar.Service, label, addr string, serve bool) error {
	if !serve {
		flag := ""
		if addr != defaultAddr {
			flag = " --addr " + addr
		}
		fmt.Fprintf(m.Stdout, "See it in a browser: signet serve --db %s%s, then open http://%s/petitions/demo\n", label, flag, addr)
		return nil
	}
	fmt.Fprintln(m.Stdout)
	return m.serve(ctx, s, addr, "/petitions/demo")
}

// refusal is a line the count refused as the truth has it, with the rule that turned
// its best candidate down.
type refusal struct{ line, reason, rule string }

// exampleRefusal is the first of lines whose best candidate the linker turned down by a
// rule about the line itself (not merely another address), else by any rule; none when
// no line has one.
func exampleRefusal(ctx context.Context, s *registrar.Service, petition string, lines []string) (refusal, error) {
	var fallback refusal
	for _, id := range lines {
		e, err := s.Line(ctx, petition, id)
		if err != nil {
			return refusal{}, err
		}
		v := e.Verdict
		if v == nil || v.Valid || len(v.Candidates) == 0 || v.Candidates[0].Rule == "" {
			continue
		}
		r := refusal{line: id, reason: string(v.Reason), rule: v.Candidates[0].Rule}
		if r.rule != match.RuleAddressDiffers {
			return r, nil
		}
		if fallback.line == "" {
			fallback = r
		}
	}
	return fallback, nil
}

// reasonAccuracy compares found verdicts with the truth for one outcome.
type reasonAccuracy struct {
	Outcome   string  `json:"outcome"`
	True      int     `json:"true"`
	Found     int     `json:"found"`
	Correct   int     `json:"correct"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
}

// accuracyTable is the demo's measure against truth.csv.
type accuracyTable struct {
	Lines         int              `json:"lines"`
	Correct       int              `json:"correct"`
	TrueValidity  float64          `json:"true_validity_rate"`
	FoundValidity float64          `json:"found_validity_rate"`
	Outcomes      []reasonAccuracy `json:"outcomes"`
	// Refused are the first lines the count refused as not registered, as the truth has
	// it (at most maxRefused): where the demo looks for a refusal to show.
	Refused []string `json:"-"`
}

// maxRefused is the most lines accuracy keeps in Refused.
const maxRefused = 256

func accuracy(ctx context.Context, s *registrar.Service, petition, truthPath string) (accuracyTable, error) {
	var t accuracyTable
	found := map[string]string{}
	err := s.Store.EachVerdict(ctx, petition, func(v signet.VerdictRow) {
		if v.Valid {
			found[v.LineID] = "valid"
		} else {
			found[v.LineID] = string(v.Reason)
		}
	})
	if err != nil {
		return t, err
	}
	f, err := os.Open(truthPath)
	if err != nil {
		return t, err
	}
	defer f.Close()
	cr := csv.NewReader(f)
	if _, err := cr.Read(); err != nil {
		return t, fmt.Errorf("%s: %w", truthPath, err)
	}
	outcomes := append([]string{"valid"}, func() []string {
		var rs []string
		for _, r := range signet.Reasons {
			rs = append(rs, string(r))
		}
		return rs
	}()...)
	idx := map[string]*reasonAccuracy{}
	for _, o := range outcomes {
		t.Outcomes = append(t.Outcomes, reasonAccuracy{Outcome: o})
	}
	for i := range t.Outcomes {
		idx[t.Outcomes[i].Outcome] = &t.Outcomes[i]
	}
	trueValid, foundValid := 0, 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return t, fmt.Errorf("%s: %w", truthPath, err)
		}
		line, truth := rec[0], rec[2]
		got := found[line]
		t.Lines++
		if a := idx[truth]; a != nil {
			a.True++
		}
		if a := idx[got]; a != nil {
			a.Found++
		}
		if got == truth {
			t.Correct++
			if a := idx[got]; a != nil {
				a.Correct++
			}
			if got == string(signet.NotRegistered) && len(t.Refused) < maxRefused {
				t.Refused = append(t.Refused, line)
			}
		}
		if truth == "valid" {
			trueValid++
		}
		if got == "valid" {
			foundValid++
		}
	}
	for i := range t.Outcomes {
		a := &t.Outcomes[i]
		if a.Found > 0 {
			a.Precision = float64(a.Correct) / float64(a.Found)
		}
		if a.True > 0 {
			a.Recall = float64(a.Correct) / float64(a.True)
		}
	}
	if t.Lines > 0 {
		t.TrueValidity = float64(trueValid) * 100 / float64(t.Lines)
		t.FoundValidity = float64(foundValid) * 100 / float64(t.Lines)
	}
	return t, nil
}

func (m *Main) printAccuracy(t accuracyTable) {
	w := m.Stdout
	fmt.Fprintf(w, "Accuracy against truth.csv (synthetic ground truth)\n")
	fmt.Fprintf(w, "%-20s %10s %10s %10s %10s\n", "outcome", "true", "found", "precision", "recall")
	for _, a := range t.Outcomes {
		fmt.Fprintf(w, "%-20s %10s %10s %9.2f%% %9.2f%%\n", a.Outcome, commas(a.True), commas(a.Found), a.Precision*100, a.Recall*100)
	}
	fmt.Fprintf(w, "validity rate: true %.2f%%, found %.2f%% · lines with the true outcome: %s of %s (%.2f%%)\n",
		t.TrueValidity, t.FoundValidity, commas(t.Correct), commas(t.Lines), float64(t.Correct)*100/float64(max(t.Lines, 1)))
}

// setUpDemo stores a synthetic county written to out as jurisdiction demo-county and petition
// demo (ca-local-recall, cut-off at the filing date), imported, filed, with its simulated
// signature decisions recorded: everything before verification.
func (m *Main) setUpDemo(ctx context.Context, s *registrar.Service, out, actor string, start time.Time) error {
	w, err := readWorld(out)
	if err != nil {
		return err
	}
	approved, err1 := signet.ParseDate(w.Approved)
	filed, err2 := signet.ParseDate(w.Filed)
	if err := errors.Join(err1, err2); err != nil {
		return fmt.Errorf("world.json: %v", err) // %v: a fault of the demo's own file, not a refused value
	}
	j := signet.Jurisdiction{ID: "demo-county", Name: w.Jurisdiction.Name, ZIPs: w.Jurisdiction.ZIPs}
	if err := s.CreateJurisdiction(ctx, j, actor); err != nil {
		return err
	}
	imp, err := m.importVoters(ctx, s, j.ID, filepath.Join(out, "voters.csv"), "", actor, false)
	if err != nil {
		return err
	}
	m.stage(start, "roll imported: %s voters", commas(imp.Rows))
	rep, err := s.AddReport(ctx, signet.RegistrationReport{ID: "demo-county-roll", JurisdictionID: j.ID, Date: approved.AddDate(0, 0, -1)}, true, actor)
	if err != nil {
		return err
	}
	p, err := m.createPetition(ctx, s, petitionSpec{ID: "demo", Kind: string(signet.KindLocalRecall), Jurisdiction: j.ID,
		Rules: "ca-local-recall", Report: rep.ID, Approved: approved, Cutoff: string(signet.CutoffFilingDate),
		Settings: []string{"full_count_days=30"}}, actor) // as Los Angeles did in 2022
	if err != nil {
		return err
	}
	m.stage(start, "petition demo: %s required (%s registered)", commas(p.Required), commas(p.Registered))
	li, err := m.importLines(ctx, s, p.ID, filepath.Join(out, "lines.csv"), "", actor)
	if err != nil {
		return err
	}
	m.stage(start, "lines imported: %s", commas(li.Rows))
	if p, err = s.FilePetition(ctx, p.ID, filed, -1, actor); err != nil {
		return err
	}
	m.stage(start, "filed on %s with %s lines", signet.FormatDate(p.Filed), commas(p.Raw))
	nrev, err := m.importReviews(ctx, s, p.ID, filepath.Join(out, "signatures.csv"), actor)
	if err != nil {
		return err
	}
	m.stage(start, "%s simulated signature decisions recorded", commas(nrev))
	return nil
}
