package main

import (
	"fmt"
	"io"
	"time"

	"github.com/schollz/progressbar/v3"
)

// progress draws a bar on a terminal and stays quiet otherwise.
type progress struct {
	bar *progressbar.ProgressBar
}

// newProgress starts a bar of max steps (-1: unknown) described by desc; bytes says the
// steps are bytes of a file.
func (m *Main) newProgress(max int64, desc string, bytes bool) *progress {
	if !m.Interactive {
		return &progress{}
	}
	opts := []progressbar.Option{
		progressbar.OptionSetWriter(m.Stderr),
		progressbar.OptionSetDescription(desc),
		progressbar.OptionThrottle(100 * time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionShowCount(),
	}
	if bytes {
		opts = append(opts, progressbar.OptionShowBytes(true))
	} else {
		opts = append(opts, progressbar.OptionShowIts(), progressbar.OptionSetItsString("lines"))
	}
	return &progress{bar: progressbar.NewOptions64(max, opts...)}
}

// reader counts the bytes read through it on the bar.
func (p *progress) reader(r io.Reader) io.Reader {
	if p.bar == nil {
		return r
	}
	return io.TeeReader(r, p.bar)
}

func (p *progress) add(n int) {
	if p.bar != nil {
		p.bar.Add(n)
	}
}

func (p *progress) set(n int) {
	if p.bar != nil {
		p.bar.Set(n)
	}
}

func (p *progress) done() {
	if p.bar != nil {
		p.bar.Finish()
	}
}

// stage prints a step of a long job to stderr with its duration.
func (m *Main) stage(start time.Time, format string, args ...any) {
	fmt.Fprintf(m.Stderr, "%-58s %6.1fs\n", fmt.Sprintf(format, args...), time.Since(start).Seconds())
}
