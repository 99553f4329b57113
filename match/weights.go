package match

import (
	"math"
	"math/rand/v2"
)

// Weights: term frequencies, the m and u probabilities and the log2(m/u) weights.

// termFrequencies counts each surname key and given-name first word on the roll.
func (e *Engine) termFrequencies() {
	lastCount := make(map[string]int32, len(e.names))
	firstCount := make(map[string]int32, len(e.names))
	perLast := make([]int32, len(e.names))
	perFirst := make([]int32, len(e.names))
	for i := range e.recs {
		perLast[e.recs[i].last]++
		perFirst[e.recs[i].first]++
	}
	for id := range e.names {
		if perLast[id] > 0 {
			lastCount[e.names[id].key] += perLast[id]
		}
		if perFirst[id] > 0 {
			firstCount[firstWord(e.names[id].norm)] += perFirst[id]
		}
	}
	n := float32(max(1, len(e.recs)))
	e.tfLast = make([]float32, len(e.names))
	e.tfFirst = make([]float32, len(e.names))
	for id := range e.names {
		e.tfLast[id] = float32(lastCount[e.names[id].key]) / n
		e.tfFirst[id] = float32(firstCount[firstWord(e.names[id].norm)]) / n
	}
}

// defaultM are the m probabilities before EM: what share of true matches shows each
// level, from the noise people add when they write their name and address.
func defaultM() [nFields][nLevels]float64 {
	var m [nFields][nLevels]float64
	set := func(f int, kv map[level]float64) {
		for l, p := range kv {
			m[f][l] = p
		}
	}
	set(fLast, map[level]float64{lvExact: .90, lvCompound: .03, lvCompoundTypo: .003, lvTypo: .03, lvJW: .015, lvPhonetic: .005, lvJWLow: .005, lvInitial: .002, lvDisagree: .013})
	set(fFirst, map[level]float64{lvExact: .78, lvNickname: .08, lvInitial: .05, lvTypo: .04, lvJW: .015, lvPhonetic: .005, lvJWLow: .005, lvJWWeak: .01, lvDisagree: .015})
	set(fMiddle, map[level]float64{lvExact: .6, lvInitial: .3, lvTypo: .02, lvDisagree: .08})
	set(fSuffix, map[level]float64{lvExact: .98, lvDisagree: .02}) // JR is not SR: father and son
	set(fHouse, map[level]float64{lvExact: .96, lvTypo: .025, lvDisagree: .015})
	set(fStreet, map[level]float64{lvExact: .7, lvAbbrev: .2, lvTypo: .08, lvDisagree: .02})
	set(fUnit, map[level]float64{lvExact: .85, lvDisagree: .15})
	set(fCity, map[level]float64{lvExact: .8, lvAbbrev: .15, lvDisagree: .05})
	set(fZIP, map[level]float64{lvExact: .96, lvTypo: .025, lvDisagree: .015})
	set(fBirth, map[level]float64{lvExact: .93, lvTypo: .05, lvDisagree: .02})
	return m
}

// reweigh computes the weights log2(m/u) and the null weights.
func (e *Engine) reweigh() {
	for f := range e.w {
		if e.letterAgree[f] > 0 {
			e.u[f][lvInitial] = e.m[f][lvInitial] * e.letterAgree[f]
		}
		for l := range e.w[f] {
			if level(l) == lvMissing || level(l) == lvNone {
				e.w[f][l] = 0
				continue
			}
			e.w[f][l] = clampW(math.Log2(max(e.m[f][l], 1e-6) / max(e.u[f][l], 1e-7)))
		}
	}
	if len(e.wTFLast) != len(e.names) {
		e.wTFLast, e.wTFFirst = make([]float32, len(e.names)), make([]float32, len(e.names))
	}
	for id := range e.names {
		e.wTFLast[id] = float32(e.nameWeight(fLast, lvExact, e.tfLast[id]))
		e.wTFFirst[id] = float32(e.nameWeight(fFirst, lvExact, e.tfFirst[id]))
	}
	e.nullAddr = e.opt.AddressNullWeight
	if e.nullAddr == 0 {
		l := min(max(e.lambdaA, 1e-4), 0.9)
		e.nullAddr = math.Log2((1 - l) / l)
	}
	e.nullName = e.opt.NameNullWeight
	e.nullGen = e.opt.GenericNullWeight
	if e.nullGen == 0 {
		e.nullGen = math.Log2(float64(max(2, len(e.recs))))
	}
}

func clampW(w float64) float64 { return min(max(w, -16), 24) }

// estimateU compares random pairs of roll voters: u of each level is its share.
func (e *Engine) estimateU() {
	var cnt [nFields][nLevels]float64
	var tot [nFields]float64
	// Initials: whether a line gives an initial is the writer's choice, the same for a
	// true and a false pair, so the initial level's u is its m times the share of random
	// pairs whose first letters agree (reweigh), not its share of random roll pairs.
	var initAgree, initTot [nFields]float64
	n := len(e.recs)
	if n >= 2 {
		r := rand.New(rand.NewPCG(e.opt.Seed, 0x5167e7))
		var q query
		for s := 0; s < e.opt.USample; s++ {
			i, j := r.IntN(n), r.IntN(n)
			if i == j {
				continue
			}
			e.voterQuery(&q, int32(i))
			var c ecand
			e.compare(&q, int32(j), &c, true, false)
			for f := 0; f < nFields; f++ {
				if c.lv[f] != lvMissing && c.lv[f] != lvNone {
					cnt[f][c.lv[f]]++
					tot[f]++
				}
			}
			rj := &e.recs[j]
			for _, x := range [3][3]uint32{{fFirst, e.recs[i].first, rj.first}, {fMiddle, e.recs[i].middle, rj.middle}, {fLast, e.recs[i].last, rj.last}} {
				a, b := e.names[x[1]].key, e.names[x[2]].key
				if a != "" && b != "" {
					initTot[x[0]]++
					if a[0] == b[0] {
						initAgree[x[0]]++
					}
				}
			}
		}
	}
	// Smoothing: half a pair per level keeps unseen levels finite.
	for f := range cnt {
		for l := range cnt[f] {
			e.u[f][l] = (cnt[f][l] + 0.5) / (tot[f] + 0.5*float64(nLevels))
		}
		if initTot[f] > 0 {
			e.letterAgree[f] = (initAgree[f] + 0.5) / (initTot[f] + 1)
		}
	}
}

// exactW is the term-frequency adjusted weight of exact agreement on name id's field.
func (e *Engine) exactW(f int, id uint32) float64 {
	if f == fLast {
		return float64(e.wTFLast[id])
	}
	return float64(e.wTFFirst[id])
}

// nameWeight is a name level's weight; exact agreement is term-frequency adjusted.
func (e *Engine) nameWeight(f int, l level, tf float32) float64 {
	if l == lvExact && tf > 0 {
		return clampW(math.Log2(e.m[f][lvExact] / float64(tf)))
	}
	return e.w[f][l]
}
