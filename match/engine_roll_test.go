package match_test

import (
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/match"
)

// copyRoll is a roll that shares no memory with the voters it was made from: Read fills
// the destination with copies of every string, as a roll decoding a compact form does, so
// an engine that kept a pointer or string of one Read beyond the next would show it.
type copyRoll struct{ vs []signet.Voter }

func (r copyRoll) Len() int { return len(r.vs) }

func (r copyRoll) ID(i int) string { return strings.Clone(r.vs[i].ID) }

func (r copyRoll) Read(i int, v *signet.Voter) {
	src := &r.vs[i]
	prior := v.Prior[:0]
	*v = *src
	for _, s := range []*string{&v.ID, &v.FirstName, &v.MiddleName, &v.LastName, &v.Suffix, &v.Residence.HouseNumber,
		&v.Residence.Street, &v.Residence.Unit, &v.Residence.City, &v.Residence.ZIP} {
		*s = strings.Clone(*s)
	}
	for _, p := range src.Prior {
		p.HouseNumber, p.Street, p.Unit = strings.Clone(p.HouseNumber), strings.Clone(p.Street), strings.Clone(p.Unit)
		p.City, p.ZIP = strings.Clone(p.City), strings.Clone(p.ZIP)
		prior = append(prior, p)
	}
	v.Prior = prior
}

// engineResults are everything an engine says about a county: the Train report, every
// line's link and blocked voters, and the generic links of a sample of the roll.
type engineResults struct {
	train   match.TrainReport
	links   []signet.Link
	blocked [][match.NumPasses][]string
	generic []signet.Link
}

func collectResults(t *testing.T, c *county, e, g *match.Engine) engineResults {
	t.Helper()
	var r engineResults
	r.train = e.Train(c.lines)
	for i := range c.lines {
		r.links = append(r.links, e.Link(&c.lines[i]))
		if i%8 == 0 {
			r.blocked = append(r.blocked, e.BlockedVoters(&c.lines[i]))
		}
	}
	g.TrainVoters(c.voters[:5000])
	for i := 0; i < len(c.voters); i += 50 {
		// A record of another file: the voter with the first name's case changed, so that
		// it is not a roll string the engine interned.
		rec := c.voters[i]
		rec.FirstName = strings.ToLower(rec.FirstName)
		r.generic = append(r.generic, g.LinkVoter(&rec))
	}
	return r
}

func buildResults(t *testing.T, c *county, roll match.Roll) engineResults {
	t.Helper()
	e, err := match.NewEngineFromRoll(roll, match.EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	g, err := match.NewEngineFromRoll(roll, match.EngineOptions{Generic: true})
	if err != nil {
		t.Fatal(err)
	}
	return collectResults(t, c, e, g)
}

// compareResults fails the test where two engines' results differ.
func compareResults(t *testing.T, c *county, a, b engineResults) {
	t.Helper()
	if !reflect.DeepEqual(a.train, b.train) {
		t.Errorf("Train: %+v, then %+v", a.train, b.train)
	}
	bad := 0
	for i := range a.links {
		if !reflect.DeepEqual(a.links[i], b.links[i]) {
			if bad++; bad <= 3 {
				t.Errorf("line %s: %+v, then %+v", c.lines[i].ID(), a.links[i], b.links[i])
			}
		}
	}
	for i := range a.blocked {
		if !reflect.DeepEqual(a.blocked[i], b.blocked[i]) {
			if bad++; bad <= 3 {
				t.Errorf("blocked voters of line %s: %v, then %v", c.lines[8*i].ID(), a.blocked[i], b.blocked[i])
			}
		}
	}
	for i := range a.generic {
		if !reflect.DeepEqual(a.generic[i], b.generic[i]) {
			if bad++; bad <= 3 {
				t.Errorf("LinkVoter of voter %d: %+v, then %+v", 50*i, a.generic[i], b.generic[i])
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d results differ", bad)
	}
}

// TestEngineFromRollMatchesVoters builds the engine over the test county held as a slice
// and as a roll that copies what it reads, interned in a different number of ranges: the
// links, their voters and candidates must be the same.
func TestEngineFromRollMatchesVoters(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	c := loadCounty(t, 100_000, 12_000, 7)
	want := buildResults(t, c, match.Voters(c.voters))
	linked := 0
	for _, l := range want.links {
		if l.Decision == signet.DecideLink {
			linked++
		}
	}
	if linked < len(c.lines)/2 {
		t.Fatalf("%d of %d lines link: the comparison would show little", linked, len(c.lines))
	}
	defer match.SetInternRangeVoters(997)()
	got := buildResults(t, c, copyRoll{c.voters})
	compareResults(t, c, want, got)
}

// TestEngineBuildDeterministic builds the engine over the test county twice, in one range
// and on one core, then in many ranges on every core: goroutine scheduling and the ranges
// must not change the ids the build numbers strings with, nor so any result.
func TestEngineBuildDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	c := loadCounty(t, 100_000, 12_000, 7)
	procs := runtime.GOMAXPROCS(1)
	first := buildResults(t, c, match.Voters(c.voters))
	runtime.GOMAXPROCS(max(procs, 4))
	defer runtime.GOMAXPROCS(procs)
	defer match.SetInternRangeVoters(1000)()
	second := buildResults(t, c, match.Voters(c.voters))
	compareResults(t, c, first, second)
}
