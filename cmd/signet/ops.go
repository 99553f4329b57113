package main

import (
	"context"
	"fmt"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/sqlite"
)

// addReport stores a report of registration, counting the current roll when fromRoll.
func (m *Main) addReport(ctx context.Context, s *sqlite.Store, id, jurisdiction string, date time.Time, n int, fromRoll bool, actor string) (signet.RegistrationReport, error) {
	r := signet.RegistrationReport{ID: id, JurisdictionID: jurisdiction, Date: date, Registered: n, Source: "entered"}
	if fromRoll {
		st, err := s.VoterStats(ctx, jurisdiction)
		if err != nil {
			return r, err
		}
		if st.Snapshot == 0 {
			return r, signet.Errorf(signet.ENotFound, "jurisdiction %q has no voter roll to count (import one first)", jurisdiction)
		}
		r.Registered, r.Source = st.Registered, fmt.Sprintf("roll:%d", st.Snapshot)
	}
	return r, s.AddReport(ctx, r, actor)
}

// petitionSpec is what "petition create" needs.
type petitionSpec struct {
	ID, Kind, Jurisdiction, Rules, Report string
	Approved                              time.Time
	Cutoff, Duplicates                    string
	Settings                              []string
	// LastVote and CountyVotesFile replace the report for a state-officer recall.
	LastVote        int
	CountyVotesFile string
}

// createPetition computes the requirement and the filing deadline from the rule pack and
// the registration report, and stores the petition.
func (m *Main) createPetition(ctx context.Context, s *sqlite.Store, spec petitionSpec, actor string) (signet.Petition, error) {
	pack, err := loadRules(spec.Rules, spec.Settings)
	if err != nil {
		return signet.Petition{}, err
	}
	kind := signet.PetitionKind(spec.Kind)
	if !signet.ValidKind(kind) {
		return signet.Petition{}, usageErr("--kind %q: want local-recall, state-recall, initiative or referendum", spec.Kind)
	}
	if _, err := s.Jurisdiction(ctx, spec.Jurisdiction); err != nil {
		return signet.Petition{}, err
	}
	if spec.LastVote > 0 {
		return m.createStateRecall(ctx, s, spec, pack, kind, actor)
	}
	if spec.Report == "" {
		return signet.Petition{}, usageErr("--report is required (or --last-vote for a state-officer recall)")
	}
	rep, err := s.Report(ctx, spec.Report)
	if err != nil {
		return signet.Petition{}, err
	}
	if rep.JurisdictionID != spec.Jurisdiction {
		return signet.Petition{}, signet.Errorf(signet.EInvalid, "report %s counts %s, not %s", rep.ID, rep.JurisdictionID, spec.Jurisdiction)
	}
	if rep.Date.After(spec.Approved) {
		return signet.Petition{}, signet.Errorf(signet.EInvalid, "report %s is dated %s, after the form was approved (%s): the requirement comes from the last report before approval (Elections Code §11221(b))",
			rep.ID, signet.FormatDate(rep.Date), signet.FormatDate(spec.Approved))
	}
	cutoff, dups := pack.Defaults()
	if spec.Cutoff != "" {
		cutoff = signet.Cutoff(spec.Cutoff)
		if cutoff != signet.CutoffSigningDate && cutoff != signet.CutoffFilingDate {
			return signet.Petition{}, usageErr("--cutoff %q: want signing_date or filing_date", spec.Cutoff)
		}
	}
	if spec.Duplicates != "" {
		dups = signet.DuplicatePolicy(spec.Duplicates)
		if dups != signet.KeepFirst && dups != signet.StrikeAll {
			return signet.Petition{}, usageErr("--duplicates %q: want keep_first or strike_all", spec.Duplicates)
		}
	}
	req, _ := pack.Required(rep.Registered)
	p := signet.Petition{ID: spec.ID, Kind: kind, JurisdictionID: spec.Jurisdiction, Rules: pack.ID(), ReportID: rep.ID,
		Registered: rep.Registered, Required: req, Approved: spec.Approved, Deadline: pack.FilingDeadline(spec.Approved, rep.Registered),
		Cutoff: cutoff, Duplicates: dups, Settings: spec.Settings}
	return p, s.CreatePetition(ctx, p, actor)
}

// importLines imports a lines file into a petition.
func (m *Main) importLines(ctx context.Context, s *sqlite.Store, petition, path, cols, actor string) (sqlite.LineImport, error) {
	in, err := m.openCSV(path, csvLineSchema, cols, actor)
	if err != nil {
		return sqlite.LineImport{}, err
	}
	defer in.close()
	next, stop := prefetch(func() (signet.Line, int, error) {
		row, err := in.r.Next()
		if err != nil {
			return signet.Line{}, 0, err
		}
		l, err := row.PetitionLine()
		return l, row.Line, err
	})
	defer stop()
	return s.ImportLines(ctx, petition, in.meta, next)
}

// importReviews records a file of signature decisions.
func (m *Main) importReviews(ctx context.Context, s *sqlite.Store, petition, path, actor string) (int, error) {
	in, err := m.openCSV(path, csvReviewSchema, "", actor)
	if err != nil {
		return 0, err
	}
	defer in.close()
	return s.RecordReviews(ctx, petition, path, func() (signet.Review, int, error) {
		row, err := in.r.Next()
		if err != nil {
			return signet.Review{}, 0, err
		}
		r, err := row.Review()
		return r, row.Line, err
	})
}
