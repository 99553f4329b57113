package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"syscall"

	"github.com/signet-vote/signet"
)

// Interface check: the embedded store lets one process at a time count a petition.
var _ signet.CountHolds = (*Store)(nil)

// HoldCount marks petition as being counted by holder in this process. A hold by another
// process still running on this machine (a database file is used from one machine) is
// refused; one whose process is gone is taken over.
func (s *Store) HoldCount(ctx context.Context, petition, holder string) (func(), error) {
	host, _ := os.Hostname()
	pid := os.Getpid()
	err := s.tx(ctx, fmt.Sprintf("the hold on the count of petition %q", petition), func(tx *sql.Tx) error {
		var other, otherHost, since string
		var otherPID int
		err := tx.QueryRowContext(ctx, `SELECT holder, host, pid, since FROM count_holds WHERE petition_id = ?`, petition).Scan(&other, &otherHost, &otherPID, &since)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return err
		case otherPID != pid && (otherHost != host || alive(otherPID)):
			return signet.Errorf(signet.EConflict, "petition %s is being counted by %s (process %d on %s) since %s: wait for that count to end, or stop it and run verify again",
				petition, other, otherPID, otherHost, since)
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO count_holds (petition_id, holder, host, pid, since) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (petition_id) DO UPDATE SET holder = excluded.holder, host = excluded.host, pid = excluded.pid, since = excluded.since`,
			petition, holder, host, pid, s.now())
		return err
	})
	if err != nil {
		return nil, err
	}
	return func() {
		s.tx(context.Background(), fmt.Sprintf("the end of the hold on the count of petition %q", petition), func(tx *sql.Tx) error {
			_, err := tx.ExecContext(context.Background(), `DELETE FROM count_holds WHERE petition_id = ? AND host = ? AND pid = ?`, petition, host, pid)
			return err
		})
	}, nil
}

// alive says whether a process of this machine is running.
func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
