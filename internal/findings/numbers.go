package findings

import (
	"math"
	"strconv"
	"strings"
)

// Numbers is how a language writes numbers, money and percentages. The
// zero value is not useful; each language file declares its own.
type Numbers struct {
	// Group separates thousands ("," in English, "." in German); DecimalMark
	// is the decimal mark.
	Group, DecimalMark string
	// MoneyBefore puts the dollar sign before the amount ("$12,345", as
	// English writes it); otherwise it follows after a no-break space
	// ("12.345 $", as German writes amounts of any currency).
	MoneyBefore bool
	// Unit is what stands between a number and "%" (nothing in English,
	// a no-break space in German: "38 %").
	Unit string
	// Dash joins a range whose bounds are not negative ("31-45%"); To
	// joins one with a negative bound ("-5 to 12%").
	Dash, To string
	// Thousand, Million and Billion are the suffixes of compact amounts
	// ("k", "M", "B": "$12k"). An empty Thousand writes thousands in full
	// with separators ("12.300 $"), as German does.
	Thousand, Million, Billion string

	// talk rounds Money for a talk (see Talk).
	talk bool
}

// Talk returns the numbers with Money (and MoneyRange) rounded for a
// talk: $420k rather than $420,292, as Round writes it.
func (n Numbers) Talk() Numbers {
	n.talk = true
	return n
}

// nbsp is a no-break space: a number and its unit stay on one line.
const nbsp = "\u00a0"

// fixed formats x with prec decimals, never as "-0" (a "." decimal mark).
func fixed(x float64, prec int) string {
	s := strconv.FormatFloat(x, 'f', prec, 64)
	if strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-")
	}
	return s
}

// Grouped formats |x| rounded to prec decimals with thousands separators.
func (n Numbers) Grouped(x float64, prec int) string {
	s := fixed(math.Abs(x), prec)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(n.Group)
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString(n.DecimalMark + frac)
	}
	return b.String()
}

// Signed formats x with prec decimals and thousands separators, with a
// leading minus where it rounds below zero.
func (n Numbers) Signed(x float64, prec int) string {
	s := n.Grouped(x, prec)
	if fixed(x, prec) != fixed(math.Abs(x), prec) {
		s = "-" + s
	}
	return s
}

// Count writes a whole number with thousands separated: 336,000.
func (n Numbers) Count(c int) string { return n.Signed(float64(c), 0) }

// dollars puts the sign and the dollar mark around an amount written
// without its sign.
func (n Numbers) dollars(amount string, negative bool) string {
	s := "$" + amount
	if !n.MoneyBefore {
		s = amount + nbsp + "$"
	}
	if negative {
		s = "-" + s
	}
	return s
}

// Money formats whole dollars: $12,345 or -$1,200 (German 12.345 $).
func (n Numbers) Money(x float64) string {
	if n.talk {
		return n.Round(x)
	}
	return n.dollars(n.Grouped(x, 0), math.Round(x) < 0)
}

// MoneyRange formats an interval of dollars for speech: "$9,800-$14,800",
// or "-$1,200 to $3,400" when a bound is negative.
func (n Numbers) MoneyRange(lo, hi float64) string {
	if math.Round(lo) < 0 || math.Round(hi) < 0 {
		return n.Money(lo) + n.To + n.Money(hi)
	}
	return n.Money(lo) + n.Dash + n.Money(hi)
}

// PrecFor is the number of decimals worth saying for numbers of this
// size: none from 10 up, one below.
func PrecFor(xs ...float64) int {
	for _, x := range xs {
		if math.Abs(x) >= 9.95 {
			return 0
		}
	}
	return 1
}

// Range formats lo and hi with prec decimals and a unit: "31-45%", or
// "-5 to 12%" when a bound is negative (a hyphen next to a minus sign
// reads badly). unit follows the higher bound as it is ("%", " times").
func (n Numbers) Range(lo, hi float64, prec int, unit string) string {
	l, h := n.Signed(lo, prec), n.Signed(hi, prec)
	if strings.HasPrefix(l, "-") || strings.HasPrefix(h, "-") {
		return l + n.To + h + unit
	}
	return l + n.Dash + h + unit
}

// Pct is the unit of a percentage: "%" or, in German, " %".
func (n Numbers) Pct() string { return n.Unit + "%" }

// PercentRange formats an interval of percentages: "31-45%".
func (n Numbers) PercentRange(lo, hi float64) string {
	return n.Range(lo, hi, PrecFor(lo, hi), n.Pct())
}

// Percent formats a fraction as a whole percentage: 0.384 -> "38%".
func (n Numbers) Percent(f float64) string {
	x := math.Round(100 * f)
	if x == 0 {
		x = 0 // no "-0%"
	}
	return n.Signed(x, 0) + n.Pct()
}

// Compact formats a dollar amount for ticks and titles with at most three
// significant digits: $750, $12k, $1.2M, -$5k (German 750 $, 12.000 $,
// 1,2 Mio. $).
func (n Numbers) Compact(v float64) string { return n.compactSig(v, 3) }

// Round formats a dollar amount rounded for a talk: two significant
// digits, $150k rather than $150,219 (German 150.000 $).
func (n Numbers) Round(v float64) string { return n.compactSig(v, 2) }

func (n Numbers) compactSig(v float64, sig int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "n/a"
	}
	neg := v < 0
	v = math.Abs(v)
	if v > 0 {
		// Round to sig significant digits first, so that 999,950 is
		// written $1M, not $1000k.
		p := math.Pow(10, float64(sig)-math.Ceil(math.Log10(v)))
		v = math.Round(v*p) / p
	}
	if v == 0 {
		neg = false
	}
	units := []struct {
		div    float64
		suffix string
	}{{1e9, n.Billion}, {1e6, n.Million}, {1e3, n.Thousand}, {1, ""}}
	for _, u := range units {
		if u.suffix == "" && u.div > 1 {
			continue
		}
		if v >= u.div*0.9995 || u.div == 1 {
			amount := n.compactDigits(v/u.div, u.div == 1)
			if u.suffix != "" {
				amount += u.suffix
			}
			return n.dollars(amount, neg)
		}
	}
	return n.dollars(n.compactDigits(v, true), neg)
}

// compactDigits writes x with up to three significant digits, trailing
// zeros trimmed: 1.25, 12.5, 125; whole (x in dollars) with separators.
func (n Numbers) compactDigits(x float64, whole bool) string {
	if whole && x >= 1000 {
		return n.Grouped(x, 0)
	}
	dec := 0
	switch {
	case x < 10:
		dec = 2
	case x < 100:
		dec = 1
	}
	s := strconv.FormatFloat(x, 'f', dec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if whole && !strings.Contains(s, ".") {
		return s
	}
	return strings.Replace(s, ".", n.DecimalMark, 1)
}

// Decimal writes x with up to prec decimals, trailing zeros trimmed, in
// the language's decimal mark: 0.005, 1.5 (German 0,005, 1,5).
func (n Numbers) Decimal(x float64, prec int) string {
	s := strconv.FormatFloat(x, 'f', prec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return strings.Replace(s, ".", n.DecimalMark, 1)
}

// MoneyDecimal formats dollars with prec decimals: $5.1 (German 5,1 $).
func (n Numbers) MoneyDecimal(x float64, prec int) string {
	return n.dollars(n.Grouped(x, prec), fixed(x, prec) != fixed(math.Abs(x), prec))
}

// Sig formats x with digits significant digits, trailing zeros trimmed:
// 0.029 (German 0,029).
func (n Numbers) Sig(x float64, digits int) string {
	s := strconv.FormatFloat(x, 'g', digits, 64)
	if strings.ContainsAny(s, "eE") {
		s = strconv.FormatFloat(x, 'f', -1, 64)
	}
	return strings.Replace(s, ".", n.DecimalMark, 1)
}
