package main

import "testing"

// law deadlines applies SB 386's versions (Stats. 2023, ch. 870, from 2024-01-01) by the
// filing date it is given: a county initiative filed 2022-07-06 has 60 working days for a full
// count after a sample (⇒ 2022-09-29), one filed 2024-07-08 has 90 (⇒ 2024-11-13); a
// statewide full check 30 (⇒ 2022-08-17) and then 60 (⇒ 2024-10-01), counted from the
// Secretary of State's order (§9031(b)), given here on the day of the filing. The arithmetic
// is in law/cahistory_test.go.
func TestLawDeadlinesSB386(t *testing.T) {
	e := newEnv(t)
	for _, tc := range []struct {
		rules, filed, full, from string
	}{
		{"ca-county-initiative", "2022-07-06", "2022-09-29", ""},
		{"ca-county-initiative", "2024-07-08", "2024-11-13", "2024-01-01"},
		{"ca-statewide-initiative", "2022-07-06", "2022-08-17", ""},
		{"ca-statewide-initiative", "2024-07-08", "2024-10-01", "2024-01-01"},
	} {
		var v map[string]any
		e.json(&v, "law", "deadlines", "--rules", tc.rules, "--registered", "1000000", "--approved", "2022-01-27", "--filed", tc.filed, "--raw", "200000",
			"--notice", tc.filed, "--order", tc.filed)
		if v["full_count_deadline"] != tc.full {
			t.Errorf("%s filed %s: full count deadline %v, want %s", tc.rules, tc.filed, v["full_count_deadline"], tc.full)
		}
		asOf, _ := v["law_as_of"].(map[string]any)
		versions, _ := asOf["versions"].([]any)
		found := false
		for _, x := range versions {
			if m, _ := x.(map[string]any); m["rule"] == "verification" {
				from, _ := m["from"].(string)
				found = from == tc.from
			}
		}
		if !found {
			t.Errorf("%s filed %s: versions %v, want verification from %q", tc.rules, tc.filed, versions, tc.from)
		}
	}
}
