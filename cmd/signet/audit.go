package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/registrar"
)

func (m *Main) runAudit(ctx context.Context, args []string) error {
	name, args, err := sub(args, "verify", "log")
	if err != nil {
		return err
	}
	if name == "verify" {
		fs := m.flags("audit verify", "[--head HASH]",
			`Check the audit log, then reconcile the stored rows with it. Every event's hash must match
its content and the hash of the event before it, and the log must end at its recorded head.
--head checks the database against a head kept elsewhere (the audit head a certificate
prints, or an earlier audit's): the log must still hold that event, which also catches a
log whose last events were removed and its head rewritten. Then every row a count depends
on must be what the log recorded: each verdict what the event that decided it says, each
line and each voter what the digest of the import that brought it says (in both of the
store's copies), each petition, filing, review, sample and projection what its event says.
Exits 0 when all of it holds; 1 naming the first broken event, or the first row of each
table that does not reconcile (petition, line, field, as stored and as recorded).`)
		c := m.commonFlags(fs, true)
		head := fs.String("head", "", "a head kept elsewhere (an event's hash) the log must still hold")
		s, err := m.openFor(ctx, fs, args, c)
		if err != nil {
			return err
		}
		defer s.Store.Close()
		rep, verr := s.Audit(ctx, registrar.AuditOptions{Head: *head})
		if c.isJSON() {
			out := map[string]any{"ok": verr == nil, "events_checked": rep.Events, "reconciled": rep.Reconciled,
				"discrepancies": rep.Discrepancies}
			if rep.Discrepancies == nil {
				out["discrepancies"] = []registrar.Discrepancy{}
			}
			if *head != "" && rep.KeptHeadSeq != 0 {
				out["head_event"] = rep.KeptHeadSeq
			}
			if verr != nil {
				out["error"] = verr.Error()
			}
			if err := m.printJSON(out); err != nil {
				return err
			}
			if verr != nil && signet.Code(verr) == signet.EInternal {
				return &silentError{ExitFailure}
			}
			return verr
		}
		chainOK := verr == nil || errors.Is(verr, registrar.ErrNotReconciled)
		if !chainOK && signet.Code(verr) != signet.EInternal {
			return verr
		}
		if !chainOK {
			fmt.Fprintf(m.Stdout, "audit log BROKEN after %s intact events\n", commas(int(rep.Events)))
			return fmt.Errorf("audit log broken: %w", verr)
		}
		fmt.Fprintf(m.Stdout, "audit log intact: %s events, hash chain and head verified\n", commas(int(rep.Events)))
		if *head != "" {
			fmt.Fprintf(m.Stdout, "the head kept elsewhere is event %s of the log\n", commas(int(rep.KeptHeadSeq)))
		}
		if verr != nil {
			fmt.Fprintf(m.Stdout, "stored rows that do NOT reconcile with the log:\n")
			for _, d := range rep.Discrepancies {
				fmt.Fprintf(m.Stdout, "  %s\n", d)
			}
			return fmt.Errorf("stored rows do not reconcile with the audit log (%d %s above): the counts computed from them cannot be trusted",
				len(rep.Discrepancies), plural(len(rep.Discrepancies), "finding", "findings"))
		}
		fmt.Fprintf(m.Stdout, "reconciled with the log: %s\n", reconciledText(rep.Reconciled))
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

// reconciledText lists the rows an audit reconciled, by table, in a fixed order.
func reconciledText(n map[string]int) string {
	var parts []string
	for _, t := range []struct{ key, one, many string }{
		{"petitions", "petition", "petitions"}, {"lines", "line", "lines"}, {"verdicts", "verdict", "verdicts"},
		{"voters", "voter", "voters"}, {"reviews", "signature review", "signature reviews"},
		{"link_reviews", "link review", "link reviews"}, {"samples", "sample", "samples"},
		{"projections", "projection", "projections"}, {"state_reports", "county report", "county reports"},
	} {
		if k := n[t.key]; k > 0 {
			parts = append(parts, commas(k)+" "+plural(k, t.one, t.many))
		}
	}
	if len(parts) == 0 {
		return "no rows yet"
	}
	return strings.Join(parts, ", ")
}

// plural is one for a count of 1, many otherwise.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
