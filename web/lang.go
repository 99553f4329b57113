package web

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// languages are the languages of the pages, the first the default.
var languages = []struct {
	tag  language.Tag
	code string
	name string // in itself, for the switch
}{
	{language.English, "en", "English"},
	{language.Spanish, "es", "Español"},
}

var (
	matcher  = language.NewMatcher([]language.Tag{language.English, language.Spanish})
	messages = buildCatalog()
)

// buildCatalog puts the translations in a catalog; English is the key itself.
func buildCatalog() catalog.Catalog {
	b := catalog.NewBuilder(catalog.Fallback(language.English))
	addMoreEngineWords()                 // messages_engine_more.go's lists join engineTexts and engineFormats first
	for key, es := range engineFormats { // the engine's formats (messages_engine.go) join the pages'
		if old, ok := spanish[key]; ok && old != es {
			panic("two Spanish texts for " + key)
		}
		spanish[key] = es
	}
	for key, es := range spanish {
		if err := b.SetString(language.Spanish, key, es); err != nil {
			panic(err) // a malformed entry of the table below: a programming error, caught by any test
		}
	}
	return b
}

// langCookie remembers the language a reader chose with the switch.
const langCookie = "lang"

// lang is a reader's language: it translates the pages' text and formats their numbers
// and dates.
type lang struct {
	Code string
	p    *message.Printer
}

// Languages are the choices of the switch.
func (l *lang) Languages() []struct{ Code, Name string } {
	out := make([]struct{ Code, Name string }, len(languages))
	for i, x := range languages {
		out[i].Code, out[i].Name = x.code, x.name
	}
	return out
}

// language picks the reader's language: ?lang= (the switch, remembered in a cookie), then
// the cookie, then Accept-Language, then English.
func (s *Server) language(w http.ResponseWriter, r *http.Request) *lang {
	code := ""
	if q := r.URL.Query().Get("lang"); known(q) {
		code = q
		http.SetCookie(w, &http.Cookie{Name: langCookie, Value: q, Path: "/", MaxAge: 365 * 24 * 3600, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	} else if c, err := r.Cookie(langCookie); err == nil && known(c.Value) {
		code = c.Value
	} else {
		tags, _, _ := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
		_, i, conf := matcher.Match(tags...)
		code = languages[0].code
		if conf != language.No {
			code = languages[i].code
		}
	}
	w.Header().Set("Content-Language", code)
	w.Header().Add("Vary", "Accept-Language, Cookie")
	return newLang(code)
}

func known(code string) bool {
	for _, x := range languages {
		if x.code == code {
			return true
		}
	}
	return false
}

func newLang(code string) *lang {
	for _, x := range languages {
		if x.code == code {
			return &lang{Code: code, p: message.NewPrinter(x.tag, message.Catalog(messages))}
		}
	}
	return newLang(languages[0].code)
}

// T translates a text of the pages, a format with args.
func (l *lang) T(key string, args ...any) string { return l.p.Sprintf(key, args...) }

// N formats a whole number with the language's digit grouping (1,234 / 1.234).
func (l *lang) N(n int) string { return l.p.Sprintf("%d", n) }

// Pct formats a percentage with two decimals (12.34% / 12,34 %).
func (l *lang) Pct(x float64) string {
	if l.Code == "es" {
		return l.p.Sprintf("%.2f", x) + "\u00a0%"
	}
	return l.p.Sprintf("%.2f", x) + "%"
}

// Share is n of total as a percentage, "–" when total is 0.
func (l *lang) Share(n, total int) string {
	if total == 0 {
		return "–"
	}
	return l.Pct(float64(n) * 100 / float64(total))
}

// Date formats a YYYY-MM-DD date as the language writes it (July 6, 2022 / 6 de julio de
// 2022); anything that is not a date is shown as it is, and nothing as "–".
func (l *lang) Date(v any) string {
	s, _ := v.(string)
	if s == "" {
		return "–"
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return s
	}
	if l.Code == "es" {
		return fmt.Sprintf("%d de %s de %d", t.Day(), monthsES[t.Month()-1], t.Year()) // a year is not grouped
	}
	return t.Format("January 2, 2006")
}

var monthsES = [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"}

// Num formats a number the engine gave as JSON (an integer or a decimal) in the language.
func (l *lang) Num(v any) string {
	switch x := v.(type) {
	case float64:
		if x == float64(int64(x)) {
			return l.p.Sprintf("%d", int64(x))
		}
		return l.p.Sprintf("%.4g", x)
	case int:
		return l.N(x)
	case int64:
		return l.p.Sprintf("%d", x)
	case nil:
		return "–"
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = l.Num(e)
		}
		return strings.Join(parts, " – ")
	}
	return strings.TrimSpace(l.p.Sprint(v))
}

// N64 formats a 64-bit whole number as N does.
func (l *lang) N64(n int64) string { return l.p.Sprintf("%d", n) }

// PctOf formats a percentage the engine gave as JSON.
func (l *lang) PctOf(v any) string {
	if x, ok := v.(float64); ok {
		return l.Pct(x)
	}
	return l.Num(v)
}

// dateLabels name a certificate's dates (its JSON keys) in English, the catalog's keys.
var dateLabels = map[string]string{
	"approved": "Form approved", "filing_deadline": "Filing deadline", "filed": "Filed",
	"sample_deadline": "Sample deadline", "full_count_deadline": "Full count deadline",
}

// DateLabel names one of a certificate's dates in the reader's language.
func (l *lang) DateLabel(key string) string {
	if s, ok := dateLabels[key]; ok {
		return l.T(s)
	}
	return key
}
