package registrar_test

import (
	"context"
	"strings"
	"testing"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/registrar"
)

// TestDrawSampleWithoutLines: a petition filed on a raw count alone has no lines to store
// a sample as: the draw is refused (EConflict, naming the command that draws it without
// storing) before its seed is announced, so that the audit log holds no seed of a draw
// that was not kept.
func TestDrawSampleWithoutLines(t *testing.T) {
	ctx := context.Background()
	s := newOffice(t)
	if err := s.CreateJurisdiction(ctx, signet.Jurisdiction{ID: "j", Name: "J", ZIPs: []string{"90001"}}, "test"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddReport(ctx, signet.RegistrationReport{ID: "r", JurisdictionID: "j", Date: day("2022-01-01"), Registered: 20000}, false, "test"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreatePetition(ctx, registrar.PetitionSpec{ID: "p", Kind: signet.KindLocalRecall, Jurisdiction: "j", Rules: "ca-local-recall", Report: "r", Approved: day("2022-01-27")}, "test"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FilePetition(ctx, "p", day("2022-06-01"), 6000, "test"); err != nil {
		t.Fatal(err)
	}
	head, _, err := s.Store.AuditHead(ctx)
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.DrawSample(ctx, "p", "12345", "test")
	if signet.Code(err) != signet.EConflict || !strings.Contains(err.Error(), "signet sample draw --seed 12345 --population 6000 --size") {
		t.Fatalf("drawing a sample of no lines: %v", err)
	}
	if after, _, err := s.Store.AuditHead(ctx); err != nil || after != head {
		t.Errorf("the refused draw wrote to the audit log: head %d, then %d (%v)", head, after, err)
	}
}
