package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/registrar"
)

// routeSamples are a request to each route of the server, as someone allowed would send
// it: the test below walks them all, and fails for a route that has none.
var routeSamples = map[string]struct {
	method, path string
	form         url.Values
}{
	"GET /{$}":                          {"GET", "/", nil},
	"GET /petitions/{id}":               {"GET", "/petitions/demo", nil},
	"GET /static/{file...}":             {"GET", "/static/style.css", nil},
	"GET /healthz":                      {"GET", "/healthz", nil},
	"GET /metrics":                      {"GET", "/metrics", nil},
	"GET /login":                        {"GET", "/login", nil},
	"POST /login":                       {"POST", "/login", url.Values{"name": {"clerk"}, "password": {testPassword}}},
	"POST /logout":                      {"POST", "/logout", nil},
	"GET /me":                           {"GET", "/me", nil},
	"GET /admin/users":                  {"GET", "/admin/users", nil},
	"GET /api/v1/openapi.json":          {"GET", "/api/v1/openapi.json", nil},
	"GET /api/v1/petitions":             {"GET", "/api/v1/petitions", nil},
	"GET /api/v1/petitions/{id}":        {"GET", "/api/v1/petitions/demo", nil},
	"GET /api/v1/petitions/{id}/status": {"GET", "/api/v1/petitions/demo/status", nil},
	"GET /api/v1/me":                    {"GET", "/api/v1/me", nil},
	"GET /api/v1/users":                 {"GET", "/api/v1/users", nil},
	"GET /":                             {"GET", "/nope", nil},

	"GET /desk":                                         {"GET", "/desk", nil},
	"GET /petitions/{id}/desk":                          {"GET", "/petitions/demo/desk", nil},
	"POST /petitions/{id}/desk/claim":                   {"POST", "/petitions/demo/desk/claim", nil},
	"GET /petitions/{id}/desk/{line}":                   {"GET", "/petitions/demo/desk/S000001-1", nil},
	"POST /petitions/{id}/desk/{line}/decide":           {"POST", "/petitions/demo/desk/S000001-1/decide", url.Values{"decision": {"invalid"}, "reason": {"not_registered"}}},
	"POST /petitions/{id}/desk/{line}/release":          {"POST", "/petitions/demo/desk/S000001-1/release", nil},
	"GET /petitions/{id}/supervise":                     {"GET", "/petitions/demo/supervise", nil},
	"POST /petitions/{id}/assignments":                  {"POST", "/petitions/demo/assignments", url.Values{"section": {"S000002"}, "clerk": {"clerk"}}},
	"POST /petitions/{id}/overrides":                    {"POST", "/petitions/demo/overrides", url.Values{"line": {"S000001-2"}, "decision": {"valid"}, "comment": {"seen the original"}}},
	"GET /petitions/{id}/lines/{line}":                  {"GET", "/petitions/demo/lines/S000001-1", nil},
	"POST /petitions/{id}/challenges/{n}/answer":        {"POST", "/petitions/demo/challenges/1/answer", url.Values{"answer": {"deny"}, "text": {"the record stands"}}},
	"GET /petitions/{id}/invalid":                       {"GET", "/petitions/demo/invalid", nil},
	"GET /petitions/{id}/invalid.csv":                   {"GET", "/petitions/demo/invalid.csv", nil},
	"POST /petitions/{id}/challenges":                   {"POST", "/petitions/demo/challenges", url.Values{"line": {"S000001-1"}, "comment": {"she is registered"}}},
	"POST /api/v1/petitions/{id}/desk/claim":            {"POST", "/api/v1/petitions/demo/desk/claim", nil},
	"GET /api/v1/petitions/{id}/desk/{line}":            {"GET", "/api/v1/petitions/demo/desk/S000001-1", nil},
	"POST /api/v1/petitions/{id}/desk/{line}/decide":    {"POST", "/api/v1/petitions/demo/desk/S000001-1/decide", nil},
	"POST /api/v1/petitions/{id}/desk/{line}/release":   {"POST", "/api/v1/petitions/demo/desk/S000001-1/release", nil},
	"GET /api/v1/petitions/{id}/lines/{line}":           {"GET", "/api/v1/petitions/demo/lines/S000001-1", nil},
	"GET /api/v1/petitions/{id}/assignments":            {"GET", "/api/v1/petitions/demo/assignments", nil},
	"POST /api/v1/petitions/{id}/assignments":           {"POST", "/api/v1/petitions/demo/assignments", nil},
	"GET /api/v1/petitions/{id}/throughput":             {"GET", "/api/v1/petitions/demo/throughput", nil},
	"POST /api/v1/petitions/{id}/overrides":             {"POST", "/api/v1/petitions/demo/overrides", nil},
	"GET /api/v1/petitions/{id}/challenges":             {"GET", "/api/v1/petitions/demo/challenges", nil},
	"POST /api/v1/petitions/{id}/challenges":            {"POST", "/api/v1/petitions/demo/challenges", nil},
	"POST /api/v1/petitions/{id}/challenges/{n}/answer": {"POST", "/api/v1/petitions/demo/challenges/1/answer", nil},
	"GET /api/v1/petitions/{id}/invalid":                {"GET", "/api/v1/petitions/demo/invalid", nil},
	"GET /api/v1/petitions/{id}/invalid.csv":            {"GET", "/api/v1/petitions/demo/invalid.csv", nil},

	"POST /petitions/{id}/verify":          {"POST", "/petitions/demo/verify", url.Values{"scope": {"all"}}},
	"GET /admin/uploads":                   {"GET", "/admin/uploads", nil},
	"POST /admin/uploads/roll":             {"POST", "/admin/uploads/roll", nil},
	"POST /admin/uploads/lines":            {"POST", "/admin/uploads/lines", nil},
	"GET /jobs/{id}":                       {"GET", "/jobs/999999", nil},
	"POST /api/v1/petitions/{id}/verify":   {"POST", "/api/v1/petitions/demo/verify", nil},
	"POST /api/v1/jurisdictions/{id}/roll": {"POST", "/api/v1/jurisdictions/nope/roll", nil},
	"POST /api/v1/petitions/{id}/lines":    {"POST", "/api/v1/petitions/nope/lines", nil},
	"GET /api/v1/jobs/{id}":                {"GET", "/api/v1/jobs/999999", nil},

	// The admin's pages (admin.go): changes aimed at an account that does not exist, so
	// that no role's user is changed under the walk.
	"POST /admin/users":                               {"POST", "/admin/users", url.Values{"name": {"walker"}, "role": {"observer"}, "password": {testPassword}, "confirm": {testPassword}}},
	"GET /admin/users/{name}":                         {"GET", "/admin/users/clerk", nil},
	"POST /admin/users/{name}/role":                   {"POST", "/admin/users/ghost/role", url.Values{"role": {"clerk"}}},
	"POST /admin/users/{name}/disable":                {"POST", "/admin/users/ghost/disable", nil},
	"POST /admin/users/{name}/enable":                 {"POST", "/admin/users/ghost/enable", nil},
	"POST /admin/users/{name}/tokens":                 {"POST", "/admin/users/ghost/tokens", url.Values{"token": {"t"}}},
	"POST /admin/users/{name}/tokens/{token}/revoke":  {"POST", "/admin/users/ghost/tokens/t/revoke", nil},
	"GET /me/password":                                {"GET", "/me/password", nil},
	"POST /me/password":                               {"POST", "/me/password", url.Values{"current": {"x"}, "new": {"a new password here"}, "confirm": {"another one"}}},
	"GET /admin/jurisdictions":                        {"GET", "/admin/jurisdictions", nil},
	"GET /admin/petitions":                            {"GET", "/admin/petitions", nil},
	"GET /admin/audit":                                {"GET", "/admin/audit", nil},
	"POST /admin/audit/verify":                        {"POST", "/admin/audit/verify", nil},
	"POST /api/v1/users":                              {"POST", "/api/v1/users", nil},
	"GET /api/v1/users/{name}":                        {"GET", "/api/v1/users/clerk", nil},
	"POST /api/v1/users/{name}/role":                  {"POST", "/api/v1/users/ghost/role", nil},
	"POST /api/v1/users/{name}/disable":               {"POST", "/api/v1/users/ghost/disable", nil},
	"POST /api/v1/users/{name}/enable":                {"POST", "/api/v1/users/ghost/enable", nil},
	"POST /api/v1/users/{name}/tokens":                {"POST", "/api/v1/users/ghost/tokens", nil},
	"POST /api/v1/users/{name}/tokens/{token}/revoke": {"POST", "/api/v1/users/ghost/tokens/t/revoke", nil},
	"POST /api/v1/me/password":                        {"POST", "/api/v1/me/password", nil},
	"GET /api/v1/jurisdictions":                       {"GET", "/api/v1/jurisdictions", nil},
	"GET /api/v1/admin/petitions":                     {"GET", "/api/v1/admin/petitions", nil},
	"GET /api/v1/audit":                               {"GET", "/api/v1/audit", nil},
	"POST /api/v1/audit/verify":                       {"POST", "/api/v1/audit/verify", nil},
	// issue 12: signature decisions uploaded, a password reset by an admin
	"POST /admin/uploads/reviews":         {"POST", "/admin/uploads/reviews", nil},
	"POST /api/v1/petitions/{id}/reviews": {"POST", "/api/v1/petitions/nope/reviews", nil},
	"POST /admin/users/{name}/password":   {"POST", "/admin/users/ghost/password", url.Values{"new": {"a long enough password"}, "confirm": {"a long enough password"}}},
	"POST /api/v1/users/{name}/password":  {"POST", "/api/v1/users/ghost/password", nil},
	// A petition's records set up and moved on (records.go).
	"POST /admin/jurisdictions":               {"POST", "/admin/jurisdictions", url.Values{"id": {"walk"}, "zips": {"9"}}},
	"POST /admin/jurisdictions/{id}/reports":  {"POST", "/admin/jurisdictions/nope/reports", url.Values{"id": {"r"}, "date": {"2022-01-01"}, "registered": {"9"}}},
	"POST /admin/petitions":                   {"POST", "/admin/petitions", url.Values{"id": {"walk"}, "rules": {"nope"}}},
	"GET /admin/petitions/{id}":               {"GET", "/admin/petitions/demo", nil},
	"POST /admin/petitions/{id}/file":         {"POST", "/admin/petitions/nope/file", url.Values{"date": {"2022-01-01"}}},
	"POST /admin/petitions/{id}/sample":       {"POST", "/admin/petitions/nope/sample", url.Values{"seed": {"1"}}},
	"POST /admin/petitions/{id}/projection":   {"POST", "/admin/petitions/nope/projection", nil},
	"POST /api/v1/jurisdictions":              {"POST", "/api/v1/jurisdictions", nil},
	"POST /api/v1/jurisdictions/{id}/reports": {"POST", "/api/v1/jurisdictions/nope/reports", nil},
	"POST /api/v1/petitions":                  {"POST", "/api/v1/petitions", nil},
	"POST /api/v1/petitions/{id}/file":        {"POST", "/api/v1/petitions/nope/file", nil},
	"POST /api/v1/petitions/{id}/sample":      {"POST", "/api/v1/petitions/nope/sample", nil},
	"POST /api/v1/petitions/{id}/projection":  {"POST", "/api/v1/petitions/nope/projection", nil},
	// A state-officer recall's county reports and status (records.go).
	"POST /admin/petitions/{id}/state-reports":  {"POST", "/admin/petitions/nope/state-reports", url.Values{"county": {"Alameda"}, "period_end": {"2022-01-01"}, "raw": {"1"}, "valid": {"1"}}},
	"POST /api/v1/petitions/{id}/state-reports": {"POST", "/api/v1/petitions/nope/state-reports", nil},
	"GET /api/v1/petitions/{id}/state-status":   {"GET", "/api/v1/petitions/nope/state-status", nil},
}

// login signs a role's user in through the engine and returns the session cookie's header.
func (ts *testServer) login(role signet.Role) string {
	ts.t.Helper()
	res, err := ts.svc.Login(context.Background(), string(role), testPassword)
	if err != nil {
		ts.t.Fatal(err)
	}
	return "Cookie: " + sessionCookie + "=" + res.Token
}

// denied says whether a response refuses the request: 401, 403, or a page sending the
// reader to sign in.
func denied(res *http.Response) bool {
	return res.StatusCode == 401 || res.StatusCode == 403 ||
		(res.StatusCode == http.StatusSeeOther && strings.HasPrefix(res.Header.Get("Location"), "/login"))
}

// TestEveryRouteForEveryRole walks every route with every role (a session on the pages,
// an API token on /api/v1), nobody signed in, and a bad token: each is allowed or refused
// as the route's declared permission and the engine's permission table say, with 401 for
// nobody (a page sends them to sign in), 403 for a role that may not.
func TestEveryRouteForEveryRole(t *testing.T) {
	ts := newTestServerOn(t, copyDemo(t))
	type who struct {
		name string
		role signet.Role // "" for nobody and for the bad token
		bad  bool
	}
	whos := []who{{name: "nobody"}, {name: "bad token", bad: true}}
	for _, r := range registrar.Roles() {
		whos = append(whos, who{name: string(r), role: r})
	}
	checked := 0
	for _, rt := range ts.srv.routes {
		sample, ok := routeSamples[rt.pattern]
		if !ok {
			t.Errorf("route %q has no sample request in this test: add one", rt.pattern)
			continue
		}
		if rt.perm == "" {
			t.Errorf("route %q declares no permission", rt.pattern)
		}
		api := strings.HasPrefix(sample.path, "/api/")
		for _, w := range whos {
			var headers []string
			switch {
			case w.bad && api:
				headers = append(headers, "Authorization: Bearer "+registrar.APITokenPrefix+"not-a-token")
			case w.bad:
				headers = append(headers, "Cookie: "+sessionCookie+"=not-a-session")
			case w.role != "" && api:
				headers = append(headers, "Authorization: Bearer "+fixture.tokens[w.role])
			case w.role != "":
				headers = append(headers, ts.login(w.role))
			}
			res, body := ts.send(sample.method, "http://signet.test"+sample.path, sample.form.Encode(), headers...)
			var want bool
			switch {
			case w.bad && api:
				want = false // a token that fails is refused everywhere on the API
			case w.role == "":
				want = rt.perm == registrar.Public
			default:
				want = registrar.Can(w.role, rt.perm)
			}
			checked++
			if denied(res) == want {
				t.Errorf("%s as %s: %d (allowed: %v, want %v) %.200s", rt.pattern, w.name, res.StatusCode, !denied(res), want, body)
				continue
			}
			if want {
				continue
			}
			switch {
			case w.role != "" && res.StatusCode != 403:
				t.Errorf("%s as %s: %d, want 403", rt.pattern, w.name, res.StatusCode)
			case w.role == "" && api && res.StatusCode != 401:
				t.Errorf("%s as %s: %d, want 401", rt.pattern, w.name, res.StatusCode)
			case w.role == "" && !api && sample.method == "GET" && res.Header.Get("Location") != "/login?next="+url.QueryEscape(sample.path):
				t.Errorf("%s as %s: %d to %q, want the sign-in", rt.pattern, w.name, res.StatusCode, res.Header.Get("Location"))
			case w.role == "" && !api && sample.method != "GET" && res.StatusCode != 401:
				// A posted form is not carried through the sign-in: it is refused.
				t.Errorf("%s as %s: %d, want 401", rt.pattern, w.name, res.StatusCode)
			}
			if api && res.StatusCode == 401 && res.Header.Get("WWW-Authenticate") == "" {
				t.Errorf("%s as %s: a 401 without WWW-Authenticate", rt.pattern, w.name)
			}
		}
	}
	if checked < len(routeSamples)*len(whos) {
		t.Errorf("only %d requests checked", checked)
	}

	// The table bites: a clerk may not list the accounts, an admin may.
	for _, path := range []string{"/admin/users", "/api/v1/users"} {
		h := ts.login(registrar.RoleClerk)
		if strings.HasPrefix(path, "/api/") {
			h = "Authorization: Bearer " + fixture.tokens[registrar.RoleClerk]
		}
		if res, body := ts.get(path, h); res.StatusCode != 403 || strings.Contains(body, "supervisor") {
			t.Errorf("%s as a clerk: %d %.300s", path, res.StatusCode, body)
		}
	}
	res, body := ts.get("/api/v1/users", "Authorization: Bearer "+fixture.tokens[registrar.RoleAdmin])
	var users []map[string]any
	if err := json.Unmarshal([]byte(body), &users); res.StatusCode != 200 || err != nil || len(users) != len(registrar.Roles())+1 /* the walk's "walker" */ || strings.Contains(body, "argon2") {
		t.Errorf("/api/v1/users as an admin: %d %v %.500s", res.StatusCode, err, body)
	}
	res, body = ts.get("/admin/users", ts.login(registrar.RoleAdmin))
	if res.StatusCode != 200 || !strings.Contains(body, ">campaign</a></td>") || strings.Contains(body, "argon2") {
		t.Errorf("/admin/users as an admin: %d %.500s", res.StatusCode, body)
	}
}

// TestUndeclaredPermissionIsRefused: a route that declares no permission is refused, to
// an admin too (deny by default).
func TestUndeclaredPermissionIsRefused(t *testing.T) {
	ts := newTestServer(t)
	reached := false
	h := ts.srv.guard("", func(w http.ResponseWriter, r *http.Request) { reached = true })
	req, _ := http.NewRequest("GET", "http://signet.test/api/v1/x", nil)
	req.Header.Set("Authorization", "Bearer "+fixture.tokens[registrar.RoleAdmin])
	rec := &recorder{ResponseWriter: discard{}}
	h(rec, req)
	if reached || rec.status != 403 {
		t.Errorf("an undeclared permission: reached %v, status %d", reached, rec.status)
	}
	// Whereas a declared one lets the admin through: the check can fail.
	h = ts.srv.guard(registrar.PermUsersRead, func(w http.ResponseWriter, r *http.Request) { reached = true })
	h(&recorder{ResponseWriter: discard{}}, req)
	if !reached {
		t.Error("an admin was refused users.read")
	}
}

type discard struct{}

func (discard) Header() http.Header         { return http.Header{} }
func (discard) Write(b []byte) (int, error) { return len(b), nil }
func (discard) WriteHeader(int)             {}

// cookieOf is the session cookie a response sets.
func cookieOf(res *http.Response) *http.Cookie {
	for _, c := range res.Cookies() {
		if c.Name == sessionCookie {
			return c
		}
	}
	return nil
}

// TestSignInAndOut: the form in both languages, a wrong password said without saying
// which was wrong, a session cookie as it must be (HttpOnly, SameSite=Lax, Path=/, Secure
// over TLS), the account page, the sign-out, throttling, and a log with no secret in it.
func TestSignInAndOut(t *testing.T) {
	ts := newTestServerOn(t, copyDemo(t))
	form := func(name, pw, next string) string {
		return url.Values{"name": {name}, "password": {pw}, "next": {next}}.Encode()
	}
	for lang, want := range map[string]string{"en": "Sign in", "es": "Iniciar sesión"} {
		res, body := ts.get("/login?next=/admin/users", "Accept-Language: "+lang)
		if res.StatusCode != 200 || !strings.Contains(body, want) || !strings.Contains(body, `name="next" value="/admin/users"`) {
			t.Errorf("GET /login (%s): %d %.500s", lang, res.StatusCode, body)
		}
	}
	res, body := ts.send("POST", "http://signet.test/login", form("observer", "wrong password!", "/"), "Accept-Language: es")
	if res.StatusCode != 401 || !strings.Contains(body, "El nombre o la contraseña son incorrectos") || cookieOf(res) != nil {
		t.Errorf("a wrong password: %d %.500s", res.StatusCode, body)
	}
	res, _ = ts.send("POST", "http://signet.test/login", form("Observer", testPassword, "//evil.example/"))
	c := cookieOf(res)
	if res.StatusCode != 303 || res.Header.Get("Location") != "/me" || c == nil || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" || c.Secure || len(c.Value) < 40 {
		t.Fatalf("signing in: %d to %q, cookie %+v", res.StatusCode, res.Header.Get("Location"), c)
	}
	token := c.Value
	res, _ = ts.send("POST", "https://signet.test/login", form("observer", testPassword, "/petitions/demo"))
	if c := cookieOf(res); res.StatusCode != 303 || res.Header.Get("Location") != "/petitions/demo" || c == nil || !c.Secure {
		t.Errorf("signing in over TLS: %d to %q, cookie %+v", res.StatusCode, res.Header.Get("Location"), c)
	}
	cookie := "Cookie: " + sessionCookie + "=" + token
	res, body = ts.get("/me", cookie, "Accept-Language: es")
	if res.StatusCode != 200 || !strings.Contains(body, `<td id="me-name">observer</td>`) || !strings.Contains(body, "observador") ||
		!strings.Contains(body, "Cerrar sesión") || !strings.Contains(body, "Sesión iniciada como observer") || strings.Contains(body, `href="/admin/users"`) {
		t.Errorf("/me: %d %.1500s", res.StatusCode, body)
	}
	res, body = ts.get("/api/v1/me", cookie)
	var me map[string]any
	if err := json.Unmarshal([]byte(body), &me); res.StatusCode != 200 || err != nil || me["name"] != "observer" || me["role"] != "observer" || me["via"] != "session" {
		t.Errorf("/api/v1/me with the session: %d %s", res.StatusCode, body)
	}
	res, body = ts.get("/api/v1/me", "Authorization: Bearer "+fixture.tokens[registrar.RoleSupervisor])
	if err := json.Unmarshal([]byte(body), &me); res.StatusCode != 200 || err != nil || me["role"] != "supervisor" || me["via"] != "token" || me["token"] != "web-test" {
		t.Errorf("/api/v1/me with a token: %d %s", res.StatusCode, body)
	}
	// A page of another site cannot sign a reader out (nor in): http.CrossOriginProtection.
	for _, h := range []string{"Sec-Fetch-Site: cross-site", "Origin: https://evil.example"} {
		res, _ = ts.send("POST", "http://signet.test/logout", "x=1", cookie, h)
		if res.StatusCode != 403 {
			t.Errorf("a cross-origin sign-out (%s): %d", h, res.StatusCode)
		}
	}
	if res, _ = ts.get("/me", cookie); res.StatusCode != 200 {
		t.Fatalf("the session after refused sign-outs: %d", res.StatusCode)
	}
	res, _ = ts.send("POST", "http://signet.test/logout", "x=1", cookie, "Sec-Fetch-Site: same-origin", "Origin: http://signet.test")
	if c := cookieOf(res); res.StatusCode != 303 || c == nil || c.MaxAge >= 0 {
		t.Errorf("signing out: %d, cookie %+v", res.StatusCode, c)
	}
	if res, _ = ts.get("/me", cookie); res.StatusCode != 303 || cookieOf(res) == nil {
		t.Errorf("/me after signing out: %d (the stale cookie should be cleared)", res.StatusCode)
	}

	// Throttling, said in the reader's language.
	for i := 0; i < registrar.LoginFailuresAllowed; i++ {
		ts.send("POST", "http://signet.test/login", form("proponent", "not the password", "/"))
	}
	res, body = ts.send("POST", "http://signet.test/login", form("proponent", testPassword, "/"), "Accept-Language: es")
	if res.StatusCode != 401 || !strings.Contains(body, "Demasiados intentos fallidos") || !strings.Contains(body, "dentro de 15 minutos") || cookieOf(res) != nil {
		t.Errorf("a throttled sign-in: %d %.800s", res.StatusCode, body)
	}

	// Nothing secret in the log: no password, no session token, no token's hash.
	sum := strings.ToLower(token)
	for _, secret := range []string{testPassword, "not the password", "wrong password!", token, sum, fixture.tokens[registrar.RoleSupervisor]} {
		if strings.Contains(ts.log.String(), secret) {
			t.Errorf("the log holds a secret %q", secret)
		}
	}
	if !strings.Contains(ts.log.String(), `"route":"POST /login"`) {
		t.Error("the sign-ins were not logged at all: the check above proves nothing")
	}
}

// TestBadSignInForms: malformed and oversized forms, odd names and passwords, are
// answered 4xx, never 5xx, and sign nobody in.
func TestBadSignInForms(t *testing.T) {
	ts := newTestServerOn(t, copyDemo(t))
	huge := "name=admin&password=" + strings.Repeat("x", 100_000)
	for _, c := range []struct {
		body    string
		headers []string
		status  int
	}{
		{"%zz", nil, 400},
		{"name=%", nil, 400},
		{huge, nil, 400},
		{"name=" + strings.Repeat("a", 5000) + "&password=" + url.QueryEscape(testPassword), nil, 401},
		{"name=admin&password=" + strings.Repeat("p", 5000), nil, 401},
		{"name=admin%00&password=x", nil, 401},
		{"name=&password=", nil, 400},
		{"name=admin", nil, 400},
		{"name=admin&name=clerk&password=x", nil, 401},
		{"--b\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nadmin\r\n--b--", []string{"Content-Type: multipart/form-data; boundary=b"}, 400},
		{"garbage", []string{"Content-Type: application/json"}, 400},
		{"name=admin&password=" + url.QueryEscape(testPassword) + "&next=javascript:alert(1)", nil, 303},
	} {
		res, body := ts.send("POST", "http://signet.test/login", c.body, c.headers...)
		if res.StatusCode != c.status || (c.status != 303 && cookieOf(res) != nil) {
			t.Errorf("POST /login %.60q: %d (want %d) %.300s", c.body, res.StatusCode, c.status, body)
		}
		if c.status == 303 && res.Header.Get("Location") != "/me" {
			t.Errorf("an unsafe next went to %q", res.Header.Get("Location"))
		}
	}
	if res, body := ts.send("POST", "http://signet.test/login", huge); !strings.Contains(body, "The form is too large.") {
		t.Errorf("an oversized form: %d %.300s", res.StatusCode, body)
	}
	ts.noFailureLogged(t)
}
