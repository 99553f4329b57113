package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/signet-vote/signet/registrar"
)

// TestSampleWorkflow walks the statutory path: file, announce the seed and draw, verify the
// sample, project, full count, certificate.
func TestSampleWorkflow(t *testing.T) {
	data := t.TempDir()
	w := synthWorld(t, data, 30000, 3000)
	e := newEnv(t)
	// 11,875 registered: the 20% tier, 2,375 required of 3,000 lines (a cushion like LA's).
	e.setUp(data, w, 11875)

	if _, errs, code := e.run("certificate", "--petition", "demo"); code != ExitConflict || !strings.Contains(errs, "not decided") {
		t.Errorf("certificate before any count: exit %d %s", code, errs)
	}
	if _, _, code := e.run("sample", "draw", "--petition", "demo", "--seed", "12ab"); code != ExitUsage {
		t.Errorf("a non-numeric seed: exit %d", code)
	}
	var d registrar.DrawnSample
	e.json(&d, "sample", "draw", "--petition", "demo", "--seed", "31415926535897932384")
	// ca-local-recall: more than 500 lines, so max(500, ⌈5% × 3,000⌉ = 150) = 500 (Elections Code §11225(a)).
	if d.Population != 3000 || d.Size != 500 || len(d.Lines) != 500 {
		t.Fatalf("draw = %+v", d)
	}
	// Anyone re-draws the same lines from the seed alone.
	var again struct{ Lines []int }
	e.json(&again, "sample", "draw", "--seed", "31415926535897932384", "--population", "3000", "--size", "500")
	if fmt.Sprint(again.Lines) != fmt.Sprint(d.Lines) {
		t.Fatal("the public re-draw differs from the stored sample")
	}
	// The same seed again is the same sample; another seed is refused.
	e.ok("sample", "draw", "--petition", "demo", "--seed", "31415926535897932384")
	if _, errs, code := e.run("sample", "draw", "--petition", "demo", "--seed", "27182818284590452353"); code != ExitConflict {
		t.Errorf("a second seed: exit %d %s", code, errs)
	}
	var evs []struct{ Kind string }
	e.json(&evs, "audit", "log", "--subject", "petition:demo", "--limit", "0")
	seedAt, drawAt := -1, -1
	for i, ev := range evs {
		switch ev.Kind {
		case "sample.seed":
			if seedAt < 0 {
				seedAt = i
			}
		case "sample.draw":
			drawAt = i
		}
	}
	if seedAt < 0 || drawAt < seedAt {
		t.Errorf("the seed must be logged before the draw: seed event at %d, draw at %d", seedAt, drawAt)
	}

	if _, errs, code := e.run("sample", "project", "--petition", "demo"); code != ExitConflict || !strings.Contains(errs, "no verdict") {
		t.Errorf("projecting an unverified sample: exit %d %s", code, errs)
	}
	// The text says what was verified: the sample's lines, not that the others had verdicts.
	if out := e.ok("verify", "--petition", "demo", "--sample"); !strings.Contains(out, "verified 500 lines of the random sample of petition demo") || strings.Contains(out, "already had verdicts") {
		t.Errorf("verify --sample says %q", out)
	}
	var v registrar.VerifyResult
	e.json(&v, "verify", "--petition", "demo", "--sample")
	if v.Verified != 0 {
		t.Fatalf("verify --sample again verified %d lines", v.Verified)
	}
	var r reportJSON
	e.json(&r, "report", "--petition", "demo")
	if r.Verified != 500 || r.Status != "pending_verification" {
		t.Errorf("after the sample: %+v", r)
	}
	var p map[string]any
	e.json(&p, "sample", "project", "--petition", "demo")
	for _, k := range []string{"projected_valid", "projected_percent", "decision", "band_sufficient", "band_full_count", "unrounded_estimate", "ci95", "probability_sufficient"} {
		if _, ok := p[k]; !ok {
			t.Errorf("projection lacks %q: %v", k, p)
		}
	}
	if p["sample"] != 500.0 || p["raw"] != 3000.0 {
		t.Errorf("projection inputs: %v", p)
	}
	decision := p["decision"].(string)
	var full struct {
		reportJSON
		Basis string
	}
	e.json(&full, "report", "--petition", "demo")
	if decision == "full_count" && full.Status != "pending_verification" || decision != "full_count" && (full.Status != decision || full.Basis != "sample") {
		t.Errorf("decision %s but report %+v", decision, full)
	}
	e.json(&v, "verify", "--petition", "demo")
	if v.Verified != 2500 {
		t.Errorf("the full count verified %d more lines, want 2,500", v.Verified)
	}
	e.json(&full, "report", "--petition", "demo")
	if full.Basis != "full_count" || full.Raw != 3000 || full.Verified != 3000 {
		t.Errorf("after the full count: %+v", full)
	}
	text := e.ok("certificate", "--petition", "demo")
	for _, want := range []string{"CERTIFICATE OF", "Re-draw it: signet sample draw --seed 31415926535897932384 --population 3000 --size 500", "Elections Code §11221", "Audit log head at issue"} {
		if !strings.Contains(text, want) {
			t.Errorf("certificate lacks %q:\n%s", want, text)
		}
	}
	html := e.ok("certificate", "--petition", "demo", "--format", "html")
	if !strings.HasPrefix(html, "<!doctype html>") || !strings.Contains(html, "31415926535897932384") {
		t.Errorf("html certificate:\n%s", html)
	}
	var c registrar.Certificate
	e.json(&c, "certificate", "--petition", "demo", "--format", "json")
	if string(c.Result) != full.Status || c.Sample == nil || c.Sample.Seed != "31415926535897932384" || c.Raw != 3000 {
		t.Errorf("json certificate: %+v", c)
	}
	e.ok("audit", "verify")
	_ = filepath.Join
}

// TestFullCountStopsEarly: a county initiative's full count may stop once enough valid
// signatures are found (Elections Code §9115(b)); a local recall's may not.
func TestFullCountStopsEarly(t *testing.T) {
	data := t.TempDir()
	w := synthWorld(t, data, 8000, 1500)
	e := newEnv(t)
	e.vars["SIGNET_VERIFY_BATCH"] = "100"
	e.ok("jurisdiction", "create", "--id", "demo-county", "--zips", strings.Join(w.Jurisdiction.ZIPs, ","))
	e.ok("voters", "import", "--jurisdiction", "demo-county", filepath.Join(data, "voters.csv"))
	// 5,000 votes for Governor: 10% ⇒ 500 valid required (Elections Code §9118).
	e.ok("registration", "add", "--id", "gov", "--jurisdiction", "demo-county", "--date", "2022-01-01", "--registered", "5000")
	e.ok("petition", "create", "--id", "init", "--kind", "initiative", "--jurisdiction", "demo-county", "--rules", "ca-county-initiative", "--report", "gov", "--approved", "2022-01-27")
	e.ok("lines", "import", "--petition", "init", filepath.Join(data, "lines.csv"))
	e.ok("petition", "file", "--petition", "init", "--date", "2022-07-06")
	var v registrar.VerifyResult
	e.json(&v, "verify", "--petition", "init")
	if !v.StoppedEarly || v.Verified >= 1500 || v.Verified < 500 || v.Verified%100 != 0 {
		t.Fatalf("verify = %+v, want an early stop after whole batches", v)
	}
	var r reportJSON
	e.json(&r, "report", "--petition", "init")
	if r.Status != "sufficient" || r.Valid < 500 || r.Verified != v.Verified {
		t.Errorf("report = %+v", r)
	}
	e.ok("certificate", "--petition", "init")
}
