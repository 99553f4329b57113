package registrar

import "context"

// InterruptedCounts are the filed petitions whose count began and did not end: lines
// verified beyond the random sample's (every verified line, for a petition not sampled) and
// lines still without a verdict. A count stopped at a batch boundary (a server told to stop,
// a process killed) leaves its petition so; verifying it again takes up the lines left
// (Verify), which is how a door resumes it. A petition whose sample alone was verified is
// not one: whether to count every line is decided by its projection, and started by a person.
func (s *Service) InterruptedCounts(ctx context.Context) ([]string, error) {
	ps, err := s.Store.Petitions(ctx)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, p := range ps {
		if p.Filed.IsZero() {
			continue
		}
		r, err := s.count(ctx, p)
		if err != nil {
			return nil, err
		}
		sampled := 0
		if r.Sample != nil {
			sampled = r.Sample.Verified
		}
		if r.Unverified > 0 && r.Verified > sampled {
			out = append(out, p.ID)
		}
	}
	return out, nil
}
