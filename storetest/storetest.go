// Package storetest is the conformance suite of the store contract (signet.Store): every
// store runs it from its own tests, unchanged, with a Harness that opens fresh stores of
// its kind. It checks what the engine relies on — imports kept whole or not at all,
// verdicts, resumable and idempotent verification, people's decisions, the sample, reports,
// the audit chain and its tamper detection, concurrent writers, accounts, sessions, API
// tokens and throttled sign-in — through the engine itself
// (registrar), so the engine's own tests run against every store.
package storetest

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/csvfile"
	"github.com/signet-vote/signet/registrar"
	"github.com/signet-vote/signet/synth"
)

// Harness opens stores of one kind for the suite.
type Harness struct {
	// Open returns a new, empty store whose clock (the times it stamps rows and events
	// with) is now; the suite closes it. The engine gets the same clock: a store's and an
	// engine's clocks are one in any deployment.
	Open func(t *testing.T, now func() time.Time) signet.Store
	// Exec runs one SQL statement on a store's database behind its back, as someone with
	// the database's password might: the audit tests edit rows with it. The tables are
	// the contract's own (events, verdicts, lines): both dialects take the statements.
	Exec func(t *testing.T, s signet.Store, query string)
}

// Run runs the whole suite.
func Run(t *testing.T, h Harness) {
	c := newCounty(t)
	tests := []struct {
		name string
		fn   func(t *testing.T, h Harness, c *county)
	}{
		{"ImportsAreWholeOrNothing", testImportsAreWholeOrNothing},
		{"FilingAndItsRefusals", testFilingAndItsRefusals},
		{"SampleWorkflow", testSampleWorkflow},
		{"VerifyIsResumableAndIdempotent", testVerifyIsResumableAndIdempotent},
		{"DecisionsReopenTheirLines", testDecisionsReopenTheirLines},
		{"DuplicatePolicies", testDuplicatePolicies},
		{"AuditDetectsTampering", testAuditDetectsTampering},
		{"TruncatedLogAgainstAKeptHead", testTruncatedLogAgainstAKeptHead},
		{"RowsReconcileWithTheLog", testRowsReconcileWithTheLog},
		{"ConcurrentWriters", testConcurrentWriters},
		{"StateRecall", testStateRecall},
		{"RefusalsAreNamed", testRefusalsAreNamed},
		{"DeskLeases", testDeskLeases},
		{"DeskDecisions", testDeskDecisions},
		{"OverridesAndChallenges", testOverridesAndChallenges},
		{"InvalidLinesAreRedacted", testInvalidLinesAreRedacted},
		{"AccountRecords", testAccountRecords},
		{"AccountsInTheEngine", testAccountsInTheEngine},
		{"AdminReads", testAdminReads},
		{"CampaignWorkspace", testCampaignWorkspace},
		{"VerdictsByDay", testVerdictsByDay},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, h, c) })
	}
}

// county is a small synthetic county written once for the suite.
type county struct {
	dir      string
	name     string
	zips     []string
	approved time.Time
	filed    time.Time
}

func newCounty(t *testing.T) *county {
	t.Helper()
	dir := t.TempDir()
	cfg := synth.DefaultConfig()
	cfg.Voters, cfg.Lines, cfg.Seed = 12000, 1500, 7
	if _, err := synth.Generate(cfg, dir, nil); err != nil {
		t.Fatal(err)
	}
	var w struct {
		Jurisdiction struct {
			Name string   `json:"name"`
			ZIPs []string `json:"zips"`
		} `json:"jurisdiction"`
		Approved string `json:"approved"`
		Filed    string `json:"filed"`
	}
	b, err := os.ReadFile(filepath.Join(dir, "world.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &w); err != nil {
		t.Fatal(err)
	}
	c := &county{dir: dir, name: w.Jurisdiction.Name, zips: w.Jurisdiction.ZIPs}
	if c.approved, err = signet.ParseDate(w.Approved); err != nil {
		t.Fatal(err)
	}
	if c.filed, err = signet.ParseDate(w.Filed); err != nil {
		t.Fatal(err)
	}
	return c
}

// County is the suite's synthetic county, for a store's own tests beyond the suite.
type County struct{ c *county }

// NewCounty writes the suite's county (12,000 voters, 1,500 lines, seed 7) in a temporary
// directory.
func NewCounty(t *testing.T) *County { return &County{newCounty(t)} }

// SetUp takes an engine through everything before a count of the county: the jurisdiction
// demo-county, its roll, a report counted from it, the petition demo (ca-local-recall),
// its lines, the filing and the signature decisions.
func (c *County) SetUp(t *testing.T, svc *registrar.Service) signet.Petition {
	return c.c.setUp(t, svc, 0, "")
}

// office is an engine over a fresh store with a clock that ticks a millisecond a call.
type office struct {
	*registrar.Service
	mu  sync.Mutex
	now time.Time
}

func newOffice(t *testing.T, h Harness) *office {
	t.Helper()
	o := &office{now: time.Date(2022, 7, 21, 9, 0, 0, 0, time.UTC)}
	clock := func() time.Time {
		o.mu.Lock()
		defer o.mu.Unlock()
		o.now = o.now.Add(time.Millisecond)
		return o.now
	}
	s := h.Open(t, clock)
	t.Cleanup(func() { s.Close() })
	o.Service = registrar.New(s)
	o.Service.Now = clock
	return o
}

// csvSource reads one of the county's files with a schema and turns each row into a record.
func csvSource[T any](t *testing.T, path string, schema csvfile.Schema, conv func(*csvfile.Row) (T, error)) (func() (T, int, error), signet.ImportMeta) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	r, err := csvfile.NewReader(path, bufio.NewReader(f), schema, csvfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	next := func() (T, int, error) {
		var zero T
		row, err := r.Next()
		if err != nil {
			return zero, 0, err
		}
		v, err := conv(row)
		return v, row.Line, err
	}
	return next, signet.ImportMeta{FileName: filepath.Base(path), SHA256: filepath.Base(path) + "-digest", Actor: "storetest"}
}

func (c *county) voters(t *testing.T) (signet.VoterSource, signet.ImportMeta) {
	return csvSource(t, filepath.Join(c.dir, "voters.csv"), csvfile.VoterSchema, (*csvfile.Row).Voter)
}

func (c *county) lines(t *testing.T) (signet.LineSource, signet.ImportMeta) {
	return csvSource(t, filepath.Join(c.dir, "lines.csv"), csvfile.LineSchema, (*csvfile.Row).PetitionLine)
}

func (c *county) reviews(t *testing.T) (signet.ReviewSource, signet.ImportMeta) {
	return csvSource(t, filepath.Join(c.dir, "signatures.csv"), csvfile.ReviewSchema, (*csvfile.Row).Review)
}

// setUp takes an office through everything before verification: the jurisdiction, the
// roll (with its linker snapshot), a report, the petition (registered voters given, or
// counted from the roll when 0), its lines, the filing and the signature decisions.
func (c *county) setUp(t *testing.T, o *registrar.Service, registered int, dups signet.DuplicatePolicy) signet.Petition {
	t.Helper()
	ctx := context.Background()
	must(t, o.Store.CreateJurisdiction(ctx, signet.Jurisdiction{ID: "demo-county", Name: c.name, ZIPs: c.zips}, "storetest"))
	voters, meta := c.voters(t)
	if _, err := o.ImportRoll(ctx, "demo-county", meta, voters); err != nil {
		t.Fatal(err)
	}
	_, err := o.AddReport(ctx, signet.RegistrationReport{ID: "r", JurisdictionID: "demo-county", Date: c.approved.AddDate(0, 0, -1), Registered: registered}, registered == 0, "storetest")
	must(t, err)
	_, err = o.CreatePetition(ctx, registrar.PetitionSpec{ID: "demo", Kind: signet.KindLocalRecall, Jurisdiction: "demo-county", Rules: "ca-local-recall",
		Report: "r", Approved: c.approved, Cutoff: signet.CutoffFilingDate, Duplicates: dups}, "storetest")
	must(t, err)
	lines, lmeta := c.lines(t)
	if _, err := o.ImportLines(ctx, "demo", lmeta, lines); err != nil {
		t.Fatal(err)
	}
	p, err := o.FilePetition(ctx, "demo", c.filed, -1, "storetest")
	must(t, err)
	reviews, rmeta := c.reviews(t)
	if _, err := o.RecordReviews(ctx, "demo", rmeta.FileName, reviews); err != nil {
		t.Fatal(err)
	}
	return p
}

// verdicts reads every verdict of a petition, in filing order.
func verdicts(t *testing.T, o *office, petition string) []signet.VerdictRow {
	t.Helper()
	var out []signet.VerdictRow
	must(t, o.Store.EachVerdict(context.Background(), petition, func(v signet.VerdictRow) { out = append(out, v) }))
	return out
}

// events counts the audit log.
func events(t *testing.T, o *office) int64 {
	t.Helper()
	seq, _, err := o.Store.AuditHead(context.Background())
	must(t, err)
	return seq
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// wantCode fails unless err carries the code.
func wantCode(t *testing.T, what string, err error, code signet.ErrorCode) {
	t.Helper()
	if signet.Code(err) != code {
		t.Fatalf("%s: error %v (code %q), want code %q", what, err, signet.Code(err), code)
	}
}

// failAfter is a source that yields n records from next, then fails.
func failAfter[T any](next func() (T, int, error), n int) func() (T, int, error) {
	i := 0
	return func() (T, int, error) {
		if i == n {
			var zero T
			return zero, n + 2, signet.Errorf(signet.EInvalid, "line %d: malformed", n+2)
		}
		i++
		return next()
	}
}

// errEOF ends a source.
var errEOF = io.EOF

// take yields the first n records of next.
func take[T any](next func() (T, int, error), n int) func() (T, int, error) {
	i := 0
	return func() (T, int, error) {
		if i == n {
			var zero T
			return zero, 0, io.EOF
		}
		i++
		return next()
	}
}
