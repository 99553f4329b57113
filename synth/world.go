package synth

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// Street suffixes: registrar abbreviation, spelled-out form, other abbreviations.
var suffixes = []struct {
	abbr, long string
	alt        []string
	weight     float64
}{
	{"ST", "STREET", []string{"ST.", "STR"}, 30},
	{"AVE", "AVENUE", []string{"AV", "AVE.", "AVN"}, 25},
	{"BLVD", "BOULEVARD", []string{"BL", "BLVD.", "BOUL"}, 8},
	{"DR", "DRIVE", []string{"DR.", "DRV"}, 12},
	{"WAY", "WAY", []string{"WY"}, 5},
	{"PL", "PLACE", []string{"PL."}, 7},
	{"CT", "COURT", []string{"CT.", "CRT"}, 4},
	{"LN", "LANE", []string{"LN."}, 4},
	{"RD", "ROAD", []string{"RD."}, 5},
}

var directions = []struct{ abbr, long string }{{"N", "NORTH"}, {"S", "SOUTH"}, {"E", "EAST"}, {"W", "WEST"}}

var streetNames = strings.Fields(`OAK MAPLE PINE ELM CEDAR WALNUT WILLOW SYCAMORE BIRCH ASH MAGNOLIA CYPRESS
ACACIA LEMON ORANGE OLIVE PALM JACARANDA EUCALYPTUS HICKORY LAUREL POPLAR REDWOOD SPRUCE
WASHINGTON ADAMS JEFFERSON MADISON MONROE JACKSON VAN_BUREN HARRISON TYLER POLK TAYLOR FILLMORE
PIERCE LINCOLN GRANT HAYES GARFIELD ARTHUR CLEVELAND MCKINLEY ROOSEVELT WILSON HARDING COOLIDGE
HOOVER TRUMAN KENNEDY SEPULVEDA FIGUEROA ALVARADO VERMONT PICO OLYMPIC SUNSET LA_BREA LA_CIENEGA
CRENSHAW WESTERN NORMANDIE ALAMEDA SAN_PEDRO SAN_FERNANDO SAN_VICENTE LOS_FELIZ VENTURA SANTA_MONICA
SANTA_ROSALIA LAS_PALMAS EL_CENTRO DEL_MAR LA_SALLE MARIPOSA MONTEREY BUENA_VISTA ARROYO MISSION
VALENCIA PALOMAR SOTO BOYLE CABRILLO PORTOLA ANZA SERRANO CORDOVA GRANADA SEVILLA TOLUCA MADRE
LA_PALMA MIRAMAR MONTEBELLO MAIN BROADWAY SPRING HILL GRAND HOPE FLOWER HIGHLAND VINE MELROSE
BEVERLY WILSHIRE PARK LAKE CENTURY MANCHESTER SLAUSON FLORENCE IMPERIAL ROSECRANS ATLANTIC PACIFIC
GARDEN VIEW RIDGE CANYON VALLEY SIERRA MESA HOLLYWOOD FRANKLIN FOUNTAIN ROMAINE LEXINGTON KINGSLEY
OXFORD CAMBRIDGE HOBART GAGE COMPTON FIRESTONE WHITTIER CESAR_CHAVEZ GLENOAKS VICTORY SHERMAN
ROSCOE NORDHOFF DEVONSHIRE RINALDI LANKERSHIM LAUREL_CANYON COLDWATER RESEDA TAMPA WINNETKA
TOPANGA VANOWEN SATICOY COLORADO FOOTHILL HUNTINGTON VALLEY_VIEW RAMONA GARVEY BADILLO ARROW`)

var (
	citiesLA      = []string{"LOS ANGELES"}
	cities902     = strings.Split("SOUTH GATE,DOWNEY,LYNWOOD,COMPTON,INGLEWOOD,HAWTHORNE,GARDENA,TORRANCE,REDONDO BEACH,MANHATTAN BEACH,EL SEGUNDO,CULVER CITY,BELL,HUNTINGTON PARK,MAYWOOD,SANTA MONICA,BEVERLY HILLS,WEST HOLLYWOOD", ",")
	cities906     = strings.Split("WHITTIER,PICO RIVERA,NORWALK,LA MIRADA,CERRITOS,LAKEWOOD,BELLFLOWER,PARAMOUNT,LONG BEACH,SIGNAL HILL,SAN PEDRO,WILMINGTON,CARSON,HARBOR CITY,LOMITA,MONTEBELLO", ",")
	cities91      = strings.Split("PASADENA,GLENDALE,BURBANK,ALHAMBRA,ARCADIA,MONROVIA,AZUSA,COVINA,WEST COVINA,POMONA,EL MONTE,SAN GABRIEL,MONTEREY PARK,ROSEMEAD,SAN FERNANDO,NORTH HOLLYWOOD,VAN NUYS,RESEDA,NORTHRIDGE,CANOGA PARK,SYLMAR,PACOIMA,SHERMAN OAKS,ENCINO,TARZANA,WOODLAND HILLS,CHATSWORTH,GRANADA HILLS,LA CANADA FLINTRIDGE,SIERRA MADRE,SOUTH PASADENA,DUARTE,GLENDORA,LA PUENTE,BALDWIN PARK,DIAMOND BAR,WALNUT", ",")
	cities935     = strings.Split("LANCASTER,PALMDALE,LAKE HUGHES,LITTLEROCK,ACTON", ",")
	citiesOrange  = strings.Split("ANAHEIM,IRVINE,SANTA ANA,HUNTINGTON BEACH,FULLERTON,ORANGE,GARDEN GROVE,COSTA MESA,BREA,BUENA PARK", ",")
	citiesVentura = strings.Split("VENTURA,OXNARD,SIMI VALLEY,THOUSAND OAKS,CAMARILLO,MOORPARK", ",")
	citiesSB      = strings.Split("SAN BERNARDINO,FONTANA,RIALTO,REDLANDS,ONTARIO,CHINO,UPLAND,RANCHO CUCAMONGA", ",")
)

// street is one street of a ZIP.
type street struct {
	dir     int8 // -1 none, else index in directions
	name    string
	number  int // > 0 for numbered streets ("5TH")
	suffix  int8
	display string // registrar form: "N FIGUEROA ST"
}

// zipArea is one ZIP with its city and streets.
type zipArea struct {
	code    string
	city    string
	streets []street
}

// address is a compact residence address.
type address struct {
	zip    uint16 // index in gen.zips
	street uint16 // index in zips[zip].streets
	house  uint32
	half   bool
	unit   uint16 // 0: no unit
}

func (a address) houseString() string {
	s := strconv.Itoa(int(a.house))
	if a.half {
		s += " 1/2"
	}
	return s
}

func appendHouse(b []byte, a address) []byte {
	b = strconv.AppendInt(b, int64(a.house), 10)
	if a.half {
		b = append(b, " 1/2"...)
	}
	return b
}

func appendUnit(b []byte, a address) []byte {
	if a.unit == 0 {
		return b
	}
	b = append(b, "APT "...)
	return strconv.AppendInt(b, int64(a.unit), 10)
}

func ordinal(n int) string {
	s := strconv.Itoa(n)
	switch {
	case n%100 >= 11 && n%100 <= 13:
		return s + "TH"
	case n%10 == 1:
		return s + "ST"
	case n%10 == 2:
		return s + "ND"
	case n%10 == 3:
		return s + "RD"
	}
	return s + "TH"
}

var (
	ordOnes  = strings.Fields("ZEROTH FIRST SECOND THIRD FOURTH FIFTH SIXTH SEVENTH EIGHTH NINTH TENTH ELEVENTH TWELFTH THIRTEENTH FOURTEENTH FIFTEENTH SIXTEENTH SEVENTEENTH EIGHTEENTH NINETEENTH")
	tensCard = strings.Fields("_ _ TWENTY THIRTY FORTY FIFTY SIXTY SEVENTY EIGHTY NINETY")
	tensOrd  = strings.Fields("_ _ TWENTIETH THIRTIETH FORTIETH FIFTIETH SIXTIETH SEVENTIETH EIGHTIETH NINETIETH")
)

// ordinalWord spells 1..99 as an ordinal word ("FORTY-THIRD"); "" otherwise.
func ordinalWord(n int) string {
	switch {
	case n <= 0 || n > 99:
		return ""
	case n < 20:
		return ordOnes[n]
	case n%10 == 0:
		return tensOrd[n/10]
	}
	return tensCard[n/10] + "-" + ordOnes[n%10]
}

// buildZips makes the county and neighbouring ZIPs with their cities and streets.
func buildZips(r *rand.Rand, voters int) (zips []zipArea, nCounty int) {
	n := voters / 19000
	if n < 8 {
		n = 8
	}
	if n > 300 {
		n = 300
	}
	type rng struct {
		lo, hi int
		cities []string
	}
	county := []rng{{90001, 90099, citiesLA}, {90201, 90299, cities902}, {90601, 90799, cities906},
		{91001, 91899, cities91}, {93501, 93599, cities935}}
	neigh := []rng{{92601, 92899, citiesOrange}, {93001, 93099, citiesVentura}, {92301, 92499, citiesSB}}
	pick := func(ranges []rng, k int) []zipArea {
		var pool []int
		var poolCity [][]string
		for _, g := range ranges {
			for z := g.lo; z <= g.hi; z++ {
				if z%100 == 0 {
					continue
				}
				pool = append(pool, z)
				poolCity = append(poolCity, g.cities)
			}
		}
		// partial Fisher-Yates, then sort the chosen ones
		for i := 0; i < k; i++ {
			j := i + r.IntN(len(pool)-i)
			pool[i], pool[j] = pool[j], pool[i]
			poolCity[i], poolCity[j] = poolCity[j], poolCity[i]
		}
		idx := make([]int, k)
		for i := range idx {
			idx[i] = i
		}
		// insertion sort by code (k ≤ 300)
		for i := 1; i < k; i++ {
			for j := i; j > 0 && pool[idx[j]] < pool[idx[j-1]]; j-- {
				idx[j], idx[j-1] = idx[j-1], idx[j]
			}
		}
		out := make([]zipArea, k)
		for i, x := range idx {
			cs := poolCity[x]
			out[i] = zipArea{code: strconv.Itoa(pool[x]), city: cs[r.IntN(len(cs))]}
		}
		return out
	}
	zips = append(pick(county, n), pick(neigh, 12)...)
	perZip := voters / n
	ns := perZip / 150
	if ns < 15 {
		ns = 15
	}
	if ns > 200 {
		ns = 200
	}
	var sufW float64
	for _, s := range suffixes {
		sufW += s.weight
	}
	for zi := range zips {
		seen := map[string]bool{}
		for len(zips[zi].streets) < ns {
			var st street
			st.dir = -1
			if r.Float64() < 0.25 {
				st.number = 1 + r.IntN(120)
				st.name = ordinal(st.number)
				st.suffix = int8([]int{0, 0, 0, 1, 1, 5}[r.IntN(6)])
				if r.Float64() < 0.6 {
					st.dir = int8(r.IntN(4))
				}
			} else {
				st.name = strings.ReplaceAll(streetNames[r.IntN(len(streetNames))], "_", " ")
				x := r.Float64() * sufW
				for i, s := range suffixes {
					if x < s.weight || i == len(suffixes)-1 {
						st.suffix = int8(i)
						break
					}
					x -= s.weight
				}
				if r.Float64() < 0.2 {
					st.dir = int8(r.IntN(4))
				}
			}
			d := st.name + " " + suffixes[st.suffix].abbr
			if st.dir >= 0 {
				d = directions[st.dir].abbr + " " + d
			}
			if seen[d] {
				continue
			}
			seen[d] = true
			st.display = d
			zips[zi].streets = append(zips[zi].streets, st)
		}
	}
	return zips, n
}

// Dates are days since 1970-01-01.

func daysFromCivil(y, m, d int) int32 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int32(era*146097 + doe - 719468)
}

func civilFromDays(z int32) (y, m, d int) {
	zz := int(z) + 719468
	era := zz / 146097
	if zz < 0 && zz%146097 != 0 {
		era = (zz - 146096) / 146097
	}
	doe := zz - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	if mp < 10 {
		m = mp + 3
	} else {
		m = mp - 9
	}
	if m <= 2 {
		y++
	}
	return
}

func appendDate(b []byte, z int32) []byte {
	y, m, d := civilFromDays(z)
	b = append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+m/10), byte('0'+m%10), '-', byte('0'+d/10), byte('0'+d%10))
	return b
}

func dateString(z int32) string { return string(appendDate(nil, z)) }

// The LA 2022 calendar.
var (
	dayApproved = daysFromCivil(2022, 1, 27)
	dayDeadline = daysFromCivil(2022, 7, 6)
	dayFiled    = daysFromCivil(2022, 7, 6)
	dayRoll     = daysFromCivil(2022, 7, 20)
	dayRegStart = daysFromCivil(1980, 1, 1)
	dayRegEnd   = daysFromCivil(2022, 1, 1)
	dayBirthMax = daysFromCivil(2003, 12, 31)
)
