package registrar

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/signet-vote/signet"
)

// A ledger is what the audit log says the stored records must be: the events replayed, in
// order, into the last state of every row they wrote. The audit reconciles the store's rows
// with it (reconcile.go).
type ledger struct {
	// only, when set, limits the ledger to one petition (and no roll).
	only      string
	petitions map[string]*petitionLedger
	order     []string
	rolls     []*importLedger
}

// eventRef is an event as a row's reconciliation names it: its number, who and when.
type eventRef struct {
	seq   int64
	actor string
}

func refOf(e *signet.Event) eventRef { return eventRef{seq: e.Seq, actor: e.Actor} }

type petitionLedger struct {
	id string
	// whole says the audit covers the whole database: the verdicts' candidates and the
	// lines are reconciled too.
	whole   bool
	created *petitionCreated
	filing  *petitionFiled
	imports []*importLedger
	// verdicts by filing position: the last event of each line.
	verdicts    map[int]*verdictLedger
	reviews     map[string]reviewLedger
	linkReviews map[string]reviewLedger
	sample      *sampleDrawn
	projection  *projectionLedger
	states      map[string]stateLedger
}

type petitionCreated struct {
	eventRef
	ID           string   `json:"id"`
	Kind         string   `json:"kind"`
	Jurisdiction string   `json:"jurisdiction"`
	Rules        string   `json:"rules"`
	Report       string   `json:"report"`
	Registered   int      `json:"registered"`
	Required     int      `json:"required"`
	Approved     string   `json:"approved"`
	Deadline     string   `json:"deadline"`
	Cutoff       string   `json:"cutoff"`
	Duplicates   string   `json:"duplicates"`
	Settings     []string `json:"settings"`
}

type petitionFiled struct {
	eventRef
	Filed string `json:"filed"`
	Raw   int    `json:"raw"`
}

// importLedger is an import of lines or of a roll: its rows' block digests.
type importLedger struct {
	eventRef
	subject  string
	ID       int64    `json:"import_id"`
	File     string   `json:"file"`
	Rows     int      `json:"rows"`
	FirstSeq int      `json:"first_seq"`
	LastSeq  int      `json:"last_seq"`
	Sums     []string `json:"rows_sha256"`
}

type verdictLedger struct {
	eventRef
	signet.VerdictEvent
	// full is the line's last whole verdict (one with a base): what the fields an
	// outcome-only event does not change must still be.
	full *signet.VerdictEvent
}

type reviewLedger struct {
	eventRef
	Line      string `json:"line"`
	Signature string `json:"signature"`
	Voter     string `json:"voter"`
}

type sampleDrawn struct {
	eventRef
	Seed       string `json:"seed"`
	Population int    `json:"population"`
	Size       int    `json:"size"`
	Lines      []int  `json:"lines"`
}

type projectionLedger struct {
	eventRef
	result json.RawMessage
}

type stateLedger struct {
	eventRef
	County    string `json:"county"`
	PeriodEnd string `json:"period_end"`
	Raw       int    `json:"raw"`
	Valid     int    `json:"valid"`
}

func newLedger(only string) *ledger {
	return &ledger{only: only, petitions: map[string]*petitionLedger{}}
}

func (l *ledger) petition(id string) *petitionLedger {
	p := l.petitions[id]
	if p == nil {
		p = &petitionLedger{id: id, whole: l.only == "", verdicts: map[int]*verdictLedger{}, reviews: map[string]reviewLedger{},
			linkReviews: map[string]reviewLedger{}, states: map[string]stateLedger{}}
		l.petitions[id] = p
		l.order = append(l.order, id)
	}
	return p
}

// add replays one event of the verified chain.
func (l *ledger) add(e *signet.Event) error {
	kind, subject := e.Kind, e.Subject
	if kind == signet.EventRollImport {
		if l.only != "" {
			return nil
		}
		imp := &importLedger{eventRef: refOf(e), subject: strings.TrimPrefix(subject, "jurisdiction:")}
		if err := decodePayload(e, imp); err != nil {
			return err
		}
		l.rolls = append(l.rolls, imp)
		return nil
	}
	id, ok := strings.CutPrefix(subject, "petition:")
	if !ok || (l.only != "" && id != l.only) {
		return nil
	}
	switch kind {
	case signet.EventPetition:
		c := &petitionCreated{eventRef: refOf(e)}
		if err := decodePayload(e, c); err != nil {
			return err
		}
		l.petition(id).created = c
	case signet.EventFiling:
		f := &petitionFiled{eventRef: refOf(e)}
		if err := decodePayload(e, f); err != nil {
			return err
		}
		l.petition(id).filing = f
	case signet.EventLinesImport:
		imp := &importLedger{eventRef: refOf(e), subject: id}
		if err := decodePayload(e, imp); err != nil {
			return err
		}
		p := l.petition(id)
		p.imports = append(p.imports, imp)
	case signet.EventVerdict:
		ev, err := signet.ParseVerdictPayload(e.Payload)
		if err != nil {
			return fmt.Errorf("event %d (%s): its payload does not read as the event it is: %v", e.Seq, e.Kind, err)
		}
		v := &verdictLedger{eventRef: refOf(e), VerdictEvent: ev}
		p := l.petition(id)
		if v.Base != "" {
			v.full = &v.VerdictEvent
		} else if prev := p.verdicts[v.Seq]; prev != nil {
			v.full = prev.full
		}
		p.verdicts[v.Seq] = v
	case signet.EventReview, signet.EventLinkReview:
		r := reviewLedger{eventRef: refOf(e)}
		if err := decodePayload(e, &r); err != nil {
			return err
		}
		if kind == signet.EventReview {
			l.petition(id).reviews[r.Line] = r
		} else {
			l.petition(id).linkReviews[r.Line] = r
		}
	case signet.EventSampleDraw:
		sm := &sampleDrawn{eventRef: refOf(e)}
		if err := decodePayload(e, sm); err != nil {
			return err
		}
		l.petition(id).sample = sm
	case signet.EventSampleProject:
		l.petition(id).projection = &projectionLedger{eventRef: refOf(e), result: e.Payload}
	case signet.EventStateReport:
		r := stateLedger{eventRef: refOf(e)}
		if err := decodePayload(e, &r); err != nil {
			return err
		}
		l.petition(id).states[r.County+"\x00"+r.PeriodEnd] = r
	}
	return nil
}

func decodePayload(e *signet.Event, v any) error {
	if err := json.Unmarshal(e.Payload, v); err != nil {
		return fmt.Errorf("event %d (%s): its payload does not read as the event it is: %v", e.Seq, e.Kind, err)
	}
	return nil
}
