package registrar

import (
	"context"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/law"
	"github.com/signet-vote/signet/sample"
)

// Report is the Registrar-style result of a petition. Its JSON keys are a contract
// ("signet report --json" and the web's API).
type Report struct {
	Petition     string         `json:"petition"`
	Jurisdiction string         `json:"jurisdiction"`
	Rules        string         `json:"rules"`
	Registered   int            `json:"registered"`
	Required     int            `json:"required"`
	Filed        any            `json:"filed"`
	Raw          int            `json:"raw"`
	Verified     int            `json:"verified"`
	Unverified   int            `json:"unverified"`
	Valid        int            `json:"valid"`
	Invalid      int            `json:"invalid"`
	ValidityRate float64        `json:"validity_rate"`
	Status       law.Status     `json:"status"`
	Shortfall    int            `json:"shortfall"`
	Surplus      int            `json:"surplus"`
	ByReason     map[string]int `json:"by_reason"`
	OtherReasons map[string]int `json:"other_sub_reasons"`
	// Basis says what decided the status: "full_count", "sample" (a projection outside the
	// full-count band), "raw_count" (fewer lines than required), or "" while pending.
	Basis law.Basis `json:"basis"`
	// AwaitingReview counts verdicts the linker was unsure of and no person has confirmed;
	// their verdict stands on the linker's best candidate meanwhile.
	AwaitingReview int            `json:"awaiting_review"`
	Sample         *SampleInfo    `json:"sample"`
	Projection     map[string]any `json:"projection"`
}

// SampleInfo is the petition's random sample in a report.
type SampleInfo struct {
	Seed       string `json:"seed"`
	Population int    `json:"population"`
	Size       int    `json:"size"`
	Verified   int    `json:"verified"`
	Redraw     string `json:"redraw"`
}

// FiledDate is a petition's filing date as JSON: the date, or null before the filing.
func FiledDate(p signet.Petition) any {
	if p.Filed.IsZero() {
		return nil
	}
	return signet.FormatDate(p.Filed)
}

// buildReport puts the counts together and decides the status (law.Standing).
func buildReport(p signet.Petition, t signet.Tally, proj map[string]any, decision law.Decision) Report {
	r := Report{Petition: p.ID, Jurisdiction: p.JurisdictionID, Rules: p.Rules, Registered: p.Registered, Required: p.Required,
		Filed: FiledDate(p), Raw: p.Raw, Verified: t.Verified, Valid: t.Valid, ByReason: map[string]int{}, OtherReasons: map[string]int{}}
	if p.Filed.IsZero() {
		r.Raw = t.Lines
	}
	for _, reason := range signet.Reasons {
		r.ByReason[string(reason)] = t.ByReason[reason]
		r.Invalid += t.ByReason[reason]
	}
	for k, n := range t.ByOther {
		r.OtherReasons[k] = n
	}
	r.Unverified = r.Raw - r.Verified
	if r.Verified > 0 {
		r.ValidityRate = float64(int(float64(r.Valid)*10000/float64(r.Verified)+0.5)) / 100
	}
	r.Projection = proj
	r.Status, r.Basis = law.Standing{Petition: p, Raw: r.Raw, Verified: r.Verified, Valid: r.Valid, Projection: decision}.Decide()
	if r.Valid < r.Required {
		r.Shortfall = r.Required - r.Valid
	} else {
		r.Surplus = r.Valid - r.Required
	}
	return r
}

// Report counts a petition's verdicts into the Registrar-style result and records it in
// the audit log. It refuses (an error) when the petition's rows do not reconcile with the
// audit log: a result computed from them could not be defended.
func (s *Service) Report(ctx context.Context, id, actor string) (Report, error) {
	p, err := s.Store.Petition(ctx, id)
	if err != nil {
		return Report{}, err
	}
	return s.report(ctx, p, actor)
}

// report is Report of a petition already read.
func (s *Service) report(ctx context.Context, p signet.Petition, actor string) (Report, error) {
	if err := s.reconciled(ctx, p.ID); err != nil {
		return Report{}, err
	}
	r, err := s.count(ctx, p)
	if err != nil {
		return r, err
	}
	return r, s.Store.RecordEvent(ctx, signet.EventReport, actor, subject(p.ID), r)
}

// count puts a petition's report together from what is stored, reading only.
func (s *Service) count(ctx context.Context, p signet.Petition) (Report, error) {
	id := p.ID
	t, err := s.Store.Tally(ctx, id)
	if err != nil {
		return Report{}, err
	}
	proj, decision, err := s.recordedProjection(ctx, id)
	if err != nil {
		return Report{}, err
	}
	r := buildReport(p, t, proj, decision)
	if _, r.AwaitingReview, _, err = s.Store.ReviewQueue(ctx, id); err != nil {
		return r, err
	}
	if sm, err := s.Store.Sample(ctx, id); err == nil {
		c, err := s.countSample(ctx, sm)
		if err != nil {
			return r, err
		}
		r.Sample = &SampleInfo{Seed: sm.Seed, Population: sm.Population, Size: sm.Size, Verified: c.Verified,
			Redraw: RedrawCommand(sm.Seed, sm.Population, sm.Size)}
	} else if signet.Code(err) != signet.ENotFound {
		return r, err
	}
	return r, nil
}

// Certificate is a certificate of sufficiency or insufficiency; its JSON keys are a contract.
// It holds no voter data.
type Certificate struct {
	Title        string         `json:"title"`
	Petition     string         `json:"petition"`
	Kind         string         `json:"kind"`
	Jurisdiction string         `json:"jurisdiction"`
	Rules        string         `json:"rules"`
	RulesTitle   string         `json:"rules_title"`
	Result       law.Status     `json:"result"` // sufficient or insufficient
	Basis        law.Basis      `json:"basis"`  // full_count, sample or raw_count
	Issued       string         `json:"issued"`
	Dates        map[string]any `json:"dates"`
	Registered   int            `json:"registered"`
	Report       string         `json:"registration_report"`
	Required     int            `json:"required"`
	Raw          int            `json:"raw"`
	Verified     int            `json:"verified"`
	Valid        int            `json:"valid"`
	Invalid      int            `json:"invalid"`
	ByReason     map[string]int `json:"by_reason"`
	OtherReasons map[string]int `json:"other_sub_reasons"`
	Sample       *SampleInfo    `json:"sample"`
	Projection   map[string]any `json:"projection"`
	Citations    []string       `json:"citations"`
	// Cites are Citations in parts, for a door that words them in another language.
	Cites       []Citation `json:"-"`
	AuditHead   string     `json:"audit_head"`
	AuditEvents int64      `json:"audit_events"`
}

// Citation is one of a certificate's citations: what the law decides (Label, with the
// petition's setting of it where it has one) and where the law says so (Cite).
type Citation struct {
	Label, Setting, Cite string
}

// String is the citation as the certificate writes it: "duplicates (count_once): …".
func (c Citation) String() string {
	if c.Setting != "" {
		return c.Label + " (" + c.Setting + "): " + c.Cite
	}
	return c.Label + ": " + c.Cite
}

// Certificate issues the certificate of a decided petition: the report's counts, the dates,
// the rules' citations and, where a sample decided or preceded the full count, its seed and
// re-draw command; it names the audit log's head at issue and is recorded there. A petition
// still being verified has none (EConflict).
func (s *Service) Certificate(ctx context.Context, id, actor string) (Certificate, error) {
	_, cert, err := s.ReportAndCertificate(ctx, id, actor)
	return cert, err
}

// ReportAndCertificate is Report and then Certificate of a petition, on one reading and one
// reconciliation of what is stored: the report a certificate is issued from, with it. A
// petition not decided yet gets its report and an EConflict for the certificate.
func (s *Service) ReportAndCertificate(ctx context.Context, id, actor string) (Report, Certificate, error) {
	p, err := s.Store.Petition(ctx, id)
	if err != nil {
		return Report{}, Certificate{}, err
	}
	r, err := s.report(ctx, p, actor)
	if err != nil {
		return r, Certificate{}, err
	}
	if r.Status != law.StatusSufficient && r.Status != law.StatusInsufficient {
		return r, Certificate{}, signet.Errorf(signet.EConflict, "petition %q is not decided yet (%s): no certificate", id, r.Status)
	}
	cert, err := s.certificate(ctx, p, r)
	if err != nil {
		return r, cert, err
	}
	cert.Issued = signet.FormatDate(s.now())
	return r, cert, s.Store.RecordEvent(ctx, signet.EventCertificate, actor, subject(id), map[string]any{"title": cert.Title, "result": cert.Result, "basis": cert.Basis,
		"valid": cert.Valid, "required": cert.Required, "raw": cert.Raw, "audit_head": cert.AuditHead})
}

// certificate puts the certificate of a decided petition together from its report and the
// audit log's head, reading only; Issued is left empty.
func (s *Service) certificate(ctx context.Context, p signet.Petition, r Report) (Certificate, error) {
	rules, err := Rules(p)
	if err != nil {
		return Certificate{}, err
	}
	j, err := s.Store.Jurisdiction(ctx, p.JurisdictionID)
	if err != nil {
		return Certificate{}, err
	}
	cert := Certificate{Petition: p.ID, Kind: string(p.Kind), Jurisdiction: j.Name, Rules: rules.ID(), RulesTitle: rules.Title(),
		Result: r.Status, Basis: r.Basis, Registered: p.Registered, Report: p.ReportID,
		Required: p.Required, Raw: r.Raw, Verified: r.Verified, Valid: r.Valid, Invalid: r.Invalid, ByReason: r.ByReason,
		OtherReasons: r.OtherReasons, Sample: r.Sample, Projection: r.Projection,
		Dates: map[string]any{"approved": signet.FormatDate(p.Approved), "filing_deadline": signet.FormatDate(p.Deadline), "filed": signet.FormatDate(p.Filed)}}
	cert.Title = "Certificate of " + map[law.Status]string{law.StatusSufficient: "Sufficiency", law.StatusInsufficient: "Insufficiency"}[r.Status]
	if d := rules.SampleDeadline(lawDates(p), p.Raw); !d.IsZero() && r.Sample != nil {
		cert.Dates["sample_deadline"] = signet.FormatDate(d)
	}
	if d := rules.FullCountDeadline(lawDates(p), p.Raw); !d.IsZero() && r.Basis == law.BasisFullCount {
		cert.Dates["full_count_deadline"] = signet.FormatDate(d)
	}
	cert.Cites = CertificateCites(rules, p.Duplicates, p.Cutoff, r.Basis, r.Sample != nil)
	for _, c := range cert.Cites {
		cert.Citations = append(cert.Citations, c.String())
	}
	seq, hash, err := s.Store.AuditHead(ctx)
	if err != nil {
		return cert, err
	}
	cert.AuditEvents, cert.AuditHead = seq, hash
	return cert, nil
}

// CertificateCites are the citations a certificate of a petition judged by rules gives: the
// requirement, the circulation, the verification, the petition's duplicate and cut-off
// policies, and then the sampling's, the projection's and the bands' where a sample decided
// or preceded the full count, or the raw-count rule where the raw count decided.
func CertificateCites(rules law.Rules, duplicates signet.DuplicatePolicy, cutoff signet.Cutoff, basis law.Basis, sampled bool) []Citation {
	var out []Citation
	cite := func(label, setting, c string) {
		out = append(out, Citation{Label: label, Setting: setting, Cite: c})
	}
	cite("requirement", "", rules.Requirement.Cite)
	cite("circulation", "", rules.Circulation.Cite)
	cite("verification", "", rules.Verification.Cite)
	cite("duplicates", string(duplicates), rules.DuplicatesCite)
	cite("registration cut-off", string(cutoff), rules.CutoffCite)
	sampling := func() {
		cite("sample size", "", rules.Sampling.Cite)
		cite("projection", "", rules.Projection.Cite)
		cite("bands", "", rules.Bands.Cite)
	}
	switch {
	case basis == law.BasisSample:
		sampling()
	case basis == law.BasisRawCount:
		cite("raw count", "", rules.RawCite)
	case sampled:
		sampling()
	}
	return out
}

// Status is a petition's count as it stands, for those who look and do not act (the public
// pages): the report and, once the petition is decided, what its certificate says.
type Status struct {
	Petition signet.Petition `json:"-"`
	Report   Report          `json:"report"`
	// Certificate is nil while the petition is undecided; its Issued is empty: a
	// certificate is issued by Certificate, which records it.
	Certificate *Certificate `json:"certificate"`
	// Progress is the verification day by day against the deadlines.
	Progress Progress `json:"progress"`
	// Steps are the recorded projection's steps with their forms and numbers
	// (sample.Step.Form), projected again from the recorded counts; nil without a
	// projection. The recorded steps' texts stand: a door uses a form only where it writes
	// the recorded text again.
	Steps []sample.Step `json:"-"`
}

// Status reads a petition's count as it stands: Report's counts and status and, once
// decided, the certificate's content with the audit log's head now. It records nothing and
// does not reconcile the rows with the audit log (a reading per page view could not afford
// to read the whole log): the result the Registrar stands by is Report's and Certificate's,
// which do both.
func (s *Service) Status(ctx context.Context, id string) (Status, error) {
	p, err := s.Store.Petition(ctx, id)
	if err != nil {
		return Status{}, err
	}
	r, err := s.count(ctx, p)
	if err != nil {
		return Status{}, err
	}
	st := Status{Petition: p, Report: r, Steps: projectionSteps(p, r.Projection)}
	if st.Progress, err = s.dailyProgress(ctx, p, r); err != nil {
		return Status{}, err
	}
	if r.Status == law.StatusSufficient || r.Status == law.StatusInsufficient {
		cert, err := s.certificate(ctx, p, r)
		if err != nil {
			return Status{}, err
		}
		st.Certificate = &cert
	}
	return st, nil
}

// Petitions lists every petition.
func (s *Service) Petitions(ctx context.Context) ([]signet.Petition, error) {
	return s.Store.Petitions(ctx)
}

// Petition reads one petition.
func (s *Service) Petition(ctx context.Context, id string) (signet.Petition, error) {
	return s.Store.Petition(ctx, id)
}

// projectionSteps projects a recorded projection's counts again, for its steps' forms; nil
// when there is none or it cannot be.
func projectionSteps(p signet.Petition, proj map[string]any) []sample.Step {
	if proj == nil {
		return nil
	}
	rules, err := Rules(p)
	if err != nil {
		return nil
	}
	n := func(k string) int { f, _ := proj[k].(float64); return int(f) }
	res, err := sample.Project(rules, sample.Input{Raw: n("raw"), Sample: n("sample"), Valid: n("valid"), Duplicates: n("duplicates"),
		Required: n("required"), Invalid: n("invalid")})
	if err != nil {
		return nil
	}
	return res.Steps
}
