package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/registrar"
)

// Who a request acts for, and whether it may: every route declares the permission it
// needs (registrar.Public for anyone), and guard asks the engine (registrar.Authorize)
// before the handler runs. A route that declares none is refused to everyone.
//
// A browser signs in with a password (POST /login) and holds a session cookie; a program
// sends an API token as "Authorization: Bearer …" to /api/v1. Neither the password, the
// token nor the session's id is ever logged.

// sessionCookie holds a signed-in browser's session token.
const sessionCookie = "signet_session"

// maxFormBytes is the most a form (the sign-in's) may weigh.
const maxFormBytes = 8 << 10

type principalKey struct{}

// principalOf is who the request acts for, nil when nobody signed in.
func principalOf(r *http.Request) *registrar.Principal {
	p, _ := r.Context().Value(principalKey{}).(*registrar.Principal)
	return p
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// principal resolves who a request acts for. On /api/v1 a bearer token, when one is
// sent, is the credential, and one that fails is an error (a program should learn its
// token is bad); otherwise the session cookie, and one that fails is dropped and the
// request goes on as nobody's (a session that ended must not break the public pages).
func (s *Server) principal(w http.ResponseWriter, r *http.Request) (*registrar.Principal, error) {
	if isAPI(r) {
		if h := r.Header.Get("Authorization"); h != "" {
			scheme, token, ok := strings.Cut(h, " ")
			if !ok || !strings.EqualFold(scheme, "Bearer") {
				return nil, signet.Errorf(signet.EUnauthorized, "the Authorization header must be \"Bearer TOKEN\"")
			}
			return s.svc.AuthenticateToken(r.Context(), strings.TrimSpace(token))
		}
	}
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return nil, nil
	}
	who, err := s.svc.Authenticate(r.Context(), c.Value)
	if signet.Code(err) == signet.EUnauthorized {
		clearSessionCookie(w, r)
		return nil, nil
	}
	return who, err
}

// guard runs h when the request's principal may do what perm allows, and refuses it
// otherwise: 401 (a page sends the reader to sign in) or 403.
func (s *Server) guard(perm registrar.Permission, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		who, err := s.principal(w, r)
		if err == nil {
			err = registrar.Authorize(who, perm)
		}
		if err != nil {
			s.refuse(w, r, err)
			return
		}
		h(w, r.WithContext(context.WithValue(r.Context(), principalKey{}, who)))
	}
}

// refuse answers a request that may not go on.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, err error) {
	if isAPI(r) {
		if signet.Code(err) == signet.EUnauthorized {
			w.Header().Set("WWW-Authenticate", `Bearer realm="signet"`)
		}
		s.apiError(w, r, err)
		return
	}
	if signet.Code(err) == signet.EUnauthorized && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
		http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	s.pageError(w, r, err)
}

// crossOriginRefused answers a state-changing request from another site
// (http.CrossOriginProtection): a forgery, or a page of another origin.
func (s *Server) crossOriginRefused(w http.ResponseWriter, r *http.Request) {
	err := signet.Errorf(signet.EForbidden, "refused: a request from another site may not change anything here")
	if isAPI(r) {
		s.apiError(w, r, err)
		return
	}
	s.pageError(w, r, err)
}

func setSessionCookie(w http.ResponseWriter, r *http.Request, token string, expires time.Time) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", Expires: expires,
		HttpOnly: true, Secure: r.TLS != nil, SameSite: http.SameSiteLaxMode})
}

func clearSessionCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: r.TLS != nil, SameSite: http.SameSiteLaxMode})
}

// safeNext is where to go after signing in: a path of this site, else /me.
func safeNext(next string) string {
	if len(next) > 1024 || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") ||
		strings.ContainsAny(next, "\r\n\x00") {
		return "/me"
	}
	return next
}

type loginView struct {
	page
	Next    string
	Name    string
	Message string
}

// loginPage shows the sign-in form.
func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "login", loginView{page: s.newPage(w, r, "Sign in"), Next: safeNext(r.URL.Query().Get("next"))})
}

// login signs in with the form's name and password: a session cookie, then on to next.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	v := loginView{page: s.newPage(w, r, "Sign in")}
	l := v.L
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		v.Message = l.T("The form could not be read.")
		if errors.As(err, &tooBig) {
			v.Message = l.T("The form is too large.")
		}
		s.render(w, r, http.StatusBadRequest, "login", v)
		return
	}
	v.Next, v.Name = safeNext(r.PostForm.Get("next")), r.PostForm.Get("name")
	if len(v.Name) > 200 {
		v.Name = ""
	}
	res, err := s.svc.Login(r.Context(), r.PostForm.Get("name"), r.PostForm.Get("password"))
	if err != nil {
		status := httpStatus(err)
		switch until, throttled := registrar.RetryAfter(err); {
		case throttled:
			now := time.Now
			if s.svc.Now != nil {
				now = s.svc.Now
			}
			v.Message = l.T("Too many failed attempts to sign in with this name: try again in %d minutes.", registrar.MinutesUntil(now(), until))
		case status == http.StatusUnauthorized:
			v.Message = l.T("The name or the password is wrong, or the account is disabled.")
		case status == http.StatusBadRequest:
			v.Message = l.T("Give a name and a password.")
		default:
			s.pageError(w, r, err)
			return
		}
		s.render(w, r, status, "login", v)
		return
	}
	setSessionCookie(w, r, res.Token, res.Session.Expires)
	http.Redirect(w, r, v.Next, http.StatusSeeOther)
}

// logout ends the session, if any, and goes home.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := s.svc.Logout(r.Context(), c.Value); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	clearSessionCookie(w, r)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

type meView struct {
	page
	Me          *registrar.Principal
	Permissions []registrar.Permission
}

// mePage shows who is signed in, with which role and what it allows, and the sign-out.
func (s *Server) mePage(w http.ResponseWriter, r *http.Request) {
	who := principalOf(r)
	s.render(w, r, http.StatusOK, "me", meView{page: s.newPage(w, r, "Your account"), Me: who, Permissions: registrar.Permissions(who.User.Role)})
}

// userJSON is an account as the API gives it: never its password hash.
func userJSON(u signet.User) map[string]any {
	perms := []string{}
	for _, p := range registrar.Permissions(u.Role) {
		perms = append(perms, string(p))
	}
	return map[string]any{"name": u.Name, "role": string(u.Role), "enabled": u.Enabled,
		"created": u.Created.UTC().Format(signet.EventTimeLayout), "permissions": perms}
}

func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) {
	who := principalOf(r)
	out := userJSON(who.User)
	out["via"] = who.Via
	if who.Token != "" {
		out["token"] = who.Token
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiUsers(w http.ResponseWriter, r *http.Request) {
	us, err := s.svc.Users(r.Context())
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := []map[string]any{}
	for _, u := range us {
		out = append(out, userJSON(u))
	}
	writeJSON(w, http.StatusOK, out)
}

// roleLabels name the roles in English, the catalog's keys.
var roleLabels = map[signet.Role]string{
	registrar.RoleAdmin: "administrator", registrar.RoleSupervisor: "supervisor", registrar.RoleClerk: "clerk",
	registrar.RoleProponent: "proponent", registrar.RoleObserver: "observer", registrar.RoleCampaign: "campaign",
}

// permissionLabels say what each permission allows in English, the catalog's keys.
var permissionLabels = map[registrar.Permission]string{
	registrar.PermSelf:            "see your own account and sign out",
	registrar.PermUsersRead:       "list the accounts",
	registrar.PermUsersManage:     "add, change and disable accounts",
	registrar.PermTokensManage:    "issue and revoke API tokens",
	registrar.PermIntake:          "record and read the campaign's intake",
	registrar.PermPrecheck:        "pre-check the campaign's lines, read its signals and forecast",
	registrar.PermReviewDecide:    "decide review lines at the clerks' desk",
	registrar.PermReviewSupervise: "assign sections, see throughput, override verdicts and answer challenges",
	registrar.PermInvalidRead:     "read the invalid lines, redacted, and export them",
	registrar.PermChallengeFile:   "challenge a verdict",
	registrar.PermCountRun:        "start a verification of a petition and follow it",
	registrar.PermDataImport:      "upload rolls and lines and import them",
	registrar.PermRecordsRead:     "list the jurisdictions and petitions",
	registrar.PermAuditRead:       "read and verify the audit log",
	// records.manage (records.go)
	registrar.PermRecordsManage: "create jurisdictions, reports and petitions; file petitions, draw their samples and record their projections",
}

// Role is a role's name in the reader's language.
func (l *lang) Role(r signet.Role) string {
	if s, ok := roleLabels[r]; ok {
		return l.T(s)
	}
	return string(r)
}

// Permission says what a permission allows in the reader's language.
func (l *lang) Permission(p registrar.Permission) string {
	if s, ok := permissionLabels[p]; ok {
		return l.T(s)
	}
	return string(p)
}
