package match

import (
	"testing"

	signet "github.com/signet-vote/signet"
)

// The street forms real lines hold (issue 17), each from the census A/B set's misses: a
// numbered street written as its bare number (14135 22 against 14135 22ND), a house number's
// fraction at the head of the street (106 1/2 WARE), a house number in the street field
// with the house field empty (6041 / 2 OCONEE for 604 1/2 OCONEE), plurals and spacing
// (BANKS and BANK, EL DORADO and ELDORADO), a stray digit in a numbered street (224 for
// 22ND).
func TestStreetForms(t *testing.T) {
	for in, want := range map[string]string{
		"22":          "22ND",
		"31":          "31ST",
		"113 Ave":     "113TH AVE",
		"N 3 St":      "N 3RD ST",
		"1/2 Ware":    "WARE",
		"1 / 2 Ware":  "WARE",
		"Hwy 54":      "HWY 54", // a route number is not an ordinal
		"22 PC":       "22 PC",  // two name words: not a bare number
		"100000":      "100000",
		"1/2":         "1 2",
		"12/25 Xmas ": "XMAS",
	} {
		if got := NormalizeStreet(in); got != want {
			t.Errorf("NormalizeStreet(%q) = %q, want %q", in, got, want)
		}
		if got := NormalizeStreet(in); NormalizeStreet(got) != got {
			t.Errorf("NormalizeStreet not idempotent on %q: %q", in, got)
		}
	}
	for _, tc := range []struct{ house, street, wantHouse, wantStreet string }{
		{"", "6041 / 2 OCONEE", "604", "OCONEE"},
		{"", "604 OCONEE", "604", "OCONEE"},
		{"", "604 1/2 OCONEE", "604", "OCONEE"},
		{"", "22", "", "22"},           // a numbered street alone keeps its number
		{"", "22ND ST", "", "22ND ST"}, // an ordinal is not a house number
		{"106", "1/2 WARE", "106", "1/2 WARE"},
		{"", "", "", ""},
		{"", "41 / ", "", "41 / "},
	} {
		h, s := SplitHouseStreet(tc.house, tc.street)
		if h != tc.wantHouse || s != tc.wantStreet {
			t.Errorf("SplitHouseStreet(%q, %q) = %q, %q; want %q, %q", tc.house, tc.street, h, s, tc.wantHouse, tc.wantStreet)
		}
	}
	for a, b := range map[string]string{"BANKS": "BANK", "EL DORADO": "ELDORADO", "MARTIN LUTHER K": "MARTINLUTHERK"} {
		if streetKey(a) != streetKey(b) {
			t.Errorf("streetKey(%q) = %q, streetKey(%q) = %q: want one key", a, streetKey(a), b, streetKey(b))
		}
	}
	if streetKey("ROSS") == streetKey("ROS") || streetKey("PASS") == streetKey("PAS") {
		t.Error("a double S is not a plural")
	}
	cmpSt := func(a, b string) level {
		la := lineAddr{street: NormalizeStreet(a)}
		la.core = streetCore(la.street)
		la.key = streetKey(la.core)
		lv, _ := compareStreet(&la, &streetInfo{norm: NormalizeStreet(b), core: streetCore(NormalizeStreet(b)), key: streetKey(streetCore(NormalizeStreet(b)))})
		return lv
	}
	for _, tc := range []struct {
		a, b string
		want level
	}{
		{"22", "22ND", lvExact},
		{"BANKS", "BANK", lvAbbrev},
		{"EL DORADO", "ELDORADO", lvAbbrev},
		{"224", "22ND", lvTypo},
		{"13", "31ST", lvTypo},
		{"22", "35TH", lvDisagree},
		{"WOODHAVE", "WOODHAVEN", lvTypo},
		{"OCONEE", "STARKEY", lvDisagree},
	} {
		if got := cmpSt(tc.a, tc.b); got != tc.want {
			t.Errorf("compareStreet(%q, %q) = %s, want %s", tc.a, tc.b, got, tc.want)
		}
	}
}

// Linked through `signet link`'s path, the census set's address forms find their household:
// the roll's CAMPBELL at 604 OCONEE for a record written "6041 / 2 OCONEE" with no house
// number, and ROTHSHILD at 14240 22ND for one on "224"; a roll record with no given name
// and a surname one letter off (KELLY for KELLEY FREDRICK) is for a person to decide.
func TestLinkVoterCensusForms(t *testing.T) {
	roll := []signet.Voter{
		{ID: "c1", FirstName: "JESSICA", MiddleName: "A", LastName: "CAMPBELL", Residence: signet.Address{HouseNumber: "604", Street: "OCONEE"}},
		{ID: "c2", FirstName: "ANTONINO", MiddleName: "E", LastName: "CAMPBELL", Residence: signet.Address{HouseNumber: "604", Street: "OCONEE"}},
		{ID: "r1", FirstName: "PHILLIP", LastName: "ROTHSHILD", Residence: signet.Address{HouseNumber: "14240", Street: "22ND"}},
		{ID: "r2", FirstName: "HILLIARD", MiddleName: "E", LastName: "ROTHSHILD", Residence: signet.Address{HouseNumber: "14240", Street: "22ND"}},
		{ID: "k1", LastName: "KELLY", Residence: signet.Address{HouseNumber: "4932", Street: "BASSWOOD"}},
		{ID: "s1", FirstName: "RAMON", MiddleName: "L", LastName: "CENTURY", Residence: signet.Address{HouseNumber: "4906", Street: "BASSWOOD"}},
		{ID: "s2", FirstName: "ALICIA", MiddleName: "B", LastName: "CENTURY", Residence: signet.Address{HouseNumber: "4906", Street: "BASSWOOD"}},
	}
	for i := range 60 {
		roll = append(roll, signet.Voter{ID: "p" + itoa(i), FirstName: "PAD" + itoa(i), LastName: "FILLER" + itoa(i%7),
			Residence: signet.Address{HouseNumber: itoa(1000 + i), Street: "ELM"}})
	}
	e, err := NewEngine(roll, EngineOptions{Generic: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		rec  signet.Voter
		want string
		d    signet.Decision
	}{
		{signet.Voter{FirstName: "JESSICIA", MiddleName: "A", LastName: "CAMBLE", Residence: signet.Address{Street: "6041 / 2 OCONEE"}}, "c1", signet.DecideLink},
		{signet.Voter{FirstName: "HILDRED", MiddleName: "E", LastName: "ROTHCHILD", Residence: signet.Address{HouseNumber: "14240", Street: "224"}}, "r2", ""},
		{signet.Voter{FirstName: "RAYMOND", MiddleName: "L", LastName: "SENTRY", Residence: signet.Address{HouseNumber: "4906", Street: "BASSWOOD"}}, "s1", ""},
	} {
		got := e.LinkVoter(&tc.rec)
		if got.Voter == nil || got.Voter.ID != tc.want || got.Decision == signet.DecideNone || tc.d != "" && got.Decision != tc.d {
			t.Errorf("%s %s at %q %q: %s %v, want %s (%s)", tc.rec.FirstName, tc.rec.LastName, tc.rec.Residence.HouseNumber, tc.rec.Residence.Street,
				got.Decision, got.Voter, tc.want, tc.d)
		}
	}
	// KELLEY FREDRICK W against the roll's KELLY with no given name: never an automatic link.
	kelley := signet.Voter{FirstName: "FREDRICK", MiddleName: "W", LastName: "KELLEY", Residence: signet.Address{HouseNumber: "4932", Street: "BASSWOOD"}}
	if got := e.LinkVoter(&kelley); got.Decision == signet.DecideLink {
		t.Errorf("KELLEY FREDRICK linked to %v", got.Voter)
	}
	var c ecand
	c.lv[fFirst], c.lv[fLast], c.lv[fMiddle] = lvMissing, lvTypo, lvMissing
	if !weakNameOnly(&c) {
		t.Error("a blank given name with a surname typo is weak")
	}
	c.lv[fLast] = lvExact
	if weakNameOnly(&c) {
		t.Error("a blank given name with an exact surname and no middle to disagree is not weak")
	}
	c.lv[fMiddle] = lvDisagree
	if !weakNameOnly(&c) {
		t.Error("a blank given name with a disagreeing middle name is weak")
	}
	c.compared, c.lv[fBirth] = 1<<fBirth, lvExact
	if weakNameOnly(&c) {
		t.Error("an agreeing birth date tells the household apart")
	}
	// SENTRY and CENTURY agree by sound (Metaphone SNTR), not by NYSIIS or spelling.
	a, b := nameInfoOf("SENTRY"), nameInfoOf("CENTURY")
	if cmpLast(&a, &b) != lvPhonetic {
		t.Errorf("cmpLast(SENTRY, CENTURY) = %s, want phonetic", cmpLast(&a, &b))
	}
}

// UpperFor links down to the posterior whose links' expected false share reaches the
// limit: with posteriors 1, 0.99, 0.98, 0.9 and a limit of 1.01%, the mean 1−p of the first
// three is 1%, of all four 3.25%; the threshold is 0.98.
func TestUpperFor(t *testing.T) {
	if up, rate := UpperFor([]float64{0.9, 1, 0.98, 0.99, 0, 0.2}, 0.0101, 0.8, 0.999); up != 0.98 || rate < 0.0099 || rate > 0.0101 {
		t.Errorf("UpperFor = %v, %v; want 0.98, 0.01", up, rate)
	}
	// Never below the floor, never above the ceiling.
	if up, _ := UpperFor([]float64{1, 1, 0.85, 0.7}, 0.5, 0.8, 0.999); up != 0.85 {
		t.Errorf("floor: %v", up)
	}
	if up, _ := UpperFor([]float64{0.9, 0.9}, 0.001, 0.8, 0.999); up != 0.999 {
		t.Errorf("nothing within the limit: %v, want the ceiling", up)
	}
}
