package registrar

import (
	"context"
	"fmt"
)

// VerifyAudit checks the audit log's hash chain and its head, and, when head is given (a
// head kept elsewhere: a certificate's, an earlier audit's), that the log still holds the
// event with that hash. An intact chain that lacks it has lost its later events and had
// its head rewritten: a log truncated by someone who could write the database. It returns
// the events checked and the sequence number of the event the kept head names.
func (s *Service) VerifyAudit(ctx context.Context, head string) (checked, headSeq int64, err error) {
	n, err := s.Store.VerifyAudit(ctx)
	if err != nil || head == "" {
		return n, 0, err
	}
	seq, found, err := s.Store.EventWithHash(ctx, head)
	if err != nil {
		return n, 0, err
	}
	if !found {
		return n, 0, fmt.Errorf("the log holds no event with the head %s kept elsewhere: its later events were removed and its head rewritten, or the head is of another database", head)
	}
	return n, seq, nil
}
