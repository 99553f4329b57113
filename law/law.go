// Package law holds Signet's rule packs: the requirement, the periods and the rules that
// turn a link between a petition line and the roll into a verdict. Every rule cites its
// source. The package does no I/O.
package law

import (
	"sort"
	"strings"
	"time"

	"github.com/signet-vote/signet"
)

// Pack is a rule pack: the law of one kind of petition in one state.
type Pack interface {
	// ID is the pack's name, e.g. "ca-local-recall".
	ID() string
	// Title is a one-line description with the statute.
	Title() string
	// Required returns the valid signatures required of a jurisdiction with the given number
	// of registered voters, and the percentage applied.
	Required(registered int) (required int, percent float64)
	// FilingDeadline returns the last day to file for a petition whose form was approved on
	// the given day.
	FilingDeadline(approved time.Time, registered int) time.Time
	// Defaults returns the pack's default cut-off and duplicate policies.
	Defaults() (signet.Cutoff, signet.DuplicatePolicy)
	// Rules returns the whole pack as data: periods, sampling, projection, bands, policies
	// and calendar, each with its citation. Change a setting with Rules().With.
	Rules() Rules
}

var packs = map[string]Pack{
	CaliforniaLocalRecall{}.ID(): CaliforniaLocalRecall{},
	"ca-state-recall":            caStateRecall(),
	"ca-statewide-initiative":    caStatewideInitiative(),
	"ca-county-initiative":       caCountyInitiative(),
	"nv-local":                   nvLocal(),
	"nv-statewide-initiative":    nvStatewideInitiative(),
	"nv-recall":                  nvRecall(),
	"co-statewide-initiative":    coStatewideInitiative(),
	"wa-statewide-initiative":    waStatewideInitiative(),
	"az-statewide-initiative":    azStatewideInitiative(),
}

// LookupRules returns the rules of the pack with the given id, a fresh copy the caller may
// change with With.
func LookupRules(id string) (Rules, error) {
	p, err := Lookup(id)
	if err != nil {
		return Rules{}, err
	}
	return p.Rules(), nil
}

// Lookup returns the pack with the given id.
func Lookup(id string) (Pack, error) {
	p, ok := packs[id]
	if !ok {
		return nil, signet.Errorf(signet.EInvalid, "no rule pack %q (known: %v)", id, IDs())
	}
	return p, nil
}

// IDs lists the known pack ids, sorted.
func IDs() []string {
	out := make([]string, 0, len(packs))
	for id := range packs {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// ceilPercent returns ceil(n × pct / 100) exactly, for a whole percentage: "not less than"
// a percentage of voters means rounding any fraction up.
func ceilPercent(n, pct int) int {
	return int((int64(n)*int64(pct) + 99) / 100)
}

// PackWith returns the rules of a pack as they stand today with settings (name=value)
// applied.
func PackWith(id string, settings []string) (Rules, error) {
	return PackAsOf(id, settings, Dates{})
}

// PackAsOf returns the rules of a pack as they stood on a petition's dates, with its
// settings (name=value) applied: the rules a petition is judged by.
func PackAsOf(id string, settings []string, d Dates) (Rules, error) {
	r, err := LookupRules(id)
	if err != nil {
		return r, err
	}
	r = r.AsOf(d)
	for _, kv := range settings {
		name, value, ok := strings.Cut(kv, "=")
		if !ok {
			return r, signet.Errorf(signet.EInvalid, "setting %q: want name=value", kv)
		}
		if r, err = r.With(strings.TrimSpace(name), strings.TrimSpace(value)); err != nil {
			return r, err
		}
	}
	return r, nil
}
