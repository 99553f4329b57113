package match

import (
	"slices"

	signet "github.com/signet-vote/signet"
)

// Blocking: the passes' index entries at build time, and the candidate pairs they find
// for a line or a record.

// passCount is the number of entries passEntries makes for pass p: the entries slice is
// allocated once at its size, where growing it by appending cost seconds at county scale
// and twice the memory.
func (e *Engine) passCount(p int, bt *buildTables) int {
	n := 0
	for i := range e.recs {
		r := &e.recs[i]
		last, first := &e.names[r.last], &e.names[r.first]
		switch p {
		case PassZIPHouse:
			if r.zip != 0 && r.house != 0 {
				n++
			}
		case PassHouseStreet:
			if r.house != 0 {
				n++
			}
		case PassSurnameGiven:
			if last.key != "" && first.key != "" {
				n += len(bt.skeys[r.last]) * len(bt.roots[r.first])
			}
		case PassGivenHouse:
			if first.key != "" && r.house != 0 {
				n += len(bt.roots[r.first])
			}
		case PassPhoneticZIP:
			if last.key != "" && r.zip != 0 {
				n++
			}
		case PassBirth:
			if r.birth != 0 {
				n++
			}
		case PassPhoneticName:
			if last.key != "" && first.key != "" {
				n++
			}
		case PassStreetCity:
			if e.streets[r.street].core != "" {
				n++
			}
		case PassHousePhonStreet:
			if e.streets[r.street].core != "" && r.house != 0 {
				n++
			}
		case PassPhoneticCity:
			if last.key != "" && e.cities.strs[r.city] != "" {
				n++
			}
		}
	}
	switch p {
	case PassZIPHouse:
		for k := range e.priors {
			if e.priors[k].zip != 0 {
				n++
			}
		}
	case PassHouseStreet:
		n += len(e.priors)
	}
	return n
}

// passEntries makes the index entries of one blocking pass from the interned roll.
func (e *Engine) passEntries(p int, bt *buildTables) []indexEntry {
	out := make([]indexEntry, 0, e.passCount(p, bt))
	// The hash of a key's tag and first part, by the part's id where a table is small: it
	// is the same for many records, and the hashing is most of the pass's work.
	var pre []uint64
	switch p {
	case PassZIPHouse:
		pre = make([]uint64, len(bt.zip))
		for z, s := range bt.zip {
			pre[z] = hashAdd(hashTag('a'), s)
		}
	case PassHouseStreet:
		pre = make([]uint64, len(e.houses.strs))
		for id, s := range e.houses.strs {
			pre[id] = hashAdd(hashTag('s'), s)
		}
	case PassSurnameGiven:
		pre = make([]uint64, len(e.names))
		for id := range e.names {
			pre[id] = hashAdd(hashTag('n'), e.names[id].key)
		}
	}
	var streetPhon []string
	if p == PassHousePhonStreet {
		streetPhon = make([]string, len(e.streets))
		for id := range e.streets {
			streetPhon[id] = streetPrefix(e.streets[id].key)
		}
	}
	for i := range e.recs {
		r := &e.recs[i]
		house := e.houses.strs[r.house]
		z := bt.zip[r.zip]
		last, first := &e.names[r.last], &e.names[r.first]
		roots := bt.roots[r.first]
		core := e.streets[r.street].core
		switch p {
		case PassZIPHouse:
			if z != "" && house != "" {
				out = append(out, indexEntry{hashAdd(pre[r.zip], house), int32(i)})
			}
		case PassHouseStreet:
			if house != "" {
				out = append(out, indexEntry{hashAdd(pre[r.house], e.streets[r.street].key), int32(i)})
			}
		case PassSurnameGiven:
			if last.key == "" || first.key == "" {
				continue
			}
			for k, sk := range bt.skeys[r.last] {
				h := pre[r.last] // skeys[0] is the key
				if k > 0 {
					h = hashAdd(hashTag('n'), sk)
				}
				for _, root := range roots {
					out = append(out, indexEntry{hashAdd(h, root), int32(i)})
				}
			}
		case PassGivenHouse:
			if first.key != "" && house != "" {
				for _, root := range roots {
					out = append(out, indexEntry{hash2('g', root, house), int32(i)})
				}
			}
		case PassPhoneticZIP:
			if last.key != "" && z != "" {
				out = append(out, indexEntry{hash2('p', last.phon, z), int32(i)})
			}
		case PassBirth:
			if r.birth != 0 {
				out = append(out, indexEntry{hashBirth(r.birth), int32(i)})
			}
		case PassPhoneticName:
			if last.key != "" && first.key != "" {
				out = append(out, indexEntry{hash2('f', last.phon, first.phon), int32(i)})
			}
		case PassStreetCity:
			if core != "" {
				out = append(out, indexEntry{hash2('c', core, e.cities.strs[r.city]), int32(i)})
			}
		case PassHousePhonStreet:
			if core != "" && house != "" {
				out = append(out, indexEntry{hash2('h', house, streetPhon[r.street]), int32(i)})
			}
		case PassPhoneticCity:
			if city := e.cities.strs[r.city]; last.key != "" && city != "" {
				out = append(out, indexEntry{hash2('q', last.phon, city), int32(i)})
			}
		}
	}
	if p == PassZIPHouse || p == PassHouseStreet {
		for k := range e.priors {
			ep := &e.priors[k]
			ref := -int32(k) - 1
			house := e.houses.strs[ep.house]
			if p == PassZIPHouse {
				if bt.zip[ep.zip] != "" {
					out = append(out, indexEntry{hashAdd(pre[ep.zip], house), ref})
				}
			} else {
				out = append(out, indexEntry{hashAdd(pre[ep.house], e.streets[ep.street].key), ref})
			}
		}
	}
	return out
}

func hashBirth(b int32) uint64 {
	h := uint64(fnvOffset)
	for _, c := range [4]byte{byte(b), byte(b >> 8), byte(b >> 16), byte(b >> 24)} {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

// zipStr writes the ZIP5 of a numeric zip into buf and returns it as a string view of a
// small constant-time conversion (it allocates only when z is set).
func zipStr(buf []byte, z uint32) string {
	if z == 0 {
		return ""
	}
	z--
	var d [5]byte
	for i := 4; i >= 0; i-- {
		d[i] = byte('0' + z%10)
		z /= 10
	}
	return string(append(buf, d[:]...))
}

// addressCandidates compares every reference the address passes find for q.
func (e *Engine) addressCandidates(q *query, cs *cands) {
	la := &q.la
	scan := func(pass int, key uint64) {
		refs := e.ix[pass].lookup(key)
		e.passPairs[pass].Add(int64(len(refs)))
		for _, ref := range refs {
			if !cs.visit(ref) {
				continue
			}
			var c ecand
			e.compare(q, ref, &c, true, true)
			cs.add(&c)
		}
	}
	if la.house == "" {
		return
	}
	var zbuf [8]byte
	if la.zip != "" {
		scan(PassZIPHouse, hash2('a', la.zip, la.house))
	}
	// The house and street pass finds the address in another ZIP: for a line without a
	// ZIP, or whose ZIP and house number match no one (a wrong ZIP).
	if la.street != "" && (la.zip == "" || len(cs.seen) == 0) {
		scan(PassHouseStreet, hash2('s', la.house, la.key))
	}
	_ = zbuf
	// The given-name pass looks further (a wrong ZIP and street spelling) only when the
	// line has no ZIP or the address passes found no one at all.
	if la.zip != "" && len(cs.seen) > 0 {
		return
	}
	for k := 0; k < q.nr; k++ {
		ln := &q.rs[k]
		fw := firstWord(ln.first.norm)
		if len(fw) < 2 || k > 0 && firstWord(q.rs[0].first.norm) == fw {
			continue
		}
		if ln.first.nkeys == nil {
			scan(PassGivenHouse, hash2('g', fw, la.house))
		} else {
			for _, root := range ln.first.nkeys {
				scan(PassGivenHouse, hash2('g', root, la.house))
			}
		}
	}
}

// nameCandidates compares every voter the surname-given pass finds for q, by name (and
// birth date) only.
func (e *Engine) nameCandidates(q *query, cs *cands) {
	var keys []string
	var kbuf [4]string
	for k := 0; k < q.nr; k++ {
		ln := &q.rs[k]
		fw := firstWord(ln.first.norm)
		if ln.last.key == "" || len(fw) < 2 {
			continue
		}
		keys = surnameKeys(kbuf[:0], &ln.last)
		roots := ln.first.nkeys
		for _, sk := range keys {
			if roots == nil {
				e.scanName(q, cs, hash2('n', sk, fw))
				continue
			}
			for _, root := range roots {
				e.scanName(q, cs, hash2('n', sk, root))
			}
		}
	}
}

// maxNameBlock is the most voters of one (surname, given-name) key the name-only path
// weighs: beyond it the name cannot single anyone out (each namesake is a rival of about
// the same weight, so no posterior reaches the lower threshold), and scoring them all
// would only cost time on common names at county scale.
const maxNameBlock = 32

func (e *Engine) scanName(q *query, cs *cands, key uint64) {
	refs := e.ix[PassSurnameGiven].lookup(key)
	e.passPairs[PassSurnameGiven].Add(int64(len(refs)))
	street := q.streetOnly()
	if len(refs) > maxNameBlock && !(street && q.zip != 0 && len(refs) <= maxStreetBlock) {
		cs.overflow = true
		return
	}
	kept := 0
	for _, ref := range refs {
		if len(refs) > maxNameBlock {
			// A common name on a line that gives its street and ZIP: only the namesakes
			// of that ZIP are rivals; more than maxNameBlock of them, and none stands out.
			if _, _, _, _, _, _, zip := e.addrOf(ref); zip != q.zip {
				continue
			}
			if kept++; kept > maxNameBlock {
				cs.overflow = true
				return
			}
		}
		if !cs.visit(ref) {
			continue
		}
		var c ecand
		e.compare(q, ref, &c, street, false)
		cs.add(&c)
	}
}

// maxStreetBlock is the most voters of one (surname, given-name) key the name-only path
// looks through for the namesakes in the ZIP of a line that gives its street but no house
// number.
const maxStreetBlock = 4096

// genericCandidates runs every pass for a record.
func (e *Engine) genericCandidates(q *query, cs *cands) {
	scan := func(pass int, key uint64) {
		if !e.built[pass] {
			return
		}
		refs := e.ix[pass].lookup(key)
		e.passPairs[pass].Add(int64(len(refs)))
		for _, ref := range refs {
			if !cs.visit(ref) {
				continue
			}
			var c ecand
			e.compare(q, ref, &c, true, false)
			cs.add(&c)
		}
	}
	e.addressCandidates(q, cs)
	la := &q.la
	var zbuf [8]byte
	z := zipStr(zbuf[:0], q.zip)
	var kbuf [4]string
	for k := 0; k < q.nr; k++ {
		ln := &q.rs[k]
		if ln.last.key != "" && z != "" && e.built[PassPhoneticZIP] {
			scan(PassPhoneticZIP, hash2('p', ln.last.phon, z))
		}
		// A record without a ZIP, or a house and street too misspelt to find, is found by
		// its surname's sound in its city (ADAMX CRAZE of MCCLINTOXK STREET, PORTARLINGTON).
		if ln.last.key != "" && la.city != "" {
			scan(PassPhoneticCity, hash2('q', ln.last.phon, la.city))
		}
		fw := firstWord(ln.first.norm)
		if ln.last.key != "" && fw != "" {
			scan(PassPhoneticName, hash2('f', ln.last.phon, ln.first.phon))
			for _, sk := range surnameKeys(kbuf[:0], &ln.last) {
				if ln.first.nkeys == nil {
					scan(PassSurnameGiven, hash2('n', sk, fw))
				} else {
					for _, root := range ln.first.nkeys {
						scan(PassSurnameGiven, hash2('n', sk, root))
					}
				}
			}
		}
	}
	if q.birth != 0 {
		scan(PassBirth, hashBirth(q.birth))
	}
	if la.core != "" {
		scan(PassStreetCity, hash2('c', la.core, la.city))
		if la.house != "" {
			scan(PassHousePhonStreet, hash2('h', la.house, streetPrefix(la.key)))
		}
	}
}

// streetPrefix is the first two letters of a street key: the house-and-street pass of
// generic linkage finds the house on a street misspelt or cut short after them (WOODHAVE
// for WOODHAVEN, BRANTONWOOD for BRANTWOOD, 224 for 22ND).
func streetPrefix(key string) string { return key[:min(2, len(key))] }

// BlockedVoters returns, for each blocking pass Link uses, the ids of the voters the pass
// finds for a line (a voter found at a prior address included), unscored: what the
// benchmark measures each pass's blocking recall with. Passes Link does not use for
// petition lines are empty. It does not count in Stats.
func (e *Engine) BlockedVoters(line *signet.Line) [NumPasses][]string {
	var out [NumPasses][]string
	var q query
	e.prepare(&q, line)
	add := func(pass int, key uint64) {
		for _, ref := range e.ix[pass].lookup(key) {
			v, _, _, _, _, _, _ := e.addrOf(ref)
			id := e.roll.ID(int(v))
			if !slices.Contains(out[pass], id) {
				out[pass] = append(out[pass], id)
			}
		}
	}
	la := &q.la
	if la.house != "" {
		if la.zip != "" {
			add(PassZIPHouse, hash2('a', la.zip, la.house))
		}
		if la.street != "" {
			add(PassHouseStreet, hash2('s', la.house, la.key))
		}
	}
	var kbuf [4]string
	for k := 0; k < q.nr; k++ {
		ln := &q.rs[k]
		fw := firstWord(ln.first.norm)
		if len(fw) < 2 {
			continue
		}
		roots := ln.first.nkeys
		if roots == nil {
			roots = []string{fw}
		}
		for _, root := range roots {
			if la.house != "" {
				add(PassGivenHouse, hash2('g', root, la.house))
			}
			if ln.last.key != "" {
				for _, sk := range surnameKeys(kbuf[:0], &ln.last) {
					add(PassSurnameGiven, hash2('n', sk, root))
				}
			}
		}
	}
	return out
}
