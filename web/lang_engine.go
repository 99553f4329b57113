package web

import (
	"errors"
	"reflect"
	"slices"
	"strings"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/registrar"
	"github.com/signet-vote/signet/sample"
)

// Word is one of the engine's words or sentences (a field, a level, a status, a rule's
// text, a pack's title, a citation) in the reader's language: engineTexts, else as the
// engine wrote it.
func (l *lang) Word(s string) string {
	if l.Code != languages[0].code {
		if t, ok := engineTexts[s]; ok {
			return t
		}
	}
	return s
}

// SubReason is a sub-reason of "other" (signet.Sub*) in the reader's language.
func (l *lang) SubReason(sub string) string {
	if s, ok := subReasonLabels[sub]; ok {
		return l.T(s)
	}
	return sub
}

// Citation is one of a certificate's citations in the reader's language: what it is for
// and the petition's setting translated, the law cited as the pack gives it (with the
// sentences around the statute translated where engineTexts has them).
func (l *lang) Citation(c registrar.Citation) string {
	label := l.Word(c.Label)
	if c.Setting != "" {
		label += " (" + l.Word(c.Setting) + ")"
	}
	return label + ": " + l.Word(c.Cite)
}

// stepText is a recorded projection step's text in the reader's language: the step's form
// with its numbers written as the language writes them, where the engine's form (forms[i])
// writes the recorded text word for word in English; else the recorded text.
func (l *lang) stepText(forms []sample.Step, i int, name, text string) string {
	if i >= len(forms) || forms[i].Name != name || forms[i].Form == "" || forms[i].English() != text {
		return text
	}
	args := make([]any, len(forms[i].Args))
	for j, a := range forms[i].Args {
		args[j] = l.stepArg(a)
	}
	return l.p.Sprintf(forms[i].Form, args...)
}

// stepArg writes a step's number as the rest of the page writes numbers: 1,234.5678 /
// 1.234,5678.
func (l *lang) stepArg(a sample.Arg) string {
	if l.Code != "es" {
		return a.String()
	}
	return a.Format(".", ",")
}

// errorText is what a page says of an error in the reader's language: msg, the message the
// server gives (web/errors.go), with the engine's refusal worded from its format and values
// (signet.Error.Format, engineFormats), the values as the engine gave them (numbers as the
// language writes them); an error with no translation keeps the engine's English.
func (l *lang) errorText(err error, msg string) string {
	if l.Code == languages[0].code {
		return msg
	}
	var e *signet.Error
	if errors.As(err, &e) && strings.HasSuffix(msg, e.Message) {
		if s, ok := l.engineSentence(e); ok {
			return msg[:len(msg)-len(e.Message)] + s
		}
	}
	if _, ok := engineFormats[msg]; ok && !strings.Contains(msg, "%") {
		return l.T(msg)
	}
	return msg
}

// engineSentence is a refusal of the engine in the reader's language, from its format
// (engineFormats) and values; a value that is itself a refusal of the engine (a value's
// fault inside a file's line and column, an *signet.Error or an error that says no more than
// one) is worded the same way, and a plain error whose text engineTexts has (encoding/csv's)
// is translated whole. False when the format has no translation.
func (l *lang) engineSentence(e *signet.Error) (string, bool) {
	if e == nil || e.Format == "" {
		return "", false
	}
	if _, ok := engineFormats[e.Format]; !ok {
		return "", false
	}
	args := make([]any, len(e.Args))
	for i, a := range e.Args {
		args[i] = a
		if slices.Contains(wordArgs[e.Format], i) {
			args[i] = l.argWord(a)
			continue
		}
		if sub, ok := a.(*signet.Error); ok && sub == nil {
			continue
		}
		err, ok := a.(error)
		if !ok || err == nil {
			continue
		}
		var sub *signet.Error
		if errors.As(err, &sub) && sub.Message == err.Error() {
			if s, ok := l.engineSentence(sub); ok {
				args[i] = s
			}
		} else if t, ok := engineTexts[err.Error()]; ok {
			args[i] = t
		}
	}
	return l.p.Sprintf(e.Format, args...), true
}

// argWord is one of the engine's words inside a refusal (wordArgs) in the reader's
// language: argWords, else engineTexts (a citation), else the pages' catalog (a role), else
// as the engine wrote it.
func (l *lang) argWord(a any) any {
	v := reflect.ValueOf(a)
	if !v.IsValid() || v.Kind() != reflect.String {
		return a
	}
	w := v.String()
	if t, ok := argWords[w]; ok {
		return t
	}
	if t, ok := engineTexts[w]; ok {
		return t
	}
	if _, ok := spanish[w]; ok && !strings.Contains(w, "%") {
		return l.T(w)
	}
	return w
}

// Signed writes a weight with its sign and two decimals (+3.21 / +3,21).
func (l *lang) Signed(x float64) string { return l.p.Sprintf("%+.2f", x) }

// Dec2 writes a number with two decimals (0.97 / 0,97).
func (l *lang) Dec2(x float64) string { return l.p.Sprintf("%.2f", x) }

// SignalText is a campaign signal's text in the reader's language: its form
// (registrar.Signal.Form, engineFormats) with its figures as the language writes numbers and
// its parts (registrar.Phrase) worded the same way, its days (registrar.Date) as the site
// writes dates ("6 de julio de 2022"); the engine's text where the form has no translation.
func (l *lang) SignalText(s registrar.Signal) string {
	if l.Code == languages[0].code || s.Form == "" {
		return s.Text
	}
	if t, ok := l.phrase(registrar.Phrase{Form: s.Form, Args: s.Args}); ok {
		return t
	}
	return s.Text
}

// phrase words a part of a signal (engineFormats), false when its form has no translation.
func (l *lang) phrase(p registrar.Phrase) (string, bool) {
	if _, ok := engineFormats[p.Form]; !ok {
		return "", false
	}
	args := make([]any, len(p.Args))
	for i, a := range p.Args {
		args[i] = a
		switch x := a.(type) {
		case registrar.Date:
			args[i] = l.Date(x.String())
		case registrar.Phrase:
			if t, ok := l.phrase(x); ok {
				args[i] = t
			}
		case registrar.Phrases:
			parts := make([]string, len(x.List))
			for j, q := range x.List {
				parts[j] = q.String()
				if t, ok := l.phrase(q); ok {
					parts[j] = t
				}
			}
			args[i] = strings.Join(parts, x.Sep)
		}
	}
	return l.p.Sprintf(p.Form, args...), true
}
