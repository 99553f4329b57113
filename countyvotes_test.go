package signet_test

import (
	"strings"
	"testing"

	"github.com/signet-vote/signet"
)

// TestReadCountyVotes: the county votes read alike as the CLI's CSV file and as county=N
// entries (the web's field), one a line or separated by commas; malformed ones are refused
// naming the entry or the line.
func TestReadCountyVotes(t *testing.T) {
	for _, in := range []string{
		"county,last_vote\nAlameda,600000\nFresno,\"250,000\"\n",
		"Alameda=600000\nFresno=250000\n",
		"Alameda=600000, Fresno = 250000",
		"\n Alameda=600000\r\n\r\nFresno=250000,",
	} {
		votes, err := signet.ReadCountyVotes("v", strings.NewReader(in))
		if err != nil {
			t.Errorf("%q: %v", in, err)
			continue
		}
		if m := signet.LastVotes(votes); len(m) != 2 || m["Alameda"] != 600000 || m["Fresno"] != 250000 {
			t.Errorf("%q: %v", in, m)
		}
	}
	for in, want := range map[string]string{
		"Alameda=600000\nFresno":            `v: entry 2 ("Fresno"): want county=N, the county's last vote`,
		"Alameda=600000,=5":                 "v: entry 2: county is empty",
		"Alameda=1,Fresno=2,Alameda=3":      "v: entry 3: county Alameda is given more than once (first in entry 1)",
		"Alameda=-5":                        `v: entry 1 (Alameda): "-5" is not a count`,
		"Alameda=lots":                      `v: entry 1 (Alameda): "lots" is not a count`,
		"":                                  "v: no header row (want county,last_vote[,valid])",
		"county,votes\nAlameda,1\n":         "v: the header needs county and last_vote (and optionally valid)",
		"county,last_vote\nAlameda,1\n,2\n": "v: line 3: county is empty",
		"county,last_vote\nAlameda,x\n":     `v: line 2, column 2 (last_vote): "x" is not a count`,
		"county,last_vote\nA,1\nB,2\nA,3\n": "v: line 4: county A appears more than once in the file (first on line 2)",
		"county,last_vote,valid\nA,10,-1\n": `v: line 2, column 3 (valid): "-1" is not a count`,
	} {
		_, err := signet.ReadCountyVotes("v", strings.NewReader(in))
		if signet.Code(err) != signet.EInvalid || err.Error() != want {
			t.Errorf("%q: %v, want %s", in, err, want)
		}
	}
}
