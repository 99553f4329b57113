package main

import (
	"context"
	"fmt"
	"time"

	"github.com/signet-vote/signet/synth"
)

// synthFlags are the generator's settings shared by "synth" and "demo".
type synthFlags struct {
	cfg   synth.Config
	scale *string
}

func (m *Main) addSynthFlags(fs interface {
	IntVar(*int, string, int, string)
	Int64Var(*int64, string, int64, string)
	Float64Var(*float64, string, float64, string)
	String(string, string, string) *string
}, def synth.Config) *synthFlags {
	f := &synthFlags{cfg: def}
	fs.IntVar(&f.cfg.Voters, "voters", def.Voters, "voters on the roll")
	fs.IntVar(&f.cfg.Lines, "lines", def.Lines, "petition lines")
	fs.Int64Var(&f.cfg.Seed, "seed", def.Seed, "random seed: the same seed writes the same files, byte for byte")
	fs.Float64Var(&f.cfg.HispanicShare, "hispanic-share", def.HispanicShare, "share of people with surnames from the Hispanic list")
	fs.Float64Var(&f.cfg.AsianShare, "asian-share", def.AsianShare, "share of people with surnames from the Asian list")
	fs.Float64Var(&f.cfg.NoiseScale, "noise", def.NoiseScale, "multiplier on the rates of handwriting and data-entry noise on lines")
	f.scale = fs.String("scale", "", "preset size: la (5,670,000 voters, 715,833 lines) or tenth (567,000 and 71,583); overrides --voters and --lines")
	return f
}

func (f *synthFlags) config() (synth.Config, error) {
	c := f.cfg
	switch *f.scale {
	case "":
	case "la":
		c.Voters, c.Lines = 5_670_000, 715_833
	case "tenth":
		c.Voters, c.Lines = 567_000, 71_583
	default:
		return c, usageErr("--scale %q: want la or tenth", *f.scale)
	}
	if c.Voters < 100 || c.Lines < 10 {
		return c, usageErr("--voters must be at least 100 and --lines at least 10")
	}
	if c.Lines > c.Voters {
		return c, usageErr("--lines (%d) may not exceed --voters (%d): most signers are voters", c.Lines, c.Voters)
	}
	if c.HispanicShare < 0 || c.AsianShare < 0 || c.HispanicShare+c.AsianShare > 1 || c.NoiseScale < 0 {
		return c, usageErr("--hispanic-share and --asian-share must be shares that add up to at most 1, and --noise at least 0")
	}
	return c, nil
}

func (m *Main) runSynth(ctx context.Context, args []string) error {
	fs := m.flags("synth", "--voters N --lines M --seed S --out DIR",
		`Write a synthetic county: voters.csv (the roll), lines.csv (a recall petition's lines),
truth.csv (line_id,voter_id,reason: what each line truly is), truth-detail.csv,
signatures.csv (SIMULATED signature-comparison decisions) and world.json. Names follow the
US Census 1990 frequency lists with a Los Angeles surname mix; lines carry the typos,
nicknames, initials and abbreviations real petitions show; the mix of outcomes is Los
Angeles 2022 by default. The same seed writes the same files, byte for byte.`)
	def := synth.DefaultConfig()
	sf := m.addSynthFlags(fs, def)
	out := fs.String("out", "", "output directory")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if err := need("out", *out); err != nil {
		return err
	}
	cfg, err := sf.config()
	if err != nil {
		return err
	}
	start := time.Now()
	sum, err := m.generate(cfg, *out)
	if err != nil {
		return err
	}
	if *asJSON {
		return m.printJSON(map[string]any{"out": *out, "voters": sum.Voters, "lines": sum.Lines, "truth": sum.Truth, "files": sum.Files, "seconds": time.Since(start).Seconds()})
	}
	fmt.Fprintf(m.Stdout, "wrote %s voters and %s lines to %s in %.1fs\n", commas(sum.Voters), commas(sum.Lines), *out, time.Since(start).Seconds())
	return nil
}

func (m *Main) generate(cfg synth.Config, dir string) (synth.Summary, error) {
	var bar *progress
	stage := ""
	sum, err := synth.Generate(cfg, dir, func(s string, done, total int) {
		if s != stage {
			if bar != nil {
				bar.done()
			}
			stage = s
			bar = m.newProgress(int64(total), s, false)
		}
		bar.set(done)
	})
	if bar != nil {
		bar.done()
	}
	return sum, err
}
