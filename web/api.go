package web

import (
	"net/http"

	"github.com/signet-vote/signet/present"
)

// The JSON API under /api/v1: what the public pages show, as the engine's own JSON (the
// keys "signet petition show --json" and "signet report --json" print). openapi.json
// describes it; a test holds every route to it.

// openAPI serves the OpenAPI 3 document of the API.
func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) {
	b, err := assets.ReadFile("assets/openapi.json")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(b)
}

// health answers 200 when the store answers, 503 when it does not.
func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	if _, err := s.svc.Petitions(r.Context()); err != nil {
		s.log.Error("health check failed", "error", err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

func (s *Server) apiPetitions(w http.ResponseWriter, r *http.Request) {
	ps, err := s.svc.Petitions(r.Context())
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := []map[string]any{}
	for _, p := range ps {
		out = append(out, present.PetitionJSON(p))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiPetition(w http.ResponseWriter, r *http.Request) {
	p, err := s.svc.Petition(r.Context(), r.PathValue("id"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, present.PetitionJSON(p))
}

func (s *Server) apiStatus(w http.ResponseWriter, r *http.Request) {
	st, err := s.readings.status(r.Context(), r.PathValue("id"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, st)
}
