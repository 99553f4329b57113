package main

import (
	"os"
	"strings"
	"testing"

	"github.com/signet-vote/signet/law"
)

// docs/law.md holds, for each pack, the table `signet law show R --history --markdown`
// prints: each rule, the dates of its versions, the petition's date that picks one, its
// citation and what it changed. The test fails when the docs and the packs part; run it with
// SIGNET_UPDATE_DOCS=1 to write the tables again.
func TestLawDocsHoldEachPacksVersions(t *testing.T) {
	const path, begin, end = "../../docs/law.md", "<!-- begin: pack tables (signet law show R --history --markdown) -->\n", "<!-- end: pack tables -->\n"
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	i, j := strings.Index(doc, begin), strings.Index(doc, end)
	if i < 0 || j < i {
		t.Fatalf("%s: no section between %q and %q", path, begin, end)
	}
	e := newEnv(t)
	var want strings.Builder
	for _, id := range law.IDs() {
		want.WriteString("\n### `" + id + "`\n\n" + e.ok("law", "show", id, "--history", "--markdown"))
	}
	want.WriteString("\n")
	if got := doc[i+len(begin) : j]; got != want.String() {
		if os.Getenv("SIGNET_UPDATE_DOCS") != "" {
			if err := os.WriteFile(path, []byte(doc[:i+len(begin)]+want.String()+doc[j:]), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("%s: the pack tables differ from `signet law show R --history --markdown`; run SIGNET_UPDATE_DOCS=1 go test ./cmd/signet -run TestLawDocsHoldEachPacksVersions", path)
	}
}
