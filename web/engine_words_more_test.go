package web

import (
	"testing"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/law"
	"github.com/signet-vote/signet/registrar"
)

// TestEveryCitationInSpanish walks every rule pack (law.IDs), every dated version of its
// rules (a petition judged on each day a version took effect, and before the earliest), and
// every citation a certificate of it can give (registrar.CertificateCites, with each duplicate
// and cut-off policy, each basis, sampled or not): each has a Spanish text, its label and
// the petition's setting too, and the page's Spanish citation keeps none of the English.
// The pack's title, on the same page, too.
func TestEveryCitationInSpanish(t *testing.T) {
	es, en := newLang("es"), newLang("en")
	missing := map[string]bool{}
	ids := law.IDs()
	if len(ids) < 10 {
		t.Fatalf("law knows %d packs, want the ten or more of law/law.go", len(ids))
	}
	seen := 0
	for _, id := range ids {
		r, err := law.LookupRules(id)
		if err != nil {
			t.Fatal(err)
		}
		if engineTexts[r.Title()] == "" {
			t.Errorf("no Spanish for the title of %s: %q", id, r.Title())
		}
		days := []time.Time{time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), {}}
		for _, v := range r.Versions() {
			if !v.From.IsZero() {
				days = append(days, v.From, v.From.AddDate(0, 0, -1))
			}
		}
		for _, d := range days {
			rules := r.AsOf(law.Dates{Approved: d, Filed: d})
			for _, dup := range []signet.DuplicatePolicy{signet.KeepFirst, signet.StrikeAll} {
				for _, cut := range []signet.Cutoff{signet.CutoffSigningDate, signet.CutoffFilingDate} {
					for _, basis := range []law.Basis{law.BasisFullCount, law.BasisSample, law.BasisRawCount} {
						for _, sampled := range []bool{false, true} {
							for _, c := range registrar.CertificateCites(rules, dup, cut, basis, sampled) {
								seen++
								for _, w := range []string{c.Label, c.Setting, c.Cite} {
									if w != "" && engineTexts[w] == "" && !missing[w] {
										missing[w] = true
										t.Errorf("%s (as of %s): no Spanish for %q", id, signet.FormatDate(d), w)
									}
								}
								if c.Cite != "" && es.Citation(c) == en.Citation(c) {
									t.Errorf("%s: the citation in Spanish is the English %q", id, en.Citation(c))
								}
							}
						}
					}
				}
			}
		}
	}
	if seen == 0 {
		t.Fatal("no citation walked")
	}
	t.Logf("%d packs, %d citations walked, %d without Spanish", len(ids), seen, len(missing))
}
