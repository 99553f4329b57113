package match

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
)

//go:embed data/nicknames.csv
var nicknamesCSV string

// spanishHypocorisms are common Spanish pet names the nickname table lacks: the formal
// name first, then its short forms.
var spanishHypocorisms = [][]string{
	{"JOSE", "PEPE", "CHEPE"},
	{"FRANCISCO", "PACO", "PANCHO", "FRANCO", "CISCO", "KIKO"},
	{"GUADALUPE", "LUPE", "LUPITA"},
	{"JESUS", "CHUY", "CHUCHO"},
	{"ENRIQUE", "KIKE", "QUIQUE"},
	{"IGNACIO", "NACHO"},
	{"ROSARIO", "CHAYO"},
	{"CONCEPCION", "CONCHA", "CONCHITA", "CONCHI"},
	{"DOLORES", "LOLA", "LOLITA"},
	{"ALEJANDRO", "ALEX", "ALEJO"},
	{"ALEJANDRA", "ALE", "ALEX"},
	{"MANUEL", "MANOLO", "MANNY"},
	{"ROBERTO", "BETO", "TITO"},
	{"ALBERTO", "BETO", "TITO"},
	{"EDUARDO", "LALO"},
	{"GUILLERMO", "MEMO", "WILLY"},
	{"FERNANDO", "NANDO"},
	{"ANTONIO", "TONO", "TONY"},
	{"RAFAEL", "RAFA"},
	{"MERCEDES", "MECHE"},
	{"GRACIELA", "CHELA"},
	{"SOCORRO", "COCO"},
	{"REFUGIO", "CUCA", "CUCO"},
}

// nickTable is the nickname table as an undirected graph: an edge joins a formal name
// and each of its nicknames. The table lists some pairs both ways and links nickname
// hubs to several formal names (BILL to ROBERT and WILLIAM), so equivalence is not
// transitive: two names are equivalent when they are equal, adjacent, or both adjacent
// to a name longer than either (BOB and ROB through ROBERT, not ROBERT and WILLIAM
// through BILL).
type nickTable struct {
	adj  map[string][]string // name -> sorted neighbours
	keys map[string][]string // name -> sorted blocking keys: itself and neighbours at least as long
	both map[string]nickEntry
}

// nickEntry is a name's neighbours and blocking keys.
type nickEntry struct{ adj, keys []string }

var nickOnce sync.Once
var nicks *nickTable

func nickData() *nickTable {
	nickOnce.Do(func() {
		t := &nickTable{adj: map[string][]string{}, keys: map[string][]string{}, both: map[string]nickEntry{}}
		add := func(a, b string) {
			if a == "" || b == "" || a == b {
				return
			}
			t.adj[a] = append(t.adj[a], b)
			t.adj[b] = append(t.adj[b], a)
		}
		for i, line := range strings.Split(nicknamesCSV, "\n") {
			if i == 0 {
				continue
			}
			f := strings.Split(strings.TrimSpace(line), ",")
			if len(f) != 3 || f[1] != "has_nickname" {
				continue
			}
			add(NormalizeName(f[0]), NormalizeName(f[2]))
		}
		for _, g := range spanishHypocorisms {
			for _, n := range g[1:] {
				add(g[0], n)
			}
		}
		for name, a := range t.adj {
			slices.Sort(a)
			a = slices.Compact(a)
			t.adj[name] = a
			k := []string{name}
			for _, r := range a {
				if len(r) >= len(name) {
					k = append(k, r)
				}
			}
			slices.Sort(k)
			t.keys[name] = k
		}
		for name, a := range t.adj {
			t.both[name] = nickEntry{adj: a, keys: t.keys[name]}
		}
		nicks = t
	})
	return nicks
}

// givenKeys returns the blocking keys of a normalized given name: two equivalent names
// share at least one. nil means the name itself only. The slice is shared.
func givenKeys(name string) []string { return nickData().keys[name] }

// givenEntry returns the neighbours and blocking keys of a normalized given name.
func givenEntry(name string) nickEntry { return nickData().both[name] }

// givenAdj returns the nickname-table neighbours of a normalized given name, sorted.
func givenAdj(name string) []string { return nickData().adj[name] }

// NicknameGroup returns the given names equivalent to first, sorted, first itself
// included: its nicknames or formal names, and the other nicknames of a formal name
// it is a nickname of. "BOB" gives ROBERT, BOB, ROB, BOBBY, ...
func NicknameGroup(first string) []string {
	n := NormalizeName(first)
	if n == "" {
		return nil
	}
	adj := givenAdj(n)
	set := append([]string{n}, adj...)
	for _, r := range adj {
		if len(r) <= len(n) {
			continue
		}
		for _, m := range givenAdj(r) {
			if len(m) < len(r) {
				set = append(set, m)
			}
		}
	}
	slices.Sort(set)
	return slices.Compact(set)
}

// SameGivenName reports whether a and b are the same given name or nickname-equivalent
// (ROBERT and BOB, BOB and ROB, JOSE and PEPE), in either direction. Initials are not
// equivalent to names here.
func SameGivenName(a, b string) bool {
	a, b = NormalizeName(a), NormalizeName(b)
	if a == "" || b == "" {
		return false
	}
	return a == b || sameGivenAdj(a, givenAdj(a), b, givenAdj(b))
}

// sameGivenAdj is SameGivenName on normalized, different names with their neighbours.
func sameGivenAdj(a string, adjA []string, b string, adjB []string) bool {
	if len(adjA) == 0 || len(adjB) == 0 {
		return false
	}
	if _, ok := slices.BinarySearch(adjA, b); ok {
		return true
	}
	n := max(len(a), len(b))
	i, j := 0, 0
	for i < len(adjA) && j < len(adjB) {
		switch {
		case adjA[i] == adjB[j]:
			if len(adjA[i]) > n {
				return true
			}
			i++
			j++
		case adjA[i] < adjB[j]:
			i++
		default:
			j++
		}
	}
	return false
}

// NicknamePairs returns the (formal name, nickname) pairs of the embedded nickname table,
// upper case, in the table's order. The synthetic generator writes nicknames from it.
func NicknamePairs() [][2]string {
	var out [][2]string
	for i, line := range strings.Split(nicknamesCSV, "\n") {
		f := strings.Split(strings.TrimSpace(line), ",")
		if i == 0 || len(f) != 3 || f[1] != "has_nickname" {
			continue
		}
		out = append(out, [2]string{strings.ToUpper(f[0]), strings.ToUpper(f[2])})
	}
	return out
}
