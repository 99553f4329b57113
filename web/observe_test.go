package web

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/present"
)

// TestMetrics: /metrics counts requests by route pattern and status and times them.
func TestMetrics(t *testing.T) {
	ts := newTestServer(t)
	ts.get("/petitions/demo")
	ts.get("/petitions/demo?lang=es")
	ts.get("/petitions/nope")
	ts.get("/api/v1/petitions/demo/status")
	res, body := ts.get("/metrics")
	if res.StatusCode != 200 {
		t.Fatalf("metrics: %d", res.StatusCode)
	}
	for _, w := range []string{
		`signet_http_requests_total{code="200",route="GET /petitions/{id}"} 2`,
		`signet_http_requests_total{code="404",route="GET /petitions/{id}"} 1`,
		`signet_http_requests_total{code="200",route="GET /api/v1/petitions/{id}/status"} 1`,
		`signet_http_request_duration_seconds_count{route="GET /petitions/{id}"} 3`,
		`go_goroutines`,
	} {
		if !strings.Contains(body, w) {
			t.Errorf("metrics lack %s", w)
		}
	}
	// Routes are patterns, never raw paths: what a client asks cannot grow the label set.
	if strings.Contains(body, `route="/petitions/nope"`) || strings.Contains(body, "nope") {
		t.Error("a raw path is a metric label")
	}
}

// TestRequestLog: one JSON record per request with the method, route pattern, status,
// size and time, and neither the path's id, the query, nor the client's address.
func TestRequestLog(t *testing.T) {
	ts := newTestServer(t)
	ts.get("/petitions/demo?lang=es", "X-Forwarded-For: 203.0.113.9")
	ts.get("/petitions/secret-id")
	lines := strings.Split(strings.TrimSpace(ts.log.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d log records:\n%s", len(lines), ts.log.String())
	}
	var rec map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &rec); err != nil {
		t.Fatal(err)
	}
	if rec["msg"] != "request" || rec["method"] != "GET" || rec["route"] != "GET /petitions/{id}" || rec["status"] != 200.0 || rec["bytes"].(float64) < 1000 {
		t.Errorf("log record %v", rec)
	}
	for _, bad := range []string{"lang=es", "203.0.113", "192.0.2", "secret-id"} {
		if strings.Contains(ts.log.String(), bad) {
			t.Errorf("the log holds %q:\n%s", bad, ts.log.String())
		}
	}
}

// TestCatalog: every text the templates and handlers translate has its Spanish entry,
// with the same format verbs in the same order.
func TestCatalog(t *testing.T) {
	var keys []string
	tmpl, _ := filepath.Glob("assets/templates/*.html")
	for _, f := range tmpl {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range regexp.MustCompile(`\.T "((?:[^"\\]|\\.)*)"`).FindAllStringSubmatch(string(b), -1) {
			keys = append(keys, m[1])
		}
	}
	goFiles, _ := filepath.Glob("*.go")
	for _, f := range goFiles {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, _ := os.ReadFile(f)
		for _, m := range regexp.MustCompile(`\.T\("((?:[^"\\]|\\.)*)"`).FindAllStringSubmatch(string(b), -1) {
			keys = append(keys, m[1])
		}
	}
	for _, m := range []map[string]string{subReasonLabels, dateLabels, deadlineLabels} {
		for _, v := range m {
			keys = append(keys, v)
		}
	}
	for _, v := range roleLabels {
		keys = append(keys, v)
	}
	for _, v := range permissionLabels {
		keys = append(keys, v)
	}
	for _, r := range signet.Reasons {
		keys = append(keys, present.ReasonLabel(r))
	}
	keys = append(keys, "Certificate of Sufficiency", "Certificate of Insufficiency",
		"validity rate", "uncorrected valid", "value of each signature", "weight of each duplicate", "estimated duplicates", "projected valid")
	if len(keys) < 60 {
		t.Fatalf("only %d texts found to translate", len(keys))
	}
	verbs := regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)
	for _, k := range keys {
		es, ok := spanish[k]
		if !ok {
			t.Errorf("no Spanish for %q", k)
			continue
		}
		if !slices.Equal(verbs.FindAllString(k, -1), verbs.FindAllString(es, -1)) {
			t.Errorf("%q and %q have different verbs", k, es)
		}
	}
	for k, es := range spanish {
		if !slices.Equal(verbs.FindAllString(k, -1), verbs.FindAllString(es, -1)) {
			t.Errorf("%q and %q have different verbs", k, es)
		}
	}
}
