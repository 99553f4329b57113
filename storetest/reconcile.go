package storetest

import (
	"context"
	"strings"
	"testing"

	"github.com/signet-vote/signet/registrar"
)

// Every row a count depends on reconciles with the audit log: an edit behind the store's
// back of a verdict, a line, a voter, a review, the sample, the projection or the petition
// is found and named (table, row, field), the report and the certificate refuse, and once
// the edit is undone everything reconciles again.
func testRowsReconcileWithTheLog(t *testing.T, h Harness, c *county) {
	if h.Exec == nil {
		t.Fatal("the harness gives no Exec: reconciliation cannot be tested")
	}
	ctx := context.Background()
	o := newOffice(t, h)
	c.setUp(t, o.Service, 5000, "")
	_, err := o.DrawSample(ctx, "demo", "31415926535897932384", "storetest")
	must(t, err)
	_, err = o.Verify(ctx, registrar.VerifyOptions{Petition: "demo", SampleOnly: true})
	must(t, err)
	_, err = o.Project(ctx, "demo", "storetest")
	must(t, err)
	_, err = o.Verify(ctx, registrar.VerifyOptions{Petition: "demo"})
	must(t, err)
	rep, err := o.Audit(ctx, registrar.AuditOptions{})
	if err != nil {
		t.Fatalf("an untouched database: %v", err)
	}
	n := rep.Reconciled
	if n["verdicts"] != 1500 || n["lines"] != 1500 || n["voters"] != 12000 || n["reviews"] == 0 || n["samples"] != 1 ||
		n["projections"] != 1 || n["petitions"] != 1 {
		t.Fatalf("reconciled %v", n)
	}
	const petition = `petition_id = 'demo'`
	trim := func(table, col, where string) string {
		return `UPDATE ` + table + ` SET ` + col + ` = substr(` + col + `, 1, length(` + col + `) - 1) WHERE ` + where
	}
	backup := func(table, where string) ([]string, []string) {
		return []string{`CREATE TABLE kept_aside AS SELECT * FROM ` + table + ` WHERE ` + where, `DELETE FROM ` + table + ` WHERE ` + where},
			[]string{`INSERT INTO ` + table + ` SELECT * FROM kept_aside`, `DROP TABLE kept_aside`}
	}
	type edit struct {
		name       string
		edit, undo []string
		want       []string
		certify    bool // the report and the certificate, computed from the row, must refuse
	}
	firstInvalid := petition + ` AND seq = (SELECT min(seq) FROM verdicts WHERE ` + petition + ` AND base_valid = 0)`
	flip := []string{`UPDATE verdicts SET valid = 1 - valid WHERE ` + firstInvalid}
	flipAll := []string{`UPDATE verdicts SET valid = 1 - valid WHERE ` + petition + ` AND base_valid = 0`}
	line7 := petition + ` AND seq = 7`
	firstVoter := `voter_id = (SELECT min(voter_id) FROM voters)`
	firstReview := petition + ` AND line_id = (SELECT min(line_id) FROM reviews WHERE ` + petition + `)`
	swap := []string{`UPDATE reviews SET signature = CASE signature WHEN 'match' THEN 'mismatch' ELSE 'match' END WHERE ` + firstReview}
	firstSampled := petition + ` AND seq = (SELECT min(seq) FROM sample_lines WHERE ` + petition + `)`
	cases := []edit{
		{name: "a verdict flipped", edit: flip, undo: flip, certify: true,
			want: []string{"verdicts of petition demo: line ", `: verdict is "valid" in the store, but event `}},
		{name: "every invalid verdict made valid", edit: flipAll, undo: flipAll, certify: true,
			want: []string{"verdicts of petition demo", `verdict is "valid"`, "more rows of these"}},
		{name: "a line's printed name", edit: []string{`UPDATE lines SET printed_name = printed_name || 'X' WHERE ` + line7},
			undo: []string{trim("lines", "printed_name", line7)},
			want: []string{"lines of petition demo: line ", "(position 7): printed_name is ", "X\" in the store"}},
		{name: "a line's house number", edit: []string{`UPDATE lines SET house_number = house_number || '1' WHERE ` + line7},
			undo: []string{trim("lines", "house_number", line7)},
			want: []string{"lines of petition demo", "(position 7): house_number is "}},
		{name: "a section's circulator", edit: []string{`UPDATE sections SET circulator = circulator || 'X' WHERE ` + petition},
			undo: []string{trim("sections", "circulator", petition)},
			want: []string{"lines of petition demo: rows 1–1,500 of import 1", "do not match the digest event "}},
		{name: "a voter's last name", edit: []string{`UPDATE voters SET last_name = last_name || 'X' WHERE ` + firstVoter},
			undo: []string{trim("voters", "last_name", firstVoter)},
			want: []string{"voters of roll snapshot 1 of demo-county: voter ", ": last_name is "}},
		{name: "the petition's requirement", edit: []string{`UPDATE petitions SET required = required - 100 WHERE id = 'demo'`},
			undo: []string{`UPDATE petitions SET required = required + 100 WHERE id = 'demo'`}, certify: true,
			want: []string{"petitions of the store: petition demo: required is "}},
		{name: "a signature review", edit: swap, undo: swap,
			want: []string{"reviews of petition demo: line ", ": signature is "}},
		{name: "the sample's seed", edit: []string{`UPDATE samples SET seed = seed || '9' WHERE ` + petition},
			undo: []string{trim("samples", "seed", petition)},
			want: []string{"samples of petition demo: the sample: seed is "}},
		{name: "the projection's decision", edit: []string{`UPDATE projections SET decision = decision || 'X' WHERE ` + petition},
			undo: []string{trim("projections", "decision", petition)},
			want: []string{"projections of petition demo: the projection: decision is "}},
	}
	for _, d := range []struct{ name, table, where, want string }{
		{"a verdict deleted", "verdicts", firstInvalid, "verdicts of petition demo: line "},
		{"a voter deleted", "voters", firstVoter, "voters of roll snapshot 1 of demo-county: voter "},
		{"a signature review deleted", "reviews", firstReview, "reviews of petition demo: line "},
	} {
		e, u := backup(d.table, d.where)
		cases = append(cases, edit{name: d.name, edit: e, undo: u, want: []string{d.want, "but the store no longer holds it"}})
	}
	firstValid := petition + ` AND seq = (SELECT min(seq) FROM verdicts WHERE ` + petition + ` AND valid = 1)`
	for _, d := range []struct{ name, set, want string }{
		{"a verdict's candidates", `candidates = '[]'`, `: candidates (digest) is "`},
		{"a verdict's linker decision", `decision = 'none'`, `: decision is "none" in the store`},
		{"a verdict's time", `decided_at = '2021-01-01T00:00:00.000000Z'`, `: decided_at is "2021-01-01T00:00:00.000000Z" in the store`},
	} {
		cases = append(cases, edit{name: d.name,
			edit: []string{`CREATE TABLE kept_aside AS SELECT * FROM verdicts WHERE ` + firstValid, `UPDATE verdicts SET ` + d.set + ` WHERE ` + firstValid},
			undo: []string{`DELETE FROM verdicts WHERE ` + petition + ` AND seq = (SELECT seq FROM kept_aside)`,
				`INSERT INTO verdicts SELECT * FROM kept_aside`, `DROP TABLE kept_aside`},
			want: []string{"verdicts of petition demo: line ", d.want}})
	}
	e, u := backup("sample_lines", firstSampled)
	cases = append(cases, edit{name: "a sampled line removed", edit: e, undo: u, want: []string{"samples of petition demo: the sample: lines is "}})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, q := range tc.edit {
				h.Exec(t, o.Store, q)
			}
			_, err := o.Audit(ctx, registrar.AuditOptions{})
			for _, w := range tc.want {
				if err == nil || !strings.Contains(err.Error(), w) {
					t.Errorf("after %s: %v\nwant an error naming %q", tc.name, err, w)
				}
			}
			if tc.certify {
				if _, err := o.Report(ctx, "demo", "storetest"); err == nil || !strings.Contains(err.Error(), "petition demo cannot be reported or certified") {
					t.Errorf("the report after %s: %v", tc.name, err)
				}
				if _, err := o.Certificate(ctx, "demo", "storetest"); err == nil || !strings.Contains(err.Error(), "cannot be reported or certified") {
					t.Errorf("the certificate after %s: %v", tc.name, err)
				}
			}
			for _, q := range tc.undo {
				h.Exec(t, o.Store, q)
			}
			if _, err := o.Audit(ctx, registrar.AuditOptions{}); err != nil {
				t.Fatalf("undone, %s still does not reconcile: %v", tc.name, err)
			}
		})
	}
	if _, err := o.Report(ctx, "demo", "storetest"); err != nil {
		t.Fatalf("the report once every edit was undone: %v", err)
	}
}
