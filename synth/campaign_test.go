package synth

import (
	"reflect"
	"testing"
)

// TestCampaignOf: each section turned in on the day of its last line, or on the day given
// when that is earlier, with its circulator and count, in order of first appearance; every
// third line sampled; a lines file without its columns refused.
func TestCampaignOf(t *testing.T) {
	lines := [][]string{
		{"section_id", "circulator", "line_number", "date_signed"},
		{"S2", "Bo", "1", "2022-03-01"},
		{"S1", "Ana", "1", "2022-04-02"},
		{"S2", "Bo", "2", "2022-03-09"},
		{"S1", "Ana", "2", "2022-08-30"},
		{"S2", "Bo", "3", "2022-02-20"},
	}
	c, err := CampaignOf(lines, "2022-07-06")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"section_id", "circulator", "turned_in", "lines"},
		{"S2", "Bo", "2022-03-09", "3"},
		{"S1", "Ana", "2022-07-06", "2"},
	}
	if !reflect.DeepEqual(c.Intake, want) {
		t.Errorf("intake %v, want %v", c.Intake, want)
	}
	if !reflect.DeepEqual(c.Sample, [][]string{lines[1], lines[4]}) {
		t.Errorf("sample %v, want lines 1 and 4", c.Sample)
	}
	if _, err := CampaignOf([][]string{{"section_id", "circulator"}}, "2022-07-06"); err == nil {
		t.Error("a lines file without date_signed was read")
	}
}
