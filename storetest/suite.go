package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/law"
	"github.com/signet-vote/signet/registrar"
)

// A refused import leaves no row and no event; a whole one lands; a file is imported once.
func testImportsAreWholeOrNothing(t *testing.T, h Harness, c *county) {
	ctx := context.Background()
	o := newOffice(t, h)
	must(t, o.Store.CreateJurisdiction(ctx, signet.Jurisdiction{ID: "demo-county", Name: c.name, ZIPs: c.zips}, "storetest"))
	before := events(t, o)
	voters, meta := c.voters(t)
	_, err := o.ImportRoll(ctx, "demo-county", meta, failAfter(voters, 500))
	wantCode(t, "a roll failing on its 501st voter", err, signet.EInvalid)
	st, err := o.Store.VoterStats(ctx, "demo-county")
	must(t, err)
	if st.Voters != 0 || events(t, o) != before {
		t.Fatalf("after a refused roll: %+v, %d events (was %d)", st, events(t, o), before)
	}
	_, err = o.Store.CurrentRoll(ctx, "demo-county")
	wantCode(t, "the roll after a refused import", err, signet.ENotFound)

	voters, meta = c.voters(t)
	imp, err := o.ImportRoll(ctx, "demo-county", meta, voters)
	must(t, err)
	if st, _ = o.Store.VoterStats(ctx, "demo-county"); imp.Rows != 12000 || st.Voters != 12000 || st.Snapshot != imp.ID || st.Registered != st.Active+st.Inactive {
		t.Fatalf("import %+v, stats %+v", imp, st)
	}
	if snap, err := o.Store.LinkerSnapshot(ctx, imp.ID, "fs-v1"); err != nil || len(snap) == 0 {
		t.Fatalf("the roll import stored no linker snapshot (%d bytes, %v)", len(snap), err)
	}
	roll, err := o.Store.OpenRoll(ctx, imp)
	must(t, err)
	var v signet.Voter
	if roll.Read(roll.Len()-1, &v); roll.Len() != 12000 || v.ID == "" || v.ID != roll.ID(roll.Len()-1) {
		t.Fatalf("the roll read back: %d voters, last %q (id %q)", roll.Len(), v.ID, roll.ID(roll.Len()-1))
	}
	n := events(t, o)
	voters, meta = c.voters(t)
	_, err = o.ImportRoll(ctx, "demo-county", meta, voters)
	wantCode(t, "the same roll file again", err, signet.EConflict)
	if events(t, o) != n {
		t.Fatal("a refused roll wrote events")
	}
	voters, meta = c.voters(t)
	meta.NewSnapshot = true
	again, err := o.ImportRoll(ctx, "demo-county", meta, voters)
	must(t, err)
	if cur, _ := o.Store.CurrentRoll(ctx, "demo-county"); again.ID == imp.ID || cur.ID != again.ID {
		t.Fatalf("a new snapshot: %d, then %d, current %d", imp.ID, again.ID, cur.ID)
	}

	_, err = o.AddReport(ctx, signet.RegistrationReport{ID: "r", JurisdictionID: "demo-county", Date: c.approved.AddDate(0, 0, -1)}, true, "storetest")
	must(t, err)
	_, err = o.CreatePetition(ctx, registrar.PetitionSpec{ID: "demo", Kind: signet.KindLocalRecall, Jurisdiction: "demo-county", Rules: "ca-local-recall", Report: "r", Approved: c.approved}, "storetest")
	must(t, err)
	n = events(t, o)
	lines, lmeta := c.lines(t)
	_, err = o.ImportLines(ctx, "demo", lmeta, failAfter(lines, 300))
	wantCode(t, "lines failing on their 301st row", err, signet.EInvalid)
	if k, _ := o.Store.LineCount(ctx, "demo"); k != 0 || events(t, o) != n {
		t.Fatalf("after refused lines: %d lines, %d events (was %d)", k, events(t, o), n)
	}
	lines, lmeta = c.lines(t)
	li, err := o.ImportLines(ctx, "demo", lmeta, lines)
	must(t, err)
	if li.Rows != 1500 || li.FirstSeq != 1 || li.LastSeq != 1500 {
		t.Fatalf("lines import %+v", li)
	}
	lines, lmeta = c.lines(t)
	_, err = o.ImportLines(ctx, "demo", lmeta, lines)
	wantCode(t, "the same lines file again", err, signet.EConflict)
	// The same lines in another file: lines the petition has already.
	lines, lmeta = c.lines(t)
	lmeta.SHA256 = "another digest"
	_, err = o.ImportLines(ctx, "demo", lmeta, take(lines, 10))
	wantCode(t, "lines already imported", err, signet.EConflict)
	// A file of no lines is a mistake, refused.
	lmeta.SHA256 = "an empty file"
	_, err = o.ImportLines(ctx, "demo", lmeta, take(lines, 0))
	wantCode(t, "a file without lines", err, signet.EInvalid)
	// A section has one circulator.
	lmeta.SHA256 = "a third digest"
	first, err := o.Store.Line(ctx, "demo", "S000001-1")
	must(t, err)
	_, err = o.ImportLines(ctx, "demo", lmeta, func() (signet.Line, int, error) {
		return signet.Line{SectionID: first.SectionID, Circulator: first.Circulator + " Jr", Number: 999, PrintedName: "A B",
			Address: signet.Address{HouseNumber: "1", Street: "MAIN ST"}, SignaturePresent: true}, 2, nil
	})
	wantCode(t, "a second circulator for a section", err, signet.EInvalid)
	all, err := o.Store.Lines(ctx, "demo")
	must(t, err)
	if len(all) != 1500 || all[0].Seq != 1 || all[1499].Seq != 1500 || all[0].PetitionID != "demo" || all[0].Circulator == "" {
		t.Fatalf("lines read back: %d, first %+v", len(all), all[0])
	}
	spaced, err := o.Store.SpacedLines(ctx, "demo", 100)
	must(t, err)
	if len(spaced) < 90 || len(spaced) > 110 {
		t.Fatalf("100 spaced lines: got %d", len(spaced))
	}
	if _, err := o.Store.VerifyAudit(ctx); err != nil {
		t.Fatal(err)
	}
}

// The raw count is the lines imported; a petition is filed once and takes no lines after.
func testFilingAndItsRefusals(t *testing.T, h Harness, c *county) {
	ctx := context.Background()
	o := newOffice(t, h)
	must(t, o.Store.CreateJurisdiction(ctx, signet.Jurisdiction{ID: "demo-county", Name: c.name, ZIPs: c.zips}, "storetest"))
	_, err := o.AddReport(ctx, signet.RegistrationReport{ID: "r", JurisdictionID: "demo-county", Date: c.approved.AddDate(0, 0, -1), Registered: 9000}, false, "storetest")
	must(t, err)
	spec := registrar.PetitionSpec{ID: "demo", Kind: signet.KindLocalRecall, Jurisdiction: "demo-county", Rules: "ca-local-recall", Report: "r", Approved: c.approved}
	p, err := o.CreatePetition(ctx, spec, "storetest")
	must(t, err)
	_, err = o.CreatePetition(ctx, spec, "storetest")
	wantCode(t, "the same petition again", err, signet.EConflict)
	// Elections Code §11221(a): 25% of 9,000 registered voters (1,000 to 10,000) is 2,250.
	if got, _ := o.Store.Petition(ctx, "demo"); got.Required != 2250 || got.Required != p.Required || got.Deadline.IsZero() {
		t.Fatalf("petition as stored: %+v", got)
	}
	_, err = o.FilePetition(ctx, "demo", c.filed, -1, "storetest")
	wantCode(t, "filing without lines or a raw count", err, signet.EInvalid)
	_, err = o.Verify(ctx, registrar.VerifyOptions{Petition: "demo"})
	wantCode(t, "verifying before the filing", err, signet.EConflict)
	lines, meta := c.lines(t)
	_, err = o.ImportLines(ctx, "demo", meta, lines)
	must(t, err)
	_, err = o.FilePetition(ctx, "demo", c.filed, 1499, "storetest")
	wantCode(t, "a raw count that disagrees with the lines", err, signet.EInvalid)
	p, err = o.FilePetition(ctx, "demo", c.filed, -1, "storetest")
	must(t, err)
	if p.Raw != 1500 || !p.Filed.Equal(c.filed) {
		t.Fatalf("filed: raw %d on %s", p.Raw, signet.FormatDate(p.Filed))
	}
	_, err = o.FilePetition(ctx, "demo", c.filed, -1, "storetest")
	wantCode(t, "filing twice", err, signet.EConflict)
	lines, meta = c.lines(t)
	meta.SHA256 = "other"
	_, err = o.ImportLines(ctx, "demo", meta, lines)
	wantCode(t, "lines after the filing", err, signet.EConflict)
	_, err = o.Store.Petition(ctx, "nope")
	wantCode(t, "an unknown petition", err, signet.ENotFound)
}

// The statutory path: draw the sample from an announced seed, verify it, project, then
// count in full, report and certify.
func testSampleWorkflow(t *testing.T, h Harness, c *county) {
	ctx := context.Background()
	o := newOffice(t, h)
	p := c.setUp(t, o.Service, 5000, "") // 25% of 5,000: 1,250 required of 1,500 lines
	_, err := o.Project(ctx, "demo", "storetest")
	wantCode(t, "a projection without a sample", err, signet.ENotFound)
	d, err := o.DrawSample(ctx, "demo", "31415926535897932384", "storetest")
	must(t, err)
	// ca-local-recall: 500 lines or 3%, whichever is more (Elections Code §9115(a)).
	if d.Population != p.Raw || d.Size != 500 || len(d.Lines) != 500 {
		t.Fatalf("sample %+v", d)
	}
	again, err := o.DrawSample(ctx, "demo", "31415926535897932384", "storetest")
	must(t, err)
	if fmt.Sprint(again.Lines) != fmt.Sprint(d.Lines) {
		t.Fatal("the same seed drew other lines")
	}
	_, err = o.DrawSample(ctx, "demo", "27182818284590452353", "storetest")
	wantCode(t, "another seed", err, signet.EConflict)
	_, err = o.Project(ctx, "demo", "storetest")
	wantCode(t, "a projection before the sample is verified", err, signet.EConflict)
	vr, err := o.Verify(ctx, registrar.VerifyOptions{Petition: "demo", SampleOnly: true})
	must(t, err)
	if vr.Verified != 500 || vr.LinkerFrom != "snapshot" {
		t.Fatalf("sample verification %+v", vr)
	}
	res, err := o.Project(ctx, "demo", "storetest")
	must(t, err)
	count, err := o.SampleCount(ctx, "demo")
	must(t, err)
	if res.Sample != 500 || res.Valid != count.Valid-count.Duplicates || res.Duplicates != count.Duplicates || count.Valid+count.Invalid != 500 {
		t.Fatalf("projection from V=%d, D=%d of %+v", res.Valid, res.Duplicates, count)
	}
	r, err := o.Report(ctx, "demo", "storetest")
	must(t, err)
	if r.Sample == nil || r.Sample.Verified != 500 || r.Projection["decision"] != string(res.Decision) || r.Verified != 500 {
		t.Fatalf("report after the sample: %+v", r)
	}
	full, err := o.Verify(ctx, registrar.VerifyOptions{Petition: "demo"})
	must(t, err)
	if full.Verified != 1000 {
		t.Fatalf("the full count verified %d lines, want the 1,000 the sample left", full.Verified)
	}
	r, err = o.Report(ctx, "demo", "storetest")
	must(t, err)
	sum := 0
	for _, n := range r.ByReason {
		sum += n
	}
	if r.Verified != 1500 || r.Valid+r.Invalid != 1500 || sum != r.Invalid || r.Basis != law.BasisFullCount ||
		(r.Status == law.StatusSufficient) != (r.Valid >= r.Required) {
		t.Fatalf("report after the full count: %+v", r)
	}
	seq, head, err := o.Store.AuditHead(ctx)
	must(t, err)
	cert, err := o.Certificate(ctx, "demo", "storetest")
	must(t, err)
	// The certificate names the head after its own report event, before its own.
	if cert.Result != r.Status || cert.AuditEvents != seq+1 || cert.AuditHead == head || cert.Valid != r.Valid || cert.Sample == nil {
		t.Fatalf("certificate %+v", cert)
	}
	if n, err := o.Store.VerifyAudit(ctx); err != nil || n != seq+2 {
		t.Fatalf("audit: %d events, %v", n, err)
	}
	evs, err := o.Store.Events(ctx, "petition:demo", 0)
	must(t, err)
	kinds := map[string]int{}
	for _, e := range evs {
		kinds[e.Kind]++
	}
	if kinds[signet.EventSampleSeed] != 1 || kinds[signet.EventSampleDraw] != 1 || kinds[signet.EventVerdict] < 1500 || kinds[signet.EventCertificate] != 1 {
		t.Fatalf("the petition's events: %v", kinds)
	}
}

// A count interrupted between batches keeps whole batches, and a second run finishes it
// with the verdicts an uninterrupted count gives; a third run has nothing to do.
func testVerifyIsResumableAndIdempotent(t *testing.T, h Harness, c *county) {
	ctx := context.Background()
	whole := newOffice(t, h)
	c.setUp(t, whole.Service, 0, "")
	want, err := whole.Verify(ctx, registrar.VerifyOptions{Petition: "demo", Batch: 200})
	must(t, err)
	if want.Verified != 1500 || want.StoppedEarly {
		t.Fatalf("uninterrupted: %+v", want)
	}

	cut := newOffice(t, h)
	c.setUp(t, cut.Service, 0, "")
	stop, cancel := context.WithCancel(ctx)
	cut.Progress = func(_ string, done, _ int) {
		if done >= 600 {
			cancel()
		}
	}
	_, err = cut.Verify(stop, registrar.VerifyOptions{Petition: "demo", Batch: 200})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted count: %v", err)
	}
	kept := len(verdicts(t, cut, "demo"))
	if kept%200 != 0 || kept < 600 || kept >= 1500 {
		t.Fatalf("the interrupted count kept %d verdicts: not whole batches of 200", kept)
	}
	cut.Progress = nil
	rest, err := cut.Verify(ctx, registrar.VerifyOptions{Petition: "demo", Batch: 200})
	must(t, err)
	if rest.Verified != 1500-kept {
		t.Fatalf("resumed: verified %d, want %d", rest.Verified, 1500-kept)
	}
	a, b := verdicts(t, whole, "demo"), verdicts(t, cut, "demo")
	if len(a) != len(b) {
		t.Fatalf("%d verdicts, %d after resuming", len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("line %s: %+v uninterrupted, %+v resumed", a[i].LineID, a[i], b[i])
		}
	}
	for _, o := range []*office{whole, cut} {
		again, err := o.Verify(ctx, registrar.VerifyOptions{Petition: "demo"})
		must(t, err)
		if again.Verified != 0 || again.DuplicatesChanged != 0 {
			t.Fatalf("verified again: %+v", again)
		}
		if _, err := o.Store.VerifyAudit(ctx); err != nil {
			t.Fatal(err)
		}
	}
	ra, err := whole.Report(ctx, "demo", "storetest")
	must(t, err)
	rb, err := cut.Report(ctx, "demo", "storetest")
	must(t, err)
	if fmt.Sprint(ra) != fmt.Sprint(rb) {
		t.Fatalf("reports differ:\n%+v\n%+v", ra, rb)
	}
}

// A signature or link decision recorded after a line's verdict makes the next count decide
// that line, and only it, again.
func testDecisionsReopenTheirLines(t *testing.T, h Harness, c *county) {
	ctx := context.Background()
	o := newOffice(t, h)
	c.setUp(t, o.Service, 0, "")
	_, err := o.Verify(ctx, registrar.VerifyOptions{Petition: "demo"})
	must(t, err)
	var valid []signet.VerdictRow
	for _, v := range verdicts(t, o, "demo") {
		if v.Valid {
			valid = append(valid, v)
		}
	}
	if len(valid) < 2 {
		t.Fatalf("%d valid lines", len(valid))
	}
	sig, link := valid[0].LineID, valid[1].LineID
	done := false
	_, err = o.RecordReviews(ctx, "demo", "", func() (signet.Review, int, error) {
		if done {
			return signet.Review{}, 0, errEOF
		}
		done = true
		return signet.Review{LineID: sig, Signature: signet.SignatureDiffers, By: "clerk 7"}, 0, nil
	})
	must(t, err)
	must(t, o.DecideLink(ctx, "demo", signet.LinkReview{LineID: link, By: "clerk 9"}))
	err = o.DecideLink(ctx, "demo", signet.LinkReview{LineID: "S999999-1", By: "clerk 9"})
	wantCode(t, "a decision on a line that does not exist", err, signet.ENotFound)
	vr, err := o.Verify(ctx, registrar.VerifyOptions{Petition: "demo"})
	must(t, err)
	if vr.Verified != 2 {
		t.Fatalf("after two decisions the count decided %d lines again, want 2", vr.Verified)
	}
	v, err := o.Store.Verdict(ctx, "demo", sig)
	must(t, err)
	if v.Reason != signet.SignatureMismatch || v.DecidedBy != "clerk 7" {
		t.Fatalf("line %s after a mismatch: %+v", sig, v.Verdict)
	}
	v, err = o.Store.Verdict(ctx, "demo", link)
	must(t, err)
	if v.Valid || v.VoterID != "" || v.DecidedBy != "clerk 9 (link review)" || len(v.Candidates) == 0 {
		t.Fatalf("line %s after a no-match decision: %+v", link, v.Verdict)
	}
	e, err := o.Line(ctx, "demo", link)
	must(t, err)
	if e.Verdict == nil || e.Line.ID() != link || e.Verdict.Code() != v.Code() {
		t.Fatalf("the line's evidence: %+v", e)
	}
	if vr, err = o.Verify(ctx, registrar.VerifyOptions{Petition: "demo"}); err != nil || vr.Verified != 0 {
		t.Fatalf("verified again: %+v, %v", vr, err)
	}
}

// Under keep_first each voter keeps one valid line; under strike_all a voter who signed
// twice keeps none; either way, a full count leaves the rule nothing to change.
func testDuplicatePolicies(t *testing.T, h Harness, c *county) {
	ctx := context.Background()
	for _, policy := range []signet.DuplicatePolicy{signet.KeepFirst, signet.StrikeAll} {
		o := newOffice(t, h)
		c.setUp(t, o.Service, 0, policy)
		vr, err := o.Verify(ctx, registrar.VerifyOptions{Petition: "demo", Batch: 100})
		must(t, err)
		if vr.DuplicatesChanged == 0 {
			t.Fatalf("%s: no duplicates struck", policy)
		}
		n, err := o.Store.ApplyDuplicateRule(ctx, "demo", law.DuplicateRule(policy), "storetest")
		if err != nil || n != 0 {
			t.Fatalf("%s: the rule afterwards changed %d verdicts, %v", policy, n, err)
		}
		lines, valid, dups := map[string]int{}, map[string]int{}, 0
		for _, v := range verdicts(t, o, "demo") {
			if v.BaseValid && v.VoterID != "" {
				lines[v.VoterID]++
				if v.Valid {
					valid[v.VoterID]++
				}
			}
			if v.Reason == signet.Duplicate {
				dups++
			}
		}
		for voter, k := range lines {
			want := 1
			if policy == signet.StrikeAll && k > 1 {
				want = 0
			}
			if valid[voter] != want {
				t.Fatalf("%s: voter %s has %d lines, %d valid, want %d", policy, voter, k, valid[voter], want)
			}
		}
		if dups != vr.DuplicatesChanged {
			t.Fatalf("%s: %d duplicates stored, %d struck", policy, dups, vr.DuplicatesChanged)
		}
	}
}

// An edited, deleted or reordered event breaks the chain where it was changed.
func testAuditDetectsTampering(t *testing.T, h Harness, c *county) {
	if h.Exec == nil {
		t.Fatal("the harness gives no Exec: the audit chain's tamper detection cannot be tested")
	}
	ctx := context.Background()
	for _, tc := range []struct {
		name, query, want string
	}{
		{"edited payload", `UPDATE events SET payload = '{"rows":1}' WHERE seq = 2`, "event 2"},
		{"edited actor", `UPDATE events SET actor = 'someone else' WHERE seq = 3`, "event 3"},
		{"deleted event", `DELETE FROM events WHERE seq = 2`, "event 2"},
		{"deleted last event", `DELETE FROM events WHERE seq = (SELECT max(seq) FROM events)`, "removed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := newOffice(t, h)
			must(t, o.Store.CreateJurisdiction(ctx, signet.Jurisdiction{ID: "j", Name: "J", ZIPs: []string{"90001"}}, "storetest"))
			voters, meta := c.voters(t)
			_, err := o.Store.ImportVoters(ctx, "j", meta, take(voters, 50))
			must(t, err)
			_, err = o.AddReport(ctx, signet.RegistrationReport{ID: "r", JurisdictionID: "j", Date: c.approved, Registered: 50}, false, "storetest")
			must(t, err)
			if n, err := o.Store.VerifyAudit(ctx); err != nil || n != 3 {
				t.Fatalf("before: %d events, %v", n, err)
			}
			h.Exec(t, o.Store, tc.query)
			_, err = o.Store.VerifyAudit(ctx)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("after %s: %v (want an error naming %q)", tc.name, err, tc.want)
			}
		})
	}
}

// A log whose last events were removed and whose head was rewritten to match is an intact
// chain; a head kept elsewhere (a certificate's) shows what was lost.
func testTruncatedLogAgainstAKeptHead(t *testing.T, h Harness, c *county) {
	ctx := context.Background()
	o := newOffice(t, h)
	must(t, o.Store.CreateJurisdiction(ctx, signet.Jurisdiction{ID: "j", Name: "J", ZIPs: []string{"90001"}}, "storetest"))
	_, err := o.AddReport(ctx, signet.RegistrationReport{ID: "r1", JurisdictionID: "j", Date: c.approved, Registered: 50}, false, "storetest")
	must(t, err)
	_, err = o.AddReport(ctx, signet.RegistrationReport{ID: "r2", JurisdictionID: "j", Date: c.approved, Registered: 60}, false, "storetest")
	must(t, err)
	_, kept, err := o.Store.AuditHead(ctx)
	must(t, err)
	if rep, err := o.Audit(ctx, registrar.AuditOptions{Head: kept}); err != nil || rep.KeptHeadSeq != 3 {
		t.Fatalf("the kept head before: event %d, %v", rep.KeptHeadSeq, err)
	}
	h.Exec(t, o.Store, `DELETE FROM events WHERE seq = 3`)
	h.Exec(t, o.Store, `UPDATE events_head SET seq = 2, hash = (SELECT hash FROM events WHERE seq = 2) WHERE id = 1`)
	if n, err := o.Store.VerifyAudit(ctx); err != nil || n != 2 {
		t.Fatalf("the truncated chain is intact in itself: %d events, %v", n, err)
	}
	if _, err := o.Audit(ctx, registrar.AuditOptions{Head: kept}); err == nil || !strings.Contains(err.Error(), "holds no event with the head "+kept) {
		t.Fatalf("against the kept head: %v", err)
	}
}

// Many clerks at once (64, as a county's review room might have): every decision lands
// once, with its event, none is lost to another's, the chain holds, and the counts after
// the lines are decided again equal a recount of the verdicts one by one.
func testConcurrentWriters(t *testing.T, h Harness, c *county) {
	ctx := context.Background()
	o := newOffice(t, h)
	c.setUp(t, o.Service, 0, "")
	_, err := o.Verify(ctx, registrar.VerifyOptions{Petition: "demo"})
	must(t, err)
	lines, err := o.Store.Lines(ctx, "demo")
	must(t, err)
	before := events(t, o)
	reviewed, err := o.Store.Reviews(ctx, "demo")
	must(t, err)
	const clerks, each = 64, 6
	var wg sync.WaitGroup
	errs := make(chan error, clerks*each*2)
	start := make(chan struct{})
	for k := 0; k < clerks; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			by := fmt.Sprintf("clerk %d", k)
			for i := 0; i < each; i++ {
				l := lines[k*each+i].ID()
				once := false
				_, err := o.RecordReviews(ctx, "demo", "", func() (signet.Review, int, error) {
					if once {
						return signet.Review{}, 0, errEOF
					}
					once = true
					return signet.Review{LineID: l, Signature: signet.SignatureDiffers, By: by}, 0, nil
				})
				errs <- err
				errs <- o.DecideLink(ctx, "demo", signet.LinkReview{LineID: l, VoterID: "", By: by})
			}
		}()
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		must(t, err)
	}
	if got := events(t, o); got != before+clerks*each*2 {
		t.Fatalf("%d events written, want %d", got-before, clerks*each*2)
	}
	// Every decision is in the log once, by its clerk.
	log, err := o.Store.Events(ctx, "petition:demo", 0)
	must(t, err)
	decided := map[string]int{}
	for _, e := range log {
		if e.Seq <= before {
			continue
		}
		var p struct {
			Line string `json:"line"`
		}
		must(t, json.Unmarshal(e.Payload, &p))
		decided[e.Kind+" "+p.Line]++
	}
	after, err := o.Store.Reviews(ctx, "demo")
	must(t, err)
	links, err := o.Store.LinkReviews(ctx, "demo")
	must(t, err)
	newReviews := 0
	for k := 0; k < clerks*each; k++ {
		id := lines[k].ID()
		if _, was := reviewed[id]; !was {
			newReviews++
		}
		if r := after[id]; r.Signature != signet.SignatureDiffers || links[id].By != r.By {
			t.Fatalf("line %s: review %+v, link decision %+v", id, r, links[id])
		}
		if n, m := decided[signet.EventReview+" "+id], decided[signet.EventLinkReview+" "+id]; n != 1 || m != 1 {
			t.Fatalf("line %s: %d signature and %d link decisions in the log, want 1 of each", id, n, m)
		}
	}
	if len(after) != len(reviewed)+newReviews || len(links) != clerks*each {
		t.Fatalf("%d reviews (%d before), %d link decisions", len(after), len(reviewed), len(links))
	}
	// The decided lines are verified again: every one of them is now invalid (a signature
	// that does not match, a signer who is none of the roll's voters), and the tally is
	// what counting the verdicts one by one gives.
	res, err := o.Verify(ctx, registrar.VerifyOptions{Petition: "demo"})
	must(t, err)
	if res.Verified < clerks*each {
		t.Fatalf("%d lines verified again, want at least %d", res.Verified, clerks*each)
	}
	tally, err := o.Store.Tally(ctx, "demo")
	must(t, err)
	recount := signet.Tally{ByReason: map[signet.Reason]int{}}
	rows := verdicts(t, o, "demo")
	for _, v := range rows {
		recount.Verified++
		if v.Valid {
			recount.Valid++
		} else {
			recount.ByReason[v.Reason]++
		}
	}
	if tally.Verified != recount.Verified || tally.Valid != recount.Valid || tally.Verified != tally.Lines ||
		fmt.Sprint(tally.ByReason) != fmt.Sprint(recount.ByReason) {
		t.Fatalf("tally %+v, recount %+v", tally, recount)
	}
	for k := 0; k < clerks*each; k++ {
		if v := rows[lines[k].Seq-1]; v.Valid {
			t.Fatalf("line %s is still valid after its clerk's decisions: %+v", v.LineID, v)
		}
	}
	if _, err := o.Store.VerifyAudit(ctx); err != nil {
		t.Fatal(err)
	}
}

// A state-officer recall keeps each county's latest report and the statewide total.
func testStateRecall(t *testing.T, h Harness, _ *county) {
	ctx := context.Background()
	o := newOffice(t, h)
	must(t, o.Store.CreateJurisdiction(ctx, signet.Jurisdiction{ID: "ca", Name: "California", ZIPs: []string{"90001"}}, "storetest"))
	votes := map[string]int{"Alameda": 600000, "Fresno": 250000, "Kern": 200000, "Los Angeles": 3000000, "Orange": 1200000}
	p, err := o.CreatePetition(ctx, registrar.PetitionSpec{ID: "gov", Kind: signet.KindStateRecall, Jurisdiction: "ca", Rules: "ca-state-recall",
		Approved: time.Date(2020, 6, 10, 0, 0, 0, 0, time.UTC), LastVote: 1000000, CountyVotes: votes}, "storetest")
	must(t, err)
	// Cal. Const. art. II §14(b): 12% of 1,000,000.
	if p.Required != 120000 {
		t.Fatalf("required %d", p.Required)
	}
	if got, err := o.Store.CountyVotes(ctx, "gov"); err != nil || fmt.Sprint(got) != fmt.Sprint(votes) {
		t.Fatalf("county votes %v, %v", got, err)
	}
	end := time.Date(2021, 2, 5, 0, 0, 0, 0, time.UTC)
	for c, valid := range map[string]int{"Alameda": 30000, "Fresno": 2000, "Kern": 8000, "Los Angeles": 40000, "Orange": 20000} {
		_, err := o.AddStateReport(ctx, "gov", signet.StateReport{County: c, PeriodEnd: end, Raw: valid * 2, Valid: valid}, "storetest")
		must(t, err)
	}
	st, err := o.AddStateReport(ctx, "gov", signet.StateReport{County: "Fresno", PeriodEnd: end.AddDate(0, 0, 7), Raw: 30000, Valid: 25000}, "storetest")
	must(t, err)
	// 30,000 + 25,000 (Fresno's later report replaces its first) + 8,000 + 40,000 + 20,000.
	if st.Valid != 123000 || !st.ThresholdMet || st.CountiesMet != 5 || st.ThresholdMetOn != "2021-02-12" {
		t.Fatalf("status %+v", st)
	}
	_, err = o.AddStateReport(ctx, "gov", signet.StateReport{County: "Kern", PeriodEnd: end.AddDate(0, 0, -1), Raw: 1, Valid: 1}, "storetest")
	wantCode(t, "an older report", err, signet.EConflict)
	_, err = o.AddStateReport(ctx, "gov", signet.StateReport{County: "Marin", PeriodEnd: end, Raw: 1, Valid: 1}, "storetest")
	wantCode(t, "an unknown county", err, signet.ENotFound)
	reports, err := o.Store.StateReports(ctx, "gov")
	must(t, err)
	if len(reports) != 6 || reports[5].County != "Fresno" || !reports[0].PeriodEnd.Equal(end) {
		t.Fatalf("reports %+v", reports)
	}
}

// A write the database refuses for breaking one of the schema's constraints, which the
// engine's checks would have stopped (here the store is called behind the engine's back),
// is a *signet.Error of the constraint's kind said of the record written, the same on
// every store, and keeps nothing.
func testRefusalsAreNamed(t *testing.T, h Harness, _ *county) {
	ctx := context.Background()
	o := newOffice(t, h)
	must(t, o.Store.CreateJurisdiction(ctx, signet.Jurisdiction{ID: "ca", Name: "California", ZIPs: []string{"90001"}}, "storetest"))
	day := time.Date(2020, 6, 10, 0, 0, 0, 0, time.UTC)
	refused := func(what string, err error, code signet.ErrorCode, msg string) {
		t.Helper()
		var e *signet.Error
		if !errors.As(err, &e) || e.Code != code || e.Message != msg {
			t.Errorf("%s: %v (code %q), want %q: %s", what, err, signet.Code(err), code, msg)
		}
	}
	err := o.Store.AddReport(ctx, signet.RegistrationReport{ID: "neg", JurisdictionID: "ca", Date: day, Registered: -1, Source: "entered"}, "storetest")
	refused("a negative registration", err, signet.EInvalid, `registration report "neg" holds a value the database does not accept; nothing of it was kept`)
	p := signet.Petition{ID: "x", Kind: signet.KindLocalRecall, JurisdictionID: "ca", Rules: "ca-local-recall", ReportID: "nope",
		Registered: 10, Required: 3, Approved: day, Deadline: day, Cutoff: signet.CutoffSigningDate, Duplicates: signet.KeepFirst}
	refused("a petition on no report", o.Store.CreatePetition(ctx, p, "storetest"), signet.ENotFound,
		`petition "x" names a record that is not stored; nothing of it was kept`)
	p.ID, p.ReportID, p.CountyVotes = "y", "", map[string]int{"Alameda": -1}
	refused("a negative last vote", o.Store.CreatePetition(ctx, p, "storetest"), signet.EInvalid,
		`petition "y" holds a value the database does not accept; nothing of it was kept`)
	p.ID, p.CountyVotes = "gov", map[string]int{"Alameda": 600000}
	must(t, o.Store.CreatePetition(ctx, p, "storetest"))
	err = o.Store.AddStateReport(ctx, "gov", signet.StateReport{County: "Alameda", PeriodEnd: day, Raw: 1, Valid: 2}, "storetest")
	refused("more valid than raw", err, signet.EInvalid,
		`Alameda's report for the period ending 2020-06-10 of petition "gov" holds a value the database does not accept; nothing of it was kept`)
	_, err = o.Store.Report(ctx, "neg")
	wantCode(t, "the refused report", err, signet.ENotFound)
	for _, id := range []string{"x", "y"} {
		_, err = o.Store.Petition(ctx, id)
		wantCode(t, "the refused petition "+id, err, signet.ENotFound)
	}
	if reps, err := o.Store.StateReports(ctx, "gov"); err != nil || len(reps) != 0 {
		t.Errorf("the refused county report was kept: %v %v", reps, err)
	}
}
