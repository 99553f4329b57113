package registrar_test

import (
	"context"
	"strings"
	"testing"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/registrar"
)

// TestResetPassword: an admin resets a clerk's password on a real store; the clerk's
// sessions end, the new password signs in and the old does not, the event names the admin
// and holds no password; a short password, an unknown user and one's own account are
// refused with a person's error, and change nothing.
func TestResetPassword(t *testing.T) {
	ctx := context.Background()
	svc := newOffice(t)
	svc.Passwords = registrar.PasswordParams{Memory: 64, Time: 1, Threads: 1}
	const old, fresh = "the clerk's old password", "a brand new password"
	if _, err := svc.AddUser(ctx, "ann", registrar.RoleAdmin, "the admin's password", "setup"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AddUser(ctx, "carl", registrar.RoleClerk, old, "setup"); err != nil {
		t.Fatal(err)
	}
	s1, err := svc.Login(ctx, "carl", old)
	if err != nil {
		t.Fatal(err)
	}
	s2, _ := svc.Login(ctx, "carl", old)
	annSession, _ := svc.Login(ctx, "ann", "the admin's password")

	for _, c := range []struct {
		name, pw, admin string
		code            signet.ErrorCode
	}{
		{"carl", "short", "ann", signet.EInvalid},
		{"carl", strings.Repeat("x", 2000), "ann", signet.EInvalid},
		{"nobody", fresh, "ann", signet.ENotFound},
		{"", fresh, "ann", signet.EInvalid},
		{"../x", fresh, "ann", signet.EInvalid},
		{"ann", fresh, "ann", signet.EConflict},
		{" Ann ", fresh, "ANN", signet.EConflict},
	} {
		if _, err := svc.ResetPassword(ctx, c.name, c.pw, c.admin, c.admin+" (test)"); signet.Code(err) != c.code {
			t.Errorf("reset %q by %q: %v, want %s", c.name, c.admin, err, c.code)
		}
	}
	if _, err := svc.Authenticate(ctx, s1.Token); err != nil {
		t.Fatalf("a refused reset ended carl's session: %v", err)
	}

	n, err := svc.ResetPassword(ctx, "Carl", fresh, "ann", "ann (test)")
	if err != nil || n != 2 {
		t.Fatalf("reset: %d sessions ended, %v", n, err)
	}
	for _, tok := range []string{s1.Token, s2.Token} {
		if _, err := svc.Authenticate(ctx, tok); err == nil {
			t.Error("carl's session outlived the reset")
		}
	}
	if _, err := svc.Authenticate(ctx, annSession.Token); err != nil {
		t.Errorf("the admin's own session ended: %v", err)
	}
	if _, err := svc.Login(ctx, "carl", old); err == nil {
		t.Error("the old password still signs in")
	}
	if _, err := svc.Login(ctx, "carl", fresh); err != nil {
		t.Errorf("the new password does not sign in: %v", err)
	}
	evs, err := svc.Store.Events(ctx, "user:carl", 100)
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, e := range evs {
		if strings.Contains(string(e.Payload), fresh) || strings.Contains(string(e.Payload), "argon2") {
			t.Errorf("an event holds the password or its hash: %+v", e)
		}
		if e.Kind == signet.EventUserPassword {
			found++
			if e.Actor != "ann (test)" || !strings.Contains(string(e.Payload), `"sessions_ended":2`) {
				t.Errorf("the reset's event: %s by %q %s", e.Kind, e.Actor, e.Payload)
			}
		}
	}
	if found != 1 {
		t.Errorf("%d user.password events for carl, want 1: %+v", found, evs)
	}
}
