package present

import (
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/law"
	"github.com/signet-vote/signet/registrar"
)

// CertificateText writes a certificate as text.
func CertificateText(w io.Writer, c registrar.Certificate) {
	line := strings.Repeat("═", 70)
	fmt.Fprintf(w, "%s\n%s\n%s\n\n", line, strings.ToUpper(c.Title), line)
	fmt.Fprintf(w, "Petition %s (%s), %s\nRule pack %s — %s\n\n", c.Petition, c.Kind, c.Jurisdiction, c.Rules, c.RulesTitle)
	fmt.Fprintf(w, "Form approved %v · filing deadline %v · filed %v · issued %s\n\n", c.Dates["approved"], c.Dates["filing_deadline"], c.Dates["filed"], c.Issued)
	fmt.Fprintf(w, "Registered voters %s (report %s); valid signatures required %s\n", Commas(c.Registered), c.Report, Commas(c.Required))
	fmt.Fprintf(w, "Raw count %s; lines verified %s: valid %s, invalid %s\n", Commas(c.Raw), Commas(c.Verified), Commas(c.Valid), Commas(c.Invalid))
	for _, reason := range signet.Reasons {
		fmt.Fprintf(w, "  %-42s %10s\n", ReasonLabel(reason), Commas(c.ByReason[string(reason)]))
	}
	if c.Sample != nil {
		fmt.Fprintf(w, "\nRandom sample: %s of %s lines, seed %s (announced and logged before the draw).\nRe-draw it: %s\n",
			Commas(c.Sample.Size), Commas(c.Sample.Population), c.Sample.Seed, c.Sample.Redraw)
	}
	if c.Projection != nil {
		fmt.Fprintf(w, "Projection: %v valid (%v%% of required), decision %v; 95%% interval %v\n",
			c.Projection["projected_valid"], c.Projection["projected_percent"], c.Projection["decision"], c.Projection["ci95"])
	}
	basis := map[law.Basis]string{"full_count": "a full count of every line", "sample": "the statutory projection from the random sample", "raw_count": "the raw count, below the requirement"}[c.Basis]
	fmt.Fprintf(w, "\nThe petition is %s, on the basis of %s.\n\nAuthority:\n", strings.ToUpper(string(c.Result)), basis)
	for _, ct := range c.Citations {
		fmt.Fprintf(w, "  - %s\n", ct)
	}
	fmt.Fprintf(w, "\nAudit log head at issue: event %d, SHA-256 %s\n", c.AuditEvents, c.AuditHead)
}

// CertificateHTML is the certificate as a page of its own.
var CertificateHTML = template.Must(template.New("certificate").Funcs(template.FuncMap{
	"commas": Commas, "upper": func(s any) string { return strings.ToUpper(fmt.Sprint(s)) },
	"label":   ReasonLabel,
	"reasons": func() []signet.Reason { return signet.Reasons },
	"count":   func(m map[string]int, r signet.Reason) string { return Commas(m[string(r)]) },
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
