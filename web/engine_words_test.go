package web

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/signet-vote/signet/match"
	"github.com/signet-vote/signet/registrar"
)

// englishLeft fails for each English text of the engine found in a Spanish page: a word
// that has a translation must not be shown as the engine wrote it.
func englishLeft(t *testing.T, page, body string, english ...string) {
	t.Helper()
	for _, en := range english {
		if strings.Contains(body, escaped(en)) {
			t.Errorf("%s in Spanish still says %q", page, en)
		}
	}
}

// TestEngineWordsInSpanish walks the public status page and the desks in Spanish: the
// projection's steps with their numbers written in Spanish, the pack's title and its
// citations, the evidence's fields and levels, the voter's status, the linker's rule texts
// and the common refusals are in Spanish, with none of the engine's English words left
// where a translation exists; the English pages keep the engine's own words.
func TestEngineWordsInSpanish(t *testing.T) {
	ctx := context.Background()
	ts := newTestServerOn(t, copyDemo(t))
	es := newLang("es")

	// The public status page.
	st, err := ts.svc.Status(ctx, "demo")
	if err != nil || st.Certificate == nil || len(st.Steps) == 0 {
		t.Fatalf("the demo's status: %v, certificate %v, %d steps", err, st.Certificate, len(st.Steps))
	}
	_, body := ts.get("/petitions/demo?lang=es")
	for _, want := range []string{"(redondeado a dos decimales)", "R × tasa = ", "sin corregir − duplicadas estimadas = ",
		"Revocación de un cargo local en California (Elections Code §11220–§11227)",
		"requisito: Elections Code §11221(a) («no menos de»: redondeado al alza)", "duplicadas (se queda la primera): Elections Code §100, 2 CCR §20531: un votante firma una vez",
		"Certificado de", "de 2022"} {
		if !strings.Contains(body, escaped(want)) {
			t.Errorf("the status page in Spanish lacks %q", want)
		}
	}
	// Numbers as Spanish writes them: a decimal comma, a space before the percent sign.
	for _, re := range []string{`V / S = \d+ / \d+ = \d+,\d\d\x{a0}% \(redondeado a dos decimales\)`, `A × \(A − 1\) = \d+,\d{4} × \d+,\d{4} = \d+,\d{8}`,
		`R × tasa = 1\.850 × \d+,\d\d\x{a0}% = 1\.\d{3},\d{4} → 1\.\d{3} \(redondeado al alza\)`} {
		if !regexp.MustCompile(re).MatchString(body) {
			t.Errorf("the status page in Spanish has no step matching %s", re)
		}
	}
	english := []string{"rounded to two decimals", "rounded up", "rounded to four decimals", "uncorrected − estimated duplicates",
		"California recall of a local officer", "requirement: ", "circulation: ", "verification: ", "registration cut-off",
		"sample size: ", "a voter signs once", "calendar days from", "not less than", "Certificate of "}
	englishLeft(t, "the status page", body, english...)
	for _, c := range st.Certificate.Cites { // the demo's pack, ca-local-recall, is translated whole
		if engineTexts[c.Cite] == "" || strings.Contains(body, escaped(c.Cite)) {
			t.Errorf("the status page in Spanish cites %q in English", c.Cite)
		}
	}
	// In English, the page shows the engine's own texts, word for word.
	_, body = ts.get("/petitions/demo?lang=en")
	steps, _ := st.Report.Projection["steps"].([]any)
	for _, x := range steps {
		text, _ := x.(map[string]any)["text"].(string)
		if !strings.Contains(body, escaped(text)) {
			t.Errorf("the status page in English lacks the step %q", text)
		}
	}
	for _, c := range st.Certificate.Citations {
		if !strings.Contains(body, escaped(c)) {
			t.Errorf("the status page in English lacks the citation %q", c)
		}
	}

	// The clerks' desk: a line held, its candidates field by field.
	clerk, supervisor := ts.login(registrar.RoleClerk), ts.login(registrar.RoleSupervisor)
	line := claimedLine(t, first(ts.post("/petitions/demo/desk/claim", nil, clerk)))
	item, err := ts.svc.HeldReview(ctx, "demo", "clerk", line, 0)
	if err != nil {
		t.Fatal(err)
	}
	cands, err := ts.svc.CandidateVoters(ctx, item.Verdict)
	if err != nil || len(cands) == 0 {
		t.Fatalf("line %s's candidates: %v", line, err)
	}
	_, desk := ts.get("/petitions/demo/desk/"+line+"?lang=es", clerk)
	_, lineEN := ts.get("/petitions/demo/desk/"+line+"?lang=en", clerk)
	_, super := ts.get("/petitions/demo/lines/"+line+"?lang=es", supervisor)
	for _, c := range cands {
		for _, f := range c.Fields {
			for _, w := range []string{f.Field, f.Level} {
				if engineTexts[w] == "" {
					t.Errorf("no Spanish for the engine's word %q", w)
					continue
				}
				if !strings.Contains(desk, "<td>"+engineTexts[w]+"</td>") || strings.Contains(desk, "<td>"+w+"</td>") {
					t.Errorf("the desk in Spanish shows %q, not %q", w, engineTexts[w])
				}
				if !strings.Contains(lineEN, "<td>"+w+"</td>") {
					t.Errorf("the desk in English lacks the engine's %q", w)
				}
			}
			if strings.Contains(super, f.Field+": "+f.Level) {
				t.Errorf("the supervisor's line page in Spanish says %q", f.Field+": "+f.Level)
			}
		}
		if c.Voter != nil {
			if w := string(c.Voter.Status); !strings.Contains(desk, "· "+engineTexts[w]+"</td>") || strings.Contains(desk, "· "+w+"</td>") {
				t.Errorf("the desk in Spanish shows the voter's status %q, not %q", w, engineTexts[w])
			}
		}
		if c.RuleText != "" {
			englishLeft(t, "the desk", desk, c.RuleText)
			englishLeft(t, "the supervisor's line page", super, c.RuleText)
			if !strings.Contains(desk, escaped(engineTexts[c.RuleText])) {
				t.Errorf("the desk in Spanish lacks the rule text of %s", c.Rule)
			}
		}
		englishLeft(t, "the desk", desk, fmt.Sprintf("<td>%s</td><td></td>", c.Address))
	}
	// Every field, level, status and rule the engine names has a Spanish word.
	for _, w := range []string{match.FieldFirst, match.FieldMiddle, match.FieldLast, match.FieldSuffix, match.FieldStreet, match.FieldUnit,
		match.FieldCity, match.FieldHouse, match.FieldZIP, match.FieldBirth, match.LevelExact, match.LevelNickname, match.LevelInitial,
		match.LevelCompound, match.LevelAbbrev, match.LevelTypo, match.LevelJW, match.LevelMissing, match.LevelDisagree, match.LevelPhonetic,
		match.LevelJWLow, match.LevelCompoundTypo, match.LevelJWWeak, "active", "inactive", "cancelled", "current", "prior", "none"} {
		if engineTexts[w] == "" {
			t.Errorf("no Spanish for %q", w)
		}
	}
	for _, r := range match.Rules() {
		if engineTexts[match.RuleText(r)] == "" {
			t.Errorf("no Spanish for the rule text of %s", r)
		}
	}

	// The proponents' list: the evidence in Spanish, the decision's date too.
	prop := ts.login(registrar.RoleProponent)
	_, inv := ts.get("/petitions/demo/invalid?lang=es", prop)
	if !strings.Contains(inv, "apellido: ") || !strings.Contains(inv, "dirección: ") || !strings.Contains(inv, " de 20") {
		t.Errorf("the invalid lines in Spanish lack the evidence or the date: %.3000s", inv)
	}
	englishLeft(t, "the invalid lines", inv, "last name: ", "first name: ", "address: ", ": exact<", ": missing<", "registered address")

	// Refusals: the framing in Spanish, the engine's values kept.
	for _, c := range []struct {
		name, method, path string
		form               url.Values
		who                string
		status             int
		want, english      string
	}{
		{"not found", "GET", "/petitions/nope?lang=es", nil, "", 404, `no hay ninguna petición &#34;nope&#34;`, "no petition"},
		{"a bad reason code", "POST", "/petitions/demo/desk/" + line + "/decide?lang=es", url.Values{"decision": {"invalid"}, "reason": {"bogus"}}, clerk, 400,
			`&#34;bogus&#34; no es un código de motivo (debe ser uno de `, "is not a reason code"},
		{"no such page", "GET", "/nowhere?lang=es", nil, "", 404, "no existe esa página", "no such page"},
	} {
		var res int
		var body string
		if c.method == "GET" {
			r, b := ts.get(c.path, c.who)
			res, body = r.StatusCode, b
		} else {
			r, b := ts.post(c.path, c.form, c.who)
			res, body = r.StatusCode, b
		}
		if res != c.status || !strings.Contains(body, c.want) || strings.Contains(body, c.english) {
			t.Errorf("%s: %d, want %d with %q and without %q: %.1500s", c.name, res, c.status, c.want, c.english, body)
		}
	}
	// Another clerk's line, and a challenge answered twice.
	if _, err := ts.svc.AddUser(ctx, "clerk2", registrar.RoleClerk, testPassword, "web test"); err != nil {
		t.Fatal(err)
	}
	res, body := ts.get("/petitions/demo/desk/"+line+"?lang=es", ts.login("clerk2"))
	if res.StatusCode != 409 || !strings.Contains(body, "la línea "+line+" de la petición demo es de otro empleado: tome la siguiente línea") {
		t.Errorf("another clerk's line in Spanish: %d %.1500s", res.StatusCode, body)
	}
	list, err := ts.svc.InvalidLines(ctx, "demo", registrar.Page{Number: 1})
	if err != nil || len(list.Lines) == 0 {
		t.Fatalf("invalid lines: %v", err)
	}
	ch, err := ts.svc.Challenge(ctx, "demo", list.Lines[0].LineID, "proponent", "the signer is registered")
	if err != nil {
		t.Fatal(err)
	}
	answer := url.Values{"answer": {"deny"}, "text": {"the record does not agree"}}
	path := fmt.Sprintf("/petitions/demo/challenges/%d/answer?lang=es", ch.ID)
	ts.post(path, answer, supervisor)
	res, body = ts.post(path, answer, supervisor)
	if res.StatusCode != 409 || !strings.Contains(body, fmt.Sprintf("la impugnación %s de la petición demo ya está en estado denied", es.N64(ch.ID))) {
		t.Errorf("a challenge answered twice, in Spanish: %d %.1500s", res.StatusCode, body)
	}
}
