package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestBenchServe runs "signet bench serve" briefly on a small county: the status page is
// read over HTTP while clerks settle review lines, and the figures add up.
func TestBenchServe(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a county and serves it")
	}
	e := newEnv(t)
	var b benchServeResult
	e.json(&b, "bench", "serve", "--voters", "20000", "--lines", "2500", "--seed", "9", "--duration", "2s",
		"--readers", "20", "--pause", "50ms", "--clerks", "3", "--think", "100ms", "--dir", filepath.Join(e.dir, "bench"))
	if b.Requests < 20 || b.Errors != 0 || b.RequestsPerS <= 0 || b.PageBytes < 1000 {
		t.Errorf("reads: %+v", b)
	}
	if !(0 < b.P50MS && b.P50MS <= b.P90MS && b.P90MS <= b.P99MS && b.P99MS <= b.MaxMS) {
		t.Errorf("latency percentiles out of order: %+v", b)
	}
	if b.QueueStart == 0 || b.Decisions == 0 || b.DecisionErrors != 0 || b.QueueLeft != b.QueueStart-b.Decisions {
		t.Errorf("desk: queue %d → %d, %d decisions, %d errors", b.QueueStart, b.QueueLeft, b.Decisions, b.DecisionErrors)
	}
	if !strings.Contains(b.Desk, "/api/v1/petitions/demo/desk/claim") || b.Readers != 20 || b.Clerks != 3 || b.Cores < 1 {
		t.Errorf("bench = %+v", b)
	}
}
