package forecast

import "math"

// JSON is the forecast as JSON (signet forecast --json). Its first keys are the contract of
// issue 13: expected_valid, ci95, probability_qualify, raw_needed_p90, raw_needed_p95,
// raw_needed_p99 (null when no raw count reaches that probability); with a schedule also
// daily_rate_needed_p90/_p95/_p99 (raw lines a day from today to the deadline; null when
// unreachable or no days are left).
func (res Result) JSON() map[string]any {
	out := map[string]any{
		"expected_valid":      int64(math.Round(res.ExpectedValid)),
		"ci95":                res.CI95,
		"probability_qualify": res.ProbabilityQualify,
		"required":            res.Required,
		"collected":           res.Collected,
		"raw_at_deadline":     res.RawAtDeadline,
		"validity":            res.Estimate.Validity,
		"validity_se":         res.Estimate.SE,
		"sample_size":         res.Estimate.Checked,
		"stratified":          res.Estimate.Stratified,
		"duplicate_rate":      res.DuplicateRate,
		"duplicate_rate_from": "given",
		"duplicates_expected": math.Round(res.DuplicatesExpected),
		"sd":                  res.SD,
		"method":              res.Method,
	}
	if res.Input.Duplicates.FromSample {
		out["duplicate_rate_from"] = "sample"
		out["duplicates_found"] = res.Input.Duplicates.FoundPairs
	}
	names := [3]string{"p90", "p95", "p99"}
	for i, n := range res.Needed {
		var raw any
		if n.Reachable {
			raw = n.Raw
		}
		out["raw_needed_"+names[i]] = raw
		if res.Schedule != nil {
			var perDay any
			if n.PerDayOK {
				perDay = n.PerDay
			}
			out["daily_rate_needed_"+names[i]] = perDay
		}
	}
	if res.Schedule != nil {
		out["days_left"] = res.Schedule.DaysLeft
		out["per_day"] = res.Schedule.PerDay
	}
	if len(res.Strata) > 0 {
		out["homogeneity_chi_square"] = res.Estimate.ChiSquare
		out["homogeneity_p_value"] = res.Estimate.PValue
	}
	return out
}
