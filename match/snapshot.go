package match

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"maps"
	"math"
	"slices"
	"sync/atomic"
	"time"
)

// A snapshot is what NewEngineFromRoll builds from a roll (its interned tables, the blocking
// indexes, the term frequencies and the u probabilities), written out so that LoadEngine
// can read it back in a fraction of the build's time: a roll is imported once and counted
// against many times. The normal forms of names and streets are not written; LoadEngine
// makes them again from the roll's spellings, so the snapshot stays small and the nickname
// table is read once, by the code.
//
// snapshotVersion names the layout and everything the build computes. Any change to how
// the engine normalizes, interns, hashes or weighs the roll makes snapshots of the older
// build wrong: bump the version, and TestSnapshotGolden's fingerprint with it. A snapshot of
// another version is refused (ErrStaleSnapshot) and the engine is built anew.
const snapshotVersion = 5

var snapshotMagic = [8]byte{'S', 'G', 'N', 'T', 'F', 'S', 'V', '1'}

// ErrStaleSnapshot says a snapshot was written by another version of the engine, with other
// build options or over another roll: build the engine instead.
var ErrStaleSnapshot = errors.New("match: the engine snapshot is of another build")

// Snapshot writes the engine's built state, as NewEngineFromRoll left it (Train's changes
// are not kept: LoadEngine returns an engine to train).
func (e *Engine) Snapshot() []byte {
	w := snapWriter{b: make([]byte, 0, 1<<20)}
	w.b = append(w.b, snapshotMagic[:]...)
	w.u32(snapshotVersion)
	w.u64(uint64(len(e.recs)))
	w.opts(e.opt)

	// Names by their normal form; streets by the roll's spelling (streetIDs), in id order.
	norms := make([]string, len(e.names))
	for id := range e.names {
		norms[id] = e.names[id].norm
	}
	w.strs(norms)
	raw := make([]string, len(e.streets))
	for s, id := range e.streetIDs {
		raw[id] = s
	}
	w.strs(raw)
	w.strs(e.houses.strs)
	w.strs(e.units.strs)
	w.strs(e.cities.strs)
	cities := make([]string, 0, 2*len(e.cityNorm))
	for _, raw := range slices.Sorted(maps.Keys(e.cityNorm)) {
		cities = append(cities, raw, e.cityNorm[raw])
	}
	w.strs(cities)
	zips := slices.Sorted(maps.Keys(e.zips))
	w.u64(uint64(len(zips)))
	for _, z := range zips {
		w.u32(z)
	}

	// The large sections (records, priors, indexes) are laid out first, then written on
	// every core: one goroutine took 4 s for them at county scale.
	big := len(e.recs)*37 + 8 + len(e.priors)*28 + 8*len(e.names) + int(nFields)*(int(nLevels)+1)*8 + 4
	for p := range e.ix {
		big += 8
		if e.built[p] {
			big += 12 * len(e.ix[p].keys)
		}
	}
	w.b = slices.Grow(w.b, big)
	start := len(w.b)
	reserve := func(n int) []byte {
		at := len(w.b)
		w.b = w.b[:at+n]
		return w.b[at : at+n : at+n]
	}
	var jobs []func()
	const chunk = 1 << 16
	recs := reserve(37 * len(e.recs))
	for lo := 0; lo < len(e.recs); lo += chunk {
		jobs = append(jobs, func() {
			for i := lo; i < min(lo+chunk, len(e.recs)); i++ {
				r, b := &e.recs[i], recs[37*i:37*i+37]
				for j, v := range [...]uint32{r.first, r.middle, r.last, r.street, r.house, r.unit, r.city, r.zip, uint32(r.birth)} {
					binary.LittleEndian.PutUint32(b[4*j:], v)
				}
				b[36] = r.suffix
			}
		})
	}
	w.u64(uint64(len(e.priors)))
	priors := reserve(28 * len(e.priors))
	for lo := 0; lo < len(e.priors); lo += chunk {
		jobs = append(jobs, func() {
			for i := lo; i < min(lo+chunk, len(e.priors)); i++ {
				p, b := &e.priors[i], priors[28*i:28*i+28]
				for j, v := range [...]uint32{uint32(p.voter), uint32(p.prior), p.street, p.house, p.unit, p.city, p.zip} {
					binary.LittleEndian.PutUint32(b[4*j:], v)
				}
			}
		})
	}
	for _, f := range [][]float32{e.tfLast, e.tfFirst} {
		for _, x := range f {
			w.u32(math.Float32bits(x))
		}
	}
	// u as the build left it: reweigh sets the initial level's u from m, which Train changes.
	m0 := defaultM()
	for f := range e.u {
		for l := range e.u[f] {
			u := e.u[f][l]
			if level(l) == lvInitial && e.letterAgree[f] > 0 {
				u = m0[f][l] * e.letterAgree[f]
			}
			w.u64(math.Float64bits(u))
		}
		w.u64(math.Float64bits(e.letterAgree[f]))
	}
	for p := range e.ix {
		if !e.built[p] {
			w.u64(math.MaxUint64)
			continue
		}
		ix := &e.ix[p]
		w.u64(uint64(len(ix.keys)))
		keys, refs := reserve(8*len(ix.keys)), reserve(4*len(ix.refs))
		for lo := 0; lo < len(ix.keys); lo += 4 * chunk {
			jobs = append(jobs, func() {
				for i := lo; i < min(lo+4*chunk, len(ix.keys)); i++ {
					binary.LittleEndian.PutUint64(keys[8*i:], ix.keys[i])
					binary.LittleEndian.PutUint32(refs[4*i:], uint32(ix.refs[i]))
				}
			})
		}
	}
	// The reserved sections are views of w.b: had anything been appended beyond the
	// room counted, w.b would have moved and they would be writing elsewhere.
	if len(w.b)-start != big-4 {
		panic(fmt.Sprintf("match: snapshot sections miscounted: %d bytes, counted %d", len(w.b)-start, big-4))
	}
	parallel(len(jobs), func(k int) { jobs[k]() })
	// A checksum of the rest, so that a damaged snapshot is refused rather than linked with.
	w.u32(crc32.Checksum(w.b, castagnoli))
	return w.b
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// LoadEngine reads an engine from a snapshot of one built over the same roll with the same
// options (those that shape the build: Generic, USample and Seed; the thresholds and null
// weights are opt's). It returns ErrStaleSnapshot for a snapshot of another version, other
// options or a roll of another size, and another error for one that is damaged.
func LoadEngine(roll Roll, opt EngineOptions, data []byte) (*Engine, error) {
	start := time.Now()
	opt, err := opt.withDefaults()
	if err != nil {
		return nil, err
	}
	if len(data) < len(snapshotMagic)+4 || string(data[:len(snapshotMagic)]) != string(snapshotMagic[:]) {
		return nil, errors.New("match: not an engine snapshot")
	}
	// The checksum is checked beside the decoding (the decoder is safe on any bytes) and
	// refuses the snapshot after it.
	body := data[:len(data)-4]
	checksum := func() bool { return crc32.Checksum(body, castagnoli) == binary.LittleEndian.Uint32(data[len(body):]) }
	errDamaged := errors.New("match: the engine snapshot is damaged (its checksum does not match)")
	// A snapshot of another build says so, unless it is damaged.
	stale := func(format string, args ...any) error {
		if !checksum() {
			return errDamaged
		}
		return fmt.Errorf("%w ("+format+")", append([]any{ErrStaleSnapshot}, args...)...)
	}
	crcOK := false
	r := snapReader{b: body[len(snapshotMagic):]}
	if v := r.u32(); v != snapshotVersion {
		return nil, stale("version %d, this build writes %d", v, snapshotVersion)
	}
	if n := r.u64(); n != uint64(roll.Len()) {
		return nil, stale("a roll of %d voters, this one has %d", n, roll.Len())
	}
	var want snapWriter
	want.opts(opt)
	if got := r.bytes(len(want.b)); string(got) != string(want.b) {
		return nil, stale("other build options")
	}
	e := &Engine{opt: opt, roll: roll}
	n := roll.Len()

	norms := r.strs()
	streetRaw := r.strs()
	e.houses = &interner{strs: r.strs()}
	e.units = &interner{strs: r.strs()}
	e.cities = &interner{strs: r.strs()}
	cities := r.strs()
	e.cityNorm = make(map[string]string, len(cities)/2)
	for i := 0; i+1 < len(cities); i += 2 {
		e.cityNorm[cities[i]] = cities[i+1]
	}
	nz := r.count(4)
	e.zips = make(map[uint32]string, nz)
	for range nz {
		z := r.u32()
		e.zips[z] = zipStr(nil, z)
	}

	recs := r.bytes(n * 37)
	nPriors := r.count(28)
	priors := r.bytes(nPriors * 28)
	tf := r.bytes(2 * 4 * len(norms))
	for f := range e.u {
		for l := range e.u[f] {
			e.u[f][l] = math.Float64frombits(r.u64())
		}
		e.letterAgree[f] = math.Float64frombits(r.u64())
	}
	var ixData [NumPasses][]byte
	var ixLen [NumPasses]int
	for p := range e.ix {
		m := r.u64()
		if m == math.MaxUint64 {
			continue
		}
		if m > uint64(len(r.b)/12) {
			r.fail()
			break
		}
		e.built[p], ixLen[p] = true, int(m)
		ixData[p] = r.bytes(int(m) * 12)
	}
	if r.err != nil {
		return nil, r.err
	}
	if len(r.b) != 0 {
		return nil, errors.New("match: the engine snapshot has bytes after its end")
	}
	nNames, nStreets := uint32(len(norms)), uint32(len(streetRaw))
	nHouses, nUnits, nCities := uint32(len(e.houses.strs)), uint32(len(e.units.strs)), uint32(len(e.cities.strs))
	// Id 0 is "" in the tables of names, houses, units and cities.
	if nNames == 0 || nHouses == 0 || nUnits == 0 || nCities == 0 ||
		norms[0] != "" || e.houses.strs[0] != "" || e.units.strs[0] != "" || e.cities.strs[0] != "" {
		return nil, errors.New("match: the engine snapshot's tables are damaged")
	}

	// The rest is decoded on every core: the records and priors in ranges, each index, the
	// names' and streets' normal forms in chunks.
	e.recs = make([]erec, n)
	e.priors = make([]eprior, nPriors)
	e.names = make([]nameInfo, nNames)
	e.streets = make([]streetInfo, nStreets)
	e.tfLast, e.tfFirst = make([]float32, nNames), make([]float32, nNames)
	var bad atomic.Bool
	jobs := []func(){func() { crcOK = checksum() }}
	const chunk = 1 << 16
	for lo := 0; lo < n; lo += chunk {
		jobs = append(jobs, func() {
			for i := lo; i < min(n, lo+chunk); i++ {
				b := recs[i*37 : i*37+37]
				u := func(j int) uint32 { return binary.LittleEndian.Uint32(b[4*j:]) }
				rec := erec{first: u(0), middle: u(1), last: u(2), street: u(3), house: u(4), unit: u(5), city: u(6), zip: u(7), birth: int32(u(8)), suffix: b[36]}
				if rec.first >= nNames || rec.middle >= nNames || rec.last >= nNames || rec.street >= nStreets ||
					rec.house >= nHouses || rec.unit >= nUnits || rec.city >= nCities || int(rec.suffix) >= len(suffixList) {
					bad.Store(true)
				}
				e.recs[i] = rec
			}
		})
	}
	for lo := 0; lo < nPriors; lo += chunk {
		jobs = append(jobs, func() {
			for i := lo; i < min(nPriors, lo+chunk); i++ {
				b := priors[i*28 : i*28+28]
				u := func(j int) uint32 { return binary.LittleEndian.Uint32(b[4*j:]) }
				p := eprior{voter: int32(u(0)), prior: int32(u(1)), street: u(2), house: u(3), unit: u(4), city: u(5), zip: u(6)}
				if p.voter < 0 || int(p.voter) >= n || p.prior < 0 || p.street >= nStreets || p.house >= nHouses || p.unit >= nUnits || p.city >= nCities {
					bad.Store(true)
				}
				e.priors[i] = p
			}
		})
	}
	for p := range e.ix {
		if e.built[p] {
			jobs = append(jobs, func() { e.ix[p] = loadIndex(ixData[p], ixLen[p]) })
		}
	}
	for lo := 0; lo < len(norms); lo += chunk {
		jobs = append(jobs, func() {
			for id := lo; id < min(len(norms), lo+chunk); id++ {
				if id > 0 {
					e.names[id] = nameInfoOf(norms[id])
				}
				e.tfLast[id] = math.Float32frombits(binary.LittleEndian.Uint32(tf[4*id:]))
				e.tfFirst[id] = math.Float32frombits(binary.LittleEndian.Uint32(tf[4*(len(norms)+id):]))
			}
		})
	}
	for lo := 0; lo < len(streetRaw); lo += chunk {
		jobs = append(jobs, func() {
			for id := lo; id < min(len(streetRaw), lo+chunk); id++ {
				e.streets[id] = makeStreetInfo(streetRaw[id])
			}
		})
	}
	parallel(len(jobs), func(k int) { jobs[k]() })
	if !crcOK {
		return nil, errDamaged
	}
	if bad.Load() {
		return nil, errors.New("match: the engine snapshot refers to entries its tables do not have")
	}
	for p := range e.ix {
		for _, ref := range e.ix[p].refs {
			// A voter's id, or -1-k for prior address k.
			if int(ref) >= n || ref < 0 && int(-1-int64(ref)) >= nPriors {
				return nil, errors.New("match: the engine snapshot's indexes refer to records it does not have")
			}
		}
	}
	e.streetIDs = make(map[string]uint32, len(streetRaw))
	for id, s := range streetRaw {
		e.streetIDs[s] = uint32(id)
	}
	e.m = defaultM()
	e.lambdaA = 0.1
	e.reweigh()
	e.build = time.Since(start)
	return e, nil
}

// loadIndex reads an index of m entries (keys, then refs) and makes its bucket offsets.
func loadIndex(b []byte, m int) index {
	ix := index{keys: make([]uint64, m), refs: make([]int32, m), shift: 64 - indexBits(m)}
	ix.off = make([]uint32, 1<<indexBits(m)+1)
	for i := range ix.keys {
		ix.keys[i] = binary.LittleEndian.Uint64(b[8*i:])
	}
	b = b[8*m:]
	for i := range ix.refs {
		ix.refs[i] = int32(binary.LittleEndian.Uint32(b[4*i:]))
	}
	// off[b] is the first entry whose key's top bits are b or more.
	bucket := 0
	for i, k := range ix.keys {
		for top := int(k >> ix.shift); bucket <= top; bucket++ {
			ix.off[bucket] = uint32(i)
		}
	}
	for ; bucket < len(ix.off); bucket++ {
		ix.off[bucket] = uint32(m)
	}
	return ix
}

type snapWriter struct{ b []byte }

func (w *snapWriter) u32(v uint32) { w.b = binary.LittleEndian.AppendUint32(w.b, v) }
func (w *snapWriter) u64(v uint64) { w.b = binary.LittleEndian.AppendUint64(w.b, v) }

// strs writes a count, the strings' lengths, then their bytes.
func (w *snapWriter) strs(ss []string) {
	w.u64(uint64(len(ss)))
	for _, s := range ss {
		w.b = binary.AppendUvarint(w.b, uint64(len(s)))
	}
	for _, s := range ss {
		w.b = append(w.b, s...)
	}
}

// opts writes the options that shape the build.
func (w *snapWriter) opts(o EngineOptions) {
	g := uint32(0)
	if o.Generic {
		g = 1
	}
	w.u32(g)
	w.u64(uint64(o.USample))
	w.u64(o.Seed)
}

// snapReader reads what snapWriter wrote; the first shortfall sets err and stops it.
type snapReader struct {
	b   []byte
	err error
}

func (r *snapReader) fail() {
	if r.err == nil {
		r.err = errors.New("match: the engine snapshot is cut short or damaged")
	}
	r.b = nil
}

func (r *snapReader) bytes(n int) []byte {
	if n < 0 || n > len(r.b) {
		r.fail()
		return nil
	}
	out := r.b[:n:n]
	r.b = r.b[n:]
	return out
}

func (r *snapReader) u32() uint32 {
	if b := r.bytes(4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

func (r *snapReader) u64() uint64 {
	if b := r.bytes(8); b != nil {
		return binary.LittleEndian.Uint64(b)
	}
	return 0
}

// count reads a count of items of at least size bytes each, refusing one the rest of the
// snapshot cannot hold.
func (r *snapReader) count(size int) int {
	n := r.u64()
	if n > uint64(len(r.b)/size) {
		r.fail()
		return 0
	}
	return int(n)
}

// strs reads strings snapWriter.strs wrote, as views of one string.
func (r *snapReader) strs() []string {
	n := r.count(1)
	lens := make([]int, n)
	total := 0
	for i := range lens {
		l, k := binary.Uvarint(r.b)
		if k <= 0 || l > uint64(len(r.b)) {
			r.fail()
			return nil
		}
		r.b = r.b[k:]
		lens[i] = int(l)
		total += int(l)
	}
	all := string(r.bytes(total))
	if r.err != nil {
		return nil
	}
	out := make([]string, n)
	for i, l := range lens {
		out[i], all = all[:l], all[l:]
	}
	return out
}
