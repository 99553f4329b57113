package sqlite

import (
	"bytes"
	"context"
	"math/rand/v2"
	"testing"

	"github.com/signet-vote/signet"
)

// A linker snapshot larger than a chunk comes back byte for byte; storing another replaces it.
func TestLinkerSnapshotRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := open(t, t.TempDir()+"/s.db")
	if err := s.CreateJurisdiction(ctx, signet.Jurisdiction{ID: "j", Name: "J", ZIPs: []string{"90001"}}, "t"); err != nil {
		t.Fatal(err)
	}
	imp, err := s.ImportVoters(ctx, "j", signet.ImportMeta{FileName: "v.csv", SHA256: "x", Actor: "t"}, voters(10, -1))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := s.LinkerSnapshot(ctx, imp.ID, "fs-v1"); err != nil || got != nil {
		t.Fatalf("no snapshot stored yet: %d bytes, %v", len(got), err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for _, size := range []int{2*linkerSnapChunk + 12345, 100} {
		want := make([]byte, size)
		for i := range want {
			want[i] = byte(r.Uint32())
		}
		if err := s.SaveLinkerSnapshot(ctx, imp.ID, "fs-v1", want); err != nil {
			t.Fatal(err)
		}
		got, err := s.LinkerSnapshot(ctx, imp.ID, "fs-v1")
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%d bytes stored, %d read back, or other bytes", len(want), len(got))
		}
	}
	if got, err := s.LinkerSnapshot(ctx, imp.ID, "other"); err != nil || got != nil {
		t.Errorf("another linker's snapshot: %d bytes, %v", len(got), err)
	}
	// A newer roll's snapshot replaces the older roll's; another jurisdiction's stays.
	if err := s.CreateJurisdiction(ctx, signet.Jurisdiction{ID: "k", Name: "K", ZIPs: []string{"90002"}}, "t"); err != nil {
		t.Fatal(err)
	}
	other, err := s.ImportVoters(ctx, "k", signet.ImportMeta{FileName: "v.csv", SHA256: "x", Actor: "t"}, voters(10, -1))
	if err != nil {
		t.Fatal(err)
	}
	newer, err := s.ImportVoters(ctx, "j", signet.ImportMeta{FileName: "w.csv", SHA256: "y", Actor: "t"}, voters(12, -1))
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range []struct {
		imp  int64
		data string
	}{{other.ID, "k"}, {newer.ID, "j2"}} {
		if err := s.SaveLinkerSnapshot(ctx, x.imp, "fs-v1", []byte(x.data)); err != nil {
			t.Fatal(err)
		}
	}
	for _, x := range []struct {
		imp  int64
		want string
	}{{imp.ID, ""}, {other.ID, "k"}, {newer.ID, "j2"}} {
		if got, err := s.LinkerSnapshot(ctx, x.imp, "fs-v1"); err != nil || string(got) != x.want {
			t.Errorf("roll snapshot %d: %q, %v; want %q", x.imp, got, err, x.want)
		}
	}
	// A count still on the older roll stores nothing over it, nor drops the newer one's.
	if err := s.SaveLinkerSnapshot(ctx, imp.ID, "fs-v1", []byte("old")); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[int64]string{imp.ID: "", newer.ID: "j2"} {
		if got, err := s.LinkerSnapshot(ctx, id, "fs-v1"); err != nil || string(got) != want {
			t.Errorf("after a count on the older roll, roll snapshot %d: %q, %v; want %q", id, got, err, want)
		}
	}
}
