package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/signet-vote/signet/law"
	"github.com/signet-vote/signet/sample"
)

func (m *Main) runSample(ctx context.Context, args []string) error {
	name, args, err := sub(args, "size", "draw", "project")
	if err != nil {
		return err
	}
	switch name {
	case "size":
		return m.sampleSize(args)
	case "draw":
		return m.sampleDraw(ctx, args)
	}
	return m.sampleProject(ctx, args)
}

func (m *Main) sampleSize(args []string) error {
	fs := m.flags("sample size", "--rules R --raw N [--filed DATE] [--json]",
		"Print the size of the random sample of a petition of N lines under a rule pack, as the law stood on its filing (default today).")
	js := fs.Bool("json", false, "print JSON")
	id, set := rulesFlags(fs)
	raw := fs.Int("raw", -1, "lines filed")
	dates := lawDateFlags(fs)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	r, err := dates.rules(*id, *set)
	if err != nil {
		return err
	}
	if *raw < 0 {
		return usageErr("--raw N is required")
	}
	n := r.SampleSize(*raw)
	if *js {
		return m.printJSON(map[string]any{"sample_size": n, "raw": *raw, "sampled": n < *raw, "rules": r.ID(), "cite": r.Sampling.Cite, "law_as_of": lawAsOf(r)})
	}
	if n >= *raw {
		fmt.Fprintf(m.Stdout, "%s lines: verify all of them (no sample)\n  %s\n", commas(*raw), r.Sampling.Cite)
		return nil
	}
	fmt.Fprintf(m.Stdout, "sample %s of %s lines\n  %s\n", commas(n), commas(*raw), r.Sampling.Cite)
	return nil
}

// drawArgs are the flags of "sample draw"; a store-backed mode (--petition) builds on them.
type drawArgs struct {
	seed       string
	population int
	size       int
	json       bool
}

func (m *Main) sampleDraw(ctx context.Context, args []string) error {
	fs := m.flags("sample draw", "--seed DIGITS (--population N --size n | --petition P) [--json]",
		`Draw a simple random sample without replacement of n line numbers out of 1..N (lines in
filing order) and print them sorted. The sample is a pure function of the seed, N and n,
built on SHA-256 (docs/sampling.md): anyone re-runs this command and gets the same lines.
The seed is decimal digits announced before the draw (for example 20 public dice rolls);
there is no default seed and no clock seed.

With --petition P the sample of a filed petition is drawn: its size from the rule pack, N the
lines filed. The seed is written to the audit log before the draw, the lines drawn are stored,
and a second draw with another seed is refused.`)
	var a drawArgs
	petition := fs.String("petition", "", "draw the sample of this filed petition")
	c := m.commonFlags(fs, false)
	fs.StringVar(&a.seed, "seed", "", "the announced seed: decimal digits")
	fs.IntVar(&a.population, "population", -1, "N: lines filed")
	fs.IntVar(&a.size, "size", -1, "n: lines to draw")
	fs.BoolVar(&a.json, "json", false, "print JSON")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *petition == "" {
		return m.drawLines(a)
	}
	if a.population >= 0 || a.size >= 0 {
		return usageErr("--petition takes the population and the size from the petition: drop --population and --size")
	}
	if err := sample.ValidSeed(a.seed); err != nil {
		return usageErr("--seed: %v", err)
	}
	s, err := m.open(ctx, c)
	if err != nil {
		return err
	}
	defer s.Store.Close()
	d, err := s.DrawSample(ctx, *petition, a.seed, *c.actor)
	if err != nil {
		return err
	}
	if a.json {
		return m.printJSON(d)
	}
	fmt.Fprintf(m.Stdout, "petition %s: drew %s of %s lines with seed %s (the seed was logged before the draw)\nanyone re-draws it with: %s\n",
		d.Petition, commas(d.Size), commas(d.Population), d.Seed, d.Redraw)
	return nil
}

// drawLines draws and prints a sample given on the command line.
func (m *Main) drawLines(a drawArgs) error {
	if err := sample.ValidSeed(a.seed); err != nil {
		return usageErr("--seed: %v", err)
	}
	if a.population < 0 || a.size < 0 {
		return usageErr("--population N and --size n are required")
	}
	if a.size > a.population {
		return usageErr("--size %d is larger than --population %d", a.size, a.population)
	}
	lines, err := sample.Draw(a.seed, a.population, a.size)
	if err != nil {
		return err
	}
	if a.json {
		return m.printJSON(map[string]any{"seed": a.seed, "population": a.population, "size": a.size, "lines": lines})
	}
	var b strings.Builder
	for _, l := range lines {
		fmt.Fprintln(&b, l)
	}
	_, err = fmt.Fprint(m.Stdout, b.String())
	return err
}

// projectArgs are the flags of "sample project"; a store-backed mode (--petition) builds on them.
type projectArgs struct {
	rules                                         law.Rules
	raw, size, valid, duplicates, required, inval int
	json                                          bool
}

func (m *Main) sampleProject(ctx context.Context, args []string) error {
	fs := m.flags("sample project", "(--rules R --raw N --sample S --valid V --duplicates D --required Q [--invalid I] | --petition P) [--json]",
		`Project the full count of a petition from its random sample as the rule pack prescribes
(California: 2 CCR §20530–§20531, with its roundings) and decide by the pack's bands. Also
prints the unrounded estimate, a 95% interval for the full count and the probability that a
full count reaches the requirement, from the exact sampling distribution (docs/sampling.md).
V counts the valid lines of the sample (a withdrawn line, and the later line of a voter who
signed twice within the sample, are not valid); D counts those duplicates. Washington packs
also take --invalid I (lines invalid for another reason) and D as the duplicate pairs.
Colorado's projection (the Secretary of State's: R × V / S to the nearest whole number) makes
no duplicate correction and does not ask for D.

With --petition P the counts come from the petition's verified sample, and the projection and
its decision are recorded (and logged).`)
	js := fs.Bool("json", false, "print JSON")
	petition := fs.String("petition", "", "project the petition's verified sample and record the decision")
	c := m.commonFlags(fs, false)
	id, set := rulesFlags(fs)
	raw := fs.Int("raw", -1, "R: lines filed")
	size := fs.Int("sample", -1, "S: lines in the sample")
	valid := fs.Int("valid", -1, "V: valid lines in the sample")
	dups := fs.Int("duplicates", -1, "D: duplicates found within the sample")
	req := fs.Int("required", -1, "valid signatures required")
	inval := fs.Int("invalid", -1, "I: invalid lines in the sample (Washington)")
	dates := lawDateFlags(fs)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *petition != "" {
		s, err := m.open(ctx, c)
		if err != nil {
			return err
		}
		defer s.Store.Close()
		res, err := s.Project(ctx, *petition, *c.actor)
		if err != nil {
			return err
		}
		if *js {
			return m.printJSON(res.JSON())
		}
		return m.printProjection(res)
	}
	r, err := dates.rules(*id, *set)
	if err != nil {
		return err
	}
	if r.Projection.Method == law.MethodColorado && *dups < 0 {
		// Colorado's projection makes no duplicate correction: D is not asked for.
		*dups = 0
	}
	need := []struct {
		name string
		v    int
	}{{"raw", *raw}, {"required", *req}, {"sample", *size}, {"valid", *valid}, {"duplicates", *dups}}
	if *raw >= 0 && *req >= 0 && r.EndsOnRawCount(*raw, *req) {
		// The law ends the petition on its raw count: there is no sample to give.
		need = need[:2]
		*size, *valid, *dups = max(*size, 0), max(*valid, 0), max(*dups, 0)
	}
	for _, f := range need {
		if f.v < 0 {
			return usageErr("--%s is required", f.name)
		}
	}
	if r.Projection.Method == law.MethodWashington && *inval < 0 {
		return usageErr("--invalid I is required by %s (the Washington duplicate test)", r.ID())
	}
	return m.project(projectArgs{rules: r, raw: *raw, size: *size, valid: *valid, duplicates: *dups, required: *req, inval: max(*inval, 0), json: *js})
}

// project runs and prints a projection.
func (m *Main) project(a projectArgs) error {
	res, err := sample.Project(a.rules, sample.Input{Raw: a.raw, Sample: a.size, Valid: a.valid, Duplicates: a.duplicates, Required: a.required, Invalid: a.inval})
	if err != nil {
		return err
	}
	if a.json {
		out := res.JSON()
		out["law_as_of"] = lawAsOf(a.rules)
		return m.printJSON(out)
	}
	return m.printProjection(res)
}

func (m *Main) printProjection(res sample.Result) error {
	w := m.Stdout
	if res.Basis == law.BasisRawCount {
		fmt.Fprintf(w, "projection (%s): none — decided on the raw count\n\n", res.Rules)
		for _, s := range res.Steps {
			fmt.Fprintf(w, "%s: %s   [%s]\n", s.Name, s.Text, s.Cite)
		}
		fmt.Fprintf(w, "\ndecision             %s\n", res.Decision)
		return nil
	}
	fmt.Fprintf(w, "projection (%s, %s): R = %s lines, S = %s sampled, V = %s valid, D = %s duplicates\n\n",
		res.Rules, res.Method, commas(res.Raw), commas(res.Sample), commas(res.Valid), commas(res.Duplicates))
	for i, s := range res.Steps {
		fmt.Fprintf(w, "%d. %-25s %s   [%s]\n", i+1, s.Name, s.Text, s.Cite)
	}
	op := func(t law.Threshold) string {
		if t.Inclusive {
			return "at least"
		}
		return "more than"
	}
	fmt.Fprintf(w, "\nprojected valid      %s = %.2f%% of %s required\n", commas(res.Projected), res.ProjectedPercent, commas(res.Required))
	fmt.Fprintf(w, "bands                sufficient: %s %d%% (band value %s); full count: %s %d%% (band value %s)\n                     [%s]\n",
		op(res.Bands.Sufficient), res.Bands.Sufficient.Percent, commas(res.BandSufficient),
		op(res.Bands.FullCount), res.Bands.FullCount.Percent, commas(res.BandFullCount), res.Bands.Cite)
	fmt.Fprintf(w, "decision             %s\n\n", res.Decision)
	u := res.Uncertainty
	fmt.Fprintf(w, "unrounded estimate   %.2f\n", res.Unrounded)
	fmt.Fprintf(w, "95%% interval         %s – %s valid in a full count\n", commas(u.CI95[0]), commas(u.CI95[1]))
	fmt.Fprintf(w, "P(full count ≥ %s) = %s\n", commas(res.Required), probability(u.ProbabilitySufficient))
	return nil
}

// probability prints a probability readably, without pretending to precision near 0 and 1.
func probability(p float64) string {
	switch {
	case p < 1e-6:
		return "< 0.000001"
	case p > 1-1e-6:
		return "> 0.999999"
	}
	return fmt.Sprintf("%.6f", p)
}
