package signet

import (
	"bufio"
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// CountyVote is one county of a state-officer recall's county votes: the last vote for the
// office in the county and, when given, the valid signatures found there.
type CountyVote struct {
	County   string
	LastVote int
	Valid    *int
}

// ReadCountyVotes reads a state-officer recall's county votes, named name in its messages
// (the CLI's --county-votes file, the web's county_votes field), in either of two forms:
// a CSV with the header county,last_vote and optionally valid, or county=N entries, one a
// line or separated by commas (the form when the first line holds an "="). A county is
// given once, and a last vote is a count (not below 0).
func ReadCountyVotes(name string, r io.Reader) ([]CountyVote, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(4096)
	first := strings.TrimLeft(string(head), " \t\r\n")
	if i := strings.IndexAny(first, "\r\n"); i >= 0 {
		first = first[:i]
	}
	if strings.Contains(first, "=") {
		text, err := io.ReadAll(br)
		if err != nil {
			return nil, Errorf(EInvalid, "%s: %v", name, err)
		}
		return countyVotePairs(name, string(text))
	}
	return countyVoteCSV(name, br)
}

// LastVotes is the county votes' last vote by county.
func LastVotes(votes []CountyVote) map[string]int {
	m := make(map[string]int, len(votes))
	for _, v := range votes {
		m[v.County] = v.LastVote
	}
	return m
}

// countyVotePairs reads county=N entries, one a line or separated by commas.
func countyVotePairs(name, text string) ([]CountyVote, error) {
	var out []CountyVote
	seen := map[string]int{}
	n := 0
	for _, e := range strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == '\n' || r == '\r' }) {
		if e = strings.TrimSpace(e); e == "" {
			continue
		}
		n++
		county, v, ok := strings.Cut(e, "=")
		county, v = strings.TrimSpace(county), strings.TrimSpace(v)
		if !ok {
			return nil, Errorf(EInvalid, "%s: entry %d (%.40q): want county=N, the county's last vote", name, n, e)
		}
		if county == "" {
			return nil, Errorf(EInvalid, "%s: entry %d: county is empty", name, n)
		}
		if first, ok := seen[county]; ok {
			return nil, Errorf(EInvalid, "%s: entry %d: county %s is given more than once (first in entry %d)", name, n, county, first)
		}
		seen[county] = n
		lv, err := strconv.Atoi(v)
		if err != nil || lv < 0 {
			return nil, Errorf(EInvalid, "%s: entry %d (%s): %.20q is not a count", name, n, county, v)
		}
		out = append(out, CountyVote{County: county, LastVote: lv})
	}
	return out, nil
}

// countyVoteCSV reads the CSV form: header county,last_vote and optionally valid.
func countyVoteCSV(name string, r io.Reader) ([]CountyVote, error) {
	cr := csv.NewReader(r)
	cr.TrimLeadingSpace = true
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return nil, Errorf(EInvalid, "%s: no header row (want county,last_vote[,valid])", name)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	ci, ok1 := col["county"]
	vi, ok2 := col["last_vote"]
	if !ok1 || !ok2 {
		return nil, Errorf(EInvalid, "%s: the header needs county and last_vote (and optionally valid)", name)
	}
	valI, hasValid := col["valid"]
	var out []CountyVote
	// The line each county was first seen on: a county has one last vote.
	seen := map[string]int{}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, Errorf(EInvalid, "%s: %v", name, err)
		}
		get := func(i int) string {
			if i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		num := func(field string, i int) (int, error) {
			n, err := strconv.Atoi(strings.ReplaceAll(get(i), ",", ""))
			if err != nil || n < 0 {
				return 0, Errorf(EInvalid, "%s: line %d, column %d (%s): %q is not a count", name, line, i+1, field, get(i))
			}
			return n, nil
		}
		c := CountyVote{County: get(ci)}
		if c.County == "" {
			return nil, Errorf(EInvalid, "%s: line %d: county is empty", name, line)
		}
		if first, ok := seen[c.County]; ok {
			return nil, Errorf(EInvalid, "%s: line %d: county %s appears more than once in the file (first on line %d)", name, line, c.County, first)
		}
		seen[c.County] = line
		if c.LastVote, err = num("last_vote", vi); err != nil {
			return nil, err
		}
		if hasValid && get(valI) != "" {
			v, err := num("valid", valI)
			if err != nil {
				return nil, err
			}
			c.Valid = &v
		}
		out = append(out, c)
	}
	return out, nil
}
