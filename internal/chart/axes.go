package chart

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"

	"github.com/giversgain/giversgain/internal/findings"
)

// Dollars formats a dollar amount compactly in English for ticks and
// titles: $750, $12k, $1.2M, -$5k (findings.Numbers.Compact).
func Dollars(v float64) string { return findings.English.Num().Compact(v) }

// Count writes a count in English with thousands separated by commas:
// 336,000.
func Count(n int) string { return findings.English.Num().Count(n) }

// Percent formats a fraction as a whole percentage in English: 0.384 ->
// "38%".
func Percent(f float64) string { return findings.English.Num().Percent(f) }

// niceStep is a round step (1, 2, 2.5 or 5 times a power of ten) giving
// at most most+1 ticks over a span.
func niceStep(span float64, most int) float64 {
	step := math.Pow(10, math.Floor(math.Log10(span/5)))
	for _, m := range []float64{1, 2, 2.5, 5, 10, 20, 25, 50} {
		if span/(step*m) <= float64(most) {
			return step * m
		}
	}
	return step * 100
}

// niceTicks returns ticks at a round step over min..max, every one
// labelled by label: a tick without a label reads as a gap, and on a
// negative axis (givers losing money) the labels are the finding.
func niceTicks(min, max float64, label func(float64) string) []plot.Tick {
	return niceTicksN(min, max, 7, label)
}

// niceTicksN is niceTicks with at most most steps.
func niceTicksN(min, max float64, most int, label func(float64) string) []plot.Tick {
	if !(max > min) {
		return []plot.Tick{{Value: min, Label: label(min)}}
	}
	step := niceStep(max-min, most)
	var ts []plot.Tick
	for v := math.Ceil(min/step-1e-9) * step; v <= max+step*1e-9; v += step {
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		ts = append(ts, plot.Tick{Value: v, Label: label(v)})
	}
	return ts
}

// numberTicks labels round ticks with numbers in a language's notation.
type numberTicks struct{ n findings.Numbers }

// Ticks implements plot.Ticker.
func (t numberTicks) Ticks(min, max float64) []plot.Tick {
	return niceTicks(min, max, func(v float64) string { return t.n.Decimal(v, 6) })
}

// dollarTicks labels round ticks as dollars, at most most steps of them
// (0: seven); a horizontal axis sets most from the room its labels need
// (German writes thousands in full: 125.000 $), so that they never touch.
type dollarTicks struct {
	n    findings.Numbers
	most int
}

// Ticks implements plot.Ticker.
func (t dollarTicks) Ticks(min, max float64) []plot.Tick {
	most := t.most
	if most <= 0 {
		most = 7
	}
	return niceTicksN(min, max, most, t.n.Compact)
}

// fitTicks returns the most steps of dollar ticks over lo..hi that a
// horizontal axis of width w holds, its labels in sty with a gap of two
// em between them.
func fitTicks(n findings.Numbers, sty text.Style, lo, hi float64, w vg.Length) int {
	widest := vg.Length(0)
	for _, v := range []float64{lo, hi, -math.Max(math.Abs(lo), math.Abs(hi))} {
		widest = max(widest, sty.Width(n.Compact(v)))
	}
	return max(2, min(7, int(w/(widest+2*sty.Font.Size))))
}

// percentTicks labels ticks of a 0..1 axis as percentages.
type percentTicks struct{ n findings.Numbers }

// Ticks implements plot.Ticker.
func (t percentTicks) Ticks(min, max float64) []plot.Tick {
	var ts []plot.Tick
	step := 0.2
	if max-min <= 0.5 {
		step = 0.1
	}
	if max-min <= 0.2 {
		step = 0.05
	}
	for v := math.Ceil(min/step-1e-9) * step; v <= max+1e-9; v += step {
		ts = append(ts, plot.Tick{Value: v, Label: t.n.Percent(v)})
	}
	return ts
}

// weekTicks marks a week axis by year when it spans two years or more.
type weekTicks struct{ n findings.Numbers }

// Ticks implements plot.Ticker.
func (t weekTicks) Ticks(min, max float64) []plot.Tick {
	if !findings.ByYears(int(math.Round(max - min))) {
		return niceTicks(min, max, func(v float64) string { return t.n.Decimal(v, 6) })
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
			// Quarter-year minor ticks on short runs: the years are
			// labelled, the quarters are marks between them.
			for q := 1; q < 4; q++ {
				if v := (y + float64(q)/4) * 52; v <= max {
					ts = append(ts, plot.Tick{Value: v})
				}
			}
		}
	}
	return ts
}

// symlog is a symmetric log transform: linear within ±c, logarithmic
// beyond, so that negative incomes and incomes a thousand times apart
// share one readable axis (the professions chart of a catalogue from
// florists to realtors). Charts transform their values with f and mark
// the axis with Ticks, which labels transformed positions with the
// original dollars. (Transforming the data rather than setting an axis
// Scale keeps gonum/plot's label placement, which assumes a linear
// axis, right.)
type symlog struct {
	c float64
	n findings.Numbers
}

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

// Ticks marks 0 and ±c·10^k, each labelled in dollars, at their
// transformed positions; min and max are transformed.
func (s symlog) Ticks(min, max float64) []plot.Tick {
	// Widen by a hair: inv(f(x)) may miss x by a rounding error.
	lo, hi := s.inv(min-1e-9), s.inv(max+1e-9)
	var ts []plot.Tick
	if lo <= 0 && hi >= 0 {
		ts = append(ts, plot.Tick{Value: 0, Label: s.n.Compact(0)})
	}
	for _, sign := range []float64{-1, 1} {
		for m := s.c; m <= 1e12; m *= 10 {
			if v := sign * m; v >= lo && v <= hi {
				ts = append(ts, plot.Tick{Value: s.f(v), Label: s.n.Compact(v)})
			}
		}
	}
	return ts
}
