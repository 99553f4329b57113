package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/law"
	"github.com/signet-vote/signet/sample"
	"github.com/signet-vote/signet/sqlite"
)

// petitionRules returns the rule pack of a petition with the settings it was created with.
func petitionRules(p signet.Petition) (law.Rules, error) {
	return loadRules(p.Rules, p.Settings)
}

// drawnSample is the JSON of a petition's sample; the first four keys are those of
// "sample draw" without --petition.
type drawnSample struct {
	Seed       string   `json:"seed"`
	Population int      `json:"population"`
	Size       int      `json:"size"`
	Lines      []int    `json:"lines"`
	Petition   string   `json:"petition"`
	LineIDs    []string `json:"line_ids,omitempty"`
	Redraw     string   `json:"redraw"`
}

// drawPetitionSample announces the seed in the audit log, then draws and stores the sample of
// a filed petition. Drawing again with the same seed returns the same sample; another seed is
// refused.
func (m *Main) drawPetitionSample(ctx context.Context, s *sqlite.Store, id, seed, actor string) (drawnSample, error) {
	out := drawnSample{Petition: id, Seed: seed}
	if err := sample.ValidSeed(seed); err != nil {
		return out, usageErr("--seed: %v", err)
	}
	p, err := s.Petition(ctx, id)
	if err != nil {
		return out, err
	}
	if p.Filed.IsZero() {
		return out, signet.Errorf(signet.EConflict, "petition %q is not filed yet: the sample is drawn from the lines filed", id)
	}
	r, err := petitionRules(p)
	if err != nil {
		return out, err
	}
	if r.RawBelowRequiredFails && p.Raw < p.Required {
		return out, signet.Errorf(signet.EConflict, "petition %q filed %d lines, fewer than the %d required: it fails without verification (%s)", id, p.Raw, p.Required, r.RawCite)
	}
	if !r.Sampled(p.Raw) {
		return out, signet.Errorf(signet.EConflict, "petition %q: %s filed lines are verified in full, not sampled (%s)", id, commas(p.Raw), r.Sampling.Cite)
	}
	out.Population, out.Size = p.Raw, r.SampleSize(p.Raw)
	if prior, err := s.Sample(ctx, id); err == nil && prior.Seed != seed {
		return out, signet.Errorf(signet.EConflict, "petition %q was sampled with the seed %s: a sample is drawn once", id, prior.Seed)
	}
	// The seed goes to the audit log before the lines are drawn.
	if err := s.AnnounceSeed(ctx, id, seed, out.Population, out.Size, actor); err != nil {
		return out, err
	}
	if out.Lines, err = sample.Draw(seed, out.Population, out.Size); err != nil {
		return out, err
	}
	if err := s.SaveSample(ctx, sqlite.Sample{Petition: id, Seed: seed, Population: out.Population, Size: out.Size, Seqs: out.Lines}, actor); err != nil {
		return out, err
	}
	out.Redraw = fmt.Sprintf("signet sample draw --seed %s --population %d --size %d", seed, out.Population, out.Size)
	return out, nil
}

// projectPetition projects the full count from the petition's verified sample and records
// the decision.
func (m *Main) projectPetition(ctx context.Context, s *sqlite.Store, id, actor string) (sample.Result, error) {
	p, err := s.Petition(ctx, id)
	if err != nil {
		return sample.Result{}, err
	}
	r, err := petitionRules(p)
	if err != nil {
		return sample.Result{}, err
	}
	sm, err := s.Sample(ctx, id)
	if err != nil {
		return sample.Result{}, err
	}
	c, err := s.SampleCount(ctx, id)
	if err != nil {
		return sample.Result{}, err
	}
	if c.Verified < c.Size {
		return sample.Result{}, signet.Errorf(signet.EConflict, "%s of the %s sampled lines have no verdict yet (signet verify --petition %s --sample)", commas(c.Size-c.Verified), commas(c.Size), id)
	}
	// V counts the lines valid on their own, less the later lines of voters who signed
	// twice within the sample; D counts those (2 CCR §20530(b), §20531).
	in := sample.Input{Raw: p.Raw, Sample: sm.Size, Valid: c.Valid - c.Duplicates, Duplicates: c.Duplicates, Required: p.Required, Invalid: c.Invalid}
	res, err := sample.Project(r, in)
	if err != nil {
		return res, err
	}
	return res, s.SaveProjection(ctx, id, string(res.Decision), projectionJSON(res), actor)
}

// recordedProjection reads the projection a petition recorded, if any.
func recordedProjection(ctx context.Context, s *sqlite.Store, id string) (map[string]any, bool, error) {
	_, result, err := s.Projection(ctx, id)
	if signet.Code(err) == signet.ENotFound {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	var out map[string]any
	if err := json.Unmarshal([]byte(result), &out); err != nil {
		return nil, false, err
	}
	return out, true, nil
}
