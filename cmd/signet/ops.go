package main

import (
	"context"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/law"
	"github.com/signet-vote/signet/registrar"
)

// petitionSpec is what "petition create" parses from its flags.
type petitionSpec struct {
	ID, Kind, Jurisdiction, Rules, Report string
	Approved                              time.Time
	Cutoff, Duplicates                    string
	Settings                              []string
	// LastVote and CountyVotesFile replace the report for a state-officer recall.
	LastVote        int
	CountyVotesFile string
}

// createPetition checks the flags of "petition create" (usage errors, exit 2), reads the
// county votes of a state-officer recall, and asks the engine to create the petition.
func (m *Main) createPetition(ctx context.Context, s *registrar.Service, spec petitionSpec, actor string) (signet.Petition, error) {
	rules, err := loadRules(spec.Rules, spec.Settings, law.Dates{Approved: spec.Approved})
	if err != nil {
		return signet.Petition{}, err
	}
	kind := signet.PetitionKind(spec.Kind)
	if !signet.ValidKind(kind) {
		return signet.Petition{}, usageErr("--kind %q: want local-recall, state-recall, initiative or referendum", spec.Kind)
	}
	if spec.Cutoff != "" && !signet.ValidCutoff(signet.Cutoff(spec.Cutoff)) {
		return signet.Petition{}, usageErr("--cutoff %q: want signing_date or filing_date", spec.Cutoff)
	}
	if spec.Duplicates != "" && !signet.ValidDuplicatePolicy(signet.DuplicatePolicy(spec.Duplicates)) {
		return signet.Petition{}, usageErr("--duplicates %q: want keep_first or strike_all", spec.Duplicates)
	}
	in := registrar.PetitionSpec{ID: spec.ID, Kind: kind, Jurisdiction: spec.Jurisdiction, Rules: spec.Rules, Report: spec.Report,
		Approved: spec.Approved, Cutoff: signet.Cutoff(spec.Cutoff), Duplicates: signet.DuplicatePolicy(spec.Duplicates), Settings: spec.Settings}
	if spec.LastVote > 0 {
		if kind != signet.KindStateRecall {
			return signet.Petition{}, usageErr("--last-vote is for --kind state-recall")
		}
		if rules.Requirement.Counties == nil {
			return signet.Petition{}, usageErr("--last-vote: rule pack %s is not a state-officer recall", spec.Rules)
		}
		if spec.CountyVotesFile == "" {
			return signet.Petition{}, usageErr("--county-votes FILE is required with --last-vote: the five-county condition needs each county's last vote")
		}
		votes, err := readCountyVotes(spec.CountyVotesFile)
		if err != nil {
			return signet.Petition{}, err
		}
		in.LastVote, in.CountyVotes = spec.LastVote, map[string]int{}
		for _, v := range votes {
			in.CountyVotes[v.County] = v.LastVote
		}
	} else if spec.Report == "" {
		return signet.Petition{}, usageErr("--report is required (or --last-vote for a state-officer recall)")
	}
	return s.CreatePetition(ctx, in, actor)
}

// importLines imports a lines file into a petition.
func (m *Main) importLines(ctx context.Context, s *registrar.Service, petition, path, cols, actor string) (signet.LineImport, error) {
	in, err := m.openCSV(path, csvLineSchema, cols, actor)
	if err != nil {
		return signet.LineImport{}, err
	}
	defer in.close()
	return s.ImportLines(ctx, petition, in.meta, in.r.Lines())
}

// importReviews records a file of signature decisions.
func (m *Main) importReviews(ctx context.Context, s *registrar.Service, petition, path, actor string) (int, error) {
	in, err := m.openCSV(path, csvReviewSchema, "", actor)
	if err != nil {
		return 0, err
	}
	defer in.close()
	return s.RecordReviews(ctx, petition, path, in.r.Reviews())
}
