package synth

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// Case modes of a line: people write in capitals, in title case or in lower case.
const (
	caseUpper = iota
	caseTitle
	caseLower
)

// lineText is a petition line as written.
type lineText struct {
	name, house, street, unit, city, zip string
	notes                                uint8
}

func (g *gen) prob(x float64) bool { return g.r.Float64() < x*g.cfg.NoiseScale }

// makeText writes line ln of person p the way a person would.
func (g *gen) makeText(ln *lineRec, p *person) lineText {
	r := g.r
	var t lineText
	cm := caseTitle
	switch x := r.Float64(); {
	case x < 0.25:
		cm = caseUpper
	case x < 0.85:
		cm = caseTitle
	default:
		cm = caseLower
	}
	if g.cfg.NoiseScale == 0 {
		cm = caseUpper
	}
	offRoll := p.voter < 0
	t.name = g.printedName(p, p.role == roleDA || offRoll, p.role == roleDA, offRoll && p.role == roleNR, cm)

	addr := p.addr
	switch p.role {
	case roleMover:
		addr = p.prior
	case roleDA:
		for {
			a := g.randAddr(r, g.countyZip(r))
			if (a.zip != p.addr.zip || a.house != p.addr.house) && (!p.hasPrior || a.zip != p.prior.zip || a.house != p.prior.house) {
				addr = a
				break
			}
		}
	}
	z := &g.zips[addr.zip]
	t.house = addr.houseString()
	t.street = g.streetText(&z.streets[addr.street])
	if addr.unit != 0 {
		if g.prob(0.20) {
			t.notes |= ntApartmentMissing
		} else {
			u := addr.unit
			if g.prob(0.03) {
				u = u%40 + 1 + uint16(r.IntN(5))
				if u == addr.unit {
					u++
				}
				t.notes |= ntApartmentDiffers
			}
			n := strconv.Itoa(int(u))
			switch x := r.Float64(); {
			case x < 0.55 || g.cfg.NoiseScale == 0:
				t.unit = "APT " + n
			case x < 0.75:
				t.unit = "#" + n
			case x < 0.85:
				t.unit = "APT. " + n
			case x < 0.95:
				t.unit = "UNIT " + n
			default:
				t.unit = "# " + n
			}
		}
	}
	switch {
	case g.prob(0.15):
		t.notes |= ntCityMissing
	case g.prob(0.03):
		t.city = cityVariant(r, z.city)
	default:
		t.city = z.city
	}
	t.zip = z.code
	if g.prob(0.03) {
		t.zip += "-" + strconv.Itoa(1000+r.IntN(9000))
	}
	if p.role == roleInc {
		if r.IntN(2) == 0 {
			t.house = ""
		} else {
			t.street = ""
		}
	}
	// notes: address notes where the line is at one of the voter's registered addresses
	switch p.role {
	case roleDA, roleNR, roleOOC, roleInc:
		t.notes = 0
	}
	if !offRoll && p.status == stInactive {
		t.notes |= ntInactive
	}
	switch p.role {
	case roleMover:
		t.notes |= ntMoved
	case roleRAS:
		t.notes |= ntRegisteredAfterSigning
	}
	t.street = applyCase(t.street, cm)
	t.unit = applyCase(t.unit, cm)
	t.city = applyCase(t.city, cm)
	return t
}

// printedName writes the person's name. safe avoids nicknames, initials and the comma-less
// "Last First" order; noTypo avoids typos; checkKeys undoes the noise of the first and last
// names when the noisy name has a key of some roll voter.
func (g *gen) printedName(p *person, safe, noTypo, checkKeys bool, cm int) string {
	r := g.r
	t := g.t
	first := t.firsts[p.first].name
	last := g.lastName(&p.member)
	if p.last2 >= 0 {
		if g.prob(0.40) {
			last = t.surnames[p.last].name
		} else if g.prob(0.15) {
			if p.hyphen {
				last = strings.Replace(last, "-", " ", 1)
			} else {
				last = t.surnames[p.last].name + "-" + t.surnames[p.last2].name
			}
		}
	}
	middle := ""
	if p.middle >= 0 {
		middle = t.firsts[p.middle].name
	}
	suffix := suffixNames[p.suffix]
	if !safe {
		if nicks := t.firsts[p.first].nicks; len(nicks) > 0 && g.prob(0.06) {
			first = nicks[r.IntN(len(nicks))]
		}
	}
	if !noTypo && g.prob(0.04) {
		f2, l2 := first, last
		if r.IntN(2) == 0 {
			f2 = typo(r, first, 0)
		} else {
			l2 = typo(r, last, 1)
		}
		first, last = f2, l2
	}
	if !noTypo {
		first, last = g.nameForms(first, last)
	}
	if !safe && g.prob(0.02) {
		first = first[:1]
		if r.IntN(2) == 0 {
			first += "."
		}
	}
	if middle != "" {
		switch x := r.Float64(); {
		case x < 0.30*g.cfg.NoiseScale:
			middle = ""
		case x < 0.45*g.cfg.NoiseScale:
			middle = middle[:1]
			if r.IntN(3) == 0 {
				middle += "."
			}
		}
	}
	if suffix != "" && g.prob(0.30) {
		suffix = ""
	} else if suffix == "" && p.male && g.prob(0.002) {
		suffix = "JR"
	}
	if g.prob(0.03) {
		switch r.IntN(4) {
		case 0:
			if strings.Contains(last, "'") {
				last = strings.ReplaceAll(last, "'", "")
			} else {
				last += "."
			}
		case 1:
			if suffix != "" {
				suffix += "."
			} else {
				first += "."
			}
		case 2:
			if suffix != "" {
				suffix = ", " + suffix
			} else {
				last = strings.ReplaceAll(last, "'", " ")
			}
		default:
			if middle != "" && len(middle) == 1 {
				middle += "."
			} else {
				last += ","
			}
		}
	}
	if !safe && g.formProb(rateBlankGiven) {
		// Only the surname written: in a household of its surname, any member could be
		// the signer.
		first, middle = "", ""
	}
	if checkKeys && (first != t.firsts[p.first].name || last != g.lastName(&p.member)) && g.collides(last, first) {
		// the noise made the name of a person off the roll look like a roll voter's: write it plainly
		first, last = t.firsts[p.first].name, g.lastName(&p.member)
	}
	var b strings.Builder
	add := func(s string) {
		if s == "" {
			return
		}
		if b.Len() > 0 && s[0] != ',' {
			b.WriteByte(' ')
		}
		b.WriteString(s)
	}
	switch x := r.Float64(); {
	case x < 0.03*g.cfg.NoiseScale:
		add(strings.TrimRight(last, ".,"))
		b.WriteByte(',')
		add(first)
		add(middle)
		add(strings.TrimPrefix(suffix, ", "))
	case x < 0.04*g.cfg.NoiseScale && !safe:
		add(strings.TrimRight(last, ".,"))
		add(first)
		add(middle)
		add(strings.TrimPrefix(suffix, ", "))
	default:
		add(first)
		add(middle)
		add(last)
		add(suffix)
	}
	return applyCase(b.String(), cm)
}

// collides reports whether a name (as typed) has a key of some roll voter.
func (g *gen) collides(last, first string) bool {
	var parts, groups []uint64
	for _, s := range nameParts(last) {
		parts = appendUnique64(parts, strHash(s))
	}
	for _, s := range g.t.firstGroups(first) {
		groups = appendUnique64(groups, strHash(s))
	}
	return g.keysMax(parts, groups) > 0
}

// typo makes one insertion, deletion, substitution or transposition at a letter at or after from.
func typo(r *rand.Rand, s string, from int) string {
	b := []byte(s)
	var pos []int
	for i := from; i < len(b); i++ {
		if b[i] >= 'A' && b[i] <= 'Z' {
			pos = append(pos, i)
		}
	}
	if len(pos) < 2 {
		return s
	}
	i := pos[r.IntN(len(pos))]
	letter := func(not byte) byte {
		for {
			if c := byte('A' + r.IntN(26)); c != not {
				return c
			}
		}
	}
	switch r.IntN(4) {
	case 0:
		return string(b[:i]) + string(letter(0)) + string(b[i:])
	case 1:
		if len(pos) > 2 {
			return string(b[:i]) + string(b[i+1:])
		}
	case 3:
		if i+1 < len(b) && b[i+1] >= 'A' && b[i+1] <= 'Z' && b[i+1] != b[i] {
			b[i], b[i+1] = b[i+1], b[i]
			return string(b)
		}
	}
	b[i] = letter(b[i])
	return string(b)
}

// streetText writes a street the way a person might.
func (g *gen) streetText(st *street) string {
	r := g.r
	var b strings.Builder
	if g.formProb(rateFraction) {
		b.WriteString("1/2 ") // a house number's fraction at the head of the street
	}
	if st.dir >= 0 {
		switch x := r.Float64(); {
		case x < 0.10*g.cfg.NoiseScale:
			b.WriteString(directions[st.dir].long)
			b.WriteByte(' ')
		case x < 0.13*g.cfg.NoiseScale:
		default:
			b.WriteString(directions[st.dir].abbr)
			b.WriteByte(' ')
		}
	}
	name := st.name
	if st.number > 0 {
		if st.number <= 99 && g.prob(0.10) {
			name = ordinalWord(st.number)
		}
	} else if g.prob(0.02) {
		name = typo(r, name, 1)
	}
	name = g.streetForms(st, name)
	b.WriteString(name)
	b.WriteByte(' ')
	sf := &suffixes[st.suffix]
	if g.prob(0.30) {
		if r.IntN(2) == 0 {
			b.WriteString(sf.long)
		} else {
			b.WriteString(sf.alt[r.IntN(len(sf.alt))])
		}
	} else {
		b.WriteString(sf.abbr)
	}
	return b.String()
}

// Rates of the forms of writing issue 17 added, per line (times Config.NoiseScale), drawn
// from gen.fr. The census A/B set showed each of them.
const (
	rateBothNamesTypo = 0.005 // BODMER JAMAR for BODNER JAMEL: both names one edit off
	rateSoundSpelling = 0.005 // SENTRY for CENTURY: the surname spelt as it sounds
	rateBareNumber    = 0.05  // of lines on a numbered street: 22 for 22ND
	ratePlural        = 0.01  // of lines on a named street: BANKS for BANK, BANK for BANKS
	rateJoined        = 0.01  // of lines on a street of two or more words: ELDORADO for EL DORADO
	rateFraction      = 0.003 // "1/2 " at the head of the street: 106 1/2 WARE for 106 WARE
	rateBlankGiven    = 0.001 // of roll voters' lines: the surname alone, no given or middle name
)

func (g *gen) formProb(x float64) bool { return g.fr.Float64() < x*g.cfg.NoiseScale }

// nameForms misspells both names, or spells the surname as it sounds.
func (g *gen) nameForms(first, last string) (string, string) {
	switch {
	case g.formProb(rateBothNamesTypo):
		return typo(g.fr, first, 0), typo(g.fr, last, 1)
	case g.formProb(rateSoundSpelling):
		return first, soundSpelling(g.fr, last)
	}
	return first, last
}

// soundRespellings are spellings of one sound: a surname written as heard keeps its sound
// (Metaphone and NYSIIS mostly agree on the two) and loses its letters.
var soundRespellings = [][2]string{
	{"PH", "F"}, {"CK", "K"}, {"CE", "SE"}, {"CI", "SI"}, {"CY", "SY"}, {"CA", "KA"}, {"CO", "KO"},
	{"CU", "KU"}, {"KA", "CA"}, {"KO", "CO"}, {"EI", "IE"}, {"IE", "EI"}, {"EY", "Y"}, {"Y", "I"},
	{"LL", "L"}, {"TT", "T"}, {"NN", "N"}, {"RR", "R"}, {"SS", "S"}, {"MM", "M"}, {"Z", "S"},
	{"S", "Z"}, {"OU", "U"}, {"GH", ""}, {"TH", "T"},
}

// soundSpelling rewrites one spelling of a sound in s, at a place drawn among those where
// one applies; s is returned as it is when none does.
func soundSpelling(r *rand.Rand, s string) string {
	type at struct{ i, k int }
	var opts []at
	for k, p := range soundRespellings {
		for i := 0; i+len(p[0]) <= len(s); i++ {
			if s[i:i+len(p[0])] == p[0] {
				opts = append(opts, at{i, k})
			}
		}
	}
	if len(opts) == 0 {
		return s
	}
	o := opts[r.IntN(len(opts))]
	p := soundRespellings[o.k]
	out := s[:o.i] + p[1] + s[o.i+len(p[0]):]
	if len(out) < 2 {
		return s
	}
	return out
}

// streetForms writes a street's name the way the census set's lines did: a numbered street
// as its bare number, a plural S added or dropped, two words run together.
func (g *gen) streetForms(st *street, name string) string {
	switch {
	case st.number > 0:
		if name == st.name && g.formProb(rateBareNumber) {
			name = strconv.Itoa(st.number)
		}
	case strings.IndexByte(name, ' ') > 0 && g.formProb(rateJoined):
		name = strings.ReplaceAll(name, " ", "")
	case g.formProb(ratePlural):
		if w := name[strings.LastIndexByte(name, ' ')+1:]; len(w) >= 5 && strings.HasSuffix(w, "S") && !strings.HasSuffix(w, "SS") {
			name = name[:len(name)-1]
		} else if len(w) >= 4 && !strings.HasSuffix(w, "S") {
			name += "S"
		}
	}
	return name
}

func cityVariant(r *rand.Rand, city string) string {
	if city == "LOS ANGELES" {
		return []string{"LA", "L.A.", "LOS ANGLES", "LOS ANGELAS", "LOS ANGELS"}[r.IntN(5)]
	}
	for _, d := range directions {
		if strings.HasPrefix(city, d.long+" ") {
			return d.abbr + " " + city[len(d.long)+1:]
		}
	}
	if strings.HasPrefix(city, "SANTA ") {
		return "STA " + city[6:]
	}
	if strings.HasPrefix(city, "SAN ") && r.IntN(2) == 0 {
		return "S " + city[4:]
	}
	return typo(r, city, 1)
}

// applyCase writes s in capitals, title case or lower case. Roman numerals stay capitals in
// title case.
func applyCase(s string, cm int) string {
	switch cm {
	case caseLower:
		return strings.ToLower(s)
	case caseTitle:
		b := []byte(s)
		start := true
		for i := 0; i < len(b); i++ {
			c := b[i]
			isLetter := (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
			if isLetter {
				if start {
					if c >= 'a' && c <= 'z' {
						b[i] = c - 32
					}
				} else if c >= 'A' && c <= 'Z' {
					b[i] = c + 32
				}
				start = false
			} else {
				start = !(c >= '0' && c <= '9')
			}
		}
		out := string(b)
		if strings.Contains(out, "Ii") {
			f := strings.Split(out, " ")
			for i, w := range f {
				if core := strings.TrimRight(w, ".,"); core == "Ii" || core == "Iii" {
					f[i] = strings.ToUpper(w)
				}
			}
			out = strings.Join(f, " ")
		}
		return out
	}
	return s
}
