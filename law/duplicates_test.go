package law

import (
	"fmt"
	"testing"

	"github.com/signet-vote/signet"
)

// Voter A signed three times (lines 1, 4 and 2, line 4 signed earliest), B twice, C once;
// line 5 of B is struck already from an earlier run of the rule.
func dupCandidates() []signet.DuplicateCandidate {
	return []signet.DuplicateCandidate{
		{Seq: 1, LineID: "S1-1", Voter: "A", Signed: "2022-03-02", Valid: true},
		{Seq: 2, LineID: "S1-2", Voter: "A", Signed: "2022-03-05", Valid: true},
		{Seq: 3, LineID: "S1-3", Voter: "C", Signed: "2022-03-01", Valid: true},
		{Seq: 4, LineID: "S1-4", Voter: "A", Signed: "2022-03-01", Valid: true},
		{Seq: 5, LineID: "S1-5", Voter: "B", Signed: "2022-03-09", Reason: signet.Duplicate},
		{Seq: 6, LineID: "S1-6", Voter: "B", Signed: "2022-03-09", Valid: true},
	}
}

func changes(cs []signet.DuplicateChange) string {
	out := ""
	for _, c := range cs {
		out += fmt.Sprintf("%d:%v ", c.Seq, c.Struck)
	}
	return out
}

func TestDuplicateRule(t *testing.T) {
	// keep_first keeps A's line signed earliest (4) and strikes 1 and 2; of B's two lines
	// signed the same day it keeps the first filed (5, struck before: valid again) and
	// strikes 6; C's one line is no duplicate. Five changes: 4 stays, 3 stays.
	if got := changes(DuplicateRule(signet.KeepFirst)(dupCandidates())); got != "1:true 2:true 5:false 6:true " {
		t.Errorf("keep_first: %s", got)
	}
	// strike_all strikes every line of A (three) and B (6; 5 is struck already).
	if got := changes(DuplicateRule(signet.StrikeAll)(dupCandidates())); got != "4:true 1:true 2:true 6:true " {
		t.Errorf("strike_all: %s", got)
	}
}

// The tracker strikes, line by line in filing order, exactly what the rule over the whole
// petition would, whenever the rule's outcome for a line can no longer change.
func TestDuplicateTrackerAgreesWithTheRule(t *testing.T) {
	for _, policy := range []signet.DuplicatePolicy{signet.KeepFirst, signet.StrikeAll} {
		all := dupCandidates()
		for i := range all {
			all[i].Valid, all[i].Reason = true, ""
		}
		tr := NewDuplicateTracker(policy, len(all))
		var struck []signet.DuplicateChange
		for _, c := range all {
			struck = tr.Add(c, struck)
		}
		// Applied to what the tracker left, the rule has nothing to change.
		byseq := map[int]bool{}
		for _, c := range struck {
			byseq[c.Seq] = true
		}
		for i := range all {
			if byseq[all[i].Seq] {
				all[i].Valid, all[i].Reason = false, signet.Duplicate
			}
		}
		if left := DuplicateRule(policy)(all); len(left) != 0 {
			t.Errorf("%s: the tracker struck %s; the rule changes %s after it", policy, changes(struck), changes(left))
		}
	}
}
