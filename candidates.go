package signet

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/signet-vote/signet/internal/jsonenc"
)

// A verdict's candidates are stored as JSON text, written without reflection (storing
// 715,833 verdicts spent more time in encoding/json than in SQLite). Two forms exist and
// both are read: databases written before the second keep the first.
//
// Form 1 spells every field name and level out, about 670 bytes for three candidates:
//
//	[["V1",0.99739,"current",["last_name","exact",14.03,"first_name","nickname",4.46,...]], ...]
//
// that is [voter id, score, address level, [field, level, weight, ...]] per candidate.
//
// Form 2, tagged by its leading 2, codes each address level, field and level in one
// letter and writes a candidate's fields as one string, about 280 bytes for the same three:
//
//	[2,["V1",0.99739,"c","Le14.03 Fn4.46 Mm Sm He14.28 Te10.93 Um Ce5.41 Z8.03 Bm"], ...]
//
// Each space-separated item is a field letter, a level letter and the weight (none when 0).
// The codes are below; a record with any name that has no code is written in form 1.
// Codes may be added but never changed: stored text depends on them.
//
// A candidate the linker turned down carries the rule's name (Candidate.Rule) as a
// fifth element: its name in form 1, its one-letter code in form 2 ("h" below). Text
// written before rules were kept has four elements and reads back with no rule.
//
//	[2,["V1",0.99739,"c","Le14.03 ..."],["V2",0.00261,"c","Ld-4.03 Fe7.39 ...","h"]]

const (
	fieldCodes   = "LFMSHTUCZB"
	levelCodes   = "enicatjmdplyw"
	addressCodes = "cpn"
	ruleCodes    = "abcdefghijklmnopqrst"
)

var (
	fieldNamesByCode   = [...]string{"last_name", "first_name", "middle_name", "suffix", "house_number", "street", "unit", "city", "zip", "birth_date"}
	levelNamesByCode   = [...]string{"exact", "nickname", "initial", "compound", "abbrev", "typo", "jw", "missing", "disagree", "phonetic", "jw_low", "compound_typo", "jw_weak"}
	addressNamesByCode = [...]string{string(AddressCurrent), string(AddressPrior), string(AddressNone)}
	// ruleNamesByCode are match's rule names (match.Rules).
	ruleNamesByCode = [...]string{"address_differs", "surname_differs", "given_name_differs", "names_only_resemble",
		"suffix_differs", "middle_name_differs", "household_given_name", "swapped_reading",
		"name_only_surname", "name_only_given_name", "name_only_middle_name", "swapped_middle", "voter_surname_shorter",
		"common_name", "zip_outside_roll", "outweighed", "review_band", "below_threshold", "household_surname", "surname_only"}
)

func fieldCode(s string) byte {
	switch s {
	case "last_name":
		return 'L'
	case "first_name":
		return 'F'
	case "middle_name":
		return 'M'
	case "suffix":
		return 'S'
	case "house_number":
		return 'H'
	case "street":
		return 'T'
	case "unit":
		return 'U'
	case "city":
		return 'C'
	case "zip":
		return 'Z'
	case "birth_date":
		return 'B'
	}
	return 0
}

func levelCode(s string) byte {
	switch s {
	case "exact":
		return 'e'
	case "nickname":
		return 'n'
	case "initial":
		return 'i'
	case "compound":
		return 'c'
	case "abbrev":
		return 'a'
	case "typo":
		return 't'
	case "jw":
		return 'j'
	case "missing":
		return 'm'
	case "disagree":
		return 'd'
	case "phonetic":
		return 'p'
	case "jw_low":
		return 'l'
	case "compound_typo":
		return 'y'
	case "jw_weak":
		return 'w'
	}
	return 0
}

// ruleCode is the rule's code; 0 for a name without one, and for no rule.
func ruleCode(s string) byte {
	if s == "" {
		return 0
	}
	for i, n := range ruleNamesByCode {
		if n == s {
			return ruleCodes[i]
		}
	}
	return 0
}

func addressCode(a AddressMatch) byte {
	switch a {
	case AddressCurrent:
		return 'c'
	case AddressPrior:
		return 'p'
	case AddressNone:
		return 'n'
	}
	return 0
}

// appendJSONString appends s as a JSON string.
func appendJSONString(b []byte, s string) []byte { return jsonenc.String(b, s) }

// appendJSONFloat writes six significant digits: enough to show and rank candidates.
func appendJSONFloat(b []byte, f float64) []byte {
	// Weights are rounded to hundredths (match's round2), and strconv's fixed-precision
	// formatting was the larger part of encoding 30 of them per verdict. For a hundredth
	// of at most six significant digits, six-digit %g is that decimal with trailing zeros
	// cut, written here directly (fuzzed against strconv).
	if k := math.Round(f * 100); k/100 == f && math.Abs(k) < 1e6 && f != 0 {
		if k < 0 {
			b = append(b, '-')
			k = -k
		}
		n := int64(k)
		b = strconv.AppendInt(b, n/100, 10)
		if c := n % 100; c != 0 {
			b = append(b, '.', byte('0'+c/10))
			if c%10 != 0 {
				b = append(b, byte('0'+c%10))
			}
		}
		return b
	}
	return strconv.AppendFloat(b, f, 'g', 6, 64)
}

// AppendCandidates writes candidates in form 2 when every name has a code, else in
// form 1; nil is "[]".
func AppendCandidates(b []byte, cs []Candidate) []byte {
	if len(cs) == 0 {
		return append(b, "[]"...)
	}
	for _, c := range cs {
		if addressCode(c.Address) == 0 || c.Rule != "" && ruleCode(c.Rule) == 0 {
			return encodeCandidates1(b, cs)
		}
		for _, f := range c.Fields {
			if fieldCode(f.Field) == 0 || levelCode(f.Level) == 0 {
				return encodeCandidates1(b, cs)
			}
		}
	}
	b = append(b, "[2"...)
	for _, c := range cs {
		b = append(b, ",["...)
		b = appendJSONString(b, c.VoterID)
		b = append(b, ',')
		b = appendJSONFloat(b, c.Score)
		b = append(b, ",\""...)
		b = append(b, addressCode(c.Address), '"', ',', '"')
		for j, f := range c.Fields {
			if j > 0 {
				b = append(b, ' ')
			}
			b = append(b, fieldCode(f.Field), levelCode(f.Level))
			if f.Weight != 0 {
				b = appendJSONFloat(b, f.Weight)
			}
		}
		b = append(b, '"')
		if c.Rule != "" {
			b = append(b, ',', '"', ruleCode(c.Rule), '"')
		}
		b = append(b, ']')
	}
	return append(b, ']')
}

// encodeCandidates1 writes form 1.
func encodeCandidates1(b []byte, cs []Candidate) []byte {
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
		b = append(b, ']')
		if c.Rule != "" {
			b = append(b, ',')
			b = appendJSONString(b, c.Rule)
		}
		b = append(b, ']')
	}
	return append(b, ']')
}

// ParseCandidates reads either form back.
func ParseCandidates(s string) ([]Candidate, error) {
	if strings.HasPrefix(s, "[2") {
		return decodeCandidates2(s)
	}
	var raw [][]json.RawMessage
	if err := json.Unmarshal([]byte(s), &raw); err != nil {
		return nil, err
	}
	out := make([]Candidate, 0, len(raw))
	for _, r := range raw {
		if len(r) != 4 && len(r) != 5 {
			return nil, fmt.Errorf("candidate %s: want 4 or 5 elements", r)
		}
		var c Candidate
		var addr string
		var fields []json.RawMessage
		for i, dst := range []any{&c.VoterID, &c.Score, &addr, &fields} {
			if err := json.Unmarshal(r[i], dst); err != nil {
				return nil, err
			}
		}
		c.Address = AddressMatch(addr)
		if len(r) == 5 {
			if err := json.Unmarshal(r[4], &c.Rule); err != nil {
				return nil, err
			}
			if c.Rule == "" {
				return nil, fmt.Errorf("candidate %s: an empty rule", c.VoterID)
			}
		}
		if len(fields)%3 != 0 {
			return nil, fmt.Errorf("candidate %s: fields come in threes", c.VoterID)
		}
		for i := 0; i < len(fields); i += 3 {
			var f FieldLevel
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

func decodeCandidates2(s string) ([]Candidate, error) {
	var raw []json.RawMessage
	if err := json.Unmarshal([]byte(s), &raw); err != nil {
		return nil, err
	}
	if len(raw) == 0 || !bytes.Equal(raw[0], []byte("2")) {
		return nil, fmt.Errorf("candidates %.20q…: not form 2", s)
	}
	out := make([]Candidate, 0, len(raw)-1)
	for _, r := range raw[1:] {
		var c Candidate
		var addr, fields string
		var parts []json.RawMessage
		if err := json.Unmarshal(r, &parts); err != nil {
			return nil, err
		}
		if len(parts) != 4 && len(parts) != 5 {
			return nil, fmt.Errorf("candidate %s: want 4 or 5 elements", r)
		}
		for i, dst := range []any{&c.VoterID, &c.Score, &addr, &fields} {
			if err := json.Unmarshal(parts[i], dst); err != nil {
				return nil, err
			}
		}
		k := strings.IndexByte(addressCodes, oneByte(addr))
		if k < 0 {
			return nil, fmt.Errorf("candidate %s: address level %q has no code", c.VoterID, addr)
		}
		c.Address = AddressMatch(addressNamesByCode[k])
		if len(parts) == 5 {
			var code string
			if err := json.Unmarshal(parts[4], &code); err != nil {
				return nil, err
			}
			k := strings.IndexByte(ruleCodes, oneByte(code))
			if k < 0 {
				return nil, fmt.Errorf("candidate %s: rule %q has no code", c.VoterID, code)
			}
			c.Rule = ruleNamesByCode[k]
		}
		for item := range strings.FieldsSeq(fields) {
			fi := strings.IndexByte(fieldCodes, item[0])
			li := -1
			if len(item) >= 2 {
				li = strings.IndexByte(levelCodes, item[1])
			}
			if fi < 0 || li < 0 {
				return nil, fmt.Errorf("candidate %s: field %q is not a field code and a level code", c.VoterID, item)
			}
			f := FieldLevel{Field: fieldNamesByCode[fi], Level: levelNamesByCode[li]}
			if len(item) > 2 {
				w, err := strconv.ParseFloat(item[2:], 64)
				if err != nil {
					return nil, fmt.Errorf("candidate %s: field %q: weight: %w", c.VoterID, item, err)
				}
				f.Weight = w
			}
			c.Fields = append(c.Fields, f)
		}
		out = append(out, c)
	}
	return out, nil
}

// oneByte returns s's byte when it has exactly one, else 0 (which no code is).
func oneByte(s string) byte {
	if len(s) != 1 {
		return 0
	}
	return s[0]
}

// StoredScores are the candidates as they read back after storing: scores keep six
// significant digits.
func StoredScores(cs []Candidate) []Candidate {
	out := make([]Candidate, len(cs))
	for i, c := range cs {
		c.Score, _ = strconv.ParseFloat(strconv.FormatFloat(c.Score, 'g', 6, 64), 64)
		out[i] = c
	}
	return out
}
