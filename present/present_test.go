package present

import (
	"bytes"
	"strings"
	"testing"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/law"
	"github.com/signet-vote/signet/registrar"
)

func TestCommas(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 566857: "566,857", -1234567: "-1,234,567"} {
		if got := Commas(n); got != want {
			t.Errorf("Commas(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestReasonLabels(t *testing.T) {
	for _, r := range signet.Reasons {
		if ReasonLabel(r) == string(r) {
			t.Errorf("reason %s has no label", r)
		}
	}
}

// The certificate shows the counts with separators and escapes what it is given.
func TestCertificate(t *testing.T) {
	c := registrar.Certificate{Title: "Certificate of Insufficiency", Petition: "gascon", Jurisdiction: "Los Angeles <County>",
		Result: law.StatusInsufficient, Basis: law.BasisFullCount, Required: 566857, Raw: 715833, Valid: 520050,
		ByReason: map[string]int{"duplicate": 43594}, Dates: map[string]any{"filed": "2022-07-06"}, AuditHead: "ab12"}
	var html, text bytes.Buffer
	if err := CertificateHTML.Execute(&html, c); err != nil {
		t.Fatal(err)
	}
	CertificateText(&text, c)
	for _, want := range []string{"566,857", "520,050", "43,594", "INSUFFICIENT", "Los Angeles &lt;County&gt;", "Max Number of Times Signed (Duplicate)"} {
		if !strings.Contains(html.String(), want) {
			t.Errorf("the HTML certificate lacks %q", want)
		}
	}
	for _, want := range []string{"566,857", "INSUFFICIENT", "a full count of every line", "ab12"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("the text certificate lacks %q:\n%s", want, text.String())
		}
	}
}
