package web

import (
	"bufio"
	"io"
	"math"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/csvfile"
	"github.com/signet-vote/signet/registrar"
)

// The campaign's workspace (docs/campaign.md, issue 13): its intake against the requirement
// and the deadline, with a form for a section turned in and an upload of an intake file;
// the pre-checks' summary; the circulators' rates and signals; the forecast from stored data
// with its chart. Only the role campaign has campaign.intake and campaign.precheck. The
// handlers parse, call the engine (registrar.Service.AddIntake, Intake, PrecheckSummary,
// Circulators, ForecastPetition) and render; the engine holds the rules and writes the
// audit events.

// maxIntakeUpload is the most an intake file uploaded from the browser or the API may
// weigh: a row a section, some 40 bytes a row, so room for a hundred thousand sections.
const maxIntakeUpload = 4 << 20

// campaignView is what every page of the workspace gets: the petition and which tab it is.
type campaignView struct {
	page
	P   signet.Petition
	Tab string
}

// campaignPage opens a page of the workspace of a petition; the title is a format of the
// petition's id.
func (s *Server) campaignPage(w http.ResponseWriter, r *http.Request, tab, title string) (campaignView, error) {
	p, err := s.svc.Petition(r.Context(), r.PathValue("id"))
	if err != nil {
		return campaignView{}, err
	}
	pg := s.newPage(w, r, "Campaign")
	pg.Title, pg.CampaignData = pg.L.T(title, p.ID), true
	return campaignView{page: pg, P: p, Tab: tab}, nil
}

// asOf reads ?as_of=YYYY-MM-DD (zero, today, when absent).
func asOf(r *http.Request) (time.Time, error) {
	v := r.URL.Query().Get("as_of")
	if v == "" {
		return time.Time{}, nil
	}
	d, err := signet.ParseDate(v)
	if err != nil || len(v) > 10 {
		return time.Time{}, signet.Errorf(signet.EInvalid, "as_of: %q is not a date (want YYYY-MM-DD)", v)
	}
	return d, nil
}

// forecastOptions reads ?as_of, ?per_day (raw lines expected a day; the intake's rate
// so far when absent) and ?signature_mismatch (the share of the valid lines the Registrar's
// signature comparison is expected to strike; 0 when absent).
func forecastOptions(r *http.Request) (registrar.PetitionForecastOptions, error) {
	var o registrar.PetitionForecastOptions
	var err error
	if o.AsOf, err = asOf(r); err != nil {
		return o, err
	}
	if v := r.URL.Query().Get("per_day"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 10_000_000 {
			return o, signet.Errorf(signet.EInvalid, "per_day: %q is not a number of lines a day (want a whole number from 0)", v)
		}
		o.PerDay = &n
	}
	if v := r.URL.Query().Get("signature_mismatch"); v != "" {
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return o, signet.Errorf(signet.EInvalid, "signature_mismatch: %q is not a share of the valid lines (want a number in [0, 1))", v)
		}
		o.SignatureMismatch = x // the engine refuses one outside [0, 1)
	}
	return o, nil
}

// --- the workspace's petitions ---

type campaignIndexView struct {
	page
	Petitions []signet.Petition
}

// campaignIndex lists the petitions whose workspace the campaign may open.
func (s *Server) campaignIndex(w http.ResponseWriter, r *http.Request) {
	ps, err := s.svc.Petitions(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "campaignindex", campaignIndexView{page: s.newPage(w, r, "Campaign"), Petitions: ps})
}

// --- intake ---

type intakeView struct {
	campaignView
	St     registrar.IntakeStatus
	Toward progressBar // raw lines toward the valid signatures required
	AsOf   string
	// Added and AddedLines confirm what a form or an upload recorded.
	Added, AddedLines string
	// Today is the form's default day.
	Today string
}

// intakePage is the campaign's intake: the running totals against the requirement and the
// deadline, by day and by circulator; the form of a section turned in and the upload of an
// intake file.
func (s *Server) intakePage(w http.ResponseWriter, r *http.Request) {
	v, err := s.campaignPage(w, r, "intake", "Intake: petition %s")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	day, err := asOf(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	st, err := s.svc.Intake(r.Context(), v.P.ID, day)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "intake", intakeView{campaignView: v, St: st, Toward: progress(st.Collected, st.Required),
		AsOf: r.URL.Query().Get("as_of"), Added: flash(r, "added"), AddedLines: flash(r, "lines"), Today: st.AsOf})
}

// intakeEntryForm reads a section turned in from a form (or an API body): section,
// circulator, turned_in and lines, each refused as the intake file's columns are.
func intakeEntryForm(f url.Values) (signet.IntakeEntry, error) {
	e := signet.IntakeEntry{SectionID: strings.TrimSpace(f.Get("section")), Circulator: strings.TrimSpace(f.Get("circulator"))}
	for _, x := range []struct{ field, column, value string }{{"section", "section_id", e.SectionID}, {"circulator", "circulator", e.Circulator},
		{"turned_in", "turned_in", f.Get("turned_in")}, {"lines", "lines", f.Get("lines")}} {
		if fault := signet.TextFault(x.value, csvfile.IntakeSchema.Max[x.column]); fault != nil {
			return e, signet.Errorf(signet.EInvalid, "the section's %s: %s", x.field, fault)
		}
	}
	if e.SectionID == "" {
		return e, signet.Errorf(signet.EInvalid, "the section's section_id: name the section turned in")
	}
	day := strings.TrimSpace(f.Get("turned_in"))
	if day == "" {
		return e, signet.Errorf(signet.EInvalid, "the section's turned_in: give the day it was turned in")
	}
	var err error
	if e.TurnedIn, err = signet.ParseDate(day); err != nil {
		return e, signet.Errorf(signet.EInvalid, "the section's turned_in: %v", err)
	}
	n := strings.TrimSpace(f.Get("lines"))
	if e.Lines, err = strconv.Atoi(n); err != nil || e.Lines < 1 || e.Lines > 1_000_000 {
		return e, signet.Errorf(signet.EInvalid, "the section's lines: %q is not a count of lines (want a whole number from 1)", n)
	}
	return e, nil
}

// addIntakeEntry records one section turned in, as the signed-in user.
func (s *Server) addIntakeEntry(r *http.Request, petition string, f url.Values) ([]signet.IntakeEntry, error) {
	e, err := intakeEntryForm(f)
	if err != nil {
		return nil, err
	}
	done := false
	return s.svc.AddIntake(r.Context(), petition, signet.ImportMeta{Actor: who(r)}, func() (signet.IntakeEntry, int, error) {
		if done {
			return signet.IntakeEntry{}, 0, io.EOF
		}
		done = true
		return e, 0, nil
	})
}

// uploadName is the name an uploaded file is known by in errors and the audit log: its
// base name, of letters, digits, '.', '-' and '_', at most 100 characters.
func uploadName(name string) string {
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	name = strings.Map(func(c rune) rune {
		if c == '.' {
			return c
		}
		return safeFileRune(c)
	}, name)
	if len(name) > 100 {
		name = name[len(name)-100:]
	}
	if strings.Trim(name, "._") == "" {
		return "upload.csv"
	}
	return name
}

// addIntakeFile records an intake file, all or none, as the signed-in user: the engine
// refuses the file whole at its first bad row, naming its line and column, and keeps
// nothing of it.
func (s *Server) addIntakeFile(r *http.Request, petition string, up *spooled, columns string) ([]signet.IntakeEntry, error) {
	cols, err := csvfile.ParseMapping(strings.TrimSpace(columns))
	if err != nil {
		return nil, err
	}
	f, err := os.Open(up.path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	in, err := csvfile.NewReader(up.name, bufio.NewReader(f), csvfile.IntakeSchema, csvfile.Options{Columns: cols})
	if err != nil {
		return nil, err
	}
	meta := signet.ImportMeta{FileName: up.name, SHA256: up.sum, Actor: who(r)}
	return s.svc.AddIntake(r.Context(), petition, meta, in.Intakes())
}

// addedQuery confirms on the intake page what was recorded.
func addedQuery(added []signet.IntakeEntry) url.Values {
	lines := 0
	for _, e := range added {
		lines += e.Lines
	}
	return url.Values{"added": {strconv.Itoa(len(added))}, "lines": {strconv.Itoa(lines)}}
}

// intakeAdd records the section of the intake page's form.
func (s *Server) intakeAdd(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := readForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	added, err := s.addIntakeEntry(r, id, r.PostForm)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	seeOther(w, r, petitionPath(id, "campaign"), addedQuery(added))
}

// intakeUploadPage records the intake file uploaded from the intake page.
func (s *Server) intakeUploadPage(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	fields, up, err := s.readUploadForm(w, r, maxIntakeUpload)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	defer up.remove()
	added, err := s.addIntakeFile(r, id, up, fields.Get("columns"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	seeOther(w, r, petitionPath(id, "campaign"), addedQuery(added))
}

// isCSV says a request's body is a CSV file (Content-Type text/csv).
func isCSV(r *http.Request) bool {
	t, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && t == "text/csv"
}

// --- pre-checks ---

type precheckView struct {
	campaignView
	Sum registrar.PrecheckSummary
}

// precheckPage is the pre-checks as a whole: which reasons dominate, and which circulators
// produce them.
func (s *Server) precheckPage(w http.ResponseWriter, r *http.Request) {
	v, err := s.campaignPage(w, r, "prechecks", "Pre-checks: petition %s")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	sum, err := s.svc.PrecheckSummary(r.Context(), v.P.ID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "prechecks", precheckView{campaignView: v, Sum: sum})
}

// --- circulators ---

type circulatorsView struct {
	campaignView
	Rep registrar.CirculatorReport
}

// circulatorsPage is each circulator's rates with their intervals, and the signals for a
// person to look at with their evidence.
func (s *Server) circulatorsPage(w http.ResponseWriter, r *http.Request) {
	v, err := s.campaignPage(w, r, "circulators", "Circulators: petition %s")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	rep, err := s.svc.Circulators(r.Context(), v.P.ID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "circulators", circulatorsView{campaignView: v, Rep: rep})
}

// signalLabels name the kinds of signal in English, the catalog's keys.
var signalLabels = map[string]string{
	"low_validity":       "Validity far below the other circulators'",
	"not_registered_run": "A run of lines not on the voter file",
	"outside_window":     "Lines dated outside the circulation window",
	"shared_address":     "Many lines at one address",
}

// SignalKind names a kind of signal in the reader's language.
func (l *lang) SignalKind(kind string) string {
	if s, ok := signalLabels[kind]; ok {
		return l.T(s)
	}
	return kind
}

// Rate is a rate with its 95% interval, as the language writes them: "72.50% (68.10–76.40%)".
func (l *lang) Rate(r registrar.Rate) string {
	if r.Of == 0 {
		return "–"
	}
	return l.Pct(100*r.Rate) + " (" + l.p.Sprintf("%.2f", 100*r.Low) + "–" + l.Pct(100*r.High) + ")"
}

// --- forecast ---

type forecastView struct {
	campaignView
	F      registrar.PetitionForecast
	Chart  courseChart
	AsOf   string
	PerDay string
}

// forecastPage is the forecast from the stored intake and pre-checks, with the chart of
// collected and projected valid against the requirement over time.
func (s *Server) forecastPage(w http.ResponseWriter, r *http.Request) {
	v, err := s.campaignPage(w, r, "forecast", "Forecast: petition %s")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	o, err := forecastOptions(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f, err := s.svc.ForecastPetition(r.Context(), v.P.ID, o)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "forecast", forecastView{campaignView: v, F: f, Chart: drawCourse(v.L, f.Course, v.P.Required),
		AsOf: r.URL.Query().Get("as_of"), PerDay: r.URL.Query().Get("per_day")})
}

// Round is a count the engine estimated, rounded to a whole number, as the language writes it.
func (l *lang) Round(x float64) string { return l.N64(int64(math.Round(x))) }

// Prob is a probability (0 to 1) as a percentage.
func (l *lang) Prob(p float64) string { return l.Pct(100 * p) }
