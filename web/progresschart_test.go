package web

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/signet-vote/signet/registrar"
)

// The line chart puts each day at its place: x from the days since the filing, y from the
// counts over the raw count; a count stands until the day before it rises; the axes and
// the deadlines are labelled in the reader's language.
func TestProgressChart(t *testing.T) {
	pr := registrar.Progress{WorkingDays: true, Filed: "2022-07-01", Raw: 1500, Required: 1000,
		Deadlines: []registrar.ProgressDeadline{{Kind: "sample", Date: "2022-07-08", Day: 4}, {Kind: "full_count", Date: "2022-07-14", Day: 8}},
		Days: []registrar.ProgressDay{{Day: 0, Date: "2022-07-01"}, {Day: 1, Date: "2022-07-05", Verified: 500, Valid: 400},
			{Day: 3, Date: "2022-07-07", Verified: 1500, Valid: 1100}, {Day: 8, Date: "2022-07-14", Verified: 1500, Valid: 1100}}}
	c := progressChart(newLang("en"), pr)
	// The plot: x from 90 to 756 over 8 days; y from 234 (0) up to 44 (1,500), the top
	// lowered by two deadlines' labels.
	if c.Left != 90 || c.Right != 756 || c.Bottom != 234 || c.Top != 44 {
		t.Fatalf("plot box %d,%d–%d,%d", c.Left, c.Top, c.Right, c.Bottom)
	}
	if want := "90,234 173,171 256,171 339,44 756,44"; c.Verified != want {
		t.Errorf("verified points %q, want %q", c.Verified, want)
	}
	if want := "90,234 173,184 256,184 339,95 756,95"; c.Valid != want {
		t.Errorf("valid points %q, want %q", c.Valid, want)
	}
	ticks := func(ts []chartTick) string {
		var s []string
		for _, t := range ts {
			s = append(s, t.Label+"|"+t.Sub)
		}
		return strings.Join(s, "; ")
	}
	if got, want := ticks(c.YTicks), "0|; 750|; 1,500|"; got != want {
		t.Errorf("y ticks %q, want %q", got, want)
	}
	if got, want := ticks(c.XTicks), "0|July 1, 2022; 8|July 14, 2022"; got != want {
		t.Errorf("x ticks %q, want %q", got, want)
	}
	if got, want := ticks(c.Deadlines), "Sample deadline: July 8, 2022 · day 4|; Full count deadline: July 14, 2022 · day 8|"; got != want {
		t.Errorf("deadlines %q, want %q", got, want)
	}
	if c.Deadlines[0].X != 423 || c.Deadlines[0].Anchor != "start" || c.Deadlines[1].X != 756 || c.Required == nil || c.Required.Y != 108 {
		t.Errorf("deadline marks %+v, requirement %+v", c.Deadlines, c.Required)
	}
	if want := "By July 14, 2022, working day 8 since the filing: 1,500 of 1,500 lines verified, 1,100 valid."; c.Summary != want {
		t.Errorf("summary %q", c.Summary)
	}
	es := progressChart(newLang("es"), pr)
	if got, want := ticks(es.Deadlines), "Plazo de la muestra: 8 de julio de 2022 · día 4|; Plazo del recuento completo: 14 de julio de 2022 · día 8|"; got != want {
		t.Errorf("Spanish deadlines %q, want %q", got, want)
	}
	if es.YTicks[2].Label != "1.500" || es.AxisTitle != "Días hábiles desde la presentación" {
		t.Errorf("Spanish ticks %+v, axis %q", es.YTicks, es.AxisTitle)
	}
	if progressChart(newLang("en"), registrar.Progress{}) != nil {
		t.Error("a chart of a petition not filed")
	}
}

// The status page draws the chart, in both languages, and the API's status carries the
// series it is drawn from.
func TestStatusPageProgressChart(t *testing.T) {
	ts := newTestServer(t)
	for _, c := range []struct{ lang, title, axis string }{
		{"en", "Verification per day, against the deadline", "Working days since the filing"},
		{"es", "Verificación por día, frente al plazo", "Días hábiles desde la presentación"},
	} {
		res, body := ts.get("/petitions/demo?lang=" + c.lang)
		if res.StatusCode != 200 {
			t.Fatalf("%s: %d", c.lang, res.StatusCode)
		}
		for _, want := range []string{`<svg class="linechart" id="progress-chart"`, c.title, c.axis, `<polyline class="line verified" id="progress-verified" points="90,`,
			`<g class="deadline" data-day="30">`, `id="progress-text"`} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: the status page lacks %q", c.lang, want)
			}
		}
	}
	res, body := ts.get("/api/v1/petitions/demo/status")
	var got struct {
		Progress registrar.Progress `json:"progress"`
	}
	if err := json.Unmarshal([]byte(body), &got); err != nil || res.StatusCode != 200 {
		t.Fatalf("%d %v", res.StatusCode, err)
	}
	pr := got.Progress
	if !pr.WorkingDays || pr.Filed != "2022-07-06" || pr.Raw != 1850 || len(pr.Days) < 2 || pr.Days[len(pr.Days)-1].Verified != 1850 ||
		len(pr.Deadlines) == 0 || pr.Deadlines[0].Kind != "sample" || pr.Deadlines[0].Day != 30 {
		t.Errorf("progress %+v", pr)
	}
}
