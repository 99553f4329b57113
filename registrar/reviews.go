package registrar

import (
	"context"

	"github.com/signet-vote/signet"
)

// RecordReviews records signature comparisons (2 CCR §20960: a human decision, presumed
// valid until a mismatch is recorded), all or none, each an audited decision. A decision
// recorded after a line's verdict makes the next verification decide that line again.
func (s *Service) RecordReviews(ctx context.Context, petition, fileName string, next signet.ReviewSource) (int, error) {
	return s.Store.RecordReviews(ctx, petition, fileName, func() (signet.Review, int, error) {
		r, line, err := next()
		if err == nil && r.Signature != signet.SignatureMatches && r.Signature != signet.SignatureDiffers {
			err = signet.Errorf(signet.EInvalid, "line %s: signature decision %q: want match or mismatch", r.LineID, r.Signature)
		}
		return r, line, err
	})
}

// DecideLink records a person's decision on a line the linker sent to review: which voter
// the signer is, or (VoterID "") none of them. The next verification decides the line again
// with it.
func (s *Service) DecideLink(ctx context.Context, petition string, r signet.LinkReview) error {
	if _, err := s.Store.Petition(ctx, petition); err != nil {
		return err
	}
	if r.LineID == "" || r.By == "" {
		return signet.Errorf(signet.EInvalid, "a link decision names its line and who decided it")
	}
	return s.Store.RecordLinkReview(ctx, petition, r)
}

// ReviewItem is the next line of a petition's review queue with its verdict as it stands.
type ReviewItem struct {
	Line    signet.Line
	Verdict signet.VerdictRecord
	// Left counts the queue, this line included.
	Left int
}

// NextReview returns the first line, in filing order, that the linker sent to review and
// no person has decided since; ok is false when the queue is empty.
func (s *Service) NextReview(ctx context.Context, petition string) (item ReviewItem, ok bool, err error) {
	if _, err := s.Store.Petition(ctx, petition); err != nil {
		return item, false, err
	}
	lineID, left, ok, err := s.Store.ReviewQueue(ctx, petition)
	if err != nil || !ok {
		return item, false, err
	}
	item.Left = left
	if item.Line, err = s.Store.Line(ctx, petition, lineID); err != nil {
		return item, false, err
	}
	if item.Verdict, err = s.Store.Verdict(ctx, petition, lineID); err != nil {
		return item, false, err
	}
	return item, true, nil
}

// reviewedLinker applies people's link decisions over a linker: a line a person decided links
// to the voter they chose (or to nobody), with the linker's evidence kept as candidates.
type reviewedLinker struct {
	signet.Linker
	reviews map[string]signet.LinkReview
	voters  map[string]*signet.Voter
}

// withLinkReviews wraps linker when the petition has link decisions (reviews).
func withLinkReviews(linker signet.Linker, roll signet.Roll, reviews map[string]signet.LinkReview) signet.Linker {
	if len(reviews) == 0 {
		return linker
	}
	want := map[string]bool{}
	for _, r := range reviews {
		if r.VoterID != "" {
			want[r.VoterID] = true
		}
	}
	voters := map[string]*signet.Voter{}
	for i := 0; i < roll.Len(); i++ {
		if id := roll.ID(i); want[id] {
			v := new(signet.Voter)
			roll.Read(i, v)
			voters[id] = v
		}
	}
	return &reviewedLinker{Linker: linker, reviews: reviews, voters: voters}
}

// Link implements signet.Linker.
func (r *reviewedLinker) Link(l *signet.Line) signet.Link {
	link := r.Linker.Link(l)
	rev, ok := r.reviews[l.ID()]
	if !ok {
		return link
	}
	v := r.voters[rev.VoterID]
	if v == nil { // decided: none of the voters (or a voter no longer on the current roll)
		return signet.Link{Decision: signet.DecideNone, Candidates: link.Candidates}
	}
	if link.Voter != nil && link.Voter.ID == v.ID {
		link.Decision = signet.DecideLink
		return link
	}
	out := signet.Link{Voter: v, Address: signet.AddressNone, Decision: signet.DecideLink, Candidates: link.Candidates}
	for _, c := range link.Candidates {
		if c.VoterID == v.ID {
			out.Score, out.Address = c.Score, c.Address
		}
	}
	return out
}
