package web

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/registrar"
)

// post sends a form to a page as a signed-in user ("Cookie: …" header).
func (ts *testServer) post(path string, form url.Values, headers ...string) (*http.Response, string) {
	ts.t.Helper()
	return ts.send(http.MethodPost, "http://signet.test"+path, form.Encode(), headers...)
}

// postJSON sends a JSON body to the API with a role's token.
func (ts *testServer) postJSON(path string, role signet.Role, body string) (*http.Response, string) {
	ts.t.Helper()
	return ts.send(http.MethodPost, "http://signet.test"+path, body, "Content-Type: application/json", ts.bearer(role))
}

// claimed follows a claim's redirect to the line it leased.
func claimedLine(t *testing.T, res *http.Response) string {
	t.Helper()
	loc := res.Header.Get("Location")
	m := regexp.MustCompile(`^/petitions/demo/desk/([^/?]+)`).FindStringSubmatch(loc)
	if res.StatusCode != http.StatusSeeOther || m == nil {
		t.Fatalf("a claim answered %d to %q, want a line of the desk", res.StatusCode, loc)
	}
	return m[1]
}

// deskEvents counts the petition's audit events of a kind by an actor.
func deskEvents(t *testing.T, ts *testServer, kind, actor string) int {
	t.Helper()
	evs, err := ts.svc.Store.Events(context.Background(), "petition:demo", 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range evs {
		if e.Kind == kind && e.Actor == actor {
			n++
		}
	}
	return n
}

// TestClerksDesk: a clerk claims a line and sees it beside its candidates' voter records;
// a second clerk is given another line and may neither see nor decide the first; a
// decision is recorded with its audit events, hands the clerk the next line, and the next
// verification applies it; bad forms are refused with 400, never 500.
func TestClerksDesk(t *testing.T) { forEachStore(t, testClerksDesk) }

func testClerksDesk(t *testing.T, d demoStore) {
	ctx := context.Background()
	ts := d.server(t, nil)
	if _, err := ts.svc.AddUser(ctx, "clerk2", registrar.RoleClerk, testPassword, "web test"); err != nil {
		t.Fatal(err)
	}
	clerk := ts.login(registrar.RoleClerk)
	clerk2 := ts.login("clerk2")

	res, body := ts.get("/petitions/demo/desk", clerk)
	if res.StatusCode != 200 || !strings.Contains(body, `data-left="3"`) || !strings.Contains(body, `id="claim"`) {
		t.Fatalf("the desk: %d %.1000s", res.StatusCode, body)
	}
	line := claimedLine(t, first(ts.post("/petitions/demo/desk/claim", nil, clerk)))
	line2 := claimedLine(t, first(ts.post("/petitions/demo/desk/claim", nil, clerk2)))
	if line == line2 {
		t.Fatalf("two clerks were given the same line %s", line)
	}
	// Claiming again gives the clerk the line they hold.
	if again := claimedLine(t, first(ts.post("/petitions/demo/desk/claim", nil, clerk))); again != line {
		t.Errorf("claiming again: %s, want %s", again, line)
	}

	item, err := ts.svc.HeldReview(ctx, "demo", "clerk", line, 0)
	if err != nil {
		t.Fatal(err)
	}
	cands, err := ts.svc.CandidateVoters(ctx, item.Verdict)
	if err != nil || len(cands) == 0 || cands[0].Voter == nil {
		t.Fatalf("line %s's candidates: %v %+v", line, err, cands)
	}
	res, body = ts.get("/petitions/demo/desk/"+line, clerk)
	if res.StatusCode != 200 {
		t.Fatalf("the line page: %d %.500s", res.StatusCode, body)
	}
	for _, want := range []string{escaped(item.Line.PrintedName), cands[0].VoterID, escaped(cands[0].Voter.LastName), signet.FormatDate(cands[0].Voter.BirthDate),
		escaped("This page shows voter records"), `data-key="v"`, `data-key="1"`, `data-key="m"`, `data-key="r"`, `id="reason"`, `value="other:illegible"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the line page lacks %q", want)
		}
	}
	// The other clerk may not see it, nor decide it, nor give it back.
	if res, body := ts.get("/petitions/demo/desk/"+line, clerk2); res.StatusCode != 409 {
		t.Errorf("another clerk's line: %d %.300s", res.StatusCode, body)
	}
	valid := url.Values{"decision": {"valid"}, "voter": {cands[0].VoterID}}
	if res, _ := ts.post("/petitions/demo/desk/"+line+"/decide", valid, clerk2); res.StatusCode != 409 {
		t.Errorf("deciding another clerk's line: %d", res.StatusCode)
	}
	if res, _ := ts.post("/petitions/demo/desk/"+line+"/release", nil, clerk2); res.StatusCode != 404 {
		t.Errorf("releasing another clerk's line: %d", res.StatusCode)
	}

	// Bad forms: 400 with the reason, nothing recorded.
	for name, f := range map[string]url.Values{
		"no decision":            {"voter": {cands[0].VoterID}},
		"a decision of neither":  {"decision": {"maybe"}},
		"no reason":              {"decision": {"invalid"}},
		"a reason that is none":  {"decision": {"invalid"}, "reason": {"bogus"}},
		"other without sub":      {"decision": {"invalid"}, "reason": {"other"}},
		"valid with no voter":    {"decision": {"valid"}},
		"a voter not among them": {"decision": {"valid"}, "voter": {"V-nobody"}},
		"a bad signature":        {"decision": {"valid"}, "voter": {cands[0].VoterID}, "signature": {"perhaps"}},
		"valid but mismatch":     {"decision": {"valid"}, "voter": {cands[0].VoterID}, "signature": {"mismatch"}},
		"a comment too long":     {"decision": {"invalid"}, "reason": {"not_registered"}, "comment": {strings.Repeat("x", 1001)}},
		"a control character":    {"decision": {"invalid"}, "reason": {"not_registered"}, "comment": {"a\x00b"}},
	} {
		if res, body := ts.post("/petitions/demo/desk/"+line+"/decide", f, clerk); res.StatusCode != 400 {
			t.Errorf("%s: %d %.300s", name, res.StatusCode, body)
		}
	}
	for name, body := range map[string]string{"a broken encoding": "decision=%zz", "a form too large": "comment=" + strings.Repeat("x", maxDeskForm+1)} {
		if res, b := ts.send("POST", "http://signet.test/petitions/demo/desk/"+line+"/decide", body, clerk); res.StatusCode != 400 {
			t.Errorf("%s: %d %.300s", name, res.StatusCode, b)
		}
	}
	if n := deskEvents(t, ts, signet.EventReviewDecision, "clerk"); n != 0 {
		t.Fatalf("refused forms recorded %d decisions", n)
	}

	// The decision: invalid, not registered, the signature compared; the clerk is handed
	// the queue's next free line.
	res, _ = ts.post("/petitions/demo/desk/"+line+"/decide", url.Values{"decision": {"invalid"}, "reason": {"not_registered"}, "signature": {"match"},
		"voter": {""}, "comment": {"no such voter at that address"}}, clerk)
	next := claimedLine(t, res)
	if next == line || next == line2 || !strings.Contains(res.Header.Get("Location"), "last="+url.QueryEscape(line)) {
		t.Errorf("after deciding %s: %q", line, res.Header.Get("Location"))
	}
	for kind, want := range map[string]int{signet.EventReviewDecision: 1, signet.EventOverride: 1, signet.EventReview: 1, signet.EventLinkReview: 1} {
		if n := deskEvents(t, ts, kind, "clerk"); n != want {
			t.Errorf("%d %s events by the clerk, want %d", n, kind, want)
		}
	}
	// Deciding it again is refused: the lease went with the decision.
	if res, _ := ts.post("/petitions/demo/desk/"+line+"/decide", valid, clerk); res.StatusCode != 409 {
		t.Errorf("deciding a line twice: %d", res.StatusCode)
	}
	// Giving the next line back: the desk says so.
	res, _ = ts.post("/petitions/demo/desk/"+next+"/release", nil, clerk)
	if loc := res.Header.Get("Location"); res.StatusCode != 303 || !strings.Contains(loc, "released="+url.QueryEscape(next)) {
		t.Errorf("release: %d %q", res.StatusCode, loc)
	}
	// The supervisor sees the clerk's throughput.
	if res, body := ts.get("/petitions/demo/supervise", ts.login(registrar.RoleSupervisor)); res.StatusCode != 200 || !strings.Contains(body, `data-clerk="clerk" data-decisions="1"`) {
		t.Errorf("throughput: %d %.2000s", res.StatusCode, body)
	}
	// The next verification applies the decision: the line is invalid, the clerk's.
	if _, err := ts.svc.Verify(ctx, registrar.VerifyOptions{Petition: "demo", Actor: "web test"}); err != nil {
		t.Fatal(err)
	}
	v, err := ts.svc.Store.Verdict(ctx, "demo", line)
	if err != nil || v.Valid || v.Reason != signet.NotRegistered || v.DecidedBy != "clerk (review)" {
		t.Errorf("line %s after verification: %v %s by %q", line, err, v.Code(), v.DecidedBy)
	}
}

func first(res *http.Response, _ string) *http.Response { return res }

// escaped escapes s as html/template writes text.
func escaped(s string) string {
	return strings.NewReplacer("&", "&amp;", "'", "&#39;", "<", "&lt;", ">", "&gt;", `"`, "&#34;").Replace(s)
}

// TestProponentsAndSupervisor: a proponent reads the invalid lines redacted and challenges
// one; an observer reads them without the challenge form; the supervisor sees the challenge
// in the queue and upholds it; the list and the CSV say so; overrides and assignments
// need their stated reason and fields.
func TestProponentsAndSupervisor(t *testing.T) { forEachStore(t, testProponentsAndSupervisor) }

func testProponentsAndSupervisor(t *testing.T, d demoStore) {
	ctx := context.Background()
	ts := d.server(t, nil)
	proponent, observer, supervisor := ts.login(registrar.RoleProponent), ts.login(registrar.RoleObserver), ts.login(registrar.RoleSupervisor)
	list, err := ts.svc.InvalidLines(ctx, "demo", registrar.Page{Number: 1, Size: invalidPageSize})
	if err != nil || len(list.Lines) < 2 {
		t.Fatalf("the invalid lines: %v %d", err, len(list.Lines))
	}
	// Lines struck as duplicates stay so whatever a ruling says (the duplicate rule applies
	// after it): the lines this test rules valid are invalid for another reason.
	var picked []registrar.InvalidLine
	for _, l := range list.Lines {
		if l.Reason != string(signet.Duplicate) && len(l.Evidence) > 0 {
			picked = append(picked, l)
		}
	}
	if len(picked) < 2 {
		t.Fatalf("only %d invalid lines of the first page are not duplicates", len(picked))
	}
	target := picked[0]
	evidence := ""
	for _, l := range list.Lines {
		if len(l.Evidence) > 0 {
			evidence = l.Evidence[0]
			break
		}
	}
	if evidence == "" {
		t.Fatal("no invalid line of the first page has evidence")
	}
	res, body := ts.get("/petitions/demo/invalid", proponent)
	if res.StatusCode != 200 || strings.Count(body, `data-reason="`) != len(list.Lines) || !strings.Contains(body, "File the challenge") ||
		!strings.Contains(body, escaped(target.PrintedName)) || !strings.Contains(body, escaped(evidence)) {
		t.Fatalf("the list as a proponent: %d %.1500s", res.StatusCode, body)
	}
	// Redacted: no candidate's voter id or birth date appears.
	for _, l := range list.Lines {
		v, err := ts.svc.Store.Verdict(ctx, "demo", l.LineID)
		if err != nil {
			t.Fatal(err)
		}
		cands, err := ts.svc.CandidateVoters(ctx, v)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cands {
			if strings.Contains(body, c.VoterID) || (c.Voter != nil && strings.Contains(body, signet.FormatDate(c.Voter.BirthDate))) {
				t.Errorf("line %s: the list shows candidate %s's record", l.LineID, c.VoterID)
			}
		}
	}
	res, body = ts.get("/petitions/demo/invalid", observer)
	if res.StatusCode != 200 || strings.Contains(body, "File the challenge") {
		t.Errorf("the list as an observer: %d (a challenge form: %v)", res.StatusCode, strings.Contains(body, "File the challenge"))
	}
	if res, _ := ts.post("/petitions/demo/challenges", url.Values{"line": {target.LineID}, "comment": {"x"}}, observer); res.StatusCode != 403 {
		t.Errorf("an observer's challenge: %d", res.StatusCode)
	}
	for name, f := range map[string]url.Values{"no line": {"comment": {"x"}}, "no comment": {"line": {target.LineID}},
		"a line that is none": {"line": {"S999-1"}, "comment": {"x"}}} {
		if res, body := ts.post("/petitions/demo/challenges", f, proponent); res.StatusCode != 400 && res.StatusCode != 404 {
			t.Errorf("a challenge with %s: %d %.200s", name, res.StatusCode, body)
		}
	}
	res, _ = ts.post("/petitions/demo/challenges", url.Values{"line": {target.LineID}, "comment": {"I know her: she signed it"}}, proponent)
	if loc := res.Header.Get("Location"); res.StatusCode != 303 || !strings.Contains(loc, "challenged="+url.QueryEscape(target.LineID)) {
		t.Fatalf("the challenge: %d %q", res.StatusCode, loc)
	}
	if res, _ := ts.post("/petitions/demo/challenges", url.Values{"line": {target.LineID}, "comment": {"again"}}, proponent); res.StatusCode != 409 {
		t.Errorf("a second open challenge of the line: %d", res.StatusCode)
	}
	// The supervisor's queue.
	res, body = ts.get("/petitions/demo/supervise", supervisor)
	if res.StatusCode != 200 || !strings.Contains(body, `id="challenge-1" data-line="`+target.LineID+`"`) || !strings.Contains(body, "I know her") {
		t.Fatalf("the supervisor's queue: %d %.2000s", res.StatusCode, body)
	}
	for name, c := range map[string]struct {
		path string
		form url.Values
		want int
	}{
		"a bad id":        {"/petitions/demo/challenges/x/answer", url.Values{"answer": {"deny"}, "text": {"t"}}, 400},
		"id 0":            {"/petitions/demo/challenges/0/answer", url.Values{"answer": {"deny"}, "text": {"t"}}, 400},
		"a missing one":   {"/petitions/demo/challenges/999/answer", url.Values{"answer": {"deny"}, "text": {"t"}}, 404},
		"no answer":       {"/petitions/demo/challenges/1/answer", url.Values{"text": {"t"}}, 400},
		"no text":         {"/petitions/demo/challenges/1/answer", url.Values{"answer": {"deny"}}, 400},
		"a denied voter":  {"/petitions/demo/challenges/1/answer", url.Values{"answer": {"deny"}, "voter": {"V1"}, "text": {"t"}}, 400},
		"a petition none": {"/petitions/nope/challenges/1/answer", url.Values{"answer": {"deny"}, "text": {"t"}}, 404},
	} {
		if res, body := ts.post(c.path, c.form, supervisor); res.StatusCode != c.want {
			t.Errorf("an answer with %s: %d, want %d %.200s", name, res.StatusCode, c.want, body)
		}
	}
	if res, _ := ts.post("/petitions/demo/challenges/1/answer", url.Values{"answer": {"uphold"}, "text": {"the signature is hers"}}, supervisor); res.StatusCode != 303 {
		t.Fatalf("upholding: %d", res.StatusCode)
	}
	if res, _ := ts.post("/petitions/demo/challenges/1/answer", url.Values{"answer": {"deny"}, "text": {"again"}}, supervisor); res.StatusCode != 409 {
		t.Errorf("answering twice: %d", res.StatusCode)
	}
	if n := deskEvents(t, ts, signet.EventChallengeAnswer, "supervisor"); n != 1 {
		t.Errorf("%d answer events", n)
	}
	res, body = ts.get("/petitions/demo/invalid", proponent)
	if !strings.Contains(body, `id="line-`+target.LineID+`"`) || !regexp.MustCompile(`(?s)id="line-`+regexp.QuoteMeta(target.LineID)+`".*?upheld`).MatchString(body) {
		t.Errorf("the list does not say the challenge was upheld: %.2000s", body)
	}
	// The CSV: the contract's columns, the challenge's status.
	res, body = ts.get("/petitions/demo/invalid.csv", observer)
	recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if res.StatusCode != 200 || err != nil || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") || !slices.Equal(recs[0], registrar.InvalidCSVColumns) || len(recs) != list.Total+1 {
		t.Fatalf("the CSV: %d %v %q %d rows", res.StatusCode, err, res.Header.Get("Content-Type"), len(recs))
	}
	if i := slices.IndexFunc(recs, func(r []string) bool { return r[1] == target.LineID }); i < 0 || recs[i][11] != "upheld" {
		t.Errorf("the CSV does not say line %s's challenge was upheld", target.LineID)
	}
	for _, q := range []string{"?page=0", "?page=x", "?page=-3", "?page=99999999999"} {
		if res, _ := ts.get("/petitions/demo/invalid"+q, proponent); res.StatusCode != 400 {
			t.Errorf("the list %s: %d", q, res.StatusCode)
		}
	}
	if res, _ := ts.get("/petitions/demo/invalid?page=999", proponent); res.StatusCode != 200 {
		t.Errorf("a page past the end: %d", res.StatusCode)
	}

	// Overrides: a stated reason is required; the line page shows the ruling's effect after
	// verification.
	other := picked[1].LineID
	for name, f := range map[string]url.Values{"no comment": {"line": {other}, "decision": {"valid"}}, "no line": {"decision": {"valid"}, "comment": {"c"}},
		"no decision": {"line": {other}, "comment": {"c"}}, "a bad reason": {"line": {other}, "decision": {"invalid"}, "reason": {"x"}, "comment": {"c"}}} {
		if res, body := ts.post("/petitions/demo/overrides", f, supervisor); res.StatusCode != 400 {
			t.Errorf("an override with %s: %d %.200s", name, res.StatusCode, body)
		}
	}
	if res, _ := ts.post("/petitions/demo/overrides", url.Values{"line": {"S999-1"}, "decision": {"valid"}, "comment": {"c"}}, supervisor); res.StatusCode != 404 {
		t.Errorf("an override of no line: %d", res.StatusCode)
	}
	res, _ = ts.post("/petitions/demo/overrides", url.Values{"line": {other}, "decision": {"valid"}, "comment": {"the original shows it"}}, supervisor)
	if res.StatusCode != 303 || res.Header.Get("Location") != "/petitions/demo/lines/"+other+"?done=overridden" {
		t.Fatalf("the override: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	if _, err := ts.svc.Verify(ctx, registrar.VerifyOptions{Petition: "demo", Actor: "web test"}); err != nil {
		t.Fatal(err)
	}
	res, body = ts.get("/petitions/demo/lines/"+other, supervisor)
	if res.StatusCode != 200 || !strings.Contains(body, `data-code="valid"`) || !strings.Contains(body, "supervisor (override)") {
		t.Errorf("the line after the override: %d %.2000s", res.StatusCode, body)
	}
	if res, body := ts.get("/petitions/demo/invalid", proponent); strings.Contains(body, `id="line-`+other+`"`) || strings.Contains(body, `id="line-`+target.LineID+`"`) {
		t.Errorf("the lines ruled valid are still listed: %d", res.StatusCode)
	}

	// Assignments.
	if res, _ := ts.post("/petitions/demo/assignments", url.Values{"clerk": {"clerk"}}, supervisor); res.StatusCode != 400 {
		t.Errorf("an assignment without a section: %d", res.StatusCode)
	}
	if res, _ := ts.post("/petitions/demo/assignments", url.Values{"section": {"S000002"}, "clerk": {"clerk"}}, supervisor); res.StatusCode != 303 {
		t.Errorf("an assignment: %d", res.StatusCode)
	}
	if as, err := ts.svc.Assignments(ctx, "demo"); err != nil || len(as) != 1 || as[0].Clerk != "clerk" || as[0].By != "supervisor" {
		t.Errorf("the assignments: %v %+v", err, as)
	}
	if res, _ := ts.get("/petitions/demo/supervise?per=week", supervisor); res.StatusCode != 400 {
		t.Errorf("throughput per week: %d", res.StatusCode)
	}
}

// TestDeskAPI: the same desk through /api/v1 with tokens: a claim with the candidates'
// records, a decision, a challenge and its answer, and bad bodies refused with 400.
func TestDeskAPI(t *testing.T) { forEachStore(t, testDeskAPI) }

func testDeskAPI(t *testing.T, d demoStore) {
	ctx := context.Background()
	ts := d.server(t, nil)
	res, body := ts.postJSON("/api/v1/petitions/demo/desk/claim", registrar.RoleClerk, "")
	var claim struct {
		Line       string
		Filed      map[string]any
		Candidates []struct {
			VoterID string `json:"voter_id"`
			Fields  []map[string]any
			Voter   map[string]any
		}
	}
	if err := json.Unmarshal([]byte(body), &claim); res.StatusCode != 200 || err != nil || claim.Line == "" || len(claim.Candidates) == 0 ||
		claim.Candidates[0].Voter["id"] != claim.Candidates[0].VoterID || len(claim.Candidates[0].Fields) == 0 {
		t.Fatalf("claim: %d %v %.1000s", res.StatusCode, err, body)
	}
	if res, body := ts.get("/api/v1/petitions/demo/desk/"+claim.Line, ts.bearer(registrar.RoleClerk)); res.StatusCode != 200 || !strings.Contains(body, claim.Line) {
		t.Errorf("the held line: %d %.300s", res.StatusCode, body)
	}
	decide := "/api/v1/petitions/demo/desk/" + claim.Line + "/decide"
	for name, b := range map[string]string{"no body": "", "not JSON": "decision=valid", "a number": `{"decision": 1}`, "an unknown field": `{"decision": "valid", "x": "y"}`,
		"two objects": `{"decision": "valid"}{}`, "no voter": `{"decision": "valid"}`, "a bad reason": `{"decision": "invalid", "reason": "nope"}`,
		"too large": `{"comment": "` + strings.Repeat("x", maxDeskForm) + `"}`} {
		res, body := ts.postJSON(decide, registrar.RoleClerk, b)
		var e struct{ Error struct{ Code string } }
		if res.StatusCode != 400 || json.Unmarshal([]byte(body), &e) != nil || e.Error.Code != "invalid" {
			t.Errorf("decide with %s: %d %.200s", name, res.StatusCode, body)
		}
	}
	res, body = ts.postJSON(decide, registrar.RoleClerk, `{"decision": "valid", "voter": "`+claim.Candidates[0].VoterID+`", "signature": "match"}`)
	if res.StatusCode != 200 || !strings.Contains(body, `"decision": "valid"`) {
		t.Fatalf("decide: %d %.300s", res.StatusCode, body)
	}
	if n := deskEvents(t, ts, signet.EventReviewDecision, "clerk"); n != 1 {
		t.Errorf("%d decision events", n)
	}
	res, body = ts.get("/api/v1/petitions/demo/throughput?per=hour", ts.bearer(registrar.RoleSupervisor))
	if res.StatusCode != 200 || !strings.Contains(body, `"clerk": "clerk"`) {
		t.Errorf("throughput: %d %.300s", res.StatusCode, body)
	}
	list, err := ts.svc.InvalidLines(ctx, "demo", registrar.Page{Number: 1, Size: 1})
	if err != nil {
		t.Fatal(err)
	}
	line := list.Lines[0].LineID
	res, body = ts.get("/api/v1/petitions/demo/invalid?size=1", ts.bearer(registrar.RoleObserver))
	if res.StatusCode != 200 || !strings.Contains(body, `"line": "`+line+`"`) {
		t.Errorf("the invalid lines: %d %.300s", res.StatusCode, body)
	}
	for _, q := range []string{"?page=0", "?size=x", "?size=5001"} {
		if res, _ := ts.get("/api/v1/petitions/demo/invalid"+q, ts.bearer(registrar.RoleObserver)); res.StatusCode != 400 {
			t.Errorf("the invalid lines %s: %d", q, res.StatusCode)
		}
	}
	res, body = ts.postJSON("/api/v1/petitions/demo/challenges", registrar.RoleProponent, `{"line": "`+line+`", "comment": "she signed"}`)
	if res.StatusCode != 201 || !strings.Contains(body, `"status": "open"`) {
		t.Fatalf("challenge: %d %.300s", res.StatusCode, body)
	}
	res, body = ts.get("/api/v1/petitions/demo/challenges?open=true", ts.bearer(registrar.RoleSupervisor))
	if res.StatusCode != 200 || !strings.Contains(body, `"line": "`+line+`"`) {
		t.Errorf("the open challenges: %d %.300s", res.StatusCode, body)
	}
	if res, _ := ts.get("/api/v1/petitions/demo/challenges?open=maybe", ts.bearer(registrar.RoleSupervisor)); res.StatusCode != 400 {
		t.Errorf("open=maybe: %d", res.StatusCode)
	}
	res, body = ts.postJSON("/api/v1/petitions/demo/challenges/1/answer", registrar.RoleSupervisor, `{"answer": "deny", "text": "the signature differs"}`)
	if res.StatusCode != 200 || !strings.Contains(body, `"status": "denied"`) {
		t.Errorf("answer: %d %.300s", res.StatusCode, body)
	}
	res, body = ts.postJSON("/api/v1/petitions/demo/overrides", registrar.RoleSupervisor, `{"line": "`+line+`", "decision": "invalid", "reason": "other:illegible", "comment": "cannot be read"}`)
	if res.StatusCode != 200 || !strings.Contains(body, `"verdict": "other:illegible"`) {
		t.Errorf("override: %d %.300s", res.StatusCode, body)
	}
	res, body = ts.postJSON("/api/v1/petitions/demo/assignments", registrar.RoleSupervisor, `{"section": "S000003", "clerk": "clerk"}`)
	if res.StatusCode != 200 {
		t.Errorf("assign: %d %.300s", res.StatusCode, body)
	}
	if res, body := ts.get("/api/v1/petitions/demo/lines/"+claim.Line, ts.bearer(registrar.RoleSupervisor)); res.StatusCode != 200 || !strings.Contains(body, `"birth_date"`) {
		t.Errorf("a line's evidence: %d %.300s", res.StatusCode, body)
	}
	if res, _ := ts.postJSON("/api/v1/petitions/demo/desk/S999-1/release", registrar.RoleClerk, ""); res.StatusCode != 404 {
		t.Errorf("releasing no line: %d", res.StatusCode)
	}
}
