package web

import (
	"context"
	"encoding/json"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/registrar"
)

// TestAdminAccounts works the accounts from the admin's pages and API on a copy of the demo
// database: an account added, its role changed, disabled and enabled, a token issued on the
// page that authenticates an API call until it is revoked, the last admin kept (409 with
// the engine's message), and bad forms and names refused 4xx.
func TestAdminAccounts(t *testing.T) { forEachStore(t, testAdminAccounts) }

func testAdminAccounts(t *testing.T, d demoStore) {
	ts := d.server(t, nil)
	admin := ts.login(registrar.RoleAdmin)
	post := func(path string, form url.Values, headers ...string) (int, string, string) {
		t.Helper()
		res, body := ts.send("POST", "http://signet.test"+path, form.Encode(), append(headers, admin)...)
		return res.StatusCode, res.Header.Get("Location"), body
	}
	const pw = "a long enough password"

	// Refusals: 4xx with the reason, never 500, nothing added.
	for _, tc := range []struct {
		name string
		form url.Values
		want int
		says string
	}{
		{"mismatched passwords", url.Values{"name": {"ana"}, "role": {"clerk"}, "password": {pw}, "confirm": {pw + "!"}}, 400, "differ"},
		{"a short password", url.Values{"name": {"ana"}, "role": {"clerk"}, "password": {"short"}, "confirm": {"short"}}, 400, "at least 12"},
		{"no such role", url.Values{"name": {"ana"}, "role": {"janitor"}, "password": {pw}, "confirm": {pw}}, 400, "no role"},
		{"a bad name", url.Values{"name": {"../etc"}, "role": {"clerk"}, "password": {pw}, "confirm": {pw}}, 400, "user name"},
		{"no name", url.Values{"role": {"clerk"}, "password": {pw}, "confirm": {pw}}, 400, "name is needed"},
		{"a name taken", url.Values{"name": {"clerk"}, "role": {"clerk"}, "password": {pw}, "confirm": {pw}}, 409, "already exists"},
	} {
		if code, _, body := post("/admin/users", tc.form); code != tc.want || !strings.Contains(body, tc.says) {
			t.Errorf("%s: %d, want %d saying %q: %.300s", tc.name, code, tc.want, tc.says, body)
		}
	}
	if res, body := ts.send("POST", "http://signet.test/admin/users", "%zz&name", admin); res.StatusCode != 400 {
		t.Errorf("a malformed form: %d %.200s", res.StatusCode, body)
	}
	if res, body := ts.send("POST", "http://signet.test/admin/users", strings.Repeat("x", 100<<10), admin); res.StatusCode != 400 {
		t.Errorf("an oversized form: %d %.200s", res.StatusCode, body)
	}

	// Added, shown, role changed.
	code, loc, body := post("/admin/users", url.Values{"name": {"Ana"}, "role": {"clerk"}, "password": {pw}, "confirm": {pw}})
	if code != 303 || loc != "/admin/users/ana?done=added" {
		t.Fatalf("adding ana: %d %q %.300s", code, loc, body)
	}
	if res, body := ts.get("/admin/users/ana", admin); res.StatusCode != 200 || !strings.Contains(body, `data-role="clerk"`) || strings.Contains(body, "argon2") {
		t.Errorf("ana's page: %d %.500s", res.StatusCode, body)
	}
	if code, loc, body := post("/admin/users/ana/role", url.Values{"role": {"supervisor"}}); code != 303 || !strings.HasPrefix(loc, "/admin/users/ana") {
		t.Errorf("ana's role: %d %q %.300s", code, loc, body)
	}
	if u, _ := ts.svc.User(context.Background(), "ana"); u.Role != registrar.RoleSupervisor {
		t.Errorf("ana after the role change: %+v", u)
	}
	for _, tc := range []struct {
		path string
		form url.Values
		want int
	}{
		{"/admin/users/ana/role", url.Values{"role": {"king"}}, 400},
		{"/admin/users/ana/role", url.Values{"role": {"supervisor"}}, 409},
		{"/admin/users/ghost/role", url.Values{"role": {"clerk"}}, 404},
		{"/admin/users/ghost/disable", nil, 404},
		{"/admin/users/ana/enable", nil, 409},
		{"/admin/users/ana/tokens", url.Values{"token": {"has space"}}, 400},
		{"/admin/users/ana/tokens/nope/revoke", nil, 404},
		{"/admin/users/%2e%2e%2fetc/disable", nil, 404},
	} {
		if res, body := ts.send("POST", "http://signet.test"+tc.path, tc.form.Encode(), admin); res.StatusCode != tc.want {
			t.Errorf("POST %s %v: %d, want %d: %.300s", tc.path, tc.form, res.StatusCode, tc.want, body)
		}
	}

	// The last enabled admin: neither disabled nor demoted, on the page or the API.
	for _, path := range []string{"/admin/users/admin/disable", "/admin/users/admin/role"} {
		code, _, body := post(path, url.Values{"role": {"clerk"}})
		if code != 409 || !strings.Contains(body, "last enabled admin") {
			t.Errorf("%s: %d %.400s", path, code, body)
		}
	}
	res, body := ts.send("POST", "http://signet.test/api/v1/users/admin/disable", "", ts.bearer(registrar.RoleAdmin))
	if res.StatusCode != 409 || !strings.Contains(body, "last enabled admin") {
		t.Errorf("the API's disable of the last admin: %d %.300s", res.StatusCode, body)
	}
	if u, _ := ts.svc.User(context.Background(), "admin"); !u.Enabled || u.Role != registrar.RoleAdmin {
		t.Errorf("the last admin after the refusals: %+v", u)
	}

	// A token issued on the page works on the API until it is revoked.
	code, _, body = post("/admin/users/ana/tokens", url.Values{"token": {"ci"}})
	token := regexp.MustCompile(`signet_[A-Za-z0-9_-]{40,}`).FindString(body)
	if code != 201 || token == "" {
		t.Fatalf("issuing a token: %d %.500s", code, body)
	}
	if res, body := ts.get("/api/v1/me", "Authorization: Bearer "+token); res.StatusCode != 200 || !strings.Contains(body, `"name": "ana"`) {
		t.Errorf("the new token: %d %.300s", res.StatusCode, body)
	}
	if res, body := ts.get("/admin/users/ana", admin); strings.Contains(body, token) || !strings.Contains(body, ">ci<") {
		t.Errorf("ana's page after issuing shows the token again, or not its name: %d", res.StatusCode)
	}
	if code, loc, body := post("/admin/users/ana/tokens/ci/revoke", nil); code != 303 || !strings.Contains(loc, "revoked") {
		t.Errorf("revoking: %d %q %.300s", code, loc, body)
	}
	if res, _ := ts.get("/api/v1/me", "Authorization: Bearer "+token); res.StatusCode != 401 {
		t.Errorf("the revoked token: %d", res.StatusCode)
	}
	if code, _, _ := post("/admin/users/ana/tokens/ci/revoke", nil); code != 409 {
		t.Errorf("revoking twice: %d", code)
	}

	// Disabled: her sessions end; enabled again.
	ana, err := ts.svc.Login(context.Background(), "ana", pw)
	if err != nil {
		t.Fatal(err)
	}
	if code, _, body := post("/admin/users/ana/disable", nil); code != 303 {
		t.Errorf("disabling ana: %d %.300s", code, body)
	}
	if _, err := ts.svc.Authenticate(context.Background(), ana.Token); signet.Code(err) != signet.EUnauthorized {
		t.Errorf("ana's session after she was disabled: %v", err)
	}
	if code, _, _ := post("/admin/users/ana/disable", nil); code != 409 {
		t.Errorf("disabling twice: %d", code)
	}
	if code, _, _ := post("/admin/users/ana/tokens", url.Values{"token": {"ci2"}}); code != 409 {
		t.Errorf("a token for a disabled account: %d", code)
	}
	if code, _, _ := post("/admin/users/ana/enable", nil); code != 303 {
		t.Errorf("enabling ana: %d", code)
	}

	// The same through the API.
	bearer := ts.bearer(registrar.RoleAdmin)
	js := "Content-Type: application/json"
	for _, tc := range []struct {
		path, body string
		want       int
	}{
		{"/api/v1/users", `{"name": "ben", "role": "observer", "password": "` + pw + `"}`, 201},
		{"/api/v1/users", `{"name": "ben", "role": "observer", "password": "` + pw + `"}`, 409},
		{"/api/v1/users", `{"name": "bo", "role": "observer", "password": "short"}`, 400},
		{"/api/v1/users", `{"name": "bo", "extra": "x"}`, 400},
		{"/api/v1/users", `not json`, 400},
		{"/api/v1/users/ben/role", `{"role": "clerk"}`, 200},
		{"/api/v1/users/ben/role", `{"role": 3}`, 400},
		{"/api/v1/users/ben/disable", ``, 200},
		{"/api/v1/users/ben/enable", ``, 200},
		{"/api/v1/users/ghost/enable", ``, 404},
		{"/api/v1/users/ben/tokens", `{"name": "bot"}`, 201},
		{"/api/v1/users/ben/tokens/bot/revoke", ``, 200},
		{"/api/v1/users/ben/tokens/bot/revoke", ``, 409},
	} {
		res, body := ts.send("POST", "http://signet.test"+tc.path, tc.body, bearer, js)
		if res.StatusCode != tc.want {
			t.Errorf("POST %s %s: %d, want %d: %.300s", tc.path, tc.body, res.StatusCode, tc.want, body)
		}
	}
	res, body = ts.get("/api/v1/users/ben", bearer)
	var ben struct {
		Role   string `json:"role"`
		Tokens []struct {
			Name    string `json:"name"`
			Revoked any    `json:"revoked"`
		} `json:"tokens"`
	}
	if err := json.Unmarshal([]byte(body), &ben); err != nil || res.StatusCode != 200 || ben.Role != "clerk" || len(ben.Tokens) != 1 || ben.Tokens[0].Revoked == nil || strings.Contains(body, "hash") {
		t.Errorf("ben: %d %v %.400s", res.StatusCode, err, body)
	}
	if strings.Contains(ts.log.String(), token) || strings.Contains(ts.log.String(), pw) {
		t.Error("the log holds a token or a password")
	}
}

// TestPasswordChange: a signed-in user changes their password on the page; bad forms are
// 4xx, the old password stops working and the new one works, their other sessions end and
// this one goes on; the API does the same with a token.
func TestPasswordChange(t *testing.T) { forEachStore(t, testPasswordChange) }

func testPasswordChange(t *testing.T, d demoStore) {
	ts := d.server(t, nil)
	ctx := context.Background()
	this, other := ts.login(registrar.RoleClerk), ts.login(registrar.RoleClerk)
	const pw = "the clerk's new password"
	change := func(form url.Values, session string) (int, string) {
		t.Helper()
		res, body := ts.send("POST", "http://signet.test/me/password", form.Encode(), session)
		return res.StatusCode, body
	}
	if res, body := ts.get("/me/password", this); res.StatusCode != 200 || !strings.Contains(body, `id="password-form"`) {
		t.Fatalf("the form: %d %.300s", res.StatusCode, body)
	}
	for _, tc := range []struct {
		name string
		form url.Values
		says string
	}{
		{"mismatched", url.Values{"current": {testPassword}, "new": {pw}, "confirm": {pw + "x"}}, "differ"},
		{"weak", url.Values{"current": {testPassword}, "new": {"short"}, "confirm": {"short"}}, "at least 12"},
		{"the same", url.Values{"current": {testPassword}, "new": {testPassword}, "confirm": {testPassword}}, "current one"},
		{"a wrong current password", url.Values{"current": {"not it at all"}, "new": {pw}, "confirm": {pw}}, "current password is not right"},
		{"no current password", url.Values{"new": {pw}, "confirm": {pw}}, "current password"},
	} {
		if code, body := change(tc.form, this); code != 400 || !strings.Contains(body, tc.says) {
			t.Errorf("%s: %d, want 400 saying %q: %.400s", tc.name, code, tc.says, body)
		}
	}
	if res, _ := ts.send("POST", "http://signet.test/me/password", "%zz", this); res.StatusCode != 400 {
		t.Errorf("a malformed form: %d", res.StatusCode)
	}
	if res, _ := ts.send("POST", "http://signet.test/me/password", url.Values{"current": {testPassword}, "new": {pw}, "confirm": {pw}}.Encode()); res.StatusCode != 401 {
		t.Errorf("nobody signed in: %d", res.StatusCode)
	}
	code, body := change(url.Values{"current": {testPassword}, "new": {pw}, "confirm": {pw}}, this)
	if code != 303 {
		t.Fatalf("the change: %d %.300s", code, body)
	}
	if _, err := ts.svc.Login(ctx, "clerk", testPassword); signet.Code(err) != signet.EUnauthorized {
		t.Errorf("the old password after the change: %v", err)
	}
	if _, err := ts.svc.Login(ctx, "clerk", pw); err != nil {
		t.Errorf("the new password: %v", err)
	}
	if res, body := ts.get("/me/password?done=1", this); res.StatusCode != 200 || !strings.Contains(body, `id="done"`) {
		t.Errorf("this session after the change: %d %.300s", res.StatusCode, body)
	}
	if res, _ := ts.get("/me", other); res.StatusCode != 303 {
		t.Errorf("the other session after the change: %d, want the sign-in", res.StatusCode)
	}
	if strings.Contains(ts.log.String(), pw) {
		t.Error("the log holds the new password")
	}

	// The API, with the clerk's token (which the change leaves alone).
	bearer, js := ts.bearer(registrar.RoleClerk), "Content-Type: application/json"
	for _, tc := range []struct {
		body string
		want int
	}{
		{`{"current": "wrong password here", "new": "yet another password"}`, 400},
		{`{"current": "` + pw + `", "new": "short"}`, 400},
		{`{"current": "` + pw + `"}`, 400},
		{`[]`, 400},
		{`{"current": "` + pw + `", "new": "yet another password"}`, 200},
	} {
		if res, body := ts.send("POST", "http://signet.test/api/v1/me/password", tc.body, bearer, js); res.StatusCode != tc.want {
			t.Errorf("the API's change %s: %d, want %d %.300s", tc.body, res.StatusCode, tc.want, body)
		}
	}
	if _, err := ts.svc.Login(ctx, "clerk", "yet another password"); err != nil {
		t.Errorf("the password the API set: %v", err)
	}
}

// TestAdminReadsAndAuditJob: the jurisdictions, petitions and audit log pages and API hold
// the engine's reads (the log without payloads, paged), bad pages are 400, and the log's
// verification runs as a job whose result is the engine's audit.
func TestAdminReadsAndAuditJob(t *testing.T) { forEachStore(t, testAdminReadsAndAuditJob) }

func testAdminReadsAndAuditJob(t *testing.T, d demoStore) {
	ts := d.server(t, nil)
	ctx := context.Background()
	admin := ts.login(registrar.RoleAdmin)
	bearer := ts.bearer(registrar.RoleAdmin)
	js, err := ts.svc.JurisdictionsOverview(ctx)
	if err != nil || len(js) != 1 || len(js[0].Snapshots) != 1 {
		t.Fatalf("the engine's jurisdictions: %+v %v", js, err)
	}
	if res, body := ts.get("/admin/jurisdictions?lang=en", admin); res.StatusCode != 200 || !strings.Contains(body, "demo-county") || !strings.Contains(body, "6,000") {
		t.Errorf("the jurisdictions' page: %d %.600s", res.StatusCode, body)
	}
	if res, body := ts.get("/api/v1/jurisdictions", bearer); res.StatusCode != 200 || !strings.Contains(body, `"voters": 6000`) || !strings.Contains(body, `"zip_count"`) {
		t.Errorf("the jurisdictions' API: %d %.600s", res.StatusCode, body)
	}
	ps, err := ts.svc.PetitionsOverview(ctx)
	if err != nil || len(ps) != 1 || ps[0].Raw != 1850 || ps[0].Verified != 1850 {
		t.Fatalf("the engine's petitions: %+v %v", ps, err)
	}
	if res, body := ts.get("/admin/petitions?lang=en", admin); res.StatusCode != 200 || !strings.Contains(body, `href="/admin/petitions/demo"`) || !strings.Contains(body, "1,850") || !strings.Contains(body, ps[0].Status) {
		t.Errorf("the petitions' page: %d %.600s", res.StatusCode, body)
	}
	if res, body := ts.get("/api/v1/admin/petitions", bearer); res.StatusCode != 200 || !strings.Contains(body, `"verified": 1850`) {
		t.Errorf("the petitions' API: %d %.600s", res.StatusCode, body)
	}

	// The log, paged from its end, without payloads.
	head, _, err := ts.svc.Store.AuditHead(ctx)
	if err != nil {
		t.Fatal(err)
	}
	res, body := ts.get("/admin/audit", admin)
	if res.StatusCode != 200 || !strings.Contains(body, "<td>"+i64(head)+"</td>") || !strings.Contains(body, "?before=") || strings.Contains(body, "&#34;") || strings.Contains(body, `"voter`) {
		t.Errorf("the audit page: %d %.600s", res.StatusCode, body)
	}
	var pg registrar.AuditPage
	res, body = ts.get("/api/v1/audit?limit=3&before="+i64(head), bearer)
	if err := json.Unmarshal([]byte(body), &pg); err != nil || res.StatusCode != 200 || len(pg.Entries) != 3 || pg.Entries[0].Seq != head-1 || pg.Next != head-3 || strings.Contains(body, "payload") {
		t.Errorf("a page of the log's API: %d %v %.500s", res.StatusCode, err, body)
	}
	for _, q := range []string{"before=x", "before=-1", "limit=0", "limit=501", "limit=many", "before=99999999999999999999"} {
		if res, _ := ts.get("/admin/audit?"+q, admin); res.StatusCode != 400 {
			t.Errorf("/admin/audit?%s: %d", q, res.StatusCode)
		}
		if res, _ := ts.get("/api/v1/audit?"+q, bearer); res.StatusCode != 400 {
			t.Errorf("/api/v1/audit?%s: %d", q, res.StatusCode)
		}
	}

	// The verification as a job.
	res, body = ts.send("POST", "http://signet.test/admin/audit/verify", "", admin)
	loc := res.Header.Get("Location")
	if res.StatusCode != 303 || !strings.HasPrefix(loc, "/jobs/") {
		t.Fatalf("starting the verification: %d %q %.300s", res.StatusCode, loc, body)
	}
	id := strings.TrimPrefix(loc, "/jobs/")
	var job struct {
		State  string `json:"state"`
		Result struct {
			OK            bool  `json:"ok"`
			Events        int64 `json:"events_checked"`
			Discrepancies []any `json:"discrepancies"`
		} `json:"result"`
	}
	deadline := time.Now().Add(2 * time.Minute)
	for {
		res, body = ts.get("/api/v1/jobs/"+id, bearer)
		if err := json.Unmarshal([]byte(body), &job); err != nil || res.StatusCode != 200 {
			t.Fatalf("the job: %d %v %.300s", res.StatusCode, err, body)
		}
		if job.State != "running" || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if job.State != "done" || !job.Result.OK || job.Result.Events < head || len(job.Result.Discrepancies) != 0 {
		t.Errorf("the audit job: %.800s", body)
	}
	if res, body := ts.get(loc+"?lang=en", admin); res.StatusCode != 200 || !strings.Contains(body, `id="result-events"`) || !strings.Contains(body, `data-ok="true"`) {
		t.Errorf("the job's page: %d %.800s", res.StatusCode, body)
	}
	if res, _ := ts.get(loc, ts.login(registrar.RoleSupervisor)); res.StatusCode != 403 {
		t.Errorf("the audit job for a supervisor: %d", res.StatusCode)
	}
	res, body = ts.send("POST", "http://signet.test/api/v1/audit/verify", "", bearer)
	if res.StatusCode != 202 && res.StatusCode != 409 {
		t.Errorf("the API's start: %d %.300s", res.StatusCode, body)
	}
	if res, _ := ts.send("POST", "http://signet.test/api/v1/audit/verify", `{"x": "y"}`, bearer, "Content-Type: application/json"); res.StatusCode != 400 {
		t.Errorf("the API's start with a body: %d", res.StatusCode)
	}
}

func i64(n int64) string { return strconv.FormatInt(n, 10) }
