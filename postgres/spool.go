package postgres

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/jackc/pgx/v5"
	"github.com/signet-vote/signet/internal/storecodec"
)

// spool keeps an import's packs (storecodec) in a temporary file while COPY streams its
// rows: a connection does one thing at a time, so the packs are written after the rows,
// from the file, and memory holds one chunk whatever the size of the file.
type spool struct {
	f      *os.File
	w      *bufio.Writer
	pack   storecodec.Pack
	chunks int
	n      int // the items spooled, in every chunk
}

func newSpool() (*spool, error) {
	f, err := os.CreateTemp("", "signet-packs-*")
	if err != nil {
		return nil, fmt.Errorf("spool the packs: %w", err)
	}
	return &spool{f: f, w: bufio.NewWriterSize(f, 1<<20)}, nil
}

// close removes the file.
func (s *spool) close() {
	s.f.Close()
	os.Remove(s.f.Name())
}

// added notes that an item went into s.pack, and writes the chunk out once it is full.
func (s *spool) added() error {
	s.n++
	if s.pack.N == storecodec.PackChunk {
		return s.flush()
	}
	return nil
}

// flush writes the pack's chunk to the file: its count, its length, its bytes.
func (s *spool) flush() error {
	if s.pack.N == 0 {
		return nil
	}
	var hdr [2 * binary.MaxVarintLen64]byte
	k := binary.PutUvarint(hdr[:], uint64(s.pack.N))
	k += binary.PutUvarint(hdr[k:], uint64(len(s.pack.Buf)))
	if _, err := s.w.Write(hdr[:k]); err != nil {
		return fmt.Errorf("spool the packs: %w", err)
	}
	if _, err := s.w.Write(s.pack.Buf); err != nil {
		return fmt.Errorf("spool the packs: %w", err)
	}
	s.chunks++
	s.pack.Reset()
	return nil
}

// rows reads the chunks back for COPY, each made a row by row(chunk, count, data).
func (s *spool) rows(row func(chunk, n int, data []byte) []any) (pgx.CopyFromSource, error) {
	if err := s.flush(); err != nil {
		return nil, err
	}
	if err := s.w.Flush(); err != nil {
		return nil, fmt.Errorf("spool the packs: %w", err)
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("spool the packs: %w", err)
	}
	r := bufio.NewReaderSize(s.f, 1<<20)
	chunk := 0
	var data []byte
	return pgx.CopyFromFunc(func() ([]any, error) {
		n, err := binary.ReadUvarint(r)
		if errors.Is(err, io.EOF) && chunk == s.chunks {
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read the spooled packs: %w", err)
		}
		size, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, fmt.Errorf("read the spooled packs: %w", err)
		}
		// COPY encodes a row before it asks for the next: the buffer can be reused.
		if uint64(cap(data)) < size {
			data = make([]byte, size)
		}
		data = data[:size]
		if _, err := io.ReadFull(r, data); err != nil {
			return nil, fmt.Errorf("read the spooled packs: %w", err)
		}
		chunk++
		return row(chunk-1, int(n), data), nil
	}), nil
}

// copySource streams a source's records through COPY into table: add turns each record into
// its row (appending to row, whose backing array is reused) and may fail. It returns the
// records copied; a failure of the source or of add is returned as it is (it names the
// file, line and column), rather than as COPY's.
func copySource[T any](ctx context.Context, w *writeTx, table string, cols []string, next func() (T, int, error), add func(rec *T, row []any) ([]any, error)) (int, error) {
	var srcErr error
	n := 0
	row := make([]any, 0, len(cols))
	src := pgx.CopyFromFunc(func() ([]any, error) {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		rec, _, err := next()
		if err == io.EOF {
			return nil, nil
		}
		if err == nil {
			row, err = add(&rec, row[:0])
		}
		if err != nil {
			srcErr = err
			return nil, err
		}
		n++
		return row, nil
	})
	_, err := w.CopyFrom(ctx, pgx.Identifier{table}, cols, src)
	if srcErr != nil {
		return n, srcErr
	}
	return n, err
}
