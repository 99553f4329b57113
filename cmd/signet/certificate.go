package main

import (
	"context"

	"github.com/signet-vote/signet/present"
)

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
	defer s.Store.Close()
	cert, err := s.Certificate(ctx, *id, *c.actor)
	if err != nil {
		return err
	}
	switch *format {
	case "json":
		return m.printJSON(cert)
	case "html":
		return present.CertificateHTML.Execute(m.Stdout, cert)
	}
	present.CertificateText(m.Stdout, cert)
	return nil
}
