package match

import (
	"maps"
	"math"
	"slices"

	signet "github.com/signet-vote/signet"
)

// TrainReport is what Train and TrainVoters estimated.
type TrainReport struct {
	// Records is the number of lines or records whose candidate pairs were used.
	Records int
	// NamePairs and AddressPairs are the pairs the two EM runs saw: the name fields' m
	// from the address-blocked pairs, the address fields' m from the name-blocked pairs.
	NamePairs, AddressPairs int
	// Lambda is the estimated share of true matches among the address-blocked pairs.
	Lambda float64
	// Iterations is the number of EM iterations of the name run.
	Iterations int
	// M is the estimated m probability of each field's levels (missing excluded).
	M map[string]map[string]float64
}

// emPrior is the weight, in pairs, of the default m probabilities EM starts from and is
// pulled towards (a Dirichlet prior): it keeps levels that a small sample hardly shows
// from getting extreme weights.
const emPrior = 500

// Train estimates the m probabilities by EM on the candidate pairs of the lines to be
// linked, as Splink does: the name fields' m from the pairs the address passes find (their
// address agrees by construction, so it says nothing), the address fields' m from the pairs
// the surname-given pass finds. u stays as estimated from random roll pairs. Verification
// calls Train on a petition's lines before linking them; without it the engine uses
// default m probabilities. Train must not run concurrently with Link.
func (e *Engine) Train(lines []signet.Line) TrainReport {
	return e.train(len(lines), []int{fLast, fFirst, fMiddle, fSuffix}, func(q *query, i int) { e.prepare(q, &lines[i]) })
}

// TrainVoters is Train for generic linkage: records of another file linked by LinkVoter.
// The name run also estimates the birth date's m.
func (e *Engine) TrainVoters(recs []signet.Voter) TrainReport {
	return e.train(len(recs), []int{fLast, fFirst, fMiddle, fSuffix, fBirth}, func(q *query, i int) { e.prepareVoter(q, &recs[i]) })
}

// train runs EM over a sample of n records that prepare turns into queries. nameFields are
// the name run's fields; all but the surname take part in its E-step.
func (e *Engine) train(n int, nameFields []int, prepare func(q *query, i int)) TrainReport {
	step := max(1, n/e.opt.TrainSample)
	var nameRun, addrRun emRun
	nameRun.fields = nameFields
	nameRun.estep = nameFields[1:]
	addrRun.fields = []int{fHouse, fStreet, fUnit, fCity, fZIP}
	addrRun.estep = addrRun.fields
	rep := TrainReport{}
	// The records (every step-th) are compared on every core, each range into runs of its
	// own; the counts are integers, so adding them up gives the same runs in any order.
	records := (n + step - 1) / step
	const per = 512
	parts := make([][2]emRun, (records+per-1)/per)
	parallel(len(parts), func(k int) {
		var q query
		var cs cands
		nr, ar := &parts[k][0], &parts[k][1]
		nr.fields, ar.fields = nameRun.fields, addrRun.fields
		for j := k * per; j < min(records, (k+1)*per); j++ {
			prepare(&q, j*step)
			cs.reset()
			e.addressCandidates(&q, &cs)
			for k := range cs.list {
				nr.add(&cs.list[k])
			}
			cs.reset()
			e.nameCandidates(&q, &cs)
			for k := range cs.list {
				// The address fields were not compared on the name path: compare them now.
				c := &cs.list[k]
				var full ecand
				e.compare(&q, c.voter, &full, true, false)
				ar.add(&full)
			}
		}
	})
	rep.Records = records
	for k := range parts {
		nameRun.merge(&parts[k][0])
		addrRun.merge(&parts[k][1])
	}
	e.finishTraining(&rep, &nameRun, &addrRun)
	return rep
}

func (e *Engine) finishTraining(rep *TrainReport, nameRun, addrRun *emRun) {
	rep.NamePairs, rep.AddressPairs = nameRun.pairs, addrRun.pairs
	if nameRun.pairs > 0 {
		lam, it := nameRun.run(e, 0.3)
		rep.Lambda, rep.Iterations = lam, it
		e.lambdaA = lam
	}
	if addrRun.pairs > 0 {
		addrRun.run(e, 0.3)
	}
	e.reweigh()
	rep.M = map[string]map[string]float64{}
	for f := 0; f < nFields; f++ {
		mm := map[string]float64{}
		for l := lvExact; l < nLevels; l++ {
			if l != lvMissing && e.m[f][l] > 0 {
				mm[l.String()] = math.Round(e.m[f][l]*1e4) / 1e4
			}
		}
		rep.M[fieldNames[f]] = mm
	}
}

// emRun counts the agreement patterns of some fields over candidate pairs. The E step
// weighs a pattern by the estep fields only: on address-blocked pairs the surname agrees
// within every household, so letting it vote would make household members matches; its m
// is still estimated, from the other fields' verdict (a leave-one-out M step).
type emRun struct {
	fields []int
	estep  []int
	counts map[uint64]int
	pairs  int
}

func (r *emRun) add(c *ecand) {
	if r.counts == nil {
		r.counts = map[uint64]int{}
	}
	var key uint64
	for i, f := range r.fields {
		key |= uint64(c.lv[f]) << (4 * i)
	}
	r.counts[key]++
	r.pairs++
}

// merge adds the counts of o, a run over the same fields.
func (r *emRun) merge(o *emRun) {
	if r.counts == nil {
		r.counts = map[uint64]int{}
	}
	for k, n := range o.counts {
		r.counts[k] += n
	}
	r.pairs += o.pairs
}

// run estimates m of the run's fields with u fixed, from lambda0; it returns the match
// share and the number of iterations.
func (r *emRun) run(e *Engine, lambda0 float64) (float64, int) {
	type pat struct {
		lv [8]level
		n  float64
	}
	// Patterns in key order, not map order: the sums below are floating point, and an
	// order that changed from run to run made the weights, and so the scores, differ in
	// their last bits between two runs of the same petition.
	keys := slices.Sorted(maps.Keys(r.counts))
	pats := make([]pat, 0, len(keys))
	for _, key := range keys {
		n := r.counts[key]
		var p pat
		for i := range r.fields {
			p.lv[i] = level(key >> (4 * i) & 0xf)
		}
		p.n = float64(n)
		pats = append(pats, p)
	}
	prior := defaultM()
	m := e.m
	lam := lambda0
	it := 0
	for it = 1; it <= 50; it++ {
		var exp [nFields][nLevels]float64
		var tot [nFields]float64
		sumM, sumAll := 0.0, 0.0
		for _, p := range pats {
			lm, lu := math.Log(lam), math.Log(1-lam)
			for i, f := range r.fields {
				l := p.lv[i]
				if l == lvMissing || l == lvNone || !slices.Contains(r.estep, f) {
					continue
				}
				lm += math.Log(max(m[f][l], 1e-9))
				lu += math.Log(max(e.u[f][l], 1e-9))
			}
			g := 1 / (1 + math.Exp(lu-lm)) // P(match | pattern)
			sumM += g * p.n
			sumAll += p.n
			for i, f := range r.fields {
				l := p.lv[i]
				if l == lvMissing || l == lvNone {
					continue
				}
				exp[f][l] += g * p.n
				tot[f] += g * p.n
			}
		}
		delta := 0.0
		for _, f := range r.fields {
			for l := range m[f] {
				if level(l) == lvMissing || level(l) == lvNone {
					continue
				}
				nm := (exp[f][l] + emPrior*prior[f][l]) / (tot[f] + emPrior)
				delta = max(delta, math.Abs(nm-m[f][l]))
				m[f][l] = nm
			}
		}
		newLam := min(max(sumM/max(sumAll, 1), 1e-4), 0.9999)
		delta = max(delta, math.Abs(newLam-lam))
		lam = newLam
		if delta < 1e-4 {
			break
		}
	}
	for _, f := range r.fields {
		e.m[f] = m[f]
	}
	return lam, min(it, 50)
}

// FitMatchShare estimates the share π of the records to be linked that have a match on the
// roll, by EM on that one parameter with the weights fixed: each record's chance of having
// a match is Σ2^w over its candidates against that sum plus the null odds N(1−π)/π, and π is
// the mean of those chances until it settles. The generic null weight becomes log2 of the
// null odds, so the posterior LinkVoter decides by is calibrated to the file being linked
// (a file of the roll's own people is not linked as cautiously as one of strangers) rather
// than to a constant. It leaves a GenericNullWeight set in the options alone. Call it after
// TrainVoters, before linking; not concurrently with LinkVoter.
func (e *Engine) FitMatchShare(recs []signet.Voter) float64 {
	if e.opt.GenericNullWeight != 0 || len(recs) == 0 {
		return e.matchShare
	}
	step := max(1, len(recs)/e.opt.TrainSample)
	records := (len(recs) + step - 1) / step
	// Each record's log2 Σ2^w over its candidates; -Inf for none.
	lse := make([]float64, records)
	const per = 512
	parallel((records+per-1)/per, func(k int) {
		var q query
		var cs cands
		for j := k * per; j < min(records, (k+1)*per); j++ {
			e.prepareVoter(&q, &recs[j*step])
			cs.reset()
			e.genericCandidates(&q, &cs)
			mx := math.Inf(-1)
			for i := range cs.list {
				mx = max(mx, cs.list[i].w)
			}
			s := 0.0
			for i := range cs.list {
				s += math.Exp2(cs.list[i].w - mx)
			}
			lse[j] = mx + math.Log2(s)
		}
	})
	n := float64(max(2, len(e.recs)))
	pi := 0.5
	for it := 0; it < 200; it++ {
		null := math.Log2(n * (1 - pi) / pi)
		sum := 0.0
		for _, l := range lse {
			if !math.IsInf(l, -1) {
				sum += 1 / (1 + math.Exp2(null-l))
			}
		}
		next := min(max(sum/float64(records), 0.01), 0.99)
		if math.Abs(next-pi) < 1e-7 {
			pi = next
			break
		}
		pi = next
	}
	e.matchShare = pi
	e.nullGen = math.Log2(n * (1 - pi) / pi)
	return pi
}

// Model is the fitted Fellegi–Sunter model a person reads to see why a pair scored as it
// did: for each field and level, m (the share of true matches showing it), u (the share of
// random roll pairs showing it) and the weight log2(m/u) a pair gains or loses; the null
// weights the best candidate is weighed against, and the match shares they come from.
type Model struct {
	// Fields maps a field to its levels (missing omitted), each {m, u, weight}.
	Fields map[string]map[string]LevelFit `json:"fields"`
	// Lambda is the share of true matches EM estimated among the address-blocked pairs.
	Lambda float64 `json:"lambda"`
	// MatchShare is the estimated share of the linked records with a match on the roll
	// (FitMatchShare; 0 when not estimated).
	MatchShare float64 `json:"match_share"`
	// NullWeight is the generic null weight: log2 of the prior odds against any one roll
	// record being a record's match.
	NullWeight float64 `json:"null_weight"`
	// Upper and Lower are the posterior thresholds of link and review.
	Upper float64 `json:"upper"`
	Lower float64 `json:"lower"`
}

// LevelFit is one level's fitted probabilities and weight.
type LevelFit struct {
	M      float64 `json:"m"`
	U      float64 `json:"u"`
	Weight float64 `json:"weight"`
}

// Model reports the fitted model.
func (e *Engine) Model() Model {
	r4 := func(x float64) float64 { return math.Round(x*1e4) / 1e4 }
	out := Model{Fields: map[string]map[string]LevelFit{}, Lambda: r4(e.lambdaA), MatchShare: r4(e.matchShare),
		NullWeight: r4(e.nullGen), Upper: e.opt.Upper, Lower: e.opt.Lower}
	for f := 0; f < nFields; f++ {
		lv := map[string]LevelFit{}
		for l := lvExact; l < nLevels; l++ {
			if l == lvMissing || l == lvNone || e.m[f][l] <= 0 {
				continue
			}
			lv[l.String()] = LevelFit{M: r4(e.m[f][l]), U: r4(e.u[f][l]), Weight: round2(e.w[f][l])}
		}
		out.Fields[fieldNames[f]] = lv
	}
	return out
}
