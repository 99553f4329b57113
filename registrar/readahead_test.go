package registrar

import (
	"errors"
	"io"
	"sync/atomic"
	"testing"
)

// counting is a source of n numbers, then err, counting its calls.
func counting(n int, err error, calls *atomic.Int64) func() (int, int, error) {
	i := 0
	return func() (int, int, error) {
		calls.Add(1)
		if i == n {
			return -1, n + 1, err
		}
		i++
		return i * 10, i, nil
	}
}

// readAhead yields what its source yields, in order, across batch boundaries, then the
// source's error with its line, for good.
func TestReadAheadKeepsOrderAndError(t *testing.T) {
	bad := errors.New("line 2050: bad")
	for _, n := range []int{0, 1, readAheadBatch - 1, readAheadBatch, 4*readAheadBatch + 7} {
		for _, end := range []error{io.EOF, bad} {
			var calls atomic.Int64
			src, stop := readAhead(counting(n, end, &calls))
			for i := 1; i <= n; i++ {
				v, line, err := src()
				if err != nil || v != i*10 || line != i {
					t.Fatalf("n=%d: record %d: %d, line %d, %v", n, i, v, line, err)
				}
			}
			for range 2 {
				if v, line, err := src(); err != end || v != -1 || line != n+1 {
					t.Fatalf("n=%d: after the records: %d, line %d, %v; want -1, line %d, %v", n, v, line, err, n+1, end)
				}
			}
			stop()
			if got := calls.Load(); got != int64(n+1) {
				t.Errorf("n=%d: the source was called %d times, want %d", n, got, n+1)
			}
		}
	}
}

// A caller that stops early (the store refused a record) stops the reader: stop returns,
// and the source is not called after it.
func TestReadAheadStopsEarly(t *testing.T) {
	var calls atomic.Int64
	src, stop := readAhead(counting(1_000_000, io.EOF, &calls))
	for range 3 {
		if _, _, err := src(); err != nil {
			t.Fatal(err)
		}
	}
	stop()
	after := calls.Load()
	if after > int64((readAheadDepth+2)*readAheadBatch) {
		t.Errorf("the source was called %d times for 3 records read: it ran too far ahead", after)
	}
	stop() // twice is harmless
	if calls.Load() != after {
		t.Errorf("the source was called after stop returned")
	}
	if _, _, err := src(); err == nil {
		t.Errorf("a stopped source yields a record")
	}
}
