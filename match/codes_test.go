package match_test

import (
	"strings"
	"testing"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/match"
)

// Every field, level and rule name the linkers report has a code in the stored form of
// candidates: a name without one would quietly double the size of its verdicts (the long
// form 1 instead of form 2).
func TestEveryNameHasAStoredCode(t *testing.T) {
	one := func(c signet.Candidate) bool {
		return strings.HasPrefix(string(signet.AppendCandidates(nil, []signet.Candidate{c})), "[2")
	}
	for _, r := range match.Rules() {
		if !one(signet.Candidate{VoterID: "V", Address: signet.AddressCurrent, Rule: r}) {
			t.Errorf("rule %s has no code", r)
		}
	}
	for _, f := range []string{match.FieldLast, match.FieldFirst, match.FieldMiddle, match.FieldSuffix, match.FieldHouse, match.FieldStreet,
		match.FieldUnit, match.FieldCity, match.FieldZIP, match.FieldBirth} {
		for _, l := range []string{match.LevelExact, match.LevelNickname, match.LevelInitial, match.LevelCompound, match.LevelAbbrev, match.LevelTypo,
			match.LevelJW, match.LevelMissing, match.LevelDisagree, match.LevelPhonetic, match.LevelJWLow, match.LevelCompoundTypo, match.LevelJWWeak} {
			if !one(signet.Candidate{VoterID: "V", Address: signet.AddressPrior, Fields: []signet.FieldLevel{{Field: f, Level: l, Weight: 1.5}}}) {
				t.Errorf("field %s at level %s has no code", f, l)
			}
		}
	}
	for _, a := range []signet.AddressMatch{signet.AddressCurrent, signet.AddressPrior, signet.AddressNone} {
		if !one(signet.Candidate{VoterID: "V", Address: a}) {
			t.Errorf("address level %s has no code", a)
		}
	}
}
