package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/csvfile"
	"github.com/signet-vote/signet/match"
)

// linkSummary is what "signet link --json" prints.
type linkSummary struct {
	Linker       string `json:"linker"`
	LeftRecords  int    `json:"left_records"`
	RightRecords int    `json:"right_records"`
	PairsWritten int    `json:"pairs_written"`
	Links        int    `json:"links"`
	Reviews      int    `json:"reviews"`
	Nones        int    `json:"nones"`
	// Unparsed counts, per side and field, the values that did not parse and were read as
	// missing (an empty or malformed birth date, ...).
	Unparsed    map[string]map[string]int `json:"unparsed"`
	PairsScored int64                     `json:"pairs_scored"`
	LoadSeconds float64                   `json:"load_seconds"`
	LinkSeconds float64                   `json:"link_seconds"`
	Seconds     float64                   `json:"seconds"`
	// Model is the fitted model: m, u and weight of each field's levels, the null weight
	// and the match shares it comes from.
	Model match.Model `json:"model"`
	// ExpectedFalseLinks is the share of the links the model expects to be false at the
	// threshold it chose (the mean 1−p of the links).
	ExpectedFalseLinks float64 `json:"expected_false_link_share"`
}

func (m *Main) runLink(ctx context.Context, args []string) error {
	fs := m.flags("link", "--left A.csv --right B.csv [--left-columns MAP] [--right-columns MAP] --out pairs.csv",
		`Link every record of the right file to the most likely record of the left file (the
roll) with the Fellegi–Sunter engine of "signet verify". Both files are read as voter
records: MAP maps voter import field names to the file's headers
(voter_id=rec_id,first_name=given_name,last_name=surname,...); unmapped fields are
ignored, and voter_id is each side's record id. A value that does not parse (a malformed
birth date) counts as missing, and how many did is reported.

The model is fitted to the two files: m by EM on their candidate pairs, u from random
pairs of the left file, and the share of right records with a match on the left by EM on
that share (the null candidate's weight). The link threshold is then set from the
posteriors: the lowest (0.8 to 0.999) at which the links' mean 1−p, their expected share of
false links, stays within --max-false-links; --upper sets it instead. A pair whose given
name is blank on one side, with an inexact surname or a disagreeing middle name and no
agreeing birth date, goes to review. --json prints the counts and the fitted model (each
field's levels with m, u and weight; the match share; the null weight; the threshold).

pairs.csv has the header right_id,left_id,score,decision: one row per right record, in
its order; score is the posterior match probability and decision link, review or none
(left_id empty for none).`)
	left := fs.String("left", "", "the left file (the roll side)")
	right := fs.String("right", "", "the right file (the records to link)")
	leftCols := fs.String("left-columns", "", "column map of the left file: field=header,...")
	rightCols := fs.String("right-columns", "", "column map of the right file: field=header,...")
	leftSep := fs.String("left-separator", ",", "field separator of the left file: a character, or tab")
	rightSep := fs.String("right-separator", ",", "field separator of the right file: a character, or tab")
	leftHeader := fs.String("left-header", "", "none: the left file has no header row (columns c1, c2, ...)")
	rightHeader := fs.String("right-header", "", "none: the right file has no header row (columns c1, c2, ...)")
	out := fs.String("out", "", "the pairs file to write")
	upper := fs.Float64("upper", 0, "posterior probability from which a pair links (default: set from the posteriors by --max-false-links)")
	maxFalse := fs.Float64("max-false-links", 0.005, "the expected share of false links among the links the threshold is set for: the lowest threshold whose links' mean 1−p stays within it (0.8 to 0.999)")
	lower := fs.Float64("lower", 0, "posterior probability below which a record links to nobody (default 0.5)")
	noTrain := fs.Bool("no-train", false, "keep the default m probabilities instead of estimating them by EM")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	for _, f := range [][2]string{{"left", *left}, {"right", *right}, {"out", *out}} {
		if err := need(f[0], f[1]); err != nil {
			return err
		}
	}
	start := time.Now()
	sum := linkSummary{Unparsed: map[string]map[string]int{}}
	leftOpt, err := linkOptions(*leftCols, *leftSep, *leftHeader, "left")
	if err != nil {
		return err
	}
	rightOpt, err := linkOptions(*rightCols, *rightSep, *rightHeader, "right")
	if err != nil {
		return err
	}
	leftRecs, err := m.readLinkFile(ctx, *left, leftOpt, "left", &sum)
	if err != nil {
		return err
	}
	rightRecs, err := m.readLinkFile(ctx, *right, rightOpt, "right", &sum)
	if err != nil {
		return err
	}
	sum.LeftRecords, sum.RightRecords = len(leftRecs), len(rightRecs)
	e, err := match.NewEngine(leftRecs, match.EngineOptions{Upper: *upper, Lower: *lower, Generic: true})
	if err != nil {
		return usageErr("%v", err)
	}
	if !*noTrain {
		e.TrainVoters(rightRecs)
		e.FitMatchShare(rightRecs)
	}
	sum.Linker = e.Name()
	sum.LoadSeconds = time.Since(start).Seconds()
	// The threshold is chosen from the posteriors unless --upper sets it or there is no
	// fitted model to trust them.
	share := 0.0
	if *upper == 0 && !*noTrain {
		if *maxFalse <= 0 || *maxFalse >= 1 {
			return usageErr("--max-false-links %v: want a share between 0 and 1", *maxFalse)
		}
		share = *maxFalse
	}
	linked, err := e.LinkFile(ctx, rightRecs, share)
	if err != nil {
		return err
	}
	links := linked.Links
	sum.ExpectedFalseLinks = linked.ExpectedFalseLinks
	sum.LinkSeconds = time.Since(start).Seconds() - sum.LoadSeconds
	f, err := os.Create(*out)
	if err != nil {
		return signet.Errorf(signet.EInvalid, "%v", err)
	}
	bw := bufio.NewWriter(f)
	bw.WriteString("right_id,left_id,score,decision\n")
	for i := range rightRecs {
		l := &links[i]
		leftID := ""
		d := l.Decision
		if d == "" {
			d = signet.DecideNone
		}
		if l.Voter != nil && d != signet.DecideNone {
			leftID = l.Voter.ID
		}
		switch d {
		case signet.DecideLink:
			sum.Links++
		case signet.DecideReview:
			sum.Reviews++
		default:
			sum.Nones++
		}
		writeCSVField(bw, rightRecs[i].ID)
		bw.WriteByte(',')
		writeCSVField(bw, leftID)
		bw.WriteByte(',')
		bw.WriteString(strconv.FormatFloat(l.Score, 'f', 4, 64))
		bw.WriteByte(',')
		bw.WriteString(string(d))
		bw.WriteByte('\n')
		sum.PairsWritten++
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	sum.PairsScored = e.PairsScored()
	sum.Model = e.Model()
	sum.Seconds = time.Since(start).Seconds()
	if *asJSON {
		return m.printJSON(sum)
	}
	fmt.Fprintf(m.Stdout, "linked %s right records against %s left records with %s in %.2fs: %s links, %s reviews, %s none; wrote %s\n",
		commas(sum.RightRecords), commas(sum.LeftRecords), sum.Linker, sum.Seconds, commas(sum.Links), commas(sum.Reviews), commas(sum.Nones), *out)
	for _, side := range []string{"left", "right"} {
		u := sum.Unparsed[side]
		for _, field := range slices.Sorted(maps.Keys(u)) {
			fmt.Fprintf(m.Stdout, "  %s: %s value(s) of %s did not parse and count as missing\n", side, commas(u[field]), field)
		}
	}
	return nil
}

// writeCSVField writes a CSV field, quoted when it needs to be.
func writeCSVField(w *bufio.Writer, s string) {
	if !strings.ContainsAny(s, ",\"\r\n") {
		w.WriteString(s)
		return
	}
	w.WriteByte('"')
	w.WriteString(strings.ReplaceAll(s, `"`, `""`))
	w.WriteByte('"')
}

// linkOptions reads one side's column map, separator and header flags.
func linkOptions(columns, sep, header, side string) (csvfile.Options, error) {
	cols, err := csvfile.ParseMapping(columns)
	if err != nil {
		return csvfile.Options{}, usageErr("--%s-columns: %v", side, err)
	}
	opt := csvfile.Options{Columns: cols, Lenient: true}
	switch strings.ToLower(sep) {
	case "", ",", "comma":
	case "tab", `\t`, "\t":
		opt.Comma = '\t'
	case "semicolon":
		opt.Comma = ';'
	default:
		r, n := utf8.DecodeRuneInString(sep)
		if n != len(sep) || r == '"' || r == '\r' || r == '\n' {
			return opt, usageErr("--%s-separator %q: want one character or tab", side, sep)
		}
		opt.Comma = r
	}
	switch strings.ToLower(header) {
	case "", "first", "yes":
	case "none", "no":
		opt.NoHeader = true
	default:
		return opt, usageErr("--%s-header %q: want none (or leave it out for a header row)", side, header)
	}
	return opt, nil
}

// readLinkFile reads one side of "signet link" as voter records, leniently.
func (m *Main) readLinkFile(ctx context.Context, path string, opt csvfile.Options, side string, sum *linkSummary) ([]signet.Voter, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, signet.Errorf(signet.ENotFound, "%v", err)
	}
	defer f.Close()
	r, err := csvfile.NewReader(path, bufio.NewReaderSize(f, 1<<20), csvfile.VoterSchema, opt)
	if err != nil {
		return nil, err
	}
	if !r.Has("voter_id") {
		return nil, signet.Errorf(signet.EInvalid, "%s: no voter_id column: map the record id with --%s-columns voter_id=HEADER", path, side)
	}
	var recs []signet.Voter
	unparsed := map[string]int{}
	for {
		row, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(recs)%65536 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		v, bad := row.LinkVoter()
		for _, b := range bad {
			unparsed[b]++
		}
		recs = append(recs, v)
	}
	sum.Unparsed[side] = unparsed
	return recs, nil
}
