package web

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/signet-vote/signet/registrar"
)

// TestOnPostgres: the web application over the server store. The demo county loaded into
// a PostgreSQL database (a copy of the package's PostgreSQL demo, stores_test.go) gives the
// same public status as over SQLite (the count, its reasons, the sample, the projection,
// the progress by day), the same public pages, and its clerks' desk works through the API:
// a clerk claims a line and decides it, and the queue the supervisor sees shrinks by one.
// The scenarios that write (the desks, the admin's, the campaign's, the jobs) run on both
// stores (forEachStore). It needs SIGNET_TEST_POSTGRES, which the README's test command
// sets (scripts/with-postgres), and fails without it.
func TestOnPostgres(t *testing.T) {
	ctx := context.Background()
	store, tokens := openPostgresDemo(t)
	pg := serverOver(t, store, tokens, nil)
	sq := newTestServer(t)

	// The public reading, as JSON (the report with its sample and projection, the
	// certificate, the progress by day), the same on both stores.
	status := func(ts *testServer) map[string]any {
		t.Helper()
		res, body := ts.get("/api/v1/petitions/demo/status")
		if res.StatusCode != 200 {
			t.Fatalf("status: %d %.300s", res.StatusCode, body)
		}
		var st map[string]any
		if err := json.Unmarshal([]byte(body), &st); err != nil {
			t.Fatal(err)
		}
		return st
	}
	a, b := status(pg), status(sq)
	// The audit log's head hashes when each event was written, and its length counts what
	// other tests of the package wrote to the shared SQLite database; the days of the
	// progress are the days the two databases were verified (the same but across a midnight).
	for _, st := range []map[string]any{a, b} {
		if c, ok := st["certificate"].(map[string]any); ok {
			delete(c, "audit_head")
			delete(c, "audit_events")
		}
		if p, ok := st["progress"].(map[string]any); ok {
			delete(p, "days")
		}
	}
	for _, k := range []string{"report", "certificate", "progress"} {
		ja, _ := json.Marshal(a[k])
		jb, _ := json.Marshal(b[k])
		if a[k] == nil || string(ja) != string(jb) {
			t.Errorf("%s on PostgreSQL:\n%s\non SQLite:\n%s", k, ja, jb)
		}
	}
	for _, path := range []string{"/", "/petitions/demo", "/petitions/demo?lang=es", "/api/v1/petitions"} {
		if res, body := pg.get(path); res.StatusCode != 200 || !strings.Contains(body, "demo") {
			t.Errorf("%s on PostgreSQL: %d %.200s", path, res.StatusCode, body)
		}
	}

	// The desk through the API, as a clerk's program.
	clerk := "Authorization: Bearer " + tokens[registrar.RoleClerk]
	_, queue, _, err := store.ReviewQueue(ctx, "demo")
	if err != nil || queue == 0 {
		t.Fatalf("the review queue on PostgreSQL: %d, %v (the test needs lines in review)", queue, err)
	}
	res, body := pg.send("POST", "http://signet.test/api/v1/petitions/demo/desk/claim", "", clerk)
	var item struct {
		Line       *string
		Candidates []struct {
			VoterID string `json:"voter_id"`
		}
	}
	if res.StatusCode != 200 || json.Unmarshal([]byte(body), &item) != nil || item.Line == nil {
		t.Fatalf("a clerk's claim on PostgreSQL: %d %.300s", res.StatusCode, body)
	}
	decision := `{"decision": "invalid", "reason": "not_registered", "comment": "on PostgreSQL"}`
	if len(item.Candidates) > 0 {
		decision = `{"decision": "valid", "voter": "` + item.Candidates[0].VoterID + `", "signature": "match", "comment": "on PostgreSQL"}`
	}
	res, body = pg.send("POST", "http://signet.test/api/v1/petitions/demo/desk/"+*item.Line+"/decide", decision, clerk, "Content-Type: application/json")
	if res.StatusCode != 200 {
		t.Fatalf("the clerk's decision on PostgreSQL: %d %.300s", res.StatusCode, body)
	}
	if _, left, _, err := store.ReviewQueue(ctx, "demo"); err != nil || left != queue-1 {
		t.Errorf("the queue after a decision: %d (was %d), %v", left, queue, err)
	}
}
