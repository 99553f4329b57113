package web

import (
	"context"
	"sync"
	"time"

	"github.com/signet-vote/signet/registrar"
)

// statusCache shares a petition's reading (registrar.Service.Status) among the readers of
// its public pages for up to maxAge: a reading counts every verdict of the petition, and a
// dashboard read by hundreds of people at once during a count would otherwise count them
// once per page view. Readers that arrive while a reading is under way wait for it rather
// than start their own. A maxAge of zero reads on every request.
type statusCache struct {
	svc    *registrar.Service
	maxAge time.Duration
	now    func() time.Time

	mu      sync.Mutex
	entries map[string]*statusEntry
}

// statusEntry is a petition's latest reading, or the one under way (done not yet closed).
type statusEntry struct {
	done chan struct{}
	at   time.Time
	st   registrar.Status
	err  error
}

// maxCachedPetitions bounds the cache: ids come from the path, so that a crawler asking
// for a million petitions that do not exist cannot grow it without end.
const maxCachedPetitions = 1000

func newStatusCache(svc *registrar.Service, maxAge time.Duration) *statusCache {
	return &statusCache{svc: svc, maxAge: maxAge, now: time.Now, entries: map[string]*statusEntry{}}
}

// status is the petition's reading, at most maxAge old.
func (c *statusCache) status(ctx context.Context, id string) (registrar.Status, error) {
	if c.maxAge <= 0 {
		return c.svc.Status(ctx, id)
	}
	c.mu.Lock()
	e := c.entries[id]
	if e != nil {
		select {
		case <-e.done:
			if c.now().Sub(e.at) >= c.maxAge || e.err != nil {
				e = nil // stale, or failed: read again
			}
		default: // under way: wait for it
		}
	}
	if e == nil {
		e = &statusEntry{done: make(chan struct{})}
		if len(c.entries) >= maxCachedPetitions {
			clear(c.entries)
		}
		c.entries[id] = e
		c.mu.Unlock()
		// The reading is not the request's: one reader going away must not fail the others.
		e.st, e.err = c.svc.Status(context.WithoutCancel(ctx), id)
		e.at = c.now()
		close(e.done)
		return e.st, e.err
	}
	c.mu.Unlock()
	select {
	case <-e.done:
		return e.st, e.err
	case <-ctx.Done():
		return registrar.Status{}, ctx.Err()
	}
}
