package law

import "github.com/signet-vote/signet"

// The Colorado statewide initiative, read against (issue 14, item 8):
//
//   - Colo. Const. art. V §1(2) and (2.5);
//   - C.R.S. 1-40-108(1); 1-40-116(2), (3) and (4)(a) — the text at hand of (4)(a) stops
//     after its first sentences (random sampling, every signature an equal opportunity to be
//     in the sample), so the sample's size and any minimum come from the Secretary of
//     State's own statements, not from the statute's words; 1-40-117(2); 1-40-118;
//   - 8 CCR 1505-1 Rule 15.1 and 15.1.2(e);
//   - the Secretary of State's Initiative Procedures & Guidelines and its published random
//     sample summaries (statements of sufficiency), listed with their figures in
//     sample/colorado_test.go.
//
// The projection is the Secretary of State's arithmetic, found from those summaries: the
// sample is ⌈5% of the lines⌉, the projection R × V / S rounded to the nearest whole number,
// and the percentage of the requirement is given to two decimals.

// coStatewideInitiative is a Colorado statewide initiative.
func coStatewideInitiative() Rules {
	r := Rules{
		PackID:    "co-statewide-initiative",
		PackTitle: "Colorado statewide initiative (Colo. Const. art. V §1(2); C.R.S. 1-40-108, 1-40-116, 1-40-117)",
		State:     "CO",
		Requirement: Requirement{
			Base:  "votes cast for all candidates for Secretary of State at the previous general election",
			Tiers: []Tier{{Percent: 5}},
			Cite: "Colo. Const. art. V §1(2): registered electors equal to at least 5% of the total votes cast for all candidates for Secretary of State at the previous general election " +
				"(\"at least\": rounded up; the Secretary of State's guide: 1,722,096 × 5% = 86,104.8 → 86,105 for 2011–2012, 2,484,758 × 5% = 124,237.9 → 124,238 for 2023–2024); " +
				"a constitutional amendment also needs 2% of the registered electors of each state senate district (art. V §1(2.5), not modelled)",
		},
		Circulation: Circulation{Months: 6,
			Cite: "C.R.S. 1-40-108(1): filed within six months from the date the Title Board fixed the titles and submission clause; " +
				"Colo. Const. art. V §1(2): and at least three months before the general election (not modelled: compare the deadline with the election)"},
		Verification: Verification{SampleDays: 30, FullCountDays: 30, NoSampleFullCountDays: 30, WorkingDays: false, OnePeriod: true,
			Cite: "C.R.S. 1-40-116(2): upon submission the Secretary of State examines each name and signature, the petition withheld from the public \"for a period of no more than thirty calendar days for the examination\"; " +
				"the random sample and, in the band, the examination of every signature share that period (Initiative 30, filed 2012-01-04: " +
				"the statement of 2012-01-19 gave the office until 2012-02-03 for the line-by-line review); " +
				"1-40-117: the statement of sufficiency or insufficiency (the Secretary of State's guide: no later than thirty calendar days after the filing)"},
		Sampling: Sampling{Allowed: true, Minimum: 0, Percent: 5,
			Cite: "C.R.S. 1-40-116(4)(a): the Secretary of State examines the signatures by random sampling, drawn so that every signature filed has an equal opportunity to be in the sample; " +
				"5% of the lines, rounded up, in every published statement (Initiative 108, 2022-08-19: 230,748 × 5% = 11,537.4 → 11,538); " +
				"a minimum sample size is not confirmed (setting sample_minimum, default 0)"},
		Projection: Projection{Method: MethodColorado,
			Cite: "C.R.S. 1-40-116(4); the Secretary of State's random sample summaries: projected valid = R × V / S rounded to the nearest whole number, no duplicate correction " +
				"(Initiative 82, 2012-08-27: 90,935.006 → 90,935; Initiative 30, 2012-01-19: 88,718.92 → 88,719); the percentage of the requirement to two decimals (103.04%)"},
		Bands: Bands{Sufficient: Threshold{110, true}, FullCount: Threshold{90, false},
			Cite: "C.R.S. 1-40-117(2): the statement says whether the signatures presumed valid were \"ninety percent of the required total or less or one hundred ten percent of the required total or more\"; " +
				"1-40-116(4): between the two, every signature filed is examined (the Secretary of State, 2012-01-19 and 2012-08-27: \"falls between 90 percent and 110 percent\")"},
		RawBelowRequiredFails: true,
		RawCite: "8 CCR 1505-1 Rule 15.1.2(e) (Rule 15.1: statewide initiative petitions among others): when fewer lines are submitted than the signatures required, " +
			"the Secretary of State issues a statement of insufficiency and reviews no line (the rule as it now stands; the date it took effect was not at hand)",
		Duplicates: signet.KeepFirst,
		DuplicatesCite: "a voter's signature counts once; the sources read (C.R.S. 1-40-116(3), 8 CCR 1505-1 Rule 15.1) do not say which of a voter's lines stays: keep_first, " +
			"the project's default; the published projections make no duplicate correction",
		Cutoff:        signet.CutoffSigningDate,
		CutoffCite:    "C.R.S. 1-40-116(3): a signer is a registered elector if the name and address are on the master voting list at the time of signing the section of the petition",
		StopEarly:     false,
		StopEarlyCite: "C.R.S. 1-40-116(4): in the band between 90% and 110% every signature filed is examined; no early stop is given",
		Calendar:      Colorado,
		LastDayRolls:  true,
		LastDayCite: "C.R.S. 1-1-106(4): if the last day for any act or of any period is a Saturday, Sunday or legal holiday and the act involves a filing or other action during business hours, " +
			"the period extends to the next day that is not (1-1-106(3): months are counted to the same numerical day, or the month's last day)",
		Notes: []string{
			"a protest of the statement of sufficiency or insufficiency in the Denver District Court (C.R.S. 1-40-118) and the cure of an insufficiency (1-40-117) are not modelled",
			"the projection is the Secretary of State's rounding (to the nearest whole number); two published figures differ from it by one signature, with the same decision: " +
				"Initiative 46 (2012-08-27: 106,119 × 4,290 / 5,306 = 85,799.19, published 85,800) and Initiative 96 (2022-08-26: 225,400 × 7,490 / 11,270 = 149,800 exactly, published 149,799)",
		},
	}
	r.Settings = append([]Setting{
		intSetting("sample_minimum", 0, "minimum sample size (not confirmed: every published statement sampled 5% of more than 100,000 lines)", "C.R.S. 1-40-116(4)(a)",
			func(r *Rules, n int) { r.Sampling.Minimum = n }),
	}, policySettings(&r)...)
	return r
}
