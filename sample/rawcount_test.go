package sample

import (
	"strings"
	"testing"

	"github.com/signet-vote/signet/law"
)

// A raw count below the requirement, in a pack whose law ends such a petition unverified,
// is insufficient without a sample (the 2022 Los Angeles figures with 500,000 lines filed
// for 566,857 required); where the law says nothing of it, the projection needs its sample.
func TestRawCountBelowTheRequirement(t *testing.T) {
	for _, id := range []string{"ca-local-recall", "ca-state-recall", "ca-statewide-initiative", "ca-county-initiative", "nv-local",
		"nv-statewide-initiative", "nv-recall", "co-statewide-initiative"} {
		r, err := law.LookupRules(id)
		if err != nil {
			t.Fatal(err)
		}
		res, err := Project(r, Input{Raw: 500_000, Required: 566_857})
		if err != nil || res.Decision != law.Insufficient || res.Basis != law.BasisRawCount || len(res.Steps) != 1 ||
			res.Steps[0].Cite != r.RawCite || !strings.Contains(res.Steps[0].Text, "500,000 lines filed < 566,857 required") {
			t.Errorf("%s: %+v, %v", id, res, err)
		}
		// At the requirement, the sample decides.
		res, err = Project(r, Input{Raw: 566_857, Required: 566_857, Sample: 28_343, Valid: 22_000})
		if err != nil || res.Basis != law.BasisSample {
			t.Errorf("%s at the requirement: basis %s, %v", id, res.Basis, err)
		}
	}
	wa, _ := law.LookupRules("wa-statewide-initiative")
	if wa.RawBelowRequiredFails {
		t.Fatal("wa-statewide-initiative: the test wants a pack without the raw-count rule")
	}
	if _, err := Project(wa, Input{Raw: 500_000, Required: 566_857}); err == nil {
		t.Error("wa-statewide-initiative: a projection without a sample was accepted")
	}
}
