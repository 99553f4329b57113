package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/signet-vote/signet/internal/pgtest"
)

// storeCase is one command of the script TestConstraintsGetDocumentedAnswers runs on each
// store: what it must exit with and what its message must say. In args, @NAME is the file
// NAME of the env's directory, and @DB the database.
type storeCase struct {
	name string
	args []string
	code int
	want []string // on stderr when the command fails, on stdout when it succeeds
}

// timed says whether a command's output holds its timings: only its exit code and what
// it must say are compared between the stores.
func (c storeCase) timed() bool {
	return c.code == ExitOK && (c.args[0] == "verify" || c.args[0] == "demo")
}

// constraintScript drives every command that writes into each constraint of the schema
// (sqlite/migrations, postgres/migrations) that a command can reach, in order: the
// successful steps build the state the refusals run against. The keys no command can
// reach are the stores' own numbering: roll_packs, line_packs and linker_snapshots
// (chunks of one import, numbered by the store in its transaction), events and
// events_head (the log, appended under the write lock), schema_migrations, and the
// foreign keys of packs and snapshots to their import. Two commands at once are other
// tests': count_holds (SQLite's hold on a count) and the verdicts' keys meet a second
// verify while one runs (TestVerifyKilledAndResumed, TestSharedCountOnPostgres), and the
// stores' own tests drive the verdicts' keys (sqlite/save_test.go). The stores'
// conformance suite drives the checks the engine keeps commands from (storetest,
// RefusalsAreNamed).
var constraintScript = []storeCase{
	// jurisdictions: PRIMARY KEY (id); jurisdiction_zips: PRIMARY KEY (jurisdiction_id, zip).
	{"jurisdiction", []string{"jurisdiction", "create", "--id", "tiny", "--name", "Tiny County", "--zips", "90012,90013"}, ExitOK, nil},
	{"jurisdiction twice", []string{"jurisdiction", "create", "--id", "tiny", "--name", "Again", "--zips", "90012"}, ExitConflict,
		[]string{`jurisdiction "tiny" already exists`}},
	{"a ZIP code twice", []string{"jurisdiction", "create", "--id", "other", "--zips", "90012,90012,90014"}, ExitOK,
		[]string{"created jurisdiction other (other) with 2 ZIP codes"}},

	// registration_reports: PRIMARY KEY (id), FOREIGN KEY (jurisdiction_id), CHECK (registered >= 0).
	{"report from a roll not imported", []string{"registration", "add", "--id", "r0", "--jurisdiction", "tiny", "--date", "2022-01-01", "--from-roll"}, ExitNotFound,
		[]string{`jurisdiction "tiny" has no voter roll to count`}},
	{"report", []string{"registration", "add", "--id", "r1", "--jurisdiction", "tiny", "--date", "2022-01-01", "--registered", "1000"}, ExitOK, nil},
	{"report twice", []string{"registration", "add", "--id", "r1", "--jurisdiction", "tiny", "--date", "2022-01-02", "--registered", "1001"}, ExitConflict,
		[]string{`registration report "r1" already exists`}},
	{"report of no jurisdiction", []string{"registration", "add", "--id", "r2", "--jurisdiction", "nowhere", "--date", "2022-01-01", "--registered", "10"}, ExitNotFound,
		[]string{`no jurisdiction "nowhere"`}},
	{"report of fewer than no voters", []string{"registration", "add", "--id", "r3", "--jurisdiction", "tiny", "--date", "2022-01-01", "--registered", "-5"}, ExitInvalid,
		[]string{"report r3: the registered count must be at least 1 (it is -5)"}},

	// roll_imports: FOREIGN KEY (jurisdiction_id); voters: PRIMARY KEY (import_id, voter_id),
	// CHECK (status IN ...), NOT NULL on every field.
	{"roll", []string{"voters", "import", "--jurisdiction", "tiny", "@voters.csv"}, ExitOK, nil},
	{"roll twice", []string{"voters", "import", "--jurisdiction", "tiny", "@voters.csv"}, ExitConflict,
		[]string{"voters.csv: this file was already imported for tiny (snapshot 1); pass --new-snapshot"}},
	{"a voter id twice in a roll", []string{"voters", "import", "--jurisdiction", "tiny", "@dupvoters.csv"}, ExitInvalid,
		[]string{"dupvoters.csv: line 10, column voter_id: the voter id appears more than once in the file (first on line 4)"}},
	{"a roll of no jurisdiction", []string{"voters", "import", "--jurisdiction", "nowhere", "@voters.csv"}, ExitNotFound,
		[]string{`no jurisdiction "nowhere"`}},
	{"a status the roll does not know", []string{"voters", "import", "--jurisdiction", "tiny", "@badstatus.csv"}, ExitInvalid,
		[]string{"badstatus.csv: line 2, column 12 (status)", `"moved" is not a voter status`}},
	{"a voter without an id", []string{"voters", "import", "--jurisdiction", "tiny", "@noid.csv"}, ExitInvalid,
		[]string{"noid.csv: line 3, column", "voter_id"}},

	// petitions: PRIMARY KEY (id), FOREIGN KEY (jurisdiction_id), FOREIGN KEY (report_id);
	// petition_county_votes: PRIMARY KEY (petition_id, county), CHECK (last_vote >= 0).
	{"petition", []string{"petition", "create", "--id", "p", "--kind", "local-recall", "--jurisdiction", "tiny", "--rules", "ca-local-recall", "--report", "r1", "--approved", "2022-01-27"}, ExitOK, nil},
	{"petition twice", []string{"petition", "create", "--id", "p", "--kind", "local-recall", "--jurisdiction", "tiny", "--rules", "ca-local-recall", "--report", "r1", "--approved", "2022-01-28"}, ExitConflict,
		[]string{`petition "p" already exists`}},
	{"petition of no jurisdiction", []string{"petition", "create", "--id", "q", "--jurisdiction", "nowhere", "--report", "r1", "--approved", "2022-01-27"}, ExitNotFound,
		[]string{`no jurisdiction "nowhere"`}},
	{"petition on no report", []string{"petition", "create", "--id", "q", "--jurisdiction", "tiny", "--report", "r9", "--approved", "2022-01-27"}, ExitNotFound,
		[]string{`no registration report "r9"`}},
	{"petition on another jurisdiction's report", []string{"petition", "create", "--id", "q", "--jurisdiction", "other", "--report", "r1", "--approved", "2022-01-27"}, ExitInvalid,
		[]string{"report r1 counts tiny, not other"}},
	{"a county twice in the county votes", []string{"petition", "create", "--id", "gov", "--kind", "state-recall", "--jurisdiction", "tiny", "--rules", "ca-state-recall",
		"--last-vote", "12464235", "--county-votes", "@dupvotes.csv", "--approved", "2020-06-10"}, ExitInvalid,
		[]string{"dupvotes.csv: line 4: county Alameda appears more than once in the file (first on line 2)"}},
	{"a county's negative last vote", []string{"petition", "create", "--id", "gov", "--kind", "state-recall", "--jurisdiction", "tiny", "--rules", "ca-state-recall",
		"--last-vote", "12464235", "--county-votes", "@negvotes.csv", "--approved", "2020-06-10"}, ExitInvalid,
		[]string{"negvotes.csv: line 3, column 2 (last_vote): \"-5\" is not a count"}},
	{"state recall", []string{"petition", "create", "--id", "gov", "--kind", "state-recall", "--jurisdiction", "tiny", "--rules", "ca-state-recall",
		"--last-vote", "12464235", "--county-votes", "@votes.csv", "--approved", "2020-06-10"}, ExitOK, nil},
	{"state recall twice", []string{"petition", "create", "--id", "gov", "--kind", "state-recall", "--jurisdiction", "tiny", "--rules", "ca-state-recall",
		"--last-vote", "12464235", "--county-votes", "@votes.csv", "--approved", "2020-06-10"}, ExitConflict,
		[]string{`petition "gov" already exists`}},

	// line_imports: UNIQUE (petition_id, file_sha256), FOREIGN KEY (petition_id); sections:
	// PRIMARY KEY (petition_id, id); lines: PRIMARY KEY (petition_id, seq), UNIQUE
	// (petition_id, line_id), FOREIGN KEY (petition_id, section_id).
	{"lines of no petition", []string{"lines", "import", "--petition", "nope", "@lines.csv"}, ExitNotFound, []string{`no petition "nope"`}},
	{"lines", []string{"lines", "import", "--petition", "p", "@lines.csv"}, ExitOK, nil},
	{"lines twice", []string{"lines", "import", "--petition", "p", "@lines.csv"}, ExitConflict,
		[]string{"lines.csv: this file was already imported for petition p (import 1)"}},
	{"a line id twice in a file", []string{"lines", "import", "--petition", "p", "@dupline.csv"}, ExitInvalid,
		[]string{"dupline.csv: line 3, column line_number: this line number of this section appears more than once (first on line 2)"}},
	{"a line id of an earlier file", []string{"lines", "import", "--petition", "p", "@again.csv"}, ExitConflict,
		[]string{`again.csv: line 3, column line_number: petition "p" has line "S1-7" already (imported before)`}},
	{"a section's other circulator in another file", []string{"lines", "import", "--petition", "p", "@othercirc.csv"}, ExitInvalid,
		[]string{`othercirc.csv: line 2, column circulator: section S2 was circulated by "Circ B", not "Circ Z"`}},
	{"more lines of a section", []string{"lines", "import", "--petition", "p", "@more.csv"}, ExitOK, []string{"imported 1 lines into petition p (filing order 14–14)"}},

	// reviews: PRIMARY KEY (petition_id, line_id) (a later decision replaces the earlier),
	// FOREIGN KEY (petition_id, line_id), CHECK (signature IN ('match', 'mismatch')).
	{"review of no line", []string{"review", "record", "--petition", "p", "--line", "S9-9", "--signature", "match"}, ExitNotFound,
		[]string{`petition "p" has no line "S9-9"`}},
	{"review of no petition", []string{"review", "record", "--petition", "nope", "--line", "S1-1", "--signature", "match"}, ExitNotFound,
		[]string{`no petition "nope"`}},
	{"reviews of no line", []string{"review", "import", "--petition", "p", "@revunknown.csv"}, ExitNotFound,
		[]string{`revunknown.csv: line 3, column line_id: petition "p" has no line "S9-9"`}},
	{"a review that is no decision", []string{"review", "import", "--petition", "p", "@revbad.csv"}, ExitInvalid,
		[]string{"revbad.csv: line 2", "maybe"}},
	{"review", []string{"review", "record", "--petition", "p", "--line", "S1-6", "--signature", "match"}, ExitOK, nil},
	{"review again", []string{"review", "record", "--petition", "p", "--line", "S1-6", "--signature", "mismatch"}, ExitOK, nil},

	// link_reviews: PRIMARY KEY (petition_id, line_id) (the later decision replaces the
	// earlier), FOREIGN KEY (petition_id, line_id).
	{"link decision of no line", []string{"review", "decide", "--petition", "p", "--line", "S9-9", "--voter", "V1"}, ExitNotFound,
		[]string{`petition "p" has no line "S9-9"`}},
	{"link decision of no petition", []string{"review", "decide", "--petition", "nope", "--line", "S1-1", "--no-match"}, ExitNotFound,
		[]string{`no petition "nope"`}},
	{"link decision", []string{"review", "decide", "--petition", "p", "--line", "S1-1", "--voter", "V1"}, ExitOK, nil},
	{"link decision again", []string{"review", "decide", "--petition", "p", "--line", "S1-1", "--no-match"}, ExitOK, nil},

	// What a petition must be filed for; petitions' filing (an UPDATE, no key of its own).
	{"sample of a petition not filed", []string{"sample", "draw", "--petition", "p", "--seed", "1"}, ExitConflict, []string{`petition "p" is not filed yet`}},
	{"verify a petition not filed", []string{"verify", "--petition", "p"}, ExitConflict, []string{`petition "p" is not filed yet`}},
	{"projection before a sample", []string{"sample", "project", "--petition", "p"}, ExitNotFound, []string{`petition "p" has no sample yet`}},
	{"filing of no petition", []string{"petition", "file", "--petition", "nope", "--date", "2022-03-20"}, ExitNotFound, []string{`no petition "nope"`}},
	{"filing", []string{"petition", "file", "--petition", "p", "--date", "2022-03-20"}, ExitOK, nil},
	{"filing twice", []string{"petition", "file", "--petition", "p", "--date", "2022-03-21"}, ExitConflict,
		[]string{`petition "p" was already filed on 2022-03-20 with 14 lines`}},
	{"lines after the filing", []string{"lines", "import", "--petition", "p", "@late.csv"}, ExitConflict,
		[]string{`petition "p" was filed on 2022-03-20: a filed petition takes no more lines`}},

	// verdicts: PRIMARY KEY (petition_id, seq) (a line decided again replaces its verdict),
	// FOREIGN KEY (petition_id, seq).
	{"verify", []string{"verify", "--petition", "p"}, ExitOK, nil},
	{"verify again", []string{"verify", "--petition", "p"}, ExitOK, []string{"verified 0 of 14 lines"}},
	{"a decision after the verdict", []string{"review", "record", "--petition", "p", "--line", "S1-7", "--signature", "mismatch"}, ExitOK, nil},
	{"verify the line again", []string{"verify", "--petition", "p"}, ExitOK, []string{"verified 1 of 14 lines"}},
	{"verify no petition", []string{"verify", "--petition", "nope"}, ExitNotFound, []string{`no petition "nope"`}},

	// samples: PRIMARY KEY (petition_id), FOREIGN KEY (petition_id); sample_lines: PRIMARY
	// KEY (petition_id, seq), FOREIGN KEY (petition_id, seq); projections: PRIMARY KEY
	// (petition_id) (a projection again replaces the earlier), FOREIGN KEY (petition_id).
	{"sample of a petition that cannot qualify", []string{"sample", "draw", "--petition", "p", "--seed", "1"}, ExitConflict,
		[]string{`petition "p" filed 14 lines, fewer than the 250 required: it fails without verification`}},
	{"sample of no petition", []string{"sample", "draw", "--petition", "nope", "--seed", "1"}, ExitNotFound, []string{`no petition "nope"`}},
	{"big petition", []string{"petition", "create", "--id", "big", "--jurisdiction", "tiny", "--report", "r1", "--approved", "2022-01-27"}, ExitOK, nil},
	{"big petition's lines", []string{"lines", "import", "--petition", "big", "@big.csv"}, ExitOK, nil},
	{"big petition filed", []string{"petition", "file", "--petition", "big", "--date", "2022-03-20"}, ExitOK, nil},
	{"sample", []string{"sample", "draw", "--petition", "big", "--seed", "31415"}, ExitOK, []string{"drew 500 of 600 lines with seed 31415"}},
	{"the same sample again", []string{"sample", "draw", "--petition", "big", "--seed", "31415"}, ExitOK, []string{"drew 500 of 600 lines with seed 31415"}},
	{"a sample with another seed", []string{"sample", "draw", "--petition", "big", "--seed", "27182"}, ExitConflict,
		[]string{`petition "big" was sampled with the seed 31415: a sample is drawn once`}},
	{"projection before the sample is verified", []string{"sample", "project", "--petition", "big"}, ExitConflict,
		[]string{`500 of the 500 sampled lines of petition "big" have no verdict yet`}},
	{"verify the sample", []string{"verify", "--petition", "big", "--sample"}, ExitOK, nil},
	{"projection", []string{"sample", "project", "--petition", "big"}, ExitOK, nil},
	{"projection again", []string{"sample", "project", "--petition", "big"}, ExitOK, nil},
	{"projection of no petition", []string{"sample", "project", "--petition", "nope"}, ExitNotFound, []string{`no petition "nope"`}},

	// state_reports: PRIMARY KEY (petition_id, county, period_end), FOREIGN KEY
	// (petition_id), CHECK (raw >= 0), CHECK (valid >= 0 AND valid <= raw).
	{"county report of a local recall", []string{"state", "report", "add", "--petition", "p", "--county", "Alameda", "--period-end", "2021-02-05", "--raw", "10", "--valid", "5"}, ExitConflict,
		[]string{`petition "p" is not a state-officer recall`}},
	{"county report of no petition", []string{"state", "report", "add", "--petition", "nope", "--county", "Alameda", "--period-end", "2021-02-05", "--raw", "10", "--valid", "5"}, ExitNotFound,
		[]string{`no petition "nope"`}},
	{"county report of no county", []string{"state", "report", "add", "--petition", "gov", "--county", "Marin", "--period-end", "2021-02-05", "--raw", "10", "--valid", "5"}, ExitNotFound,
		[]string{`petition "gov" has no county "Marin"`}},
	{"county report", []string{"state", "report", "add", "--petition", "gov", "--county", "Alameda", "--period-end", "2021-02-05", "--raw", "40000", "--valid", "30000"}, ExitOK, nil},
	{"county report twice", []string{"state", "report", "add", "--petition", "gov", "--county", "Alameda", "--period-end", "2021-02-05", "--raw", "41000", "--valid", "31000"}, ExitConflict,
		[]string{"Alameda already reported for the period ending 2021-02-05"}},
	{"county report of an earlier period", []string{"state", "report", "add", "--petition", "gov", "--county", "Alameda", "--period-end", "2021-01-05", "--raw", "41000", "--valid", "31000"}, ExitConflict,
		[]string{"Alameda already reported for the period ending 2021-02-05"}},
	{"county report of more valid than raw", []string{"state", "report", "add", "--petition", "gov", "--county", "Fresno", "--period-end", "2021-02-05", "--raw", "10", "--valid", "11"}, ExitInvalid,
		[]string{"Fresno, period ending 2021-02-05: 11 valid of 10 lines"}},
	{"county report of negative lines", []string{"state", "report", "add", "--petition", "gov", "--county", "Fresno", "--period-end", "2021-02-05", "--raw", "-3", "--valid", "0"}, ExitInvalid,
		[]string{"Fresno, period ending 2021-02-05: -3 lines"}},

	// intake: UNIQUE (petition_id, section_id), FOREIGN KEY (petition_id), CHECK (lines > 0);
	// intake_files: PRIMARY KEY (petition_id, sha256); precheck_runs: UNIQUE (petition_id,
	// lines_sha256, voter_sha256), FOREIGN KEY (petition_id); precheck_lines: PRIMARY KEY
	// (petition_id, line_id), FOREIGN KEY
	// (run_id).
	{"intake", []string{"intake", "add", "--petition", "p", "@intake.csv"}, ExitOK, []string{"recorded 2 sections (30 lines) turned in for petition p"}},
	{"intake file twice", []string{"intake", "add", "--petition", "p", "@intake.csv"}, ExitConflict, []string{`this file's intake was recorded before for petition "p"`}},
	{"intake section twice", []string{"intake", "add", "--petition", "p", "--section", "S2", "--circulator", "Circ B", "--date", "2022-03-05", "--lines", "3"}, ExitConflict,
		[]string{"section S2 of petition p was turned in before"}},
	{"intake of no lines", []string{"intake", "add", "--petition", "p", "--section", "S9", "--circulator", "Circ B", "--date", "2022-03-05", "--lines", "0"}, ExitInvalid,
		[]string{"--lines 0: a section turned in holds at least one line"}},
	{"intake of no petition", []string{"intake", "add", "--petition", "nope", "@intake.csv"}, ExitNotFound, []string{`no petition "nope"`}},
	{"precheck", []string{"precheck", "run", "--petition", "p", "--voters", "@voters.csv", "@lines.csv"}, ExitOK, []string{"pre-checked 13 lines of lines.csv against 8 voters of voters.csv"}},
	{"precheck again", []string{"precheck", "run", "--petition", "p", "--voters", "@voters.csv", "@lines.csv"}, ExitConflict,
		[]string{"lines.csv was pre-checked against voters.csv before for petition \"p\""}},
	{"precheck of one more line", []string{"precheck", "run", "--petition", "p", "--voters", "@voters.csv", "@more.csv"}, ExitOK, []string{"pre-checked 1 line of more.csv", "14 lines pre-checked in 2 runs"}},
	{"precheck of no petition", []string{"precheck", "run", "--petition", "nope", "--voters", "@voters.csv", "@lines.csv"}, ExitNotFound, []string{`no petition "nope"`}},
	{"circulators", []string{"circulators", "--petition", "p"}, ExitOK, []string{"14 pre-checked lines", "after their section was turned in"}},
	{"forecast from the intake", []string{"forecast", "--petition", "p", "--as-of", "2022-03-05"}, ExitOK, []string{"30 lines collected"}},

	// Reading what is not there.
	{"line of no petition", []string{"line", "show", "--petition", "nope", "--line", "S1-1"}, ExitNotFound, []string{`petition "nope" has no line "S1-1"`}},
	{"no line", []string{"line", "show", "--petition", "p", "--line", "S9-9"}, ExitNotFound, []string{`petition "p" has no line "S9-9"`}},
	{"report of no petition", []string{"report", "--petition", "nope"}, ExitNotFound, []string{`no petition "nope"`}},
	{"certificate of no petition", []string{"certificate", "--petition", "nope"}, ExitNotFound, []string{`no petition "nope"`}},
	{"the log is intact", []string{"audit", "verify"}, ExitOK, []string{"intact"}},

	// The demo writes all of the above on a database of its own; on one that holds it
	// already it is refused before it writes.
	{"demo", []string{"demo", "--voters", "300", "--lines", "40", "--db", "@DB", "--out", "@world"}, ExitOK, nil},
	{"demo twice", []string{"demo", "--voters", "300", "--lines", "40", "--db", "@DB", "--out", "@world"}, ExitConflict,
		[]string{"DB already holds the demo petition: pass --fresh to start over, or another --db"}},
}

// rawStoreWords are a driver's words, which a message meant for people never holds;
// createTable finds the schema's tables in the migrations.
var (
	createTable   = regexp.MustCompile(`(?i)CREATE TABLE (\w+)`)
	rawStoreWords = []string{"constraint", "sqlstate", "violates", "pq:", "pgx", "pgconn", "sqlite", "duplicate key", "key (", "foreign key", "unique", "syntax error"}
)

// rawStoreText returns what finds the store's own text in a message: a driver's words, a
// table's column as SQLite names one ("verdicts.petition_id") or a table as PostgreSQL
// does ("lines"); "" when there is none.
func rawStoreText(t *testing.T) func(s string) string {
	t.Helper()
	var tables []string
	for _, glob := range []string{"../../sqlite/migrations/*.sql", "../../postgres/migrations/*.sql"} {
		files, err := filepath.Glob(glob)
		if err != nil || len(files) == 0 {
			t.Fatalf("no migrations in %s: %v", glob, err)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range createTable.FindAllStringSubmatch(string(b), -1) {
				tables = append(tables, regexp.QuoteMeta(m[1]))
			}
		}
	}
	col := regexp.MustCompile(`\b(` + strings.Join(tables, "|") + `)\.[a-z_]+\b|"(` + strings.Join(tables, "|") + `)"`)
	return func(s string) string {
		low := strings.ToLower(s)
		for _, w := range rawStoreWords {
			if strings.Contains(low, w) {
				return w
			}
		}
		// File names in the messages are table names with an extension: lines.csv.
		for _, m := range col.FindAllString(s, -1) {
			if !strings.HasSuffix(m, ".csv") && !strings.HasSuffix(m, ".db") {
				return m
			}
		}
		return ""
	}
}

// writeScriptFiles writes the files constraintScript names.
func writeScriptFiles(e *env) {
	e.write("voters.csv", tinyVoters)
	e.write("dupvoters.csv", tinyVoters+"V3,ANN,,LEE,,300,OAK DR,,LOS ANGELES,90012,2010-01-01,active,,\n")
	e.write("badstatus.csv", strings.Replace(tinyVoters, "2010-01-01,active", "2010-01-01,moved", 1))
	e.write("noid.csv", strings.Replace(tinyVoters, "\nV2,", "\n,", 1))
	e.write("votes.csv", "county,last_vote\nAlameda,600000\nFresno,250000\nKern,200000\nLos Angeles,3000000\nOrange,1200000\nSan Diego,1300000\n")
	e.write("dupvotes.csv", "county,last_vote\nAlameda,600000\nFresno,250000\nAlameda,500000\n")
	e.write("negvotes.csv", "county,last_vote\nAlameda,600000\nFresno,-5\n")
	head := tinyLines[:strings.Index(tinyLines, "\n")+1]
	e.write("lines.csv", tinyLines)
	e.write("dupline.csv", head+"S3,Circ C,1,Ann Lee,300,Oak Dr,,,90012,2022-03-01,yes,no\nS3,Circ C,1,Bob Smith,200,Elm Ave,,,90013,2022-03-01,yes,no\n")
	e.write("again.csv", head+"S1,Circ A,8,Ann Lee,300,Oak Dr,,,90012,2022-03-01,yes,no\nS1,Circ A,7,Bob Smith,200,Elm Ave,,,90013,2022-03-01,yes,no\n")
	e.write("othercirc.csv", head+"S2,Circ Z,7,Ann Lee,300,Oak Dr,,,90012,2022-03-01,yes,no\n")
	e.write("more.csv", head+"S2,Circ B,7,Kim Lee,300,Oak Dr,,,90012,2022-03-03,yes,no\n")
	e.write("late.csv", head+"S4,Circ D,1,Kim Lee,300,Oak Dr,,,90012,2022-03-03,yes,no\n")
	e.write("intake.csv", "section_id,circulator,turned_in,lines\nS1,Circ A,2022-03-02,20\nS2,Circ B,2022-03-04,10\n")
	e.write("revunknown.csv", "line_id,signature,by\nS1-1,match,clerk\nS9-9,match,clerk\n")
	e.write("revbad.csv", "line_id,signature,by\nS1-1,maybe,clerk\n")
	var big strings.Builder
	big.WriteString(head)
	for i := 0; i < 600; i++ {
		fmt.Fprintf(&big, "B%d,Circ %d,%d,Voter %d,%d,Main St,,,90012,2022-03-01,yes,no\n", i/20, i/20, i%20+1, i, 100+i)
	}
	e.write("big.csv", big.String())
}

// Every command driven into every constraint of the stores it can reach gets the README's
// exit code for that kind of refusal and a message in the user's terms (the id, the file,
// the line), never the store's own words; and the same on SQLite and PostgreSQL.
func TestConstraintsGetDocumentedAnswers(t *testing.T) {
	raw := rawStoreText(t)
	type result struct {
		out, errs string
		code      int
	}
	stores := []struct {
		name string
		env  func(*testing.T) *env
	}{{"sqlite", newEnv}, {"postgres", pgEnv}}
	results := make([][]result, len(stores))
	for i, st := range stores {
		t.Run(st.name, func(t *testing.T) {
			e := st.env(t)
			writeScriptFiles(e)
			for _, c := range constraintScript {
				args := make([]string, len(c.args))
				for k, a := range c.args {
					if a == "@DB" {
						a = e.db
					} else if name, ok := strings.CutPrefix(a, "@"); ok {
						a = filepath.Join(e.dir, name)
					}
					args[k] = a
				}
				out, errs, code := e.run(args...)
				clean := func(s string) string {
					s = strings.ReplaceAll(strings.ReplaceAll(s, dbLabel(e.db), "DB"), e.db, "DB")
					return strings.ReplaceAll(s, e.dir+string(filepath.Separator), "")
				}
				out, errs = took.ReplaceAllString(clean(out), "in Ts"), clean(errs)
				results[i] = append(results[i], result{out, errs, code})
				said := out
				if c.code != ExitOK {
					said = errs
				}
				if code != c.code {
					t.Errorf("%s: exit %d, want %d\nstdout: %s\nstderr: %s", c.name, code, c.code, out, errs)
				}
				for _, w := range c.want {
					if !strings.Contains(said, w) {
						t.Errorf("%s: the message does not say %q:\nstdout: %s\nstderr: %s", c.name, w, out, errs)
					}
				}
				if w := raw(out + errs); w != "" {
					t.Errorf("%s: the store's own words (%q) reach the user:\nstdout: %s\nstderr: %s", c.name, w, out, errs)
				}
			}
		})
	}
	if len(results[0]) != len(results[1]) {
		return // a store's run stopped; its failure says why
	}
	for k, c := range constraintScript {
		a, b := results[0][k], results[1][k]
		if c.timed() {
			a.out, b.out, a.errs, b.errs = "", "", "", ""
		}
		if a != b {
			t.Errorf("%s: SQLite exit %d, stderr %q, stdout %q; PostgreSQL exit %d, stderr %q, stdout %q", c.name, a.code, a.errs, a.out, b.code, b.errs, b.out)
		}
	}
}

// The test's own eye: it sees each store's words, and not a file named like a table.
func TestRawStoreTextIsSeen(t *testing.T) {
	raw := rawStoreText(t)
	for _, s := range []string{
		"constraint failed: UNIQUE constraint failed: verdicts.petition_id, verdicts.seq (1555)",
		"FOREIGN KEY constraint failed (787)",
		`ERROR: duplicate key value violates unique constraint "lines_petition_id_line_id_key" (SQLSTATE 23505)`,
		"(Key (petition_id, line_id)=(p, S1-7) already exists.)",
		`insert or update on table "sample_lines"`,
		"lines.line_id",
	} {
		if raw(s) == "" {
			t.Errorf("%q is not seen as the store's text", s)
		}
	}
	for _, s := range []string{"lines.csv: line 3, column line_number", "petition \"p\" has no line \"S9-9\"", "DB: voters.csv"} {
		if w := raw(s); w != "" {
			t.Errorf("%q is taken for the store's text (%q)", s, w)
		}
	}
}

// The last resort: a refusal of the database that reaches the door without a name (no
// layer said what it was) is still said as a refusal of its kind, with its exit code, and
// not in the driver's words. The errors are the drivers' own, from a real database.
func TestUnnamedRefusalIsNotRaw(t *testing.T) {
	raw := rawStoreText(t)
	ctx := context.Background()
	stmts := []string{`CREATE TABLE parent (id TEXT PRIMARY KEY, n INTEGER NOT NULL CHECK (n >= 0))`,
		`CREATE TABLE child (parent_id TEXT NOT NULL REFERENCES parent(id))`, `INSERT INTO parent VALUES ('a', 1)`}
	cases := []struct {
		stmt string
		code int
		want string
	}{
		{`INSERT INTO parent VALUES ('a', 2)`, ExitConflict, "what this command wrote conflicts with what is stored (it is there already); nothing of it was kept"},
		{`INSERT INTO child VALUES ('b')`, ExitNotFound, "what this command wrote names a record that is not stored"},
		{`INSERT INTO parent VALUES ('c', -1)`, ExitInvalid, "what this command wrote holds a value the database does not accept"},
		{`INSERT INTO parent VALUES ('d', NULL)`, ExitInvalid, "what this command wrote holds a value the database does not accept"},
	}
	check := func(store string, exec func(string) error) {
		for _, q := range stmts {
			if err := exec(q); err != nil {
				t.Fatalf("%s: %s: %v", store, q, err)
			}
		}
		for _, c := range cases {
			err := exec(c.stmt)
			if err == nil {
				t.Fatalf("%s: %s was not refused", store, c.stmt)
			}
			var out, errb strings.Builder
			code := NewMain(strings.NewReader(""), &out, &errb).Exit(fmt.Errorf("store something: %w", err))
			if code != c.code || !strings.Contains(errb.String(), c.want) || raw(errb.String()) != "" {
				t.Errorf("%s: %s (%v): exit %d, %q; want exit %d, %q", store, c.stmt, err, code, errb.String(), c.code, c.want)
			}
		}
	}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(t.TempDir(), "x.db")+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	check("SQLite", func(q string) error { _, err := db.ExecContext(ctx, q); return err })
	conn, err := pgx.Connect(ctx, pgtest.FreshDB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	check("PostgreSQL", func(q string) error { _, err := conn.Exec(ctx, q); return err })
}
