package web

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/registrar"
)

// TestStatusPage: the public status page shows the engine's own figures — requirement, raw
// count, verified, valid, invalid by reason as chart bars, the sample with its seed and
// re-draw command, the projection's steps and the certificate — in English and in Spanish
// with each language's number grouping and dates.
func TestStatusPage(t *testing.T) {
	ts := newTestServer(t)
	st, err := ts.svc.Status(context.Background(), "demo")
	if err != nil {
		t.Fatal(err)
	}
	r := st.Report
	if r.Sample == nil || r.Projection == nil || st.Certificate == nil || r.Verified != r.Raw || r.Raw != 1850 {
		t.Fatalf("the fixture is not a decided, sampled, fully counted petition: %+v", r)
	}
	en := newLang("en")
	es := newLang("es")
	for _, c := range []struct {
		l      *lang
		header string
		want   []string
	}{
		{en, "Accept-Language: en-US,en;q=0.9", []string{`<html lang="en">`, "Status", "Valid signatures required", "Verified so far",
			"Valid and invalid, by reason", "Not Registered", "The random sample", "Certificate of", "January 27, 2022"}},
		{es, "Accept-Language: es-MX,es;q=0.9,en;q=0.5", []string{`<html lang="es">`, "Estado", "Firmas válidas requeridas", "Verificadas hasta ahora",
			"Válidas y no válidas, por motivo", "No inscrito", "La muestra aleatoria", "Certificado de", "27 de enero de 2022"}},
	} {
		res, body := ts.get("/petitions/demo", c.header)
		if res.StatusCode != 200 {
			t.Fatalf("%s: status %d\n%s", c.l.Code, res.StatusCode, body)
		}
		if got := res.Header.Get("Content-Language"); got != c.l.Code {
			t.Errorf("%s: Content-Language %q", c.l.Code, got)
		}
		for _, w := range c.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: the page lacks %q", c.l.Code, w)
			}
		}
		for id, n := range map[string]int{"required": r.Required, "raw": r.Raw, "verified": r.Verified, "valid": r.Valid, "invalid": r.Invalid, "registered": r.Registered} {
			if want := `id="` + id + `">` + c.l.N(n) + `</td>`; !strings.Contains(body, want) {
				t.Errorf("%s: the page lacks %s", c.l.Code, want)
			}
		}
		// One bar per outcome, each with the engine's count.
		bars := regexp.MustCompile(`<g class="bar bar-(\w+)" data-code="\w+" data-count="(\d+)">`).FindAllStringSubmatch(body, -1)
		if len(bars) != 8 || bars[0][1] != "valid" || bars[0][2] != itoa(r.Valid) {
			t.Errorf("%s: chart bars %v", c.l.Code, bars)
		}
		for _, b := range bars[1:] {
			if b[2] != itoa(r.ByReason[b[1]]) {
				t.Errorf("%s: bar %s shows %s, the report %d", c.l.Code, b[1], b[2], r.ByReason[b[1]])
			}
		}
		for _, w := range []string{r.Sample.Seed, r.Sample.Redraw, st.Certificate.AuditHead} {
			if !strings.Contains(body, w) {
				t.Errorf("%s: the page lacks %q", c.l.Code, w)
			}
		}
		if n := strings.Count(body, "<li><strong>"); n < 5 {
			t.Errorf("%s: %d projection steps shown", c.l.Code, n)
		}
	}
	// Grouping differs by language where a number has four digits or more.
	if en.N(r.Registered) == es.N(r.Registered) || !strings.Contains(en.N(r.Registered), ",") || !strings.Contains(es.N(r.Registered), ".") {
		t.Errorf("registered %d: en %s, es %s", r.Registered, en.N(r.Registered), es.N(r.Registered))
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// TestPetitionsPage lists the petitions with a link to each one's status.
func TestPetitionsPage(t *testing.T) {
	ts := newTestServer(t)
	res, body := ts.get("/")
	if res.StatusCode != 200 || !strings.Contains(body, `<a href="/petitions/demo">demo</a>`) || !strings.Contains(body, "demo-county") {
		t.Errorf("status %d\n%s", res.StatusCode, body)
	}
	if res.Header.Get("Content-Security-Policy") == "" || res.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("security headers: %v", res.Header)
	}
}

// TestLanguageChoice: ?lang= (the switch) wins and is remembered in a cookie, then the
// cookie, then Accept-Language, then English.
func TestLanguageChoice(t *testing.T) {
	ts := newTestServer(t)
	for _, c := range []struct {
		headers []string
		path    string
		want    string
	}{
		{nil, "/", "en"},
		{[]string{"Accept-Language: es"}, "/", "es"},
		{[]string{"Accept-Language: fr-FR,es;q=0.5"}, "/", "es"},
		{[]string{"Accept-Language: de,fr"}, "/", "en"},
		{[]string{"Accept-Language: es"}, "/?lang=en", "en"},
		{[]string{"Accept-Language: es", "Cookie: lang=en"}, "/", "en"},
		{[]string{"Cookie: lang=es"}, "/", "es"},
		{[]string{"Cookie: lang=xx", "Accept-Language: es"}, "/", "es"},
		{nil, "/?lang=xx", "en"},
	} {
		res, body := ts.get(c.path, c.headers...)
		if !strings.Contains(body, `<html lang="`+c.want+`">`) || res.Header.Get("Content-Language") != c.want {
			t.Errorf("%s %v: want %s, got Content-Language %q", c.path, c.headers, c.want, res.Header.Get("Content-Language"))
		}
	}
	res, _ := ts.get("/petitions/demo?lang=es")
	if ck := res.Header.Get("Set-Cookie"); !strings.HasPrefix(ck, "lang=es;") || !strings.Contains(ck, "HttpOnly") {
		t.Errorf("the switch set the cookie %q", ck)
	}
	// The switch on a page links to the same page in the other language.
	_, body := ts.get("/petitions/demo", "Accept-Language: en")
	if !strings.Contains(body, `href="/petitions/demo?lang=es"`) {
		t.Error("no switch to Spanish on the English page")
	}
}

// TestUndecidedPetitionPage: a petition created and not yet filed has a status page and a
// status in the API, with no sample, projection or certificate, and says so.
func TestUndecidedPetitionPage(t *testing.T) {
	ts := newTestServerOn(t, copyDemo(t))
	ctx := context.Background()
	p, err := ts.svc.Petition(ctx, "demo")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ts.svc.CreatePetition(ctx, registrar.PetitionSpec{ID: "later", Kind: signet.KindInitiative, Jurisdiction: "demo-county",
		Rules: "ca-county-initiative", Report: p.ReportID, Approved: p.Approved}, "web test"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ lang, want string }{{"en", "Not filed yet"}, {"es", "Aún no presentada"}} {
		res, body := ts.get("/petitions/later", "Accept-Language: "+c.lang)
		if res.StatusCode != 200 || !strings.Contains(body, `<span id="status-label">`+c.want+`</span>`) {
			t.Errorf("%s: %d\n%.2000s", c.lang, res.StatusCode, body)
		}
		for _, absent := range []string{`id="sample"`, `id="projection"`, "Certificate of", "Certificado de"} {
			if strings.Contains(body, absent) {
				t.Errorf("%s: an unfiled petition's page shows %s", c.lang, absent)
			}
		}
	}
	res, body := ts.get("/api/v1/petitions/later/status")
	if res.StatusCode != 200 || !strings.Contains(body, `"status": "not_filed"`) || !strings.Contains(body, `"certificate": null`) {
		t.Errorf("API: %d %s", res.StatusCode, body)
	}
	if _, body := ts.get("/"); !strings.Contains(body, `<a href="/petitions/later">later</a>`) {
		t.Error("the list lacks the new petition")
	}
}
