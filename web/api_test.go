package web

import (
	"context"
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/signet-vote/signet/registrar"
)

// TestAPI: the API serves the petitions and each one's status as the engine gives them.
func TestAPI(t *testing.T) {
	ts := newTestServer(t)
	res, body := ts.get("/api/v1/petitions")
	var list []map[string]any
	if err := json.Unmarshal([]byte(body), &list); res.StatusCode != 200 || err != nil || len(list) != 1 || list[0]["id"] != "demo" || list[0]["required"] != 1460.0 {
		t.Errorf("petitions: %d %v %s", res.StatusCode, err, body)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q", ct)
	}
	res, body = ts.get("/api/v1/petitions/demo")
	var p map[string]any
	if err := json.Unmarshal([]byte(body), &p); res.StatusCode != 200 || err != nil || p["id"] != "demo" || p["filed"] != "2022-07-06" {
		t.Errorf("petition: %d %v %s", res.StatusCode, err, body)
	}
	res, body = ts.get("/api/v1/petitions/demo/status")
	st, err := ts.svc.Status(context.Background(), "demo")
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(st)
	var got, wantMap map[string]any
	json.Unmarshal([]byte(body), &got)
	json.Unmarshal(want, &wantMap)
	if res.StatusCode != 200 || !reflect.DeepEqual(got, wantMap) {
		t.Errorf("status: %d\n got %s\nwant %s", res.StatusCode, body, want)
	}
	rep, _ := got["report"].(map[string]any)
	if rep["raw"] != 1850.0 || rep["status"] != "insufficient" || got["certificate"] == nil {
		t.Errorf("status JSON: %s", body)
	}
	for _, path := range []string{"/api/v1/petitions/nope", "/api/v1/petitions/nope/status", "/api/v1/nothing"} {
		res, body := ts.get(path)
		var e struct {
			Error struct{ Code, Message string }
		}
		if err := json.Unmarshal([]byte(body), &e); res.StatusCode != 404 || err != nil || e.Error.Code != "not_found" || e.Error.Message == "" {
			t.Errorf("%s: %d %s", path, res.StatusCode, body)
		}
	}
	res, body = ts.get("/healthz")
	if res.StatusCode != 200 || !strings.Contains(body, `"ok"`) {
		t.Errorf("healthz: %d %s", res.StatusCode, body)
	}
}

// TestOpenAPIDescribesEveryRoute: every route the server serves under /api/v1 is a path
// and method of the OpenAPI document, and every path of the document is served.
func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	ts := newTestServer(t)
	res, body := ts.get("/api/v1/openapi.json")
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal([]byte(body), &doc); res.StatusCode != 200 || err != nil || !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("openapi.json: %d %v", res.StatusCode, err)
	}
	served := map[string]bool{}
	perms := map[string]registrar.Permission{} // "get /api/v1/…": the route's permission
	for _, rt := range ts.srv.routes {
		method, path, ok := strings.Cut(rt.pattern, " ")
		if !ok {
			method, path = "", rt.pattern
		}
		if !strings.HasPrefix(path, "/api/v1") {
			continue
		}
		if method == "" {
			t.Errorf("route %q serves every method: name its method", rt.pattern)
			continue
		}
		served[path] = true
		op, ok := doc.Paths[path][strings.ToLower(method)].(map[string]any)
		if !ok {
			t.Errorf("route %q is not in openapi.json (paths: %v)", rt.pattern, slices.Sorted(maps.Keys(doc.Paths)))
			continue
		}
		// The document says who may: the permission the route declares.
		if got := op["x-permission"]; got != string(rt.perm) {
			t.Errorf("route %q: openapi.json says x-permission %v, the route declares %q", rt.pattern, got, rt.perm)
		}
		perms[strings.ToLower(method)+" "+path] = rt.perm
	}
	if len(served) < 4 {
		t.Errorf("only %d API routes found: %v", len(served), ts.srv.Patterns())
	}
	for path, ops := range doc.Paths {
		for method := range ops {
			if !served[path] {
				t.Errorf("openapi.json describes %s %s, which is not served", method, path)
			}
		}
		// Every GET that needs no line or challenge answers 200 to a role its permission
		// allows (a state-officer recall's status, not the demo's: TestStateRecallAPI).
		perm, get := perms["get "+path]
		if !get || strings.Contains(path, "{line}") || strings.Contains(path, "{n}") || strings.HasPrefix(path, "/api/v1/jobs/") || strings.HasSuffix(path, "/state-status") {
			continue
		}
		role := registrar.RoleAdmin
		for _, r := range registrar.Roles() {
			if registrar.Can(r, perm) {
				role = r
				break
			}
		}
		if res, body := ts.get(strings.NewReplacer("{id}", "demo", "{name}", "clerk").Replace(path), "Authorization: Bearer "+fixture.tokens[role]); res.StatusCode != 200 {
			t.Errorf("GET %s as %s: %d %.200s", path, role, res.StatusCode, body)
		}
	}
}

// TestOpenAPINamesEveryJobKind: the Job schema's kind enumerates exactly the kinds of job
// the server runs (kindText), so a program reading /api/v1/jobs/{id} knows each one.
func TestOpenAPINamesEveryJobKind(t *testing.T) {
	b, err := assets.ReadFile("assets/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Components struct {
			Schemas struct {
				Job struct {
					Properties struct {
						Kind struct {
							Enum []string `json:"enum"`
						} `json:"kind"`
					} `json:"properties"`
				} `json:"Job"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	got := slices.Sorted(slices.Values(doc.Components.Schemas.Job.Properties.Kind.Enum))
	want := slices.Sorted(maps.Keys(kindText))
	if !slices.Equal(got, want) {
		t.Fatalf("the Job schema's kinds are %v; the server runs %v", got, want)
	}
}
