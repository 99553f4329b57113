package web

import (
	"context"
	"sync"
	"testing"
	"time"
)

// TestStatusCache: with a max age, readers share one reading until it is that old, then
// the old one while a new one is made; without, every request reads.
func TestStatusCache(t *testing.T) {
	ts := newTestServer(t)
	ctx := context.Background()
	c := newStatusCache(ts.svc, time.Minute)
	now := time.Date(2022, 8, 1, 9, 0, 0, 0, time.UTC)
	c.now = func() time.Time { return now }
	first, err := c.status(ctx, "demo")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			st, err := c.status(ctx, "demo")
			if err != nil || st.Report.Raw != first.Report.Raw {
				t.Errorf("a shared reading: %v, raw %d", err, st.Report.Raw)
			}
		})
	}
	wg.Wait()
	if e := c.entries["demo"]; e == nil || !e.at.Equal(now) {
		t.Fatalf("the reading was not kept: %+v", e)
	}
	// A minute on, the old reading is served at once while a new one is made beside it; the
	// next request gets the new one.
	now = now.Add(time.Minute)
	if _, err := c.status(ctx, "demo"); err != nil {
		t.Fatal(err)
	}
	c.mu.Lock()
	pending := c.entries["demo"].pending
	c.mu.Unlock()
	if pending == nil {
		t.Fatal("a reading a minute old is served without a new one being made")
	}
	<-pending
	if e := c.entries["demo"]; !e.at.Equal(now) {
		t.Errorf("a reading a minute old was not read again (read at %v)", e.at)
	}
	// A petition that is not there is not kept as an answer.
	if _, err := c.status(ctx, "nope"); err == nil {
		t.Error("no error for a petition that is not there")
	}
	if _, err := newStatusCache(ts.svc, 0).status(ctx, "demo"); err != nil {
		t.Fatal(err)
	}
}
