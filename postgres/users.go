package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/internal/storecodec"
)

// The accounts (signet.UserStore): users, sessions, API tokens and the attempts to sign
// in, in the tables of migration 0008.

func noUser(name string) error { return signet.Errorf(signet.ENotFound, "no user %q", name) }

// CreateUser stores a new user with its event.
func (s *Store) CreateUser(ctx context.Context, u signet.User, actor string) error {
	return s.tx(ctx, fmt.Sprintf("user %q", u.Name), func(w *writeTx) error {
		var n int
		if err := w.QueryRow(ctx, `SELECT count(*) FROM users WHERE name = $1`, u.Name).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return signet.Errorf(signet.EConflict, "user %q already exists", u.Name)
		}
		if _, err := w.Exec(ctx, `INSERT INTO users (name, role, password_hash, enabled, created_at) VALUES ($1, $2, $3, $4, $5)`,
			u.Name, string(u.Role), u.PasswordHash, flag(u.Enabled), storecodec.FormatTime(u.Created)); err != nil {
			return err
		}
		kind, payload := storecodec.UserCreated(u)
		return s.appendOne(ctx, w, kind, actor, storecodec.UserSubject(u.Name), payload)
	})
}

const userColumns = `name, role, password_hash, enabled, created_at`

func scanUser(row interface{ Scan(...any) error }) (signet.User, error) {
	var u signet.User
	var role, created string
	var enabled int
	err := row.Scan(&u.Name, &role, &u.PasswordHash, &enabled, &created)
	u.Role, u.Enabled, u.Created = signet.Role(role), enabled == 1, storecodec.ParseTime(created)
	return u, err
}

// User returns the user of that name.
func (s *Store) User(ctx context.Context, name string) (signet.User, error) {
	u, err := scanUser(s.pool.QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE name = $1`, name))
	if errors.Is(err, pgx.ErrNoRows) {
		return u, noUser(name)
	}
	return u, err
}

// Users lists every user by name.
func (s *Store) Users(ctx context.Context) ([]signet.User, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+userColumns+` FROM users ORDER BY name COLLATE "C"`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []signet.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// SetUserRole changes a user's role, with its event.
func (s *Store) SetUserRole(ctx context.Context, name string, role signet.Role, actor string) error {
	return s.tx(ctx, fmt.Sprintf("user %q", name), func(w *writeTx) error {
		var was string
		if err := w.QueryRow(ctx, `SELECT role FROM users WHERE name = $1`, name).Scan(&was); errors.Is(err, pgx.ErrNoRows) {
			return noUser(name)
		} else if err != nil {
			return err
		}
		if _, err := w.Exec(ctx, `UPDATE users SET role = $1 WHERE name = $2`, string(role), name); err != nil {
			return err
		}
		kind, payload := storecodec.UserRoleSet(name, role, signet.Role(was))
		return s.appendOne(ctx, w, kind, actor, storecodec.UserSubject(name), payload)
	})
}

// SetUserEnabled enables or disables a user, with its event.
func (s *Store) SetUserEnabled(ctx context.Context, name string, enabled bool, actor string) error {
	return s.tx(ctx, fmt.Sprintf("user %q", name), func(w *writeTx) error {
		res, err := w.Exec(ctx, `UPDATE users SET enabled = $1 WHERE name = $2`, flag(enabled), name)
		if err != nil {
			return err
		}
		if res.RowsAffected() == 0 {
			return noUser(name)
		}
		kind, payload := storecodec.UserEnabledSet(name, enabled)
		return s.appendOne(ctx, w, kind, actor, storecodec.UserSubject(name), payload)
	})
}

// RecordLogin keeps an attempt to sign in with its event; the actor is the name given.
func (s *Store) RecordLogin(ctx context.Context, a signet.LoginAttempt) error {
	return s.tx(ctx, "the attempt to sign in", func(w *writeTx) error {
		if _, err := w.Exec(ctx, `INSERT INTO login_attempts (name, at, ok, reason) VALUES ($1, $2, $3, $4)`,
			a.Name, storecodec.FormatTime(a.At), flag(a.OK), a.Reason); err != nil {
			return err
		}
		kind, payload := storecodec.LoginRecorded(a)
		return s.appendOne(ctx, w, kind, a.Name, storecodec.UserSubject(a.Name), payload)
	})
}

// LoginAttempts lists the attempts for a name since a time, oldest first.
func (s *Store) LoginAttempts(ctx context.Context, name string, since time.Time) ([]signet.LoginAttempt, error) {
	rows, err := s.pool.Query(ctx, `SELECT at, ok, reason FROM login_attempts WHERE name = $1 AND at >= $2 ORDER BY at, id`,
		name, storecodec.FormatTime(since))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []signet.LoginAttempt
	for rows.Next() {
		a := signet.LoginAttempt{Name: name}
		var at string
		var ok int
		if err := rows.Scan(&at, &ok, &a.Reason); err != nil {
			return nil, err
		}
		a.At, a.OK = storecodec.ParseTime(at), ok == 1
		out = append(out, a)
	}
	return out, rows.Err()
}

// CreateSession stores a session. A session's upkeep is not audited: it needs no turn in
// the log, and takes none.
func (s *Store) CreateSession(ctx context.Context, se signet.Session) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO sessions (token_hash, user_name, created_at, expires_at, last_seen) VALUES ($1, $2, $3, $4, $5)`,
		se.TokenHash, se.User, storecodec.FormatTime(se.Created), storecodec.FormatTime(se.Expires), storecodec.FormatTime(se.LastSeen))
	return refused(err, fmt.Sprintf("a session of user %q", se.User))
}

// Session returns the session of a token's hash.
func (s *Store) Session(ctx context.Context, tokenHash string) (signet.Session, error) {
	se := signet.Session{TokenHash: tokenHash}
	var created, expires, seen string
	err := s.pool.QueryRow(ctx, `SELECT user_name, created_at, expires_at, last_seen FROM sessions WHERE token_hash = $1`, tokenHash).
		Scan(&se.User, &created, &expires, &seen)
	if errors.Is(err, pgx.ErrNoRows) {
		return se, signet.Errorf(signet.ENotFound, "no such session")
	}
	se.Created, se.Expires, se.LastSeen = storecodec.ParseTime(created), storecodec.ParseTime(expires), storecodec.ParseTime(seen)
	return se, err
}

// TouchSession records when a session was last seen.
func (s *Store) TouchSession(ctx context.Context, tokenHash string, at time.Time) error {
	_, err := s.pool.Exec(ctx, `UPDATE sessions SET last_seen = $1 WHERE token_hash = $2`, storecodec.FormatTime(at), tokenHash)
	return err
}

// DeleteSession ends a session.
func (s *Store) DeleteSession(ctx context.Context, tokenHash string) error {
	_, err := s.pool.Exec(ctx, `DELETE FROM sessions WHERE token_hash = $1`, tokenHash)
	return err
}

// DeleteSessions ends a user's sessions and every session expired before expiredBefore.
func (s *Store) DeleteSessions(ctx context.Context, user string, expiredBefore time.Time) (int, error) {
	res, err := s.pool.Exec(ctx, `DELETE FROM sessions WHERE ($1::text <> '' AND user_name = $1) OR ($2::text <> '' AND expires_at < $2)`,
		user, storecodec.FormatTime(expiredBefore))
	if err != nil {
		return 0, err
	}
	return int(res.RowsAffected()), nil
}

// CreateToken stores an API token with its event.
func (s *Store) CreateToken(ctx context.Context, t signet.APIToken, actor string) error {
	return s.tx(ctx, fmt.Sprintf("token %q of user %q", t.Name, t.User), func(w *writeTx) error {
		var n int
		if err := w.QueryRow(ctx, `SELECT count(*) FROM users WHERE name = $1`, t.User).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return noUser(t.User)
		}
		if err := w.QueryRow(ctx, `SELECT count(*) FROM api_tokens WHERE user_name = $1 AND name = $2`, t.User, t.Name).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return signet.Errorf(signet.EConflict, "user %q has a token named %q already", t.User, t.Name)
		}
		if _, err := w.Exec(ctx, `INSERT INTO api_tokens (user_name, name, token_hash, created_at, revoked_at) VALUES ($1, $2, $3, $4, $5)`,
			t.User, t.Name, t.TokenHash, storecodec.FormatTime(t.Created), storecodec.FormatTime(t.Revoked)); err != nil {
			return err
		}
		kind, payload := storecodec.TokenCreated(t)
		return s.appendOne(ctx, w, kind, actor, storecodec.UserSubject(t.User), payload)
	})
}

const tokenColumns = `user_name, name, token_hash, created_at, revoked_at`

func scanToken(row interface{ Scan(...any) error }) (signet.APIToken, error) {
	var t signet.APIToken
	var created, revoked string
	err := row.Scan(&t.User, &t.Name, &t.TokenHash, &created, &revoked)
	t.Created, t.Revoked = storecodec.ParseTime(created), storecodec.ParseTime(revoked)
	return t, err
}

// Token returns the token of a hash.
func (s *Store) Token(ctx context.Context, tokenHash string) (signet.APIToken, error) {
	t, err := scanToken(s.pool.QueryRow(ctx, `SELECT `+tokenColumns+` FROM api_tokens WHERE token_hash = $1`, tokenHash))
	if errors.Is(err, pgx.ErrNoRows) {
		return t, signet.Errorf(signet.ENotFound, "no such token")
	}
	return t, err
}

// Tokens lists a user's tokens (everyone's for ""), by user and name.
func (s *Store) Tokens(ctx context.Context, user string) ([]signet.APIToken, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+tokenColumns+` FROM api_tokens WHERE $1::text = '' OR user_name = $1 ORDER BY user_name COLLATE "C", name COLLATE "C"`, user)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []signet.APIToken
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeToken marks a token revoked, with its event.
func (s *Store) RevokeToken(ctx context.Context, user, name string, at time.Time, actor string) error {
	return s.tx(ctx, fmt.Sprintf("token %q of user %q", name, user), func(w *writeTx) error {
		res, err := w.Exec(ctx, `UPDATE api_tokens SET revoked_at = $1 WHERE user_name = $2 AND name = $3`, storecodec.FormatTime(at), user, name)
		if err != nil {
			return err
		}
		if res.RowsAffected() == 0 {
			return signet.Errorf(signet.ENotFound, "user %q has no token named %q", user, name)
		}
		kind, payload := storecodec.TokenRevoked(user, name)
		return s.appendOne(ctx, w, kind, actor, storecodec.UserSubject(user), payload)
	})
}
