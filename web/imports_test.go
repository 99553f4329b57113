package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/registrar"
	"github.com/signet-vote/signet/synth"
)

// reviewRows are the first n rows of the synthetic county's signature decisions, each
// decided the other way and by by: a file whose landing shows in the store.
func reviewRows(t *testing.T, n int, by string) (string, []string) {
	t.Helper()
	rows := strings.Split(strings.TrimSpace(headOf(t, synth.FileSignatures, n)), "\n")
	if rows[0] != "line_id,signature,by" {
		t.Fatalf("signatures.csv's header: %q", rows[0])
	}
	var ids []string
	out := rows[0] + "\n"
	for _, row := range rows[1:] {
		f := strings.Split(row, ",")
		sig := "mismatch"
		if f[1] == "mismatch" {
			sig = "match"
		}
		ids = append(ids, f[0])
		out += f[0] + "," + sig + "," + by + "\n"
	}
	return out, ids
}

// TestReviewUploads: an admin uploads a file of signature decisions from the page and to
// the API; each is recorded as a job, and the store holds the decisions after it. A
// malformed file fails its job naming the file's line and column and keeps none of its
// decisions, one naming a line the petition has not too; a header that is not a decisions
// file is refused at once, an oversized file is 413, an unknown petition 404, and nothing
// stays in the spool directory.
func TestReviewUploads(t *testing.T) {
	ts, tmp := uploadServer(t, 64<<10)
	ctx := context.Background()
	admin := ts.login(registrar.RoleAdmin)
	byOf := func(id string) string {
		t.Helper()
		rs, err := ts.svc.Store.Reviews(ctx, "demo")
		if err != nil {
			t.Fatal(err)
		}
		return rs[id].By
	}
	if res, body := ts.get("/admin/uploads", admin); res.StatusCode != 200 || !strings.Contains(body, `action="/admin/uploads/reviews"`) || !strings.Contains(body, `id="reviews-petition"`) {
		t.Fatalf("uploads page: %d %.500s", res.StatusCode, body)
	}
	if res, body := ts.get("/admin/uploads?lang=es", admin); res.StatusCode != 200 || !strings.Contains(body, "Decisiones sobre firmas para una petición") {
		t.Errorf("the page in Spanish: %d", res.StatusCode)
	}

	// From the page.
	file, ids := reviewRows(t, 5, "page-clerk")
	body, ct := multipartBody(t, map[string]string{"petition": "demo"}, "decisions.csv", file)
	res, out := ts.send("POST", "http://signet.test/admin/uploads/reviews", body, admin, ct)
	var id int64
	fmt.Sscanf(res.Header.Get("Location"), "/jobs/%d", &id)
	if res.StatusCode != 303 || id == 0 {
		t.Fatalf("reviews upload: %d %q %.500s", res.StatusCode, res.Header.Get("Location"), out)
	}
	j := ts.waitJob(id, registrar.RoleAdmin)
	if j.State != jobDone || j.Kind != jobReviews || j.Result["decisions"] != float64(5) || j.Result["file"] != "decisions.csv" || j.Done != j.Total || j.Total == 0 {
		t.Fatalf("reviews job: %+v %+v", j, j.Error)
	}
	for _, lid := range ids {
		if by := byOf(lid); by != "page-clerk" {
			t.Errorf("line %s decided by %q after the upload, want page-clerk", lid, by)
		}
	}
	if res, page := ts.get(fmt.Sprintf("/jobs/%d", id), admin); res.StatusCode != 200 || !strings.Contains(page, `id="result-rows">5<`) {
		t.Errorf("reviews job page: %d %.2000s", res.StatusCode, page)
	}
	if res, page := ts.get("/admin/uploads", admin); res.StatusCode != 200 || !strings.Contains(page, fmt.Sprintf(`<a href="/jobs/%d">`, id)) {
		t.Errorf("the job is not listed on the uploads page: %d", res.StatusCode)
	}
	// Each decision is an audit event in the name of who compared the signature.
	pg, err := ts.svc.AuditLog(ctx, 0, 20)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range pg.Entries {
		if e.Kind == signet.EventReview && e.Actor == "page-clerk" && e.Subject == "petition:demo" {
			n++
		}
	}
	if n != 5 {
		t.Errorf("%d review events by page-clerk, want 5", n)
	}

	// To the API.
	file, ids = reviewRows(t, 8, "api-clerk")
	res, out = ts.send("POST", "http://signet.test/api/v1/petitions/demo/reviews?name=api.csv", file, bearer(registrar.RoleAdmin), "Content-Type: text/csv")
	j = ts.waitJob(startedJob(t, res.StatusCode, out).ID, registrar.RoleAdmin)
	if j.State != jobDone || j.Result["decisions"] != float64(8) || j.Result["petition"] != "demo" {
		t.Fatalf("API reviews job: %+v %+v", j, j.Error)
	}
	if by := byOf(ids[7]); by != "api-clerk" {
		t.Errorf("line %s decided by %q, want api-clerk", ids[7], by)
	}

	// Malformed: a signature that is neither match nor mismatch on file line 4; the rows
	// before it are not kept.
	file, ids = reviewRows(t, 6, "bad-clerk")
	rows := strings.SplitAfter(file, "\n")
	rows[3] = strings.Replace(rows[3], ",match,", ",maybe,", 1)
	rows[3] = strings.Replace(rows[3], ",mismatch,", ",maybe,", 1)
	res, out = ts.send("POST", "http://signet.test/api/v1/petitions/demo/reviews?name=bad.csv", strings.Join(rows, ""), bearer(registrar.RoleAdmin), "Content-Type: text/csv")
	j = ts.waitJob(startedJob(t, res.StatusCode, out).ID, registrar.RoleAdmin)
	if j.State != jobFailed || j.Error == nil || j.Error.Code != "invalid" || !strings.Contains(j.Error.Message, "bad.csv: line 4, column 2 (signature)") {
		t.Errorf("malformed decisions: %+v %+v", j, j.Error)
	}
	// A line the petition does not have, on file line 3.
	rows, _ = strings.SplitAfter(file, "\n"), 0
	rows[2] = "9999-99" + rows[2][strings.Index(rows[2], ","):]
	body, ct = multipartBody(t, map[string]string{"petition": "demo"}, "ghost.csv", strings.Join(rows, ""))
	res, out = ts.send("POST", "http://signet.test/admin/uploads/reviews", body, admin, ct)
	id = 0
	fmt.Sscanf(res.Header.Get("Location"), "/jobs/%d", &id)
	if res.StatusCode != 303 || id == 0 {
		t.Fatalf("ghost upload: %d %.300s", res.StatusCode, out)
	}
	j = ts.waitJob(id, registrar.RoleAdmin)
	if j.State != jobFailed || j.Error == nil || !strings.Contains(j.Error.Message, "ghost.csv: line 3, column line_id") {
		t.Errorf("a line the petition has not: %+v %+v", j, j.Error)
	}
	if res, page := ts.get(fmt.Sprintf("/jobs/%d?lang=es", id), admin); res.StatusCode != 200 || !strings.Contains(page, "No se conserva nada del archivo") {
		t.Errorf("the failed job's page: %d %.1000s", res.StatusCode, page)
	}
	for _, lid := range ids {
		if by := byOf(lid); by == "bad-clerk" {
			t.Errorf("line %s kept a decision of a refused file", lid)
		}
	}

	// Too large: 413 on the API and the page, nothing kept.
	big, _ := reviewRows(t, 3, "big-clerk")
	big += strings.Repeat("x", 64<<10)
	if res, out = ts.send("POST", "http://signet.test/api/v1/petitions/demo/reviews", big, bearer(registrar.RoleAdmin), "Content-Type: text/csv"); res.StatusCode != 413 || !strings.Contains(out, "larger than the limit") {
		t.Errorf("oversized API upload: %d %.300s", res.StatusCode, out)
	}
	body, ct = multipartBody(t, map[string]string{"petition": "demo"}, "big.csv", big)
	if res, out = ts.send("POST", "http://signet.test/admin/uploads/reviews", body, admin, ct); res.StatusCode != 413 {
		t.Errorf("oversized page upload: %d %.300s", res.StatusCode, out)
	}

	// Refused at once: a header that is no decisions file's, an unknown petition, bad forms.
	for _, c := range []struct {
		method, path, body string
		headers            []string
		want               int
	}{
		{"POST", "/api/v1/petitions/demo/reviews", "line_id,verdict\n1-1,match\n", []string{bearer(registrar.RoleAdmin), "Content-Type: text/csv"}, 400},
		{"POST", "/api/v1/petitions/nope/reviews", "line_id,signature,by\n", []string{bearer(registrar.RoleAdmin), "Content-Type: text/csv"}, 404},
		{"POST", "/api/v1/petitions/demo/reviews", "{}", []string{bearer(registrar.RoleAdmin), "Content-Type: application/json"}, 400},
		{"POST", "/api/v1/petitions/demo/reviews?columns=nope", "line_id,signature,by\n", []string{bearer(registrar.RoleAdmin), "Content-Type: text/csv"}, 400},
		{"POST", "/api/v1/petitions/demo/reviews", "", []string{bearer(registrar.RoleAdmin), "Content-Type: text/csv"}, 400},
		{"POST", "/api/v1/petitions/demo/reviews", "line_id,signature,by\n", []string{bearer(registrar.RoleSupervisor), "Content-Type: text/csv"}, 403},
		{"POST", "/admin/uploads/reviews", "petition=demo", []string{admin}, 400},
		{"POST", "/admin/uploads/reviews", body, []string{admin, "Content-Type: multipart/form-data; boundary=nope"}, 400},
	} {
		if res, out := ts.send(c.method, "http://signet.test"+c.path, c.body, c.headers...); res.StatusCode != c.want {
			t.Errorf("%s %s %.30q: %d, want %d: %.300s", c.method, c.path, c.body, res.StatusCode, c.want, out)
		}
	}
	body, ct = multipartBody(t, map[string]string{"petition": ""}, "x.csv", "line_id,signature,by\n")
	if res, out := ts.send("POST", "http://signet.test/admin/uploads/reviews", body, admin, ct); res.StatusCode != 400 {
		t.Errorf("no petition: %d %.300s", res.StatusCode, out)
	}
	if by := byOf(ids[0]); by == "big-clerk" || by == "bad-clerk" {
		t.Errorf("a refused file left a decision: %q", by)
	}
	if files := tempFiles(t, tmp); len(files) != 0 {
		t.Errorf("uploads left behind: %v", files)
	}
	if strings.Contains(ts.log.String(), `"status":500`) {
		t.Errorf("a 500:\n%s", ts.log.String())
	}
}

// TestAdminResetsPassword: an admin sets a clerk's password from the account's page; the
// clerk's session ends, the new password signs in and the old does not, the audit log has
// the event in the admin's name, and nothing logged holds the password. Refusals are 4xx
// (mismatch, too short, unknown user, one's own account, a malformed form); a clerk and a
// supervisor may not. The API does the same.
func TestAdminResetsPassword(t *testing.T) {
	ts := newTestServerOn(t, copyDemo(t))
	ctx := context.Background()
	admin := ts.login(registrar.RoleAdmin)
	clerk := ts.login(registrar.RoleClerk)
	const pw, pw2 = "the clerk's reset password", "another reset password"
	post := func(path string, form url.Values, who string) (int, string, string) {
		t.Helper()
		res, body := ts.send("POST", "http://signet.test"+path, form.Encode(), who)
		return res.StatusCode, res.Header.Get("Location"), body
	}
	if res, body := ts.get("/admin/users/clerk", admin); res.StatusCode != 200 || !strings.Contains(body, `action="/admin/users/clerk/password"`) {
		t.Fatalf("the clerk's account page: %d %.500s", res.StatusCode, body)
	}
	if res, body := ts.get("/admin/users/clerk?lang=es", admin); res.StatusCode != 200 || !strings.Contains(body, "Establecer la contraseña") {
		t.Errorf("the page in Spanish: %d", res.StatusCode)
	}
	if res, body := ts.get("/admin/users/admin", admin); res.StatusCode != 200 || strings.Contains(body, `id="reset-password-form"`) || !strings.Contains(body, `href="/me/password"`) {
		t.Errorf("the admin's own page offers a reset: %d", res.StatusCode)
	}

	for _, tc := range []struct {
		name, path string
		form       url.Values
		who        string
		want       int
		says       string
	}{
		{"mismatched", "/admin/users/clerk/password", url.Values{"new": {pw}, "confirm": {pw + "x"}}, admin, 400, "differ"},
		{"too short", "/admin/users/clerk/password", url.Values{"new": {"short"}, "confirm": {"short"}}, admin, 400, "at least 12"},
		{"no password", "/admin/users/clerk/password", url.Values{}, admin, 400, "at least 12"},
		{"an unknown user", "/admin/users/ghost/password", url.Values{"new": {pw}, "confirm": {pw}}, admin, 404, "ghost"},
		{"a bad name", "/admin/users/..%2f..%2fetc/password", url.Values{"new": {pw}, "confirm": {pw}}, admin, 400, ""},
		{"one's own", "/admin/users/admin/password", url.Values{"new": {pw}, "confirm": {pw}}, admin, 409, "your own account"},
		{"a clerk", "/admin/users/campaign/password", url.Values{"new": {pw}, "confirm": {pw}}, clerk, 403, ""},
		{"a supervisor", "/admin/users/clerk/password", url.Values{"new": {pw}, "confirm": {pw}}, ts.login(registrar.RoleSupervisor), 403, ""},
	} {
		if code, _, body := post(tc.path, tc.form, tc.who); code != tc.want || !strings.Contains(body, tc.says) {
			t.Errorf("%s: %d, want %d saying %q: %.300s", tc.name, code, tc.want, tc.says, body)
		}
	}
	if res, body := ts.send("POST", "http://signet.test/admin/users/admin/password", url.Values{"new": {pw}, "confirm": {pw}}.Encode(), admin, "Cookie: lang=es"); res.StatusCode != 409 || !strings.Contains(body, "es su propia cuenta") {
		t.Errorf("one's own account, in Spanish: %d %.500s", res.StatusCode, body)
	}
	if res, _ := ts.send("POST", "http://signet.test/admin/users/clerk/password", "%zz&new", admin); res.StatusCode != 400 {
		t.Errorf("a malformed form: %d", res.StatusCode)
	}
	if res, _ := ts.get("/me", clerk); res.StatusCode != 200 {
		t.Fatalf("the refusals ended the clerk's session: %d", res.StatusCode)
	}

	code, loc, body := post("/admin/users/clerk/password", url.Values{"new": {pw}, "confirm": {pw}}, admin)
	if code != 303 || loc != "/admin/users/clerk?done=password" {
		t.Fatalf("the reset: %d %q %.300s", code, loc, body)
	}
	if res, body := ts.get(loc, admin); res.StatusCode != 200 || !strings.Contains(body, `id="password-reset"`) {
		t.Errorf("the page after the reset: %d %.300s", res.StatusCode, body)
	}
	if res, _ := ts.get("/me", clerk); res.StatusCode != 303 {
		t.Errorf("the clerk's session after the reset: %d, want the sign-in", res.StatusCode)
	}
	if res, _ := ts.get("/me", admin); res.StatusCode != 200 {
		t.Errorf("the admin's session after the reset: %d", res.StatusCode)
	}
	if _, err := ts.svc.Login(ctx, "clerk", testPassword); signet.Code(err) != signet.EUnauthorized {
		t.Errorf("the old password after the reset: %v", err)
	}
	if _, err := ts.svc.Login(ctx, "clerk", pw); err != nil {
		t.Errorf("the new password: %v", err)
	}
	res, out := ts.get("/api/v1/audit?limit=50", bearer(registrar.RoleAdmin))
	var pg registrar.AuditPage
	if err := json.Unmarshal([]byte(out), &pg); res.StatusCode != 200 || err != nil {
		t.Fatalf("the audit log: %d %v %.300s", res.StatusCode, err, out)
	}
	found := false
	for _, e := range pg.Entries {
		found = found || (e.Kind == signet.EventUserPassword && e.Actor == "admin (web)" && e.Subject == "user:clerk")
	}
	if !found {
		t.Errorf("no user.password event by admin (web) for clerk: %+v", pg.Entries)
	}

	// The API: a token of the admin's; bad bodies 4xx; a clerk's token refused.
	js := "Content-Type: application/json"
	for _, tc := range []struct {
		path, body, who string
		want            int
	}{
		{"/api/v1/users/clerk/password", `{"new": "short"}`, bearer(registrar.RoleAdmin), 400},
		{"/api/v1/users/clerk/password", `{}`, bearer(registrar.RoleAdmin), 400},
		{"/api/v1/users/clerk/password", `{"new": "` + pw2 + `", "confirm": "x"}`, bearer(registrar.RoleAdmin), 400},
		{"/api/v1/users/clerk/password", `[]`, bearer(registrar.RoleAdmin), 400},
		{"/api/v1/users/ghost/password", `{"new": "` + pw2 + `"}`, bearer(registrar.RoleAdmin), 404},
		{"/api/v1/users/admin/password", `{"new": "` + pw2 + `"}`, bearer(registrar.RoleAdmin), 409},
		{"/api/v1/users/clerk/password", `{"new": "` + pw2 + `"}`, bearer(registrar.RoleClerk), 403},
		{"/api/v1/users/clerk/password", `{"new": "` + pw2 + `"}`, bearer(registrar.RoleAdmin), 200},
	} {
		if res, body := ts.send("POST", "http://signet.test"+tc.path, tc.body, tc.who, js); res.StatusCode != tc.want {
			t.Errorf("the API's reset %s %s: %d, want %d %.300s", tc.path, tc.body, res.StatusCode, tc.want, body)
		}
	}
	if _, err := ts.svc.Login(ctx, "clerk", pw2); err != nil {
		t.Errorf("the password the API set: %v", err)
	}
	if strings.Contains(ts.log.String(), pw) || strings.Contains(ts.log.String(), pw2) {
		t.Error("the log holds a password")
	}
}
