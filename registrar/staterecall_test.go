package registrar_test

import (
	"context"
	"strings"
	"testing"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/registrar"
)

// TestStateRecallNeedsTheLastVote: a state-officer recall's pack computes the requirement
// from the last vote for the office, so a petition on it from a registration report (the
// web's form sends the report it shows) is refused, as is a negative last vote; with the
// last vote and the counties' it is created on the last vote.
func TestStateRecallNeedsTheLastVote(t *testing.T) {
	ctx := context.Background()
	s := newOffice(t)
	if err := s.CreateJurisdiction(ctx, signet.Jurisdiction{ID: "ca", Name: "California", ZIPs: []string{"90001"}}, "test"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddReport(ctx, signet.RegistrationReport{ID: "r", JurisdictionID: "ca", Date: day("2020-01-01"), Registered: 20000}, false, "test"); err != nil {
		t.Fatal(err)
	}
	spec := registrar.PetitionSpec{ID: "gov", Kind: signet.KindStateRecall, Jurisdiction: "ca", Rules: "ca-state-recall", Report: "r", Approved: day("2020-06-10")}
	if _, err := s.CreatePetition(ctx, spec, "test"); signet.Code(err) != signet.EInvalid || !strings.Contains(err.Error(), "computes the requirement from the last vote") {
		t.Errorf("a state recall on a registration report: %v", err)
	}
	spec.LastVote = -3
	if _, err := s.CreatePetition(ctx, spec, "test"); signet.Code(err) != signet.EInvalid || !strings.Contains(err.Error(), "the last vote is -3") {
		t.Errorf("a negative last vote: %v", err)
	}
	spec.LastVote, spec.CountyVotes = 12464235, map[string]int{"Alameda": 600000}
	p, err := s.CreatePetition(ctx, spec, "test")
	if err != nil || p.Required != 1495709 || p.ReportID != "" {
		t.Fatalf("the state recall: %+v %v", p, err)
	}
	// A local recall on the same report is still made from it.
	if _, err := s.CreatePetition(ctx, registrar.PetitionSpec{ID: "l", Kind: signet.KindLocalRecall, Jurisdiction: "ca", Rules: "ca-local-recall", Report: "r", Approved: day("2020-06-10")}, "test"); err != nil {
		t.Errorf("a local recall: %v", err)
	}
}
