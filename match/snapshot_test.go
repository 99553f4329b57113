package match

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"reflect"
	"testing"
)

// TestSnapshotLoadsTheBuiltEngine: an engine read from a snapshot is the engine the build
// made, table for table, and links every line as it does once both are trained.
func TestSnapshotLoadsTheBuiltEngine(t *testing.T) {
	w := makeWorld(30_000, 3000, 5)
	for _, generic := range []bool{false, true} {
		opt := EngineOptions{Generic: generic, Seed: 3}
		built, err := NewEngineFromRoll(Voters(w.voters), opt)
		if err != nil {
			t.Fatal(err)
		}
		snap := built.Snapshot()
		loaded, err := LoadEngine(Voters(w.voters), opt, snap)
		if err != nil {
			t.Fatal(err)
		}
		if len(built.priors) == 0 || len(built.names) < 100 || len(built.streets) < 10 || len(built.cityNorm) == 0 {
			t.Fatalf("the world is too small to show much: %d priors, %d names, %d streets", len(built.priors), len(built.names), len(built.streets))
		}
		sameEngines(t, fmt.Sprintf("generic %v: the built engine and the loaded one", generic), built, loaded)
		built.Train(w.lines)
		loaded.Train(w.lines)
		for i := range w.lines {
			a, b := built.Link(&w.lines[i]), loaded.Link(&w.lines[i])
			if !reflect.DeepEqual(a, b) {
				t.Fatalf("generic %v: line %d links differently:\nbuilt  %+v\nloaded %+v", generic, i, a, b)
			}
		}
		if again := loaded.Snapshot(); string(again) != string(snap) {
			t.Errorf("generic %v: the loaded engine's snapshot differs from the built one's", generic)
		}
	}
}

// sameEngines fails t for every table of the build that differs between a and b.
func sameEngines(t *testing.T, what string, a, b *Engine) {
	t.Helper()
	for _, c := range []struct {
		name string
		a, b any
	}{
		{"opt", a.opt, b.opt},
		{"recs", a.recs, b.recs},
		{"priors", a.priors, b.priors},
		{"names", a.names, b.names},
		{"streets", a.streets, b.streets},
		{"houses", a.houses, b.houses},
		{"units", a.units, b.units},
		{"cities", a.cities, b.cities},
		{"streetIDs", a.streetIDs, b.streetIDs},
		{"cityNorm", a.cityNorm, b.cityNorm},
		{"zips", a.zips, b.zips},
		{"indexes", a.ix, b.ix},
		{"built", a.built, b.built},
		{"m", a.m, b.m},
		{"u", a.u, b.u},
		{"w", a.w, b.w},
		{"letterAgree", a.letterAgree, b.letterAgree},
		{"tfLast", a.tfLast, b.tfLast},
		{"tfFirst", a.tfFirst, b.tfFirst},
		{"wTFLast", a.wTFLast, b.wTFLast},
		{"wTFFirst", a.wTFFirst, b.wTFFirst},
		{"null weights", [4]float64{a.lambdaA, a.nullAddr, a.nullName, a.nullGen}, [4]float64{b.lambdaA, b.nullAddr, b.nullName, b.nullGen}},
	} {
		if !reflect.DeepEqual(c.a, c.b) {
			t.Errorf("%s: %s differ", what, c.name)
		}
	}
}

// TestSnapshotRefusesAnotherBuild: another version, other build options or another roll.
func TestSnapshotRefusesAnotherBuild(t *testing.T) {
	w := makeWorld(3000, 0, 2)
	e, err := NewEngineFromRoll(Voters(w.voters), EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	snap := e.Snapshot()
	if _, err := LoadEngine(Voters(w.voters), EngineOptions{Upper: 0.999, NameNullWeight: 5}, snap); err != nil {
		t.Errorf("thresholds and null weights are the caller's, yet: %v", err)
	}
	other := append([]byte(nil), snap...)
	binary.LittleEndian.PutUint32(other[len(snapshotMagic):], snapshotVersion+1)
	binary.LittleEndian.PutUint32(other[len(other)-4:], crc32.Checksum(other[:len(other)-4], castagnoli))
	for name, c := range map[string]struct {
		voters int
		opt    EngineOptions
		data   []byte
	}{
		"version":  {len(w.voters), EngineOptions{}, other},
		"seed":     {len(w.voters), EngineOptions{Seed: 1}, snap},
		"generic":  {len(w.voters), EngineOptions{Generic: true}, snap},
		"u sample": {len(w.voters), EngineOptions{USample: 1000}, snap},
		"roll":     {len(w.voters) - 1, EngineOptions{}, snap},
	} {
		if _, err := LoadEngine(Voters(w.voters[:c.voters]), c.opt, c.data); !errors.Is(err, ErrStaleSnapshot) {
			t.Errorf("another %s: %v, want ErrStaleSnapshot", name, err)
		}
	}
	for _, cut := range []int{0, 5, 12, 100, len(snap) / 2, len(snap) - 5, len(snap) - 1} {
		if _, err := LoadEngine(Voters(w.voters), EngineOptions{}, snap[:cut]); err == nil || errors.Is(err, ErrStaleSnapshot) {
			t.Errorf("cut to %d bytes: %v, want an error saying it is damaged", cut, err)
		}
	}
	flipped := append([]byte(nil), snap...)
	flipped[len(flipped)/3] ^= 1
	if _, err := LoadEngine(Voters(w.voters), EngineOptions{}, flipped); err == nil {
		t.Error("a flipped bit was not noticed")
	}
}

// TestSnapshotGolden pins what the build makes of a small roll. When it fails, the engine
// builds something else than before: bump snapshotVersion (snapshots of the old build would
// be read as if they were of the new one) and set the fingerprint printed here.
func TestSnapshotGolden(t *testing.T) {
	const want = "0338728765dfa18371382e78277070f26700addea0cce53abced3842874d4db9"
	w := makeWorld(5000, 0, 9)
	e, err := NewEngineFromRoll(Voters(w.voters), EngineOptions{Generic: true})
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(e.Snapshot())
	if got := hex.EncodeToString(sum[:]); got != want {
		t.Errorf("the engine's build changed (snapshot fingerprint %s, pinned %s): bump snapshotVersion, then pin the new fingerprint", got, want)
	}
}

// FuzzLoadEngine: whatever the bytes, LoadEngine returns an engine or an error; it never
// panics nor reads out of bounds. The checksum is made right, so that the fuzzer reaches
// the decoding.
func FuzzLoadEngine(f *testing.F) {
	w := makeWorld(300, 0, 4)
	roll := Voters(w.voters)
	e, err := NewEngineFromRoll(roll, EngineOptions{})
	if err != nil {
		f.Fatal(err)
	}
	snap := e.Snapshot()
	f.Add(snap[len(snapshotMagic) : len(snap)-4])
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, body []byte) {
		data := append(append([]byte(nil), snapshotMagic[:]...), body...)
		data = binary.LittleEndian.AppendUint32(data, crc32.Checksum(data, castagnoli))
		e, err := LoadEngine(roll, EngineOptions{}, data)
		if err != nil {
			return
		}
		for i := range w.voters[:20] {
			v := &w.voters[i]
			e.LinkVoter(v)
		}
	})
}
