package synth

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Headers of the files written (docs/formats.md).
var (
	votersHeader = []string{"voter_id", "first_name", "middle_name", "last_name", "suffix", "house_number",
		"street", "unit", "city", "zip", "registration_date", "status", "cancelled_date", "birth_date",
		"prior_house_number", "prior_street", "prior_unit", "prior_city", "prior_zip", "prior_until"}
	linesHeader = []string{"section_id", "circulator", "line_number", "printed_name", "house_number", "street",
		"unit", "city", "zip", "date_signed", "signature_present", "withdrawal_requested"}
	truthHeader       = []string{"line_id", "voter_id", "reason"}
	truthDetailHeader = []string{"line_id", "reason", "sub_reason", "notes"}
	signaturesHeader  = []string{"line_id", "signature", "by"}
)

func writeFile(path string, fn func(w *bufio.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if err := fn(w); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// appendCSV appends one field, quoted when it needs to be (RFC 4180).
func appendCSV(b []byte, s string) []byte {
	if !strings.ContainsAny(s, ",\"\r\n") {
		return append(b, s...)
	}
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}

func appendHeader(b []byte, h []string) []byte {
	for i, s := range h {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, s...)
	}
	return append(b, '\n')
}

func (g *gen) appendLast(b []byte, m *member) []byte {
	b = append(b, g.t.surnames[m.last].name...)
	if m.last2 >= 0 {
		if m.hyphen {
			b = append(b, '-')
		} else {
			b = append(b, ' ')
		}
		b = append(b, g.t.surnames[m.last2].name...)
	}
	return b
}

func (g *gen) appendAddr(b []byte, a address) []byte {
	z := &g.zips[a.zip]
	b = appendHouse(b, a)
	b = append(b, ',')
	b = append(b, z.streets[a.street].display...)
	b = append(b, ',')
	b = appendUnit(b, a)
	b = append(b, ',')
	b = append(b, z.city...)
	b = append(b, ',')
	return append(b, z.code...)
}

// writeVoters regenerates the roll, applies the overrides of the chosen signers, records them
// and writes voters.csv.
func (g *gen) writeVoters(w *bufio.Writer) error {
	var order []int32
	for i := range g.persons {
		if g.persons[i].voter >= 0 {
			order = append(order, int32(i))
		}
	}
	sort.Slice(order, func(a, b int) bool { return g.persons[order[a]].voter < g.persons[order[b]].voter })
	b := appendHeader(make([]byte, 0, 512), votersHeader)
	if _, err := w.Write(b); err != nil {
		return err
	}
	n := g.cfg.Voters
	k := 0
	next := 1 << 16
	g.registered = 0
	for h := 0; h+1 < len(g.starts); h++ {
		size := g.household(h, int(g.starts[h+1]-g.starts[h]))
		for i := 0; i < size; i++ {
			v := g.starts[h] + int32(i)
			m := &g.hh[i]
			if k < len(order) && g.persons[order[k]].voter == v {
				p := &g.persons[order[k]]
				mm := *m
				g.applyOverrides(p, &mm)
				p.member = mm
				m = &p.member
				k++
			}
			if m.status != stCancelled {
				g.registered++
			}
			b = b[:0]
			b = append(b, g.voterID(v)...)
			b = append(b, ',')
			b = append(b, g.t.firsts[m.first].name...)
			b = append(b, ',')
			if m.middle >= 0 {
				b = append(b, g.t.firsts[m.middle].name...)
			}
			b = append(b, ',')
			b = g.appendLast(b, m)
			b = append(b, ',')
			b = append(b, suffixNames[m.suffix]...)
			b = append(b, ',')
			b = g.appendAddr(b, m.addr)
			b = append(b, ',')
			b = appendDate(b, m.reg)
			b = append(b, ',')
			b = append(b, statusNames[m.status]...)
			b = append(b, ',')
			if m.status == stCancelled {
				b = appendDate(b, m.cancelled)
			}
			b = append(b, ',')
			b = appendDate(b, m.birth)
			b = append(b, ',')
			if m.hasPrior {
				b = g.appendAddr(b, m.prior)
				b = append(b, ',')
				b = appendDate(b, m.priorUntil)
			} else {
				b = append(b, ",,,,,"...)
			}
			b = append(b, '\n')
			if _, err := w.Write(b); err != nil {
				return err
			}
		}
		if v := int(g.starts[h+1]); v >= next {
			g.progress("voters", v, n)
			next += 1 << 16
		}
	}
	g.progress("voters", n, n)
	return nil
}

func appendSectionID(b []byte, sec int32) []byte {
	s := strconv.Itoa(int(sec) + 1)
	b = append(b, 'S')
	for i := len(s); i < 6; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

// writeLines writes lines.csv, truth.csv, truth-detail.csv and signatures.csv.
func (g *gen) writeLines(dir string, sum *Summary) error {
	names := []string{FileLines, FileTruth, FileTruthDetail, FileSignatures}
	headers := [][]string{linesHeader, truthHeader, truthDetailHeader, signaturesHeader}
	files := make([]*os.File, len(names))
	ws := make([]*bufio.Writer, len(names))
	defer func() {
		for _, f := range files {
			if f != nil {
				f.Close()
			}
		}
	}()
	for i, n := range names {
		path := filepath.Join(dir, n)
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		files[i] = f
		ws[i] = bufio.NewWriterSize(f, 1<<20)
		if _, err := ws[i].Write(appendHeader(nil, headers[i])); err != nil {
			return err
		}
		sum.Files = append(sum.Files, path)
	}
	for _, rs := range reasonNames {
		sum.Truth[rs] = 0
	}
	var b, id []byte
	L := len(g.lines)
	for i := range g.lines {
		ln := &g.lines[i]
		p := &g.persons[ln.person]
		sec := &g.sections[ln.section]
		t := g.makeText(ln, p)
		if ln.reason != rsValid { // notes are what a valid line may carry
			t.notes = 0
		}
		ln.notes = t.notes
		id = appendSectionID(id[:0], ln.section)
		id = append(id, '-')
		id = strconv.AppendInt(id, int64(ln.number), 10)
		// lines.csv
		b = appendSectionID(b[:0], ln.section)
		b = append(b, ",Circulator "...)
		c := strconv.Itoa(int(sec.circulator))
		for j := len(c); j < 4; j++ {
			b = append(b, '0')
		}
		b = append(b, c...)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(ln.number), 10)
		for _, f := range []string{t.name, t.house, t.street, t.unit, t.city, t.zip} {
			b = append(b, ',')
			b = appendCSV(b, f)
		}
		b = append(b, ',')
		b = appendDate(b, ln.date)
		if p.role == roleNoSig {
			b = append(b, ",no"...)
		} else {
			b = append(b, ",yes"...)
		}
		if p.role == roleWD {
			b = append(b, ",yes\n"...)
		} else {
			b = append(b, ",no\n"...)
		}
		if _, err := ws[0].Write(b); err != nil {
			return err
		}
		// truth.csv
		reason := reasonNames[ln.reason]
		sum.Truth[reason]++
		b = append(b[:0], id...)
		b = append(b, ',')
		if p.voter >= 0 {
			b = append(b, g.voterID(p.voter)...)
		}
		b = append(b, ',')
		b = append(b, reason...)
		b = append(b, '\n')
		if _, err := ws[1].Write(b); err != nil {
			return err
		}
		// truth-detail.csv
		b = append(b[:0], id...)
		b = append(b, ',')
		b = append(b, reason...)
		b = append(b, ',')
		b = append(b, subReason(p.role)...)
		b = append(b, ',')
		first := true
		for j, nn := range noteNames {
			if t.notes&(1<<j) != 0 {
				if !first {
					b = append(b, ';')
				}
				b = append(b, nn...)
				first = false
			}
		}
		b = append(b, '\n')
		if _, err := ws[2].Write(b); err != nil {
			return err
		}
		// signatures.csv
		if ln.sig != 0 {
			b = append(b[:0], id...)
			if ln.sig == 1 {
				b = append(b, ",match,simulated\n"...)
			} else {
				b = append(b, ",mismatch,simulated\n"...)
			}
			if _, err := ws[3].Write(b); err != nil {
				return err
			}
		}
		if i&0xffff == 0xffff {
			g.progress("lines", i+1, L)
		}
	}
	g.progress("lines", L, L)
	for i, w := range ws {
		if err := w.Flush(); err != nil {
			return err
		}
		err := files[i].Close()
		files[i] = nil
		if err != nil {
			return err
		}
	}
	return nil
}

func subReason(role uint8) string {
	switch role {
	case roleRAC:
		return "registered_after_cutoff"
	case roleWD:
		return "withdrawn"
	case roleNoSig:
		return "no_signature"
	case roleInc:
		return "incomplete_address"
	}
	return ""
}

type worldJurisdiction struct {
	ID   string   `json:"id"`
	Name string   `json:"name"`
	ZIPs []string `json:"zips"`
}

type worldFile struct {
	Jurisdiction  worldJurisdiction `json:"jurisdiction"`
	NeighbourZIPs []string          `json:"neighbour_zips"`
	Cities        map[string]string `json:"cities"`
	Approved      string            `json:"approved"`
	Deadline      string            `json:"deadline"`
	Filed         string            `json:"filed"`
	RollDate      string            `json:"roll_date"`
	Registered    int               `json:"registered"`
	Seed          int64             `json:"seed"`
	Voters        int               `json:"voters"`
	Lines         int               `json:"lines"`
	Mix           Mix               `json:"mix"`
	HispanicShare float64           `json:"hispanic_share"`
	AsianShare    float64           `json:"asian_share"`
	CompoundShare float64           `json:"compound_share"`
	NoiseScale    float64           `json:"noise_scale"`
	Cutoff        string            `json:"cutoff"`
	Duplicates    string            `json:"duplicates"`
	Note          string            `json:"note"`
}

func (g *gen) writeWorld(path string) error {
	wf := worldFile{
		Jurisdiction: worldJurisdiction{ID: g.cfg.JurisdictionID, Name: g.cfg.JurisdictionName},
		Cities:       map[string]string{},
		Approved:     dateString(dayApproved), Deadline: dateString(dayDeadline), Filed: dateString(dayFiled),
		RollDate: dateString(dayRoll), Registered: g.registered, Seed: g.cfg.Seed, Voters: g.cfg.Voters,
		Lines: g.cfg.Lines, Mix: g.cfg.Mix, HispanicShare: g.cfg.HispanicShare, AsianShare: g.cfg.AsianShare,
		CompoundShare: g.cfg.CompoundShare, NoiseScale: g.cfg.NoiseScale, Cutoff: "filing_date",
		Duplicates: "keep_first", Note: "synthetic data; signature decisions are simulated",
	}
	for i, z := range g.zips {
		if i < g.nCounty {
			wf.Jurisdiction.ZIPs = append(wf.Jurisdiction.ZIPs, z.code)
		} else {
			wf.NeighbourZIPs = append(wf.NeighbourZIPs, z.code)
		}
		wf.Cities[z.code] = z.city
	}
	b, err := json.MarshalIndent(wf, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}
