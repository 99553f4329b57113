package law

import (
	"encoding/json"
	"slices"
	"sort"
	"time"

	"github.com/signet-vote/signet"
)

// The law has dates: a rule of a pack has versions, each in force from the day it took
// effect until the next, each with the citation of the statute as it then stood. A petition
// is judged by the versions in force on its own dates (Rules.AsOf), never by today's law
// replayed over an old petition.

// Dates are a petition's own dates: the approval of its form and its filing pick the
// versions of the law it is judged by (the requirement and circulation period, the
// verification's periods; a zero date picks the version in force today). Notice and Order
// are the days a statewide petition's verification periods are counted from where the
// statute says so: the Secretary of State's notice to the counties that the raw count
// reached the requirement, and the order to examine every signature after a sample.
type Dates struct {
	Approved time.Time `json:"-"`
	Filed    time.Time `json:"-"`
	Notice   time.Time `json:"-"`
	Order    time.Time `json:"-"`
}

// On returns the petition's date of the event, the filing for the empty event; the zero
// time when that date is not known.
func (d Dates) On(e Event) time.Time {
	switch e {
	case OnApproval:
		return d.Approved
	case OnNotice:
		return d.Notice
	case OnOrder:
		return d.Order
	}
	return d.Filed
}

// Event names the petition's date that picks a rule's version.
type Event string

// The events of a petition: the approval of its form and its filing pick a rule's version;
// a verification period is counted from the filing or, for statewide petitions, from the
// Secretary of State's notice or order to the counties.
const (
	OnApproval Event = "approved"
	OnFiling   Event = "filed"
	OnNotice   Event = "notice"
	OnOrder    Event = "order"
	// OnDay: a holiday's versions are picked by the day being counted, not by the
	// petition's dates: a day is skipped in the years it was a holiday.
	OnDay Event = "day"
)

// Version is one version of one rule of a pack.
type Version struct {
	// Rule names the rule: "requirement", "circulation", "verification", "sampling",
	// "bands", ...
	Rule string `json:"rule"`
	// From is the day the version took effect; the zero time for the earliest version the
	// pack knows, which also answers for any earlier date.
	From time.Time `json:"-"`
	// On is the petition's date that picks the version.
	On Event `json:"picked_by"`
	// Cite is the statute or regulation as it stood in this version, with the chapter or
	// bill that made it.
	Cite string `json:"cite"`
	// Change says what the version changed from the one before it.
	Change string `json:"change,omitempty"`
	// apply sets the rule to this version.
	apply func(*Rules)
}

// FromText is the day the version took effect as YYYY-MM-DD, "" for the earliest known.
func (v Version) FromText() string { return signet.FormatDate(v.From) }

// AsOf returns the rules as they stood on the petition's dates: for each rule with
// versions, the one in force on the date that picks it (the latest when that date is
// zero). The versions applied are listed in Applied, the dates in AsOfDates.
func (r Rules) AsOf(d Dates) Rules {
	out := r
	out.AsOfDates = d
	out.Applied = nil
	byRule := map[string][]Version{}
	var names []string
	for _, v := range r.History {
		if _, ok := byRule[v.Rule]; !ok {
			names = append(names, v.Rule)
		}
		byRule[v.Rule] = append(byRule[v.Rule], v)
	}
	for _, name := range names {
		vs := byRule[name]
		sort.SliceStable(vs, func(i, j int) bool { return vs[i].From.Before(vs[j].From) })
		on := d.On(vs[0].On)
		pick := vs[len(vs)-1]
		if !on.IsZero() {
			pick = vs[0]
			for _, v := range vs {
				if !v.From.After(on) {
					pick = v
				}
			}
		}
		pick.apply(&out)
		out.Applied = append(out.Applied, pick)
	}
	return out
}

// Versions lists every rule of the pack with its versions, in the order law show prints the
// rules, oldest version first: a rule that changed has the versions of its History; a rule
// with no change known to the pack has one, in force on every date, with its citation; the
// calendar's holidays that began or ended in a known year follow as rules "holiday: NAME".
func (r Rules) Versions() []Version {
	var out []Version
	for _, rule := range r.rules() {
		var vs []Version
		for _, v := range r.History {
			if v.Rule == rule.name {
				vs = append(vs, v)
			}
		}
		if len(vs) == 0 {
			vs = []Version{{Rule: rule.name, On: rule.on, Cite: rule.cite}}
		}
		sort.SliceStable(vs, func(i, j int) bool { return vs[i].From.Before(vs[j].From) })
		out = append(out, vs...)
	}
	if r.Calendar != nil {
		hs := r.Calendar.versions()
		sort.SliceStable(hs, func(i, j int) bool {
			if hs[i].Rule != hs[j].Rule {
				return hs[i].Rule < hs[j].Rule
			}
			return hs[i].From.Before(hs[j].From)
		})
		out = append(out, hs...)
	}
	return out
}

// aRule is one rule of a pack as Versions lists it: its name, the petition's date that picks
// its version, and its citation as the pack now holds it.
type aRule struct {
	name string
	on   Event
	cite string
}

// rules lists the pack's rules in the order law show prints them; a rule the pack does not
// have (no withdrawal window, no raw-count rule, no last-day rule) is left out. A name used
// in History that is not listed here is added at the end so no version is lost.
func (r Rules) rules() []aRule {
	out := []aRule{{"requirement", OnApproval, r.Requirement.Cite}, {"circulation", OnApproval, r.Circulation.Cite},
		{"verification", OnFiling, r.Verification.Cite}, {"sampling", OnFiling, r.Sampling.Cite},
		{"projection", OnFiling, r.Projection.Cite}, {"bands", OnFiling, r.Bands.Cite}}
	if r.RawBelowRequiredFails {
		out = append(out, aRule{"raw count", OnFiling, r.RawCite})
	}
	out = append(out, aRule{"duplicates", OnFiling, r.DuplicatesCite}, aRule{"cut-off", OnFiling, r.CutoffCite},
		aRule{"stop early", OnFiling, r.StopEarlyCite})
	if r.WithdrawalDays > 0 {
		out = append(out, aRule{"withdrawals", OnFiling, r.WithdrawalCite})
	}
	if r.LastDayRolls {
		out = append(out, aRule{"last day", OnApproval, r.LastDayCite})
	}
	if r.Calendar != nil {
		out = append(out, aRule{"calendar", OnDay, r.Calendar.Cite})
	}
	for _, v := range r.History {
		if !slices.ContainsFunc(out, func(x aRule) bool { return x.name == v.Rule }) {
			out = append(out, aRule{name: v.Rule, on: v.On})
		}
	}
	return out
}

// MarshalJSON writes the version with the day it took effect as YYYY-MM-DD ("from", absent
// for the earliest known).
func (v Version) MarshalJSON() ([]byte, error) {
	type plain Version
	return json.Marshal(struct {
		plain
		From string `json:"from,omitempty"`
	}{plain(v), v.FromText()})
}

// versions lists the holidays of the calendar that began or ended in a known year, each as a
// rule "holiday: NAME" with the version before and the version from that year.
func (c *Calendar) versions() []Version {
	var out []Version
	jan1 := func(y int) time.Time { return time.Date(y, time.January, 1, 0, 0, 0, 0, time.UTC) }
	for _, h := range c.Holidays {
		rule := "holiday: " + h.Name
		cite := h.Cite
		if cite == "" {
			cite = c.Cite
		}
		kept := "a holiday: the offices close, not a working day"
		if h.Open {
			kept = "listed as a holiday with the offices open: counted as a working day"
		}
		if h.From != 0 {
			out = append(out, Version{Rule: rule, On: OnDay, Cite: "not a holiday: a working day (" + c.Cite + ")"},
				Version{Rule: rule, From: jan1(h.From), On: OnDay, Cite: cite, Change: kept})
		}
		if h.Until != 0 {
			if h.From == 0 {
				out = append(out, Version{Rule: rule, On: OnDay, Cite: kept + " (" + cite + ")"})
			}
			out = append(out, Version{Rule: rule, From: jan1(h.Until + 1), On: OnDay, Cite: cite,
				Change: "no longer a day the offices close: a working day"})
		}
	}
	return out
}
