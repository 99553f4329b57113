package match

import (
	"runtime"
	"runtime/metrics"
	"testing"
	"time"
)

// heapBytes is the heap the program's objects take now.
func heapBytes() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

func benchmarkNewEngine(b *testing.B, n int) {
	w := benchWorld(n)
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	base := heapBytes()
	peak := base
	stop := make(chan bool)
	go func() {
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				stop <- true
				return
			case <-t.C:
				peak = max(peak, heapBytes())
			}
		}
	}()
	b.ResetTimer()
	var e *Engine
	for b.Loop() {
		e, _ = NewEngine(w.voters, EngineOptions{})
	}
	b.StopTimer()
	stop <- true
	<-stop
	b.ReportMetric(float64(peak-base)/(1<<20), "MiB-peak-heap")
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-min(after.HeapAlloc, before.HeapAlloc))/(1<<20), "MiB-retained")
	runtime.KeepAlive(e)
}

// BenchmarkNewEngine567k builds the engine over 567,000 voters.
func BenchmarkNewEngine567k(b *testing.B) { benchmarkNewEngine(b, 567000) }

// BenchmarkNewEngine5670k builds the engine over 5,670,000 voters (Los Angeles).
func BenchmarkNewEngine5670k(b *testing.B) { benchmarkNewEngine(b, 5670000) }

func benchmarkEngineLink(b *testing.B, n int) {
	w := benchWorld(n)
	e, err := NewEngine(w.voters, EngineOptions{})
	if err != nil {
		b.Fatal(err)
	}
	e.Train(w.lines)
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		e.Link(&w.lines[i%len(w.lines)])
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lines/s")
	b.ReportMetric(float64(e.PairsScored())/float64(b.N), "pairs/line")
}

// BenchmarkEngineLink567k links lines one at a time against 567,000 voters.
func BenchmarkEngineLink567k(b *testing.B) { benchmarkEngineLink(b, 567000) }

// BenchmarkEngineLink5670k links lines one at a time against 5,670,000 voters.
func BenchmarkEngineLink5670k(b *testing.B) { benchmarkEngineLink(b, 5670000) }
