package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"mime/multipart"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/csvfile"
	"github.com/signet-vote/signet/registrar"
	"github.com/signet-vote/signet/sqlite"
	"github.com/signet-vote/signet/synth"
)

// jobState is a job as GET /api/v1/jobs/{id} gives it.
type jobState struct {
	ID     int64          `json:"id"`
	Kind   string         `json:"kind"`
	State  string         `json:"state"`
	Stage  string         `json:"stage"`
	Done   int            `json:"done"`
	Total  int            `json:"total"`
	Result map[string]any `json:"result"`
	Error  *struct {
		Code, Message string
	} `json:"error"`
	Link string `json:"link"`
}

// bearer is the Authorization header of a role's token.
func bearer(role signet.Role) string { return "Authorization: Bearer " + fixture.tokens[role] }

// waitJob reads a job every 50 ms until it ends, and returns it.
func (ts *testServer) waitJob(id int64, role signet.Role) jobState {
	ts.t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		res, body := ts.get(fmt.Sprintf("/api/v1/jobs/%d", id), ts.bearer(role))
		var j jobState
		if err := json.Unmarshal([]byte(body), &j); res.StatusCode != 200 || err != nil {
			ts.t.Fatalf("job %d: %d %v %.300s", id, res.StatusCode, err, body)
		}
		if j.State != jobRunning {
			return j
		}
		if time.Now().After(deadline) {
			ts.t.Fatalf("job %d still runs: %+v", id, j)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// startedJob reads the job a 202 answer gives.
func startedJob(t *testing.T, status int, body string) jobState {
	t.Helper()
	var j jobState
	if err := json.Unmarshal([]byte(body), &j); status != 202 || err != nil || j.ID == 0 {
		t.Fatalf("start: %d %v %.500s", status, err, body)
	}
	return j
}

// TestVerifyFromTheWeb: a supervisor's rulings wait for a verification; the supervisor
// starts one from the web, the job reaches done with the engine's counts, and the rulings
// are applied. The page shows the bar while it runs and the result once done; a clerk may
// not start one nor follow it.
func TestVerifyFromTheWeb(t *testing.T) { forEachStore(t, testVerifyFromTheWeb) }

func testVerifyFromTheWeb(t *testing.T, d demoStore) {
	ts := d.server(t, nil)
	ctx := context.Background()
	lines := []string{"S000001-1", "S000001-2", "S000002-1"}
	for _, l := range lines {
		if err := ts.svc.Override(ctx, "demo", l, "supervisor", registrar.OverrideSpec{Valid: false, Reason: signet.NotRegistered, Comment: "seen the original"}); err != nil {
			t.Fatal(err)
		}
	}
	before, err := ts.svc.Status(ctx, "demo")
	if err != nil {
		t.Fatal(err)
	}
	// A clerk may not start one.
	if res, body := ts.send("POST", "http://signet.test/api/v1/petitions/demo/verify", "", ts.bearer(registrar.RoleClerk)); res.StatusCode != 403 {
		t.Errorf("a clerk starts a verification: %d %.200s", res.StatusCode, body)
	}
	// The supervisor's page has the form; posting it goes to the job's page.
	sup := ts.login(registrar.RoleSupervisor)
	if res, body := ts.get("/petitions/demo/supervise", sup); res.StatusCode != 200 || !strings.Contains(body, `action="/petitions/demo/verify"`) {
		t.Fatalf("supervise page: %d", res.StatusCode)
	}
	res, body := ts.send("POST", "http://signet.test/petitions/demo/verify", "scope=all", sup)
	if res.StatusCode != 303 || !strings.HasPrefix(res.Header.Get("Location"), "/jobs/") {
		t.Fatalf("verify from the page: %d %q %.300s", res.StatusCode, res.Header.Get("Location"), body)
	}
	var id int64
	fmt.Sscanf(res.Header.Get("Location"), "/jobs/%d", &id)
	j := ts.waitJob(id, registrar.RoleSupervisor)
	if j.State != jobDone || j.Kind != jobVerify || j.Error != nil {
		t.Fatalf("the job: %+v", j)
	}
	if got := j.Result["verified"]; got != float64(len(lines)) {
		t.Errorf("verified %v lines, want the %d ruled on: %+v", got, len(lines), j.Result)
	}
	if got := j.Result["lines"]; got != float64(before.Report.Raw) {
		t.Errorf("lines %v, want the raw count %d", got, before.Report.Raw)
	}
	after, err := ts.svc.Status(ctx, "demo")
	if err != nil {
		t.Fatal(err)
	}
	if after.Report.Verified != before.Report.Verified || after.Report.Invalid <= before.Report.Invalid-len(lines) {
		t.Errorf("after: verified %d invalid %d; before: verified %d invalid %d", after.Report.Verified, after.Report.Invalid, before.Report.Verified, before.Report.Invalid)
	}
	for _, l := range lines {
		e, err := ts.svc.Line(ctx, "demo", l)
		if err != nil || e.Verdict == nil || e.Verdict.Valid || e.Verdict.Reason != signet.NotRegistered {
			t.Errorf("line %s after the verification: %v %+v", l, err, e.Verdict)
		}
	}
	// The job's page shows the result, in Spanish too; a clerk may not follow it.
	for _, lang := range []string{"en", "es"} {
		res, body := ts.get(fmt.Sprintf("/jobs/%d?lang=%s", id, lang), sup)
		want := map[string]string{"en": "Lines verified by this run", "es": "Líneas verificadas en esta ejecución"}[lang]
		if res.StatusCode != 200 || !strings.Contains(body, want) || !strings.Contains(body, `id="result-verified">3<`) || !strings.Contains(body, "/static/jobs.js") {
			t.Errorf("job page in %s: %d %.2000s", lang, res.StatusCode, body)
		}
	}
	if res, _ := ts.get(fmt.Sprintf("/api/v1/jobs/%d", id), ts.bearer(registrar.RoleClerk)); res.StatusCode != 403 {
		t.Errorf("a clerk follows the supervisor's job: %d", res.StatusCode)
	}
	if res, _ := ts.get(fmt.Sprintf("/api/v1/jobs/%d", id), ts.bearer(registrar.RoleAdmin)); res.StatusCode != 403 {
		t.Errorf("an admin follows a verification: %d", res.StatusCode)
	}
	// A petition that is not filed, a bad scope, a petition that does not exist: 4xx.
	for _, c := range []struct {
		path, body string
		want       int
	}{{"/api/v1/petitions/nope/verify", "", 404}, {"/api/v1/petitions/demo/verify", `{"scope": "half"}`, 400},
		{"/api/v1/petitions/demo/verify", `{"linker": "magic"}`, 400}, {"/api/v1/petitions/demo/verify", `{"x": "y"}`, 400}} {
		if res, body := ts.send("POST", "http://signet.test"+c.path, c.body, ts.bearer(registrar.RoleSupervisor), "Content-Type: application/json"); res.StatusCode != c.want {
			t.Errorf("POST %s %s: %d, want %d: %.200s", c.path, c.body, res.StatusCode, c.want, body)
		}
	}
}

// TestSecondStartIsConflict: while a verification of a petition runs, another start is 409
// with the running job; the page shows the running job with its moving bar; when the
// server stops, the job is stopped.
func TestSecondStartIsConflict(t *testing.T) {
	ts := newTestServerOn(t, copyDemo(t))
	started := make(chan struct{})
	j, err := ts.srv.jobs.start(jobVerify, "demo", "supervisor", registrar.PermCountRun, func(ctx context.Context, progress func(string, int, int)) (any, error) {
		progress("verifying", 40, 100)
		close(started)
		<-ctx.Done()
		return nil, ctx.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	<-started
	res, body := ts.send("POST", "http://signet.test/api/v1/petitions/demo/verify", "", bearer(registrar.RoleSupervisor))
	var out struct {
		Error struct{ Code, Message string }
		Job   jobState
	}
	if err := json.Unmarshal([]byte(body), &out); res.StatusCode != 409 || err != nil || out.Job.ID != j.ID || out.Job.Link != jobPath(j.ID) ||
		res.Header.Get("Location") != fmt.Sprintf("/api/v1/jobs/%d", j.ID) || !strings.Contains(out.Error.Message, jobPath(j.ID)) {
		t.Errorf("second start: %d %v %.500s", res.StatusCode, err, body)
	}
	sup := ts.login(registrar.RoleSupervisor)
	res, body = ts.send("POST", "http://signet.test/petitions/demo/verify", "", sup)
	if res.StatusCode != 409 || !strings.Contains(body, `<progress id="job-bar" max="100" value="40">`) || !strings.Contains(body, `data-state="running"`) {
		t.Errorf("second start from the page: %d %.3000s", res.StatusCode, body)
	}
	res, body = ts.get(fmt.Sprintf("/api/v1/jobs/%d", j.ID), bearer(registrar.RoleSupervisor))
	if res.StatusCode != 200 || !strings.Contains(body, `"done": 40`) || !strings.Contains(body, `"stage_text": "Verifying the lines"`) {
		t.Errorf("the running job: %d %s", res.StatusCode, body)
	}
	ts.srv.Close()
	if v := j.view(); v.State != jobStopped {
		t.Errorf("after Close: %+v", v)
	}
	if res, _ := ts.send("POST", "http://signet.test/api/v1/petitions/demo/verify", "", bearer(registrar.RoleSupervisor)); res.StatusCode != 409 {
		t.Errorf("a start while the server stops: %d", res.StatusCode)
	}
}

// multipartBody is a form with fields and one file.
func multipartBody(t *testing.T, fields map[string]string, name, content string) (string, string) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	f, err := w.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte(content))
	w.Close()
	return b.String(), "Content-Type: " + w.FormDataContentType()
}

// headOf is a file of the synthetic county cut to its header and n rows.
func headOf(t *testing.T, name string, n int) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixture.dir, name))
	if err != nil {
		t.Fatal(err)
	}
	rows := strings.SplitAfter(string(b), "\n")
	return strings.Join(rows[:n+1], "")
}

// tempFiles are the files left in dir.
func tempFiles(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

// uploadServer is a test server over a copy of the demo database, spooling to its own
// directory, with a small upload limit.
func uploadServer(t *testing.T, limit int64) (*testServer, string) {
	t.Helper()
	db := copyDemo(t)
	store, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	svc := registrar.New(store)
	svc.Passwords = fastPasswords
	logs := new(logBuffer)
	tmp := t.TempDir()
	srv, err := New(Config{Service: svc, Log: slog.New(slog.NewJSONHandler(logs, nil)), MaxUpload: limit, TempDir: tmp})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return &testServer{t: t, svc: svc, srv: srv, log: logs}, tmp
}

// TestUploads: an admin uploads a roll from the admin page and a lines file to the API;
// each is imported as a job with the engine's counts. A malformed file is refused with its
// line and column and leaves nothing; an oversized one is 413 and leaves nothing; nothing
// stays in the spool directory.
func TestUploads(t *testing.T) { forEachStore(t, testUploads) }

func testUploads(t *testing.T, d demoStore) {
	ts, tmp := d.uploadServer(t, 1<<20)
	ctx := context.Background()
	demo, err := ts.svc.Jurisdiction(ctx, "demo-county")
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"up-county", "bad-county"} {
		if err := ts.svc.CreateJurisdiction(ctx, signet.Jurisdiction{ID: id, Name: id, ZIPs: demo.ZIPs}, "web test"); err != nil {
			t.Fatal(err)
		}
	}
	p, err := ts.svc.Petition(ctx, "demo")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ts.svc.CreatePetition(ctx, registrar.PetitionSpec{ID: "demo2", Kind: signet.KindLocalRecall, Jurisdiction: "demo-county", Rules: "ca-local-recall",
		Report: p.ReportID, Approved: p.Approved, Cutoff: signet.CutoffFilingDate}, "web test"); err != nil {
		t.Fatal(err)
	}
	admin := ts.login(registrar.RoleAdmin)
	if res, body := ts.get("/admin/uploads", admin); res.StatusCode != 200 || !strings.Contains(body, `value="up-county"`) || !strings.Contains(body, `value="demo2"`) {
		t.Fatalf("uploads page: %d %.500s", res.StatusCode, body)
	}
	if res, _ := ts.get("/admin/uploads", ts.login(registrar.RoleSupervisor)); res.StatusCode != 403 {
		t.Errorf("a supervisor's uploads page: %d", res.StatusCode)
	}

	// A roll from the page.
	body, ct := multipartBody(t, map[string]string{"jurisdiction": "up-county"}, "roll.csv", headOf(t, synth.FileVoters, 200))
	res, out := ts.send("POST", "http://signet.test/admin/uploads/roll", body, admin, ct)
	if res.StatusCode != 303 || !strings.HasPrefix(res.Header.Get("Location"), "/jobs/") {
		t.Fatalf("roll upload: %d %q %.500s", res.StatusCode, res.Header.Get("Location"), out)
	}
	var id int64
	fmt.Sscanf(res.Header.Get("Location"), "/jobs/%d", &id)
	j := ts.waitJob(id, registrar.RoleAdmin)
	if j.State != jobDone || j.Result["voters"] != float64(200) || j.Result["file"] != "roll.csv" || j.Stage != "reading" || j.Done != j.Total || j.Total == 0 {
		t.Fatalf("roll job: %+v", j)
	}
	if st, err := ts.svc.Store.VoterStats(ctx, "up-county"); err != nil || st.Voters != 200 {
		t.Errorf("up-county's roll: %+v %v", st, err)
	}
	if res, page := ts.get(fmt.Sprintf("/jobs/%d", id), admin); res.StatusCode != 200 || !strings.Contains(page, `id="result-rows">200<`) {
		t.Errorf("roll job page: %d %.2000s", res.StatusCode, page)
	}

	// A malformed roll: refused with its line and column, nothing kept.
	bad := strings.Replace(headOf(t, synth.FileVoters, 10), "\n", "\n", 1)
	rows := strings.SplitAfter(bad, "\n")
	rows[5] = strings.Replace(rows[5], "-", "/", 1) // a date that is not one, on file line 6
	res, out = ts.send("POST", "http://signet.test/api/v1/jurisdictions/bad-county/roll?name=bad.csv", strings.Join(rows, ""), ts.bearer(registrar.RoleAdmin), "Content-Type: text/csv")
	j = ts.waitJob(startedJob(t, res.StatusCode, out).ID, registrar.RoleAdmin)
	if j.State != jobFailed || j.Error == nil || j.Error.Code != "invalid" || !strings.Contains(j.Error.Message, "bad.csv: line 6, column") {
		t.Errorf("malformed roll: %+v %+v", j, j.Error)
	}
	if st, err := ts.svc.Store.VoterStats(ctx, "bad-county"); err == nil && st.Voters != 0 {
		t.Errorf("bad-county kept a roll: %+v", st)
	}
	if res, page := ts.get(fmt.Sprintf("/jobs/%d?lang=es", j.ID), admin); res.StatusCode != 200 || !strings.Contains(page, "bad.csv: línea 6, columna 11 (registration_date)") || !strings.Contains(page, "No se conserva nada del archivo") {
		t.Errorf("failed job page: %d %.2000s", res.StatusCode, page)
	}
	// A header that is not a roll's is refused at once.
	res, out = ts.send("POST", "http://signet.test/api/v1/jurisdictions/bad-county/roll", "a,b\n1,2\n", ts.bearer(registrar.RoleAdmin), "Content-Type: text/csv")
	if res.StatusCode != 400 || !strings.Contains(out, "line 1") && !strings.Contains(out, "column") {
		t.Errorf("a file that is no roll: %d %.300s", res.StatusCode, out)
	}

	// Lines to the API, then a malformed lines file to the page.
	res, out = ts.send("POST", "http://signet.test/api/v1/petitions/demo2/lines?name=lines.csv", headOf(t, synth.FileLines, 100), ts.bearer(registrar.RoleAdmin), "Content-Type: text/csv")
	j = ts.waitJob(startedJob(t, res.StatusCode, out).ID, registrar.RoleAdmin)
	if j.State != jobDone || j.Result["lines"] != float64(100) || j.Result["last_seq"] != float64(100) {
		t.Errorf("lines job: %+v", j)
	}
	lrows := strings.SplitAfter(headOf(t, synth.FileLines, 120), "\n")
	lrows = append(lrows[:1], lrows[101:]...)
	lrows[3] = strings.Replace(lrows[3], ",", ",,,", 1) // too many fields on file line 4
	body, ct = multipartBody(t, map[string]string{"petition": "demo2"}, `C:\files\more "lines".csv`, strings.Join(lrows, ""))
	res, out = ts.send("POST", "http://signet.test/admin/uploads/lines", body, admin, ct)
	fmt.Sscanf(res.Header.Get("Location"), "/jobs/%d", &id)
	if res.StatusCode != 303 || id == 0 {
		t.Fatalf("lines upload: %d %.300s", res.StatusCode, out)
	}
	j = ts.waitJob(id, registrar.RoleAdmin)
	if j.State != jobFailed || j.Error == nil || !strings.Contains(j.Error.Message, "more__lines_.csv: line 4") {
		t.Errorf("malformed lines: %+v %+v", j, j.Error)
	}
	if n, err := ts.svc.Store.LineCount(ctx, "demo2"); err != nil || n != 100 {
		t.Errorf("demo2 has %d lines (%v), want the 100 of the good file", n, err)
	}

	// Too large: 413, on the page and the API, and nothing kept.
	big := headOf(t, synth.FileVoters, 200) + strings.Repeat("x", 1<<20)
	res, out = ts.send("POST", "http://signet.test/api/v1/jurisdictions/bad-county/roll", big, ts.bearer(registrar.RoleAdmin), "Content-Type: text/csv")
	if res.StatusCode != 413 || !strings.Contains(out, "larger than the limit") {
		t.Errorf("oversized API upload: %d %.300s", res.StatusCode, out)
	}
	body, ct = multipartBody(t, map[string]string{"jurisdiction": "bad-county"}, "big.csv", big)
	if res, out = ts.send("POST", "http://signet.test/admin/uploads/roll", body, admin, ct); res.StatusCode != 413 {
		t.Errorf("oversized page upload: %d %.300s", res.StatusCode, out)
	}
	if st, err := ts.svc.Store.VoterStats(ctx, "bad-county"); err == nil && st.Voters != 0 {
		t.Errorf("bad-county kept a roll: %+v", st)
	}

	// Bad forms and ids: 4xx, never 500.
	for _, c := range []struct {
		method, path, body string
		headers            []string
		want               int
	}{
		{"POST", "/admin/uploads/roll", "jurisdiction=up-county", []string{admin}, 400},
		{"POST", "/admin/uploads/roll", "--x\r\n", []string{admin, "Content-Type: multipart/form-data; boundary=x"}, 400},
		{"POST", "/admin/uploads/roll", body, []string{admin, "Content-Type: multipart/form-data; boundary=nope"}, 400},
		{"POST", "/api/v1/jurisdictions/nope/roll", "a\n", []string{ts.bearer(registrar.RoleAdmin), "Content-Type: text/csv"}, 404},
		{"POST", "/api/v1/petitions/nope/lines", "a\n", []string{ts.bearer(registrar.RoleAdmin), "Content-Type: text/csv"}, 404},
		{"POST", "/api/v1/petitions/demo2/lines", "{}", []string{ts.bearer(registrar.RoleAdmin), "Content-Type: application/json"}, 400},
		{"POST", "/api/v1/petitions/demo2/lines?columns=nope", "a\n", []string{ts.bearer(registrar.RoleAdmin), "Content-Type: text/csv"}, 400},
		{"POST", "/api/v1/jurisdictions/up-county/roll?new_snapshot=maybe", "a\n", []string{ts.bearer(registrar.RoleAdmin), "Content-Type: text/csv"}, 400},
		{"POST", "/api/v1/jurisdictions/up-county/roll", "", []string{ts.bearer(registrar.RoleAdmin), "Content-Type: text/csv"}, 400},
		{"GET", "/jobs/abc", "", []string{admin}, 400},
		{"GET", "/jobs/0", "", []string{admin}, 400},
		{"GET", "/jobs/99999999999999999999", "", []string{admin}, 400},
		{"GET", "/api/v1/jobs/999", "", []string{ts.bearer(registrar.RoleAdmin)}, 404},
		{"GET", "/api/v1/jobs/-1", "", []string{ts.bearer(registrar.RoleAdmin)}, 400},
	} {
		if res, out := ts.send(c.method, "http://signet.test"+c.path, c.body, c.headers...); res.StatusCode != c.want {
			t.Errorf("%s %s %.30q: %d, want %d: %.300s", c.method, c.path, c.body, res.StatusCode, c.want, out)
		}
	}
	if files := tempFiles(t, tmp); len(files) != 0 {
		t.Errorf("uploads left behind: %v", files)
	}
	if strings.Contains(ts.log.String(), `"status":500`) {
		t.Errorf("a 500:\n%s", ts.log.String())
	}
}

// TestJobTexts: every stage and kind of job has its Spanish.
func TestJobTexts(t *testing.T) {
	for _, m := range []map[string]string{stageText, kindText} {
		for _, en := range m {
			if spanish[en] == "" {
				t.Errorf("no Spanish for %q", en)
			}
		}
	}
}

// TestResumeCounts: a count stopped part-way (its context ended at a batch boundary, as a
// server's stop ends it) is found by the next start and resumed as a job that verifies the
// lines left; a petition whose count is complete, or whose sample alone was verified, is left
// alone.
func TestResumeCounts(t *testing.T) { forEachStore(t, testResumeCounts) }

func testResumeCounts(t *testing.T, d demoStore) {
	ts := d.server(t, nil)
	ctx := context.Background()
	if started, err := ts.srv.ResumeCounts(ctx); err != nil || len(started) != 0 {
		t.Fatalf("the demo's counts are complete, yet: %+v, %v", started, err)
	}
	// A second petition over the same roll, its lines filed and its count stopped after its
	// first batch.
	p, err := ts.svc.Petition(ctx, "demo")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ts.svc.CreatePetition(ctx, registrar.PetitionSpec{ID: "again", Kind: p.Kind, Jurisdiction: p.JurisdictionID, Rules: p.Rules,
		Report: p.ReportID, Approved: p.Approved, Cutoff: p.Cutoff}, "web test"); err != nil {
		t.Fatal(err)
	}
	err = importCSV(fixture.dir, synth.FileLines, csvfile.LineSchema, "web test", func(meta signet.ImportMeta, r *csvfile.Reader) error {
		_, err := ts.svc.ImportLines(ctx, "again", meta, r.Lines())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ts.svc.FilePetition(ctx, "again", p.Filed, -1, "web test"); err != nil {
		t.Fatal(err)
	}
	// Its sample drawn and verified: not a count begun (the full count waits for a person).
	if _, err := ts.svc.DrawSample(ctx, "again", "20220706004", "web test"); err != nil {
		t.Fatal(err)
	}
	if _, err := ts.svc.Verify(ctx, registrar.VerifyOptions{Petition: "again", Actor: "web test", SampleOnly: true}); err != nil {
		t.Fatal(err)
	}
	if started, err := ts.srv.ResumeCounts(ctx); err != nil || len(started) != 0 {
		t.Fatalf("a petition whose sample alone is verified is resumed: %+v, %v", started, err)
	}
	cctx, cancel := context.WithCancel(ctx)
	stop := ts.svc.WithProgress(func(stage string, done, total int) {
		if stage == "verifying" && done > 0 {
			cancel() // after the first batch: the count ends at that boundary
		}
	})
	_, err = stop.Verify(cctx, registrar.VerifyOptions{Petition: "again", Actor: "web test", Batch: 100})
	cancel()
	if err == nil {
		t.Fatal("the count was not stopped part-way")
	}
	st, err := ts.svc.Status(ctx, "again")
	if err != nil || st.Report.Verified == 0 || st.Report.Unverified == 0 {
		t.Fatalf("after the stop: %d verified, %d left (%v): not part-way", st.Report.Verified, st.Report.Unverified, err)
	}
	started, err := ts.srv.ResumeCounts(ctx)
	if err != nil || len(started) != 1 || started[0].Petition != "again" || started[0].Path != jobPath(started[0].Job) {
		t.Fatalf("resumed: %+v, %v; want the count of petition again", started, err)
	}
	if j := ts.waitJob(started[0].Job, registrar.RoleSupervisor); j.State != jobDone {
		t.Fatalf("the resumed count: %+v %+v", j, j.Error)
	}
	if st, err := ts.svc.Status(ctx, "again"); err != nil || st.Report.Unverified != 0 || st.Report.Verified != st.Report.Raw {
		t.Errorf("after the resumed count: %d of %d verified (%v)", st.Report.Verified, st.Report.Raw, err)
	}
	if started, err := ts.srv.ResumeCounts(ctx); err != nil || len(started) != 0 {
		t.Errorf("a second start resumes %+v, %v: nothing is left", started, err)
	}
}
