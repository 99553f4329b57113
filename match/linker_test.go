package match

import (
	"slices"
	"testing"
	"time"

	signet "github.com/signet-vote/signet"
)

func addr(house, street, unit, city, zip string) signet.Address {
	return signet.Address{HouseNumber: house, Street: street, Unit: unit, City: city, ZIP: zip}
}

func testRoll() []signet.Voter {
	v := func(id, first, middle, last, suffix string, a signet.Address) signet.Voter {
		return signet.Voter{ID: id, FirstName: first, MiddleName: middle, LastName: last, Suffix: suffix,
			Residence: a, Status: signet.StatusActive}
	}
	fig := addr("1234", "N FIGUEROA ST", "APT 4", "LOS ANGELES", "90012")
	house := addr("500", "W 5TH ST", "", "LOS ANGELES", "90013")
	elm := addr("77", "ELM AVE", "", "PASADENA", "91101")
	roll := []signet.Voter{
		v("V0", "MARIA", "GUADALUPE", "LOPEZ", "", fig),
		v("V1", "ROBERT", "JAMES", "SMITH", "", addr("1234 1/2", "N FIGUEROA ST", "", "LOS ANGELES", "90012")),
		v("V2", "MARIA", "", "GARCIA", "", house),
		v("V3", "MARIO", "", "GARCIA", "", house),
		v("V4", "JOHN", "", "OBRIEN", "JR", elm),
		v("V5", "JOHN", "", "OBRIEN", "SR", elm),
		v("V6", "ANA", "", "GARCIA LOPEZ", "", addr("9", "SUNSET BLVD", "UNIT 2", "LOS ANGELES", "90026")),
		v("V7", "FRANCISCO", "", "HERNANDEZ", "", addr("300", "E 1ST ST", "", "LOS ANGELES", "90012")),
		v("V8", "KATHERINE", "", "NGUYEN", "", addr("42", "S MAIN ST", "", "LOS ANGELES", "90012")),
		v("V9", "DAVID", "", "KIM", "", addr("15", "OAK ST", "", "GLENDALE", "91205")),
		v("V10", "MARIO", "", "GARCIA", "", addr("600", "W 5TH ST", "", "LOS ANGELES", "90013")),
		v("V11", "MARIA", "", "PEREZ", "", addr("600", "W 5TH ST", "", "LOS ANGELES", "90013")),
		v("V12", "JOSEPH", "", "SMITH", "", addr("1234 1/2", "N FIGUEROA ST", "", "LOS ANGELES", "90012")),
	}
	// V9 lived on Figueroa until recently.
	roll[9].Prior = []signet.PriorAddress{{Address: addr("1234", "N FIGUEROA ST", "APT 9", "LOS ANGELES", "90012"),
		Until: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)}}
	return roll
}

func TestLink(t *testing.T) {
	roll := testRoll()
	l := NewLinker(roll)
	if l.Name() != "simple-v1" {
		t.Fatalf("Name = %q", l.Name())
	}
	var _ signet.Linker = l
	cases := []struct {
		name    string
		printed string
		a       signet.Address
		want    string // voter id or "" for none
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
		{"moved", "Maria G Lopez", addr("88", "Pine St", "", "Burbank", "91501"), "V0", signet.AddressNone, nil},
		{"moved nickname", "Kathy Nguyen", addr("1", "Broadway", "", "Los Angeles", "90012"), "V8", signet.AddressNone, nil},
		{"household: similar given name refused when another member has it", "Maria Garcia",
			addr("600", "W 5th St", "", "Los Angeles", "90013"), "V2", signet.AddressNone, nil},
		{"household typo", "Marja Garcia", addr("500", "W 5th St", "", "Los Angeles", "90013"), "V2", signet.AddressCurrent, nil},
		{"JOSE is not JOSEPH", "Jose Smith", addr("1234 1/2", "N Figueroa St", "", "Los Angeles", "90012"), "", signet.AddressNone, nil},
		{"not on roll", "Peter Parker", addr("1234", "N Figueroa St", "4", "Los Angeles", "90012"), "", signet.AddressNone, nil},
		{"not on roll, same surname", "Jose Garcia", addr("500", "W 5th St", "", "Los Angeles", "90013"), "", signet.AddressNone, nil},
		{"initial only does not link by name", "M Lopez", addr("88", "Pine St", "", "Burbank", "91501"), "", signet.AddressNone, nil},
		{"typo does not link by name", "Maria Lopes", addr("88", "Pine St", "", "Burbank", "91501"), "", signet.AddressNone, nil},
		{"empty", "", addr("1234", "N Figueroa St", "4", "Los Angeles", "90012"), "", signet.AddressNone, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			line := &signet.Line{PrintedName: c.printed, Address: c.a}
			got := l.Link(line)
			id := ""
			if got.Voter != nil {
				id = got.Voter.ID
			}
			if id != c.want {
				t.Fatalf("Link(%q) = voter %q (%+v), want %q", c.printed, id, got, c.want)
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
				t.Errorf("Candidates = %+v", got.Candidates)
			}
			if got.Score <= 0 || got.Score > 1.01 {
				t.Errorf("Score = %v", got.Score)
			}
			again := l.Link(line)
			if again.Voter != got.Voter || again.Score != got.Score {
				t.Errorf("not deterministic")
			}
		})
	}
}

// TestLinkTies: two voters of one name at one address link to the lower index.
func TestLinkTies(t *testing.T) {
	a := addr("1", "MAIN ST", "", "X", "90001")
	roll := []signet.Voter{
		{ID: "A", FirstName: "JOHN", LastName: "DOE", Residence: addr("9", "ELM ST", "", "X", "90002")},
		{ID: "B", FirstName: "JOHN", LastName: "DOE", Residence: a},
		{ID: "C", FirstName: "JOHN", LastName: "DOE", Residence: a},
	}
	l := NewLinker(roll)
	got := l.Link(&signet.Line{PrintedName: "John Doe", Address: a})
	if got.Voter == nil || got.Voter.ID != "B" || got.Address != signet.AddressCurrent {
		t.Fatalf("got %+v", got)
	}
	// By name only, the one in the line's ZIP wins over the lower index.
	got = l.Link(&signet.Line{PrintedName: "John Doe", Address: addr("5", "OAK ST", "", "X", "90002")})
	if got.Voter == nil || got.Voter.ID != "A" || got.Address != signet.AddressNone {
		t.Fatalf("got %+v", got)
	}
	got = l.Link(&signet.Line{PrintedName: "John Doe", Address: addr("5", "OAK ST", "", "X", "90001")})
	if got.Voter == nil || got.Voter.ID != "B" || got.Address != signet.AddressNone {
		t.Fatalf("got %+v", got)
	}
}

func TestLinkKeepsVotersByPointer(t *testing.T) {
	roll := testRoll()
	l := NewLinker(roll)
	got := l.Link(&signet.Line{PrintedName: "Maria Lopez", Address: addr("1234", "N Figueroa St", "4", "", "90012")})
	if got.Voter != &roll[0] {
		t.Fatalf("Voter is not a pointer into the roll")
	}
}

func TestLinkConcurrent(t *testing.T) {
	l := NewLinker(testRoll())
	line := &signet.Line{PrintedName: "Bob Smith", Address: addr("1234 1/2", "N Figueroa St", "", "", "90012")}
	want := l.Link(line)
	done := make(chan signet.Link)
	for g := 0; g < 4; g++ {
		go func() {
			var got signet.Link
			for k := 0; k < 100; k++ {
				got = l.Link(line)
			}
			done <- got
		}()
	}
	for g := 0; g < 4; g++ {
		if got := <-done; got.Voter != want.Voter || got.Score != want.Score {
			t.Fatalf("concurrent Link differs: %+v vs %+v", got, want)
		}
	}
}

func TestNewLinkerEmpty(t *testing.T) {
	l := NewLinker(nil)
	if got := l.Link(&signet.Line{PrintedName: "Maria Lopez", Address: addr("1", "A ST", "", "", "90001")}); got.Voter != nil {
		t.Fatalf("empty roll linked %+v", got)
	}
}

func FuzzLink(f *testing.F) {
	l := NewLinker(testRoll())
	f.Add("Maria G. Lopez", "1234", "N Figueroa St", "Apt 4", "90012")
	f.Add("LOPEZ, ", "", "", "#", "")
	f.Add(", Jr", "1234 1/2", "North", "", "90012-1234")
	f.Fuzz(func(t *testing.T, name, house, street, unit, zip string) {
		line := &signet.Line{PrintedName: name, Address: addr(house, street, unit, "", zip)}
		got := l.Link(line)
		if got.Voter == nil && got.Address != signet.AddressNone {
			t.Fatalf("nil voter with address %q", got.Address)
		}
		if len(got.Candidates) > 3 {
			t.Fatalf("%d candidates", len(got.Candidates))
		}
	})
}
