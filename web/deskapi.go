package web

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/present"
	"github.com/signet-vote/signet/registrar"
)

// The desks in the JSON API: the same engine verbs as the pages (desk.go), with the token's
// or the session's user as the clerk, supervisor or challenger. A request's body is a JSON
// object of strings, read into the same form the pages post, so that both doors refuse the
// same mistakes with the same words.

// readJSONForm reads a request's JSON object of strings (at most maxDeskForm bytes, no
// field outside allowed) as a form.
func readJSONForm(w http.ResponseWriter, r *http.Request, allowed ...string) (url.Values, error) {
	body := http.MaxBytesReader(w, r.Body, maxDeskForm)
	var m map[string]string
	dec := json.NewDecoder(body)
	if err := dec.Decode(&m); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, signet.Errorf(signet.EInvalid, "the request's body is too large")
		}
		return nil, signet.Errorf(signet.EInvalid, "the request's body is not a JSON object of strings: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, signet.Errorf(signet.EInvalid, "the request's body holds more than one JSON object")
	}
	f := url.Values{}
	for k, v := range m {
		ok := false
		for _, a := range allowed {
			ok = ok || k == a
		}
		if !ok {
			return nil, signet.Errorf(signet.EInvalid, "unknown field %q (the fields are %s)", k, strings.Join(allowed, ", "))
		}
		f.Set(k, v)
	}
	return f, nil
}

// voterJSON is a voter record for the Registrar's staff.
func voterJSON(v *signet.Voter) map[string]any {
	if v == nil {
		return nil
	}
	prior := []map[string]any{}
	for _, p := range v.Prior {
		prior = append(prior, map[string]any{"address": signet.Address{HouseNumber: p.HouseNumber, Street: p.Street, Unit: p.Unit, City: p.City, ZIP: p.ZIP}.String(),
			"until": signet.FormatDate(p.Until)})
	}
	return map[string]any{"id": v.ID, "name": v.FullName(), "first_name": v.FirstName, "middle_name": v.MiddleName, "last_name": v.LastName,
		"suffix": v.Suffix, "residence": v.Residence.String(), "prior": prior, "birth_date": signet.FormatDate(v.BirthDate),
		"registration_date": signet.FormatDate(v.RegistrationDate), "status": string(v.Status)}
}

// filedJSON is a line as filed.
func filedJSON(l signet.Line) map[string]any {
	return map[string]any{"line": l.ID(), "seq": l.Seq, "section": l.SectionID, "number": l.Number, "circulator": l.Circulator,
		"printed_name": l.PrintedName, "address": l.Address.String(), "date_signed": signet.FormatDate(l.DateSigned),
		"signature_present": l.SignaturePresent, "withdrawal_requested": l.WithdrawalRequested}
}

// evidenceJSON is a line, its verdict and its candidates with their voter records: staff only.
func evidenceJSON(petition string, l signet.Line, v *signet.VerdictRecord, cands []registrar.CandidateVoter) map[string]any {
	out := map[string]any{"petition": petition, "line": l.ID(), "filed": filedJSON(l), "verdict": nil, "candidates": []any{}}
	if v != nil {
		out["verdict"] = map[string]any{"code": v.Code(), "voter": v.VoterID, "score": v.Score, "decision": string(v.Decision),
			"decided_by": v.DecidedBy, "decided_at": v.DecidedAt.UTC()}
	}
	cs := []any{}
	for _, c := range cands {
		fields := []any{}
		for _, f := range c.Fields {
			fields = append(fields, map[string]any{"field": f.Field, "level": f.Level, "weight": f.Weight})
		}
		cs = append(cs, map[string]any{"voter_id": c.VoterID, "score": c.Score, "address": string(c.Address), "fields": fields,
			"rule": c.Rule, "rule_text": c.RuleText, "voter": voterJSON(c.Voter)})
	}
	out["candidates"] = cs
	return out
}

// deskItemJSON is a leased review line as the API gives it.
func (s *Server) deskItemJSON(r *http.Request, petition string, item registrar.DeskItem) (map[string]any, error) {
	cands, err := s.svc.CandidateVoters(r.Context(), item.Verdict)
	if err != nil {
		return nil, err
	}
	out := evidenceJSON(petition, item.Line, &item.Verdict, cands)
	out["clerk"], out["left"], out["leased_until"] = item.Lease.Clerk, item.Left, item.Lease.ClaimedAt.Add(registrar.DefaultLeaseTTL).UTC()
	return out, nil
}

func (s *Server) apiClaim(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	item, ok, err := s.svc.ClaimReview(r.Context(), id, who(r), registrar.DefaultLeaseTTL)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if !ok {
		writeJSON(w, http.StatusOK, map[string]any{"petition": id, "clerk": who(r), "line": nil})
		return
	}
	out, err := s.deskItemJSON(r, id, item)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiHeld(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	item, err := s.svc.HeldReview(r.Context(), id, who(r), r.PathValue("line"), registrar.DefaultLeaseTTL)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out, err := s.deskItemJSON(r, id, item)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiDecide(w http.ResponseWriter, r *http.Request) {
	id, line := r.PathValue("id"), r.PathValue("line")
	f, err := readJSONForm(w, r, "decision", "voter", "reason", "signature", "comment")
	var d registrar.ReviewDecision
	if err == nil {
		d, err = decisionForm(f)
	}
	if err == nil {
		err = s.svc.DecideReview(r.Context(), id, who(r), line, d, registrar.DefaultLeaseTTL)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"petition": id, "line": line, "clerk": who(r), "decision": signet.CodeOf(d.Valid, d.Reason, d.SubReason),
		"voter": d.VoterID, "signature": string(d.Signature)})
}

func (s *Server) apiRelease(w http.ResponseWriter, r *http.Request) {
	id, line := r.PathValue("id"), r.PathValue("line")
	if err := s.svc.ReleaseReview(r.Context(), id, who(r), line); err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"petition": id, "line": line, "clerk": who(r), "released": true})
}

func (s *Server) apiLine(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	e, err := s.svc.Line(r.Context(), id, r.PathValue("line"))
	var cands []registrar.CandidateVoter
	if err == nil && e.Verdict != nil {
		cands, err = s.svc.CandidateVoters(r.Context(), *e.Verdict)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, evidenceJSON(id, e.Line, e.Verdict, cands))
}

func assignmentJSON(a signet.Assignment) map[string]any {
	return map[string]any{"petition": a.PetitionID, "section": a.SectionID, "clerk": a.Clerk, "by": a.By, "at": a.At.UTC()}
}

func (s *Server) apiAssignments(w http.ResponseWriter, r *http.Request) {
	as, err := s.svc.Assignments(r.Context(), r.PathValue("id"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := []any{}
	for _, a := range as {
		out = append(out, assignmentJSON(a))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiAssign(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	f, err := readJSONForm(w, r, "section", "clerk")
	if err == nil && strings.TrimSpace(f.Get("section")) == "" {
		err = signet.Errorf(signet.EInvalid, "name the section")
	}
	if err == nil {
		err = s.svc.AssignSection(r.Context(), id, strings.TrimSpace(f.Get("section")), f.Get("clerk"), who(r))
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"petition": id, "section": strings.TrimSpace(f.Get("section")), "clerk": strings.TrimSpace(f.Get("clerk")), "by": who(r)})
}

func (s *Server) apiThroughput(w http.ResponseWriter, r *http.Request) {
	period := map[string]time.Duration{"": 24 * time.Hour, "day": 24 * time.Hour, "hour": time.Hour}[r.URL.Query().Get("per")]
	tp, err := s.svc.Throughput(r.Context(), r.PathValue("id"), period)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, tp)
}

func (s *Server) apiOverride(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	f, err := readJSONForm(w, r, "line", "decision", "voter", "reason", "comment")
	var line string
	var o registrar.OverrideSpec
	if err == nil {
		line, o, err = s.overrideFrom(r, id, f)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"petition": id, "line": line, "verdict": signet.CodeOf(o.Valid, o.Reason, o.SubReason), "by": who(r),
		"comment": strings.TrimSpace(o.Comment)})
}

func (s *Server) apiChallenges(w http.ResponseWriter, r *http.Request) {
	open := false
	switch r.URL.Query().Get("open") {
	case "", "false":
	case "true":
		open = true
	default:
		s.apiError(w, r, signet.Errorf(signet.EInvalid, "open is true or false"))
		return
	}
	cs, err := s.svc.Challenges(r.Context(), r.PathValue("id"), open)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := []any{}
	for _, c := range cs {
		out = append(out, present.ChallengeJSON(c))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiChallenge(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	f, err := readJSONForm(w, r, "line", "comment")
	var c signet.Challenge
	if err == nil && strings.TrimSpace(f.Get("line")) == "" {
		err = signet.Errorf(signet.EInvalid, "name the line")
	}
	if err == nil {
		c, err = s.svc.Challenge(r.Context(), id, strings.TrimSpace(f.Get("line")), who(r), f.Get("comment"))
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, present.ChallengeJSON(c))
}

func (s *Server) apiAnswer(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	n, err := challengeID(r)
	var f url.Values
	if err == nil {
		f, err = readJSONForm(w, r, "answer", "voter", "text")
	}
	var a registrar.ChallengeAnswer
	if err == nil {
		a, err = answerForm(f)
	}
	var c signet.Challenge
	if err == nil {
		c, err = s.svc.AnswerChallenge(r.Context(), id, n, who(r), a)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, present.ChallengeJSON(c))
}

func (s *Server) apiInvalid(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var pg registrar.Page
	for _, x := range []struct {
		name string
		to   *int
	}{{"page", &pg.Number}, {"size", &pg.Size}} {
		if v := q.Get(x.name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				s.apiError(w, r, signet.Errorf(signet.EInvalid, "%s %q: a whole number from 1", x.name, v))
				return
			}
			*x.to = n
		}
	}
	list, err := s.svc.InvalidLines(r.Context(), r.PathValue("id"), pg)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list)
}
