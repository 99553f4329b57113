// Package sample draws the statutory random sample of a petition so that anyone can re-draw
// it, projects the full count from it as the regulations prescribe, and states the
// uncertainty of that projection honestly. It does no I/O. The algorithms are documented in
// docs/sampling.md.
package sample

import (
	"crypto/sha256"
	"math/big"
	"slices"
	"strconv"

	"github.com/signet-vote/signet"
)

// MaxSeedLength bounds the seed: enough for 20 dice rolls and then some.
const MaxSeedLength = 100

// ValidSeed checks a seed: one or more decimal digits (for example, 20 digits from public dice
// rolls announced before the draw). Leading zeros are significant: the seed is a string.
func ValidSeed(seed string) error {
	if seed == "" {
		return signet.Errorf(signet.EInvalid, "the seed is empty: announce a seed of decimal digits (for example 20 public dice rolls) before drawing")
	}
	if len(seed) > MaxSeedLength {
		return signet.Errorf(signet.EInvalid, "the seed has %d characters; at most %d", len(seed), MaxSeedLength)
	}
	for _, c := range seed {
		if c < '0' || c > '9' {
			return signet.Errorf(signet.EInvalid, "the seed %q is not all decimal digits", seed)
		}
	}
	return nil
}

// Draw returns a simple random sample without replacement of size line numbers out of
// 1..population, sorted ascending: a pure function of (seed, population, size).
//
// For i = 1, 2, 3, …: take SHA-256 of the ASCII text seed + "," + i (i in decimal), read the
// 32 bytes as a big-endian unsigned integer h, and the candidate line is h mod population + 1;
// a line already drawn is skipped; stop when size distinct lines are drawn. This is the
// pseudo-random generator of Rivest's "sampler" used by risk-limiting audits. The bias of
// the modulus is below population / 2^256, nil for any petition.
func Draw(seed string, population, size int) ([]int, error) {
	if err := ValidSeed(seed); err != nil {
		return nil, err
	}
	if population < 0 || size < 0 || size > population {
		return nil, signet.Errorf(signet.EInvalid, "cannot draw %d lines out of %d", size, population)
	}
	seen := make(map[int]bool, size)
	out := make([]int, 0, size)
	n := new(big.Int).SetInt64(int64(population))
	h, m := new(big.Int), new(big.Int)
	buf := make([]byte, 0, len(seed)+24)
	for i := 1; len(out) < size; i++ {
		buf = append(buf[:0], seed...)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, int64(i), 10)
		sum := sha256.Sum256(buf)
		h.SetBytes(sum[:])
		line := int(m.Mod(h, n).Int64()) + 1
		if !seen[line] {
			seen[line] = true
			out = append(out, line)
		}
	}
	slices.Sort(out)
	return out, nil
}
