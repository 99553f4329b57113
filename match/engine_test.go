package match

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	signet "github.com/signet-vote/signet"
)

// paddedRoll is testRoll with a few thousand filler voters in other ZIP codes, so that the
// random pairs u is estimated from and the name frequencies look like a roll's.
func paddedRoll() []signet.Voter {
	roll := testRoll()
	r := rand.New(rand.NewPCG(1, 2))
	syl := []string{"KA", "LO", "MIR", "TEN", "SA", "VO", "RIN", "DAL", "BE", "NU", "POR", "ELL", "QUI", "STA", "FEN"}
	firsts := []string{"JAMES", "LINDA", "ROBERT", "PATRICIA", "MICHAEL", "BARBARA", "WILLIAM", "ELIZABETH", "DAVID", "JENNIFER",
		"RICHARD", "SUSAN", "JOSEPH", "JESSICA", "THOMAS", "SARAH", "CARLOS", "ROSA", "LUIS", "ANA", "MARIA", "JOSE"}
	name := func() string {
		s := ""
		for k := 0; k < 2+r.IntN(2); k++ {
			s += syl[r.IntN(len(syl))]
		}
		return s
	}
	for i := 0; i < 4000; i++ {
		a := addr(strconv.Itoa(1+r.IntN(5000)), name()+" "+[]string{"ST", "AVE", "BLVD"}[r.IntN(3)], "", "TOWN", strconv.Itoa(93000+r.IntN(40)))
		roll = append(roll, signet.Voter{ID: "F" + strconv.Itoa(i), FirstName: firsts[r.IntN(len(firsts))], LastName: name(),
			Residence: a, Status: signet.StatusActive})
	}
	return roll
}

func TestEngineLink(t *testing.T) {
	roll := paddedRoll()
	e, err := NewEngine(roll, EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if e.Name() != "fs-v1" {
		t.Fatalf("Name = %q", e.Name())
	}
	var _ signet.Linker = e
	cases := []struct {
		name    string
		printed string
		a       signet.Address
		want    string // voter id linked automatically, or "" for no automatic link
		match   signet.AddressMatch
		notes   []string
	}{
		{"exact", "Maria G. Lopez", addr("1234", "N Figueroa St", "Apt 4", "Los Angeles", "90012"), "V0", signet.AddressCurrent, nil},
		{"abbreviations", "MARIA LOPEZ", addr("1234", "North Figueroa Street", "#4", "LA", "90012-1234"), "V0", signet.AddressCurrent, nil},
		{"missing apt and city", "Lopez, Maria", addr("1234", "N Figueroa", "", "", "90012"), "V0", signet.AddressCurrent,
			[]string{signet.NoteApartmentMissing, signet.NoteCityMissing}},
		{"wrong apt", "Maria Lopez", addr("1234", "N Figueroa St", "7", "Los Angeles", "90012"), "V0", signet.AddressCurrent,
			[]string{signet.NoteApartmentDiffers}},
		{"nickname", "Bob Smith", addr("1234 1/2", "N Figueroa St", "", "Los Angeles", "90012"), "V1", signet.AddressCurrent, nil},
		{"initials", "R. J. Smith", addr("1234 1/2", "N Figueroa St", "", "Los Angeles", "90012"), "V1", signet.AddressCurrent, nil},
		{"initial", "R Smith", addr("1234 1/2", "N Figueroa St", "", "Los Angeles", "90012"), "V1", signet.AddressCurrent, nil},
		{"typo last", "Maria Lopes", addr("1234", "N Figueroa St", "4", "Los Angeles", "90012"), "V0", signet.AddressCurrent, nil},
		{"typo first", "Katherien Nguyen", addr("42", "S Main St", "", "Los Angeles", "90012"), "V8", signet.AddressCurrent, nil},
		{"street typo", "Katherine Nguyen", addr("42", "S Mian St", "", "Los Angeles", "90012"), "V8", signet.AddressCurrent, nil},
		{"no zip", "Katherine Nguyen", addr("42", "South Main Street", "", "Los Angeles", ""), "V8", signet.AddressCurrent, nil},
		{"swapped", "LOPEZ MARIA", addr("1234", "N Figueroa St", "4", "Los Angeles", "90012"), "V0", signet.AddressCurrent, nil},
		{"compound shortened", "Ana Garcia", addr("9", "Sunset Blvd", "Unit 2", "Los Angeles", "90026"), "V6", signet.AddressCurrent, nil},
		{"compound hyphen", "Ana Garcia-Lopez", addr("9", "Sunset Blvd", "2", "Los Angeles", "90026"), "V6", signet.AddressCurrent, nil},
		{"apostrophe", "John O'Brien Jr.", addr("77", "Elm Avenue", "", "Pasadena", "91101"), "V4", signet.AddressCurrent, nil},
		{"JR/SR", "John OBrien Sr", addr("77", "Elm Ave", "", "Pasadena", "91101"), "V5", signet.AddressCurrent, nil},
		{"household MARIA", "Maria Garcia", addr("500", "West Fifth Street", "", "Los Angeles", "90013"), "V2", signet.AddressCurrent, nil},
		{"household MARIO", "Mario Garcia", addr("500", "W 5th St", "", "Los Angeles", "90013"), "V3", signet.AddressCurrent, nil},
		{"spanish nickname", "Paco Hernandez", addr("300", "East First Street", "", "Los Angeles", "90012"), "V7", signet.AddressCurrent, nil},
		{"prior address", "David Kim", addr("1234", "N Figueroa St", "Apt 9", "Los Angeles", "90012"), "V9", signet.AddressPrior, nil},
		{"moved", "Maria G Lopez", addr("88", "Pine St", "", "Los Angeles", "90026"), "V0", signet.AddressNone, nil},
		{"moved nickname", "Kathy Nguyen", addr("1", "Broadway", "", "Los Angeles", "90012"), "V8", signet.AddressNone, nil},
		{"household: similar given name refused when another member has it", "Maria Garcia",
			addr("600", "W 5th St", "", "Los Angeles", "90013"), "V2", signet.AddressNone, nil},
		{"household typo", "Marja Garcia", addr("500", "W 5th St", "", "Los Angeles", "90013"), "V2", signet.AddressCurrent, nil},
		{"JOSE is not JOSEPH", "Jose Smith", addr("1234 1/2", "N Figueroa St", "", "Los Angeles", "90012"), "", signet.AddressNone, nil},
		{"not on roll", "Peter Parker", addr("1234", "N Figueroa St", "4", "Los Angeles", "90012"), "", signet.AddressNone, nil},
		{"not on roll, same surname", "Jose Garcia", addr("500", "W 5th St", "", "Los Angeles", "90013"), "", signet.AddressNone, nil},
		{"initial only does not link by name", "M Lopez", addr("88", "Pine St", "", "Los Angeles", "90026"), "", signet.AddressNone, nil},
		{"typo does not link by name", "Maria Lopes", addr("88", "Pine St", "", "Los Angeles", "90026"), "", signet.AddressNone, nil},
		{"swapped with a middle word does not link by name", "GARCIA MARIA ELENA", addr("88", "Pine St", "", "Los Angeles", "90026"), "", signet.AddressNone, nil},
		{"a middle name is not a surname: no name-only link", "Katherine Nguyen Walsh", addr("88", "Pine St", "", "Los Angeles", "90026"), "", signet.AddressNone, nil},
		{"empty", "", addr("1234", "N Figueroa St", "4", "Los Angeles", "90012"), "", signet.AddressNone, nil},
		{"moved out of every ZIP of the roll: no name-only link", "Maria G Lopez", addr("88", "Pine St", "", "Burbank", "91501"), "", signet.AddressNone, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			line := &signet.Line{PrintedName: c.printed, Address: c.a}
			got := e.Link(line)
			id := ""
			if got.Voter != nil && got.Decision == signet.DecideLink {
				id = got.Voter.ID
			}
			if id != c.want {
				t.Fatalf("Link(%q) = voter %q, decision %s, score %.4f, %+v; want %q", c.printed, id, got.Decision, got.Score, got.Candidates, c.want)
			}
			if got.Decision == signet.DecideNone && got.Voter != nil || got.Decision != signet.DecideNone && got.Voter == nil {
				t.Errorf("decision %s with voter %v", got.Decision, got.Voter)
			}
			if got.Score < 0 || got.Score > 1 {
				t.Errorf("Score = %v", got.Score)
			}
			if id == "" {
				return
			}
			if got.Address != c.match {
				t.Errorf("Address = %q, want %q", got.Address, c.match)
			}
			if !slices.Equal(got.Notes, c.notes) {
				t.Errorf("Notes = %v, want %v", got.Notes, c.notes)
			}
			if got.Address == signet.AddressPrior && got.Prior != 0 {
				t.Errorf("Prior = %d", got.Prior)
			}
			if len(got.Candidates) == 0 || got.Candidates[0].VoterID != id || len(got.Candidates) > 3 {
				t.Fatalf("Candidates = %+v", got.Candidates)
			}
			sum := 0.0
			for _, f := range got.Candidates[0].Fields {
				sum += f.Weight
			}
			if len(got.Candidates[0].Fields) < 4 || sum <= 0 {
				t.Errorf("best candidate's fields %+v weigh %v", got.Candidates[0].Fields, sum)
			}
			again := e.Link(line)
			if linkedID(again) != linkedID(got) || again.Score != got.Score || again.Decision != got.Decision {
				t.Errorf("not deterministic")
			}
		})
	}
	s := e.Stats()
	if s.PairsScored == 0 || len(s.PassPairs) != NumPasses || s.PassPairs[PassZIPHouse] == 0 || s.PassPairs[PassSurnameGiven] == 0 {
		t.Errorf("stats %+v", s)
	}
}

// TestEngineTermFrequency: agreeing on a rare surname weighs more than on a common one.
func TestEngineTermFrequency(t *testing.T) {
	roll := paddedRoll()
	for i := 0; i < 300; i++ {
		roll = append(roll, signet.Voter{ID: "G" + strconv.Itoa(i), FirstName: "X" + strconv.Itoa(i), LastName: "GARCIA",
			Residence: addr(strconv.Itoa(i+1), "OAK ST", "", "", "94000")})
	}
	e, err := NewEngine(roll, EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	weight := func(printed string, a signet.Address) float64 {
		got := e.Link(&signet.Line{PrintedName: printed, Address: a})
		for _, f := range got.Candidates[0].Fields {
			if f.Field == FieldLast {
				return f.Weight
			}
		}
		t.Fatalf("no surname field in %+v", got)
		return 0
	}
	common := weight("Maria Garcia", addr("500", "W 5th St", "", "", "90013"))
	rare := weight("Katherine Nguyen", addr("42", "S Main St", "", "", "90012"))
	if !(rare > common+3) {
		t.Errorf("surname weights: rare %v, common %v", rare, common)
	}
}

// TestEngineThresholds: the thresholds decide link, review and none.
func TestEngineThresholds(t *testing.T) {
	roll := paddedRoll()
	line := &signet.Line{PrintedName: "Maria Lopez", Address: addr("1234", "N Figueroa St", "4", "", "90012")}
	for _, c := range []struct {
		upper, lower float64
		want         signet.Decision
	}{{0.99, 0.5, signet.DecideLink}, {1, 0.5, signet.DecideReview}, {1, 1, signet.DecideNone}} {
		e, err := NewEngine(roll, EngineOptions{Upper: c.upper, Lower: c.lower})
		if err != nil {
			t.Fatal(err)
		}
		got := e.Link(line)
		if c.want == signet.DecideNone {
			if got.Decision != c.want || got.Voter != nil {
				t.Errorf("upper %v lower %v: %s %v (score %v)", c.upper, c.lower, got.Decision, got.Voter, got.Score)
			}
			continue
		}
		if got.Decision != c.want || got.Voter == nil || got.Voter.ID != "V0" {
			t.Errorf("upper %v lower %v: %s %v (score %v)", c.upper, c.lower, got.Decision, got.Voter, got.Score)
		}
	}
	if _, err := NewEngine(roll, EngineOptions{Upper: 0.4, Lower: 0.6}); err == nil {
		t.Errorf("lower above upper accepted")
	}
}

func TestEngineLinkVoter(t *testing.T) {
	roll := paddedRoll()
	e, err := NewEngine(roll, EngineOptions{Generic: true})
	if err != nil {
		t.Fatal(err)
	}
	rec := signet.Voter{ID: "x", FirstName: "Katherine", LastName: "Ngyuen", Residence: addr("42", "S Main St", "", "Los Angeles", "90012")}
	got := e.LinkVoter(&rec)
	if got.Decision != signet.DecideLink || got.Voter == nil || got.Voter.ID != "V8" || got.Address != signet.AddressCurrent {
		t.Fatalf("LinkVoter = %s %v %+v", got.Decision, got.Voter, got.Candidates)
	}
	rec = signet.Voter{ID: "y", FirstName: "Zebedee", LastName: "Quixote", Residence: addr("1", "Nowhere Ln", "", "", "99999")}
	if got := e.LinkVoter(&rec); got.Decision != signet.DecideNone || got.Voter != nil {
		t.Fatalf("LinkVoter of a stranger = %+v", got)
	}
}

func TestEngineConcurrent(t *testing.T) {
	e, err := NewEngine(paddedRoll(), EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	lines := []signet.Line{
		{PrintedName: "Bob Smith", Address: addr("1234 1/2", "N Figueroa St", "", "", "90012")},
		{PrintedName: "Maria G Lopez", Address: addr("88", "Pine St", "", "Los Angeles", "90026")},
		{PrintedName: "Peter Parker", Address: addr("1234", "N Figueroa St", "4", "", "90012")},
	}
	want := make([]signet.Link, len(lines))
	for i := range lines {
		want[i] = e.Link(&lines[i])
	}
	done := make(chan bool)
	for g := 0; g < 4; g++ {
		go func() {
			ok := true
			for k := 0; k < 200; k++ {
				i := k % len(lines)
				got := e.Link(&lines[i])
				ok = ok && linkedID(got) == linkedID(want[i]) && got.Score == want[i].Score && got.Decision == want[i].Decision
			}
			done <- ok
		}()
	}
	for g := 0; g < 4; g++ {
		if !<-done {
			t.Fatal("concurrent Link differs")
		}
	}
}

func TestNewEngineEmpty(t *testing.T) {
	e, err := NewEngine(nil, EngineOptions{Generic: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := e.Link(&signet.Line{PrintedName: "Maria Lopez", Address: addr("1", "A ST", "", "", "90001")}); got.Voter != nil {
		t.Fatalf("empty roll linked %+v", got)
	}
	if got := e.LinkVoter(&signet.Voter{FirstName: "A", LastName: "B"}); got.Voter != nil {
		t.Fatalf("empty roll linked %+v", got)
	}
	e.Train(nil)
}

func TestNYSIIS(t *testing.T) {
	for _, c := range [][2]string{{"MACINTOSH", "MCANT"}, {"KNIGHT", "NAGT"}, {"SCHMIDT", "SNAD"}, {"GENEVEVE", "GANAFAF"},
		{"GLAYS", "GLAY"}, {"GLAY", "GLY"}, {"A", "A"}, {"SS", "S"}, {"", ""}, {"REEVES", "RAAF"}} {
		if got := NYSIIS(c[0]); got != c[1] {
			t.Errorf("NYSIIS(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}

func FuzzEngineLink(f *testing.F) {
	e, err := NewEngine(paddedRoll(), EngineOptions{Generic: true})
	if err != nil {
		f.Fatal(err)
	}
	f.Add("Maria G. Lopez", "1234", "N Figueroa St", "Apt 4", "90012")
	f.Add("LOPEZ, ", "", "", "#", "")
	f.Add(", Jr", "1234 1/2", "North", "", "90012-1234")
	f.Add("GARCIA MARIA ELENA", "88", "Pine", "", "91501")
	f.Fuzz(func(t *testing.T, name, house, street, unit, zip string) {
		line := &signet.Line{PrintedName: name, Address: addr(house, street, unit, "", zip)}
		for _, got := range []signet.Link{e.Link(line), e.LinkVoter(&signet.Voter{FirstName: name, LastName: street, Residence: line.Address})} {
			if got.Voter == nil && got.Address != signet.AddressNone {
				t.Fatalf("nil voter with address %q", got.Address)
			}
			if (got.Voter == nil) != (got.Decision == signet.DecideNone) {
				t.Fatalf("voter %v with decision %q", got.Voter, got.Decision)
			}
			if len(got.Candidates) > 3 || got.Score < 0 || got.Score > 1 {
				t.Fatalf("%d candidates, score %v", len(got.Candidates), got.Score)
			}
			for _, c := range got.Candidates {
				if c.Score < 0 || c.Score > 1 || len(c.Fields) == 0 {
					t.Fatalf("candidate %+v", c)
				}
			}
		}
	})
}

// TestMayJW: the prefilter never rejects a pair that reaches the bound.
func TestMayJW(t *testing.T) {
	for _, p := range oracleCorpus() {
		for _, lo := range []float64{0.7, 0.85, 0.92} {
			if JaroWinkler(p[0], p[1]) >= lo && !mayJW(p[0], p[1], lo) {
				t.Errorf("mayJW(%q, %q, %v) = false, JaroWinkler %v", p[0], p[1], lo, JaroWinkler(p[0], p[1]))
			}
		}
	}
}

// linkedID is the id of the voter a link names, "" for none: the engine returns a voter
// of its own with each link, so two links to one voter are equal by id, not by pointer.
func linkedID(l signet.Link) string {
	if l.Voter == nil {
		return ""
	}
	return l.Voter.ID
}
