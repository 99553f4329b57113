package web

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/registrar"
)

// Jobs: engine work that outlasts a request (a count, an import of a roll or of lines) runs
// on a goroutine of the server's own, under its base context, and a page follows it. Each
// job has its own view of the engine (registrar.Service.WithProgress), so its progress is
// the engine's own: the count's lines stored, the file's bytes read. One job of a kind runs
// at a time for a petition or a jurisdiction; a second start is refused with the running
// one's link. When the server stops, its jobs are cancelled: a count stops at a batch
// boundary and keeps its whole batches (the next verification goes on from there), an
// import keeps nothing (imports are whole or not at all).

// The kinds of job.
const (
	jobVerify = "verify"
	jobRoll   = "roll"
	jobLines  = "lines"
	// jobReviews is an import of signature decisions (issue 12).
	jobReviews = "reviews"
)

// The states of a job.
const (
	jobRunning = "running"
	jobDone    = "done"
	jobFailed  = "failed"
	jobStopped = "stopped" // the server stopped before the job ended
)

// keepJobs is how many ended jobs the server remembers (the oldest are forgotten first).
const keepJobs = 200

// job is one piece of long work and how far it has come.
type job struct {
	ID     int64
	Kind   string
	Target string // the petition's or the jurisdiction's id
	By     string
	// perm is what one must be allowed to follow the job: what starting it needs.
	perm    registrar.Permission
	Started time.Time

	mu     sync.Mutex
	state  string
	stage  string
	done   int
	total  int
	ended  time.Time
	result any
	err    error
}

// jobView is a job as it stands, read under its lock.
type jobView struct {
	ID                int64
	Kind, Target, By  string
	State, Stage      string
	Done, Total       int
	Started, Ended    time.Time
	Result            any
	Err               error
	ErrCode           signet.ErrorCode
	Running, Finished bool
}

func (j *job) view() jobView {
	j.mu.Lock()
	defer j.mu.Unlock()
	v := jobView{ID: j.ID, Kind: j.Kind, Target: j.Target, By: j.By, State: j.state, Stage: j.stage, Done: j.done, Total: j.total,
		Started: j.Started, Ended: j.ended, Result: j.result, Err: j.err}
	v.Running, v.Finished = j.state == jobRunning, j.state != jobRunning
	if j.err != nil {
		v.ErrCode = signet.Code(j.err)
	}
	return v
}

// progress is the engine's progress callback for this job. A stage that ends (done < 0)
// leaves the bar where it was.
func (j *job) progress(stage string, done, total int) {
	if done < 0 {
		return
	}
	j.mu.Lock()
	j.stage, j.done, j.total = stage, done, total
	j.mu.Unlock()
}

// jobRunner runs the server's jobs under its base context.
type jobRunner struct {
	ctx    context.Context
	cancel context.CancelFunc
	log    *slog.Logger
	wg     sync.WaitGroup

	mu      sync.Mutex
	last    int64
	byID    map[int64]*job
	order   []int64         // the jobs' ids in the order started
	running map[string]*job // by kind and target
}

func newJobRunner(base context.Context, log *slog.Logger) *jobRunner {
	if base == nil {
		base = context.Background()
	}
	ctx, cancel := context.WithCancel(base)
	return &jobRunner{ctx: ctx, cancel: cancel, log: log, byID: map[int64]*job{}, running: map[string]*job{}}
}

// start runs work as a new job of kind on target, unless one of that kind runs on it: then
// it returns the running job and an EConflict error. work is given the job's context and
// its progress callback.
func (jr *jobRunner) start(kind, target, by string, perm registrar.Permission, work func(ctx context.Context, progress func(string, int, int)) (any, error)) (*job, error) {
	key := kind + "\x00" + target
	jr.mu.Lock()
	defer jr.mu.Unlock()
	if err := jr.ctx.Err(); err != nil {
		return nil, signet.Errorf(signet.EConflict, "the server is stopping: start it again")
	}
	if j, ok := jr.running[key]; ok {
		return j, signet.Errorf(signet.EConflict, "%s of %s runs already (job %s, started by %s): follow it at %s", kindText[kind], target, strconv.FormatInt(j.ID, 10), j.By, jobPath(j.ID))
	}
	jr.last++
	j := &job{ID: jr.last, Kind: kind, Target: target, By: by, perm: perm, Started: time.Now().UTC(), state: jobRunning}
	jr.byID[j.ID] = j
	jr.order = append(jr.order, j.ID)
	jr.running[key] = j
	jr.forget()
	jr.wg.Add(1)
	go func() {
		defer jr.wg.Done()
		res, err := work(jr.ctx, j.progress)
		j.mu.Lock()
		j.ended, j.result, j.err = time.Now().UTC(), res, err
		switch {
		case err == nil:
			j.state = jobDone
		case jr.ctx.Err() != nil:
			j.state = jobStopped
		default:
			j.state = jobFailed
			if httpStatus(err) >= 500 {
				// Signet's own failure: logged once, without the file's content.
				jr.log.Error("job failed", "job", j.ID, "kind", j.Kind, "error", err)
			}
		}
		j.mu.Unlock()
		jr.mu.Lock()
		delete(jr.running, key)
		jr.mu.Unlock()
	}()
	return j, nil
}

// forget drops the oldest ended jobs beyond keepJobs. The caller holds jr.mu.
func (jr *jobRunner) forget() {
	for len(jr.order) > keepJobs {
		dropped := false
		for i, id := range jr.order {
			j := jr.byID[id]
			j.mu.Lock()
			ended := j.state != jobRunning
			j.mu.Unlock()
			if ended {
				delete(jr.byID, id)
				jr.order = append(jr.order[:i], jr.order[i+1:]...)
				dropped = true
				break
			}
		}
		if !dropped {
			return
		}
	}
}

// get returns a job by its id as the path gives it.
func (jr *jobRunner) get(id string) (*job, error) {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n < 1 {
		return nil, signet.Errorf(signet.EInvalid, "a job's id is a whole number from 1")
	}
	jr.mu.Lock()
	defer jr.mu.Unlock()
	j, ok := jr.byID[n]
	if !ok {
		return nil, signet.Errorf(signet.ENotFound, "no job %s on this server (jobs are forgotten when it restarts)", strconv.FormatInt(n, 10))
	}
	return j, nil
}

// recent are the jobs of the given kinds, newest first, at most n.
func (jr *jobRunner) recent(n int, kinds ...string) []jobView {
	jr.mu.Lock()
	var js []*job
	for i := len(jr.order) - 1; i >= 0 && len(js) < n; i-- {
		j := jr.byID[jr.order[i]]
		for _, k := range kinds {
			if j.Kind == k {
				js = append(js, j)
			}
		}
	}
	jr.mu.Unlock()
	out := make([]jobView, len(js))
	for i, j := range js {
		out[i] = j.view()
	}
	return out
}

// stop cancels the running jobs and waits for them to end.
func (jr *jobRunner) stop() {
	jr.cancel()
	jr.wg.Wait()
}

// Close stops the server's jobs and waits for them: a count stops at a batch boundary,
// keeping its whole batches; an import keeps nothing. Call it once the HTTP server has shut
// down (signet serve does).
func (s *Server) Close() error {
	s.jobs.stop()
	return nil
}

// kindText says what a job does, in English (the catalog's keys).
var kindText = map[string]string{
	jobVerify: "a verification",
	jobRoll:   "an import of a roll",
	jobLines:  "an import of lines",
	jobAudit:  "a verification of the audit log",
	// issue 12
	jobReviews: "an import of signature decisions",
}

// stageText names the engine's and the uploads' stages in English (the catalog's keys).
var stageText = map[string]string{
	"":          "Preparing: reading the roll and the lines",
	"verifying": "Verifying the lines",
	"reading":   "Reading and storing the file",
	"audit log": "Checking the audit log's hash chain",
}

func jobPath(id int64) string { return "/jobs/" + strconv.FormatInt(id, 10) }

// followJob answers a started job: the page goes to it (303), the API says where it is
// (202 with its JSON).
func (s *Server) followJob(w http.ResponseWriter, r *http.Request, j *job, err error) {
	if err != nil && j == nil {
		s.answerError(w, r, err)
		return
	}
	status := http.StatusAccepted
	if err != nil {
		status = httpStatus(err) // 409: one runs already
	}
	if isAPI(r) {
		out := s.jobJSON(r, j.view(), newLang("en"))
		if err != nil {
			out = map[string]any{"error": map[string]any{"code": signet.Code(err), "message": err.Error()}, "job": out}
		}
		w.Header().Set("Location", "/api/v1/jobs/"+strconv.FormatInt(j.ID, 10))
		writeJSON(w, status, out)
		return
	}
	if err != nil {
		pg := s.newPage(w, r, "Job")
		s.renderJob(w, r, http.StatusConflict, pg, j, pg.L.T("%s of %s runs already: here it is.", pg.L.JobKind(j.Kind), j.Target))
		return
	}
	seeOther(w, r, jobPath(j.ID), nil)
}

// answerError answers a failed request as a page or as the API.
func (s *Server) answerError(w http.ResponseWriter, r *http.Request, err error) {
	if isAPI(r) {
		s.apiError(w, r, err)
		return
	}
	s.pageError(w, r, err)
}

// jobMessage is what a failed or stopped job says: the engine's message for a person's
// mistake (a malformed file names its line and column), no more than that it failed for
// Signet's own failures (logged).
func (s *Server) jobMessage(v jobView) string {
	if v.Err == nil {
		return ""
	}
	if v.State == jobStopped {
		return "the server stopped before the job ended"
	}
	if httpStatus(v.Err) >= 500 {
		return "internal error: the job failed; it is logged"
	}
	return v.Err.Error()
}

// jobJSON is a job as the API gives it.
func (s *Server) jobJSON(r *http.Request, v jobView, l *lang) map[string]any {
	out := map[string]any{"id": v.ID, "kind": v.Kind, "target": v.Target, "by": v.By, "state": v.State, "stage": v.Stage,
		"stage_text": l.Stage(v.Stage), "done": v.Done, "total": v.Total, "started": v.Started.Format(signet.EventTimeLayout),
		"ended": nil, "result": nil, "error": nil, "link": jobPath(v.ID)}
	if !v.Ended.IsZero() {
		out["ended"] = v.Ended.Format(signet.EventTimeLayout)
	}
	if v.Result != nil {
		out["result"] = v.Result
	}
	if v.Err != nil {
		out["error"] = map[string]any{"code": v.ErrCode, "message": s.jobMessage(v)}
	}
	return out
}

// jobOf returns the job the path names, if the signed-in user may follow it: what starting
// it needs.
func (s *Server) jobOf(r *http.Request) (*job, error) {
	j, err := s.jobs.get(r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	if err := registrar.Authorize(principalOf(r), j.perm); err != nil {
		return nil, err
	}
	return j, nil
}

// apiJob is a job's state, which the job page reads every second.
func (s *Server) apiJob(w http.ResponseWriter, r *http.Request) {
	j, err := s.jobOf(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, s.jobJSON(r, j.view(), s.language(w, r)))
}

type jobPageView struct {
	page
	J       jobView
	What    string
	Notice  string
	Message string
	Percent string
	Back    string
}

// jobPage shows a job: a bar that moves while it runs (app.js reads its state every
// second), then what it did, or why it failed.
func (s *Server) jobPage(w http.ResponseWriter, r *http.Request) {
	j, err := s.jobOf(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.renderJob(w, r, http.StatusOK, s.newPage(w, r, "Job"), j, "")
}

func (s *Server) renderJob(w http.ResponseWriter, r *http.Request, status int, pg page, j *job, notice string) {
	v := jobPageView{page: pg, J: j.view(), Notice: notice}
	v.What = pg.L.JobKind(v.J.Kind)
	pg.Title = pg.L.T("Job %d: %s of %s", v.J.ID, v.What, v.J.Target)
	v.page = pg
	v.Message = pg.L.errorText(v.J.Err, s.jobMessage(v.J))
	if v.J.Total > 0 {
		v.Percent = pg.L.Share(v.J.Done, v.J.Total)
	}
	switch v.J.Kind {
	case jobVerify:
		v.Back = petitionPath(v.J.Target, "supervise")
	case jobAudit:
		v.Back = "/admin/audit"
	default:
		v.Back = "/admin/uploads"
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, status, "job", v)
}

// --- verification ---

// verifyForm reads what a verification covers: scope "all" (the default: every line
// without a verdict, and those whose decisions or rulings came after theirs) or "sample"
// (the sampled lines only), and the linker (the engine's default when empty).
func verifyForm(f url.Values) (registrar.VerifyOptions, error) {
	var o registrar.VerifyOptions
	switch f.Get("scope") {
	case "", "all":
	case "sample":
		o.SampleOnly = true
	default:
		return o, signet.Errorf(signet.EInvalid, "scope %q: verify all the lines (all) or the sample (sample)", f.Get("scope"))
	}
	o.Linker = f.Get("linker")
	if o.Linker != "" && !registrar.ValidLinker(o.Linker) {
		return o, signet.Errorf(signet.EInvalid, "linker %q: want fs-v1 or simple-v1", o.Linker)
	}
	return o, nil
}

// startVerify starts a verification of the petition as a job.
func (s *Server) startVerify(w http.ResponseWriter, r *http.Request, f url.Values) {
	o, err := verifyForm(f)
	var p signet.Petition
	if err == nil {
		p, err = s.svc.Petition(r.Context(), r.PathValue("id"))
	}
	if err == nil && p.Filed.IsZero() {
		err = signet.Errorf(signet.EConflict, "petition %q is not filed yet: verification counts the lines filed", p.ID)
	}
	if err != nil {
		s.answerError(w, r, err)
		return
	}
	o.Petition, o.Actor = p.ID, who(r)+" (web)"
	j, err := s.jobs.start(jobVerify, p.ID, who(r), registrar.PermCountRun, s.verifyWork(o))
	s.followJob(w, r, j, err)
}

// verifyWork is a verification as a job's work, its progress the job's.
func (s *Server) verifyWork(o registrar.VerifyOptions) func(context.Context, func(string, int, int)) (any, error) {
	return func(ctx context.Context, progress func(string, int, int)) (any, error) {
		res, err := s.svc.WithProgress(progress).Verify(ctx, o)
		if err != nil {
			return nil, err
		}
		return res, nil
	}
}

// ResumeCounts starts again, each as a job, the counts a stop interrupted
// (registrar.InterruptedCounts): a server told to stop ends a running count at a batch
// boundary, and its next start takes up the lines left. It returns the jobs started, by
// petition, in the order started.
func (s *Server) ResumeCounts(ctx context.Context) ([]ResumedCount, error) {
	ids, err := s.svc.InterruptedCounts(ctx)
	if err != nil {
		return nil, err
	}
	const by = "signet serve"
	var started []ResumedCount
	for _, id := range ids {
		o := registrar.VerifyOptions{Petition: id, Actor: by + " (resumed)"}
		j, err := s.jobs.start(jobVerify, id, by, registrar.PermCountRun, s.verifyWork(o))
		if err != nil {
			return started, err
		}
		started = append(started, ResumedCount{Petition: id, Job: j.ID, Path: jobPath(j.ID)})
	}
	return started, nil
}

// ResumedCount is a count ResumeCounts started again: the petition and its job.
type ResumedCount struct {
	Petition string
	Job      int64
	Path     string // the job's page
}

// verify starts a verification from the supervisor's page.
func (s *Server) verify(w http.ResponseWriter, r *http.Request) {
	if err := readForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	s.startVerify(w, r, r.PostForm)
}

// apiVerify starts a verification: the body, if any, is {"scope": "all"|"sample", "linker": …}.
func (s *Server) apiVerify(w http.ResponseWriter, r *http.Request) {
	f := url.Values{}
	if r.ContentLength != 0 {
		var err error
		if f, err = readJSONForm(w, r, "scope", "linker"); err != nil {
			s.apiError(w, r, err)
			return
		}
	}
	s.startVerify(w, r, f)
}

// Stage names a job's stage in the reader's language.
func (l *lang) Stage(stage string) string {
	if s, ok := stageText[stage]; ok {
		return l.T(s)
	}
	return stage
}

// JobKind says what a job does in the reader's language.
func (l *lang) JobKind(kind string) string {
	if s, ok := kindText[kind]; ok {
		return l.T(s)
	}
	return kind
}

// JobState is a job's state in the reader's language.
func (l *lang) JobState(state string) string {
	switch state {
	case jobRunning:
		return l.T("running")
	case jobDone:
		return l.T("done")
	case jobFailed:
		return l.T("failed")
	case jobStopped:
		return l.T("stopped")
	}
	return state
}
