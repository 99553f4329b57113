package web

import (
	"context"
	"sync"
	"time"

	"github.com/signet-vote/signet/registrar"
)

// statusCache shares a petition's reading (registrar.Service.Status) among the readers of
// its public pages: a reading counts every verdict of the petition, and a dashboard read by
// hundreds of people at once during a count would otherwise count them once per page view.
// A reading younger than maxAge is served as it is. An older one is served too, while one
// new reading is made beside the requests (a reader never waits for a reading when there is
// one to give: under "signet bench serve" those waits were the whole of the slowest
// percentile); a reader waits only when there is none yet, or the last failed. A maxAge of
// zero reads on every request.
type statusCache struct {
	svc    *registrar.Service
	maxAge time.Duration
	now    func() time.Time

	mu      sync.Mutex
	entries map[string]*statusEntry
}

// statusEntry is a petition's latest reading and the one under way, if any.
type statusEntry struct {
	st  registrar.Status
	at  time.Time
	ok  bool  // st is a reading (the first may not have ended, or failed)
	err error // the last reading's error, when it failed
	// pending is closed when the reading under way ends; nil when none is.
	pending chan struct{}
}

// maxCachedPetitions bounds the cache: ids come from the path, so that a crawler asking
// for a million petitions that do not exist cannot grow it without end.
const maxCachedPetitions = 1000

func newStatusCache(svc *registrar.Service, maxAge time.Duration) *statusCache {
	return &statusCache{svc: svc, maxAge: maxAge, now: time.Now, entries: map[string]*statusEntry{}}
}

// status is the petition's reading: at most maxAge old, or the latest while a newer one
// is made.
func (c *statusCache) status(ctx context.Context, id string) (registrar.Status, error) {
	if c.maxAge <= 0 {
		return c.svc.Status(ctx, id)
	}
	c.mu.Lock()
	e := c.entries[id]
	if e == nil {
		if len(c.entries) >= maxCachedPetitions {
			clear(c.entries)
		}
		e = &statusEntry{}
		c.entries[id] = e
	}
	if e.ok && c.now().Sub(e.at) < c.maxAge {
		st := e.st
		c.mu.Unlock()
		return st, nil
	}
	if e.pending == nil {
		e.pending = make(chan struct{})
		// The reading is not the request's: one reader going away must not fail the others.
		go c.read(context.WithoutCancel(ctx), id, e)
	}
	if e.ok && e.err == nil {
		st := e.st
		c.mu.Unlock()
		return st, nil
	}
	pending := e.pending
	c.mu.Unlock()
	select {
	case <-pending:
	case <-ctx.Done():
		return registrar.Status{}, ctx.Err()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e.err != nil {
		return registrar.Status{}, e.err
	}
	return e.st, nil
}

// read makes a reading of the petition for entry e and ends e's pending reading.
func (c *statusCache) read(ctx context.Context, id string, e *statusEntry) {
	st, err := c.svc.Status(ctx, id)
	c.mu.Lock()
	defer c.mu.Unlock()
	if err == nil {
		e.st, e.at, e.ok = st, c.now(), true
	}
	e.err = err
	close(e.pending)
	e.pending = nil
}
