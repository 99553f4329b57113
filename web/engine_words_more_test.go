package web

import (
	"github.com/signet-vote/signet/csvfile"
	"io"
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
