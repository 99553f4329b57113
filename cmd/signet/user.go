package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/registrar"
)

// roleList names the roles for help texts.
func roleList() string {
	var names []string
	for _, r := range registrar.Roles() {
		names = append(names, string(r))
	}
	return strings.Join(names, ", ")
}

func userJSON(u signet.User) map[string]any {
	perms := []string{}
	for _, p := range registrar.Permissions(u.Role) {
		perms = append(perms, string(p))
	}
	return map[string]any{"name": u.Name, "role": string(u.Role), "enabled": u.Enabled,
		"created": u.Created.UTC().Format(signet.EventTimeLayout), "permissions": perms}
}

func (m *Main) runUser(ctx context.Context, args []string) error {
	name, args, err := sub(args, "add", "list", "role", "disable", "enable")
	if err != nil {
		return err
	}
	switch name {
	case "add":
		fs := m.flags("user add", "--name N --role R --password-file FILE",
			`Add an account for the web application, enabled. The password is the first line of
FILE ("-": standard input), at least 12 characters; it is kept only as its Argon2id
hash, and the account's creation is recorded in the audit log (never the password).
Roles: `+roleList()+`.`)
		c := m.commonFlags(fs, true)
		user := fs.String("name", "", "the user's name (lower-case letters, digits and . _ @ -)")
		role := fs.String("role", "", "the user's role: "+roleList())
		file := fs.String("password-file", "", `file whose first line is the password ("-": standard input)`)
		if _, err := parse(fs, args); err != nil {
			return err
		}
		for _, f := range [][2]string{{"name", *user}, {"role", *role}, {"password-file", *file}} {
			if err := need(f[0], f[1]); err != nil {
				return err
			}
		}
		pw, err := m.readPassword(*file)
		if err != nil {
			return err
		}
		s, err := m.open(ctx, c)
		if err != nil {
			return err
		}
		defer s.Store.Close()
		u, err := s.AddUser(ctx, *user, signet.Role(*role), pw, *c.actor)
		if err != nil {
			return err
		}
		if c.isJSON() {
			return m.printJSON(userJSON(u))
		}
		fmt.Fprintf(m.Stdout, "added user %s with the role %s\n", u.Name, u.Role)
		return nil
	case "list":
		fs := m.flags("user list", "", "List the accounts: name, role, enabled or not, and when each was added.")
		c := m.commonFlags(fs, true)
		s, err := m.openFor(ctx, fs, args, c)
		if err != nil {
			return err
		}
		defer s.Store.Close()
		us, err := s.Users(ctx)
		if err != nil {
			return err
		}
		if c.isJSON() {
			out := []map[string]any{}
			for _, u := range us {
				out = append(out, userJSON(u))
			}
			return m.printJSON(out)
		}
		if len(us) == 0 {
			fmt.Fprintln(m.Stdout, "no users yet (add one with: signet user add --name N --role admin --password-file FILE)")
			return nil
		}
		tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tROLE\tSTATE\tADDED")
		for _, u := range us {
			state := "enabled"
			if !u.Enabled {
				state = "disabled"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", u.Name, u.Role, state, u.Created.UTC().Format("2006-01-02 15:04 UTC"))
		}
		return tw.Flush()
	case "role":
		fs := m.flags("user role", "--name N --role R", "Change an account's role (recorded in the audit log). The last enabled admin keeps the role.\nRoles: "+roleList()+".")
		c := m.commonFlags(fs, false)
		user := fs.String("name", "", "the user's name")
		role := fs.String("role", "", "the new role")
		s, err := m.openFor(ctx, fs, args, c, "name", "role")
		if err != nil {
			return err
		}
		defer s.Store.Close()
		if err := s.SetRole(ctx, *user, signet.Role(*role), *c.actor); err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "user %s now has the role %s\n", registrar.NormalizeName(*user), strings.ToLower(strings.TrimSpace(*role)))
		return nil
	default: // disable, enable
		help := "Disable an account: it can no longer sign in, its sessions end and its API tokens stop working until it is enabled again. The last enabled admin cannot be disabled."
		if name == "enable" {
			help = "Enable a disabled account again (its API tokens that were not revoked work again)."
		}
		fs := m.flags("user "+name, "--name N", help)
		c := m.commonFlags(fs, false)
		user := fs.String("name", "", "the user's name")
		s, err := m.openFor(ctx, fs, args, c, "name")
		if err != nil {
			return err
		}
		defer s.Store.Close()
		if name == "enable" {
			err = s.EnableUser(ctx, *user, *c.actor)
		} else {
			err = s.DisableUser(ctx, *user, *c.actor)
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "user %s is %sd\n", registrar.NormalizeName(*user), name)
		return nil
	}
}

// readPassword reads the first line of a file ("-": standard input), without its line end.
func (m *Main) readPassword(path string) (string, error) {
	var r io.Reader = m.Stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return "", signet.Errorf(signet.ENotFound, "the password file: %v", err)
		}
		defer f.Close()
		r = f
	}
	line, err := bufio.NewReader(io.LimitReader(r, 4096)).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", fmt.Errorf("the password file: %w", err)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", signet.Errorf(signet.EInvalid, "the password file's first line is empty")
	}
	return line, nil
}

func (m *Main) runToken(ctx context.Context, args []string) error {
	name, args, err := sub(args, "add", "list", "revoke")
	if err != nil {
		return err
	}
	switch name {
	case "add":
		fs := m.flags("token add", "--name N --user U",
			`Issue an API token for a user's programs: they send it as "Authorization: Bearer TOKEN"
to /api/v1 and act with the user's role. The token is printed once and kept only as its
SHA-256: store it now. Its issue is recorded in the audit log.`)
		c := m.commonFlags(fs, true)
		tname := fs.String("name", "", "the token's name, to tell it apart and revoke it (e.g. ci)")
		user := fs.String("user", "", "the user the token acts for")
		s, err := m.openFor(ctx, fs, args, c, "name", "user")
		if err != nil {
			return err
		}
		defer s.Store.Close()
		t, secret, err := s.AddToken(ctx, *user, *tname, *c.actor)
		if err != nil {
			return err
		}
		if c.isJSON() {
			return m.printJSON(map[string]any{"user": t.User, "name": t.Name, "token": secret})
		}
		fmt.Fprintf(m.Stdout, "%s\n", secret)
		fmt.Fprintf(m.Stderr, "token %s of user %s: shown once, store it now (revoke it with: signet token revoke --user %s --name %s)\n", t.Name, t.User, t.User, t.Name)
		return nil
	case "list":
		fs := m.flags("token list", "[--user U]", "List the API tokens (never the tokens themselves): user, name, when issued, whether revoked.")
		c := m.commonFlags(fs, true)
		user := fs.String("user", "", "only this user's tokens")
		s, err := m.openFor(ctx, fs, args, c)
		if err != nil {
			return err
		}
		defer s.Store.Close()
		ts, err := s.Tokens(ctx, *user)
		if err != nil {
			return err
		}
		if c.isJSON() {
			out := []map[string]any{}
			for _, t := range ts {
				revoked := ""
				if !t.Revoked.IsZero() {
					revoked = t.Revoked.UTC().Format(signet.EventTimeLayout)
				}
				out = append(out, map[string]any{"user": t.User, "name": t.Name, "created": t.Created.UTC().Format(signet.EventTimeLayout), "revoked": revoked})
			}
			return m.printJSON(out)
		}
		tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "USER\tNAME\tISSUED\tREVOKED")
		for _, t := range ts {
			revoked := "-"
			if !t.Revoked.IsZero() {
				revoked = t.Revoked.UTC().Format("2006-01-02 15:04 UTC")
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", t.User, t.Name, t.Created.UTC().Format("2006-01-02 15:04 UTC"), revoked)
		}
		return tw.Flush()
	default: // revoke
		fs := m.flags("token revoke", "--name N --user U", "Revoke a user's API token for good (recorded in the audit log).")
		c := m.commonFlags(fs, false)
		tname := fs.String("name", "", "the token's name")
		user := fs.String("user", "", "the user the token acts for")
		s, err := m.openFor(ctx, fs, args, c, "name", "user")
		if err != nil {
			return err
		}
		defer s.Store.Close()
		if err := s.RevokeToken(ctx, *user, *tname, *c.actor); err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "revoked token %s of user %s\n", *tname, registrar.NormalizeName(*user))
		return nil
	}
}
