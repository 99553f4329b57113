package match

import (
	"context"
	"fmt"
	"math"

	"github.com/signet-vote/signet"
)

// FileLinks is every record of a file linked to the roll (LinkFile).
type FileLinks struct {
	// Links are the records' links, in the file's order.
	Links []signet.Link
	// Upper is the posterior from which a record linked.
	Upper float64
	// ExpectedFalseLinks is the share of the links the model expects to be false at the
	// threshold it chose (the links' mean 1−p, to five decimals); 0 when the threshold was
	// not chosen from the posteriors.
	ExpectedFalseLinks float64
}

// Threshold bounds of a threshold chosen from the posteriors.
const (
	chosenUpperFloor = 0.8
	chosenUpperCeil  = 0.999
)

// LinkFile links every record of a file to the roll on every core (generic linkage,
// `signet link`). With maxFalse > 0 the link threshold is chosen from the posteriors
// themselves: the lowest in [0.8, 0.999] at which the links' expected share of false links
// stays within maxFalse (UpperFor), and each record is decided at it. A record's posterior
// does not depend on the threshold, so the file is linked once: only the records whose
// posterior lies between the threshold the engine had and the one chosen are linked again,
// to be decided at the new one. With maxFalse 0 the engine's threshold stays. Call it after
// TrainVoters and FitMatchShare; not concurrently with another linking.
func (e *Engine) LinkFile(ctx context.Context, recs []signet.Voter, maxFalse float64) (FileLinks, error) {
	if maxFalse < 0 || maxFalse >= 1 || math.IsNaN(maxFalse) {
		return FileLinks{}, fmt.Errorf("match: a share of false links %v: want a share between 0 and 1", maxFalse)
	}
	out := FileLinks{Links: make([]signet.Link, len(recs))}
	if err := e.linkVoters(ctx, recs, out.Links, nil); err != nil {
		return FileLinks{}, err
	}
	if maxFalse > 0 {
		scores := make([]float64, len(out.Links))
		for i := range out.Links {
			scores[i] = out.Links[i].Score
		}
		t, rate := UpperFor(scores, maxFalse, chosenUpperFloor, chosenUpperCeil)
		lo, hi := min(t, e.opt.Upper), max(t, e.opt.Upper)
		if err := e.SetUpper(t); err != nil {
			return FileLinks{}, err
		}
		out.ExpectedFalseLinks = math.Round(rate*1e5) / 1e5
		// Only a posterior in [lo, hi) is on different sides of the two thresholds.
		err := e.linkVoters(ctx, recs, out.Links, func(l *signet.Link) bool { return l.Score >= lo && l.Score < hi })
		if err != nil {
			return FileLinks{}, err
		}
	}
	out.Upper = e.opt.Upper
	return out, nil
}

// linkVoters links the records into links on every core: each record when again is nil,
// else only those whose present link again picks.
func (e *Engine) linkVoters(ctx context.Context, recs []signet.Voter, links []signet.Link, again func(*signet.Link) bool) error {
	const per = 4096
	parallel((len(recs)+per-1)/per, func(k int) {
		if ctx.Err() != nil {
			return
		}
		for i := k * per; i < min(len(recs), (k+1)*per); i++ {
			if again == nil || again(&links[i]) {
				links[i] = e.LinkVoter(&recs[i])
			}
		}
	})
	return ctx.Err()
}
