package chart

import (
	"image/color"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/giversgain/giversgain/internal/findings"
	"github.com/giversgain/giversgain/sim"
)

// ShareAxes gives every chart of charts the union of their axis ranges,
// on x when x and on y when y, so that charts shown side by side (one per
// scenario) share one scale: the same height is the same dollars on every
// slide. Charts whose values are transformed (a symmetric log axis) must
// share the transform first (findings.ShareScales).
func ShareAxes(charts []*Chart, x, y bool) {
	if len(charts) < 2 {
		return
	}
	xl, xh, yl, yh := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, c := range charts {
		xl, xh = math.Min(xl, c.Plot.X.Min), math.Max(xh, c.Plot.X.Max)
		yl, yh = math.Min(yl, c.Plot.Y.Min), math.Max(yh, c.Plot.Y.Max)
	}
	for _, c := range charts {
		if x {
			c.Plot.X.Min, c.Plot.X.Max = xl, xh
			roundOut(&c.Plot.X)
		}
		if y {
			c.Plot.Y.Min, c.Plot.Y.Max = yl, yh
			roundOut(&c.Plot.Y)
		}
	}
}

// roundOut widens an axis to its next labelled ticks when they are
// evenly spaced (a linear axis), so that each end of a shared scale is
// labelled: a top at $92k gets its $100k.
func roundOut(a *plot.Axis) {
	var at []float64
	for _, t := range a.Tick.Marker.Ticks(a.Min, a.Max) {
		if t.Label != "" {
			at = append(at, t.Value)
		}
	}
	if len(at) < 2 {
		return
	}
	step := at[1] - at[0]
	for i := 2; i < len(at); i++ {
		if math.Abs(at[i]-at[i-1]-step) > 1e-9*math.Abs(step) {
			return // not linear
		}
	}
	if step <= 0 {
		return
	}
	a.Min = math.Floor(a.Min/step+1e-9) * step
	a.Max = math.Ceil(a.Max/step-1e-9) * step
}

// Scenario is one scenario on the scenario slide: its strategies' kinds
// and labels (their names in the slide's language), in config order, and
// their final net income per member.
type Scenario struct {
	Kinds, Labels []string
	Final         []sim.Stat
}

// Scenarios draws the scenario slide of a comparison: one group of bars
// per scenario, a bar per strategy at its mean final net income per
// member with its 95% interval as a thin line, every scenario on one
// scale. A strategy has the colour it has on its scenario's own charts
// (Colours of its kinds); the legend names each colour once, with the
// labels of every strategy drawn in it ("selfless / giver"). Words:
// Title, Subtitle, Y, Ticks (one per scenario), Interval.
func Scenarios(sc []Scenario, s findings.Slide, opt Options) *Chart {
	type entry struct {
		colour color.RGBA
		labels []string
	}
	var legend []entry
	pals := make([][]color.RGBA, len(sc))
	for i, c := range sc {
		pals[i] = opt.palette(c.Kinds)
		for j, label := range c.Labels {
			k := slices.IndexFunc(legend, func(e entry) bool { return e.colour == pals[i][j] })
			if k < 0 {
				legend = append(legend, entry{colour: pals[i][j]})
				k = len(legend) - 1
			}
			if !slices.Contains(legend[k].labels, label) {
				legend[k].labels = append(legend[k].labels, label)
			}
		}
	}
	col := opt.Theme.colours()
	ch := newChart(s.Title, s.Subtitle, opt)
	p := ch.Plot
	p.Add(plotterGrid(false, opt.Theme))
	bs := scenarioBars{ink: col.ink}
	var ms marks
	most := 0
	for _, c := range sc {
		most = max(most, len(c.Labels))
	}
	upright := most > 3
	for i, c := range sc {
		m := len(c.Labels)
		w := 0.8 / float64(max(m, 1))
		for j := range c.Labels {
			st := c.Final[j]
			if st.N == 0 {
				continue
			}
			x := float64(i) + (float64(j)-float64(m-1)/2)*w
			lo, hi := st.Mean, st.Mean
			if st.N >= 2 {
				lo, hi = st.Low, st.High
			}
			bs.bars = append(bs.bars, scenarioBar{x: x, w: w * 0.9, mean: st.Mean, lo: lo, hi: hi, colour: pals[i][j]})
			sty := labelled(col.ink, draw.XCenter, draw.YBottom)
			at, off := math.Max(st.Mean, hi), vg.Points(4)
			if st.Mean < 0 {
				sty.YAlign, at, off = draw.YTop, math.Min(st.Mean, lo), -off
			}
			if upright {
				sty = labelled(col.ink, draw.XLeft, draw.YCenter)
				sty.Rotation = math.Pi / 2
				if st.Mean < 0 {
					sty.XAlign = draw.XRight
				}
			}
			ms = append(ms, mark{X: x, Y: at, Text: opt.num().Compact(st.Mean), Style: sty, Offset: vg.Point{Y: off}})
		}
	}
	p.Add(bs, ms)
	for _, e := range legend {
		ch.addKey(strings.Join(e.labels, " / "), swatch{e.colour})
	}
	if s.Interval != "" {
		ch.addKey(s.Interval, errorThumb{col.ink})
	}
	lo, hi := bs.yRange()
	// Room beyond the longest bar and interval for the values written
	// on them, on whichever side of zero they lie.
	if room := 0.1 * (hi - lo); room > 0 {
		p.Y.Min, p.Y.Max = lo, hi
		if lo < 0 {
			p.Y.Min = lo - room
		}
		if hi > 0 {
			p.Y.Max = hi + room
		}
	}
	if lo < 0 && hi > 0 {
		p.Add(rule{at: 0, style: draw.LineStyle{Color: col.zero, Width: vg.Points(1.5)}})
	}
	p.X.Tick.Marker = categoryTicks(s.Ticks)
	p.X.Min, p.X.Max = -0.5, float64(len(sc))-0.5
	p.X.Label.Text, p.Y.Label.Text = s.X, s.Y
	p.Y.Tick.Marker = dollarTicks{n: opt.num()}
	return ch
}

// scenarioBar is one bar of the scenario slide, in data units.
type scenarioBar struct {
	x, w, mean, lo, hi float64
	colour             color.Color
}

// scenarioBars draws bars from zero to their mean, each with its
// interval as a thin line with caps.
type scenarioBars struct {
	bars []scenarioBar
	ink  color.Color
}

// Plot implements plot.Plotter.
func (b scenarioBars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	line := draw.LineStyle{Color: b.ink, Width: vg.Points(2)}
	for _, r := range b.bars {
		x0, x1 := trX(r.x-r.w/2), trX(r.x+r.w/2)
		y0, y1 := trY(0), trY(r.mean)
		c.SetColor(r.colour)
		c.Fill(vg.Rectangle{Min: vg.Point{X: x0, Y: min(y0, y1)}, Max: vg.Point{X: x1, Y: max(y0, y1)}}.Path())
		if r.hi > r.lo {
			xm, cap := trX(r.x), (x1-x0)/6
			c.StrokeLine2(line, xm, trY(r.lo), xm, trY(r.hi))
			c.StrokeLine2(line, xm-cap, trY(r.lo), xm+cap, trY(r.lo))
			c.StrokeLine2(line, xm-cap, trY(r.hi), xm+cap, trY(r.hi))
		}
	}
}

// yRange is the range of the bars and their intervals, and zero.
func (b scenarioBars) yRange() (lo, hi float64) {
	for _, r := range b.bars {
		lo, hi = math.Min(lo, math.Min(r.mean, r.lo)), math.Max(hi, math.Max(r.mean, r.hi))
	}
	return lo, hi
}

// DataRange implements plot.DataRanger.
func (b scenarioBars) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = math.Inf(1), math.Inf(-1)
	for _, r := range b.bars {
		xmin, xmax = math.Min(xmin, r.x-r.w/2), math.Max(xmax, r.x+r.w/2)
	}
	ymin, ymax = b.yRange()
	return xmin, xmax, ymin, ymax
}

// errorThumb is a legend thumbnail of an interval: a thin line with caps.
type errorThumb struct{ ink color.Color }

// Thumbnail implements plot.Thumbnailer.
func (e errorThumb) Thumbnail(c *draw.Canvas) {
	line := draw.LineStyle{Color: e.ink, Width: vg.Points(2)}
	x := (c.Min.X + c.Max.X) / 2
	c.StrokeLine2(line, x, c.Min.Y, x, c.Max.Y)
	c.StrokeLine2(line, x-vg.Points(5), c.Min.Y, x+vg.Points(5), c.Min.Y)
	c.StrokeLine2(line, x-vg.Points(5), c.Max.Y, x+vg.Points(5), c.Max.Y)
}
