package storetest

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/registrar"
)

// entries is a source of intake entries.
func entries(es ...signet.IntakeEntry) signet.IntakeSource {
	i := 0
	return func() (signet.IntakeEntry, int, error) {
		if i == len(es) {
			return signet.IntakeEntry{}, 0, io.EOF
		}
		i++
		return es[i-1], i + 1, nil
	}
}

// A campaign's intake is recorded whole or not at all, a section and a file once; its
// pre-checks keep each line's latest result in the order first checked, the same files
// once; each write is one event.
func testCampaignWorkspace(t *testing.T, h Harness, c *county) {
	ctx := context.Background()
	o := newOffice(t, h)
	must(t, o.Store.CreateJurisdiction(ctx, signet.Jurisdiction{ID: "demo-county", Name: c.name, ZIPs: c.zips}, "storetest"))
	_, err := o.AddReport(ctx, signet.RegistrationReport{ID: "r", JurisdictionID: "demo-county", Date: c.approved.AddDate(0, 0, -1), Registered: 50000}, false, "storetest")
	must(t, err)
	_, err = o.CreatePetition(ctx, registrar.PetitionSpec{ID: "demo", Kind: signet.KindLocalRecall, Jurisdiction: "demo-county", Rules: "ca-local-recall", Report: "r", Approved: c.approved}, "storetest")
	must(t, err)
	day := func(n int) time.Time { return c.approved.AddDate(0, 0, n) }
	a := signet.IntakeEntry{SectionID: "S1", Circulator: "Ana", TurnedIn: day(3), Lines: 20}
	b := signet.IntakeEntry{SectionID: "S2", Circulator: "Bo", TurnedIn: day(1), Lines: 7}
	meta := signet.ImportMeta{FileName: "intake.csv", SHA256: "intake-digest", Actor: "campaign"}

	n := events(t, o)
	_, err = o.AddIntake(ctx, "demo", meta, failAfter(entries(a, b), 1))
	wantCode(t, "an intake file failing on its second row", err, signet.EInvalid)
	_, err = o.AddIntake(ctx, "demo", meta, entries(a, signet.IntakeEntry{SectionID: "S3", Circulator: "Cy", TurnedIn: day(-1), Lines: 5}))
	wantCode(t, "a section turned in before the form was approved", err, signet.EInvalid)
	_, err = o.AddIntake(ctx, "ghost", meta, entries(a))
	wantCode(t, "intake of a petition that does not exist", err, signet.ENotFound)
	if got, err := o.Store.Intake(ctx, "demo"); err != nil || len(got) != 0 || events(t, o) != n {
		t.Fatalf("after refused intake: %v %v, %d events (was %d)", got, err, events(t, o), n)
	}
	added, err := o.AddIntake(ctx, "demo", meta, entries(a, b))
	must(t, err)
	if len(added) != 2 || events(t, o) != n+1 {
		t.Fatalf("intake added %+v, %d events (was %d)", added, events(t, o), n)
	}
	_, err = o.AddIntake(ctx, "demo", meta, entries(signet.IntakeEntry{SectionID: "S9", Circulator: "Di", TurnedIn: day(2), Lines: 1}))
	wantCode(t, "the same intake file again", err, signet.EConflict)
	// The same file again, its sections and all, is refused as the file it is.
	_, err = o.AddIntake(ctx, "demo", meta, entries(a, b))
	wantCode(t, "the same intake file, same sections, again", err, signet.EConflict)
	if err == nil || !strings.Contains(err.Error(), "this file's intake was recorded before") {
		t.Errorf("the same intake file again: %v, want it named as recorded before", err)
	}
	if name, err := o.Store.IntakeFile(ctx, "demo", meta.SHA256); err != nil || name != "intake.csv" {
		t.Errorf("IntakeFile of the file recorded: %q, %v", name, err)
	}
	if name, err := o.Store.IntakeFile(ctx, "demo", "another-digest"); err != nil || name != "" {
		t.Errorf("IntakeFile of a file never recorded: %q, %v", name, err)
	}
	_, err = o.Store.AddIntake(ctx, "demo", signet.ImportMeta{Actor: "campaign"}, []signet.IntakeEntry{a})
	wantCode(t, "a section recorded before, in the store", err, signet.EConflict)
	must(t, func() error {
		_, err := o.AddIntake(ctx, "demo", signet.ImportMeta{Actor: "campaign"}, entries(signet.IntakeEntry{SectionID: "S3", Circulator: "Cy", TurnedIn: day(2), Lines: 5}))
		return err
	}())
	got, err := o.Store.Intake(ctx, "demo")
	must(t, err)
	if len(got) != 3 || got[0].SectionID != "S1" || got[1].SectionID != "S2" || got[2].SectionID != "S3" || got[0].Seq >= got[1].Seq ||
		!got[1].TurnedIn.Equal(day(1)) || got[0].Lines != 20 || got[0].Circulator != "Ana" || got[2].By != "campaign" || got[2].At.IsZero() {
		t.Fatalf("intake read back: %+v", got)
	}
	st, err := o.Intake(ctx, "demo", day(3))
	must(t, err)
	if st.Collected != 32 || st.Sections != 3 || len(st.Days) != 3 || st.Days[2].Total != 32 || st.Circulators[0].Name != "Ana" {
		t.Fatalf("intake status %+v", st)
	}

	// Pre-checks: 300 lines, then 100 of them and 100 more against another voter file.
	voters, vmeta := c.voters(t)
	lines, lmeta := c.lines(t)
	n = events(t, o)
	sum, err := o.Precheck(ctx, registrar.PrecheckOptions{Petition: "demo", Actor: "campaign", Voters: voters, VotersMeta: vmeta, Lines: take(lines, 300), LinesMeta: lmeta})
	must(t, err)
	if sum.Checked != 300 || sum.Runs != 1 || sum.Valid == 0 || sum.Valid+sum.Duplicates > sum.ValidOnOwn || events(t, o) != n+1 {
		t.Fatalf("first pre-check: %+v, %d events (was %d)", sum, events(t, o), n)
	}
	first, err := o.Store.PrecheckLines(ctx, "demo")
	must(t, err)
	voters, vmeta = c.voters(t)
	lines, lmeta = c.lines(t)
	_, err = o.Precheck(ctx, registrar.PrecheckOptions{Petition: "demo", Actor: "campaign", Voters: voters, VotersMeta: vmeta, Lines: take(lines, 300), LinesMeta: lmeta})
	wantCode(t, "the same lines against the same voter file", err, signet.EConflict)
	voters, vmeta = c.voters(t)
	vmeta.SHA256 = "another-voter-file"
	lines, lmeta = c.lines(t)
	for range 200 {
		if _, _, err := lines(); err != nil {
			t.Fatal(err)
		}
	}
	sum, err = o.Precheck(ctx, registrar.PrecheckOptions{Petition: "demo", Actor: "campaign", Voters: voters, VotersMeta: vmeta, Lines: take(lines, 200), LinesMeta: lmeta})
	must(t, err)
	if sum.Checked != 400 || sum.Runs != 2 {
		t.Fatalf("second pre-check: %+v", sum)
	}
	again, err := o.Store.PrecheckLines(ctx, "demo")
	must(t, err)
	runs, err := o.Store.PrecheckRuns(ctx, "demo")
	must(t, err)
	if len(again) != 400 || len(runs) != 2 || runs[1].Lines != 200 || runs[1].Voters != 12000 || runs[0].Linker != "fs-v1" || runs[1].By != "campaign" {
		t.Fatalf("pre-checks read back: %d lines, runs %+v", len(again), runs)
	}
	for i, l := range again {
		switch {
		case l.Seq <= 0 || i > 0 && l.Seq <= again[i-1].Seq:
			t.Fatalf("line %d out of order: %+v", i, l)
		case i < 200 && (l.LineID != first[i].LineID || l.Run != runs[0].ID || l.Seq != first[i].Seq):
			t.Fatalf("line %d of the first run: %+v, was %+v", i, l, first[i])
		case i >= 200 && (l.Run != runs[1].ID || i < 300 && l.LineID != first[i].LineID):
			t.Fatalf("line %d of the second run: %+v", i, l)
		}
	}
	// The events name the files and count the verdicts; they hold no signer or voter.
	evs, err := o.Store.Events(ctx, "petition:demo", 0)
	must(t, err)
	kinds := map[string]int{}
	for _, ev := range evs {
		kinds[ev.Kind]++
		if ev.Kind != signet.EventPrecheck {
			continue
		}
		for _, l := range again {
			if (l.VoterID != "" && strings.Contains(string(ev.Payload), `"`+l.VoterID+`"`)) || (l.AddressKey != "" && strings.Contains(string(ev.Payload), l.AddressKey)) {
				t.Fatalf("a pre-check's event holds a line's voter or address: %s", ev.Payload)
			}
		}
	}
	if kinds[signet.EventIntake] != 2 || kinds[signet.EventPrecheck] != 2 {
		t.Fatalf("the workspace's events: %v", kinds)
	}
	if _, err := o.Store.VerifyAudit(ctx); err != nil {
		t.Fatalf("the log after the workspace's writes: %v", err)
	}
	l := again[0]
	if l.SectionID == "" || l.Circulator == "" || l.LineNumber == 0 || l.DateSigned.IsZero() || l.Decision == "" {
		t.Fatalf("a pre-checked line read back: %+v", l)
	}
	if l.Valid && (l.VoterID == "" || l.AddressKey == "") {
		t.Fatalf("a valid pre-checked line without its voter or address: %+v", l)
	}
}
