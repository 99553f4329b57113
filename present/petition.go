package present

import (
	"github.com/signet-vote/signet"
	"github.com/signet-vote/signet/registrar"
)

// PetitionJSON is a petition as JSON ("signet petition show --json" and every door that
// shows one); its keys are a contract.
func PetitionJSON(p signet.Petition) map[string]any {
	return map[string]any{"id": p.ID, "kind": p.Kind, "jurisdiction": p.JurisdictionID, "rules": p.Rules,
		"report": p.ReportID, "registered": p.Registered, "required": p.Required,
		"approved": signet.FormatDate(p.Approved), "filing_deadline": signet.FormatDate(p.Deadline),
		"filed": registrar.FiledDate(p), "raw": p.Raw, "cutoff": p.Cutoff, "duplicates": p.Duplicates, "settings": p.Settings}
}
