package registrar

import (
	"slices"
	"strings"

	"github.com/signet-vote/signet"
)

// The roles of the office. Each door asks this table what a role may do; none keeps a
// list of its own.
const (
	// RoleAdmin runs the system: accounts and API tokens.
	RoleAdmin signet.Role = "admin"
	// RoleSupervisor oversees the count and the clerks.
	RoleSupervisor signet.Role = "supervisor"
	// RoleClerk verifies lines at the review desk.
	RoleClerk signet.Role = "clerk"
	// RoleProponent files a petition and follows its count.
	RoleProponent signet.Role = "proponent"
	// RoleObserver watches the count on behalf of a party or the public.
	RoleObserver signet.Role = "observer"
	// RoleCampaign is a campaign for or against a petition, following its count.
	RoleCampaign signet.Role = "campaign"
)

// Roles are the roles, in the order they are listed to people.
func Roles() []signet.Role {
	return []signet.Role{RoleAdmin, RoleSupervisor, RoleClerk, RoleProponent, RoleObserver, RoleCampaign}
}

// Permission is something a signed-in user may be allowed to do; a door declares the one
// each of its routes needs.
type Permission string

// The permissions. Only what a door offers today is here: the admin pages and uploads
// still to come will add theirs.
const (
	// Public needs no account: anyone, signed in or not, may.
	Public Permission = "public"
	// PermSelf is seeing one's own account and signing out.
	PermSelf Permission = "self"
	// PermUsersRead is listing the accounts and their roles.
	PermUsersRead Permission = "users.read"
	// PermUsersManage is adding accounts, changing their roles, disabling them.
	PermUsersManage Permission = "users.manage"
	// PermTokensManage is issuing and revoking API tokens.
	PermTokensManage Permission = "tokens.manage"
	// PermIntake is recording a campaign's sections turned in and reading its running
	// totals (docs/campaign.md).
	PermIntake Permission = "campaign.intake"
	// PermPrecheck is pre-checking a campaign's lines against its voter file, and reading
	// the pre-checks, the circulators' signals and the forecast from them.
	PermPrecheck Permission = "campaign.precheck"
	// PermReviewDecide is working the clerks' desk: claiming review lines, deciding them,
	// giving them back. It shows voter records: the Registrar's staff only.
	PermReviewDecide Permission = "review.decide"
	// PermReviewSupervise is the supervisor's desk: assigning sections, the clerks'
	// throughput, overriding verdicts, the challenges and their answers, a line's evidence
	// with its candidates' voter records.
	PermReviewSupervise Permission = "review.supervise"
	// PermInvalidRead is reading a petition's invalid lines, redacted (Elections Code §11301),
	// and their CSV export.
	PermInvalidRead Permission = "invalid.read"
	// PermChallengeFile is challenging an invalid line's verdict.
	PermChallengeFile Permission = "challenge.file"
	// PermCountRun is starting a verification of a petition (the sample or the full count),
	// which applies the desk's decisions and rulings, and following it.
	PermCountRun Permission = "count.run"
	// PermDataImport is importing a roll into a jurisdiction and lines into a petition.
	PermDataImport Permission = "data.import"
	// PermRecordsRead is listing the jurisdictions with their roll snapshots and the
	// petitions with their counts, as the admin's pages do.
	PermRecordsRead Permission = "records.read"
	// PermAuditRead is reading the audit log's events (never their payloads) and verifying
	// the log.
	PermAuditRead Permission = "audit.read"
)

// The records of a petition's life, set up and moved on from the web as the CLI does
// (docs/web.md): creating jurisdictions, registration reports and petitions, and the
// filing, the sample's draw and the recorded projection. These are the Registrar's acts of
// record, each done once and written to the audit log, so they are the admin's; starting a
// verification between the draw and the projection stays count.run (supervisors).
const (
	// PermRecordsManage is creating jurisdictions, registration reports and petitions,
	// recording a petition's filing, drawing its sample with an announced seed and recording
	// the projection from the verified sample, and a state-officer recall's county reports.
	PermRecordsManage Permission = "records.manage"
)

// permissionText says what a permission allows, for refusals.
var permissionText = map[Permission]string{
	PermSelf:            "see their own account",
	PermUsersRead:       "list the accounts",
	PermUsersManage:     "manage the accounts",
	PermTokensManage:    "manage API tokens",
	PermIntake:          "record and read a campaign's intake",
	PermPrecheck:        "pre-check a campaign's lines and read its signals and forecast",
	PermReviewDecide:    "decide lines at the clerks' desk",
	PermReviewSupervise: "supervise the desk",
	PermInvalidRead:     "read the invalid lines",
	PermChallengeFile:   "challenge a verdict",
	PermCountRun:        "start a verification",
	PermDataImport:      "import rolls and lines",
	PermRecordsRead:     "list the jurisdictions and petitions",
	PermAuditRead:       "read and verify the audit log",
	// records.manage
	PermRecordsManage: "create jurisdictions, reports and petitions, file petitions, draw samples and record projections",
}

// rolePermissions is the permission table: what each role may do. Every role may see
// its own account; only an admin sees or manages the others. Only the Registrar's staff
// (clerks, supervisors) see voter records; proponents and observers see the invalid lines
// redacted, and only proponents challenge them (docs/review.md); only a campaign keeps its
// workspace (intake, pre-checks, signals, forecast: docs/campaign.md).
var rolePermissions = map[signet.Role][]Permission{
	RoleAdmin: {PermSelf, PermUsersRead, PermUsersManage, PermTokensManage, PermDataImport, PermRecordsRead, PermAuditRead,
		PermRecordsManage},
	RoleSupervisor: {PermSelf, PermReviewSupervise, PermInvalidRead, PermCountRun},
	RoleClerk:      {PermSelf, PermReviewDecide},
	RoleProponent:  {PermSelf, PermInvalidRead, PermChallengeFile},
	RoleObserver:   {PermSelf, PermInvalidRead},
	RoleCampaign:   {PermSelf, PermIntake, PermPrecheck},
}

// Permissions are what a role may do (none for a role that is not one of Roles).
func Permissions(r signet.Role) []Permission {
	return slices.Clone(rolePermissions[r])
}

// Can says whether a role may do what a permission allows. Public is allowed to anyone;
// a permission no role has (the empty one included) is allowed to none.
func Can(r signet.Role, p Permission) bool {
	return p == Public || slices.Contains(rolePermissions[r], p)
}

// ParseRole reads a role's name (case and surrounding spaces aside).
func ParseRole(s string) (signet.Role, error) {
	r := signet.Role(strings.ToLower(strings.TrimSpace(s)))
	if _, ok := rolePermissions[r]; !ok {
		names := make([]string, 0, len(rolePermissions))
		for _, x := range Roles() {
			names = append(names, string(x))
		}
		return "", signet.Errorf(signet.EInvalid, "no role %q: the roles are %s", s, strings.Join(names, ", "))
	}
	return r, nil
}

// Authorize decides whether a principal (nil: nobody signed in) may do what p allows:
// nil when it may, EUnauthorized when it must sign in first, EForbidden when its role does
// not allow it. A permission that is not declared ("") is refused to everyone: deny by
// default.
func Authorize(who *Principal, p Permission) error {
	switch {
	case p == "":
		return signet.Errorf(signet.EForbidden, "refused: what this asks declares no permission")
	case p == Public:
		return nil
	case who == nil:
		return signet.Errorf(signet.EUnauthorized, "sign in first")
	case !Can(who.User.Role, p):
		what := permissionText[p]
		if what == "" {
			what = string(p)
		}
		return signet.Errorf(signet.EForbidden, "refused: a user with the role %s may not %s", who.User.Role, what)
	}
	return nil
}
