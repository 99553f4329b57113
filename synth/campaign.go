package synth

import (
	"fmt"
	"slices"
	"strconv"
)

// Campaign is what the campaign of a synthetic petition recorded of its lines (the
// campaign's cockpit, docs/campaign.md): each section turned in on the day its last line
// was signed (or on the day given, when that is earlier), and every third line in filing
// order pre-checked against its voter file.
type Campaign struct {
	// Intake is the intake file's rows, its header first:
	// section_id,circulator,turned_in,lines, one row a section in order of first appearance.
	Intake [][]string
	// Sample is the lines pre-checked: rows of the lines file (FileLines), without its
	// header.
	Sample [][]string
}

// CampaignOf derives the campaign's records from the rows of a lines file (its header
// first); no section is turned in after turnedInBy (YYYY-MM-DD).
func CampaignOf(lines [][]string, turnedInBy string) (Campaign, error) {
	if len(lines) == 0 {
		return Campaign{}, fmt.Errorf("synth: a lines file has a header row")
	}
	col := func(name string) (int, error) {
		if i := slices.Index(lines[0], name); i >= 0 {
			return i, nil
		}
		return 0, fmt.Errorf("synth: the lines file has no column %s", name)
	}
	sec, err := col("section_id")
	if err != nil {
		return Campaign{}, err
	}
	circ, err := col("circulator")
	if err != nil {
		return Campaign{}, err
	}
	signed, err := col("date_signed")
	if err != nil {
		return Campaign{}, err
	}
	type section struct {
		circulator, last string
		lines            int
	}
	secs := map[string]*section{}
	var order []string
	var c Campaign
	for i, r := range lines[1:] {
		s := secs[r[sec]]
		if s == nil {
			s = &section{circulator: r[circ]}
			secs[r[sec]] = s
			order = append(order, r[sec])
		}
		s.lines++
		s.last = max(s.last, r[signed])
		if i%3 == 0 {
			c.Sample = append(c.Sample, r)
		}
	}
	c.Intake = [][]string{{"section_id", "circulator", "turned_in", "lines"}}
	for _, id := range order {
		s := secs[id]
		c.Intake = append(c.Intake, []string{id, s.circulator, min(s.last, turnedInBy), strconv.Itoa(s.lines)})
	}
	return c, nil
}
