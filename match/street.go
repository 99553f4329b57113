package match

import (
	"strconv"
	"strings"
)

// streetSuffixes maps the street suffix spellings of USPS Publication 28 (Appendix C1)
// to their standard abbreviations. Every standard abbreviation maps to itself.
var streetSuffixes = map[string]string{}

func init() {
	table := []string{
		"ALY ALLEE ALLEY ALLY",
		"ANX ANEX ANNEX ANNX",
		"ARC ARCADE",
		"AVE AV AVEN AVENU AVENUE AVN AVNUE",
		"BYU BAYOO BAYOU",
		"BCH BEACH",
		"BND BEND",
		"BLF BLUF BLUFF",
		"BTM BOT BOTTM BOTTOM",
		"BLVD BOUL BOULEVARD BOULV",
		"BR BRNCH BRANCH",
		"BRG BRDGE BRIDGE",
		"BRK BROOK",
		"BYP BYPA BYPAS BYPASS BYPS",
		"CP CAMP CMP",
		"CYN CANYN CANYON CNYN",
		"CPE CAPE",
		"CSWY CAUSEWAY CAUSWA",
		"CTR CEN CENT CENTER CENTR CENTRE CNTER CNTR",
		"CIR CIRC CIRCL CIRCLE CRCL CRCLE",
		"CLF CLIFF",
		"CLFS CLIFFS",
		"CLB CLUB",
		"COR CORNER",
		"CORS CORNERS",
		"CRSE COURSE",
		"CT COURT",
		"CTS COURTS",
		"CV COVE",
		"CRK CREEK",
		"CRES CRESCENT CRSENT CRSNT",
		"XING CROSSING CRSSNG",
		"DL DALE",
		"DM DAM",
		"DV DIV DIVIDE DVD",
		"DR DRIV DRIVE DRV",
		"DRS DRIVES",
		"EST ESTATE",
		"ESTS ESTATES",
		"EXPY EXP EXPR EXPRESS EXPRESSWAY EXPW",
		"EXT EXTENSION EXTN EXTNSN",
		"FLS FALLS",
		"FRY FERRY FRRY",
		"FLD FIELD",
		"FLDS FIELDS",
		"FLT FLAT",
		"FLTS FLATS",
		"FRD FORD",
		"FRST FOREST FORESTS",
		"FRG FORG FORGE",
		"FRK FORK",
		"FRKS FORKS",
		"FT FORT FRT",
		"FWY FREEWAY FREEWY FRWAY FRWY",
		"GDN GARDEN GARDN GRDEN GRDN",
		"GDNS GARDENS GRDNS",
		"GTWY GATEWAY GATEWY GATWAY GTWAY",
		"GLN GLEN",
		"GRN GREEN",
		"GRV GROV GROVE",
		"HBR HARB HARBOR HARBR HRBOR",
		"HVN HAVEN",
		"HTS HT HEIGHTS",
		"HWY HIGHWAY HIGHWY HIWAY HIWY HWAY",
		"HL HILL",
		"HLS HILLS",
		"HOLW HLLW HOLLOW HOLLOWS HOLWS",
		"INLT INLET",
		"IS ISLAND ISLND",
		"ISS ISLANDS ISLNDS",
		"JCT JCTION JCTN JUNCTION JUNCTN JUNCTON",
		"KY KEY",
		"KNL KNOL KNOLL",
		"LK LAKE",
		"LKS LAKES",
		"LNDG LANDING LNDNG",
		"LN LANE",
		"LGT LIGHT",
		"LOOP LOOPS",
		"MNR MANOR",
		"MDW MEADOW",
		"MDWS MDW MEADOWS MEDOWS",
		"ML MILL",
		"MSN MISSN MISSION MSSN",
		"MT MNT MOUNT",
		"MTN MNTAIN MNTN MOUNTAIN MOUNTIN MTIN",
		"NCK NECK",
		"ORCH ORCHARD ORCHRD",
		"OVAL OVL",
		"OPAS OVERPASS",
		"PARK PRK PARKS",
		"PKWY PARKWAY PARKWY PKWAY PKY PARKWAYS PKWYS",
		"PASS",
		"PSGE PASSAGE",
		"PATH PATHS",
		"PIKE PIKES",
		"PNE PINE",
		"PNES PINES",
		"PL PLACE",
		"PLN PLAIN",
		"PLNS PLAINS",
		"PLZ PLAZA PLZA",
		"PT POINT",
		"PTS POINTS",
		"PRT PORT",
		"PR PRAIRIE PRR",
		"RADL RAD RADIAL RADIEL",
		"RNCH RANCH RANCHES RNCHS",
		"RPD RAPID",
		"RST REST",
		"RDG RDGE RIDGE",
		"RIV RIVER RVR RIVR",
		"RD ROAD",
		"RDS ROADS",
		"RTE ROUTE",
		"ROW",
		"RUN",
		"SHR SHOAR SHORE",
		"SHRS SHOARS SHORES",
		"SPG SPNG SPRING SPRNG",
		"SPGS SPNGS SPRINGS SPRNGS",
		"SQ SQR SQRE SQU SQUARE",
		"STA STATION STATN STN",
		"STRA STRAV STRAVEN STRAVENUE STRAVN STRVN STRVNUE",
		"STRM STREAM STREME",
		"ST STREET STRT STR",
		"SMT SUMIT SUMITT SUMMIT",
		"TER TERR TERRACE",
		"TRCE TRACE TRACES",
		"TRAK TRACK TRACKS TRK TRKS",
		"TRL TRAIL TRAILS TRLS",
		"TUNL TUNEL TUNLS TUNNEL TUNNELS TUNNL",
		"TPKE TRNPK TURNPIKE TURNPK",
		"UN UNION",
		"VLY VALLEY VALLY VLLY",
		"VIA VIADCT VIADUCT VDCT",
		"VW VIEW",
		"VLG VILL VILLAG VILLAGE VILLG VILLIAGE",
		"VL VILLE",
		"VIS VIST VISTA VST VSTA",
		"WALK WALKS",
		"WAY WY",
		"WL WELL",
		"WLS WELLS",
	}
	for _, row := range table {
		f := strings.Fields(row)
		for _, v := range f {
			if _, dup := streetSuffixes[v]; !dup {
				streetSuffixes[v] = f[0]
			}
		}
	}
}

// directionals maps directional words to their abbreviations.
var directionals = map[string]string{
	"NORTH": "N", "SOUTH": "S", "EAST": "E", "WEST": "W",
	"NORTHEAST": "NE", "NORTHWEST": "NW", "SOUTHEAST": "SE", "SOUTHWEST": "SW",
	"N": "N", "S": "S", "E": "E", "W": "W", "NE": "NE", "NW": "NW", "SE": "SE", "SW": "SW",
}

var ordinalUnits = map[string]int{
	"FIRST": 1, "SECOND": 2, "THIRD": 3, "FOURTH": 4, "FIFTH": 5, "SIXTH": 6, "SEVENTH": 7,
	"EIGHTH": 8, "NINTH": 9, "TENTH": 10, "ELEVENTH": 11, "TWELFTH": 12, "THIRTEENTH": 13,
	"FOURTEENTH": 14, "FIFTEENTH": 15, "SIXTEENTH": 16, "SEVENTEENTH": 17, "EIGHTEENTH": 18,
	"NINETEENTH": 19, "TWENTIETH": 20, "THIRTIETH": 30, "FORTIETH": 40, "FIFTIETH": 50,
	"SIXTIETH": 60, "SEVENTIETH": 70, "EIGHTIETH": 80, "NINETIETH": 90, "HUNDREDTH": 100,
}

var tensWords = map[string]int{
	"TWENTY": 20, "THIRTY": 30, "FORTY": 40, "FIFTY": 50, "SIXTY": 60, "SEVENTY": 70,
	"EIGHTY": 80, "NINETY": 90,
}

// ordinal writes n as 1ST, 2ND, 3RD, 4TH, 11TH, 21ST, ...
func ordinal(n int) string {
	suf := "TH"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suf = "ST"
		case 2:
			suf = "ND"
		case 3:
			suf = "RD"
		}
	}
	return itoa(n) + suf
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var buf [20]byte
	i := len(buf)
	for n > 0 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	return string(buf[i:])
}

// NormalizeStreet returns a street name in canonical form: NormalizeName form, ordinal
// words as numbers (FIFTH is 5TH, TWENTY FIRST is 21ST), a leading or trailing
// directional abbreviated (NORTH is N), and the street suffix abbreviated as USPS
// Publication 28 has it (STREET is ST, AVENUE is AVE). A word that is none of these,
// a misspelling included, is left as it is. NormalizeStreet is idempotent.
func NormalizeStreet(s string) string {
	tok := strings.Fields(NormalizeName(dropLeadingFraction(s)))
	if len(tok) == 0 {
		return ""
	}
	// Ordinal words.
	out := tok[:0:0]
	changed := false
	for i := 0; i < len(tok); i++ {
		t := tok[i]
		if tv, ok := tensWords[t]; ok && i+1 < len(tok) {
			if u, ok := ordinalUnits[tok[i+1]]; ok && u < 10 {
				out = append(out, ordinal(tv+u))
				i++
				changed = true
				continue
			}
		}
		if u, ok := ordinalUnits[t]; ok && len(tok) > 1 {
			out = append(out, ordinal(u))
			changed = true
			continue
		}
		out = append(out, t)
	}
	if changed {
		tok = out
	}
	n := len(tok)
	isSuffix := func(t string) bool { _, ok := streetSuffixes[t]; return ok }
	// Trailing directional: "MAIN ST NORTH".
	hasPost := false
	if n >= 3 {
		if d, ok := directionals[tok[n-1]]; ok && isSuffix(tok[n-2]) {
			tok[n-1] = d
			hasPost = true
		}
	}
	// Leading directional, unless it is the street's only name word ("NORTH AVE").
	if n >= 2 {
		if d, ok := directionals[tok[0]]; ok && !(n == 2 && isSuffix(tok[1])) && !(n == 3 && hasPost) {
			tok[0] = d
		}
	}
	// Suffix: the last word, or the one before a trailing directional; never the first.
	si := n - 1
	if hasPost {
		si = n - 2
	}
	if si >= 1 {
		if a, ok := streetSuffixes[tok[si]]; ok {
			tok[si] = a
		}
	}
	// A numbered street written as its bare number: "22" is 22ND, "31 AVE" is 31ST AVE. Only
	// when the number is the street's one name word ("HWY 54" keeps its number).
	if ni := bareNumberWord(tok); ni >= 0 {
		if n, err := strconv.Atoi(tok[ni]); err == nil && n > 0 && len(tok[ni]) <= 5 {
			tok[ni] = ordinal(n)
		}
	}
	return strings.Join(tok, " ")
}

// bareNumberWord returns the index of a normalized street's one name word when it is all
// digits (its directionals and suffix aside), else -1.
func bareNumberWord(tok []string) int {
	lo, hi := 0, len(tok)
	if hi > 1 {
		if _, ok := directionals[tok[0]]; ok {
			lo++
		}
	}
	if hi-lo > 1 {
		if _, ok := directionals[tok[hi-1]]; ok {
			hi--
		}
	}
	if hi-lo > 1 {
		if _, ok := streetSuffixes[tok[hi-1]]; ok {
			hi--
		}
	}
	if hi-lo != 1 || !allDigits(tok[lo]) {
		return -1
	}
	return lo
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// dropLeadingFraction removes a house number's fraction written at the head of the street
// ("1/2 WARE" for 106 1/2 WARE): it belongs to the house, and would otherwise read as the
// street's first words.
func dropLeadingFraction(s string) string {
	t := strings.TrimLeft(s, " ")
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i == 0 || i > 2 {
		return s
	}
	j := i
	for j < len(t) && t[j] == ' ' {
		j++
	}
	if j >= len(t) || t[j] != '/' {
		return s
	}
	j++
	for j < len(t) && t[j] == ' ' {
		j++
	}
	k := j
	for k < len(t) && t[k] >= '0' && t[k] <= '9' {
		k++
	}
	if k == j || k-j > 2 || k >= len(t) || t[k] != ' ' {
		return s
	}
	return strings.TrimLeft(t[k:], " ")
}

// SplitHouseStreet takes a house number written into the street field out of it, when the
// house number field is empty: "604 OCONEE" is house 604 on OCONEE, "6041 / 2 OCONEE" is
// 604 1/2 (the fraction's numerator run into the number). A street that is only a number
// ("22", a numbered street) keeps it.
func SplitHouseStreet(house, street string) (string, string) {
	if strings.TrimSpace(house) != "" {
		return house, street
	}
	t := strings.TrimLeft(street, " ")
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i == 0 || i >= len(t) || t[i] != ' ' {
		return house, street
	}
	num, rest := t[:i], strings.TrimLeft(t[i:], " ")
	// "6041 / 2 REST": the 1 of 1/2 written against the number.
	if strings.HasPrefix(rest, "/") && len(num) >= 2 {
		r := strings.TrimLeft(rest[1:], " ")
		k := 0
		for k < len(r) && r[k] >= '0' && r[k] <= '9' {
			k++
		}
		if k > 0 && k < len(r) && r[k] == ' ' {
			num, rest = num[:len(num)-1], strings.TrimLeft(r[k:], " ")
		}
	}
	rest = dropLeadingFraction(rest)
	if !strings.ContainsFunc(rest, func(c rune) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }) {
		return house, street
	}
	return num, rest
}

// streetKey is a normalized street's name words as one key for a looser comparison and
// blocking: spaces removed ("EL DORADO" is ELDORADO) and a plural S dropped from a word of
// five letters or more ("BANKS" is BANK).
func streetKey(core string) string {
	var b strings.Builder
	b.Grow(len(core))
	for _, w := range strings.Fields(core) {
		if len(w) >= 5 && w[len(w)-1] == 'S' && w[len(w)-2] != 'S' {
			w = w[:len(w)-1]
		}
		b.WriteString(w)
	}
	return b.String()
}

// streetCore returns the name words of a normalized street: without leading and trailing
// directionals and the suffix. "N FIGUEROA ST" is "FIGUEROA". A street that is nothing
// but such words is returned whole.
func streetCore(norm string) string {
	s := norm
	if i := strings.IndexByte(s, ' '); i > 0 {
		if _, ok := directionals[s[:i]]; ok {
			s = s[i+1:]
		}
	}
	if i := strings.LastIndexByte(s, ' '); i > 0 {
		if _, ok := directionals[s[i+1:]]; ok {
			s = s[:i]
		}
	}
	if i := strings.LastIndexByte(s, ' '); i > 0 {
		if _, ok := streetSuffixes[s[i+1:]]; ok {
			s = s[:i]
		}
	}
	if s == "" {
		return norm
	}
	return s
}

// numberedTypo reports whether two numbered streets' cores differ by one edit in their
// numbers and agree otherwise: "224TH" for 22ND (a stray digit), "13TH" for 31ST.
func numberedTypo(a, b string) bool {
	na, ra := leadingDigits(a)
	nb, rb := leadingDigits(b)
	if na == "" || nb == "" || na == nb || !withinOneEdit(na, nb) {
		return false
	}
	return stripOrdinal(ra) == stripOrdinal(rb)
}

func leadingDigits(s string) (string, string) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i], s[i:]
}

// stripOrdinal drops an ordinal ending (ST, ND, RD, TH) from what follows a number.
func stripOrdinal(s string) string {
	for _, o := range []string{"ST", "ND", "RD", "TH"} {
		if strings.HasPrefix(s, o) {
			return s[len(o):]
		}
	}
	return s
}
