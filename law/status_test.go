package law

import (
	"testing"
	"time"

	"github.com/signet-vote/signet"
)

func TestStandingDecide(t *testing.T) {
	filed := signet.Petition{Required: 566857, Filed: time.Date(2022, 7, 6, 0, 0, 0, 0, time.UTC), Duplicates: signet.KeepFirst}
	strikeAll := filed
	strikeAll.Duplicates = signet.StrikeAll
	for _, tc := range []struct {
		name   string
		s      Standing
		status Status
		basis  Basis
	}{
		{"not filed", Standing{Petition: signet.Petition{Required: 10}, Raw: 50}, StatusNotFiled, ""},
		// Los Angeles 2022: 715,833 filed ≥ 566,857, all verified, 520,050 valid: 46,807 short.
		{"full count short", Standing{Petition: filed, Raw: 715833, Verified: 715833, Valid: 520050}, StatusInsufficient, BasisFullCount},
		{"full count enough", Standing{Petition: filed, Raw: 715833, Verified: 715833, Valid: 566857}, StatusSufficient, BasisFullCount},
		// Elections Code §11222: 500,000 filed < 566,857 required cannot qualify.
		{"raw below", Standing{Petition: filed, Raw: 500000}, StatusInsufficient, BasisRawCount},
		// Elections Code §11225(b): a projection above 110% certifies without a full count.
		{"sample sufficient", Standing{Petition: filed, Raw: 715833, Verified: 35792, Valid: 30000, Projection: Sufficient}, StatusSufficient, BasisSample},
		{"sample insufficient", Standing{Petition: filed, Raw: 715833, Verified: 35792, Valid: 20000, Projection: Insufficient}, StatusInsufficient, BasisSample},
		{"full count band", Standing{Petition: filed, Raw: 715833, Verified: 35792, Valid: 26000, Projection: FullCount}, StatusVerifying, ""},
		// Under keep_first 566,857 valid with lines left to verify is final; under strike_all it is not.
		{"requirement confirmed", Standing{Petition: filed, Raw: 715833, Verified: 600000, Valid: 566857}, StatusSufficient, BasisFullCount},
		{"strike_all may still fall", Standing{Petition: strikeAll, Raw: 715833, Verified: 600000, Valid: 566857}, StatusVerifying, ""},
	} {
		if status, basis := tc.s.Decide(); status != tc.status || basis != tc.basis {
			t.Errorf("%s: %s (%s), want %s (%s)", tc.name, status, basis, tc.status, tc.basis)
		}
	}
}
