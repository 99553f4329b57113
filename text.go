package signet

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// CheckText says what makes s unfit to be stored as a field's text, "" when nothing does:
// bytes that are not UTF-8, a control character (C0, DEL or C1: a NUL, a tab, a line break,
// an escape), or more than max characters. Every door refuses such text where it enters,
// naming where it is, so that nothing stored can break a listing, a page or a terminal,
// and no field can make the linker's work grow beyond a record's size.
func CheckText(s string, max int) string {
	if e := TextFault(s, max); e != nil {
		return e.Message
	}
	return ""
}

// TextFault is CheckText's finding as an EInvalid *Error (its Format and Args, for a door
// that words it in another language), nil when nothing makes s unfit.
func TextFault(s string, max int) *Error {
	n := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			return Errorf(EInvalid, "the text is not UTF-8 (byte %d is 0x%02x): save the file as UTF-8", i+1, s[i])
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return Errorf(EInvalid, "character %d is a control character (%U), which no field may hold", n+1, r)
		}
		n++
		i += size
	}
	if n > max {
		return Errorf(EInvalid, "%d characters, more than the %d a field of this kind may hold", n, max)
	}
	return nil
}

// MaxIDLength is the longest identifier (of a jurisdiction, a report, a petition) a person
// may give.
const MaxIDLength = 64

// CheckID refuses an identifier a person gives (what names it: "petition id", ...) unless
// it is 1 to MaxIDLength letters, digits and the marks . _ - : — ids appear in listings,
// file names, URLs and commands, where a space, a line break or a quote would break them.
func CheckID(what, id string) error {
	if id == "" {
		return Errorf(EInvalid, "the %s is empty", what)
	}
	shown := id
	if len(shown) > MaxIDLength+16 {
		shown = shown[:MaxIDLength] + "..."
	}
	if n := utf8.RuneCountInString(id); n > MaxIDLength {
		return Errorf(EInvalid, "%s %q: %d characters, more than %d", what, shown, n, MaxIDLength)
	}
	for i, r := range id {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-' || r == ':'
		if !ok {
			return Errorf(EInvalid, "%s %q: character %d (%q) is not allowed: use letters, digits and . _ - :", what, shown, utf8.RuneCountInString(id[:i])+1, r)
		}
	}
	return nil
}

// Commas prints an integer with thousands separators: 715833 as 715,833.
func Commas(n int) string {
	s := strconv.Itoa(n)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i := 0; i < len(s); i++ {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
