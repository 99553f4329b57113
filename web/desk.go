package web

import (
	"bytes"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/present"
	"github.com/signet-vote/signet/registrar"
)

// The desks (docs/review.md): the clerks' review desk, the supervisor's desk and the
// proponents' redacted list of invalid lines, as pages. Each handler reads a form, calls the
// engine with the signed-in user as the clerk, supervisor or challenger, and renders or
// redirects; the engine records every decision as an audit event.

// maxDeskForm is the most a desk's form may weigh: a stated reason of at most
// registrar.MaxCommentLength characters, URL-encoded, with room to spare.
const maxDeskForm = 32 << 10

// invalidPageSize is how many invalid lines a page of the proponents' list shows.
const invalidPageSize = 50

// readForm parses a posted form of at most maxDeskForm bytes; what cannot be read is the
// sender's mistake (EInvalid).
func readForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxDeskForm)
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return signet.Errorf(signet.EInvalid, "the form is too large")
		}
		return signet.Errorf(signet.EInvalid, "the form could not be read")
	}
	return nil
}

// who is the signed-in user's name: the clerk, supervisor or challenger the engine records.
func who(r *http.Request) string { return principalOf(r).User.Name }

// seeOther redirects a posted form to the page that shows its result.
func seeOther(w http.ResponseWriter, r *http.Request, path string, query url.Values) {
	if len(query) > 0 {
		path += "?" + query.Encode()
	}
	http.Redirect(w, r, path, http.StatusSeeOther)
}

func petitionPath(id string, rest ...string) string {
	p := "/petitions/" + url.PathEscape(id)
	for _, x := range rest {
		p += "/" + url.PathEscape(x)
	}
	return p
}

// flash is a short confirmation carried on a redirect's query: a line id or a word, never
// longer than a line id can be.
func flash(r *http.Request, key string) string {
	v := r.URL.Query().Get(key)
	if len(v) > 80 || strings.ContainsFunc(v, func(c rune) bool { return c < ' ' }) {
		return ""
	}
	return v
}

// reasonOption is a reason code as a form offers it.
type reasonOption struct {
	Code, Label string
}

// reasonOptions are the reason codes a person may give an invalid line, in the reader's
// language: the reasons, then "other" with each sub-reason.
func reasonOptions(l *lang) []reasonOption {
	var out []reasonOption
	for _, r := range signet.Reasons {
		if r == signet.Other {
			continue
		}
		out = append(out, reasonOption{string(r), l.T(present.ReasonLabel(r))})
	}
	for _, sub := range signet.OtherSubReasons {
		out = append(out, reasonOption{signet.CodeOf(false, signet.Other, sub), l.T(present.ReasonLabel(signet.Other)) + ": " + l.T(subReasonLabels[sub])})
	}
	return out
}

// CodeLabel is a verdict's code ("valid", "not_registered", "other:illegible") in the
// reader's language.
func (l *lang) CodeLabel(code string) string {
	valid, r, sub := signet.ParseCode(code)
	switch {
	case valid:
		return l.T("Valid")
	case r == signet.Other && subReasonLabels[sub] != "":
		return l.T(present.ReasonLabel(r)) + ": " + l.T(subReasonLabels[sub])
	case slices.Contains(signet.Reasons, r):
		return l.T(present.ReasonLabel(r))
	}
	return code
}

// --- the clerks' desk ---

type deskIndexView struct {
	page
	Petitions []signet.Petition
}

// deskIndex lists the petitions whose review queue a clerk may work.
func (s *Server) deskIndex(w http.ResponseWriter, r *http.Request) {
	ps, err := s.svc.Petitions(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "deskindex", deskIndexView{page: s.newPage(w, r, "Clerks' desk"), Petitions: ps})
}

type deskView struct {
	page
	P        signet.Petition
	Left     int
	Last     string
	LastCode string
	Released string
	Empty    bool
}

// deskPage is a petition's desk: how many lines await review, and the button (key n) that
// claims the next one.
func (s *Server) deskPage(w http.ResponseWriter, r *http.Request) {
	p, err := s.svc.Petition(r.Context(), r.PathValue("id"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	item, _, err := s.svc.NextReview(r.Context(), p.ID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	pg := s.newPage(w, r, "Clerks' desk")
	pg.Title = pg.L.T("Clerks' desk: petition %s", p.ID)
	s.render(w, r, http.StatusOK, "desk", deskView{page: pg, P: p, Left: item.Left, Last: flash(r, "last"), LastCode: flash(r, "code"),
		Released: flash(r, "released"), Empty: r.URL.Query().Get("empty") != ""})
}

// deskClaim leases the next free line of the queue to the clerk and shows it.
func (s *Server) deskClaim(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	item, ok, err := s.svc.ClaimReview(r.Context(), id, who(r), registrar.DefaultLeaseTTL)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if !ok {
		seeOther(w, r, petitionPath(id, "desk"), url.Values{"empty": {"1"}})
		return
	}
	seeOther(w, r, petitionPath(id, "desk", item.Line.ID()), nil)
}

type deskLineView struct {
	page
	P          signet.Petition
	Item       registrar.DeskItem
	Until      time.Time
	Candidates []registrar.CandidateVoter
	Reasons    []reasonOption
	Last       string
	LastCode   string
}

// deskLine shows a line the clerk holds: the line as filed beside its candidates' voter
// records, field by field, and the form that decides it.
func (s *Server) deskLine(w http.ResponseWriter, r *http.Request) {
	p, err := s.svc.Petition(r.Context(), r.PathValue("id"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	item, err := s.svc.HeldReview(r.Context(), p.ID, who(r), r.PathValue("line"), registrar.DefaultLeaseTTL)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	cands, err := s.svc.CandidateVoters(r.Context(), item.Verdict)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	pg := s.newPage(w, r, "Clerks' desk")
	pg.Title, pg.VoterData = pg.L.T("Line %s", item.Line.ID()), true
	s.render(w, r, http.StatusOK, "deskline", deskLineView{page: pg, P: p, Item: item, Until: item.Lease.ClaimedAt.Add(registrar.DefaultLeaseTTL).UTC(),
		Candidates: cands, Reasons: reasonOptions(pg.L), Last: flash(r, "last"), LastCode: flash(r, "code")})
}

// decisionForm reads a clerk's decision: decision (valid or invalid), voter, reason,
// signature (match, mismatch or empty) and comment.
func decisionForm(f url.Values) (registrar.ReviewDecision, error) {
	d := registrar.ReviewDecision{VoterID: strings.TrimSpace(f.Get("voter")), Comment: f.Get("comment")}
	switch f.Get("decision") {
	case "valid":
		d.Valid = true
	case "invalid":
		var err error
		if d.Reason, d.SubReason, err = registrar.ParseReason(f.Get("reason")); err != nil {
			return d, err
		}
	default:
		return d, signet.Errorf(signet.EInvalid, "decide the line valid or invalid")
	}
	if sig := f.Get("signature"); sig != "" {
		sd, err := signet.ParseSignatureDecision(sig)
		if err != nil {
			return d, signet.Errorf(signet.EInvalid, "the signature comparison: %v", err)
		}
		d.Signature = sd
	}
	return d, nil
}

// deskDecide records the clerk's decision on the line they hold and hands them the next.
func (s *Server) deskDecide(w http.ResponseWriter, r *http.Request) {
	id, line := r.PathValue("id"), r.PathValue("line")
	if err := readForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	d, err := decisionForm(r.PostForm)
	if err == nil {
		err = s.svc.DecideReview(r.Context(), id, who(r), line, d, registrar.DefaultLeaseTTL)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	done := url.Values{"last": {line}, "code": {signet.CodeOf(d.Valid, d.Reason, d.SubReason)}}
	next, ok, err := s.svc.ClaimReview(r.Context(), id, who(r), registrar.DefaultLeaseTTL)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if !ok {
		done.Set("empty", "1")
		seeOther(w, r, petitionPath(id, "desk"), done)
		return
	}
	seeOther(w, r, petitionPath(id, "desk", next.Line.ID()), done)
}

// deskRelease gives the line back to the queue undecided.
func (s *Server) deskRelease(w http.ResponseWriter, r *http.Request) {
	id, line := r.PathValue("id"), r.PathValue("line")
	if err := s.svc.ReleaseReview(r.Context(), id, who(r), line); err != nil {
		s.pageError(w, r, err)
		return
	}
	seeOther(w, r, petitionPath(id, "desk"), url.Values{"released": {line}})
}

// --- the supervisor's desk ---

type superviseView struct {
	page
	P           signet.Petition
	Per         string
	Sections    []string
	Assigned    map[string]string
	Throughput  []registrar.ClerkThroughput
	Open        []signet.Challenge
	Answered    []signet.Challenge
	Reasons     []reasonOption
	Done        string
	PeriodShape string
}

// supervisePage is a petition's supervision: the sections and their clerks, the clerks'
// throughput, the challenges to answer, and an override by line id.
func (s *Server) supervisePage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := s.svc.Petition(ctx, r.PathValue("id"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	per := r.URL.Query().Get("per")
	period := map[string]time.Duration{"": 24 * time.Hour, "day": 24 * time.Hour, "hour": time.Hour}[per]
	if period == 0 {
		s.pageError(w, r, signet.Errorf(signet.EInvalid, "throughput is counted per hour or per day"))
		return
	}
	if per == "" {
		per = "day"
	}
	pg := s.newPage(w, r, "Supervision")
	pg.Title = pg.L.T("Supervision: petition %s", p.ID)
	v := superviseView{page: pg, P: p, Per: per, Assigned: map[string]string{}, Reasons: reasonOptions(pg.L), Done: flash(r, "done"),
		PeriodShape: map[string]string{"day": "2006-01-02", "hour": "2006-01-02 15:00"}[per]}
	if v.Sections, err = s.svc.Sections(ctx, p.ID); err != nil {
		s.pageError(w, r, err)
		return
	}
	as, err := s.svc.Assignments(ctx, p.ID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	for _, a := range as {
		v.Assigned[a.SectionID] = a.Clerk
	}
	if v.Throughput, err = s.svc.Throughput(ctx, p.ID, period); err != nil {
		s.pageError(w, r, err)
		return
	}
	cs, err := s.svc.Challenges(ctx, p.ID, false)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	for _, c := range cs {
		if c.Status == signet.ChallengeOpen {
			v.Open = append(v.Open, c)
		} else {
			v.Answered = append(v.Answered, c)
		}
	}
	s.render(w, r, http.StatusOK, "supervise", v)
}

// assign gives a section's review lines to a clerk (an empty clerk: to nobody).
func (s *Server) assign(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := readForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	section := strings.TrimSpace(r.PostForm.Get("section"))
	if section == "" {
		s.pageError(w, r, signet.Errorf(signet.EInvalid, "name the section"))
		return
	}
	if err := s.svc.AssignSection(r.Context(), id, section, r.PostForm.Get("clerk"), who(r)); err != nil {
		s.pageError(w, r, err)
		return
	}
	seeOther(w, r, petitionPath(id, "supervise"), url.Values{"done": {"assigned"}})
}

// overrideForm reads a supervisor's override: decision (valid or invalid), voter, reason
// and comment.
func overrideForm(f url.Values) (registrar.OverrideSpec, error) {
	o := registrar.OverrideSpec{VoterID: strings.TrimSpace(f.Get("voter")), Comment: f.Get("comment")}
	switch f.Get("decision") {
	case "valid":
		o.Valid = true
	case "invalid":
		var err error
		if o.Reason, o.SubReason, err = registrar.ParseReason(f.Get("reason")); err != nil {
			return o, err
		}
	default:
		return o, signet.Errorf(signet.EInvalid, "rule the line valid or invalid")
	}
	return o, nil
}

// overrideFrom records the ruling a form or an API body (f) states, on the line it names,
// and returns what it recorded.
func (s *Server) overrideFrom(r *http.Request, petition string, f url.Values) (string, registrar.OverrideSpec, error) {
	line := strings.TrimSpace(f.Get("line"))
	o, err := overrideForm(f)
	if err == nil && line == "" {
		err = signet.Errorf(signet.EInvalid, "name the line")
	}
	if err == nil {
		err = s.svc.Override(r.Context(), petition, line, who(r), o)
	}
	return line, o, err
}

// override records a supervisor's ruling on a line's verdict with its stated reason.
func (s *Server) override(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := readForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	line, _, err := s.overrideFrom(r, id, r.PostForm)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	seeOther(w, r, petitionPath(id, "lines", line), url.Values{"done": {"overridden"}})
}

// answerForm reads a supervisor's answer to a challenge: answer (uphold or deny), voter and
// text.
func answerForm(f url.Values) (registrar.ChallengeAnswer, error) {
	a := registrar.ChallengeAnswer{VoterID: strings.TrimSpace(f.Get("voter")), Text: f.Get("text")}
	switch f.Get("answer") {
	case "uphold":
		a.Upheld = true
	case "deny":
	default:
		return a, signet.Errorf(signet.EInvalid, "uphold or deny the challenge")
	}
	return a, nil
}

// challengeID reads a challenge's id from the path.
func challengeID(r *http.Request) (int64, error) {
	n, err := strconv.ParseInt(r.PathValue("n"), 10, 64)
	if err != nil || n < 1 {
		return 0, signet.Errorf(signet.EInvalid, "a challenge's id is a whole number from 1")
	}
	return n, nil
}

// answer answers an open challenge.
func (s *Server) answer(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	n, err := challengeID(r)
	if err == nil {
		err = readForm(w, r)
	}
	var a registrar.ChallengeAnswer
	if err == nil {
		a, err = answerForm(r.PostForm)
	}
	if err == nil {
		_, err = s.svc.AnswerChallenge(r.Context(), id, n, who(r), a)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	seeOther(w, r, petitionPath(id, "supervise"), url.Values{"done": {"answered"}})
}

type lineView struct {
	page
	P          signet.Petition
	E          registrar.LineEvidence
	Candidates []registrar.CandidateVoter
	Reasons    []reasonOption
	Done       string
}

// linePage shows a supervisor a line, its verdict and its candidates' voter records, with
// the override form.
func (s *Server) linePage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := s.svc.Petition(ctx, r.PathValue("id"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	e, err := s.svc.Line(ctx, p.ID, r.PathValue("line"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	pg := s.newPage(w, r, "Supervision")
	pg.Title, pg.VoterData = pg.L.T("Line %s", e.Line.ID()), true
	v := lineView{page: pg, P: p, E: e, Reasons: reasonOptions(pg.L), Done: flash(r, "done")}
	if e.Verdict != nil {
		if v.Candidates, err = s.svc.CandidateVoters(ctx, *e.Verdict); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "line", v)
}

// --- the proponents' list ---

type invalidView struct {
	page
	P          signet.Petition
	List       registrar.InvalidPage
	Pages      int
	Prev, Next int
	Challenged string
	CanFile    bool
}

// pageNumber reads ?page=N (1 when absent).
func pageNumber(r *http.Request) (int, error) {
	q := r.URL.Query().Get("page")
	if q == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(q)
	if err != nil || n < 1 || n > 1<<30 {
		return 0, signet.Errorf(signet.EInvalid, "page %q: pages are numbered from 1", q)
	}
	return n, nil
}

// invalidPage lists a petition's invalid lines, redacted: what each line says, its reason,
// the evidence as levels and who decided; a proponent may challenge each.
func (s *Server) invalidPage(w http.ResponseWriter, r *http.Request) {
	n, err := pageNumber(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p, err := s.svc.Petition(r.Context(), r.PathValue("id"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	list, err := s.svc.InvalidLines(r.Context(), p.ID, registrar.Page{Number: n, Size: invalidPageSize})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	pg := s.newPage(w, r, "Invalid lines")
	pg.Title = pg.L.T("Invalid lines of petition %s", p.ID)
	v := invalidView{page: pg, P: p, List: list, Pages: (list.Total + invalidPageSize - 1) / invalidPageSize,
		Challenged: flash(r, "challenged"), CanFile: principalOf(r).Can(registrar.PermChallengeFile)}
	if n > 1 {
		v.Prev = n - 1
	}
	if n < v.Pages {
		v.Next = n + 1
	}
	s.render(w, r, http.StatusOK, "invalid", v)
}

// invalidCSV exports every invalid line of a petition, redacted (registrar.InvalidCSVColumns).
func (s *Server) invalidCSV(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var b bytes.Buffer
	if err := s.svc.WriteInvalidCSV(r.Context(), &b, id); err != nil {
		if isAPI(r) {
			s.apiError(w, r, err)
		} else {
			s.pageError(w, r, err)
		}
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+strings.Map(safeFileRune, id)+`-invalid.csv"`)
	w.Write(b.Bytes())
}

// safeFileRune keeps a file name's letters, digits, '-' and '_', and turns the rest to '_'.
func safeFileRune(c rune) rune {
	if c < 128 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
		return c
	}
	return '_'
}

// challenge files a proponent's challenge of an invalid line, with their comment.
func (s *Server) challenge(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := readForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	line := strings.TrimSpace(r.PostForm.Get("line"))
	if line == "" {
		s.pageError(w, r, signet.Errorf(signet.EInvalid, "name the line"))
		return
	}
	if _, err := s.svc.Challenge(r.Context(), id, line, who(r), r.PostForm.Get("comment")); err != nil {
		s.pageError(w, r, err)
		return
	}
	q := url.Values{"challenged": {line}}
	if n, err := strconv.Atoi(r.PostForm.Get("page")); err == nil && n > 1 {
		q.Set("page", strconv.Itoa(n))
	}
	seeOther(w, r, petitionPath(id, "invalid"), q)
}

// ChallengeStatus is a challenge's status in the reader's language.
func (l *lang) ChallengeStatus(st string) string {
	switch st {
	case signet.ChallengeOpen:
		return l.T("open")
	case signet.ChallengeUpheld:
		return l.T("upheld")
	case signet.ChallengeDenied:
		return l.T("denied")
	}
	return st
}
