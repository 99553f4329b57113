package match_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/match"
)

// TestLinkFileDecidesAtTheChosenThreshold: LinkFile links a file once and links again only
// the records whose posterior lies between the engine's threshold and the one it chose;
// every record must come out exactly as LinkVoter links it at the chosen threshold, and
// some records must have been in that band (else the test would not test the second pass).
func TestLinkFileDecidesAtTheChosenThreshold(t *testing.T) {
	c := loadCounty(t, 20_000, 3_000, 5)
	// The petition's lines as records of another file: a printed name split in two, the
	// line's address; their slips give posteriors all along the scale.
	recs := make([]signet.Voter, len(c.lines))
	for i, l := range c.lines {
		f := strings.Fields(l.PrintedName)
		r := signet.Voter{ID: l.ID(), Residence: l.Address}
		if len(f) > 0 {
			r.FirstName, r.LastName = f[0], f[len(f)-1]
		}
		recs[i] = r
	}
	fitted := func() *match.Engine {
		e, err := match.NewEngine(c.voters, match.EngineOptions{Generic: true})
		if err != nil {
			t.Fatal(err)
		}
		e.TrainVoters(recs)
		e.FitMatchShare(recs)
		return e
	}
	e := fitted()
	before := e.Model().Upper
	got, err := e.LinkFile(context.Background(), recs, 0.005)
	if err != nil {
		t.Fatal(err)
	}
	if got.Upper == before {
		t.Fatalf("the chosen threshold is the engine's own (%v): pick a file whose posteriors move it", before)
	}
	ref := fitted()
	if err := ref.SetUpper(got.Upper); err != nil {
		t.Fatal(err)
	}
	lo, hi := min(before, got.Upper), max(before, got.Upper)
	band := 0
	for i := range recs {
		want := ref.LinkVoter(&recs[i])
		if !reflect.DeepEqual(got.Links[i], want) {
			t.Fatalf("record %d: LinkFile %s %.4f, LinkVoter at %.4f %s %.4f", i, got.Links[i].Decision, got.Links[i].Score, got.Upper, want.Decision, want.Score)
		}
		if want.Score >= lo && want.Score < hi {
			band++
		}
	}
	if band == 0 {
		t.Fatalf("no record's posterior lies between %v and %v: the second pass was not tested", lo, hi)
	}
	t.Logf("threshold %.4f → %.4f, %d of %d records linked again, expected false links %.5f", before, got.Upper, band, len(recs), got.ExpectedFalseLinks)
	if _, err := e.LinkFile(context.Background(), recs, 1); err == nil {
		t.Fatal("a share of false links of 1 was accepted")
	}
}
