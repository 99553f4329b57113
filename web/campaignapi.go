package web

import (
	"net/http"

	"github.com/signet-vote/signet"
)

// The campaign's workspace in the JSON API: the same engine calls as the pages
// (campaign.go), with the same keys as the CLI's --json (docs/campaign.md).

// apiIntake is the intake as of ?as_of (signet intake show --json).
func (s *Server) apiIntake(w http.ResponseWriter, r *http.Request) {
	day, err := asOf(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	st, err := s.svc.Intake(r.Context(), r.PathValue("id"), day)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, st)
}

// apiIntakeAdd records sections turned in: one section as a JSON object of strings
// (section, circulator, turned_in, lines), or an intake file as the body with Content-Type
// text/csv (?name= names it in errors and the audit log, ?columns= maps its headers), all
// or none. It answers 201 with what signet intake add --json prints.
func (s *Server) apiIntakeAdd(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var added []signet.IntakeEntry
	var err error
	if isCSV(r) {
		var up *spooled
		if up, err = s.readUploadBody(w, r, maxIntakeUpload); err == nil {
			defer up.remove()
			added, err = s.addIntakeFile(r, id, up, r.URL.Query().Get("columns"))
		}
	} else {
		f, ferr := readJSONForm(w, r, "section", "circulator", "turned_in", "lines")
		if err = ferr; err == nil {
			added, err = s.addIntakeEntry(r, id, f)
		}
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := []map[string]any{}
	total := 0
	for _, e := range added {
		total += e.Lines
		out = append(out, map[string]any{"section": e.SectionID, "circulator": e.Circulator, "turned_in": signet.FormatDate(e.TurnedIn), "lines": e.Lines})
	}
	writeJSON(w, http.StatusCreated, map[string]any{"petition": id, "sections": len(added), "lines": total, "added": out})
}

// apiPrechecks is the pre-checks as a whole (signet precheck show --json).
func (s *Server) apiPrechecks(w http.ResponseWriter, r *http.Request) {
	sum, err := s.svc.PrecheckSummary(r.Context(), r.PathValue("id"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, sum)
}

// apiCirculators is the circulators' rates and signals (signet circulators --json).
func (s *Server) apiCirculators(w http.ResponseWriter, r *http.Request) {
	rep, err := s.svc.Circulators(r.Context(), r.PathValue("id"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, rep)
}

// apiForecast is the forecast from stored data as of ?as_of at ?per_day (signet forecast
// --petition P --json), with its course day by day.
func (s *Server) apiForecast(w http.ResponseWriter, r *http.Request) {
	o, err := forecastOptions(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	f, err := s.svc.ForecastPetition(r.Context(), r.PathValue("id"), o)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := f.JSON()
	out["course"] = f.Course
	writeJSON(w, http.StatusOK, out)
}
