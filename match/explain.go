package match

import (
	"math"
	"math/bits"

	signet "github.com/signet-vote/signet"
)

// Explanation: the candidates a verdict keeps, with each field's level and weight.

// candidates renders up to three candidates, best first (chosen, when >= 0, leads), with
// their posterior, per-field levels and weights, and the rule that turned each down: the
// one rule names (nil: none), else, for a candidate the rules admit, the posterior's. d
// is the decision on chosen.
func (e *Engine) candidates(cs *cands, chosen int, d signet.Decision, null float64, rule func(*ecand) string) []signet.Candidate {
	if len(cs.list) == 0 {
		return nil
	}
	var order [3]int
	n := 0
	if chosen >= 0 {
		order[0] = chosen
		n = 1
	}
	for n < 3 {
		bk := -1
		for k := range cs.list {
			dup := false
			for i := 0; i < n; i++ {
				dup = dup || order[i] == k
			}
			if !dup && (bk < 0 || cs.list[k].w > cs.list[bk].w) {
				bk = k
			}
		}
		if bk < 0 {
			break
		}
		order[n] = bk
		n++
	}
	mx := null
	for k := range cs.list {
		mx = max(mx, cs.list[k].w)
	}
	sum := math.Exp2(null - mx)
	for k := range cs.list {
		sum += math.Exp2(cs.list[k].w - mx)
	}
	out := make([]signet.Candidate, n)
	nf := 0
	for i := 0; i < n; i++ {
		nf += bits.OnesCount16(cs.list[order[i]].compared)
	}
	backing := make([]signet.FieldLevel, 0, nf)
	for i := 0; i < n; i++ {
		c := &cs.list[order[i]]
		oc := signet.Candidate{VoterID: e.roll.ID(int(c.voter)), Score: math.Exp2(c.w-mx) / sum, Address: signet.AddressNone}
		if c.compared&(1<<fHouse) != 0 && c.addrAgrees {
			oc.Address = signet.AddressCurrent
			if c.prior >= 0 {
				oc.Address = signet.AddressPrior
			}
		}
		start := len(backing)
		for f := 0; f < nFields; f++ {
			if c.compared&(1<<f) != 0 {
				backing = append(backing, signet.FieldLevel{Field: fieldNames[f], Level: c.lv[f].String(), Weight: round2(c.fw[f])})
			}
		}
		oc.Fields = backing[start:len(backing):len(backing)]
		oc.Rule = candidateRule(c, i == 0 && chosen >= 0, d, rule)
		out[i] = oc
	}
	return out
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// candidateRule is the rule that turned candidate c down or sent it to review, "" for
// the voter linked. chosen is whether c is the candidate the decision d is about.
func candidateRule(c *ecand, chosen bool, d signet.Decision, rule func(*ecand) string) string {
	if chosen {
		switch d {
		case signet.DecideLink:
			return ""
		case signet.DecideReview:
			if c.name.first == lvMissing && c.addrAgrees {
				return RuleSurnameOnly
			}
			return RuleReviewBand
		}
		return RuleBelowThreshold
	}
	if rule != nil {
		if x := rule(c); x != "" {
			return x
		}
	}
	if d == signet.DecideLink || d == signet.DecideReview {
		return RuleOutweighed
	}
	return RuleBelowThreshold
}
