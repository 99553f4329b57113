package synth

import (
	_ "embed"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"

	"github.com/signet-vote/signet/match"
)

//go:embed data/census1990-dist.all.last
var censusLast string

//go:embed data/census1990-dist.female.first
var censusFemale string

//go:embed data/census1990-dist.male.first
var censusMale string

// hispanicSurnames are common Hispanic surnames; weights come from the census list.
var hispanicSurnames = strings.Fields(`GARCIA HERNANDEZ LOPEZ MARTINEZ RODRIGUEZ GONZALEZ PEREZ SANCHEZ
RAMIREZ TORRES FLORES RIVERA GOMEZ DIAZ REYES MORALES CRUZ ORTIZ GUTIERREZ CHAVEZ RAMOS RUIZ ALVAREZ
MENDOZA CASTILLO JIMENEZ VASQUEZ ROMERO HERRERA MEDINA AGUILAR VARGAS CASTRO GUZMAN MUNOZ SALAZAR
FERNANDEZ MORENO ROMAN SOTO CONTRERAS SILVA DOMINGUEZ VELASQUEZ ESTRADA ROJAS NUNEZ ACOSTA MEJIA
MALDONADO DELGADO RIOS SANDOVAL GUERRERO JUAREZ ORTEGA CARDENAS VALDEZ NAVARRO PENA LUNA CAMPOS AVILA
FUENTES CERVANTES PADILLA CABRERA ESPINOZA MOLINA MIRANDA SOLIS ALVARADO VEGA LARA IBARRA FIGUEROA
ROBLES VALENCIA CORTEZ ROSALES AYALA MARQUEZ ZAMORA BELTRAN TREJO OCHOA VILLANUEVA SERRANO CARRILLO
PACHECO ARELLANO SOSA RANGEL ZUNIGA LEON DURAN SALINAS MENDEZ CORONA BARRAGAN GALLEGOS HUERTA ESCOBAR
MONTOYA CAMACHO ARIAS ACEVEDO QUINTERO VAZQUEZ GALLEGO LUCERO`)

// asianSurnames are common Asian (and Filipino) surnames; "_" stands for a space.
var asianSurnames = strings.Fields(`KIM LEE NGUYEN CHEN WANG LI PARK TRAN WONG CHANG LIU YANG HUANG LIN LE
PHAM CHOI ZHANG WU HO CHO SANTOS REYES DELA_CRUZ CHU TANG HOANG VU DANG BUI DO NGO DUONG LAM LUONG
TRUONG PHAN CHUNG JUNG KANG SHIN YOON HAN LIM SONG HWANG YU ZHOU XU SUN MA ZHU HU GUO HE GAO LUO ZHENG
LIANG TAN PATEL SHAH SINGH TANAKA NAKAMURA YAMAMOTO WATANABE SATO BAUTISTA AQUINO DIZON MANALO
MENDOZA DE_LEON GARCIA CASTILLO`)

// hispanicMale and hispanicFemale are first names boosted for Hispanic persons, most common first.
var hispanicMale = strings.Fields(`JOSE JUAN LUIS CARLOS JESUS MIGUEL JORGE ANTONIO FRANCISCO ALEJANDRO
MANUEL RICARDO PEDRO RAFAEL FERNANDO JAVIER SERGIO EDUARDO ROBERTO MARIO ARTURO RAUL OSCAR HECTOR
ALFREDO SALVADOR ARMANDO ENRIQUE RAMON GERARDO RUBEN ERNESTO ANGEL IGNACIO GUILLERMO`)

var hispanicFemale = strings.Fields(`MARIA GUADALUPE ROSA ANA JUANA CARMEN VERONICA LETICIA ALEJANDRA
GABRIELA PATRICIA ELIZABETH MARTHA SILVIA LAURA ADRIANA YOLANDA BLANCA ELENA GLORIA ESPERANZA ALICIA
SANDRA LOURDES ARACELI CLAUDIA MONICA TERESA SOFIA XIMENA ROCIO MARISOL`)

// apostropheNames gives the registrar spelling of census names written without the apostrophe.
var apostropheNames = map[string]string{
	"OBRIEN": "O'BRIEN", "OCONNOR": "O'CONNOR", "ONEAL": "O'NEAL", "ONEIL": "O'NEIL", "ONEILL": "O'NEILL",
	"ODONNELL": "O'DONNELL", "OCONNELL": "O'CONNELL", "OKEEFE": "O'KEEFE", "OROURKE": "O'ROURKE",
	"OLEARY": "O'LEARY", "OHARA": "O'HARA", "OMALLEY": "O'MALLEY", "OSULLIVAN": "O'SULLIVAN",
	"OTOOLE": "O'TOOLE", "ODONNELLL": "O'DONNELL", "OKELLEY": "O'KELLEY", "OBANNON": "O'BANNON",
	"DANGELO": "D'ANGELO", "DAMICO": "D'AMICO",
}

// surname is one entry of the surname table.
type surname struct {
	name  string   // registrar spelling, upper case
	parts []uint64 // hashes of the letters-only key parts (see nameParts)
}

// firstName is one entry of the first-name table.
type firstName struct {
	name   string
	groups []uint64 // hashes of the nickname-group variants (see firstGroups)
	nicks  []string // nicknames (has_nickname), upper case
}

// picker draws ids with given weights (Vose's alias method).
type picker struct {
	ids   []int32
	w     []float64
	prob  []float64
	alias []int32
}

func (p *picker) add(id int32, w float64) {
	if w <= 0 {
		return
	}
	p.ids = append(p.ids, id)
	p.w = append(p.w, w)
}

// build makes the alias table; call it once after the last add.
func (p *picker) build() {
	n := len(p.w)
	var total float64
	for _, w := range p.w {
		total += w
	}
	p.prob = make([]float64, n)
	p.alias = make([]int32, n)
	scaled := make([]float64, n)
	var small, large []int32
	for i, w := range p.w {
		scaled[i] = w * float64(n) / total
		if scaled[i] < 1 {
			small = append(small, int32(i))
		} else {
			large = append(large, int32(i))
		}
	}
	for len(small) > 0 && len(large) > 0 {
		s, l := small[len(small)-1], large[len(large)-1]
		small = small[:len(small)-1]
		p.prob[s], p.alias[s] = scaled[s], l
		scaled[l] -= 1 - scaled[s]
		if scaled[l] < 1 {
			large = large[:len(large)-1]
			small = append(small, l)
		}
	}
	for _, i := range large {
		p.prob[i], p.alias[i] = 1, i
	}
	for _, i := range small {
		p.prob[i], p.alias[i] = 1, i
	}
	p.w = nil
}

func (p *picker) draw(r *rand.Rand) int32 {
	i := r.IntN(len(p.prob))
	if r.Float64() < p.prob[i] {
		return p.ids[i]
	}
	return p.ids[p.alias[i]]
}

// tables are the immutable name tables, built once.
type tables struct {
	surnames   []surname
	surnameID  map[string]int32
	firsts     []firstName
	firstID    map[string]int32
	formals    map[string][]string // nickname -> formal names
	lastAll    picker
	lastHisp   picker
	lastAsian  picker
	firstMale  picker
	firstFem   picker
	hispMale   picker
	hispFem    picker
	censusLast map[string]float64
}

var (
	tablesOnce sync.Once
	tbl        *tables
)

func getTables() *tables {
	tablesOnce.Do(func() { tbl = buildTables() })
	return tbl
}

// lettersOnly keeps the A–Z letters of s, upper-casing a–z.
func lettersOnly(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c >= 'A' && c <= 'Z' {
			b = append(b, c)
		}
	}
	return string(b)
}

// nameParts returns the letters-only keys of a surname: the whole name and, for a name made of
// several words (space or hyphen separated), each word.
func nameParts(last string) []string {
	out := []string{lettersOnly(last)}
	words := strings.FieldsFunc(last, func(r rune) bool { return r == ' ' || r == '-' })
	if len(words) > 1 {
		for _, w := range words {
			out = appendUnique(out, lettersOnly(w))
		}
	}
	return out
}

// firstGroups returns the letters-only nickname-group variants of a first name: the name itself
// and every formal name it is a nickname of.
func (t *tables) firstGroups(first string) []string {
	f := lettersOnly(first)
	out := []string{f}
	for _, x := range t.formals[f] {
		out = appendUnique(out, x)
	}
	return out
}

// collisionKeys lists the name keys of a person: each surname part × each first-name group variant.
// Two persons whose key sets intersect could be taken for each other by a name-only match.
func (t *tables) collisionKeys(last, first string) []string {
	var keys []string
	for _, p := range nameParts(last) {
		for _, g := range t.firstGroups(first) {
			keys = append(keys, p+"|"+g)
		}
	}
	return keys
}

func appendUnique(s []string, x string) []string {
	for _, y := range s {
		if y == x {
			return s
		}
	}
	return append(s, x)
}

func appendUnique64(s []uint64, x uint64) []uint64 {
	for _, y := range s {
		if y == x {
			return s
		}
	}
	return append(s, x)
}

// strHash is FNV-1a 64.
func strHash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// keyHash combines a surname-part hash and a first-group hash (the hashed form of p+"|"+g).
func keyHash(p, g uint64) uint64 {
	h := p*0x9E3779B97F4A7C15 ^ (g + 0x632BE59BD9B4E019)
	h ^= h >> 30
	h *= 0xBF58476D1CE4E5B9
	h ^= h >> 27
	h *= 0x94D049BB133111EB
	h ^= h >> 31
	return h
}

func parseCensus(data string, fn func(name string, freq, cum float64)) {
	for len(data) > 0 {
		line := data
		if i := strings.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = ""
		}
		f := strings.Fields(line)
		if len(f) < 3 {
			continue
		}
		freq, _ := strconv.ParseFloat(f[1], 64)
		cum, _ := strconv.ParseFloat(f[2], 64)
		fn(f[0], freq, cum)
	}
}

// censusWeights reads a census list; names rounded to 0.000 share evenly what the rounded
// frequencies leave of the last cumulative figure.
func censusWeights(data string) (names []string, w []float64) {
	var sum, last float64
	zero := 0
	parseCensus(data, func(name string, freq, cum float64) {
		names = append(names, name)
		w = append(w, freq)
		sum += freq
		last = cum
		if freq == 0 {
			zero++
		}
	})
	if zero > 0 {
		tail := (last - sum) / float64(zero)
		if tail <= 0 {
			tail = 0.0001
		}
		if tail > 0.0005 {
			tail = 0.0005
		}
		for i := range w {
			if w[i] == 0 {
				w[i] = tail
			}
		}
	}
	return names, w
}

func buildTables() *tables {
	t := &tables{surnameID: map[string]int32{}, firstID: map[string]int32{}, formals: map[string][]string{},
		censusLast: map[string]float64{}}
	// nicknames
	nickOf := map[string][]string{}
	for _, p := range match.NicknamePairs() {
		formal, nick := p[0], p[1]
		nickOf[formal] = appendUnique(nickOf[formal], nick)
		t.formals[nick] = appendUnique(t.formals[nick], formal)
	}
	// surnames
	names, w := censusWeights(censusLast)
	for i, n := range names {
		disp := n
		if a, ok := apostropheNames[n]; ok {
			disp = a
		}
		id := t.addSurname(disp)
		t.censusLast[n] = w[i]
		t.lastAll.add(id, w[i])
	}
	for _, n := range hispanicSurnames {
		id := t.addSurname(n)
		t.lastHisp.add(id, t.weightOf(n))
	}
	for _, n := range asianSurnames {
		n = strings.ReplaceAll(n, "_", " ")
		id := t.addSurname(n)
		t.lastAsian.add(id, t.weightOf(n))
	}
	// first names
	mn, mw := censusWeights(censusMale)
	for i, n := range mn {
		t.firstMale.add(t.addFirst(n, nickOf), mw[i])
	}
	fn, fw := censusWeights(censusFemale)
	for i, n := range fn {
		t.firstFem.add(t.addFirst(n, nickOf), fw[i])
	}
	for i, n := range hispanicMale {
		t.hispMale.add(t.addFirst(n, nickOf), 1/float64(i+3))
	}
	for i, n := range hispanicFemale {
		t.hispFem.add(t.addFirst(n, nickOf), 1/float64(i+3))
	}
	for _, p := range []*picker{&t.lastAll, &t.lastHisp, &t.lastAsian, &t.firstMale, &t.firstFem, &t.hispMale, &t.hispFem} {
		p.build()
	}
	return t
}

func (t *tables) weightOf(name string) float64 {
	if w, ok := t.censusLast[lettersOnly(name)]; ok && w > 0 {
		return w
	}
	return 0.005
}

func (t *tables) addSurname(name string) int32 {
	if id, ok := t.surnameID[name]; ok {
		return id
	}
	id := int32(len(t.surnames))
	var parts []uint64
	for _, p := range nameParts(name) {
		parts = appendUnique64(parts, strHash(p))
	}
	t.surnames = append(t.surnames, surname{name: name, parts: parts})
	t.surnameID[name] = id
	return id
}

func (t *tables) addFirst(name string, nickOf map[string][]string) int32 {
	if id, ok := t.firstID[name]; ok {
		return id
	}
	id := int32(len(t.firsts))
	var groups []uint64
	for _, g := range t.firstGroups(name) {
		groups = appendUnique64(groups, strHash(g))
	}
	t.firsts = append(t.firsts, firstName{name: name, groups: groups, nicks: nickOf[name]})
	t.firstID[name] = id
	return id
}
