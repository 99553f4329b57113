package signet

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/signet-vote/signet/internal/jsonenc"
)

// verdictEvent is a verdict's audit payload. Its fields are in alphabetical order, so it
// marshals to the same bytes as a map of them would. A line's verdict records everything its
// row keeps: the verdict before the duplicate rule (base), the linker's decision and the roll
// snapshot it linked against, beside the outcome; a change the duplicate rule makes records
// only the outcome (no base), since that is all it changes. Verdicts recorded before base
// was written have none either: their rows' other fields cannot be reconciled.
type verdictEvent struct {
	At         string   `json:"at,omitempty"`
	Base       string   `json:"base,omitempty"`
	Candidates string   `json:"candidates,omitempty"`
	Decision   string   `json:"decision,omitempty"`
	Line       string   `json:"line"`
	Notes      []string `json:"notes"`
	Roll       int64    `json:"roll,omitempty"`
	Score      float64  `json:"score"`
	Seq        int      `json:"seq"`
	Verdict    string   `json:"verdict"`
	Voter      string   `json:"voter"`
}

func verdictPayload(r *VerdictRecord, candidates []byte) verdictEvent {
	v := verdictEvent{Line: r.LineID, Seq: r.Seq, Verdict: r.Code(), Voter: r.VoterID, Score: r.Score, Notes: r.Notes}
	if !r.DecidedAt.IsZero() {
		v.At = r.DecidedAt.UTC().Format(EventTimeLayout)
	}
	// A duplicate rule's change (DuplicateChange.Record) has no base: it records only the
	// outcome it changes.
	if base := CodeOf(r.BaseValid, r.BaseReason, r.BaseSubReason); base != "" {
		v.Base, v.Decision, v.Roll = base, string(r.Decision), r.RollImport
		v.Candidates = CandidatesDigest(candidates)
	}
	return v
}

// VerdictEvent is a verdict's audit payload as the audit reads it back.
type VerdictEvent struct {
	Line  string   `json:"line"`
	Notes []string `json:"notes"`
	Score float64  `json:"score"`
	Seq   int      `json:"seq"`
	// Verdict is the outcome's code (Verdict.Code).
	Verdict string `json:"verdict"`
	Voter   string `json:"voter"`
	// Base is the code of the verdict before the duplicate rule; "" in an outcome-only
	// event (the rule's change, or a verdict recorded before rows were reconciled).
	Base     string `json:"base"`
	Decision string `json:"decision"`
	Roll     int64  `json:"roll"`
	// Candidates is the digest of the candidates' stored form (CandidatesDigest).
	Candidates string `json:"candidates"`
	// At is when the verdict was decided ("" in events recorded before it was written).
	At string `json:"at"`
}

// AppendVerdictPayload appends the audit payload of a verdict (kind EventVerdict): the same
// bytes on every store, since they are hashed into the chain. It writes them without
// reflection (one runs for every stored verdict), exactly as encoding/json would.
//
// candidates is the record's candidates as stored (AppendCandidates), whose digest a line's
// verdict records; it is read before b is written, so it may share b's memory.
func AppendVerdictPayload(b []byte, r *VerdictRecord, candidates []byte) ([]byte, error) {
	v := verdictPayload(r, candidates)
	out, ok := appendVerdictPayload(b, v)
	if !ok {
		// Only encoding/json knows how to say why (a score that is NaN or infinite).
		_, err := json.Marshal(v)
		if err == nil {
			err = fmt.Errorf("line %s: the verdict's audit payload cannot be written", r.LineID)
		}
		return b, err
	}
	return out, nil
}

// appendVerdictPayload appends the payload as encoding/json marshals it; false when
// encoding/json would refuse it.
func appendVerdictPayload(b []byte, v verdictEvent) ([]byte, bool) {
	b = append(b, '{')
	// The keys omitted when empty, in their alphabetical place before "line".
	for _, kv := range [...][2]string{{`"at":`, v.At}, {`"base":`, v.Base}, {`"candidates":`, v.Candidates}, {`"decision":`, v.Decision}} {
		if kv[1] != "" {
			b = append(b, kv[0]...)
			b = jsonenc.String(b, kv[1])
			b = append(b, ',')
		}
	}
	b = append(b, `"line":`...)
	b = jsonenc.String(b, v.Line)
	b = append(b, `,"notes":`...)
	if v.Notes == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, n := range v.Notes {
			if i > 0 {
				b = append(b, ',')
			}
			b = jsonenc.String(b, n)
		}
		b = append(b, ']')
	}
	if v.Roll != 0 {
		b = append(b, `,"roll":`...)
		b = jsonenc.Int(b, v.Roll)
	}
	b = append(b, `,"score":`...)
	b, ok := jsonenc.Float(b, v.Score)
	if !ok {
		return b, false
	}
	b = append(b, `,"seq":`...)
	b = jsonenc.Int(b, int64(v.Seq))
	b = append(b, `,"verdict":`...)
	b = jsonenc.String(b, v.Verdict)
	b = append(b, `,"voter":`...)
	b = jsonenc.String(b, v.Voter)
	return append(b, '}'), true
}

// ParseVerdictPayload reads a verdict's audit payload back. The audit reads one per verdict
// of a count, and encoding/json took most of its time: payloads as AppendVerdictPayload
// writes them (no escapes in their strings) are read directly, any other through
// encoding/json.
func ParseVerdictPayload(p []byte) (VerdictEvent, error) {
	var v VerdictEvent
	if utf8.Valid(p) && parseVerdictPayload(p, &v) {
		return v, nil
	}
	v = VerdictEvent{}
	err := json.Unmarshal(p, &v)
	return v, err
}

// parseVerdictPayload reads a flat payload of the verdict's keys; false when it holds
// anything else (an escape, another key), for encoding/json to read.
func parseVerdictPayload(p []byte, v *VerdictEvent) bool {
	if len(p) < 2 || p[0] != '{' {
		return false
	}
	i := 1
	for {
		key, n, ok := plainJSONString(p, i)
		if !ok || n >= len(p) || p[n] != ':' {
			return false
		}
		i = n + 1
		switch dst := v.stringField(key); {
		case dst != nil:
			s, n, ok := plainJSONString(p, i)
			if !ok {
				return false
			}
			*dst, i = s, n
		case key == "notes":
			if bytes.HasPrefix(p[i:], []byte("null")) {
				v.Notes, i = nil, i+4
				break
			}
			if i >= len(p) || p[i] != '[' {
				return false
			}
			i++
			v.Notes = []string{}
			for i < len(p) && p[i] != ']' {
				s, n, ok := plainJSONString(p, i)
				if !ok || n >= len(p) {
					return false
				}
				v.Notes = append(v.Notes, s)
				if i = n; p[i] == ',' {
					i++
				}
			}
			i++
		case key == "roll" || key == "seq" || key == "score":
			j := i
			for j < len(p) && (p[j] >= '0' && p[j] <= '9' || p[j] == '-' || p[j] == '+' || p[j] == '.' || p[j] == 'e' || p[j] == 'E') {
				j++
			}
			tok := string(p[i:j])
			if tok == "" || tok[0] == '+' {
				return false
			}
			var err error
			switch key {
			case "roll":
				v.Roll, err = strconv.ParseInt(tok, 10, 64)
			case "seq":
				var n int64
				n, err = strconv.ParseInt(tok, 10, 0)
				v.Seq = int(n)
			case "score":
				v.Score, err = strconv.ParseFloat(tok, 64)
			}
			if err != nil {
				return false
			}
			i = j
		default:
			return false
		}
		if i >= len(p) {
			return false
		}
		switch p[i] {
		case ',':
			i++
		case '}':
			return i == len(p)-1
		default:
			return false
		}
	}
}

// stringField is the field a payload's string-valued key reads into, nil for the others.
func (v *VerdictEvent) stringField(key string) *string {
	switch key {
	case "at":
		return &v.At
	case "base":
		return &v.Base
	case "candidates":
		return &v.Candidates
	case "decision":
		return &v.Decision
	case "line":
		return &v.Line
	case "verdict":
		return &v.Verdict
	case "voter":
		return &v.Voter
	}
	return nil
}

// plainJSONString reads the JSON string at p[i] when it has no escape, returning it and
// the index after it.
func plainJSONString(p []byte, i int) (string, int, bool) {
	if i >= len(p) || p[i] != '"' {
		return "", 0, false
	}
	for j := i + 1; j < len(p); j++ {
		switch c := p[j]; {
		case c == '"':
			return string(p[i+1 : j]), j + 1, true
		case c == '\\' || c < 0x20:
			return "", 0, false
		}
	}
	return "", 0, false
}

// CandidatesDigest is the digest a verdict's event records of its candidates as stored
// (AppendCandidates): the first 16 bytes of their SHA-256, hex-encoded.
func CandidatesDigest(stored []byte) string {
	sum := sha256.Sum256(stored)
	return hex.EncodeToString(sum[:16])
}
