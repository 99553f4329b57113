package main

import (
	"context"
	"fmt"

	"github.com/signet-vote/signet"
)

func (m *Main) runAudit(ctx context.Context, args []string) error {
	name, args, err := sub(args, "verify", "log")
	if err != nil {
		return err
	}
	if name == "verify" {
		fs := m.flags("audit verify", "[--head HASH]",
			`Check the audit log: every event's hash must match its content and the hash of the event
before it, and the log must end at its recorded head. --head checks the database against a
head kept elsewhere (the audit head a certificate prints, or an earlier audit's): the log
must still hold that event, which also catches a log whose last events were removed and its
head rewritten. Exits 0 when the log is intact, 1 naming the first broken event otherwise.`)
		c := m.commonFlags(fs, true)
		head := fs.String("head", "", "a head kept elsewhere (an event's hash) the log must still hold")
		s, err := m.openFor(ctx, fs, args, c)
		if err != nil {
			return err
		}
		defer s.Store.Close()
		n, headSeq, verr := s.VerifyAudit(ctx, *head)
		if c.isJSON() {
			out := map[string]any{"ok": verr == nil, "events_checked": n}
			if *head != "" && verr == nil {
				out["head_event"] = headSeq
			}
			if verr != nil {
				out["error"] = verr.Error()
			}
			if err := m.printJSON(out); err != nil {
				return err
			}
			if verr != nil {
				return &silentError{ExitFailure}
			}
			return nil
		}
		if verr != nil {
			fmt.Fprintf(m.Stdout, "audit log BROKEN after %s intact events\n", commas(int(n)))
			return fmt.Errorf("audit log broken: %w", verr)
		}
		fmt.Fprintf(m.Stdout, "audit log intact: %s events, hash chain and head verified\n", commas(int(n)))
		if *head != "" {
			fmt.Fprintf(m.Stdout, "the head kept elsewhere is event %s of the log\n", commas(int(headSeq)))
		}
		return nil
	}
	fs := m.flags("audit log", "[--subject petition:P] [--limit N]", "List audit events, oldest first.")
	c := m.commonFlags(fs, true)
	subject := fs.String("subject", "", "only events about this subject, e.g. petition:demo or jurisdiction:demo-county")
	limit := fs.Int("limit", 50, "at most this many events (0: all)")
	s, err := m.openFor(ctx, fs, args, c)
	if err != nil {
		return err
	}
	defer s.Store.Close()
	evs, err := s.Store.Events(ctx, *subject, *limit)
	if err != nil {
		return err
	}
	if c.isJSON() {
		out := []map[string]any{}
		for _, e := range evs {
			out = append(out, map[string]any{"seq": e.Seq, "at": e.At.Format(signet.EventTimeLayout), "kind": e.Kind, "actor": e.Actor,
				"subject": e.Subject, "payload": e.Payload, "prev_hash": e.PrevHash, "hash": e.Hash})
		}
		return m.printJSON(out)
	}
	for _, e := range evs {
		fmt.Fprintf(m.Stdout, "%6d %s %-18s %-22s %-20s %s %.12s\n", e.Seq, e.At.Format("2006-01-02 15:04:05"), e.Kind, e.Subject, e.Actor, e.Payload, e.Hash)
	}
	return nil
}
