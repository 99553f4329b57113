package web

import (
	"net/http"
	"net/url"
)

// An admin resets another user's password (issue 12): the form on the account's page and
// its API. The engine (registrar.Service.ResetPassword) keeps the rules: the password's
// length, the user known, not one's own account (that is /me/password, with the current
// password); every session of the user ends with the change, in one transaction with its
// audit event, whose actor is the admin. The password is never logged, echoed or put in a
// URL.

// resetPassword sets the account's password from the form (new, confirm).
func (s *Server) resetPassword(w http.ResponseWriter, r *http.Request) {
	s.adminAct(w, r, func(f url.Values) (string, string, error) {
		name := r.PathValue("name")
		if f.Get("new") != f.Get("confirm") {
			return "", "", errMismatch()
		}
		_, err := s.svc.ResetPassword(r.Context(), name, f.Get("new"), who(r), who(r)+" (web)")
		return userPath(name), "password", err
	})
}

// apiResetPassword sets the account's password: {"new": …}. It answers how many of the
// user's sessions ended.
func (s *Server) apiResetPassword(w http.ResponseWriter, r *http.Request) {
	f, err := readJSONForm(w, r, "new")
	n := 0
	if err == nil {
		n, err = s.svc.ResetPassword(r.Context(), r.PathValue("name"), f.Get("new"), who(r), who(r)+" (api)")
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"reset": true, "sessions_ended": n})
}
