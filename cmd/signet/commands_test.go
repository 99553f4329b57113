package main

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"github.com/signet-vote/signet/match"
	"github.com/signet-vote/signet/registrar"
	_ "modernc.org/sqlite"
)

const tinyVoters = `voter_id,first_name,middle_name,last_name,suffix,house_number,street,unit,city,zip,registration_date,status,cancelled_date,birth_date
V1,MARIA,G,GARCIA LOPEZ,,100,N MAIN ST,APT 4,LOS ANGELES,90012,2010-01-01,active,,1970-01-01
V2,ROBERT,,SMITH,,200,ELM AVE,,LOS ANGELES,90013,2010-01-01,active,,
V3,ANN,,LEE,,300,OAK DR,,LOS ANGELES,90012,2010-01-01,cancelled,2020-01-01,
V4,JOHN,,DOE,,400,PINE ST,,LOS ANGELES,90013,2022-07-10,active,,
V5,LINDA,,CHEN,,500,MAPLE AVE,,LOS ANGELES,90012,2010-01-01,active,,
V6,JAMES,,PARK,,600,CEDAR ST,,LOS ANGELES,90013,2010-01-01,inactive,,
V7,SUSAN,,KIM,,700,BIRCH WAY,,LOS ANGELES,90012,2010-01-01,active,,
V8,TOM,,NGUYEN,,800,ASH CT,,LOS ANGELES,90013,2022-05-01,active,,
`

const tinyLines = `section_id,circulator,line_number,printed_name,house_number,street,unit,city,zip,date_signed,signature_present,withdrawal_requested
S1,Circ A,1,Maria Garcia,100,North Main Street,,,90012,2022-03-01,yes,no
S1,Circ A,2,Bob Smith,200,Elm Avenue,,Los Angeles,90013,2022-03-01,yes,no
S1,Circ A,3,Ann Lee,300,Oak Dr,,,90012,2022-03-01,yes,no
S1,Circ A,4,John Doe,400,Pine St,,,90013,2022-03-01,yes,no
S1,Circ A,5,Linda Chen,999,Walnut St,,,90013,2022-03-01,yes,no
S1,Circ A,6,James Park,600,Cedar St,,,90013,2022-03-01,yes,no
S1,Circ A,7,Susan Kim,700,Birch Way,,,90012,2022-03-01,yes,no
S2,Circ B,1,susan kim,700,birch way,,,90012,2022-03-05,yes,no
S2,Circ B,2,Zed Unknownperson,10,Nowhere Rd,,,90012,2022-03-01,yes,no
S2,Circ B,3,Pat Outsider,5,Far St,,,92602,2022-03-01,yes,no
S2,Circ B,4,Tom Nguyen,800,Ash Ct,,,90013,2022-03-01,yes,no
S2,Circ B,5,Robert Smith,200,Elm Ave,,,90013,2022-03-02,no,no
S2,Circ B,6,Linda Chen,500,Maple Ave,,,90012,2022-03-02,yes,yes
`

// tiny sets up a jurisdiction, roll, report and petition and imports the lines.
func tiny(t *testing.T) *env {
	e := newEnv(t)
	e.ok("jurisdiction", "create", "--id", "tiny", "--name", "Tiny County", "--zips", "90012,90013")
	e.ok("voters", "import", "--jurisdiction", "tiny", e.write("voters.csv", tinyVoters))
	e.ok("registration", "add", "--id", "r1", "--jurisdiction", "tiny", "--date", "2022-01-01", "--registered", "1000")
	e.ok("petition", "create", "--id", "p", "--kind", "local-recall", "--jurisdiction", "tiny", "--rules", "ca-local-recall", "--report", "r1", "--approved", "2022-01-27")
	e.ok("lines", "import", "--petition", "p", e.write("lines.csv", tinyLines))
	return e
}

type reportJSON struct {
	Raw, Valid, Invalid, Required, Verified int
	Status                                  string
	ByReason                                map[string]int `json:"by_reason"`
	Other                                   map[string]int `json:"other_sub_reasons"`
}

func TestFullCountOnATinyCounty(t *testing.T) {
	e := tiny(t)
	var p map[string]any
	e.json(&p, "petition", "show", "--petition", "p")
	// 1,000 registered: the 25% tier, 250 required; 60 days from 2022-01-27 is 2022-03-28.
	if p["required"] != 250.0 || p["filing_deadline"] != "2022-03-28" {
		t.Fatalf("petition = %v", p)
	}
	e.ok("petition", "file", "--petition", "p", "--date", "2022-03-20")
	e.ok("review", "record", "--petition", "p", "--line", "S1-6", "--signature", "mismatch", "--by", "clerk 7")
	e.ok("verify", "--petition", "p")
	var r reportJSON
	e.json(&r, "report", "--petition", "p")
	want := map[string]int{"not_registered": 1, "duplicate": 1, "different_address": 1, "signature_mismatch": 1, "cancelled": 1, "out_of_county": 1, "other": 4}
	for k, n := range want {
		if r.ByReason[k] != n {
			t.Errorf("by_reason[%s] = %d, want %d (report %+v)", k, r.ByReason[k], n, r)
		}
	}
	if len(r.ByReason) != 7 {
		t.Errorf("by_reason has keys %v, want exactly the seven reasons", r.ByReason)
	}
	if r.Other["registered_after_cutoff"] != 2 || r.Other["no_signature"] != 1 || r.Other["withdrawn"] != 1 {
		t.Errorf("other sub-reasons = %v", r.Other)
	}
	if r.Raw != 13 || r.Valid != 3 || r.Invalid != 10 || r.Required != 250 || r.Status != "insufficient" {
		t.Errorf("report = %+v", r)
	}
	sum := r.Valid
	for _, n := range r.ByReason {
		sum += n
	}
	if sum != r.Raw {
		t.Errorf("valid + by_reason = %d, raw = %d", sum, r.Raw)
	}

	// Every verdict is explained: the line shows its reason, voter and decider.
	out := e.ok("line", "show", "--petition", "p", "--line", "S1-1")
	for _, w := range []string{"verdict       valid", "apartment_missing", "voter         V1", "signet verify (fs-v1)"} {
		if !strings.Contains(out, w) {
			t.Errorf("line show lacks %q:\n%s", w, out)
		}
	}
	out = e.ok("line", "show", "--petition", "p", "--line", "S1-6")
	if !strings.Contains(out, "signature_mismatch") || !strings.Contains(out, "clerk 7") {
		t.Errorf("mismatch line does not say who decided:\n%s", out)
	}

	// A decision recorded later re-decides that line and the duplicate rule follows: the
	// first Susan Kim line is struck, so her second line becomes the valid one.
	e.ok("review", "record", "--petition", "p", "--line", "S1-7", "--signature", "mismatch", "--by", "clerk 7")
	var v registrar.VerifyResult
	e.json(&v, "verify", "--petition", "p")
	if v.Verified != 1 || v.DuplicatesChanged != 1 {
		t.Errorf("re-verify = %+v, want 1 line re-decided and 1 duplicate verdict changed", v)
	}
	e.json(&r, "report", "--petition", "p")
	if r.Valid != 3 || r.ByReason["duplicate"] != 0 || r.ByReason["signature_mismatch"] != 2 {
		t.Errorf("after the second decision: %+v", r)
	}
	// Verifying again changes nothing.
	e.json(&v, "verify", "--petition", "p")
	if v.Verified != 0 || v.DuplicatesChanged != 0 {
		t.Errorf("idle re-verify = %+v", v)
	}

	// The audit log holds it all and is intact.
	out = e.ok("audit", "verify")
	if !strings.Contains(out, "audit log intact") {
		t.Fatal(out)
	}
	for _, kind := range []string{"roll.import", "petition.file", "verdict", "review", "report", "lines.import"} {
		if !strings.Contains(e.ok("audit", "log", "--limit", "0"), kind) {
			t.Errorf("no %s event in the log", kind)
		}
	}
}

func TestStrikeAllAndFilingDateCutoff(t *testing.T) {
	e := newEnv(t)
	e.ok("jurisdiction", "create", "--id", "tiny", "--zips", "90012,90013")
	e.ok("voters", "import", "--jurisdiction", "tiny", e.write("voters.csv", tinyVoters))
	e.ok("registration", "add", "--id", "r1", "--jurisdiction", "tiny", "--date", "2022-01-01", "--from-roll")
	e.ok("petition", "create", "--id", "p", "--jurisdiction", "tiny", "--report", "r1", "--approved", "2022-01-27", "--cutoff", "filing_date", "--duplicates", "strike_all")
	e.ok("lines", "import", "--petition", "p", e.write("lines.csv", tinyLines))
	e.ok("petition", "file", "--petition", "p", "--date", "2022-07-06")
	e.ok("verify", "--petition", "p")
	var r reportJSON
	e.json(&r, "report", "--petition", "p")
	// strike_all: both Susan Kim lines are duplicates. filing_date: Tom Nguyen (registered
	// 2022-05-01, after signing, before filing) is valid; John Doe (2022-07-10) is not.
	// 7 registered (active + inactive of 8) ⇒ 30% tier ⇒ ⌈2.1⌉ = 3 required.
	if r.ByReason["duplicate"] != 2 || r.Other["registered_after_cutoff"] != 1 || r.Required != 3 {
		t.Errorf("report = %+v", r)
	}
	if r.Valid != 4 || r.Status != "sufficient" {
		t.Errorf("valid = %d, want 4 (Maria, Robert, James, Tom), status %s", r.Valid, r.Status)
	}
}

func TestMalformedRollIsRefusedWhole(t *testing.T) {
	e := newEnv(t)
	e.ok("jurisdiction", "create", "--id", "tiny", "--zips", "90012,90013")
	e.ok("voters", "import", "--jurisdiction", "tiny", e.write("voters.csv", tinyVoters))
	var st map[string]int
	e.json(&st, "voters", "stats", "--jurisdiction", "tiny")
	if st["voters"] != 8 {
		t.Fatalf("stats = %v", st)
	}
	// Line 5 of the file (the fourth voter) has an impossible registration date.
	lines := strings.Split(tinyVoters, "\n")
	lines[4] = strings.Replace(lines[4], "2022-07-10", "2022-02-30", 1)
	bad := e.write("bad.csv", strings.ReplaceAll(strings.Join(lines, "\n"), "V", "W"))
	_, errs, code := e.run("voters", "import", "--jurisdiction", "tiny", bad)
	if code != ExitInvalid || !strings.Contains(errs, "bad.csv: line 5, column 11 (registration_date)") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	e.json(&st, "voters", "stats", "--jurisdiction", "tiny")
	if st["voters"] != 8 || st["snapshot"] != 1 {
		t.Fatalf("after the refused import: %v", st)
	}
	// A repeated voter id is refused too, naming the line.
	dup := e.write("dup.csv", tinyVoters+"V3,ANN,,LEE,,300,OAK DR,,,90012,2010-01-01,active,,\n")
	_, errs, code = e.run("voters", "import", "--jurisdiction", "tiny", dup)
	if code != ExitInvalid || !strings.Contains(errs, "line 10, column voter_id") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	// The same file again is refused unless it is an explicit new snapshot.
	_, errs, code = e.run("voters", "import", "--jurisdiction", "tiny", e.write("again.csv", tinyVoters))
	if code != ExitConflict || !strings.Contains(errs, "--new-snapshot") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	e.ok("voters", "import", "--jurisdiction", "tiny", "--new-snapshot", e.write("again.csv", tinyVoters))
	e.json(&st, "voters", "stats", "--jurisdiction", "tiny")
	if st["voters"] != 8 || st["snapshot"] != 2 {
		t.Fatalf("after the new snapshot: %v", st)
	}
}

func TestLinesImportErrors(t *testing.T) {
	e := tiny(t)
	_, errs, code := e.run("lines", "import", "--petition", "p", e.write("again.csv", tinyLines))
	if code != ExitConflict {
		t.Errorf("same lines file twice: exit %d %s", code, errs)
	}
	bad := strings.ReplaceAll(strings.ReplaceAll(tinyLines, "S1,", "S5,"), "S2,", "S6,")
	bad = strings.Replace(bad, "2022-03-01,yes,no\nS6,Circ B,4", "2022-03-01,perhaps,no\nS6,Circ B,4", 1)
	_, errs, code = e.run("lines", "import", "--petition", "p", e.write("bad.csv", bad))
	if code != ExitInvalid || !strings.Contains(errs, "bad.csv: line 11, column 11 (signature_present)") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	var r reportJSON
	e.json(&r, "report", "--petition", "p")
	if r.Raw != 13 || r.Status != "not_filed" {
		t.Errorf("the refused file changed the petition: %+v", r)
	}
	e.ok("petition", "file", "--petition", "p", "--date", "2022-03-20")
	_, errs, code = e.run("lines", "import", "--petition", "p", e.write("late.csv", strings.ReplaceAll(tinyLines, "S1,", "S7,")))
	if code != ExitConflict || !strings.Contains(errs, "filed") {
		t.Errorf("lines after filing: exit %d %s", code, errs)
	}
}

func TestAuditDetectsEditedRow(t *testing.T) {
	edits := []string{
		`UPDATE events SET payload = replace(payload, 'not_registered', 'valid') WHERE seq = (SELECT min(seq) FROM events WHERE payload LIKE '%not_registered%')`,
		`UPDATE events SET actor = 'mallory' WHERE seq = 3`,
		`UPDATE events SET at = '2030-01-01T00:00:00.000000Z' WHERE seq = 2`,
		// (a hash that begins with ff already becomes 00..., so the edit always changes it)
		`UPDATE events SET hash = CASE WHEN substr(hash, 1, 2) = 'ff' THEN '00' ELSE 'ff' END || substr(hash, 3) WHERE seq = 4`,
		`DELETE FROM events WHERE seq = 5`,
		`DELETE FROM events WHERE seq = (SELECT max(seq) FROM events)`,
	}
	for i, edit := range edits {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			e := tiny(t)
			e.ok("petition", "file", "--petition", "p", "--date", "2022-03-20")
			e.ok("verify", "--petition", "p")
			e.ok("audit", "verify")
			db, err := sql.Open("sqlite", e.db)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if res, err := db.Exec(edit); err != nil {
				t.Fatal(err)
			} else if k, _ := res.RowsAffected(); k != 1 {
				t.Fatalf("edit touched %d rows", k)
			}
			out, errs, code := e.run("audit", "verify")
			if code != ExitFailure || !strings.Contains(errs, "event") || !strings.Contains(out, "BROKEN") {
				t.Errorf("audit verify after %q: exit %d\n%s%s", edit, code, out, errs)
			}
		})
	}
}

func TestUsageAndHelp(t *testing.T) {
	e := newEnv(t)
	for _, c := range commands() {
		args := []string{c.name, "--help"}
		switch c.name {
		case "jurisdiction":
			args = []string{"jurisdiction", "create", "--help"}
		case "registration":
			args = []string{"registration", "add", "--help"}
		case "voters":
			args = []string{"voters", "import", "--help"}
		case "petition":
			args = []string{"petition", "create", "--help"}
		case "lines":
			args = []string{"lines", "import", "--help"}
		case "review":
			args = []string{"review", "record", "--help"}
		case "line":
			args = []string{"line", "show", "--help"}
		case "challenge":
			args = []string{"challenge", "add", "--help"}
		case "audit":
			args = []string{"audit", "verify", "--help"}
		case "bench":
			args = []string{"bench", "match", "--help"}
		case "version":
			continue
		}
		_, errs, code := e.run(args...)
		if code != 0 || !strings.Contains(errs, "Usage: signet "+c.name) {
			t.Errorf("%v: exit %d, help %q", args, code, errs)
		}
	}
	for _, args := range [][]string{{}, {"nope"}, {"voters"}, {"voters", "import"}, {"report"}, {"verify", "--petition"}} {
		if _, _, code := e.run(args...); code != ExitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, ExitUsage)
		}
	}
	// A value that is no date, or an impossible one, is a refused value (exit 3), as the
	// README's table of exit codes says.
	for _, d := range []string{"soon", "2022-02-30"} {
		if _, errs, code := e.run("petition", "create", "--id", "x", "--report", "r", "--jurisdiction", "j", "--approved", d); code != ExitInvalid || !strings.Contains(errs, "--approved") {
			t.Errorf("--approved %s: exit %d %s", d, code, errs)
		}
	}
	e.ok("jurisdiction", "create", "--id", "j", "--zips", "90001")
	if _, errs, code := e.run("report", "--petition", "ghost"); code != ExitNotFound || !strings.Contains(errs, "no petition") {
		t.Errorf("unknown petition: exit %d %s", code, errs)
	}
	if _, errs, code := e.run("voters", "--help"); code != 0 || !strings.Contains(errs, "import, stats") {
		t.Errorf("voters --help: exit %d %q", code, errs)
	}
	if out := e.ok("help"); !strings.Contains(out, "Exit codes") {
		t.Errorf("help = %s", out)
	}
}

func TestLinkReviewDecisions(t *testing.T) {
	e := tiny(t)
	e.ok("petition", "file", "--petition", "p", "--date", "2022-03-20")
	e.ok("verify", "--petition", "p")
	// Linda Chen's line gives an address she is not registered at: a name-only link, too weak
	// for fs-v1 to decide alone, so it waits in the review queue.
	var next struct {
		Left      int
		Line      string
		BestGuess string `json:"best_guess"`
	}
	e.json(&next, "review", "next", "--petition", "p")
	if next.Left != 1 || next.Line != "S1-5" || next.BestGuess != "V5" {
		t.Fatalf("review next = %+v", next)
	}
	e.ok("review", "decide", "--petition", "p", "--line", "S1-5", "--voter", "V5", "--by", "clerk 3")
	if out := e.ok("review", "next", "--petition", "p"); !strings.Contains(out, "empty") {
		t.Errorf("review next after the decision: %s", out)
	}
	if _, _, code := e.run("review", "decide", "--petition", "p", "--line", "S1-1"); code != ExitUsage {
		t.Errorf("decide without --voter or --no-match: exit %d", code)
	}
	if _, _, code := e.run("review", "decide", "--petition", "p", "--line", "S9-9", "--no-match"); code != ExitNotFound {
		t.Errorf("decide on an unknown line: exit %d", code)
	}
	// A person says the first line's signer is nobody on the roll, and that "Zed" is Linda Chen.
	e.ok("review", "decide", "--petition", "p", "--line", "S1-1", "--no-match", "--by", "clerk 3")
	e.ok("review", "decide", "--petition", "p", "--line", "S2-2", "--voter", "V5", "--by", "clerk 3")
	var v registrar.VerifyResult
	e.json(&v, "verify", "--petition", "p")
	if v.Verified != 3 {
		t.Errorf("re-verified %d lines, want the 3 decided", v.Verified)
	}
	var l1, l2 struct {
		Verdict struct {
			Code      string
			VoterID   string `json:"voter_id"`
			DecidedBy string `json:"decided_by"`
		}
	}
	e.json(&l1, "line", "show", "--petition", "p", "--line", "S1-1")
	e.json(&l2, "line", "show", "--petition", "p", "--line", "S2-2")
	if l1.Verdict.Code != "not_registered" || l1.Verdict.DecidedBy != "clerk 3 (link review)" {
		t.Errorf("S1-1 = %+v", l1.Verdict)
	}
	if l2.Verdict.Code != "different_address" || l2.Verdict.VoterID != "V5" {
		t.Errorf("S2-2 = %+v", l2.Verdict)
	}
	if !strings.Contains(e.ok("audit", "log", "--limit", "0"), "review.link") {
		t.Error("link decisions are not in the audit log")
	}
}

// TestLineExplainNamesTheRule: a candidate the linker turned down is shown with the rule
// that did it, named and explained, in text and in JSON.
func TestLineExplainNamesTheRule(t *testing.T) {
	e := tiny(t)
	// Someone else of the household at Maria Garcia Lopez's address: not on the roll.
	e.ok("lines", "import", "--petition", "p", e.write("lines2.csv", `section_id,circulator,line_number,printed_name,house_number,street,unit,city,zip,date_signed,signature_present,withdrawal_requested
S3,Circ C,1,Pedro Garcia,100,N Main St,Apt 4,,90012,2022-03-01,yes,no
`))
	e.ok("petition", "file", "--petition", "p", "--date", "2022-03-20")
	e.ok("verify", "--petition", "p")
	out := e.ok("line", "explain", "--petition", "p", "--line", "S3-1")
	for _, w := range []string{"verdict       not_registered", "candidate 1   voter V1",
		"rule         " + match.RuleGivenNameDiffers + ": " + match.RuleText(match.RuleGivenNameDiffers)} {
		if !strings.Contains(out, w) {
			t.Errorf("line explain lacks %q:\n%s", w, out)
		}
	}
	var l struct {
		Verdict struct {
			Candidates []map[string]any
		}
	}
	e.json(&l, "line", "explain", "--petition", "p", "--line", "S3-1")
	if len(l.Verdict.Candidates) == 0 {
		t.Fatal("no candidates")
	}
	c := l.Verdict.Candidates[0]
	for _, k := range []string{"VoterID", "Score", "Address", "Fields"} {
		if _, ok := c[k]; !ok {
			t.Errorf("candidate lacks the key %s: %v", k, c)
		}
	}
	if c["VoterID"] != "V1" || c["Rule"] != match.RuleGivenNameDiffers || c["RuleText"] != match.RuleText(match.RuleGivenNameDiffers) {
		t.Errorf("candidate = %v", c)
	}
	// The voter linked is turned down by no rule.
	var linked struct {
		Verdict struct {
			Candidates []map[string]any
		}
	}
	e.json(&linked, "line", "explain", "--petition", "p", "--line", "S1-1")
	if c := linked.Verdict.Candidates[0]; c["VoterID"] != "V1" || c["Rule"] != nil || c["RuleText"] != nil {
		t.Errorf("the linked candidate = %v", c)
	}
	if out := e.ok("line", "show", "--petition", "p", "--line", "S1-1"); strings.Contains(out, "rule ") {
		t.Errorf("line show names a rule for the voter linked:\n%s", out)
	}
}
