package match

import (
	"slices"
	"testing"
)

func TestNormalizeName(t *testing.T) {
	cases := map[string]string{
		"":                   "",
		"maria g. Lopez":     "MARIA G LOPEZ",
		"  José   Núñez ":    "JOSE NUNEZ",
		"O'Brien":            "OBRIEN",
		"O’Brien":            "OBRIEN",
		"Garcia-Lopez":       "GARCIA LOPEZ",
		"Lopez, Maria":       "LOPEZ MARIA",
		"ZOË  BJÖRK":         "ZOE BJORK",
		"STRAßE":             "STRASSE",
		"GARCIA LOPEZ":       "GARCIA LOPEZ",
		"\tR.J.\nSmith":      "R J SMITH",
		"Ñandú 3rd":          "NANDU 3RD",
		"...":                "",
		"Mary-Kate  O'Neil ": "MARY KATE ONEIL",
	}
	for in, want := range cases {
		if got := NormalizeName(in); got != want {
			t.Errorf("NormalizeName(%q) = %q, want %q", in, got, want)
		}
		if got := NormalizeName(want); got != want {
			t.Errorf("NormalizeName not idempotent on %q: %q", want, got)
		}
	}
}

func TestParsePrintedName(t *testing.T) {
	cases := []struct {
		in   string
		want PersonName
	}{
		{"maria g. Lopez", PersonName{"MARIA", "G", "LOPEZ", ""}},
		{"Lopez, Maria", PersonName{"MARIA", "", "LOPEZ", ""}},
		{"Lopez, Maria G.", PersonName{"MARIA", "G", "LOPEZ", ""}},
		{"LOPEZ MARIA", PersonName{"LOPEZ", "", "MARIA", ""}}, // swapped without comma: the linker tries both
		{"Bob Smith", PersonName{"BOB", "", "SMITH", ""}},
		{"R Smith", PersonName{"R", "", "SMITH", ""}},
		{"R. J. Smith", PersonName{"R", "J", "SMITH", ""}},
		{"R.J. Smith", PersonName{"R", "J", "SMITH", ""}},
		{"John Smith Jr.", PersonName{"JOHN", "", "SMITH", "JR"}},
		{"John A. Smith, Jr.", PersonName{"JOHN", "A", "SMITH", "JR"}},
		{"Smith, John Jr", PersonName{"JOHN", "", "SMITH", "JR"}},
		{"Smith Jr, John", PersonName{"JOHN", "", "SMITH", "JR"}},
		{"Henry Ford III", PersonName{"HENRY", "", "FORD", "III"}},
		{"Henry Ford IV", PersonName{"HENRY", "", "FORD", "IV"}},
		{"James Earl Jones Sr", PersonName{"JAMES", "EARL", "JONES", "SR"}},
		{"Garcia-Lopez", PersonName{"", "", "GARCIA LOPEZ", ""}},
		{"Maria Garcia-Lopez", PersonName{"MARIA", "", "GARCIA LOPEZ", ""}},
		{"Maria G. Garcia-Lopez", PersonName{"MARIA", "G", "GARCIA LOPEZ", ""}},
		{"Maria G Garcia Lopez", PersonName{"MARIA", "G", "GARCIA LOPEZ", ""}},
		{"Juan de la Cruz", PersonName{"JUAN", "", "DE LA CRUZ", ""}},
		{"Patrick O'Brien", PersonName{"PATRICK", "", "OBRIEN", ""}},
		{"", PersonName{}},
		{"  ", PersonName{}},
		{"Cher", PersonName{"", "", "CHER", ""}},
	}
	for _, c := range cases {
		if got := ParsePrintedName(c.in); got != c.want {
			t.Errorf("ParsePrintedName(%q) = %+v, want %+v", c.in, got, c.want)
		}
	}
}

func TestNormalizeStreet(t *testing.T) {
	cases := map[string]string{
		"N FIGUEROA ST":              "N FIGUEROA ST",
		"north figueroa street":      "N FIGUEROA ST",
		"N. Figueroa St.":            "N FIGUEROA ST",
		"Fifth Avenue":               "5TH AVE",
		"5th ave":                    "5TH AVE",
		"West Twenty-First Street":   "W 21ST ST",
		"Sunset Boulevard":           "SUNSET BLVD",
		"Mulholland Dr":              "MULHOLLAND DR",
		"Mulholland Drive":           "MULHOLLAND DR",
		"Main Street North":          "MAIN ST N",
		"North Avenue":               "NORTH AVE",
		"Figeuroa Stret":             "FIGEUROA STRET",
		"Avenue of the Stars":        "AVENUE OF THE STARS",
		"Southwest Pine Road":        "SW PINE RD",
		"Park Place":                 "PARK PL",
		"Pacific Coast Highway":      "PACIFIC COAST HWY",
		"":                           "",
		"Saint Andrews Pl":           "SAINT ANDREWS PL",
		"East Cesar E Chavez Avenue": "E CESAR E CHAVEZ AVE",
	}
	for in, want := range cases {
		got := NormalizeStreet(in)
		if got != want {
			t.Errorf("NormalizeStreet(%q) = %q, want %q", in, got, want)
		}
		if again := NormalizeStreet(got); again != got {
			t.Errorf("NormalizeStreet not idempotent: %q -> %q -> %q", in, got, again)
		}
	}
	if c := streetCore("N FIGUEROA ST"); c != "FIGUEROA" {
		t.Errorf("streetCore = %q", c)
	}
	if c := streetCore("MAIN ST N"); c != "MAIN" {
		t.Errorf("streetCore = %q", c)
	}
}

func TestNormalizeUnit(t *testing.T) {
	cases := map[string]string{
		"":           "",
		"4":          "4",
		"Apt. 4":     "4",
		"APT 4":      "4",
		"#4":         "4",
		"# 4":        "4",
		"UNIT 4":     "4",
		"Ste 4":      "4",
		"Suite 200":  "200",
		"Apt 4-B":    "4B",
		"apt 4b":     "4B",
		"UNIT B":     "B",
		"Apartment":  "APARTMENT",
		"Space 12":   "12",
		"No. 7":      "7",
		"APT #12":    "12",
		"Apto. 3":    "3",
		"Unit 1/2":   "12",
		"Bldg 2 # 3": "23",
	}
	for in, want := range cases {
		if got := NormalizeUnit(in); got != want {
			t.Errorf("NormalizeUnit(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestZIP5(t *testing.T) {
	cases := map[string]string{
		"90012":       "90012",
		"90012-1234":  "90012",
		" 90012 ":     "90012",
		"900121234":   "90012",
		"2134":        "02134",
		"":            "",
		"ABCDE":       "",
		"9001":        "09001",
		"90012-":      "90012",
		"1234567":     "",
		"90012 -1234": "90012",
	}
	for in, want := range cases {
		if got := ZIP5(in); got != want {
			t.Errorf("ZIP5(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormHouse(t *testing.T) {
	cases := map[string]string{
		"1234":      "1234",
		"1234 1/2":  "1234 1/2",
		"1234  1/2": "1234 1/2",
		"01234":     "1234",
		"12b":       "12B",
		"123-1/2":   "123 1/2",
		"0":         "0",
		"":          "",
	}
	for in, want := range cases {
		if got := normHouse(in); got != want {
			t.Errorf("normHouse(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNicknames(t *testing.T) {
	same := [][2]string{
		{"Robert", "Bob"}, {"BOB", "ROBERT"}, {"Bob", "Rob"}, {"ROBERT", "ROBERT"},
		{"William", "Bill"}, {"Elizabeth", "Liz"}, {"jose", "pepe"}, {"PACO", "FRANCISCO"},
		{"Pancho", "Francisco"}, {"Lupe", "Guadalupe"}, {"Chuy", "Jesus"}, {"Kike", "Enrique"},
		{"Nacho", "Ignacio"}, {"Chayo", "Rosario"}, {"Concha", "Concepcion"}, {"Lola", "Dolores"},
		{"José", "Pepe"}, {"Margaret", "Peggy"},
	}
	for _, p := range same {
		if !SameGivenName(p[0], p[1]) || !SameGivenName(p[1], p[0]) {
			t.Errorf("SameGivenName(%q, %q) = false", p[0], p[1])
		}
	}
	differ := [][2]string{{"Maria", "Mario"}, {"Robert", "Richard"}, {"", ""}, {"R", "Robert"}, {"John", "Joan"}}
	for _, p := range differ {
		if SameGivenName(p[0], p[1]) {
			t.Errorf("SameGivenName(%q, %q) = true", p[0], p[1])
		}
	}
	g := NicknameGroup("bob")
	for _, w := range []string{"BOB", "ROBERT", "ROB", "BOBBY"} {
		if !slices.Contains(g, w) {
			t.Errorf("NicknameGroup(bob) = %v lacks %s", g, w)
		}
	}
	if !slices.IsSorted(g) {
		t.Errorf("NicknameGroup not sorted: %v", g)
	}
	if g := NicknameGroup("Zzyzx"); !slices.Equal(g, []string{"ZZYZX"}) {
		t.Errorf("NicknameGroup(Zzyzx) = %v", g)
	}
	if g := NicknameGroup(""); g != nil {
		t.Errorf("NicknameGroup(\"\") = %v", g)
	}
}

func FuzzParsePrintedName(f *testing.F) {
	for _, s := range []string{"maria g. Lopez", "Lopez, Maria", "R. J. Smith Jr.", ",", ", Jr", "Jr", "de la", "José Núñez III", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p := ParsePrintedName(s)
		for _, part := range []string{p.First, p.Middle, p.Last, p.Suffix} {
			if NormalizeName(part) != part {
				t.Fatalf("ParsePrintedName(%q) = %+v: part %q not normalized", s, p, part)
			}
		}
		n := NormalizeName(s)
		if NormalizeName(n) != n {
			t.Fatalf("NormalizeName not idempotent on %q", s)
		}
	})
}

func FuzzNormalizeStreet(f *testing.F) {
	for _, s := range []string{"N FIGUEROA ST", "north fifth street", "Twenty First", "NORTH AVE", "Main St North", "N", "ST", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := NormalizeStreet(s)
		if again := NormalizeStreet(n); again != n {
			t.Fatalf("NormalizeStreet(%q) = %q, then %q", s, n, again)
		}
		_ = streetCore(n)
		u := NormalizeUnit(s)
		if again := NormalizeUnit(u); again != u {
			t.Fatalf("NormalizeUnit(%q) = %q, then %q", s, u, again)
		}
	})
}
