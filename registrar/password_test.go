package registrar

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// A password hashed is the PHC string of Argon2id with its parameters and a fresh salt;
// it matches that password only, and a damaged hash is an error, not a mismatch.
func TestPasswordHash(t *testing.T) {
	p := PasswordParams{Memory: 64, Time: 1, Threads: 1}
	a, err := hashPassword("correct horse battery", p)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := hashPassword("correct horse battery", p)
	if !strings.HasPrefix(a, "$argon2id$v=19$m=64,t=1,p=1$") || a == b {
		t.Fatalf("hashes %q and %q", a, b)
	}
	for pw, want := range map[string]bool{"correct horse battery": true, "correct horse batterY": false, "": false} {
		if ok, err := passwordMatches(a, pw); err != nil || ok != want {
			t.Errorf("%q: %v %v, want %v", pw, ok, err, want)
		}
	}
	// The default costs are read back from the hash they made.
	d, _ := hashPassword("x", DefaultPasswordParams())
	if !strings.HasPrefix(d, "$argon2id$v=19$m=65536,t=3,p=2$") {
		t.Errorf("a default hash: %q", d)
	}
	for _, bad := range []string{"", "plain", "$argon2i$v=19$m=64,t=1,p=1$c2FsdA$aGFzaA", "$argon2id$v=18$m=64,t=1,p=1$c2FsdA$aGFzaA",
		"$argon2id$v=19$m=64,t=0,p=1$c2FsdA$aGFzaA", "$argon2id$v=19$m=64,t=1,p=1$!!$aGFzaA", "$argon2id$v=19$m=64,t=1,p=1$c2FsdA$"} {
		if ok, err := passwordMatches(bad, "x"); err == nil || ok {
			t.Errorf("%q: %v %v, want an error", bad, ok, err)
		}
	}
}

// Passwords are hashed a few at a time (each may take 64 MiB); a caller whose context
// ends while it waits gives up.
func TestHashSlots(t *testing.T) {
	s := &Service{hashing: make(chan struct{}, 2)}
	var running, most atomic.Int32
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.withHashSlot(context.Background(), func() error {
				n := running.Add(1)
				for {
					m := most.Load()
					if n <= m || most.CompareAndSwap(m, n) {
						break
					}
				}
				time.Sleep(5 * time.Millisecond)
				running.Add(-1)
				return nil
			})
		}()
	}
	wg.Wait()
	if most.Load() != 2 {
		t.Errorf("at most %d hashed at once, want 2", most.Load())
	}
	s.hashing <- struct{}{}
	s.hashing <- struct{}{}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	ran := false
	if err := s.withHashSlot(ctx, func() error { ran = true; return nil }); err == nil || ran {
		t.Errorf("with every slot taken: ran %v, error %v", ran, err)
	}
	if New(nil).hashing == nil {
		t.Error("New makes no slots")
	}
}
