package match

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
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
		for _, c := range []struct {
			name string
			a, b any
		}{
			{"opt", built.opt, loaded.opt},
			{"recs", built.recs, loaded.recs},
			{"priors", built.priors, loaded.priors},
			{"names", built.names, loaded.names},
			{"streets", built.streets, loaded.streets},
			{"houses", built.houses, loaded.houses},
			{"units", built.units, loaded.units},
			{"cities", built.cities, loaded.cities},
			{"streetIDs", built.streetIDs, loaded.streetIDs},
			{"cityNorm", built.cityNorm, loaded.cityNorm},
			{"zips", built.zips, loaded.zips},
			{"indexes", built.ix, loaded.ix},
			{"built", built.built, loaded.built},
			{"m", built.m, loaded.m},
			{"u", built.u, loaded.u},
			{"w", built.w, loaded.w},
			{"letterAgree", built.letterAgree, loaded.letterAgree},
			{"tfLast", built.tfLast, loaded.tfLast},
			{"tfFirst", built.tfFirst, loaded.tfFirst},
			{"wTFLast", built.wTFLast, loaded.wTFLast},
			{"wTFFirst", built.wTFFirst, loaded.wTFFirst},
			{"null weights", [4]float64{built.lambdaA, built.nullAddr, built.nullName, built.nullGen}, [4]float64{loaded.lambdaA, loaded.nullAddr, loaded.nullName, loaded.nullGen}},
		} {
			if !reflect.DeepEqual(c.a, c.b) {
				t.Errorf("generic %v: %s differ between the built engine and the loaded one", generic, c.name)
			}
		}
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
	const want = "2bac26738990fa033f01ba9368f2553d8d7036bdadd590e1671bf359989b0a9b"
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
