package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"strings"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/present"
	"github.com/signet-vote/signet/registrar"
)

// Exit codes, documented in the README and in "signet help".
const (
	ExitOK       = 0 // success
	ExitFailure  = 1 // a failure, or a check that did not pass (audit verify)
	ExitUsage    = 2 // the command line is wrong
	ExitInvalid  = 3 // the input was refused (a malformed file, an impossible value)
	ExitNotFound = 4 // a named thing does not exist
	ExitConflict = 5 // the thing exists already, or the state does not allow it
)

// Main is the signet program, runnable in-process by tests.
type Main struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Getenv reads the environment (SIGNET_DB, SIGNET_ACTOR, ...).
	Getenv func(string) string
	// Now is the clock.
	Now func() time.Time
	// Interactive says whether to draw progress bars (stderr is a terminal).
	Interactive bool
	// StdoutTerminal says that stdout is a terminal: a person watches, and the demo goes on
	// to serve what it built.
	StdoutTerminal bool
	// servesReaders says that the command serves many readers at once (signet serve, bench
	// serve): the embedded store then reads its file through a memory map.
	servesReaders bool
}

// NewMain returns a Main on the given streams and the process environment.
func NewMain(stdin io.Reader, stdout, stderr io.Writer) *Main {
	m := &Main{Stdin: stdin, Stdout: stdout, Stderr: stderr, Getenv: os.Getenv, Now: time.Now}
	m.Interactive = isTerminal(stderr)
	m.StdoutTerminal = isTerminal(stdout)
	return m
}

// isTerminal says whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

type command struct {
	name    string
	summary string
	run     func(m *Main, ctx context.Context, args []string) error
}

func commands() []command {
	return []command{
		{"demo", "run the whole job on a synthetic county: synth, import, file, verify, report", (*Main).runDemo},
		{"synth", "write a synthetic voter roll and petition with ground truth", (*Main).runSynth},
		{"jurisdiction", "create, show and list jurisdictions (create|show|list)", (*Main).runJurisdiction},
		{"registration", "add and list reports of registration (add|list)", (*Main).runRegistration},
		{"voters", "import a voter roll, count it (import|stats)", (*Main).runVoters},
		{"petition", "create, file and show petitions (create|file|show|list)", (*Main).runPetition},
		{"lines", "import a petition's signature lines (import)", (*Main).runLines},
		{"review", "signature comparisons, the linker's review queue and the clerks' desk (record|import|next|decide|claim|release|settle|assign|throughput)", (*Main).runReview},
		{"challenge", "proponents' challenges of invalid lines and the supervisor's answers (add|list|answer)", (*Main).runChallenge},
		{"override", "override a line's verdict with a stated reason (a supervisor's ruling)", (*Main).runOverride},
		{"invalid", "list a petition's invalid lines, redacted for the proponents (--csv to export)", (*Main).runInvalid},
		{"verify", "verify a petition's lines against the roll (the full count)", (*Main).runVerify},
		{"line", "show one line, its verdict and the evidence (show|explain)", (*Main).runLine},
		{"report", "print the Registrar-style result of a petition", (*Main).runReport},
		{"certificate", "issue the certificate of sufficiency or insufficiency of a decided petition", (*Main).runCertificate},
		{"state", "a state-officer recall: county reports and the statewide running total (report add|status)", (*Main).runState},
		{"bench", "measure at scale on a synthetic county: linking (match), a roll import (import), the web application under load (serve)", (*Main).runBench},
		{"link", "link the records of two files with the matching engine (generic linkage)", (*Main).runLink},
		{"audit", "verify the hash chain of the audit log, list events (verify|log)", (*Main).runAudit},
		{"law", "the rule packs: list, show, required count, deadlines (list|show|required|deadlines)", (*Main).runLaw},
		{"sample", "the statutory random sample: size, a re-drawable draw, the projection (size|draw|project)", (*Main).runSample},
		{"intake", "the campaign's sections turned in and its running totals (add|show)", (*Main).runIntake},
		{"precheck", "pre-check the campaign's lines against its voter file, the reasons and circulators (run|show)", (*Main).runPrecheck},
		{"circulators", "circulator quality signals from the pre-checks: rates with intervals, flags with evidence", (*Main).runCirculators},
		{"forecast", "the campaign's forecast: valid count at the deadline, probability of qualifying, raw count and daily rate needed", (*Main).runForecast},
		{"serve", "serve the web application: public pages, JSON API, health and metrics", (*Main).runServe},
		{"user", "accounts of the web application and their roles (add|list|role|disable|enable)", (*Main).runUser},
		{"token", "API tokens for programs, shown once (add|list|revoke)", (*Main).runToken},
		{"version", "print the version", (*Main).runVersion},
	}
}

// Version is the program's version, set at build time with -ldflags "-X main.Version=...".
var Version = "0.1.0-dev"

func (m *Main) usage() string {
	var b strings.Builder
	b.WriteString(`signet — verify recall and initiative petitions against the voter roll.

Usage: signet <command> [flags] [arguments]

Commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %-13s %s\n", c.name, c.summary)
	}
	b.WriteString(`
Run "signet <command> --help" for a command's flags.

Every command that touches data takes --db FILE (default $SIGNET_DB, else signet.db), or
--db postgres://user@host:port/database for a PostgreSQL database (the server store).
Commands that report take --json.

Exit codes: 0 ok · 1 failure (or a failed check) · 2 usage error · 3 input refused ·
4 not found · 5 conflict with what is stored.
`)
	return b.String()
}

// Run runs the command line args (without the program name).
func (m *Main) Run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(m.Stderr, m.usage())
		return usageErr("no command given")
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			return m.Run(ctx, []string{args[1], "--help"})
		}
		fmt.Fprint(m.Stdout, m.usage())
		return nil
	case "--version", "-version":
		name = "version"
	}
	for _, c := range commands() {
		if c.name == name {
			err := c.run(m, ctx, args[1:])
			var ht *helpText
			if errors.As(err, &ht) {
				ht.text = fmt.Sprintf("Usage: signet %s <subcommand> [flags]\n\n%s\n%s", c.name, c.summary, ht.text)
			}
			return err
		}
	}
	return usageErr("unknown command %q (run signet help)", name)
}

// usageError is a mistake on the command line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usageErr(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// helpText is help asked for with --help: printed to stderr, exit 0.
type helpText struct{ text string }

func (h *helpText) Error() string { return h.text }

// silentError ends a command whose message was already printed.
type silentError struct{ code int }

func (e *silentError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// Exit prints err and maps it to the process exit code: the one place that does.
func (m *Main) Exit(err error) int {
	if err == nil {
		return ExitOK
	}
	if errors.Is(err, flag.ErrHelp) {
		return ExitOK
	}
	var se *silentError
	if errors.As(err, &se) {
		return se.code
	}
	var ht *helpText
	if errors.As(err, &ht) {
		fmt.Fprintln(m.Stderr, ht.text)
		return ExitOK
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(m.Stderr, "signet: %s\n", ue.msg)
		return ExitUsage
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(m.Stderr, "signet: interrupted; nothing half-done was kept")
		return ExitFailure
	}
	err = unnamedRefusal(err)
	fmt.Fprintf(m.Stderr, "signet: %s\n", err)
	switch signet.Code(err) {
	case signet.EInvalid:
		return ExitInvalid
	case signet.ENotFound:
		return ExitNotFound
	case signet.EConflict:
		return ExitConflict
	}
	return ExitFailure
}

// flags builds a flag set for a command with its help text.
func (m *Main) flags(name, usage, help string) *flag.FlagSet {
	fs := flag.NewFlagSet("signet "+name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(m.Stderr, "Usage: signet %s %s\n\n%s\n\nFlags:\n", name, usage, strings.TrimSpace(help))
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags, letting flags and positional arguments be interleaved.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageErr("%s: %v", fs.Name(), err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

type common struct {
	db    *string
	json  *bool
	actor *string
}

func (m *Main) commonFlags(fs *flag.FlagSet, withJSON bool) common {
	def := m.Getenv("SIGNET_DB")
	if def == "" {
		def = "signet.db"
	}
	c := common{db: fs.String("db", def, "database file, or postgres:// URL (env SIGNET_DB)")}
	if withJSON {
		c.json = fs.Bool("json", false, "print JSON")
	}
	c.actor = fs.String("by", m.defaultActor(), "who is acting, recorded in the audit log (env SIGNET_ACTOR)")
	return c
}

func (m *Main) defaultActor() string {
	if a := m.Getenv("SIGNET_ACTOR"); a != "" {
		return a
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return "signet"
}

func (c common) isJSON() bool { return c.json != nil && *c.json }

// open opens the store of an existing database: a mistyped --db is an error, not a new,
// empty database (a command that reads must never create one).
func (m *Main) open(ctx context.Context, c common) (*registrar.Service, error) {
	if err := dbExists(*c.db); err != nil {
		return nil, err
	}
	return m.openDB(ctx, *c.db)
}

// openCreating opens the store, creating the database file when there is none: for the
// command that starts a database (jurisdiction create).
func (m *Main) openCreating(ctx context.Context, c common) (*registrar.Service, error) {
	return m.openDB(ctx, *c.db)
}

func (m *Main) printJSON(v any) error {
	enc := json.NewEncoder(m.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// need returns an error for a required flag left empty.
func need(name, value string) error {
	if strings.TrimSpace(value) == "" {
		return usageErr("--%s is required", name)
	}
	return nil
}

// given says whether a flag was given on the command line: a number flag's value alone
// cannot say so when any number may be given (a negative one is the engine's to refuse,
// as an impossible value, not the command line's).
func given(fs *flag.FlagSet, name string) bool {
	found := false
	fs.Visit(func(f *flag.Flag) { found = found || f.Name == name })
	return found
}

// sub splits off a subcommand.
func sub(args []string, names ...string) (string, []string, error) {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
			return "", nil, &helpText{fmt.Sprintf("subcommands: %s (each takes --help)", strings.Join(names, ", "))}
		}
		return "", nil, usageErr("a subcommand is needed: %s", strings.Join(names, ", "))
	}
	for _, n := range names {
		if args[0] == n {
			return n, args[1:], nil
		}
	}
	return "", nil, usageErr("unknown subcommand %q (want one of: %s)", args[0], strings.Join(names, ", "))
}

// hashFile returns the hex SHA-256 of a file.
func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", signet.Errorf(signet.ENotFound, "%v", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func parseDateFlag(name, v string) (time.Time, error) {
	if err := need(name, v); err != nil {
		return time.Time{}, err
	}
	// A flag given right with a value that is no date is a refused value (exit 3), as an
	// impossible date in a file is.
	return signet.ParseDateOf("--"+name, v)
}

// commas prints an integer with thousands separators.
func commas(n int) string { return present.Commas(n) }

func (m *Main) runVersion(ctx context.Context, args []string) error {
	fmt.Fprintln(m.Stdout, "signet", Version)
	return nil
}

// openFor parses a command's flags, checks that each named flag was given, and opens the
// store: the start most data commands share.
func (m *Main) openFor(ctx context.Context, fs *flag.FlagSet, args []string, c common, required ...string) (*registrar.Service, error) {
	if _, err := parse(fs, args); err != nil {
		return nil, err
	}
	for _, name := range required {
		if err := need(name, fs.Lookup(name).Value.String()); err != nil {
			return nil, err
		}
	}
	return m.open(ctx, c)
}
