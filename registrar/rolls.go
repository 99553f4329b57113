package registrar

import (
	"context"
	"errors"
	"runtime"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/match"
)

// fsOptions are the options fs-v1 is built with for a count, and its snapshots with them.
func fsOptions() match.EngineOptions { return match.EngineOptions{} }

// ImportRoll stores a roll file as the jurisdiction's new roll snapshot (whole or not at
// all; the file is read and checked a little ahead of the store, on another core), then builds the fs-v1 linker over it and stores its snapshot with it, so that
// every count against the roll reads the linker instead of building it. The roll is
// imported whatever happens to the snapshot: a count builds the linker when it finds none.
func (s *Service) ImportRoll(ctx context.Context, jurisdiction string, meta signet.ImportMeta, next signet.VoterSource) (signet.RollImport, error) {
	source, stop := readAhead(nonEmpty(meta, "voters", uniqueVoters(meta, registeredBy(meta, s.now(), next))))
	imp, err := s.Store.ImportVoters(ctx, jurisdiction, meta, source)
	stop()
	if err != nil {
		return imp, err
	}
	if err := s.SnapshotLinker(ctx, imp); err != nil {
		s.warn("the roll is imported, but its linker snapshot was not stored: the next count builds the linker", "snapshot", imp.ID, "err", err)
	}
	return imp, nil
}

// registeredBy passes a roll file's voters through and refuses one registered after today:
// a roll lists the voters who have registered.
func registeredBy(meta signet.ImportMeta, now time.Time, next signet.VoterSource) signet.VoterSource {
	today := now.UTC().Truncate(24 * time.Hour)
	return func() (signet.Voter, int, error) {
		v, line, err := next()
		if err == nil && v.RegistrationDate.After(today) {
			err = signet.Errorf(signet.EInvalid, "%s: line %d, column registration_date: %s is after today (%s): a voter cannot have registered in the future",
				meta.FileName, line, signet.FormatDate(v.RegistrationDate), signet.FormatDate(today))
		}
		return v, line, err
	}
}

// uniqueVoters passes a roll file's voters through and refuses a voter id seen before in
// the file, naming both lines.
func uniqueVoters(meta signet.ImportMeta, next signet.VoterSource) signet.VoterSource {
	// The file line each voter id was first seen on.
	seen := make(map[string]int)
	return func() (signet.Voter, int, error) {
		v, line, err := next()
		if err != nil {
			return v, line, err
		}
		if first, ok := seen[v.ID]; ok {
			return v, line, signet.Errorf(signet.EInvalid, "%s: line %d, column voter_id: the voter id appears more than once in the file (first on line %d)", meta.FileName, line, first)
		}
		seen[v.ID] = line
		return v, line, nil
	}
}

// SnapshotLinker builds fs-v1 over roll snapshot imp and stores its snapshot.
func (s *Service) SnapshotLinker(ctx context.Context, imp signet.RollImport) error {
	roll, err := s.Store.OpenRoll(ctx, imp)
	if err != nil {
		return err
	}
	_, err = s.buildFS(ctx, roll, imp.ID, nil)
	return err
}

// buildFS builds fs-v1 over roll snapshot rollID and stores its snapshot, timed as the
// stage store_linker_snapshot when stages is not nil.
func (s *Service) buildFS(ctx context.Context, roll signet.Roll, rollID int64, stages map[string]float64) (*match.Engine, error) {
	e, err := match.NewEngineFromRoll(roll, fsOptions())
	if err != nil {
		return nil, err
	}
	t := time.Now()
	if err := s.Store.SaveLinkerSnapshot(ctx, rollID, "fs-v1", e.Snapshot()); err != nil {
		return nil, err
	}
	if stages != nil {
		stages["store_linker_snapshot"] = time.Since(t).Seconds()
	}
	return e, nil
}

// fsEngine makes fs-v1 over roll snapshot rollID from data, its stored snapshot, or builds
// it and stores its snapshot when data is nil or not of this build.
func (s *Service) fsEngine(ctx context.Context, roll signet.Roll, rollID int64, data []byte, res *VerifyResult) (*match.Engine, error) {
	if data != nil {
		e, err := match.LoadEngine(roll, fsOptions(), data)
		if err == nil {
			// The snapshot read (700 MB at county scale, twice over counting the driver's
			// copies) is garbage now. Collected at once, it sets the collector's next goal
			// from the live heap; left, a cycle that marked it live lets the heap grow half
			// as much again before the next: a county-scale count peaked at 3.4 GB, not 3.1.
			runtime.GC()
			res.LinkerFrom = "snapshot"
			return e, nil
		}
		if !errors.Is(err, match.ErrStaleSnapshot) {
			s.warn("the stored fs-v1 snapshot cannot be read: building the linker again", "snapshot", rollID, "err", err)
		}
	}
	res.LinkerFrom = "built"
	return s.buildFS(ctx, roll, rollID, res.Stages)
}
