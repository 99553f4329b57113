package law

import "github.com/signet-vote/signet"

// nvLocal is a Nevada county or city initiative or referendum.
func nvLocal() Rules {
	r := Rules{
		PackID:    "nv-local",
		PackTitle: "Nevada local ballot question petition (NRS 295; sampling NRS 295.250–295.260 as summarised in domain.md §5)",
		State:     "NV",
		Requirement: Requirement{
			Base:  "voters who voted at the last preceding general election in the county or city",
			Tiers: []Tier{{Percent: 15}},
			Cite:  "NRS 295.095(2): a county initiative petition, registered voters of the county equal to 15% or more of the voters who voted at the last preceding general election in the county (10% for a referendum, §295.095(3): setting percent); NRS 295.205: a city petition, 15% of the last city election's vote",
		},
		Circulation: Circulation{Tiers: []Tier{{Days: 180}},
			Cite: "180 days, an unconfirmed default (setting circulation_days): the pack once cited NRS 295.045, which is the statewide referendum's filing and fixes no local period"},
		Verification: Verification{WorkingDays: true,
			Cite: "the sources at hand give no verification periods: settings sample_days and full_count_days (working days), unset by default"},
		Sampling: Sampling{Allowed: true, CheckAllAtOrBelow: 500, Minimum: 500, Percent: 5,
			Cite: "NRS 295.250–295.260 (domain.md §5): 500 lines or fewer are all checked; otherwise at least 500 or 5%, whichever is greater"},
		Projection: Projection{Method: MethodRatio, Cite: "domain.md §5: projection from the sample's validity rate (no duplicate correction is given)"},
		Bands: Bands{Sufficient: Threshold{100, true}, FullCount: Threshold{90, true},
			Cite: "domain.md §5 (NRS 295.250–295.260): below 90% insufficient; 90% to below 100% keep verifying; 100% or more sufficient"},
		RawBelowRequiredFails: true, RawCite: "NRS 295.250(2)(b): a total below 100% of the required signatures is insufficient and the clerk does not examine them",
		Duplicates: signet.KeepFirst, DuplicatesCite: "a voter signs once; keep_first (domain.md §3 default)",
		Cutoff: signet.CutoffSigningDate, CutoffCite: "a registered voter at the time of signing",
		StopEarly: true, StopEarlyCite: "domain.md §5: keep verifying until 100% of the required valid signatures are confirmed or all lines are examined",
		Calendar: Nevada,
		Notes:    []string{"the requirement base, circulation and verification periods are defaults to confirm against NRS; all are settings"},
	}
	r.Settings = append([]Setting{
		percentSetting(15, "percentage of the last general election's voters (10 for a county referendum)", "NRS 295.095(2)–(3), 295.205"),
		intSetting("circulation_days", 180, "calendar days to circulate", "not in the sources at hand", func(r *Rules, n int) { r.Circulation.Tiers = []Tier{{Days: n}} }),
		intSetting("sample_days", 0, "working days for the sample (0 = not set)", "not in the sources at hand", func(r *Rules, n int) { r.Verification.SampleDays = n }),
		intSetting("full_count_days", 0, "working days for the full count (0 = not set)", "not in the sources at hand", func(r *Rules, n int) { r.Verification.FullCountDays = n; r.Verification.NoSampleFullCountDays = n }),
	}, policySettings(&r)...)
	return r
}
