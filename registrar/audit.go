package registrar

import (
	"context"
	"errors"
	"fmt"

	"github.com/signet-vote/signet"
)

// AuditOptions say what an audit covers.
type AuditOptions struct {
	// Head is a head kept elsewhere (a certificate's, an earlier audit's) that the log
	// must still hold.
	Head string
	// Petition limits the reconciliation of rows to what one petition's report and
	// certificate are computed from: its petition row, verdicts, reviews, sample,
	// projection and county reports (not its lines' text, nor any roll). The whole chain
	// is checked regardless.
	Petition string
}

// AuditReport is what an audit found.
type AuditReport struct {
	// Events is how many events of the chain were checked before it ended or broke.
	Events int64 `json:"events_checked"`
	// HeadSeq and Head are the log's head.
	HeadSeq int64  `json:"head_seq"`
	Head    string `json:"head"`
	// KeptHeadSeq is the event a head kept elsewhere names.
	KeptHeadSeq int64 `json:"head_event,omitempty"`
	// Reconciled counts the rows reconciled with the log, by table.
	Reconciled map[string]int `json:"reconciled"`
	// Discrepancies are the rows that do not reconcile: the first of each table and owner.
	Discrepancies []Discrepancy `json:"discrepancies"`
}

// ErrNotReconciled is what Audit's error wraps when the chain is intact but stored rows do
// not reconcile with it.
var ErrNotReconciled = errors.New("stored rows do not reconcile with the audit log")

// Audit checks the audit log's hash chain and its head, and a head kept elsewhere when one
// is given, then reconciles every row a count depends on with the events that wrote it:
// each verdict with the event that decided it, each line and each voter with the digest
// of the import that brought it (both of the store's copies), each review, sample,
// projection, filing and petition with its event. A broken chain is an error naming the
// first broken event; rows that do not reconcile are listed in the report and make the
// error wrap ErrNotReconciled. A database that changes while it is read is read again.
func (s *Service) Audit(ctx context.Context, o AuditOptions) (AuditReport, error) {
	for attempt := 1; ; attempt++ {
		rep, moved, err := s.audit(ctx, o)
		if !moved || ctx.Err() != nil {
			return rep, err
		}
		if attempt == 3 {
			return rep, signet.Errorf(signet.EConflict, "the database kept changing while it was checked (a count or an import is under way): check it again when that work is done")
		}
	}
}

// audit is one reading of Audit; moved says that the log's head moved meanwhile, so that
// what was read may mix two states.
func (s *Service) audit(ctx context.Context, o AuditOptions) (rep AuditReport, moved bool, err error) {
	rep.Reconciled = map[string]int{}
	seq, head, err := s.Store.AuditHead(ctx)
	if err != nil {
		return rep, false, err
	}
	rep.HeadSeq, rep.Head = seq, head
	led := newLedger(o.Petition)
	chain := signet.NewChainVerifier()
	past := errors.New("past the head")
	err = s.Store.EachEvent(ctx, func(e signet.Event) error {
		if e.Seq > seq {
			return past
		}
		if err := chain.Next(e); err != nil {
			return err
		}
		rep.Events = chain.Checked
		if e.Seq%65536 == 0 {
			s.progress("audit log", int(e.Seq), int(seq))
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		return led.add(&e)
	})
	s.progress("audit log", -1, int(seq))
	if errors.Is(err, past) {
		// Written since the head was read, or events past a rewritten head: read again
		// to tell which.
		if seq2, head2, err2 := s.Store.AuditHead(ctx); err2 == nil && (seq2 != seq || head2 != head) {
			return rep, true, nil
		}
		err = nil
	}
	if err != nil {
		return rep, false, err
	}
	if err := chain.Finish(seq, head); err != nil {
		return rep, false, err
	}
	if o.Head != "" {
		kept, found, err := s.Store.EventWithHash(ctx, o.Head)
		if err != nil {
			return rep, false, err
		}
		if !found {
			return rep, false, fmt.Errorf("the log holds no event with the head %s kept elsewhere: its later events were removed and its head rewritten, or the head is of another database", o.Head)
		}
		rep.KeptHeadSeq = kept
	}
	var f findings
	if err := s.reconcile(ctx, led, &f, rep.Reconciled); err != nil {
		return rep, false, err
	}
	if seq2, head2, err := s.Store.AuditHead(ctx); err != nil || seq2 != seq || head2 != head {
		return rep, err == nil, err
	}
	for _, d := range f.list {
		rep.Discrepancies = append(rep.Discrepancies, *d)
	}
	if len(rep.Discrepancies) > 0 {
		return rep, false, fmt.Errorf("%w: %s", ErrNotReconciled, rep.Discrepancies[0])
	}
	return rep, false, nil
}

// reconciled checks the audit chain and reconciles a petition's rows with it before its
// result is reported or certified.
func (s *Service) reconciled(ctx context.Context, petition string) error {
	_, err := s.Audit(ctx, AuditOptions{Petition: petition})
	switch {
	case err == nil || signet.Code(err) != signet.EInternal:
		return err
	case errors.Is(err, ErrNotReconciled):
		return fmt.Errorf("petition %s cannot be reported or certified: its %w", petition, err)
	}
	return fmt.Errorf("petition %s cannot be reported or certified: the audit log is broken: %w", petition, err)
}
