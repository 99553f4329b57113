package web

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"testing"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/csvfile"
	"github.com/signet-vote/signet/registrar"

	"github.com/signet-vote/signet/synth"
)

// The campaign's workspace (campaign.go) on the demo database, where a campaign recorded
// its intake and pre-checked a third of its lines (addCampaign).

func init() {
	maps.Copy(routeSamples, map[string]struct {
		method, path string
		form         url.Values
	}{
		"GET /campaign":                               {"GET", "/campaign", nil},
		"GET /petitions/{id}/campaign":                {"GET", "/petitions/demo/campaign", nil},
		"POST /petitions/{id}/campaign/intake":        {"POST", "/petitions/demo/campaign/intake", url.Values{"section": {"W1"}, "circulator": {"Ana"}, "turned_in": {"2022-03-15"}, "lines": {"3"}}},
		"POST /petitions/{id}/campaign/intake/upload": {"POST", "/petitions/demo/campaign/intake/upload", nil},
		"GET /petitions/{id}/campaign/prechecks":      {"GET", "/petitions/demo/campaign/prechecks", nil},
		"GET /petitions/{id}/campaign/circulators":    {"GET", "/petitions/demo/campaign/circulators", nil},
		"GET /petitions/{id}/campaign/forecast":       {"GET", "/petitions/demo/campaign/forecast", nil},
		"GET /api/v1/petitions/{id}/intake":           {"GET", "/api/v1/petitions/demo/intake", nil},
		"POST /api/v1/petitions/{id}/intake":          {"POST", "/api/v1/petitions/demo/intake", nil},
		"GET /api/v1/petitions/{id}/prechecks":        {"GET", "/api/v1/petitions/demo/prechecks", nil},
		"GET /api/v1/petitions/{id}/circulators":      {"GET", "/api/v1/petitions/demo/circulators", nil},
		"GET /api/v1/petitions/{id}/forecast":         {"GET", "/api/v1/petitions/demo/forecast", nil},
	})
}

// campaignDB is the demo database: buildDemo records the campaign's intake and pre-check
// in it (addCampaign).
func campaignDB(t *testing.T) string { return fixture.db }

// addCampaign records, through the engine, the campaign's intake (every section of the
// synthetic petition, turned in on the day its last line was signed) and a pre-check of
// every third line against the county's voter file, as signet intake add and signet
// precheck run do. The files are written to dir.
func addCampaign(ctx context.Context, s *registrar.Service, dir string) error {
	f, err := os.Open(filepath.Join(fixture.dir, synth.FileLines))
	if err != nil {
		return err
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		return err
	}
	c, err := synth.CampaignOf(rows, "2022-07-06")
	if err != nil {
		return err
	}
	var intake, sample strings.Builder
	iw, sw := csv.NewWriter(&intake), csv.NewWriter(&sample)
	iw.WriteAll(c.Intake)
	sw.Write(rows[0])
	sw.WriteAll(c.Sample)
	for name, body := range map[string]string{"intake.csv": intake.String(), "sample.csv": sample.String()} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			return err
		}
	}
	const actor = "campaign"
	err = importCSV(dir, "intake.csv", csvfile.IntakeSchema, actor, func(meta signet.ImportMeta, r *csvfile.Reader) error {
		_, err := s.AddIntake(ctx, "demo", meta, r.Intakes())
		return err
	})
	if err != nil {
		return err
	}
	return importCSV(fixture.dir, synth.FileVoters, csvfile.VoterSchema, actor, func(vmeta signet.ImportMeta, vr *csvfile.Reader) error {
		return importCSV(dir, "sample.csv", csvfile.LineSchema, actor, func(lmeta signet.ImportMeta, lr *csvfile.Reader) error {
			_, err := s.Precheck(ctx, registrar.PrecheckOptions{Petition: "demo", Actor: actor, VotersMeta: vmeta, LinesMeta: lmeta,
				Voters: vr.Voters(), Lines: lr.Lines()})
			return err
		})
	})
}

// dataN reads the data-n of the element with an id.
func dataN(t *testing.T, body, id string) int {
	t.Helper()
	m := regexp.MustCompile(`id="` + id + `"[^>]*data-n="([0-9]+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no data-n of #%s in %.300s", id, body)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// TestCampaignPages: the campaign's pages show what the engine reads, in English and in
// Spanish; the signals are worded as signals for a person, never verdicts.
func TestCampaignPages(t *testing.T) { forEachStore(t, testCampaignPages) }

func testCampaignPages(t *testing.T, d demoStore) {
	ts := d.reader(t)
	ctx := context.Background()
	day := time.Date(2022, 3, 15, 0, 0, 0, 0, time.UTC)
	as := ts.login(registrar.RoleCampaign)

	st, err := ts.svc.Intake(ctx, "demo", day)
	if err != nil || st.Collected == 0 {
		t.Fatalf("intake: %+v %v", st, err)
	}
	res, body := ts.get("/petitions/demo/campaign?as_of=2022-03-15", as)
	if res.StatusCode != 200 || dataN(t, body, "collected") != st.Collected || dataN(t, body, "required") != st.Required ||
		dataN(t, body, "sections") != st.Sections || !strings.Contains(body, `id="intake-form"`) || !strings.Contains(body, `enctype="multipart/form-data"`) {
		t.Errorf("the intake page: %d %.500s", res.StatusCode, body)
	}
	if !strings.Contains(body, "for the campaign only") || strings.Contains(body, "hold no voter's personal data") {
		t.Error("the intake page's footer does not say whose records it shows")
	}

	sum, err := ts.svc.PrecheckSummary(ctx, "demo")
	if err != nil || sum.Checked == 0 || len(sum.ByReason) < 2 {
		t.Fatalf("pre-checks: %+v %v", sum, err)
	}
	res, body = ts.get("/petitions/demo/campaign/prechecks", as)
	if res.StatusCode != 200 || dataN(t, body, "checked") != sum.Checked || dataN(t, body, "valid") != sum.Valid {
		t.Errorf("the pre-checks page: %d %.500s", res.StatusCode, body)
	}
	for _, r := range sum.ByReason {
		if !strings.Contains(body, fmt.Sprintf(`data-code="%s" data-lines="%d"`, r.Code, r.Lines)) {
			t.Errorf("the pre-checks page lacks %s (%d lines)", r.Code, r.Lines)
		}
	}

	rep, err := ts.svc.Circulators(ctx, "demo")
	if err != nil || len(rep.Circulators) == 0 {
		t.Fatalf("circulators: %+v %v", rep, err)
	}
	res, body = ts.get("/petitions/demo/campaign/circulators", as)
	if res.StatusCode != 200 || strings.Count(body, "<tr data-circulator=") != len(rep.Circulators) ||
		strings.Count(body, `class="signal"`) != len(rep.Signals) || !strings.Contains(body, "none is a finding about a circulator") {
		t.Errorf("the circulators page (%d circulators, %d signals): %d %.500s", len(rep.Circulators), len(rep.Signals), res.StatusCode, body)
	}
	for _, word := range []string{"fraud", "Fraud", "guilty", "cheat"} {
		if strings.Contains(body, word) {
			t.Errorf("the circulators page says %q: signals are not verdicts", word)
		}
	}

	f, err := ts.svc.ForecastPetition(ctx, "demo", registrar.PetitionForecastOptions{AsOf: day})
	if err != nil {
		t.Fatal(err)
	}
	res, body = ts.get("/petitions/demo/campaign/forecast?as_of=2022-03-15", as)
	if res.StatusCode != 200 || !strings.Contains(body, fmt.Sprintf(`id="ci95" data-low="%d" data-high="%d"`, f.CI95[0], f.CI95[1])) ||
		!strings.Contains(body, `id="course-chart"`) || !strings.Contains(body, `id="course-valid"`) || !strings.Contains(body, `id="course-required"`) ||
		strings.Count(body, "<tr data-p=") != 3 {
		t.Errorf("the forecast page: %d %.800s", res.StatusCode, body)
	}
	g, err := ts.svc.ForecastPetition(ctx, "demo", registrar.PetitionForecastOptions{AsOf: day, SignatureMismatch: 0.05})
	if err != nil {
		t.Fatal(err)
	}
	if g.CI95 == f.CI95 {
		t.Fatalf("a signature mismatch rate of 5%% leaves the band as it was: the test proves nothing")
	}
	res, body = ts.get("/petitions/demo/campaign/forecast?as_of=2022-03-15&signature_mismatch=0.05", as)
	if res.StatusCode != 200 || !strings.Contains(body, fmt.Sprintf(`id="ci95" data-low="%d" data-high="%d"`, g.CI95[0], g.CI95[1])) {
		t.Errorf("the forecast page with signature_mismatch=0.05: %d %.800s", res.StatusCode, body)
	}
	for _, bad := range []string{"1", "-0.5", "x"} {
		if res, _ := ts.get("/petitions/demo/campaign/forecast?signature_mismatch="+bad, as); res.StatusCode != 400 {
			t.Errorf("signature_mismatch=%s: %d, want 400", bad, res.StatusCode)
		}
	}
	if want := ts.srv.pages.Lookup("forecast"); want == nil {
		t.Fatal("no forecast template")
	}
	// In Spanish: the labels and the numbers as Spanish writes them.
	res, body = ts.get("/petitions/demo/campaign/forecast?as_of=2022-03-15&lang=es", as)
	if res.StatusCode != 200 || !strings.Contains(body, "Probabilidad de calificar") || !strings.Contains(body, newLang("es").N(f.Required)) ||
		!strings.Contains(body, "Pronóstico: petición demo") {
		t.Errorf("the forecast page in Spanish: %d %.500s", res.StatusCode, body)
	}
	for _, path := range []string{"/campaign", "/petitions/demo/campaign", "/petitions/demo/campaign/prechecks", "/petitions/demo/campaign/circulators"} {
		if res, body := ts.get(path+"?lang=es", as); res.StatusCode != 200 || !strings.Contains(body, `lang="es"`) || strings.Contains(body, "%!") {
			t.Errorf("%s in Spanish: %d %.300s", path, res.StatusCode, body)
		}
	}
	if res, _ := ts.get("/me", as); res.StatusCode != 200 {
		t.Errorf("/me as the campaign: %d", res.StatusCode)
	}
	if _, body := ts.get("/me", as); !strings.Contains(body, `href="/campaign"`) {
		t.Error("/me does not lead the campaign to its workspace")
	}
	// Bad queries are the reader's mistake.
	for _, path := range []string{"/petitions/demo/campaign?as_of=tomorrow", "/petitions/demo/campaign/forecast?per_day=-3",
		"/petitions/demo/campaign/forecast?per_day=x", "/petitions/demo/campaign/forecast?as_of=2022-13-40", "/petitions/nope/campaign/forecast"} {
		if res, _ := ts.get(path, as); res.StatusCode != 400 && res.StatusCode != 404 {
			t.Errorf("%s: %d, want 400 or 404", path, res.StatusCode)
		}
	}
	// A petition without intake by that day has nothing to forecast from: 404, saying so.
	if res, body := ts.get("/petitions/demo/campaign/forecast?as_of=2022-01-28", as); res.StatusCode != 404 || !strings.Contains(body, "intake") {
		t.Errorf("a forecast before any intake: %d %.300s", res.StatusCode, body)
	}
	ts.noFailureLogged(t)
}

// TestCourseChart: the chart's geometry is the engine's course, scaled: the requirement's
// line at its height, the collected line up to the day of the forecast, the valid count
// expected from it on with its band, ending at the forecast.
func TestCourseChart(t *testing.T) {
	course := []registrar.CoursePoint{
		{Date: "2022-05-30", Raw: 100},
		{Date: "2022-05-31", Raw: 300, Expected: 200, CI95: [2]int64{180, 220}},
		{Date: "2022-06-01", Raw: 500, Projected: true, Expected: 330, CI95: [2]int64{300, 360}},
		{Date: "2022-06-02", Raw: 700, Projected: true, Expected: 460, CI95: [2]int64{420, 500}},
	}
	c := drawCourse(newLang("en"), course, 600)
	// 700 rounds up to 800: the plot's height (280 − 16 = 264) over 800.
	y := func(v int) int { return c.Bottom - v*(c.Bottom-c.Top)/800 }
	if c.RequiredY != y(600) || c.YTicks[4].Label != "800" || c.YTicks[2].Label != "400" {
		t.Errorf("the requirement at %d (want %d), ticks %+v", c.RequiredY, y(600), c.YTicks)
	}
	x := func(i int) int { return c.Left + i*(c.Right-c.Left)/3 }
	if want := fmt.Sprintf("%d,%d %d,%d", x(0), y(100), x(1), y(300)); c.Collected != want {
		t.Errorf("collected %q, want %q", c.Collected, want)
	}
	if want := fmt.Sprintf("%d,%d %d,%d %d,%d", x(1), y(300), x(2), y(500), x(3), y(700)); c.Expected != want {
		t.Errorf("expected raw %q, want %q", c.Expected, want)
	}
	if want := fmt.Sprintf("%d,%d %d,%d %d,%d", x(1), y(200), x(2), y(330), x(3), y(460)); c.Valid != want {
		t.Errorf("valid %q, want %q", c.Valid, want)
	}
	if !strings.HasPrefix(c.Band, fmt.Sprintf("%d,%d", x(1), y(220))) || !strings.HasSuffix(c.Band, fmt.Sprintf("%d,%d", x(1), y(180))) || c.TodayX != x(1) {
		t.Errorf("band %q, today at %d", c.Band, c.TodayX)
	}
	if len(c.XTicks) != 2 || c.XTicks[1].Label != "Jun 1" || newLang("es").MonthDay(6, 1) != "1 jun" {
		t.Errorf("x ticks %+v", c.XTicks)
	}
	if empty := drawCourse(newLang("en"), nil, 10); empty.Valid != "" || empty.Days != 0 {
		t.Errorf("an empty course: %+v", empty)
	}
}

// columnsField is the upload form's columns field, when given.
func columnsField(columns string) map[string]string {
	if columns == "" {
		return nil
	}
	return map[string]string{"columns": columns}
}

// TestIntakeFormAndUpload: the campaign records a section with the form and a file with
// the upload, all or nothing; every mistake is a 4xx with the CLI's words, and a refused
// upload keeps nothing.
func TestIntakeFormAndUpload(t *testing.T) { forEachStore(t, testIntakeFormAndUpload) }

func testIntakeFormAndUpload(t *testing.T, d demoStore) {
	ts := d.server(t, nil)
	ctx := context.Background()
	as := ts.login(registrar.RoleCampaign)
	sections := func() int {
		st, err := ts.svc.Intake(ctx, "demo", time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		return st.Sections
	}
	base := sections()
	post := func(path, body string, headers ...string) (int, string, string) {
		res, b := ts.send("POST", "http://signet.test"+path, body, append(headers, as)...)
		return res.StatusCode, res.Header.Get("Location"), b
	}
	code, loc, _ := post("/petitions/demo/campaign/intake", url.Values{"section": {"W1"}, "circulator": {"Ana Ruiz"}, "turned_in": {"2022-03-14"}, "lines": {"18"}}.Encode())
	if code != 303 || loc != "/petitions/demo/campaign?added=1&lines=18" || sections() != base+1 {
		t.Fatalf("the form: %d %q, %d sections", code, loc, sections())
	}
	if _, body := ts.get(loc, as); !strings.Contains(body, `id="added" data-sections="1" data-lines="18"`) || !strings.Contains(body, `data-circulator="Ana Ruiz"`) {
		t.Errorf("the intake page after the form: %.500s", body)
	}
	for _, c := range []struct {
		form url.Values
		code int
		want string
	}{
		{url.Values{"section": {"W1"}, "circulator": {"Ana"}, "turned_in": {"2022-03-15"}, "lines": {"2"}}, 409, "turned in before"},
		{url.Values{"circulator": {"Ana"}, "turned_in": {"2022-03-15"}, "lines": {"2"}}, 400, "section_id"},
		{url.Values{"section": {"W2"}, "turned_in": {"2022-03-15"}, "lines": {"2"}}, 400, "circulator"},
		{url.Values{"section": {"W2"}, "circulator": {"Ana"}, "turned_in": {"2022-13-01"}, "lines": {"2"}}, 400, "not a date"},
		{url.Values{"section": {"W2"}, "circulator": {"Ana"}, "turned_in": {"2022-01-02"}, "lines": {"2"}}, 400, "before the petition"},
		{url.Values{"section": {"W2"}, "circulator": {"Ana"}, "turned_in": {"2022-08-02"}, "lines": {"2"}}, 400, "after today"},
		{url.Values{"section": {"W2"}, "circulator": {"Ana"}, "turned_in": {"2022-03-15"}, "lines": {"0"}}, 400, "count of lines"},
		{url.Values{"section": {"W2"}, "circulator": {"Ana"}, "turned_in": {"2022-03-15"}, "lines": {"1e9"}}, 400, "count of lines"},
		{url.Values{"section": {"W2\x01"}, "circulator": {"Ana"}, "turned_in": {"2022-03-15"}, "lines": {"2"}}, 400, "section"},
		{url.Values{"section": {strings.Repeat("W", 65)}, "circulator": {"Ana"}, "turned_in": {"2022-03-15"}, "lines": {"2"}}, 400, "section"},
		{url.Values{"section": {"W2"}, "circulator": {strings.Repeat("A", 40000)}, "turned_in": {"2022-03-15"}, "lines": {"2"}}, 400, "too large"},
	} {
		code, _, body := post("/petitions/demo/campaign/intake", c.form.Encode())
		if code != c.code || !strings.Contains(body, c.want) {
			t.Errorf("%v: %d, want %d with %q: %.400s", c.form, code, c.code, c.want, body)
		}
	}
	if code, _, _ := post("/petitions/demo/campaign/intake", "%zz"); code != 400 {
		t.Errorf("a malformed form: %d", code)
	}

	good := "section_id,circulator,turned_in,lines\nU1,Bo Li,2022-03-20,10\nU2,Bo Li,2022-03-21,12\n"
	for _, c := range []struct {
		name, content, columns string
		code                   int
		want                   string
	}{
		{"bad-date.csv", "section_id,circulator,turned_in,lines\nU1,Bo,2022-03-20,10\nU2,Bo,2022-13-01,10\n", "", 400, "bad-date.csv: line 3, column 3 (turned_in)"},
		{"zero.csv", "section_id,circulator,turned_in,lines\nU1,Bo,2022-03-20,0\n", "", 400, "zero.csv: line 2, column 4 (lines)"},
		{"twice.csv", "section_id,circulator,turned_in,lines\nU1,Bo,2022-03-20,1\nU1,Bo,2022-03-20,1\n", "", 400, "appears more than once"},
		{"again.csv", "section_id,circulator,turned_in,lines\nU9,Bo,2022-03-20,1\nW1,Bo,2022-03-20,1\n", "", 409, "turned in before"},
		{"empty.csv", "section_id,circulator,turned_in,lines\n", "", 400, "no sections"},
		{"nothing.csv", "", "", 400, "empty"},
		{"headers.csv", "id,who,day,n\nU1,Bo,2022-03-20,1\n", "", 400, "headers.csv"},
		{"../../etc/passwd", "section_id,circulator,turned_in,lines\nU1,Bo,2022-03-20,x\n", "", 400, "passwd: line 2"},
		{"map.csv", "id,who,day,n\nU1,Bo,2022-03-20,1\n", "nonsense", 400, "column"},
	} {
		body, ct := multipartBody(t, columnsField(c.columns), c.name, c.content)
		code, _, b := post("/petitions/demo/campaign/intake/upload", body, ct)
		if code != c.code || !strings.Contains(b, c.want) || strings.Contains(b, "/etc/") {
			t.Errorf("upload %s: %d, want %d with %q: %.400s", c.name, code, c.code, c.want, b)
		}
	}
	if sections() != base+1 {
		t.Fatalf("refused uploads left sections: %d", sections())
	}
	// Too large: refused whole while it streams in, nothing kept.
	big := "section_id,circulator,turned_in,lines\n" + strings.Repeat("U1,Bo,2022-03-20,1\n", maxIntakeUpload/18+10)
	body, ct := multipartBody(t, nil, "big.csv", big)
	if code, _, b := post("/petitions/demo/campaign/intake/upload", body, ct); code != 413 || !strings.Contains(b, "larger than") || sections() != base+1 {
		t.Errorf("an oversized upload: %d %.300s, %d sections", code, b, sections())
	}
	for _, c := range []struct{ body, ct string }{{"file=x", "Content-Type: application/x-www-form-urlencoded"}, {"--x\r\n", "Content-Type: multipart/form-data; boundary=x"},
		{"", "Content-Type: multipart/form-data"}} {
		if code, _, b := post("/petitions/demo/campaign/intake/upload", c.body, c.ct); code != 400 {
			t.Errorf("upload %q %s: %d %.200s", c.body, c.ct, code, b)
		}
	}
	body, ct = multipartBody(t, nil, "", "")
	body = strings.Replace(body, `name="file"; filename=""`, `name="other"`, 1)
	if code, _, b := post("/petitions/demo/campaign/intake/upload", body, ct); code != 400 || !strings.Contains(b, "choose a file to upload") {
		t.Errorf("an upload without its file: %d %.200s", code, b)
	}

	// A good file, with other headers mapped: recorded whole; the same file again is 409.
	mapped := strings.Replace(good, "section_id,circulator,turned_in,lines", "sec,who,day,n", 1)
	body, ct = multipartBody(t, columnsField("section_id=sec,circulator=who,turned_in=day,lines=n"), `C:\intake\turned-in.csv`, mapped)
	code, loc, b := post("/petitions/demo/campaign/intake/upload", body, ct)
	if code != 303 || loc != "/petitions/demo/campaign?added=2&lines=22" || sections() != base+3 {
		t.Fatalf("a good upload: %d %q %.300s, %d sections", code, loc, b, sections())
	}
	if code, _, b := post("/petitions/demo/campaign/intake/upload", body, ct); code != 409 || sections() != base+3 {
		t.Errorf("the same file again: %d %.300s", code, b)
	}
	// The audit log names the file by its base name and the campaign's user; no signer.
	evs, err := ts.svc.Store.Events(ctx, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	var events []signet.Event
	for _, e := range evs {
		if e.Kind == "intake.add" {
			events = append(events, e)
		}
	}
	if len(events) < 2 || events[len(events)-1].Actor != "campaign" || !strings.Contains(string(events[len(events)-1].Payload), "turned-in.csv") || strings.Contains(string(events[len(events)-1].Payload), "intake\\\\") {
		t.Errorf("intake events: %+v", events)
	}
}

// TestCampaignAPI: the same reads and the intake write as JSON, with the CLI's keys.
func TestCampaignAPI(t *testing.T) { forEachStore(t, testCampaignAPI) }

func testCampaignAPI(t *testing.T, d demoStore) {
	ts := d.server(t, nil)
	auth := ts.bearer(registrar.RoleCampaign)
	getJSON := func(path string) (int, map[string]any) {
		t.Helper()
		res, body := ts.get(path, auth)
		var m map[string]any
		if err := json.Unmarshal([]byte(body), &m); err != nil {
			t.Fatalf("%s: %d %v %.300s", path, res.StatusCode, err, body)
		}
		return res.StatusCode, m
	}
	code, st := getJSON("/api/v1/petitions/demo/intake?as_of=2022-03-15")
	for _, k := range []string{"petition", "required", "deadline", "as_of", "days_left", "sections", "collected", "percent_of_required", "short", "per_day_so_far", "per_day_needed", "days", "circulators"} {
		if _, ok := st[k]; !ok || code != 200 {
			t.Errorf("intake: %d, no key %q", code, k)
		}
	}
	code, sum := getJSON("/api/v1/petitions/demo/prechecks")
	if code != 200 || sum["checked"] == float64(0) || sum["by_reason"] == nil || sum["duplicate_pairs"] == nil {
		t.Errorf("prechecks: %d %v", code, sum)
	}
	code, rep := getJSON("/api/v1/petitions/demo/circulators")
	if code != 200 || rep["note"] == "" || rep["signals"] == nil || rep["window_from"] != "2022-01-27" {
		t.Errorf("circulators: %d %v", code, rep)
	}
	code, f := getJSON("/api/v1/petitions/demo/forecast?as_of=2022-03-15&per_day=20")
	course, _ := f["course"].([]any)
	if code != 200 || f["per_day_from"] != "given" || f["expected_valid"] == nil || f["raw_needed_p95"] == nil || f["daily_rate_needed_p95"] == nil || len(course) < 30 {
		t.Errorf("forecast: %d %v", code, f)
	} else if last := course[len(course)-1].(map[string]any); last["date"] != f["deadline"] || last["expected_valid"] != f["expected_valid"].(float64) && int64(last["expected_valid"].(float64)+0.5) != int64(f["expected_valid"].(float64)) {
		t.Errorf("the course ends %v, the forecast %v", last, f["expected_valid"])
	}
	for path, want := range map[string]int{"/api/v1/petitions/demo/forecast?per_day=-1": 400, "/api/v1/petitions/demo/forecast?as_of=x": 400,
		"/api/v1/petitions/demo/intake?as_of=2022-02-30": 400, "/api/v1/petitions/nope/forecast": 404, "/api/v1/petitions/nope/intake": 404,
		"/api/v1/petitions/nope/prechecks": 404, "/api/v1/petitions/nope/circulators": 404} {
		if code, m := getJSON(path); code != want || m["error"] == nil {
			t.Errorf("%s: %d %v, want %d", path, code, m, want)
		}
	}

	send := func(body string, headers ...string) (int, map[string]any) {
		t.Helper()
		res, b := ts.send("POST", "http://signet.test/api/v1/petitions/demo/intake"+"?name=api.csv", body, append(headers, auth)...)
		var m map[string]any
		json.Unmarshal([]byte(b), &m)
		return res.StatusCode, m
	}
	before := st["sections"]
	_, st = getJSON("/api/v1/petitions/demo/intake")
	before = st["sections"]
	code, m := send(`{"section": "API1", "circulator": "Ana", "turned_in": "2022-06-01", "lines": "7"}`, "Content-Type: application/json")
	if code != 201 || m["sections"] != float64(1) || m["lines"] != float64(7) {
		t.Errorf("one section: %d %v", code, m)
	}
	code, m = send("section_id,circulator,turned_in,lines\nAPI2,Bo,2022-06-02,3\nAPI3,Bo,2022-06-02,4\n", "Content-Type: text/csv; charset=utf-8")
	if code != 201 || m["sections"] != float64(2) || m["lines"] != float64(7) {
		t.Errorf("a CSV body: %d %v", code, m)
	}
	for _, c := range []struct {
		body, ct string
		code     int
		want     string
	}{
		{"section_id,circulator,turned_in,lines\nAPI4,Bo,2022-06-02,3\nAPI5,Bo,yesterday,4\n", "text/csv", 400, "api.csv: line 3, column 3 (turned_in)"},
		{"section_id,circulator,turned_in,lines\nAPI1,Bo,2022-06-02,3\n", "text/csv", 409, "turned in before"},
		{`{"section": "API6", "circulator": "Ana", "turned_in": "2022-06-01", "lines": "7", "voter": "x"}`, "application/json", 400, "unknown field"},
		{`{"section": "API6", "lines": 7}`, "application/json", 400, "JSON object of strings"},
		{`{"section": "API6", "circulator": "Ana", "turned_in": "2022-06-01"}`, "application/json", 400, "count of lines"},
		{"section_id,circulator,turned_in,lines\n" + strings.Repeat("X,Bo,2022-06-02,1\n", maxIntakeUpload/17+10), "text/csv", 413, "larger than"},
		{"", "application/json", 400, "JSON"},
	} {
		code, m := send(c.body, "Content-Type: "+c.ct)
		e, _ := m["error"].(map[string]any)
		if code != c.code || e == nil || !strings.Contains(fmt.Sprint(e["message"]), c.want) {
			t.Errorf("%.60q: %d %v, want %d with %q", c.body, code, m, c.code, c.want)
		}
	}
	if _, st = getJSON("/api/v1/petitions/demo/intake"); st["sections"] != before.(float64)+3 {
		t.Errorf("sections %v, want %v + 3: a refused write kept something", st["sections"], before)
	}
}
