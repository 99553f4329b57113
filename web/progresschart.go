package web

import (
	"strconv"
	"strings"

	"github.com/signet-vote/signet/registrar"
)

// lineChart is the verification per day since the filing (registrar.Progress) drawn as two
// lines, the lines verified and the valid among them, with the requirement as a level and
// each deadline as a mark. Geometry only: the engine counted the days.
type lineChart struct {
	Width, Height int
	// The plot's box.
	Left, Top, Right, Bottom int
	// Verified and Valid are the polylines' points ("x,y x,y …").
	Verified, Valid string
	YTicks          []chartTick
	XTicks          []chartTick
	Deadlines       []chartTick
	// Required is the requirement's level, nil when it is above the chart.
	Required *chartTick
	// AxisTitle names the days; Summary says the last point in words (the chart's text).
	AxisTitle, Summary string
	// LegendY is the legend's line, under the axis title.
	LegendY int
}

// chartTick is a labelled position on an axis (X or Y), or a deadline's mark (X, its label
// at LabelY, anchored start or end so that it stays inside the chart).
type chartTick struct {
	X, Y   int
	LabelY int
	Anchor string
	Label  string
	Sub    string
	Day    int
}

const (
	lineChartHeight = 320
	lineChartLeft   = 90
	lineChartRight  = 24
	lineChartBottom = 86 // under the plot: tick labels, the axis title and the legend
	deadlineLine    = 16 // room above the plot per deadline label
)

// progressChart draws a petition's progress in the reader's language; nil when there are
// no days to draw (not filed).
func progressChart(l *lang, pr registrar.Progress) *lineChart {
	if len(pr.Days) == 0 {
		return nil
	}
	c := &lineChart{Width: chartWidth, Height: lineChartHeight, Left: lineChartLeft,
		Top: 12 + deadlineLine*len(pr.Deadlines), Right: chartWidth - lineChartRight}
	c.Bottom = c.Height - lineChartBottom
	lastDay := max(1, pr.Days[len(pr.Days)-1].Day)
	for _, d := range pr.Deadlines {
		lastDay = max(lastDay, d.Day)
	}
	top := max(1, pr.Raw, pr.Required)
	x := func(day int) int { return c.Left + day*(c.Right-c.Left)/lastDay }
	y := func(n int) int { return c.Bottom - n*(c.Bottom-c.Top)/top }

	c.Verified = polyline(pr.Days, x, y, func(d registrar.ProgressDay) int { return d.Verified })
	c.Valid = polyline(pr.Days, x, y, func(d registrar.ProgressDay) int { return d.Valid })
	for _, n := range []int{0, top / 2, top} {
		c.YTicks = append(c.YTicks, chartTick{Y: y(n), Label: l.N(n)})
	}
	if pr.Required > 0 {
		c.Required = &chartTick{Y: y(pr.Required), Label: l.T("Valid signatures required") + ": " + l.N(pr.Required)}
	}
	first, last := pr.Days[0], pr.Days[len(pr.Days)-1]
	c.XTicks = append(c.XTicks, chartTick{X: x(0), Anchor: "start", Label: "0", Sub: l.Date(first.Date)})
	if last.Day > 0 {
		c.XTicks = append(c.XTicks, chartTick{X: x(last.Day), Anchor: "end", Label: l.N(last.Day), Sub: l.Date(last.Date)})
	}
	for i, d := range pr.Deadlines {
		t := chartTick{X: x(d.Day), LabelY: 12 + deadlineLine*i, Day: d.Day, Anchor: "start",
			Label: l.T(deadlineLabels[d.Kind]) + ": " + l.Date(d.Date) + " · " + l.T("day %s", l.N(d.Day))}
		if t.X > (c.Left+c.Right)/2 {
			t.Anchor = "end"
		}
		c.Deadlines = append(c.Deadlines, t)
	}
	if pr.WorkingDays {
		c.AxisTitle = l.T("Working days since the filing")
		c.Summary = l.T("By %s, working day %s since the filing: %s of %s lines verified, %s valid.", l.Date(last.Date), l.N(last.Day), l.N(last.Verified), l.N(pr.Raw), l.N(last.Valid))
	} else {
		c.AxisTitle = l.T("Days since the filing")
		c.Summary = l.T("By %s, day %s since the filing: %s of %s lines verified, %s valid.", l.Date(last.Date), l.N(last.Day), l.N(last.Verified), l.N(pr.Raw), l.N(last.Valid))
	}
	c.LegendY = c.Bottom + 66
	return c
}

// deadlineLabels name the deadlines' kinds in English, the catalog's keys.
var deadlineLabels = map[string]string{"sample": "Sample deadline", "full_count": "Full count deadline"}

// polyline joins the days' counts; between two days further apart than one the count
// stands until the day before the later one, so the line rises on the day it rose.
func polyline(days []registrar.ProgressDay, x, y func(int) int, count func(registrar.ProgressDay) int) string {
	var b strings.Builder
	point := func(day, n int) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.Itoa(x(day)) + "," + strconv.Itoa(y(n)))
	}
	for i, d := range days {
		if i > 0 && d.Day > days[i-1].Day+1 && count(d) != count(days[i-1]) {
			point(d.Day-1, count(days[i-1]))
		}
		point(d.Day, count(d))
	}
	return b.String()
}
