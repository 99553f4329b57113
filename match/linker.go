package match

import (
	"cmp"
	"slices"
	"strings"

	signet "github.com/signet-vote/signet"
)

// Field agreement levels reported in signet.FieldLevel.Level.
const (
	LevelExact    = "exact"    // equal after normalisation
	LevelNickname = "nickname" // nickname-equivalent given names
	LevelInitial  = "initial"  // an initial agrees with a name
	LevelCompound = "compound" // one surname is a part of the other's compound surname
	LevelAbbrev   = "abbrev"   // street equal but for directional or suffix; city abbreviated
	LevelTypo     = "typo"     // one edit apart (Damerau-Levenshtein 1)
	LevelJW       = "jw"       // Jaro-Winkler similar
	LevelMissing  = "missing"  // absent on the line or on the roll
	LevelDisagree = "disagree" // present on both and different
	LevelPhonetic = "phonetic" // same NYSIIS code, no closer agreement
	LevelJWLow    = "jw_low"   // Jaro-Winkler 0.85 to the jw band
	// LevelCompoundTypo: a one-word surname one edit from a word of the other's compound
	// surname (ROBELS against ROBLES FLORES); fs-v1 only.
	LevelCompoundTypo = "compound_typo"
	// LevelJWWeak: given names alike in part, Jaro-Winkler 0.70 to 0.85 (ELAM and ELMER,
	// WYLIE and WILEY): weak evidence alone, but it tells apart the members of a household
	// whose given names all disagree otherwise.
	LevelJWWeak = "jw_weak"
)

// level is a field agreement level; its String is one of the Level constants.
type level uint8

const (
	lvNone level = iota
	lvExact
	lvNickname
	lvInitial
	lvCompound
	lvAbbrev
	lvTypo
	lvJW
	lvMissing
	lvDisagree
	lvPhonetic
	lvJWLow
	lvCompoundTypo
	lvJWWeak
	nLevels // number of levels, for tables indexed by level
)

var levelNames = [...]string{"", LevelExact, LevelNickname, LevelInitial, LevelCompound, LevelAbbrev, LevelTypo,
	LevelJW, LevelMissing, LevelDisagree, LevelPhonetic, LevelJWLow, LevelCompoundTypo, LevelJWWeak}

// String returns the level's name as reported in signet.FieldLevel.
func (v level) String() string { return levelNames[v] }

// Field names reported in signet.FieldLevel.Field.
const (
	FieldFirst  = "first_name"  // given name
	FieldMiddle = "middle_name" // middle name or initial
	FieldLast   = "last_name"   // surname
	FieldSuffix = "suffix"      // JR, SR, II, ...
	FieldStreet = "street"      // street name with directionals and suffix
	FieldUnit   = "unit"        // apartment or unit number
	FieldCity   = "city"        // city
)

// nameInfo is an interned, pre-normalized name of the roll.
type nameInfo struct {
	norm  string   // NormalizeName form
	key   string   // nameKey of norm: without spaces and digits
	nkeys []string // nickname blocking keys of the first word, nil when it has no table entry
	adj   []string // nickname-table neighbours of the first word
	phon  string   // NYSIIS of key (surnames) or of the first word (given names); Engine only
	sound string   // Metaphone of key: names that sound alike (SENTRY, CENTURY); Engine only
}

// streetInfo is an interned, pre-normalized street of the roll.
type streetInfo struct {
	norm string // NormalizeStreet form
	core string // without directionals and suffix
	key  string // streetKey of the core
}

// vrec is a voter's pre-normalized keys: indexes into the linker's intern tables.
type vrec struct {
	first, middle, last, street uint32
	suffix                      string
}

// priorRec is one prior address of a voter.
type priorRec struct {
	voter  int32
	prior  int32
	street uint32
}

// index is a sorted multimap from a 64-bit key hash to references.
type index struct {
	keys  []uint64
	refs  []int32
	off   []uint32 // off[b] is the first entry whose key's top bits are b
	shift uint
}

type indexEntry struct {
	key uint64
	ref int32
}

// indexBits is the number of top key bits an index of n entries buckets its keys by.
func indexBits(n int) uint {
	bits := uint(1)
	for 1<<bits < n {
		bits++
	}
	return bits
}

// buildIndex sorts the entries into an index. It reads e once, to scatter the entries
// into the index's arrays by the top bits of their key, and not after: the caller's
// entries can then be collected while the buckets are sorted, so that a pass costs 28
// bytes an entry at its peak (entries and index) rather than 44 with a copy of the
// entries as well.
func buildIndex(e []indexEntry) index {
	n := len(e)
	bits := indexBits(n)
	ix := index{keys: make([]uint64, n), refs: make([]int32, n), shift: 64 - bits}
	ix.off = make([]uint32, 1<<bits+1)
	// A radix sort on the top bits of the key (hashes spread evenly over the buckets), in
	// two passes for cache locality: first into 2^hi partitions by the top hi bits, then
	// each partition by its bucket; then each bucket sorted by key and reference.
	hi := min(bits, 10)
	lo := bits - hi
	part := make([]int, 1<<hi+1)
	for _, x := range e {
		part[x.key>>(64-hi)+1]++
	}
	maxPart := 0
	for b := 1; b < len(part); b++ {
		maxPart = max(maxPart, part[b])
		part[b] += part[b-1]
	}
	next := make([]int, 1<<hi)
	copy(next, part)
	for _, x := range e {
		b := x.key >> (64 - hi)
		ix.keys[next[b]], ix.refs[next[b]] = x.key, x.ref
		next[b]++
	}
	// A partition is copied out to be scattered back by bucket: a partition's worth of
	// scratch, not a copy of all the entries.
	pk, pr := make([]uint64, maxPart), make([]int32, maxPart)
	for p := 0; p < 1<<hi; p++ {
		a, z := part[p], part[p+1]
		base := uint64(p) << lo
		ks, rs := pk[:z-a], pr[:z-a]
		copy(ks, ix.keys[a:z])
		copy(rs, ix.refs[a:z])
		// Count the partition's buckets: bucket base+j at off[base+j+1].
		for _, k := range ks {
			ix.off[k>>ix.shift+1]++
		}
		ix.off[base] = uint32(a)
		for j := uint64(1); j <= 1<<lo; j++ {
			ix.off[base+j] += ix.off[base+j-1]
		}
		for i, k := range ks {
			b := k >> ix.shift
			// off[b] doubles as the write cursor; it is restored below.
			j := ix.off[b]
			ix.off[b]++
			ix.keys[j], ix.refs[j] = k, rs[i]
		}
		// Each off[b] now points at its bucket's end, which is off[b+1]'s start: shift back.
		for j := uint64(1 << lo); j >= 1; j-- {
			ix.off[base+j] = ix.off[base+j-1]
		}
		ix.off[base] = uint32(a)
	}
	ix.off[len(ix.off)-1] = uint32(n)
	var big []indexEntry
	for b := 0; b+1 < len(ix.off); b++ {
		lo, hi := int(ix.off[b]), int(ix.off[b+1])
		switch {
		case hi-lo < 2:
		case hi-lo <= 24:
			for i := lo + 1; i < hi; i++ {
				for j := i; j > lo && (ix.keys[j] < ix.keys[j-1] || ix.keys[j] == ix.keys[j-1] && ix.refs[j] < ix.refs[j-1]); j-- {
					ix.keys[j], ix.keys[j-1] = ix.keys[j-1], ix.keys[j]
					ix.refs[j], ix.refs[j-1] = ix.refs[j-1], ix.refs[j]
				}
			}
		default:
			if cap(big) < hi-lo {
				big = make([]indexEntry, hi-lo)
			}
			part := big[:hi-lo]
			for i := range part {
				part[i] = indexEntry{ix.keys[lo+i], ix.refs[lo+i]}
			}
			slices.SortFunc(part, func(a, b indexEntry) int {
				if c := cmp.Compare(a.key, b.key); c != 0 {
					return c
				}
				return cmp.Compare(a.ref, b.ref)
			})
			for i, x := range part {
				ix.keys[lo+i], ix.refs[lo+i] = x.key, x.ref
			}
		}
	}
	return ix
}

// lookup returns the references stored under key, in ascending order.
func (ix *index) lookup(key uint64) []int32 {
	b := key >> ix.shift
	lo, hi := int(ix.off[b]), int(ix.off[b+1])
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if ix.keys[m] < key {
			lo = m + 1
		} else {
			hi = m
		}
	}
	end := lo
	for end < len(ix.keys) && ix.keys[end] == key {
		end++
	}
	return ix.refs[lo:end]
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashAdd(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	h ^= 0xff // field separator
	h *= fnvPrime
	return h
}

// hashTag starts a key's hash with its tag: hash2(tag, a, b) is
// hashAdd(hashAdd(hashTag(tag), a), b).
func hashTag(tag byte) uint64 {
	return (fnvOffset ^ uint64(tag)) * fnvPrime
}

func hash2(tag byte, a, b string) uint64 {
	return hashAdd(hashAdd(hashTag(tag), a), b)
}

// SimpleLinker links lines to voters with blocking indexes over (ZIP5, house number),
// (house number, street name) and (surname, given-name root), and rule-based scoring.
// It is safe for concurrent use once built.
type SimpleLinker struct {
	voters  []signet.Voter
	recs    []vrec
	names   []nameInfo
	streets []streetInfo
	priors  []priorRec
	addr    index // (ZIP5, house) -> ref
	street  index // (house, street core) -> ref
	name    index // (surname or surname part, given root) -> voter
	// streetIDs maps a street as the roll spells it to its streets entry.
	streetIDs map[string]uint32
}

// A ref >= 0 is a voter's residence; a ref < 0 is prior address -ref-1.

// NewLinker builds the blocking indexes over the roll. The voters slice is kept, not
// copied; it must not change while the linker is in use.
func NewLinker(voters []signet.Voter) *SimpleLinker {
	l := &SimpleLinker{voters: voters, recs: make([]vrec, len(voters))}
	nameIDs := make(map[string]uint32, len(voters)/8+16)
	streetIDs := make(map[string]uint32, len(voters)/64+16)
	l.names = append(l.names, nameInfo{}) // id 0 is the empty name
	nameIDs[""] = 0
	internName := func(raw string) uint32 {
		if id, ok := nameIDs[raw]; ok {
			return id
		}
		n := NormalizeName(raw)
		info := nameInfo{norm: n, key: nameKey(n)}
		w := n
		if i := strings.IndexByte(w, ' '); i > 0 {
			w = w[:i]
		}
		e := givenEntry(w)
		info.nkeys, info.adj = e.keys, e.adj
		id := uint32(len(l.names))
		l.names = append(l.names, info)
		nameIDs[raw] = id
		return id
	}
	internStreet := func(raw string) uint32 {
		if id, ok := streetIDs[raw]; ok {
			return id
		}
		id := uint32(len(l.streets))
		l.streets = append(l.streets, makeStreetInfo(raw))
		streetIDs[raw] = id
		return id
	}
	addrE := make([]indexEntry, 0, len(voters)+len(voters)/4)
	streetE := make([]indexEntry, 0, len(voters)+len(voters)/4)
	nameE := make([]indexEntry, 0, len(voters)+len(voters)/2)
	var parts []string
	for i := range voters {
		v := &voters[i]
		r := &l.recs[i]
		r.first = internName(v.FirstName)
		r.middle = internName(v.MiddleName)
		r.last = internName(v.LastName)
		r.suffix = NormalizeSuffix(v.Suffix)
		r.street = internStreet(v.Residence.Street)
		house := normHouse(v.Residence.HouseNumber)
		if z := ZIP5(v.Residence.ZIP); z != "" && house != "" {
			addrE = append(addrE, indexEntry{hash2('a', z, house), int32(i)})
		}
		if house != "" {
			streetE = append(streetE, indexEntry{hash2('s', house, l.streets[r.street].core), int32(i)})
		}
		for pi := range v.Prior {
			p := &v.Prior[pi]
			ph := normHouse(p.HouseNumber)
			if ph == "" {
				continue
			}
			ref := -int32(len(l.priors)) - 1
			ps := internStreet(p.Street)
			l.priors = append(l.priors, priorRec{voter: int32(i), prior: int32(pi), street: ps})
			if z := ZIP5(p.ZIP); z != "" {
				addrE = append(addrE, indexEntry{hash2('a', z, ph), ref})
			}
			streetE = append(streetE, indexEntry{hash2('s', ph, l.streets[ps].core), ref})
		}
		// Name index: every surname variant under every root of the given name.
		last := &l.names[r.last]
		first := &l.names[r.first]
		if last.key == "" || first.key == "" {
			continue
		}
		parts = surnameKeys(parts[:0], last)
		fw := firstWord(first.norm)
		for _, p := range parts {
			if first.nkeys == nil {
				nameE = append(nameE, indexEntry{hash2('n', p, fw), int32(i)})
			} else {
				for _, root := range first.nkeys {
					nameE = append(nameE, indexEntry{hash2('n', p, root), int32(i)})
				}
			}
		}
	}
	l.streetIDs = streetIDs
	l.addr = buildIndex(addrE)
	l.street = buildIndex(streetE)
	l.name = buildIndex(nameE)
	return l
}

// Name identifies the linker and its version.
func (l *SimpleLinker) Name() string { return "simple-v1" }

func firstWord(s string) string {
	if i := strings.IndexByte(s, ' '); i > 0 {
		return s[:i]
	}
	return s
}

// surnameKeys appends the keys a surname is indexed under: the whole surname without
// spaces and, for a compound surname, each part of it that is not a particle.
func surnameKeys(dst []string, n *nameInfo) []string {
	dst = append(dst, n.key)
	if strings.IndexByte(n.norm, ' ') < 0 {
		return dst
	}
	rest := n.norm
	for rest != "" {
		w := rest
		if i := strings.IndexByte(rest, ' '); i >= 0 {
			w, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		if len(w) >= 2 && !surnameParticles[w] && w != n.key && !slices.Contains(dst, w) {
			dst = append(dst, w)
		}
	}
	return dst
}

// maxReadings is the most readings of a printed name readings makes.
const maxReadings = 4

// lineName is one reading of a line's printed name.
type lineName struct {
	first   nameInfo
	middle  string
	last    nameInfo
	suffix  string
	penalty float64 // weight taken off a less likely reading
	swapped bool    // the reading takes the first word for the surname
}

func makeLineName(first, middle, last, suffix string, penalty float64) lineName {
	f := nameInfo{norm: first, key: nameKey(first)}
	e := givenEntry(firstWord(first))
	f.nkeys, f.adj = e.keys, e.adj
	return lineName{
		first:   f,
		middle:  middle,
		last:    nameInfo{norm: last, key: nameKey(last)},
		suffix:  suffix,
		penalty: penalty,
	}
}

// readings fills out with the plausible readings of a printed name and returns how
// many there are: as parsed; middle and last words as one compound surname; first and
// last swapped ("LOPEZ MARIA", or "MARIA, LOPEZ"); the first two words a compound
// surname ("DE LEON JAMES").
func readings(printed string, out *[maxReadings]lineName) int {
	p := ParsePrintedName(printed)
	n := 0
	out[n] = makeLineName(p.First, p.Middle, p.Last, p.Suffix, 0)
	n++
	if p.Middle != "" && len(p.Middle) > 1 {
		out[n] = makeLineName(p.First, "", p.Middle+" "+p.Last, p.Suffix, 0.1)
		n++
	}
	comma := strings.IndexByte(printed, ',') >= 0
	switch {
	case p.First != "" && !comma:
		// "LOPEZ MARIA [G]": the first word is the surname.
		words := strings.Fields(p.Middle + " " + p.Last)
		out[n] = makeLineName(words[0], strings.Join(words[1:], " "), p.First, p.Suffix, 0.3)
		out[n].swapped = true
		n++
		if len(words) >= 2 {
			// "DE LEON JAMES", "AGUILAR ESTRADA ANGEL LARRY": a compound surname first.
			out[n] = makeLineName(words[1], strings.Join(words[2:], " "), p.First+" "+words[0], p.Suffix, 0.3)
			out[n].swapped = true
			n++
		}
	case p.First != "" && p.Middle == "" && comma:
		// "MARIA, LOPEZ": a comma after the given name.
		out[n] = makeLineName(p.Last, "", p.First, p.Suffix, 0.3)
		out[n].swapped = true
		n++
	}
	return n
}

// Name-field weights: log-odds-like agreement weights.
const (
	wLastExact     = 4.0
	wLastCompound  = 3.2
	wLastTypo      = 2.5
	wLastJW        = 2.0
	wLastDisagree  = -4.0
	wFirstExact    = 3.0
	wFirstNickname = 2.6
	wFirstInitial  = 1.5
	wFirstTypo     = 1.6
	wFirstJW       = 1.0
	wFirstMissing  = -1.0
	wFirstDisagree = -3.0
	wMidExact      = 1.0
	wMidInitial    = 0.6
	wMidDisagree   = -1.0
	wSufExact      = 0.5
	wSufConflict   = -2.5
	wStreetExact   = 2.0
	wStreetAbbrev  = 1.5
	wStreetTypo    = 1.0
	wStreetLoose   = 0.5
	wStreetMissing = 0
	wStreetBad     = -4.0
	wUnitExact     = 0.5
	wUnitDiffers   = -0.2
	wCityExact     = 0.3
	wCityDisagree  = -0.3
	wCurrent       = 0.05 // prefer the residence over an equal prior address
	// maxWeight is the weight of full agreement on every field; Score is weight/maxWeight.
	maxWeight = wLastExact + wFirstExact + wMidExact + wSufExact + wStreetExact + wUnitExact + wCityExact + wCurrent
)

// nameScore is how one reading of a line's name compares with a voter's name.
type nameScore struct {
	weight                    float64
	first, middle, last, suff level
	wFirst, wMid, wLast, wSuf float64
	swapped                   bool
}

// isFuzzy: the level says only that the names resemble each other.
func isFuzzy(l level) bool { return l == lvTypo || l == lvJW || l == lvCompoundTypo }

// compareLast compares surnames: equal, compound part, one edit, Jaro-Winkler.
func compareLast(a, b *nameInfo) (level, float64) {
	if a.key == "" || b.key == "" {
		return lvMissing, wLastDisagree
	}
	if a.key == b.key {
		return lvExact, wLastExact
	}
	if compoundPart(a, b) || compoundPart(b, a) {
		return lvCompound, wLastCompound
	}
	if oneEdit(a.key, b.key) {
		return lvTypo, wLastTypo
	}
	// People do not misspell the first letter of their surname.
	if len(a.key) >= 4 && len(b.key) >= 4 && a.key[0] == b.key[0] && JaroWinkler(a.key, b.key) >= 0.92 {
		return lvJW, wLastJW
	}
	return lvDisagree, wLastDisagree
}

// compoundPart reports whether whole surname a is one word of compound surname b.
func compoundPart(a, b *nameInfo) bool {
	if len(b.norm) <= len(a.key) || len(a.key) < 2 {
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
		if w == a.key {
			return true
		}
	}
	return false
}

// compareFirst compares given names: line a against voter b. Unless fuzzy is set, only
// equality, nicknames and initials are tried.
func compareFirst(a, b *nameInfo, fuzzy bool) (level, float64) {
	if a.key == "" || b.key == "" {
		return lvMissing, wFirstMissing
	}
	if a.key == b.key {
		return lvExact, wFirstExact
	}
	fa, fb := firstWord(a.norm), firstWord(b.norm)
	if fa == fb && len(fa) > 1 {
		return lvExact, wFirstExact
	}
	if len(fa) > 1 && len(fb) > 1 && sameGivenAdj(fa, a.adj, fb, b.adj) {
		return lvNickname, wFirstNickname
	}
	if (len(fa) == 1 || len(fb) == 1) && fa[0] == fb[0] {
		return lvInitial, wFirstInitial
	}
	if !fuzzy {
		return lvDisagree, wFirstDisagree
	}
	if oneEdit(fa, fb) {
		return lvTypo, wFirstTypo
	}
	// Jaro-Winkler only between names of about one length: JOSE is not JOSEPH.
	if len(fa) >= 4 && len(fb) >= 4 && len(fa)-len(fb) <= 1 && len(fb)-len(fa) <= 1 &&
		JaroWinkler(fa, fb) >= 0.94 {
		return lvJW, wFirstJW
	}
	// A misspelt nickname: BTSY for ELIZABETH; not when the line's name is itself one
	// the table knows (JOSE is not a misspelt JOS).
	if len(fa) >= 3 && len(a.adj) == 0 {
		for _, n := range b.adj {
			if len(n) >= 3 && oneEdit(fa, n) && sameGivenAdj(n, givenAdj(n), fb, b.adj) {
				return lvTypo, wFirstTypo
			}
		}
	}
	return lvDisagree, wFirstDisagree
}

// oneEdit reports whether a and b are one edit apart (Damerau-Levenshtein 1): both at
// least three bytes long, or two bytes long with the same first letter (DN for DAN).
func oneEdit(a, b string) bool {
	if len(a) < 2 || len(b) < 2 || (len(a) < 3 || len(b) < 3) && a[0] != b[0] {
		return false
	}
	return withinOneEdit(a, b)
}

// withinOneEdit reports whether DamerauLevenshtein(a, b) <= 1, in linear time.
func withinOneEdit(a, b string) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	switch len(a) - len(b) {
	case 0:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		if i >= len(a)-1 {
			return true
		}
		if a[i+1:] == b[i+1:] {
			return true // substitution
		}
		return a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	case 1:
		i := 0
		for i < len(b) && a[i] == b[i] {
			i++
		}
		return a[i+1:] == b[i:]
	}
	return false
}

// compareMiddle compares middle names, an initial agreeing with a full name.
func compareMiddle(a, b string) (level, float64) {
	if a == "" || b == "" {
		return lvMissing, 0
	}
	if a == b {
		return lvExact, wMidExact
	}
	if a[0] == b[0] && (len(a) == 1 || len(b) == 1 || a[1] == ' ' || b[1] == ' ') {
		return lvInitial, wMidInitial
	}
	if len(a) >= 3 && len(b) >= 3 && DamerauLevenshtein(a, b) <= 1 {
		return lvTypo, wMidInitial
	}
	return lvDisagree, wMidDisagree
}

func compareSuffix(a, b string) (level, float64) {
	if a == "" || b == "" {
		return lvMissing, 0
	}
	if a == b {
		return lvExact, wSufExact
	}
	return lvDisagree, wSufConflict
}

// scoreName compares one reading of the line's name with voter i.
func (l *SimpleLinker) scoreName(ln *lineName, i int32) nameScore {
	r := &l.recs[i]
	var s nameScore
	s.last, s.wLast = compareLast(&ln.last, &l.names[r.last])
	s.first, s.wFirst = compareFirst(&ln.first, &l.names[r.first], s.last != lvDisagree && s.last != lvMissing)
	s.middle, s.wMid = compareMiddle(ln.middle, l.names[r.middle].norm)
	s.suff, s.wSuf = compareSuffix(ln.suffix, r.suffix)
	s.weight = s.wLast + s.wFirst + s.wMid + s.wSuf - ln.penalty
	s.swapped = ln.swapped
	return s
}

// bestName is the best reading of the line's name against voter i.
func (l *SimpleLinker) bestName(rs []lineName, i int32) nameScore {
	best := l.scoreName(&rs[0], i)
	if best.last == lvExact && (best.first == lvExact || best.first == lvNickname) {
		return best // no other reading can do better
	}
	for k := 1; k < len(rs); k++ {
		if s := l.scoreName(&rs[k], i); s.weight > best.weight {
			best = s
		}
	}
	return best
}

// strong: surname equal or compound, given name equal, nickname or initial.
func (s *nameScore) strong() bool {
	return (s.last == lvExact || s.last == lvCompound) &&
		(s.first == lvExact || s.first == lvNickname || s.first == lvInitial) &&
		s.suff != lvDisagree
}

// lineAddr is a line's address, normalized.
type lineAddr struct {
	zip, house, street, core, unit, city string
	key                                  string // streetKey of core
}

// compareStreet compares a line's street with a normalized roll street.
func compareStreet(a *lineAddr, b *streetInfo) (level, float64) {
	if a.street == "" {
		return lvMissing, wStreetMissing
	}
	if a.street == b.norm {
		return lvExact, wStreetExact
	}
	if a.core == b.core || a.key == b.key && a.key != "" {
		return lvAbbrev, wStreetAbbrev
	}
	if numberedTypo(a.core, b.core) {
		return lvTypo, wStreetTypo
	}
	if JaroWinkler(a.street, b.norm) >= 0.9 || JaroWinkler(a.core, b.core) >= 0.9 ||
		(len(a.core) >= 4 && DamerauLevenshtein(a.core, b.core) <= 1) {
		return lvTypo, wStreetTypo
	}
	return lvDisagree, wStreetBad
}

// streetLoose reports whether two streets could be one with a worse typo than
// compareStreet allows (a lost space, a misspelt directional): the roll's street name
// inside the line's, or the two alike with spaces removed. It is used only when the
// name agrees strongly at the same house number and ZIP.
func streetLoose(a *lineAddr, b *streetInfo) bool {
	if a.street == "" {
		return false
	}
	if len(b.core) >= 3 && strings.Contains(a.street, b.core) {
		return true
	}
	x, y := strings.ReplaceAll(a.street, " ", ""), strings.ReplaceAll(b.norm, " ", "")
	if JaroWinkler(x, y) >= 0.85 || DamerauLevenshtein(x, y) <= 2 {
		return true
	}
	// A name word of four letters or more in common: "SEVENH PICO AVE" for "7TH PICO AVE".
	for _, w := range strings.Fields(b.core) {
		if len(w) >= 4 && slices.Contains(strings.Fields(a.core), w) {
			return true
		}
	}
	return false
}

func compareCity(a, b string) (level, float64) {
	if a == "" || b == "" {
		return lvMissing, 0
	}
	if a == b {
		return lvExact, wCityExact
	}
	// Abbreviations: initials (LA), a prefix (SO PASADENA), or a close misspelling.
	if initials(b) == a || strings.HasPrefix(b, a) || JaroWinkler(a, b) >= 0.85 ||
		strings.ReplaceAll(a, " ", "") == strings.ReplaceAll(b, " ", "") {
		return lvAbbrev, wCityExact / 2
	}
	return lvDisagree, wCityDisagree
}

func initials(s string) string {
	if strings.IndexByte(s, ' ') < 0 {
		return ""
	}
	var b []byte
	for _, w := range strings.Fields(s) {
		b = append(b, w[0])
	}
	return string(b)
}

// cand is a voter considered for a line.
type cand struct {
	voter   int32
	prior   int32 // index in Voter.Prior, or -1 for the residence
	weight  float64
	name    nameScore
	street  level
	wStreet float64
	unit    level
	wUnit   float64
	city    level
	wCity   float64
	sameZIP bool
}

func (c *cand) better(d *cand) bool {
	if c.weight != d.weight {
		return c.weight > d.weight
	}
	if c.voter != d.voter {
		return c.voter < d.voter
	}
	return c.prior < d.prior
}

// Link finds the voter a line most likely is, by address first and by name alone after.
func (l *SimpleLinker) Link(line *signet.Line) signet.Link {
	var rbuf [maxReadings]lineName
	rs := rbuf[:readings(line.PrintedName, &rbuf)]
	if rs[0].last.key == "" && rs[0].first.key == "" {
		return signet.Link{Address: signet.AddressNone}
	}
	la := lineAddr{
		zip:   ZIP5(line.Address.ZIP),
		house: normHouse(line.Address.HouseNumber),

		unit: NormalizeUnit(line.Address.Unit),
		city: NormalizeName(line.Address.City),
	}
	if id, ok := l.streetIDs[line.Address.Street]; ok {
		la.street, la.core, la.key = l.streets[id].norm, l.streets[id].core, l.streets[id].key // spelt as on the roll
	} else {
		la.street = NormalizeStreet(line.Address.Street)
		la.core = streetCore(la.street)
		la.key = streetKey(la.core)
	}

	var refs []int32
	if la.house != "" {
		if la.zip != "" {
			refs = l.addr.lookup(hash2('a', la.zip, la.house))
		} else if la.street != "" {
			refs = l.street.lookup(hash2('s', la.house, la.core))
		}
	}
	var top [3]cand
	ntop := 0
	push := func(c cand) {
		// Keep the best three, one entry per voter.
		for k := 0; k < ntop; k++ {
			if top[k].voter == c.voter {
				if c.better(&top[k]) {
					copy(top[k:], top[k+1:ntop])
					ntop--
					break
				}
				return
			}
		}
		k := ntop
		for k > 0 && c.better(&top[k-1]) {
			k--
		}
		if k >= len(top) {
			return
		}
		if ntop < len(top) {
			ntop++
		}
		copy(top[k+1:ntop], top[k:ntop-1])
		top[k] = c
	}
	// strongFirst: some voter at the address whose given name equals the line's.
	strongFirstAt := -1
	for _, ref := range refs {
		c := cand{prior: -1}
		var a *signet.Address
		var st *streetInfo
		if ref >= 0 {
			c.voter = ref
			a = &l.voters[ref].Residence
			st = &l.streets[l.recs[ref].street]
		} else {
			p := &l.priors[-ref-1]
			c.voter, c.prior = p.voter, p.prior
			a = &l.voters[p.voter].Prior[p.prior].Address
			st = &l.streets[p.street]
		}
		// 64-bit keys: a collision between two (ZIP, house) pairs is not a practical concern.
		c.name = l.bestName(rs, c.voter)
		c.street, c.wStreet = compareStreet(&la, st)
		if c.street == lvDisagree && c.name.strong() && streetLoose(&la, st) {
			c.street, c.wStreet = lvTypo, wStreetLoose
		}
		plausible := c.name.last != lvDisagree && c.name.last != lvMissing ||
			c.name.first == lvExact || c.name.first == lvNickname
		if plausible {
			// Unit and city only for voters the line may be: they cost a look at the Voter.
			vu := NormalizeUnit(a.Unit)
			switch {
			case vu == "" && la.unit == "":
				c.unit = lvMissing
			case vu == la.unit:
				c.unit, c.wUnit = lvExact, wUnitExact
			case la.unit == "":
				c.unit = lvMissing
			default:
				c.unit, c.wUnit = lvDisagree, wUnitDiffers
			}
			c.city, c.wCity = compareCity(la.city, NormalizeName(a.City))
		}
		c.sameZIP = true
		c.weight = c.name.weight + c.wStreet + c.wUnit + c.wCity
		if c.prior < 0 {
			c.weight += wCurrent
		}
		if c.street != lvDisagree && (c.name.first == lvExact || c.name.first == lvNickname) {
			if strongFirstAt < 0 {
				strongFirstAt = int(c.voter)
			}
		}
		push(c)
	}
	if ntop > 0 {
		b := &top[0]
		ok := b.street != lvDisagree && b.name.acceptedAtAddress()
		if ok && isFuzzy(b.name.first) && strongFirstAt >= 0 && strongFirstAt != int(b.voter) {
			// A household member's given name is the line's: a similar name is not enough.
			ok = false
		}
		if ok {
			v := &l.voters[b.voter]
			link := signet.Link{Voter: v, Score: b.weight / maxWeight, Address: signet.AddressCurrent}
			a := &v.Residence
			if b.prior >= 0 {
				link.Address, link.Prior = signet.AddressPrior, int(b.prior)
				a = &v.Prior[b.prior].Address
			}
			vu := NormalizeUnit(a.Unit)
			switch {
			case la.unit == "" && vu != "":
				link.Notes = append(link.Notes, signet.NoteApartmentMissing)
			case la.unit != vu:
				link.Notes = append(link.Notes, signet.NoteApartmentDiffers)
			}
			if la.city == "" && a.City != "" {
				link.Notes = append(link.Notes, signet.NoteCityMissing)
			}
			link.Candidates = l.candidates(top[:ntop], true)
			return link
		}
	}
	// Name only.
	addrTop, naddr := top, ntop
	ntop = 0
	var seen [16]int32
	nseen := 0
	var keys []string
	for ri := range rs {
		ln := &rs[ri]
		if ln.last.key == "" || len(firstWord(ln.first.norm)) < 2 {
			continue
		}
		keys = surnameKeys(keys[:0], &ln.last)
		fw := firstWord(ln.first.norm)
		roots := ln.first.nkeys
		if roots == nil {
			roots = []string{fw}
		}
		for _, k := range keys {
			for _, root := range roots {
				for _, vi := range l.name.lookup(hash2('n', k, root)) {
					dup := false
					for s := 0; s < nseen; s++ {
						if seen[s] == vi {
							dup = true
							break
						}
					}
					if dup {
						continue
					}
					if nseen < len(seen) {
						seen[nseen] = vi
						nseen++
					}
					ns := l.bestName(rs, vi)
					if !ns.acceptedByName() {
						continue
					}
					c := cand{voter: vi, prior: -1, name: ns}
					c.sameZIP = la.zip != "" && ZIP5(l.voters[vi].Residence.ZIP) == la.zip
					c.weight = ns.weight
					if c.sameZIP {
						c.weight += 0.25
					}
					push(c)
				}
			}
		}
	}
	if ntop > 0 {
		b := &top[0]
		return signet.Link{
			Voter:      &l.voters[b.voter],
			Score:      b.weight / maxWeight,
			Address:    signet.AddressNone,
			Candidates: l.candidates(top[:ntop], false),
		}
	}
	return signet.Link{Address: signet.AddressNone, Candidates: l.candidates(addrTop[:naddr], true)}
}

// candidates renders the considered voters with their evidence.
func (l *SimpleLinker) candidates(cs []cand, byAddress bool) []signet.Candidate {
	if len(cs) == 0 {
		return nil
	}
	out := make([]signet.Candidate, len(cs))
	per := 4
	if byAddress {
		per = 7
	}
	backing := make([]signet.FieldLevel, 0, per*len(cs))
	for k := range cs {
		c := &cs[k]
		oc := signet.Candidate{VoterID: l.voters[c.voter].ID, Score: c.weight / maxWeight, Address: signet.AddressNone}
		if byAddress {
			oc.Address = signet.AddressCurrent
			if c.prior >= 0 {
				oc.Address = signet.AddressPrior
			}
		}
		f := backing[len(backing):len(backing):cap(backing)]
		f = append(f,
			signet.FieldLevel{Field: FieldLast, Level: c.name.last.String(), Weight: c.name.wLast},
			signet.FieldLevel{Field: FieldFirst, Level: c.name.first.String(), Weight: c.name.wFirst},
			signet.FieldLevel{Field: FieldMiddle, Level: c.name.middle.String(), Weight: c.name.wMid},
			signet.FieldLevel{Field: FieldSuffix, Level: c.name.suff.String(), Weight: c.name.wSuf},
		)
		if byAddress {
			f = append(f, signet.FieldLevel{Field: FieldStreet, Level: c.street.String(), Weight: c.wStreet})
			if c.unit != lvNone { // unit and city are compared only for plausible names
				f = append(f,
					signet.FieldLevel{Field: FieldUnit, Level: c.unit.String(), Weight: c.wUnit},
					signet.FieldLevel{Field: FieldCity, Level: c.city.String(), Weight: c.wCity},
				)
			}
		}
		oc.Fields = f
		backing = backing[:len(backing)+len(f)]
		out[k] = oc
	}
	return out
}
