package sqlite

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/signet-vote/signet"
)

// The field names and levels fs-v1 reports, in its order (match/engine.go, match/explain.go).
var (
	benchFields = []string{"last_name", "first_name", "middle_name", "suffix", "house_number", "street", "unit", "city", "zip", "birth_date"}
	benchLevels = []string{"exact", "exact", "exact", "nickname", "initial", "typo", "jw", "missing", "missing", "disagree", "phonetic", "jw_low", "abbrev", "compound"}
)

// benchRecords makes the records of lines lo+1..hi, shaped like fs-v1's at Los Angeles
// scale: three candidates of ten fields each, real-looking ids, full-precision scores, a few
// notes and invalid lines, and now and then an odd character that takes the slow JSON
// paths. The same arguments make the same records, so a check can make them again rather
// than keep 715,833 of them alive (which would slow the garbage collector and the save).
func benchRecords(lo, hi int, seed uint64) []signet.VerdictRecord {
	at := time.Date(2022, 7, 6, 10, 11, 12, 345678000, time.UTC)
	recs := make([]signet.VerdictRecord, hi-lo)
	reasons := []signet.Reason{signet.NotRegistered, signet.DifferentAddress, signet.Cancelled, signet.Other}
	for i := range recs {
		seq := lo + i + 1
		r := rand.New(rand.NewPCG(seed, uint64(seq)))
		v := signet.Verdict{LineID: benchLineID(seq), Valid: r.IntN(4) != 0, DecidedBy: "signet verify (fs-v1)", DecidedAt: at.Add(time.Duration(seq) * time.Microsecond)}
		if !v.Valid {
			v.Reason = reasons[r.IntN(len(reasons))]
			if v.Reason == signet.Other {
				v.SubReason = signet.SubNoSignature
			}
		}
		switch r.IntN(20) {
		case 0:
			v.Notes = []string{signet.NoteApartmentMissing}
		case 1:
			v.Notes = []string{signet.NoteApartmentDiffers, signet.NoteCityMissing}
		}
		rec := signet.VerdictRecord{Verdict: v, Seq: seq, BaseValid: v.Valid, BaseReason: v.Reason, BaseSubReason: v.SubReason, Decision: signet.DecideLink}
		fields := make([]signet.FieldLevel, 0, 3*len(benchFields))
		for c := 0; c < 3; c++ {
			cand := signet.Candidate{VoterID: "V" + strconv.Itoa(100000000+r.IntN(900000000)), Score: r.Float64(), Address: signet.AddressCurrent}
			if c > 0 {
				cand.Address = signet.AddressNone
			}
			start := len(fields)
			for _, f := range benchFields {
				lv := benchLevels[r.IntN(len(benchLevels))]
				w := float64(r.IntN(2000)-400) / 100
				if lv == "missing" {
					w = 0
				}
				fields = append(fields, signet.FieldLevel{Field: f, Level: lv, Weight: w})
			}
			cand.Fields = fields[start:len(fields):len(fields)]
			rec.Candidates = append(rec.Candidates, cand)
		}
		if r.IntN(3) != 0 {
			rec.VoterID, rec.Score, rec.RollImport = rec.Candidates[0].VoterID, rec.Candidates[0].Score, 1
		} else {
			rec.Decision = signet.DecideNone
		}
		if seq%997 == 5 { // the slow paths: HTML characters, non-ASCII, a note with a tab
			rec.Candidates[1].VoterID = "V<&>é\u2028"
			rec.DecidedBy = "reviewer \"Zoë\" <z@example.org>"
			rec.Notes = append(rec.Notes, "odd\tnote")
		}
		recs[i] = rec
	}
	return recs
}

func benchLineID(seq int) string {
	return signet.LineID(fmt.Sprintf("S%05d", (seq-1)/20+1), (seq-1)%20+1)
}

// newBenchStore opens a fresh store with a petition of n lines, the lines the verdicts refer to.
func newBenchStore(tb testing.TB, n int) *Store {
	tb.Helper()
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(tb.TempDir(), "s.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	if err := s.CreateJurisdiction(ctx, signet.Jurisdiction{ID: "j", Name: "J", ZIPs: []string{"90001"}}, "t"); err != nil {
		tb.Fatal(err)
	}
	if err := s.CreatePetition(ctx, signet.Petition{ID: "p", JurisdictionID: "j", Rules: "ca-local-recall", Duplicates: signet.KeepFirst, Cutoff: signet.CutoffFilingDate}, "t"); err != nil {
		tb.Fatal(err)
	}
	seq := 0
	_, err = s.ImportLines(ctx, "p", signet.ImportMeta{FileName: "lines.csv", SHA256: "x", Actor: "t"}, func() (signet.Line, int, error) {
		if seq == n {
			return signet.Line{}, 0, io.EOF
		}
		seq++
		return signet.Line{SectionID: fmt.Sprintf("S%05d", (seq-1)/20+1), Number: (seq-1)%20 + 1, PrintedName: "A B",
			Address: signet.Address{HouseNumber: "1", Street: "MAIN ST", ZIP: "90001"}, SignaturePresent: true,
			DateSigned: time.Date(2022, 5, 1, 0, 0, 0, 0, time.UTC)}, seq + 1, nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// saveAll stores the records of lines 1..n in batches as signet verify does: the next batch
// is made (and prepared when prepare says so for its index) on another goroutine while one
// is saved. It returns the seconds SaveVerdicts took.
func saveAll(tb testing.TB, s *Store, n, batch int, seed uint64, prepare func(int) bool) float64 {
	tb.Helper()
	ready := make(chan []signet.VerdictRecord, 1)
	go func() {
		defer close(ready)
		for lo := 0; lo < n; lo += batch {
			recs := benchRecords(lo, min(lo+batch, n), seed)
			if prepare(lo / batch) {
				for i := range recs {
					s.PrepareVerdict(&recs[i])
				}
			}
			ready <- recs
		}
	}()
	var total time.Duration
	for part := range ready {
		start := time.Now()
		if err := s.SaveVerdicts(context.Background(), "p", part, nil, ""); err != nil {
			for range ready {
			}
			tb.Fatal(err)
		}
		total += time.Since(start)
	}
	return total.Seconds()
}

// refCanonical is the event's canonical form as the audit log has always hashed it,
// written out here independently of signet.Event so a faster Canonical cannot drift unseen.
func refCanonical(seq int64, at, kind, actor, subject, payload, prev string) []byte {
	b, err := json.Marshal([]any{seq, at, kind, actor, subject, payload, prev})
	if err != nil {
		panic(err)
	}
	return b
}

// checkStored reads back every verdict and its event and compares them with what the
// records say, using encoding/json for the expected event bytes.
// events(i) is the i-th record saved (0-based), final(i) the verdict that stands for line i+1.
func checkStored(t *testing.T, s *Store, nEvents int, events func(int) signet.VerdictRecord, nFinal int, final func(int) signet.VerdictRecord) {
	t.Helper()
	ctx := context.Background()
	if n, err := s.VerifyAudit(ctx); err != nil {
		t.Fatalf("audit after %d events: %v", n, err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT seq, at, kind, actor, subject, payload, prev_hash, hash FROM events WHERE kind = 'verdict' ORDER BY seq`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	i := 0
	for rows.Next() {
		var seq int64
		var at, kind, actor, subject, payload, prev, hash string
		if err := rows.Scan(&seq, &at, &kind, &actor, &subject, &payload, &prev, &hash); err != nil {
			t.Fatal(err)
		}
		if i >= nEvents {
			t.Fatalf("more verdict events than verdicts saved")
		}
		rec := events(i)
		r := &rec
		m := map[string]any{"line": r.LineID, "seq": r.Seq, "verdict": r.Code(), "voter": r.VoterID, "score": r.Score, "notes": r.Notes,
			"at": r.DecidedAt.UTC().Format(signet.EventTimeLayout), "base": signet.CodeOf(r.BaseValid, r.BaseReason, r.BaseSubReason),
			"candidates": signet.CandidatesDigest(signet.AppendCandidates(nil, r.Candidates))}
		if r.Decision != "" {
			m["decision"] = r.Decision
		}
		if r.RollImport != 0 {
			m["roll"] = r.RollImport
		}
		want, _ := json.Marshal(m)
		if payload != string(want) {
			t.Fatalf("event %d: payload\n%s\nwant\n%s", seq, payload, want)
		}
		if actor != r.DecidedBy || subject != "petition:p" {
			t.Fatalf("event %d: actor %q subject %q", seq, actor, subject)
		}
		sum := sha256.Sum256(refCanonical(seq, at, kind, actor, subject, payload, prev))
		if hex.EncodeToString(sum[:]) != hash {
			t.Fatalf("event %d: hash is not the SHA-256 of the canonical JSON array", seq)
		}
		i++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if i != nEvents {
		t.Fatalf("%d verdict events for %d verdicts saved", i, nEvents)
	}
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM verdicts WHERE petition_id = 'p'`).Scan(&n); err != nil || n != nFinal {
		t.Fatalf("%d verdicts stored for %d, %v", n, nFinal, err)
	}
	for _, k := range []int{0, 4, 1001, 1999, 2000, nFinal / 2, nFinal - 1} {
		if k >= nFinal {
			continue
		}
		want := final(k)
		got, err := s.Verdict(ctx, "p", want.LineID)
		if err != nil {
			t.Fatal(err)
		}
		want.PetitionID, want.Redo = "p", false
		want.DecidedAt = want.DecidedAt.UTC().Truncate(time.Microsecond)
		// Candidate scores are stored to six significant digits, enough to show and rank.
		want.Candidates = signet.StoredScores(want.Candidates)
		if d := cmp.Diff(want, got, cmpopts.IgnoreFields(signet.VerdictRecord{}, "Prepared")); d != "" {
			t.Fatalf("verdict %s read back (-stored +read):\n%s", want.LineID, d)
		}
	}
}

// cpuSeconds is the CPU time the process has used: unlike the wall clock, it does not
// count time the machine gave to other processes.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

// TestSaveVerdicts stores verdicts in batches, redoes some, and checks every stored row and
// audit event against encoding/json. SIGNET_SAVE_VERDICTS=715833 runs it at Los Angeles
// scale and reports the time (go test ./sqlite -run TestSaveVerdicts -v);
// SIGNET_SAVE_VERDICTS_PREPARE=1 (or 0) prepares every record (or none) before saving.
func TestSaveVerdicts(t *testing.T) {
	n := 12000
	if testing.Short() {
		n = 3000
	}
	big := false
	if v := os.Getenv("SIGNET_SAVE_VERDICTS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			t.Fatalf("SIGNET_SAVE_VERDICTS=%q: want a count of verdicts", v)
		}
		big = true
	}
	start := time.Now()
	s := newBenchStore(t, n)
	t.Logf("%d lines stored in %.1f s", n, time.Since(start).Seconds())
	// Verify prepares every record; this test also saves unprepared ones, which must be
	// stored the same, unless the run measures one way.
	prepare := func(batch int) bool { return batch%2 == 0 }
	switch os.Getenv("SIGNET_SAVE_VERDICTS_PREPARE") {
	case "0":
		prepare = func(int) bool { return false }
	case "1":
		prepare = func(int) bool { return true }
	}
	cpu0 := cpuSeconds()
	secs := saveAll(t, s, n, 5000, 1, prepare)
	cpu := cpuSeconds() - cpu0
	t.Logf("SaveVerdicts: %d verdicts in %.2f s: %.2f s per 100k (process CPU while saving, making and preparing: %.2f s per 100k)",
		n, secs, secs*100000/float64(n), cpu*100000/float64(n))
	if big {
		var pages, size int
		s.db.QueryRow(`PRAGMA page_count`).Scan(&pages)
		s.db.QueryRow(`PRAGMA page_size`).Scan(&size)
		t.Logf("database: %d pages of %d bytes (%.0f MB)", pages, size, float64(pages)*float64(size)/1e6)
	}
	// A second verification decides some lines again: their verdicts are replaced.
	nRedo := min(n, 2000)
	redo := benchRecords(0, nRedo, 2)
	for i := range redo {
		redo[i].Redo = true
	}
	if err := s.SaveVerdicts(context.Background(), "p", redo, nil, ""); err != nil {
		t.Fatal(err)
	}
	one := func(i int, seed uint64) signet.VerdictRecord { return benchRecords(i, i+1, seed)[0] }
	checkStored(t, s, n+nRedo, func(i int) signet.VerdictRecord {
		if i < n {
			return one(i, 1)
		}
		return one(i-n, 2)
	}, n, func(i int) signet.VerdictRecord {
		if i < nRedo {
			return redo[i]
		}
		return one(i, 1)
	})
}

// A batch holding a verdict for a line the petition does not have is refused whole, though
// foreign keys are checked only at commit and a failed insert rolls the transaction back
// at once: no verdict and no audit event of it is kept, and the log stays whole.
func TestSaveVerdictsRefusesABatchWhole(t *testing.T) {
	ctx := context.Background()
	s := newBenchStore(t, 600)
	before, err := s.VerifyAudit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	recs := benchRecords(0, 600, 1)
	recs[550].Seq = 9999 // no such line
	if err := s.SaveVerdicts(ctx, "p", recs, nil, ""); signet.Code(err) != signet.ENotFound {
		t.Fatalf("a verdict for a missing line: %v", err)
	}
	recs = benchRecords(0, 600, 1)
	recs[300].Seq = recs[299].Seq // the same line twice in one batch
	if err := s.SaveVerdicts(ctx, "p", recs, nil, ""); signet.Code(err) != signet.EConflict {
		t.Fatalf("a line twice: %v", err)
	}
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM verdicts`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d verdicts kept, %v", n, err)
	}
	if after, err := s.VerifyAudit(ctx); err != nil || after != before {
		t.Fatalf("audit log: %d events before, %d after, %v", before, after, err)
	}
	// The store is still usable: the right batch lands.
	if err := s.SaveVerdicts(ctx, "p", benchRecords(0, 600, 1), nil, ""); err != nil {
		t.Fatal(err)
	}
}

// The duplicate rule's changes to lines of the batch being stored go into the rows as they
// are inserted; the rows and events must be those an UPDATE after the batch leaves.
func TestRuleChangesInTheBatchAreThoseOfTheUpdate(t *testing.T) {
	ctx := context.Background()
	clock := func() time.Time { return time.Date(2022, 8, 1, 9, 0, 0, 0, time.UTC) }
	change := func(r signet.VerdictRecord, struck bool) signet.DuplicateChange {
		c, ok := signet.DuplicateCandidateOf(&r, time.Date(2022, 5, 1, 0, 0, 0, 0, time.UTC))
		if !ok {
			t.Fatalf("line %d is no candidate of the rule", r.Seq)
		}
		return signet.DuplicateChange{DuplicateCandidate: c, Struck: struck}
	}
	first, second := benchRecords(0, 150, 7), benchRecords(150, 300, 7)
	valid := func(recs []signet.VerdictRecord) []signet.VerdictRecord {
		var out []signet.VerdictRecord
		for _, r := range recs {
			if r.BaseValid && r.VoterID != "" {
				out = append(out, r)
			}
		}
		return out
	}
	a, b := valid(first), valid(second)
	// Struck in the batch, struck in an earlier batch, made valid again in the batch.
	changes := []signet.DuplicateChange{change(b[0], true), change(a[0], true), change(b[3], false), change(b[1], true)}
	const actor = "signet verify (duplicate rule keep_first)"

	inBatch := newBenchStore(t, 300)
	inBatch.Now = clock
	if err := inBatch.SaveVerdicts(ctx, "p", first, nil, ""); err != nil {
		t.Fatal(err)
	}
	if err := inBatch.SaveVerdicts(ctx, "p", second, changes, actor); err != nil {
		t.Fatal(err)
	}
	updated := newBenchStore(t, 300)
	updated.Now = clock
	for _, recs := range [][]signet.VerdictRecord{first, second} {
		if err := updated.SaveVerdicts(ctx, "p", recs, nil, ""); err != nil {
			t.Fatal(err)
		}
	}
	if err := updated.SaveVerdicts(ctx, "p", nil, changes, actor); err != nil {
		t.Fatal(err)
	}
	dump := func(s *Store, query string) []string {
		rows, err := s.db.QueryContext(ctx, query)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		var out []string
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprint(vals...))
		}
		return out
	}
	for _, q := range []string{`SELECT * FROM verdicts ORDER BY seq`, `SELECT kind, actor, subject, payload FROM events ORDER BY seq`} {
		if diff := cmp.Diff(dump(updated, q), dump(inBatch, q)); diff != "" {
			t.Errorf("%s: rows differ (-updated +in batch):\n%s", q, diff)
		}
	}
	if n := len(dump(inBatch, `SELECT seq FROM verdicts WHERE reason = 'duplicate' AND decided_by = '`+actor+`'`)); n != 3 {
		t.Errorf("%d lines struck, want 3", n)
	}
}
