package registrar

import (
	"cmp"
	"context"
	"io"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/law"
	"github.com/signet-vote/signet/match"
)

// A campaign's pre-check (docs/campaign.md): the lines it collected, linked to the voter
// file it holds with the Registrar's own engine (fs-v1) and judged by the Registrar's own
// checks (law.Checks) and duplicate rule, so that the reasons it sees are the reasons the
// count will give. A campaign cannot compare signatures: none is recorded as a mismatch.

// PrecheckOptions are the files of one pre-check.
type PrecheckOptions struct {
	Petition string
	Actor    string
	// Voters is the campaign's voter file, VotersMeta its name and digest.
	Voters     signet.VoterSource
	VotersMeta signet.ImportMeta
	// Lines are the collected lines to check, LinesMeta their file's name and digest.
	Lines     signet.LineSource
	LinesMeta signet.ImportMeta
}

// Precheck links a file of collected lines to the campaign's voter file and stores each
// line's verdict on its own, then reports the petition's pre-checks as a whole. The voter
// file is read into memory and not stored. A line pre-checked before takes its new result.
func (s *Service) Precheck(ctx context.Context, o PrecheckOptions) (PrecheckSummary, error) {
	p, err := s.Store.Petition(ctx, o.Petition)
	if err != nil {
		return PrecheckSummary{}, err
	}
	j, err := s.Store.Jurisdiction(ctx, p.JurisdictionID)
	if err != nil {
		return PrecheckSummary{}, err
	}
	voters, err := readAll(nonEmpty(o.VotersMeta, "voters", uniqueVoters(o.VotersMeta, o.Voters)))
	if err != nil {
		return PrecheckSummary{}, err
	}
	intake, err := s.Store.Intake(ctx, p.ID)
	if err != nil {
		return PrecheckSummary{}, err
	}
	turnedIn := make(map[string]string, len(intake))
	for _, e := range intake {
		turnedIn[e.SectionID] = e.Circulator
	}
	lines, err := readAll(nonEmpty(o.LinesMeta, "lines", collectedLines(o.LinesMeta, turnedIn, o.Lines)))
	if err != nil {
		return PrecheckSummary{}, err
	}
	for i := range lines {
		lines[i].PetitionID = p.ID
	}
	e, err := match.NewEngine(voters, fsOptions())
	if err != nil {
		return PrecheckSummary{}, err
	}
	e.Train(lines)
	links := make([]signet.Link, len(lines))
	workers := max(1, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	chunk := (len(lines) + workers - 1) / workers
	for lo := 0; lo < len(lines); lo += chunk {
		hi := min(len(lines), lo+chunk)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi && ctx.Err() == nil; i++ {
				links[i] = e.Link(&lines[i])
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return PrecheckSummary{}, err
	}
	checks := law.NewChecks(p, j, nil)
	out := make([]signet.PrecheckLine, len(lines))
	for i := range lines {
		l := &lines[i]
		v := checks.Classify(l, links[i])
		out[i] = signet.PrecheckLine{PetitionID: p.ID, LineID: l.ID(), SectionID: l.SectionID, Circulator: l.Circulator, LineNumber: l.Number,
			DateSigned: l.DateSigned, AddressKey: AddressKey(l.Address), VoterID: v.VoterID, Decision: links[i].Decision, Score: v.Score,
			Valid: v.Valid, Reason: v.Reason, SubReason: v.SubReason}
		if out[i].Decision == "" && links[i].Voter != nil {
			out[i].Decision = signet.DecideLink
		}
	}
	run := signet.PrecheckRun{PetitionID: p.ID, LinesFile: o.LinesMeta.FileName, LinesSHA256: o.LinesMeta.SHA256, VoterFile: o.VotersMeta.FileName,
		VoterSHA256: o.VotersMeta.SHA256, Voters: len(voters), Lines: len(lines), Linker: e.Name(), By: o.Actor}
	if _, err := s.Store.SavePrecheck(ctx, run, out); err != nil {
		return PrecheckSummary{}, err
	}
	return s.PrecheckSummary(ctx, p.ID)
}

// readAll reads a source to its end.
func readAll[T any](next func() (T, int, error)) ([]T, error) {
	var out []T
	for {
		v, _, err := next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
}

// collectedLines passes a file of collected lines through and refuses a line id twice and
// a section naming a second circulator, as a filing's lines are (ImportLines), or another
// circulator than the one its section was turned in by (intake: section → circulator).
func collectedLines(meta signet.ImportMeta, intake map[string]string, next signet.LineSource) signet.LineSource {
	seen := map[string]int{}
	circulator := map[string]string{}
	return func() (signet.Line, int, error) {
		l, line, err := next()
		if err != nil {
			return l, line, err
		}
		if first, ok := seen[l.ID()]; ok {
			return l, line, signet.Errorf(signet.EInvalid, "%s: line %d, column line_number: this line number of this section appears more than once (first on line %d)", meta.FileName, line, first)
		}
		seen[l.ID()] = line
		if c, ok := intake[l.SectionID]; ok && c != l.Circulator {
			return l, line, signet.Errorf(signet.EInvalid, "%s: line %d, column circulator: section %s was turned in by %q, not %q: a section has one circulator",
				meta.FileName, line, l.SectionID, c, l.Circulator)
		}
		if c, ok := circulator[l.SectionID]; !ok {
			circulator[l.SectionID] = l.Circulator
		} else if c != l.Circulator {
			return l, line, signet.Errorf(signet.EInvalid, "%s: line %d, column circulator: section %s was circulated by %q, not %q: a section has one circulator",
				meta.FileName, line, l.SectionID, c, l.Circulator)
		}
		l.Seq = len(seen)
		return l, line, nil
	}
}

// AddressKey is an address normalised as the linker reads it (house number, street, unit,
// ZIP code), so that lines written at one address in different hands agree; "" when the
// house number or the street is missing.
func AddressKey(a signet.Address) string {
	house, street := match.SplitHouseStreet(a.HouseNumber, a.Street)
	house, street = strings.ToUpper(strings.TrimSpace(house)), match.NormalizeStreet(street)
	if house == "" || street == "" {
		return ""
	}
	key := house + " " + street
	if u := match.NormalizeUnit(a.Unit); u != "" {
		key += " #" + u
	}
	if z := match.ZIP5(a.ZIP); z != "" {
		key += " " + z
	}
	return key
}

// CheckedLine is a pre-checked line with its verdict after the duplicate rule.
type CheckedLine struct {
	signet.PrecheckLine
	// Struck says the duplicate rule struck the line (valid on its own, but another line
	// of its voter is kept).
	Struck bool
}

// FinalCode is the line's verdict code after the duplicate rule.
func (l CheckedLine) FinalCode() string {
	if l.Struck {
		return string(signet.Duplicate)
	}
	return l.Code()
}

// checkedLines reads a petition's pre-checked lines and applies the petition's duplicate
// rule across them. It also returns the duplicates the forecast counts: the lines that
// keep_first strikes (all but one of each voter's lines valid on their own), whatever the
// petition's policy, for the forecast's per-pair rate is of keep_first's strikes.
func (s *Service) checkedLines(ctx context.Context, p signet.Petition) ([]CheckedLine, int, error) {
	stored, err := s.Store.PrecheckLines(ctx, p.ID)
	if err != nil {
		return nil, 0, err
	}
	out := make([]CheckedLine, len(stored))
	var cands []signet.DuplicateCandidate
	perVoter := map[string]int{}
	for i, l := range stored {
		out[i] = CheckedLine{PrecheckLine: l}
		if l.Valid && l.VoterID != "" {
			cands = append(cands, signet.DuplicateCandidate{Seq: i, LineID: l.LineID, Voter: l.VoterID, Signed: signet.FormatDate(l.DateSigned), Valid: true, Score: l.Score})
			perVoter[l.VoterID]++
		}
	}
	for _, ch := range law.DuplicateRule(p.Duplicates)(cands) {
		if ch.Struck {
			out[ch.Seq].Struck = true
		}
	}
	pairs := 0
	for _, k := range perVoter {
		pairs += k - 1
	}
	return out, pairs, nil
}

// ReasonCount is how many pre-checked lines have one verdict code, and their share of
// the lines checked.
type ReasonCount struct {
	Code  string  `json:"code"`
	Lines int     `json:"lines"`
	Share float64 `json:"share"`
	// Circulators are the circulators whose lines have the code, most first.
	Circulators []CirculatorCount `json:"circulators,omitempty"`
}

// CirculatorCount is one circulator's lines of a code, and their share of that code's lines.
type CirculatorCount struct {
	Circulator string  `json:"circulator"`
	Lines      int     `json:"lines"`
	Share      float64 `json:"share"`
}

// CirculatorReasons is one circulator's pre-checked lines by verdict code.
type CirculatorReasons struct {
	Circulator string         `json:"circulator"`
	Lines      int            `json:"lines"`
	Valid      int            `json:"valid"`
	Validity   float64        `json:"validity"`
	ByCode     map[string]int `json:"by_code"`
	// Top is the code of most of the circulator's invalid lines ("" when none is invalid).
	Top string `json:"top_reason"`
}

// PrecheckSummary is a petition's pre-checks as a whole; its JSON keys are a contract
// (signet precheck run|show --json).
type PrecheckSummary struct {
	Petition string `json:"petition"`
	Runs     int    `json:"runs"`
	Checked  int    `json:"checked"`
	Valid    int    `json:"valid"`
	// ValidOnOwn counts the lines valid before the duplicate rule.
	ValidOnOwn int     `json:"valid_on_own"`
	Validity   float64 `json:"validity"`
	Duplicates int     `json:"duplicates"`
	// DuplicatePairs is keep_first's strikes among the lines valid on their own: the
	// duplicates the forecast's per-pair rate is estimated from.
	DuplicatePairs int `json:"duplicate_pairs"`
	// Review counts the lines the linker was unsure of (its best candidate stands).
	Review int `json:"review"`
	// ByReason are the verdict codes, invalid ones first, most lines first.
	ByReason    []ReasonCount       `json:"by_reason"`
	Circulators []CirculatorReasons `json:"circulators"`
	// Last is the latest pre-check.
	Last *signet.PrecheckRun `json:"last_run,omitempty"`
}

// PrecheckSummary reports a petition's pre-checked lines: which reasons dominate, and which
// circulators produce them.
func (s *Service) PrecheckSummary(ctx context.Context, petition string) (PrecheckSummary, error) {
	p, err := s.Store.Petition(ctx, petition)
	if err != nil {
		return PrecheckSummary{}, err
	}
	runs, err := s.Store.PrecheckRuns(ctx, petition)
	if err != nil {
		return PrecheckSummary{}, err
	}
	lines, pairs, err := s.checkedLines(ctx, p)
	if err != nil {
		return PrecheckSummary{}, err
	}
	sum := PrecheckSummary{Petition: petition, Runs: len(runs), Checked: len(lines), DuplicatePairs: pairs,
		ByReason: []ReasonCount{}, Circulators: []CirculatorReasons{}}
	if len(runs) > 0 {
		sum.Last = &runs[len(runs)-1]
	}
	byCode := map[string]map[string]int{}
	circ := map[string]*CirculatorReasons{}
	for _, l := range lines {
		code := l.FinalCode()
		if l.Valid {
			sum.ValidOnOwn++
		}
		if l.Decision == signet.DecideReview {
			sum.Review++
		}
		if l.Struck {
			sum.Duplicates++
		}
		if code == "valid" {
			sum.Valid++
		}
		if byCode[code] == nil {
			byCode[code] = map[string]int{}
		}
		byCode[code][l.Circulator]++
		c := circ[l.Circulator]
		if c == nil {
			c = &CirculatorReasons{Circulator: l.Circulator, ByCode: map[string]int{}}
			circ[l.Circulator] = c
		}
		c.Lines++
		c.ByCode[code]++
		if code == "valid" {
			c.Valid++
		}
	}
	if sum.Checked > 0 {
		sum.Validity = float64(sum.Valid) / float64(sum.Checked)
	}
	for code, by := range byCode {
		rc := ReasonCount{Code: code}
		for name, n := range by {
			rc.Lines += n
			rc.Circulators = append(rc.Circulators, CirculatorCount{Circulator: name, Lines: n})
		}
		rc.Share = float64(rc.Lines) / float64(sum.Checked)
		for i := range rc.Circulators {
			rc.Circulators[i].Share = float64(rc.Circulators[i].Lines) / float64(rc.Lines)
		}
		slices.SortFunc(rc.Circulators, func(a, b CirculatorCount) int {
			return cmp.Or(b.Lines-a.Lines, cmp.Compare(a.Circulator, b.Circulator))
		})
		sum.ByReason = append(sum.ByReason, rc)
	}
	slices.SortFunc(sum.ByReason, func(a, b ReasonCount) int {
		av, bv := a.Code == "valid", b.Code == "valid"
		switch {
		case av != bv && av:
			return 1
		case av != bv:
			return -1
		}
		return cmp.Or(b.Lines-a.Lines, cmp.Compare(a.Code, b.Code))
	})
	for _, name := range slices.Sorted(maps.Keys(circ)) {
		c := circ[name]
		c.Validity = float64(c.Valid) / float64(c.Lines)
		top := 0
		for _, code := range slices.Sorted(maps.Keys(c.ByCode)) {
			if n := c.ByCode[code]; code != "valid" && n > top {
				c.Top, top = code, n
			}
		}
		sum.Circulators = append(sum.Circulators, *c)
	}
	return sum, nil
}
