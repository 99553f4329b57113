package postgres_test

import (
	"testing"

	"github.com/signet-vote/signet/internal/pgtest"
)

// TestMain fails the package at once, saying how to get a server, when there is none.
func TestMain(m *testing.M) { pgtest.Main(m) }
