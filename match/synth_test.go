package match

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	signet "github.com/signet-vote/signet"
)

// A small synthetic world for accuracy checks and benchmarks: census-like names (from the
// synth package's census lists when present, else made-up syllable names), households at
// shared addresses, and petition lines written with the noise people add.

type weighted struct {
	names []string
	cum   []float64
}

func (w *weighted) pick(r *rand.Rand) string {
	x := r.Float64() * w.cum[len(w.cum)-1]
	return w.names[sort.SearchFloat64s(w.cum, x)]
}

func loadCensus(path string, max int) *weighted {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	w := &weighted{}
	sc := bufio.NewScanner(f)
	total := 0.0
	for sc.Scan() && len(w.names) < max {
		fl := strings.Fields(sc.Text())
		if len(fl) < 2 {
			continue
		}
		p, _ := strconv.ParseFloat(fl[1], 64)
		total += p + 0.0005
		w.names = append(w.names, fl[0])
		w.cum = append(w.cum, total)
	}
	return w
}

func syllableNames(r *rand.Rand, n int) *weighted {
	syl := []string{"MA", "RI", "GAR", "CI", "LO", "PEZ", "SAN", "TOS", "KO", "WAL", "SKI", "BER", "TON", "NEL", "SON", "DA", "VID", "LEE", "HA", "RA"}
	w := &weighted{}
	seen := map[string]bool{}
	for len(w.names) < n {
		s := ""
		for k := 0; k < 2+r.IntN(2); k++ {
			s += syl[r.IntN(len(syl))]
		}
		if !seen[s] {
			seen[s] = true
			w.names = append(w.names, s)
			w.cum = append(w.cum, float64(len(w.names)))
		}
	}
	return w
}

type world struct {
	voters []signet.Voter
	lines  []signet.Line
	truth  []truthRow
}

type truthRow struct {
	voter int // -1 when not registered
	match signet.AddressMatch
	kind  string
}

var streetWords = []string{"MAIN", "FIGUEROA", "SUNSET", "ELM", "OAK", "PINE", "MAPLE", "CEDAR", "BROADWAY", "ALVARADO",
	"VERMONT", "WESTERN", "NORMANDIE", "HOOVER", "OLYMPIC", "PICO", "WASHINGTON", "JEFFERSON", "ADAMS", "LINCOLN",
	"5TH", "1ST", "3RD", "7TH", "MISSION", "VALLEY", "GRAND", "HILL", "SPRING", "TEMPLE", "BEVERLY", "MELROSE"}
var streetSuf = []string{"ST", "AVE", "BLVD", "DR", "PL", "RD", "WAY", "CT", "LN"}
var sufLong = map[string]string{"ST": "Street", "AVE": "Avenue", "BLVD": "Boulevard", "DR": "Drive", "PL": "Place",
	"RD": "Road", "WAY": "Way", "CT": "Court", "LN": "Lane"}
var dirLong = map[string]string{"N": "North", "S": "South", "E": "East", "W": "West"}
var ordLong = map[string]string{"5TH": "Fifth", "1ST": "First", "3RD": "Third", "7TH": "Seventh"}

func makeWorld(nVoters, nLines int, seed uint64) *world {
	r := rand.New(rand.NewPCG(seed, 1))
	lasts := loadCensus("../synth/data/census1990-dist.all.last", 20000)
	males := loadCensus("../synth/data/census1990-dist.male.first", 1300)
	females := loadCensus("../synth/data/census1990-dist.female.first", 4300)
	if lasts == nil || males == nil || females == nil {
		lasts, males, females = syllableNames(r, 5000), syllableNames(r, 600), syllableNames(r, 600)
	}
	first := func() string {
		if r.IntN(2) == 0 {
			return males.pick(r)
		}
		return females.pick(r)
	}
	nZIP := max(5, nVoters/11000)
	var streets []string
	for i := 0; i < 400; i++ {
		s := streetWords[r.IntN(len(streetWords))]
		if r.IntN(3) == 0 {
			s = streetWords[r.IntN(len(streetWords))] + " " + s
		}
		if r.IntN(3) == 0 {
			s = []string{"N", "S", "E", "W"}[r.IntN(4)] + " " + s
		}
		streets = append(streets, s+" "+streetSuf[r.IntN(len(streetSuf))])
	}
	randAddr := func() signet.Address {
		a := signet.Address{
			HouseNumber: strconv.Itoa(1 + r.IntN(9999)),
			Street:      streets[r.IntN(len(streets))],
			City:        "LOS ANGELES",
			ZIP:         strconv.Itoa(90001 + r.IntN(nZIP)),
		}
		if r.IntN(20) == 0 {
			a.HouseNumber += " 1/2"
		}
		if r.IntN(3) == 0 {
			a.Unit = "APT " + strconv.Itoa(1+r.IntN(40))
		}
		return a
	}
	w := &world{voters: make([]signet.Voter, 0, nVoters)}
	for len(w.voters) < nVoters {
		a := randAddr()
		last := lasts.pick(r)
		if r.IntN(30) == 0 {
			last += " " + lasts.pick(r)
		}
		size := 1 + r.IntN(4)
		for k := 0; k < size && len(w.voters) < nVoters; k++ {
			ln := last
			if k > 0 && r.IntN(4) == 0 {
				ln = lasts.pick(r)
			}
			v := signet.Voter{
				ID: "V" + strconv.Itoa(len(w.voters)), FirstName: first(), LastName: ln, Residence: a,
				Status: signet.StatusActive,
			}
			if r.IntN(2) == 0 {
				v.MiddleName = first()
				if r.IntN(3) == 0 {
					v.MiddleName = v.MiddleName[:1]
				}
			}
			if r.IntN(40) == 0 {
				v.Suffix = []string{"JR", "SR", "II", "III"}[r.IntN(4)]
			}
			if r.IntN(10) == 0 {
				v.Prior = []signet.PriorAddress{{Address: randAddr(), Until: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}}
			}
			w.voters = append(w.voters, v)
		}
	}
	// Names on the roll, to keep unregistered signers off it.
	onRoll := map[string]bool{}
	for i := range w.voters {
		v := &w.voters[i]
		for _, root := range rootsOrSelf(v.FirstName) {
			onRoll[v.LastName+"|"+root] = true
		}
	}
	for len(w.lines) < nLines {
		var tr truthRow
		var fn, mn, ln, suf string
		var a signet.Address
		x := r.IntN(100)
		switch {
		case x < 10: // not registered
			for {
				fn, ln = first(), lasts.pick(r)
				clash := false
				for _, root := range rootsOrSelf(fn) {
					clash = clash || onRoll[ln+"|"+root]
				}
				if !clash {
					break
				}
			}
			tr = truthRow{voter: -1, match: signet.AddressNone, kind: "not_registered"}
			if r.IntN(2) == 0 {
				a = randAddr()
			} else { // at a voter's address
				a = w.voters[r.IntN(len(w.voters))].Residence
			}
		default:
			vi := r.IntN(len(w.voters))
			v := &w.voters[vi]
			fn, mn, ln, suf = v.FirstName, v.MiddleName, v.LastName, v.Suffix
			a = v.Residence
			tr = truthRow{voter: vi, match: signet.AddressCurrent, kind: "valid"}
			switch {
			case x < 17:
				a = randAddr()
				tr.match, tr.kind = signet.AddressNone, "moved"
			case x < 20 && len(v.Prior) > 0:
				a = v.Prior[0].Address
				tr.match, tr.kind = signet.AddressPrior, "prior"
			}
		}
		w.lines = append(w.lines, signet.Line{PrintedName: writeName(r, fn, mn, ln, suf, &tr), Address: writeAddr(r, a, &tr)})
		w.truth = append(w.truth, tr)
	}
	return w
}

func rootsOrSelf(first string) []string {
	if r := givenKeys(first); r != nil {
		return r
	}
	return []string{first}
}

func typo(r *rand.Rand, s string, from int) string {
	if len(s) < from+2 {
		return s
	}
	i := from + r.IntN(len(s)-from)
	b := []byte(s)
	switch r.IntN(4) {
	case 0: // substitute
		b[i] = byte('A' + r.IntN(26))
	case 1: // delete
		b = append(b[:i], b[i+1:]...)
	case 2: // insert
		b = append(b[:i], append([]byte{byte('A' + r.IntN(26))}, b[i:]...)...)
	default: // transpose
		if i+1 < len(b) {
			b[i], b[i+1] = b[i+1], b[i]
		}
	}
	return string(b)
}

func titleCase(s string) string {
	w := strings.Fields(strings.ToLower(s))
	for i := range w {
		w[i] = strings.ToUpper(w[i][:1]) + w[i][1:]
	}
	return strings.Join(w, " ")
}

func writeName(r *rand.Rand, fn, mn, ln, suf string, tr *truthRow) string {
	if r.IntN(12) == 0 {
		if g := givenAdj(fn); len(g) > 0 {
			fn = g[r.IntN(len(g))]
			tr.kind += "+nick"
		}
	}
	if r.IntN(25) == 0 {
		if r.IntN(2) == 0 {
			fn = typo(r, fn, 1)
		} else {
			ln = typo(r, ln, 1)
		}
		tr.kind += "+typo"
	}
	if strings.Contains(ln, " ") && r.IntN(3) == 0 {
		if r.IntN(2) == 0 {
			ln = strings.Fields(ln)[0]
		} else {
			ln = strings.ReplaceAll(ln, " ", "-")
		}
	}
	if r.IntN(20) == 0 {
		fn = fn[:1]
		if r.IntN(2) == 0 {
			fn += "."
		}
		tr.kind += "+initial"
	}
	if mn != "" && r.IntN(3) > 0 {
		mn = ""
	} else if mn != "" && r.IntN(2) == 0 {
		mn = mn[:1] + "."
	}
	if r.IntN(20) == 0 {
		suf = ""
	}
	var s string
	switch x := r.IntN(100); {
	case x < 12:
		s = ln + ", " + strings.TrimSpace(fn+" "+mn)
	case x < 13:
		s = ln + " " + fn
		tr.kind += "+swapped"
	default:
		s = strings.Join(strings.Fields(fn+" "+mn+" "+ln), " ")
	}
	if suf != "" {
		s += " " + suf
	}
	switch r.IntN(3) {
	case 0:
		return titleCase(s)
	case 1:
		return strings.ToLower(s)
	}
	return s
}

func writeAddr(r *rand.Rand, a signet.Address, tr *truthRow) signet.Address {
	st := strings.Fields(a.Street)
	for i, w := range st {
		if l, ok := dirLong[w]; ok && i == 0 && r.IntN(3) == 0 {
			st[i] = l
		}
		if l, ok := sufLong[w]; ok && i == len(st)-1 && r.IntN(2) == 0 {
			st[i] = l
		}
		if l, ok := ordLong[w]; ok && r.IntN(2) == 0 {
			st[i] = l
		}
	}
	a.Street = strings.Join(st, " ")
	if r.IntN(50) == 0 {
		a.Street = typo(r, a.Street, 2)
		tr.kind += "+streettypo"
	}
	if a.Unit != "" {
		switch x := r.IntN(100); {
		case x < 20:
			a.Unit = ""
		case x < 23:
			a.Unit = "APT " + strconv.Itoa(41+r.IntN(10))
		case x < 50:
			a.Unit = "#" + strings.TrimPrefix(a.Unit, "APT ")
		case x < 70:
			a.Unit = strings.TrimPrefix(a.Unit, "APT ")
		}
	}
	if r.IntN(100) < 15 {
		a.City = ""
	}
	switch x := r.IntN(100); {
	case x < 10:
		a.ZIP += "-1234"
	case x < 11:
		a.ZIP = ""
	}
	if r.IntN(2) == 0 {
		a.Street = titleCase(a.Street)
	}
	return a
}

// TestSyntheticAccuracy links a small synthetic world and checks the share of lines
// linked to the right voter with the right address agreement.
func TestSyntheticAccuracy(t *testing.T) {
	n := 50000
	if testing.Short() {
		n = 10000
	}
	w := makeWorld(n, n/5, 7)
	l := NewLinker(w.voters)
	right := 0
	errs := map[string]int{}
	var examples []string
	for i := range w.lines {
		got := l.Link(&w.lines[i])
		tr := w.truth[i]
		gv := -1
		if got.Voter != nil {
			gv, _ = strconv.Atoi(got.Voter.ID[1:])
		}
		ok := gv == tr.voter && (gv < 0 || got.Address == tr.match)
		if ok {
			right++
			continue
		}
		errs[tr.kind]++
		if len(examples) < 40 && (os.Getenv("MATCH_KINDS") == "" || strings.Contains(tr.kind, os.Getenv("MATCH_KINDS"))) {
			want := "-"
			if tr.voter >= 0 {
				want = w.voters[tr.voter].FullName() + " @ " + w.voters[tr.voter].Residence.String()
			}
			gotS := "-"
			if gv >= 0 {
				gotS = got.Voter.FullName() + " @ " + got.Voter.Residence.String() + " " + string(got.Address)
			}
			examples = append(examples, fmt.Sprintf("%s: %q @ %s\n\twant %s %s\n\tgot  %s", tr.kind, w.lines[i].PrintedName,
				w.lines[i].Address.String(), want, tr.match, gotS))
		}
	}
	acc := float64(right) / float64(len(w.lines))
	t.Logf("accuracy %.4f on %d lines over %d voters; errors by kind: %v", acc, len(w.lines), n, errs)
	if testing.Verbose() {
		for _, e := range examples {
			t.Log(e)
		}
	}
	if acc < 0.97 {
		t.Errorf("accuracy %.4f < 0.97", acc)
	}
}

var benchWorlds = map[int]*world{}

func benchWorld(n int) *world {
	if w, ok := benchWorlds[n]; ok {
		return w
	}
	w := makeWorld(n, 100000, 11)
	benchWorlds[n] = w
	return w
}

func benchmarkNewLinker(b *testing.B, n int) {
	w := benchWorld(n)
	b.ResetTimer()
	for b.Loop() {
		NewLinker(w.voters)
	}
}

func BenchmarkNewLinker567k(b *testing.B) { benchmarkNewLinker(b, 567000) }

func BenchmarkNewLinker5670k(b *testing.B) { benchmarkNewLinker(b, 5670000) }

func BenchmarkLink567k(b *testing.B) {
	w := benchWorld(567000)
	l := NewLinker(w.voters)
	b.ResetTimer()
	i := 0
	for b.Loop() {
		l.Link(&w.lines[i%len(w.lines)])
		i++
	}
}

func BenchmarkLink10k(b *testing.B) {
	w := makeWorld(10000, 10000, 11)
	l := NewLinker(w.voters)
	b.ResetTimer()
	i := 0
	for b.Loop() {
		l.Link(&w.lines[i%len(w.lines)])
		i++
	}
}

func BenchmarkReadings(b *testing.B) {
	var rb [maxReadings]lineName
	for b.Loop() {
		readings("Maria G. Lopez", &rb)
	}
}

func BenchmarkNormalizeStreet(b *testing.B) {
	for b.Loop() {
		NormalizeStreet("North Figueroa Street")
	}
}
