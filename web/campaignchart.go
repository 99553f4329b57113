package web

import (
	"fmt"
	"strings"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/registrar"
)

// courseChart is the forecast's course drawn as SVG: the raw lines collected (the intake's
// running total) and then expected at the schedule's rate, the valid count expected with its
// 95% band from the day of the forecast to the deadline, and the requirement. The engine
// gives every figure (registrar.PetitionForecast.Course); this is only their geometry.
type courseChart struct {
	Width, Height int
	// Left, Top, Right, Bottom are the plot's edges inside the chart.
	Left, Top, Right, Bottom int
	// Collected, Expected and Valid are polylines' points ("x,y x,y ..."): the raw lines
	// turned in, the raw lines expected after the day of the forecast, and the valid count
	// expected; Band is the 95% band's polygon.
	Collected, Expected, Valid, Band string
	// RequiredY is the requirement's height; Required its value.
	RequiredY int
	Required  int
	// TodayX is where the day of the forecast is (-1 when not drawn).
	TodayX int
	YTicks []tick
	XTicks []tick
	// Last is the last day's figures, for the chart's description.
	Last registrar.CoursePoint
	Days int
}

// tick is a labelled mark on an axis.
type tick struct {
	At    int
	Label string
}

const (
	courseWidth  = 780
	courseHeight = 320
)

// drawCourse lays the course out on the chart, scaled to the largest of the requirement,
// the raw lines and the band.
func drawCourse(l *lang, course []registrar.CoursePoint, required int) courseChart {
	c := courseChart{Width: courseWidth, Height: courseHeight, Left: 90, Top: 16, Right: courseWidth - 16, Bottom: courseHeight - 40,
		Required: required, TodayX: -1, Days: len(course)}
	if len(course) == 0 {
		return c
	}
	c.Last = course[len(course)-1]
	top := int64(max(required, 1))
	for _, p := range course {
		top = max(top, p.Raw, p.CI95[1])
	}
	top = niceCeil(top)
	x := func(i int) int {
		if len(course) == 1 {
			return c.Left
		}
		return c.Left + i*(c.Right-c.Left)/(len(course)-1)
	}
	y := func(v float64) int { return c.Bottom - int(v*float64(c.Bottom-c.Top)/float64(top)) }
	c.RequiredY = y(float64(required))
	var collected, expected, valid, upper, lower []string
	for i, p := range course {
		pt := fmt.Sprintf("%d,%d", x(i), y(float64(p.Raw)))
		if p.Projected {
			if len(expected) == 0 && len(collected) > 0 {
				expected = append(expected, collected[len(collected)-1]) // the dashed line goes on from the last day collected
			}
			expected = append(expected, pt)
		} else {
			collected = append(collected, pt)
		}
		if p.Expected != 0 || p.CI95[1] != 0 {
			if c.TodayX < 0 {
				c.TodayX = x(i)
			}
			valid = append(valid, fmt.Sprintf("%d,%d", x(i), y(p.Expected)))
			upper = append(upper, fmt.Sprintf("%d,%d", x(i), y(float64(p.CI95[1]))))
			lower = append([]string{fmt.Sprintf("%d,%d", x(i), y(float64(p.CI95[0])))}, lower...)
		}
	}
	c.Collected, c.Expected, c.Valid = strings.Join(collected, " "), strings.Join(expected, " "), strings.Join(valid, " ")
	c.Band = strings.Join(append(upper, lower...), " ")
	for i := 0; i <= 4; i++ {
		v := top * int64(i) / 4
		c.YTicks = append(c.YTicks, tick{At: y(float64(v)), Label: l.N64(v)})
	}
	// The first day of each month on the x axis (at most one label in 60 pixels).
	last := -1000
	for i, p := range course {
		if i == 0 || strings.HasSuffix(p.Date, "-01") {
			if at := x(i); at-last >= 60 {
				d, _ := signet.ParseDate(p.Date)
				c.XTicks = append(c.XTicks, tick{At: at, Label: l.MonthDay(d.Month(), d.Day())})
				last = at
			}
		}
	}
	return c
}

// niceCeil rounds a positive count up to 1, 2 or 5 times a power of ten, times 4 (so that
// quarter ticks are round).
func niceCeil(n int64) int64 {
	step := int64(1)
	for {
		for _, m := range []int64{1, 2, 5} {
			if 4*m*step >= n {
				return 4 * m * step
			}
		}
		step *= 10
	}
}

// MonthDay is a day of a month, short, as the language writes it (Jun 1 / 1 jun).
func (l *lang) MonthDay(m time.Month, day int) string {
	if l.Code == "es" {
		return fmt.Sprintf("%d %s", day, monthsES[m-1][:3])
	}
	return fmt.Sprintf("%s %d", m.String()[:3], day)
}
