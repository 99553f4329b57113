package web

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/law"
	"github.com/signet-vote/signet/registrar"
)

// stateVotes are six counties' last votes for the office, as county=N lines and commas
// (1% of each, rounded up, is its county requirement), as the CLI's TestStateRecallRunningTotal.
const stateVotes = "Alameda=600000\nFresno=250000, Kern=200000\r\nLos Angeles=3000000\nOrange=1200000\nSan Diego=1300000\n"

// TestStateRecallFromTheWeb: the admin creates a state-officer recall on the petition form
// with the last vote and the counties' (the requirement is 12% of the last vote), adds the
// counties' reports on its admin page, and the page shows the statewide status as signet
// state status says it: the running total, the counties met and, once the threshold is met,
// the withdrawal window. Missing or malformed votes, bad reports and a clerk are refused
// with the engine's message as a 4xx, nothing stored.
func TestStateRecallFromTheWeb(t *testing.T) {
	ctx := context.Background()
	ts := newTestServerOn(t, copyDemo(t))
	admin, clerk := ts.login(registrar.RoleAdmin), ts.login(registrar.RoleClerk)
	post := func(path string, form url.Values, headers ...string) (int, string, string) {
		t.Helper()
		res, body := ts.post(path, form, headers...)
		return res.StatusCode, res.Header.Get("Location"), between(body, "<main", "</main>")
	}
	if res, body := ts.get("/admin/petitions", admin); res.StatusCode != 200 || !strings.Contains(body, `name="last_vote"`) || !strings.Contains(body, `name="county_votes"`) {
		t.Fatalf("the petition form has no last votes: %d %.500s", res.StatusCode, between(body, `id="petition-form"`, "</form>"))
	}
	// The form sends the report it shows; a state recall's votes replace it.
	petition := url.Values{"id": {"gov"}, "kind": {"state-recall"}, "jurisdiction": {"demo-county"}, "rules": {"ca-state-recall"},
		"report": {"demo-county-roll"}, "approved": {"2020-06-10"}, "last_vote": {"12464235"}, "county_votes": {stateVotes}}
	with := func(kv ...string) url.Values {
		f := url.Values{}
		for k, vs := range petition {
			f[k] = vs
		}
		for i := 0; i < len(kv); i += 2 {
			f.Set(kv[i], kv[i+1])
		}
		return f
	}
	for _, tc := range []struct {
		name    string
		form    url.Values
		headers []string
		want    int
		says    string
	}{
		{"no last vote", with("last_vote", ""), nil, 400, "computes the requirement from the last vote for the office"},
		{"no last vote, in Spanish", with("last_vote", ""), []string{"Accept-Language: es"}, 400, "calcula el requisito a partir de la última votación para el cargo"},
		{"a last vote not a number", with("last_vote", "many"), nil, 400, "last_vote: &#34;many&#34; is not a whole number"},
		{"a negative last vote", with("last_vote", "-4"), nil, 400, "the last vote is -4"},
		{"no county votes", with("county_votes", " \n"), nil, 400, "the county condition needs each county&#39;s last vote"},
		{"a county vote without its number", with("county_votes", "Alameda=600000\nFresno"), nil, 400, "county_votes: entry 2 (&#34;Fresno&#34;): want county=N"},
		{"a county vote without its number, in Spanish", with("county_votes", "Alameda=600000\nFresno"), []string{"Accept-Language: es"}, 400, "county_votes: entrada 2 (&#34;Fresno&#34;): debe ser condado=N"},
		{"a county's vote not a count", with("county_votes", "Alameda=-5"), nil, 400, "county_votes: entry 1 (Alameda): &#34;-5&#34; is not a count"},
		{"a county twice", with("county_votes", "Alameda=1,Kern=2,Alameda=3"), nil, 400, "county Alameda is given more than once (first in entry 1)"},
		{"the last vote on a local recall", with("kind", "local-recall", "rules", "ca-local-recall"), nil, 400, "the last vote is the base of a state-officer recall only"},
		{"county votes on a local recall", with("kind", "local-recall", "rules", "ca-local-recall", "last_vote", "", "id", "local9"), nil, 400, "are for a state-officer recall"},
		{"a clerk", petition, []string{clerk}, 403, "refused"},
	} {
		headers := tc.headers
		if !strings.HasPrefix(strings.Join(headers, ""), "Cookie:") {
			headers = append(headers, admin)
		}
		if code, _, body := post("/admin/petitions", tc.form, headers...); code != tc.want || !strings.Contains(body, tc.says) {
			t.Errorf("%s: %d, want %d saying %q: %.400s", tc.name, code, tc.want, tc.says, body)
		}
	}
	for _, id := range []string{"gov", "local9"} {
		if _, err := ts.svc.Petition(ctx, id); signet.Code(err) != signet.ENotFound {
			t.Errorf("a refused petition %s is stored: %v", id, err)
		}
	}

	code, loc, body := post("/admin/petitions", petition, admin)
	if code != 303 || loc != "/admin/petitions/gov?done=created" {
		t.Fatalf("creating gov: %d %q %.300s", code, loc, body)
	}
	// Cal. Const. art. II §14(b): 12% × 12,464,235 = 1,495,708.2 → 1,495,709.
	p, err := ts.svc.Petition(ctx, "gov")
	if err != nil || p.Required != 1495709 || p.Registered != 12464235 || p.ReportID != "" {
		t.Fatalf("gov as stored: %+v %v", p, err)
	}
	if votes, err := ts.svc.Store.CountyVotes(ctx, "gov"); err != nil || len(votes) != 6 || votes["Los Angeles"] != 3000000 {
		t.Fatalf("gov's county votes: %v %v", votes, err)
	}
	res, page := ts.get("/admin/petitions/gov", admin)
	if res.StatusCode != 200 || !strings.Contains(page, `id="state-report-form"`) || !strings.Contains(page, "Last vote for the office") ||
		!strings.Contains(page, "0 valid of 1,495,709 required (0 raw); 0 of 5 counties at 1% of their last vote.") || !strings.Contains(page, "Threshold not met yet.") {
		t.Fatalf("gov's page before the reports: %d %.2000s", res.StatusCode, between(page, "<main", "</main>"))
	}
	if _, page := ts.get("/admin/petitions/demo", admin); strings.Contains(page, `id="state"`) {
		t.Errorf("a local recall's page shows a statewide status")
	}

	report := func(county, end, raw, valid string) {
		t.Helper()
		code, loc, body := post("/admin/petitions/gov/state-reports", url.Values{"county": {county}, "period_end": {end}, "raw": {raw}, "valid": {valid}}, admin)
		if code != 303 || loc != "/admin/petitions/gov?done=reported" {
			t.Fatalf("%s's report of %s: %d %q %.300s", county, end, code, loc, body)
		}
	}
	report("Alameda", "2021-02-05", "40000", "30000")
	report("Fresno", "2021-02-05", "10000", "2000") // 1% of 250,000 = 2,500: not met
	report("Los Angeles", "2021-02-05", "500000", "400000")
	report("Fresno", "2021-03-17", "20000", "16000") // totals to date: replaces the first
	report("Kern", "2021-03-17", "10000", "8000")
	report("Orange", "2021-03-17", "400000", "320000")
	report("San Diego", "2021-03-17", "900000", "700000")
	if _, page := ts.get("/admin/petitions/gov", admin); !strings.Contains(page, "1,474,000 valid of 1,495,709 required (1,870,000 raw); 6 of 5 counties") || !strings.Contains(page, "Threshold not met yet.") {
		t.Errorf("gov's page below the requirement: %.2000s", between(page, `id="state"`, "</table>"))
	}
	for _, tc := range []struct {
		name, path string
		form       url.Values
		headers    []string
		want       int
		says       string
	}{
		{"a county with no last vote", "/admin/petitions/gov/state-reports", url.Values{"county": {"Marin"}, "period_end": {"2021-04-01"}, "raw": {"5"}, "valid": {"4"}}, nil, 404, "has no county &#34;Marin&#34;"},
		{"an older report", "/admin/petitions/gov/state-reports", url.Values{"county": {"Kern"}, "period_end": {"2021-03-01"}, "raw": {"1"}, "valid": {"1"}}, nil, 409, "a new report must end later"},
		{"an older report, in Spanish", "/admin/petitions/gov/state-reports", url.Values{"county": {"Kern"}, "period_end": {"2021-03-01"}, "raw": {"1"}, "valid": {"1"}}, []string{"Accept-Language: es"}, 409, "un informe nuevo debe terminar después"},
		{"more valid than lines", "/admin/petitions/gov/state-reports", url.Values{"county": {"Kern"}, "period_end": {"2021-04-01"}, "raw": {"1"}, "valid": {"2"}}, nil, 400, "cannot find more valid signatures than the lines"},
		{"no valid count", "/admin/petitions/gov/state-reports", url.Values{"county": {"Kern"}, "period_end": {"2021-04-01"}, "raw": {"1"}}, nil, 400, "needs its raw and valid counts"},
		{"no valid count, in Spanish", "/admin/petitions/gov/state-reports", url.Values{"county": {"Kern"}, "period_end": {"2021-04-01"}, "raw": {"1"}}, []string{"Accept-Language: es"}, 400, "necesita sus recuentos bruto y de válidas"},
		{"a raw count not a number", "/admin/petitions/gov/state-reports", url.Values{"county": {"Kern"}, "period_end": {"2021-04-01"}, "raw": {"lots"}, "valid": {"1"}}, nil, 400, "not a whole number"},
		{"a bad period end", "/admin/petitions/gov/state-reports", url.Values{"county": {"Kern"}, "period_end": {"2021-02-30"}, "raw": {"1"}, "valid": {"1"}}, nil, 400, "is not a date"},
		{"a local recall", "/admin/petitions/demo/state-reports", url.Values{"county": {"Kern"}, "period_end": {"2021-04-01"}, "raw": {"1"}, "valid": {"1"}}, nil, 409, "is not a state-officer recall"},
		{"no petition", "/admin/petitions/nope/state-reports", url.Values{"county": {"Kern"}, "period_end": {"2021-04-01"}, "raw": {"1"}, "valid": {"1"}}, nil, 404, "nope"},
		{"a clerk", "/admin/petitions/gov/state-reports", url.Values{"county": {"Kern"}, "period_end": {"2021-04-01"}, "raw": {"1"}, "valid": {"1"}}, []string{clerk}, 403, "refused"},
	} {
		headers := tc.headers
		if !strings.HasPrefix(strings.Join(headers, ""), "Cookie:") {
			headers = append(headers, admin)
		}
		if code, _, body := post(tc.path, tc.form, headers...); code != tc.want || !strings.Contains(body, tc.says) {
			t.Errorf("%s: %d, want %d saying %q: %.400s", tc.name, code, tc.want, tc.says, body)
		}
	}
	// 1,474,000 − 400,000 + 450,000 = 1,524,000 ≥ 1,495,709 with six counties met: the
	// threshold is met on 2021-04-26 and signers may withdraw for 30 working days
	// (Elections Code §11108(b)): to 2021-06-08.
	report("Los Angeles", "2021-04-26", "560000", "450000")
	st, err := ts.svc.StateStatus(ctx, "gov")
	if err != nil || !st.ThresholdMet || st.Valid != 1524000 {
		t.Fatalf("gov's status: %+v %v", st, err)
	}
	_, page = ts.get("/admin/petitions/gov", admin)
	if !strings.Contains(page, "1,524,000 valid of 1,495,709 required") || !strings.Contains(page, "Threshold met on April 26, 2021; signers may withdraw until June 8, 2021.") ||
		!strings.Contains(page, "<th scope=\"row\">Los Angeles</th><td>3,000,000</td><td>30,000</td><td>560,000</td><td>450,000</td><td>April 26, 2021</td><td>yes</td>") {
		t.Errorf("gov's page with the threshold met: %.3000s", between(page, `id="state"`, "</section>"))
	}
	if _, page := ts.get("/admin/petitions/gov", admin, "Accept-Language: es"); !strings.Contains(page, "Umbral alcanzado el 26 de abril de 2021; los firmantes pueden retirar su firma hasta el 8 de junio de 2021.") {
		t.Errorf("gov's page in Spanish: %.3000s", between(page, `id="state"`, "</section>"))
	}
	// The page is the admin's (records.read).
	if res, _ := ts.get("/admin/petitions/gov", ts.login(registrar.RoleSupervisor)); res.StatusCode != 403 {
		t.Errorf("gov's page for a supervisor: %d", res.StatusCode)
	}
	ts.noFailureLogged(t)
}

// TestStateRecallAPI: the same through /api/v1: the petition with last_vote and
// county_votes (comma-separated), a county's report answering the statewide status, the
// status read; refusals as the engine's codes.
func TestStateRecallAPI(t *testing.T) {
	ts := newTestServerOn(t, copyDemo(t))
	call := func(method, path, body string, role signet.Role) (int, string) {
		t.Helper()
		res, b := ts.send(method, "http://signet.test"+path, body, "Content-Type: application/json", ts.bearer(role))
		return res.StatusCode, b
	}
	errCode := func(b string) string {
		var out struct{ Error struct{ Code string } }
		json.Unmarshal([]byte(b), &out)
		return out.Error.Code
	}
	body := func(lastVote, countyVotes string) string {
		return `{"id": "gov", "kind": "state-recall", "jurisdiction": "demo-county", "rules": "ca-state-recall", "approved": "2020-06-10", "last_vote": "` + lastVote + `", "county_votes": "` + countyVotes + `"}`
	}
	votes := "Alameda=600000, Fresno=250000, Kern=200000, Los Angeles=3000000, Orange=1200000, San Diego=1300000"
	for _, tc := range []struct {
		method, path, body string
		role               signet.Role
		want               int
		code               signet.ErrorCode
	}{
		{"POST", "/api/v1/petitions", body("", votes), registrar.RoleAdmin, 400, signet.EInvalid},
		{"POST", "/api/v1/petitions", body("12464235", "Alameda:600000"), registrar.RoleAdmin, 400, signet.EInvalid},
		{"POST", "/api/v1/petitions", body("12464235", ""), registrar.RoleAdmin, 400, signet.EInvalid},
		{"POST", "/api/v1/petitions", body("12464235", votes), registrar.RoleClerk, 403, signet.EForbidden},
		{"GET", "/api/v1/petitions/demo/state-status", "", registrar.RoleAdmin, 409, signet.EConflict},
		{"GET", "/api/v1/petitions/nope/state-status", "", registrar.RoleAdmin, 404, signet.ENotFound},
	} {
		if code, b := call(tc.method, tc.path, tc.body, tc.role); code != tc.want || errCode(b) != string(tc.code) {
			t.Errorf("%s %s %s as %s: %d %.300s, want %d %s", tc.method, tc.path, tc.body, tc.role, code, b, tc.want, tc.code)
		}
	}
	code, b := call("POST", "/api/v1/petitions", body("12464235", votes), registrar.RoleAdmin)
	var p map[string]any
	if json.Unmarshal([]byte(b), &p); code != 201 || p["required"] != 1495709.0 || p["registered"] != 12464235.0 {
		t.Fatalf("the state recall: %d %.300s", code, b)
	}
	code, b = call("POST", "/api/v1/petitions/gov/state-reports", `{"county": "Alameda", "period_end": "2021-02-05", "raw": "40000", "valid": "30000"}`, registrar.RoleAdmin)
	var st law.StateStatus
	if json.Unmarshal([]byte(b), &st); code != 201 || st.Valid != 30000 || st.Raw != 40000 || st.CountiesMet != 1 || len(st.Counties) != 6 {
		t.Fatalf("a county's report: %d %.500s", code, b)
	}
	for _, tc := range []struct {
		body string
		role signet.Role
		want int
		code signet.ErrorCode
	}{
		{`{"county": "Alameda", "period_end": "2021-02-05", "raw": "40000", "valid": "30000"}`, registrar.RoleAdmin, 409, signet.EConflict},
		{`{"county": "Marin", "period_end": "2021-02-05", "raw": "4", "valid": "3"}`, registrar.RoleAdmin, 404, signet.ENotFound},
		{`{"county": "Kern", "period_end": "2021-02-05", "raw": "4"}`, registrar.RoleAdmin, 400, signet.EInvalid},
		{`{"county": "Kern", "period_end": "2021-02-05", "raw": 4, "valid": 3}`, registrar.RoleAdmin, 400, signet.EInvalid},
		{`{"county": "Kern", "end": "2021-02-05"}`, registrar.RoleAdmin, 400, signet.EInvalid},
		{`{"county": "Kern", "period_end": "2021-02-05", "raw": "4", "valid": "3"}`, registrar.RoleSupervisor, 403, signet.EForbidden},
	} {
		if code, b := call("POST", "/api/v1/petitions/gov/state-reports", tc.body, tc.role); code != tc.want || errCode(b) != string(tc.code) {
			t.Errorf("a report %s as %s: %d %.300s, want %d %s", tc.body, tc.role, code, b, tc.want, tc.code)
		}
	}
	code, b = call("GET", "/api/v1/petitions/gov/state-status", "", registrar.RoleAdmin)
	var got map[string]any
	if json.Unmarshal([]byte(b), &got); code != 200 || got["valid"] != 30000.0 || got["required"] != 1495709.0 || got["threshold_met"] != false || got["counties_needed"] != 5.0 {
		t.Errorf("the status: %d %.500s", code, b)
	}
	ts.noFailureLogged(t)
}
