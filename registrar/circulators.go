package registrar

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/signet-vote/signet"
)

// Circulator quality signals (docs/campaign.md): each circulator's rates with their
// intervals, and flags of what a person should look at, each with its evidence. A signal
// is never a finding: a circulator far below the others may have worked a neighbourhood
// of recent movers; five lines at one address may be a large household.

// The thresholds of the signals.
const (
	// lowValidityZ is the two-proportion z-score below which a circulator's validity is far
	// below the others' (two-sided p < 0.001), with at least lowValidityMin lines on each side
	// and lowValidityGap between them.
	lowValidityZ   = -3.29
	lowValidityMin = 20
	lowValidityGap = 0.10
	// notRegisteredRun is the shortest run of consecutive not-registered lines in a section
	// that is flagged.
	notRegisteredRun = 5
	// sharedAddress is the fewest lines at one address that is flagged.
	sharedAddress = 5
)

// Rate is a share with its 95% Wilson score interval.
type Rate struct {
	Count int     `json:"count"`
	Of    int     `json:"of"`
	Rate  float64 `json:"rate"`
	Low   float64 `json:"low"`
	High  float64 `json:"high"`
}

// wilson is the rate of k in n with its 95% Wilson score interval (0, 0, 1 for n = 0).
func wilson(k, n int) Rate {
	r := Rate{Count: k, Of: n, High: 1}
	if n == 0 {
		return r
	}
	const z = 1.959963984540054
	p, nf := float64(k)/float64(n), float64(n)
	d := 1 + z*z/nf
	c := (p + z*z/(2*nf)) / d
	h := z * math.Sqrt(p*(1-p)/nf+z*z/(4*nf*nf)) / d
	// Rounding must not put the rate itself outside its interval (k = 0 or n).
	r.Rate, r.Low, r.High = p, math.Min(p, math.Max(0, c-h)), math.Max(p, math.Min(1, c+h))
	return r
}

// CirculatorQuality is one circulator's pre-checked lines.
type CirculatorQuality struct {
	Circulator    string `json:"circulator"`
	Sections      int    `json:"sections"`
	Lines         int    `json:"lines"`
	Validity      Rate   `json:"validity"`
	Duplicate     Rate   `json:"duplicate"`
	NotRegistered Rate   `json:"not_registered"`
	// Signals counts the signals that name the circulator.
	Signals int `json:"signals"`
}

// Signal is something in a circulator's lines for a person to look at, with its evidence:
// what was seen, in words and figures, and the lines that show it.
type Signal struct {
	// Kind is low_validity, not_registered_run, outside_window or shared_address.
	Kind       string `json:"kind"`
	Circulator string `json:"circulator"`
	Section    string `json:"section,omitempty"`
	// Text says what was seen, with its figures: Form with Args, in English.
	Text string `json:"text"`
	// Form and Args are what Text is written from (fmt.Sprintf), for a door that words it
	// in another language with the same figures; an argument may be a Phrase (or Phrases),
	// a part worded the same way.
	Form string `json:"-"`
	Args []any  `json:"-"`
	// Lines are the lines that show it (for low_validity, its invalid lines).
	Lines []string `json:"lines"`
	// Address is the address shared (shared_address), as the linker normalises it.
	Address string `json:"address,omitempty"`
}

// Phrase is a part of a signal's text with its format and values: String writes it in
// English, a door may word Form in another language with the same Args.
type Phrase struct {
	Form string
	Args []any
}

func (p Phrase) String() string { return fmt.Sprintf(p.Form, p.Args...) }

// Date is a day a signal's text names: String writes it as the engine writes dates
// (YYYY-MM-DD, signet.FormatDate), a door may write it its own way.
type Date time.Time

func (d Date) String() string { return signet.FormatDate(time.Time(d)) }

// Phrases are parts joined by Sep.
type Phrases struct {
	Sep  string
	List []Phrase
}

func (ps Phrases) String() string {
	out := make([]string, len(ps.List))
	for i, p := range ps.List {
		out[i] = p.String()
	}
	return strings.Join(out, ps.Sep)
}

// signal is a Signal with its text written from its form.
func signal(s Signal, form string, args ...any) Signal {
	s.Form, s.Args, s.Text = form, args, fmt.Sprintf(form, args...)
	return s
}

// CirculatorReport is the circulators of a petition's pre-checks and the signals; its JSON
// keys are a contract (signet circulators --json).
type CirculatorReport struct {
	Petition string `json:"petition"`
	Lines    int    `json:"lines"`
	// WindowFrom and WindowTo are the circulation window lines are dated in: the form's
	// approval to the filing deadline.
	WindowFrom  string              `json:"window_from"`
	WindowTo    string              `json:"window_to"`
	Circulators []CirculatorQuality `json:"circulators"`
	Signals     []Signal            `json:"signals"`
	Note        string              `json:"note"`
}

// signalNote is said with every report of signals.
const signalNote = "Signals are for a person to look at, with their evidence; none is a finding about a circulator."

// Circulators reports each circulator's validity, duplicate and not-registered rates with
// their intervals, and the signals in the pre-checked lines: a circulator far below the
// others, runs of consecutive not-registered lines, lines dated outside the circulation
// window (or after their section was turned in), and many lines at one address.
func (s *Service) Circulators(ctx context.Context, petition string) (CirculatorReport, error) {
	p, err := s.Store.Petition(ctx, petition)
	if err != nil {
		return CirculatorReport{}, err
	}
	lines, _, err := s.checkedLines(ctx, p)
	if err != nil {
		return CirculatorReport{}, err
	}
	intake, err := s.Store.Intake(ctx, petition)
	if err != nil {
		return CirculatorReport{}, err
	}
	runs, err := s.Store.PrecheckRuns(ctx, petition)
	if err != nil {
		return CirculatorReport{}, err
	}
	rep := CirculatorReport{Petition: petition, Lines: len(lines), WindowFrom: signet.FormatDate(p.Approved), WindowTo: signet.FormatDate(p.Deadline),
		Circulators: []CirculatorQuality{}, Signals: []Signal{}, Note: signalNote}
	type tally struct {
		sections                  map[string]bool
		lines, valid, dup, notReg int
		invalid                   []string
	}
	by := map[string]*tally{}
	for _, l := range lines {
		t := by[l.Circulator]
		if t == nil {
			t = &tally{sections: map[string]bool{}}
			by[l.Circulator] = t
		}
		t.sections[l.SectionID] = true
		t.lines++
		switch code := l.FinalCode(); {
		case code == "valid":
			t.valid++
		case l.Struck:
			t.dup++
			t.invalid = append(t.invalid, l.LineID)
		default:
			if l.Reason == signet.NotRegistered {
				t.notReg++
			}
			t.invalid = append(t.invalid, l.LineID)
		}
	}
	var all tally
	for _, t := range by {
		all.lines += t.lines
		all.valid += t.valid
	}
	names := slices.Sorted(maps.Keys(by))
	count := map[string]int{}
	add := func(sg Signal) {
		rep.Signals = append(rep.Signals, sg)
		count[sg.Circulator]++
	}
	// A circulator far below the others.
	for _, name := range names {
		t := by[name]
		on, off := t.lines, all.lines-t.lines
		if on < lowValidityMin || off < lowValidityMin {
			continue
		}
		p1, p2 := float64(t.valid)/float64(on), float64(all.valid-t.valid)/float64(off)
		pool := float64(all.valid) / float64(all.lines)
		se := math.Sqrt(pool * (1 - pool) * (1/float64(on) + 1/float64(off)))
		if se == 0 {
			continue
		}
		z := (p1 - p2) / se
		if z > lowValidityZ || p2-p1 < lowValidityGap {
			continue
		}
		r := wilson(t.valid, on)
		add(signal(Signal{Kind: "low_validity", Circulator: name, Lines: t.invalid},
			"validity %.1f%% (95%% interval %.1f–%.1f%%) of %d lines, against %.1f%% of the other circulators' %d lines (z = %.1f)",
			100*p1, 100*r.Low, 100*r.High, on, 100*p2, off, z))
	}
	// Runs of consecutive not-registered lines within a section.
	nrAll := 0
	for _, t := range by {
		nrAll += t.notReg
	}
	bySection := map[string][]CheckedLine{}
	for _, l := range lines {
		bySection[l.SectionID] = append(bySection[l.SectionID], l)
	}
	for _, sec := range slices.Sorted(maps.Keys(bySection)) {
		ls := bySection[sec]
		slices.SortFunc(ls, func(a, b CheckedLine) int { return a.LineNumber - b.LineNumber })
		for i := 0; i < len(ls); {
			j := i
			for j < len(ls) && !ls[j].Struck && ls[j].Reason == signet.NotRegistered && !ls[j].Valid &&
				(j == i || ls[j].LineNumber == ls[j-1].LineNumber+1) {
				j++
			}
			if j-i >= notRegisteredRun {
				ids := make([]string, 0, j-i)
				for _, l := range ls[i:j] {
					ids = append(ids, l.LineID)
				}
				s := Signal{Kind: "not_registered_run", Circulator: ls[i].Circulator, Section: sec, Lines: ids}
				if nrAll > 0 && len(lines) > 0 {
					q := float64(nrAll) / float64(len(lines))
					add(signal(s, "%d consecutive lines not on the voter file, lines %d to %d of section %s; at the petition's %.1f%% not registered, %d in a row by chance has probability %.2g",
						j-i, ls[i].LineNumber, ls[j-1].LineNumber, sec, 100*q, j-i, math.Pow(q, float64(j-i))))
				} else {
					add(signal(s, "%d consecutive lines not on the voter file, lines %d to %d of section %s", j-i, ls[i].LineNumber, ls[j-1].LineNumber, sec))
				}
			}
			i = max(j, i+1)
		}
	}
	// Lines dated outside the circulation window, after their section came in, or after
	// the pre-check that read them.
	turnedIn := map[string]time.Time{}
	for _, e := range intake {
		turnedIn[e.SectionID] = e.TurnedIn
	}
	checkedOn := map[int64]time.Time{}
	for _, r := range runs {
		checkedOn[r.ID] = r.At.UTC().Truncate(24 * time.Hour)
	}
	outside := map[string][]string{}
	why := map[string]map[string]int{}
	reasons := map[string]Phrase{} // each reason's text, and its phrase
	for _, l := range lines {
		d := l.DateSigned
		var ph Phrase
		switch {
		case d.IsZero():
			continue
		case !p.Approved.IsZero() && d.Before(p.Approved):
			ph = Phrase{"before the form was approved (%s)", []any{Date(p.Approved)}}
		case !p.Deadline.IsZero() && d.After(p.Deadline):
			ph = Phrase{"after the filing deadline (%s)", []any{Date(p.Deadline)}}
		case !turnedIn[l.SectionID].IsZero() && d.After(turnedIn[l.SectionID]):
			ph = Phrase{Form: "after their section was turned in"}
		case !checkedOn[l.Run].IsZero() && d.After(checkedOn[l.Run]):
			ph = Phrase{Form: "after the day they were pre-checked"}
		default:
			continue
		}
		reason := ph.String()
		reasons[reason] = ph
		outside[l.Circulator] = append(outside[l.Circulator], l.LineID)
		if why[l.Circulator] == nil {
			why[l.Circulator] = map[string]int{}
		}
		why[l.Circulator][reason]++
	}
	for _, name := range slices.Sorted(maps.Keys(outside)) {
		parts := Phrases{Sep: "; "}
		for _, r := range slices.Sorted(maps.Keys(why[name])) {
			parts.List = append(parts.List, Phrase{"%d %s", []any{why[name][r], reasons[r]}})
		}
		add(signal(Signal{Kind: "outside_window", Circulator: name, Lines: outside[name]},
			"%d of %d lines dated outside the circulation window or their section's dates: %s", len(outside[name]), by[name].lines, parts))
	}
	// Many lines at one address.
	atAddress := map[string][]CheckedLine{}
	for _, l := range lines {
		if l.AddressKey != "" {
			atAddress[l.AddressKey] = append(atAddress[l.AddressKey], l)
		}
	}
	for _, addr := range slices.Sorted(maps.Keys(atAddress)) {
		ls := atAddress[addr]
		if len(ls) < sharedAddress {
			continue
		}
		per := map[string]int{}
		var ids []string
		for _, l := range ls {
			per[l.Circulator]++
			ids = append(ids, l.LineID)
		}
		circs := slices.SortedFunc(maps.Keys(per), func(a, b string) int { return cmp.Or(per[b]-per[a], cmp.Compare(a, b)) })
		var who []string
		for _, c := range circs {
			who = append(who, fmt.Sprintf("%s %d", c, per[c]))
		}
		voters := map[string]bool{}
		for _, l := range ls {
			if l.VoterID != "" {
				voters[l.VoterID] = true
			}
		}
		add(signal(Signal{Kind: "shared_address", Circulator: circs[0], Lines: ids, Address: addr},
			"%d lines give one address (%d different voters found on the voter file); by circulator: %s", len(ls), len(voters), strings.Join(who, ", ")))
	}
	sections := map[string]map[string]bool{}
	for _, e := range intake {
		if sections[e.Circulator] == nil {
			sections[e.Circulator] = map[string]bool{}
		}
		sections[e.Circulator][e.SectionID] = true
	}
	for _, name := range names {
		t := by[name]
		for sec := range t.sections {
			if sections[name] == nil {
				sections[name] = map[string]bool{}
			}
			sections[name][sec] = true
		}
		rep.Circulators = append(rep.Circulators, CirculatorQuality{Circulator: name, Sections: len(sections[name]), Lines: t.lines,
			Validity: wilson(t.valid, t.lines), Duplicate: wilson(t.dup, t.lines), NotRegistered: wilson(t.notReg, t.lines), Signals: count[name]})
	}
	slices.SortFunc(rep.Circulators, func(a, b CirculatorQuality) int {
		return cmp.Or(cmp.Compare(a.Validity.Rate, b.Validity.Rate), cmp.Compare(a.Circulator, b.Circulator))
	})
	return rep, nil
}
