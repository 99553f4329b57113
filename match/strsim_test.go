package match

import (
	"math"
	"strings"
	"testing"
)

func TestJaroWinkler(t *testing.T) {
	cases := []struct {
		a, b string
		want float64
	}{
		{"MARTHA", "MARHTA", 0.9611},
		{"DWAYNE", "DUANE", 0.84},
		{"DIXON", "DICKSONX", 0.8133},
		{"JONES", "JOHNSON", 0.8324},
		{"ABC", "ABC", 1},
		{"", "", 1},
		{"ABC", "", 0},
		{"ABC", "XYZ", 0},
		{"A", "A", 1},
	}
	for _, c := range cases {
		got := JaroWinkler(c.a, c.b)
		if math.Abs(got-c.want) > 0.00005 {
			t.Errorf("JaroWinkler(%q, %q) = %.4f, want %.4f", c.a, c.b, got, c.want)
		}
		if r := JaroWinkler(c.b, c.a); math.Abs(r-got) > 1e-12 {
			t.Errorf("JaroWinkler not symmetric on %q, %q: %v vs %v", c.a, c.b, got, r)
		}
	}
}

func TestDamerauLevenshtein(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"ABC", "", 3},
		{"", "AB", 2},
		{"GARCIA", "GARCIA", 0},
		{"GARCIA", "GRACIA", 1},
		{"GARCIA", "GARCA", 1},
		{"GARCIA", "GARCIAS", 1},
		{"GARCIA", "GARXIA", 1},
		{"CA", "AC", 1},
		{"CA", "ABC", 3}, // optimal string alignment, not true Damerau-Levenshtein (2)
		{"KITTEN", "SITTING", 3},
	}
	for _, c := range cases {
		if got := DamerauLevenshtein(c.a, c.b); got != c.want {
			t.Errorf("DamerauLevenshtein(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
		if got := withinOneEdit(c.a, c.b); got != (c.want <= 1) {
			t.Errorf("withinOneEdit(%q, %q) = %v", c.a, c.b, got)
		}
	}
	long := "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ"
	if got := DamerauLevenshtein(long, long[1:]); got != 1 {
		t.Errorf("long strings: got %d, want 1", got)
	}
}

func TestSimilarityAllocs(t *testing.T) {
	a, b := "MARIA GUADALUPE GARCIA LOPEZ", "MARIA GUADALUPE GRACIA LOPES"
	if n := testing.AllocsPerRun(100, func() { JaroWinkler(a, b) }); n != 0 {
		t.Errorf("JaroWinkler allocates %v times", n)
	}
	if n := testing.AllocsPerRun(100, func() { DamerauLevenshtein(a, b) }); n != 0 {
		t.Errorf("DamerauLevenshtein allocates %v times", n)
	}
}

func BenchmarkJaroWinkler(b *testing.B) {
	for b.Loop() {
		JaroWinkler("FIGUEROA", "FIGEUROA")
	}
}

func BenchmarkDamerauLevenshtein(b *testing.B) {
	for b.Loop() {
		DamerauLevenshtein("FIGUEROA", "FIGEUROA")
	}
}

func FuzzWithinOneEdit(f *testing.F) {
	f.Add("GARCIA", "GRACIA")
	f.Add("AB", "BA")
	f.Fuzz(func(t *testing.T, a, b string) {
		if len(a) > 40 || len(b) > 40 {
			return
		}
		if got, want := withinOneEdit(a, b), DamerauLevenshtein(a, b) <= 1; got != want {
			t.Fatalf("withinOneEdit(%q, %q) = %v, DamerauLevenshtein says %v", a, b, got, want)
		}
	})
}

// However long the strings, a comparison reads a bounded number of bytes: two 1 MB
// streets compare in microseconds, not the minute their square would take.
func TestMetricsBoundTheirWork(t *testing.T) {
	a, b := strings.Repeat("OAK ", 1<<18), strings.Repeat("ELM ", 1<<18)
	if d := DamerauLevenshtein(a, b); d < len(a)-maxCompare || d > len(a) {
		t.Errorf("distance of two 1 MB strings %d, want near %d", d, len(a))
	}
	if DamerauLevenshtein(a, a) != 0 || JaroWinkler(a, a) != 1 {
		t.Error("a long string differs from itself")
	}
	allocs := testing.AllocsPerRun(10, func() { JaroWinkler(a, b); DamerauLevenshtein(a, b) })
	if allocs > 6 {
		t.Errorf("%v allocations a comparison of long strings", allocs)
	}
}
