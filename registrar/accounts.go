package registrar

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/signet-vote/signet"
)

// Accounts: the people (and programs) who use the doors, their roles, passwords, sessions
// and API tokens, and the throttling of attempts to sign in. Passwords are kept as
// Argon2id hashes (password.go), sessions and tokens as the SHA-256 of a random token: a
// store never holds what would let someone sign in.

// The rules of sessions and of signing in.
const (
	// SessionLifetime is how long a session holds after signing in, however busy.
	SessionLifetime = 12 * time.Hour
	// SessionIdle is how long a session holds without a request.
	SessionIdle = 2 * time.Hour
	// sessionTouchEvery is how stale a session's last-seen time may grow before a
	// request writes it again: not a write per request.
	sessionTouchEvery = time.Minute
	// LoginFailuresAllowed failures for one name within LoginWindow (none since a success)
	// make signing in as that name refused until the oldest of them is LoginWindow old.
	LoginFailuresAllowed = 5
	LoginWindow          = 15 * time.Minute
	// APITokenPrefix begins every API token, so that a token pasted where it should not
	// be is recognised (secret scanners, logs).
	APITokenPrefix = "signet_"
	maxNameLength  = 64
	maxTokenLength = 256
)

// The reasons a sign-in failed, as the audit log and the attempts keep them.
const (
	reasonNoUser        = "no such user"
	reasonWrongPassword = "wrong password"
	reasonDisabled      = "disabled"
	reasonThrottled     = "throttled"
)

// namePattern is what a user's or a token's name may be: lower-case letters, digits and
// . _ @ -, starting with a letter or digit.
var namePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._@-]*$`)

// NormalizeName is a user's name as the engine keeps and compares it: trimmed, lower case.
func NormalizeName(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

func checkName(what, name string) error {
	if name == "" {
		return signet.Errorf(signet.EInvalid, "a %s name is needed", what)
	}
	if len(name) > maxNameLength || !namePattern.MatchString(name) {
		return signet.Errorf(signet.EInvalid, "%s name %q: use at most %d lower-case letters, digits and . _ @ -, starting with a letter or digit", what, name, maxNameLength)
	}
	return nil
}

// Principal is who a request acts for: a signed-in user, through a session or an API
// token.
type Principal struct {
	// User is the account, without its password hash.
	User signet.User
	// Via is "session" or "token".
	Via string
	// Token is the API token's name when Via is "token".
	Token string
}

// Can says whether the principal's role allows p.
func (p *Principal) Can(perm Permission) bool { return Authorize(p, perm) == nil }

func (s *Service) passwordParams() PasswordParams {
	if s.Passwords == (PasswordParams{}) {
		return DefaultPasswordParams()
	}
	return s.Passwords
}

// withoutHash is a user as the engine hands it out: no password hash.
func withoutHash(u signet.User) signet.User {
	u.PasswordHash = ""
	return u
}

// AddUser creates an account with a role and a password (at least MinPasswordLength
// characters), enabled; the password is kept only as its Argon2id hash.
func (s *Service) AddUser(ctx context.Context, name string, role signet.Role, password, actor string) (signet.User, error) {
	name = NormalizeName(name)
	if err := checkName("user", name); err != nil {
		return signet.User{}, err
	}
	r, err := ParseRole(string(role))
	if err != nil {
		return signet.User{}, err
	}
	if err := checkPasswordRule(password); err != nil {
		return signet.User{}, err
	}
	hash, err := s.newHash(ctx, password)
	if err != nil {
		return signet.User{}, err
	}
	u := signet.User{Name: name, Role: r, PasswordHash: hash, Enabled: true, Created: s.now().UTC()}
	if err := s.Store.CreateUser(ctx, u, actor); err != nil {
		return signet.User{}, err
	}
	return withoutHash(u), nil
}

// User is an account, without its password hash.
func (s *Service) User(ctx context.Context, name string) (signet.User, error) {
	u, err := s.Store.User(ctx, NormalizeName(name))
	return withoutHash(u), err
}

// Users are every account by name, without their password hashes.
func (s *Service) Users(ctx context.Context) ([]signet.User, error) {
	us, err := s.Store.Users(ctx)
	for i := range us {
		us[i] = withoutHash(us[i])
	}
	return us, err
}

// SetRole changes a user's role. The last enabled admin keeps theirs: someone must be
// able to manage the accounts.
func (s *Service) SetRole(ctx context.Context, name string, role signet.Role, actor string) error {
	r, err := ParseRole(string(role))
	if err != nil {
		return err
	}
	u, err := s.Store.User(ctx, NormalizeName(name))
	if err != nil {
		return err
	}
	if u.Role == r {
		return signet.Errorf(signet.EConflict, "user %q has the role %s already", u.Name, r)
	}
	if err := s.keepAnAdmin(ctx, u, "take the role admin from"); err != nil {
		return err
	}
	return s.Store.SetUserRole(ctx, u.Name, r, actor)
}

// DisableUser disables an account and ends its sessions; its API tokens stop working
// while it is disabled. The last enabled admin cannot be disabled.
func (s *Service) DisableUser(ctx context.Context, name, actor string) error {
	u, err := s.Store.User(ctx, NormalizeName(name))
	if err != nil {
		return err
	}
	if !u.Enabled {
		return signet.Errorf(signet.EConflict, "user %q is disabled already", u.Name)
	}
	if err := s.keepAnAdmin(ctx, u, "disable"); err != nil {
		return err
	}
	if err := s.Store.SetUserEnabled(ctx, u.Name, false, actor); err != nil {
		return err
	}
	_, err = s.Store.DeleteSessions(ctx, u.Name, s.now())
	return err
}

// EnableUser enables a disabled account again.
func (s *Service) EnableUser(ctx context.Context, name, actor string) error {
	u, err := s.Store.User(ctx, NormalizeName(name))
	if err != nil {
		return err
	}
	if u.Enabled {
		return signet.Errorf(signet.EConflict, "user %q is enabled already", u.Name)
	}
	return s.Store.SetUserEnabled(ctx, u.Name, true, actor)
}

// keepAnAdmin refuses what would leave no enabled admin, when u is one.
func (s *Service) keepAnAdmin(ctx context.Context, u signet.User, what string) error {
	if u.Role != RoleAdmin || !u.Enabled {
		return nil
	}
	us, err := s.Store.Users(ctx)
	if err != nil {
		return err
	}
	for _, o := range us {
		if o.Name != u.Name && o.Role == RoleAdmin && o.Enabled {
			return nil
		}
	}
	return signet.Errorf(signet.EConflict, "cannot %s user %q: they are the last enabled admin (add another admin first)", what, u.Name)
}

// LoginResult is a successful sign-in: the session's token, to hand to the browser once
// (only its hash is stored), and the session.
type LoginResult struct {
	Token   string
	Session signet.Session
	User    signet.User
}

// errBadCredentials is the one answer to a wrong name, a wrong password or a disabled
// account: which it was is for the audit log, not for whoever is trying.
func errBadCredentials() error {
	return signet.Errorf(signet.EUnauthorized, "the name or the password is wrong, or the account is disabled")
}

// throttled is the refusal of a sign-in while its name has failed too often.
type throttled struct {
	err   *signet.Error
	until time.Time
}

func (t *throttled) Error() string { return t.err.Error() }
func (t *throttled) Unwrap() error { return t.err }

// MinutesUntil is how many minutes from now until a time, rounded up: what a refusal
// says to wait.
func MinutesUntil(now, until time.Time) int {
	return int((until.Sub(now) + time.Minute - 1) / time.Minute)
}

// RetryAfter is when a sign-in refused for too many failures may be tried again; ok is
// false for any other error.
func RetryAfter(err error) (until time.Time, ok bool) {
	var t *throttled
	if errors.As(err, &t) {
		return t.until, true
	}
	return time.Time{}, false
}

// throttledUntil reads a name's recent attempts (those of the last LoginWindow, oldest
// first): when LoginFailuresAllowed have failed since the last success, signing in is
// refused until the oldest of the last LoginFailuresAllowed failures is LoginWindow old.
// Attempts refused for throttling do not count: they would keep a person out for good.
func throttledUntil(attempts []signet.LoginAttempt, now time.Time) (time.Time, bool) {
	var fails []time.Time
	for _, a := range attempts {
		switch {
		case a.OK:
			fails = fails[:0]
		case a.Reason != reasonThrottled:
			fails = append(fails, a.At)
		}
	}
	if len(fails) < LoginFailuresAllowed {
		return time.Time{}, false
	}
	until := fails[len(fails)-LoginFailuresAllowed].Add(LoginWindow)
	return until, until.After(now)
}

// Login signs a user in with a password and starts a session. Every attempt with a
// well-formed name is recorded (the name and why it failed, never the password) in the
// audit log; after LoginFailuresAllowed failures within LoginWindow the name is refused
// for a while, and the error says until when (RetryAfter).
func (s *Service) Login(ctx context.Context, name, password string) (LoginResult, error) {
	name = NormalizeName(name)
	if name == "" || password == "" {
		return LoginResult{}, signet.Errorf(signet.EInvalid, "give a name and a password")
	}
	if checkName("user", name) != nil {
		// No account can have it; not recorded (it could be anything, of any length).
		return LoginResult{}, errBadCredentials()
	}
	now := s.now().UTC()
	attempts, err := s.Store.LoginAttempts(ctx, name, now.Add(-LoginWindow))
	if err != nil {
		return LoginResult{}, err
	}
	fail := func(reason string) error {
		return s.Store.RecordLogin(ctx, signet.LoginAttempt{Name: name, At: now, Reason: reason})
	}
	if until, ok := throttledUntil(attempts, now); ok {
		if err := fail(reasonThrottled); err != nil {
			return LoginResult{}, err
		}
		mins := MinutesUntil(now, until)
		return LoginResult{}, &throttled{until: until, err: signet.Errorf(signet.EUnauthorized,
			"too many failed attempts to sign in as %q: signing in with that name is refused until %s (in %d minutes)", name, until.Format("15:04 UTC"), mins)}
	}
	reason := ""
	u, err := s.Store.User(ctx, name)
	switch {
	case signet.Code(err) == signet.ENotFound:
		// As long as a wrong password takes: the time taken does not tell who exists.
		if err := s.withHashSlot(ctx, func() error {
			_, err := hashPassword(password, s.passwordParams())
			return err
		}); err != nil {
			return LoginResult{}, err
		}
		reason = reasonNoUser
	case err != nil:
		return LoginResult{}, err
	case len(password) > maxPasswordBytes:
		reason = reasonWrongPassword
	default:
		var ok bool
		if err := s.withHashSlot(ctx, func() (err error) {
			ok, err = passwordMatches(u.PasswordHash, password)
			return err
		}); err != nil {
			return LoginResult{}, fmt.Errorf("user %q: %w", name, err)
		}
		if !ok {
			reason = reasonWrongPassword
		} else if !u.Enabled {
			reason = reasonDisabled
		}
	}
	if reason != "" {
		if err := fail(reason); err != nil {
			return LoginResult{}, err
		}
		return LoginResult{}, errBadCredentials()
	}
	token, hash, err := newSecret("")
	if err != nil {
		return LoginResult{}, err
	}
	se := signet.Session{TokenHash: hash, User: u.Name, Created: now, Expires: now.Add(SessionLifetime), LastSeen: now}
	// Expired sessions go as new ones come.
	if _, err := s.Store.DeleteSessions(ctx, "", now); err != nil {
		return LoginResult{}, err
	}
	if err := s.Store.CreateSession(ctx, se); err != nil {
		return LoginResult{}, err
	}
	if err := s.Store.RecordLogin(ctx, signet.LoginAttempt{Name: name, At: now, OK: true}); err != nil {
		return LoginResult{}, err
	}
	return LoginResult{Token: token, Session: se, User: withoutHash(u)}, nil
}

// newSecret returns a random token (32 bytes, base64url, after prefix) and its SHA-256.
func newSecret(prefix string) (token, hash string, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", "", err
	}
	token = prefix + base64.RawURLEncoding.EncodeToString(b)
	return token, secretHash(token), nil
}

// secretHash is the hex SHA-256 of a token: what is stored of it. A token has 256 random
// bits, so a fast hash is enough; a password needs Argon2id's cost, a token does not.
func secretHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Authenticate returns who a session's token signs in: the session must exist, be
// younger than SessionLifetime, have been used within SessionIdle, and its user be
// enabled; otherwise EUnauthorized.
func (s *Service) Authenticate(ctx context.Context, token string) (*Principal, error) {
	if token == "" || len(token) > maxTokenLength {
		return nil, signet.Errorf(signet.EUnauthorized, "not signed in")
	}
	hash := secretHash(token)
	se, err := s.Store.Session(ctx, hash)
	if signet.Code(err) == signet.ENotFound {
		return nil, signet.Errorf(signet.EUnauthorized, "the session has ended or is unknown: sign in again")
	}
	if err != nil {
		return nil, err
	}
	now := s.now().UTC()
	if !now.Before(se.Expires) || now.Sub(se.LastSeen) > SessionIdle {
		if err := s.Store.DeleteSession(ctx, hash); err != nil {
			return nil, err
		}
		return nil, signet.Errorf(signet.EUnauthorized, "the session has ended: sign in again")
	}
	u, err := s.enabledUser(ctx, se.User)
	if err != nil {
		return nil, err
	}
	if now.Sub(se.LastSeen) >= sessionTouchEvery {
		if err := s.Store.TouchSession(ctx, hash, now); err != nil {
			return nil, err
		}
	}
	return &Principal{User: u, Via: "session"}, nil
}

// enabledUser is the user a session or a token acts for, who must still be enabled.
func (s *Service) enabledUser(ctx context.Context, name string) (signet.User, error) {
	u, err := s.Store.User(ctx, name)
	if signet.Code(err) == signet.ENotFound || (err == nil && !u.Enabled) {
		return signet.User{}, signet.Errorf(signet.EUnauthorized, "the account %q is disabled or gone", name)
	}
	return withoutHash(u), err
}

// Logout ends a session; a token of no session is no error.
func (s *Service) Logout(ctx context.Context, token string) error {
	if token == "" || len(token) > maxTokenLength {
		return nil
	}
	return s.Store.DeleteSession(ctx, secretHash(token))
}

// AddToken issues an API token for a user's programs, named so that it can be revoked.
// The token is returned once: only its SHA-256 is kept.
func (s *Service) AddToken(ctx context.Context, user, name, actor string) (signet.APIToken, string, error) {
	user, name = NormalizeName(user), strings.TrimSpace(name)
	if err := checkName("token", name); err != nil {
		return signet.APIToken{}, "", err
	}
	u, err := s.Store.User(ctx, user)
	if err != nil {
		return signet.APIToken{}, "", err
	}
	if !u.Enabled {
		return signet.APIToken{}, "", signet.Errorf(signet.EConflict, "user %q is disabled: enable them before issuing a token", user)
	}
	token, hash, err := newSecret(APITokenPrefix)
	if err != nil {
		return signet.APIToken{}, "", err
	}
	t := signet.APIToken{User: user, Name: name, TokenHash: hash, Created: s.now().UTC()}
	if err := s.Store.CreateToken(ctx, t, actor); err != nil {
		return signet.APIToken{}, "", err
	}
	t.TokenHash = ""
	return t, token, nil
}

// RevokeToken revokes a user's API token for good.
func (s *Service) RevokeToken(ctx context.Context, user, name, actor string) error {
	user = NormalizeName(user)
	ts, err := s.Store.Tokens(ctx, user)
	if err != nil {
		return err
	}
	for _, t := range ts {
		if t.Name == name {
			if !t.Revoked.IsZero() {
				return signet.Errorf(signet.EConflict, "token %q of user %q was revoked already", name, user)
			}
			return s.Store.RevokeToken(ctx, user, name, s.now().UTC(), actor)
		}
	}
	return signet.Errorf(signet.ENotFound, "user %q has no token named %q", user, name)
}

// Tokens are a user's API tokens (everyone's for ""), without their hashes.
func (s *Service) Tokens(ctx context.Context, user string) ([]signet.APIToken, error) {
	ts, err := s.Store.Tokens(ctx, NormalizeName(user))
	for i := range ts {
		ts[i].TokenHash = ""
	}
	return ts, err
}

// AuthenticateToken returns who an API token acts for: a token issued, not revoked, of
// an enabled user; otherwise EUnauthorized.
func (s *Service) AuthenticateToken(ctx context.Context, token string) (*Principal, error) {
	if !strings.HasPrefix(token, APITokenPrefix) || len(token) > maxTokenLength {
		return nil, signet.Errorf(signet.EUnauthorized, "not a Signet API token")
	}
	t, err := s.Store.Token(ctx, secretHash(token))
	if signet.Code(err) == signet.ENotFound {
		return nil, signet.Errorf(signet.EUnauthorized, "the API token is unknown")
	}
	if err != nil {
		return nil, err
	}
	if !t.Revoked.IsZero() {
		return nil, signet.Errorf(signet.EUnauthorized, "the API token %q was revoked", t.Name)
	}
	u, err := s.enabledUser(ctx, t.User)
	if err != nil {
		return nil, err
	}
	return &Principal{User: u, Via: "token", Token: t.Name}, nil
}

// ChangePassword replaces a signed-in user's password: the current one must be given and
// right, the new one meet the rule and differ from it. The user's other sessions end (the
// one whose token is keepSession stays; "": every one), in the same transaction as the
// change and its audit event; their API tokens are not touched. A wrong current password
// counts as a failed sign-in of that name and is throttled alike, so that a session left
// open cannot be used to guess it. It returns how many sessions ended.
func (s *Service) ChangePassword(ctx context.Context, name, current, newPassword, keepSession string) (int, error) {
	name = NormalizeName(name)
	if current == "" {
		return 0, signet.Errorf(signet.EInvalid, "give your current password")
	}
	if err := checkPasswordRule(newPassword); err != nil {
		return 0, signet.Errorf(signet.EInvalid, "the new password: %s", err)
	}
	if newPassword == current {
		return 0, signet.Errorf(signet.EInvalid, "the new password is the current one: choose another")
	}
	u, err := s.enabledUser(ctx, name)
	if err != nil {
		return 0, err
	}
	now := s.now().UTC()
	attempts, err := s.Store.LoginAttempts(ctx, u.Name, now.Add(-LoginWindow))
	if err != nil {
		return 0, err
	}
	if until, ok := throttledUntil(attempts, now); ok {
		return 0, &throttled{until: until, err: signet.Errorf(signet.EConflict,
			"too many failed attempts with the password of %q: try again after %s (in %d minutes)", u.Name, until.Format("15:04 UTC"), MinutesUntil(now, until))}
	}
	stored, err := s.Store.User(ctx, u.Name)
	if err != nil {
		return 0, err
	}
	ok := false
	if len(current) <= maxPasswordBytes {
		if err := s.withHashSlot(ctx, func() (err error) {
			ok, err = passwordMatches(stored.PasswordHash, current)
			return err
		}); err != nil {
			return 0, fmt.Errorf("user %q: %w", u.Name, err)
		}
	}
	if !ok {
		if err := s.Store.RecordLogin(ctx, signet.LoginAttempt{Name: u.Name, At: now, Reason: reasonWrongPassword}); err != nil {
			return 0, err
		}
		return 0, signet.Errorf(signet.EInvalid, "the current password is not right")
	}
	hash, err := s.newHash(ctx, newPassword)
	if err != nil {
		return 0, err
	}
	keep := ""
	if keepSession != "" && len(keepSession) <= maxTokenLength {
		keep = secretHash(keepSession)
	}
	return s.Store.SetUserPassword(ctx, u.Name, hash, keep, u.Name)
}
