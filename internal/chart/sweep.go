package chart

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/giversgain/giversgain/internal/findings"
)

// Line is one strategy's curve on a sweep chart: Mean at each x, and its
// 95% interval Low..High (both nil for no band). Colour should be the
// strategy's entry of Colours, so that it matches the run charts; if nil
// it is Colour(i) for the line's index i in the slice.
type Line struct {
	Name            string
	Mean, Low, High []float64
	Colour          color.Color
}

// Format is how a sweep chart writes the values it plots.
type Format int

const (
	// Number: plain numbers.
	Number Format = iota
	// Money: dollars.
	Money
	// Share: percentages of 0..1 values.
	Share
)

// ticker is the tick marker of a value axis in format f.
func (f Format) ticker(n findings.Numbers) plot.Ticker {
	switch f {
	case Money:
		return dollarTicks{n: n}
	case Share:
		return percentTicks{n}
	}
	return numberTicks{n}
}

// cell writes one value in format f, rounded to fit a heat map's cell.
func (f Format) cell(n findings.Numbers, v float64) string {
	switch f {
	case Money:
		return n.Round(v)
	case Share:
		return n.Percent(v)
	}
	return n.Decimal(v, 2)
}

// logSpaced reports whether xs are all positive and span two orders of
// magnitude or more, as a log-range sweep axis does.
func logSpaced(xs []float64) bool {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, x := range xs {
		if !(x > 0) {
			return false
		}
		lo, hi = math.Min(lo, x), math.Max(hi, x)
	}
	return len(xs) > 1 && hi/lo >= 100
}

// SweepLines draws one line per strategy over a swept parameter, with
// points at the swept values and 95% bands. The x axis is logarithmic
// when xs are positive and span two orders of magnitude. Values are
// written in format f. Words: Title, Subtitle, X, Y, Interval (the
// lines' names come with the lines).
func SweepLines(s findings.Slide, xs []float64, lines []Line, f Format, opt Options) (*Chart, error) {
	if len(xs) == 0 {
		return nil, errors.New("chart: sweep has no points")
	}
	if len(lines) == 0 {
		return nil, errors.New("chart: sweep has no lines")
	}
	for _, l := range lines {
		if len(l.Mean) != len(xs) {
			return nil, fmt.Errorf("chart: line %q has %d means for %d points", l.Name, len(l.Mean), len(xs))
		}
		if (l.Low == nil) != (l.High == nil) || (l.Low != nil && (len(l.Low) != len(xs) || len(l.High) != len(xs))) {
			return nil, fmt.Errorf("chart: line %q: Low and High must both be nil or have %d values", l.Name, len(xs))
		}
	}
	ch := newChart(s.Title, s.Subtitle, opt)
	n := opt.num()
	p := ch.Plot
	p.Add(plotterGrid(true, opt.Theme))
	var fg []plot.Plotter
	for i, l := range lines {
		c := l.Colour
		if c == nil {
			c = Colour(i)
		}
		r, g, b, _ := c.RGBA()
		rgba := color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 0xFF}
		if l.Low != nil {
			if bd := band(xs, l.Low, l.High, rgba); bd != nil {
				p.Add(bd)
			}
		}
		ln := line(xs, l.Mean, c, LineWidth)
		if ln == nil {
			continue
		}
		sc, err := plotter.NewScatter(ln.XYs)
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: c, Radius: vg.Points(6), Shape: draw.CircleGlyph{}}
		fg = append(fg, ln, sc)
		ch.addKey(l.Name, ln, sc)
	}
	p.Add(fg...)
	if lines[0].Low != nil && s.Interval != "" {
		ch.addKey(s.Interval, swatch{translucent(color.RGBA{0x80, 0x80, 0x80, 0xFF}, 0.4)})
	}
	p.X.Label.Text, p.Y.Label.Text = s.X, s.Y
	p.Y.Tick.Marker = f.ticker(n)
	switch {
	case logSpaced(xs):
		p.X.Scale = plot.LogScale{}
		p.X.Tick.Marker = plot.LogTicks{Prec: -1}
	case len(xs) <= 12:
		p.X.Tick.Marker = valueTicks(xs, n)
	default:
		p.X.Tick.Marker = numberTicks{n}
	}
	return ch, nil
}

// valueTicks labels each swept value.
func valueTicks(xs []float64, n findings.Numbers) plot.Ticker {
	var ts []plot.Tick
	for _, x := range xs {
		ts = append(ts, plot.Tick{Value: x, Label: axisValue(x, n)})
	}
	return plot.ConstantTicks(ts)
}

// axisValue writes a swept value with up to four significant digits.
func axisValue(x float64, n findings.Numbers) string {
	s := strconv.FormatFloat(x, 'g', 4, 64)
	if strings.ContainsAny(s, "e") {
		return s
	}
	return strings.Replace(s, ".", n.DecimalMark, 1)
}

// cellPositions returns where to draw the cells of axis values vs: at the
// values themselves when they are evenly spaced (to within 1%), otherwise
// at 0, 1, 2, ... (scaled false).
func cellPositions(vs []float64) (pos []float64, scaled bool) {
	lo, hi := math.Inf(1), 0.0
	for i := 1; i < len(vs); i++ {
		gap := vs[i] - vs[i-1]
		lo, hi = math.Min(lo, gap), math.Max(hi, gap)
	}
	if hi <= 1.01*lo {
		return vs, true
	}
	pos = make([]float64, len(vs))
	for i := range pos {
		pos[i] = float64(i)
	}
	return pos, false
}

// cellTicks labels each cell position with its axis value.
func cellTicks(vs, pos []float64, n findings.Numbers) plot.Ticker {
	ts := make([]plot.Tick, len(vs))
	for i, v := range vs {
		ts[i] = plot.Tick{Value: pos[i], Label: axisValue(v, n)}
	}
	return plot.ConstantTicks(ts)
}

// grid adapts z[i][j] at (xs[i], ys[j]) to plotter.GridXYZ.
type grid struct {
	xs, ys []float64
	z      [][]float64
}

func (g grid) Dims() (c, r int)   { return len(g.xs), len(g.ys) }
func (g grid) Z(c, r int) float64 { return g.z[c][r] }
func (g grid) X(c int) float64    { return g.xs[c] }
func (g grid) Y(r int) float64    { return g.ys[r] }

func ascending(xs []float64) bool {
	for i := 1; i < len(xs); i++ {
		if !(xs[i] > xs[i-1]) {
			return false
		}
	}
	return true
}

// Heatmap draws z[i][j], the value at (xs[i], ys[j]), as a heat map with a
// colour bar: a diverging colour-blind-safe palette (ColorBrewer RdBu;
// red below zero, white at zero, blue above) symmetric around zero, with
// the zero contour drawn as a thick black line and, on small grids, each
// cell's value written in it on a patch of the cell's colour, so that the
// zero line passes behind the number instead of through it. xs and ys
// must be ascending with at least two values each; NaN cells are grey.
// Values are written in format f. Words: Title, Subtitle, X, Y, Keys[0]
// (the colour bar's title).
func Heatmap(s findings.Slide, xs, ys []float64, z [][]float64, f Format, opt Options) (*Chart, error) {
	if len(xs) < 2 || len(ys) < 2 {
		return nil, errors.New("chart: a heat map needs at least two values on each axis (use SweepLines for one axis)")
	}
	if !ascending(xs) || !ascending(ys) {
		return nil, errors.New("chart: heat map axis values must be strictly ascending")
	}
	if len(z) != len(xs) {
		return nil, fmt.Errorf("chart: z has %d columns for %d x values", len(z), len(xs))
	}
	m := 0.0
	for i, col := range z {
		if len(col) != len(ys) {
			return nil, fmt.Errorf("chart: z[%d] has %d values for %d y values", i, len(col), len(ys))
		}
		for _, v := range col {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				m = math.Max(m, math.Abs(v))
			}
		}
	}
	if m == 0 {
		m = 1
	}
	// Unevenly spaced values (a visibility axis fine near zero and coarse
	// above) would crush the fine cells into slivers: such an axis is drawn
	// as equal cells in order, labelled with the values, and says so.
	xp, xScaled := cellPositions(xs)
	yp, yScaled := cellPositions(ys)
	g := grid{xp, yp, z}
	cmap := &diverging{min: -m, max: m}
	n := opt.num()
	ch := newChart(s.Title, s.Subtitle, opt)
	p := ch.Plot
	hm := plotter.NewHeatMap(g, cmap.Palette(255))
	hm.Min, hm.Max = -m, m
	hm.NaN = color.Gray{Y: 0xBB}
	hm.Rasterized = len(xs)*len(ys) > 2500
	p.Add(hm)
	ct := plotter.NewContour(g, []float64{0}, palette.Palette(onePalette{color.Black}))
	ct.LineStyles = []draw.LineStyle{{Color: color.Black, Width: vg.Points(4)}}
	p.Add(ct)
	cb := newPlot(opt.Theme)
	zTitle := ""
	if len(s.Keys) > 0 {
		zTitle = s.Keys[0]
	}
	var cells []float64
	if len(xs) <= 12 && len(ys) <= 12 {
		var ms marks
		for i := range xs {
			for j := range ys {
				v := z[i][j]
				if math.IsNaN(v) {
					continue
				}
				c := color.Color(color.Black)
				if math.Abs(v)/m > 0.6 {
					c = color.White
				}
				back, _ := cmap.At(v)
				ms = append(ms, mark{X: xp[i], Y: yp[j], Text: f.cell(n, v), Style: labelled(c, draw.XCenter, draw.YCenter), Back: back})
				cells = append(cells, v)
			}
		}
		p.Add(ms)
		// Amounts too wide for their cells (German writes thousands in
		// full: -27.000 $) are written in thousands, the unit said once
		// in the colour bar's title.
		ch.fit = func(w, _ vg.Length) {
			// Axis values too wide for their cells stand upright.
			cell := w / vg.Length(len(xs))
			p.X.Tick.Label.Rotation, p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = 0, draw.XCenter, draw.YTop
			for _, x := range xs {
				if p.X.Tick.Label.Width(axisValue(x, n)) > 0.9*cell {
					p.X.Tick.Label.Rotation, p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = math.Pi/2, draw.XRight, draw.YCenter
					break
				}
			}
			// Each cell's number in the first way that fits: as the
			// format writes it, in thousands with a decimal, in whole
			// thousands, or not at all (the colour still says it).
			ways := []func(float64) string{func(v float64) string { return f.cell(n, v) }}
			if f == Money {
				ways = append(ways, func(v float64) string { return n.Decimal(v/1000, 1) }, func(v float64) string { return n.Decimal(v/1000, 0) })
			}
			ways = append(ways, func(float64) string { return "" })
			way := 0
			for ; way < len(ways)-1; way++ {
				fits := true
				for k := range ms {
					fits = fits && ms[k].Style.Width(ways[way](cells[k])) <= 0.92*cell
				}
				if fits {
					break
				}
			}
			for k := range ms {
				ms[k].Text = ways[way](cells[k])
			}
			cb.Y.Label.Text, cb.Y.Tick.Marker = zTitle, f.ticker(n)
			if f == Money && way > 0 {
				cb.Y.Label.Text = zTitle + " " + opt.Words.L().Term("in-thousands")
				cb.Y.Tick.Marker = plot.TickerFunc(func(min, max float64) []plot.Tick {
					return niceTicks(min, max, func(v float64) string { return n.Decimal(v/1000, 1) })
				})
			}
		}
	}
	l := opt.Words.L()
	p.X.Label.Text, p.Y.Label.Text = s.X, s.Y
	if !xScaled {
		p.X.Label.Text += l.Term("not-to-scale")
	}
	if !yScaled {
		p.Y.Label.Text += l.Term("not-to-scale-y")
	}
	if len(xs) <= 12 || !xScaled {
		p.X.Tick.Marker = cellTicks(xs, xp, n)
	}
	if len(ys) <= 12 || !yScaled {
		p.Y.Tick.Marker = cellTicks(ys, yp, n)
	}
	p.X.Padding, p.Y.Padding = 0, 0

	cb.HideX()
	cb.Add(&plotter.ColorBar{ColorMap: cmap, Vertical: true})
	cb.Add(rule{at: 0, style: draw.LineStyle{Color: color.Black, Width: vg.Points(4)}})
	cb.Y.Min, cb.Y.Max = -m, m
	cb.Y.Label.Text = zTitle
	cb.Y.Tick.Marker = f.ticker(n)
	cb.Y.Padding = 0
	ch.colorBar = cb
	return ch, nil
}

// onePalette is a palette of the given colours.
type onePalette []color.Color

// Colors implements palette.Palette.
func (p onePalette) Colors() []color.Color { return p }

// rdBu is ColorBrewer's RdBu diverging scheme (11 classes), colour-blind
// safe, from dark red to dark blue through near-white.
var rdBu = [...]color.RGBA{
	{0x67, 0x00, 0x1f, 0xff}, {0xb2, 0x18, 0x2b, 0xff}, {0xd6, 0x60, 0x4d, 0xff},
	{0xf4, 0xa5, 0x82, 0xff}, {0xfd, 0xdb, 0xc7, 0xff}, {0xf7, 0xf7, 0xf7, 0xff},
	{0xd1, 0xe5, 0xf0, 0xff}, {0x92, 0xc5, 0xde, 0xff}, {0x43, 0x93, 0xc3, 0xff},
	{0x21, 0x66, 0xac, 0xff}, {0x05, 0x30, 0x61, 0xff},
}

// diverging is a continuous palette.ColorMap interpolating rdBu between
// min and max (white at their midpoint).
type diverging struct {
	min, max float64
}

// At implements palette.ColorMap.
func (d *diverging) At(v float64) (color.Color, error) {
	if math.IsNaN(v) {
		return nil, palette.ErrNaN
	}
	if v < d.min {
		return nil, palette.ErrUnderflow
	}
	if v > d.max {
		return nil, palette.ErrOverflow
	}
	t := 0.5
	if d.max > d.min {
		t = (v - d.min) / (d.max - d.min)
	}
	f := t * float64(len(rdBu)-1)
	i := min(int(f), len(rdBu)-2)
	u := f - float64(i)
	a, b := rdBu[i], rdBu[i+1]
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*(1-u) + float64(y)*u)) }
	return color.RGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 0xff}, nil
}

// Max implements palette.ColorMap.
func (d *diverging) Max() float64 { return d.max }

// SetMax implements palette.ColorMap.
func (d *diverging) SetMax(v float64) { d.max = v }

// Min implements palette.ColorMap.
func (d *diverging) Min() float64 { return d.min }

// SetMin implements palette.ColorMap.
func (d *diverging) SetMin(v float64) { d.min = v }

// Alpha implements palette.ColorMap; the map is always opaque.
func (d *diverging) Alpha() float64 { return 1 }

// SetAlpha implements palette.ColorMap; it is ignored.
func (d *diverging) SetAlpha(float64) {}

// Palette implements palette.ColorMap.
func (d *diverging) Palette(n int) palette.Palette {
	out := make(onePalette, n)
	for i := range out {
		t := 0.5
		if n > 1 {
			t = float64(i) / float64(n-1)
		}
		c, _ := d.At(d.min + t*(d.max-d.min))
		out[i] = c
	}
	return out
}
