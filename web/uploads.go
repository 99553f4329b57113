package web

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync/atomic"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/csvfile"
	"github.com/signet-vote/signet/registrar"
)

// Uploads: an admin sends a roll file for a jurisdiction, a lines file or a file of
// signature decisions (signet review import's) for a petition,
// from the admin page (a multipart form; the page's script shows the upload's bar) or to
// the API (the CSV as the request's body). The file is streamed to a temporary file, at
// most Config.MaxUpload bytes and hashed on the way, then imported by the engine as a job
// whose bar follows the bytes the engine has read. The file is read as the CLI reads it
// (csvfile), and refused with the same file, line and column; the engine's imports are
// whole or not at all, and the temporary file is removed whatever happens, so a refused
// upload keeps nothing.

// DefaultMaxUpload is the largest file an upload may send unless Config.MaxUpload says
// otherwise: 2 GiB, more than a county's roll.
const DefaultMaxUpload = 2 << 30

// maxUploadFields is how many form fields besides the file an upload's form may have, and
// maxUploadField how long each may be.
const (
	maxUploadFields = 16
	maxUploadField  = 8 << 10
)

// uploadTooLarge refuses a file larger than the limit: a person's mistake (EInvalid), sent
// as 413.
type uploadTooLarge struct {
	err *signet.Error
}

func (e *uploadTooLarge) Error() string { return e.err.Error() }
func (e *uploadTooLarge) Unwrap() error { return e.err }

func tooLarge(limit int64) error {
	return &uploadTooLarge{signet.Errorf(signet.EInvalid, "the file is larger than the limit of %d bytes: refused, nothing is kept", limit)}
}

// spooled is an uploaded file in a temporary file, with its hash.
type spooled struct {
	path, name, sum string
	size            int64
}

func (f *spooled) remove() {
	if f != nil {
		os.Remove(f.path)
	}
}

// spool copies an upload to a temporary file, hashing it, and refuses one larger than
// limit bytes (keeping nothing).
func (s *Server) spool(src io.Reader, name string, limit int64) (*spooled, error) {
	f, err := os.CreateTemp(s.tempDir, "signet-upload-*.csv")
	if err != nil {
		return nil, err
	}
	up := &spooled{path: f.Name(), name: uploadName(name)}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(f, h), io.LimitReader(src, limit+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	switch {
	case err != nil:
		up.remove()
		return nil, readError(err, limit)
	case n > limit:
		up.remove()
		return nil, tooLarge(limit)
	}
	up.size, up.sum = n, hex.EncodeToString(h.Sum(nil))
	return up, nil
}

// readError is what a request's body that could not be read says; limit is the upload's.
func readError(err error, limit int64) error {
	var big *http.MaxBytesError
	if errors.As(err, &big) {
		return tooLarge(limit)
	}
	if signet.Code(err) != signet.EInternal {
		return err
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return err // the temporary file: Signet's own failure
	}
	return signet.Errorf(signet.EInvalid, "the upload could not be read: %v", err)
}

// readUploadForm reads an upload's multipart form (the admin's, the campaign's intake): its
// fields and its one file, spooled, at most limit bytes. The caller removes the file.
func (s *Server) readUploadForm(w http.ResponseWriter, r *http.Request, limit int64) (url.Values, *spooled, error) {
	r.Body = http.MaxBytesReader(w, r.Body, limit+1<<20)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, nil, signet.Errorf(signet.EInvalid, "send the form as multipart/form-data, with the file")
	}
	fields := url.Values{}
	var up *spooled
	fail := func(err error) (url.Values, *spooled, error) {
		up.remove()
		return nil, nil, err
	}
	for n := 0; ; n++ {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fail(readError(err, limit))
		}
		if n > maxUploadFields+1 {
			return fail(signet.Errorf(signet.EInvalid, "the form has too many fields"))
		}
		if part.FormName() == "file" && part.FileName() != "" {
			if up != nil {
				return fail(signet.Errorf(signet.EInvalid, "send one file"))
			}
			if up, err = s.spool(part, part.FileName(), limit); err != nil {
				return fail(err)
			}
			continue
		}
		b, err := io.ReadAll(io.LimitReader(part, maxUploadField+1))
		if err != nil {
			return fail(readError(err, limit))
		}
		if len(b) > maxUploadField {
			return fail(signet.Errorf(signet.EInvalid, "the form's field %q is too long", uploadName(part.FormName())))
		}
		fields.Add(part.FormName(), string(b))
	}
	if up == nil {
		return nil, nil, signet.Errorf(signet.EInvalid, "choose a file to upload")
	}
	return fields, up, nil
}

// readUploadBody reads an API upload: the CSV is the request's body, at most limit bytes.
// The caller removes the file.
func (s *Server) readUploadBody(w http.ResponseWriter, r *http.Request, limit int64) (*spooled, error) {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		if mt, _, err := mime.ParseMediaType(ct); err != nil || (mt != "text/csv" && mt != "application/octet-stream" && mt != "text/plain") {
			return nil, signet.Errorf(signet.EInvalid, "send the CSV file as the request's body (Content-Type: text/csv)")
		}
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit+1)
	return s.spool(r.Body, r.URL.Query().Get("name"), limit)
}

// countingReader tells the job how many of the file's bytes the engine has read.
type countingReader struct {
	r        io.Reader
	n        atomic.Int64
	size     int64
	progress func(string, int, int)
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.progress("reading", int(c.n.Add(int64(n))), int(c.size))
	return n, err
}

// importSpec is what an import needs besides its file.
type importSpec struct {
	kind, target, columns string
	newSnapshot           bool
}

// startImport checks an upload's target and its header (as the CLI does, before a byte is
// stored), then imports it as a job; the temporary file is removed when the job ends, or
// at once when it does not start.
func (s *Server) startImport(w http.ResponseWriter, r *http.Request, up *spooled, spec importSpec) {
	ctx := r.Context()
	var err error
	schema := csvfile.VoterSchema
	switch spec.kind {
	case jobRoll:
		_, err = s.svc.Jurisdiction(ctx, spec.target)
	case jobLines:
		schema = csvfile.LineSchema
		_, err = s.svc.Petition(ctx, spec.target)
	case jobReviews:
		schema = csvfile.ReviewSchema
		_, err = s.svc.Petition(ctx, spec.target)
	}
	var cols map[string]string
	if err == nil {
		cols, err = csvfile.ParseMapping(spec.columns)
	}
	var f *os.File
	if err == nil {
		f, err = os.Open(up.path)
	}
	if err != nil {
		up.remove()
		s.answerError(w, r, err)
		return
	}
	cr := &countingReader{r: f, size: up.size, progress: func(string, int, int) {}}
	rd, err := csvfile.NewReader(up.name, bufio.NewReaderSize(cr, 1<<20), schema, csvfile.Options{Columns: cols})
	if err != nil {
		f.Close()
		up.remove()
		s.answerError(w, r, err)
		return
	}
	meta := signet.ImportMeta{FileName: up.name, SHA256: up.sum, Actor: who(r) + " (web)", NewSnapshot: spec.newSnapshot}
	j, err := s.jobs.start(spec.kind, spec.target, who(r), registrar.PermDataImport, func(ctx context.Context, progress func(string, int, int)) (any, error) {
		defer up.remove()
		defer f.Close()
		cr.progress = progress
		progress("reading", int(cr.n.Load()), int(up.size))
		svc := s.svc.WithProgress(progress)
		switch spec.kind {
		case jobRoll:
			imp, err := svc.ImportRoll(ctx, spec.target, meta, rd.Voters())
			if err != nil {
				return nil, err
			}
			return map[string]any{"jurisdiction": imp.Jurisdiction, "snapshot": imp.ID, "file": imp.FileName, "sha256": imp.SHA256, "voters": imp.Rows}, nil
		case jobReviews:
			// Each decision's audit event names the file's "by" (who compared the
			// signature), as signet review import records it; the job names the uploader.
			n, err := svc.RecordReviews(ctx, spec.target, up.name, rd.Reviews())
			if err != nil {
				return nil, err
			}
			return map[string]any{"petition": spec.target, "file": up.name, "sha256": up.sum, "decisions": n}, nil
		default:
			imp, err := svc.ImportLines(ctx, spec.target, meta, rd.Lines())
			if err != nil {
				return nil, err
			}
			return map[string]any{"petition": imp.Petition, "file": imp.FileName, "sha256": imp.SHA256, "lines": imp.Rows,
				"first_seq": imp.FirstSeq, "last_seq": imp.LastSeq}, nil
		}
	})
	if j == nil || err != nil {
		f.Close()
		up.remove()
	}
	s.followJob(w, r, j, err)
}

// upload reads the admin page's form for a roll (jurisdiction, columns, new_snapshot, file),
// lines or signature decisions (petition, columns, file) and imports it.
func (s *Server) upload(kind string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		fields, up, err := s.readUploadForm(w, r, s.maxUpload)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		spec := importSpec{kind: kind, columns: fields.Get("columns"), newSnapshot: fields.Get("new_snapshot") != ""}
		if kind == jobRoll {
			spec.target = fields.Get("jurisdiction")
		} else {
			spec.target = fields.Get("petition")
		}
		if strings.TrimSpace(spec.target) == "" {
			up.remove()
			s.pageError(w, r, signet.Errorf(signet.EInvalid, "choose where the file goes"))
			return
		}
		s.startImport(w, r, up, spec)
	}
}

// apiUpload imports the request's body, a CSV file, into the jurisdiction's roll, the
// petition's lines or its signature decisions: ?columns=field=header,…, ?name= (the file's name), and for a roll
// ?new_snapshot=true.
func (s *Server) apiUpload(kind string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		spec := importSpec{kind: kind, target: r.PathValue("id"), columns: q.Get("columns")}
		switch q.Get("new_snapshot") {
		case "", "false":
		case "true":
			spec.newSnapshot = kind == jobRoll
		default:
			s.apiError(w, r, signet.Errorf(signet.EInvalid, "new_snapshot is true or false"))
			return
		}
		up, err := s.readUploadBody(w, r, s.maxUpload)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		s.startImport(w, r, up, spec)
	}
}

type uploadsView struct {
	page
	Jurisdictions []signet.Jurisdiction
	Petitions     []signet.Petition
	Jobs          []jobView
	MaxUpload     string
}

// uploadsPage is the admin's page of uploads: a roll for a jurisdiction, lines for a
// petition, and the imports this server ran.
func (s *Server) uploadsPage(w http.ResponseWriter, r *http.Request) {
	v := uploadsView{page: s.newPage(w, r, "Uploads"), Jobs: s.jobs.recent(20, jobRoll, jobLines, jobReviews)}
	var err error
	if v.Jurisdictions, err = s.svc.Jurisdictions(r.Context()); err == nil {
		v.Petitions, err = s.svc.Petitions(r.Context())
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v.MaxUpload = fmt.Sprintf("%d MiB", s.maxUpload>>20)
	s.render(w, r, http.StatusOK, "uploads", v)
}
