package web

import (
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/csvfile"
	"github.com/signet-vote/signet/registrar"
	"github.com/signet-vote/signet/sqlite"
	"github.com/signet-vote/signet/synth"
)

// The tests read one demo database, built once for the package as "signet demo" builds
// its own: a synthetic county from synth/, jurisdiction demo-county and petition demo
// (ca-local-recall, cut-off at the filing date), imported, filed, signature decisions
// recorded, the random sample drawn and verified, the projection recorded, every line
// verified. Small (6,000 voters, 1,850 lines) so that it takes a few seconds.
var fixture struct {
	dir string // the synthetic files (voters.csv, lines.csv, ...)
	db  string // the SQLite database
	// county, approved and filed are the synthetic world's jurisdiction and dates.
	county          signet.Jurisdiction
	approved, filed time.Time
	// tokens are an API token of each role's user (named after the role), by role.
	tokens map[signet.Role]string
}

// testPassword is the password of each role's user in the demo database.
const testPassword = "the web tests' password"

// fastPasswords are Argon2id costs low enough for tests (a hash keeps its own costs).
var fastPasswords = registrar.PasswordParams{Memory: 64, Time: 1, Threads: 1}

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "signet-web-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := 1
	if err := buildDemo(context.Background(), dir); err != nil {
		fmt.Fprintln(os.Stderr, "building the demo database:", err)
	} else {
		code = m.Run()
	}
	if err := dropPostgresDemo(); err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// demoSeed is the sample's announced seed in the fixture.
const demoSeed = "20220706003"

func buildDemo(ctx context.Context, dir string) error {
	fixture.dir, fixture.db = filepath.Join(dir, "world"), filepath.Join(dir, "demo.db")
	cfg := synth.DefaultConfig()
	cfg.Voters, cfg.Lines, cfg.Seed = 6000, 1850, 3
	if _, err := synth.Generate(cfg, fixture.dir, nil); err != nil {
		return err
	}
	var w struct {
		Jurisdiction struct {
			Name string   `json:"name"`
			ZIPs []string `json:"zips"`
		} `json:"jurisdiction"`
		Approved, Filed string
	}
	b, err := os.ReadFile(filepath.Join(fixture.dir, synth.FileWorld))
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	fixture.approved, _ = signet.ParseDate(w.Approved)
	fixture.filed, _ = signet.ParseDate(w.Filed)
	fixture.county = signet.Jurisdiction{ID: "demo-county", Name: w.Jurisdiction.Name, ZIPs: w.Jurisdiction.ZIPs}
	store, err := sqlite.Open(ctx, fixture.db)
	if err != nil {
		return err
	}
	defer store.Close()
	fixture.tokens, err = loadDemo(ctx, registrar.New(store), dir)
	return err
}

// loadDemo loads the fixture's synthetic county into the store under s as "signet demo"
// does, with the campaign's workspace and a user and API token of each role (returned by
// role); dir is a directory for the campaign's files.
func loadDemo(ctx context.Context, s *registrar.Service, dir string) (map[signet.Role]string, error) {
	approved, filed := fixture.approved, fixture.filed
	const actor = "web test"
	if err := s.CreateJurisdiction(ctx, fixture.county, actor); err != nil {
		return nil, err
	}
	err := importCSV(fixture.dir, synth.FileVoters, csvfile.VoterSchema, actor, func(meta signet.ImportMeta, r *csvfile.Reader) error {
		_, err := s.ImportRoll(ctx, "demo-county", meta, r.Voters())
		return err
	})
	if err != nil {
		return nil, err
	}
	rep, err := s.AddReport(ctx, signet.RegistrationReport{ID: "demo-county-roll", JurisdictionID: "demo-county", Date: approved.AddDate(0, 0, -1)}, true, actor)
	if err != nil {
		return nil, err
	}
	if _, err := s.CreatePetition(ctx, registrar.PetitionSpec{ID: "demo", Kind: signet.KindLocalRecall, Jurisdiction: "demo-county",
		Rules: "ca-local-recall", Report: rep.ID, Approved: approved, Cutoff: signet.CutoffFilingDate, Settings: []string{"full_count_days=30"}}, actor); err != nil {
		return nil, err
	}
	err = importCSV(fixture.dir, synth.FileLines, csvfile.LineSchema, actor, func(meta signet.ImportMeta, r *csvfile.Reader) error {
		_, err := s.ImportLines(ctx, "demo", meta, r.Lines())
		return err
	})
	if err != nil {
		return nil, err
	}
	if _, err := s.FilePetition(ctx, "demo", filed, -1, actor); err != nil {
		return nil, err
	}
	err = importCSV(fixture.dir, synth.FileSignatures, csvfile.ReviewSchema, actor, func(meta signet.ImportMeta, r *csvfile.Reader) error {
		_, err := s.RecordReviews(ctx, "demo", meta.FileName, r.Reviews())
		return err
	})
	if err != nil {
		return nil, err
	}
	if _, err := s.DrawSample(ctx, "demo", demoSeed, actor); err != nil {
		return nil, err
	}
	if _, err := s.Verify(ctx, registrar.VerifyOptions{Petition: "demo", Actor: actor, SampleOnly: true}); err != nil {
		return nil, err
	}
	if _, err := s.Project(ctx, "demo", actor); err != nil {
		return nil, err
	}
	if _, err = s.Verify(ctx, registrar.VerifyOptions{Petition: "demo", Actor: actor}); err != nil {
		return nil, err
	}
	// The campaign's workspace: its intake and a pre-check (campaign_test.go).
	if err := addCampaign(ctx, s, dir); err != nil {
		return nil, err
	}
	// A user of each role, named after it, with an API token.
	s.Passwords = fastPasswords
	tokens := map[signet.Role]string{}
	for _, role := range registrar.Roles() {
		if _, err := s.AddUser(ctx, string(role), role, testPassword, actor); err != nil {
			return nil, err
		}
		_, token, err := s.AddToken(ctx, string(role), "web-test", actor)
		if err != nil {
			return nil, err
		}
		tokens[role] = token
	}
	return tokens, nil
}

// importCSV opens a file of the synthetic county with its schema and hands its rows to load.
func importCSV(dir, name string, schema csvfile.Schema, actor string, load func(signet.ImportMeta, *csvfile.Reader) error) error {
	path := filepath.Join(dir, name)
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(b)
	r, err := csvfile.NewReader(name, strings.NewReader(string(b)), schema, csvfile.Options{})
	if err != nil {
		return err
	}
	return load(signet.ImportMeta{FileName: name, SHA256: hex.EncodeToString(sum[:]), Actor: actor}, r)
}

// testServer is the web server over the demo database, and what it logged.
type testServer struct {
	t   *testing.T
	svc *registrar.Service
	srv *Server
	log *logBuffer
	// tokens are the API tokens of each role's user in its database (nil: fixture.tokens).
	tokens map[signet.Role]string
}

// bearer is the Authorization header of a role's token in the server's database.
func (ts *testServer) bearer(role signet.Role) string {
	if ts.tokens == nil {
		return "Authorization: Bearer " + fixture.tokens[role]
	}
	return "Authorization: Bearer " + ts.tokens[role]
}

func newTestServer(t *testing.T) *testServer {
	t.Helper()
	return newTestServerOn(t, fixture.db)
}

// newTestServerOn is a test server over another database.
func newTestServerOn(t *testing.T, db string) *testServer {
	t.Helper()
	return serverOver(t, openSQLite(t, db), fixture.tokens, nil)
}

// get requests path with headers given as "Name: value" and returns the response and body.
func (ts *testServer) get(path string, headers ...string) (*http.Response, string) {
	ts.t.Helper()
	return ts.do(http.MethodGet, path, headers...)
}

func (ts *testServer) do(method, path string, headers ...string) (*http.Response, string) {
	ts.t.Helper()
	return ts.send(method, "http://signet.test"+path, "", headers...)
}

// send requests a URL with a body (a form's, unless a Content-Type header says otherwise).
func (ts *testServer) send(method, target, body string, headers ...string) (*http.Response, string) {
	ts.t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, r)
	if body != "" && !slices.ContainsFunc(headers, func(h string) bool { return strings.HasPrefix(strings.ToLower(h), "content-type:") }) {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for _, h := range headers {
		k, v, _ := strings.Cut(h, ":")
		req.Header.Add(k, strings.TrimSpace(v))
	}
	rec := httptest.NewRecorder()
	ts.srv.ServeHTTP(rec, req)
	res := rec.Result()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

// logBuffer keeps what the server logs; handlers may write from other goroutines.
type logBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// copyDemo copies the demo database for a test that writes to it.
func copyDemo(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(fixture.db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(fixture.db + "-wal"); err == nil {
		t.Fatal("the demo database has a write-ahead log: a copy of the file alone would miss it")
	}
	p := filepath.Join(t.TempDir(), "demo.db")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// readCSV reads a file of the synthetic county as maps by header.
func readCSV(t *testing.T, name string) []map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join(fixture.dir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, c := range rec {
			m[recs[0][i]] = c
		}
		out = append(out, m)
	}
	return out
}

// noFailureLogged fails the test when the server's log records an answer of 500 or a
// panic: whatever a request sent, the server's own failure is never the answer.
func (ts *testServer) noFailureLogged(t *testing.T) {
	t.Helper()
	if log := ts.log.String(); strings.Contains(log, `"status":500`) || strings.Contains(log, "panicked") {
		t.Errorf("the log records a failure:\n%.2000s", log)
	}
}
