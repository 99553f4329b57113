package law

import (
	"fmt"
	"time"

	"github.com/signet-vote/signet"
)

// The California projection, bands and policies shared by its packs.
var (
	caProjection = Projection{Method: MethodCalifornia,
		Cite: "2 CCR §20530 (validity rate to two decimals, uncorrected count rounded up), §20531 (duplicate correction D × A(A−1), A = R/S to four decimals, rounded up)"}
	caCutoffCite     = "Elections Code §100: only a voter may sign (registered when signing); Los Angeles 2022 counted registrations up to the filing date (domain.md §3)"
	caLastDayCite    = "Elections Code §15: when the last day for an act falls on a Saturday, Sunday or holiday, it may be performed on the next business day (holidays: Government Code §6700–§6707)"
	caDuplicatesCite = "Elections Code §100, 2 CCR §20531: a voter signs once; the earliest valid line stays (Los Angeles 2022 label \"Max Number of Times Signed\")"
)

// caLocalRecall is the data of CaliforniaLocalRecall.
func caLocalRecall() Rules {
	r := Rules{
		PackID:    "ca-local-recall",
		PackTitle: CaliforniaLocalRecall{}.Title(),
		State:     "CA",
		Requirement: Requirement{
			Base: "registered voters of the jurisdiction (last report of registration before the form was approved)",
			Tiers: []Tier{{Below: 1_000, Percent: 30}, {Below: 10_000, Percent: 25}, {Below: 50_000, Percent: 20},
				{Below: 100_000, Percent: 15}, {Percent: 10}},
			Cite: "Elections Code §11221(a) (\"not less than\": rounded up), §11221(b) (the report of registration)",
		},
		Circulation: Circulation{
			Tiers: []Tier{{Below: 1_000, Days: 40}, {Below: 5_000, Days: 60}, {Below: 10_000, Days: 90},
				{Below: 50_000, Days: 120}, {Days: 160}},
			Cite: "Elections Code §11220(a): calendar days from the approval of the petition form",
		},
		Verification: Verification{SampleDays: 30, FullCountDays: 60, NoSampleFullCountDays: 30, WorkingDays: true,
			Cite: "Elections Code §11224 (30 days excluding Saturdays, Sundays and holidays), §11225 (full count after a sample in the 90–110% band: 60 working days, or 30 to consolidate with the next regular election), as amended by Stats. 2023, ch. 870 (SB 386), in force from 2024-01-01"},
		Sampling: Sampling{Allowed: true, CheckAllAtOrBelow: 500, Minimum: 500, Percent: 5,
			Cite: "Elections Code §11225(a): random sampling when more than 500 lines are filed; \"at least 500 or 5 percent ..., whichever is greater\"; 2 CCR §20521 (equal chance)"},
		Projection: caProjection,
		Bands: Bands{Sufficient: Threshold{110, false}, FullCount: Threshold{90, true},
			Cite: "Elections Code §11225: more than 110% sufficient; 90% to 110% full count; below 90% insufficient"},
		RawBelowRequiredFails: true, RawCite: "Elections Code §11222 (raw count on filing); a raw count below the requirement cannot qualify",
		Duplicates: signet.KeepFirst, DuplicatesCite: caDuplicatesCite,
		Cutoff: signet.CutoffSigningDate, CutoffCite: caCutoffCite,
		StopEarly: false, StopEarlyCite: "Elections Code §11224–§11225 give no early stop: the full count verifies every line",
		Calendar: California, LastDayRolls: true, LastDayCite: caLastDayCite,
	}
	r.History = caLocalRecallHistory(r.Verification)
	r.Settings = append([]Setting{
		intSetting("full_count_days", 60, "working days for the full count after a sample (30 when needed to consolidate with the next regular election; Los Angeles 2022 used 30)",
			"Elections Code §11225(a)–(b) as amended by SB 386 (from 2024-01-01)", func(r *Rules, n int) {
				if r.Verification.OnePeriod {
					r.Notes = append(r.Notes, fmt.Sprintf("full_count_days=%d has no effect: the law in force on the filing gave one period of %d working days for the sample and the full count", n, r.Verification.SampleDays))
					return
				}
				r.Verification.FullCountDays = n
			}),
	}, policySettings(&r)...)
	return r
}

// caStateRecall is the recall of a state officer (Governor, legislator, judge, ...).
func caStateRecall() Rules {
	r := Rules{
		PackID:    "ca-state-recall",
		PackTitle: "California recall of a state officer (Cal. Const. art. II §14; Elections Code §11100–§11110)",
		State:     "CA",
		Requirement: Requirement{
			Base:  "last vote for the office (all candidates, statewide or in the district)",
			Tiers: []Tier{{Percent: 12}},
			Counties: &CountyRule{Count: 5, Percent: 1,
				Cite: "Cal. Const. art. II §14(b): signatures from each of 5 counties equal in number to 1% of the last vote for the office in the county (statewide offices)"},
			Cite: "Cal. Const. art. II §14(b): 12% of the last vote for the office; 20% for Senators, Assembly members, Board of Equalization members, appellate and trial judges (setting percent=20)",
		},
		Circulation: Circulation{Tiers: []Tier{{Days: 160}},
			Cite: "Elections Code §11110: 160 days from the approval of the petition form"},
		Verification: Verification{SampleDays: 30, FullCountDays: 60, NoSampleFullCountDays: 60, WorkingDays: true,
			Cite: "Elections Code §11104(b), §11106(a) as amended by Stats. 2023, ch. 870 (SB 386), in force from 2024-01-01: the counties verify the remaining signatures in the manner of §9031(b), within 60 days excluding Saturdays, Sundays and holidays; §11106(b): within 30 such days from the filing when the Secretary of State determines the 60 could keep the recall from consolidating with the next regularly scheduled election (Cal. Const. art. II §15; not modelled); a petition sampled before 2017-06-27: the sample within 30 such days (§9030(d)); after the threshold is met, 30 business days for withdrawals (§11108(b))"},
		Sampling:   caStateRecallEverySignature,
		Projection: caProjection,
		Bands: Bands{Sufficient: Threshold{110, false}, FullCount: Threshold{95, true},
			Cite: "the statewide bands of Elections Code §9030(f)–(g) (domain.md §4.3; the recall sections were not at hand), for a petition sampled under §11105 before 2017-06-27: more than 110% sufficient; 95% to 110% full count; below 95% insufficient"},
		RawBelowRequiredFails: true, RawCite: "Elections Code §11104: a raw count below the requirement ends the petition",
		Duplicates: signet.KeepFirst, DuplicatesCite: caDuplicatesCite,
		Cutoff: signet.CutoffSigningDate, CutoffCite: caCutoffCite,
		WithdrawalDays: 30, WithdrawalCite: "Elections Code §11108(b): 30 business days after the Secretary of State finds the threshold met",
		StopEarly: false, StopEarlyCite: "no early stop in Elections Code §11104–§11106",
		Calendar: California, LastDayRolls: true, LastDayCite: caLastDayCite,
		Notes: []string{"the statewide total is the sum of the counties' reports; the 5-county condition is checked on the counties' valid counts"},
	}
	r.History = []Version{
		{Rule: "sampling", On: OnFiling, Cite: caStateRecallSampled.Cite,
			apply: func(r *Rules) { r.Sampling = caStateRecallSampled }},
		{Rule: "sampling", From: time.Date(2017, 6, 27, 0, 0, 0, 0, time.UTC), On: OnFiling, Cite: caStateRecallEverySignature.Cite,
			Change: "random sampling of a state officer's recall petition ended: the county elections officials examine and verify every signature",
			apply:  func(r *Rules) { r.Sampling = caStateRecallEverySignature }},
	}
	r.History = append(r.History, caStateRecallVerificationHistory(r.Verification)...)
	r.Settings = append([]Setting{
		percentSetting(12, "percentage of the last vote: 12 (statewide officers) or 20 (legislators, judges, Board of Equalization)", "Cal. Const. art. II §14(b)"),
	}, policySettings(&r)...)
	return r
}

// caStatewideInitiative is a statewide initiative or referendum.
func caStatewideInitiative() Rules {
	r := Rules{
		PackID:    "ca-statewide-initiative",
		PackTitle: "California statewide initiative or referendum (Cal. Const. art. II §8–§9; Elections Code §9030–§9031)",
		State:     "CA",
		Requirement: Requirement{
			Base:  "votes for all candidates for Governor at the last gubernatorial election",
			Tiers: []Tier{{Percent: 5}},
			Cite:  "Cal. Const. art. II §8(b): 5% for a statute, 8% for a constitutional amendment (setting percent=8); art. II §9(b): 5% for a referendum",
		},
		Circulation: Circulation{Tiers: []Tier{{Days: 180}},
			Cite: "Elections Code §9014: 180 days from the official summary date"},
		Verification: Verification{SampleDays: 30, FullCountDays: 60, NoSampleFullCountDays: 30, WorkingDays: true,
			SampleFrom: OnNotice, FullCountFrom: OnOrder,
			FromCite: "Elections Code §9030(c)–(d): the sample's period runs from the Secretary of State's notice to the counties that the raw count reached 100% of the requirement; §9031(b): the full count's from the receipt of the Secretary of State's order to examine every signature",
			Cite:     "Elections Code §9030(d) (within 30 days after the Secretary of State's notification, excluding Saturdays, Sundays and holidays: a random sample, or every signature when 500 or fewer were filed with the county), §9031(b) as amended by Stats. 2023, ch. 870 (SB 386), in force from 2024-01-01 (the examination of every signature within 60 such days of the Secretary of State's order)"},
		Sampling: Sampling{Allowed: true, CheckAllAtOrBelow: 500, Minimum: 500, Percent: 3,
			Cite: "Elections Code §9030(d): a random sample of at least 500 or 3%, whichever is greater"},
		Projection: caProjection,
		Bands: Bands{Sufficient: Threshold{110, false}, FullCount: Threshold{95, true},
			Cite: "Elections Code §9030(f)–(g): more than 110% qualifies; 95% to 110% full count; below 95% fails"},
		RawBelowRequiredFails: true, RawCite: "Elections Code §9030(b): a raw count below 100% of the requirement fails without verification",
		Duplicates: signet.KeepFirst, DuplicatesCite: caDuplicatesCite,
		Cutoff: signet.CutoffSigningDate, CutoffCite: caCutoffCite,
		StopEarly: false, StopEarlyCite: "no early stop in Elections Code §9030–§9031",
		Calendar: California, LastDayRolls: true, LastDayCite: caLastDayCite,
	}
	r.History = caStatewideInitiativeHistory(r.Verification)
	r.Settings = append([]Setting{
		percentSetting(5, "percentage of the gubernatorial vote: 5 (statute, referendum) or 8 (constitutional amendment)", "Cal. Const. art. II §8(b), §9(b)"),
	}, policySettings(&r)...)
	return r
}

// caCountyInitiative is a county initiative.
func caCountyInitiative() Rules {
	r := Rules{
		PackID:    "ca-county-initiative",
		PackTitle: "California county initiative (Elections Code §9100–§9126)",
		State:     "CA",
		Requirement: Requirement{
			Base:  "votes in the county for all candidates for Governor at the last gubernatorial election",
			Tiers: []Tier{{Percent: 10}},
			Cite:  "Elections Code §9118: 10% of the county's gubernatorial vote (setting percent; §9116 asks 20% for a special election)",
		},
		Circulation: Circulation{Tiers: []Tier{{Days: 180}},
			Cite: "Elections Code §9110: 180 days from the receipt of the ballot title and summary"},
		Verification: Verification{SampleDays: 30, FullCountDays: 90, NoSampleFullCountDays: 30, WorkingDays: true,
			Cite: "Elections Code §9115(a) (the random sample within 30 days from the filing, excluding Saturdays, Sundays and holidays), §9115(b) as amended by Stats. 2023, ch. 870 (SB 386), in force from 2024-01-01 (after a sample in the 95–110% band, every signature within 90 such days from the filing), §9114 (a petition not sampled: 30 such days)"},
		Sampling: Sampling{Allowed: true, CheckAllAtOrBelow: 500, Minimum: 500, Percent: 3,
			Cite: "Elections Code §9115(a): a random sample of at least 500 or 3%, whichever is greater"},
		Projection: caProjection,
		Bands: Bands{Sufficient: Threshold{110, false}, FullCount: Threshold{95, true},
			Cite: "Elections Code §9115(d)–(f): more than 110% sufficient; 95% to 110% full count; below 95% insufficient"},
		RawBelowRequiredFails: true, RawCite: "Elections Code §9115: a raw count below the requirement cannot qualify",
		Duplicates: signet.KeepFirst, DuplicatesCite: caDuplicatesCite,
		Cutoff: signet.CutoffSigningDate, CutoffCite: caCutoffCite,
		StopEarly: true, StopEarlyCite: "Elections Code §9115(b): the official may stop once enough valid signatures are found",
		Calendar: California, LastDayRolls: true, LastDayCite: caLastDayCite,
	}
	r.History = caCountyInitiativeHistory(r.Verification)
	r.Settings = append([]Setting{
		percentSetting(10, "percentage of the county's gubernatorial vote", "Elections Code §9116, §9118"),
		intSetting("full_count_days", 90, "working days for the full count after a sample (60 for a petition filed before 2024-01-01)", "Elections Code §9115(b) as amended by SB 386 (from 2024-01-01; 60 days before)", func(r *Rules, n int) { r.Verification.FullCountDays = n }),
	}, policySettings(&r)...)
	return r
}

// waStatewideInitiative is a Washington initiative to the people.
func waStatewideInitiative() Rules {
	r := Rules{
		PackID:    "wa-statewide-initiative",
		PackTitle: "Washington statewide initiative (Wash. Const. art. II §1; RCW 29A.72.230; WAC 434-379-010)",
		State:     "WA",
		Requirement: Requirement{
			Base:  "votes for Governor at the last gubernatorial election",
			Tiers: []Tier{{Percent: 8}},
			Cite:  "Wash. Const. art. II §1(a): 8% for an initiative (setting percent; 4% for a referendum, art. II §1(b))",
		},
		Circulation: Circulation{MonthsBeforeElection: 4,
			Cite: "Wash. Const. art. II §1(a): filed not less than four months before the election"},
		Verification: Verification{WorkingDays: true,
			Cite: "RCW 29A.72.230: no statutory period for the canvass"},
		Sampling: Sampling{Allowed: true, Minimum: 0, Percent: 3,
			Cite: "RCW 29A.72.230: a random sample (size set by the Secretary of State; 3% is the setting sample_percent)"},
		Projection: Projection{Method: MethodWashington,
			Cite: "RCW 29A.72.230, WAC 434-379-010: allowance 1.5√I; U = (I + allowance)/r; P = N − (R + U); E = r²·P; acceptable pairs E − 1.65√E; a full canvass when d > acceptable or P ≤ 0; never rejected on the sample alone"},
		Bands: Bands{Sufficient: Threshold{100, true}, FullCount: Threshold{0, true},
			Cite: "RCW 29A.72.230: a petition may not be rejected on a sample alone: the outcomes are accept or full canvass"},
		Duplicates: signet.KeepFirst, DuplicatesCite: "RCW 29A.72.230: a signature beyond the first of a voter is rejected; the first valid one counts",
		Cutoff: signet.CutoffSigningDate, CutoffCite: "RCW 29A.72.230: registered voters",
		StopEarly: false, StopEarlyCite: "RCW 29A.72.230: the full canvass checks every signature",
		Calendar: Washington,
	}
	r.Settings = append([]Setting{
		percentSetting(8, "percentage of the gubernatorial vote: 8 (initiative) or 4 (referendum)", "Wash. Const. art. II §1"),
		intSetting("sample_percent", 3, "sample percentage", "RCW 29A.72.230", func(r *Rules, n int) { r.Sampling.Percent = n }),
	}, policySettings(&r)...)
	return r
}

// azStatewideInitiative is an Arizona statewide initiative.
func azStatewideInitiative() Rules {
	r := Rules{
		PackID:    "az-statewide-initiative",
		PackTitle: "Arizona statewide initiative (Ariz. Const. art. IV pt. 1 §1; A.R.S. 19-121.01–19-121.04)",
		State:     "AZ",
		Requirement: Requirement{
			Base:  "votes for Governor at the last gubernatorial election",
			Tiers: []Tier{{Percent: 10}},
			Cite:  "Ariz. Const. art. IV pt. 1 §1(2): 10% for a statute; 15% for a constitutional amendment (setting percent); 5% for a referendum §1(3)",
		},
		Circulation: Circulation{MonthsBeforeElection: 4,
			Cite: "Ariz. Const. art. IV pt. 1 §1(4): filed not less than four months before the election"},
		Verification: Verification{SampleDays: 35, WorkingDays: true,
			Cite: "A.R.S. 19-121.01(A): the Secretary of State removes ineligible sheets and signatures, counts and selects the random sample within 20 days after the filing, excluding Saturdays, Sundays and other legal holidays; 19-121.02(A): each county recorder certifies its part of the sample within 15 such days after receiving the facsimile sheets; so the sample ends at the latest 35 working days after the filing; 19-121.04(A): the Secretary of State then determines the valid total within 72 hours, excluding Saturdays, Sundays and holidays"},
		Sampling: Sampling{Allowed: true, Minimum: 0, Percent: 5,
			Cite: "A.R.S. 19-121.01(B): a random sample of 5% of the eligible signatures"},
		Projection: Projection{Method: MethodRatio,
			Cite: "A.R.S. 19-121.04: valid = eligible − removed − rejected − (the sample's failure rate × remaining)"},
		Bands: Bands{Sufficient: Threshold{100, true}, FullCount: Threshold{100, true},
			Cite: "A.R.S. 19-121.04 (domain.md §5): qualifies at 100% or more"},
		Duplicates: signet.KeepFirst, DuplicatesCite: "A.R.S. 19-121.02(A)(8): a petitioner who signed more than once: all but one otherwise valid signature disqualified",
		Cutoff: signet.CutoffSigningDate, CutoffCite: "A.R.S. 19-121.02(A)(5): not a qualified elector on the date of signing the petition",
		StopEarly: false, StopEarlyCite: "no early stop in A.R.S. 19-121.04",
		Calendar: Arizona,
		Notes:    []string{"domain.md gives no full-count band for Arizona; the 95%/105% band some sources describe is not implemented (to confirm)"},
	}
	r.Settings = append([]Setting{
		percentSetting(10, "percentage of the gubernatorial vote: 10 (statute) or 15 (constitutional amendment)", "Ariz. Const. art. IV pt. 1 §1"),
	}, policySettings(&r)...)
	return r
}

// The state recall's sampling rule, before and after SB 96 (Stats. 2017, ch. 28, in force on
// enactment, 2017-06-27), whose recall provisions SB 117 (2017) enacted again after the Court
// of Appeal stayed them (Howard Jarvis Taxpayers Assn. v. Padilla, the Newman recall): §11105,
// the random sample, was repealed, and every signature is examined.
var (
	caStateRecallSampled = Sampling{Allowed: true, CheckAllAtOrBelow: 500, Minimum: 500, Percent: 3,
		Cite: "Elections Code §11105 before Stats. 2017, ch. 28 (SB 96): a random sample of 500 or 3%, whichever is greater"}
	caStateRecallEverySignature = Sampling{Allowed: false,
		Cite: "Elections Code §11105 repealed and §11106 amended by Stats. 2017, ch. 28 (SB 96), in force 2017-06-27, enacted again by SB 117 (2017): the elections official examines and verifies every signature filed; no random sampling"}
)
