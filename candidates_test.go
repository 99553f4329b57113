package signet

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestCandidatesRoundTrip(t *testing.T) {
	in := []Candidate{
		{VoterID: "V1", Score: 0.99731, Address: AddressCurrent, Fields: []FieldLevel{
			{Field: "last_name", Level: "exact", Weight: 11.42}, {Field: "first_name", Level: "nickname", Weight: -2.5}, {Field: "unit", Level: "missing"},
			{Field: "zip", Level: "exact", Weight: 1.5e-7}, {Field: "birth_date", Level: "jw_low", Weight: 1e+22}}},
		{VoterID: `odd "id" <&> é\ 2`, Score: 0, Address: AddressNone},
		{VoterID: "V3", Score: 1e-9, Address: AddressPrior, Fields: []FieldLevel{{Field: "street", Level: "abbrev", Weight: 3}}, Rule: "household_given_name"},
		{VoterID: "V4", Score: 0.5, Address: AddressCurrent, Fields: []FieldLevel{{Field: "last_name", Level: "compound_typo", Weight: 7.5}}, Rule: "below_threshold"},
	}
	enc := string(AppendCandidates(nil, in))
	if !strings.Contains(enc, `"c","Ly7.5","r"]`) {
		t.Errorf("a rule is not written as its code: %s", enc)
	}
	if !strings.HasPrefix(enc, "[2,") {
		t.Errorf("candidates with coded names written in form 1: %s", enc)
	}
	roundTrip(t, in)
	// A name without a code takes form 1, which keeps any name.
	odd := append(slices.Clone(in), Candidate{VoterID: "V4", Address: "elsewhere", Fields: []FieldLevel{{Field: "shoe size", Level: "close", Weight: 1}}})
	if enc := string(AppendCandidates(nil, odd)); !strings.HasPrefix(enc, "[[") {
		t.Errorf("candidates with an uncoded name written as %s", enc)
	}
	roundTrip(t, odd)
	oddRule := append(slices.Clone(in), Candidate{VoterID: "V5", Address: AddressNone, Rule: "a rule of another linker"})
	if enc := string(AppendCandidates(nil, oddRule)); !strings.HasPrefix(enc, "[[") || !strings.Contains(enc, `"household_given_name"]`) {
		t.Errorf("candidates with an uncoded rule written as %s", enc)
	}
	roundTrip(t, oddRule)
	if got := string(AppendCandidates(nil, nil)); got != "[]" {
		t.Errorf("no candidates = %s", got)
	}
	for _, bad := range []string{`[["V1",1,"current",["a","b"]]]`, `[2,["V1",1,"x","Le1"]]`, `[2,["V1",1,"c","Le1 Q"]]`, `[2,["V1",1,"c","Lz"]]`,
		`[2,["V1",1,"c","Lex"]]`, `[2,["V1",1,"c"]]`, `[3,["V1",1,"c",""]]`, `[2,`, `[2,["V1",1,"c","Le1","?"]]`, `[2,["V1",1,"c","Le1","ab"]]`,
		`[2,["V1",1,"c","Le1","a","b"]]`, `[2,["V1",1,"c","Le1",7]]`, `[["V1",1,"current",[],""]]`, `[["V1",1,"current",[],3]]`} {
		if cs, err := ParseCandidates(bad); err == nil {
			t.Errorf("malformed %s decoded as %+v", bad, cs)
		}
	}
}

func roundTrip(t *testing.T, in []Candidate) {
	t.Helper()
	enc := string(AppendCandidates(nil, in))
	out, err := ParseCandidates(enc)
	if err != nil {
		t.Fatalf("%s: %v", enc, err)
	}
	if d := cmp.Diff(in, out); d != "" {
		t.Fatalf("round trip of %s (-in +out):\n%s", enc, d)
	}
}

// TestCandidatesForm1 reads text written by the first form, as databases made before the
// second hold it.
func TestCandidatesForm1(t *testing.T) {
	const stored = `[["V654360988",0.99739,"current",["last_name","exact",14.03,"first_name","nickname",4.46,"unit","missing",0]],["V2",0.00261,"none",[]]]`
	want := []Candidate{
		{VoterID: "V654360988", Score: 0.99739, Address: AddressCurrent, Fields: []FieldLevel{
			{Field: "last_name", Level: "exact", Weight: 14.03}, {Field: "first_name", Level: "nickname", Weight: 4.46}, {Field: "unit", Level: "missing"}}},
		{VoterID: "V2", Score: 0.00261, Address: AddressNone},
	}
	got, err := ParseCandidates(stored)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("(-want +got):\n%s", d)
	}
	if enc := string(encodeCandidates1(nil, want)); enc != stored {
		t.Errorf("form 1 writes %s, was %s", enc, stored)
	}
}

// TestCandidatesWithoutRules reads form-2 text written before candidates kept their rule:
// it reads back with none, and writes back as it was.
func TestCandidatesWithoutRules(t *testing.T) {
	const stored = `[2,["V270233198",1,"c","Ld-4.03 Fe7.39 Mm Sm He12.69 Te10.44 Um Cm Ze4.77 Bm"],["V317320891",0,"c","Ld-4.03 Fd-5.11 Mm Sm He12.69 Te10.44 Um Cm Ze4.77 Bm"]]`
	got, err := ParseCandidates(stored)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Rule != "" || got[1].Rule != "" || got[1].Fields[1] != (FieldLevel{Field: "first_name", Level: "disagree", Weight: -5.11}) {
		t.Fatalf("read %+v", got)
	}
	if enc := string(AppendCandidates(nil, got)); enc != stored {
		t.Errorf("written back as %s, was %s", enc, stored)
	}
	got[1].Rule = "given_name_differs"
	if enc, want := string(AppendCandidates(nil, got)), strings.TrimSuffix(stored, "]]")+`,"c"]]`; enc != want {
		t.Errorf("with a rule written as %s, want %s", enc, want)
	}
}

// TestCandidateCodes holds the code tables together (match's tests check that every name
// its linkers report has a code).
func TestCandidateCodes(t *testing.T) {
	for i, name := range fieldNamesByCode {
		if fieldCode(name) != fieldCodes[i] {
			t.Errorf("field %s: code %q, table says %q", name, fieldCode(name), fieldCodes[i])
		}
	}
	for i, name := range levelNamesByCode {
		if levelCode(name) != levelCodes[i] {
			t.Errorf("level %s: code %q, table says %q", name, levelCode(name), levelCodes[i])
		}
	}
	for i, name := range addressNamesByCode {
		if addressCode(AddressMatch(name)) != addressCodes[i] {
			t.Errorf("address level %s: code %q, table says %q", name, addressCode(AddressMatch(name)), addressCodes[i])
		}
	}
	for i, name := range ruleNamesByCode {
		if ruleCode(name) != ruleCodes[i] || strings.Count(ruleCodes, ruleCodes[i:i+1]) != 1 {
			t.Errorf("rule %s: code %q, table says %q", name, ruleCode(name), ruleCodes[i])
		}
	}
	if len(fieldNamesByCode) != len(fieldCodes) || len(levelNamesByCode) != len(levelCodes) || len(addressNamesByCode) != len(addressCodes) ||
		len(ruleNamesByCode) != len(ruleCodes) {
		t.Error("a code table and its names differ in length")
	}
}

// FuzzCandidates round-trips candidates built from arbitrary names, ids and numbers.
func FuzzCandidates(f *testing.F) {
	f.Add("V1", 0.99739, "current", "last_name", "exact", 14.03, "unit", "missing", 0.0, "")
	f.Add("odd \"id\" <&> é", 1e-9, "prior", "zip", "jw_low", -2.5, "shoe size", "close", 1e22, "household_given_name")
	f.Add("", 0.0, "", "", "", 0.0, "street", "abbrev", 3.0, "some rule")
	f.Fuzz(func(t *testing.T, id string, score float64, addr, f1, l1 string, w1 float64, f2, l2 string, w2 float64, rule string) {
		in := []Candidate{{VoterID: id, Score: score, Address: AddressMatch(addr),
			Fields: []FieldLevel{{Field: f1, Level: l1, Weight: w1}, {Field: f2, Level: l2, Weight: w2}}, Rule: rule}, {VoterID: "V2", Address: AddressNone}}
		enc := string(AppendCandidates(nil, in))
		valid := true
		for _, s := range []string{id, addr, f1, l1, f2, l2, rule} {
			valid = valid && utf8.ValidString(s)
		}
		if !valid || math.IsNaN(score) || math.IsInf(score, 0) || math.IsNaN(w1) || math.IsInf(w1, 0) || math.IsNaN(w2) || math.IsInf(w2, 0) {
			return // JSON cannot carry these back: the linkers never report them
		}
		out, err := ParseCandidates(enc)
		if err != nil {
			t.Fatalf("%s: %v", enc, err)
		}
		// Numbers are kept to six significant digits.
		in = StoredScores(in)
		for i := range in[0].Fields {
			fl := &in[0].Fields[i]
			fl.Weight, _ = strconv.ParseFloat(strconv.FormatFloat(fl.Weight, 'g', 6, 64), 64)
		}
		if d := cmp.Diff(in, out); d != "" {
			t.Fatalf("round trip of %s (-in +out):\n%s", enc, d)
		}
	})
}

func TestCandidateFloat(t *testing.T) {
	for _, f := range []float64{14.03, -2.5, 0.05, 0.1, 1400, 9999.99, 10000, -0.01, 0.001, 0.997391, 1e22, 0, math.Copysign(0, -1), 5.41, 100.1} {
		checkCandidateFloat(t, f)
	}
}

func FuzzCandidateFloat(f *testing.F) {
	f.Add(14.03)
	f.Add(-9999.99)
	f.Add(0.99739)
	f.Fuzz(checkCandidateFloat)
}

func checkCandidateFloat(t *testing.T, f float64) {
	for _, x := range []float64{f, math.Round(f*100) / 100} {
		if got, want := string(appendJSONFloat(nil, x)), strconv.FormatFloat(x, 'g', 6, 64); got != want {
			t.Fatalf("%v written %s, six-digit %%g is %s", x, got, want)
		}
	}
}
