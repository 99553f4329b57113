package law

import (
	"time"

	"github.com/signet-vote/signet"
)

// Checks is what the rules need besides the line and its link.
type Checks struct {
	Petition signet.Petition
	// ZIPs is the set of ZIP codes inside the petition's jurisdiction.
	ZIPs map[string]bool
	// Reviews are the recorded signature comparisons, by line id.
	Reviews map[string]signet.Review
}

// NewChecks prepares the checks of a petition.
func NewChecks(p signet.Petition, j signet.Jurisdiction, reviews map[string]signet.Review) *Checks {
	c := &Checks{Petition: p, ZIPs: make(map[string]bool, len(j.ZIPs)), Reviews: reviews}
	for _, z := range j.ZIPs {
		c.ZIPs[z] = true
	}
	return c
}

// Classify turns one line and what the linker found into the line's verdict before the
// duplicate rule, which needs all lines and is applied afterwards. The checks run in a fixed
// order and the first that fails gives the reason, so each invalid line has exactly one.
// DecidedBy and DecidedAt are left to the caller.
func (c *Checks) Classify(l *signet.Line, link signet.Link) signet.Verdict {
	v := signet.Verdict{PetitionID: l.PetitionID, LineID: l.ID(), Score: link.Score}
	if link.Voter != nil {
		v.VoterID = link.Voter.ID
	}
	other := func(sub string) signet.Verdict { v.Reason, v.SubReason = signet.Other, sub; return v }
	p := &c.Petition
	switch {
	// Elections Code §100: the petition must bear the voter's signature.
	case !l.SignaturePresent:
		return other(signet.SubNoSignature)
	// Elections Code §11303: a withdrawal filed before the section is filed strikes the line
	// (2 CCR §20530(b)(1): in a sample it is not valid).
	case l.WithdrawalRequested:
		return other(signet.SubWithdrawn)
	// Elections Code §100: the signer's printed name must be readable.
	case l.PrintedName == "":
		return other(signet.SubIllegible)
	// Elections Code §100, §105: the line must give the residence address.
	case l.Address.HouseNumber == "" || l.Address.Street == "":
		return other(signet.SubIncompleteAddress)
	// Elections Code §11220(a), §11222: signatures are gathered between the approval of the
	// form and the filing.
	case !p.Approved.IsZero() && l.DateSigned.Before(p.Approved),
		!p.Filed.IsZero() && l.DateSigned.After(p.Filed):
		return other(signet.SubSignedOutsideCirculation)
	// Elections Code §11047, domain.md §3: an address outside the jurisdiction cannot count.
	case l.Address.ZIP != "" && len(c.ZIPs) > 0 && !c.ZIPs[l.Address.ZIP]:
		v.Reason = signet.OutOfCounty
		return v
	// Elections Code §100: only a registered voter may sign.
	case link.Voter == nil:
		v.Reason = signet.NotRegistered
		return v
	}
	voter := link.Voter
	switch {
	// Elections Code §100: a cancelled registration is not a voter.
	case voter.Status == signet.StatusCancelled && (voter.CancelledDate.IsZero() || !p.Filed.IsZero() && !voter.CancelledDate.After(p.Filed)):
		v.Reason = signet.Cancelled
		return v
	// Elections Code §100 (registered when signing) or Los Angeles 2022 practice (registered
	// by the filing date): the petition's configurable cut-off, domain.md §3.
	case voter.RegistrationDate.After(c.cutoff(l)):
		return other(signet.SubRegisteredAfterCutoff)
	// Elections Code §105: the address must be the one the voter is registered at; a voter
	// who moved during circulation and was registered at the line's address when signing is
	// valid (2 CCR §20931).
	case link.Address == signet.AddressNone,
		link.Address == signet.AddressPrior && !priorValidOn(voter, link.Prior, l.DateSigned):
		v.Reason = signet.DifferentAddress
		return v
	}
	// 2 CCR §20960: signature comparison is a human decision presumed valid; only a recorded
	// mismatch invalidates.
	if r, ok := c.Reviews[v.LineID]; ok && r.Signature == signet.SignatureDiffers {
		v.Reason = signet.SignatureMismatch
		return v
	}
	v.Valid = true
	v.Notes = append(v.Notes, link.Notes...)
	if link.Address == signet.AddressPrior {
		v.Notes = append(v.Notes, signet.NotePriorAddress)
	}
	if voter.RegistrationDate.After(l.DateSigned) {
		v.Notes = append(v.Notes, signet.NoteRegisteredAfterSigned)
	}
	if voter.Status == signet.StatusInactive {
		v.Notes = append(v.Notes, signet.NoteInactive)
	}
	return v
}

// cutoff is the last day a signer of the line may have registered.
func (c *Checks) cutoff(l *signet.Line) time.Time {
	if c.Petition.Cutoff == signet.CutoffFilingDate && !c.Petition.Filed.IsZero() {
		return c.Petition.Filed
	}
	return l.DateSigned
}

func priorValidOn(v *signet.Voter, i int, day time.Time) bool {
	if i < 0 || i >= len(v.Prior) {
		return false
	}
	u := v.Prior[i].Until
	return u.IsZero() || !day.After(u)
}
