package match

import (
	"runtime"
	"testing"
)

// TestEngineInternRanges builds one roll in one interning range on one core and in many
// ranges on several: every table the build makes (records, names, streets, priors,
// indexes) must be the same, id for id, so that no result can depend on the scheduling.
func TestEngineInternRanges(t *testing.T) {
	w := makeWorld(30_000, 10, 5)
	build := func(rangeVoters, procs int) *Engine {
		old, oldProcs := internRangeVoters, runtime.GOMAXPROCS(procs)
		internRangeVoters = rangeVoters
		defer func() { internRangeVoters = old; runtime.GOMAXPROCS(oldProcs) }()
		e, err := NewEngine(w.voters, EngineOptions{Generic: true})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	one, many := build(len(w.voters), 1), build(1000, 4)
	if len(one.priors) == 0 || len(one.names) < 100 || len(one.streets) < 10 {
		t.Fatalf("the world is too small to show much: %d priors, %d names, %d streets", len(one.priors), len(one.names), len(one.streets))
	}
	sameEngines(t, "one range and many", one, many)
}

// TestPassCount checks that passCount is each pass's exact number of entries: passEntries
// allocates that many, and a count short of it would make appending grow the slice again.
func TestPassCount(t *testing.T) {
	w := makeWorld(20_000, 10, 3)
	e, err := NewEngineFromRoll(Voters(w.voters), EngineOptions{Generic: true})
	if err != nil {
		t.Fatal(err)
	}
	// The tables passEntries needs, which the engine does not keep: interning again makes
	// the same ones.
	bt := e.intern(len(w.voters))
	for p := 0; p < NumPasses; p++ {
		out := e.passEntries(p, bt)
		if len(out) != cap(out) {
			t.Errorf("pass %s: %d entries, %d counted", PassNames[p], len(out), cap(out))
		}
		if len(out) != len(e.ix[p].keys) {
			t.Errorf("pass %s: %d entries, index of %d", PassNames[p], len(out), len(e.ix[p].keys))
		}
	}
}
