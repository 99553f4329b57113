package match

import (
	"math/rand/v2"
	"os/exec"
	"strings"
	"testing"
)

// Metaphone is checked against python3-jellyfish's metaphone over every name of the oracle
// corpus (census names and their edits), a few names with NormalizeName's spaces and other
// non-letters, and random strings that exercise the rules' rarer contexts. It skips, like
// TestStringMetricsAgainstJellyfish, when no python3 can import jellyfish.

const metaphoneOracleScript = `
import sys, warnings
warnings.simplefilter("ignore")
import jellyfish as j
for line in sys.stdin:
    print(j.metaphone(line.rstrip("\n")).upper())
`

// metaphoneOracleWords is the oracle corpus's names, once each, then the extras.
func metaphoneOracleWords() (words []string, corpus int) {
	seen := map[string]bool{}
	add := func(w string) {
		if !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	for _, p := range oracleCorpus() {
		add(p[0])
		add(p[1])
	}
	corpus = len(words)
	for _, w := range []string{"O BRIEN", "DE LA CRUZ", "VAN DER BERG", "SMITH JONES", "JOHN 3RD", "MARY ANN",
		"ST JOHN", "A B", "X H", "WH", "KN", "  SMITH  ", "O-BRIEN", "D'ANGELO", "CAMB A", "SIGN ED", "A 0 B", "0 A"} {
		add(w)
	}
	r := rand.New(rand.NewPCG(5, 6))
	const alpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZACEGHSTWXY  -1"
	for range 20000 {
		b := make([]byte, 1+r.IntN(10))
		for i := range b {
			b[i] = alpha[r.IntN(len(alpha))]
		}
		add(string(b))
	}
	return words, corpus
}

func TestMetaphoneOracle(t *testing.T) {
	py := oraclePython()
	if py == "" {
		t.Skip("python3 with jellyfish is not installed (apt-get install -y python3-jellyfish): oracle test skipped")
	}
	words, corpus := metaphoneOracleWords()
	cmd := exec.Command(py, "-c", metaphoneOracleScript)
	cmd.Stdin = strings.NewReader(strings.Join(words, "\n") + "\n")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("jellyfish oracle: %v", err)
	}
	codes := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(codes) != len(words) {
		t.Fatalf("oracle answered %d lines for %d names", len(codes), len(words))
	}
	bad, badCorpus := 0, 0
	for i, w := range words {
		if got := Metaphone(w); got != codes[i] {
			bad++
			if i < corpus {
				badCorpus++
			}
			if bad <= 10 {
				t.Errorf("Metaphone(%q) = %q, jellyfish %q", w, got, codes[i])
			}
		}
	}
	if bad > 0 {
		t.Fatalf("%d disagreements with jellyfish over %d names (%d over the %d of the oracle corpus)", bad, len(words), badCorpus, corpus)
	}
	t.Logf("Metaphone agrees with jellyfish on all %d names (%d from the oracle corpus, %d extras) (%s)", len(words), corpus, len(words)-corpus, py)
}
