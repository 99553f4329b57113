package signet

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCheckText(t *testing.T) {
	for _, tc := range []struct {
		in   string
		max  int
		want string // part of the message; "" for fit text
	}{
		{"MAIN ST", 10, ""},
		{"JOSÉ ÑUÑEZ", 10, ""},
		{"", 0, ""},
		{"A\x00B", 10, "character 2 is a control character (U+0000)"},
		{"A\nB", 10, "(U+000A)"},
		{"A\tB", 10, "(U+0009)"},
		{"A\x7fB", 10, "(U+007F)"},
		{"A\u0085B", 10, "(U+0085)"},
		{"AB\xffC", 10, "byte 3 is 0xff"},
		{"\xc3", 10, "not UTF-8"},
		{"ÉÉÉ", 2, "3 characters, more than the 2"},
		{"ÉÉ", 2, ""},
	} {
		got := CheckText(tc.in, tc.max)
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("CheckText(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
		}
	}
}

func TestCheckID(t *testing.T) {
	for _, ok := range []string{"demo", "la-2022", "gascon_recall", "ca:la", "r1.v2", strings.Repeat("x", MaxIDLength)} {
		if err := CheckID("petition id", ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for in, want := range map[string]string{
		"":                                 "is empty",
		"a b":                              `character 2 (' ') is not allowed`,
		"a\nb":                             `character 2 ('\n')`,
		"ñ":                                "character 1",
		strings.Repeat("x", 100_000):       "100000 characters, more than 64",
		strings.Repeat("x", MaxIDLength+1): "65 characters",
	} {
		err := CheckID("petition id", in)
		if Code(err) != EInvalid || !strings.Contains(err.Error(), want) || len(err.Error()) > 300 {
			t.Errorf("CheckID(%.20q) = %v, want %q", in, err, want)
		}
	}
}

func FuzzCheckText(f *testing.F) {
	f.Add("MAIN ST", 10)
	f.Add("A\x00\xff", 3)
	f.Fuzz(func(t *testing.T, s string, max int) {
		control := strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) })
		fit := utf8.ValidString(s) && !control && utf8.RuneCountInString(s) <= max
		if msg := CheckText(s, max); (msg == "") != fit {
			t.Fatalf("CheckText(%q, %d) = %q; fit %v", s, max, msg, fit)
		}
	})
}
