package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/law"
	"github.com/signet-vote/signet/present"
	"github.com/signet-vote/signet/registrar"
)

// A petition's records set up and moved on from the web, as the CLI does (signet
// jurisdiction create, registration add, petition create, petition file, sample draw
// --petition, sample project --petition): the admin's forms on /admin/jurisdictions,
// /admin/petitions and a petition's admin page, and the same under /api/v1. Each handler
// reads the form (the API's body is a JSON object of the same fields, as strings), calls
// the engine with the signed-in user as the actor, and goes back to the page; the engine
// keeps every rule and writes the audit event. A refusal is the engine's message as a 4xx
// page in the reader's language. A state-officer recall takes the last vote for the office
// and each county's (signet petition create --last-vote --county-votes), and its counties'
// reports (signet state report add) on its admin page, which shows its statewide status
// (signet state status).

// jurisdictionFields, reportFields, petitionFields, fileFields and sampleFields are the
// fields of the forms and of the API's bodies.
var (
	jurisdictionFields = []string{"id", "name", "zips"}
	reportFields       = []string{"id", "date", "registered", "from_roll"}
	petitionFields     = []string{"id", "kind", "jurisdiction", "rules", "report", "approved", "cutoff", "duplicates", "settings", "last_vote", "county_votes"}
	fileFields         = []string{"date", "raw"}
	sampleFields       = []string{"seed"}
	stateReportFields  = []string{"county", "period_end", "raw", "valid"}
)

// jurisdictionForm reads a jurisdiction: id, name (the id when empty) and its ZIP codes
// (signet.ParseZIPs: separated by commas, spaces or lines).
func jurisdictionForm(f url.Values) (signet.Jurisdiction, error) {
	j := signet.Jurisdiction{ID: strings.TrimSpace(f.Get("id")), Name: strings.TrimSpace(f.Get("name"))}
	if j.Name == "" {
		j.Name = j.ID
	}
	zips, err := signet.ParseZIPs(f.Get("zips"))
	if err != nil {
		return j, signet.Errorf(signet.EInvalid, "the ZIP codes: %v", err)
	}
	if len(zips) == 0 {
		return j, signet.Errorf(signet.EInvalid, "a jurisdiction needs its ZIP codes: give them separated by commas")
	}
	j.ZIPs = zips
	return j, nil
}

// yes reads a check box or a JSON flag: on, true, 1 or yes.
func yes(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "on", "true", "1", "yes":
		return true
	}
	return false
}

// count reads a whole number given for a field; empty gives empty (false).
func count(field, v string) (int, bool, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, false, signet.Errorf(signet.EInvalid, "%s: %.20q is not a whole number", field, v)
	}
	return n, true, nil
}

// reportForm reads a registration report of a jurisdiction: id, date, and either the
// registered count or from_roll (count the current roll's registered voters).
func reportForm(jurisdiction string, f url.Values) (signet.RegistrationReport, bool, error) {
	r := signet.RegistrationReport{ID: strings.TrimSpace(f.Get("id")), JurisdictionID: jurisdiction}
	var err error
	if r.Date, err = signet.ParseDateOf("date", f.Get("date")); err != nil {
		return r, false, err
	}
	n, given, err := count("registered", f.Get("registered"))
	if err != nil {
		return r, false, err
	}
	fromRoll := yes(f.Get("from_roll"))
	if given == fromRoll {
		return r, false, signet.Errorf(signet.EInvalid, "give either the registered count or from the roll, one of them")
	}
	r.Registered = n
	return r, fromRoll, nil
}

// petitionForm reads a petition: id, kind, jurisdiction, rules (the rule pack), report,
// approved, and optionally cutoff, duplicates and settings (name=value, one a line or
// separated by commas); for a state-officer recall, last_vote (statewide) and county_votes
// (signet.ReadCountyVotes: county=N, one a line or separated by commas, or the CLI's CSV)
// instead of the report.
func petitionForm(f url.Values) (registrar.PetitionSpec, error) {
	spec := registrar.PetitionSpec{ID: strings.TrimSpace(f.Get("id")), Kind: signet.PetitionKind(strings.TrimSpace(f.Get("kind"))),
		Jurisdiction: strings.TrimSpace(f.Get("jurisdiction")), Rules: strings.TrimSpace(f.Get("rules")), Report: strings.TrimSpace(f.Get("report")),
		Cutoff: signet.Cutoff(strings.TrimSpace(f.Get("cutoff"))), Duplicates: signet.DuplicatePolicy(strings.TrimSpace(f.Get("duplicates")))}
	var err error
	if spec.Approved, err = signet.ParseDateOf("approved", f.Get("approved")); err != nil {
		return spec, err
	}
	for _, kv := range strings.FieldsFunc(f.Get("settings"), func(r rune) bool { return r == ',' || r == '\n' || r == '\r' }) {
		if kv = strings.TrimSpace(kv); kv != "" {
			spec.Settings = append(spec.Settings, kv)
		}
	}
	if spec.LastVote, _, err = count("last_vote", f.Get("last_vote")); err != nil {
		return spec, err
	}
	if cv := strings.TrimSpace(f.Get("county_votes")); cv != "" {
		votes, err := signet.ReadCountyVotes("county_votes", strings.NewReader(cv))
		if err != nil {
			return spec, err
		}
		spec.CountyVotes = signet.LastVotes(votes)
	}
	return spec, nil
}

// stateReportForm reads a county's report of a state-officer recall: county, period_end,
// and the raw and valid counts to date (both needed, as signet state report add's).
func stateReportForm(f url.Values) (signet.StateReport, error) {
	rep := signet.StateReport{County: strings.TrimSpace(f.Get("county"))}
	var err error
	if rep.PeriodEnd, err = signet.ParseDateOf("period_end", f.Get("period_end")); err != nil {
		return rep, err
	}
	raw, rawGiven, err := count("raw", f.Get("raw"))
	if err != nil {
		return rep, err
	}
	valid, validGiven, err := count("valid", f.Get("valid"))
	if err != nil {
		return rep, err
	}
	if !rawGiven || !validGiven {
		return rep, signet.Errorf(signet.EInvalid, "a county's report needs its raw and valid counts: the lines received and the valid signatures found to date")
	}
	rep.Raw, rep.Valid = raw, valid
	return rep, nil
}

// filingForm reads a filing: the date and the raw count (empty: the lines imported, -1).
func filingForm(f url.Values) (time.Time, int, error) {
	filed, err := signet.ParseDateOf("date", f.Get("date"))
	if err != nil {
		return filed, 0, err
	}
	n, given, err := count("raw", f.Get("raw"))
	if err != nil {
		return filed, 0, err
	}
	if !given {
		n = -1
	}
	return filed, n, nil
}

// --- the engine's calls, shared by the pages and the API ---

func (s *Server) createJurisdiction(r *http.Request, f url.Values, actor string) (signet.Jurisdiction, error) {
	j, err := jurisdictionForm(f)
	if err != nil {
		return j, err
	}
	return j, s.svc.CreateJurisdiction(r.Context(), j, actor)
}

func (s *Server) addReport(r *http.Request, f url.Values, actor string) (signet.RegistrationReport, error) {
	rep, fromRoll, err := reportForm(r.PathValue("id"), f)
	if err != nil {
		return rep, err
	}
	return s.svc.AddReport(r.Context(), rep, fromRoll, actor)
}

func (s *Server) createPetition(r *http.Request, f url.Values, actor string) (signet.Petition, error) {
	spec, err := petitionForm(f)
	if err != nil {
		return signet.Petition{}, err
	}
	return s.svc.CreatePetition(r.Context(), spec, actor)
}

func (s *Server) filePetition(r *http.Request, f url.Values, actor string) (signet.Petition, error) {
	filed, raw, err := filingForm(f)
	if err != nil {
		return signet.Petition{}, err
	}
	return s.svc.FilePetition(r.Context(), r.PathValue("id"), filed, raw, actor)
}

func (s *Server) addStateReport(r *http.Request, f url.Values, actor string) (law.StateStatus, error) {
	rep, err := stateReportForm(f)
	if err != nil {
		return law.StateStatus{}, err
	}
	return s.svc.AddStateReport(r.Context(), r.PathValue("id"), rep, actor)
}

func (s *Server) drawSample(r *http.Request, f url.Values, actor string) (registrar.DrawnSample, error) {
	return s.svc.DrawSample(r.Context(), r.PathValue("id"), strings.TrimSpace(f.Get("seed")), actor)
}

// --- the pages ---

// recordsManage is what the admin's record forms offer: the rule packs, the kinds, the
// jurisdictions' reports; nil for a reader who may not manage the records.
type recordsManage struct {
	Packs      []packOption
	Kinds      []signet.PetitionKind
	Cutoffs    []signet.Cutoff
	Duplicates []signet.DuplicatePolicy
	Reports    []reportOption
}

type packOption struct{ ID, Title string }

type reportOption struct {
	ID, Jurisdiction, Date string
	Registered             int
}

// manageView fills the record forms' options when the reader may manage the records.
func manageView(r *http.Request, l *lang, js []registrar.JurisdictionOverview) *recordsManage {
	if !principalOf(r).Can(registrar.PermRecordsManage) {
		return nil
	}
	m := &recordsManage{Kinds: []signet.PetitionKind{signet.KindLocalRecall, signet.KindStateRecall, signet.KindInitiative, signet.KindReferendum},
		Cutoffs: []signet.Cutoff{signet.CutoffSigningDate, signet.CutoffFilingDate}, Duplicates: []signet.DuplicatePolicy{signet.KeepFirst, signet.StrikeAll}}
	for _, id := range law.IDs() { // as signet law list lists them
		pack, err := law.LookupRules(id)
		if err == nil {
			m.Packs = append(m.Packs, packOption{ID: id, Title: l.Word(pack.Title())})
		}
	}
	for _, j := range js {
		for _, rep := range j.Reports {
			m.Reports = append(m.Reports, reportOption{ID: rep.ID, Jurisdiction: j.ID, Date: rep.Date, Registered: rep.Registered})
		}
	}
	return m
}

// recordAct runs a records form: read, call the engine as the signed-in user, go back to
// a page with a word of what was done; a refusal is a 4xx page with the engine's message.
func (s *Server) recordAct(w http.ResponseWriter, r *http.Request, act func(f url.Values, actor string) (back, done string, err error)) {
	s.adminAct(w, r, func(f url.Values) (string, string, error) { return act(f, who(r)+" (web)") })
}

func (s *Server) addJurisdiction(w http.ResponseWriter, r *http.Request) {
	s.recordAct(w, r, func(f url.Values, actor string) (string, string, error) {
		_, err := s.createJurisdiction(r, f, actor)
		return "/admin/jurisdictions", "jurisdiction", err
	})
}

func (s *Server) addReportPage(w http.ResponseWriter, r *http.Request) {
	s.recordAct(w, r, func(f url.Values, actor string) (string, string, error) {
		_, err := s.addReport(r, f, actor)
		return "/admin/jurisdictions", "report", err
	})
}

func (s *Server) addPetition(w http.ResponseWriter, r *http.Request) {
	s.recordAct(w, r, func(f url.Values, actor string) (string, string, error) {
		p, err := s.createPetition(r, f, actor)
		return adminPetitionPath(p.ID), "created", err
	})
}

func (s *Server) filePetitionPage(w http.ResponseWriter, r *http.Request) {
	s.recordAct(w, r, func(f url.Values, actor string) (string, string, error) {
		_, err := s.filePetition(r, f, actor)
		return adminPetitionPath(r.PathValue("id")), "filed", err
	})
}

func (s *Server) stateReportPage(w http.ResponseWriter, r *http.Request) {
	s.recordAct(w, r, func(f url.Values, actor string) (string, string, error) {
		_, err := s.addStateReport(r, f, actor)
		return adminPetitionPath(r.PathValue("id")), "reported", err
	})
}

func (s *Server) drawSamplePage(w http.ResponseWriter, r *http.Request) {
	s.recordAct(w, r, func(f url.Values, actor string) (string, string, error) {
		_, err := s.drawSample(r, f, actor)
		return adminPetitionPath(r.PathValue("id")), "sampled", err
	})
}

func (s *Server) projectPage(w http.ResponseWriter, r *http.Request) {
	s.recordAct(w, r, func(_ url.Values, actor string) (string, string, error) {
		_, err := s.svc.Project(r.Context(), r.PathValue("id"), actor)
		return adminPetitionPath(r.PathValue("id")), "projected", err
	})
}

func adminPetitionPath(id string) string { return "/admin/petitions/" + url.PathEscape(id) }

type adminPetitionView struct {
	page
	P         signet.Petition
	R         registrar.Report
	Pack      string
	Done      string
	CanManage bool
	Steps     []step
	// State is a state-officer recall's statewide status (nil for another petition).
	State *law.StateStatus
}

// adminPetitionPage shows a petition's record with the forms that move it on: the filing
// before it is filed, the sample's draw once it is (with the command that re-draws it
// after), the projection once there is a sample.
func (s *Server) adminPetitionPage(w http.ResponseWriter, r *http.Request) {
	st, err := s.svc.Status(r.Context(), r.PathValue("id"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	pg := s.newPage(w, r, "Petition")
	l := pg.L
	pg.Title = l.T("Petition %s", st.Petition.ID)
	v := adminPetitionView{page: pg, P: st.Petition, R: st.Report, Pack: st.Petition.Rules, Done: flash(r, "done"),
		CanManage: principalOf(r).Can(registrar.PermRecordsManage)}
	if pack, err := law.LookupRules(st.Petition.Rules); err == nil {
		v.Pack = l.Word(pack.Title())
	}
	v.Steps = l.projectionSteps(st)
	if st.Petition.Kind == signet.KindStateRecall {
		state, err := s.svc.StateStatus(r.Context(), st.Petition.ID)
		switch {
		case err == nil:
			v.State = &state
		case signet.Code(err) != signet.EConflict: // a state-recall kind on a pack without the county condition has no statewide status
			s.pageError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "adminpetition", v)
}

// --- the API ---

// apiRecord reads an API body of the fields given (an empty body is no fields), runs an
// engine call and answers its result with status.
func (s *Server) apiRecord(status int, fields []string, act func(r *http.Request, f url.Values, actor string) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f := url.Values{}
		var err error
		if r.ContentLength != 0 {
			f, err = readJSONForm(w, r, fields...)
		}
		var out any
		if err == nil {
			out, err = act(r, f, who(r)+" (api)")
		}
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		writeJSON(w, status, out)
	}
}

func (s *Server) apiCreateJurisdiction(r *http.Request, f url.Values, actor string) (any, error) {
	j, err := s.createJurisdiction(r, f, actor)
	return map[string]any{"id": j.ID, "name": j.Name, "zips": j.ZIPs}, err
}

func (s *Server) apiAddReport(r *http.Request, f url.Values, actor string) (any, error) {
	rep, err := s.addReport(r, f, actor)
	return map[string]any{"id": rep.ID, "jurisdiction": rep.JurisdictionID, "date": signet.FormatDate(rep.Date), "registered": rep.Registered, "source": rep.Source}, err
}

func (s *Server) apiCreatePetition(r *http.Request, f url.Values, actor string) (any, error) {
	p, err := s.createPetition(r, f, actor)
	return present.PetitionJSON(p), err
}

func (s *Server) apiFilePetition(r *http.Request, f url.Values, actor string) (any, error) {
	p, err := s.filePetition(r, f, actor)
	return present.PetitionJSON(p), err
}

func (s *Server) apiStateReport(r *http.Request, f url.Values, actor string) (any, error) {
	return s.addStateReport(r, f, actor)
}

// apiStateStatus answers a state-officer recall's statewide status, as signet state status --json.
func (s *Server) apiStateStatus(w http.ResponseWriter, r *http.Request) {
	st, err := s.svc.StateStatus(r.Context(), r.PathValue("id"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, st)
}

func (s *Server) apiDrawSample(r *http.Request, f url.Values, actor string) (any, error) {
	return s.drawSample(r, f, actor)
}

func (s *Server) apiProject(r *http.Request, _ url.Values, actor string) (any, error) {
	res, err := s.svc.Project(r.Context(), r.PathValue("id"), actor)
	if err != nil {
		return nil, err
	}
	return res.JSON(), nil
}
