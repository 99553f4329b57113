package web

import (
	"context"
	"github.com/signet-vote/signet/csvfile"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"log/slog"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/law"
	"github.com/signet-vote/signet/registrar"
)

// TestEveryCitationInSpanish walks every rule pack (law.IDs), every dated version of its
// rules (a petition judged on each day a version took effect, and before the earliest), and
// every citation a certificate of it can give (registrar.CertificateCites, with each duplicate
// and cut-off policy, each basis, sampled or not): each has a Spanish text, its label and
// the petition's setting too, and the page's Spanish citation keeps none of the English.
// The pack's title, on the same page, too.
func TestEveryCitationInSpanish(t *testing.T) {
	es, en := newLang("es"), newLang("en")
	missing := map[string]bool{}
	ids := law.IDs()
	if len(ids) < 10 {
		t.Fatalf("law knows %d packs, want the ten or more of law/law.go", len(ids))
	}
	seen := 0
	for _, id := range ids {
		r, err := law.LookupRules(id)
		if err != nil {
			t.Fatal(err)
		}
		if engineTexts[r.Title()] == "" {
			t.Errorf("no Spanish for the title of %s: %q", id, r.Title())
		}
		days := []time.Time{time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), {}}
		for _, v := range r.Versions() {
			if !v.From.IsZero() {
				days = append(days, v.From, v.From.AddDate(0, 0, -1))
			}
		}
		for _, d := range days {
			rules := r.AsOf(law.Dates{Approved: d, Filed: d})
			for _, dup := range []signet.DuplicatePolicy{signet.KeepFirst, signet.StrikeAll} {
				for _, cut := range []signet.Cutoff{signet.CutoffSigningDate, signet.CutoffFilingDate} {
					for _, basis := range []law.Basis{law.BasisFullCount, law.BasisSample, law.BasisRawCount} {
						for _, sampled := range []bool{false, true} {
							for _, c := range registrar.CertificateCites(rules, dup, cut, basis, sampled) {
								seen++
								for _, w := range []string{c.Label, c.Setting, c.Cite} {
									if w != "" && engineTexts[w] == "" && !missing[w] {
										missing[w] = true
										t.Errorf("%s (as of %s): no Spanish for %q", id, signet.FormatDate(d), w)
									}
								}
								if c.Cite != "" && es.Citation(c) == en.Citation(c) {
									t.Errorf("%s: the citation in Spanish is the English %q", id, en.Citation(c))
								}
							}
						}
					}
				}
			}
		}
	}
	if seen == 0 {
		t.Fatal("no citation walked")
	}
	t.Logf("%d packs, %d citations walked, %d without Spanish", len(ids), seen, len(missing))
}

// TestValueFaultsInSpanish reads files with one faulty value each (csvfile, as both doors
// do) and words the refusal in Spanish: the framing and the value's fault after it are both
// in Spanish, the file's name, column and value kept; in English the page says the engine's
// message word for word (the CLI's).
func TestValueFaultsInSpanish(t *testing.T) {
	es, en := newLang("es"), newLang("en")
	rollHead := "voter_id,first_name,last_name,house_number,street,zip,registration_date,status,cancelled_date,prior_house_number,prior_street\n"
	good := "V1,ANA,RUIZ,12,MAIN ST,95814,2020-01-02,active,,,\n"
	lineHead := "section_id,line_number,printed_name,date_signed,signature_present\n"
	for _, c := range []struct {
		name, file string
		schema     csvfile.Schema
		read       func(*csvfile.Row) error
		english    string
		spanish    string
	}{
		{"a date that is none", rollHead + good + strings.Replace(good, "2020-01-02", "2020/13/45", 1), csvfile.VoterSchema, voter,
			`is not a date`, `"2020/13/45" no es una fecha (debe ser AAAA-MM-DD, AAAAMMDD o MM/DD/AAAA)`},
		{"an empty field", rollHead + strings.Replace(good, "ANA", "", 1), csvfile.VoterSchema, voter,
			"first_name is empty", "el campo first_name está vacío"},
		{"a date out of range", rollHead + strings.Replace(good, "2020-01-02", "1700-01-02", 1), csvfile.VoterSchema, voter,
			"is out of range", "1700-01-02 está fuera del intervalo admitido"},
		{"a ZIP code that is none", rollHead + strings.Replace(good, "95814", "9581", 1), csvfile.VoterSchema, voter,
			"is not a ZIP code", `"9581" no es un código postal`},
		{"a status that is none", rollHead + strings.Replace(good, "active", "gone", 1), csvfile.VoterSchema, voter,
			"is not a voter status", `"gone" no es un estado de votante (debe ser active, inactive o cancelled)`},
		{"half a prior address", rollHead + strings.Replace(good, ",,,\n", ",,7,\n", 1), csvfile.VoterSchema, voter,
			"a prior address needs", "un domicilio anterior necesita tanto el número como la calle"},
		{"a control character", rollHead + strings.Replace(good, "ANA", "A\x07NA", 1), csvfile.VoterSchema, voter,
			"is a control character", "el carácter 2 es un carácter de control (U+0007), que ningún campo puede contener"},
		{"bytes that are not UTF-8", rollHead + strings.Replace(good, "ANA", "A\xffNA", 1), csvfile.VoterSchema, voter,
			"is not UTF-8", "el texto no está en UTF-8 (el byte 2 es 0xff): guarde el archivo como UTF-8"},
		{"too long", rollHead + strings.Replace(good, "RUIZ", strings.Repeat("R", 1200), 1), csvfile.VoterSchema, voter,
			"more than the", "1.200 caracteres, más de los "},
		{"a header with a control character", "voter_id,first\x01name\n", csvfile.VoterSchema, voter,
			"is a control character", "(un encabezado): el carácter 6 es un carácter de control (U+0001)"},
		{"a row too long", rollHead + good + "V2,A,B\n", csvfile.VoterSchema, voter,
			"a different number of fields", "la fila tiene un número de campos distinto del encabezado"},
		{"a bare quote", rollHead + strings.Replace(good, "ANA", `A"NA`, 1), csvfile.VoterSchema, voter,
			`bare "`, `comillas " sueltas en un campo sin comillas`},
		{"a line number that is none", lineHead + "S1,x,ANA RUIZ,2024-01-02,yes\n", csvfile.LineSchema, line,
			"is not a line number", `"x" no es un número de línea (debe ser un número entero desde 1)`},
		{"yes or no", lineHead + "S1,1,ANA RUIZ,2024-01-02,perhaps\n", csvfile.LineSchema, line,
			"is not yes or no", `"perhaps" no es yes ni no`},
		{"a signature decision that is none", "line_id,signature,by\nS1-1,same,clerk\n", csvfile.ReviewSchema, review,
			"is not a signature decision", `"same" no es una decisión de firma (debe ser match o mismatch)`},
	} {
		err := readAll(c.name+".csv", c.file, c.schema, c.read)
		if err == nil {
			t.Errorf("%s: read without a fault", c.name)
			continue
		}
		if got := en.errorText(err, err.Error()); got != err.Error() || !strings.Contains(got, c.english) {
			t.Errorf("%s in English: %q, want the engine's %q", c.name, got, err.Error())
		}
		got := es.errorText(err, err.Error())
		if !strings.Contains(got, c.spanish) || strings.Contains(got, c.english) || !strings.HasPrefix(got, c.name+".csv: línea ") {
			t.Errorf("%s in Spanish: %q, want %q and not %q", c.name, got, c.spanish, c.english)
		}
	}
}

func voter(r *csvfile.Row) error  { _, err := r.Voter(); return err }
func line(r *csvfile.Row) error   { _, err := r.PetitionLine(); return err }
func review(r *csvfile.Row) error { _, err := r.Review(); return err }

// readAll reads a file's rows with read, to its first fault.
func readAll(name, file string, schema csvfile.Schema, read func(*csvfile.Row) error) error {
	r, err := csvfile.NewReader(name, strings.NewReader(file), schema, csvfile.Options{})
	if err != nil {
		return err
	}
	for {
		row, err := r.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := read(row); err != nil {
			return err
		}
	}
}

// notOnPages are the refusal formats no page shows a person, each with why: the web's
// refusals that only its API gives (apiError answers in English, as the CLI does).
var notOnPages = map[string]string{
	"the Authorization header must be \"Bearer TOKEN\"":                "on /api/ only (auth.go's principal)",
	"no such API resource: see /api/v1/openapi.json":                   "on /api/ only (pages.go's notFound)",
	"send the CSV file as the request's body (Content-Type: text/csv)": "the API's uploads only (readUploadBody)",
	"new_snapshot is true or false":                                    "the API's uploads' query only (apiUpload)",
	"the request's body is too large":                                  "the API's JSON bodies only (readJSONForm)",
	"the request's body is not a JSON object of strings: %v":           "the API's JSON bodies only (readJSONForm)",
	"the request's body holds more than one JSON object":               "the API's JSON bodies only (readJSONForm)",
	"unknown field %q (the fields are %s)":                             "the API's JSON bodies only (readJSONForm)",
	"open is true or false":                                            "the API's challenges' query only (apiChallenges)",
	"%s %q: a whole number from 1":                                     "the API's invalid lines' query only (apiInvalid)",
}

// TestEveryRefusalInSpanish reads registrar's, csvfile's, the root package's and the web
// door's own source (its non-test files) for every signet.Errorf format (and csvfile's
// row.Errorf value faults) and fails for one
// with no Spanish in engineFormats, unless notOnPages says why no page shows it; a sample
// of refusals met on the pages is then worded in Spanish from the engine's own errors.
func TestEveryRefusalInSpanish(t *testing.T) {
	formats := map[string]string{}
	for _, dir := range []string{"../registrar", "../csvfile", "..", "."} {
		for f, at := range errorfFormats(t, dir) {
			formats[f] = at
		}
	}
	if len(formats) < 120 {
		t.Fatalf("%d formats read from the source: the walk is broken", len(formats))
	}
	for f, at := range formats {
		if _, ok := engineFormats[f]; !ok && notOnPages[f] == "" {
			t.Errorf("%s: no Spanish for the refusal %q", at, f)
		}
	}
	for f := range notOnPages {
		if _, ok := formats[f]; !ok {
			t.Errorf("notOnPages names %q, which the engine no longer gives", f)
		}
	}
	// The web's own lists name only refusals the web still gives.
	web := errorfFormats(t, ".")
	for _, m := range []map[string]string{deskCampaignFormats, webRefusalFormats} {
		for f := range m {
			if _, ok := web[f]; !ok {
				t.Errorf("a Spanish text for %q, which the web no longer gives", f)
			}
		}
	}

	// A sample, from the engine's own errors: the words inside translated too.
	es := newLang("es")
	for _, c := range []struct {
		err  error
		want string
	}{
		{registrar.Authorize(&registrar.Principal{User: signet.User{Name: "ana", Role: registrar.RoleClerk}}, registrar.PermCountRun),
			"denegado: un usuario con el rol empleado de verificación no puede iniciar una verificación"},
		{registrar.Authorize(nil, registrar.PermCountRun), "inicie sesión primero"},
		{signet.CheckID("petition id", "a b"), `identificador de petición "a b": el carácter 2 (' ') no está permitido: use letras, dígitos y . _ - :`},
		{signet.CheckID("report id", ""), "el identificador de informe está vacío"},
	} {
		if c.err == nil {
			t.Errorf("no refusal for %q", c.want)
			continue
		}
		if got := es.errorText(c.err, c.err.Error()); got != c.want && !strings.HasPrefix(got, c.want) {
			t.Errorf("%q in Spanish: %q, want %q", c.err, got, c.want)
		}
	}
}

// errorfFormats reads a package's source (not its tests) for the format of each
// signet.Errorf (Errorf in the root package) and csvfile's row.Errorf, with where it is.
func errorfFormats(t *testing.T, dir string) map[string]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("%s: %v %v", dir, files, err)
	}
	out := map[string]string{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		fs := token.NewFileSet()
		af, err := parser.ParseFile(fs, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(af, func(n ast.Node) bool {
			c, ok := n.(*ast.CallExpr)
			if !ok || len(c.Args) < 2 {
				return true
			}
			switch fn := c.Fun.(type) {
			case *ast.SelectorExpr:
				x, _ := fn.X.(*ast.Ident)
				ok = fn.Sel.Name == "Errorf" && x != nil && (x.Name == "signet" || x.Name == "row")
			case *ast.Ident:
				ok = fn.Name == "Errorf" && af.Name.Name == "signet"
			}
			if lit, isLit := c.Args[1].(*ast.BasicLit); ok && isLit && lit.Kind == token.STRING {
				s, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Fatal(err)
				}
				out[s] = fs.Position(c.Pos()).String()
			}
			return true
		})
	}
	return out
}

// TestRefusalPagesInSpanish meets refusals beyond the common ones on the pages in Spanish:
// a role's permission refused (the role and what the permission allows in Spanish too), a
// new password too short (the engine's fault inside its framing), and a campaign page's
// bad date (the web's own refusal); each is worded in Spanish with none of the English left.
func TestRefusalPagesInSpanish(t *testing.T) {
	ts := newTestServerOn(t, copyDemo(t))
	clerk := ts.login(registrar.RoleClerk)
	res, body := ts.get("/admin/users?lang=es", clerk)
	if res.StatusCode != 403 || !strings.Contains(body, "denegado: un usuario con el rol empleado de verificación no puede listar las cuentas") || strings.Contains(body, "may not") {
		t.Errorf("a refused permission in Spanish: %d %.1500s", res.StatusCode, body)
	}
	form := url.Values{"current": {testPassword}, "new": {"short"}, "confirm": {"short"}}
	res, body = ts.post("/me/password?lang=es", form, clerk)
	if res.StatusCode != 400 || !strings.Contains(body, "la contraseña nueva: la contraseña tiene 5 caracteres: se necesitan al menos ") || strings.Contains(body, "characters: at least") {
		t.Errorf("a short password in Spanish: %d %.1500s", res.StatusCode, body)
	}
	res, body = ts.get("/petitions/demo/campaign?as_of=nope&lang=es", ts.login(registrar.RoleCampaign))
	if res.StatusCode != 400 || !strings.Contains(body, "as_of: &#34;nope&#34; no es una fecha (debe ser AAAA-MM-DD)") || strings.Contains(body, "is not a date") {
		t.Errorf("a campaign page's bad date in Spanish: %d %.1500s", res.StatusCode, body)
	}
}

// TestSignalsInSpanish reads the campaign's signals on the circulators' page in Spanish:
// each signal's form and its parts have a Spanish text, the page shows the signal in
// Spanish (figures with a decimal comma) and not the engine's English, and the English page
// shows the engine's text word for word (as signet circulators does).
func TestSignalsInSpanish(t *testing.T) {
	ts := newTestServerOn(t, campaignDB(t))
	as := ts.login(registrar.RoleCampaign)
	rep, err := ts.svc.Circulators(context.Background(), "demo")
	if err != nil || len(rep.Signals) == 0 {
		t.Fatalf("circulators: %d signals, %v", len(rep.Signals), err)
	}
	_, es := ts.get("/petitions/demo/campaign/circulators?lang=es", as)
	_, en := ts.get("/petitions/demo/campaign/circulators?lang=en", as)
	l := newLang("es")
	kinds := map[string]bool{}
	dates := 0
	for _, s := range rep.Signals {
		kinds[s.Kind] = true
		if _, ok := engineFormats[s.Form]; !ok || s.Form == "" {
			t.Errorf("no Spanish for the %s signal's form %q", s.Kind, s.Form)
		}
		for _, a := range s.Args {
			for _, p := range phrasesOf(a) {
				if _, ok := engineFormats[p.Form]; !ok {
					t.Errorf("no Spanish for a part %q of the %s signal", p.Form, s.Kind)
				}
			}
		}
		text := l.SignalText(s)
		if text == s.Text || !strings.Contains(es, escaped(text)) || strings.Contains(es, escaped(s.Text)) {
			t.Errorf("the %s signal in Spanish: %q, the page shows the English %q", s.Kind, text, s.Text)
		}
		for _, d := range isoDay.FindAllString(s.Text, -1) {
			dates++
			if !strings.Contains(text, l.Date(d)) {
				t.Errorf("the %s signal in Spanish: %q, want the day %s written %q", s.Kind, text, d, l.Date(d))
			}
		}
		if d := isoDay.FindString(text); d != "" {
			t.Errorf("the %s signal in Spanish writes the day %s as the engine does: %q", s.Kind, d, text)
		}
		if !strings.Contains(en, escaped(s.Text)) {
			t.Errorf("the English page lacks the %s signal %q", s.Kind, s.Text)
		}
	}
	if !kinds["low_validity"] && !kinds["shared_address"] && !kinds["outside_window"] && !kinds["not_registered_run"] {
		t.Errorf("no signal of a known kind: %v", kinds)
	}
	englishLeft(t, "the circulators page", es, "consecutive lines not on the voter file", "lines give one address", "of the other circulators'", "lines dated outside")
	if dates == 0 {
		t.Error("no signal of the demo names a day: the dates are not walked")
	}
	t.Logf("signal kinds on the demo: %v; %d days named", kinds, dates)
}

// isoDay is a day as the engine writes it.
var isoDay = regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}\b`)

// phrasesOf are the parts of a signal's argument.
func phrasesOf(a any) []registrar.Phrase {
	switch x := a.(type) {
	case registrar.Phrase:
		out := []registrar.Phrase{x}
		for _, b := range x.Args {
			out = append(out, phrasesOf(b)...)
		}
		return out
	case registrar.Phrases:
		var out []registrar.Phrase
		for _, p := range x.List {
			out = append(out, phrasesOf(p)...)
		}
		return out
	}
	return nil
}

// TestEverySignalFormInSpanish reads registrar's source for every signal's form
// (signal(...)) and every part (Phrase{...}) and fails for one with no Spanish: the demo
// shows some kinds of signal only.
func TestEverySignalFormInSpanish(t *testing.T) {
	fs := token.NewFileSet()
	af, err := parser.ParseFile(fs, "../registrar/circulators.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	check := func(e ast.Expr) {
		if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			f, _ := strconv.Unquote(lit.Value)
			n++
			if _, ok := engineFormats[f]; !ok {
				t.Errorf("%s: no Spanish for the signal's %q", fs.Position(lit.Pos()), f)
			}
		}
	}
	ast.Inspect(af, func(x ast.Node) bool {
		switch c := x.(type) {
		case *ast.CallExpr:
			if id, ok := c.Fun.(*ast.Ident); ok && id.Name == "signal" && len(c.Args) > 1 {
				check(c.Args[1])
			}
		case *ast.CompositeLit:
			if id, ok := c.Type.(*ast.Ident); ok && id.Name == "Phrase" && len(c.Elts) > 0 {
				e := c.Elts[0]
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					e = kv.Value
				}
				check(e)
			}
		}
		return true
	})
	if n < 10 {
		t.Fatalf("%d forms read: the walk is broken", n)
	}
	// The figures as Spanish writes them.
	s := registrar.Signal{Form: "validity %.1f%% (95%% interval %.1f–%.1f%%) of %d lines, against %.1f%% of the other circulators' %d lines (z = %.1f)",
		Args: []any{61.25, 50.5, 70.0, 1200, 80.0, 3400, -3.2}}
	if got, want := newLang("es").SignalText(s), "validez del 61,2\u00a0% (intervalo del 95\u00a0%: 50,5–70,0\u00a0%) en 1.200 líneas, frente al 80,0\u00a0% de las 3.400 líneas de los demás recolectores (z = -3,2)"; got != want {
		t.Errorf("a signal in Spanish: %q, want %q", got, want)
	}
	// The days as the site writes dates in Spanish.
	approved, deadline := registrar.Date(time.Date(2022, 7, 6, 0, 0, 0, 0, time.UTC)), registrar.Date(time.Date(2022, 12, 1, 0, 0, 0, 0, time.UTC))
	s = registrar.Signal{Form: "%d of %d lines dated outside the circulation window or their section's dates: %s",
		Args: []any{5, 1200, registrar.Phrases{Sep: "; ", List: []registrar.Phrase{
			{Form: "%d %s", Args: []any{2, registrar.Phrase{Form: "before the form was approved (%s)", Args: []any{approved}}}},
			{Form: "%d %s", Args: []any{3, registrar.Phrase{Form: "after the filing deadline (%s)", Args: []any{deadline}}}},
		}}}}
	if got, want := newLang("es").SignalText(s), "5 de 1.200 líneas con fecha fuera del periodo de circulación o de las fechas de su sección: 2 antes de la aprobación del formulario (6 de julio de 2022); 3 después del plazo de presentación (1 de diciembre de 2022)"; got != want {
		t.Errorf("a signal's days in Spanish: %q, want %q", got, want)
	}
}

// TestRefusalWordsInSpanish: the engine's words inside a refusal are worded too — why a
// petition must be filed first, and a pack's citation given as the reason — while the ids
// stay as given.
func TestRefusalWordsInSpanish(t *testing.T) {
	es := newLang("es")
	for _, c := range []struct {
		err  *signet.Error
		want string
	}{
		{signet.Errorf(signet.EConflict, "petition %q is not filed yet: %s", "p1", "the sample is drawn from the lines filed"),
			`la petición "p1" aún no se ha presentado: la muestra se extrae de las líneas presentadas`},
		{signet.Errorf(signet.EConflict, "petition %q: %d filed lines are verified in full, not sampled (%s)", "user", 1234, "RCW 29A.72.230: registered voters"),
			`petición "user": 1.234 líneas presentadas se verifican todas, sin muestra (RCW 29A.72.230: votantes inscritos)`},
	} {
		if got := es.errorText(c.err, c.err.Error()); got != c.want {
			t.Errorf("%q in Spanish: %q, want %q", c.err.Message, got, c.want)
		}
	}
}

// TestWebRefusalPagesInSpanish meets the web door's own refusals on the pages in Spanish —
// an upload with no file or two, an upload with no destination, a new account's two
// passwords that differ, the audit log's query, a form that cannot be read — each worded
// in Spanish with none of the English left (the English page keeps the web's words).
func TestWebRefusalPagesInSpanish(t *testing.T) {
	ts := newTestServerOn(t, copyDemo(t))
	admin := ts.login(registrar.RoleAdmin)
	noFile, noFileCT := multipartBody(t, map[string]string{"jurisdiction": "demo"}, "", "")
	nowhere, nowhereCT := multipartBody(t, nil, "roll.csv", "voter_id\n")
	pw := strings.Repeat("x", 16)
	for _, c := range []struct {
		name, method, path, body string
		headers                  []string
		status                   int
		english, spanish         string
	}{
		{"an upload with no file", "POST", "/admin/uploads/roll", noFile, []string{noFileCT}, 400,
			"choose a file to upload", "elija un archivo para subir"},
		{"an upload going nowhere", "POST", "/admin/uploads/roll", nowhere, []string{nowhereCT}, 400,
			"choose where the file goes", "elija adónde va el archivo"},
		{"an upload not multipart", "POST", "/admin/uploads/lines", "petition=demo", nil, 400,
			"send the form as multipart/form-data", "envíe el formulario como multipart/form-data, con el archivo"},
		{"two passwords", "POST", "/admin/users", url.Values{"name": {"ben"}, "role": {"clerk"}, "password": {pw}, "confirm": {pw + "y"}}.Encode(), nil, 400,
			"the two passwords differ", "las dos contraseñas no coinciden: escriba la misma dos veces"},
		{"the audit log's limit", "GET", "/admin/audit?limit=many", "", nil, 400,
			"give a whole number", "limit &#34;many&#34;: indique un número entero"},
		{"the audit log's before", "GET", "/admin/audit?before=last", "", nil, 400,
			"give an event&#39;s number", "before &#34;last&#34;: indique el número de un evento"},
		{"a form that cannot be read", "POST", "/admin/users", "name=%zz", nil, 400,
			"the form could not be read", "no se pudo leer el formulario"},
	} {
		for _, lang := range []string{"en", "es"} {
			sep := "?"
			if strings.Contains(c.path, "?") {
				sep = "&"
			}
			res, body := ts.send(c.method, "http://signet.test"+c.path+sep+"lang="+lang, c.body, append([]string{admin}, c.headers...)...)
			if res.StatusCode != c.status {
				t.Errorf("%s (%s): %d, want %d: %.800s", c.name, lang, res.StatusCode, c.status, body)
				continue
			}
			if lang == "en" && !strings.Contains(body, c.english) {
				t.Errorf("%s in English: want %q: %.1500s", c.name, c.english, body)
			}
			if lang == "es" && (!strings.Contains(body, c.spanish) || strings.Contains(body, c.english)) {
				t.Errorf("%s in Spanish: want %q and not %q: %.1500s", c.name, c.spanish, c.english, body)
			}
		}
	}
	ts.noFailureLogged(t)
}

// TestJobKindInRefusal: a job of a kind already running on a target is refused with the
// kind of job in Spanish (every kind: wordArgs and the pages' catalog), the ids and the
// job's address as the English gives them (not grouped as numbers: job 1234 is at
// /jobs/1234).
func TestJobKindInRefusal(t *testing.T) {
	es, en := newLang("es"), newLang("en")
	for kind, text := range kindText {
		if w := es.argWord(text); w == text || w == "" {
			t.Errorf("the kind %s in a refusal stays %q", kind, w)
		}
	}
	jr := newJobRunner(context.Background(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	defer jr.stop()
	jr.last = 1233
	hold := make(chan struct{})
	defer close(hold)
	work := func(ctx context.Context, _ func(string, int, int)) (any, error) {
		select {
		case <-hold:
		case <-ctx.Done():
		}
		return nil, nil
	}
	if _, err := jr.start(jobLines, "demo", "ana", registrar.PermDataImport, work); err != nil {
		t.Fatal(err)
	}
	j, err := jr.start(jobLines, "demo", "ben", registrar.PermDataImport, work)
	if err == nil || j == nil || j.ID != 1234 {
		t.Fatalf("the second start: %v %v", j, err)
	}
	if got, want := en.errorText(err, err.Error()), "an import of lines of demo runs already (job 1234, started by ana): follow it at /jobs/1234"; got != want {
		t.Errorf("in English: %q, want %q", got, want)
	}
	if got, want := es.errorText(err, err.Error()), "una importación de líneas de demo ya está en curso (trabajo 1234, iniciado por ana): sígalo en /jobs/1234"; got != want {
		t.Errorf("in Spanish: %q, want %q", got, want)
	}
}
