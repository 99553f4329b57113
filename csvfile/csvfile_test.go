package csvfile

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/signet-vote/signet"
)

const voterHeader = "voter_id,first_name,middle_name,last_name,suffix,house_number,street,unit,city,zip,registration_date,status,cancelled_date,birth_date\n"

// readAll reads every voter of a roll file, stopping at the first error.
func readAll(t *testing.T, name, data string, opt Options) ([]signet.Voter, error) {
	t.Helper()
	r, err := NewReader(name, strings.NewReader(data), VoterSchema, opt)
	if err != nil {
		return nil, err
	}
	var out []signet.Voter
	for {
		row, err := r.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		v, err := row.Voter()
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
}

func TestVoterRows(t *testing.T) {
	data := voterHeader +
		"V1, Maria ,G,Garcia Lopez,,123 1/2,N Main St,Apt 4,Los Angeles,90012-1234,2010-05-01,A,,1970-01-02\n" +
		"V2,John,,Smith,JR,9,Elm Ave,,,90013,20200102,inactive,,\n" +
		"V3,Ann,,Lee,,1,Oak Dr,,,90014,01/02/2003,canceled,2021-06-30,\n"
	vs, err := readAll(t, "roll.csv", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 3 {
		t.Fatalf("got %d voters", len(vs))
	}
	v := vs[0]
	if v.FirstName != "Maria" || v.LastName != "Garcia Lopez" || v.Residence.ZIP != "90012" || v.Residence.HouseNumber != "123 1/2" || v.Status != signet.StatusActive {
		t.Errorf("voter 1 = %+v", v)
	}
	if signet.FormatDate(vs[1].RegistrationDate) != "2020-01-02" || vs[1].Status != signet.StatusInactive {
		t.Errorf("voter 2 = %+v", vs[1])
	}
	if signet.FormatDate(vs[2].RegistrationDate) != "2003-01-02" || vs[2].Status != signet.StatusCancelled || signet.FormatDate(vs[2].CancelledDate) != "2021-06-30" {
		t.Errorf("voter 3 = %+v", vs[2])
	}
}

func TestErrorsNameFileLineColumn(t *testing.T) {
	good := "V%d,Ann,,Lee,,1,Oak Dr,,,90014,2003-01-02,active,,\n"
	rows := func(n int) string {
		var b strings.Builder
		b.WriteString(voterHeader)
		for i := 1; i <= n; i++ {
			b.WriteString(strings.Replace(good, "%d", string(rune('0'+i)), 1))
		}
		return b.String()
	}
	cases := []struct {
		name, data, want string
	}{
		{"bad date on line 5", rows(3) + "V9,Ann,,Lee,,1,Oak Dr,,,90014,2003-13-02,active,,\n", `roll.csv: line 5, column 11 (registration_date): "2003-13-02" is not a date`},
		{"bad status", rows(1) + "V9,Ann,,Lee,,1,Oak Dr,,,90014,2003-01-02,dead,,\n", `roll.csv: line 3, column 12 (status): "dead" is not a voter status`},
		{"missing field count", rows(3) + "V9,Ann,,Lee\n", "roll.csv: line 5: the row has a different number of fields than the header (14)"},
		{"bare quote", rows(2) + "V9,An\"n,,Lee,,1,Oak Dr,,,90014,2003-01-02,active,,\n", "roll.csv: line 4, column"},
		{"empty last name", rows(1) + "V9,Ann,, ,,1,Oak Dr,,,90014,2003-01-02,active,,\n", "roll.csv: line 3, column 4 (last_name): last_name is empty"},
		{"bad zip", rows(1) + "V9,Ann,,Lee,,1,Oak Dr,,,9001,2003-01-02,active,,\n", `roll.csv: line 3, column 10 (zip): "9001" is not a ZIP code`},
		{"missing column", "voter_id,first_name\nV1,Ann\n", "roll.csv: line 1: the header lacks required column(s)"},
		{"empty file", "", "roll.csv: the file is empty"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := readAll(t, "roll.csv", c.data, Options{})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error = %v\nwant it to contain %q", err, c.want)
			}
			if signet.Code(err) != signet.EInvalid {
				t.Errorf("code = %s, want invalid", signet.Code(err))
			}
		})
	}
}

// A line break inside a quoted field is refused where it is (no field holds one), and the
// line numbers after it count the file's lines.
func TestQuotedNewline(t *testing.T) {
	data := voterHeader +
		"V1,\"Ann\nMarie\",,Lee,,1,Oak Dr,,,90014,2003-01-02,active,,\n" +
		"V2,Bo,,Lee,,1,Oak Dr,,,90014,2003-01-02,nope,,\n"
	_, err := readAll(t, "roll.csv", data, Options{})
	if err == nil || !strings.Contains(err.Error(), "roll.csv: line 2, column 2 (first_name): character 4 is a control character (U+000A)") {
		t.Fatalf("error = %v", err)
	}
	data = voterHeader +
		"V1,Ann,,Lee,,1,\"Oak\nDr\",,,90014,2003-01-02,active,,\n"
	_, err = readAll(t, "roll.csv", data, Options{})
	if err == nil || !strings.Contains(err.Error(), "line 2, column 7 (street)") {
		t.Fatalf("error = %v", err)
	}
}

// Text that cannot be stored is refused with its file, line and column, whatever the field.
func TestBadTextIsRefused(t *testing.T) {
	row := func(first, street string) string {
		return voterHeader + "V1,Ann,,Lee,,1,Oak Dr,,,90014,2003-01-02,active,,\n" +
			"V2," + first + ",,Lee,,1," + street + ",,,90014,2003-01-02,active,,\n"
	}
	for name, c := range map[string]struct{ data, want string }{
		"NUL":          {row("B\x00o", "Oak"), "line 3, column 2 (first_name): character 2 is a control character (U+0000)"},
		"escape":       {row("Bo", "Oak\x1b[2J"), "line 3, column 7 (street): character 4 is a control character (U+001B)"},
		"not UTF-8":    {row("B\xe9o", "Oak"), "line 3, column 2 (first_name): the text is not UTF-8 (byte 2 is 0xe9)"},
		"long street":  {row("Bo", strings.Repeat("A", 1<<20)), "line 3, column 7 (street): 1048576 characters, more than the 100"},
		"bad header":   {strings.Replace(voterHeader, "status", "sta\x00tus", 1) + "V1,Ann,,Lee,,1,Oak Dr,,,90014,2003-01-02,active,,\n", "line 1, column 12 (a header)"},
		"accents fine": {row("José", "Núñez Ave"), ""},
	} {
		_, err := readAll(t, "roll.csv", c.data, Options{})
		if c.want == "" {
			if err != nil {
				t.Errorf("%s: %v", name, err)
			}
			continue
		}
		if err == nil || signet.Code(err) != signet.EInvalid || !strings.Contains(err.Error(), "roll.csv: "+c.want) {
			t.Errorf("%s: error = %v, want %q", name, err, c.want)
		}
	}
}

// A column map that names a header the file lacks, and a field without a column beside a
// header that is no field (zip spelt zipcode), are refused, naming what is missing and the
// headers there are.
func TestMissingColumnsAreRefused(t *testing.T) {
	lines := "section_id,circulator,line_number,printed_name,house_number,street,unit,city,zipcode,date_signed,signature_present,withdrawal_requested\n" +
		"S1,C,1,ANN LEE,1,OAK DR,,LA,90014,2022-03-01,yes,no\n"
	_, err := NewReader("lines.csv", strings.NewReader(lines), LineSchema, Options{})
	if err == nil || !strings.Contains(err.Error(), "lines.csv: line 1: the header has no column for zip and has column(s) that are no field of a petition lines (zipcode)") ||
		!strings.Contains(err.Error(), "its headers are: section_id, circulator") {
		t.Errorf("zipcode for zip: %v", err)
	}
	if _, err := NewReader("lines.csv", strings.NewReader(lines), LineSchema, Options{Columns: map[string]string{"zip": "zipcode"}}); err != nil {
		t.Errorf("zipcode mapped: %v", err)
	}
	_, err = NewReader("lines.csv", strings.NewReader(lines), LineSchema, Options{Columns: map[string]string{"zip": "postcode"}})
	if err == nil || !strings.Contains(err.Error(), "the column map names header(s) the file does not have (zip=postcode); its headers are: section_id") {
		t.Errorf("a map to no header: %v", err)
	}
	// A file that simply lacks optional columns is read.
	if _, err := readAll(t, "roll.csv", voterHeader+"V1,Ann,,Lee,,1,Oak Dr,,,90014,2003-01-02,active,,\n", Options{}); err != nil {
		t.Errorf("a roll without the prior address columns: %v", err)
	}
}

func TestColumnMapAndTrimming(t *testing.T) {
	data := "\ufeff ID , Given ,Surname,No,Street,ZIP5,Registered,Status \n" +
		" 7 , Ann ,Lee, 12 ,Oak Dr, 90014 ,2003-01-02, a \n"
	m, err := ParseMapping("voter_id=id, first_name = given ,last_name=surname,house_number=no,zip=zip5,registration_date=registered")
	if err != nil {
		t.Fatal(err)
	}
	vs, err := readAll(t, "x.csv", data, Options{Columns: m})
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 1 || vs[0].ID != "7" || vs[0].FirstName != "Ann" || vs[0].Residence.HouseNumber != "12" || vs[0].Residence.ZIP != "90014" {
		t.Fatalf("got %+v", vs)
	}
	if _, err := ParseMapping("voter_id"); err == nil {
		t.Error("a mapping without = was accepted")
	}
	if _, err := NewReader("x.csv", strings.NewReader(data), VoterSchema, Options{Columns: map[string]string{"nonsense": "x"}}); err == nil {
		t.Error("a mapping of an unknown field was accepted")
	}
}

func TestLineRows(t *testing.T) {
	data := "section_id,circulator,line_number,printed_name,house_number,street,unit,city,zip,date_signed,signature_present,withdrawal_requested\n" +
		"S1,Circ 1,1,maria lopez,12,Oak Dr,,,90014,2022-03-01,yes,\n" +
		"S1,Circ 1,2,Bob Lee,13,Oak Dr,,,,2022-03-01,N,y\n" +
		"S1,Circ 1,x,Bob Lee,13,Oak Dr,,,,2022-03-01,N,y\n"
	r, err := NewReader("lines.csv", strings.NewReader(data), LineSchema, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []signet.Line
	var lastErr error
	for {
		row, err := r.Next()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				lastErr = err
			}
			break
		}
		l, err := row.PetitionLine()
		if err != nil {
			lastErr = err
			break
		}
		got = append(got, l)
	}
	if len(got) != 2 || got[0].ID() != "S1-1" || !got[0].SignaturePresent || got[0].WithdrawalRequested || got[1].SignaturePresent || !got[1].WithdrawalRequested {
		t.Fatalf("lines = %+v", got)
	}
	if lastErr == nil || !strings.Contains(lastErr.Error(), `lines.csv: line 4, column 3 (line_number): "x" is not a line number`) {
		t.Fatalf("error = %v", lastErr)
	}
}

func FuzzVoterRows(f *testing.F) {
	f.Add(voterHeader + "V1,Ann,,Lee,,1,Oak Dr,,,90014,2003-01-02,active,,\n")
	f.Add(voterHeader + "V1,\"A\"\"nn\",,Lee,,1,Oak Dr,,,90014-1234,20030102,c,2020-01-01,\n")
	f.Add("voter_id,first_name\n\"unterminated\n")
	f.Add(voterHeader + "V1,Ann,,Lee,,1,Oak Dr,,,90014,13/45/2003,active,,\n")
	f.Fuzz(func(t *testing.T, data string) {
		r, err := NewReader("fuzz.csv", strings.NewReader(data), VoterSchema, Options{})
		if err != nil {
			checkErr(t, err)
			return
		}
		for i := 0; i < 1000; i++ {
			row, err := r.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				checkErr(t, err)
				return
			}
			v, err := row.Voter()
			if err != nil {
				checkErr(t, err)
				continue
			}
			if v.ID == "" || v.LastName == "" || len(v.Residence.ZIP) != 5 || v.RegistrationDate.IsZero() {
				t.Fatalf("accepted an incomplete voter %+v", v)
			}
		}
	})
}

func FuzzLineRows(f *testing.F) {
	head := strings.Join(LineSchema.Fields, ",") + "\n"
	f.Add(head + "S1,C,1,Ann Lee,1,Oak Dr,,,90014,2022-01-02,yes,no\n")
	f.Add(head + "S1,C,0,Ann Lee,1,Oak Dr,,,90014,2022-01-02,maybe,no\n")
	f.Fuzz(func(t *testing.T, data string) {
		r, err := NewReader("fuzz.csv", strings.NewReader(data), LineSchema, Options{})
		if err != nil {
			checkErr(t, err)
			return
		}
		for i := 0; i < 1000; i++ {
			row, err := r.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				checkErr(t, err)
				return
			}
			l, err := row.PetitionLine()
			if err != nil {
				checkErr(t, err)
				continue
			}
			if l.SectionID == "" || l.Number < 1 || l.DateSigned.IsZero() {
				t.Fatalf("accepted an incomplete line %+v", l)
			}
		}
	})
}

// checkErr insists that every refusal is an invalid-input error that names the file.
func checkErr(t *testing.T, err error) {
	t.Helper()
	if signet.Code(err) != signet.EInvalid || !strings.HasPrefix(err.Error(), "fuzz.csv") {
		t.Fatalf("error %q (code %s) does not name the file or is not an input error", err, signet.Code(err))
	}
}

func TestLenientLinkVoter(t *testing.T) {
	in := "rec\tgiven\tsurname\tpostcode\tdob\n" +
		"a1\tmichaela\tneumann\t4223\t19151111\n" +
		"a2\tcourtney\tpainter\t12345-6789\tnot-a-date\n" +
		"a3\t\t\tABC\t\n"
	// Without Lenient the required columns are missing.
	if _, err := NewReader("f.tsv", strings.NewReader(in), VoterSchema, Options{Comma: '\t'}); err == nil {
		t.Fatal("strict reader accepted a header without the required columns")
	}
	r, err := NewReader("f.tsv", strings.NewReader(in), VoterSchema, Options{Comma: '\t', Lenient: true,
		Columns: map[string]string{"voter_id": "rec", "first_name": "given", "last_name": "surname", "zip": "postcode", "birth_date": "dob"}})
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		id, first, zip string
		birth          bool
		bad            []string
	}
	for _, w := range []want{{"a1", "michaela", "4223", true, nil}, {"a2", "courtney", "12345", false, []string{"birth_date"}},
		{"a3", "", "", false, []string{"zip"}}} {
		row, err := r.Next()
		if err != nil {
			t.Fatal(err)
		}
		v, bad := row.LinkVoter()
		if v.ID != w.id || v.FirstName != w.first || v.Residence.ZIP != w.zip || v.BirthDate.IsZero() == w.birth || strings.Join(bad, ",") != strings.Join(w.bad, ",") {
			t.Errorf("row %s: %+v, unparsed %v", w.id, v, bad)
		}
	}
}
