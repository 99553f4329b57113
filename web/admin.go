package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/registrar"
)

// The admin's pages and their API: accounts (add, change the role, disable and enable,
// issue and revoke API tokens), a password change for everyone signed in, the
// jurisdictions and petitions, and the audit log with its verification as a job. Each
// handler reads the form, calls the engine's account or read, and renders what it
// returns; the engine keeps the rules (the last enabled admin, the password's length,
// names). No password or token is logged: a token issued is shown once, on the page that
// issued it, and never put in a URL.

// jobAudit is a verification of the audit log.
const jobAudit = "audit"

// auditPageSize is how many events the audit log's page shows.
const auditPageSize = 50

// --- accounts ---

type adminUsersView struct {
	page
	Users  []signet.User
	Roles  []signet.Role
	Done   string
	CanAdd bool
}

// usersPage lists the accounts, with the form that adds one for those who may.
func (s *Server) usersPage(w http.ResponseWriter, r *http.Request) {
	us, err := s.svc.Users(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := adminUsersView{page: s.newPage(w, r, "Accounts"), Users: us, Roles: registrar.Roles(), Done: flash(r, "done"),
		CanAdd: principalOf(r).Can(registrar.PermUsersManage)}
	s.render(w, r, http.StatusOK, "adminusers", v)
}

type adminUserView struct {
	page
	U         signet.User
	Tokens    []signet.APIToken
	Roles     []signet.Role
	Done      string
	NewToken  string // shown once, on the page that issued it
	TokenName string
	CanManage bool
	CanTokens bool
}

// userPage shows one account: its role and state with the forms that change them, and
// its API tokens.
func (s *Server) userPage(w http.ResponseWriter, r *http.Request) {
	s.renderUser(w, r, http.StatusOK, r.PathValue("name"), "", "")
}

func (s *Server) renderUser(w http.ResponseWriter, r *http.Request, status int, name, token, tokenName string) {
	u, err := s.svc.User(r.Context(), name)
	var ts []signet.APIToken
	if err == nil {
		ts, err = s.svc.Tokens(r.Context(), u.Name)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	who := principalOf(r)
	v := adminUserView{page: s.newPage(w, r, "Account"), U: u, Tokens: ts, Roles: registrar.Roles(), Done: flash(r, "done"),
		NewToken: token, TokenName: tokenName, CanManage: who.Can(registrar.PermUsersManage), CanTokens: who.Can(registrar.PermTokensManage)}
	v.Title = v.L.T("Account %s", u.Name)
	if token != "" {
		w.Header().Set("Cache-Control", "no-store")
	}
	s.render(w, r, status, "adminuser", v)
}

func userPath(name string, rest ...string) string {
	p := "/admin/users/" + url.PathEscape(name)
	for _, x := range rest {
		p += "/" + url.PathEscape(x)
	}
	return p
}

// adminAct reads a posted form, runs an engine call with it, and goes back to a page with
// a word of what was done; a refusal is the engine's message as a 4xx page.
func (s *Server) adminAct(w http.ResponseWriter, r *http.Request, act func(f url.Values) (back, done string, err error)) {
	if err := readForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	back, done, err := act(r.PostForm)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	seeOther(w, r, back, url.Values{"done": {done}})
}

// addUser adds an account: name, role, password and its confirmation.
func (s *Server) addUser(w http.ResponseWriter, r *http.Request) {
	s.adminAct(w, r, func(f url.Values) (string, string, error) {
		if f.Get("password") != f.Get("confirm") {
			return "", "", errMismatch()
		}
		u, err := s.svc.AddUser(r.Context(), f.Get("name"), signet.Role(f.Get("role")), f.Get("password"), who(r)+" (web)")
		return userPath(u.Name), "added", err
	})
}

func errMismatch() error {
	return signet.Errorf(signet.EInvalid, "the two passwords differ: type the same one twice")
}

// setRole changes an account's role (the engine keeps the last enabled admin one).
func (s *Server) setRole(w http.ResponseWriter, r *http.Request) {
	s.adminAct(w, r, func(f url.Values) (string, string, error) {
		name := r.PathValue("name")
		return userPath(name), "role", s.svc.SetRole(r.Context(), name, signet.Role(f.Get("role")), who(r)+" (web)")
	})
}

// setEnabled disables or enables an account.
func (s *Server) setEnabled(enable bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.adminAct(w, r, func(url.Values) (string, string, error) {
			name := r.PathValue("name")
			if enable {
				return userPath(name), "enabled", s.svc.EnableUser(r.Context(), name, who(r)+" (web)")
			}
			return userPath(name), "disabled", s.svc.DisableUser(r.Context(), name, who(r)+" (web)")
		})
	}
}

// addToken issues an API token and shows it once, on this page's answer (not a redirect:
// the token must not travel in a URL).
func (s *Server) addToken(w http.ResponseWriter, r *http.Request) {
	if err := readForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	t, token, err := s.svc.AddToken(r.Context(), r.PathValue("name"), r.PostForm.Get("token"), who(r)+" (web)")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.renderUser(w, r, http.StatusCreated, t.User, token, t.Name)
}

// revokeToken revokes an API token for good.
func (s *Server) revokeToken(w http.ResponseWriter, r *http.Request) {
	s.adminAct(w, r, func(url.Values) (string, string, error) {
		name := r.PathValue("name")
		return userPath(name), "revoked", s.svc.RevokeToken(r.Context(), name, r.PathValue("token"), who(r)+" (web)")
	})
}

// --- the password change ---

type passwordView struct {
	page
	Message string
	Done    bool
}

// passwordPage shows the form that changes one's own password.
func (s *Server) passwordPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "password", passwordView{page: s.newPage(w, r, "Change your password"), Done: flash(r, "done") != ""})
}

// changePassword changes the signed-in user's password (current, new, confirm); their
// other sessions end, this one goes on.
func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) {
	v := passwordView{page: s.newPage(w, r, "Change your password")}
	err := readForm(w, r)
	if err == nil {
		err = s.passwordChange(r, r.PostForm)
	}
	if err != nil {
		status := httpStatus(err)
		if status >= 500 {
			s.pageError(w, r, err)
			return
		}
		v.Message = v.L.errorText(err, err.Error())
		s.render(w, r, status, "password", v)
		return
	}
	seeOther(w, r, "/me/password", url.Values{"done": {"1"}})
}

// passwordChange asks the engine to change the signed-in user's password, keeping the
// session the request came with (none through an API token).
func (s *Server) passwordChange(r *http.Request, f url.Values) error {
	if f.Get("new") != f.Get("confirm") {
		return errMismatch()
	}
	keep := ""
	if principalOf(r).Via == "session" {
		if c, err := r.Cookie(sessionCookie); err == nil {
			keep = c.Value
		}
	}
	_, err := s.svc.ChangePassword(r.Context(), who(r), f.Get("current"), f.Get("new"), keep)
	return err
}

// --- jurisdictions, petitions, the audit log ---

type recordsView struct {
	page
	Jurisdictions []registrar.JurisdictionOverview
	Petitions     []registrar.PetitionOverview
	// Manage are the forms that add records (records.go), nil for a reader who may not.
	Manage *recordsManage
	Done   string
}

func (s *Server) jurisdictionsPage(w http.ResponseWriter, r *http.Request) {
	js, err := s.svc.JurisdictionsOverview(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	pg := s.newPage(w, r, "Jurisdictions")
	s.render(w, r, http.StatusOK, "adminjurisdictions", recordsView{page: pg, Jurisdictions: js, Manage: manageView(r, pg.L, js), Done: flash(r, "done")})
}

func (s *Server) petitionsAdminPage(w http.ResponseWriter, r *http.Request) {
	ps, err := s.svc.PetitionsOverview(r.Context())
	var js []registrar.JurisdictionOverview
	if err == nil && principalOf(r).Can(registrar.PermRecordsManage) {
		js, err = s.svc.JurisdictionsOverview(r.Context()) // the petition form's jurisdictions and reports
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	pg := s.newPage(w, r, "Petitions")
	s.render(w, r, http.StatusOK, "adminpetitions", recordsView{page: pg, Petitions: ps, Jurisdictions: js, Manage: manageView(r, pg.L, js), Done: flash(r, "done")})
}

// auditQuery reads a page of the log's query: before (an event's number, 0 or none: the
// newest) and limit.
func auditQuery(r *http.Request, limit int) (int64, int, error) {
	q := r.URL.Query()
	var before int64
	if b := q.Get("before"); b != "" {
		n, err := strconv.ParseInt(b, 10, 64)
		if err != nil {
			return 0, 0, signet.Errorf(signet.EInvalid, "before %q: give an event's number", b)
		}
		before = n
	}
	if l := q.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil {
			return 0, 0, signet.Errorf(signet.EInvalid, "limit %q: give a whole number", l)
		}
		limit = n
	}
	return before, limit, nil
}

type auditView struct {
	page
	Log    registrar.AuditPage
	Before int64
	Jobs   []jobView
}

// auditPage shows the audit log's newest events a page at a time (never their payloads),
// the verification's button and the verifications this server ran.
func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) {
	before, limit, err := auditQuery(r, auditPageSize)
	var pg registrar.AuditPage
	if err == nil {
		pg, err = s.svc.AuditLog(r.Context(), before, limit)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "adminaudit", auditView{page: s.newPage(w, r, "Audit log"), Log: pg, Before: before, Jobs: s.jobs.recent(10, jobAudit)})
}

// startAudit verifies the audit log as a job (registrar.Audit: the hash chain, its head,
// every row reconciled). The job's result is what signet audit verify --json says: a
// broken chain or rows that do not reconcile are its findings, not the job's failure.
func (s *Server) startAudit(w http.ResponseWriter, r *http.Request) {
	j, err := s.jobs.start(jobAudit, "log", who(r), registrar.PermAuditRead, func(ctx context.Context, progress func(string, int, int)) (any, error) {
		rep, verr := s.svc.WithProgress(progress).Audit(ctx, registrar.AuditOptions{})
		if verr != nil && (ctx.Err() != nil || (signet.Code(verr) != signet.EInternal && !errors.Is(verr, registrar.ErrNotReconciled))) {
			return nil, verr
		}
		out := map[string]any{"ok": verr == nil, "events_checked": rep.Events, "head_seq": rep.HeadSeq, "head": rep.Head,
			"reconciled": rep.Reconciled, "discrepancies": rep.Discrepancies, "error": nil}
		if rep.Discrepancies == nil {
			out["discrepancies"] = []registrar.Discrepancy{}
		}
		if verr != nil {
			out["error"] = verr.Error()
		}
		return out, nil
	})
	s.followJob(w, r, j, err)
}

func (s *Server) auditVerify(w http.ResponseWriter, r *http.Request) {
	if err := readForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	s.startAudit(w, r)
}

// --- the API ---

func (s *Server) apiAddUser(w http.ResponseWriter, r *http.Request) {
	f, err := readJSONForm(w, r, "name", "role", "password")
	var u signet.User
	if err == nil {
		u, err = s.svc.AddUser(r.Context(), f.Get("name"), signet.Role(f.Get("role")), f.Get("password"), who(r)+" (api)")
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, userJSON(u))
}

func tokenJSON(t signet.APIToken) map[string]any {
	out := map[string]any{"user": t.User, "name": t.Name, "created": t.Created.UTC().Format(signet.EventTimeLayout), "revoked": nil}
	if !t.Revoked.IsZero() {
		out["revoked"] = t.Revoked.UTC().Format(signet.EventTimeLayout)
	}
	return out
}

// apiUser is an account with its tokens (never a hash).
func (s *Server) apiUser(w http.ResponseWriter, r *http.Request) {
	u, err := s.svc.User(r.Context(), r.PathValue("name"))
	var ts []signet.APIToken
	if err == nil {
		ts, err = s.svc.Tokens(r.Context(), u.Name)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := userJSON(u)
	tokens := []map[string]any{}
	for _, t := range ts {
		tokens = append(tokens, tokenJSON(t))
	}
	out["tokens"] = tokens
	writeJSON(w, http.StatusOK, out)
}

// apiUserAct runs an account change with the body's fields and answers the account.
func (s *Server) apiUserAct(fields []string, act func(r *http.Request, name string, f url.Values) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f := url.Values{}
		var err error
		if len(fields) > 0 || r.ContentLength > 0 {
			f, err = readJSONForm(w, r, fields...)
		}
		name := r.PathValue("name")
		if err == nil {
			err = act(r, name, f)
		}
		var u signet.User
		if err == nil {
			u, err = s.svc.User(r.Context(), name)
		}
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, userJSON(u))
	}
}

func (s *Server) apiAddToken(w http.ResponseWriter, r *http.Request) {
	f, err := readJSONForm(w, r, "name")
	var t signet.APIToken
	var token string
	if err == nil {
		t, token, err = s.svc.AddToken(r.Context(), r.PathValue("name"), f.Get("name"), who(r)+" (api)")
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := tokenJSON(t)
	out["token"] = token
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusCreated, out)
}

func (s *Server) apiRevokeToken(w http.ResponseWriter, r *http.Request) {
	name, token := r.PathValue("name"), r.PathValue("token")
	err := s.svc.RevokeToken(r.Context(), name, token, who(r)+" (api)")
	var ts []signet.APIToken
	if err == nil {
		ts, err = s.svc.Tokens(r.Context(), name)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	for _, t := range ts {
		if t.Name == token {
			writeJSON(w, http.StatusOK, tokenJSON(t))
			return
		}
	}
	s.apiError(w, r, signet.Errorf(signet.ENotFound, "user %q has no token named %q", name, token))
}

// apiChangePassword changes the caller's password: {"current", "new"}. Every session of
// the user ends (a token keeps none).
func (s *Server) apiChangePassword(w http.ResponseWriter, r *http.Request) {
	f, err := readJSONForm(w, r, "current", "new")
	if err == nil {
		f.Set("confirm", f.Get("new"))
		err = s.passwordChange(r, f)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"changed": true})
}

func (s *Server) apiJurisdictions(w http.ResponseWriter, r *http.Request) {
	js, err := s.svc.JurisdictionsOverview(r.Context())
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, js)
}

func (s *Server) apiPetitionsOverview(w http.ResponseWriter, r *http.Request) {
	ps, err := s.svc.PetitionsOverview(r.Context())
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, ps)
}

func (s *Server) apiAudit(w http.ResponseWriter, r *http.Request) {
	before, limit, err := auditQuery(r, auditPageSize)
	var pg registrar.AuditPage
	if err == nil {
		pg, err = s.svc.AuditLog(r.Context(), before, limit)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, pg)
}

func (s *Server) apiAuditVerify(w http.ResponseWriter, r *http.Request) {
	if r.ContentLength > 0 {
		if _, err := readJSONForm(w, r); err != nil {
			s.apiError(w, r, err)
			return
		}
	}
	s.startAudit(w, r)
}
