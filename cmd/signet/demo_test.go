package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/signet-vote/signet/match"
)

func TestSynthIsReproducible(t *testing.T) {
	e := newEnv(t)
	a, b := filepath.Join(e.dir, "a"), filepath.Join(e.dir, "b")
	var sum map[string]any
	e.json(&sum, "synth", "--voters", "3000", "--lines", "400", "--seed", "5", "--out", a)
	if sum["lines"] != 400.0 || sum["voters"] != 3000.0 {
		t.Fatalf("synth = %v", sum)
	}
	e.ok("synth", "--voters", "3000", "--lines", "400", "--seed", "5", "--out", b)
	for _, f := range []string{"voters.csv", "lines.csv", "truth.csv", "truth-detail.csv", "signatures.csv", "world.json"} {
		x, err1 := os.ReadFile(filepath.Join(a, f))
		y, err2 := os.ReadFile(filepath.Join(b, f))
		if err1 != nil || err2 != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs with the same seed (%v, %v)", f, err1, err2)
		}
	}
	head, _ := os.ReadFile(filepath.Join(a, "truth.csv"))
	if !strings.HasPrefix(string(head), "line_id,voter_id,reason\n") {
		t.Errorf("truth.csv header: %q", strings.SplitN(string(head), "\n", 2)[0])
	}
	if _, _, code := e.run("synth", "--voters", "10", "--lines", "400", "--out", a); code != ExitUsage {
		t.Errorf("more lines than voters: exit %d", code)
	}
}

func TestDemo(t *testing.T) {
	e := newEnv(t)
	out := filepath.Join(e.dir, "world")
	var d struct {
		Report   reportJSON
		Accuracy accuracyTable
	}
	e.json(&d, "demo", "--voters", "20000", "--lines", "2500", "--seed", "3", "--db", e.db, "--out", out)
	r := d.Report
	sum := r.Valid
	for _, n := range r.ByReason {
		sum += n
	}
	if r.Raw != 2500 || sum != r.Raw || r.Status != "insufficient" {
		t.Errorf("report = %+v (valid + reasons = %d)", r, sum)
	}
	a := d.Accuracy
	if a.Lines != 2500 || a.FoundValidity-a.TrueValidity > 1.5 || a.TrueValidity-a.FoundValidity > 1.5 {
		t.Errorf("validity: true %.2f%%, found %.2f%%", a.TrueValidity, a.FoundValidity)
	}
	for _, o := range a.Outcomes {
		if o.True >= 25 && (float64(o.Found) < 0.9*float64(o.True) || float64(o.Found) > 1.1*float64(o.True)) {
			t.Errorf("%s: true %d, found %d: more than 10%% apart", o.Outcome, o.True, o.Found)
		}
	}
	// The demo database is a normal Signet database: the other commands read it.
	if !strings.Contains(e.ok("audit", "verify"), "intact") {
		t.Error("audit log of the demo is not intact")
	}
	var ps []map[string]any
	e.json(&ps, "petition", "list")
	if len(ps) != 1 || ps[0]["id"] != "demo" || ps[0]["cutoff"] != "filing_date" {
		t.Errorf("petition list = %v", ps)
	}
	var js []map[string]any
	e.json(&js, "jurisdiction", "list")
	if len(js) != 1 || js[0]["id"] != "demo-county" {
		t.Errorf("jurisdiction list = %v", js)
	}
	var j map[string]any
	e.json(&j, "jurisdiction", "show", "--id", "demo-county")
	if zips, _ := j["zips"].([]any); len(zips) < 8 {
		t.Errorf("jurisdiction show = %v", j)
	}
	var reps []map[string]any
	e.json(&reps, "registration", "list", "--jurisdiction", "demo-county")
	if len(reps) != 1 || !strings.HasPrefix(reps[0]["source"].(string), "roll:") {
		t.Errorf("registration list = %v", reps)
	}
	var evs []map[string]any
	e.json(&evs, "audit", "log", "--subject", "petition:demo", "--limit", "3")
	if len(evs) != 3 || evs[0]["kind"] != "petition.create" {
		t.Errorf("audit log = %v", evs)
	}
	text := e.ok("report", "--petition", "demo")
	for _, w := range []string{"Max Number of Times Signed (Duplicate)", "Status: INSUFFICIENT", "Raw count (lines filed)"} {
		if !strings.Contains(text, w) {
			t.Errorf("report text lacks %q:\n%s", w, text)
		}
	}
	// A second demo into the same explicit database is refused; --fresh starts over.
	if _, errs, code := e.run("demo", "--voters", "20000", "--lines", "2500", "--db", e.db, "--out", out); code != ExitConflict {
		t.Errorf("second demo: exit %d %s", code, errs)
	}
	var again struct{ Report reportJSON }
	e.json(&again, "demo", "--voters", "20000", "--lines", "2500", "--seed", "3", "--db", e.db, "--out", out, "--fresh")
	b1, _ := json.Marshal(again.Report)
	b2, _ := json.Marshal(r)
	if !bytes.Equal(b1, b2) {
		t.Errorf("the same demo twice gave different reports:\n%s\n%s", b1, b2)
	}
	if v := e.ok("version"); !strings.HasPrefix(v, "signet ") {
		t.Errorf("version = %q", v)
	}
}

// TestDemoHintShowsARefusal: the line the demo's closing hint points at is one the count
// refused as the truth has it, and line explain names the rule the hint names.
func TestDemoHintShowsARefusal(t *testing.T) {
	e := newEnv(t)
	out := filepath.Join(e.dir, "world")
	text := e.ok("demo", "--voters", "20000", "--lines", "2500", "--seed", "3", "--db", e.db, "--out", out)
	m := regexp.MustCompile(`signet line explain --db \S+ --petition demo --line (\S+) \(rightly refused as (\w+): candidate 1 turned down by the rule (\w+)\)`).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("no refusal in the demo's hint:\n%s", text)
	}
	line, reason, rule := m[1], m[2], m[3]
	if rule == match.RuleAddressDiffers || match.RuleText(rule) == "" {
		t.Errorf("the hint's rule %q: not one about the line's own name", rule)
	}
	truth, err := os.ReadFile(filepath.Join(out, "truth.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(line) + `,[^,]*,` + reason + `$`).Match(truth) {
		t.Errorf("line %s is not %s in truth.csv", line, reason)
	}
	explain := e.ok("line", "explain", "--petition", "demo", "--line", line)
	for _, w := range []string{"verdict       " + reason, "candidate 1   voter ", "\n      rule         " + rule + ": " + match.RuleText(rule) + "\n"} {
		if !strings.Contains(explain, w) {
			t.Errorf("line explain %s lacks %q:\n%s", line, w, explain)
		}
	}
	if c1 := explain[strings.Index(explain, "candidate 1"):]; !strings.HasPrefix(c1[strings.Index(c1, "\n")+1:], "      rule         "+rule+":") {
		t.Errorf("candidate 1 is not the one turned down by %s:\n%s", rule, explain)
	}
}

func TestBenchMatch(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process")
	}
	e := newEnv(t)
	var b benchResult
	e.json(&b, "bench", "match", "--voters", "20000", "--lines", "2000", "--seed", "9", "--dir", filepath.Join(e.dir, "bench"))
	if b.Lines != 2000 || b.Seconds <= 0 || b.PeakRSSBytes <= 0 || b.Linker == "" {
		t.Errorf("bench = %+v", b)
	}
	// The timed count reads the linker the roll import stored, as a count does.
	if b.LinkerFrom != "snapshot" {
		t.Errorf("the timed count's linker was %q, want read from its snapshot", b.LinkerFrom)
	}
	if b.Precision < 0.98 || b.Recall < 0.97 || b.Precision > 1 || b.Recall > 1 {
		t.Errorf("precision %.4f, recall %.4f", b.Precision, b.Recall)
	}
	total := 0
	for _, c := range b.Reasons {
		total += c.True
	}
	if total != 2000 || b.Reasons["valid"].Found == 0 {
		t.Errorf("reasons = %v", b.Reasons)
	}
}
