package match

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	signet "github.com/signet-vote/signet"
)

// Deciding: the candidate sets, their posterior, and the link each path decides.

// scratch is the working memory of one Link call, pooled.
type scratch struct {
	q      query
	ac, nc cands
}

func (e *Engine) getScratch() *scratch {
	if s, ok := e.pool.Get().(*scratch); ok {
		return s
	}
	return new(scratch)
}

// cands is the candidate set of one path: the best comparison per voter.
type cands struct {
	buf  [32]ecand
	list []ecand
	// seen are the references already compared, to skip a reference two passes found.
	seen []int32
	sbuf [64]int32
	// overflow: a name block too common to weigh was skipped; no name-only link then.
	overflow bool
}

func (cs *cands) reset() {
	cs.list = cs.buf[:0]
	cs.seen = cs.sbuf[:0]
	cs.overflow = false
}

// visit reports whether ref is new, and records it.
func (cs *cands) visit(ref int32) bool {
	for _, s := range cs.seen {
		if s == ref {
			return false
		}
	}
	cs.seen = append(cs.seen, ref)
	return true
}

// add keeps c when it is the voter's best comparison.
func (cs *cands) add(c *ecand) {
	for k := range cs.list {
		if cs.list[k].voter == c.voter {
			if c.w > cs.list[k].w || c.w == cs.list[k].w && c.prior < cs.list[k].prior {
				cs.list[k] = *c
			}
			return
		}
	}
	cs.list = append(cs.list, *c)
}

// posterior returns the index of the best candidate among those ok accepts (-1 when
// none) and its share of 2^w among the candidates rival accepts (nil: all) and the null.
func (cs *cands) posterior(null float64, ok, rival func(c *ecand) bool) (int, float64) {
	best := -1
	mx := null
	for k := range cs.list {
		c := &cs.list[k]
		mx = max(mx, c.w)
		if ok(c) && (best < 0 || c.w > cs.list[best].w || c.w == cs.list[best].w && c.voter < cs.list[best].voter) {
			best = k
		}
	}
	if best < 0 {
		return -1, 0
	}
	sum := math.Exp2(null - mx)
	for k := range cs.list {
		if k == best || rival == nil || rival(&cs.list[k]) {
			sum += math.Exp2(cs.list[k].w - mx)
		}
	}
	return best, math.Exp2(cs.list[best].w-mx) / sum
}

func (e *Engine) decide(p float64) signet.Decision {
	switch {
	case p >= e.opt.Upper:
		return signet.DecideLink
	case p >= e.opt.Lower:
		return signet.DecideReview
	}
	return signet.DecideNone
}

// Link finds the voter a line most likely is: by address first (AddressCurrent or
// AddressPrior), then by name alone (AddressNone), with a decision from the posterior.
func (e *Engine) Link(line *signet.Line) signet.Link {
	e.linked.Add(1)
	sc := e.getScratch()
	defer e.pool.Put(sc)
	q, ac, nc := &sc.q, &sc.ac, &sc.nc
	e.prepare(q, line)
	if q.rs[0].last.key == "" && q.rs[0].first.key == "" {
		return signet.Link{Address: signet.AddressNone, Decision: signet.DecideNone}
	}
	ac.reset()
	e.addressCandidates(q, ac)
	e.scored.Add(int64(len(ac.seen)))
	// The rivals at an address are the candidates the rules would let link: a household
	// member whose given name only resembles the line's while another bears it, or whose
	// suffix differs, is not the signer whatever the weights say (rules.go).
	ar := newAddressRules(ac)
	okAddr := func(c *ecand) bool { return ar.rule(c) == "" }
	bi, bp := ac.posterior(e.nullAddr, okAddr, okAddr)
	if bi >= 0 {
		link := e.addressLink(q, ac, bi, bp, ar.rule)
		if link.Decision != signet.DecideNone {
			// Someone registered at the address may be the signer: the name-only path
			// is not taken, as in SimpleLinker.
			return link
		}
	}
	// Name only; not for an address in a ZIP code no voter lives in, which is outside the
	// roll's jurisdiction whoever signed.
	nc.reset()
	if z := q.zip; z != 0 {
		if _, ok := e.zips[z]; !ok {
			return e.noLink(ac, nc, bp, func(c *ecand) string {
				if x := ar.rule(c); x != RuleAddressDiffers {
					return x
				}
				return RuleZIPOutsideRoll
			})
		}
	}
	e.nameCandidates(q, nc)
	e.scored.Add(int64(len(nc.seen)))
	okName := func(c *ecand) bool { return nameOnlyRule(c) == "" }
	ni, np := nc.posterior(e.nullName, okName, nil)
	if ni >= 0 && !nc.overflow {
		d := e.decide(np)
		if d != signet.DecideNone {
			v := e.voter(nc.list[ni].voter)
			return signet.Link{Voter: v, Score: np, Decision: d, Address: signet.AddressNone,
				Candidates: e.candidates(nc, ni, d, e.nullName, nameOnlyRule)}
		}
	}
	return e.noLink(ac, nc, bp, ar.rule)
}

// noLink is a line linked to nobody, with the candidates considered: the address path's
// (each with the rule addrRule names), else the name-only path's.
func (e *Engine) noLink(ac, nc *cands, p float64, addrRule func(*ecand) string) signet.Link {
	l := signet.Link{Address: signet.AddressNone, Decision: signet.DecideNone, Score: p}
	if len(ac.list) > 0 {
		l.Candidates = e.candidates(ac, -1, signet.DecideNone, e.nullAddr, addrRule)
	} else if len(nc.list) > 0 {
		l.Candidates = e.candidates(nc, -1, signet.DecideNone, e.nullName, func(c *ecand) string {
			if x := nameOnlyRule(c); x != "" || !nc.overflow {
				return x
			}
			return RuleCommonName
		})
	}
	return l
}

// addressLink is the link to address candidate bi with posterior p; rule names the rule
// that turned each other candidate down.
func (e *Engine) addressLink(q *query, ac *cands, bi int, p float64, rule func(*ecand) string) signet.Link {
	b := &ac.list[bi]
	v := e.voter(b.voter)
	link := signet.Link{Voter: v, Score: p, Decision: e.decide(p), Address: signet.AddressCurrent}
	if b.name.first == lvMissing {
		// The surname alone: any voter of it at the address could have signed, and the
		// posterior is shared between them; a person decides, whatever its share.
		link.Decision = signet.DecideReview
	}
	a := &v.Residence
	// (A prior the voter does not have can come only from a snapshot that lies about the
	// roll; it is left as the residence rather than read out of range.)
	if b.prior >= 0 && int(b.prior) < len(v.Prior) {
		link.Address, link.Prior = signet.AddressPrior, int(b.prior)
		a = &v.Prior[b.prior].Address
	}
	vu := NormalizeUnit(a.Unit)
	switch {
	case q.la.unit == "" && vu != "":
		link.Notes = append(link.Notes, signet.NoteApartmentMissing)
	case q.la.unit != vu:
		link.Notes = append(link.Notes, signet.NoteApartmentDiffers)
	}
	if q.la.city == "" && a.City != "" {
		link.Notes = append(link.Notes, signet.NoteCityMissing)
	}
	link.Candidates = e.candidates(ac, bi, link.Decision, e.nullAddr, rule)
	return link
}

// LinkVoter links a record of another file to the roll (generic linkage, `signet link`):
// every pass, every field, no petition rules. Address is AddressCurrent or AddressPrior
// when the best candidate's address agrees, else AddressNone.
func (e *Engine) LinkVoter(rec *signet.Voter) signet.Link {
	e.linked.Add(1)
	sc := e.getScratch()
	defer e.pool.Put(sc)
	q, cs := &sc.q, &sc.ac
	e.prepareVoter(q, rec)
	cs.reset()
	e.genericCandidates(q, cs)
	e.scored.Add(int64(len(cs.seen)))
	bi, p := cs.posterior(e.nullGen, func(*ecand) bool { return true }, nil)
	if bi < 0 {
		return signet.Link{Address: signet.AddressNone, Decision: signet.DecideNone}
	}
	d := e.decide(p)
	b := &cs.list[bi]
	if d == signet.DecideLink && weakNameOnly(b) {
		d = signet.DecideReview
	}
	l := signet.Link{Score: p, Decision: d, Address: signet.AddressNone, Candidates: e.candidates(cs, bi, d, e.nullGen, nil)}
	if d != signet.DecideNone {
		l.Voter = e.voter(b.voter)
		if b.addrAgrees {
			l.Address = signet.AddressCurrent
			if b.prior >= 0 {
				l.Address, l.Prior = signet.AddressPrior, int(b.prior)
			}
		}
	}
	return l
}

// weakNameOnly reports a pair whose given name is blank on one side and whose other name
// fields do not make up for it, nor an agreeing birth date: a surname that is not exact, or
// a middle name that disagrees. Such a record could be anyone of the household at the address (KELLEY FREDRICK
// against a roll's KELLY with no given name), so a person decides.
func weakNameOnly(c *ecand) bool {
	birthAgrees := c.compared&(1<<fBirth) != 0 && c.lv[fBirth] == lvExact
	return c.lv[fFirst] == lvMissing && !birthAgrees && (c.lv[fLast] != lvExact || c.lv[fMiddle] == lvDisagree)
}

// UpperFor sets the link threshold from the posteriors themselves: the lowest threshold at
// which the expected share of false links among the links, the mean of 1−p over the
// records whose posterior p reaches it, stays at or below maxFalse. The posteriors are the
// model's own, fitted to the files being linked, so the threshold needs no truth; it is
// kept within [floor, ceil]. It returns the threshold and the expected false-link share at
// it.
func UpperFor(scores []float64, maxFalse, floor, ceil float64) (float64, float64) {
	s := make([]float64, 0, len(scores))
	for _, p := range scores {
		if p > 0 {
			s = append(s, p)
		}
	}
	slices.SortFunc(s, func(a, b float64) int { return cmp.Compare(b, a) })
	best, rate := ceil, 0.0
	miss := 0.0
	for k, p := range s {
		miss += 1 - p
		r := miss / float64(k+1)
		if p < floor {
			break
		}
		if r <= maxFalse && p <= ceil {
			// A threshold between two equal posteriors cannot split them: take it at p.
			best, rate = p, r
		}
	}
	return best, rate
}

// SetUpper sets the posterior from which a pair links (UpperFor's choice). Not
// concurrently with linking.
func (e *Engine) SetUpper(p float64) error {
	if p <= e.opt.Lower || p > 1 {
		return fmt.Errorf("match: upper threshold %v must be above the lower %v and at most 1", p, e.opt.Lower)
	}
	e.opt.Upper = p
	return nil
}
