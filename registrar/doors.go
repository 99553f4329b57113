package registrar

import (
	"context"

	"github.com/signet-vote/signet"
)

// WithProgress returns a shallow copy of the service whose long work (a count, an import,
// reading the audit log) tells p how far it has come, as Progress does: the same store,
// clock, log and password limits, so that each job a door runs may follow its own work
// while the others share the service.
func (s *Service) WithProgress(p func(stage string, done, total int)) *Service {
	c := *s
	c.Progress = p
	return &c
}

// Jurisdictions are the jurisdictions, by id.
func (s *Service) Jurisdictions(ctx context.Context) ([]signet.Jurisdiction, error) {
	return s.Store.Jurisdictions(ctx)
}

// Jurisdiction is one jurisdiction.
func (s *Service) Jurisdiction(ctx context.Context, id string) (signet.Jurisdiction, error) {
	return s.Store.Jurisdiction(ctx, id)
}
