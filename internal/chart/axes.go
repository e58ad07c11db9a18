package chart

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
)

// Dollars formats a dollar amount compactly for ticks and titles: $750,
// $12k, $1.2M, -$5k. It keeps at most three significant digits.
func Dollars(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "n/a"
	}
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	units := []struct {
		div    float64
		suffix string
	}{{1e9, "B"}, {1e6, "M"}, {1e3, "k"}, {1, ""}}
	for _, u := range units {
		if v >= u.div*0.9995 || u.div == 1 {
			return sign + "$" + compact(v/u.div) + u.suffix
		}
	}
	return sign + "$" + compact(v)
}

// Count writes a count with thousands separated by commas: 336,000.
func Count(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// compact writes x with up to three significant digits, trailing zeros
// trimmed: 1.25, 12.5, 125, 1250.
func compact(x float64) string {
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
	return s
}

// Percent formats a fraction as a whole percentage: 0.384 -> "38%".
func Percent(f float64) string {
	x := math.Round(100 * f)
	if x == 0 {
		x = 0 // no "-0%"
	}
	return fmt.Sprintf("%.0f%%", x)
}

// niceTicks returns labelled ticks at a round step (1, 2, 2.5 or 5 times
// a power of ten) giving four to eight labels over min..max, with
// unlabelled minor ticks halfway between.
func niceTicks(min, max float64) []plot.Tick {
	if !(max > min) {
		return []plot.Tick{{Value: min, Label: strconv.FormatFloat(min, 'g', 3, 64)}}
	}
	span := max - min
	step := math.Pow(10, math.Floor(math.Log10(span/5)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if span/(step*m) <= 7 {
			step *= m
			break
		}
	}
	var ts []plot.Tick
	for v := math.Ceil(min/step-1e-9) * step; v <= max+step*1e-9; v += step {
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		ts = append(ts, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', -1, 64)})
		if h := v + step/2; h <= max {
			ts = append(ts, plot.Tick{Value: h})
		}
	}
	if len(ts) > 0 && ts[0].Value-step/2 >= min {
		ts = append(ts, plot.Tick{Value: ts[0].Value - step/2})
	}
	return ts
}

// dollarTicks relabels the default ticks as dollars.
type dollarTicks struct{ plot.Ticker }

func (t dollarTicks) Ticks(min, max float64) []plot.Tick {
	base := t.Ticker
	if base == nil {
		base = plot.TickerFunc(niceTicks)
	}
	ts := base.Ticks(min, max)
	for i := range ts {
		if ts[i].Label != "" {
			ts[i].Label = Dollars(ts[i].Value)
		}
	}
	return ts
}

// percentTicks labels ticks of a 0..1 axis as percentages.
type percentTicks struct{}

func (percentTicks) Ticks(min, max float64) []plot.Tick {
	var ts []plot.Tick
	step := 0.2
	if max-min <= 0.5 {
		step = 0.1
	}
	if max-min <= 0.2 {
		step = 0.05
	}
	for v := math.Ceil(min/step-1e-9) * step; v <= max+1e-9; v += step {
		ts = append(ts, plot.Tick{Value: v, Label: Percent(v)})
	}
	return ts
}

// weekTicks marks a week axis by year when it spans two years or more.
type weekTicks struct{}

// byYears reports whether a week axis ending at rounds is labelled in
// years.
func byYears(rounds int) bool { return rounds >= 104 }

func (weekTicks) Ticks(min, max float64) []plot.Tick {
	if max-min < 104 {
		return niceTicks(min, max)
	}
	years := (max - min) / 52
	step := 1.0
	for _, s := range []float64{1, 2, 5, 10, 20, 50, 100} {
		step = s
		if years/s <= 12 {
			break
		}
	}
	var ts []plot.Tick
	for y := math.Ceil(min/52/step) * step; y*52 <= max+1e-9; y += step {
		ts = append(ts, plot.Tick{Value: y * 52, Label: strconv.FormatFloat(y, 'f', -1, 64)})
		if step == 1 && years <= 6 {
			// Quarter-year minor ticks on short runs.
			for q := 1; q < 4; q++ {
				if v := (y + float64(q)/4) * 52; v <= max {
					ts = append(ts, plot.Tick{Value: v})
				}
			}
		}
	}
	return ts
}

// weekAxisLabel is the label of a week axis over rounds weeks.
func weekAxisLabel(rounds int) string {
	if byYears(rounds) {
		return "Year (weekly meetings)"
	}
	return "Week"
}

// horizon says how long a run lasted: "10 years", "18 months", "30 weeks".
func horizon(rounds int) string {
	switch {
	case rounds == 52:
		return "1 year"
	case rounds%52 == 0:
		return fmt.Sprintf("%d years", rounds/52)
	case rounds > 104:
		return fmt.Sprintf("%.1f years", float64(rounds)/52)
	case rounds == 1:
		return "1 week"
	default:
		return fmt.Sprintf("%d weeks", rounds)
	}
}

// weekPhrase names a week, adding the year on long runs: "week 61 (year 1.2)".
func weekPhrase(week, rounds int) string {
	if byYears(rounds) && week >= 52 {
		return fmt.Sprintf("week %d (year %.1f)", week, float64(week)/52)
	}
	return fmt.Sprintf("week %d", week)
}

// symlog is a symmetric log transform: linear within ±c, logarithmic
// beyond, so that negative incomes and incomes a thousand times apart
// share one readable axis. Charts transform their values with f and mark
// the axis with Ticks, which labels transformed positions with the
// original dollars. (Transforming the data rather than setting an axis
// Scale keeps gonum/plot's label placement, which assumes a linear
// axis, right.)
type symlog struct{ c float64 }

// f maps a value to its position on the axis.
func (s symlog) f(x float64) float64 {
	return math.Copysign(math.Log10(1+math.Abs(x)/s.c), x)
}

// inv is the inverse of f.
func (s symlog) inv(y float64) float64 {
	return math.Copysign(s.c*(math.Pow(10, math.Abs(y))-1), y)
}

// span returns the axis range (transformed) that covers lo..hi out to
// whole labelled ticks (±c·10^k), and 0.
func (s symlog) span(lo, hi float64) (min, max float64) {
	out := func(v float64) float64 {
		if v == 0 {
			return 0
		}
		a := math.Abs(v)
		d := s.c
		for d < a*(1-1e-9) {
			d *= 10
		}
		return s.f(math.Copysign(d, v))
	}
	return math.Min(out(math.Min(lo, 0)), 0), math.Max(out(math.Max(hi, 0)), 0)
}

// Ticks marks 0 and ±c·10^k with dollar labels, and 2× and 5× minor
// ticks, at their transformed positions; min and max are transformed.
func (s symlog) Ticks(min, max float64) []plot.Tick {
	// Widen by a hair: inv(f(x)) may miss x by a rounding error.
	lo, hi := s.inv(min-1e-9), s.inv(max+1e-9)
	var ts []plot.Tick
	if lo <= 0 && hi >= 0 {
		ts = append(ts, plot.Tick{Value: 0, Label: "$0"})
	}
	for _, sign := range []float64{-1, 1} {
		for m := s.c; m <= 1e12; m *= 10 {
			for _, k := range []float64{1, 2, 5} {
				v := sign * m * k
				if v < lo || v > hi {
					continue
				}
				t := plot.Tick{Value: s.f(v)}
				if k == 1 {
					t.Label = Dollars(v)
				}
				ts = append(ts, t)
			}
		}
	}
	return ts
}

// useSymlog reports whether the largest magnitude among vals exceeds the
// median magnitude by more than ratio, so that a linear axis would
// flatten most of them.
func useSymlog(vals []float64, ratio float64) bool {
	var absMax float64
	var mags []float64
	for _, v := range vals {
		if math.IsNaN(v) {
			continue
		}
		a := math.Abs(v)
		absMax = max(absMax, a)
		mags = append(mags, a)
	}
	if len(mags) < 2 || absMax == 0 {
		return false
	}
	// Median magnitude against the largest.
	slices.Sort(mags)
	med := mags[len(mags)/2]
	return med == 0 || absMax/med > ratio
}

// symlogConstant picks the linear range of a symlog axis: a round power
// of ten near the smallest magnitudes of interest, at least $100.
func symlogConstant(vals []float64) float64 {
	var mags []float64
	for _, v := range vals {
		if !math.IsNaN(v) && v != 0 {
			mags = append(mags, math.Abs(v))
		}
	}
	if len(mags) == 0 {
		return 1000
	}
	slices.Sort(mags)
	q := mags[len(mags)/10]
	c := math.Pow(10, math.Floor(math.Log10(q)))
	return max(c, 100)
}
