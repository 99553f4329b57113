package web

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/signet-vote/signet/registrar"
)

// TestProgressMetrics: /metrics holds each petition's lines filed, lines verified and review
// queue as the engine reads them, and the queue shrinks when a clerk decides one of its lines.
func TestProgressMetrics(t *testing.T) {
	ts := newTestServerOn(t, copyDemo(t))
	ctx := context.Background()
	st, err := ts.svc.Status(ctx, "demo")
	if err != nil {
		t.Fatal(err)
	}
	r := st.Report
	if r.Raw != 1850 || r.Verified != 1850 {
		t.Fatalf("the fixture: raw %d, verified %d", r.Raw, r.Verified)
	}
	want := func(queue int) {
		t.Helper()
		_, body := ts.get("/metrics")
		for _, w := range []string{
			`signet_petition_lines_filed{petition="demo"} 1850`,
			`signet_petition_lines_verified{petition="demo"} 1850`,
			fmt.Sprintf(`signet_petition_review_queue{petition="demo"} %d`, queue),
		} {
			if !strings.Contains(body, w+"\n") {
				t.Errorf("metrics lack %s:\n%s", w, grepLines(body, "signet_petition_"))
			}
		}
	}
	want(r.AwaitingReview)
	if r.AwaitingReview == 0 {
		t.Fatal("the fixture's review queue is empty: nothing to decide")
	}
	item, ok, err := ts.svc.ClaimReview(ctx, "demo", "clerk", 0)
	if err != nil || !ok {
		t.Fatalf("claim: %v %v", ok, err)
	}
	d := registrar.ReviewDecision{Reason: "not_registered"}
	if err := ts.svc.DecideReview(ctx, "demo", "clerk", item.Line.ID(), d, 0); err != nil {
		t.Fatal(err)
	}
	want(r.AwaitingReview - 1)
}

func grepLines(s, prefix string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, prefix) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
