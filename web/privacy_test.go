package web

import (
	"context"
	"strings"
	"testing"
	"unicode"

	"github.com/signet-vote/signet/synth"
)

// publicPaths are every public page and API response, in each language.
var publicPaths = []string{"/", "/petitions/demo", "/api/v1/petitions", "/api/v1/petitions/demo",
	"/api/v1/petitions/demo/status", "/api/v1/openapi.json", "/healthz", "/metrics",
	"/static/style.css", "/static/app.js", "/petitions/nope", "/nope", "/login"}

// personal is the personal data of the synthetic county, as phrases of words: every
// voter's name (both orders), address (current and prior), birth date (as stored and as
// the pages would write it) and id, and every signer's printed name and address.
type personal struct {
	phrases map[string]string // phrase → what it is
}

func (p *personal) add(what string, s string) {
	if k := phrase(s); k != "" {
		p.phrases[k] = what
	}
}

// phrase is s as lower-case words joined by single spaces.
func phrase(s string) string {
	return strings.Join(words(s), " ")
}

func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '\''
	})
}

func rollData(t *testing.T) *personal {
	p := &personal{phrases: map[string]string{}}
	for _, v := range readCSV(t, synth.FileVoters) {
		p.add("voter name", v["first_name"]+" "+v["last_name"])
		p.add("voter name", v["last_name"]+" "+v["first_name"])
		if v["middle_name"] != "" {
			p.add("voter name", v["first_name"]+" "+v["middle_name"]+" "+v["last_name"])
		}
		p.add("voter address", v["house_number"]+" "+v["street"])
		if v["prior_street"] != "" {
			p.add("voter prior address", v["prior_house_number"]+" "+v["prior_street"])
		}
		if b := v["birth_date"]; b != "" {
			p.add("birth date", b)
			p.add("birth date", newLang("en").Date(b))
			p.add("birth date", newLang("es").Date(b))
		}
		p.add("voter id", v["voter_id"])
	}
	for _, l := range readCSV(t, synth.FileLines) {
		p.add("signer's name", l["printed_name"])
		p.add("signer's address", l["house_number"]+" "+l["street"])
	}
	return p
}

// find returns the first phrase of personal data in body, by its runs of one to five words.
func (p *personal) find(body string) (string, string) {
	ws := words(body)
	for i := range ws {
		for n := 1; n <= 5 && i+n <= len(ws); n++ {
			k := strings.Join(ws[i:i+n], " ")
			if what, ok := p.phrases[k]; ok {
				return k, what
			}
		}
	}
	return "", ""
}

// TestNoPersonalDataInPublicResponses fetches every public page and API response in each
// language and finds in none of them a voter's name, address, birth date or id from the
// roll, nor a signer's printed name or address from the lines.
func TestNoPersonalDataInPublicResponses(t *testing.T) {
	ts := newTestServer(t)
	p := rollData(t)
	if len(p.phrases) < 20000 {
		t.Fatalf("only %d phrases of personal data read from the county", len(p.phrases))
	}
	// The search finds what it looks for: a voter's name, address and birth date
	// planted in a page are found.
	v := readCSV(t, synth.FileVoters)[17]
	for _, planted := range []string{v["first_name"] + " " + v["last_name"], v["house_number"] + " " + v["street"], newLang("es").Date(v["birth_date"])} {
		if k, _ := p.find("<p>Firmas de " + strings.ToUpper(planted) + ".</p>"); k == "" {
			t.Fatalf("the search misses %q planted in a page", planted)
		}
	}
	for _, path := range publicPaths {
		for _, lang := range []string{"en", "es"} {
			res, body := ts.get(path, "Accept-Language: "+lang)
			if len(body) == 0 {
				t.Errorf("%s (%s): empty, status %d", path, lang, res.StatusCode)
			}
			if k, what := p.find(body); k != "" {
				t.Errorf("%s (%s) shows %s %q", path, lang, what, k)
			}
		}
	}
	// Nor does the log of those requests.
	if k, what := p.find(ts.log.String()); k != "" {
		t.Errorf("the request log holds %s %q", what, k)
	}
}

// TestPublicPagesWriteNothing: reading every public page and response leaves the audit log
// as it was (a reading is not a report: nothing is recorded per page view).
func TestPublicPagesWriteNothing(t *testing.T) {
	ts := newTestServerOn(t, copyDemo(t))
	ctx := context.Background()
	seq, head, err := ts.svc.Store.AuditHead(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range publicPaths {
		ts.get(path)
	}
	seq2, head2, err := ts.svc.Store.AuditHead(ctx)
	if err != nil || seq2 != seq || head2 != head {
		t.Errorf("the audit log moved from event %d to %d (%v)", seq, seq2, err)
	}
	// Whereas a report, which the Registrar stands by, is recorded: the check can fail.
	if _, err := ts.svc.Report(ctx, "demo", "web test"); err != nil {
		t.Fatal(err)
	}
	if seq3, _, _ := ts.svc.Store.AuditHead(ctx); seq3 == seq {
		t.Error("a report was not recorded either: the check above proves nothing")
	}
}
