package sample

import (
	"math/rand/v2"
	"testing"

	"github.com/signet-vote/signet/law"
)

// Every step of every method carries its text as a form and numbers that write it again
// word for word: a door that writes the numbers in another language says what the
// commands say.
func TestStepFormsWriteTheText(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, id := range []string{"ca-local-recall", "ca-statewide-initiative", "co-statewide-initiative", "nv-local",
		"wa-statewide-initiative", "az-statewide-initiative"} {
		r, err := law.LookupRules(id)
		if err != nil {
			t.Fatal(err)
		}
		for range 300 {
			raw := 1 + rng.IntN(2_000_000)
			s := 1 + rng.IntN(raw)
			v := rng.IntN(s + 1)
			d := rng.IntN(s - v + 1)
			inv := rng.IntN(s - v - d + 1)
			req := rng.IntN(2 * raw)
			res, err := Project(r, Input{Raw: raw, Sample: s, Valid: v, Duplicates: d, Invalid: inv, Required: req})
			if err != nil {
				t.Fatal(err)
			}
			for _, st := range res.Steps {
				if st.Form == "" || st.English() != st.Text {
					t.Fatalf("%s: step %q: form %q writes %q, text %q", id, st.Name, st.Form, st.English(), st.Text)
				}
			}
		}
	}
	if got := Dec(-1234567, 2).Format(".", ","); got != "-12.345,67" {
		t.Errorf("Format: %q", got)
	}
	if got := PlainDec(1234.5, 4).Format(".", ","); got != "1234,5000" {
		t.Errorf("Format plain: %q", got)
	}
}
