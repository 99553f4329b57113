-- Accounts, their sessions and API tokens, and the attempts to sign in (postgres/users.go),
-- as the embedded store keeps them (sqlite/migrations/0008_accounts.sql).
-- Passwords and tokens are never stored: an account keeps its password's encoded Argon2id
-- hash, a session and a token the SHA-256 of their random token. Times are text in
-- signet.EventTimeLayout (UTC, fixed width), so that they compare as text.
CREATE TABLE users (
    name          TEXT PRIMARY KEY,
    role          TEXT NOT NULL CHECK (role <> ''),
    password_hash TEXT NOT NULL CHECK (password_hash <> ''),
    enabled       BIGINT NOT NULL CHECK (enabled IN (0, 1)),
    created_at    TEXT NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_name  TEXT NOT NULL REFERENCES users(name),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    last_seen  TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_name);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE api_tokens (
    user_name  TEXT NOT NULL REFERENCES users(name),
    name       TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (user_name, name)
);

-- One row per attempt to sign in, by the name given (which need not be a user's): what
-- the engine's throttling counts.
CREATE TABLE login_attempts (
    id     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name   TEXT NOT NULL,
    at     TEXT NOT NULL,
    ok     BIGINT NOT NULL CHECK (ok IN (0, 1)),
    reason TEXT NOT NULL
);
CREATE INDEX login_attempts_name ON login_attempts (name, at);
