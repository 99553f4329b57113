package match

import (
	"math"
	"strings"

	signet "github.com/signet-vote/signet"
)

// Comparison: a line or record prepared as a query, and each field of a candidate pair
// compared into an agreement level.

// query is a line or a record prepared for comparison.
type query struct {
	rs    [maxReadings]lineName
	nr    int
	la    lineAddr
	house string
	zip   uint32
	birth int32
	// stID is 1 + the roll street last compared with the line's, stLv its level.
	stID uint32
	stLv level
}

// streetOnly reports a line that gives its street but no house number: the name-only
// path then weighs the street, city and ZIP as well (a namesake on the line's street is
// far likelier the signer than one across the county), though the address cannot agree.
func (q *query) streetOnly() bool { return q.la.house == "" && q.la.street != "" }

func (q *query) setName(first, middle, last, suffix string) {
	q.rs[0] = makeLineName(first, middle, last, suffix, 0)
	q.nr = 1
}

// voterQuery reads voter i as a query (for u estimation).
func (e *Engine) voterQuery(q *query, i int32) {
	r := &e.recs[i]
	q.nr = 1
	ln := &q.rs[0]
	*ln = lineName{first: e.names[r.first], middle: e.names[r.middle].norm, last: e.names[r.last], suffix: suffixList[r.suffix]}
	st := &e.streets[r.street]
	q.la = lineAddr{street: st.norm, core: st.core, key: st.key, unit: e.units.strs[r.unit], city: e.cities.strs[r.city],
		house: e.houses.strs[r.house]}
	q.house = q.la.house
	q.zip = r.zip
	q.birth = r.birth
	q.stID = 0
}

// ecand is one candidate pair's comparison.
type ecand struct {
	voter, prior int32
	w            float64 // total weight of the fields compared
	lv           [nFields]level
	fw           [nFields]float64
	name         nameScore
	addrAgrees   bool
	compared     uint16 // bit f: field f was compared
	// swappedMid: the best reading takes the first word for the surname and leaves a
	// middle word ("TERRY RONALD WEGLARZ" read as RONALD TERRY): too weak to link by name.
	swappedMid bool
	// voterShort: the surnames agree only because the voter's one surname is a word of the
	// line's longer one ("ARTHUR BARRY HATTAWAY" against ARTHUR BARRY): a middle name taken
	// for a surname, too weak to link by name alone. (A line's short surname that is part
	// of the voter's compound one, "Maria Garcia" against GARCIA LOPEZ, still links.)
	voterShort bool
}

// addrOf returns the address fields of a reference: a voter's residence or prior address.
func (e *Engine) addrOf(ref int32) (voter, prior int32, street, house, unit, city, zip uint32) {
	if ref >= 0 {
		r := &e.recs[ref]
		return ref, -1, r.street, r.house, r.unit, r.city, r.zip
	}
	p := &e.priors[-ref-1]
	return p.voter, p.prior, p.street, p.house, p.unit, p.city, p.zip
}

// compare fills c with the comparison of q and reference ref (a residence or a prior
// address). withAddr compares the address fields; loose lets a strong name upgrade a
// street disagreement that streetLoose accepts, as SimpleLinker does.
func (e *Engine) compare(q *query, ref int32, c *ecand, withAddr, loose bool) {
	voter, prior, street, house, unit, city, zip := e.addrOf(ref)
	c.voter, c.prior = voter, prior
	r := &e.recs[voter]
	// Name: the best reading.
	bestW := math.Inf(-1)
	var best [4]level
	var bestWs [4]float64
	// The most a reading can weigh against this voter: every name field exact.
	wl, wf := e.exactW(fLast, r.last), e.exactW(fFirst, r.first)
	bound := wl + wf +
		max(0, e.w[fMiddle][lvExact]) + max(0, e.w[fSuffix][lvExact])
	for k := 0; k < q.nr; k++ {
		ln := &q.rs[k]
		if k > 0 && bound-readingPenalty(ln) <= bestW {
			continue
		}
		var lv [4]level
		var ws [4]float64
		vl := &e.names[r.last]
		if k > 0 && ln.last.key == q.rs[0].last.key {
			lv[0] = best[0] // the compound reading of a one-word surname: same surname
		} else {
			lv[0] = cmpLast(&ln.last, vl)
		}
		ws[0] = e.w[fLast][lv[0]]
		if lv[0] == lvExact {
			ws[0] = wl
		}
		// With its surname compared, a reading can weigh at most this much.
		if k > 0 && bound-wl+ws[0]-readingPenalty(ln) <= bestW {
			continue
		}
		vf := &e.names[r.first]
		lv[1] = cmpFirst(&ln.first, vf)
		ws[1] = e.w[fFirst][lv[1]]
		if lv[1] == lvExact {
			ws[1] = wf
		}
		lv[2], _ = compareMiddle(ln.middle, e.names[r.middle].norm)
		ws[2] = e.w[fMiddle][lv[2]]
		lv[3], _ = compareSuffix(ln.suffix, suffixList[r.suffix])
		ws[3] = e.w[fSuffix][lv[3]]
		t := ws[0] + ws[1] + ws[2] + ws[3] - readingPenalty(ln)
		if t > bestW {
			bestW, best, bestWs = t, lv, ws
			c.name = nameScore{last: lv[0], first: lv[1], middle: lv[2], suff: lv[3], swapped: ln.swapped}
			c.swappedMid = ln.swapped && ln.middle != ""
			c.voterShort = lv[0] == lvCompound && compoundPart(vl, &ln.last) && !compoundPart(&ln.last, vl)
		}
		if lv[0] == lvExact && (lv[1] == lvExact || lv[1] == lvNickname) {
			break // no other reading can do better
		}
	}
	for f := 0; f < 4; f++ {
		c.lv[f], c.fw[f] = best[f], bestWs[f]
	}
	c.w = bestW
	c.compared = 0xf
	// Birth date, when both sides have one.
	if q.birth != 0 || r.birth != 0 {
		c.lv[fBirth] = cmpBirth(q.birth, r.birth)
		c.fw[fBirth] = e.w[fBirth][c.lv[fBirth]]
		c.w += c.fw[fBirth]
		c.compared |= 1 << fBirth
	}
	if !withAddr {
		return
	}
	la := &q.la
	c.lv[fHouse] = cmpHouse(q.house, e.houses.strs[house])
	st := &e.streets[street]
	// Candidates at one address share its street: compare it once per line.
	if q.stID != street+1 {
		q.stID = street + 1
		q.stLv, _ = compareStreet(la, st)
	}
	c.lv[fStreet] = q.stLv
	if loose && c.lv[fStreet] == lvDisagree && c.name.strong() && streetLoose(la, st) {
		c.lv[fStreet] = lvTypo
	}
	vu := e.units.strs[unit]
	switch {
	case la.unit == "":
		c.lv[fUnit] = lvMissing
	case vu == la.unit:
		c.lv[fUnit] = lvExact
	default:
		c.lv[fUnit] = lvDisagree
	}
	c.lv[fCity], _ = compareCity(la.city, e.cities.strs[city])
	c.lv[fZIP] = cmpZIP(q.zip, zip)
	for f := fHouse; f <= fZIP; f++ {
		c.fw[f] = e.w[f][c.lv[f]]
		c.w += c.fw[f]
	}
	c.compared |= 1<<fHouse | 1<<fStreet | 1<<fUnit | 1<<fCity | 1<<fZIP
	c.addrAgrees = c.lv[fHouse] == lvExact && c.lv[fStreet] != lvDisagree &&
		(c.lv[fZIP] == lvExact || c.lv[fZIP] == lvMissing) && (c.lv[fStreet] != lvMissing || c.lv[fZIP] == lvExact)
}

// readingPenalty is the log2 prior odds against a less likely reading of a printed name.
func readingPenalty(ln *lineName) float64 {
	switch {
	case ln.swapped:
		return 5.5 // about 2% of lines are written "Last First" without a comma
	case ln.penalty > 0:
		return 0.5
	}
	return 0
}

// cmpLast compares surnames, line a against voter b.
func cmpLast(a, b *nameInfo) level {
	if a.key == "" || b.key == "" {
		return lvMissing
	}
	if a.key == b.key {
		return lvExact
	}
	if compoundPart(a, b) || compoundPart(b, a) {
		return lvCompound
	}
	if oneEdit(a.key, b.key) {
		return lvTypo
	}
	if compoundTypo(a, b) {
		return lvCompoundTypo
	}
	if len(a.key) == 1 || len(b.key) == 1 {
		if a.key[0] == b.key[0] {
			return lvInitial
		}
		return lvDisagree
	}
	jw := 0.0
	if mayJW(a.key, b.key, 0.85) {
		jw = JaroWinkler(a.key, b.key)
	}
	// People do not misspell the first letter of their surname (SimpleLinker's jw band).
	if len(a.key) >= 4 && len(b.key) >= 4 && a.key[0] == b.key[0] && jw >= 0.92 {
		return lvJW
	}
	if soundAlike(a, b, 3) {
		return lvPhonetic
	}
	if jw >= 0.85 {
		return lvJWLow
	}
	return lvDisagree
}

// soundAlike reports whether two names agree by NYSIIS, or by a Metaphone code of at
// least minSound letters: SENTRY and CENTURY (SNTR), ROTHCHILD and ROTHSHILD. A shorter
// code (JN, KL) is shared by too many names to say anything: JENIA, GIANNI and JOHNNIE
// would be one person in the census set's HILLEGAS household.
func soundAlike(a, b *nameInfo, minSound int) bool {
	return a.phon != "" && a.phon == b.phon || len(a.sound) >= minSound && a.sound == b.sound
}

// compoundTypo reports whether the line's one-word surname a is one edit from a word of
// the voter's compound surname b, with the same first letter and at least four letters
// each: ROBELS for ROBLES FLORES, a signer who wrote one of two surnames and slipped.
func compoundTypo(a, b *nameInfo) bool {
	if len(a.key) < 4 || len(a.norm) != len(a.key) || strings.IndexByte(b.norm, ' ') < 0 {
		return false
	}
	rest := b.norm
	for rest != "" {
		w := rest
		if i := strings.IndexByte(rest, ' '); i >= 0 {
			w, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		if len(w) >= 4 && w[0] == a.key[0] && withinOneEdit(a.key, w) {
			return true
		}
	}
	return false
}

// cmpFirst compares given names, line a against voter b: SimpleLinker's levels (exact,
// nickname, initial, typo, jw), then phonetic and jw_low.
func cmpFirst(a, b *nameInfo) level {
	if a.key == "" || b.key == "" {
		return lvMissing
	}
	if a.key == b.key {
		return lvExact
	}
	fa, fb := firstWord(a.norm), firstWord(b.norm)
	if fa == fb && len(fa) > 1 {
		return lvExact
	}
	if len(fa) > 1 && len(fb) > 1 && sameGivenAdj(fa, a.adj, fb, b.adj) {
		return lvNickname
	}
	if (len(fa) == 1 || len(fb) == 1) && fa[0] == fb[0] {
		return lvInitial
	}
	if oneEdit(fa, fb) {
		return lvTypo
	}
	if len(fa) < 2 || len(fb) < 2 {
		return lvDisagree
	}
	jw := 0.0
	if mayJW(fa, fb, jwWeak) {
		jw = JaroWinkler(fa, fb)
	}
	// Jaro-Winkler only between names of about one length: JOSE is not JOSEPH.
	if len(fa) >= 4 && len(fb) >= 4 && len(fa)-len(fb) <= 1 && len(fb)-len(fa) <= 1 && jw >= 0.94 {
		return lvJW
	}
	// A misspelt nickname: BTSY for ELIZABETH; not when the line's name is itself one
	// the table knows (JOSE is not a misspelt JOS).
	if len(fa) >= 3 && len(a.adj) == 0 {
		for _, n := range b.adj {
			if len(n) >= 3 && oneEdit(fa, n) && sameGivenAdj(n, givenAdj(n), fb, b.adj) {
				return lvTypo
			}
		}
	}
	if soundAlike(a, b, 3) {
		return lvPhonetic
	}
	if jw >= 0.85 {
		return lvJWLow
	}
	if jw >= jwWeak {
		return lvJWWeak
	}
	return lvDisagree
}

// jwWeak is the least Jaro-Winkler similarity of two given names that still says
// something: LACHELLE and MICHELLE (0.83), JANICE and DIANE (0.74), ELAM and ELMER; below
// it, names share little more than random pairs do.
const jwWeak = 0.70

// mayJW reports whether JaroWinkler(a, b) can reach lo, from the letters the two have in
// common regardless of position (an upper bound on the Jaro matches) and the longest
// possible prefix boost: a cheap test that skips most hopeless pairs.
func mayJW(a, b string, lo float64) bool {
	if len(a) == 0 || len(b) == 0 || len(a) > 64 || len(b) > 64 {
		return true
	}
	// Letters are counted modulo 64: a collision only overestimates the matches.
	var cnt [64]int8
	for i := 0; i < len(a); i++ {
		cnt[a[i]&63]++
	}
	m := 0
	for i := 0; i < len(b); i++ {
		if c := b[i] & 63; cnt[c] > 0 {
			cnt[c]--
			m++
		}
	}
	if m == 0 {
		return false
	}
	j := (float64(m)/float64(len(a)) + float64(m)/float64(len(b)) + 1) / 3
	return j+0.4*(1-j) >= lo
}

func cmpHouse(a, b string) level {
	switch {
	case a == "" || b == "":
		return lvMissing
	case a == b:
		return lvExact
	case len(a) >= 2 && len(b) >= 2 && withinOneEdit(a, b):
		return lvTypo
	}
	return lvDisagree
}

func cmpZIP(a, b uint32) level {
	switch {
	case a == 0 || b == 0:
		return lvMissing
	case a == b:
		return lvExact
	}
	// One digit apart.
	diff := 0
	for x, y := a-1, b-1; x > 0 || y > 0; x, y = x/10, y/10 {
		if x%10 != y%10 {
			diff++
		}
	}
	if diff == 1 {
		return lvTypo
	}
	return lvDisagree
}

// cmpBirth compares yyyymmdd dates: exact, one of year, month and day differing or day
// and month swapped (typo), or disagree.
func cmpBirth(a, b int32) level {
	switch {
	case a == 0 || b == 0:
		return lvMissing
	case a == b:
		return lvExact
	}
	ya, ma, da := a/10000, a/100%100, a%100
	yb, mb, db := b/10000, b/100%100, b%100
	same := 0
	if ya == yb {
		same++
	}
	if ma == mb {
		same++
	}
	if da == db {
		same++
	}
	if same == 2 || ya == yb && ma == db && da == mb {
		return lvTypo
	}
	return lvDisagree
}

// prepare reads a line into a query.
func (e *Engine) prepare(q *query, line *signet.Line) {
	q.nr = readings(line.PrintedName, &q.rs)
	for k := 0; k < q.nr; k++ {
		e.setPhon(&q.rs[k])
	}
	e.prepareAddr(q, &line.Address)
	q.birth = 0
}

func (e *Engine) setPhon(ln *lineName) {
	ln.last.phon = NYSIIS(ln.last.key)
	ln.first.phon = NYSIIS(firstWord(ln.first.norm))
	ln.last.sound, ln.first.sound = Metaphone(ln.last.key), Metaphone(ln.first.key)
}

func (e *Engine) prepareAddr(q *query, a *signet.Address) {
	house, street := SplitHouseStreet(a.HouseNumber, a.Street)
	q.la = lineAddr{zip: ZIP5(a.ZIP), house: normHouse(house), unit: NormalizeUnit(a.Unit)}
	if c, ok := e.cityNorm[a.City]; ok {
		q.la.city = c // spelt as on the roll
	} else {
		q.la.city = NormalizeName(a.City)
	}
	if id, ok := e.streetIDs[street]; ok {
		q.la.street, q.la.core, q.la.key = e.streets[id].norm, e.streets[id].core, e.streets[id].key
	} else {
		q.la.street = NormalizeStreet(street)
		q.la.core = streetCore(q.la.street)
		q.la.key = streetKey(q.la.core)
	}
	q.house = q.la.house
	q.zip = parseZIP(a.ZIP)
	q.stID = 0
}

func (e *Engine) prepareVoter(q *query, v *signet.Voter) {
	f, m, l := NormalizeName(v.FirstName), NormalizeName(v.MiddleName), NormalizeName(v.LastName)
	q.rs[0] = makeLineName(f, m, l, NormalizeSuffix(v.Suffix), 0)
	q.nr = 1
	if f != "" && l != "" && f != l {
		q.rs[1] = makeLineName(l, m, f, NormalizeSuffix(v.Suffix), 0.3)
		q.rs[1].swapped = true
		q.nr = 2
	}
	for k := 0; k < q.nr; k++ {
		e.setPhon(&q.rs[k])
	}
	e.prepareAddr(q, &v.Residence)
	q.birth = dateNum(v.BirthDate)
}
