package law

import (
	"time"

	"github.com/signet-vote/signet"
)

// nvLastDayCite is Nevada's rule for a last day to file that falls when the offices are closed.
const nvLastDayCite = "NRS 293.1275(2): if the last day limited for filing any paper mentioned in title 24 (elections) falls on a Saturday, Sunday, legal holiday or a holiday proclaimed by the Governor, the period expires on the following business day at 5 p.m."

// Nevada's packs: local ballot questions (NRS 295.095–295.270), the statewide initiative
// (Nev. Const. art. 19; NRS 295.009–295.061) and the recall of a public officer (Nev. Const.
// art. 2 §9; NRS 306.015–306.040). The statewide initiative and the recall are verified by
// the county clerks under the same sections, NRS 293.1276–293.1279: a raw count, then a
// random sample, then, in the band between, the examination of every signature.

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
		Calendar: Nevada, LastDayRolls: true, LastDayCite: nvLastDayCite,
		Notes: []string{"the requirement base, circulation and verification periods are defaults to confirm against NRS; all are settings"},
	}
	r.Settings = append([]Setting{
		percentSetting(15, "percentage of the last general election's voters (10 for a county referendum)", "NRS 295.095(2)–(3), 295.205"),
		intSetting("circulation_days", 180, "calendar days to circulate", "not in the sources at hand", func(r *Rules, n int) { r.Circulation.Tiers = []Tier{{Days: n}} }),
		intSetting("sample_days", 0, "working days for the sample (0 = not set)", "not in the sources at hand", func(r *Rules, n int) { r.Verification.SampleDays = n }),
		intSetting("full_count_days", 0, "working days for the full count (0 = not set)", "not in the sources at hand", func(r *Rules, n int) { r.Verification.FullCountDays = n; r.Verification.NoSampleFullCountDays = n }),
	}, policySettings(&r)...)
	return r
}

// The verification the statewide initiative and the recall share (NRS 293.1276–293.1279).
// The text read of NRS 293.1277 breaks off at its subsection 2 ("if more than 500 names
// have been ..."); NRS 293.1278 and 293.1279 were not at hand. What they are cited for
// below is marked so.
var (
	nvSampleCite = "NRS 293.1277(2)–(3): when more than 500 names are signed on the documents submitted to a county clerk, the clerk examines a random sample (500 or fewer: every signature); the sample's size, at least 500 or 5% whichever is greater, is the issue's summary and matches the local rule of NRS 295.260(2): the text of 293.1277(2) was not at hand past its first words (setting sample_percent). NAC 293.1825(1): where a petition district spans counties, the Secretary of State sets each clerk's share of the sample"
	nvRawCite    = "NRS 293.1276(1): each county clerk counts the signatures submitted within 4 days, excluding Saturdays, Sundays and holidays, and forwards the count to the Secretary of State; NRS 293.1277(1): the clerks verify only when the Secretary of State finds the total submitted to all the clerks 100 percent or more of the number needed, so a raw count below the requirement ends the petition unverified"
	nvBands      = Bands{Sufficient: Threshold{110, false}, FullCount: Threshold{90, true},
		Cite: "NRS 293.1278–293.1279 (not at hand: the bands are the issue's summary of those sections, to confirm): a sample projecting more than 110% of the requirement is sufficient; 90% to 110%, the county clerks examine every signature; below 90%, insufficient"}
	nvProjection = Projection{Method: MethodRatio,
		Cite: "NRS 293.1277–293.1278: the sample's validity rate applied to the signatures submitted; the sections read give no duplicate correction (the formula of NRS 293.1278 was not at hand)"}
	nvStopEarlyCite  = "NRS 293.1279 was not at hand: no early stop is modelled (the local NRS 295.260(2)(a) stops at 100% of the requirement); every signature is examined"
	nvDuplicatesCite = "a voter signs once; keep_first (domain.md §3 default; the Nevada sections read say nothing of duplicates)"
)

// nvFullCountSetting is the period of the examination of every signature, which NRS
// 293.1279 sets and which was not at hand.
func nvFullCountSetting() Setting {
	return intSetting("full_count_days", 0, "working days for the examination of every signature after a sample in the 90–110% band (0 = not set)",
		"NRS 293.1279: the period was not at hand", func(r *Rules, n int) {
			r.Verification.FullCountDays = n
			r.Verification.NoSampleFullCountDays = n
		})
}

func nvSamplePercentSetting() Setting {
	return intSetting("sample_percent", 5, "the sample's percentage of the signatures submitted (at least 500 in any case)",
		"NRS 293.1277(2) (text not at hand past its first words)", func(r *Rules, n int) { r.Sampling.Percent = n })
}

// nvStatewideInitiative is a Nevada statewide initiative: a statute or a constitutional
// amendment (and, through the same sections, a referendum).
func nvStatewideInitiative() Rules {
	r := Rules{
		PackID:    "nv-statewide-initiative",
		PackTitle: "Nevada statewide initiative (Nev. Const. art. 19 §2; NRS 295.009–295.061; verification NRS 293.1276–293.1279)",
		State:     "NV",
		Requirement: Requirement{
			Base:  "voters who voted in the entire State at the last preceding general election",
			Tiers: []Tier{{Percent: 10}},
			Cite:  "Nev. Const. art. 19 §2(2): registered voters equal to 10 percent or more of the voters who voted in the entire State at the last preceding general election (\"or more\": rounded up); the same for a statute and a constitutional amendment. The distribution: NRS 295.012, the number apportioned equally among the petition districts (PetitionDistrictShare), in place of art. 19 §2(2)'s 75 percent of the counties (held unconstitutional, ACLU v. Lomax, 9th Cir. 2006)",
		},
		Circulation: Circulation{DaysAfterElection: 15,
			Cite: "NRS 295.056(2): an initiative proposing a statute or an amendment to a statute is submitted to the county clerks not later than the 15th day following the general election; 295.056(3)–(4): a constitutional amendment or a referendum, not later than the 15th day following the primary election (give that election as --election); 295.056(5): every county on the same day"},
		Verification: Verification{SampleDays: 13, WorkingDays: true,
			Cite: "NRS 295.056(1): the county clerks verify under NRS 293.1276–293.1279; NRS 293.1276(1) (as amended by 1999 AB 671; the current text was not at hand): the raw count within 4 days, excluding Saturdays, Sundays and holidays, after the submission; NRS 293.1277(1): the sample within 9 such days after the Secretary of State's notification, for a petition verified under NRS 295.056: so at the latest 13 working days after the submission (the Secretary of State notifies \"immediately\"); the examination of every signature: NRS 293.1279, not at hand (setting full_count_days)"},
		Sampling:              Sampling{Allowed: true, CheckAllAtOrBelow: 500, Minimum: 500, Percent: 5, Cite: nvSampleCite},
		Projection:            nvProjection,
		Bands:                 nvBands,
		RawBelowRequiredFails: true, RawCite: nvRawCite,
		Duplicates: signet.KeepFirst, DuplicatesCite: nvDuplicatesCite,
		Cutoff: signet.CutoffSigningDate, CutoffCite: "Nev. Const. art. 19 §2(2): registered voters; NRS 295.055(3): only registered voters of the petition district named on a document may sign it",
		StopEarly: false, StopEarlyCite: nvStopEarlyCite,
		Calendar: Nevada, LastDayRolls: true, LastDayCite: nvLastDayCite,
		Notes: []string{
			"the requirement is statewide; NRS 295.012 also asks an equal share from each petition district (PetitionDistrictShare: the requirement over the districts, rounded up; 4 congressional districts since 2012), which the Rules type does not carry: check each district's valid count against its share",
			"each county clerk samples the documents submitted in the county and tallies them by petition district (NRS 293.1277(1), NAC 293.1825); the bands apply to the total of all the counties",
			"the filing deadline is fixed by the election (NRS 295.056): the general election for a statute, the primary for a constitutional amendment or a referendum; Nev. Const. art. 19 §2(3)–(4) sets when the Secretary of State must receive the petition",
		},
	}
	r.Settings = append([]Setting{nvSamplePercentSetting(), nvFullCountSetting()}, policySettings(&r)...)
	return r
}

// PetitionDistrictShare is the number of valid signatures a Nevada statewide initiative
// needs from each petition district: the requirement apportioned equally among the
// districts (NRS 295.012), any fraction rounded up; 0 when districts is not positive.
func PetitionDistrictShare(required, districts int) int {
	if districts <= 0 || required <= 0 {
		return 0
	}
	return (required + districts - 1) / districts
}

// nvRecall is the recall of a Nevada public officer, statewide or of a county, district or
// municipality.
func nvRecall() Rules {
	r := Rules{
		PackID:    "nv-recall",
		PackTitle: "Nevada recall of a public officer (Nev. Const. art. 2 §9; NRS 306.015–306.040; verification NRS 293.1276–293.1279)",
		State:     "NV",
		Requirement: Requirement{
			Base:  "voters who actually voted in the State, or in the county, district or municipality the officer represents, at the election at which the officer was elected",
			Tiers: []Tier{{Percent: 25}},
			Cite:  "Nev. Const. art. 2 §9: not less than 25 percent of the number who actually voted in the State or in the county, district or municipality the officer represents, at the election in which the officer was elected (\"not less than\": rounded up); NRS 306.020(1)",
		},
		Circulation: Circulation{Tiers: []Tier{{Days: 90}},
			Cite: nvRecall2019Circulation},
		Verification: Verification{SampleDays: 24, WorkingDays: true,
			Cite: "NRS 306.035(1)–(2): the county clerks verify under NRS 293.1276–293.1279 before the petition is filed; NRS 293.1276(1) (as amended by 1999 AB 671, which added NRS 306.035 to it; the current text was not at hand): the raw count within 4 days, excluding Saturdays, Sundays and holidays, after the submission; NRS 293.1277(1): the sample within 20 such days after the Secretary of State's notification, for a petition verified under NRS 306.035: so at the latest 24 working days after the submission; the examination of every signature: NRS 293.1279, not at hand (setting full_count_days)"},
		Sampling:              Sampling{Allowed: true, CheckAllAtOrBelow: 500, Minimum: 500, Percent: 5, Cite: nvSampleCite},
		Projection:            nvProjection,
		Bands:                 nvBands,
		RawBelowRequiredFails: true, RawCite: nvRawCite,
		Duplicates: signet.KeepFirst, DuplicatesCite: nvDuplicatesCite,
		Cutoff: signet.CutoffSigningDate, CutoffCite: "NRS 306.020(3): a registered voter of the State or of the county, district or municipality the officer represents who actually voted in the election at which the officer was elected",
		WithdrawalDays: 10, WithdrawalCite: "NRS 306.040(2)(a): a signer may have the name struck until 10 days, Saturdays, Sundays and holidays excluded, after the verification of signatures is complete (or until a complaint is filed under 306.040(6), if later)",
		StopEarly: false, StopEarlyCite: nvStopEarlyCite,
		Calendar: Nevada, LastDayRolls: true, LastDayCite: nvLastDayCite,
		Notes: []string{
			"NRS 306.020(3): only voters who actually voted in the election at which the officer was elected may sign; the roll does not say who voted, so Signet does not check it",
			"before 2015 (NRS 306.020 as amended by Stats. 2009, p. 168, SB 156) any registered voter of the district could sign, whether or not the voter had voted; the 2015 amendment's effective date was not at hand, so this is not recorded as a version",
		},
	}
	r.History = nvRecallHistory(r.Circulation)
	r.Settings = append([]Setting{nvSamplePercentSetting(), nvFullCountSetting()}, policySettings(&r)...)
	return r
}

// The recall's circulation, before and after the act that split the submission in two.
// NRS 306.035 was amended by Stats. 2019, ch. 288, §22.5, in force 2019-06-01, to cite
// "subsection 5 of NRS 306.015" (before: subsection 4): NRS 306.015 gained a subsection then.
// That the 45th/48th-day submission came with that act is inferred from the renumbering and
// from the reports of the 2020 recall petitions against Governor Sisolak, which describe it
// as a change of the law; the text before it (NRS 306.015(3): "within 90 days after the date
// on which the notice of intent was filed") is from an older compilation.
const (
	nvRecallOldCirculation  = "NRS 306.015(3) before Stats. 2019, ch. 288: the petition submitted to the filing officer within 90 days after the date on which the notice of intent was filed (NRS 306.015(1): the notice of intent comes before any circulation; give its filing as --approved). Earlier law (a 60-day limit, upheld in Citizens for Honest & Responsible Gov't v. Heller, 11 P.3d 121 (Nev. 2000)) is not recorded: the day it changed was not at hand"
	nvRecall2019Circulation = "NRS 306.015(3)(b) as amended by Stats. 2019, ch. 288 (in force 2019-06-01; the chapter inferred from its amendment of NRS 306.035, to confirm): every signature submitted to the filing officer on or before the 90th day after the notice of intent was filed (give its filing as --approved); NRS 306.015(3)(a): the signatures collected through the 45th day must be submitted by the 48th day or they are not valid (one period is modelled: check the first submission's date separately)"
)

// nvRecallHistory is the versions of the recall's circulation: 90 days from the notice of
// intent throughout, with the 45th/48th-day submission from 2019-06-01.
func nvRecallHistory(now Circulation) []Version {
	before := now
	before.Cite = nvRecallOldCirculation
	amended := now
	amended.Cite = nvRecall2019Circulation
	return []Version{
		{Rule: "circulation", On: OnApproval, Cite: before.Cite,
			apply: func(r *Rules) { r.Circulation = before }},
		{Rule: "circulation", From: time.Date(2019, 6, 1, 0, 0, 0, 0, time.UTC), On: OnApproval, Cite: amended.Cite,
			Change: "the signatures collected through the 45th day after the notice of intent must be submitted by the 48th day or are not valid; the 90 days are unchanged",
			apply:  func(r *Rules) { r.Circulation = amended }},
	}
}
