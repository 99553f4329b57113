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
