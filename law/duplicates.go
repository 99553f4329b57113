package law

import (
	"slices"
	"strings"

	"github.com/signet-vote/signet"
)

// The duplicate rule (domain.md §3; Elections Code §11303 counts one signature per voter,
// and the Registrar's practice in Los Angeles 2022 struck every later line of a voter who
// signed again: keep_first; strike_all strikes every line of such a voter). It is applied
// among lines that are otherwise valid and linked to the same voter.

// DuplicateRule is the rule of a policy over a whole petition: given the candidates (in any
// order), the changes it makes to their verdicts, in the order their events are written.
// keep_first keeps the line signed earliest (then first filed) and strikes the rest;
// strike_all strikes them all. A verdict whose outcome the rule leaves as it is, is not a change.
func DuplicateRule(policy signet.DuplicatePolicy) signet.DuplicateRule {
	return func(all []signet.DuplicateCandidate) []signet.DuplicateChange {
		all = groupDuplicates(all)
		var out []signet.DuplicateChange
		for i := 0; i < len(all); {
			j := i
			for j < len(all) && all[j].Voter == all[i].Voter {
				j++
			}
			for k := i; k < j; k++ {
				dup := (policy == signet.StrikeAll && j-i > 1) || (policy != signet.StrikeAll && k > i)
				r := &all[k]
				if dup == !r.Valid && (!dup || r.Reason == signet.Duplicate) {
					continue
				}
				out = append(out, signet.DuplicateChange{DuplicateCandidate: *r, Struck: dup})
			}
			i = j
		}
		return out
	}
}

// groupDuplicates orders the candidates for the rule: each voter's lines together, signed
// earliest first, then filed first, so that the first of a group is the one keep_first
// keeps. Voters with one line come first in the order given; only the voters with several
// lines are sorted, a fifth of them at county scale, where sorting all took a second.
func groupDuplicates(all []signet.DuplicateCandidate) []signet.DuplicateCandidate {
	count := make(map[string]int32, len(all))
	for i := range all {
		count[all[i].Voter]++
	}
	out := make([]signet.DuplicateCandidate, 0, len(all))
	var multi []signet.DuplicateCandidate
	for i := range all {
		if count[all[i].Voter] == 1 {
			out = append(out, all[i])
		} else {
			multi = append(multi, all[i])
		}
	}
	slices.SortFunc(multi, func(a, b signet.DuplicateCandidate) int {
		if c := strings.Compare(a.Voter, b.Voter); c != 0 {
			return c
		}
		if c := strings.Compare(a.Signed, b.Signed); c != 0 {
			return c
		}
		return a.Seq - b.Seq
	})
	return append(out, multi...)
}

// DuplicateTracker strikes, as a count stores its lines, those the duplicate rule strikes
// whatever lines come later; the rule, run once every line is decided, changes only the
// rest. A line known to precede another of the same voter (signed earlier, or the same day
// and filed first) stays valid before the rule, so under keep_first the later one is struck
// for certain; under strike_all, any two lines of a voter are.
type DuplicateTracker struct {
	policy signet.DuplicatePolicy
	// first is, by voter, the index in known of the voter's first line so far.
	first map[string]int
	// known are the lines the rule looks at, as stored (struck or not).
	known []signet.DuplicateCandidate
}

// NewDuplicateTracker starts a tracker for a count of about n lines under a policy.
func NewDuplicateTracker(policy signet.DuplicatePolicy, n int) *DuplicateTracker {
	return &DuplicateTracker{policy: policy, first: make(map[string]int, n)}
}

// Add notes line c and appends to out the strikes it makes certain: c itself, and the
// voter's first line so far when c comes before it (or, under strike_all, is a second line).
func (t *DuplicateTracker) Add(c signet.DuplicateCandidate, out []signet.DuplicateChange) []signet.DuplicateChange {
	i := len(t.known)
	t.known = append(t.known, c)
	j, seen := t.first[c.Voter]
	if !seen {
		t.first[c.Voter] = i
		return out
	}
	p := &t.known[j]
	earlier := p.Signed < c.Signed || (p.Signed == c.Signed && p.Seq < c.Seq)
	strike := func(x *signet.DuplicateCandidate) {
		x.Valid, x.Reason = false, signet.Duplicate
		out = append(out, signet.DuplicateChange{DuplicateCandidate: *x, Struck: true})
	}
	if earlier || t.policy == signet.StrikeAll {
		strike(&t.known[i])
	}
	if (!earlier || t.policy == signet.StrikeAll) && p.Valid {
		strike(p)
	}
	if !earlier {
		t.first[c.Voter] = i
	}
	return out
}
