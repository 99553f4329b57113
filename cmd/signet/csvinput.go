package main

import (
	"bufio"
	"io"
	"os"
	"sync"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/csvfile"
)

// csvInput is an input file opened for import: its reader, hash and progress bar.
type csvInput struct {
	file *os.File
	r    *csvfile.Reader
	meta signet.ImportMeta
	bar  *progress
}

func (in *csvInput) close() {
	in.bar.done()
	in.file.Close()
}

// openCSV hashes the file, then opens it for reading with the schema and a column map
// written field=header,...
func (m *Main) openCSV(path string, schema csvfile.Schema, columns, actor string) (*csvInput, error) {
	if path == "" {
		return nil, usageErr("no input file given")
	}
	cols, err := csvfile.ParseMapping(columns)
	if err != nil {
		return nil, err
	}
	sum, err := hashFile(path)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, signet.Errorf(signet.ENotFound, "%v", err)
	}
	st, _ := f.Stat()
	name := path
	bar := m.newProgress(st.Size(), "importing "+name, true)
	r, err := csvfile.NewReader(name, bufio.NewReaderSize(bar.reader(f), 1<<20), schema, csvfile.Options{Columns: cols})
	if err != nil {
		bar.done()
		f.Close()
		return nil, err
	}
	return &csvInput{file: f, r: r, bar: bar, meta: signet.ImportMeta{FileName: name, SHA256: sum, Actor: actor}}, nil
}

var (
	csvVoterSchema  = csvfile.VoterSchema
	csvLineSchema   = csvfile.LineSchema
	csvReviewSchema = csvfile.ReviewSchema
)

var ioEOF = io.EOF

// prefetch runs next on its own goroutine, a batch ahead of the consumer, so that parsing
// the file and writing the store use two cores. The returned function yields the same
// sequence, ending with the same error (io.EOF at the end). stop must be called when the
// consumer is done, to release the goroutine.
func prefetch[T any](next func() (T, int, error)) (get func() (T, int, error), stop func()) {
	type item struct {
		v    T
		line int
	}
	type batch struct {
		items []item
		err   error
	}
	ch := make(chan batch, 4)
	quit := make(chan struct{})
	go func() {
		defer close(ch)
		for {
			b := batch{items: make([]item, 0, 512)}
			for len(b.items) < cap(b.items) {
				v, line, err := next()
				if err != nil {
					b.err = err
					break
				}
				b.items = append(b.items, item{v, line})
			}
			select {
			case ch <- b:
			case <-quit:
				return
			}
			if b.err != nil {
				return
			}
		}
	}()
	var cur batch
	i := 0
	get = func() (T, int, error) {
		for i == len(cur.items) {
			if cur.err != nil {
				var zero T
				return zero, 0, cur.err
			}
			b, ok := <-ch
			if !ok {
				var zero T
				return zero, 0, io.EOF
			}
			cur, i = b, 0
		}
		it := cur.items[i]
		i++
		return it.v, it.line, nil
	}
	var once sync.Once
	return get, func() { once.Do(func() { close(quit) }) }
}
