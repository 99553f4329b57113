package web

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/csvfile"
	"github.com/signet-vote/signet/registrar"
	"github.com/signet-vote/signet/synth"
)

// TestRecordsFromTheWeb sets a petition up and moves it on from the admin's pages, on a
// copy of the demo database, as the CLI would: a jurisdiction created, a registration
// report added (entered, and counted from the roll), a petition created on it, its lines
// imported (the fixture's), filed, its sample drawn with an announced seed (the page shows
// the command that re-draws it), the sample verified, the projection recorded; the public
// status page then shows the seed and the decision. Refusals are 4xx with the engine's
// message (in Spanish for a Spanish reader), a clerk is refused 403, and every change is
// an audit event by the admin.
func TestRecordsFromTheWeb(t *testing.T) {
	ctx := context.Background()
	ts := newTestServerOn(t, copyDemo(t))
	admin, clerk := ts.login(registrar.RoleAdmin), ts.login(registrar.RoleClerk)
	post := func(path string, form url.Values, headers ...string) (int, string, string) {
		t.Helper()
		res, body := ts.post(path, form, headers...)
		return res.StatusCode, res.Header.Get("Location"), body
	}
	day := func(d int) string { return signet.FormatDate(fixture.approved.AddDate(0, 0, d)) }
	zips := strings.Join(fixture.county.ZIPs, ", ")

	// The forms are offered to the admin, with the rule packs as signet law list lists them.
	res, body := ts.get("/admin/jurisdictions", admin)
	if res.StatusCode != 200 || !strings.Contains(body, `id="jurisdiction-form"`) || !strings.Contains(body, `id="report-form-demo-county"`) || !strings.Contains(body, "demo-county-roll") {
		t.Fatalf("the jurisdictions' page: %d %.500s", res.StatusCode, body)
	}
	res, body = ts.get("/admin/petitions", admin)
	if res.StatusCode != 200 || !strings.Contains(body, `id="petition-form"`) || !strings.Contains(body, `<option value="nv-recall">`) || !strings.Contains(body, `<option value="demo-county-roll">`) {
		t.Fatalf("the petitions' page: %d %.500s", res.StatusCode, body)
	}

	// A jurisdiction.
	code, loc, body := post("/admin/jurisdictions", url.Values{"id": {"north"}, "name": {"North County"}, "zips": {zips}}, admin)
	if code != 303 || loc != "/admin/jurisdictions?done=jurisdiction" {
		t.Fatalf("creating north: %d %q %.300s", code, loc, body)
	}
	if j, err := ts.svc.Store.Jurisdiction(ctx, "north"); err != nil || j.Name != "North County" || len(j.ZIPs) != len(fixture.county.ZIPs) {
		t.Errorf("north as stored: %+v %v", j, err)
	}
	// Reports: entered, and counted from the roll.
	if code, loc, body := post("/admin/jurisdictions/north/reports", url.Values{"id": {"north-r1"}, "date": {day(-3)}, "registered": {"5000"}}, admin); code != 303 || loc != "/admin/jurisdictions?done=report" {
		t.Errorf("north's report: %d %q %.300s", code, loc, body)
	}
	if code, _, body := post("/admin/jurisdictions/demo-county/reports", url.Values{"id": {"dc-2"}, "date": {day(-2)}, "from_roll": {"true"}}, admin); code != 303 {
		t.Errorf("demo-county's report from the roll: %d %.300s", code, body)
	}
	if rep, err := ts.svc.Store.Report(ctx, "dc-2"); err != nil || rep.Registered < 1000 || !strings.HasPrefix(rep.Source, "roll:") {
		t.Errorf("dc-2 as stored: %+v %v", rep, err)
	}
	if _, body := ts.get("/admin/jurisdictions", admin); !strings.Contains(body, "north-r1: 5,000") {
		t.Errorf("the jurisdictions' page does not list north-r1: %.1000s", body)
	}

	// A petition on demo-county's new report.
	petition := url.Values{"id": {"recall2"}, "kind": {"local-recall"}, "jurisdiction": {"demo-county"}, "rules": {"ca-local-recall"},
		"report": {"dc-2"}, "approved": {day(0)}, "cutoff": {"filing_date"}, "duplicates": {""}, "settings": {"full_count_days=30"}}
	with := func(k, v string) url.Values {
		f := url.Values{}
		for k, vs := range petition {
			f[k] = vs
		}
		f.Set(k, v)
		return f
	}

	// Refusals: a 4xx with the engine's message, nothing stored.
	for _, tc := range []struct {
		name, path string
		form       url.Values
		headers    []string
		want       int
		says       string
	}{
		{"a jurisdiction's id taken", "/admin/jurisdictions", url.Values{"id": {"north"}, "zips": {zips}}, nil, 409, `jurisdiction &#34;north&#34; already exists`},
		{"a jurisdiction's id taken, in Spanish", "/admin/jurisdictions", url.Values{"id": {"north"}, "zips": {zips}}, []string{"Accept-Language: es"}, 409, `la jurisdicción &#34;north&#34; ya existe`},
		{"a bad ZIP code", "/admin/jurisdictions", url.Values{"id": {"south"}, "zips": {"9000"}}, nil, 400, "five-digit ZIP code"},
		{"no ZIP code", "/admin/jurisdictions", url.Values{"id": {"south"}}, nil, 400, "needs its ZIP codes"},
		{"a bad jurisdiction id", "/admin/jurisdictions", url.Values{"id": {"so uth"}, "zips": {"90001"}}, nil, 400, "is not allowed"},
		{"a report's bad date", "/admin/jurisdictions/north/reports", url.Values{"id": {"r9"}, "date": {"2022-02-30"}, "registered": {"10"}}, nil, 400, "is not a date"},
		{"a report's bad date, in Spanish", "/admin/jurisdictions/north/reports", url.Values{"id": {"r9"}, "date": {"2022-02-30"}, "registered": {"10"}}, []string{"Accept-Language: es"}, 400, "no es una fecha"},
		{"a report's id taken", "/admin/jurisdictions/north/reports", url.Values{"id": {"north-r1"}, "date": {day(-3)}, "registered": {"10"}}, nil, 409, "already exists"},
		{"a report counted and entered", "/admin/jurisdictions/north/reports", url.Values{"id": {"r9"}, "date": {day(-3)}, "registered": {"10"}, "from_roll": {"on"}}, nil, 400, "one of them"},
		{"a report from no roll", "/admin/jurisdictions/north/reports", url.Values{"id": {"r9"}, "date": {day(-3)}, "from_roll": {"on"}}, nil, 404, "has no voter roll"},
		{"a report of a bad count", "/admin/jurisdictions/north/reports", url.Values{"id": {"r9"}, "date": {day(-3)}, "registered": {"many"}}, nil, 400, "not a whole number"},
		{"a report of nobody", "/admin/jurisdictions/north/reports", url.Values{"id": {"r9"}, "date": {day(-3)}, "registered": {"0"}}, nil, 400, "at least 1"},
		{"a report of no jurisdiction", "/admin/jurisdictions/nope/reports", url.Values{"id": {"r9"}, "date": {day(-3)}, "registered": {"10"}}, nil, 404, "no jurisdiction"},
		{"a petition's bad date", "/admin/petitions", with("approved", "01/32/2022"), nil, 400, "approved: &#34;01/32/2022&#34; is not a date"},
		{"a petition's bad date, in Spanish", "/admin/petitions", with("approved", "01/32/2022"), []string{"Accept-Language: es"}, 400, "approved: &#34;01/32/2022&#34; no es una fecha"},
		{"a petition's id taken", "/admin/petitions", with("id", "demo"), nil, 409, `petition &#34;demo&#34; already exists`},
		{"an unknown rule pack", "/admin/petitions", with("rules", "xx-recall"), nil, 400, `no rule pack &#34;xx-recall&#34;`},
		{"an unknown rule pack, in Spanish", "/admin/petitions", with("rules", "xx-recall"), []string{"Accept-Language: es"}, 400, `no existe el conjunto de reglas &#34;xx-recall&#34;`},
		{"an unknown kind", "/admin/petitions", with("kind", "coup"), nil, 400, "petition kind"},
		{"a bad setting", "/admin/petitions", with("settings", "full_count_days"), nil, 400, "want name=value"},
		{"a report of another jurisdiction", "/admin/petitions", with("report", "north-r1"), nil, 400, "counts north, not demo-county"},
		{"a report after the approval", "/admin/petitions", with("approved", day(-5)), nil, 400, "after the form was approved"},
		{"a clerk", "/admin/petitions", petition, []string{clerk}, 403, "refused"},
		{"a clerk's jurisdiction", "/admin/jurisdictions", url.Values{"id": {"south"}, "zips": {"90001"}}, []string{clerk}, 403, "refused"},
	} {
		headers := tc.headers
		if !strings.HasPrefix(strings.Join(headers, ""), "Cookie:") {
			headers = append(headers, admin)
		}
		if code, _, body := post(tc.path, tc.form, headers...); code != tc.want || !strings.Contains(body, tc.says) {
			t.Errorf("%s: %d, want %d saying %q: %.400s", tc.name, code, tc.want, tc.says, between(body, "<main", "</main>"))
		}
	}
	if _, err := ts.svc.Store.Jurisdiction(ctx, "south"); signet.Code(err) != signet.ENotFound {
		t.Errorf("a refused jurisdiction is stored: %v", err)
	}

	code, loc, body = post("/admin/petitions", petition, admin)
	if code != 303 || loc != "/admin/petitions/recall2?done=created" {
		t.Fatalf("creating recall2: %d %q %.300s", code, loc, body)
	}
	p, err := ts.svc.Petition(ctx, "recall2")
	if err != nil || p.Rules != "ca-local-recall" || p.ReportID != "dc-2" || p.Required < 1 || len(p.Settings) != 1 || p.Cutoff != signet.CutoffFilingDate {
		t.Fatalf("recall2 as stored: %+v %v", p, err)
	}
	res, body = ts.get("/admin/petitions/recall2", admin)
	if res.StatusCode != 200 || !strings.Contains(body, `id="file-form"`) || strings.Contains(body, `id="sample-form"`) {
		t.Errorf("recall2's page before the filing: %d %.800s", res.StatusCode, body)
	}
	// Drawing and projecting before the filing are refused.
	if code, _, body := post("/admin/petitions/recall2/sample", url.Values{"seed": {"12345"}}, admin); code != 409 || !strings.Contains(body, "not filed yet") {
		t.Errorf("a sample before the filing: %d %.300s", code, between(body, "<main", "</main>"))
	}

	// Its lines, the fixture's (the upload is tested in uploads' tests), then the filing.
	err = importCSV(fixture.dir, synth.FileLines, csvfile.LineSchema, "web test", func(meta signet.ImportMeta, r *csvfile.Reader) error {
		_, err := ts.svc.ImportLines(ctx, "recall2", meta, r.Lines())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		form url.Values
		want int
		says string
	}{
		{url.Values{"date": {"July 4"}}, 400, "is not a date"},
		{url.Values{"date": {day(-10)}}, 400, "cannot be filed on"},
		{url.Values{"date": {signet.FormatDate(fixture.filed)}, "raw": {"12"}}, 400, "disagrees with the"},
		{url.Values{"date": {signet.FormatDate(fixture.filed)}, "raw": {"x"}}, 400, "not a whole number"},
	} {
		if code, _, body := post("/admin/petitions/recall2/file", tc.form, admin); code != tc.want || !strings.Contains(body, tc.says) {
			t.Errorf("filing with %v: %d, want %d saying %q: %.300s", tc.form, code, tc.want, tc.says, between(body, "<main", "</main>"))
		}
	}
	if code, loc, body := post("/admin/petitions/recall2/file", url.Values{"date": {signet.FormatDate(fixture.filed)}}, clerk); code != 403 || loc != "" {
		t.Errorf("a clerk filing: %d %.300s", code, body)
	}
	if code, loc, body := post("/admin/petitions/recall2/file", url.Values{"date": {signet.FormatDate(fixture.filed)}}, admin); code != 303 || loc != "/admin/petitions/recall2?done=filed" {
		t.Fatalf("filing recall2: %d %q %.300s", code, loc, body)
	}
	if code, _, body := post("/admin/petitions/recall2/file", url.Values{"date": {signet.FormatDate(fixture.filed)}}, admin); code != 409 || !strings.Contains(body, "already filed") {
		t.Errorf("filing twice: %d %.300s", code, between(body, "<main", "</main>"))
	}

	// The sample: a bad seed refused, then drawn; the page shows the command that re-draws it.
	if code, _, body := post("/admin/petitions/recall2/sample", url.Values{"seed": {"12a45"}}, admin); code != 400 || !strings.Contains(body, "decimal digits") {
		t.Errorf("a bad seed: %d %.300s", code, between(body, "<main", "</main>"))
	}
	if code, _, body := post("/admin/petitions/recall2/projection", nil, admin); code != 404 {
		t.Errorf("a projection with no sample: %d %.300s", code, between(body, "<main", "</main>"))
	}
	const seed = "31415926535897"
	if code, loc, body := post("/admin/petitions/recall2/sample", url.Values{"seed": {seed}}, admin); code != 303 || loc != "/admin/petitions/recall2?done=sampled" {
		t.Fatalf("drawing recall2's sample: %d %q %.300s", code, loc, body)
	}
	sm, err := ts.svc.Store.Sample(ctx, "recall2")
	if err != nil || sm.Seed != seed {
		t.Fatalf("recall2's sample: %+v %v", sm, err)
	}
	redraw := registrar.RedrawCommand(seed, sm.Population, sm.Size)
	if _, body := ts.get("/admin/petitions/recall2", admin); !strings.Contains(body, redraw) || !strings.Contains(body, `id="projection-form"`) || strings.Contains(body, `id="sample-form"`) {
		t.Errorf("recall2's page after the draw lacks %q: %.1500s", redraw, between(body, "<main", "</main>"))
	}
	if code, _, body := post("/admin/petitions/recall2/sample", url.Values{"seed": {"2718"}}, admin); code != 409 || !strings.Contains(body, "drawn once") {
		t.Errorf("a second seed: %d %.300s", code, between(body, "<main", "</main>"))
	}
	// The projection waits for the sample's verification (a supervisor's job), then is recorded.
	if code, _, body := post("/admin/petitions/recall2/projection", nil, admin); code != 409 || !strings.Contains(body, "verify the sample first") {
		t.Errorf("a projection before the verification: %d %.300s", code, between(body, "<main", "</main>"))
	}
	if _, err := ts.svc.Verify(ctx, registrar.VerifyOptions{Petition: "recall2", Actor: "supervisor", SampleOnly: true}); err != nil {
		t.Fatal(err)
	}
	if code, loc, body := post("/admin/petitions/recall2/projection", nil, admin); code != 303 || loc != "/admin/petitions/recall2?done=projected" {
		t.Fatalf("projecting recall2: %d %q %.300s", code, loc, body)
	}
	if _, body := ts.get("/admin/petitions/recall2?lang=es", admin); !strings.Contains(body, `id="decision"`) || !strings.Contains(body, "(redondeado a dos decimales)") {
		t.Errorf("recall2's page after the projection, in Spanish: %.1500s", between(body, "<main", "</main>"))
	}

	// The public status page shows it: the seed, the re-draw command, the decision.
	st, err := ts.svc.Status(ctx, "recall2")
	if err != nil || st.Report.Projection == nil {
		t.Fatalf("recall2's status: %v", err)
	}
	res, body = ts.get("/petitions/recall2")
	if res.StatusCode != 200 || !strings.Contains(body, seed) || !strings.Contains(body, redraw) || !strings.Contains(body, `id="projection"`) {
		t.Errorf("recall2's public page: %d %.1500s", res.StatusCode, between(body, "<main", "</main>"))
	}
	if _, body := ts.get("/"); !strings.Contains(body, "recall2") {
		t.Errorf("the public list lacks recall2")
	}

	// Every change is an audit event, by the admin through the web.
	seen := map[string]bool{}
	for before, pages := int64(0), 0; pages < 100; pages++ { // the sample's verdicts came since: read back to them
		pg, err := ts.svc.AuditLog(ctx, before, registrar.MaxAuditPage)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range pg.Entries {
			if e.Actor == "admin (web)" {
				seen[e.Kind+" "+e.Subject] = true
			}
		}
		if before = pg.Next; before == 0 || seen[signet.EventJurisdiction+" jurisdiction:north"] {
			break
		}
	}
	for _, want := range []string{signet.EventJurisdiction + " jurisdiction:north", signet.EventRegistration + " jurisdiction:north",
		signet.EventPetition + " petition:recall2", signet.EventFiling + " petition:recall2"} {
		if !seen[want] {
			t.Errorf("no audit event %q by the admin (web); seen %v", want, seen)
		}
	}
	if len(seen) < 7 { // and the seed's announcement, the sample, the projection
		t.Errorf("only %d audit events by the admin (web): %v", len(seen), seen)
	}
}

// between is the part of s from the first from to the next to (s when there is none).
func between(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return s
	}
	j := strings.Index(s[i:], to)
	if j < 0 {
		return s[i:]
	}
	return s[i : i+j]
}

// TestRecordsAPI works the same through /api/v1 with the admin's token: a jurisdiction,
// its report, a petition filed with a raw count (no lines), its sample drawn; refusals
// are the API's JSON errors with the engine's code, a clerk's token is refused 403.
func TestRecordsAPI(t *testing.T) {
	ctx := context.Background()
	ts := newTestServerOn(t, copyDemo(t))
	call := func(path, body string, role signet.Role) (int, map[string]any) {
		t.Helper()
		res, b := ts.postJSON(path, role, body)
		var out map[string]any
		if err := json.Unmarshal([]byte(b), &out); err != nil {
			t.Errorf("%s: not JSON: %.300s", path, b)
		}
		return res.StatusCode, out
	}
	errCode := func(out map[string]any) string {
		e, _ := out["error"].(map[string]any)
		c, _ := e["code"].(string)
		return c
	}
	approved := signet.FormatDate(fixture.approved)

	code, out := call("/api/v1/jurisdictions", `{"id": "west", "name": "West", "zips": "90001,90002"}`, registrar.RoleAdmin)
	if code != 201 || out["id"] != "west" || len(out["zips"].([]any)) != 2 {
		t.Fatalf("a jurisdiction: %d %v", code, out)
	}
	code, out = call("/api/v1/jurisdictions/west/reports", `{"id": "west-r", "date": "`+signet.FormatDate(fixture.approved.AddDate(0, -1, 0))+`", "registered": "12000"}`, registrar.RoleAdmin)
	if code != 201 || out["registered"] != 12000.0 || out["source"] != "entered" {
		t.Fatalf("a report: %d %v", code, out)
	}
	code, out = call("/api/v1/petitions", `{"id": "west-recall", "kind": "local-recall", "jurisdiction": "west", "rules": "ca-local-recall", "report": "west-r", "approved": "`+approved+`"}`, registrar.RoleAdmin)
	if code != 201 || out["id"] != "west-recall" || out["filed"] != nil || out["required"].(float64) < 1 {
		t.Fatalf("a petition: %d %v", code, out)
	}
	code, out = call("/api/v1/petitions/west-recall/file", `{"date": "`+signet.FormatDate(fixture.filed)+`", "raw": "2400"}`, registrar.RoleAdmin)
	if code != 200 || out["raw"] != 2400.0 || out["filed"] != signet.FormatDate(fixture.filed) {
		t.Fatalf("the filing: %d %v", code, out)
	}
	// A petition on the demo county's roll, with the fixture's lines: filed on them, sampled.
	code, out = call("/api/v1/petitions", `{"id": "dc-api", "kind": "local-recall", "jurisdiction": "demo-county", "rules": "ca-local-recall", "report": "demo-county-roll", "approved": "`+approved+`", "settings": "full_count_days=30"}`, registrar.RoleAdmin)
	if code != 201 || out["id"] != "dc-api" {
		t.Fatalf("a petition: %d %v", code, out)
	}
	err := importCSV(fixture.dir, synth.FileLines, csvfile.LineSchema, "web test", func(meta signet.ImportMeta, r *csvfile.Reader) error {
		_, err := ts.svc.ImportLines(ctx, "dc-api", meta, r.Lines())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	code, out = call("/api/v1/petitions/dc-api/file", `{"date": "`+signet.FormatDate(fixture.filed)+`"}`, registrar.RoleAdmin)
	if code != 200 || out["raw"].(float64) < 1000 {
		t.Fatalf("the filing: %d %v", code, out)
	}
	raw := int(out["raw"].(float64))
	code, out = call("/api/v1/petitions/dc-api/sample", `{"seed": "1234567"}`, registrar.RoleAdmin)
	if code != 201 || out["seed"] != "1234567" || out["redraw"] != registrar.RedrawCommand("1234567", raw, int(out["size"].(float64))) {
		t.Fatalf("the sample: %d %v", code, out)
	}
	for _, tc := range []struct {
		path, body string
		role       signet.Role
		want       int
		code       signet.ErrorCode
	}{
		{"/api/v1/jurisdictions", `{"id": "west", "zips": "90001"}`, registrar.RoleAdmin, 409, signet.EConflict},
		{"/api/v1/jurisdictions", `{"id": "east", "zips": "90001", "zip": "x"}`, registrar.RoleAdmin, 400, signet.EInvalid},
		{"/api/v1/jurisdictions", `{"id": "east", "zips": 90001}`, registrar.RoleAdmin, 400, signet.EInvalid},
		{"/api/v1/jurisdictions", `{"id": "east", "zips": "90001"}`, registrar.RoleClerk, 403, signet.EForbidden},
		{"/api/v1/jurisdictions/nope/reports", `{"id": "x", "date": "2022-01-01", "registered": "5"}`, registrar.RoleAdmin, 404, signet.ENotFound},
		{"/api/v1/petitions", `{"id": "p2", "kind": "local-recall", "jurisdiction": "west", "rules": "zz", "report": "west-r", "approved": "` + approved + `"}`, registrar.RoleAdmin, 400, signet.EInvalid},
		{"/api/v1/petitions", `{"id": "p2", "kind": "local-recall", "jurisdiction": "west", "rules": "ca-local-recall", "report": "west-r", "approved": "soon"}`, registrar.RoleAdmin, 400, signet.EInvalid},
		{"/api/v1/petitions", `{"id": "west-recall", "kind": "local-recall", "jurisdiction": "west", "rules": "ca-local-recall", "report": "west-r", "approved": "` + approved + `"}`, registrar.RoleAdmin, 409, signet.EConflict},
		{"/api/v1/petitions", `{"id": "p3"}`, registrar.RoleSupervisor, 403, signet.EForbidden},
		{"/api/v1/petitions/west-recall/file", `{"date": "` + approved + `", "raw": "2400"}`, registrar.RoleAdmin, 409, signet.EConflict},
		{"/api/v1/petitions/nope/file", `{"date": "` + approved + `", "raw": "5"}`, registrar.RoleAdmin, 404, signet.ENotFound},
		{"/api/v1/petitions/dc-api/sample", `{"seed": "99"}`, registrar.RoleAdmin, 409, signet.EConflict},
		{"/api/v1/petitions/dc-api/sample", `{"seed": "x"}`, registrar.RoleAdmin, 400, signet.EInvalid},
		{"/api/v1/petitions/dc-api/projection", ``, registrar.RoleAdmin, 409, signet.EConflict},
		{"/api/v1/petitions/dc-api/projection", `{"x": "y"}`, registrar.RoleAdmin, 400, signet.EInvalid},
		{"/api/v1/petitions/west-recall/projection", ``, registrar.RoleAdmin, 404, signet.ENotFound},
		{"/api/v1/petitions/west-recall/sample", `{"seed": "1234"}`, registrar.RoleAdmin, 409, signet.EConflict}, // filed on a raw count, no lines
		{"/api/v1/petitions/dc-api/projection", ``, registrar.RoleClerk, 403, signet.EForbidden},
	} {
		if code, out := call(tc.path, tc.body, tc.role); code != tc.want || errCode(out) != string(tc.code) {
			t.Errorf("%s %s as %s: %d %v, want %d %s", tc.path, tc.body, tc.role, code, out, tc.want, tc.code)
		}
	}
	if ov, err := ts.svc.JurisdictionsOverview(ctx); err != nil || len(ov) != 2 || ov[1].ID != "west" || len(ov[1].Reports) != 1 {
		t.Errorf("the jurisdictions after the API: %+v %v", ov, err)
	}
}

// TestBadInputAtTheRecords throws malformed forms and bodies, and odd ids, at every route
// of records.go as the admin: every answer is a 4xx (or a redirect for a form that
// worked), never a 5xx, and no id is echoed unescaped.
func TestBadInputAtTheRecords(t *testing.T) {
	ts := newTestServerOn(t, copyDemo(t))
	admin := ts.login(registrar.RoleAdmin)
	bodies := []string{"", "%zz", "&&&=", "id=" + strings.Repeat("x", 5000), "id=a%00b&zips=90001", "id=<script>alert(1)</script>&zips=90001",
		"{", `{"id": 5}`, `["x"]`, `{"id": "x"} {"id": "y"}`, `{"unknown": "x"}`, `{"id": "<script>alert(1)</script>", "zips": "x"}`,
		"date=" + strings.Repeat("9", 300) + "&raw=99999999999999999999999", "seed=" + strings.Repeat("7", 10000), "approved=2022-01-01&settings=" + strings.Repeat("a=b,", 2000),
		strings.Repeat("x", 100<<10)}
	ids := []string{"nope", "demo", "demo-county", "..", "%2e%2e", "%00", "%ff%fe", strings.Repeat("a", 3000), "<script>alert(1)<%2fscript>"}
	n := 0
	for _, rt := range ts.srv.routes {
		if rt.perm != registrar.PermRecordsManage && !strings.HasPrefix(rt.pattern, "GET /admin/petitions/{id}") && !strings.HasSuffix(rt.pattern, "/state-status") {
			continue
		}
		method, pattern, _ := strings.Cut(rt.pattern, " ")
		auth := admin
		if strings.HasPrefix(pattern, "/api/") {
			auth = "Authorization: Bearer " + fixture.tokens[registrar.RoleAdmin]
		}
		for _, id := range ids {
			path := strings.ReplaceAll(pattern, "{id}", id)
			for _, body := range bodies {
				for _, ct := range []string{"application/x-www-form-urlencoded", "application/json", "text/csv"} {
					res, b := ts.send(method, "http://signet.test"+path, body, auth, "Content-Type: "+ct)
					n++
					if res.StatusCode >= 500 || (res.StatusCode >= 200 && res.StatusCode < 300 && method == "POST" && body != "" && !strings.HasPrefix(body, "{")) {
						t.Errorf("%s %s with %.40q (%s): %d %.200s", method, path, body, ct, res.StatusCode, b)
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
