package sample

import "github.com/signet-vote/signet/law"

// JSON is the projection as JSON (sample project --json, the recorded projection, the
// reports); its first keys are a contract.
func (res Result) JSON() map[string]any {
	out := map[string]any{
		"projected_valid":        res.Projected,
		"projected_percent":      res.ProjectedPercent,
		"decision":               res.Decision,
		"band_sufficient":        res.BandSufficient,
		"band_full_count":        res.BandFullCount,
		"unrounded_estimate":     res.Unrounded,
		"ci95":                   res.Uncertainty.CI95,
		"probability_sufficient": res.Uncertainty.ProbabilitySufficient,
		"rules":                  res.Rules,
		"method":                 res.Method,
		"raw":                    res.Raw,
		"sample":                 res.Sample,
		"valid":                  res.Valid,
		"duplicates":             res.Duplicates,
		"required":               res.Required,
		"uncorrected":            res.Uncorrected,
		"estimated_duplicates":   res.EstimatedDuplicates,
		"steps":                  res.Steps,
		"bands_cite":             res.Bands.Cite,
		"basis":                  res.Basis,
	}
	if res.Method == law.MethodCalifornia {
		out["rate_percent"] = float64(res.RateHundredths) / 100
		out["value_of_each_signature"] = float64(res.ValueTenThousandths) / 10000
	}
	if res.Method == law.MethodColorado {
		out["rounding"] = "nearest"
	}
	if res.Washington != nil {
		out["washington"] = res.Washington
		out["invalid"] = res.Invalid
	}
	return out
}
