package main

import (
	"strings"
	"testing"

	"github.com/signet-vote/signet/law"
)

func TestStateRecallRunningTotal(t *testing.T) {
	e := newEnv(t)
	e.ok("jurisdiction", "create", "--id", "ca", "--name", "California", "--zips", "90001")
	// Six counties; 1% of each county's last vote, rounded up, is its county requirement.
	votes := e.write("votes.csv", "county,last_vote\nAlameda,600000\nFresno,250000\nKern,200000\nLos Angeles,3000000\nOrange,1200000\nSan Diego,1300000\n")
	var p map[string]any
	e.json(&p, "petition", "create", "--id", "gov", "--kind", "state-recall", "--jurisdiction", "ca", "--rules", "ca-state-recall",
		"--last-vote", "12464235", "--county-votes", votes, "--approved", "2020-06-10")
	// Cal. Const. art. II §14(b): 12% × 12,464,235 = 1,495,708.2 → 1,495,709.
	if p["required"] != 1495709.0 {
		t.Fatalf("petition = %v", p)
	}
	if _, errs, code := e.run("state", "report", "add", "--petition", "gov", "--county", "Marin", "--period-end", "2021-01-31", "--raw", "5", "--valid", "4"); code != ExitNotFound {
		t.Errorf("unknown county: exit %d %s", code, errs)
	}
	add := func(county, end, raw, valid string) law.StateStatus {
		var st law.StateStatus
		e.json(&st, "state", "report", "add", "--petition", "gov", "--county", county, "--period-end", end, "--raw", raw, "--valid", valid)
		return st
	}
	add("Alameda", "2021-02-05", "40000", "30000")
	add("Fresno", "2021-02-05", "10000", "2000") // 1% of 250,000 = 2,500: not met
	st := add("Los Angeles", "2021-02-05", "500000", "400000")
	if st.ThresholdMet || st.Valid != 432000 || st.CountiesMet != 2 {
		t.Fatalf("first period: %+v", st)
	}
	// Reports are totals to date: Fresno's new report replaces its old one.
	add("Fresno", "2021-03-17", "20000", "16000")
	add("Kern", "2021-03-17", "10000", "8000")
	add("Orange", "2021-03-17", "400000", "320000")
	st = add("San Diego", "2021-03-17", "900000", "700000")
	// Total 30,000 + 16,000 + 400,000 + 8,000 + 320,000 + 700,000 = 1,474,000 < 1,495,709.
	if st.ThresholdMet || st.Valid != 1474000 || st.CountiesMet != 6 {
		t.Fatalf("second period: %+v", st)
	}
	st = add("Los Angeles", "2021-04-26", "560000", "450000")
	// 1,474,000 − 400,000 + 450,000 = 1,524,000 ≥ 1,495,709 with six counties met: the
	// threshold is met on 2021-04-26 and signers may withdraw for 30 working days
	// (Elections Code §11108(b)): to 2021-06-08, Memorial Day (May 31) excluded.
	if !st.ThresholdMet || st.ThresholdMetOn != "2021-04-26" || st.WithdrawalDeadline != "2021-06-08" {
		t.Fatalf("third period: %+v", st)
	}
	if _, errs, code := e.run("state", "report", "add", "--petition", "gov", "--county", "Kern", "--period-end", "2021-03-01", "--raw", "1", "--valid", "1"); code != ExitConflict {
		t.Errorf("an older report: exit %d %s", code, errs)
	}
	out := e.ok("state", "status", "--petition", "gov")
	if !strings.Contains(out, "threshold met on 2021-04-26") {
		t.Errorf("status: %s", out)
	}
	e.ok("audit", "verify")
}

// TestStateRecallCountyVotesAsEntries: --county-votes also reads county=N entries
// (signet.ReadCountyVotes, the web's form), and refuses a malformed one naming it.
func TestStateRecallCountyVotesAsEntries(t *testing.T) {
	e := newEnv(t)
	e.ok("jurisdiction", "create", "--id", "ca", "--name", "California", "--zips", "90001")
	bad := e.write("bad.txt", "Alameda=600000\nFresno\n")
	if _, errs, code := e.run("petition", "create", "--id", "gov", "--kind", "state-recall", "--jurisdiction", "ca", "--rules", "ca-state-recall",
		"--last-vote", "12464235", "--county-votes", bad, "--approved", "2020-06-10"); code != ExitInvalid || !strings.Contains(errs, `entry 2 ("Fresno"): want county=N`) {
		t.Errorf("a malformed entry: exit %d %s", code, errs)
	}
	votes := e.write("votes.txt", "Alameda=600000, Fresno=250000\nKern=200000\n")
	e.ok("petition", "create", "--id", "gov", "--kind", "state-recall", "--jurisdiction", "ca", "--rules", "ca-state-recall",
		"--last-vote", "12464235", "--county-votes", votes, "--approved", "2020-06-10")
	var st map[string]any
	e.json(&st, "state", "status", "--petition", "gov")
	if c, _ := st["counties"].([]any); len(c) != 3 {
		t.Errorf("status: %v", st)
	}
}
