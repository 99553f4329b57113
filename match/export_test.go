package match

// SetInternRangeVoters sets the fewest voters an interning range of NewEngine holds and
// returns a func that restores it: with a small value a test county is interned in many
// ranges, as a county is, where otherwise it would fit in one.
func SetInternRangeVoters(n int) (restore func()) {
	old := internRangeVoters
	internRangeVoters = n
	return func() { internRangeVoters = old }
}
