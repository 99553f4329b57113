package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromium is the browser the end-to-end tests drive: $SIGNET_CHROMIUM, else Debian's.
func chromium(t *testing.T) string {
	path := os.Getenv("SIGNET_CHROMIUM")
	if path == "" {
		path = "/usr/bin/chromium"
	}
	if _, err := os.Stat(path); err != nil {
		// scripts/test installs chromium and sets SIGNET_REQUIRE_CHROMIUM: there a missing
		// browser fails the suite rather than pass it untested.
		if os.Getenv("SIGNET_REQUIRE_CHROMIUM") != "" {
			t.Fatalf("no browser at %s (SIGNET_REQUIRE_CHROMIUM is set): apt-get install -y chromium", path)
		}
		t.Skipf("no browser at %s: the browser test skips (apt-get install -y chromium, or set SIGNET_CHROMIUM; scripts/test installs it and requires it)", path)
	}
	return path
}

// artifacts is where a test writes its screenshots: $SIGNET_TEST_ARTIFACTS, else the test's
// temporary directory.
func artifacts(t *testing.T) string {
	if dir := os.Getenv("SIGNET_TEST_ARTIFACTS"); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	return t.TempDir()
}

// TestBrowserStatusPage drives a real headless Chromium: it loads a petition's public status
// page in English, checks the counts and the chart as drawn, switches to Spanish with the
// page's own switch, checks them again as Spanish writes them, and finds no error in the
// page's console (a style sheet or script the Content Security Policy refused would be
// one). It writes a screenshot of each language.
func TestBrowserStatusPage(t *testing.T) {
	exe := chromium(t)
	ts := newTestServer(t)
	web := httptest.NewServer(ts.srv)
	defer web.Close()
	st, err := ts.svc.Status(context.Background(), "demo")
	if err != nil {
		t.Fatal(err)
	}
	r := st.Report

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-default-browser-check", true), chromedp.Flag("accept-lang", "en-US"),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1200, 1600),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 45*time.Second)
	defer cancel()

	var mu sync.Mutex
	var consoleErrors []string
	note := func(text string) {
		mu.Lock()
		defer mu.Unlock()
		consoleErrors = append(consoleErrors, text)
	}
	// The first Run starts the browser; the page's log and runtime domains are on.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError {
				note(e.Entry.Text)
			}
		case *runtime.EventExceptionThrown:
			note(e.ExceptionDetails.Text)
		}
	}); err != nil {
		t.Fatal(err)
	}

	type view struct {
		Lang, Status, Raw, Valid, Required, Toward string
		Bars                                       []struct {
			Code   string
			Count  string
			Width  float64
			LabelX float64
		}
		CopyShown bool
	}
	read := chromedp.Evaluate[view](`(() => {
		const text = id => document.getElementById(id).textContent.trim();
		return {
			Lang: document.documentElement.lang, Status: text("status-label"), Raw: text("raw"), Valid: text("valid"),
			Required: text("required"), Toward: text("toward-text"),
			Bars: [...document.querySelectorAll("#reason-chart g.bar")].map(g => ({
				Code: g.dataset.code, Count: g.dataset.count, Width: g.querySelector("rect").getBBox().width,
				LabelX: g.querySelector("text.label").getBBox().x})),
			CopyShown: !document.querySelector("button.copy").hidden,
		};
	})()`)
	dir := artifacts(t)
	fail := func(step string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	fail("load the English page", chromedp.Do(ctx, chromedp.Navigate(web.URL+"/petitions/demo"), chromedp.WaitVisible(chromedp.ID("reason-chart"))))
	en, err := chromedp.Run(ctx, read)
	fail("read the English page", err)
	shotEN, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	fail("screenshot", err)
	_, err = chromedp.Run(ctx, chromedp.WaitEvent(cdppage.LoadEventFired, nil, chromedp.Click(chromedp.ID("lang-es"))))
	fail("switch to Spanish", err)
	fail("wait for the Spanish page", chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`html[lang="es"] #reason-chart`))))
	es, err := chromedp.Run(ctx, read)
	fail("read the Spanish page", err)
	shotES, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	fail("screenshot", err)
	for name, shot := range map[string][]byte{"status-en.png": shotEN, "status-es.png": shotES} {
		if len(shot) < 10000 {
			t.Errorf("%s: a screenshot of %d bytes", name, len(shot))
		}
		if err := os.WriteFile(filepath.Join(dir, name), shot, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("screenshots in %s", dir)

	for _, c := range []struct {
		v      view
		l      *lang
		status string
	}{{en, newLang("en"), "Insufficient"}, {es, newLang("es"), "Insuficiente"}} {
		if c.v.Lang != c.l.Code || c.v.Status != c.status {
			t.Errorf("%s: lang %q, status %q", c.l.Code, c.v.Lang, c.v.Status)
		}
		if c.v.Raw != c.l.N(r.Raw) || c.v.Valid != c.l.N(r.Valid) || c.v.Required != c.l.N(r.Required) {
			t.Errorf("%s: raw %q valid %q required %q; want %s %s %s", c.l.Code, c.v.Raw, c.v.Valid, c.v.Required, c.l.N(r.Raw), c.l.N(r.Valid), c.l.N(r.Required))
		}
		if want := c.l.T("%s valid of %s required (%s)", c.l.N(r.Valid), c.l.N(r.Required), c.l.Share(r.Valid, r.Required)); c.v.Toward != want {
			t.Errorf("%s: %q, want %q", c.l.Code, c.v.Toward, want)
		}
		if len(c.v.Bars) != 8 {
			t.Fatalf("%s: %d bars drawn", c.l.Code, len(c.v.Bars))
		}
		// The bars are drawn to scale: valid is the longest, each as long as its count.
		valid := c.v.Bars[0]
		if valid.Code != "valid" || valid.Count != fmt.Sprint(r.Valid) || valid.Width < 100 {
			t.Errorf("%s: the valid bar %+v", c.l.Code, valid)
		}
		for _, b := range c.v.Bars[1:] {
			want := fmt.Sprint(r.ByReason[b.Code])
			scaled := valid.Width * float64(r.ByReason[b.Code]) / float64(r.Valid)
			if b.Count != want || b.Width > scaled+1.5 || b.Width < scaled-1.5 {
				t.Errorf("%s: bar %s count %s width %.1f, want %s and %.1f", c.l.Code, b.Code, b.Count, b.Width, want, scaled)
			}
		}
		for _, b := range c.v.Bars {
			if b.LabelX < 0 {
				t.Errorf("%s: the label of bar %s starts at x = %.1f, outside the chart", c.l.Code, b.Code, b.LabelX)
			}
		}
		if !c.v.CopyShown {
			t.Errorf("%s: the script did not run (its copy button is hidden)", c.l.Code)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(consoleErrors) > 0 {
		t.Errorf("errors in the page's console:\n%s", strings.Join(consoleErrors, "\n"))
	}
}
