package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLinkCommand(t *testing.T) {
	e := newEnv(t)
	left := e.write("left.csv", `rec_id,given_name,surname,street_number,address_1,suburb,postcode,date_of_birth
a1,michaela,neumann,8,stanley street,winston hills,4223,19151111
a2,courtney,painter,12,pinkerton circuit,richlands,4560,19161214
a3,charles,green,38,salkauskas crescent,kela,4566,19480930
a4,vanessa,parr,905,macquoid place,broadbeach waters,2171,19120415
a5,robert,smith,1,main street,ryde,2112,
`)
	right := e.write("right.tsv", "r1\tmichaela\tnuemann\t8\tstanley st\twinston hills\t4223\t19151111\n"+
		"r2\tcourtney\tpainter\t12\tpinkerton circuit\trichlands\t4560\tnot-a-date\n"+
		"r3\tzebedee\tquixote\t77\tnowhere lane\tfarland\t9999\t19990101\n"+
		"r4\tbob\tsmith\t1\tmain st\tryde\t2112\t\n")
	out := filepath.Join(e.dir, "pairs.csv")
	var sum linkSummary
	e.json(&sum, "link", "--left", left, "--right", right,
		"--left-columns", "voter_id=rec_id,first_name=given_name,last_name=surname,house_number=street_number,street=address_1,city=suburb,zip=postcode,birth_date=date_of_birth",
		"--right-separator", "tab", "--right-header", "none",
		"--right-columns", "voter_id=c1,first_name=c2,last_name=c3,house_number=c4,street=c5,city=c6,zip=c7,birth_date=c8",
		"--out", out)
	if sum.LeftRecords != 5 || sum.RightRecords != 4 || sum.PairsWritten != 4 || sum.Links+sum.Reviews+sum.Nones != 4 {
		t.Fatalf("summary %+v", sum)
	}
	// The fitted model: the match share (3 of the 4 records have a match), the threshold it
	// chose within 0.8–0.999, and m, u and weight per level.
	mod := sum.Model
	if mod.MatchShare <= 0.3 || mod.MatchShare >= 1 || mod.Upper < 0.8 || mod.Upper > 0.999 || mod.NullWeight <= 0 ||
		mod.Fields["last_name"]["exact"].M <= 0 || mod.Fields["last_name"]["exact"].Weight <= 0 || mod.Fields["house_number"]["disagree"].Weight >= 0 {
		t.Errorf("model %+v", mod)
	}
	if sum.ExpectedFalseLinks < 0 || sum.ExpectedFalseLinks > 0.005 {
		t.Errorf("expected false link share %v, want within --max-false-links 0.005", sum.ExpectedFalseLinks)
	}
	if sum.Unparsed["right"]["birth_date"] != 1 || len(sum.Unparsed["left"]) != 0 {
		t.Errorf("unparsed %v, want one right birth_date", sum.Unparsed)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if lines[0] != "right_id,left_id,score,decision" || len(lines) != 5 {
		t.Fatalf("pairs.csv:\n%s", b)
	}
	want := map[string]string{"r1": "a1,", "r2": "a2,", "r3": ",", "r4": "a5,"}
	for _, l := range lines[1:] {
		f := strings.Split(l, ",")
		if got := f[1] + ","; got != want[f[0]] {
			t.Errorf("%s linked to %q, want %q (%s)", f[0], f[1], strings.TrimSuffix(want[f[0]], ","), l)
		}
		if f[1] == "" && f[3] != "none" || f[1] != "" && f[3] == "none" {
			t.Errorf("row %q: left_id and decision disagree", l)
		}
	}
	if sum.Links < 3 {
		t.Errorf("links %d, want 3", sum.Links)
	}
	// Text output and usage errors.
	txt := e.ok("link", "--left", left, "--right", right, "--right-separator", "tab", "--right-header", "none",
		"--left-columns", "voter_id=rec_id,first_name=given_name,last_name=surname",
		"--right-columns", "voter_id=c1,first_name=c2,last_name=c3,birth_date=c8", "--out", out)
	if !strings.Contains(txt, "did not parse") || !strings.Contains(txt, "fs-v1") {
		t.Errorf("text output: %s", txt)
	}
	if _, _, code := e.run("link", "--left", left, "--out", out); code != ExitUsage {
		t.Errorf("missing --right: exit %d, want %d", code, ExitUsage)
	}
	if _, _, code := e.run("link", "--left", left, "--right", right, "--out", out, "--right-separator", "ab"); code != ExitUsage {
		t.Errorf("bad separator: exit %d, want %d", code, ExitUsage)
	}
	if _, errs, code := e.run("link", "--left", left, "--right", right, "--out", out, "--right-header", "none", "--right-separator", "tab"); code != ExitInvalid || !strings.Contains(errs, "voter_id") {
		t.Errorf("no id column: exit %d (%s), want %d", code, errs, ExitInvalid)
	}
	if _, _, code := e.run("link", "--left", left, "--right", right, "--out", out, "--left-columns", "nosuch=x"); code != ExitInvalid {
		t.Errorf("unknown field: exit %d, want %d", code, ExitInvalid)
	}
}
