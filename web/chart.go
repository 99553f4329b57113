package web

// The charts are SVG drawn on the server: geometry here, markup in the templates. They
// are figures of the engine's counts, and compute nothing else.

// barChart is a horizontal bar chart, one bar per outcome.
type barChart struct {
	Width, Height int
	// LabelWidth is the room left of the bars for their labels.
	LabelWidth int
	Bars       []bar
}

// bar is one bar of a barChart.
type bar struct {
	Code  string // the outcome: valid, or a reason code
	Label string
	Count int
	Text  string // the count as the language writes it, with its share
	Y     int    // top of the bar
	W     int    // length of the bar
	TextX int    // where the count is written
}

const (
	chartWidth = 780
	chartLabel = 320
	barHeight  = 22
	barGap     = 8
	chartRoom  = 130 // right of the longest bar, for its count
)

// outcomeChart draws counts (in the order given) as bars scaled to the largest.
func outcomeChart(l *lang, codes, labels []string, counts []int, verified int) barChart {
	c := barChart{Width: chartWidth, LabelWidth: chartLabel}
	most := 1
	for _, n := range counts {
		most = max(most, n)
	}
	span := chartWidth - chartLabel - chartRoom
	for i, n := range counts {
		b := bar{Code: codes[i], Label: labels[i], Count: n, Y: barGap + i*(barHeight+barGap)}
		b.W = n * span / most
		if n > 0 && b.W == 0 {
			b.W = 1 // a count is never drawn as nothing
		}
		b.TextX = chartLabel + b.W + 6
		b.Text = l.N(n) + " (" + l.Share(n, verified) + ")"
		c.Bars = append(c.Bars, b)
	}
	c.Height = barGap + len(counts)*(barHeight+barGap)
	return c
}

// progressBar is a bar of done toward a goal: its filled length out of Width.
type progressBar struct {
	Width  int
	Filled int
	Done   int
	Goal   int
	// Over says done reached the goal.
	Over bool
}

func progress(done, goal int) progressBar {
	p := progressBar{Width: 1000, Done: done, Goal: goal}
	if goal > 0 {
		p.Filled = min(done, goal) * p.Width / goal
	}
	p.Over = goal > 0 && done >= goal
	return p
}
