package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/internal/storecodec"
)

// The accounts (signet.UserStore): users, sessions, API tokens and the attempts to sign
// in, in the tables of migration 0008.

func noUser(name string) error { return signet.Errorf(signet.ENotFound, "no user %q", name) }

// CreateUser stores a new user with its event.
func (s *Store) CreateUser(ctx context.Context, u signet.User, actor string) error {
	return s.tx(ctx, fmt.Sprintf("user %q", u.Name), func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE name = ?`, u.Name).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return signet.Errorf(signet.EConflict, "user %q already exists", u.Name)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO users (name, role, password_hash, enabled, created_at) VALUES (?, ?, ?, ?, ?)`,
			u.Name, string(u.Role), u.PasswordHash, boolInt(u.Enabled), storecodec.FormatTime(u.Created)); err != nil {
			return err
		}
		kind, payload := storecodec.UserCreated(u)
		return s.appendOne(ctx, tx, kind, actor, storecodec.UserSubject(u.Name), payload)
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
	u, err := scanUser(s.db.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE name = ?`, name))
	if errors.Is(err, sql.ErrNoRows) {
		return u, noUser(name)
	}
	return u, err
}

// Users lists every user by name.
func (s *Store) Users(ctx context.Context) ([]signet.User, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+userColumns+` FROM users ORDER BY name`)
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
	return s.tx(ctx, fmt.Sprintf("user %q", name), func(tx *sql.Tx) error {
		var was string
		if err := tx.QueryRowContext(ctx, `SELECT role FROM users WHERE name = ?`, name).Scan(&was); errors.Is(err, sql.ErrNoRows) {
			return noUser(name)
		} else if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET role = ? WHERE name = ?`, string(role), name); err != nil {
			return err
		}
		kind, payload := storecodec.UserRoleSet(name, role, signet.Role(was))
		return s.appendOne(ctx, tx, kind, actor, storecodec.UserSubject(name), payload)
	})
}

// SetUserEnabled enables or disables a user, with its event.
func (s *Store) SetUserEnabled(ctx context.Context, name string, enabled bool, actor string) error {
	return s.tx(ctx, fmt.Sprintf("user %q", name), func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET enabled = ? WHERE name = ?`, boolInt(enabled), name)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return noUser(name)
		}
		kind, payload := storecodec.UserEnabledSet(name, enabled)
		return s.appendOne(ctx, tx, kind, actor, storecodec.UserSubject(name), payload)
	})
}

// RecordLogin keeps an attempt to sign in with its event; the actor is the name given.
func (s *Store) RecordLogin(ctx context.Context, a signet.LoginAttempt) error {
	return s.tx(ctx, "the attempt to sign in", func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO login_attempts (name, at, ok, reason) VALUES (?, ?, ?, ?)`,
			a.Name, storecodec.FormatTime(a.At), boolInt(a.OK), a.Reason); err != nil {
			return err
		}
		kind, payload := storecodec.LoginRecorded(a)
		return s.appendOne(ctx, tx, kind, a.Name, storecodec.UserSubject(a.Name), payload)
	})
}

// LoginAttempts lists the attempts for a name since a time, oldest first.
func (s *Store) LoginAttempts(ctx context.Context, name string, since time.Time) ([]signet.LoginAttempt, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT at, ok, reason FROM login_attempts WHERE name = ? AND at >= ? ORDER BY at, id`,
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

// CreateSession stores a session.
func (s *Store) CreateSession(ctx context.Context, se signet.Session) error {
	return s.tx(ctx, fmt.Sprintf("a session of user %q", se.User), func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_name, created_at, expires_at, last_seen) VALUES (?, ?, ?, ?, ?)`,
			se.TokenHash, se.User, storecodec.FormatTime(se.Created), storecodec.FormatTime(se.Expires), storecodec.FormatTime(se.LastSeen))
		return err
	})
}

// Session returns the session of a token's hash.
func (s *Store) Session(ctx context.Context, tokenHash string) (signet.Session, error) {
	se := signet.Session{TokenHash: tokenHash}
	var created, expires, seen string
	err := s.db.QueryRowContext(ctx, `SELECT user_name, created_at, expires_at, last_seen FROM sessions WHERE token_hash = ?`, tokenHash).
		Scan(&se.User, &created, &expires, &seen)
	if errors.Is(err, sql.ErrNoRows) {
		return se, signet.Errorf(signet.ENotFound, "no such session")
	}
	se.Created, se.Expires, se.LastSeen = storecodec.ParseTime(created), storecodec.ParseTime(expires), storecodec.ParseTime(seen)
	return se, err
}

// TouchSession records when a session was last seen.
func (s *Store) TouchSession(ctx context.Context, tokenHash string, at time.Time) error {
	return s.tx(ctx, "the session", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE sessions SET last_seen = ? WHERE token_hash = ?`, storecodec.FormatTime(at), tokenHash)
		return err
	})
}

// DeleteSession ends a session.
func (s *Store) DeleteSession(ctx context.Context, tokenHash string) error {
	return s.tx(ctx, "the session", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = ?`, tokenHash)
		return err
	})
}

// DeleteSessions ends a user's sessions and every session expired before expiredBefore.
func (s *Store) DeleteSessions(ctx context.Context, user string, expiredBefore time.Time) (int, error) {
	var n int64
	err := s.tx(ctx, "the sessions", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE (? <> '' AND user_name = ?) OR (? <> '' AND expires_at < ?)`,
			user, user, storecodec.FormatTime(expiredBefore), storecodec.FormatTime(expiredBefore))
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), err
}

// CreateToken stores an API token with its event.
func (s *Store) CreateToken(ctx context.Context, t signet.APIToken, actor string) error {
	return s.tx(ctx, fmt.Sprintf("token %q of user %q", t.Name, t.User), func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE name = ?`, t.User).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return noUser(t.User)
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM api_tokens WHERE user_name = ? AND name = ?`, t.User, t.Name).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return signet.Errorf(signet.EConflict, "user %q has a token named %q already", t.User, t.Name)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO api_tokens (user_name, name, token_hash, created_at, revoked_at) VALUES (?, ?, ?, ?, ?)`,
			t.User, t.Name, t.TokenHash, storecodec.FormatTime(t.Created), storecodec.FormatTime(t.Revoked)); err != nil {
			return err
		}
		kind, payload := storecodec.TokenCreated(t)
		return s.appendOne(ctx, tx, kind, actor, storecodec.UserSubject(t.User), payload)
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
	t, err := scanToken(s.db.QueryRowContext(ctx, `SELECT `+tokenColumns+` FROM api_tokens WHERE token_hash = ?`, tokenHash))
	if errors.Is(err, sql.ErrNoRows) {
		return t, signet.Errorf(signet.ENotFound, "no such token")
	}
	return t, err
}

// Tokens lists a user's tokens (everyone's for ""), by user and name.
func (s *Store) Tokens(ctx context.Context, user string) ([]signet.APIToken, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+tokenColumns+` FROM api_tokens WHERE ? = '' OR user_name = ? ORDER BY user_name, name`, user, user)
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
	return s.tx(ctx, fmt.Sprintf("token %q of user %q", name, user), func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = ? WHERE user_name = ? AND name = ?`, storecodec.FormatTime(at), user, name)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return signet.Errorf(signet.ENotFound, "user %q has no token named %q", user, name)
		}
		kind, payload := storecodec.TokenRevoked(user, name)
		return s.appendOne(ctx, tx, kind, actor, storecodec.UserSubject(user), payload)
	})
}
