package web

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/registrar"
)

// browser is a headless Chromium over a test server, with what its pages' consoles said.
type browser struct {
	ts   *testServer
	t    *testing.T
	ctx  context.Context
	base string
	dir  string
	mu   sync.Mutex
	errs []string
}

// newBrowser starts Chromium (or skips, as chromium says) on a server of ts.
func newBrowser(t *testing.T, ts *testServer) *browser {
	exe := chromium(t)
	// The test server's clock stands in 2022; a browser drops a session cookie that
	// expired then. In the browser the engine keeps the real time.
	ts.svc.Now = time.Now
	web := httptest.NewServer(ts.srv)
	t.Cleanup(web.Close)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-default-browser-check", true), chromedp.Flag("accept-lang", "en-US"),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1200, 1400),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	ctx, cancel = context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancel)
	b := &browser{ts: ts, t: t, ctx: ctx, base: web.URL, dir: artifacts(t)}
	// The first Do starts the browser; the page's log and runtime domains are on.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	err := chromedp.Listen(ctx, func(ev any) {
		b.mu.Lock()
		defer b.mu.Unlock()
		switch e := ev.(type) {
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError {
				b.errs = append(b.errs, e.Entry.Text)
			}
		case *runtime.EventExceptionThrown:
			b.errs = append(b.errs, e.ExceptionDetails.Text)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		if len(b.errs) > 0 {
			t.Errorf("errors in the pages' consoles:\n%s", strings.Join(b.errs, "\n"))
		}
	})
	return b
}

// run runs browser actions, failing the test with what it was doing.
func (b *browser) run(step string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v\nthe server's log:\n%s", step, err, b.ts.log.String())
	}
}

// shot writes a screenshot of the whole page as an artifact.
func (b *browser) shot(name string) {
	b.t.Helper()
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	if len(png) < 10000 {
		b.t.Errorf("%s: a screenshot of %d bytes", name, len(png))
	}
	if err := os.WriteFile(filepath.Join(b.dir, name), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// text is an element's text.
func (b *browser) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("read %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

// signIn signs a user in with the form and waits for the page after it.
func (b *browser) signIn(name, next, waitFor string) {
	b.t.Helper()
	b.run("sign in as "+name+": the form", chromedp.Navigate(b.base+"/login?next="+next), chromedp.WaitVisible(chromedp.CSS("#password")))
	b.fill("#name", name)
	b.fill("#password", testPassword)
	b.run("sign in as "+name+": submit", chromedp.Click(chromedp.CSS("form.login button[type=submit]")))
	b.run("sign in as "+name+": the page after", chromedp.WaitVisible(chromedp.CSS(waitFor)))
}

// fill sets a field's value as typing would leave it.
func (b *browser) fill(sel, value string) {
	b.t.Helper()
	js, _ := json.Marshal(value)
	q, _ := json.Marshal(sel)
	ok, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`(() => { const e = document.querySelector(`+string(q)+`); if (!e) return false; e.value = `+string(js)+`; return true; })()`))
	if err != nil || !ok {
		b.t.Fatalf("fill %s: %v (found: %v)", sel, err, ok)
	}
}

// key presses keys on the page as a person would (no element focused by the test).
func (b *browser) key(step string, keys ...string) {
	b.t.Helper()
	for _, k := range keys {
		b.run(step+": key "+k, chromedp.KeyEvent(k))
	}
}

// TestBrowserClerkDesk: a clerk signs in, claims the queue's lines and decides each with
// the keyboard alone — invalid (not registered), invalid (signature mismatch, the
// comparison recorded), valid naming the first candidate — until the queue is empty; each
// decision is an audit event; after the office's next verification the public dashboard
// shows the counts changed as the decisions say. Screenshots of the desk, a line, and the
// dashboard after.
func TestBrowserClerkDesk(t *testing.T) {
	ctx := context.Background()
	ts := newTestServerOn(t, copyDemo(t))
	b := newBrowser(t, ts)
	en := newLang("en")

	b.run("the dashboard before", chromedp.Navigate(b.base+"/petitions/demo"), chromedp.WaitVisible(chromedp.CSS("#valid")))
	validBefore, invalidBefore := b.text("#valid"), b.text("#invalid")

	b.signIn("clerk", "/petitions/demo/desk", "#claim")
	if left := b.text("#left"); left != "3 lines await review." {
		t.Fatalf("the desk says %q", left)
	}
	b.shot("desk.png")
	b.run("give the page the keyboard", chromedp.Click(chromedp.CSS("h1")))
	b.key("claim", "n")
	b.run("the first line", chromedp.WaitVisible(chromedp.CSS("#decide-valid")))
	b.shot("desk-line.png")

	type decision struct {
		keys []string
		code string
	}
	plan := []decision{
		{[]string{"i", kb.Enter}, "not_registered"},
		{[]string{"x", "i", kb.ArrowDown, kb.ArrowDown, kb.ArrowDown, kb.Enter}, "signature_mismatch"},
		{[]string{"1", "m", "v"}, "valid"},
	}
	var lines []string
	wasValid := map[string]bool{}
	for i, d := range plan {
		attr, err := chromedp.Run(b.ctx, chromedp.AttributeValue(chromedp.CSS("#lease"), "data-line"))
		if err != nil {
			t.Fatal(err)
		}
		line := attr.Value
		v, err := ts.svc.Store.Verdict(ctx, "demo", line)
		if err != nil {
			t.Fatal(err)
		}
		wasValid[line] = v.Valid
		lines = append(lines, line)
		b.key("decide line "+line, d.keys...)
		wait := "#lease"
		if i == len(plan)-1 {
			wait = "#empty" // the queue is done: the desk says so
		}
		b.run("after line "+line, chromedp.WaitVisible(chromedp.CSS(`#last[data-line="`+line+`"][data-code="`+d.code+`"]`)), chromedp.WaitVisible(chromedp.CSS(wait)))
	}
	if got := b.text("#last"); !strings.Contains(got, en.T("Line %s recorded: %s.", lines[2], en.CodeLabel("valid"))) {
		t.Errorf("the desk's last word: %q", got)
	}

	// What the engine recorded: three decisions, as the keys said, each an audit event.
	ds, err := ts.svc.Store.DeskDecisions(ctx, "demo")
	if err != nil || len(ds) != 3 {
		t.Fatalf("%v: %d decisions", err, len(ds))
	}
	for i, d := range ds {
		if d.LineID != lines[i] || d.Code != plan[i].code || d.Clerk != "clerk" {
			t.Errorf("decision %d: %s %s by %s, want %s %s", i, d.LineID, d.Code, d.Clerk, lines[i], plan[i].code)
		}
	}
	if ds[1].Signature != signet.SignatureDiffers || ds[2].Signature != signet.SignatureMatches {
		t.Errorf("the signature comparisons: %q %q", ds[1].Signature, ds[2].Signature)
	}
	if n := deskEvents(t, ts, signet.EventReviewDecision, "clerk"); n != 3 {
		t.Errorf("%d decision events", n)
	}

	// The office's next verification applies them; the public dashboard's counts move.
	if _, err := ts.svc.Verify(ctx, registrar.VerifyOptions{Petition: "demo", Actor: "web test"}); err != nil {
		t.Fatal(err)
	}
	st, err := ts.svc.Status(ctx, "demo")
	if err != nil {
		t.Fatal(err)
	}
	turned := 0 // lines valid before, invalid now
	for i, line := range lines[:2] {
		v, err := ts.svc.Store.Verdict(ctx, "demo", line)
		if err != nil || v.Valid || string(v.Reason) != plan[i].code {
			t.Errorf("line %s after verification: %v %s", line, err, v.Code())
		}
		if wasValid[line] {
			turned++
		}
	}
	if turned == 0 {
		t.Fatal("none of the lines decided invalid was valid before: the dashboard cannot show a change")
	}
	b.run("the dashboard after", chromedp.Navigate(b.base+"/petitions/demo"), chromedp.WaitVisible(chromedp.CSS("#valid")))
	validAfter, invalidAfter := b.text("#valid"), b.text("#invalid")
	if validAfter != en.N(st.Report.Valid) || invalidAfter != en.N(st.Report.Invalid) || validAfter == validBefore || invalidAfter == invalidBefore {
		t.Errorf("the dashboard: valid %s → %s, invalid %s → %s; the engine says %d and %d", validBefore, validAfter, invalidBefore, invalidAfter, st.Report.Valid, st.Report.Invalid)
	}
	b.shot("status-after-desk.png")
	t.Logf("screenshots in %s", b.dir)
}

// TestBrowserChallenge: a proponent signs in, challenges an invalid line's verdict from the
// list with a comment; the supervisor signs in, finds it in the queue and upholds it; the
// proponent's list then says so. Screenshots of the list, the supervisor's desk and a line.
func TestBrowserChallenge(t *testing.T) {
	ctx := context.Background()
	ts := newTestServerOn(t, copyDemo(t))
	b := newBrowser(t, ts)
	list, err := ts.svc.InvalidLines(ctx, "demo", registrar.Page{Number: 1, Size: invalidPageSize})
	if err != nil || len(list.Lines) == 0 {
		t.Fatalf("%v: %d invalid lines", err, len(list.Lines))
	}
	line := list.Lines[0].LineID
	row := `#line-` + line

	b.signIn("proponent", "/petitions/demo/invalid", "#invalid-lines")
	b.shot("invalid.png")
	b.run("open the challenge form of line "+line, chromedp.Click(chromedp.CSS(row+" details.challenge summary")))
	b.fill(row+" textarea[name=comment]", "She signed it in front of me.")
	b.run("challenge line "+line, chromedp.Click(chromedp.CSS(row+" button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(`#challenged[data-line="`+line+`"]`)))
	if st := b.text(row + " td.challenge-status"); !strings.HasPrefix(st, "open") {
		t.Errorf("the challenge's status in the list: %q", st)
	}
	b.run("sign out", chromedp.Navigate(b.base+"/me"), chromedp.Click(chromedp.CSS("#sign-out")), chromedp.WaitVisible(chromedp.CSS("#sign-in")))

	b.signIn("supervisor", "/petitions/demo/supervise", "#challenges")
	if got := b.text("#challenge-1 q"); got != "She signed it in front of me." {
		t.Fatalf("the supervisor's queue shows %q", got)
	}
	b.shot("supervise.png")
	b.fill(`#challenge-1 textarea[name=text]`, "The signature matches the one on file.")
	b.run("uphold", chromedp.Click(chromedp.CSS(`#challenge-1 input[value=uphold]`)),
		chromedp.Click(chromedp.CSS(`#challenge-1 button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#done[data-done="answered"]`)))
	if got := b.text(`#answered tr[data-id="1"] td.challenge-status`); got != "upheld" {
		t.Errorf("the answered challenge: %q", got)
	}
	if b.text("#no-challenges") == "" {
		t.Error("the queue is not empty after the answer")
	}
	c, err := ts.svc.Store.Challenge(ctx, "demo", 1)
	if err != nil || c.Status != signet.ChallengeUpheld || c.AnsweredBy != "supervisor" || c.By != "proponent" || c.LineID != line {
		t.Errorf("the challenge as stored: %v %+v", err, c)
	}
	b.run("the line", chromedp.Navigate(b.base+"/petitions/demo/lines/"+line), chromedp.WaitVisible(chromedp.CSS("#override-form")))
	b.shot("line.png")
	b.run("sign out", chromedp.Navigate(b.base+"/me"), chromedp.Click(chromedp.CSS("#sign-out")), chromedp.WaitVisible(chromedp.CSS("#sign-in")))

	b.signIn("proponent", "/petitions/demo/invalid", "#invalid-lines")
	if st := b.text(row + " td.challenge-status"); !strings.HasPrefix(st, "upheld") {
		t.Errorf("the proponent's list after the answer: %q", st)
	}
	t.Logf("screenshots in %s", b.dir)
}
