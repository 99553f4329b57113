package web

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/signet-vote/signet"
)

// httpStatus maps an error to the HTTP status it is answered with: the one place that
// does. A person's mistake (a bad id, a value refused) is a 4xx; only what is Signet's own
// failure is a 5xx.
func httpStatus(err error) int {
	var big *uploadTooLarge
	if errors.As(err, &big) {
		return http.StatusRequestEntityTooLarge
	}
	switch signet.Code(err) {
	case signet.EInvalid:
		return http.StatusBadRequest
	case signet.ENotFound:
		return http.StatusNotFound
	case signet.EConflict:
		return http.StatusConflict
	case signet.EUnauthorized:
		return http.StatusUnauthorized
	case signet.EForbidden:
		return http.StatusForbidden
	}
	return http.StatusInternalServerError
}

// publicMessage is what a response says of an error: the engine's message for people, and
// for Signet's own failures no more than that there was one (the log has the rest).
func (s *Server) publicMessage(r *http.Request, err error, status int) string {
	if status >= 500 {
		s.log.Error("request failed", "route", r.Pattern, "error", err)
		return "internal error: the server could not answer; it is logged"
	}
	return err.Error()
}

// apiError answers an API request that failed: {"error": {"code", "message"}}.
func (s *Server) apiError(w http.ResponseWriter, r *http.Request, err error) {
	status := httpStatus(err)
	code := signet.Code(err)
	writeJSON(w, status, map[string]any{"error": map[string]any{"code": code, "message": s.publicMessage(r, err, status)}})
}

// pageError answers a page request that failed with a page in the reader's language.
func (s *Server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	status := httpStatus(err)
	l := s.language(w, r)
	msg := l.errorText(err, s.publicMessage(r, err, status))
	s.render(w, r, status, "error", errorView{page: page{L: l, Title: l.T("Error"), Who: principalOf(r)}, Status: status, Message: msg})
}

// writeJSON writes v as indented JSON with a status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}
