package storetest

import (
	"context"
	"strings"
	"testing"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/registrar"
)

// The admin's reads and the password change: a jurisdiction's roll snapshots oldest first,
// the audit log read a page at a time from its end (no page skips or repeats an event),
// and a password changed with its event, ending the user's other sessions.
func testAdminReads(t *testing.T, h Harness, c *county) {
	ctx := context.Background()
	o := newOffice(t, h)
	st := o.Store
	must(t, st.CreateJurisdiction(ctx, signet.Jurisdiction{ID: "j", Name: "J", ZIPs: []string{"90001", "90002"}}, "storetest"))
	if imps, err := st.RollImports(ctx, "j"); err != nil || len(imps) != 0 {
		t.Fatalf("the snapshots of a jurisdiction without a roll: %+v %v", imps, err)
	}
	voters, meta := c.voters(t)
	first, err := st.ImportVoters(ctx, "j", meta, take(voters, 40))
	must(t, err)
	voters, meta = c.voters(t)
	meta.NewSnapshot = true
	second, err := st.ImportVoters(ctx, "j", meta, take(voters, 30))
	must(t, err)
	imps, err := st.RollImports(ctx, "j")
	must(t, err)
	if len(imps) != 2 || imps[0].ID != first.ID || imps[0].Rows != 40 || imps[1].ID != second.ID || imps[1].Rows != 30 ||
		imps[1].Jurisdiction != "j" || imps[1].SHA256 != meta.SHA256 || imps[1].ImportedAt == "" {
		t.Errorf("the snapshots: %+v", imps)
	}
	if imps, err := st.RollImports(ctx, "nope"); err != nil || len(imps) != 0 {
		t.Errorf("the snapshots of no jurisdiction: %+v %v", imps, err)
	}
	ov, err := o.JurisdictionsOverview(ctx)
	must(t, err)
	if len(ov) != 1 || ov[0].ZIPs != 2 || len(ov[0].Snapshots) != 2 || ov[0].Snapshots[1].Voters != 30 {
		t.Errorf("the jurisdictions' overview: %+v", ov)
	}

	// A password changed: its event, the other sessions ended, the kept one not.
	o.Passwords = fastPasswords
	const pw = "correct horse battery"
	_, err = o.AddUser(ctx, "ann", registrar.RoleClerk, pw, "storetest")
	must(t, err)
	a, err := o.Login(ctx, "ann", pw)
	must(t, err)
	b, err := o.Login(ctx, "ann", pw)
	must(t, err)
	_, err = st.SetUserPassword(ctx, "carl", "$argon2id$x", "", "storetest")
	wantCode(t, "the password of no user", err, signet.ENotFound)
	_, err = o.ChangePassword(ctx, "ann", pw+"x", "a brand new password", a.Token)
	wantCode(t, "a wrong current password", err, signet.EInvalid)
	_, err = o.ChangePassword(ctx, "ann", pw, "short", a.Token)
	wantCode(t, "a short new password", err, signet.EInvalid)
	_, err = o.ChangePassword(ctx, "ann", pw, pw, a.Token)
	wantCode(t, "the same password again", err, signet.EInvalid)
	ended, err := o.ChangePassword(ctx, "ann", pw, "a brand new password", a.Token)
	must(t, err)
	if ended != 1 {
		t.Errorf("the change ended %d sessions, want 1", ended)
	}
	if _, err := o.Authenticate(ctx, a.Token); err != nil {
		t.Errorf("the session that changed the password: %v", err)
	}
	_, err = o.Authenticate(ctx, b.Token)
	wantCode(t, "another session after the change", err, signet.EUnauthorized)
	_, err = o.Login(ctx, "ann", pw)
	wantCode(t, "the old password", err, signet.EUnauthorized)
	_, err = o.Login(ctx, "ann", "a brand new password")
	must(t, err)
	u, err := st.User(ctx, "ann")
	must(t, err)
	evs, err := st.Events(ctx, "user:ann", 0)
	must(t, err)
	found := false
	for _, e := range evs {
		if strings.Contains(string(e.Payload), "argon2") || strings.Contains(string(e.Payload), "brand new") || strings.Contains(string(e.Payload), u.PasswordHash) {
			t.Errorf("an event holds the password or its hash: %s", e.Payload)
		}
		found = found || (e.Kind == signet.EventUserPassword && e.Actor == "ann" && strings.Contains(string(e.Payload), `"sessions_ended":1`))
	}
	if !found {
		t.Errorf("no %s event for ann: %+v", signet.EventUserPassword, evs)
	}

	// The log a page at a time from its end.
	head := events(t, o)
	var seqs []int64
	for before := int64(0); ; {
		evs, err := st.RecentEvents(ctx, before, 3)
		must(t, err)
		for _, e := range evs {
			seqs = append(seqs, e.Seq)
		}
		if len(evs) < 3 {
			break
		}
		before = evs[len(evs)-1].Seq
	}
	if int64(len(seqs)) != head {
		t.Fatalf("the pages held %d events, the log %d", len(seqs), head)
	}
	for i, s := range seqs {
		if s != head-int64(i) {
			t.Fatalf("the pages' events: %v", seqs)
		}
	}
	if evs, err := st.RecentEvents(ctx, 0, 0); err != nil || len(evs) != 0 {
		t.Errorf("a page of 0: %d %v", len(evs), err)
	}
	pg, err := o.AuditLog(ctx, 0, 2)
	must(t, err)
	if pg.HeadSeq != head || len(pg.Entries) != 2 || pg.Entries[0].Seq != head || pg.Next != head-1 {
		t.Errorf("the engine's first page: %+v", pg)
	}
	pg, err = o.AuditLog(ctx, 2, 5)
	must(t, err)
	if len(pg.Entries) != 1 || pg.Entries[0].Seq != 1 || pg.Next != 0 {
		t.Errorf("the engine's last page: %+v", pg)
	}
	for _, bad := range []struct {
		before int64
		limit  int
	}{{-1, 10}, {0, 0}, {0, registrar.MaxAuditPage + 1}} {
		_, err := o.AuditLog(ctx, bad.before, bad.limit)
		wantCode(t, "a bad page of the log", err, signet.EInvalid)
	}
	if _, err := o.Audit(ctx, registrar.AuditOptions{}); err != nil {
		t.Fatal(err)
	}
}
