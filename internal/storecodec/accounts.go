package storecodec

import (
	"time"

	"github.com/signet-vote/signet"
)

// FormatTime writes a time as the account tables keep it: signet.EventTimeLayout in UTC,
// which compares as text; the zero time is "".
func FormatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(signet.EventTimeLayout)
}

// ParseTime reads a time FormatTime wrote; "" (or anything else) is the zero time.
func ParseTime(s string) time.Time {
	t, _ := time.Parse(signet.EventTimeLayout, s)
	return t
}

// UserSubject is the audit log's subject of a user's events.
func UserSubject(name string) string { return "user:" + name }

// The audit events of the account tables, the same on every store: each returns the
// event's kind and payload. No payload holds a password, a password's hash or a token.

// UserCreated is the event of a new user.
func UserCreated(u signet.User) (string, any) {
	return signet.EventUserCreate, map[string]any{"name": u.Name, "role": string(u.Role), "enabled": u.Enabled}
}

// UserRoleSet is the event of a user's role changed.
func UserRoleSet(name string, role, was signet.Role) (string, any) {
	return signet.EventUserRole, map[string]any{"name": name, "role": string(role), "was": string(was)}
}

// UserEnabledSet is the event of a user enabled or disabled.
func UserEnabledSet(name string, enabled bool) (string, any) {
	if enabled {
		return signet.EventUserEnable, map[string]any{"name": name}
	}
	return signet.EventUserDisable, map[string]any{"name": name}
}

// UserPasswordSet is the event of a user's password changed: who, and how many of their
// other sessions ended; never the password or its hash.
func UserPasswordSet(name string, sessionsEnded int) (string, any) {
	return signet.EventUserPassword, map[string]any{"name": name, "sessions_ended": sessionsEnded}
}

// LoginRecorded is the event of an attempt to sign in: the name given and, when it
// failed, why.
func LoginRecorded(a signet.LoginAttempt) (string, any) {
	if a.OK {
		return signet.EventLogin, map[string]any{"name": a.Name}
	}
	return signet.EventLoginFailed, map[string]any{"name": a.Name, "reason": a.Reason}
}

// TokenCreated is the event of a new API token.
func TokenCreated(t signet.APIToken) (string, any) {
	return signet.EventTokenCreate, map[string]any{"user": t.User, "name": t.Name}
}

// TokenRevoked is the event of an API token revoked.
func TokenRevoked(user, name string) (string, any) {
	return signet.EventTokenRevoke, map[string]any{"user": user, "name": name}
}
