package postgres

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertype"
	"github.com/signet-vote/signet"
)

// A shared count is a queue of batches on River (github.com/riverqueue/river), the job
// queue on PostgreSQL: each petition has a queue of its own; a count's batches are jobs
// tagged with the count; a worker claims one, decides its lines (the engine's Decide), and
// stores its verdicts, their events and the job's completion in one transaction. A worker
// that dies leaves its job running until River gives it to another (StuckAfter); a batch
// stored is never stored again (the job completed with it), and a batch not stored left
// nothing behind.

// Interface check: the server store lets processes share a count.
var _ signet.SharedCounts = (*Store)(nil)

// countBatch is a batch's job.
type countBatch struct {
	Petition string `json:"petition"`
	signet.CountBatch
}

// Kind names the job's kind for River.
func (countBatch) Kind() string { return "signet_count_batch" }

// batchAttempts is how many times a batch is tried before the count fails: a lost
// connection or a killed worker is worth another try; a refusal (a signet.Error) is not.
const batchAttempts = 5

// queueOf is the petition's queue: a name River accepts, whatever the petition's id.
func queueOf(petition string) string {
	sum := sha256.Sum256([]byte(petition))
	return "signet_count_" + hex.EncodeToString(sum[:8])
}

// unfinished are the states of a job not yet done with.
var unfinished = []rivertype.JobState{rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRetryable,
	rivertype.JobStateRunning, rivertype.JobStateScheduled}

// QueueCount queues the batches of a count of petition that plan returns, unless a count
// of it is under way (the caller joins it). Processes that start at once take turns on a
// lock of the petition's own, held while plan reads what is left to verify: one queues,
// the others join, and none queues lines another has stored since it looked.
func (s *Store) QueueCount(ctx context.Context, petition string, plan func(context.Context) ([]signet.CountBatch, error)) (bool, error) {
	client, err := river.NewClient(riverpgxv5.New(s.pool), &river.Config{Logger: quiet})
	if err != nil {
		return false, err
	}
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return false, err
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1, hashtext($2))`, migrationLock, petition); err != nil {
		return false, err
	}
	defer conn.Exec(context.Background(), `SELECT pg_advisory_unlock($1, hashtext($2))`, migrationLock, petition)
	queue := queueOf(petition)
	open, err := client.JobList(ctx, river.NewJobListParams().Queues(queue).States(unfinished...).First(1))
	if err != nil || len(open.Jobs) > 0 {
		return false, err
	}
	batches, err := plan(ctx)
	if err != nil || len(batches) == 0 {
		return false, err
	}
	tag := "count-" + strconv.FormatInt(time.Now().UnixNano(), 36)
	params := make([]river.InsertManyParams, len(batches))
	for i, b := range batches {
		params[i] = river.InsertManyParams{Args: countBatch{Petition: petition, CountBatch: b},
			InsertOpts: &river.InsertOpts{Queue: queue, MaxAttempts: batchAttempts, Tags: []string{tag}}}
	}
	// One statement: the count's batches are queued all or none.
	if _, err := client.InsertManyFast(ctx, params); err != nil {
		return false, err
	}
	return true, nil
}

// WorkCount works the petition's queued batches, w.Workers at a time, until none is left
// to claim or being worked by another process. It returns how many lines it stored.
func (s *Store) WorkCount(ctx context.Context, petition string, w signet.CountWork) (int, error) {
	queue := queueOf(petition)
	var stored atomic.Int64
	var mu sync.Mutex
	var firstErr error
	fail := func(err error) {
		mu.Lock()
		defer mu.Unlock()
		if firstErr == nil {
			firstErr = err
		}
	}
	// stop is closed when the count may stop (w.Stored said so).
	stop := make(chan struct{})
	var stopOnce sync.Once
	workers := river.NewWorkers()
	river.AddWorker(workers, river.WorkFunc(func(ctx context.Context, job *river.Job[countBatch]) error {
		recs, err := w.Decide(ctx, job.Args.CountBatch)
		if err == nil {
			if w.Storing != nil {
				defer w.Storing()()
			}
			err = s.tx(ctx, fmt.Sprintf("the verdicts of a batch of %d lines of petition %q", len(recs), petition), func(tx *writeTx) error {
				if err := s.saveVerdicts(ctx, tx, petition, recs, nil, w.Actor); err != nil {
					return err
				}
				_, err := river.JobCompleteTx[*riverpgxv5.Driver](ctx, tx.Tx, job)
				return err
			})
			err = s.lostError(err, fmt.Sprintf("storing the verdicts of %d lines of petition %s", len(recs), petition))
		}
		if err != nil {
			if signet.Code(err) != signet.EInternal {
				// A refusal stays a refusal: the batch is not tried again.
				fail(err)
				return river.JobCancel(err)
			}
			if job.Attempt >= job.MaxAttempts {
				fail(err)
			}
			return err
		}
		stored.Add(int64(len(recs)))
		if w.Stored != nil && w.Stored(recs) {
			stopOnce.Do(func() { close(stop) })
		}
		return nil
	}))
	stuck := w.StuckAfter
	if stuck <= 0 {
		stuck = 10 * time.Minute
	}
	client, err := river.NewClient(riverpgxv5.New(s.pool), &river.Config{
		Queues:            map[string]river.QueueConfig{queue: {MaxWorkers: max(w.Workers, 1)}},
		Workers:           workers,
		Logger:            quiet,
		FetchCooldown:     5 * time.Millisecond,
		FetchPollInterval: 50 * time.Millisecond,
		// A batch not stored within stuck is given up (its context is cancelled) and, like
		// the batch of a worker that died, taken over by another once River's rescuer sees
		// it (it looks every 30 seconds; a job with no timeout it never takes over).
		JobTimeout:           stuck,
		RescueStuckJobsAfter: stuck,
		MaxAttempts:          batchAttempts,
	})
	if err != nil {
		return 0, err
	}
	// The count under way, by the tag its batches carry; none, and there is nothing to do.
	open, err := client.JobList(ctx, river.NewJobListParams().Queues(queue).States(unfinished...).First(1))
	if err != nil || len(open.Jobs) == 0 {
		return 0, err
	}
	tag := open.Jobs[0].Tags[0]
	if err := client.Start(ctx); err != nil {
		return 0, err
	}
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		client.Stop(ctx)
	}()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return int(stored.Load()), ctx.Err()
		case <-stop:
			if err := s.dropUnclaimed(ctx, client, queue, tag); err != nil {
				return int(stored.Load()), err
			}
			stop = nil
		case <-tick.C:
		}
		left, err := client.JobList(ctx, river.NewJobListParams().Queues(queue).TagsAny(tag).States(unfinished...).First(1))
		if err != nil {
			return int(stored.Load()), err
		}
		if len(left.Jobs) == 0 {
			break
		}
	}
	mu.Lock()
	err = firstErr
	mu.Unlock()
	if err != nil {
		return int(stored.Load()), err
	}
	// A batch that another process gave up on fails the count here too.
	failed, err := client.JobList(ctx, river.NewJobListParams().Queues(queue).TagsAny(tag).
		States(rivertype.JobStateDiscarded, rivertype.JobStateCancelled).First(100))
	if err != nil {
		return int(stored.Load()), err
	}
	for _, j := range failed.Jobs {
		// A batch dropped when the count stopped early failed nothing.
		if len(j.Errors) > 0 && !strings.Contains(j.Errors[len(j.Errors)-1].Error, "context canceled") {
			return int(stored.Load()), fmt.Errorf("a batch of the shared count of petition %s failed after %d attempts: %s", petition, j.Attempt, j.Errors[len(j.Errors)-1].Error)
		}
	}
	return int(stored.Load()), nil
}

// dropUnclaimed cancels the count's batches nobody has claimed: the count may stop.
func (s *Store) dropUnclaimed(ctx context.Context, client *river.Client[pgx.Tx], queue, tag string) error {
	for {
		left, err := client.JobList(ctx, river.NewJobListParams().Queues(queue).TagsAny(tag).
			States(rivertype.JobStateAvailable, rivertype.JobStateRetryable, rivertype.JobStateScheduled, rivertype.JobStatePending).First(500))
		if err != nil || len(left.Jobs) == 0 {
			return err
		}
		for _, j := range left.Jobs {
			if _, err := client.JobCancel(ctx, j.ID); err != nil && !errors.Is(err, rivertype.ErrNotFound) {
				return err
			}
		}
	}
}
