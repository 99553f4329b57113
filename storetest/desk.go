package storetest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/registrar"
)

// verified is an office over a fresh store with the county's petition verified once.
func verified(t *testing.T, h Harness, c *county) *office {
	t.Helper()
	o := newOffice(t, h)
	c.setUp(t, o.Service, 0, "")
	_, err := o.Verify(context.Background(), registrar.VerifyOptions{Petition: "demo"})
	must(t, err)
	// The linker is sure of all but a line or two of the synthetic county: the desk needs a
	// queue, so some of the lines it linked are sent to review as if it had hesitated.
	h.Exec(t, o.Store, `UPDATE verdicts SET decision = 'review' WHERE petition_id = 'demo' AND decision = 'link' AND seq % 10 = 3`)
	return o
}

// Clerks claiming at once never get the same line; a clerk who claims again gets the line
// they hold; a released or expired lease is free again; assigned sections go to their clerk.
func testDeskLeases(t *testing.T, h Harness, c *county) {
	ctx := context.Background()
	o := verified(t, h, c)
	_, left, ok, err := o.Store.ReviewQueue(ctx, "demo")
	must(t, err)
	const clerks = 8
	if !ok || left < clerks+2 {
		t.Fatalf("the review queue holds %d lines; the test needs more than %d", left, clerks+2)
	}
	got := make([]string, clerks)
	errs := make([]error, clerks)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range clerks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			item, ok, err := o.ClaimReview(ctx, "demo", fmt.Sprintf("clerk %d", i), time.Hour)
			if err == nil && !ok {
				err = fmt.Errorf("no line")
			}
			got[i], errs[i] = item.Lease.LineID, err
		}()
	}
	close(start)
	wg.Wait()
	seen := map[string]int{}
	for i, l := range got {
		must(t, errs[i])
		if j, dup := seen[l]; dup {
			t.Fatalf("clerks %d and %d were both given line %s", j, i, l)
		}
		seen[l] = i
	}
	// The first lines of the queue, in filing order, are the ones handed out.
	first, _, _, err := o.Store.ReviewQueue(ctx, "demo")
	must(t, err)
	if _, ok := seen[first]; !ok {
		t.Fatalf("the queue's first line %s went to no clerk (%v)", first, got)
	}
	again, ok, err := o.ClaimReview(ctx, "demo", "clerk 3", time.Hour)
	must(t, err)
	if !ok || again.Lease.LineID != got[3] || again.Line.ID() != got[3] || again.Verdict.LineID != got[3] {
		t.Fatalf("clerk 3 claimed again: %+v, holds %s", again.Lease, got[3])
	}
	// A door shows the held line again without claiming: to its clerk only.
	held, err := o.HeldReview(ctx, "demo", "clerk 3", got[3], time.Hour)
	must(t, err)
	if held.Line.ID() != got[3] || held.Lease.Clerk != "clerk 3" || held.Verdict.LineID != got[3] {
		t.Fatalf("clerk 3's held line: %+v", held.Lease)
	}
	_, err = o.HeldReview(ctx, "demo", "clerk 4", got[3], time.Hour)
	wantCode(t, "another clerk's line", err, signet.EConflict)
	_, err = o.HeldReview(ctx, "demo", "clerk 3", got[3], time.Nanosecond)
	wantCode(t, "an expired lease", err, signet.EConflict)
	_, err = o.HeldReview(ctx, "demo", "clerk 3", "S999999-1", time.Hour)
	wantCode(t, "a line without a lease", err, signet.ENotFound)
	// The desk shows the claimed line beside its candidates' voter records, read by id
	// from the verdict's snapshot as the store's record of voters keeps them.
	cands, err := o.CandidateVoters(ctx, again.Verdict)
	must(t, err)
	if len(cands) == 0 || len(cands) != len(again.Verdict.Candidates) {
		t.Fatalf("line %s: %d candidate voters for %d candidates", again.Line.ID(), len(cands), len(again.Verdict.Candidates))
	}
	rows := map[string]signet.Voter{}
	must(t, o.Store.EachVoterRow(ctx, again.Verdict.RollImport, func(v *signet.Voter) error {
		for _, c := range cands {
			if c.VoterID == v.ID {
				rows[v.ID] = v.Clone()
			}
		}
		return nil
	}))
	for i, c := range cands {
		want, ok := rows[c.VoterID]
		if c.VoterID != again.Verdict.Candidates[i].VoterID || !ok || c.Voter == nil || !reflect.DeepEqual(*c.Voter, want) {
			t.Fatalf("candidate %d of line %s: %+v, want voter %+v", i, again.Line.ID(), c.Voter, want)
		}
	}
	none, err := o.Store.Voters(ctx, again.Verdict.RollImport, []string{"no such voter", cands[0].VoterID})
	must(t, err)
	if len(none) != 1 || none[0].ID != cands[0].VoterID {
		t.Fatalf("Voters with an unknown id: %+v", none)
	}
	// A ninth clerk gets a line nobody holds.
	ninth, ok, err := o.ClaimReview(ctx, "demo", "clerk 9", time.Hour)
	must(t, err)
	if _, held := seen[ninth.Lease.LineID]; !ok || held {
		t.Fatalf("clerk 9 was given %s (held: %v)", ninth.Lease.LineID, held)
	}
	// Released, clerk 0's line is the first free one again; clerk 9 claiming again keeps theirs.
	wantCode(t, "releasing another clerk's line", o.ReleaseReview(ctx, "demo", "clerk 1", got[0]), signet.ENotFound)
	must(t, o.ReleaseReview(ctx, "demo", "clerk 0", got[0]))
	ten, _, err := o.ClaimReview(ctx, "demo", "clerk 10", time.Hour)
	must(t, err)
	if ten.Lease.LineID != got[0] {
		t.Fatalf("after a release clerk 10 got %s, want %s", ten.Lease.LineID, got[0])
	}
	// A lease older than the time to live is free: an hour later, every lease of half an
	// hour is.
	o.mu.Lock()
	o.now = o.now.Add(time.Hour)
	o.mu.Unlock()
	stale, ok, err := o.ClaimReview(ctx, "demo", "clerk 11", 30*time.Minute)
	must(t, err)
	if !ok || stale.Lease.LineID != first {
		t.Fatalf("with expired leases clerk 11 got %s, want the queue's first line %s", stale.Lease.LineID, first)
	}
	if l, err := o.Store.ReviewLease(ctx, "demo", first); err != nil || l.Clerk != "clerk 11" {
		t.Fatalf("the lease on %s: %+v, %v", first, l, err)
	}
	// Whoever held it no longer may decide it.
	holder := got[seen[first]]
	err = o.DecideReview(ctx, "demo", fmt.Sprintf("clerk %d", seen[first]), holder, registrar.ReviewDecision{Reason: signet.NotRegistered}, time.Hour)
	wantCode(t, "a decision on a line another clerk took over", err, signet.EConflict)

	// Assignments: the section of a queued line goes to clerk A only.
	var sectionLine signet.Line
	for l := range seen {
		if l != first {
			sectionLine, err = o.Store.Line(ctx, "demo", l)
			must(t, err)
			break
		}
	}
	sec := sectionLine.SectionID
	must(t, o.AssignSection(ctx, "demo", sec, "clerk A", "supervisor"))
	wantCode(t, "assigning a section that does not exist", o.AssignSection(ctx, "demo", "NO-SUCH", "clerk A", "supervisor"), signet.ENotFound)
	a, ok, err := o.ClaimReview(ctx, "demo", "clerk A", time.Hour)
	must(t, err)
	if !ok || a.Line.SectionID != sec {
		t.Fatalf("clerk A, assigned section %s, was given %+v", sec, a.Line)
	}
	for i := 0; i < 5; i++ {
		b, ok, err := o.ClaimReview(ctx, "demo", fmt.Sprintf("clerk B%d", i), time.Hour)
		must(t, err)
		if ok && b.Line.SectionID == sec {
			t.Fatalf("clerk B%d was given line %s of section %s, assigned to clerk A", i, b.Lease.LineID, sec)
		}
	}
	_, err = o.Store.VerifyAudit(ctx)
	must(t, err)
}

// A clerk's decision is refused unless they hold the line and its reason is a reason code;
// once recorded, the next verification decides the line with it, and throughput counts it.
func testDeskDecisions(t *testing.T, h Harness, c *county) {
	ctx := context.Background()
	o := verified(t, h, c)
	before := events(t, o)
	claim := func(clerk string) registrar.DeskItem {
		t.Helper()
		item, ok, err := o.ClaimReview(ctx, "demo", clerk, time.Hour)
		must(t, err)
		if !ok || len(item.Verdict.Candidates) == 0 {
			t.Fatalf("%s claimed %+v (ok %v)", clerk, item.Lease, ok)
		}
		return item
	}
	x := claim("clerk X")
	line := x.Lease.LineID
	err := o.DecideReview(ctx, "demo", "clerk Y", line, registrar.ReviewDecision{Reason: signet.NotRegistered}, time.Hour)
	wantCode(t, "a decision by a clerk without the lease", err, signet.EConflict)
	for _, bad := range []registrar.ReviewDecision{
		{Reason: "forged"},
		{Reason: signet.Other},
		{Reason: signet.Other, SubReason: "bad handwriting"},
		{Reason: signet.Cancelled, SubReason: signet.SubIllegible},
		{Valid: true},
		{Valid: true, VoterID: "NOT-A-CANDIDATE"},
		{Valid: true, VoterID: x.Verdict.Candidates[0].VoterID, Signature: signet.SignatureDiffers},
		{Reason: signet.SignatureMismatch, Signature: signet.SignatureMatches},
		{Reason: signet.NotRegistered, Comment: strings.Repeat("x", registrar.MaxCommentLength+1)},
	} {
		wantCode(t, fmt.Sprintf("the decision %+v", bad), o.DecideReview(ctx, "demo", "clerk X", line, bad, time.Hour), signet.EInvalid)
	}
	if events(t, o) != before {
		t.Fatal("refused decisions wrote events")
	}
	must(t, o.DecideReview(ctx, "demo", "clerk X", line, registrar.ReviewDecision{Reason: signet.Other, SubReason: signet.SubIllegible, Comment: "cannot read the name"}, time.Hour))
	if _, err := o.Store.ReviewLease(ctx, "demo", line); signet.Code(err) != signet.ENotFound {
		t.Fatalf("the lease outlived the decision: %v", err)
	}
	wantCode(t, "deciding the line again", o.DecideReview(ctx, "demo", "clerk X", line, registrar.ReviewDecision{Reason: signet.NotRegistered}, time.Hour), signet.EConflict)
	y := claim("clerk Y")
	if y.Lease.LineID == line {
		t.Fatalf("the decided line %s was handed out again", line)
	}
	voter := y.Verdict.Candidates[0].VoterID
	must(t, o.DecideReview(ctx, "demo", "clerk Y", y.Lease.LineID, registrar.ReviewDecision{Valid: true, VoterID: voter, Signature: signet.SignatureMatches}, time.Hour))
	z := claim("clerk X")
	must(t, o.DecideReview(ctx, "demo", "clerk X", z.Lease.LineID, registrar.ReviewDecision{Reason: signet.SignatureMismatch}, time.Hour))

	// Each decision is audited: its link decision, signature decision, ruling and itself.
	kinds := map[string]int{}
	evs, err := o.Store.Events(ctx, "petition:demo", 0)
	must(t, err)
	for _, e := range evs {
		if e.Seq > before {
			kinds[e.Kind]++
		}
	}
	if kinds[signet.EventReviewDecision] != 3 || kinds[signet.EventLinkReview] != 3 || kinds[signet.EventReview] != 2 || kinds[signet.EventOverride] != 2 {
		t.Fatalf("the decisions' events: %v", kinds)
	}
	vr, err := o.Verify(ctx, registrar.VerifyOptions{Petition: "demo"})
	must(t, err)
	if vr.Verified != 3 {
		t.Fatalf("after three decisions verification decided %d lines again, want 3", vr.Verified)
	}
	v, err := o.Store.Verdict(ctx, "demo", line)
	must(t, err)
	if v.Code() != "other:illegible" || v.DecidedBy != "clerk X (review)" {
		t.Fatalf("line %s decided illegible: %s by %q", line, v.Code(), v.DecidedBy)
	}
	v, err = o.Store.Verdict(ctx, "demo", y.Lease.LineID)
	must(t, err)
	if v.VoterID != voter || v.DecidedBy != "clerk Y (link review)" || v.Reason == signet.SignatureMismatch {
		t.Fatalf("line %s linked to %s by clerk Y: %+v", y.Lease.LineID, voter, v.Verdict)
	}
	v, err = o.Store.Verdict(ctx, "demo", z.Lease.LineID)
	must(t, err)
	if v.Code() != string(signet.SignatureMismatch) || !strings.HasPrefix(v.DecidedBy, "clerk X") {
		t.Fatalf("line %s decided a mismatch: %s by %q", z.Lease.LineID, v.Code(), v.DecidedBy)
	}
	tp, err := o.Throughput(ctx, "demo", time.Hour)
	must(t, err)
	if len(tp) != 2 || tp[0].Clerk != "clerk X" || tp[0].Decisions != 2 || tp[1].Clerk != "clerk Y" || tp[1].Decisions != 1 ||
		len(tp[0].Periods) != 1 || tp[0].Periods[0].Decisions != 2 || !tp[0].Periods[0].Start.Equal(time.Date(2022, 7, 21, 9, 0, 0, 0, time.UTC)) {
		t.Fatalf("throughput: %+v", tp)
	}
	_, err = o.Throughput(ctx, "demo", time.Minute)
	wantCode(t, "throughput per minute", err, signet.EInvalid)
	_, err = o.Store.VerifyAudit(ctx)
	must(t, err)
}

// A supervisor's override decides the next verification; a challenge is filed only on an
// invalid line, upheld it overrides the verdict, denied it leaves it, answered once.
func testOverridesAndChallenges(t *testing.T, h Harness, c *county) {
	ctx := context.Background()
	o := verified(t, h, c)
	var valid, invalid []string
	for _, v := range verdicts(t, o, "demo") {
		if v.Valid {
			valid = append(valid, v.LineID)
		} else if v.Reason == signet.NotRegistered || v.Reason == signet.DifferentAddress {
			invalid = append(invalid, v.LineID)
		}
	}
	if len(valid) < 1 || len(invalid) < 2 {
		t.Fatalf("%d valid, %d invalid lines", len(valid), len(invalid))
	}
	err := o.Override(ctx, "demo", valid[0], "supervisor", registrar.OverrideSpec{Reason: signet.Other, SubReason: signet.SubSectionDefect})
	wantCode(t, "an override without a stated reason", err, signet.EInvalid)
	err = o.Override(ctx, "demo", valid[0], "supervisor", registrar.OverrideSpec{Reason: "fraud", Comment: "x"})
	wantCode(t, "an override with no reason code", err, signet.EInvalid)
	err = o.Override(ctx, "demo", "S999999-1", "supervisor", registrar.OverrideSpec{Reason: signet.NotRegistered, Comment: "x"})
	wantCode(t, "an override of a line that does not exist", err, signet.ENotFound)
	must(t, o.Override(ctx, "demo", valid[0], "supervisor", registrar.OverrideSpec{Reason: signet.Other, SubReason: signet.SubSectionDefect, Comment: "the circulator's declaration is unsigned"}))

	_, err = o.Challenge(ctx, "demo", valid[1%len(valid)], "proponent", "this line is mine")
	if len(valid) > 1 {
		wantCode(t, "a challenge of a valid line", err, signet.EConflict)
	}
	_, err = o.Challenge(ctx, "demo", invalid[0], "proponent", "  ")
	wantCode(t, "a challenge without a comment", err, signet.EInvalid)
	_, err = o.Challenge(ctx, "demo", invalid[0], "proponent", strings.Repeat("y", registrar.MaxCommentLength+1))
	wantCode(t, "a challenge with too long a comment", err, signet.EInvalid)
	up, err := o.Challenge(ctx, "demo", invalid[0], "proponent", "the signer registered at this address in March")
	must(t, err)
	_, err = o.Challenge(ctx, "demo", invalid[0], "proponent", "again")
	wantCode(t, "a second open challenge of a line", err, signet.EConflict)
	down, err := o.Challenge(ctx, "demo", invalid[1], "proponent", "we believe this is valid")
	must(t, err)
	queue, err := o.Challenges(ctx, "demo", true)
	must(t, err)
	if len(queue) != 2 || queue[0].ID != up.ID || queue[1].ID != down.ID || queue[0].Status != signet.ChallengeOpen || queue[0].Comment != up.Comment {
		t.Fatalf("the supervisor's queue: %+v", queue)
	}
	_, err = o.AnswerChallenge(ctx, "demo", up.ID, "supervisor", registrar.ChallengeAnswer{Upheld: true})
	wantCode(t, "an answer without text", err, signet.EInvalid)
	ans, err := o.AnswerChallenge(ctx, "demo", up.ID, "supervisor", registrar.ChallengeAnswer{Upheld: true, Text: "the registration record confirms it"})
	must(t, err)
	if ans.Status != signet.ChallengeUpheld || ans.Answer != "the registration record confirms it" || ans.AnsweredBy != "supervisor" {
		t.Fatalf("the upheld challenge: %+v", ans)
	}
	_, err = o.AnswerChallenge(ctx, "demo", up.ID, "supervisor", registrar.ChallengeAnswer{Text: "no"})
	wantCode(t, "answering a challenge twice", err, signet.EConflict)
	_, err = o.AnswerChallenge(ctx, "demo", 9999, "supervisor", registrar.ChallengeAnswer{Text: "no"})
	wantCode(t, "answering a challenge that does not exist", err, signet.ENotFound)
	ans, err = o.AnswerChallenge(ctx, "demo", down.ID, "supervisor", registrar.ChallengeAnswer{Text: "the signer is not on the roll"})
	must(t, err)
	if ans.Status != signet.ChallengeDenied {
		t.Fatalf("the denied challenge: %+v", ans)
	}
	if queue, _ = o.Challenges(ctx, "demo", true); len(queue) != 0 {
		t.Fatalf("answered challenges left in the queue: %+v", queue)
	}
	deniedBefore, err := o.Store.Verdict(ctx, "demo", invalid[1])
	must(t, err)

	vr, err := o.Verify(ctx, registrar.VerifyOptions{Petition: "demo"})
	must(t, err)
	if vr.Verified != 2 {
		t.Fatalf("after an override and an upheld challenge verification decided %d lines again, want 2", vr.Verified)
	}
	v, err := o.Store.Verdict(ctx, "demo", valid[0])
	must(t, err)
	if v.Code() != "other:section_defect" || v.DecidedBy != "supervisor (override)" {
		t.Fatalf("the overridden line: %s by %q", v.Code(), v.DecidedBy)
	}
	v, err = o.Store.Verdict(ctx, "demo", invalid[0])
	must(t, err)
	if !v.Valid || v.DecidedBy != "supervisor (challenge)" {
		t.Fatalf("the line of the upheld challenge: %s by %q", v.Code(), v.DecidedBy)
	}
	v, err = o.Store.Verdict(ctx, "demo", invalid[1])
	must(t, err)
	if v.Code() != deniedBefore.Code() || v.Valid {
		t.Fatalf("the line of the denied challenge changed: %s, was %s", v.Code(), deniedBefore.Code())
	}
	kinds := map[string]int{}
	evs, err := o.Store.Events(ctx, "petition:demo", 0)
	must(t, err)
	for _, e := range evs {
		kinds[e.Kind]++
	}
	if kinds[signet.EventOverride] != 2 || kinds[signet.EventChallengeFile] != 2 || kinds[signet.EventChallengeAnswer] != 2 {
		t.Fatalf("events: %v", kinds)
	}
	// The proponents see the outcome of their challenges.
	pg, err := o.InvalidLines(ctx, "demo", registrar.Page{Size: registrar.MaxPageSize})
	must(t, err)
	for _, l := range pg.Lines {
		if l.LineID == invalid[0] {
			t.Fatalf("the line of the upheld challenge is still listed invalid")
		}
		if l.LineID == invalid[1] && l.Challenge != signet.ChallengeDenied {
			t.Fatalf("the denied challenge's line: %+v", l)
		}
	}
	_, err = o.Store.VerifyAudit(ctx)
	must(t, err)
}

// The proponents' list of invalid lines holds nothing of the voter records beyond what
// the lines themselves say: no voter id, birth date, or name or address part of a
// candidate voter that the line did not write, in the list or its CSV.
func testInvalidLinesAreRedacted(t *testing.T, h Harness, c *county) {
	ctx := context.Background()
	o := verified(t, h, c)
	tally, err := o.Store.Tally(ctx, "demo")
	must(t, err)
	invalid := tally.Verified - tally.Valid
	pg, err := o.InvalidLines(ctx, "demo", registrar.Page{Number: 1, Size: 50})
	must(t, err)
	if pg.Total != invalid || len(pg.Lines) != min(50, invalid) || invalid < 50 {
		t.Fatalf("page 1: %d of %d lines, the tally has %d invalid", len(pg.Lines), pg.Total, invalid)
	}
	last := (invalid + 49) / 50
	pl, err := o.InvalidLines(ctx, "demo", registrar.Page{Number: last, Size: 50})
	must(t, err)
	if len(pl.Lines) != invalid-(last-1)*50 || pl.Lines[0].Seq <= pg.Lines[len(pg.Lines)-1].Seq {
		t.Fatalf("the last page: %d lines", len(pl.Lines))
	}
	_, err = o.InvalidLines(ctx, "demo", registrar.Page{Number: -1})
	wantCode(t, "page -1", err, signet.EInvalid)

	all, err := o.InvalidLines(ctx, "demo", registrar.Page{Size: registrar.MaxPageSize})
	must(t, err)
	recs := map[string]signet.VerdictRecord{}
	want := map[string]bool{}
	must(t, o.Store.EachVerdictRecord(ctx, "demo", true, func(r *signet.VerdictRecord) error {
		if !r.Valid {
			rec := *r
			rec.Candidates = slices.Clone(r.Candidates)
			recs[r.LineID] = rec
			for _, c := range r.Candidates {
				want[c.VoterID] = true
			}
		}
		return nil
	}))
	imp, err := o.Store.CurrentRoll(ctx, "demo-county")
	must(t, err)
	voters := map[string]signet.Voter{}
	must(t, o.Store.EachVoterRow(ctx, imp.ID, func(v *signet.Voter) error {
		if want[v.ID] {
			voters[v.ID] = *v
		}
		return nil
	}))
	var csvOut bytes.Buffer
	must(t, o.WriteInvalidCSV(ctx, &csvOut, "demo"))
	if head, _, _ := strings.Cut(csvOut.String(), "\n"); head != strings.Join(registrar.InvalidCSVColumns, ",") {
		t.Fatalf("the CSV's header: %q", head)
	}
	if n := strings.Count(csvOut.String(), "\n"); n != invalid+1 {
		t.Fatalf("the CSV has %d lines for %d invalid lines", n, invalid)
	}
	checked, evidenced := 0, 0
	for _, l := range all.Lines {
		rec := recs[l.LineID]
		line, err := o.Store.Line(ctx, "demo", l.LineID)
		must(t, err)
		if l.PrintedName != line.PrintedName || l.Reason != string(rec.Reason) || l.DecidedBy != rec.DecidedBy {
			t.Fatalf("line %s listed as %+v", l.LineID, l)
		}
		if len(l.Evidence) > 0 {
			evidenced++
		}
		// What the line itself says, and the listing's own words.
		own := tokens(line.PrintedName + " " + line.Address.String() + " " + line.Address.ZIP + " " + l.LineID + " " + signet.FormatDate(line.DateSigned))
		shown := l
		shown.DecidedAt, shown.Seq = time.Time{}, 0
		b, err := json.Marshal(shown)
		must(t, err)
		out := tokens(string(b))
		for _, c := range rec.Candidates {
			v, ok := voters[c.VoterID]
			if !ok {
				t.Fatalf("candidate %s of line %s is not on the roll", c.VoterID, l.LineID)
			}
			for _, secret := range []string{v.ID, signet.FormatDate(v.BirthDate)} {
				if secret != "" && (bytes.Contains(b, []byte(secret)) || strings.Contains(csvOut.String(), secret)) {
					t.Fatalf("line %s shows %q of voter record %s", l.LineID, secret, v.ID)
				}
			}
			for tok := range tokens(v.FullName() + " " + v.Residence.String() + " " + v.Residence.ZIP) {
				if own[tok] {
					continue
				}
				checked++
				if out[tok] {
					t.Fatalf("line %s shows %q of voter record %s, which the line did not write: %s", l.LineID, tok, v.ID, b)
				}
			}
		}
	}
	if checked < 100 || evidenced < len(all.Lines)/2 {
		t.Fatalf("the test checked %d parts of voter records that differ from their lines, and %d of %d lines have evidence: too few to mean anything",
			checked, evidenced, len(all.Lines))
	}
	// The staff's own view shows the voter: the redaction is the listing's, not the data's.
	e, err := o.Line(ctx, "demo", all.Lines[0].LineID)
	must(t, err)
	if len(recs[all.Lines[0].LineID].Candidates) > 0 && (e.Verdict == nil || len(e.Verdict.Candidates) == 0 || e.Verdict.Candidates[0].VoterID == "") {
		t.Fatalf("the staff's evidence of line %s has no voter", all.Lines[0].LineID)
	}
}

// tokens are the upper-cased words and numbers of s.
func tokens(s string) map[string]bool {
	out := map[string]bool{}
	for _, f := range strings.FieldsFunc(strings.ToUpper(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		out[f] = true
	}
	return out
}
