package law

import (
	"sort"
	"time"
)

// FirstYear and LastYear bound the years for which the calendars hold holidays.
const (
	FirstYear = 2000
	LastYear  = 2040
)

// Observance says which weekday takes a holiday that falls on a weekend.
type Observance int

// Observance rules.
const (
	// SundayToMonday: a Sunday holiday is observed the Monday after; a Saturday one is not
	// moved (California Government Code §6700(b) moves a Sunday holiday to the Monday after;
	// state offices stay open the Friday before a Saturday holiday).
	SundayToMonday Observance = iota
	// NearestWeekday: Saturday holidays are observed the Friday before, Sunday ones the
	// Monday after (the federal rule, 5 U.S.C. §6103(b), copied by most states).
	NearestWeekday
	// NotMoved: the day is a holiday only when it falls on a weekday (days defined as a
	// weekday, like "the fourth Thursday", never move).
	NotMoved
)

// Holiday is one rule of a holiday calendar.
type Holiday struct {
	Name string
	// Month and Day give a fixed date; Day 0 with Weekday set means the Nth (or last, N=-1)
	// Weekday of Month.
	Month   time.Month
	Day     int
	Weekday time.Weekday
	N       int
	// After shifts the day computed (the Friday after Thanksgiving is the fourth Thursday
	// of November plus one).
	After int
	// From and Until bound the years the rule applies (0 = unbounded).
	From, Until int
	Cite        string
	// Open marks a day the statute lists as a holiday on which the offices stay open: it is
	// not skipped when working days are counted, and is kept so a reader sees it was weighed.
	Open bool
	// Moving marks a day no fixed rule gives (a lunar date): listed, never computed. Only an
	// Open day may be Moving.
	Moving bool
}

// date returns the holiday's nominal date in a year (before any weekend observance).
func (h Holiday) date(year int) time.Time {
	var d time.Time
	switch {
	case h.Day > 0:
		d = time.Date(year, h.Month, h.Day, 0, 0, 0, 0, time.UTC)
	case h.N > 0:
		d = time.Date(year, h.Month, 1, 0, 0, 0, 0, time.UTC)
		for d.Weekday() != h.Weekday {
			d = d.AddDate(0, 0, 1)
		}
		d = d.AddDate(0, 0, 7*(h.N-1))
	default: // last
		d = time.Date(year, h.Month+1, 0, 0, 0, 0, 0, time.UTC)
		for d.Weekday() != h.Weekday {
			d = d.AddDate(0, 0, -1)
		}
	}
	return d.AddDate(0, 0, h.After)
}

// Calendar is a state's working-day calendar: weekends and its holidays.
type Calendar struct {
	Name       string
	Holidays   []Holiday
	Observance Observance
	Cite       string
	// Notes records choices made where the sources leave room.
	Notes []string
}

// HolidaysIn lists the days of a year on which offices are closed besides weekends, sorted,
// each with the holiday's name.
func (c *Calendar) HolidaysIn(year int) []DatedHoliday {
	var out []DatedHoliday
	for _, h := range c.Holidays {
		if h.Open || (h.From != 0 && year < h.From) || (h.Until != 0 && year > h.Until) {
			continue
		}
		d := h.date(year)
		if h.Day > 0 { // only fixed dates move
			switch d.Weekday() {
			case time.Sunday:
				if c.Observance != NotMoved {
					d = d.AddDate(0, 0, 1)
				}
			case time.Saturday:
				if c.Observance == NearestWeekday {
					d = d.AddDate(0, 0, -1)
				}
			}
		}
		if d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
			continue
		}
		out = append(out, DatedHoliday{Date: d, Name: h.Name})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out
}

// DatedHoliday is a holiday on its observed date.
type DatedHoliday struct {
	Date time.Time
	Name string
}

// IsHoliday reports whether the day is an observed holiday (a weekday with offices closed).
func (c *Calendar) IsHoliday(day time.Time) (string, bool) {
	day = dateOnly(day)
	// A fixed holiday of 1 January observed on the Friday before belongs to the year before.
	for _, y := range []int{day.Year(), day.Year() + 1} {
		for _, h := range c.HolidaysIn(y) {
			if h.Date.Equal(day) {
				return h.Name, true
			}
		}
	}
	return "", false
}

// IsWorkingDay reports whether the day is neither a Saturday, a Sunday nor a holiday.
func (c *Calendar) IsWorkingDay(day time.Time) bool {
	if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	_, h := c.IsHoliday(day)
	return !h
}

// AddWorkingDays returns the day on which a period of n working days that begins the day
// after start ends: "within n days ... excluding Saturdays, Sundays and holidays" (the day
// of filing is not counted, Code of Civil Procedure §12; Elections Code §11224).
func (c *Calendar) AddWorkingDays(start time.Time, n int) time.Time {
	d := dateOnly(start)
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		if c.IsWorkingDay(d) {
			n--
		}
	}
	return d
}

func dateOnly(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// The calendars. Dates are computed from rules for the years FirstYear–LastYear.
var (
	// California: the holidays on which state and county offices close. Government Code
	// §6700(a) lists the state holidays; the list applied to state offices is narrower
	// (Government Code §19853 and CalHR's holiday schedule): Lincoln Day (Feb 12) and
	// Columbus Day stopped being office-closure days in 2009; Admission Day (Sep 9), Native
	// American Day, Good Friday afternoon and Juneteenth (added to §6700 in 2022) are not
	// days the offices close. Cesar Chavez Day (March 31) has been a holiday since 2001
	// (Government Code §6700(a), as amended in 2000); the Newsom 2021 recall's county
	// deadline (filed 2021-03-17, counties' 30 working days ended 2021-04-29) only comes out
	// with it. A Sunday holiday moves to Monday (§6700(b)); a Saturday one does not move.
	California = &Calendar{
		Name:       "California",
		Observance: SundayToMonday,
		Cite:       "Gov. Code §6700, §19853; Elections Code §11224 (\"excluding Saturdays, Sundays, and holidays\")",
		Holidays: []Holiday{
			{Name: "New Year's Day", Month: time.January, Day: 1, Cite: "Gov. Code §6700(a)"},
			{Name: "Martin Luther King, Jr. Day", Month: time.January, Weekday: time.Monday, N: 3, Cite: "Gov. Code §6700(a)"},
			{Name: "Lincoln Day", Month: time.February, Day: 12, Until: 2009, Cite: "Gov. Code §6700(a); not an office holiday after 2009 (§19853)"},
			{Name: "Presidents' Day", Month: time.February, Weekday: time.Monday, N: 3, Cite: "Gov. Code §6700(a) (Washington Day)"},
			{Name: "Cesar Chavez Day", Month: time.March, Day: 31, From: 2001, Cite: "Gov. Code §6700(a)"},
			{Name: "Memorial Day", Month: time.May, Weekday: time.Monday, N: -1, Cite: "Gov. Code §6700(a)"},
			{Name: "Independence Day", Month: time.July, Day: 4, Cite: "Gov. Code §6700(a)"},
			{Name: "Labor Day", Month: time.September, Weekday: time.Monday, N: 1, Cite: "Gov. Code §6700(a)"},
			{Name: "Columbus Day", Month: time.October, Weekday: time.Monday, N: 2, Until: 2008, Cite: "Gov. Code §6700(a); not an office holiday from 2009 (§19853)"},
			{Name: "Veterans Day", Month: time.November, Day: 11, Cite: "Gov. Code §6700(a)"},
			{Name: "Thanksgiving Day", Month: time.November, Weekday: time.Thursday, N: 4, Cite: "Gov. Code §6700(a) (day appointed by the President)"},
			{Name: "Day after Thanksgiving", Month: time.November, Weekday: time.Thursday, N: 4, After: 1, Cite: "Gov. Code §19853(a)"},
			{Name: "Christmas Day", Month: time.December, Day: 25, Cite: "Gov. Code §6700(a)"},
			// Listed in §6700(a), offices open: state employees may take the day as holiday
			// credit or leave (Gov. Code §19853.1); not skipped when counting working days.
			{Name: "Admission Day", Month: time.September, Day: 9, Open: true, Cite: "Gov. Code §6700(a); not an office-closure day"},
			{Name: "Native American Day", Month: time.September, Weekday: time.Friday, N: 4, Open: true, Cite: "Gov. Code §6700(a), §19853.1 (holiday credit in lieu of a personal holiday); offices open"},
			{Name: "Juneteenth", Month: time.June, Day: 19, From: 2023, Open: true, Cite: "Gov. Code §6700(a), added by AB 1655 (Stats. 2022, ch. 753); state employees may elect time off (§19853.1); offices open"},
			{Name: "Lunar New Year", Moving: true, From: 2023, Open: true, Cite: "Gov. Code §6700(a), added by AB 2596 (Stats. 2022, ch. 792): holiday credit in lieu of a personal holiday (§19853.1); offices open"},
			{Name: "Genocide Remembrance Day", Month: time.April, Day: 24, From: 2023, Open: true, Cite: "Gov. Code §6700(a), added by AB 1801 (2022); holiday credit in lieu of a personal holiday; offices open"},
			{Name: "Diwali", Moving: true, From: 2026, Open: true, Cite: "Gov. Code §6700(a), added by AB 268 (Stats. 2025, ch. 358); offices open"},
		},
		Notes: []string{
			"office-closure holidays, not every §6700 day: counties may close on more days; a county calendar can be supplied as data",
			"§6700 days on which the offices stay open (Admission Day, Native American Day, Juneteenth from 2023, Lunar New Year from 2023, Genocide Remembrance Day from 2023, Diwali from 2026) are listed but counted as working days",
			"Saturday holidays are not moved to Friday (state offices stay open; §6700(b) moves only Sunday holidays)",
		},
	}

	// Nevada: NRS 236.015 legal holidays; Saturday ones are observed on Friday, Sunday ones
	// on Monday.
	Nevada = &Calendar{
		Name:       "Nevada",
		Observance: NearestWeekday,
		Cite:       "NRS 236.015",
		Holidays: []Holiday{
			{Name: "New Year's Day", Month: time.January, Day: 1},
			{Name: "Martin Luther King, Jr.'s Birthday", Month: time.January, Weekday: time.Monday, N: 3},
			{Name: "Washington's Birthday", Month: time.February, Weekday: time.Monday, N: 3},
			{Name: "Memorial Day", Month: time.May, Weekday: time.Monday, N: -1},
			{Name: "Juneteenth Day", Month: time.June, Day: 19, From: 2023, Cite: "NRS 236.015(1), added by AB 140 (2023), in effect on approval: offices closed from 19 June 2023 (before, a day of observance, NRS 236.033)"},
			{Name: "Independence Day", Month: time.July, Day: 4},
			{Name: "Labor Day", Month: time.September, Weekday: time.Monday, N: 1},
			{Name: "Nevada Day", Month: time.October, Weekday: time.Friday, N: -1, Cite: "NRS 236.015(1): observed on the last Friday in October (SB 31, 1999, from 2000)"},
			{Name: "Veterans Day", Month: time.November, Day: 11},
			{Name: "Thanksgiving Day", Month: time.November, Weekday: time.Thursday, N: 4},
			{Name: "Family Day", Month: time.November, Weekday: time.Thursday, N: 4, After: 1},
			{Name: "Christmas Day", Month: time.December, Day: 25},
		},
	}

	// Colorado: C.R.S. 24-11-101 legal holidays; Frances Xavier Cabrini Day replaced Columbus
	// Day in 2020; weekend holidays follow the federal rule.
	Colorado = &Calendar{
		Name:       "Colorado",
		Observance: NearestWeekday,
		Cite:       "C.R.S. 24-11-101",
		Holidays: []Holiday{
			{Name: "New Year's Day", Month: time.January, Day: 1},
			{Name: "Martin Luther King, Jr. Day", Month: time.January, Weekday: time.Monday, N: 3},
			{Name: "Washington-Lincoln Day", Month: time.February, Weekday: time.Monday, N: 3},
			{Name: "Memorial Day", Month: time.May, Weekday: time.Monday, N: -1},
			{Name: "Juneteenth", Month: time.June, Day: 19, From: 2022},
			{Name: "Independence Day", Month: time.July, Day: 4},
			{Name: "Labor Day", Month: time.September, Weekday: time.Monday, N: 1},
			{Name: "Columbus Day", Month: time.October, Weekday: time.Monday, N: 2, Until: 2019},
			{Name: "Frances Xavier Cabrini Day", Month: time.October, Weekday: time.Monday, N: 1, From: 2020},
			{Name: "Veterans Day", Month: time.November, Day: 11},
			{Name: "Thanksgiving Day", Month: time.November, Weekday: time.Thursday, N: 4},
			{Name: "Christmas Day", Month: time.December, Day: 25},
		},
	}

	// Washington: RCW 1.16.050 legal holidays; weekend holidays follow the federal rule.
	Washington = &Calendar{
		Name:       "Washington",
		Observance: NearestWeekday,
		Cite:       "RCW 1.16.050",
		Holidays: []Holiday{
			{Name: "New Year's Day", Month: time.January, Day: 1},
			{Name: "Martin Luther King, Jr. Day", Month: time.January, Weekday: time.Monday, N: 3},
			{Name: "Presidents' Day", Month: time.February, Weekday: time.Monday, N: 3},
			{Name: "Memorial Day", Month: time.May, Weekday: time.Monday, N: -1},
			{Name: "Juneteenth", Month: time.June, Day: 19, From: 2022},
			{Name: "Independence Day", Month: time.July, Day: 4},
			{Name: "Labor Day", Month: time.September, Weekday: time.Monday, N: 1},
			{Name: "Veterans Day", Month: time.November, Day: 11},
			{Name: "Thanksgiving Day", Month: time.November, Weekday: time.Thursday, N: 4},
			{Name: "Native American Heritage Day", Month: time.November, Weekday: time.Thursday, N: 4, After: 1, From: 2015},
			{Name: "Christmas Day", Month: time.December, Day: 25},
		},
	}

	// Arizona: A.R.S. 1-301 legal holidays; weekend holidays follow the federal rule.
	Arizona = &Calendar{
		Name:       "Arizona",
		Observance: NearestWeekday,
		Cite:       "A.R.S. 1-301",
		Holidays: []Holiday{
			{Name: "New Year's Day", Month: time.January, Day: 1},
			{Name: "Martin Luther King Jr./Civil Rights Day", Month: time.January, Weekday: time.Monday, N: 3},
			{Name: "Lincoln/Washington/Presidents' Day", Month: time.February, Weekday: time.Monday, N: 3},
			{Name: "Memorial Day", Month: time.May, Weekday: time.Monday, N: -1},
			{Name: "Independence Day", Month: time.July, Day: 4},
			{Name: "Labor Day", Month: time.September, Weekday: time.Monday, N: 1},
			{Name: "Columbus Day", Month: time.October, Weekday: time.Monday, N: 2},
			{Name: "Veterans Day", Month: time.November, Day: 11},
			{Name: "Thanksgiving Day", Month: time.November, Weekday: time.Thursday, N: 4},
			{Name: "Christmas Day", Month: time.December, Day: 25},
		},
	}
)
