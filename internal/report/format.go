package report

import (
	"strconv"
	"strings"

	"github.com/giversgain/giversgain/internal/findings"
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

// Money formats whole dollars as people read them: $12,345 or -$1,200
// (findings.English's numbers).
func Money(x float64) string { return findings.English.Num().Money(x) }

// MoneyRange formats an interval of dollars: "$9,800-$14,800", or
// "-$1,200 to $3,400" when a bound is negative.
func MoneyRange(lo, hi float64) string { return findings.English.Num().MoneyRange(lo, hi) }

// PercentRange formats an interval of percentages: "31-45%", or "-5 to
// 12%" when a bound is negative.
func PercentRange(lo, hi float64) string { return findings.English.Num().PercentRange(lo, hi) }
