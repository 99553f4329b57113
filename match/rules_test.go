package match

import (
	"os"
	"slices"
	"strings"
	"testing"

	signet "github.com/signet-vote/signet"
)

// rulesRoll is paddedRoll with households that try the compound-surname rule and its
// guards, and a voter the ZIP rule can find.
func rulesRoll() []signet.Voter {
	roll := paddedRoll()
	v := func(id, first, last string, a signet.Address) signet.Voter {
		return signet.Voter{ID: id, FirstName: first, LastName: last, Residence: a, Status: signet.StatusActive}
	}
	robles := addr("2251", "S 105TH ST", "", "INGLEWOOD", "90303")
	alder := addr("18", "ALDER ST", "", "LOS ANGELES", "90041")
	cedar := addr("40", "CEDAR AVE", "", "LOS ANGELES", "90042")
	return append(roll,
		// The demo's line S000061-1: JUANA ROBLES FLORES, written ROBELS, JUANA.
		v("R1", "JUANA", "ROBLES FLORES", robles),
		v("R2", "PEDRO", "ROBLES", robles),
		v("R3", "ELENA", "MARTINEZ", robles),
		// Another given name at the address: not the signer.
		v("R4", "MARIA", "ROBLES FLORES", alder),
		// A ROBELS lives at the address: JUANA ROBELS is more likely her kin, off the roll.
		v("R5", "JUANA", "ROBLES FLORES", cedar),
		v("R6", "ROSA", "ROBELS", cedar),
		v("Z1", "TOMAS", "REYES", addr("91", "QUINCE ST", "", "LOS ANGELES", "90026")),
		// Two voters the rules admit for ANA RUIZ.
		v("R7", "ANA", "RUIZ", addr("10", "MAPLE DR", "", "LOS ANGELES", "90043")),
		v("R8", "ANA", "RUIS", addr("10", "MAPLE DR", "", "LOS ANGELES", "90043")),
	)
}

func ruleOf(l signet.Link, voter string) (string, bool) {
	for _, c := range l.Candidates {
		if c.VoterID == voter {
			return c.Rule, true
		}
	}
	return "", false
}

// TestEngineCompoundSurnameTypo: a one-word surname one edit from a word of the voter's
// compound surname links at the voter's address with the same given name, and only then.
func TestEngineCompoundSurnameTypo(t *testing.T) {
	e, err := NewEngine(rulesRoll(), EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	robles := addr("2251", "South 105th St", "", "", "90303")
	cases := []struct {
		name, printed string
		a             signet.Address
		want          string // the voter linked, "" for none
		voter, rule   string // a candidate and the rule that turned it down
	}{
		{"first surname misspelt", "ROBELS, JUANA", robles, "R1", "R2", RuleGivenNameDiffers},
		{"second surname misspelt", "Juana Flroes", robles, "R1", "R3", RuleSurnameDiffers},
		{"another given name at the address", "ROBELS, JUANA", addr("18", "Alder St", "", "", "90041"), "", "R4", RuleGivenNameDiffers},
		{"the written surname is a housemate's", "ROBELS, JUANA", addr("40", "Cedar Ave", "", "", "90042"), "", "R5", RuleHouseholdSurname},
		{"an initial is not enough with a misspelt part", "J. Robels", robles, "", "R1", RuleNamesOnlyResemble},
		{"the first letter is kept", "Juana Lobles", robles, "", "R1", RuleSurnameDiffers},
		{"not by name alone", "Juana Robels", addr("7", "Birch St", "", "", "90041"), "", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := e.Link(&signet.Line{PrintedName: c.printed, Address: c.a})
			id := ""
			if got.Decision == signet.DecideLink {
				id = got.Voter.ID
			}
			if id != c.want {
				t.Fatalf("Link(%q) = %q (%s, %.3f), want %q; candidates %+v", c.printed, id, got.Decision, got.Score, c.want, got.Candidates)
			}
			if id != "" {
				if got.Candidates[0].Rule != "" {
					t.Errorf("the voter linked carries rule %q", got.Candidates[0].Rule)
				}
				if lv := got.Candidates[0].Fields[0]; lv.Field != FieldLast || lv.Level != LevelCompoundTypo {
					t.Errorf("surname compared as %+v, want %s", lv, LevelCompoundTypo)
				}
			}
			if c.voter == "" {
				return
			}
			if r, ok := ruleOf(got, c.voter); !ok || r != c.rule {
				t.Errorf("candidate %s: rule %q (found %v), want %q; candidates %+v", c.voter, r, ok, c.rule, got.Candidates)
			}
		})
	}
}

// TestEngineRules: every candidate of a verdict but the voter linked names the rule that
// turned it down, on each path.
func TestEngineRules(t *testing.T) {
	roll := rulesRoll()
	e, err := NewEngine(roll, EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, printed string
		a             signet.Address
		voter, rule   string
	}{
		{"a similar given name while a housemate bears it", "Mario Garcia", addr("500", "W 5th St", "", "", "90013"), "V2", RuleHouseholdGiven},
		{"another given name", "Marja Garcia", addr("500", "W 5th St", "", "", "90013"), "V3", RuleGivenNameDiffers},
		{"two the rules admit: the lighter is outweighed", "Ana Ruiz", addr("10", "Maple Dr", "", "", "90043"), "R8", RuleOutweighed},
		{"JR is not SR", "John OBrien Jr", addr("77", "Elm Ave", "", "", "91101"), "V5", RuleSuffixDiffers},
		{"the given name at the house number of another street", "Katherine Nguyn", addr("42", "Elm Ave", "", "", "91101"), "V8", RuleAddressDiffers},
		{"a ZIP no voter lives in", "Tomas Reyes", addr("91", "Quince St", "", "", "91501"), "Z1", RuleZIPOutsideRoll},
		{"a typo does not link by name", "Ana Garcia Lopes", addr("88", "Pine St", "", "", "90026"), "V6", RuleNameOnlySurname},
		{"another middle name does not link by name", "Maria Teresa Lopez", addr("88", "Pine St", "", "", "90026"), "V0", RuleNameOnlyMiddleName},
		{"a middle name is not a surname", "Katherine Nguyen Walsh", addr("88", "Pine St", "", "", "90026"), "V8", RuleVoterSurnameShorter},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := e.Link(&signet.Line{PrintedName: c.printed, Address: c.a})
			if r, ok := ruleOf(got, c.voter); !ok || r != c.rule {
				t.Errorf("candidate %s: rule %q (found %v), want %q; link %s %+v", c.voter, r, ok, c.rule, got.Decision, got.Candidates)
			}
		})
	}
	// The posterior's rules: the thresholds decide review and none.
	line := &signet.Line{PrintedName: "Maria Lopez", Address: addr("1234", "N Figueroa St", "4", "", "90012")}
	for _, c := range []struct {
		upper, lower float64
		want         signet.Decision
		rule         string
	}{{0.99, 0.5, signet.DecideLink, ""}, {1, 0.5, signet.DecideReview, RuleReviewBand}, {1, 1, signet.DecideNone, RuleBelowThreshold}} {
		e, err := NewEngine(roll, EngineOptions{Upper: c.upper, Lower: c.lower})
		if err != nil {
			t.Fatal(err)
		}
		got := e.Link(line)
		if r, ok := ruleOf(got, "V0"); got.Decision != c.want || !ok || r != c.rule {
			t.Errorf("upper %v lower %v: %s, V0's rule %q (found %v), want %s and %q", c.upper, c.lower, got.Decision, r, ok, c.want, c.rule)
		}
	}
	// Generic linkage: the posterior alone.
	g, err := NewEngine(roll, EngineOptions{Generic: true})
	if err != nil {
		t.Fatal(err)
	}
	gl := g.LinkVoter(&signet.Voter{FirstName: "Katherine", LastName: "Nguyen", Residence: addr("42", "S Main St", "", "", "90012")})
	if gl.Decision != signet.DecideLink || gl.Candidates[0].Rule != "" {
		t.Fatalf("LinkVoter: %s %+v", gl.Decision, gl.Candidates)
	}
	for _, c := range gl.Candidates[1:] {
		if c.Rule != RuleOutweighed {
			t.Errorf("LinkVoter's candidate %s: rule %q, want %q", c.VoterID, c.Rule, RuleOutweighed)
		}
	}
}

// TestRulesExplained: every rule has a name of its own and a sentence.
func TestRulesExplained(t *testing.T) {
	rules := Rules()
	if len(rules) < 19 {
		t.Fatalf("%d rules", len(rules))
	}
	seen := map[string]bool{}
	for _, r := range rules {
		if seen[r] || RuleText(r) == "" || !slices.Contains([]byte(RuleText(r)), '.') {
			t.Errorf("rule %q: repeated or unexplained (%q)", r, RuleText(r))
		}
		seen[r] = true
	}
	if RuleText("no_such_rule") != "" || RuleText("") != "" {
		t.Error("a name that is no rule is explained")
	}
}

// TestRulesDocumented: the README's table of rules is the code's.
func TestRulesDocumented(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range Rules() {
		if row := "| `" + r + "` | " + RuleText(r) + " |\n"; !strings.Contains(string(readme), row) {
			t.Errorf("README.md lacks the row %q", row)
		}
	}
}
