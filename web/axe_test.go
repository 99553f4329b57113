package web

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/registrar"
)

// axeSource is axe-core's script: $SIGNET_AXE_JS (scripts/test installs axe-core from npm
// into a cache outside the repository and names its axe.min.js there). Without it the test
// skips, unless SIGNET_REQUIRE_AXE is set, as scripts/test sets it: there it fails.
func axeSource(t *testing.T) string {
	path := os.Getenv("SIGNET_AXE_JS")
	if path == "" {
		if os.Getenv("SIGNET_REQUIRE_AXE") != "" {
			t.Fatal("SIGNET_AXE_JS names no axe.min.js (SIGNET_REQUIRE_AXE is set): npm install axe-core and name its axe.min.js")
		}
		t.Skip("SIGNET_AXE_JS is not set: the accessibility test skips (npm install --prefix DIR axe-core, then SIGNET_AXE_JS=DIR/node_modules/axe-core/axe.min.js; scripts/test does it and requires it)")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		if os.Getenv("SIGNET_REQUIRE_AXE") != "" {
			t.Fatalf("axe-core: %v (SIGNET_REQUIRE_AXE is set)", err)
		}
		t.Skipf("axe-core: %v: the accessibility test skips", err)
	}
	return string(b)
}

// axeViolation is what axe-core reports of one rule a page breaks.
type axeViolation struct {
	ID      string `json:"id"`
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	HelpURL string `json:"helpUrl"`
	Nodes   []struct {
		Target         []any  `json:"target"`
		HTML           string `json:"html"`
		FailureSummary string `json:"failureSummary"`
	} `json:"nodes"`
}

// TestAccessibility runs axe-core in a real Chromium on the main pages — the petitions, a
// petition's status in both languages, the sign-in, the clerks' desk and a line held there,
// the proponents' list of invalid lines and the supervisor's page — and fails on every
// violation of serious or critical impact, naming the rule and the elements.
func TestAccessibility(t *testing.T) {
	axe := axeSource(t)
	ts := newTestServerOn(t, copyDemo(t)) // the desk's claim writes a lease
	b := newBrowser(t, ts)
	// axe is evaluated through the DevTools protocol, which the pages' Content Security
	// Policy does not govern: the pages are checked as served, their policy unchanged.

	check := func(name string) {
		t.Helper()
		js := axe + `;
axe.run(document)
  .then(r => JSON.stringify(r.violations.filter(v => v.impact === "serious" || v.impact === "critical")))`
		out, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: running axe: %v", name, err)
		}
		var vs []axeViolation
		if err := json.Unmarshal([]byte(out), &vs); err != nil {
			t.Fatalf("%s: axe's result: %v", name, err)
		}
		for _, v := range vs {
			var where []string
			for _, n := range v.Nodes {
				where = append(where, fmt.Sprintf("    %v %s\n      %s", n.Target, n.HTML, strings.ReplaceAll(n.FailureSummary, "\n", "\n      ")))
			}
			t.Errorf("%s: %s (%s): %s (%s)\n%s", name, v.ID, v.Impact, v.Help, v.HelpURL, strings.Join(where, "\n"))
		}
	}
	visit := func(name, path, waitFor string) {
		t.Helper()
		b.run(name, chromedp.Navigate(b.base+path), chromedp.WaitVisible(chromedp.CSS(waitFor)))
		check(name)
	}

	visit("the petitions", "/?lang=en", "main")
	visit("the status page", "/petitions/demo?lang=en", "#progress-chart")
	visit("the status page in Spanish", "/petitions/demo?lang=es", "#progress-chart")
	visit("the sign-in", "/login?lang=en", "#password")

	b.signIn("clerk", "/petitions/demo/desk", "#claim")
	check("the clerks' desk")
	b.run("claim a line", chromedp.Click(chromedp.CSS("#claim")), chromedp.WaitVisible(chromedp.CSS("#decide-valid")))
	check("a line at the clerks' desk")
	b.run("sign out", chromedp.Navigate(b.base+"/me"), chromedp.Click(chromedp.CSS("#sign-out")), chromedp.WaitVisible(chromedp.CSS("#sign-in")))

	b.signIn("proponent", "/petitions/demo/invalid", "#invalid-lines")
	check("the proponents' invalid lines")
	b.run("sign out", chromedp.Navigate(b.base+"/me"), chromedp.Click(chromedp.CSS("#sign-out")), chromedp.WaitVisible(chromedp.CSS("#sign-in")))

	b.signIn("supervisor", "/petitions/demo/supervise", "#challenges")
	check("the supervisor's page")
	b.run("sign out", chromedp.Navigate(b.base+"/me"), chromedp.Click(chromedp.CSS("#sign-out")), chromedp.WaitVisible(chromedp.CSS("#sign-in")))

	b.signIn("campaign", "/petitions/demo/campaign", "#intake-figures")
	check("the campaign's intake")
	visit("the campaign's pre-checks", "/petitions/demo/campaign/prechecks", "#precheck-figures")
	visit("the campaign's circulators", "/petitions/demo/campaign/circulators", "#circulator-rates")
	visit("the campaign's forecast", "/petitions/demo/campaign/forecast", "#course-chart")
	b.run("sign out", chromedp.Navigate(b.base+"/me"), chromedp.Click(chromedp.CSS("#sign-out")), chromedp.WaitVisible(chromedp.CSS("#sign-in")))

	b.signIn("admin", "/admin/uploads", "#roll-form")
	check("the admin's uploads")
	visit("the admin's accounts", "/admin/users", "#add-user-form")
	visit("an account", "/admin/users/clerk", "#token-form")
	visit("the password change", "/me/password", "#password-form")
	visit("the jurisdictions", "/admin/jurisdictions", "#jurisdictions")
	visit("the admin's petitions", "/admin/petitions", "#admin-petitions")
	visit("the audit log", "/admin/audit", "#audit-events")
	visit("a petition's record", "/admin/petitions/demo", "#petition-record")
	// A state-officer recall's record: its statewide status and the county report's form.
	day, _ := signet.ParseDate("2020-06-10")
	if _, err := ts.svc.CreatePetition(context.Background(), registrar.PetitionSpec{ID: "gov", Kind: signet.KindStateRecall, Jurisdiction: "demo-county",
		Rules: "ca-state-recall", Approved: day, LastVote: 12464235, CountyVotes: map[string]int{"Alameda": 600000, "Kern": 200000}}, "axe"); err != nil {
		t.Fatal(err)
	}
	visit("a state-officer recall's record", "/admin/petitions/gov", "#state-report-form")
}
