package storetest

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/registrar"
)

// fastPasswords are Argon2id costs low enough for tests (a hash keeps its own costs).
var fastPasswords = registrar.PasswordParams{Memory: 64, Time: 1, Threads: 1}

// The account tables as the store keeps them, called directly: users, roles, enabling,
// sign-in attempts, sessions and API tokens, each change to an account or a token with its
// event, refusals by code, and an audit log that still verifies and reconciles.
func testAccountRecords(t *testing.T, h Harness, _ *county) {
	ctx := context.Background()
	o := newOffice(t, h)
	st := o.Store
	at := time.Date(2022, 7, 21, 10, 0, 0, 0, time.UTC)
	ann := signet.User{Name: "ann", Role: "admin", PasswordHash: "$argon2id$v=19$m=64,t=1,p=1$c2FsdA$aGFzaA", Enabled: true, Created: at}
	bob := signet.User{Name: "bob", Role: "clerk", PasswordHash: "$argon2id$v=19$m=64,t=1,p=1$c2FsdA$Ym9i", Enabled: true, Created: at.Add(time.Second)}
	before := events(t, o)
	must(t, st.CreateUser(ctx, bob, "storetest"))
	must(t, st.CreateUser(ctx, ann, "storetest"))
	wantCode(t, "a user created twice", st.CreateUser(ctx, ann, "storetest"), signet.EConflict)
	if got := events(t, o); got != before+2 {
		t.Fatalf("creating two users wrote %d events", got-before)
	}
	got, err := st.User(ctx, "ann")
	must(t, err)
	if got != ann {
		t.Errorf("user read back: %+v, want %+v", got, ann)
	}
	_, err = st.User(ctx, "carl")
	wantCode(t, "a user that is not there", err, signet.ENotFound)
	us, err := st.Users(ctx)
	must(t, err)
	if len(us) != 2 || us[0].Name != "ann" || us[1].Name != "bob" || us[1].Role != "clerk" {
		t.Errorf("users: %+v", us)
	}

	must(t, st.SetUserRole(ctx, "bob", "supervisor", "ann"))
	must(t, st.SetUserEnabled(ctx, "bob", false, "ann"))
	wantCode(t, "the role of no user", st.SetUserRole(ctx, "carl", "clerk", "ann"), signet.ENotFound)
	wantCode(t, "disabling no user", st.SetUserEnabled(ctx, "carl", false, "ann"), signet.ENotFound)
	if got, _ := st.User(ctx, "bob"); got.Role != "supervisor" || got.Enabled {
		t.Errorf("bob after a role change and disabling: %+v", got)
	}

	// Attempts to sign in: each with its event, read back by name and time.
	must(t, st.RecordLogin(ctx, signet.LoginAttempt{Name: "bob", At: at, Reason: "wrong password"}))
	must(t, st.RecordLogin(ctx, signet.LoginAttempt{Name: "bob", At: at.Add(time.Minute), OK: true}))
	must(t, st.RecordLogin(ctx, signet.LoginAttempt{Name: "nobody", At: at.Add(2 * time.Minute), Reason: "no such user"}))
	as, err := st.LoginAttempts(ctx, "bob", at)
	must(t, err)
	if len(as) != 2 || as[0].OK || as[0].Reason != "wrong password" || !as[0].At.Equal(at) || !as[1].OK || as[1].Name != "bob" {
		t.Errorf("bob's attempts: %+v", as)
	}
	if as, _ := st.LoginAttempts(ctx, "bob", at.Add(time.Second)); len(as) != 1 || !as[0].OK {
		t.Errorf("bob's attempts since a second later: %+v", as)
	}

	// Sessions: not audited, read by hash, touched, ended one by one, by user, by expiry.
	n := events(t, o)
	s1 := signet.Session{TokenHash: "h1", User: "ann", Created: at, Expires: at.Add(time.Hour), LastSeen: at}
	s2 := signet.Session{TokenHash: "h2", User: "ann", Created: at, Expires: at.Add(2 * time.Hour), LastSeen: at}
	s3 := signet.Session{TokenHash: "h3", User: "bob", Created: at, Expires: at.Add(3 * time.Hour), LastSeen: at}
	for _, s := range []signet.Session{s1, s2, s3} {
		must(t, st.CreateSession(ctx, s))
	}
	wantCode(t, "a session of no user", st.CreateSession(ctx, signet.Session{TokenHash: "h4", User: "carl", Created: at, Expires: at, LastSeen: at}), signet.ENotFound)
	wantCode(t, "a session stored twice", st.CreateSession(ctx, s1), signet.EConflict)
	got1, err := st.Session(ctx, "h1")
	must(t, err)
	if got1 != s1 {
		t.Errorf("session read back: %+v, want %+v", got1, s1)
	}
	must(t, st.TouchSession(ctx, "h1", at.Add(10*time.Minute)))
	if got1, _ = st.Session(ctx, "h1"); !got1.LastSeen.Equal(at.Add(10 * time.Minute)) {
		t.Errorf("a touched session: %+v", got1)
	}
	must(t, st.DeleteSession(ctx, "h1"))
	must(t, st.DeleteSession(ctx, "h1"))
	_, err = st.Session(ctx, "h1")
	wantCode(t, "an ended session", err, signet.ENotFound)
	k, err := st.DeleteSessions(ctx, "", at.Add(150*time.Minute)) // h2 expired, h3 not
	must(t, err)
	if _, err := st.Session(ctx, "h3"); k != 1 || err != nil {
		t.Errorf("ending expired sessions ended %d; bob's: %v", k, err)
	}
	if k, err = st.DeleteSessions(ctx, "bob", time.Time{}); k != 1 || err != nil {
		t.Errorf("ending bob's sessions ended %d (%v)", k, err)
	}
	if events(t, o) != n {
		t.Error("a session's upkeep wrote events")
	}

	// API tokens.
	tok := signet.APIToken{User: "ann", Name: "ci", TokenHash: "t1", Created: at}
	must(t, st.CreateToken(ctx, tok, "ann"))
	must(t, st.CreateToken(ctx, signet.APIToken{User: "bob", Name: "ci", TokenHash: "t2", Created: at}, "ann"))
	wantCode(t, "a token name taken", st.CreateToken(ctx, signet.APIToken{User: "ann", Name: "ci", TokenHash: "t3", Created: at}, "ann"), signet.EConflict)
	wantCode(t, "a token hash taken", st.CreateToken(ctx, signet.APIToken{User: "ann", Name: "other", TokenHash: "t1", Created: at}, "ann"), signet.EConflict)
	wantCode(t, "a token of no user", st.CreateToken(ctx, signet.APIToken{User: "carl", Name: "ci", TokenHash: "t4", Created: at}, "ann"), signet.ENotFound)
	gt, err := st.Token(ctx, "t1")
	must(t, err)
	if gt != tok {
		t.Errorf("token read back: %+v, want %+v", gt, tok)
	}
	_, err = st.Token(ctx, "nope")
	wantCode(t, "a token that is not there", err, signet.ENotFound)
	must(t, st.RevokeToken(ctx, "ann", "ci", at.Add(time.Hour), "ann"))
	wantCode(t, "revoking no token", st.RevokeToken(ctx, "ann", "nope", at, "ann"), signet.ENotFound)
	if gt, _ = st.Token(ctx, "t1"); !gt.Revoked.Equal(at.Add(time.Hour)) {
		t.Errorf("a revoked token: %+v", gt)
	}
	all, err := st.Tokens(ctx, "")
	must(t, err)
	mine, err := st.Tokens(ctx, "bob")
	must(t, err)
	if len(all) != 2 || all[0].User != "ann" || all[1].User != "bob" || len(mine) != 1 || mine[0].TokenHash != "t2" || !mine[0].Revoked.IsZero() {
		t.Errorf("tokens: all %+v, bob's %+v", all, mine)
	}

	// The events: one per change, none holding a hash.
	evs, err := st.Events(ctx, "user:ann", 0)
	must(t, err)
	kinds := []string{}
	for _, e := range evs {
		kinds = append(kinds, e.Kind)
		if strings.Contains(string(e.Payload), "argon2") || strings.Contains(string(e.Payload), `"t1"`) {
			t.Errorf("event %s holds a hash: %s", e.Kind, e.Payload)
		}
	}
	if strings.Join(kinds, " ") != "user.create token.create token.revoke" {
		t.Errorf("ann's events: %v", kinds)
	}
	evs, err = st.Events(ctx, "user:bob", 0)
	must(t, err)
	kinds = kinds[:0]
	for _, e := range evs {
		kinds = append(kinds, e.Kind)
	}
	if strings.Join(kinds, " ") != "user.create user.role user.disable user.login_failed user.login token.create" {
		t.Errorf("bob's events: %v", kinds)
	}
	var p map[string]any
	must(t, json.Unmarshal(evs[3].Payload, &p))
	if p["name"] != "bob" || p["reason"] != "wrong password" || evs[3].Actor != "bob" {
		t.Errorf("a failed sign-in's event: %s by %s", evs[3].Payload, evs[3].Actor)
	}
	if _, err := st.VerifyAudit(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := o.Audit(ctx, registrar.AuditOptions{}); err != nil {
		t.Fatal(err)
	}
}

// The engine's accounts on the store: passwords hashed and checked, sign-in throttled and
// recorded, sessions that expire and end, API tokens shown once, the last admin kept.
func testAccountsInTheEngine(t *testing.T, h Harness, _ *county) {
	ctx := context.Background()
	o := newOffice(t, h)
	o.Passwords = fastPasswords
	const pw = "correct horse battery"
	_, err := o.AddUser(ctx, "Ann", registrar.RoleAdmin, pw, "storetest")
	must(t, err)
	u, err := o.Store.User(ctx, "ann")
	must(t, err)
	if !strings.HasPrefix(u.PasswordHash, "$argon2id$v=19$m=64,t=1,p=1$") || strings.Contains(u.PasswordHash, pw) {
		t.Fatalf("the stored hash: %q", u.PasswordHash)
	}
	_, err = o.AddUser(ctx, "bob", registrar.RoleClerk, "short", "storetest")
	wantCode(t, "a short password", err, signet.EInvalid)
	_, err = o.AddUser(ctx, "bob", "janitor", pw, "storetest")
	wantCode(t, "no such role", err, signet.EInvalid)
	_, err = o.AddUser(ctx, "bob smith", registrar.RoleClerk, pw, "storetest")
	wantCode(t, "a name with a space", err, signet.EInvalid)
	_, err = o.AddUser(ctx, "ann", registrar.RoleClerk, pw, "storetest")
	wantCode(t, "a name taken", err, signet.EConflict)
	_, err = o.AddUser(ctx, "bob", registrar.RoleClerk, pw+" for bob", "storetest")
	must(t, err)

	// Signing in.
	res, err := o.Login(ctx, " ANN ", pw)
	must(t, err)
	if res.User.Name != "ann" || res.User.PasswordHash != "" || len(res.Token) < 40 || res.Session.TokenHash == res.Token {
		t.Fatalf("sign-in: %+v", res)
	}
	if se, err := o.Store.Session(ctx, res.Session.TokenHash); err != nil || se.User != "ann" {
		t.Fatalf("the session stored: %+v %v", se, err)
	}
	who, err := o.Authenticate(ctx, res.Token)
	must(t, err)
	if who.User.Name != "ann" || who.User.Role != registrar.RoleAdmin || who.Via != "session" || !who.Can(registrar.PermUsersRead) {
		t.Errorf("authenticated: %+v", who)
	}
	_, err = o.Authenticate(ctx, res.Session.TokenHash)
	wantCode(t, "the session's hash presented as its token", err, signet.EUnauthorized)
	_, err = o.Login(ctx, "ann", pw+"x")
	wantCode(t, "a wrong password", err, signet.EUnauthorized)
	_, err = o.Login(ctx, "carl", pw)
	wantCode(t, "no such user", err, signet.EUnauthorized)

	// Throttling: five failures within the window refuse the name, even with the right
	// password, until the oldest of them is LoginWindow old; the error says until when.
	for i := 0; i < registrar.LoginFailuresAllowed; i++ {
		_, err = o.Login(ctx, "bob", "not bob's password")
		wantCode(t, "a wrong password for bob", err, signet.EUnauthorized)
		if _, ok := registrar.RetryAfter(err); ok {
			t.Fatalf("failure %d is already throttled: %v", i+1, err)
		}
	}
	_, err = o.Login(ctx, "bob", pw+" for bob")
	wantCode(t, "bob's right password after five failures", err, signet.EUnauthorized)
	until, ok := registrar.RetryAfter(err)
	if !ok || !strings.Contains(err.Error(), "too many failed attempts") || !strings.Contains(err.Error(), until.Format("15:04 UTC")) {
		t.Fatalf("the refusal: %v (until %v, %v)", err, until, ok)
	}
	_, err = o.Login(ctx, "ann", pw) // another name is not throttled
	must(t, err)
	o.mu.Lock()
	o.now = until.Add(time.Second)
	o.mu.Unlock()
	if _, err := o.Login(ctx, "bob", pw+" for bob"); err != nil {
		t.Fatalf("bob after the window: %v", err)
	}
	evs, err := o.Store.Events(ctx, "user:bob", 0)
	must(t, err)
	var reasons []string
	for _, e := range evs {
		if strings.Contains(string(e.Payload), pw) {
			t.Errorf("an event holds the password: %s", e.Payload)
		}
		var p struct{ Reason string }
		json.Unmarshal(e.Payload, &p)
		reasons = append(reasons, e.Kind+":"+p.Reason)
	}
	want := "user.create: user.login_failed:wrong password user.login_failed:wrong password user.login_failed:wrong password user.login_failed:wrong password user.login_failed:wrong password user.login_failed:throttled user.login:"
	if strings.Join(reasons, " ") != want {
		t.Errorf("bob's events:\n got %s\nwant %s", strings.Join(reasons, " "), want)
	}

	// A session ends when idle, when old, at sign-out, and when its user is disabled.
	bob, err := o.Login(ctx, "bob", pw+" for bob")
	must(t, err)
	o.mu.Lock()
	o.now = o.now.Add(registrar.SessionIdle + time.Minute)
	o.mu.Unlock()
	_, err = o.Authenticate(ctx, bob.Token)
	wantCode(t, "an idle session", err, signet.EUnauthorized)
	bob, err = o.Login(ctx, "bob", pw+" for bob")
	must(t, err)
	for i := 0; i < 13; i++ { // busy all day: an hour at a time
		o.mu.Lock()
		o.now = o.now.Add(time.Hour)
		o.mu.Unlock()
		_, err = o.Authenticate(ctx, bob.Token)
		if i < 11 && err != nil {
			t.Fatalf("a busy session after %d hours: %v", i+1, err)
		}
	}
	wantCode(t, "a session older than its lifetime", err, signet.EUnauthorized)
	bob, err = o.Login(ctx, "bob", pw+" for bob")
	must(t, err)
	must(t, o.Logout(ctx, bob.Token))
	_, err = o.Authenticate(ctx, bob.Token)
	wantCode(t, "a session signed out", err, signet.EUnauthorized)
	bob, err = o.Login(ctx, "bob", pw+" for bob")
	must(t, err)

	// API tokens: shown once, stored as a hash, revoked for good, void with their user.
	tok, secret, err := o.AddToken(ctx, "bob", "ci", "ann")
	must(t, err)
	if !strings.HasPrefix(secret, registrar.APITokenPrefix) || tok.TokenHash != "" {
		t.Fatalf("a new token: %+v %q", tok, secret)
	}
	stored, err := o.Store.Tokens(ctx, "bob")
	must(t, err)
	if len(stored) != 1 || stored[0].TokenHash == secret || len(stored[0].TokenHash) != 64 {
		t.Fatalf("the token stored: %+v", stored)
	}
	who, err = o.AuthenticateToken(ctx, secret)
	must(t, err)
	if who.User.Name != "bob" || who.Via != "token" || who.Token != "ci" || who.Can(registrar.PermUsersRead) {
		t.Errorf("the token's principal: %+v", who)
	}
	_, _, err = o.AddToken(ctx, "bob", "ci", "ann")
	wantCode(t, "a token name taken", err, signet.EConflict)
	_, err = o.AuthenticateToken(ctx, registrar.APITokenPrefix+"forged")
	wantCode(t, "a forged token", err, signet.EUnauthorized)

	// The last enabled admin keeps the role and the account.
	wantCode(t, "demoting the last admin", o.SetRole(ctx, "ann", registrar.RoleClerk, "ann"), signet.EConflict)
	wantCode(t, "disabling the last admin", o.DisableUser(ctx, "ann", "ann"), signet.EConflict)
	wantCode(t, "a role it has", o.SetRole(ctx, "bob", registrar.RoleClerk, "ann"), signet.EConflict)

	must(t, o.DisableUser(ctx, "bob", "ann"))
	_, err = o.Authenticate(ctx, bob.Token)
	wantCode(t, "a disabled user's session", err, signet.EUnauthorized)
	_, err = o.AuthenticateToken(ctx, secret)
	wantCode(t, "a disabled user's token", err, signet.EUnauthorized)
	_, err = o.Login(ctx, "bob", pw+" for bob")
	wantCode(t, "a disabled user signing in", err, signet.EUnauthorized)
	must(t, o.EnableUser(ctx, "bob", "ann"))
	if _, err := o.AuthenticateToken(ctx, secret); err != nil {
		t.Errorf("the token of a user enabled again: %v", err)
	}
	must(t, o.RevokeToken(ctx, "bob", "ci", "ann"))
	_, err = o.AuthenticateToken(ctx, secret)
	wantCode(t, "a revoked token", err, signet.EUnauthorized)
	wantCode(t, "a token revoked twice", o.RevokeToken(ctx, "bob", "ci", "ann"), signet.EConflict)
	if _, err := o.Audit(ctx, registrar.AuditOptions{}); err != nil {
		t.Fatal(err)
	}
}
