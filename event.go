package signet

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/signet-vote/signet/internal/jsonenc"
)

// Event kinds written to the audit log.
const (
	EventJurisdiction  = "jurisdiction.create"
	EventRegistration  = "registration.add"
	EventRollImport    = "roll.import"
	EventPetition      = "petition.create"
	EventLinesImport   = "lines.import"
	EventFiling        = "petition.file"
	EventVerdict       = "verdict"
	EventReview        = "review"
	EventReport        = "report"
	EventSampleSeed    = "sample.seed"
	EventSampleDraw    = "sample.draw"
	EventSampleProject = "sample.project"
	EventStateReport   = "state.report"
	EventLinkReview    = "review.link"
	EventCertificate   = "certificate"
	EventUserCreate    = "user.create"
	EventUserRole      = "user.role"
	EventUserEnable    = "user.enable"
	EventUserDisable   = "user.disable"
	EventUserPassword  = "user.password"
	EventLogin         = "user.login"
	EventLoginFailed   = "user.login_failed"
	EventTokenCreate   = "token.create"
	EventTokenRevoke   = "token.revoke"
)

// GenesisHash is the previous-event hash of the first event: 64 zeros.
const GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000"

// Event is one entry of the append-only audit log. Each event carries the hash of the
// event before it and the SHA-256 of its own canonical content (which includes that
// previous hash), so editing or removing any row breaks the chain from there on.
type Event struct {
	Seq      int64
	At       time.Time
	Kind     string
	Actor    string
	Subject  string
	Payload  json.RawMessage // canonical JSON (encoding/json output of a struct or map)
	PrevHash string
	Hash     string
}

// EventTimeLayout is how event times are written in the log and hashed: UTC, microseconds.
const EventTimeLayout = "2006-01-02T15:04:05.000000Z"

// Canonical returns the bytes the event's hash is computed over: a JSON array of
// [seq, at, kind, actor, subject, payload, prev_hash], exactly as encoding/json marshals
// it as a []any (the payload as a JSON string).
func (e Event) Canonical() []byte {
	return AppendCanonical(nil, e.Seq, e.At.UTC().Format(EventTimeLayout), e.Kind, e.Actor, e.Subject, string(e.Payload), e.PrevHash)
}

// AppendCanonical appends the canonical form of an event given its fields as stored (at
// already formatted with EventTimeLayout). It writes the bytes without reflection, since
// the audit log hashes one event per stored verdict, but they are encoding/json's own:
// every chain ever written must verify.
func AppendCanonical(b []byte, seq int64, at, kind, actor, subject, payload, prevHash string) []byte {
	b = append(b, '[')
	b = jsonenc.Int(b, seq)
	for _, s := range [...]string{at, kind, actor, subject, payload, prevHash} {
		b = append(b, ',')
		b = jsonenc.String(b, s)
	}
	return append(b, ']')
}

// ComputeHash returns the hex SHA-256 of the event's canonical content.
func (e Event) ComputeHash() string {
	sum := sha256.Sum256(e.Canonical())
	return hex.EncodeToString(sum[:])
}

// Seal sets the event's sequence number and previous hash and computes its hash.
func (e *Event) Seal(seq int64, prev string) {
	e.Seq, e.PrevHash = seq, prev
	e.At = e.At.UTC().Truncate(time.Microsecond)
	e.Hash = e.ComputeHash()
}

// ChainVerifier checks an audit log event by event, in sequence order.
type ChainVerifier struct {
	prevSeq  int64
	prevHash string
	Checked  int64
}

// NewChainVerifier starts a check at the beginning of the log.
func NewChainVerifier() *ChainVerifier { return &ChainVerifier{prevHash: GenesisHash} }

// Next checks one event; it returns an error naming the event when the chain is broken there.
func (c *ChainVerifier) Next(e Event) error {
	if e.Seq != c.prevSeq+1 {
		return fmt.Errorf("event %d: expected event %d next: an event was removed or renumbered", e.Seq, c.prevSeq+1)
	}
	if e.PrevHash != c.prevHash {
		return fmt.Errorf("event %d (%s): its previous-event hash does not match event %d", e.Seq, e.Kind, c.prevSeq)
	}
	if got := e.ComputeHash(); got != e.Hash {
		return fmt.Errorf("event %d (%s): content does not match its hash (stored %.12s…, computed %.12s…): the row was altered", e.Seq, e.Kind, e.Hash, got)
	}
	c.prevSeq, c.prevHash = e.Seq, e.Hash
	c.Checked++
	return nil
}

// Finish checks the end of the chain against the recorded head (last sequence number and hash).
func (c *ChainVerifier) Finish(headSeq int64, headHash string) error {
	if headSeq != c.prevSeq || headHash != c.prevHash {
		return fmt.Errorf("the log ends at event %d but its head records event %d: events at the end were removed or the head was altered", c.prevSeq, headSeq)
	}
	return nil
}
