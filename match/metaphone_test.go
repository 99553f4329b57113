package match

import (
	"strings"
	"testing"
)

// metaphoneCases are hand-checked against the rules in Metaphone's doc comment (and agree
// with jellyfish.metaphone).
var metaphoneCases = []struct{ in, want string }{
	{"", ""},
	// Vowels are kept only at the start of a word.
	{"A", "A"},
	{"EVANS", "EFNS"},
	{"OWEN", "OWN"},    // W before a vowel is kept
	{"AUGUST", "AKST"}, // G before S is K
	{"HAYES", "HYS"},   // H at the start, Y before a vowel
	{"MY", "M"},        // Y before no vowel is silent
	{"YOUNG", "YNK"},   // a final G is K
	{"EE", ""},         // no consonant, and the first E is dropped as a doubled letter
	{"ZIMMERMAN", "SMRMN"},
	// Initial AE, GN, KN, PN, WR lose their first letter; initial X is S; initial WH is W.
	{"AEBERSOLD", "EBRSLT"},
	{"GNAGY", "NJ"},
	{"KNUTH", "N0"},
	{"PNEUMANN", "NMN"},
	{"WRIGHT", "RT"},
	{"XAVIER", "SFR"},
	{"XIONG", "XNK"}, // the initial X is an S, and SIO is X
	{"WHITE", "WT"},
	{"WHEELER", "WLR"},
	{"MCKNIGHT", "MKNT"}, // KN only at the start
	// GH.
	{"KNIGHT", "NT"},
	{"HUGH", "H"},
	{"LAUGHLIN", "LLN"},
	{"GHOST", "KHST"}, // GH before a vowel is K, and the H is kept
	{"HUGHES", "HKHS"},
	// PH, TH, SCH, CH, CK, X.
	{"PHILLIPS", "FLPS"},
	{"STEPHEN", "STFN"},
	{"THOMAS", "0MS"},
	{"SMITH", "SM0"},
	{"SCHMIDT", "SXMTT"},
	{"SCHOOL", "SXL"},
	{"BOSCH", "BSX"},
	{"CHARLES", "XRLS"},
	{"CHRISTOPHER", "XRSTFR"},
	{"JACKSON", "JKSN"},
	{"BECK", "BK"},
	{"MAXWELL", "MKSWL"},
	// CIA, TIA/TIO, TCH, DGE, MB, final GN, Q, V, Z.
	{"PATRICIA", "PTRX"},
	{"NATION", "NXN"},
	{"MITCHELL", "MXL"},
	{"DODGE", "TJ"},
	{"HODGES", "HJS"},
	{"DUMB", "TM"},
	{"SIGN", "S"},
	{"WAGNER", "WKNR"},
	{"QUINN", "KN"},
	{"VAZQUEZ", "FSKS"},
	// Doubled letters count once, except C.
	{"LLOYD", "LT"},
	{"BARRETT", "BRT"},
	{"MCCOY", "MKK"},
	{"ACCENT", "AKSNT"},
	// Non-letters are skipped; a space is kept once (as jellyfish does) and starts a word.
	{"123", ""},
	{"SMITH-JONES", "SM0JNS"},
	{"O'BRIEN", "OBRN"},
	{"O BRIEN", "O BRN"},
	{"DE LA CRUZ", "T L KRS"},
	{"JOHN 3RD", "JN RT"},
	{"  SMITH  ", "SM0 "},
	{"A 0 B", "A  B"}, // the digit is skipped between two spaces, each kept
	{"knight", "NT"},  // lower case is folded
}

func TestMetaphone(t *testing.T) {
	for _, c := range metaphoneCases {
		if got := Metaphone(c.in); got != c.want {
			t.Errorf("Metaphone(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestMetaphoneSoundAlikes records which sound-alike surnames share a code: Metaphone joins
// the first four pairs and keeps the last two apart (the P of CAMPBELL is sounded; a
// word's first vowel is kept).
func TestMetaphoneSoundAlikes(t *testing.T) {
	cases := []struct {
		a, b, codeA, codeB string
	}{
		{"SENTRY", "CENTURY", "SNTR", "SNTR"},
		{"KEARNAY", "KEARNEY", "KRN", "KRN"},
		{"RHOADS", "RHODES", "RHTS", "RHTS"},
		{"ROTHCHILD", "ROTHSHILD", "R0XLT", "R0XLT"},
		{"CAMBLE", "CAMPBELL", "KMBL", "KMPBL"},
		{"IRVIN", "ERVINE", "IRFN", "ERFN"},
	}
	for _, c := range cases {
		if got := Metaphone(c.a); got != c.codeA {
			t.Errorf("Metaphone(%q) = %q, want %q", c.a, got, c.codeA)
		}
		if got := Metaphone(c.b); got != c.codeB {
			t.Errorf("Metaphone(%q) = %q, want %q", c.b, got, c.codeB)
		}
	}
}

func TestMetaphoneAllocs(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { _ = Metaphone("CHRISTOPHERSON") }); n > 1 {
		t.Errorf("Metaphone allocates %v times, want at most 1", n)
	}
	if n := testing.AllocsPerRun(100, func() { _ = Metaphone("") }); n != 0 {
		t.Errorf("Metaphone(\"\") allocates %v times, want 0", n)
	}
}

// metaphoneAlphabet is every byte a code may hold.
const metaphoneAlphabet = "ABEFHIJKLMNOPRSTUWXY0 "

func FuzzMetaphone(f *testing.F) {
	for _, c := range metaphoneCases {
		f.Add(c.in)
	}
	f.Add("XX  -WH\x00\xff")
	f.Fuzz(func(t *testing.T, s string) {
		code := Metaphone(s)
		for i := 0; i < len(code); i++ {
			if strings.IndexByte(metaphoneAlphabet, code[i]) < 0 {
				t.Fatalf("Metaphone(%q) = %q: byte %q outside %q", s, code, code[i], metaphoneAlphabet)
			}
		}
		// Spaces may follow each other in the code when a skipped byte parts them (A 0 B).
		if strings.HasPrefix(code, " ") {
			t.Fatalf("Metaphone(%q) = %q: leading space", s, code)
		}
		if len(code) > 2*len(s) {
			t.Fatalf("Metaphone(%q) = %q: longer than twice its input", s, code)
		}
		if up := strings.ToUpper(s); Metaphone(up) != code && isASCII(s) {
			t.Fatalf("Metaphone(%q) = %q but Metaphone(%q) = %q", s, code, up, Metaphone(up))
		}
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func BenchmarkMetaphone(b *testing.B) {
	names := []string{"SMITH", "JOHNSON", "WILLIAMS", "CHRISTOPHERSON", "KNIGHT", "SCHMIDT",
		"MACINTOSH", "PHILLIPS", "ROTHSCHILD", "WASHINGTON", "GARCIA", "O BRIEN"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		_ = Metaphone(names[i%len(names)])
	}
}
