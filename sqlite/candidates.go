package sqlite

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/signet-vote/signet"
)

// A verdict's candidates are stored as compact JSON arrays, written without reflection
// (storing 715,833 verdicts spent more time in encoding/json than in SQLite):
//
//	[["V1",0.9973,"current",["last_name","exact",4,"first_name","nickname",2.6,...]], ...]
//
// that is [voter id, score, address level, [field, level, weight, ...]] per candidate.

// appendJSONString appends s as a JSON string; plain ASCII takes the fast path.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

func appendJSONFloat(b []byte, f float64) []byte {
	return strconv.AppendFloat(b, f, 'g', 6, 64)
}

// encodeCandidates writes candidates in the compact form; nil is "[]".
func encodeCandidates(b []byte, cs []signet.Candidate) []byte {
	b = append(b, '[')
	for i, c := range cs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendJSONString(b, c.VoterID)
		b = append(b, ',')
		b = appendJSONFloat(b, c.Score)
		b = append(b, ',')
		b = appendJSONString(b, string(c.Address))
		b = append(b, ",["...)
		for j, f := range c.Fields {
			if j > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, f.Field)
			b = append(b, ',')
			b = appendJSONString(b, f.Level)
			b = append(b, ',')
			b = appendJSONFloat(b, f.Weight)
		}
		b = append(b, "]]"...)
	}
	return append(b, ']')
}

// decodeCandidates reads the compact form back.
func decodeCandidates(s string) ([]signet.Candidate, error) {
	var raw [][]json.RawMessage
	if err := json.Unmarshal([]byte(s), &raw); err != nil {
		return nil, err
	}
	out := make([]signet.Candidate, 0, len(raw))
	for _, r := range raw {
		if len(r) != 4 {
			return nil, fmt.Errorf("candidate %s: want 4 elements", r)
		}
		var c signet.Candidate
		var addr string
		var fields []json.RawMessage
		for i, dst := range []any{&c.VoterID, &c.Score, &addr, &fields} {
			if err := json.Unmarshal(r[i], dst); err != nil {
				return nil, err
			}
		}
		c.Address = signet.AddressMatch(addr)
		if len(fields)%3 != 0 {
			return nil, fmt.Errorf("candidate %s: fields come in threes", c.VoterID)
		}
		for i := 0; i < len(fields); i += 3 {
			var f signet.FieldLevel
			for k, dst := range []any{&f.Field, &f.Level, &f.Weight} {
				if err := json.Unmarshal(fields[i+k], dst); err != nil {
					return nil, err
				}
			}
			c.Fields = append(c.Fields, f)
		}
		out = append(out, c)
	}
	return out, nil
}
