package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// num formats a float for CSV in shortest round-trip form; non-finite
// values become an empty cell (missing in pandas, polars and R) and -0
// becomes 0.
func num(x float64) string {
	if !isFinite(x) {
		return ""
	}
	if x == 0 {
		return "0"
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// appendNum appends num(x) to b.
func appendNum(b []byte, x float64) []byte {
	if !isFinite(x) {
		return b
	}
	if x == 0 {
		return append(b, '0')
	}
	return strconv.AppendFloat(b, x, 'g', -1, 64)
}

// appendNum32 appends num32(x) to b.
func appendNum32(b []byte, x float64) []byte {
	if isFinite(x) && x != 0 && float64(float32(x)) == x {
		return strconv.AppendFloat(b, x, 'g', -1, 32)
	}
	return appendNum(b, x)
}

// num32 formats a value that holds a float32 exactly (service quality is
// stored as float32) in the float32's shortest form, so 0.45678902 is not
// written as 0.4567890167236328; other values get num.
func num32(x float64) string {
	if isFinite(x) && x != 0 && float64(float32(x)) == x {
		return strconv.FormatFloat(x, 'g', -1, 32)
	}
	return num(x)
}

// fixed formats x with prec decimals, never as "-0".
func fixed(x float64, prec int) string {
	s := strconv.FormatFloat(x, 'f', prec, 64)
	if strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-")
	}
	return s
}

// grouped formats |x| rounded to prec decimals with thousands separators.
func grouped(x float64, prec int) string {
	s := fixed(math.Abs(x), prec)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}

// money formats whole dollars: $12,345 or -$1,200.
func money(x float64) string {
	s := "$" + grouped(x, 0)
	if math.Round(x) < 0 {
		s = "-" + s
	}
	return s
}

// Money formats whole dollars as people read them: $12,345 or -$1,200.
func Money(x float64) string { return money(x) }

// MoneyRange formats an interval of dollars: "$9,800-$14,800", or
// "-$1,200 to $3,400" when a bound is negative.
func MoneyRange(lo, hi float64) string { return moneyRange(lo, hi) }

// PercentRange formats an interval of percentages: "31-45%", or "-5 to
// 12%" when a bound is negative.
func PercentRange(lo, hi float64) string { return rangeOf(lo, hi, precFor(lo, hi), "%") }

// moneyRange formats an interval of dollars for speech: "$9,800-$14,800",
// or "-$1,200 to $3,400" when a bound is negative.
func moneyRange(lo, hi float64) string {
	if math.Round(lo) < 0 || math.Round(hi) < 0 {
		return money(lo) + " to " + money(hi)
	}
	return money(lo) + "-" + money(hi)
}

// precFor is the number of decimals worth saying for numbers of this size:
// none from 10 up, one below.
func precFor(xs ...float64) int {
	for _, x := range xs {
		if math.Abs(x) >= 9.95 {
			return 0
		}
	}
	return 1
}

// signed formats x with prec decimals and thousands separators, with a
// leading minus where it rounds below zero.
func signed(x float64, prec int) string {
	s := grouped(x, prec)
	if fixed(x, prec) != fixed(math.Abs(x), prec) {
		s = "-" + s
	}
	return s
}

// rangeOf formats lo and hi with a unit: "31-45%", or "-5 to 12%" when a
// bound is negative (a hyphen next to a minus sign reads badly).
func rangeOf(lo, hi float64, prec int, unit string) string {
	l, h := signed(lo, prec), signed(hi, prec)
	if strings.HasPrefix(l, "-") || strings.HasPrefix(h, "-") {
		return l + " to " + h + unit
	}
	return l + "-" + h + unit
}

// horizon says how long a run lasted: "after 10 years", "after 1.5 years",
// "after 30 weeks". One round is one week; 52 weeks make a year.
func horizon(rounds int) string {
	switch {
	case rounds > 0 && rounds%52 == 0:
		return "after " + plural(rounds/52, "year")
	case rounds >= 78 && rounds%26 == 0:
		return fmt.Sprintf("after %d.5 years", rounds/52)
	}
	return "after " + plural(rounds, "week")
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

// people names the members of a kind in the plural: "givers".
func people(kind string) string {
	switch {
	case kind == "":
		return "members"
	case strings.HasSuffix(kind, "s"):
		return kind
	}
	return kind + "s"
}

// capitalize upper-cases the first letter of a sentence.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
