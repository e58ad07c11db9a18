package chart

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// IndexSeries is one sensitivity index drawn for every parameter (a bar
// each) with its interval: Value[i], Low[i] and High[i] for parameter i
// (Low and High nil for no interval).
type IndexSeries struct {
	Name             string
	Value, Low, High []float64
}

// Indices draws sensitivity indices as horizontal grouped bars: one group
// per parameter, labels[i] naming parameter i (the first at the top, so
// pass them most influential first), one bar per series in the colours of
// the palette, each with its interval as a whisker. title should state the
// finding; xlabel says what the bars measure; opt gives the theme and the
// shape of the slide.
func Indices(labels []string, series []IndexSeries, xlabel, title, subtitle string, opt Options) (*Chart, error) {
	if len(labels) == 0 || len(series) == 0 {
		return nil, errors.New("chart: indices: nothing to draw")
	}
	for _, s := range series {
		if len(s.Value) != len(labels) || (s.Low != nil && len(s.Low) != len(labels)) || (s.High != nil && len(s.High) != len(labels)) {
			return nil, fmt.Errorf("chart: indices: series %q has %d values for %d parameters", s.Name, len(s.Value), len(labels))
		}
	}
	ch := newChart(title, subtitle, opt)
	p := ch.Plot
	p.Add(plotterGrid(true, opt.Theme))
	ink := opt.Theme.colours().ink
	n := len(labels)
	// Parameter i sits at y = n-1-i, so the first is at the top.
	vals := make([][]float64, len(series))
	cols := make([]color.RGBA, len(series))
	lo, hi := 0.0, 0.0
	for k, s := range series {
		vals[k] = make([]float64, n)
		for i := range n {
			vals[k][n-1-i] = s.Value[i]
			lo, hi = math.Min(lo, s.Value[i]), math.Max(hi, s.Value[i])
			if s.Low != nil {
				lo, hi = math.Min(lo, s.Low[i]), math.Max(hi, s.High[i])
			}
		}
		cols[k] = indexColour(k)
	}
	dataHeight := 5.2 * vg.Inch
	slot := dataHeight / vg.Length(n)
	bars, resize := groupedBars(p, vals, cols, slot, true)
	ws := whiskers{ink: ink}
	for k, s := range series {
		if k < len(bars) {
			ch.addKey(s.Name, swatch{cols[k]})
		}
		if s.Low == nil || k >= len(bars) {
			continue
		}
		for i := range n {
			ws.w = append(ws.w, whisker{Y: float64(n - 1 - i), Lo: s.Low[i], Hi: s.High[i], bar: bars[k]})
		}
	}
	if len(ws.w) > 0 {
		p.Add(ws)
		ch.addKey("interval", whiskerThumb{ink})
	}
	p.Add(rule{at: 0, vertical: true, style: draw.LineStyle{Color: ink, Width: vg.Points(1.5)}})
	ch.fit = func(w, h vg.Length) { resize(h / vg.Length(n)) }
	rev := make([]string, n)
	for i, l := range labels {
		rev[n-1-i] = l
	}
	p.Y.Tick.Marker = categoryTicks(rev)
	p.Y.Min, p.Y.Max = -0.5, float64(n)-0.5
	pad := 0.03 * (hi - lo)
	p.X.Min, p.X.Max = lo-pad, hi+pad
	p.X.Label.Text = xlabel
	return ch, nil
}

// indexColour keeps S1 blue and ST vermillion (and a third series
// orange), apart from the strategy colours' meaning.
func indexColour(k int) color.RGBA {
	switch k {
	case 0:
		return Colour(0)
	case 1:
		return Colour(2)
	}
	return Colour(k - 1)
}

// whisker is an interval drawn across a horizontal bar; it reads the
// bar's offset when drawn, since the bars are resized to the data area
// the slide gives them.
type whisker struct {
	Y, Lo, Hi float64
	bar       *plotter.BarChart
}

// whiskers are the intervals of a chart, drawn in ink.
type whiskers struct {
	w   []whisker
	ink color.Color
}

// Plot implements plot.Plotter.
func (ws whiskers) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	sty := draw.LineStyle{Color: ws.ink, Width: vg.Points(2.5)}
	end := vg.Points(7)
	for _, w := range ws.w {
		y := trY(w.Y) + w.bar.Offset
		x0, x1 := trX(w.Lo), trX(w.Hi)
		c.StrokeLine2(sty, x0, y, x1, y)
		c.StrokeLine2(sty, x0, y-end, x0, y+end)
		c.StrokeLine2(sty, x1, y-end, x1, y+end)
	}
}

// whiskerThumb is the legend entry of the intervals.
type whiskerThumb struct{ ink color.Color }

// Thumbnail implements plot.Thumbnailer.
func (t whiskerThumb) Thumbnail(c *draw.Canvas) {
	sty := draw.LineStyle{Color: t.ink, Width: vg.Points(2.5)}
	y := c.Center().Y
	c.StrokeLine2(sty, c.Min.X, y, c.Max.X, y)
	c.StrokeLine2(sty, c.Min.X, y-vg.Points(6), c.Min.X, y+vg.Points(6))
	c.StrokeLine2(sty, c.Max.X, y-vg.Points(6), c.Max.X, y+vg.Points(6))
}

// LogX puts the chart's x axis on a log scale with a tick at each of xs
// (three significant digits): for values spread evenly in their
// logarithms, such as bins of a log-uniform parameter range, which a
// linear axis would crowd at its low end.
func (ch *Chart) LogX(xs []float64) {
	ch.Plot.X.Scale = plot.LogScale{}
	ts := make([]plot.Tick, len(xs))
	for i, x := range xs {
		ts[i] = plot.Tick{Value: x, Label: strconv.FormatFloat(x, 'g', 3, 64)}
	}
	ch.Plot.X.Tick.Marker = plot.ConstantTicks(ts)
}
