package jsonenc

import (
	"encoding/json"
	"math"
	"testing"
)

var stringSeeds = []string{"", "plain", `q"uote\back`, "<script>&amp;</script>", "tab\tnl\ncr\rbs\bff\f\x00\x1f\x7f",
	"é", "\u2028\u2029", "bad\xffutf8", "\xed\xa0\x80", "mixed é \" <", "V654360988"}

func TestString(t *testing.T) {
	for _, s := range stringSeeds {
		checkString(t, s)
	}
}

func FuzzString(f *testing.F) {
	for _, s := range stringSeeds {
		f.Add(s)
	}
	f.Fuzz(checkString)
}

func checkString(t *testing.T, s string) {
	want, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if got := String([]byte("x"), s); string(got) != "x"+string(want) {
		t.Fatalf("String(%q) = %s, encoding/json writes %s", s, got[1:], want)
	}
}

var floatSeeds = []float64{0, math.Copysign(0, -1), 1, -1, 0.5, 0.99739, 14.03, -2.5, 1e-6, 9.99e-7, 1e-7, 1.5e-10, 1e20, 1e21, 1.7976931348623157e308,
	5e-324, 123456789.123, 0.1 + 0.2}

func TestFloat(t *testing.T) {
	for _, f := range floatSeeds {
		checkFloat(t, f)
	}
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if _, ok := Float(nil, f); ok {
			t.Errorf("Float(%v) accepted: encoding/json refuses it", f)
		}
	}
}

func FuzzFloat(f *testing.F) {
	for _, x := range floatSeeds {
		f.Add(x)
	}
	f.Fuzz(checkFloat)
}

func checkFloat(t *testing.T, f float64) {
	want, err := json.Marshal(f)
	got, ok := Float([]byte("x"), f)
	if ok != (err == nil) {
		t.Fatalf("Float(%v): ok %v, encoding/json error %v", f, ok, err)
	}
	if ok && string(got) != "x"+string(want) {
		t.Fatalf("Float(%v) = %s, encoding/json writes %s", f, got[1:], want)
	}
}
