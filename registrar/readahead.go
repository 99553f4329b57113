package registrar

import (
	"errors"
	"sync"
	"sync/atomic"
)

// errReadAheadStopped is what a source yields once its reader was stopped.
var errReadAheadStopped = errors.New("registrar: the file's reader was stopped")

// readAheadBatch is how many records readAhead reads at a time, and readAheadDepth how many
// such batches it keeps ready: enough that the store never waits on the reader while the
// reader keeps up, few enough that the records waiting cost little memory.
const (
	readAheadBatch = 512
	readAheadDepth = 4
)

// readAhead runs next on a goroutine of its own, a few batches ahead of the caller, so that
// reading and checking a file (the CSV, the parsing, the engine's checks of each record)
// runs on one core while the store writes what was read on another: a roll import was
// one goroutine doing both, one after the other. The source it returns yields what next
// yields, in the same order, ending with next's first error (io.EOF at the end) for good.
// stop ends the goroutine and waits for it, whether or not the source was read to the end;
// next is not called after stop returns, so the file under it may be closed then.
func readAhead[T any](next func() (T, int, error)) (source func() (T, int, error), stop func()) {
	type item struct {
		v    T
		line int
	}
	type batch struct {
		items []item
		// The error that ended the batch, with what next returned beside it.
		err  error
		last item
	}
	ready := make(chan *batch, readAheadDepth)
	free := make(chan *batch, readAheadDepth+2)
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		defer close(ready)
		for {
			var b *batch
			select {
			case b = <-free:
				b.items = b.items[:0]
			default:
				b = &batch{items: make([]item, 0, readAheadBatch)}
			}
			for len(b.items) < readAheadBatch {
				v, line, err := next()
				if err != nil {
					b.err, b.last = err, item{v, line}
					break
				}
				b.items = append(b.items, item{v, line})
			}
			select {
			case ready <- b:
			case <-done:
				return
			}
			if b.err != nil {
				return
			}
		}
	}()
	var cur *batch
	i := 0
	var stopped atomic.Bool
	source = func() (T, int, error) {
		if stopped.Load() {
			var zero T
			return zero, 0, errReadAheadStopped
		}
		for cur == nil || i == len(cur.items) {
			if cur != nil && cur.err != nil {
				return cur.last.v, cur.last.line, cur.err
			}
			if cur != nil {
				select {
				case free <- cur:
				default:
				}
			}
			b, ok := <-ready
			if !ok {
				var zero T
				return zero, 0, errReadAheadStopped
			}
			cur, i = b, 0
		}
		it := cur.items[i]
		i++
		return it.v, it.line, nil
	}
	var once sync.Once
	stop = func() {
		once.Do(func() {
			stopped.Store(true)
			close(done)
			<-finished
		})
	}
	return source, stop
}
