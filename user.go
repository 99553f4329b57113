package signet

import "time"

// Role is what a user does in the office (admin, supervisor, clerk, ...): the engine's
// permission table (registrar) says what each may do. A store keeps it as it is given.
type Role string

// User is a person's (or a program's owner's) account. The password is kept only as its
// encoded hash (the algorithm, its parameters and the salt with it): a store never sees
// the password.
type User struct {
	Name         string
	Role         Role
	PasswordHash string
	Enabled      bool
	Created      time.Time
}

// Session is a signed-in browser: the SHA-256 of its random token (never the token),
// whose user, and until when it holds.
type Session struct {
	TokenHash string
	User      string
	Created   time.Time
	Expires   time.Time
	LastSeen  time.Time
}

// APIToken is a bearer token a program presents to the API on a user's behalf: kept only
// as the SHA-256 of the token, which is shown once when it is made.
type APIToken struct {
	// User and Name identify the token (a user's tokens have distinct names).
	User      string
	Name      string
	TokenHash string
	Created   time.Time
	// Revoked is when the token was revoked; zero while it holds.
	Revoked time.Time
}

// LoginAttempt is one try to sign in: the name given (never the password), when, whether
// it succeeded, and why not.
type LoginAttempt struct {
	Name   string
	At     time.Time
	OK     bool
	Reason string
}
