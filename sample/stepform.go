package sample

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Arg is a number of a step's text, N / 10^Scale written with Scale decimals: its thousands
// grouped (1,234.5678) unless Plain (1234.5678). A door that writes numbers in another
// language formats it there; English is String.
type Arg struct {
	N     int64
	Scale int
	Plain bool
}

// String writes the number as the step's English text does.
func (a Arg) String() string {
	if !a.Plain {
		return fixed(a.N, a.Scale)
	}
	return a.Format("", ".")
}

// Format writes the number with group between thousands (none for a Plain number) and
// point before the decimals.
func (a Arg) Format(group, point string) string {
	n, neg := a.N, a.N < 0
	if neg {
		n = -n
	}
	p := int64(math.Pow10(a.Scale))
	whole := strconv.FormatInt(n/p, 10)
	if group != "" && !a.Plain {
		var b strings.Builder
		for i, c := range whole {
			if i > 0 && (len(whole)-i)%3 == 0 {
				b.WriteString(group)
			}
			b.WriteRune(c)
		}
		whole = b.String()
	}
	if a.Scale > 0 {
		whole += point + fmt.Sprintf("%0*d", a.Scale, n%p)
	}
	if neg {
		whole = "-" + whole
	}
	return whole
}

// Whole is a grouped whole number; Dec is x with d decimals, grouped; PlainDec the same
// ungrouped (as %.4f writes it).
func Whole(n int64) Arg      { return Arg{N: n} }
func Dec(n int64, d int) Arg { return Arg{N: n, Scale: d} }
func PlainDec(x float64, d int) Arg {
	return Arg{N: int64(math.Round(x * math.Pow10(d))), Scale: d, Plain: true}
}

// English writes the step's form in English with its numbers: Text, for a step that has
// a form ("" for one that has none).
func (s Step) English() string {
	if s.Form == "" {
		return ""
	}
	args := make([]any, len(s.Args))
	for i, a := range s.Args {
		args[i] = a.String()
	}
	return fmt.Sprintf(s.Form, args...)
}

// withForm gives a step its Form and Args.
func (s Step) withForm(form string, args ...Arg) Step {
	s.Form, s.Args = form, args
	return s
}
