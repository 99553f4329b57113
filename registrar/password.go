package registrar

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/signet-vote/signet"
	"golang.org/x/crypto/argon2"
)

// PasswordParams are Argon2id's costs (RFC 9106): memory in KiB, passes, lanes. A hash
// keeps the parameters it was made with, so that they can be raised without making the
// stored hashes unreadable.
type PasswordParams struct {
	Memory  uint32
	Time    uint32
	Threads uint8
}

// DefaultPasswordParams are the costs new passwords are hashed with unless the Service
// says otherwise: RFC 9106's second recommended option (64 MiB, 3 passes) on 2 lanes,
// about a tenth of a second of a core.
func DefaultPasswordParams() PasswordParams {
	return PasswordParams{Memory: 64 * 1024, Time: 3, Threads: 2}
}

// The password rule: long enough to resist guessing, short enough that hashing it costs
// nothing unusual.
const (
	MinPasswordLength = 12
	maxPasswordBytes  = 1024
	saltBytes         = 16
	keyBytes          = 32
)

// checkPasswordRule refuses a password that is too short or too long.
func checkPasswordRule(pw string) error {
	if n := utf8.RuneCountInString(pw); n < MinPasswordLength {
		return signet.Errorf(signet.EInvalid, "the password has %d characters: at least %d are needed", n, MinPasswordLength)
	}
	if len(pw) > maxPasswordBytes {
		return signet.Errorf(signet.EInvalid, "the password is longer than %d bytes", maxPasswordBytes)
	}
	return nil
}

// hashPassword hashes a password with Argon2id and a random salt, encoded as
// $argon2id$v=19$m=65536,t=3,p=2$<salt>$<hash> (the PHC string form, unpadded base64).
func hashPassword(pw string, p PasswordParams) (string, error) {
	salt := make([]byte, saltBytes)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, keyBytes)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// passwordMatches says whether pw is the password of an encoded hash, comparing in
// constant time. A hash that does not read is an error (a damaged row), not a mismatch.
func passwordMatches(encoded, pw string) (bool, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return false, fmt.Errorf("a stored password hash is not an Argon2id hash")
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, fmt.Errorf("a stored password hash is of Argon2 version %q, not %d", parts[2], argon2.Version)
	}
	var p PasswordParams
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil || p.Time == 0 || p.Threads == 0 || p.Memory < 8*uint32(p.Threads) {
		return false, fmt.Errorf("a stored password hash has unreadable parameters")
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false, fmt.Errorf("a stored password hash does not decode")
	}
	got := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// withHashSlot runs fn, which hashes or checks a password, once a slot is free
// (Service.hashing), or gives up when ctx ends first.
func (s *Service) withHashSlot(ctx context.Context, fn func() error) error {
	if s.hashing != nil {
		select {
		case s.hashing <- struct{}{}:
			defer func() { <-s.hashing }()
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return fn()
}

// newHash hashes a new password with the service's parameters once a hashing slot is
// free (withHashSlot).
func (s *Service) newHash(ctx context.Context, password string) (string, error) {
	var hash string
	err := s.withHashSlot(ctx, func() (err error) {
		hash, err = hashPassword(password, s.passwordParams())
		return err
	})
	return hash, err
}

// ResetPassword is an admin setting another user's password (one who forgot theirs, or
// whose password may be known to someone else): the new one must meet the rule; every
// session of the user ends, in the same transaction as the change and its audit event
// (user.password, whose actor is actor: the admin, never the password or its hash). Their
// API tokens are not touched (the admin revokes those apart). admin is the name of who
// resets it: one's own password is changed with ChangePassword, which asks for the
// current one, so that a session left open cannot take the account. A disabled account's
// password may be reset (before it is enabled again). It returns how many sessions ended.
func (s *Service) ResetPassword(ctx context.Context, name, newPassword, admin, actor string) (int, error) {
	name = NormalizeName(name)
	if err := checkName("user", name); err != nil {
		return 0, err
	}
	if err := checkPasswordRule(newPassword); err != nil {
		return 0, signet.Errorf(signet.EInvalid, "the new password: %s", err.Error())
	}
	if actor == "" {
		return 0, signet.Errorf(signet.EInvalid, "a password reset names who made it")
	}
	if NormalizeName(admin) == name {
		return 0, signet.Errorf(signet.EConflict, "that is your own account: change your own password with your current one")
	}
	u, err := s.Store.User(ctx, name)
	if err != nil {
		return 0, err
	}
	hash, err := s.newHash(ctx, newPassword)
	if err != nil {
		return 0, err
	}
	return s.Store.SetUserPassword(ctx, u.Name, hash, "", actor)
}
