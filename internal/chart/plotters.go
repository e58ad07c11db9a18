package chart

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/giversgain/giversgain/internal/findings"
)

// plotterGrid returns light grid lines behind the data.
func plotterGrid(vertical bool, t Theme) *plotter.Grid {
	g := plotter.NewGrid()
	g.Horizontal.Color = t.colours().grid
	g.Horizontal.Width = vg.Points(1)
	if vertical {
		g.Vertical.Color = t.colours().grid
		g.Vertical.Width = vg.Points(1)
	} else {
		g.Vertical.Width = 0
	}
	return g
}

// band returns a translucent polygon between low and high over xs.
// Undefined (NaN) points are skipped.
func band(xs, low, high []float64, c color.RGBA) *plotter.Polygon {
	var pts plotter.XYs
	for i, x := range xs {
		if !math.IsNaN(low[i]) && !math.IsNaN(high[i]) {
			pts = append(pts, plotter.XY{X: x, Y: low[i]})
		}
	}
	for i := len(xs) - 1; i >= 0; i-- {
		if !math.IsNaN(low[i]) && !math.IsNaN(high[i]) {
			pts = append(pts, plotter.XY{X: xs[i], Y: high[i]})
		}
	}
	if len(pts) < 3 {
		return nil
	}
	poly, err := plotter.NewPolygon(pts)
	if err != nil {
		return nil
	}
	poly.Color = translucent(c, 0.22)
	poly.LineStyle.Width = 0
	return poly
}

// line returns a thick line through the defined points of ys over xs.
func line(xs, ys []float64, c color.Color, width float64) *plotter.Line {
	var pts plotter.XYs
	for i, x := range xs {
		if !math.IsNaN(ys[i]) && !math.IsInf(ys[i], 0) {
			pts = append(pts, plotter.XY{X: x, Y: ys[i]})
		}
	}
	if len(pts) == 0 {
		return nil
	}
	l, err := plotter.NewLine(pts)
	if err != nil {
		return nil
	}
	l.Color = c
	l.Width = vg.Points(width)
	return l
}

// rule is a vertical (or horizontal) line across the whole data area,
// whatever the axis range.
type rule struct {
	at       float64
	vertical bool
	style    draw.LineStyle
}

// Plot implements plot.Plotter.
func (r rule) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	if r.vertical {
		x := trX(r.at)
		c.StrokeLine2(r.style, x, c.Min.Y, x, c.Max.Y)
		return
	}
	y := trY(r.at)
	c.StrokeLine2(r.style, c.Min.X, y, c.Max.X, y)
}

// mark is a text written on the data at (X, Y), offset in points.
type mark struct {
	X, Y   float64
	Text   string
	Style  text.Style
	Offset vg.Point
	// Top pins the mark to the top of the data area instead of Y; Bottom
	// to its bottom. A pinned mark takes no room from the data (it has no
	// glyph box), so it can move between an animation's frames without
	// shifting the axes.
	Top, Bottom bool
	// Back, if set, fills a box behind the text, so that a line under
	// it (a heat map's zero line) does not strike through it.
	Back color.Color
}

// marks draws texts at data coordinates.
type marks []mark

// Plot implements plot.Plotter.
func (ms marks) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, m := range ms {
		pt := vg.Point{X: trX(m.X), Y: trY(m.Y)}
		switch {
		case m.Top:
			pt.Y = c.Max.Y
		case m.Bottom:
			pt.Y = c.Min.Y
		}
		pt = pt.Add(m.Offset)
		if m.Back != nil {
			pad := vg.Points(3)
			r := m.Style.Rectangle(m.Text).Add(pt)
			r.Min, r.Max = r.Min.Sub(vg.Point{X: pad, Y: pad}), r.Max.Add(vg.Point{X: pad, Y: pad})
			c.SetColor(m.Back)
			c.Fill(r.Path())
		}
		c.FillText(m.Style, pt, m.Text)
	}
}

// GlyphBoxes implements plot.GlyphBoxer so that marks near an edge are
// not clipped.
func (ms marks) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	var bs []plot.GlyphBox
	for _, m := range ms {
		if m.Top || m.Bottom {
			continue
		}
		r := m.Style.Rectangle(m.Text)
		bs = append(bs, plot.GlyphBox{
			X: p.X.Norm(m.X), Y: p.Y.Norm(m.Y),
			Rectangle: r.Add(m.Offset),
		})
	}
	return bs
}

// swatch is a legend thumbnail: a filled square.
type swatch struct{ c color.Color }

// Thumbnail implements plot.Thumbnailer.
func (s swatch) Thumbnail(c *draw.Canvas) {
	h := c.Max.Y - c.Min.Y
	r := vg.Rectangle{Min: vg.Point{X: c.Min.X, Y: c.Min.Y}, Max: vg.Point{X: c.Min.X + min(h*1.6, c.Max.X-c.Min.X), Y: c.Max.Y}}
	c.SetColor(s.c)
	c.Fill(r.Path())
}

// boxes draws one box plot per strategy from findings.Distribution: the
// box from the first to the third quartile in the strategy's colour, the
// median as a thick bar, whiskers with caps to the furthest members within
// 1.5 IQR of the box, and the members beyond them as dots, but only those
// within the axis range: members beyond it are counted in notes at the
// edge instead, so that the boxes keep a linear axis a room can read.
type boxes struct {
	d       findings.Distribution
	colours []color.RGBA
	width   vg.Length
	ink     color.Color
}

// Plot implements plot.Plotter.
func (b *boxes) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	line := func(w float64) draw.LineStyle { return draw.LineStyle{Color: b.ink, Width: vg.Points(w)} }
	for s := range b.d.Members {
		if b.d.Members[s] == 0 {
			continue
		}
		x := trX(float64(s))
		q, wh := b.d.Quartiles[s], b.d.Whiskers[s]
		// Dots first, under the box.
		dot := draw.GlyphStyle{Color: translucent(b.colours[s], 0.35), Radius: vg.Points(2.5), Shape: draw.CircleGlyph{}}
		for _, v := range b.d.Incomes(s) {
			if (v < wh[0] || v > wh[1]) && v >= b.d.Lo && v <= b.d.Hi {
				c.DrawGlyph(dot, vg.Point{X: x, Y: trY(v)})
			}
		}
		half, cap := b.width/2, b.width/4
		c.StrokeLine2(line(2), x, trY(wh[0]), x, trY(q[0]))
		c.StrokeLine2(line(2), x, trY(q[1]), x, trY(wh[1]))
		c.StrokeLine2(line(2), x-cap, trY(wh[0]), x+cap, trY(wh[0]))
		c.StrokeLine2(line(2), x-cap, trY(wh[1]), x+cap, trY(wh[1]))
		box := vg.Rectangle{Min: vg.Point{X: x - half, Y: trY(q[0])}, Max: vg.Point{X: x + half, Y: trY(q[1])}}
		c.SetColor(b.colours[s])
		c.Fill(box.Path())
		c.SetLineStyle(line(2))
		c.Stroke(box.Path())
		c.StrokeLine2(line(4), x-half, trY(b.d.Medians[s]), x+half, trY(b.d.Medians[s]))
	}
}

// DataRange implements plot.DataRanger.
func (b *boxes) DataRange() (xmin, xmax, ymin, ymax float64) {
	return -0.5, float64(len(b.d.Members)) - 0.5, b.d.Lo, b.d.Hi
}

// labelled returns a text style for annotations of the given colour.
func labelled(c color.Color, xa draw.XAlignment, ya draw.YAlignment) text.Style {
	s := style(sans, AnnotationSize, c)
	s.XAlign, s.YAlign = xa, ya
	return s
}
