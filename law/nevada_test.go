package law

import (
	"strings"
	"testing"

	"github.com/signet-vote/signet"
)

// The statewide initiative's requirement and distribution, from the 2024 cycle's published
// records: 1,023,617 voters voted at the 2022 general election (the Secretary of State at the
// certification of 22 November 2022, as reported by the Associated Press and the Las Vegas
// Review-Journal, "Nevada Supreme Court certifies official election results"); Ballotpedia's
// "Signature requirements for ballot measures in Nevada" gives 102,362 signatures for a 2024
// constitutional amendment or referendum; the circulators' page of the voter identification
// initiative (petition C-02-2023, 4lv.net) asks "25,591 verified signatures ... from each of
// the 4 Congressional Districts". 10% × 1,023,617 = 102,361.7 → 102,362 ("10 percent or
// more": rounded up); 102,362 / 4 = 25,590.5 → 25,591.
func TestNevadaStatewideInitiativeRequirement2024(t *testing.T) {
	r := mustRules(t, "nv-statewide-initiative")
	req, pct := r.Required(1_023_617)
	if req != 102_362 || pct != 10 {
		t.Fatalf("required of 1,023,617 voters: %d at %v%%, want 102,362 at 10%%", req, pct)
	}
	if got := PetitionDistrictShare(req, 4); got != 25_591 {
		t.Errorf("each of 4 petition districts: %d, want 25,591", got)
	}
	if PetitionDistrictShare(req, 0) != 0 || PetitionDistrictShare(0, 4) != 0 {
		t.Error("no districts or no requirement: want 0")
	}
	for _, want := range []string{"art. 19 §2(2)", "NRS 295.012"} {
		if !strings.Contains(r.Requirement.Cite, want) {
			t.Errorf("the requirement's citation lacks %q", want)
		}
	}
}

// One base, two published requirements of 2020: the recall of Governor Sisolak needed
// 243,995 signatures, "25 percent of the vote cast in the election that brought the recall
// target to office ... based on his victory in 2018 in which nearly 976,000 votes were cast"
// (Las Vegas Review-Journal, "Another attempt to recall Sisolak fails", December 2020), and
// Fair Maps Nevada's 2020 constitutional amendment needed 97,598 signatures, 10% of the same
// 2018 general election's voters (Nevada Current, 25 June 2020). The exact count of 2018
// voters was not at hand: ⌈25% × n⌉ = 243,995 holds for n in 975,977–975,980 and ⌈10% × n⌉ =
// 97,598 for n in 975,971–975,980; the test checks both rules at each end of the overlap.
func TestNevadaRequirementsFrom2018Voters(t *testing.T) {
	recall, initiative := mustRules(t, "nv-recall"), mustRules(t, "nv-statewide-initiative")
	for _, n := range []int{975_977, 975_980} {
		if got, pct := recall.Required(n); got != 243_995 || pct != 25 {
			t.Errorf("recall, %d voters: %d at %v%%, want 243,995 at 25%%", n, got, pct)
		}
		if got, _ := initiative.Required(n); got != 97_598 {
			t.Errorf("initiative, %d voters: %d, want 97,598", n, got)
		}
	}
	// Just outside: 25% × 975,976 = 243,994 exactly; 25% × 975,981 = 243,995.25 → 243,996.
	if got, _ := recall.Required(975_976); got != 243_994 {
		t.Errorf("recall, 975,976 voters: %d", got)
	}
	if got, _ := recall.Required(975_981); got != 243_996 {
		t.Errorf("recall, 975,981 voters: %d", got)
	}
}

// The statewide initiative's filing deadline is fixed by the election (NRS 295.056(3)–(4)):
// the 15th day following the primary for a constitutional amendment. 2024: primary 11 June,
// documents due 26 June (the voter identification initiative's page: "before June 26,
// 2024"). 2020: primary 9 June, due "June 24, the 15th day following the state's June
// primary" (Las Vegas Review-Journal, on Fair Maps Nevada's suit, April 2020).
func TestNevadaStatewideInitiativeFilingDeadline(t *testing.T) {
	r := mustRules(t, "nv-statewide-initiative")
	if !r.Circulation.ByElection() || !r.FilingDeadline(day("2024-01-02"), 1_023_617).IsZero() {
		t.Fatal("the deadline is fixed by the election, not counted from approval")
	}
	for election, want := range map[string]string{"2024-06-11": "2024-06-26", "2020-06-09": "2020-06-24"} {
		if got := signet.FormatDate(r.ElectionFilingDeadline(day(election))); got != want {
			t.Errorf("election %s: deadline %s, want %s", election, got, want)
		}
	}
	// The other packs' deadlines by the election are unchanged: four months before.
	wa := mustRules(t, "wa-statewide-initiative")
	if got := signet.FormatDate(wa.ElectionFilingDeadline(day("2022-11-08"))); got != "2022-07-08" {
		t.Errorf("WA: %s", got)
	}
}

// The recall's 90 days from the notice of intent (NRS 306.015(3)(b)): the Battle Born
// Patriots Recall Committee "collected 64,765 signatures between Sept. 4 and Dec. 3" 2020
// (Las Vegas Review-Journal, "Another attempt to recall Sisolak fails"): Sep 4 + 26 = Sep 30,
// + 31 = Oct 31 (57), + 30 = Nov 30 (87), + 3 = Dec 3 (90). Its 64,765 signatures, fewer than
// the 243,995 required, end the petition on the raw count (NRS 293.1277(1)).
func TestNevadaRecallCirculationAndRawCount(t *testing.T) {
	all := mustRules(t, "nv-recall")
	r := all.AsOf(Dates{Approved: day("2020-09-04")})
	if got := signet.FormatDate(r.FilingDeadline(day("2020-09-04"), 975_980)); got != "2020-12-03" {
		t.Errorf("90 days from 2020-09-04: %s, want 2020-12-03", got)
	}
	if len(r.Applied) != 1 || r.Applied[0].FromText() != "2019-06-01" || !strings.Contains(r.Circulation.Cite, "48th day") {
		t.Errorf("a 2020 notice of intent: versions %+v, cite %q", r.Applied, r.Circulation.Cite)
	}
	if !r.EndsOnRawCount(64_765, 243_995) || r.EndsOnRawCount(243_995, 243_995) {
		t.Error("64,765 of 243,995 ends on the raw count; 243,995 does not")
	}
	// A notice of intent before 1 June 2019: the same 90 days, the earlier text.
	old := all.AsOf(Dates{Approved: day("2019-05-31")})
	if got := signet.FormatDate(old.FilingDeadline(day("2019-05-31"), 1_000)); got != "2019-08-29" ||
		len(old.Applied) != 1 || old.Applied[0].FromText() != "" || strings.Contains(old.Circulation.Cite, "48th day") {
		t.Errorf("a 2019-05-31 notice: deadline %s, versions %+v", got, old.Applied)
	}
}

// The verification periods, by hand over the Nevada calendar (NRS 236.015); no published
// verification schedule was found. Statewide (NRS 293.1276(1) 4 working days, then
// 293.1277(1) 9): submitted Wednesday 26 June 2024 → Jun 27 (1), 28 (2), Jul 1–3 (5),
// Independence Day, Jul 5 (6), 8–12 (11), 15 (12), 16 (13). Recall (4, then 20): submitted
// Thursday 3 December 2020 → Dec 4 (1), 7–11 (6), 14–18 (11), 21–24 (15), Christmas, 28–31
// (19), New Year's Day, Jan 4–8 2021 (24). The recall's withdrawals (NRS 306.040(2)(a), 10
// such days after the verification): from Friday 8 January 2021 → Jan 11–15 (5), Martin
// Luther King, Jr.'s Birthday, 19–22 (9), 25 (10).
func TestNevadaVerificationPeriods(t *testing.T) {
	in := mustRules(t, "nv-statewide-initiative")
	if got := signet.FormatDate(in.SampleDeadline(Dates{Filed: day("2024-06-26")}, 140_000)); got != "2024-07-16" {
		t.Errorf("statewide sample deadline %s, want 2024-07-16", got)
	}
	rc := mustRules(t, "nv-recall")
	if got := signet.FormatDate(rc.SampleDeadline(Dates{Filed: day("2020-12-03")}, 250_000)); got != "2021-01-08" {
		t.Errorf("recall sample deadline %s, want 2021-01-08", got)
	}
	if got := signet.FormatDate(rc.WithdrawalDeadline(day("2021-01-08"))); got != "2021-01-25" {
		t.Errorf("recall withdrawal deadline %s, want 2021-01-25", got)
	}
	// The full examination's period was not at hand: none unless set.
	if !rc.FullCountDeadline(Dates{Filed: day("2020-12-03")}, 250_000).IsZero() {
		t.Error("a full-count period without the statute")
	}
	set, err := PackWith("nv-recall", []string{"full_count_days=30"})
	if err != nil || set.Verification.FullCountDays != 30 {
		t.Errorf("full_count_days=30: %+v, %v", set.Verification, err)
	}
	for _, want := range []string{"NRS 293.1276(1)", "4 days", "NRS 293.1277(1)", "20 such days", "NRS 306.035"} {
		if !strings.Contains(rc.Verification.Cite, want) {
			t.Errorf("the recall's verification citation lacks %q", want)
		}
	}
	if !strings.Contains(in.Verification.Cite, "9 such days") || !strings.Contains(in.Circulation.Cite, "NRS 295.056(2)") {
		t.Errorf("statewide citations: %q / %q", in.Verification.Cite, in.Circulation.Cite)
	}
}

// The sample and the bands, by hand (no published Nevada sample was found): more than 500
// signatures are sampled, at least 500 or 5% (NRS 293.1277(2)); 500 or fewer are all
// examined. Bands on the 2024 requirement of 102,362: 110% = 112,598.2, so 112,599 is more
// than 110% and 112,598 is not; 90% = 92,125.8, so 92,126 reaches it and 92,125 does not.
func TestNevadaSampleAndBands(t *testing.T) {
	for _, id := range []string{"nv-statewide-initiative", "nv-recall"} {
		r := mustRules(t, id)
		for raw, want := range map[int]int{500: 500, 501: 500, 10_000: 500, 10_001: 501, 20_000: 1_000, 140_000: 7_000} {
			if got := r.SampleSize(raw); got != want {
				t.Errorf("%s: sample of %d = %d, want %d", id, raw, got, want)
			}
		}
		for projected, want := range map[int]Decision{112_599: Sufficient, 112_598: FullCount, 92_126: FullCount, 92_125: Insufficient} {
			if got := r.Decide(projected, 102_362); got != want {
				t.Errorf("%s: %d of 102,362 → %s, want %s", id, projected, got, want)
			}
		}
		if r.Calendar != Nevada || !r.RawBelowRequiredFails || r.Projection.Method != MethodRatio {
			t.Errorf("%s: calendar, raw-count rule or projection", id)
		}
	}
}
