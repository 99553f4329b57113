package web

import (
	"bytes"
	"html/template"
	"io/fs"
	"net/http"
	"strings"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/law"
	"github.com/signet-vote/signet/present"
	"github.com/signet-vote/signet/registrar"
)

// page is what every page's template gets.
type page struct {
	L     *lang
	Title string
	// Path is the page's path, for the language switch's links.
	Path string
	// Who is who is signed in, nil when nobody is.
	Who *registrar.Principal
	// VoterData says the page shows voter records (the clerks' and the supervisor's): the
	// footer says so rather than promise none.
	VoterData bool
	// CampaignData says the page shows a campaign's own records (its workspace).
	CampaignData bool
}

type errorView struct {
	page
	Status  int
	Message string
}

type petitionsView struct {
	page
	Petitions []signet.Petition
}

type statusView struct {
	page
	P        signet.Petition
	R        registrar.Report
	Cert     *registrar.Certificate
	Toward   progressBar // valid toward the requirement
	Verified progressBar // verified of the raw count
	Chart    barChart
	Progress *lineChart // nil before the filing
	Others   []otherRow
	Steps    []step
}

type otherRow struct {
	Label string
	Count int
}

// step is one step of the projection as the engine worked it.
type step struct {
	Name, Text, Cite string
}

// parsePages parses the embedded templates with the helpers they share.
func parsePages() (*template.Template, error) {
	funcs := template.FuncMap{
		"upper": strings.ToUpper,
		"ymd":   signet.FormatDate,
		"inc":   func(i int) int { return i + 1 },
		"add":   func(a, b int) int { return a + b },
		"sub":   func(a, b int) int { return a - b },
		"reasonSelect": func(rs []reasonOption, id string) any {
			return struct {
				ID      string
				Reasons []reasonOption
			}{id, rs}
		},
		"overrideArgs": func(l *lang, p signet.Petition, rs []reasonOption, line string) any {
			return struct {
				L       *lang
				P       signet.Petition
				Reasons []reasonOption
				LineID  string
			}{l, p, rs, line}
		},
		"reasonLabel": func(l *lang, code string) string {
			return l.T(present.ReasonLabel(signet.Reason(code)))
		},
	}
	sub, err := fs.Sub(assets, "assets/templates")
	if err != nil {
		return nil, err
	}
	return template.New("").Funcs(funcs).ParseFS(sub, "*.html")
}

// render executes a page's template into a buffer first, so that a template that fails
// answers 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, v any) {
	var b bytes.Buffer
	if err := s.pages.ExecuteTemplate(&b, name, v); err != nil {
		s.log.Error("template failed", "route", r.Pattern, "template", name, "error", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

func (s *Server) newPage(w http.ResponseWriter, r *http.Request, title string) page {
	l := s.language(w, r)
	return page{L: l, Title: l.T(title), Path: r.URL.Path, Who: principalOf(r)}
}

// notFound answers a path the server does not serve.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		s.apiError(w, r, signet.Errorf(signet.ENotFound, "no such API resource: see /api/v1/openapi.json"))
		return
	}
	s.pageError(w, r, signet.Errorf(signet.ENotFound, "no such page"))
}

// petitionsPage lists the petitions.
func (s *Server) petitionsPage(w http.ResponseWriter, r *http.Request) {
	ps, err := s.svc.Petitions(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "petitions", petitionsView{page: s.newPage(w, r, "Petitions"), Petitions: ps})
}

// statusPage shows a petition's count as it stands: the public dashboard of one petition.
func (s *Server) statusPage(w http.ResponseWriter, r *http.Request) {
	st, err := s.readings.status(r.Context(), r.PathValue("id"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	pg := s.newPage(w, r, "Petition status")
	l := pg.L
	pg.Title = l.T("Petition %s", st.Petition.ID)
	rep := st.Report
	v := statusView{page: pg, P: st.Petition, R: rep, Cert: st.Certificate,
		Toward: progress(rep.Valid, rep.Required), Verified: progress(rep.Verified, rep.Raw)}
	codes, labels, counts := []string{"valid"}, []string{l.T("Valid")}, []int{rep.Valid}
	for _, reason := range signet.Reasons {
		codes = append(codes, string(reason))
		labels = append(labels, l.T(present.ReasonLabel(reason)))
		counts = append(counts, rep.ByReason[string(reason)])
	}
	v.Chart = outcomeChart(l, codes, labels, counts, rep.Verified)
	v.Progress = progressChart(l, st.Progress)
	for _, sub := range signet.OtherSubReasons {
		if n := rep.OtherReasons[sub]; n > 0 {
			v.Others = append(v.Others, otherRow{Label: l.T(subReasonLabels[sub]), Count: n})
		}
	}
	v.Steps = l.projectionSteps(st)
	s.render(w, r, http.StatusOK, "status", v)
}

// projectionSteps are the steps of a petition's recorded projection in the reader's
// language, nil when none is recorded.
func (l *lang) projectionSteps(st registrar.Status) []step {
	var out []step
	if steps, ok := st.Report.Projection["steps"].([]any); ok {
		for i, x := range steps {
			m, _ := x.(map[string]any)
			name, _ := m["name"].(string)
			text, _ := m["text"].(string)
			cite, _ := m["cite"].(string)
			out = append(out, step{Name: l.T(name), Text: l.stepText(st.Steps, i, name, text), Cite: l.Word(cite)})
		}
	}
	return out
}

// subReasonLabels name the sub-reasons of "other" in English, the catalog's keys.
var subReasonLabels = map[string]string{
	signet.SubRegisteredAfterCutoff:    "registered after the cut-off",
	signet.SubWithdrawn:                "withdrawn by the signer",
	signet.SubNoSignature:              "no signature",
	signet.SubIncompleteAddress:        "incomplete address",
	signet.SubIllegible:                "illegible",
	signet.SubSignedOutsideCirculation: "signed outside the circulation period",
	signet.SubSectionDefect:            "defect of the section",
}

// StatusLabel is a report's status in the reader's language.
func (l *lang) StatusLabel(st law.Status) string {
	switch st {
	case law.StatusSufficient:
		return l.T("Sufficient")
	case law.StatusInsufficient:
		return l.T("Insufficient")
	case law.StatusNotFiled:
		return l.T("Not filed yet")
	}
	return l.T("Verification in progress")
}

// BasisText says what decided a status, in the reader's language.
func (l *lang) BasisText(b law.Basis) string {
	switch b {
	case law.BasisFullCount:
		return l.T("a full count of every line")
	case law.BasisSample:
		return l.T("the statutory projection from the random sample")
	case law.BasisRawCount:
		return l.T("the raw count, below the requirement")
	}
	return ""
}

// Decision is a projection's decision in the reader's language.
func (l *lang) Decision(v any) string {
	switch v {
	case "sufficient":
		return l.T("sufficient")
	case "full_count":
		return l.T("full count required")
	case "insufficient":
		return l.T("insufficient")
	}
	s, _ := v.(string)
	return s
}

// Kind is a petition's kind in the reader's language.
func (l *lang) Kind(k signet.PetitionKind) string {
	switch k {
	case signet.KindLocalRecall:
		return l.T("local recall")
	case signet.KindStateRecall:
		return l.T("state-officer recall")
	case signet.KindInitiative:
		return l.T("initiative")
	case signet.KindReferendum:
		return l.T("referendum")
	}
	return string(k)
}
