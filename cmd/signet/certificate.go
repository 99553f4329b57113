package main

import (
	"context"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/sqlite"
)

// certificate is a certificate of sufficiency or insufficiency; its JSON keys are a contract.
type certificate struct {
	Title        string         `json:"title"`
	Petition     string         `json:"petition"`
	Kind         string         `json:"kind"`
	Jurisdiction string         `json:"jurisdiction"`
	Rules        string         `json:"rules"`
	RulesTitle   string         `json:"rules_title"`
	Result       string         `json:"result"` // sufficient or insufficient
	Basis        string         `json:"basis"`  // full_count, sample or raw_count
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
	Sample       *sampleInfo    `json:"sample"`
	Projection   map[string]any `json:"projection"`
	Citations    []string       `json:"citations"`
	AuditHead    string         `json:"audit_head"`
	AuditEvents  int64          `json:"audit_events"`
}

func (m *Main) runCertificate(ctx context.Context, args []string) error {
	fs := m.flags("certificate", "--petition P [--format text|html|json]",
		`Issue the certificate of a decided petition: sufficient or insufficient, with the counts,
the reasons, the dates, the rule citations, and — when a sample decided or preceded the full
count — the seed and the command that re-draws the sample. The certificate names the head of
the audit log it was issued at, and is itself recorded there. A petition still being verified
has no certificate yet. No voter data appears on it.`)
	c := m.commonFlags(fs, false)
	id := fs.String("petition", "", "petition id")
	format := fs.String("format", "text", "text, html or json")
	asJSON := fs.Bool("json", false, "the same as --format json")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *asJSON {
		*format = "json"
	}
	if err := need("petition", *id); err != nil {
		return err
	}
	if *format != "text" && *format != "html" && *format != "json" {
		return usageErr("--format %q: want text, html or json", *format)
	}
	s, err := m.open(ctx, c)
	if err != nil {
		return err
	}
	defer s.Close()
	cert, err := m.certificate(ctx, s, *id, *c.actor)
	if err != nil {
		return err
	}
	switch *format {
	case "json":
		return m.printJSON(cert)
	case "html":
		return certHTML.Execute(m.Stdout, cert)
	}
	printCertificate(m.Stdout, cert)
	return nil
}

func (m *Main) certificate(ctx context.Context, s *sqlite.Store, id, actor string) (certificate, error) {
	p, err := s.Petition(ctx, id)
	if err != nil {
		return certificate{}, err
	}
	r, err := m.report(ctx, s, id, actor)
	if err != nil {
		return certificate{}, err
	}
	if r.Status != StatusSufficient && r.Status != StatusInsufficient {
		return certificate{}, signet.Errorf(signet.EConflict, "petition %q is not decided yet (%s): no certificate", id, r.Status)
	}
	rules, err := petitionRules(p)
	if err != nil {
		return certificate{}, err
	}
	j, err := s.Jurisdiction(ctx, p.JurisdictionID)
	if err != nil {
		return certificate{}, err
	}
	cert := certificate{Petition: p.ID, Kind: string(p.Kind), Jurisdiction: j.Name, Rules: rules.ID(), RulesTitle: rules.Title(),
		Result: r.Status, Basis: r.Basis, Issued: signet.FormatDate(m.Now()), Registered: p.Registered, Report: p.ReportID,
		Required: p.Required, Raw: r.Raw, Verified: r.Verified, Valid: r.Valid, Invalid: r.Invalid, ByReason: r.ByReason,
		OtherReasons: r.OtherReasons, Sample: r.Sample, Projection: r.Projection,
		Dates: map[string]any{"approved": signet.FormatDate(p.Approved), "filing_deadline": signet.FormatDate(p.Deadline), "filed": signet.FormatDate(p.Filed)}}
	cert.Title = "Certificate of " + map[string]string{StatusSufficient: "Sufficiency", StatusInsufficient: "Insufficiency"}[r.Status]
	if d := rules.SampleDeadline(p.Filed, p.Raw); !d.IsZero() && r.Sample != nil {
		cert.Dates["sample_deadline"] = signet.FormatDate(d)
	}
	if d := rules.FullCountDeadline(p.Filed, p.Raw); !d.IsZero() && r.Basis == "full_count" {
		cert.Dates["full_count_deadline"] = signet.FormatDate(d)
	}
	cert.Citations = append(cert.Citations, "requirement: "+rules.Requirement.Cite, "circulation: "+rules.Circulation.Cite,
		"verification: "+rules.Verification.Cite, "duplicates ("+string(p.Duplicates)+"): "+rules.DuplicatesCite,
		"registration cut-off ("+string(p.Cutoff)+"): "+rules.CutoffCite)
	switch r.Basis {
	case "sample":
		cert.Citations = append(cert.Citations, "sample size: "+rules.Sampling.Cite, "projection: "+rules.Projection.Cite, "bands: "+rules.Bands.Cite)
	case "raw_count":
		cert.Citations = append(cert.Citations, "raw count: "+rules.RawCite)
	default:
		if r.Sample != nil {
			cert.Citations = append(cert.Citations, "sample size: "+rules.Sampling.Cite, "projection: "+rules.Projection.Cite, "bands: "+rules.Bands.Cite)
		}
	}
	seq, hash, err := s.AuditHead(ctx)
	if err != nil {
		return cert, err
	}
	cert.AuditEvents, cert.AuditHead = seq, hash
	return cert, s.CertificateEvent(ctx, id, actor, map[string]any{"title": cert.Title, "result": cert.Result, "basis": cert.Basis,
		"valid": cert.Valid, "required": cert.Required, "raw": cert.Raw, "audit_head": cert.AuditHead})
}

func printCertificate(w io.Writer, c certificate) {
	line := strings.Repeat("═", 70)
	fmt.Fprintf(w, "%s\n%s\n%s\n\n", line, strings.ToUpper(c.Title), line)
	fmt.Fprintf(w, "Petition %s (%s), %s\nRule pack %s — %s\n\n", c.Petition, c.Kind, c.Jurisdiction, c.Rules, c.RulesTitle)
	fmt.Fprintf(w, "Form approved %v · filing deadline %v · filed %v · issued %s\n\n", c.Dates["approved"], c.Dates["filing_deadline"], c.Dates["filed"], c.Issued)
	fmt.Fprintf(w, "Registered voters %s (report %s); valid signatures required %s\n", commas(c.Registered), c.Report, commas(c.Required))
	fmt.Fprintf(w, "Raw count %s; lines verified %s: valid %s, invalid %s\n", commas(c.Raw), commas(c.Verified), commas(c.Valid), commas(c.Invalid))
	for _, reason := range signet.Reasons {
		fmt.Fprintf(w, "  %-42s %10s\n", reasonLabels[reason], commas(c.ByReason[string(reason)]))
	}
	if c.Sample != nil {
		fmt.Fprintf(w, "\nRandom sample: %s of %s lines, seed %s (announced and logged before the draw).\nRe-draw it: %s\n",
			commas(c.Sample.Size), commas(c.Sample.Population), c.Sample.Seed, c.Sample.Redraw)
	}
	if c.Projection != nil {
		fmt.Fprintf(w, "Projection: %v valid (%v%% of required), decision %v; 95%% interval %v\n",
			c.Projection["projected_valid"], c.Projection["projected_percent"], c.Projection["decision"], c.Projection["ci95"])
	}
	basis := map[string]string{"full_count": "a full count of every line", "sample": "the statutory projection from the random sample", "raw_count": "the raw count, below the requirement"}[c.Basis]
	fmt.Fprintf(w, "\nThe petition is %s, on the basis of %s.\n\nAuthority:\n", strings.ToUpper(c.Result), basis)
	for _, ct := range c.Citations {
		fmt.Fprintf(w, "  - %s\n", ct)
	}
	fmt.Fprintf(w, "\nAudit log head at issue: event %d, SHA-256 %s\n", c.AuditEvents, c.AuditHead)
}

var certHTML = template.Must(template.New("certificate").Funcs(template.FuncMap{
	"commas": commas, "upper": strings.ToUpper,
	"label":   func(r signet.Reason) string { return reasonLabels[r] },
	"reasons": func() []signet.Reason { return signet.Reasons },
	"count":   func(m map[string]int, r signet.Reason) string { return commas(m[string(r)]) },
}).Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Title}} — {{.Petition}}</title>
<style>body{font-family:Georgia,serif;max-width:46rem;margin:2rem auto;line-height:1.4}h1{text-align:center;letter-spacing:.05em}
table{border-collapse:collapse;width:100%}td{padding:.2rem .4rem;border-bottom:1px solid #ccc}td.n{text-align:right}
.result{font-size:1.3rem;text-align:center;margin:1.5rem 0}code{font-size:.9rem}</style></head>
<body><main>
<h1>{{upper .Title}}</h1>
<p>Petition <strong>{{.Petition}}</strong> ({{.Kind}}), {{.Jurisdiction}}. Rule pack <code>{{.Rules}}</code>: {{.RulesTitle}}.</p>
<p>Form approved {{index .Dates "approved"}} · filing deadline {{index .Dates "filing_deadline"}} · filed {{index .Dates "filed"}} · issued {{.Issued}}</p>
<table>
<tr><td>Registered voters (report {{.Report}})</td><td class="n">{{commas .Registered}}</td></tr>
<tr><td>Valid signatures required</td><td class="n">{{commas .Required}}</td></tr>
<tr><td>Raw count</td><td class="n">{{commas .Raw}}</td></tr>
<tr><td>Lines verified</td><td class="n">{{commas .Verified}}</td></tr>
<tr><td>Valid</td><td class="n">{{commas .Valid}}</td></tr>
<tr><td>Invalid</td><td class="n">{{commas .Invalid}}</td></tr>
{{range reasons}}<tr><td>&nbsp;&nbsp;{{label .}}</td><td class="n">{{count $.ByReason .}}</td></tr>
{{end}}</table>
{{with .Sample}}<p>Random sample of {{commas .Size}} of {{commas .Population}} lines, seed <code>{{.Seed}}</code>, announced and logged before the draw. Anyone re-draws it: <code>{{.Redraw}}</code></p>{{end}}
{{with .Projection}}<p>Projection: {{index . "projected_valid"}} valid ({{index . "projected_percent"}}% of required); decision {{index . "decision"}}.</p>{{end}}
<p class="result">The petition is <strong>{{upper .Result}}</strong> ({{.Basis}}).</p>
<h2>Authority</h2><ul>{{range .Citations}}<li>{{.}}</li>{{end}}</ul>
<p><small>Audit log head at issue: event {{.AuditEvents}}, SHA-256 <code>{{.AuditHead}}</code>.</small></p>
</main></body></html>
`))
