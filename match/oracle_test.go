package match

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// The string metrics are checked against python3-jellyfish (the Debian package) as an
// oracle: JaroWinkler against jaro_winkler_similarity, NYSIIS against nysiis, and the
// one-edit test against damerau_levenshtein_distance <= 1 (jellyfish computes the
// unrestricted Damerau-Levenshtein distance; DamerauLevenshtein here is the optimal string
// alignment distance, which is never smaller and agrees with it up to 1). The test is
// skipped, saying so, when no python3 can import jellyfish; scripts/test installs it.

const oracleScript = `
import sys, warnings
warnings.simplefilter("ignore")
import jellyfish as j
for line in sys.stdin:
    a, b = line.rstrip("\n").split("\t")
    print("%r\t%d\t%s\t%s" % (j.jaro_winkler_similarity(a, b), j.damerau_levenshtein_distance(a, b), j.nysiis(a), j.nysiis(b)))
`

// oraclePython returns a python3 that can import jellyfish, or "".
func oraclePython() string {
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(p, "-c", "import jellyfish").Run() == nil {
			return p
		}
	}
	return ""
}

// oracleCorpus is name pairs: census names against each other and against one- and
// two-edit variants of themselves.
func oracleCorpus() [][2]string {
	var names []string
	for _, f := range []string{"../synth/data/census1990-dist.all.last", "../synth/data/census1990-dist.male.first", "../synth/data/census1990-dist.female.first"} {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(bytes.NewReader(b))
		for i := 0; sc.Scan() && i < 700; i++ {
			if fl := strings.Fields(sc.Text()); len(fl) > 0 {
				names = append(names, fl[0])
			}
		}
	}
	names = append(names, "MACINTOSH", "KNIGHT", "SCHMIDT", "PHILLIPS", "PFEIFFER", "EVANS", "HAYES", "MCKNIGHT",
		"SCHOOL", "KNUTH", "WASHINGTONIAN", "CHRISTOPHERSON", "A", "AH", "HA", "SS", "EV", "BOSCH", "YEE", "BRANDT", "LEWIS")
	r := rand.New(rand.NewPCG(3, 4))
	edit := func(s string) string {
		b := []byte(s)
		i := r.IntN(len(b))
		switch r.IntN(4) {
		case 0:
			b[i] = byte('A' + r.IntN(26))
		case 1:
			b = append(b[:i], b[i+1:]...)
		case 2:
			b = append(b[:i], append([]byte{byte('A' + r.IntN(26))}, b[i:]...)...)
		default:
			if i+1 < len(b) {
				b[i], b[i+1] = b[i+1], b[i]
			}
		}
		return string(b)
	}
	var pairs [][2]string
	for i, n := range names {
		pairs = append(pairs, [2]string{n, names[r.IntN(len(names))]}, [2]string{n, edit(n)})
		if len(n) > 2 {
			pairs = append(pairs, [2]string{edit(n), edit(n)})
		}
		if i%7 == 0 {
			pairs = append(pairs, [2]string{n, n})
		}
	}
	out := pairs[:0]
	for _, p := range pairs {
		if p[0] != "" && p[1] != "" {
			out = append(out, p)
		}
	}
	return out
}

func TestStringMetricsAgainstJellyfish(t *testing.T) {
	py := oraclePython()
	if py == "" {
		t.Skip("python3 with jellyfish is not installed (apt-get install -y python3-jellyfish): oracle test skipped")
	}
	pairs := oracleCorpus()
	var in strings.Builder
	for _, p := range pairs {
		in.WriteString(p[0] + "\t" + p[1] + "\n")
	}
	cmd := exec.Command(py, "-c", oracleScript)
	cmd.Stdin = strings.NewReader(in.String())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("jellyfish oracle: %v", err)
	}
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(lines) != len(pairs) {
		t.Fatalf("oracle answered %d lines for %d pairs", len(lines), len(pairs))
	}
	bad := 0
	report := func(format string, args ...any) {
		bad++
		if bad <= 20 {
			t.Errorf(format, args...)
		}
	}
	for i, l := range lines {
		f := strings.Split(l, "\t")
		a, b := pairs[i][0], pairs[i][1]
		jw, _ := strconv.ParseFloat(f[0], 64)
		dl, _ := strconv.Atoi(f[1])
		if got := JaroWinkler(a, b); math.Abs(got-jw) > 1e-9 {
			report("JaroWinkler(%q, %q) = %v, jellyfish %v", a, b, got, jw)
		}
		if got := withinOneEdit(a, b); got != (dl <= 1) {
			report("withinOneEdit(%q, %q) = %v, jellyfish distance %d", a, b, got, dl)
		}
		if got := DamerauLevenshtein(a, b); got < dl || (dl <= 1) != (got <= 1) {
			report("DamerauLevenshtein(%q, %q) = %d, jellyfish (unrestricted) %d", a, b, got, dl)
		}
		if got := NYSIIS(a); got != f[2] {
			report("NYSIIS(%q) = %q, jellyfish %q", a, got, f[2])
		}
		if got := NYSIIS(b); got != f[3] {
			report("NYSIIS(%q) = %q, jellyfish %q", b, got, f[3])
		}
	}
	if bad > 0 {
		t.Errorf("%d disagreements with jellyfish over %d pairs", bad, len(pairs))
	}
	t.Logf("%d pairs agree with jellyfish (%s)", len(pairs), py)
	_ = fmt.Sprint()
}
