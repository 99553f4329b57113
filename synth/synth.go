// Package synth generates a deterministic synthetic world for Signet: a county voter roll, a
// recall petition's signature lines written the way people write them, and the truth of every
// line (its reason code, sub-reason and notes), with simulated signature decisions.
//
// The default mix of reasons follows the Los Angeles County 2022 recall petition
// (domain.md §1). The truth follows the verifier's precedence (no_signature, withdrawn,
// incomplete_address, out_of_county, not_registered, cancelled, registered_after_cutoff,
// different_address, signature_mismatch, duplicate, valid) with the filing_date registration
// cut-off and the keep_first duplicate policy.
//
// What a verifier can rely on:
//   - A line's id is "<section_id>-<line_number>" (signet.LineID); lines.csv is in filing order.
//   - House numbers and ZIPs of a signer's intended address are never corrupted (a ZIP may be
//     written ZIP+4). Only incomplete_address lines lack a house number or a street.
//   - valid lines are at the voter's registered address, or (note moved_during_circulation) at
//     the prior address with date_signed ≤ prior_until. Voters whose registration_date falls after
//     date_signed but on or before the filing date carry registered_after_signing: they are valid
//     under the filing_date cut-off only.
//   - different_address voters have a name that no other roll voter shares (no common surname
//     part × first-name nickname-group key), and their lines carry no nickname, initial or typo.
//     Their address differs from the registered and the prior one in house number or ZIP.
//   - Persons off the roll (not_registered) have no such key in common with any roll voter, also
//     after the noise of their line; their lines carry no nickname, initial or "Last First" order.
//   - Within a household, members sharing a surname have different first initials and first names
//     of different nickname groups, so an initial plus the address identifies the voter.
//   - Notes are written on valid lines only, in the order apartment_missing, apartment_differs,
//     city_missing, moved_during_circulation, registered_after_signing, inactive_voter.
//   - signatures.csv holds a mismatch decision for every signature_mismatch line and match
//     decisions for about 2% of valid lines; no other line has a decision.
//
// The noise of a line, each rate per line and times Config.NoiseScale: a nickname 6%, a
// typo in the given name or the surname 4%, an initial for the given name 2%, the middle
// name dropped 30% or cut to its initial 15%, "Last, First" 3% and "Last First" 1%; a
// directional written out 10% or dropped 3%, a numbered street's ordinal written as a word
// 10%, a typo in a street's name 2%, the suffix written out or in another form 30%; the
// apartment missing 20% or another number 3%; the city missing 15% or in another form 3%;
// a ZIP+4 3%. The forms the census A/B set showed (issue 17; noise.go's rate constants,
// drawn from a stream of their own): both names misspelt 0.5%, the surname spelt as it
// sounds (SENTRY for CENTURY) 0.5%, a numbered street as its bare number (22 for 22ND) 5%
// of the lines on one, a plural S added or dropped (BANKS, BANK) 1% and two words run
// together (ELDORADO) 1% of the lines on a named street, a house number's fraction at the
// head of the street (1/2 WARE) 0.3%, and the surname alone, with no given or middle name,
// 0.1% of the roll voters' lines.
package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"

	"github.com/signet-vote/signet"
)

// Mix gives the share of petition lines that end in each reason; the valid share is what the
// others leave. The last four are the sub-reasons of "other".
type Mix struct {
	NotRegistered         float64 `json:"not_registered"`
	Duplicate             float64 `json:"duplicate"`
	DifferentAddress      float64 `json:"different_address"`
	SignatureMismatch     float64 `json:"signature_mismatch"`
	Cancelled             float64 `json:"cancelled"`
	OutOfCounty           float64 `json:"out_of_county"`
	RegisteredAfterCutoff float64 `json:"registered_after_cutoff"`
	Withdrawn             float64 `json:"withdrawn"`
	NoSignature           float64 `json:"no_signature"`
	IncompleteAddress     float64 `json:"incomplete_address"`
}

// LA2022 is the mix of the Los Angeles County 2022 recall petition (domain.md §1): 72.65% valid.
// Its "other" 1.30% is split as registered_after_cutoff .40, withdrawn .10, no_signature .45 and
// incomplete_address .35 points.
func LA2022() Mix {
	return Mix{NotRegistered: .1236, Duplicate: .0609, DifferentAddress: .0450, SignatureMismatch: .0133,
		Cancelled: .0103, OutOfCounty: .0075, RegisteredAfterCutoff: .0040, Withdrawn: .0010,
		NoSignature: .0045, IncompleteAddress: .0035}
}

func (m Mix) shares() []float64 {
	return []float64{m.NotRegistered, m.Duplicate, m.DifferentAddress, m.SignatureMismatch, m.Cancelled,
		m.OutOfCounty, m.RegisteredAfterCutoff, m.Withdrawn, m.NoSignature, m.IncompleteAddress}
}

// Config sets the size and character of the generated world. Zero values mean zero (no
// Hispanic surnames, no noise, ...): start from DefaultConfig.
type Config struct {
	Voters int   // rows of the roll
	Lines  int   // petition lines
	Seed   int64 // the same Config always gives the same files
	// HispanicShare and AsianShare are the shares of persons whose surnames come from the
	// Hispanic and Asian lists (defaults 0.40 and 0.14).
	HispanicShare, AsianShare float64
	// CompoundShare is the share of Hispanic persons with two surnames (default 0.15).
	CompoundShare float64
	// NoiseScale multiplies every corruption rate of the lines (default 1; 0: clean lines).
	NoiseScale float64
	// Mix is the share of lines per reason (LA2022 by default; the zero Mix makes every line valid).
	Mix Mix
	// JurisdictionID and JurisdictionName name the county ("demo-county", "Demo County" when empty).
	JurisdictionID, JurisdictionName string
}

// DefaultConfig is a world the size of Los Angeles County's 2022 recall: 5,670,000 voters and
// 715,833 lines with the LA2022 mix.
func DefaultConfig() Config {
	return Config{Voters: 5670000, Lines: 715833, Seed: 1, HispanicShare: 0.40, AsianShare: 0.14,
		CompoundShare: 0.15, NoiseScale: 1, Mix: LA2022(), JurisdictionID: "demo-county",
		JurisdictionName: "Demo County"}
}

// Summary describes what Generate wrote.
type Summary struct {
	// Voters and Lines are the rows written to voters.csv and lines.csv.
	Voters, Lines int
	// Truth counts lines by top-level reason, including "valid".
	Truth map[string]int
	// Files are the paths written, in the order they were written.
	Files []string
}

// File names written by Generate.
const (
	FileVoters      = "voters.csv"
	FileLines       = "lines.csv"
	FileTruth       = "truth.csv"
	FileTruthDetail = "truth-detail.csv"
	FileSignatures  = "signatures.csv"
	FileWorld       = "world.json"
)

// roles of persons (a roll voter has one role at most).
const (
	roleValid uint8 = iota
	roleMover       // valid, signs at the prior address during circulation
	roleRAS         // valid, registered after signing, before filing
	roleDA
	roleSM
	roleCan
	roleRAC
	roleWD
	roleNoSig
	roleInc
	roleNR
	roleOOC
)

// line reasons (truth).
const (
	rsValid uint8 = iota
	rsNotRegistered
	rsDuplicate
	rsDifferentAddress
	rsSignatureMismatch
	rsCancelled
	rsOutOfCounty
	rsOther
)

var reasonNames = []string{"valid", string(signet.NotRegistered), string(signet.Duplicate),
	string(signet.DifferentAddress), string(signet.SignatureMismatch), string(signet.Cancelled),
	string(signet.OutOfCounty), string(signet.Other)}

// notes bits, in the order they are written.
const (
	ntApartmentMissing uint8 = 1 << iota
	ntApartmentDiffers
	ntCityMissing
	ntMoved
	ntRegisteredAfterSigning
	ntInactive
)

var noteNames = []string{signet.NoteApartmentMissing, signet.NoteApartmentDiffers, signet.NoteCityMissing,
	signet.NotePriorAddress, signet.NoteRegisteredAfterSigned, signet.NoteInactive}

const (
	stActive uint8 = iota
	stInactive
	stCancelled
)

var statusNames = []string{"active", "inactive", "cancelled"}

var suffixNames = []string{"", "JR", "SR", "II", "III"}

// member is one voter (or off-roll person) as generated.
type member struct {
	last, last2 int32 // surname ids; last2 < 0 unless compound
	hyphen      bool
	male        bool
	first       int32
	middle      int32 // < 0: none
	suffix      uint8
	status      uint8
	addr        address
	prior       address
	hasPrior    bool
	birth, reg  int32
	cancelled   int32
	priorUntil  int32
}

// person is a signer: a roll voter with a role, or an off-roll person.
type person struct {
	member
	voter int32 // index on the roll, < 0 off the roll
	role  uint8
	nLine uint8
	// overrides applied when the roll is written (0: none)
	ovReg        int32
	ovPriorUntil int32
	ovCancelled  int32
}

// lineRec is one petition line.
type lineRec struct {
	person  int32
	date    int32
	section int32
	number  int32
	reason  uint8
	notes   uint8
	sig     uint8 // 0 none, 1 match, 2 mismatch
}

type gen struct {
	cfg     Config
	t       *tables
	r       *rand.Rand
	zips    []zipArea
	nCounty int
	zipCum  []float64
	hseed   uint64
	hpcg    rand.PCG
	hr      *rand.Rand
	// fr draws the forms of writing a name and a street that issue 17 added (noise.go's
	// formNoise), apart from r, so that every other draw of a seed's world is as it was.
	fr         *rand.Rand
	hh         [4]member
	starts     []int32 // household start offsets, with a final sentinel = Voters
	cnt        []uint8 // name-key counters (saturating)
	cntShift   uint
	used       []uint64 // bitset of roll voters already given a role
	idMul      uint64
	idAdd      uint64
	persons    []person
	lines      []lineRec
	sections   []section
	progress   func(string, int, int)
	partsBuf   []uint64
	registered int
}

type section struct {
	circulator int32
	start, n   int32
}

// Generate writes voters.csv, lines.csv, truth.csv, truth-detail.csv, signatures.csv and
// world.json into dir (created if missing). progress may be nil; it is called now and then
// with a stage name ("roll", "select", "voters", "lines") and done/total.
func Generate(cfg Config, dir string, progress func(stage string, done, total int)) (Summary, error) {
	if err := cfg.check(); err != nil {
		return Summary{}, err
	}
	if cfg.JurisdictionID == "" {
		cfg.JurisdictionID = "demo-county"
	}
	if cfg.JurisdictionName == "" {
		cfg.JurisdictionName = "Demo County"
	}
	if progress == nil {
		progress = func(string, int, int) {}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Summary{}, err
	}
	g := newGen(cfg, progress)
	g.pass1()
	if err := g.plan(); err != nil {
		return Summary{}, err
	}
	sum := Summary{Voters: cfg.Voters, Lines: cfg.Lines, Truth: map[string]int{}}
	path := filepath.Join(dir, FileVoters)
	if err := writeFile(path, g.writeVoters); err != nil {
		return Summary{}, err
	}
	sum.Files = append(sum.Files, path)
	if err := g.writeLines(dir, &sum); err != nil {
		return Summary{}, err
	}
	path = filepath.Join(dir, FileWorld)
	if err := g.writeWorld(path); err != nil {
		return Summary{}, err
	}
	sum.Files = append(sum.Files, path)
	if testHook != nil {
		testHook(g)
	}
	return sum, nil
}

// testHook lets the tests look at the generator's state after Generate.
var testHook func(*gen)

func (c Config) check() error {
	if c.Voters < 1 || c.Lines < 0 {
		return fmt.Errorf("synth: need Voters ≥ 1 and Lines ≥ 0 (got %d, %d)", c.Voters, c.Lines)
	}
	if c.Voters >= 1e9 {
		return fmt.Errorf("synth: at most 999,999,999 voters")
	}
	for _, x := range []float64{c.HispanicShare, c.AsianShare, c.CompoundShare} {
		if !(x >= 0 && x <= 1) {
			return fmt.Errorf("synth: shares must lie in [0, 1]")
		}
	}
	if c.HispanicShare+c.AsianShare > 1+1e-9 {
		return fmt.Errorf("synth: HispanicShare + AsianShare exceeds 1")
	}
	if !(c.NoiseScale >= 0) || math.IsInf(c.NoiseScale, 0) {
		return fmt.Errorf("synth: NoiseScale must be ≥ 0")
	}
	var s float64
	for _, x := range c.Mix.shares() {
		if !(x >= 0 && x <= 1) {
			return fmt.Errorf("synth: mix shares must lie in [0, 1]")
		}
		s += x
	}
	if s > 1+1e-9 {
		return fmt.Errorf("synth: mix shares add up to %.4f > 1", s)
	}
	return nil
}

func newGen(cfg Config, progress func(string, int, int)) *gen {
	s := uint64(cfg.Seed)
	g := &gen{cfg: cfg, t: getTables(), progress: progress}
	g.r = rand.New(rand.NewPCG(s, 0x5167_6e65_7400_0001))
	g.hseed = s ^ 0x9E3779B97F4A7C15
	g.hr = rand.New(&g.hpcg)
	g.fr = rand.New(rand.NewPCG(s, 0x5167_666f_726d_0017))
	g.zips, g.nCounty = buildZips(g.r, cfg.Voters)
	var c float64
	for i := 0; i < g.nCounty; i++ {
		c += 0.5 + g.r.Float64()
		g.zipCum = append(g.zipCum, c)
	}
	for {
		m := uint64(100_000_000 + g.r.IntN(900_000_000))
		if m%2 != 0 && m%5 != 0 {
			g.idMul = m
			break
		}
	}
	g.idAdd = uint64(g.r.IntN(1_000_000_000))
	bits := uint(16)
	for bits < 25 && (1<<bits) < cfg.Voters*8 {
		bits++
	}
	g.cnt = make([]uint8, 1<<bits)
	g.cntShift = 64 - bits
	g.used = make([]uint64, (cfg.Voters+63)/64)
	return g
}

func (g *gen) voterID(v int32) []byte {
	id := (uint64(v)*g.idMul + g.idAdd) % 1_000_000_000
	var b [10]byte
	b[0] = 'V'
	for i := 9; i >= 1; i-- {
		b[i] = byte('0' + id%10)
		id /= 10
	}
	return b[:]
}

// countyZip draws a county ZIP index, weighted.
func (g *gen) countyZip(r *rand.Rand) uint16 {
	x := r.Float64() * g.zipCum[len(g.zipCum)-1]
	i := sort.SearchFloat64s(g.zipCum, x)
	if i >= len(g.zipCum) {
		i = len(g.zipCum) - 1
	}
	return uint16(i)
}

// randAddr draws an address in ZIP z.
func (g *gen) randAddr(r *rand.Rand, z uint16) address {
	a := address{zip: z, street: uint16(r.IntN(len(g.zips[z].streets)))}
	if r.IntN(4) == 0 {
		a.house = uint32(1 + r.IntN(999))
	} else {
		a.house = uint32(100 + r.IntN(19900))
	}
	a.half = r.Float64() < 0.01
	if r.Float64() < 0.30 {
		if r.IntN(2) == 0 {
			a.unit = uint16(1 + r.IntN(40))
		} else {
			a.unit = uint16(100*(1+r.IntN(6)) + 1 + r.IntN(30))
		}
	}
	return a
}

// drawLast draws a surname for ethnicity eth (0 any, 1 Hispanic, 2 Asian).
func (g *gen) drawLast(r *rand.Rand, eth int, m *member) {
	m.last2, m.hyphen = -1, false
	switch eth {
	case 1:
		m.last = g.t.lastHisp.draw(r)
		if r.Float64() < g.cfg.CompoundShare {
			for i := 0; i < 4; i++ {
				if m.last2 = g.t.lastHisp.draw(r); m.last2 != m.last {
					break
				}
			}
			if m.last2 == m.last {
				m.last2 = -1
			}
			m.hyphen = r.IntN(4) == 0
		}
	case 2:
		m.last = g.t.lastAsian.draw(r)
	default:
		m.last = g.t.lastAll.draw(r)
	}
}

func (g *gen) drawEth(r *rand.Rand) int {
	x := r.Float64()
	switch {
	case x < g.cfg.HispanicShare:
		return 1
	case x < g.cfg.HispanicShare+g.cfg.AsianShare:
		return 2
	}
	return 0
}

func (g *gen) drawFirst(r *rand.Rand, male bool, eth int) int32 {
	if eth == 1 && r.IntN(2) == 0 {
		if male {
			return g.t.hispMale.draw(r)
		}
		return g.t.hispFem.draw(r)
	}
	if male {
		return g.t.firstMale.draw(r)
	}
	return g.t.firstFem.draw(r)
}

// drawName fills the name fields of m.
func (g *gen) drawName(r *rand.Rand, eth int, m *member) {
	m.male = r.IntN(2) == 0
	g.drawLast(r, eth, m)
	m.first = g.drawFirst(r, m.male, eth)
	g.drawRest(r, eth, m)
}

func (g *gen) drawRest(r *rand.Rand, eth int, m *member) {
	m.middle = -1
	if r.Float64() < 0.40 {
		if x := g.drawFirst(r, m.male, eth); x != m.first {
			m.middle = x
		}
	}
	m.suffix = 0
	if m.male && r.Float64() < 0.04 { // about 2% of all persons
		m.suffix = uint8([]int{1, 1, 1, 1, 1, 1, 2, 2, 3, 4}[r.IntN(10)])
	}
}

// household generates household h into g.hh; n caps its size. It returns the size.
func (g *gen) household(h int, n int) int {
	g.hpcg.Seed(g.hseed, uint64(h))
	r := g.hr
	size := 1
	switch x := r.Float64(); {
	case x < 0.34:
		size = 1
	case x < 0.68:
		size = 2
	case x < 0.86:
		size = 3
	default:
		size = 4
	}
	if size > n {
		size = n
	}
	addr := g.randAddr(r, g.countyZip(r))
	eth := g.drawEth(r)
	var fam member
	g.drawLast(r, eth, &fam)
	for i := 0; i < size; i++ {
		m := &g.hh[i]
		m.male = r.IntN(2) == 0
		if i == 0 || r.Float64() < 0.8 {
			m.last, m.last2, m.hyphen = fam.last, fam.last2, fam.hyphen
		} else {
			g.drawLast(r, eth, m)
		}
		for try := 0; ; try++ {
			m.first = g.drawFirst(r, m.male, eth)
			clash := false
			for j := 0; j < i; j++ {
				if g.nameClash(&g.hh[j], m) {
					clash = true
				}
			}
			if !clash || try > 50 {
				break
			}
		}
		g.drawRest(r, eth, m)
		m.addr = addr
		m.birth = dayBirthMax - int32(r.IntN(77*365))
		lo := m.birth + 18*365 + 5
		if lo < dayRegStart {
			lo = dayRegStart
		}
		if lo > dayRegEnd {
			lo = dayRegEnd
		}
		m.reg = lo + int32(r.IntN(int(dayRegEnd-lo)+1))
		m.cancelled = 0
		switch x := r.Float64(); {
		case x < 0.03:
			m.status = stCancelled
			m.cancelled = m.reg + int32(r.IntN(int(dayRegEnd-m.reg)+1))
			if m.cancelled >= dayRegEnd {
				m.cancelled = dayRegEnd - 1
			}
		case x < 0.11:
			m.status = stInactive
		default:
			m.status = stActive
		}
		m.hasPrior = r.Float64() < 0.02
		if m.hasPrior {
			m.prior = g.randAddr(r, g.countyZip(r))
			m.priorUntil = m.reg + int32(r.IntN(int(dayRegEnd-m.reg)+1))
		} else {
			m.prior, m.priorUntil = address{}, 0
		}
	}
	return size
}

// nameClash reports whether two members of a household could be taken for each other on a
// petition line: the same first name, or, with the same surname, the same first initial or
// first names of one nickname group.
func (g *gen) nameClash(a, b *member) bool {
	if a.first == b.first {
		return true
	}
	if a.last != b.last || a.last2 != b.last2 {
		return false
	}
	fa, fb := &g.t.firsts[a.first], &g.t.firsts[b.first]
	if fa.name[0] == fb.name[0] {
		return true
	}
	for _, x := range fa.groups {
		for _, y := range fb.groups {
			if x == y {
				return true
			}
		}
	}
	return false
}

// lastParts returns the surname-part hashes of m (valid until the next call).
func (g *gen) lastParts(m *member) []uint64 {
	if m.last2 < 0 {
		return g.t.surnames[m.last].parts
	}
	g.partsBuf = g.partsBuf[:0]
	for _, p := range nameParts(g.lastName(m)) {
		g.partsBuf = appendUnique64(g.partsBuf, strHash(p))
	}
	return g.partsBuf
}

func (g *gen) lastName(m *member) string {
	s := g.t.surnames[m.last].name
	if m.last2 >= 0 {
		sep := " "
		if m.hyphen {
			sep = "-"
		}
		s += sep + g.t.surnames[m.last2].name
	}
	return s
}

func (g *gen) addKeys(m *member) {
	groups := g.t.firsts[m.first].groups
	for _, p := range g.lastParts(m) {
		for _, q := range groups {
			k := keyHash(p, q) >> g.cntShift
			if g.cnt[k] < 255 {
				g.cnt[k]++
			}
		}
	}
}

// keysMax returns the largest counter over the keys of (parts, groups).
func (g *gen) keysMax(parts, groups []uint64) uint8 {
	var mx uint8
	for _, p := range parts {
		for _, q := range groups {
			if c := g.cnt[keyHash(p, q)>>g.cntShift]; c > mx {
				mx = c
			}
		}
	}
	return mx
}

// pass1 generates the roll once to fix the household offsets and count the name keys.
func (g *gen) pass1() {
	n := g.cfg.Voters
	g.starts = g.starts[:0]
	next := 1 << 16
	for v, h := 0, 0; v < n; h++ {
		g.starts = append(g.starts, int32(v))
		k := g.household(h, n-v)
		for i := 0; i < k; i++ {
			g.addKeys(&g.hh[i])
		}
		v += k
		if v >= next {
			g.progress("roll", v, n)
			next += 1 << 16
		}
	}
	g.starts = append(g.starts, int32(n))
	g.progress("roll", n, n)
}

// regen regenerates voter v and returns a copy.
func (g *gen) regen(v int32) member {
	h := sort.Search(len(g.starts), func(i int) bool { return g.starts[i] > v }) - 1
	g.household(h, int(g.starts[h+1]-g.starts[h]))
	return g.hh[v-g.starts[h]]
}

func (g *gen) isUsed(v int32) bool { return g.used[v>>6]&(1<<(v&63)) != 0 }
func (g *gen) setUsed(v int32)     { g.used[v>>6] |= 1 << (v & 63) }

// pick chooses an unused roll voter satisfying ok (tries times), else any unused voter
// satisfying fallback. It returns the person index.
func (g *gen) pick(role uint8, tries int, ok, fallback func(*member) bool) (int, error) {
	for pass := 0; pass < 2; pass++ {
		pred, limit := ok, tries
		if pass == 1 {
			pred, limit = fallback, 1000
		}
		for t := 0; t < limit; t++ {
			v := int32(g.r.IntN(g.cfg.Voters))
			if g.isUsed(v) {
				continue
			}
			m := g.regen(v)
			if !pred(&m) {
				continue
			}
			g.setUsed(v)
			g.persons = append(g.persons, person{member: m, voter: v, role: role})
			return len(g.persons) - 1, nil
		}
	}
	return 0, fmt.Errorf("synth: could not find enough voters for the lines; use more voters")
}

func roundCount(share float64, n int) int { return int(math.Round(share * float64(n))) }
