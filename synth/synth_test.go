package synth

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/signet-vote/signet"
)

var allFiles = []string{FileVoters, FileLines, FileTruth, FileTruthDetail, FileSignatures, FileWorld}

func small(seed int64) Config {
	c := DefaultConfig()
	c.Voters, c.Lines, c.Seed = 20000, 2500, seed
	return c
}

func TestDeterministic(t *testing.T) {
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	for _, x := range []struct {
		dir  string
		seed int64
	}{{a, 7}, {b, 7}, {c, 8}} {
		if _, err := Generate(small(x.seed), x.dir, nil); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range allFiles {
		fa, _ := os.ReadFile(filepath.Join(a, f))
		fb, _ := os.ReadFile(filepath.Join(b, f))
		fc, _ := os.ReadFile(filepath.Join(c, f))
		if len(fa) == 0 || !bytes.Equal(fa, fb) {
			t.Errorf("%s: not the same bytes for the same config", f)
		}
		if bytes.Equal(fa, fc) {
			t.Errorf("%s: the same bytes for another seed", f)
		}
	}
}

func TestConfigErrors(t *testing.T) {
	for _, c := range []Config{
		{Voters: 0, Lines: 10},
		{Voters: 100, Lines: 10, Mix: Mix{NotRegistered: 0.7, Duplicate: 0.5}},
		{Voters: 100, Lines: 10, HispanicShare: 0.8, AsianShare: 0.3},
		{Voters: 100, Lines: 1000, Mix: LA2022()},
	} {
		if _, err := Generate(c, t.TempDir(), nil); err == nil {
			t.Errorf("%+v: no error", c)
		}
	}
}

func readCSV(t *testing.T, path string, header []string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if strings.Join(rows[0], ",") != strings.Join(header, ",") {
		t.Fatalf("%s: header %v, want %v", path, rows[0], header)
	}
	return rows[1:]
}

func TestWorld(t *testing.T) {
	var g *gen
	testHook = func(x *gen) { g = x }
	defer func() { testHook = nil }()
	cfg := DefaultConfig()
	cfg.Voters, cfg.Lines, cfg.Seed = 200000, 25000, 3
	dir := t.TempDir()
	sum, err := Generate(cfg, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	// headers as in docs/formats.md
	voters := readCSV(t, filepath.Join(dir, FileVoters), strings.Split("voter_id,first_name,middle_name,last_name,suffix,house_number,street,unit,city,zip,registration_date,status,cancelled_date,birth_date,prior_house_number,prior_street,prior_unit,prior_city,prior_zip,prior_until", ","))
	lines := readCSV(t, filepath.Join(dir, FileLines), strings.Split("section_id,circulator,line_number,printed_name,house_number,street,unit,city,zip,date_signed,signature_present,withdrawal_requested", ","))
	truth := readCSV(t, filepath.Join(dir, FileTruth), []string{"line_id", "voter_id", "reason"})
	detail := readCSV(t, filepath.Join(dir, FileTruthDetail), []string{"line_id", "reason", "sub_reason", "notes"})
	sigs := readCSV(t, filepath.Join(dir, FileSignatures), []string{"line_id", "signature", "by"})
	var world struct {
		Jurisdiction struct{ ZIPs []string }
		Registered   int
		Filed        string
	}
	wb, _ := os.ReadFile(filepath.Join(dir, FileWorld))
	if err := json.Unmarshal(wb, &world); err != nil {
		t.Fatal(err)
	}
	if len(voters) != cfg.Voters || len(lines) != cfg.Lines || len(truth) != cfg.Lines || len(detail) != cfg.Lines {
		t.Fatalf("rows: %d voters, %d lines, %d truth, %d detail", len(voters), len(lines), len(truth), len(detail))
	}

	// shares
	L := float64(cfg.Lines)
	m := cfg.Mix
	want := map[string]float64{"not_registered": m.NotRegistered, "duplicate": m.Duplicate,
		"different_address": m.DifferentAddress, "signature_mismatch": m.SignatureMismatch, "cancelled": m.Cancelled,
		"out_of_county": m.OutOfCounty, "other": m.RegisteredAfterCutoff + m.Withdrawn + m.NoSignature + m.IncompleteAddress}
	want["valid"] = 0.7265
	count := map[string]int{}
	for _, r := range truth {
		count[r[2]]++
	}
	for k, w := range want {
		if got := float64(count[k]) / L; math.Abs(got-w) > 0.003 {
			t.Errorf("%s: share %.4f, want %.4f", k, got, w)
		}
		if sum.Truth[k] != count[k] {
			t.Errorf("summary %s %d, file %d", k, sum.Truth[k], count[k])
		}
	}
	subs := map[string]int{}
	for _, r := range detail {
		subs[r[2]]++
	}
	for k, w := range map[string]float64{"registered_after_cutoff": m.RegisteredAfterCutoff, "withdrawn": m.Withdrawn,
		"no_signature": m.NoSignature, "incomplete_address": m.IncompleteAddress} {
		if got := float64(subs[k]) / L; math.Abs(got-w) > 0.001 {
			t.Errorf("%s: share %.4f, want %.4f", k, got, w)
		}
	}

	// the roll
	roll := map[string][]string{}
	for _, r := range voters {
		if _, dup := roll[r[0]]; dup {
			t.Fatalf("voter id %s twice", r[0])
		}
		roll[r[0]] = r
	}
	registered := 0
	for _, r := range voters {
		if r[11] != "cancelled" {
			registered++
		}
	}
	if registered != world.Registered {
		t.Errorf("world.json registered %d, roll %d", world.Registered, registered)
	}
	county := map[string]bool{}
	for _, z := range world.Jurisdiction.ZIPs {
		county[z] = true
	}
	filed, _ := signet.ParseDate(world.Filed)
	start, end := dateString(dayApproved+1), dateString(dayDeadline)

	sigOf := map[string]string{}
	for _, r := range sigs {
		sigOf[r[0]] = r[1]
		if r[2] != "simulated" {
			t.Errorf("signature by %q", r[2])
		}
	}
	// lines against truth, with the verifier's precedence
	type first struct {
		date string
		pos  int
	}
	firstOf := map[string]first{}
	validOf := map[string]int{}
	for i, ln := range lines {
		id := signet.LineID(ln[0], atoi(ln[2]))
		tr, de := truth[i], detail[i]
		if tr[0] != id || de[0] != id || de[1] != tr[2] {
			t.Fatalf("row %d: line %s, truth %v, detail %v", i, id, tr, de)
		}
		if ln[9] < start || ln[9] > end {
			t.Errorf("%s: signed %s", id, ln[9])
		}
		reason, sub := tr[2], de[2]
		if (ln[10] == "no") != (sub == "no_signature") || (ln[11] == "yes") != (sub == "withdrawn") {
			t.Errorf("%s: signature/withdrawal flags %s/%s for %s", id, ln[10], ln[11], sub)
		}
		if (ln[4] == "" || ln[5] == "") != (sub == "incomplete_address") {
			t.Errorf("%s: address %q %q for %s", id, ln[4], ln[5], sub)
		}
		zip := ln[8][:5]
		if county[zip] == (reason == "out_of_county") {
			t.Errorf("%s: zip %s for %s", id, zip, reason)
		}
		if (tr[1] == "") != (reason == "not_registered" || reason == "out_of_county") {
			t.Errorf("%s: voter %q for %s", id, tr[1], reason)
		}
		if (sigOf[id] == "mismatch") != (reason == "signature_mismatch") || (sigOf[id] == "match" && reason != "valid") {
			t.Errorf("%s: signature decision %q for %s", id, sigOf[id], reason)
		}
		if tr[1] == "" {
			continue
		}
		v, ok := roll[tr[1]]
		if !ok {
			t.Fatalf("%s: voter %s not on the roll", id, tr[1])
		}
		if (v[11] == "cancelled") != (reason == "cancelled") {
			t.Errorf("%s: status %s for %s", id, v[11], reason)
		}
		reg, _ := signet.ParseDate(v[10])
		if reg.After(filed) != (sub == "registered_after_cutoff") {
			t.Errorf("%s: registered %s for %s", id, v[10], reason)
		}
		atCurrent := ln[4] == v[5] && zip == v[9]
		atPrior := ln[4] == v[14] && zip == v[18] && ln[9] <= v[19]
		if sub == "incomplete_address" {
			continue
		}
		if (atCurrent || atPrior) == (reason == "different_address") {
			t.Errorf("%s: address %s %s, roll %s %s / %s %s until %s, for %s", id, ln[4], zip, v[5], v[9], v[14], v[18], v[19], reason)
		}
		if atPrior && !atCurrent && !strings.Contains(de[3], signet.NotePriorAddress) {
			t.Errorf("%s: at the prior address without the note", id)
		}
		if reason == "valid" {
			notes := map[string]bool{}
			for _, n := range strings.Split(de[3], ";") {
				notes[n] = true
			}
			unit := v[7]
			if notes[signet.NotePriorAddress] {
				unit = v[16]
			}
			if notes[signet.NoteApartmentMissing] != (unit != "" && ln[6] == "") {
				t.Errorf("%s: unit %q, roll %q, notes %q", id, ln[6], unit, de[3])
			}
			if notes[signet.NoteCityMissing] != (ln[7] == "") {
				t.Errorf("%s: city %q, notes %q", id, ln[7], de[3])
			}
			if notes[signet.NoteInactive] != (v[11] == "inactive") {
				t.Errorf("%s: status %s, notes %q", id, v[11], de[3])
			}
			if notes[signet.NoteRegisteredAfterSigned] != (v[10] > ln[9]) {
				t.Errorf("%s: registered %s, signed %s, notes %q", id, v[10], ln[9], de[3])
			}
		} else if de[3] != "" {
			t.Errorf("%s: notes %q on a %s line", id, de[3], reason)
		}
		if reason == "valid" || reason == "duplicate" {
			if reason == "valid" {
				validOf[tr[1]]++
			}
			f, seen := firstOf[tr[1]]
			if !seen || ln[9] < f.date {
				firstOf[tr[1]] = first{ln[9], i}
			}
		}
	}
	// keep_first: one valid line per voter, the earliest by (date signed, filing position)
	for i, tr := range truth {
		if tr[2] == "valid" || tr[2] == "duplicate" {
			isFirst := firstOf[tr[1]].pos == i
			if isFirst != (tr[2] == "valid") {
				t.Errorf("%s: %s but first=%v", tr[0], tr[2], isFirst)
			}
		}
	}
	for id, n := range validOf {
		if n != 1 {
			t.Errorf("voter %s has %d valid lines", id, n)
		}
	}

	// persons off the roll do not collide with roll names
	keys := map[string]bool{}
	for _, r := range voters {
		for _, k := range g.t.collisionKeys(r[3], r[1]) {
			keys[k] = true
		}
	}
	nr := 0
	for i := range g.persons {
		p := &g.persons[i]
		if p.role != roleNR {
			continue
		}
		nr++
		for _, k := range g.t.collisionKeys(g.lastName(&p.member), g.t.firsts[p.first].name) {
			if keys[k] {
				t.Errorf("not registered person %s %s collides on %s", g.t.firsts[p.first].name, g.lastName(&p.member), k)
			}
		}
	}
	if nr == 0 {
		t.Error("no persons off the roll")
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

func TestDates(t *testing.T) {
	for _, d := range []string{"1970-01-01", "2000-02-29", "2022-07-06", "1927-12-31", "2100-03-01"} {
		tm, _ := signet.ParseDate(d)
		z := daysFromCivil(tm.Year(), int(tm.Month()), tm.Day())
		if got := dateString(z); got != d {
			t.Errorf("%s -> %d -> %s", d, z, got)
		}
	}
}

func TestCase(t *testing.T) {
	for in, want := range map[string]string{"O'BRIEN JOHN III": "O'Brien John III", "W 43RD ST": "W 43rd St",
		"GARCIA-LOPEZ": "Garcia-Lopez", "IINUMA": "Iinuma"} {
		if got := applyCase(in, caseTitle); got != want {
			t.Errorf("%q -> %q, want %q", in, got, want)
		}
	}
}

// The forms of writing issue 17 added (noise.go's rates) show at about their rates: a
// house number's fraction at the head of the street, a numbered street written as its bare
// number, and lines with the surname alone.
func TestLinkageForms(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Voters, cfg.Lines, cfg.Seed = 200000, 40000, 11
	dir := t.TempDir()
	if _, err := Generate(cfg, dir, nil); err != nil {
		t.Fatal(err)
	}
	lines := readCSV(t, filepath.Join(dir, FileLines), linesHeader)
	fractions, bare, ordinals := 0, 0, 0
	for _, l := range lines {
		street := strings.ToUpper(l[5])
		if strings.HasPrefix(street, "1/2 ") {
			fractions++
		}
		for _, w := range strings.Fields(street) {
			switch {
			case w == "1/2":
			case strings.Trim(w, "0123456789") == "":
				bare++
			case strings.Trim(w, "0123456789") != w && strings.Contains("ST ND RD TH", strings.TrimLeft(w, "0123456789")):
				ordinals++
			}
		}
	}
	t.Logf("fractions %d of %d lines, bare %d ordinals %d", fractions, len(lines), bare, ordinals)
	if r := float64(fractions) / float64(len(lines)); r < rateFraction/2 || r > rateFraction*1.5 {
		t.Errorf("%d of %d lines (%.4f) have a fraction at the head of the street, want about %.4f", fractions, len(lines), r, rateFraction)
	}
	if r := float64(bare) / float64(bare+ordinals); r < rateBareNumber*0.6 || r > rateBareNumber*1.4 {
		t.Errorf("%d numbered streets written bare against %d as ordinals (%.3f), want about %.3f", bare, ordinals, r, rateBareNumber)
	}
	blank := 0
	for _, l := range lines {
		if !strings.ContainsAny(strings.Trim(l[3], " ,."), " ,") {
			blank++ // one word: the surname alone
		}
	}
	t.Logf("lines with the surname alone: %d of %d", blank, len(lines))
	if r := float64(blank) / float64(len(lines)); r < rateBlankGiven/2 || r > rateBlankGiven*1.6 {
		t.Errorf("%d of %d lines (%.4f) hold the surname alone, want about %.4f of the roll voters' lines", blank, len(lines), r, rateBlankGiven)
	}
}

// A surname spelt as it sounds loses its spelling (SENTRY for CENTURY, the census set's
// case); a name with no spelling to change stays as it is.
func TestSoundSpelling(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	changed := 0
	for _, s := range []string{"CENTURY", "PHILLIPS", "JACKSON", "CASTILLO", "GONZALEZ", "MURPHY", "LEIGHTON", "COOPER", "KAUFMAN", "SMITH"} {
		out := soundSpelling(r, s)
		if out != s {
			changed++
		}
		if len(out) < 2 {
			t.Errorf("soundSpelling(%s) = %q", s, out)
		}
	}
	if changed < 9 {
		t.Errorf("%d of 10 surnames respelt", changed)
	}
	if got := soundSpelling(r, "XU"); got != "XU" {
		t.Errorf("soundSpelling(XU) = %q: nothing to respell", got)
	}
}
