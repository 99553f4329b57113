package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/registrar"
)

// TestBadInput throws bad ids, path-traversal names, malformed queries, odd headers (bad
// session cookies and Authorization headers among them) and other methods at every route
// (TestBadSignInForms throws malformed forms at the sign-in): every answer is a 2xx, 3xx or 4xx, never a 5xx, and none
// panics (a panic would be answered 500 by the server's recovery).
func TestBadInput(t *testing.T) {
	ts := newTestServer(t)
	ids := []string{"nope", "..", "..%2f..%2fetc%2fpasswd", "%2e%2e", "%00", "%ff%fe", strings.Repeat("a", 5000), "demo%0d%0aX:1",
		"<script>alert(1)<%2fscript>", "demo'--", "demo;drop%20table%20petitions", "%252e%252e%252f", "demo%20", "%e2%80%ae"}
	var paths []string
	for _, id := range ids {
		paths = append(paths, "/petitions/"+id, "/api/v1/petitions/"+id, "/api/v1/petitions/"+id+"/status")
	}
	paths = append(paths, "/static/../go.mod", "/static/..%2f..%2fgo.mod", "/static/%2e%2e/web.go", "/static/", "/static/nope.js",
		"/static//etc/passwd", "/../../etc/passwd", "//petitions/demo", "/petitions/demo/", "/petitions/", "/petitions",
		"/api/v1/", "/api/v1/petitions/", "/api/v1/petitions/demo/status/extra", "/api/v2/petitions", "/healthz/x",
		"/?lang=%", "/?lang=es&lang=en", "/?%zz=1", "/petitions/demo?lang=<script>", "/petitions/demo?lang="+strings.Repeat("e", 10000),
		"/api/v1/petitions?limit=-1&offset=abc", "/metrics?name[]=x",
		"/login", "/login?next=//evil.example", "/login?next=%00", "/logout", "/me", "/me/", "/admin/users", "/admin/", "/api/v1/me", "/api/v1/users", "/api/v1/users/x")
	headers := [][]string{nil, {"Accept-Language: *;q=x,,,;;es-;q=2"}, {"Accept-Language: " + strings.Repeat("es-ES,", 2000)},
		{"Cookie: lang=../../etc"}, {"Cookie: lang=%00; lang=es"}, {"Cookie: signet_session=" + strings.Repeat("%00", 3000)},
		{"Authorization: Bearer"}, {"Authorization: Basic YWRtaW46eA=="}, {"Authorization: Bearer signet_" + strings.Repeat("A", 5000)}}
	n := 0
	for _, path := range paths {
		for _, method := range []string{"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"} {
			for _, h := range headers {
				res, body := ts.do(method, path, h...)
				n++
				if res.StatusCode >= 500 {
					t.Errorf("%s %s %v: %d %.200s", method, path, h, res.StatusCode, body)
				}
				if strings.HasPrefix(path, "/api/") && res.StatusCode >= 400 && method == "GET" && res.StatusCode != http.StatusMethodNotAllowed {
					var e struct{ Error struct{ Code string } }
					if json.Unmarshal([]byte(body), &e) != nil || e.Error.Code == "" {
						t.Errorf("%s %s: an API error that is not the API's JSON: %.200s", method, path, body)
					}
				}
				if strings.Contains(body, "<script>alert") {
					t.Errorf("%s %s: the id is echoed unescaped", method, path)
				}
			}
		}
	}
	ts.noFailureLogged(t)
	t.Logf("%d requests", n)
	if testing.Verbose() {
		counts := map[string]int{}
		for _, l := range strings.Split(ts.log.String(), "\n") {
			if i := strings.Index(l, `"status":`); i >= 0 {
				counts[l[i+9:i+12]]++
			}
		}
		t.Logf("statuses: %v", counts)
	}
}

// TestErrorStatuses: the one mapping from error codes to statuses, wrapped or not; a
// failure that is Signet's own is a 500 that says no more than that, and is logged.
func TestErrorStatuses(t *testing.T) {
	for code, want := range map[signet.ErrorCode]int{signet.EInvalid: 400, signet.ENotFound: 404, signet.EConflict: 409,
		signet.EUnauthorized: 401, signet.EForbidden: 403, signet.EInternal: 500} {
		err := signet.Errorf(code, "x")
		if got := httpStatus(err); got != want {
			t.Errorf("%s: %d, want %d", code, got, want)
		}
		if got := httpStatus(fmt.Errorf("reading: %w", err)); got != want {
			t.Errorf("%s wrapped: %d, want %d", code, got, want)
		}
	}
	if got := httpStatus(errors.New("disk on fire")); got != 500 {
		t.Errorf("an error without a code: %d", got)
	}
	// A store that fails: the page and the API answer 500 with no detail, and log it.
	ts := newTestServerOn(t, copyDemo(t))
	ts.svc.Store.Close()
	for _, path := range []string{"/petitions/demo", "/api/v1/petitions/demo/status", "/"} {
		res, body := ts.get(path)
		if res.StatusCode != 500 || strings.Contains(body, "sql") || !strings.Contains(body, "internal error") {
			t.Errorf("%s on a closed store: %d %.300s", path, res.StatusCode, body)
		}
	}
	if res, _ := ts.get("/healthz"); res.StatusCode != 503 {
		t.Errorf("healthz on a closed store: %d", res.StatusCode)
	}
	if !strings.Contains(ts.log.String(), `"msg":"request failed"`) {
		t.Errorf("the failure is not logged:\n%s", ts.log.String())
	}
}

// TestBadInputAtTheDesks throws bad ids, bad line ids, bad challenge ids and malformed
// bodies at every route of the desks, as a role the route allows (a session on the pages,
// a token on the API): every answer is a 4xx (or a redirect), never a 5xx.
func TestBadInputAtTheDesks(t *testing.T) {
	ts := newTestServerOn(t, copyDemo(t))
	ids := []string{"nope", "..", "%2e%2e", "%00", "%ff%fe", strings.Repeat("a", 3000), "<script>alert(1)<%2fscript>", "demo'--", "demo%20"}
	bodies := []string{"", "%zz", "decision=valid&voter=" + strings.Repeat("V", 5000), "{", `{"decision": "valid"}`, `["x"]`, "line=..%2f..&comment=%00"}
	n := 0
	for _, rt := range ts.srv.routes {
		if !strings.Contains(rt.pattern, "{") || rt.perm == registrar.Public || rt.perm == "" {
			continue
		}
		role := registrar.RoleAdmin
		for _, r := range registrar.Roles() {
			if registrar.Can(r, rt.perm) {
				role = r
				break
			}
		}
		method, pattern, _ := strings.Cut(rt.pattern, " ")
		api := strings.HasPrefix(pattern, "/api/")
		auth := ts.login(role)
		if api {
			auth = "Authorization: Bearer " + fixture.tokens[role]
		}
		for _, id := range append(ids, "demo") {
			for _, bad := range ids {
				path := strings.NewReplacer("{id}", id, "{line}", bad, "{n}", bad).Replace(pattern)
				for _, body := range bodies {
					res, b := ts.send(method, "http://signet.test"+path, body, auth)
					n++
					if res.StatusCode >= 500 {
						t.Errorf("%s %s as %s with %.40q: %d %.200s", method, path, role, body, res.StatusCode, b)
					}
					if strings.Contains(b, "<script>alert") {
						t.Errorf("%s %s: an id is echoed unescaped", method, path)
					}
				}
			}
		}
	}
	if n < 1000 {
		t.Errorf("only %d requests", n)
	}
	ts.noFailureLogged(t)
}
