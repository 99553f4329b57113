package main

import (
	"strings"
	"testing"
)

// invalidJSON is what "signet invalid --json" prints.
type invalidJSON struct {
	Total int
	Lines []struct {
		Line      string
		Reason    string
		SubReason string `json:"sub_reason"`
		Evidence  []string
		DecidedBy string `json:"decided_by"`
		Challenge string
	}
}

// TestDeskWorkflow walks the clerks' desk on the tiny county: a clerk claims the line in
// review and decides it, verification applies it; the proponents see it redacted and
// challenge it; the supervisor upholds the challenge and overrides another line.
func TestDeskWorkflow(t *testing.T) {
	e := tiny(t)
	e.ok("petition", "file", "--petition", "p", "--date", "2022-03-20")
	e.ok("verify", "--petition", "p")
	// Linda Chen's line S1-5 (999 Walnut St; she is registered at 500 Maple Ave) waits in review.
	var claim struct {
		Line, Clerk string
		BestGuess   string `json:"best_guess"`
	}
	e.json(&claim, "review", "claim", "--petition", "p", "--clerk", "clerk 3")
	if claim.Line != "S1-5" || claim.Clerk != "clerk 3" || claim.BestGuess != "V5" {
		t.Fatalf("review claim = %+v", claim)
	}
	if out := e.ok("review", "claim", "--petition", "p", "--clerk", "clerk 4"); !strings.Contains(out, "no line") {
		t.Errorf("a second clerk's claim while the one line is held: %s", out)
	}
	if _, errs, code := e.run("review", "settle", "--petition", "p", "--line", "S1-5", "--clerk", "clerk 4", "--invalid", "not_registered"); code != ExitConflict {
		t.Errorf("a decision by a clerk without the lease: exit %d %s", code, errs)
	}
	if _, errs, code := e.run("review", "settle", "--petition", "p", "--line", "S1-5", "--clerk", "clerk 3", "--invalid", "forged"); code != ExitInvalid || !strings.Contains(errs, "not a reason code") {
		t.Errorf("a reason that is no reason code: exit %d %s", code, errs)
	}
	if _, _, code := e.run("review", "settle", "--petition", "p", "--line", "S1-5", "--clerk", "clerk 3"); code != ExitUsage {
		t.Errorf("a decision without --voter or --invalid: exit %d", code)
	}
	var before invalidJSON
	e.json(&before, "invalid", "--petition", "p")
	e.ok("review", "settle", "--petition", "p", "--line", "S1-5", "--clerk", "clerk 3", "--invalid", "other:illegible", "--voter", "V5", "--signature", "match")
	e.ok("verify", "--petition", "p")
	var after invalidJSON
	e.json(&after, "invalid", "--petition", "p")
	s15 := -1
	for i, l := range after.Lines {
		if l.Line == "S1-5" {
			s15 = i
		}
	}
	if s15 < 0 || after.Lines[s15].Reason != "other" || after.Lines[s15].SubReason != "illegible" || after.Lines[s15].DecidedBy != "clerk 3 (review)" {
		t.Fatalf("S1-5 after the clerk's decision: %+v", after.Lines)
	}
	for _, l := range before.Lines {
		if l.Line == "S1-5" && l.SubReason == "illegible" {
			t.Fatalf("S1-5 was illegible before the decision: the test proves nothing")
		}
	}
	// Redacted: nothing of Linda Chen's record (V5, 500 Maple Ave) shows on her S1-5 row, nor
	// Maria Garcia's birth date anywhere.
	csv := e.ok("invalid", "--petition", "p", "--csv")
	if !strings.HasPrefix(csv, "seq,line_id,section,printed_name,address,date_signed,reason,sub_reason,evidence,decided_by,decided_at,challenge\n") {
		t.Fatalf("the CSV's header: %s", csv)
	}
	var row string
	for _, r := range strings.Split(csv, "\n") {
		if strings.Contains(r, ",S1-5,") {
			row = r
		}
	}
	if row == "" || !strings.Contains(row, "999") || !strings.Contains(row, "last name: exact") {
		t.Fatalf("S1-5's CSV row: %q", row)
	}
	for _, secret := range []string{"V5", "500", "MAPLE", "Maple"} {
		if strings.Contains(row, secret) {
			t.Errorf("S1-5's row shows %q of the voter record: %s", secret, row)
		}
	}
	if strings.Contains(csv, "1970-01-01") || strings.Contains(e.ok("invalid", "--petition", "p"), "1970-01-01") {
		t.Error("a voter's birth date is in the proponents' list")
	}

	// The proponents challenge S1-5; the supervisor upholds it.
	if _, errs, code := e.run("challenge", "add", "--petition", "p", "--line", "S1-5", "--by", "proponent"); code != ExitInvalid {
		t.Errorf("a challenge without a comment: exit %d %s", code, errs)
	}
	var ch struct {
		ID     int64
		Status string
	}
	e.json(&ch, "challenge", "add", "--petition", "p", "--line", "S1-5", "--comment", "Linda Chen moved to Walnut St in February", "--by", "proponent")
	if ch.ID == 0 || ch.Status != "open" {
		t.Fatalf("challenge add = %+v", ch)
	}
	var queue []struct {
		ID   int64
		Line string
	}
	e.json(&queue, "challenge", "list", "--petition", "p", "--open")
	if len(queue) != 1 || queue[0].Line != "S1-5" {
		t.Fatalf("the supervisor's queue: %+v", queue)
	}
	e.ok("challenge", "answer", "--petition", "p", "--id", "1", "--uphold", "--answer", "the change of address was filed in time", "--by", "supervisor")
	if _, _, code := e.run("challenge", "answer", "--petition", "p", "--id", "1", "--deny", "--answer", "no", "--by", "supervisor"); code != ExitConflict {
		t.Errorf("answering a challenge twice: exit %d", code)
	}
	// Susan Kim's second line (S2-1) is struck as a duplicate: ruling it valid for her would
	// count her twice, and is refused with the way to do it.
	if _, errs, code := e.run("override", "--petition", "p", "--line", "S2-1", "--valid", "--comment", "she signed once", "--by", "supervisor"); code != ExitConflict || !strings.Contains(errs, "counts once") || !strings.Contains(errs, "rule the voter's other line invalid") {
		t.Errorf("a duplicate ruled valid for its own voter: exit %d %s", code, errs)
	}
	// The supervisor overrides S1-1 (valid so far) with a stated reason.
	if _, _, code := e.run("override", "--petition", "p", "--line", "S1-1", "--invalid", "other:section_defect", "--by", "supervisor"); code != ExitInvalid {
		t.Errorf("an override without a stated reason: exit %d", code)
	}
	e.ok("override", "--petition", "p", "--line", "S1-1", "--invalid", "other:section_defect", "--comment", "the declaration of section S1 is unsigned", "--by", "supervisor")
	e.ok("verify", "--petition", "p")
	var last invalidJSON
	e.json(&last, "invalid", "--petition", "p")
	found := false
	for _, l := range last.Lines {
		if l.Line == "S1-5" {
			t.Errorf("S1-5 is still invalid after the upheld challenge: %+v", l)
		}
		if l.Line == "S1-1" {
			found = l.SubReason == "section_defect" && l.DecidedBy == "supervisor (override)"
		}
	}
	if !found {
		t.Errorf("S1-1 after the override: %+v", last.Lines)
	}
	if last.Total != after.Total {
		t.Errorf("one line became valid and one invalid, yet %d invalid lines became %d", after.Total, last.Total)
	}
	var tp []struct {
		Clerk     string
		Decisions int
	}
	e.json(&tp, "review", "throughput", "--petition", "p", "--per", "hour")
	if len(tp) != 1 || tp[0].Clerk != "clerk 3" || tp[0].Decisions != 1 {
		t.Errorf("throughput: %+v", tp)
	}
	var evs []struct{ Kind string }
	e.json(&evs, "audit", "log", "--subject", "petition:p", "--limit", "0")
	kinds := map[string]int{}
	for _, ev := range evs {
		kinds[ev.Kind]++
	}
	for _, k := range []string{"review.decision", "verdict.override", "challenge.file", "challenge.answer"} {
		if kinds[k] == 0 {
			t.Errorf("no %s event in the audit log: %v", k, kinds)
		}
	}
	e.ok("audit", "verify")
}
