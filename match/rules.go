package match

// The decision rules: what keeps a candidate from being the voter a line links to, or
// sends it to a person. Each rule has a stable name, stored with a verdict's candidates
// (signet.Candidate.Rule) and printed by `signet line explain`, and a one-sentence
// explanation (RuleText). Names may be added but never changed: stored verdicts cite them.

// Rules that turn a candidate down, or send the line to review, in fs-v1.
const (
	// The address path: a voter registered, now or before, at the line's address.
	RuleAddressDiffers    = "address_differs"
	RuleSurnameDiffers    = "surname_differs"
	RuleGivenNameDiffers  = "given_name_differs"
	RuleNamesOnlyResemble = "names_only_resemble"
	RuleSuffixDiffers     = "suffix_differs"
	RuleMiddleNameDiffers = "middle_name_differs"
	RuleHouseholdGiven    = "household_given_name"
	RuleHouseholdSurname  = "household_surname"
	RuleSurnameOnly       = "surname_only"
	// The name-only path: anywhere on the roll, by name alone.
	RuleSwappedReading      = "swapped_reading"
	RuleNameOnlySurname     = "name_only_surname"
	RuleNameOnlyGivenName   = "name_only_given_name"
	RuleNameOnlyMiddleName  = "name_only_middle_name"
	RuleSwappedMiddle       = "swapped_middle"
	RuleVoterSurnameShorter = "voter_surname_shorter"
	RuleCommonName          = "common_name"
	RuleZIPOutsideRoll      = "zip_outside_roll"
	// The posterior, on either path and in generic linkage.
	RuleOutweighed     = "outweighed"
	RuleReviewBand     = "review_band"
	RuleBelowThreshold = "below_threshold"
)

// ruleTexts are the rules' explanations, in the order of the constants above.
var ruleTexts = [...]struct{ name, text string }{
	{RuleAddressDiffers, "The voter's address on the roll does not agree with the line's (house number, street and ZIP code)."},
	{RuleSurnameDiffers, "At the line's address the surname must agree: exactly, as part of a compound surname, but for a slip of the pen, or by its sound beside a given name that agrees; it does not."},
	{RuleGivenNameDiffers, "At the line's address the given name must agree: exactly, as a nickname, an initial or but for a slip of the pen (or be left out beside a surname that agrees, for a person to decide); it does not."},
	{RuleNamesOnlyResemble, "The surname and the given name both only resemble the voter's, other than each but for one slip of the pen (or the given name is an initial against a surname that only resembles): one of them must agree."},
	{RuleSuffixDiffers, "The suffixes differ (JR is not SR): father and son often share a name and an address."},
	{RuleMiddleNameDiffers, "The middle names differ while the surname or the given name only resembles the voter's."},
	{RuleHouseholdGiven, "Someone else registered at the address bears the line's given name, so a given name that only resembles it is not enough."},
	{RuleHouseholdSurname, "Someone else registered at the address bears the line's surname as written, so it is not taken for a misspelt part of this voter's compound surname."},
	{RuleSurnameOnly, "The line gives no given name: any voter of its surname at the address could have signed, so a person decides."},
	{RuleSwappedReading, "Read with surname and given name swapped, the name links by name alone only when both agree exactly."},
	{RuleNameOnlySurname, "Away from the line's address the surname must agree exactly or as part of a compound surname."},
	{RuleNameOnlyGivenName, "Away from the line's address the given name must agree exactly or as a nickname."},
	{RuleNameOnlyMiddleName, "Away from the line's address the middle names, where both are written, must not differ."},
	{RuleSwappedMiddle, "The name agrees only when its first word is read as the surname and a middle word is left over, too weak to link by name alone."},
	{RuleVoterSurnameShorter, "The surnames agree only because the voter's one surname is a word of the line's longer one (a middle name taken for a surname), too weak to link by name alone."},
	{RuleCommonName, "So many voters share the line's surname and given name that the name alone cannot single one out."},
	{RuleZIPOutsideRoll, "The line's ZIP code is one no voter on the roll lives in: the address is outside the jurisdiction, and the signer is not looked for by name elsewhere."},
	{RuleOutweighed, "The rules admit this voter, but another candidate they admit weighs more and was chosen."},
	{RuleReviewBand, "The posterior probability is between the review and link thresholds (0.5 and 0.99 by default): a person decides."},
	{RuleBelowThreshold, "The posterior probability is below the review threshold (0.5 by default): the rivals and the odds that the signer is not on the roll outweigh the evidence."},
}

// Rules lists every rule's name, in a stable order.
func Rules() []string {
	out := make([]string, len(ruleTexts))
	for i, r := range ruleTexts {
		out[i] = r.name
	}
	return out
}

// RuleText explains a rule in one sentence; "" for a name that is no rule.
func RuleText(name string) string {
	for _, r := range ruleTexts {
		if r.name == name {
			return r.text
		}
	}
	return ""
}

// addressRule is the rule that keeps the name from linking at the line's address, ""
// when the name agrees well enough.
func (s *nameScore) addressRule() string {
	switch s.last {
	case lvExact, lvCompound, lvTypo, lvJW, lvCompoundTypo:
	default:
		return RuleSurnameDiffers
	}
	switch s.first {
	case lvExact, lvNickname, lvInitial, lvTypo, lvJW:
	default:
		return RuleGivenNameDiffers
	}
	if isFuzzy(s.last) && (isFuzzy(s.first) || s.first == lvInitial && s.last != lvTypo) {
		return RuleNamesOnlyResemble
	}
	if s.suff == lvDisagree {
		return RuleSuffixDiffers // JR is not SR: father and son often share an address
	}
	if s.middle == lvDisagree && (isFuzzy(s.first) || isFuzzy(s.last)) {
		return RuleMiddleNameDiffers
	}
	return ""
}

// acceptedAtAddress: the name agrees well enough to link at the line's address.
func (s *nameScore) acceptedAtAddress() bool { return s.addressRule() == "" }

// nameRule is the rule that keeps the name from linking by name alone anywhere on the
// roll, "" when it is strong enough. A swapped reading needs both names exact: BELL
// THOMAS is not WILLIAM BELL.
func (s *nameScore) nameRule() string {
	switch {
	case s.swapped && (s.first != lvExact || s.last != lvExact):
		return RuleSwappedReading
	case s.last != lvExact && s.last != lvCompound:
		return RuleNameOnlySurname
	case s.first != lvExact && s.first != lvNickname:
		return RuleNameOnlyGivenName
	case s.middle == lvDisagree:
		return RuleNameOnlyMiddleName
	case s.suff == lvDisagree:
		return RuleSuffixDiffers
	}
	return ""
}

// acceptedByName: the name alone is strong enough to link anywhere on the roll.
func (s *nameScore) acceptedByName() bool { return s.nameRule() == "" }

// addressRules are the rules of the address path for one line's candidates.
type addressRules struct {
	// strongFirst is a voter at the address whose given name agrees exactly or as a
	// nickname (-1: none); sameSurname one whose surname agrees exactly or as part of a
	// compound surname.
	strongFirst, sameSurname int32
}

func newAddressRules(ac *cands) addressRules {
	r := addressRules{strongFirst: -1, sameSurname: -1}
	for k := range ac.list {
		c := &ac.list[k]
		if !c.addrAgrees {
			continue
		}
		if r.strongFirst < 0 && (c.name.first == lvExact || c.name.first == lvNickname) {
			r.strongFirst = c.voter
		}
		if r.sameSurname < 0 && (c.name.last == lvExact || c.name.last == lvCompound) {
			r.sameSurname = c.voter
		}
	}
	return r
}

// rule is the rule that keeps c from linking at the line's address, "" when none does.
func (r *addressRules) rule(c *ecand) string {
	if !c.addrAgrees {
		return RuleAddressDiffers
	}
	if x := c.name.addressRule(); x != "" && !slipsAtAddress(&c.name, x) {
		return x
	}
	// The household rule: a similar given name is not enough when someone at the
	// address has the line's given name.
	if isFuzzy(c.name.first) && r.strongFirst >= 0 && r.strongFirst != c.voter {
		return RuleHouseholdGiven
	}
	// ROBELS is a misspelt ROBLES FLORES only when no one at the address is a ROBELS.
	if c.name.last == lvCompoundTypo && r.sameSurname >= 0 && r.sameSurname != c.voter {
		return RuleHouseholdSurname
	}
	return ""
}

// slipsAtAddress reports the names the address path admits although nameScore's rule x
// (SimpleLinker's, unchanged) turns them down, as a clerk reading the line at the voter's
// own address would (issue 17, from the census set's lines): both names one slip of the
// pen off (BODMER JAMAR for BODNER JAMEL; RAMIRHEZ for RAMIREZ VASQUEZ), a surname spelt as it sounds beside a given
// name that agrees (SENTRY for CENTURY), and the surname alone (a line that gives no given
// name, which a person then decides: Link sends it to review). A differing suffix or
// middle name still turns them down.
func slipsAtAddress(s *nameScore, x string) bool {
	switch {
	case s.suff == lvDisagree || s.middle == lvDisagree:
		return false
	case x == RuleNamesOnlyResemble:
		return (s.last == lvTypo || s.last == lvCompoundTypo) && s.first == lvTypo
	case x == RuleSurnameDiffers:
		return s.last == lvPhonetic && (s.first == lvExact || s.first == lvNickname)
	case x == RuleGivenNameDiffers:
		return s.first == lvMissing && (s.last == lvExact || s.last == lvCompound)
	}
	return false
}

// nameOnlyRule is the rule that keeps c from linking by name alone, "" when none does.
func nameOnlyRule(c *ecand) string {
	if x := c.name.nameRule(); x != "" {
		return x
	}
	if c.swappedMid {
		return RuleSwappedMiddle
	}
	if c.voterShort {
		return RuleVoterSurnameShorter
	}
	return ""
}
