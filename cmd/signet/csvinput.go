package main

import (
	"bufio"
	"io"
	"os"

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
