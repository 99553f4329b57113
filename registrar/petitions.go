package registrar

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/law"
)

// CreateJurisdiction stores a new jurisdiction and the ZIP codes inside it.
func (s *Service) CreateJurisdiction(ctx context.Context, j signet.Jurisdiction, actor string) error {
	if err := signet.CheckID("jurisdiction id", j.ID); err != nil {
		return err
	}
	if fault := signet.TextFault(j.Name, 100); fault != nil {
		return signet.Errorf(signet.EInvalid, "jurisdiction %s: its name: %s", j.ID, fault)
	}
	for _, z := range j.ZIPs {
		if msg := signet.CheckText(z, 10); msg != "" || z == "" {
			return signet.Errorf(signet.EInvalid, "jurisdiction %s: ZIP code %.20q: %s", j.ID, z, cmp.Or(msg, "empty"))
		}
	}
	return s.Store.CreateJurisdiction(ctx, j, actor)
}

// AddReport stores a report of registration; with fromRoll its count is the current roll's
// registered voters (active and inactive), and its source names the roll snapshot.
func (s *Service) AddReport(ctx context.Context, r signet.RegistrationReport, fromRoll bool, actor string) (signet.RegistrationReport, error) {
	r.Source = "entered"
	if err := signet.CheckID("report id", r.ID); err != nil {
		return r, err
	}
	if fromRoll {
		st, err := s.Store.VoterStats(ctx, r.JurisdictionID)
		if err != nil {
			return r, err
		}
		if st.Snapshot == 0 {
			return r, signet.Errorf(signet.ENotFound, "jurisdiction %q has no voter roll to count (import one first)", r.JurisdictionID)
		}
		r.Registered, r.Source = st.Registered, fmt.Sprintf("roll:%d", st.Snapshot)
	}
	// Every requirement is a share of the registered voters (or of the last vote): a
	// report of none would make any petition sufficient with no signature at all.
	if r.Registered <= 0 {
		return r, signet.Errorf(signet.EInvalid, "report %s: the registered count must be at least 1 (it is %d): a requirement computed from it would be 0", r.ID, r.Registered)
	}
	return r, s.Store.AddReport(ctx, r, actor)
}

// PetitionSpec is what creating a petition takes.
type PetitionSpec struct {
	ID           string
	Kind         signet.PetitionKind
	Jurisdiction string
	Rules        string
	// Report is the registration report the requirement is computed from.
	Report   string
	Approved time.Time
	// Cutoff and Duplicates override the pack's defaults when not empty.
	Cutoff     signet.Cutoff
	Duplicates signet.DuplicatePolicy
	// Settings are rule pack settings, name=value.
	Settings []string
	// LastVote and CountyVotes replace the report for a state-officer recall: the last vote
	// for the office, statewide and in each county.
	LastVote    int
	CountyVotes map[string]int
}

// CreatePetition computes the requirement and the filing deadline from the rule pack and
// the registration report (or, for a state-officer recall, the last vote), and stores the petition.
func (s *Service) CreatePetition(ctx context.Context, spec PetitionSpec, actor string) (signet.Petition, error) {
	pack, err := law.PackAsOf(spec.Rules, spec.Settings, law.Dates{Approved: spec.Approved})
	if err != nil {
		return signet.Petition{}, err
	}
	if !signet.ValidKind(spec.Kind) {
		return signet.Petition{}, signet.Errorf(signet.EInvalid, "petition kind %q: want local-recall, state-recall, initiative or referendum", spec.Kind)
	}
	if spec.ID == "" || spec.Approved.IsZero() {
		return signet.Petition{}, signet.Errorf(signet.EInvalid, "a petition needs an id and the date its form was approved")
	}
	if err := signet.CheckID("petition id", spec.ID); err != nil {
		return signet.Petition{}, err
	}
	if _, err := s.Store.Jurisdiction(ctx, spec.Jurisdiction); err != nil {
		return signet.Petition{}, err
	}
	switch {
	case spec.LastVote > 0:
		return s.createStateRecall(ctx, spec, pack, actor)
	case spec.LastVote < 0:
		return signet.Petition{}, signet.Errorf(signet.EInvalid, "petition %s: the last vote is %d: a vote count is not below 0", spec.ID, spec.LastVote)
	case pack.Requirement.Counties != nil:
		// A state-officer recall's requirement is a share of the last vote for the office,
		// not of a registration report.
		return signet.Petition{}, signet.Errorf(signet.EInvalid, "petition %s: rule pack %s computes the requirement from the last vote for the office: give the last vote, statewide and in each county", spec.ID, pack.ID())
	}
	if len(spec.CountyVotes) > 0 {
		return signet.Petition{}, signet.Errorf(signet.EInvalid, "petition %s: the counties' last votes are for a state-officer recall, with the last vote statewide", spec.ID)
	}
	if spec.Report == "" {
		return signet.Petition{}, signet.Errorf(signet.EInvalid, "petition %s: the requirement needs a registration report (or, for a state-officer recall, the last vote)", spec.ID)
	}
	rep, err := s.Store.Report(ctx, spec.Report)
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
		cutoff = spec.Cutoff
		if !signet.ValidCutoff(cutoff) {
			return signet.Petition{}, signet.Errorf(signet.EInvalid, "registration cut-off %q: want signing_date or filing_date", spec.Cutoff)
		}
	}
	if spec.Duplicates != "" {
		dups = spec.Duplicates
		if !signet.ValidDuplicatePolicy(dups) {
			return signet.Petition{}, signet.Errorf(signet.EInvalid, "duplicate policy %q: want keep_first or strike_all", spec.Duplicates)
		}
	}
	req, _ := pack.Required(rep.Registered)
	p := signet.Petition{ID: spec.ID, Kind: spec.Kind, JurisdictionID: spec.Jurisdiction, Rules: pack.ID(), ReportID: rep.ID,
		Registered: rep.Registered, Required: req, Approved: spec.Approved, Deadline: pack.FilingDeadline(spec.Approved, rep.Registered),
		Cutoff: cutoff, Duplicates: dups, Settings: spec.Settings}
	return p, s.Store.CreatePetition(ctx, p, actor)
}

// createStateRecall creates a state-officer recall petition: the requirement is a share of
// the last vote for the office (Cal. Const. art. II §14(b)), with the county condition.
func (s *Service) createStateRecall(ctx context.Context, spec PetitionSpec, r law.Rules, actor string) (signet.Petition, error) {
	if spec.Kind != signet.KindStateRecall {
		return signet.Petition{}, signet.Errorf(signet.EInvalid, "petition %s: the last vote is the base of a state-officer recall only", spec.ID)
	}
	if r.Requirement.Counties == nil {
		return signet.Petition{}, signet.Errorf(signet.EInvalid, "rule pack %s is not a state-officer recall", r.ID())
	}
	if len(spec.CountyVotes) == 0 {
		return signet.Petition{}, signet.Errorf(signet.EInvalid, "petition %s: the county condition needs each county's last vote", spec.ID)
	}
	for _, c := range slices.Sorted(maps.Keys(spec.CountyVotes)) {
		if n := spec.CountyVotes[c]; n < 0 {
			return signet.Petition{}, signet.Errorf(signet.EInvalid, "petition %s: county %s's last vote is %d: a vote count is not below 0", spec.ID, c, n)
		}
	}
	p := signet.Petition{ID: spec.ID, Kind: spec.Kind, JurisdictionID: spec.Jurisdiction, Rules: r.ID(), Registered: spec.LastVote,
		Approved: spec.Approved, Deadline: r.FilingDeadline(spec.Approved, spec.LastVote), Cutoff: r.Cutoff, Duplicates: r.Duplicates,
		Settings: spec.Settings, CountyVotes: map[string]int{}}
	p.Required, _ = r.Required(spec.LastVote)
	for c, n := range spec.CountyVotes {
		p.CountyVotes[c] = n
	}
	return p, s.Store.CreatePetition(ctx, p, actor)
}

// FilePetition records the filing: the date and the raw count, which is the number of
// lines imported (Elections Code §11222: the raw count is taken on presentation), or raw
// when no lines are imported (raw < 0: not given). A filed petition takes no more lines.
func (s *Service) FilePetition(ctx context.Context, id string, filed time.Time, raw int, actor string) (signet.Petition, error) {
	p, err := s.Store.Petition(ctx, id)
	if err != nil {
		return signet.Petition{}, err
	}
	// Signatures are gathered on the approved form: a filing cannot come before it.
	if filed.Before(p.Approved) {
		return signet.Petition{}, signet.Errorf(signet.EInvalid, "petition %q cannot be filed on %s: its form was approved on %s, and signatures are gathered on the approved form",
			id, signet.FormatDate(filed), signet.FormatDate(p.Approved))
	}
	lines, err := s.Store.LineCount(ctx, id)
	if err != nil {
		return signet.Petition{}, err
	}
	switch {
	case lines > 0 && raw >= 0 && raw != lines:
		return signet.Petition{}, signet.Errorf(signet.EInvalid, "the raw count %d disagrees with the %d lines imported for petition %q", raw, lines, id)
	case lines > 0:
		raw = lines
	case raw < 0:
		return signet.Petition{}, signet.Errorf(signet.EInvalid, "petition %q has no lines imported: import them first, or give the raw count", id)
	}
	return s.Store.FilePetition(ctx, id, filed, raw, lines, actor)
}

// stateRecall returns a state-officer recall petition and its rules.
func (s *Service) stateRecall(ctx context.Context, id string) (signet.Petition, law.Rules, error) {
	p, err := s.Store.Petition(ctx, id)
	if err != nil {
		return p, law.Rules{}, err
	}
	r, err := Rules(p)
	if err != nil {
		return p, r, err
	}
	if p.Kind != signet.KindStateRecall || r.Requirement.Counties == nil {
		return p, r, signet.Errorf(signet.EConflict, "petition %q is not a state-officer recall", id)
	}
	return p, r, nil
}

// AddStateReport records a county's totals to the end of a period for a state-officer
// recall (Elections Code §11104) and returns the statewide status after it. A county's
// reports follow one another: a new one must end later than its last.
func (s *Service) AddStateReport(ctx context.Context, petition string, rep signet.StateReport, actor string) (law.StateStatus, error) {
	if _, _, err := s.stateRecall(ctx, petition); err != nil {
		return law.StateStatus{}, err
	}
	votes, err := s.Store.CountyVotes(ctx, petition)
	if err != nil {
		return law.StateStatus{}, err
	}
	if _, ok := votes[rep.County]; !ok {
		return law.StateStatus{}, signet.Errorf(signet.ENotFound, "petition %q has no county %q (its counties are those given with their last vote)", petition, rep.County)
	}
	switch {
	case rep.Raw < 0 || rep.Valid < 0:
		return law.StateStatus{}, signet.Errorf(signet.EInvalid, "%s, period ending %s: %d lines, %d valid: a county reports counts, none below 0",
			rep.County, signet.FormatDate(rep.PeriodEnd), rep.Raw, rep.Valid)
	case !rep.Consistent():
		return law.StateStatus{}, signet.Errorf(signet.EInvalid, "%s, period ending %s: %d valid of %d lines: a county cannot find more valid signatures than the lines it received",
			rep.County, signet.FormatDate(rep.PeriodEnd), rep.Valid, rep.Raw)
	}
	reports, err := s.Store.StateReports(ctx, petition)
	if err != nil {
		return law.StateStatus{}, err
	}
	var latest time.Time
	for _, r := range reports {
		if r.County == rep.County && r.PeriodEnd.After(latest) {
			latest = r.PeriodEnd
		}
	}
	if !latest.IsZero() && !latest.Before(rep.PeriodEnd) {
		return law.StateStatus{}, signet.Errorf(signet.EConflict, "%s already reported for the period ending %s: a new report must end later", rep.County, signet.FormatDate(latest))
	}
	if err := s.Store.AddStateReport(ctx, petition, rep, actor); err != nil {
		return law.StateStatus{}, err
	}
	return s.StateStatus(ctx, petition)
}

// StateStatus is the statewide running total of a state-officer recall.
func (s *Service) StateStatus(ctx context.Context, petition string) (law.StateStatus, error) {
	p, r, err := s.stateRecall(ctx, petition)
	if err != nil {
		return law.StateStatus{}, err
	}
	votes, err := s.Store.CountyVotes(ctx, petition)
	if err != nil {
		return law.StateStatus{}, err
	}
	reports, err := s.Store.StateReports(ctx, petition)
	if err != nil {
		return law.StateStatus{}, err
	}
	return r.Statewide(p, votes, reports), nil
}
