package match

import (
	"fmt"
	"math"
	"runtime"
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
// compound surname, a compound surname's word one edit off (compound_typo), initial, one
// edit (optimal string alignment), Jaro-Winkler bands (jw and jw_low), phonetic (NYSIIS,
// as python3-jellyfish computes it), missing, disagree; house number, street, unit, city,
// ZIP and birth date have their own levels.
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
//
// The engine's files, by idea: engine.go builds it (options, interning, the indexes);
// blocking.go makes the passes' keys and finds candidate pairs; compare.go compares a pair
// field by field into levels; weights.go estimates m and u and weighs each level;
// decide.go links a line or a record from its candidates, by the rules of rules.go, which
// names each; explain.go renders the candidates a verdict keeps.

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
	PassHousePhonStreet        // (house number, the street key's first two letters); generic linkage only
	PassPhoneticCity           // (NYSIIS of surname, city); generic linkage only
	NumPasses                  // number of passes
)

// PassNames names the blocking passes, indexed by Pass*.
var PassNames = [NumPasses]string{"zip_house", "house_street", "surname_given", "phonetic_surname_zip",
	"given_house", "birth_date", "phonetic_name", "street_city", "house_street_prefix", "phonetic_surname_city"}

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
	// matchShare is the share of the linked file's records estimated to have a match on
	// the roll (FitMatchShare); 0 until estimated.
	matchShare float64

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
		passes = append(passes, PassPhoneticZIP, PassBirth, PassPhoneticName, PassStreetCity, PassHousePhonStreet, PassPhoneticCity)
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
	core := streetCore(norm)
	return streetInfo{norm: norm, core: core, key: streetKey(core)}
}

// makeNameInfo normalizes a name as the roll spells it.
func makeNameInfo(raw string) nameInfo {
	return nameInfoOf(NormalizeName(raw))
}

// nameInfoOf is the nameInfo of a name in its NormalizeName form.
func nameInfoOf(n string) nameInfo {
	info := nameInfo{norm: n, key: nameKey(n)}
	fw := firstWord(n)
	ent := givenEntry(fw)
	info.nkeys, info.adj = ent.keys, ent.adj
	// The code of the first word, as the serial build had it (it coded the key, then the
	// first word where that differs): for a one-word name both are the same, and a
	// compound surname keeps the code its first word has always had.
	info.phon = NYSIIS(fw)
	info.sound = Metaphone(info.key)
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
