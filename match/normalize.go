package match

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// foldTable maps accented Latin letters to their ASCII base letters (upper case).
var foldTable = map[rune]string{}

func init() {
	groups := []struct{ to, from string }{
		{"A", "ÀÁÂÃÄÅàáâãäåĀāĂăĄąǍǎ"},
		{"AE", "Ææ"},
		{"C", "ÇçĆćĈĉĊċČč"},
		{"D", "ĎďĐđÐð"},
		{"E", "ÈÉÊËèéêëĒēĔĕĖėĘęĚě"},
		{"G", "ĜĝĞğĠġĢģ"},
		{"H", "ĤĥĦħ"},
		{"I", "ÌÍÎÏìíîïĨĩĪīĬĭĮįİı"},
		{"J", "Ĵĵ"},
		{"K", "Ķķ"},
		{"L", "ĹĺĻļĽľĿŀŁł"},
		{"N", "ÑñŃńŅņŇň"},
		{"O", "ÒÓÔÕÖØòóôõöøŌōŎŏŐőǑǒ"},
		{"OE", "Œœ"},
		{"R", "ŔŕŖŗŘř"},
		{"S", "ŚśŜŝŞşŠš"},
		{"SS", "ß"},
		{"T", "ŢţŤťŦŧ"},
		{"TH", "Þþ"},
		{"U", "ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲųǓǔ"},
		{"W", "Ŵŵ"},
		{"Y", "ÝŸýÿŶŷ"},
		{"Z", "ŹźŻżŽž"},
	}
	for _, g := range groups {
		for _, r := range g.from {
			foldTable[r] = g.to
		}
	}
}

// isApostrophe reports runes dropped without a trace: O'Brien is OBRIEN.
func isApostrophe(r rune) bool {
	return r == '\'' || r == '`' || r == '\u2019' || r == '\u2018' || r == '\u02bc' || r == '\u00b4'
}

// nameNormalized reports whether s is already in NormalizeName form.
func nameNormalized(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	prevSpace := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
			prevSpace = false
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		default:
			return false
		}
	}
	return true
}

// NormalizeName returns s in upper case with diacritics folded to ASCII, apostrophes
// dropped (O'Brien is OBRIEN), other punctuation (hyphens, periods, commas) turned
// into spaces, and whitespace collapsed. A name already in that form is returned as is.
func NormalizeName(s string) string {
	if nameNormalized(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false // a separator is pending
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		i += n
		var out string
		switch {
		case r >= 'a' && r <= 'z':
			r -= 'a' - 'A'
		case r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		case r < utf8.RuneSelf:
			if isApostrophe(r) {
				continue
			}
			space = true
			continue
		default:
			if isApostrophe(r) {
				continue
			}
			if f, ok := foldTable[r]; ok {
				out = f
			} else if unicode.IsLetter(r) || unicode.IsDigit(r) {
				out = string(unicode.ToUpper(r))
			} else {
				space = true
				continue
			}
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		if out != "" {
			b.WriteString(out)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// PersonName is a printed name split into its parts, each in NormalizeName form.
type PersonName struct {
	First  string // given name or initial
	Middle string // middle names or initials, space separated
	Last   string // surname, compound surnames space separated
	Suffix string // JR, SR, II, III or IV
}

// nameSuffixes are the generational suffixes recognised at the end of a name.
var nameSuffixes = map[string]string{
	"JR": "JR", "JUNIOR": "JR", "SR": "SR", "SENIOR": "SR",
	"II": "II", "III": "III", "IV": "IV", "2ND": "II", "3RD": "III", "4TH": "IV",
}

// surnameParticles join the word after them into one surname: DE LA CRUZ, VAN DYKE.
var surnameParticles = map[string]bool{
	"DE": true, "DEL": true, "DELA": true, "LA": true, "LOS": true, "LAS": true, "DA": true,
	"DAS": true, "DOS": true, "DI": true, "DU": true, "VAN": true, "VON": true, "DER": true,
	"DEN": true, "LE": true, "ST": true, "MC": true, "MAC": true, "Y": true, "BIN": true, "BEN": true,
	"AL": true, "EL": true,
}

// NormalizeSuffix returns the canonical generational suffix (JR, SR, II, III, IV) of s,
// or "" when s is not one.
func NormalizeSuffix(s string) string {
	return nameSuffixes[NormalizeName(s)]
}

// ParsePrintedName splits a name as a person prints it into first, middle, last and
// suffix. It reads "First Middle Last Suffix" and "Last, First Middle Suffix"; periods
// of initials are dropped ("R. J. Smith" has first R and middle J), a trailing
// JR/SR/II/III/IV is the suffix, and particles (DE, LA, VAN, ...) stay with the surname.
// Without a comma the last word (with its particles) is the surname; with four or more
// words the words after the middle one form a compound surname.
func ParsePrintedName(s string) PersonName {
	var p PersonName
	if i := strings.IndexByte(s, ','); i >= 0 {
		lastTok := nameTokens(s[:i])
		restTok := nameTokens(s[i+1:])
		if n := len(lastTok); n > 1 {
			if suf, ok := nameSuffixes[lastTok[n-1]]; ok {
				p.Suffix = suf
				lastTok = lastTok[:n-1]
			}
		}
		if n := len(restTok); n > 0 {
			if suf, ok := nameSuffixes[restTok[n-1]]; ok && (n > 1 || len(lastTok) > 0) {
				p.Suffix = suf
				restTok = restTok[:n-1]
			}
		}
		if len(lastTok) == 0 {
			return parseTokens(restTok, p.Suffix)
		}
		if len(restTok) == 0 {
			// "John A. Smith, Jr.": the comma only set off the suffix.
			return parseTokens(lastTok, p.Suffix)
		}
		p.Last = strings.Join(lastTok, " ")
		p.First = restTok[0]
		if len(restTok) > 1 {
			p.Middle = strings.Join(restTok[1:], " ")
		}
		return p
	}
	return parseTokens(nameTokens(s), "")
}

// nameTokens splits a name into words at spaces and punctuation, but keeps hyphenated
// words together: "R.J. Garcia-Lopez" is R, J, "GARCIA LOPEZ".
func nameTokens(s string) []string {
	raw := strings.FieldsFunc(s, func(r rune) bool {
		if r == '-' || isApostrophe(r) {
			return false
		}
		if r >= utf8.RuneSelf {
			return unicode.IsSpace(r) || unicode.IsPunct(r) && r != '\u2010' && r != '\u2013'
		}
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	})
	out := raw[:0]
	for _, w := range raw {
		if n := NormalizeName(w); n != "" {
			out = append(out, n)
		}
	}
	return out
}

func parseTokens(tok []string, suffix string) PersonName {
	p := PersonName{Suffix: suffix}
	if n := len(tok); n > 2 {
		if suf, ok := nameSuffixes[tok[n-1]]; ok {
			p.Suffix = suf
			tok = tok[:n-1]
		}
	}
	switch n := len(tok); n {
	case 0:
	case 1:
		p.Last = tok[0]
	case 2:
		p.First, p.Last = tok[0], tok[1]
	default:
		// The surname starts at the last word, extended back over particles.
		start := n - 1
		for start > 1 && surnameParticles[tok[start-1]] {
			start--
		}
		if n >= 4 && start == n-1 {
			start = 2
		}
		p.First = tok[0]
		p.Middle = strings.Join(tok[1:start], " ")
		p.Last = strings.Join(tok[start:], " ")
	}
	return p
}

// ZIP5 returns the five-digit ZIP code of s ("90012-1234" and "900121234" are 90012; a
// four-digit ZIP that lost its leading zero is padded), or "" when s holds none.
func ZIP5(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '-'); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return ""
		}
	}
	switch len(s) {
	case 5:
		return s
	case 9:
		return s[:5]
	case 3, 4:
		return "00000"[:5-len(s)] + s
	}
	return ""
}

// unitDesignators are the words that introduce a unit number.
var unitDesignators = map[string]bool{
	"APT": true, "APARTMENT": true, "APTO": true, "UNIT": true, "STE": true, "SUITE": true,
	"NO": true, "NUM": true, "NUMBER": true, "NBR": true, "SPC": true, "SPACE": true, "RM": true,
	"ROOM": true, "UNT": true, "DEPT": true, "LOT": true, "TRLR": true, "BLDG": true, "FL": true,
}

// NormalizeUnit returns the unit number of s without its designator and punctuation:
// "Apt. 4", "#4", "UNIT 4" and "Ste 4" are all "4"; "Apt 4-B" is "4B".
func NormalizeUnit(s string) string {
	if s == "" {
		return ""
	}
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			clean = false
			break
		}
	}
	if clean && !unitDesignators[s] {
		return s
	}
	tok := strings.Fields(NormalizeName(strings.ReplaceAll(s, "#", " # ")))
	var b strings.Builder
	for _, t := range tok {
		if unitDesignators[t] && len(tok) > 1 {
			continue
		}
		b.WriteString(t)
	}
	return b.String()
}

// normHouse returns a house number in canonical form: upper case, single spaces,
// leading zeros dropped ("0123 1/2" is "123 1/2").
func normHouse(s string) string {
	clean := s != "" && s[0] != '0'
	for i := 0; i < len(s) && clean; i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z') {
			clean = false
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z':
			c -= 'a' - 'A'
		case c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '/':
		case c == '-' && b.Len() > 0:
			// "123-1/2" is "123 1/2"; "12-B" is "12 B".
			space = true
			continue
		default:
			space = true
			continue
		}
		if c == '0' && (b.Len() == 0) {
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteByte(c)
	}
	if b.Len() == 0 && strings.ContainsRune(s, '0') {
		return "0"
	}
	return b.String()
}

// nameKey is a name in NormalizeName form without its spaces and digits: the form names
// are compared and indexed in. A digit in a name is a keying slip (1RUMOR for RUMOR); a
// generational suffix written with digits (3RD) is parsed off before a name gets here.
func nameKey(n string) string {
	if strings.IndexFunc(n, func(r rune) bool { return r == ' ' || r >= '0' && r <= '9' }) < 0 {
		return n
	}
	return strings.Map(func(r rune) rune {
		if r == ' ' || r >= '0' && r <= '9' {
			return -1
		}
		return r
	}, n)
}
