package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/signet-vote/signet/registrar"
)

// Accounts and API tokens from the command line, on both stores: added with a password
// read from a file and kept only as its hash, refused as the other commands refuse (exit
// codes 2 to 5), listed, changed and disabled with their events, tokens printed once.
func TestUserAndTokenCommands(t *testing.T) {
	for _, e := range []*env{newEnv(t), pgEnv(t)} {
		t.Run(map[bool]string{true: "postgres", false: "sqlite"}[strings.HasPrefix(e.db, "postgres")], func(t *testing.T) {
			e.t = t
			e.ok("jurisdiction", "create", "--id", "j", "--zips", "90001")
			const pw = "a long enough passphrase"
			pwFile := e.write("pw.txt", pw+"\r\nsecond line ignored\n")
			out := e.ok("user", "add", "--name", "Ann", "--role", "admin", "--password-file", pwFile)
			if out != "added user ann with the role admin\n" {
				t.Errorf("user add: %q", out)
			}
			for _, c := range []struct {
				args []string
				code int
				want string
			}{
				{[]string{"user", "add", "--name", "bob", "--role", "clerk", "--password-file", e.write("short.txt", "eleven char\n")}, ExitInvalid, "the password has 11 characters: at least 12 are needed"},
				{[]string{"user", "add", "--name", "bob", "--role", "clerk", "--password-file", e.write("empty.txt", "\n")}, ExitInvalid, "first line is empty"},
				{[]string{"user", "add", "--name", "bob", "--role", "clerk", "--password-file", e.dir + "/nope.txt"}, ExitNotFound, "the password file"},
				{[]string{"user", "add", "--name", "bob", "--role", "janitor", "--password-file", pwFile}, ExitInvalid, `no role "janitor": the roles are admin, supervisor, clerk, proponent, observer, campaign`},
				{[]string{"user", "add", "--name", "bob smith", "--role", "clerk", "--password-file", pwFile}, ExitInvalid, `user name "bob smith"`},
				{[]string{"user", "add", "--name", "ann", "--role", "clerk", "--password-file", pwFile}, ExitConflict, `user "ann" already exists`},
				{[]string{"user", "add", "--name", "bob", "--role", "clerk"}, ExitUsage, "--password-file is required"},
				{[]string{"user", "disable", "--name", "ann"}, ExitConflict, "last enabled admin"},
				{[]string{"user", "disable", "--name", "zed"}, ExitNotFound, `no user "zed"`},
				{[]string{"token", "add", "--name", "ci", "--user", "zed"}, ExitNotFound, `no user "zed"`},
				{[]string{"token", "revoke", "--name", "ci", "--user", "ann"}, ExitNotFound, `user "ann" has no token named "ci"`},
				{[]string{"user", "frobnicate"}, ExitUsage, "unknown subcommand"},
			} {
				out, errs, code := e.run(c.args...)
				if code != c.code || !strings.Contains(errs, c.want) {
					t.Errorf("%v: exit %d (want %d)\n%s%s", c.args, code, c.code, out, errs)
				}
			}
			e.vars["SIGNET_ACTOR"] = "ann"
			e.stdin = "bob's own passphrase\n"
			e.ok("user", "add", "--name", "bob", "--role", "clerk", "--password-file", "-")
			e.stdin = ""
			var us []map[string]any
			e.json(&us, "user", "list")
			if len(us) != 2 || us[0]["name"] != "ann" || us[1]["name"] != "bob" || us[1]["role"] != "clerk" || us[1]["enabled"] != true {
				t.Fatalf("user list: %v", us)
			}
			if b, _ := json.Marshal(us); strings.Contains(string(b), "argon2") {
				t.Errorf("user list shows a hash: %s", b)
			}
			e.ok("user", "role", "--name", "bob", "--role", "supervisor")
			e.ok("user", "disable", "--name", "bob")
			out = e.ok("user", "list")
			if !strings.Contains(out, "bob   supervisor  disabled") {
				t.Errorf("user list after a role change and disabling:\n%s", out)
			}

			// A token is printed once, alone on stdout, and never again.
			token := strings.TrimSpace(e.ok("token", "add", "--name", "ci", "--user", "ann"))
			if !strings.HasPrefix(token, registrar.APITokenPrefix) || len(token) < 40 {
				t.Fatalf("token add printed %q", token)
			}
			if _, errs, code := e.run("token", "add", "--name", "ci", "--user", "ann"); code != ExitConflict || !strings.Contains(errs, `has a token named "ci" already`) {
				t.Errorf("a token name twice: exit %d %s", code, errs)
			}
			if out := e.ok("token", "list"); strings.Contains(out, token) || !strings.Contains(out, "ann   ci") {
				t.Errorf("token list:\n%s", out)
			}
			e.ok("token", "revoke", "--name", "ci", "--user", "ann")
			var ts []map[string]any
			e.json(&ts, "token", "list", "--user", "ann")
			if len(ts) != 1 || ts[0]["revoked"] == "" {
				t.Errorf("token list after revoking: %v", ts)
			}

			// The audit log has each change, by whom, and neither the password nor the token.
			_, _, evs := chain(t, e)
			var kinds []string
			for _, ev := range evs {
				if strings.HasPrefix(ev.Subject, "user:") {
					kinds = append(kinds, ev.Kind+" by "+ev.Actor)
				}
				if strings.Contains(string(ev.Payload), pw) || strings.Contains(string(ev.Payload), token) {
					t.Errorf("event %s holds the password or the token", ev.Kind)
				}
			}
			want := "user.create by tester user.create by ann user.role by ann user.disable by ann token.create by ann token.revoke by ann"
			if strings.Join(kinds, " ") != want {
				t.Errorf("the events:\n got %s\nwant %s", strings.Join(kinds, " "), want)
			}
			if !strings.HasPrefix(e.db, "postgres") {
				for _, f := range []string{e.db, e.db + "-wal"} {
					b, _ := os.ReadFile(f)
					if strings.Contains(string(b), pw) || strings.Contains(string(b), token) {
						t.Errorf("%s holds the password or the token", f)
					}
				}
			}
		})
	}
}
