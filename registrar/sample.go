package registrar

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/law"
	"github.com/signet-vote/signet/sample"
)

// DrawnSample is a petition's sample as drawn; its JSON keys are a contract (the first four
// are those of "signet sample draw" without a petition).
type DrawnSample struct {
	Seed       string   `json:"seed"`
	Population int      `json:"population"`
	Size       int      `json:"size"`
	Lines      []int    `json:"lines"`
	Petition   string   `json:"petition"`
	LineIDs    []string `json:"line_ids,omitempty"`
	Redraw     string   `json:"redraw"`
}

// RedrawCommand is the command anyone runs to draw a sample again from its seed.
func RedrawCommand(seed string, population, size int) string {
	return fmt.Sprintf("signet sample draw --seed %s --population %d --size %d", seed, population, size)
}

// DrawSample announces the seed in the audit log, then draws and stores the random sample
// of a filed petition. Drawing again with the same seed returns the same sample; another
// seed is refused.
func (s *Service) DrawSample(ctx context.Context, id, seed, actor string) (DrawnSample, error) {
	out := DrawnSample{Petition: id, Seed: seed}
	if err := sample.ValidSeed(seed); err != nil {
		return out, signet.Errorf(signet.EInvalid, "seed: %v", err)
	}
	p, err := s.filedPetition(ctx, id, "the sample is drawn from the lines filed")
	if err != nil {
		return out, err
	}
	r, err := Rules(p)
	if err != nil {
		return out, err
	}
	if r.EndsOnRawCount(p.Raw, p.Required) {
		return out, signet.Errorf(signet.EConflict, "petition %q filed %d lines, fewer than the %d required: it fails without verification (%s)", id, p.Raw, p.Required, r.RawCite)
	}
	if !r.Sampled(p.Raw) {
		return out, signet.Errorf(signet.EConflict, "petition %q: %d filed lines are verified in full, not sampled (%s)", id, p.Raw, r.Sampling.Cite)
	}
	out.Population, out.Size = p.Raw, r.SampleSize(p.Raw)
	if prior, err := s.Store.Sample(ctx, id); err == nil && prior.Seed != seed {
		return out, signet.Errorf(signet.EConflict, "petition %q was sampled with the seed %s: a sample is drawn once", id, prior.Seed)
	}
	// The sample is stored as lines of the petition: one filed on a raw count alone has none
	// to store (a filed petition takes no more), and its seed must not be announced for a
	// draw that cannot be kept.
	if lines, err := s.Store.LineCount(ctx, id); err != nil {
		return out, err
	} else if lines == 0 {
		return out, signet.Errorf(signet.EConflict, "petition %q was filed on a raw count of %d with no lines imported: its sample cannot be stored (draw it without storing: %s)",
			id, p.Raw, RedrawCommand(seed, out.Population, out.Size))
	}
	// The seed goes to the audit log before the lines are drawn.
	if err := s.Store.AnnounceSeed(ctx, id, seed, out.Population, out.Size, actor); err != nil {
		return out, err
	}
	if out.Lines, err = sample.Draw(seed, out.Population, out.Size); err != nil {
		return out, err
	}
	if err := s.Store.SaveSample(ctx, signet.Sample{Petition: id, Seed: seed, Population: out.Population, Size: out.Size, Seqs: out.Lines}, actor); err != nil {
		return out, err
	}
	out.Redraw = RedrawCommand(seed, out.Population, out.Size)
	return out, nil
}

// SampleCount is what the projection needs from the verified sample.
type SampleCount struct {
	Size     int // S: lines in the sample
	Verified int // sample lines with a verdict
	// Valid is V before duplicates: sample lines valid before the duplicate rule
	// (2 CCR §20530: withdrawn lines are not valid).
	Valid int
	// Duplicates is D: duplicate signatures within the sample, per voter the valid sample
	// lines beyond the first (2 CCR §20530(b), §20531).
	Duplicates int
	// Invalid counts sample lines invalid for a reason other than duplication (Washington's I).
	Invalid int
}

// SampleCount counts the verified sample of a petition.
func (s *Service) SampleCount(ctx context.Context, id string) (SampleCount, error) {
	sm, err := s.Store.Sample(ctx, id)
	if err != nil {
		return SampleCount{}, err
	}
	return s.countSample(ctx, sm)
}

// countSample counts the verdicts of a drawn sample.
func (s *Service) countSample(ctx context.Context, sm signet.Sample) (SampleCount, error) {
	c := SampleCount{Size: len(sm.Seqs)}
	perVoter := map[string]int{}
	err := s.Store.EachSampleVerdict(ctx, sm.Petition, func(v signet.VerdictRow) {
		c.Verified++
		if !v.BaseValid {
			c.Invalid++
			return
		}
		c.Valid++
		if v.VoterID != "" {
			if perVoter[v.VoterID] > 0 {
				c.Duplicates++
			}
			perVoter[v.VoterID]++
		}
	})
	return c, err
}

// Project projects the full count from the petition's verified sample under its rule pack
// (Elections Code §9030, §11225; 2 CCR §20530–§20540 and the other packs' own) and records
// the decision: sufficient, full count, or insufficient.
func (s *Service) Project(ctx context.Context, id, actor string) (sample.Result, error) {
	p, err := s.Store.Petition(ctx, id)
	if err != nil {
		return sample.Result{}, err
	}
	r, err := Rules(p)
	if err != nil {
		return sample.Result{}, err
	}
	sm, err := s.Store.Sample(ctx, id)
	if err != nil {
		return sample.Result{}, err
	}
	c, err := s.countSample(ctx, sm)
	if err != nil {
		return sample.Result{}, err
	}
	if c.Verified < c.Size {
		return sample.Result{}, signet.Errorf(signet.EConflict, "%d of the %d sampled lines of petition %q have no verdict yet: verify the sample first", c.Size-c.Verified, c.Size, id)
	}
	// V counts the lines valid on their own, less the later lines of voters who signed
	// twice within the sample; D counts those (2 CCR §20530(b), §20531).
	in := sample.Input{Raw: p.Raw, Sample: sm.Size, Valid: c.Valid - c.Duplicates, Duplicates: c.Duplicates, Required: p.Required, Invalid: c.Invalid}
	res, err := sample.Project(r, in)
	if err != nil {
		return res, err
	}
	result, err := json.Marshal(res.JSON())
	if err != nil {
		return res, err
	}
	return res, s.Store.SaveProjection(ctx, id, signet.Projection{Decision: string(res.Decision), Result: string(result)}, actor)
}

// recordedProjection reads the projection a petition recorded, nil if none.
func (s *Service) recordedProjection(ctx context.Context, id string) (map[string]any, law.Decision, error) {
	pr, err := s.Store.Projection(ctx, id)
	if signet.Code(err) == signet.ENotFound {
		return nil, "", nil
	}
	if err != nil {
		return nil, "", err
	}
	var out map[string]any
	if err := json.Unmarshal([]byte(pr.Result), &out); err != nil {
		return nil, "", fmt.Errorf("the recorded projection of petition %s: %w", id, err)
	}
	return out, law.Decision(pr.Decision), nil
}
