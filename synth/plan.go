package synth

import "fmt"

// plan chooses the signers, orders their lines into sections, dates them and decides the
// truth of every line.
func (g *gen) plan() error {
	L := g.cfg.Lines
	r := g.r
	sh := g.cfg.Mix.shares()
	counts := make([]int, len(sh))
	total := 0
	for i, s := range sh {
		counts[i] = roundCount(s, L)
		total += counts[i]
	}
	for total > L { // rounding overshoot: take from the largest
		j := 0
		for i := range counts {
			if counts[i] > counts[j] {
				j = i
			}
		}
		counts[j]--
		total--
	}
	nNR, nDup, nDA, nSM, nCan, nOOC, nRAC, nWD, nNoSig, nInc := counts[0], counts[1], counts[2], counts[3],
		counts[4], counts[5], counts[6], counts[7], counts[8], counts[9]
	nVal := L - total
	nMov, nRAS := roundCount(0.01, nVal), roundCount(0.015, nVal)
	nOrd := nVal - nMov - nRAS
	if nDup > 0 && nOrd == 0 {
		if nVal == 0 {
			return fmt.Errorf("synth: the mix leaves no valid lines, so there is nobody to sign twice")
		}
		nMov, nRAS, nOrd = 0, 0, nVal
	}
	need := nVal + nDA + nSM + nCan + nRAC + nWD + nNoSig + nInc
	if need > g.cfg.Voters/2 {
		return fmt.Errorf("synth: %d lines need %d distinct voters; the roll of %d is too small (need at least twice as many)",
			L, need, g.cfg.Voters)
	}

	g.persons = make([]person, 0, need+nNR+nOOC)
	notCancelled := func(m *member) bool { return m.status != stCancelled }
	cancelled := func(m *member) bool { return m.status == stCancelled }
	anyone := func(*member) bool { return true }
	unique := func(m *member) bool {
		return m.status != stCancelled && g.keysMax(g.lastParts(m), g.t.firsts[m.first].groups) == 1
	}
	done := 0
	sel := func(role uint8, n, tries int, ok, fb func(*member) bool) error {
		for i := 0; i < n; i++ {
			pi, err := g.pick(role, tries, ok, fb)
			if err != nil {
				return err
			}
			p := &g.persons[pi]
			if role == roleCan && p.status != stCancelled {
				p.ovCancelled = p.reg + int32(r.IntN(int(dayRegEnd-p.reg)+1))
				if p.ovCancelled >= dayRegEnd {
					p.ovCancelled = dayRegEnd - 1
				}
			}
			done++
			if done&0xffff == 0 {
				g.progress("select", done, need)
			}
		}
		return nil
	}
	steps := []struct {
		role     uint8
		n, tries int
		ok, fb   func(*member) bool
	}{
		{roleValid, nOrd, 50, notCancelled, notCancelled},
		{roleMover, nMov, 50, notCancelled, notCancelled},
		{roleRAS, nRAS, 50, notCancelled, notCancelled},
		{roleDA, nDA, 60, unique, notCancelled},
		{roleSM, nSM, 50, notCancelled, notCancelled},
		{roleCan, nCan, 400, cancelled, anyone},
		{roleRAC, nRAC, 50, notCancelled, notCancelled},
		{roleWD, nWD, 50, notCancelled, notCancelled},
		{roleNoSig, nNoSig, 50, notCancelled, notCancelled},
		{roleInc, nInc, 50, notCancelled, notCancelled},
	}
	for _, s := range steps {
		if err := sel(s.role, s.n, s.tries, s.ok, s.fb); err != nil {
			return err
		}
	}
	g.progress("select", need, need)
	for i := range g.persons {
		g.persons[i].nLine = 1
	}
	// duplicates: extra lines of ordinary valid signers, some sign three times
	for i, rem := 0, nDup; rem > 0; i = (i + 1) % nOrd {
		k := 1
		if r.Float64() < 0.15 && rem >= 2 {
			k = 2
		}
		if g.persons[i].nLine+uint8(k) > 200 {
			k = 1
		}
		g.persons[i].nLine += uint8(k)
		rem -= k
	}
	// persons off the roll
	for rem := nNR; rem > 0; {
		var m member
		if err := g.offRollName(&m); err != nil {
			return err
		}
		m.addr = g.randAddr(r, g.countyZip(r))
		p := person{member: m, voter: -1, role: roleNR, nLine: 1}
		if rem >= 2 && r.Float64() < 0.05 {
			p.nLine = 2
		}
		rem -= int(p.nLine)
		g.persons = append(g.persons, p)
	}
	for i := 0; i < nOOC; i++ {
		var m member
		g.drawName(r, g.drawEth(r), &m)
		z := uint16(g.nCounty + r.IntN(len(g.zips)-g.nCounty))
		m.addr = g.randAddr(r, z)
		g.persons = append(g.persons, person{member: m, voter: -1, role: roleOOC, nLine: 1})
	}

	// lines in filing order
	g.lines = make([]lineRec, 0, L)
	for pi := range g.persons {
		for k := 0; k < int(g.persons[pi].nLine); k++ {
			g.lines = append(g.lines, lineRec{person: int32(pi)})
		}
	}
	if len(g.lines) != L {
		return fmt.Errorf("synth: internal error: %d lines planned for %d", len(g.lines), L)
	}
	for i := len(g.lines) - 1; i > 0; i-- {
		j := r.IntN(i + 1)
		g.lines[i], g.lines[j] = g.lines[j], g.lines[i]
	}
	window := int(dayDeadline - dayApproved) // signing days: approved+1 .. deadline
	for i := 0; i < L; {
		n := 5 + r.IntN(56)
		if i+n > L {
			n = L - i
		}
		sec := int32(len(g.sections))
		base := dayApproved + 1 + int32(r.IntN(window))
		for j := 0; j < n; j++ {
			ln := &g.lines[i+j]
			ln.section, ln.number = sec, int32(j+1)
			ln.date = base + int32(r.IntN(8))
			if ln.date > dayDeadline {
				ln.date = dayDeadline
			}
		}
		g.sections = append(g.sections, section{start: int32(i), n: int32(n)})
		i += n
	}
	nCirc := len(g.sections)/6 + 1
	for i := range g.sections {
		g.sections[i].circulator = int32(1 + r.IntN(nCirc))
	}

	// truth: keep_first among a repeat signer's lines, by (date signed, filing position)
	best := make([]int32, len(g.persons))
	for i := range best {
		best[i] = -1
	}
	for i := range g.lines {
		ln := &g.lines[i]
		if p := &g.persons[ln.person]; p.role == roleValid && p.nLine > 1 {
			if b := best[ln.person]; b < 0 || ln.date < g.lines[b].date {
				best[ln.person] = int32(i)
			}
		}
	}
	for i := range g.lines {
		ln := &g.lines[i]
		p := &g.persons[ln.person]
		switch p.role {
		case roleValid:
			ln.reason = rsValid
			if p.nLine > 1 && best[ln.person] != int32(i) {
				ln.reason = rsDuplicate
			}
		case roleMover:
			ln.reason = rsValid
			p.ovPriorUntil = ln.date + int32(r.IntN(int(dayFiled-ln.date)+1))
		case roleRAS:
			ln.reason = rsValid
			if ln.date >= dayFiled {
				ln.date = dayFiled - 1
			}
			p.ovReg = ln.date + 1 + int32(r.IntN(int(dayFiled-ln.date)))
		case roleDA:
			ln.reason = rsDifferentAddress
		case roleSM:
			ln.reason = rsSignatureMismatch
			ln.sig = 2
		case roleCan:
			ln.reason = rsCancelled
		case roleRAC:
			ln.reason = rsOther
			p.ovReg = dayFiled + 1 + int32(r.IntN(int(dayRoll-dayFiled)))
		case roleWD, roleNoSig, roleInc:
			ln.reason = rsOther
		case roleNR:
			ln.reason = rsNotRegistered
		case roleOOC:
			ln.reason = rsOutOfCounty
		}
		if ln.reason == rsValid && r.Float64() < 0.02 {
			ln.sig = 1
		}
	}
	return nil
}

// offRollName draws a name for a person who is not on the roll: no surname part of it, paired
// with any nickname-group variant of its first name, may be a key of a roll voter.
func (g *gen) offRollName(m *member) error {
	for try := 0; try < 100000; try++ {
		g.drawName(g.r, g.drawEth(g.r), m)
		if g.keysMax(g.lastParts(m), g.t.firsts[m.first].groups) == 0 {
			return nil
		}
	}
	return fmt.Errorf("synth: could not draw a name that is not on the roll")
}

// applyOverrides changes a regenerated roll voter the way its role needs.
func (g *gen) applyOverrides(p *person, m *member) {
	if p.ovReg != 0 {
		m.reg, m.status, m.cancelled = p.ovReg, stActive, 0
		m.hasPrior, m.prior, m.priorUntil = false, address{}, 0
	}
	if p.ovCancelled != 0 {
		m.status, m.cancelled = stCancelled, p.ovCancelled
	}
	if p.role == roleMover {
		if !m.hasPrior {
			g.hpcg.Seed(g.hseed^0x6d6f766572, uint64(p.voter))
			for {
				a := g.randAddr(g.hr, g.countyZip(g.hr))
				if a.zip != m.addr.zip || a.house != m.addr.house {
					m.prior, m.hasPrior = a, true
					break
				}
			}
		}
		m.priorUntil = p.ovPriorUntil
	}
}
