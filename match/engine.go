package match

import (
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	signet "github.com/signet-vote/signet"
)

// The Fellegi–Sunter engine (fs-v1).
//
// Candidate pairs come from several blocking passes over sorted hash indexes (Pass*):
// (ZIP5, house number) and (house number, street) for a line's address, (given-name root,
// house number) when the line has no ZIP or its address finds no one, (surname part,
// given-name root) for the name-only path; LinkVoter adds phonetic, birth-date and street
// passes. Each pair is compared field by field into agreement levels: exact, nickname,
// compound surname, initial, one edit (optimal string alignment), Jaro-Winkler bands (jw
// and jw_low), phonetic (NYSIIS, as python3-jellyfish computes it), missing, disagree;
// house number, street, unit, city, ZIP and birth date have their own levels.
//
// A level's weight is log2(m/u). u is the level's share among random pairs of the roll
// (EngineOptions.USample); for initials, which the writer chooses whoever he is, it is m
// times the share of random pairs whose first letters agree. m starts from defaults
// (defaultM) and is estimated by EM on the candidate pairs of the records being linked:
// Train (petition lines) and TrainVoters (generic linkage). Exact surname and first-name
// agreement are term-frequency adjusted: their u is the name's share of the roll, so
// agreeing on a rare surname weighs more than agreeing on GARCIA. A missing field weighs 0.
//
// The posterior of a candidate is its share of 2^weight among its rivals and a null
// candidate ("the signer is none of them"): p = 2^W / (Σ 2^Wk + 2^Wnull). At or above
// EngineOptions.Upper (0.99) the line links, below Lower (0.5) it links to nobody, between
// it goes to review with the best candidate as Link.Voter.
//
// A petition line takes two paths, as in SimpleLinker: by address (a voter registered, now
// or before, at the line's house number and ZIP or street: AddressCurrent, AddressPrior),
// then, when no one there may be the signer, by name alone anywhere on the roll
// (AddressNone: the law's different_address), never for an address in a ZIP no voter lives
// in. SimpleLinker's rules still decide which candidates a path may link (a household
// member with another given name, or another suffix, is never the signer; a name-only link
// needs an exact or compound surname and an exact or nickname given name); the posterior,
// over the candidates those rules admit, decides between them and between link and review.

// Blocking passes, in the order of Stats().Passes.
const (
	PassZIPHouse        = iota // (ZIP5, house number), residences and prior addresses
	PassHouseStreet            // (house number, street name core), residences and prior addresses
	PassSurnameGiven           // (surname or surname part, given-name nickname root)
	PassPhoneticZIP            // (NYSIIS of surname, ZIP5); generic linkage only
	PassGivenHouse             // (given-name nickname root, house number)
	PassBirth                  // (birth date); generic linkage only
	PassPhoneticName           // (NYSIIS of surname, NYSIIS of given name); generic linkage only
	PassStreetCity             // (street name core, city); generic linkage only
	PassHousePhonStreet        // (house number, NYSIIS of the street name core); generic linkage only
	NumPasses                  // number of passes
)

// PassNames names the blocking passes, indexed by Pass*.
var PassNames = [NumPasses]string{"zip_house", "house_street", "surname_given", "phonetic_surname_zip",
	"given_house", "birth_date", "phonetic_name", "street_city", "house_phonetic_street"}

// FS fields.
const (
	fLast = iota
	fFirst
	fMiddle
	fSuffix
	fHouse
	fStreet
	fUnit
	fCity
	fZIP
	fBirth
	nFields
)

// FieldHouse, FieldZIP and FieldBirth are the field names of the address and birth-date
// comparisons in signet.FieldLevel.Field (the others are SimpleLinker's).
const (
	FieldHouse = "house_number" // house number
	FieldZIP   = "zip"          // ZIP5
	FieldBirth = "birth_date"   // date of birth (generic linkage)
)

var fieldNames = [nFields]string{FieldLast, FieldFirst, FieldMiddle, FieldSuffix, FieldHouse, FieldStreet,
	FieldUnit, FieldCity, FieldZIP, FieldBirth}

// EngineOptions tune the engine. The zero value is the default everywhere.
type EngineOptions struct {
	// Upper and Lower are the posterior match probabilities above which a line links and
	// below which it links to nobody; between, it goes to review. Defaults 0.99 and 0.5.
	Upper, Lower float64
	// NameNullWeight is the log2 weight of the null candidate on the name-only path: the
	// odds, against a roll voter whose name agrees, that the signer is someone else who is
	// not on the roll. Default 4 (calibrated on the synthetic county, where signers off
	// the roll never share a surname and given-name key with a voter; a real roll where
	// they may should raise it).
	NameNullWeight float64
	// AddressNullWeight is the log2 weight of the null candidate on the address path.
	// Default log2((1-λ)/λ) with λ the match share of the address-blocked pairs (0.1
	// until Train estimates it).
	AddressNullWeight float64
	// GenericNullWeight is the log2 weight of the null candidate of LinkVoter. Default
	// log2(number of voters): the prior odds that one given voter is the record's match.
	GenericNullWeight float64
	// Generic builds the birth-date and phonetic-name passes LinkVoter uses as well.
	Generic bool
	// USample is the number of random roll pairs u is estimated from (default 50,000).
	USample int
	// TrainSample is the most records Train and TrainVoters look at (default 20,000).
	TrainSample int
	// Seed seeds the random pairs.
	Seed uint64
}

// erec is a voter's pre-normalized comparison values: indexes into the engine's tables.
type erec struct {
	first, middle, last, street, house, unit, city uint32
	zip                                            uint32 // numeric ZIP5, 0 when absent
	birth                                          int32  // yyyymmdd, 0 when absent
	suffix                                         uint8
}

// eprior is one prior address of a voter.
type eprior struct {
	voter, prior                   int32
	street, house, unit, city, zip uint32
}

var suffixList = []string{"", "JR", "SR", "II", "III", "IV"}

func suffixID(s string) uint8 {
	for i, x := range suffixList {
		if x == s {
			return uint8(i)
		}
	}
	return 0
}

// interner maps strings to dense ids; id 0 is "".
type interner struct {
	ids  map[string]uint32
	strs []string
}

func newInterner(n int) *interner {
	return &interner{ids: make(map[string]uint32, n), strs: []string{""}}
}

func (in *interner) id(s string) uint32 {
	if s == "" {
		return 0
	}
	if id, ok := in.ids[s]; ok {
		return id
	}
	id := uint32(len(in.strs))
	in.strs = append(in.strs, s)
	in.ids[s] = id
	return id
}

// Engine is the Fellegi–Sunter linker fs-v1. Link and LinkVoter are safe for concurrent
// use; Train and TrainVoters are not, and must be called before linking starts.
type Engine struct {
	opt     EngineOptions
	roll    Roll
	recs    []erec
	names   []nameInfo
	streets []streetInfo
	houses  *interner
	units   *interner
	cities  *interner
	priors  []eprior
	ix      [NumPasses]index
	built   [NumPasses]bool
	// streetIDs maps a street as the roll spells it to its streets entry.
	streetIDs map[string]uint32
	// tfLast and tfFirst are the share of the roll bearing a name id's surname key and
	// given-name first word.
	tfLast, tfFirst []float32
	// wTFLast and wTFFirst are the term-frequency adjusted exact weights by name id.
	wTFLast, wTFFirst []float32

	m, u, w [nFields][nLevels]float64
	// letterAgree is the share of random pairs whose name field's first letters agree.
	letterAgree [nFields]float64
	lambdaA     float64
	nullAddr    float64
	nullName    float64
	nullGen     float64

	pool sync.Pool // *scratch

	zips     map[uint32]string // ZIP5 strings of the roll, read-only after NewEngine
	cityNorm map[string]string // a city as the roll spells it -> NormalizeName form

	passPairs [NumPasses]atomic.Int64
	scored    atomic.Int64
	linked    atomic.Int64
	build     time.Duration
}

// Stats are an engine's counters.
type Stats struct {
	// Passes are the blocking passes' names and PassPairs the candidate pairs each
	// returned (before de-duplication across passes).
	Passes    []string
	PassPairs []int64
	// PairsScored is the number of distinct candidate pairs compared and weighed.
	PairsScored int64
	// Records is the number of lines and records linked.
	Records int64
	// BuildSeconds is the time NewEngine took.
	BuildSeconds float64
}

// Stats returns the engine's counters so far.
func (e *Engine) Stats() Stats {
	s := Stats{Passes: PassNames[:], PassPairs: make([]int64, NumPasses), PairsScored: e.scored.Load(),
		Records: e.linked.Load(), BuildSeconds: e.build.Seconds()}
	for i := range s.PassPairs {
		s.PassPairs[i] = e.passPairs[i].Load()
	}
	return s
}

// PairsScored is the number of candidate pairs compared so far.
func (e *Engine) PairsScored() int64 { return e.scored.Load() }

// Name identifies the engine and its version.
func (e *Engine) Name() string { return "fs-v1" }

func parseZIP(s string) uint32 {
	z := ZIP5(s)
	if z == "" {
		return 0
	}
	n := uint32(0)
	for i := 0; i < 5; i++ {
		n = n*10 + uint32(z[i]-'0')
	}
	return n + 1 // 0 is "absent"; ZIP 00000 is 1
}

func dateNum(t time.Time) int32 {
	if t.IsZero() {
		return 0
	}
	y, m, d := t.Date()
	return int32(y*10000 + int(m)*100 + d)
}

// NewEngine builds the engine over a roll held as a slice: NewEngineFromRoll of
// Voters(voters). The slice is kept, not copied; it must not change while the engine is in
// use.
func NewEngine(voters []signet.Voter, opt EngineOptions) (*Engine, error) {
	return NewEngineFromRoll(Voters(voters), opt)
}

// NewEngineFromRoll builds the blocking indexes and the u probabilities over the roll. The
// engine keeps the roll, not a copy of its voters: it reads the voters it links to, and
// their ids, from the roll, which must not change while the engine is in use.
func NewEngineFromRoll(roll Roll, opt EngineOptions) (*Engine, error) {
	start := time.Now()
	n := roll.Len()
	if n >= math.MaxInt32/2 {
		return nil, fmt.Errorf("match: %d voters is more than the engine indexes", n)
	}
	opt, err := opt.withDefaults()
	if err != nil {
		return nil, err
	}
	e := &Engine{opt: opt, roll: roll}
	bt := e.intern(n)
	// A collection now, while little beyond the roll and the records is live, sets the
	// pacer's next goal from that. Left to itself, a cycle that marks while two passes'
	// entries are live lets the heap grow to twice that before the next one: 4.5 GiB above
	// the roll at its peak in BenchmarkNewEngine5670k, against 2.0 GiB with this.
	runtime.GC()
	// The indexes are independent: each pass's entries are made and sorted in turn, on as
	// many cores as there are, so that only a few passes' entries are alive at once.
	passes := []int{PassZIPHouse, PassHouseStreet, PassSurnameGiven, PassGivenHouse}
	if opt.Generic {
		passes = append(passes, PassPhoneticZIP, PassBirth, PassPhoneticName, PassStreetCity, PassHousePhonStreet)
	}
	// The weights need the interned roll, not the indexes: they are one more job, which
	// keeps a core busy while the other finishes the last index.
	parallel(len(passes)+1, func(k int) {
		if k == len(passes) {
			e.termFrequencies()
			e.m = defaultM()
			e.lambdaA = 0.1
			e.reweigh() // the weight tables compare needs; estimateU uses only the levels
			e.estimateU()
			e.reweigh()
			return
		}
		p := passes[k]
		e.ix[p] = buildIndex(e.passEntries(p, bt))
		e.built[p] = true
	})
	e.build = time.Since(start)
	return e, nil
}

// withDefaults fills in the options left zero and checks the thresholds.
func (opt EngineOptions) withDefaults() (EngineOptions, error) {
	if opt.Upper == 0 {
		opt.Upper = 0.99
	}
	if opt.Lower == 0 {
		opt.Lower = 0.5
	}
	if opt.Upper > 1 || opt.Lower < 0 || opt.Lower > opt.Upper {
		return opt, fmt.Errorf("match: thresholds want 0 <= lower (%g) <= upper (%g) <= 1", opt.Lower, opt.Upper)
	}
	if opt.NameNullWeight == 0 {
		opt.NameNullWeight = 4
	}
	if opt.USample == 0 {
		opt.USample = 50_000
	}
	if opt.TrainSample == 0 {
		opt.TrainSample = 20_000
	}
	return opt, nil
}

// parallel calls f(0), ..., f(n-1) on up to GOMAXPROCS goroutines, each taking the next k.
func parallel(n int, f func(k int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := min(n, max(1, runtime.GOMAXPROCS(0))); w > 0; w-- {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := int(next.Add(1)) - 1; k < n; k = int(next.Add(1)) - 1 {
				f(k)
			}
		}()
	}
	wg.Wait()
}

// localDict numbers the distinct strings of one range of the roll in order of first
// appearance, so that goroutines intern without sharing a map; norm, when set, normalizes
// each new string once (houses, units and cities are numbered globally by their normal
// form, names and streets as the roll spells them).
type localDict struct {
	ids   map[string]uint32
	strs  []string
	norms []string
	norm  func(string) string
	// The last string looked up and its id: where the members of a household follow one
	// another on a roll they share a street, house number, unit, city and often a
	// surname, and a repeat costs a string comparison instead of a map lookup.
	last     string
	lastID   uint32
	haveLast bool
}

func newLocalDict(hint int, norm func(string) string) localDict {
	return localDict{ids: make(map[string]uint32, hint), norm: norm}
}

func (d *localDict) id(s string) uint32 {
	if d.haveLast && s == d.last {
		return d.lastID
	}
	id, ok := d.ids[s]
	if !ok {
		id = uint32(len(d.strs))
		d.strs = append(d.strs, s)
		if d.norm != nil {
			d.norms = append(d.norms, d.norm(s))
		}
		d.ids[s] = id
	}
	d.last, d.lastID, d.haveLast = s, id, true
	return id
}

// zipSet is a set of numeric ZIPs (parseZIP: 1 to 100,000).
type zipSet [100_001/64 + 1]uint64

func (zs *zipSet) add(z uint32) { zs[z/64] |= 1 << (z % 64) }

// rollRange is a contiguous range of the roll that one goroutine interns on its own. Its
// recs and priors hold local ids until remap turns them into global ones.
type rollRange struct {
	lo, hi                int
	names, streets        localDict
	houses, units, cities localDict
	suffixes              map[string]uint8
	priors                []eprior
	priorOff              int // where the range's priors go in Engine.priors
	zips                  zipSet
	// Local id -> global id, from the merge.
	nameG, streetG, houseG, unitG, cityG []uint32
}

// buildTables are per-id values the index passes need and the engine does not keep.
type buildTables struct {
	zip   []string   // ZIP5 by numeric ZIP
	roots [][]string // given-name blocking roots by name id: nickname keys, else the first word
	skeys [][]string // surnameKeys by name id
}

// internRangeVoters is the fewest voters an interning range holds: fewer would cost more
// in merging than they save. Tests lower it to build with many ranges.
var internRangeVoters = 1 << 16

// intern fills recs, priors and the engine's string tables from the roll. Goroutines
// intern contiguous ranges of the roll into dictionaries of their own; the merge then
// numbers the strings, range after range, in the order the ranges first use them, which
// is the order of first appearance on the whole roll: the ids are the same whatever the
// number of ranges and however the goroutines are scheduled.
func (e *Engine) intern(n int) *buildTables {
	e.recs = make([]erec, n)
	// Ranges of at least internRangeVoters, a few per core so that a slow one does not
	// leave a core idle at the end.
	nr := min(max(1, n/internRangeVoters), 4*max(1, runtime.GOMAXPROCS(0)))
	ranges := make([]*rollRange, nr)
	for k := range ranges {
		lo, hi := k*n/nr, (k+1)*n/nr
		m := hi - lo
		ranges[k] = &rollRange{lo: lo, hi: hi,
			names: newLocalDict(m/32+16, nil), streets: newLocalDict(m/64+16, nil),
			houses: newLocalDict(m/64+16, normHouse), units: newLocalDict(64, NormalizeUnit),
			cities: newLocalDict(64, NormalizeName), suffixes: map[string]uint8{}}
	}
	parallel(nr, func(k int) { e.internRange(ranges[k]) })

	// The merge, serial and in range order. Names and streets get global ids here and
	// their normal forms below, in parallel.
	nameIDs := make(map[string]uint32, len(ranges[0].names.strs)+16)
	nameIDs[""] = 0
	nameRaw := []string{""}
	e.streetIDs = make(map[string]uint32, len(ranges[0].streets.strs)+16)
	var streetRaw []string
	e.houses, e.units, e.cities = newInterner(len(ranges[0].houses.strs)+16), newInterner(256), newInterner(256)
	e.cityNorm = make(map[string]string)
	var zips zipSet
	nPriors := 0
	for _, d := range ranges {
		d.nameG = make([]uint32, len(d.names.strs))
		for l, s := range d.names.strs {
			id, ok := nameIDs[s]
			if !ok {
				id = uint32(len(nameRaw))
				nameRaw = append(nameRaw, s)
				nameIDs[s] = id
			}
			d.nameG[l] = id
		}
		d.streetG = make([]uint32, len(d.streets.strs))
		for l, s := range d.streets.strs {
			id, ok := e.streetIDs[s]
			if !ok {
				id = uint32(len(streetRaw))
				streetRaw = append(streetRaw, s)
				e.streetIDs[s] = id
			}
			d.streetG[l] = id
		}
		d.houseG = make([]uint32, len(d.houses.strs))
		for l, s := range d.houses.norms {
			d.houseG[l] = e.houses.id(s)
		}
		d.unitG = make([]uint32, len(d.units.strs))
		for l, s := range d.units.norms {
			d.unitG[l] = e.units.id(s)
		}
		d.cityG = make([]uint32, len(d.cities.strs))
		for l, s := range d.cities.norms {
			d.cityG[l] = e.cities.id(s)
			e.cityNorm[d.cities.strs[l]] = s
		}
		for i := range zips {
			zips[i] |= d.zips[i]
		}
		d.priorOff = nPriors
		nPriors += len(d.priors)
		// The local dictionaries are done with; only the id maps are left.
		d.names, d.streets, d.houses, d.units, d.cities = localDict{}, localDict{}, localDict{}, localDict{}, localDict{}
	}
	nameIDs = nil
	e.houses.ids, e.units.ids, e.cities.ids = nil, nil, nil
	e.priors = make([]eprior, nPriors)
	e.zips = make(map[uint32]string)
	bt := &buildTables{zip: make([]string, len(zips)*64)}
	for z := range bt.zip {
		if zips[z/64]&(1<<(z%64)) != 0 && z != 0 {
			s := zipStr(nil, uint32(z))
			e.zips[uint32(z)], bt.zip[z] = s, s
		}
	}

	// Remap the ranges and normalize the names and streets, in parallel.
	e.names = make([]nameInfo, len(nameRaw))
	e.streets = make([]streetInfo, len(streetRaw))
	bt.roots = make([][]string, len(nameRaw))
	bt.skeys = make([][]string, len(nameRaw))
	// One-word roots and surname keys are views of these, not a slice each.
	rootBuf, keyBuf := make([]string, len(nameRaw)), make([]string, len(nameRaw))
	const chunk = 1 << 14
	nn, ns := (len(nameRaw)+chunk-1)/chunk, (len(streetRaw)+chunk-1)/chunk
	parallel(nr+nn+ns, func(k int) {
		switch {
		case k < nr:
			e.remap(ranges[k])
			ranges[k] = nil
		case k < nr+nn:
			lo := (k - nr) * chunk
			for id := max(1, lo); id < min(lo+chunk, len(nameRaw)); id++ {
				info := &e.names[id]
				*info = makeNameInfo(nameRaw[id])
				fw := firstWord(info.norm)
				if bt.roots[id] = info.nkeys; info.nkeys == nil && fw != "" {
					rootBuf[id] = fw
					bt.roots[id] = rootBuf[id : id+1 : id+1]
				}
				if strings.IndexByte(info.norm, ' ') < 0 {
					keyBuf[id] = info.key
					bt.skeys[id] = keyBuf[id : id+1 : id+1]
				} else {
					bt.skeys[id] = surnameKeys(nil, info)
				}
			}
		default:
			lo := (k - nr - nn) * chunk
			for id := lo; id < min(lo+chunk, len(streetRaw)); id++ {
				e.streets[id] = makeStreetInfo(streetRaw[id])
			}
		}
	})
	return bt
}

// makeStreetInfo normalizes a street as the roll spells it.
func makeStreetInfo(raw string) streetInfo {
	norm := NormalizeStreet(raw)
	return streetInfo{norm: norm, core: streetCore(norm)}
}

// makeNameInfo normalizes a name as the roll spells it.
func makeNameInfo(raw string) nameInfo {
	return nameInfoOf(NormalizeName(raw))
}

// nameInfoOf is the nameInfo of a name in its NormalizeName form.
func nameInfoOf(n string) nameInfo {
	info := nameInfo{norm: n, key: strings.ReplaceAll(n, " ", "")}
	fw := firstWord(n)
	ent := givenEntry(fw)
	info.nkeys, info.adj = ent.keys, ent.adj
	// The code of the first word, as the serial build had it (it coded the key, then the
	// first word where that differs): for a one-word name both are the same, and a
	// compound surname keeps the code its first word has always had.
	info.phon = NYSIIS(fw)
	return info
}

// internRange interns voters d.lo to d.hi-1 into d's dictionaries, in the order the serial
// build took them (per voter: names, residence, then each prior address with a house
// number), which the merge's numbering depends on.
func (e *Engine) internRange(d *rollRange) {
	var v signet.Voter
	lastSuffix, lastSuffixID := "", uint8(0) // no suffix is suffixList[0]
	for i := d.lo; i < d.hi; i++ {
		e.roll.Read(i, &v)
		r := &e.recs[i]
		r.first = d.names.id(v.FirstName)
		r.middle = d.names.id(v.MiddleName)
		r.last = d.names.id(v.LastName)
		if v.Suffix != lastSuffix {
			id, ok := d.suffixes[v.Suffix]
			if !ok {
				id = suffixID(NormalizeSuffix(v.Suffix))
				d.suffixes[v.Suffix] = id
			}
			lastSuffix, lastSuffixID = v.Suffix, id
		}
		r.suffix = lastSuffixID
		a := &v.Residence
		r.street = d.streets.id(a.Street)
		r.house = d.houses.id(a.HouseNumber)
		r.unit = d.units.id(a.Unit)
		r.city = d.cities.id(a.City)
		r.zip = parseZIP(a.ZIP)
		d.zips.add(r.zip)
		r.birth = dateNum(v.BirthDate)
		for pi := range v.Prior {
			p := &v.Prior[pi].Address
			h := d.houses.id(p.HouseNumber)
			if d.houses.norms[h] == "" {
				continue
			}
			ep := eprior{voter: int32(i), prior: int32(pi), street: d.streets.id(p.Street), house: h,
				unit: d.units.id(p.Unit), city: d.cities.id(p.City), zip: parseZIP(p.ZIP)}
			d.zips.add(ep.zip)
			d.priors = append(d.priors, ep)
		}
	}
}

// remap turns a range's local ids into global ones and moves its priors into place.
func (e *Engine) remap(d *rollRange) {
	for i := d.lo; i < d.hi; i++ {
		r := &e.recs[i]
		r.first, r.middle, r.last = d.nameG[r.first], d.nameG[r.middle], d.nameG[r.last]
		r.street, r.house, r.unit, r.city = d.streetG[r.street], d.houseG[r.house], d.unitG[r.unit], d.cityG[r.city]
	}
	for k, p := range d.priors {
		p.street, p.house, p.unit, p.city = d.streetG[p.street], d.houseG[p.house], d.unitG[p.unit], d.cityG[p.city]
		e.priors[d.priorOff+k] = p
	}
}

// voter reads voter i from the roll into a voter of its own, for a link to return.
func (e *Engine) voter(i int32) *signet.Voter {
	v := new(signet.Voter)
	e.roll.Read(int(i), v)
	return v
}

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
			streetPhon[id] = NYSIIS(strings.ReplaceAll(e.streets[id].core, " ", ""))
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
				out = append(out, indexEntry{hashAdd(pre[r.house], core), int32(i)})
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
				out = append(out, indexEntry{hashAdd(pre[ep.house], e.streets[ep.street].core), ref})
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

// termFrequencies counts each surname key and given-name first word on the roll.
func (e *Engine) termFrequencies() {
	lastCount := make(map[string]int32, len(e.names))
	firstCount := make(map[string]int32, len(e.names))
	perLast := make([]int32, len(e.names))
	perFirst := make([]int32, len(e.names))
	for i := range e.recs {
		perLast[e.recs[i].last]++
		perFirst[e.recs[i].first]++
	}
	for id := range e.names {
		if perLast[id] > 0 {
			lastCount[e.names[id].key] += perLast[id]
		}
		if perFirst[id] > 0 {
			firstCount[firstWord(e.names[id].norm)] += perFirst[id]
		}
	}
	n := float32(max(1, len(e.recs)))
	e.tfLast = make([]float32, len(e.names))
	e.tfFirst = make([]float32, len(e.names))
	for id := range e.names {
		e.tfLast[id] = float32(lastCount[e.names[id].key]) / n
		e.tfFirst[id] = float32(firstCount[firstWord(e.names[id].norm)]) / n
	}
}

// defaultM are the m probabilities before EM: what share of true matches shows each
// level, from the noise people add when they write their name and address.
func defaultM() [nFields][nLevels]float64 {
	var m [nFields][nLevels]float64
	set := func(f int, kv map[level]float64) {
		for l, p := range kv {
			m[f][l] = p
		}
	}
	set(fLast, map[level]float64{lvExact: .90, lvCompound: .03, lvTypo: .03, lvJW: .015, lvPhonetic: .005, lvJWLow: .005, lvInitial: .002, lvDisagree: .013})
	set(fFirst, map[level]float64{lvExact: .78, lvNickname: .08, lvInitial: .05, lvTypo: .04, lvJW: .015, lvPhonetic: .005, lvJWLow: .005, lvDisagree: .025})
	set(fMiddle, map[level]float64{lvExact: .6, lvInitial: .3, lvTypo: .02, lvDisagree: .08})
	set(fSuffix, map[level]float64{lvExact: .98, lvDisagree: .02}) // JR is not SR: father and son
	set(fHouse, map[level]float64{lvExact: .96, lvTypo: .025, lvDisagree: .015})
	set(fStreet, map[level]float64{lvExact: .7, lvAbbrev: .2, lvTypo: .08, lvDisagree: .02})
	set(fUnit, map[level]float64{lvExact: .85, lvDisagree: .15})
	set(fCity, map[level]float64{lvExact: .8, lvAbbrev: .15, lvDisagree: .05})
	set(fZIP, map[level]float64{lvExact: .96, lvTypo: .025, lvDisagree: .015})
	set(fBirth, map[level]float64{lvExact: .93, lvTypo: .05, lvDisagree: .02})
	return m
}

// reweigh computes the weights log2(m/u) and the null weights.
func (e *Engine) reweigh() {
	for f := range e.w {
		if e.letterAgree[f] > 0 {
			e.u[f][lvInitial] = e.m[f][lvInitial] * e.letterAgree[f]
		}
		for l := range e.w[f] {
			if level(l) == lvMissing || level(l) == lvNone {
				e.w[f][l] = 0
				continue
			}
			e.w[f][l] = clampW(math.Log2(max(e.m[f][l], 1e-6) / max(e.u[f][l], 1e-7)))
		}
	}
	if len(e.wTFLast) != len(e.names) {
		e.wTFLast, e.wTFFirst = make([]float32, len(e.names)), make([]float32, len(e.names))
	}
	for id := range e.names {
		e.wTFLast[id] = float32(e.nameWeight(fLast, lvExact, e.tfLast[id]))
		e.wTFFirst[id] = float32(e.nameWeight(fFirst, lvExact, e.tfFirst[id]))
	}
	e.nullAddr = e.opt.AddressNullWeight
	if e.nullAddr == 0 {
		l := min(max(e.lambdaA, 1e-4), 0.9)
		e.nullAddr = math.Log2((1 - l) / l)
	}
	e.nullName = e.opt.NameNullWeight
	e.nullGen = e.opt.GenericNullWeight
	if e.nullGen == 0 {
		e.nullGen = math.Log2(float64(max(2, len(e.recs))))
	}
}

func clampW(w float64) float64 { return min(max(w, -16), 24) }

// estimateU compares random pairs of roll voters: u of each level is its share.
func (e *Engine) estimateU() {
	var cnt [nFields][nLevels]float64
	var tot [nFields]float64
	// Initials: whether a line gives an initial is the writer's choice, the same for a
	// true and a false pair, so the initial level's u is its m times the share of random
	// pairs whose first letters agree (reweigh), not its share of random roll pairs.
	var initAgree, initTot [nFields]float64
	n := len(e.recs)
	if n >= 2 {
		r := rand.New(rand.NewPCG(e.opt.Seed, 0x5167e7))
		var q query
		for s := 0; s < e.opt.USample; s++ {
			i, j := r.IntN(n), r.IntN(n)
			if i == j {
				continue
			}
			e.voterQuery(&q, int32(i))
			var c ecand
			e.compare(&q, int32(j), &c, true, false)
			for f := 0; f < nFields; f++ {
				if c.lv[f] != lvMissing && c.lv[f] != lvNone {
					cnt[f][c.lv[f]]++
					tot[f]++
				}
			}
			rj := &e.recs[j]
			for _, x := range [3][3]uint32{{fFirst, e.recs[i].first, rj.first}, {fMiddle, e.recs[i].middle, rj.middle}, {fLast, e.recs[i].last, rj.last}} {
				a, b := e.names[x[1]].key, e.names[x[2]].key
				if a != "" && b != "" {
					initTot[x[0]]++
					if a[0] == b[0] {
						initAgree[x[0]]++
					}
				}
			}
		}
	}
	// Smoothing: half a pair per level keeps unseen levels finite.
	for f := range cnt {
		for l := range cnt[f] {
			e.u[f][l] = (cnt[f][l] + 0.5) / (tot[f] + 0.5*float64(nLevels))
		}
		if initTot[f] > 0 {
			e.letterAgree[f] = (initAgree[f] + 0.5) / (initTot[f] + 1)
		}
	}
}

// query is a line or a record prepared for comparison.
type query struct {
	rs    [3]lineName
	nr    int
	la    lineAddr
	house string
	zip   uint32
	birth int32
	// stID is 1 + the roll street last compared with the line's, stLv its level.
	stID uint32
	stLv level
}

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
	q.la = lineAddr{street: st.norm, core: st.core, unit: e.units.strs[r.unit], city: e.cities.strs[r.city],
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

// exactW is the term-frequency adjusted weight of exact agreement on name id's field.
func (e *Engine) exactW(f int, id uint32) float64 {
	if f == fLast {
		return float64(e.wTFLast[id])
	}
	return float64(e.wTFFirst[id])
}

// nameWeight is a name level's weight; exact agreement is term-frequency adjusted.
func (e *Engine) nameWeight(f int, l level, tf float32) float64 {
	if l == lvExact && tf > 0 {
		return clampW(math.Log2(e.m[f][lvExact] / float64(tf)))
	}
	return e.w[f][l]
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
	if a.phon != "" && a.phon == b.phon {
		return lvPhonetic
	}
	if jw >= 0.85 {
		return lvJWLow
	}
	return lvDisagree
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
	if mayJW(fa, fb, 0.85) {
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
	if a.phon != "" && a.phon == b.phon {
		return lvPhonetic
	}
	if jw >= 0.85 {
		return lvJWLow
	}
	return lvDisagree
}

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
}

func (e *Engine) prepareAddr(q *query, a *signet.Address) {
	q.la = lineAddr{zip: ZIP5(a.ZIP), house: normHouse(a.HouseNumber), unit: NormalizeUnit(a.Unit)}
	if c, ok := e.cityNorm[a.City]; ok {
		q.la.city = c // spelt as on the roll
	} else {
		q.la.city = NormalizeName(a.City)
	}
	if id, ok := e.streetIDs[a.Street]; ok {
		q.la.street, q.la.core = e.streets[id].norm, e.streets[id].core
	} else {
		q.la.street = NormalizeStreet(a.Street)
		q.la.core = streetCore(q.la.street)
	}
	q.house = q.la.house
	q.zip = parseZIP(a.ZIP)
	q.stID = 0
}

// scratch is the working memory of one Link call, pooled.
type scratch struct {
	q      query
	ac, nc cands
}

func (e *Engine) getScratch() *scratch {
	if s, ok := e.pool.Get().(*scratch); ok {
		return s
	}
	return new(scratch)
}

// cands is the candidate set of one path: the best comparison per voter.
type cands struct {
	buf  [32]ecand
	list []ecand
	// seen are the references already compared, to skip a reference two passes found.
	seen []int32
	sbuf [64]int32
	// overflow: a name block too common to weigh was skipped; no name-only link then.
	overflow bool
}

func (cs *cands) reset() {
	cs.list = cs.buf[:0]
	cs.seen = cs.sbuf[:0]
	cs.overflow = false
}

// visit reports whether ref is new, and records it.
func (cs *cands) visit(ref int32) bool {
	for _, s := range cs.seen {
		if s == ref {
			return false
		}
	}
	cs.seen = append(cs.seen, ref)
	return true
}

// add keeps c when it is the voter's best comparison.
func (cs *cands) add(c *ecand) {
	for k := range cs.list {
		if cs.list[k].voter == c.voter {
			if c.w > cs.list[k].w || c.w == cs.list[k].w && c.prior < cs.list[k].prior {
				cs.list[k] = *c
			}
			return
		}
	}
	cs.list = append(cs.list, *c)
}

// posterior returns the index of the best candidate among those ok accepts (-1 when
// none) and its share of 2^w among the candidates rival accepts (nil: all) and the null.
func (cs *cands) posterior(null float64, ok, rival func(c *ecand) bool) (int, float64) {
	best := -1
	mx := null
	for k := range cs.list {
		c := &cs.list[k]
		mx = max(mx, c.w)
		if ok(c) && (best < 0 || c.w > cs.list[best].w || c.w == cs.list[best].w && c.voter < cs.list[best].voter) {
			best = k
		}
	}
	if best < 0 {
		return -1, 0
	}
	sum := math.Exp2(null - mx)
	for k := range cs.list {
		if k == best || rival == nil || rival(&cs.list[k]) {
			sum += math.Exp2(cs.list[k].w - mx)
		}
	}
	return best, math.Exp2(cs.list[best].w-mx) / sum
}

func (e *Engine) decide(p float64) signet.Decision {
	switch {
	case p >= e.opt.Upper:
		return signet.DecideLink
	case p >= e.opt.Lower:
		return signet.DecideReview
	}
	return signet.DecideNone
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
		scan(PassHouseStreet, hash2('s', la.house, la.core))
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
	if len(refs) > maxNameBlock {
		cs.overflow = true
		return
	}
	for _, ref := range refs {
		if !cs.visit(ref) {
			continue
		}
		var c ecand
		e.compare(q, ref, &c, false, false)
		cs.add(&c)
	}
}

// Link finds the voter a line most likely is: by address first (AddressCurrent or
// AddressPrior), then by name alone (AddressNone), with a decision from the posterior.
func (e *Engine) Link(line *signet.Line) signet.Link {
	e.linked.Add(1)
	sc := e.getScratch()
	defer e.pool.Put(sc)
	q, ac, nc := &sc.q, &sc.ac, &sc.nc
	e.prepare(q, line)
	if q.rs[0].last.key == "" && q.rs[0].first.key == "" {
		return signet.Link{Address: signet.AddressNone, Decision: signet.DecideNone}
	}
	ac.reset()
	e.addressCandidates(q, ac)
	e.scored.Add(int64(len(ac.seen)))
	// The household rule: a similar given name is not enough when someone at the address
	// has the line's given name.
	strongFirst := int32(-1)
	for k := range ac.list {
		c := &ac.list[k]
		if c.addrAgrees && (c.name.first == lvExact || c.name.first == lvNickname) {
			strongFirst = c.voter
			break
		}
	}
	okAddr := func(c *ecand) bool {
		if !c.addrAgrees || !c.name.acceptedAtAddress() {
			return false
		}
		return !(isFuzzy(c.name.first) && strongFirst >= 0 && strongFirst != c.voter)
	}
	// The rivals at an address are the candidates the rules would let link: a household
	// member whose given name only resembles the line's while another bears it, or whose
	// suffix differs, is not the signer whatever the weights say.
	bi, bp := ac.posterior(e.nullAddr, okAddr, okAddr)
	if bi >= 0 {
		link := e.addressLink(q, ac, bi, bp)
		if link.Decision != signet.DecideNone {
			// Someone registered at the address may be the signer: the name-only path
			// is not taken, as in SimpleLinker.
			return link
		}
	}
	// Name only; not for an address in a ZIP code no voter lives in, which is outside the
	// roll's jurisdiction whoever signed.
	nc.reset()
	if z := q.zip; z != 0 {
		if _, ok := e.zips[z]; !ok {
			return e.noLink(ac, nc, bp)
		}
	}
	e.nameCandidates(q, nc)
	e.scored.Add(int64(len(nc.seen)))
	ni, np := nc.posterior(e.nullName, func(c *ecand) bool { return c.name.acceptedByName() && !c.swappedMid && !c.voterShort }, nil)
	if ni >= 0 && !nc.overflow {
		d := e.decide(np)
		if d != signet.DecideNone {
			v := e.voter(nc.list[ni].voter)
			return signet.Link{Voter: v, Score: np, Decision: d, Address: signet.AddressNone,
				Candidates: e.candidates(nc, ni, e.nullName)}
		}
	}
	return e.noLink(ac, nc, bp)
}

// noLink is a line linked to nobody, with the candidates considered.
func (e *Engine) noLink(ac, nc *cands, p float64) signet.Link {
	l := signet.Link{Address: signet.AddressNone, Decision: signet.DecideNone, Score: p}
	if len(ac.list) > 0 {
		l.Candidates = e.candidates(ac, -1, e.nullAddr)
	} else if len(nc.list) > 0 {
		l.Candidates = e.candidates(nc, -1, e.nullName)
	}
	return l
}

// addressLink is the link to address candidate bi with posterior p.
func (e *Engine) addressLink(q *query, ac *cands, bi int, p float64) signet.Link {
	b := &ac.list[bi]
	v := e.voter(b.voter)
	link := signet.Link{Voter: v, Score: p, Decision: e.decide(p), Address: signet.AddressCurrent}
	a := &v.Residence
	// (A prior the voter does not have can come only from a snapshot that lies about the
	// roll; it is left as the residence rather than read out of range.)
	if b.prior >= 0 && int(b.prior) < len(v.Prior) {
		link.Address, link.Prior = signet.AddressPrior, int(b.prior)
		a = &v.Prior[b.prior].Address
	}
	vu := NormalizeUnit(a.Unit)
	switch {
	case q.la.unit == "" && vu != "":
		link.Notes = append(link.Notes, signet.NoteApartmentMissing)
	case q.la.unit != vu:
		link.Notes = append(link.Notes, signet.NoteApartmentDiffers)
	}
	if q.la.city == "" && a.City != "" {
		link.Notes = append(link.Notes, signet.NoteCityMissing)
	}
	link.Candidates = e.candidates(ac, bi, e.nullAddr)
	return link
}

// LinkVoter links a record of another file to the roll (generic linkage, `signet link`):
// every pass, every field, no petition rules. Address is AddressCurrent or AddressPrior
// when the best candidate's address agrees, else AddressNone.
func (e *Engine) LinkVoter(rec *signet.Voter) signet.Link {
	e.linked.Add(1)
	sc := e.getScratch()
	defer e.pool.Put(sc)
	q, cs := &sc.q, &sc.ac
	e.prepareVoter(q, rec)
	cs.reset()
	e.genericCandidates(q, cs)
	e.scored.Add(int64(len(cs.seen)))
	bi, p := cs.posterior(e.nullGen, func(*ecand) bool { return true }, nil)
	if bi < 0 {
		return signet.Link{Address: signet.AddressNone, Decision: signet.DecideNone}
	}
	d := e.decide(p)
	b := &cs.list[bi]
	l := signet.Link{Score: p, Decision: d, Address: signet.AddressNone, Candidates: e.candidates(cs, bi, e.nullGen)}
	if d != signet.DecideNone {
		l.Voter = e.voter(b.voter)
		if b.addrAgrees {
			l.Address = signet.AddressCurrent
			if b.prior >= 0 {
				l.Address, l.Prior = signet.AddressPrior, int(b.prior)
			}
		}
	}
	return l
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
			scan(PassHousePhonStreet, hash2('h', la.house, NYSIIS(strings.ReplaceAll(la.core, " ", ""))))
		}
	}
}

// candidates renders up to three candidates, best first (chosen, when >= 0, leads), with
// their posterior and per-field levels and weights.
func (e *Engine) candidates(cs *cands, chosen int, null float64) []signet.Candidate {
	if len(cs.list) == 0 {
		return nil
	}
	var order [3]int
	n := 0
	if chosen >= 0 {
		order[0] = chosen
		n = 1
	}
	for n < 3 {
		bk := -1
		for k := range cs.list {
			dup := false
			for i := 0; i < n; i++ {
				dup = dup || order[i] == k
			}
			if !dup && (bk < 0 || cs.list[k].w > cs.list[bk].w) {
				bk = k
			}
		}
		if bk < 0 {
			break
		}
		order[n] = bk
		n++
	}
	mx := null
	for k := range cs.list {
		mx = max(mx, cs.list[k].w)
	}
	sum := math.Exp2(null - mx)
	for k := range cs.list {
		sum += math.Exp2(cs.list[k].w - mx)
	}
	out := make([]signet.Candidate, n)
	nf := 0
	for i := 0; i < n; i++ {
		nf += bits.OnesCount16(cs.list[order[i]].compared)
	}
	backing := make([]signet.FieldLevel, 0, nf)
	for i := 0; i < n; i++ {
		c := &cs.list[order[i]]
		oc := signet.Candidate{VoterID: e.roll.ID(int(c.voter)), Score: math.Exp2(c.w-mx) / sum, Address: signet.AddressNone}
		if c.compared&(1<<fHouse) != 0 && c.addrAgrees {
			oc.Address = signet.AddressCurrent
			if c.prior >= 0 {
				oc.Address = signet.AddressPrior
			}
		}
		start := len(backing)
		for f := 0; f < nFields; f++ {
			if c.compared&(1<<f) != 0 {
				backing = append(backing, signet.FieldLevel{Field: fieldNames[f], Level: c.lv[f].String(), Weight: round2(c.fw[f])})
			}
		}
		oc.Fields = backing[start:len(backing):len(backing)]
		out[i] = oc
	}
	return out
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

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
			add(PassHouseStreet, hash2('s', la.house, la.core))
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
