// Package registrar is Signet's engine: the petition workflow a Registrar's office runs —
// create and file petitions, import rolls and lines, record people's decisions, draw the
// random sample, verify (the sample or the full count), project, report, certify, and keep
// a state-officer recall's statewide total — as one Service over the store contract.
//
// Every door (the CLI, the web) calls it; it holds the rules (through law/, match/ and
// sample/) and never knows which store or door it serves. Its errors are *signet.Error
// with a code; their messages speak of petitions and lines, never of commands.
package registrar

import (
	"context"
	"log/slog"
	"runtime"
	"time"

	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/law"
)

// Service is a Registrar's office over a store. Its fields are set once, before use; it is
// then safe for concurrent use as far as its store is.
type Service struct {
	Store signet.Store
	// Now is the clock (time.Now when nil); verification asks it from several goroutines.
	Now func() time.Time
	// Log receives warnings about work that went on despite them (nil: discarded).
	Log *slog.Logger
	// Progress, when set, is told how far long work has come: a stage, the units done and
	// the total; done < 0 says the stage ended (done or not). It is called from one
	// goroutine at a time.
	Progress func(stage string, done, total int)
	// Passwords are the Argon2id costs new passwords are hashed with (zero:
	// DefaultPasswordParams). Tests lower them; a hash keeps its own.
	Passwords PasswordParams

	// hashing holds a slot per password being hashed or checked (each takes the
	// parameters' memory, 64 MiB by default): a burst of sign-ins waits its turn rather
	// than exhausting memory. Nil (a Service not made by New): no limit.
	hashing chan struct{}
}

// New returns a Service over a store with the system clock.
func New(store signet.Store) *Service {
	return &Service{Store: store, Now: time.Now, hashing: make(chan struct{}, max(1, runtime.NumCPU()))}
}

func (s *Service) now() time.Time {
	if s.Now == nil {
		return time.Now()
	}
	return s.Now()
}

func (s *Service) warn(msg string, args ...any) {
	if s.Log != nil {
		s.Log.Warn(msg, args...)
	}
}

func (s *Service) progress(stage string, done, total int) {
	if s.Progress != nil {
		s.Progress(stage, done, total)
	}
}

// Rules returns the rule pack a petition is judged by, with the settings it was created with.
func Rules(p signet.Petition) (law.Rules, error) {
	return law.PackAsOf(p.Rules, p.Settings, lawDates(p))
}

// lawDates are the petition's own dates the law is applied on.
func lawDates(p signet.Petition) law.Dates {
	return law.Dates{Approved: p.Approved, Filed: p.Filed}
}

// filedPetition returns a petition that must be filed for what follows.
func (s *Service) filedPetition(ctx context.Context, id, what string) (signet.Petition, error) {
	p, err := s.Store.Petition(ctx, id)
	if err != nil {
		return p, err
	}
	if p.Filed.IsZero() {
		return p, signet.Errorf(signet.EConflict, "petition %q is not filed yet: %s", id, what)
	}
	return p, nil
}

func subject(petition string) string { return "petition:" + petition }
