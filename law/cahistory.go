package law

import "time"

// SB 386 (Stats. 2023, ch. 870, approved and filed 2023-10-13, in force 2024-01-01) amended
// Elections Code §9031 (the statewide full check), §9115 (the county initiative, whose
// examination city petitions follow too: §9240, §9266), §9309 (the district initiative: no
// pack), §11106 (the state recall) and §11225 (the local recall). Its digest: before it, a full examination
// after a sample in the band was due "within 30 days" of the Secretary of State's order for a
// statewide petition, "within 60 days" of the filing for a county, city or special district
// petition and within 30 days of the filing for a local recall; the bill extends each by 30
// days. All of these days exclude Saturdays, Sundays and holidays. The versions below are
// picked by the petition's filing date (a statewide full check ordered in 2024 on a petition
// filed in 2023 keeps the old period: no transitional provision was found).

// sb386 is the day Stats. 2023, ch. 870 (SB 386) took effect.
var sb386 = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// sb386Cite names the bill in the versions' citations.
const sb386Cite = "Stats. 2023, ch. 870 (SB 386), in force 2024-01-01"

// sb386Versions is a verification rule's two versions around SB 386: before, in force for a
// petition filed until 2023-12-31; amended, for one filed from 2024-01-01.
func sb386Versions(before, amended Verification, change string) []Version {
	return []Version{
		{Rule: "verification", On: OnFiling, Cite: before.Cite,
			apply: func(r *Rules) { r.Verification = before }},
		{Rule: "verification", From: sb386, On: OnFiling, Cite: amended.Cite, Change: change,
			apply: func(r *Rules) { r.Verification = amended }},
	}
}

// caLocalRecallHistory is the versions of the local recall's verification periods. SB 386
// amended Elections Code §11225 from 2024-01-01; before, the verification, by random sample
// or of every signature, had one period of 30 days from the filing, excluding Saturdays,
// Sundays and holidays.
func caLocalRecallHistory(now Verification) []Version {
	before := Verification{SampleDays: 30, FullCountDays: 30, NoSampleFullCountDays: 30, WorkingDays: true, OnePeriod: true,
		Cite: "Elections Code §11224–§11225 as they stood before Stats. 2023, ch. 870 (SB 386): the verification, by random sample (more than 500 signatures) or of every signature, within 30 days from the filing, excluding Saturdays, Sundays and holidays; a sample in the 90–110% band is followed by the examination of every signature within the same period"}
	return sb386Versions(before, now,
		"the full count after a sample in the 90–110% band has its own 60 working days from the filing (30 when needed to consolidate the recall with the next regular election, §11225(b))")
}

// caCountyInitiativeHistory is the versions of the county initiative's verification periods:
// Elections Code §9115(b), the examination of every signature after a sample in the 95–110%
// band, "within 60 days from the date of the filing of the petition, excluding Saturdays,
// Sundays, and holidays" before SB 386 (its digest; Orange County Registrar of Voters,
// Countywide Initiative Handbook, revised 2021-12-01, p. 19), 90 such days after (§9115(b)
// as amended). The sample's 30 days (§9115(a)) and the unsampled examination's 30 days
// (§9114) did not change.
func caCountyInitiativeHistory(now Verification) []Version {
	before := now
	before.FullCountDays = 60
	before.Cite = "Elections Code §9115(a) (the random sample within 30 days from the filing, excluding Saturdays, Sundays and holidays), §9115(b) as it stood before " + sb386Cite + " (after a sample in the 95–110% band, every signature within 60 such days from the filing), §9114 (a petition not sampled: 30 such days)"
	return sb386Versions(before, now,
		"the examination of every signature after a sample in the 95–110% band: 90 working days from the filing instead of 60")
}

// caStatewideInitiativeHistory is the versions of the statewide initiative's verification
// periods: Elections Code §9031(b), the examination of every signature the Secretary of State
// orders after a sample in the 95–110% band, within 30 days excluding Saturdays, Sundays and
// holidays before SB 386 (its digest: "within 30 days of this order"), 60 such days after
// (§9031(b) as amended; §11106(b) as amended names "the 60-day verification process described
// in subdivision (b) of Section 9031"). The random sample's 30 days (§9030(d)) did not change.
// Both periods run from the Secretary of State's notice or order (Verification.SampleFrom,
// FullCountFrom), which every version keeps.
func caStatewideInitiativeHistory(now Verification) []Version {
	before := now
	before.FullCountDays = 30
	before.Cite = "Elections Code §9030(d) (the random sample within 30 days after the Secretary of State's notification, excluding Saturdays, Sundays and holidays), §9031(b) as it stood before " + sb386Cite + " (the examination of every signature within 30 such days of the Secretary of State's order)"
	return sb386Versions(before, now,
		"the full check after a sample in the 95–110% band: 60 working days instead of 30")
}

// caStateRecallVerificationHistory is the versions of the state recall's verification
// periods: Elections Code §11106, the verification of the remaining signatures after the
// deadline for their submission "in the same manner set forth in subdivision (b) of Section
// 9031", so within §9031(b)'s period: 30 working days before SB 386 (the Newsom 2021 schedule:
// filed 2021-03-17, the counties' deadline 2021-04-29), 60 after, or 30 from the filing when
// the Secretary of State determines that the 60 days could keep the recall from being
// consolidated with the next regularly scheduled election (§11106(b) as amended; not a setting
// of the pack). The text of §11106 before SB 386 was not at hand: the earlier version rests on
// §9031(b)'s period and the Newsom schedule.
func caStateRecallVerificationHistory(now Verification) []Version {
	before := Verification{SampleDays: 30, FullCountDays: 30, NoSampleFullCountDays: 30, WorkingDays: true,
		Cite: "Elections Code §11104(b), §11106 as they stood before " + sb386Cite + ": the counties verify the remaining signatures in the manner of §9031(b), within 30 days excluding Saturdays, Sundays and holidays (the Newsom 2021 schedule: filed 2021-03-17, the counties' deadline 2021-04-29; the text of §11106 before SB 386 was not at hand); a petition sampled before 2017-06-27: the sample within 30 such days (§9030(d)); after the threshold is met, 30 business days for withdrawals (§11108(b))"}
	return sb386Versions(before, now,
		"the counties verify every remaining signature within §9031(b)'s 60 working days instead of 30; 30 working days from the filing when the Secretary of State determines the 60 could keep the recall from consolidating with the next regularly scheduled election (§11106(b))")
}
