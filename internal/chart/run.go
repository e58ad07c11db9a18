package chart

import (
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/giversgain/giversgain/internal/findings"
	"github.com/giversgain/giversgain/sim"
)

// dataWidth is roughly the width of the data area of a chart with a legend
// column, a first size of bars (gonum/plot sizes bars in absolute
// lengths); Chart.fitTo sizes them to the data area they get.
const (
	dataWidthKeyed = 9.0 * vg.Inch
	dataHeight     = 5.0 * vg.Inch
)

// series plots lines with 95% bands per strategy over the weeks up to
// upTo (an animation's frame; res.Rounds for the whole run), from
// stats[s][week-1], with the strategies (keys) in the legend column and
// the bands' entry (interval) after them. The x axis spans the whole run
// either way.
func series(ch *Chart, res *sim.Result, stats [][]sim.Stat, keys []string, interval string, upTo int) (lo, hi float64) {
	pal := ch.opt.palette(res.Kinds)
	xs := make([]float64, min(upTo, res.Rounds))
	for r := range xs {
		xs[r] = float64(r + 1)
	}
	lo, hi = math.Inf(1), math.Inf(-1)
	var lines []*plotter.Line
	for s := range res.Strategies {
		st := stats[s][:min(len(xs), len(stats[s]))]
		mean, low, high := make([]float64, len(st)), make([]float64, len(st)), make([]float64, len(st))
		for r, v := range st {
			mean[r], low[r], high[r] = math.NaN(), math.NaN(), math.NaN()
			if v.N > 0 {
				mean[r], low[r], high[r] = v.Mean, v.Low, v.High
				lo, hi = math.Min(lo, v.Low), math.Max(hi, v.High)
			}
		}
		if b := band(xs, low, high, pal[s]); b != nil {
			ch.Plot.Add(b)
		}
		l := line(xs, mean, pal[s], LineWidth)
		lines = append(lines, l)
		if l != nil && s < len(keys) {
			ch.addKey(keys[s], l)
		}
	}
	for _, l := range lines {
		if l != nil {
			ch.Plot.Add(l)
		}
	}
	if interval != "" {
		ch.addKey(interval, swatch{translucent(color.RGBA{0x80, 0x80, 0x80, 0xFF}, 0.4)})
	}
	ch.Plot.X.Min, ch.Plot.X.Max = 0, float64(res.Rounds)
	ch.Plot.X.Tick.Marker = weekTicks{ch.opt.num()}
	return lo, hi
}

// zeroRule marks zero on the y axis when lo..hi crosses it.
func zeroRule(ch *Chart, lo, hi float64) {
	if lo < 0 && hi > 0 {
		ch.Plot.Add(rule{at: 0, style: draw.LineStyle{Color: ch.opt.Theme.colours().zero, Width: vg.Points(1.5)}})
	}
}

// Income draws mean cumulative net income per member of each strategy
// over the weeks, with 95% bands, and marks the payback week (from which
// givers' mean income stays above takers'), labelled s.Mark, when there is
// one. Under evolution it draws what holding each strategy paid per week
// instead (findings.Rate): a cumulative income would carry what switching
// members earned before and jump when they switch. Words: Title,
// Subtitle, X, Y, Keys (one per strategy), Interval, Mark.
func Income(run *findings.Run, s findings.Slide, opt Options) *Chart {
	return incomeUpTo(run, s, opt, run.Res.Rounds)
}

// incomeUpTo is Income drawn up to week upTo: an animation's frame, which
// marks the payback week only once it has come.
func incomeUpTo(run *findings.Run, s findings.Slide, opt Options, upTo int) *Chart {
	res := run.Res
	ch := newChart(s.Title, s.Subtitle, opt)
	ch.Plot.Add(plotterGrid(false, opt.Theme))
	stats := res.Series[sim.Income]
	if run.Rate.Defined {
		stats = run.Rate.Series
	}
	lo, hi := series(ch, res, stats, s.Keys, s.Interval, upTo)
	ch.Plot.X.Label.Text, ch.Plot.Y.Label.Text = s.X, s.Y
	ch.Plot.Y.Min = math.Min(ch.Plot.Y.Min, 0)
	ch.Plot.Y.Tick.Marker = dollarTicks{n: opt.num()}
	zeroRule(ch, lo, hi)
	if !run.Rate.Defined && res.Payback.Defined && res.Payback.Round > 0 && res.Payback.Round <= upTo && s.Mark != "" {
		r := res.Payback.Round
		ink := opt.Theme.colours().ink
		ch.Plot.Add(rule{at: float64(r), vertical: true, style: draw.LineStyle{
			Color: ink, Width: vg.Points(2), Dashes: []vg.Length{vg.Points(8), vg.Points(6)}}})
		sty := labelled(ink, draw.XLeft, draw.YTop)
		sty.Font.Size = LegendSize
		off := vg.Point{X: vg.Points(10), Y: vg.Points(-8)}
		txt := s.Mark
		switch frac := float64(r) / float64(res.Rounds); {
		case frac > 0.6:
			sty.XAlign = draw.XRight
			off.X = -off.X
		case frac < 0.05:
			// The dashed line all but sits on the y axis: point at it
			// from a label set clear of the axis.
			off.X = vg.Points(36)
			txt = "← " + txt
		}
		ch.Plot.Add(marks{{X: float64(r), Text: txt, Style: sty, Offset: off, Top: true}})
	}
	return ch
}

// Distribution draws each strategy's final net income over all members of
// all replicates as a box plot (box: middle half; bar: median; whiskers:
// 1.5 IQR; dots: members beyond) on one linear axis that holds every box
// and whisker; members beyond the axis are counted at its edge (s.Notes).
// Words: Title, Subtitle, X, Y, Ticks (one per strategy), Notes (two per
// strategy: above the axis, below it).
func Distribution(run *findings.Run, s findings.Slide, opt Options) *Chart {
	res, d := run.Res, run.Distribution
	col := opt.Theme.colours()
	ch := newChart(s.Title, s.Subtitle, opt)
	p := ch.Plot
	p.Add(plotterGrid(false, opt.Theme))
	nS := len(res.Strategies)
	zeroRule(ch, d.Lo, d.Hi)
	bx := &boxes{d: d, colours: opt.palette(res.Kinds), ink: col.ink}
	ch.fit = func(w, _ vg.Length) { bx.width = min(1.6*vg.Inch, w*0.45/vg.Length(max(nS, 1))) }
	p.Add(bx)
	var ms marks
	for st := range nS {
		for k, edge := range []bool{true, false} {
			i := 2*st + k
			if i >= len(s.Notes) || s.Notes[i] == "" {
				continue
			}
			sty := labelled(col.ink, draw.XCenter, draw.YTop)
			off := vg.Point{Y: vg.Points(-4)}
			m := mark{X: float64(st), Text: s.Notes[i], Style: sty, Offset: off, Top: edge, Bottom: !edge}
			if !edge {
				m.Style.YAlign, m.Offset.Y = draw.YBottom, vg.Points(4)
			}
			ms = append(ms, m)
		}
	}
	p.Add(ms)
	p.X.Tick.Marker = categoryTicks(s.Ticks)
	p.X.Min, p.X.Max = -0.6, float64(nS)-0.4
	p.X.Label.Text, p.Y.Label.Text = s.X, s.Y
	// Headroom for the notes, so that no dot or whisker runs into them.
	above, below := false, false
	for i, n := range s.Notes {
		above = above || n != "" && i%2 == 0
		below = below || n != "" && i%2 == 1
	}
	p.Y.Min, p.Y.Max = d.Lo, d.Hi
	if room := 0.1 * (d.Hi - d.Lo); above {
		p.Y.Max += room
	}
	if room := 0.1 * (d.Hi - d.Lo); below {
		p.Y.Min -= room
	}
	p.Y.Tick.Marker = dollarTicks{n: opt.num()}
	return ch
}

// Deciles draws, for each tenth of members ranked by final net income
// (poorest to richest), the mean share of each strategy as stacked bars.
// A dashed line marks the share of all members of the strategy the
// finding is about (findings.Deciles.Focus), so its over- and
// under-representation shows at a glance. Words: Title, Subtitle, X, Y,
// Keys (the strategies, last first, as the bars stack), Ticks (ten
// deciles), Mark (the dashed line's legend entry).
func Deciles(run *findings.Run, s findings.Slide, opt Options) *Chart {
	res := run.Res
	pal := opt.palette(res.Kinds)
	ch := newChart(s.Title, s.Subtitle, opt)
	p := ch.Plot
	w := dataWidthKeyed / 10 * 0.78
	var prev *plotter.BarChart
	var bars []*plotter.BarChart
	for st := range res.Strategies {
		vals := make(plotter.Values, 10)
		for d := range vals {
			if d < len(res.Deciles) && res.Deciles[d][st].N > 0 {
				vals[d] = res.Deciles[d][st].Mean
			}
		}
		b, err := plotter.NewBarChart(vals, w)
		if err != nil {
			continue
		}
		b.Color = pal[st]
		b.LineStyle = draw.LineStyle{Color: opt.Theme.colours().background, Width: vg.Points(1)}
		if prev != nil {
			b.StackOn(prev)
		}
		prev = b
		bars = append(bars, b)
		p.Add(b)
	}
	ch.fit = func(w, _ vg.Length) {
		for _, b := range bars {
			b.Width = w / 10 * 0.78
		}
	}
	for k := range bars {
		if k < len(s.Keys) {
			ch.addKey(s.Keys[k], swatch{pal[len(bars)-1-k]})
		}
	}
	if s.Mark != "" {
		if all := run.Deciles.All; !math.IsNaN(all) {
			ink := opt.Theme.colours().ink
			p.Add(rule{at: all, style: draw.LineStyle{Color: ink, Width: vg.Points(2.5), Dashes: []vg.Length{vg.Points(10), vg.Points(6)}}})
			ch.refLine = all
			ch.addKey(s.Mark, dashThumb{ink})
		}
	}
	p.X.Tick.Marker = categoryTicks(s.Ticks)
	p.X.Min, p.X.Max = -0.5, 9.5
	p.X.Label.Text, p.Y.Label.Text = s.X, s.Y
	p.Y.Min, p.Y.Max = 0, 1
	p.Y.Tick.Marker = percentTicks{opt.num()}
	return ch
}

// dashThumb is a legend thumbnail of a dashed line.
type dashThumb struct{ c color.Color }

// Thumbnail implements plot.Thumbnailer.
func (d dashThumb) Thumbnail(c *draw.Canvas) {
	y := c.Center().Y
	c.StrokeLine2(draw.LineStyle{Color: d.c, Width: vg.Points(2.5), Dashes: []vg.Length{vg.Points(10), vg.Points(6)}},
		c.Min.X, y, c.Max.X, y)
}

// groupedBars adds one bar chart per series k (values vals[k][g] over
// groups g), coloured colours[k], side by side within each group, in
// slots of the given width, and returns them with a function that
// resizes them to other slots.
func groupedBars(p *plot.Plot, vals [][]float64, colours []color.RGBA, slot vg.Length, horizontal bool) ([]*plotter.BarChart, func(slot vg.Length)) {
	n := len(vals)
	w := slot * 0.8 / vg.Length(max(n, 1))
	var out []*plotter.BarChart
	for k, vs := range vals {
		v := make(plotter.Values, len(vs))
		for g, x := range vs {
			if !math.IsNaN(x) {
				v[g] = x
			}
		}
		b, err := plotter.NewBarChart(v, w)
		if err != nil {
			continue
		}
		b.Color = colours[k]
		b.LineStyle.Width = 0
		b.Offset = (vg.Length(k) - vg.Length(n-1)/2) * w
		b.Horizontal = horizontal
		p.Add(b)
		out = append(out, b)
	}
	resize := func(slot vg.Length) {
		w := slot * 0.8 / vg.Length(max(n, 1))
		for k, b := range out {
			b.Width = w
			b.Offset = (vg.Length(k) - vg.Length(n-1)/2) * w
		}
	}
	return out, resize
}

// Flows draws the closed business referred from each strategy to each
// strategy, per member of the referring strategy, as grouped bars (groups:
// who referred; bars: to whom), with each bar's value written on it.
// Words: Title, Subtitle, X, Y, Keys (one per receiving strategy), Ticks
// (one per referring strategy).
func Flows(run *findings.Run, s findings.Slide, opt Options) *Chart {
	res, f := run.Res, run.Flows
	pal := opt.palette(res.Kinds)
	ink := opt.Theme.colours().ink
	ch := newChart(s.Title, s.Subtitle, opt)
	p := ch.Plot
	p.Add(plotterGrid(false, opt.Theme))
	nS := len(res.Strategies)
	slot := dataWidthKeyed / vg.Length(max(nS, 1))
	bars, resize := groupedBars(p, f.Value, pal, slot, false)
	for b := range bars {
		if b < len(s.Keys) {
			ch.addKey(s.Keys[b], swatch{pal[b]})
		}
	}
	if nS <= 5 {
		// A label wider than its bar would touch its neighbour's: then
		// all are written upwards along their bars instead.
		flat, up := labelled(ink, draw.XCenter, draw.YBottom), labelled(ink, draw.XLeft, draw.YCenter)
		up.Rotation = math.Pi / 2
		var ms marks
		var barOf []int
		for b := range bars {
			for a := range nS {
				v := f.Value[b][a]
				if math.IsNaN(v) {
					continue
				}
				ms = append(ms, mark{X: float64(a), Y: v, Text: opt.num().Compact(v), Style: flat, Offset: vg.Point{Y: vg.Points(4)}})
				barOf = append(barOf, b)
			}
		}
		p.Add(ms)
		ch.fit = func(w, _ vg.Length) {
			resize(w / vg.Length(max(nS, 1)))
			upright := false
			for i := range ms {
				upright = upright || flat.Width(ms[i].Text) > bars[barOf[i]].Width
			}
			for i := range ms {
				ms[i].Offset.X, ms[i].Style = bars[barOf[i]].Offset, flat
				if upright {
					ms[i].Style = up
				}
			}
		}
	} else {
		ch.fit = func(w, _ vg.Length) { resize(w / vg.Length(max(nS, 1))) }
	}
	p.X.Tick.Marker = categoryTicks(s.Ticks)
	p.X.Min, p.X.Max = -0.5, float64(nS)-0.5
	p.X.Label.Text, p.Y.Label.Text = s.X, s.Y
	p.Y.Min = 0
	p.Y.Tick.Marker = dollarTicks{n: opt.num()}
	return ch
}

// categoryTicks labels the positions 0, 1, 2, ... with labels. When some
// labels have more lines than others, the short ones are padded with
// blank lines, so that every label's first line sits at the same height
// (gonum/plot centres a label's lines on the tick).
func categoryTicks(labels []string) plot.Ticker {
	most := 0
	for _, l := range labels {
		most = max(most, strings.Count(l, "\n"))
	}
	ticks := make([]plot.Tick, len(labels))
	for i, l := range labels {
		ticks[i] = plot.Tick{Value: float64(i), Label: l + strings.Repeat("\n ", most-strings.Count(l, "\n"))}
	}
	return plot.ConstantTicks(ticks)
}

// Professions draws mean final net income per member by profession (or,
// for a large catalogue, by category of profession: see
// findings.IncomeGroups) and strategy as grouped horizontal bars
// (catalogue order, first at the bottom), on a symmetric log scale when
// incomes span orders of magnitude (findings.Professions.Scale). Words:
// Title, Subtitle, X, Y, Keys (the strategies, last first, as the bars
// lie), Ticks (one per group).
func Professions(run *findings.Run, s findings.Slide, opt Options) *Chart {
	res, grp := run.Res, run.Professions.Groups
	pal := opt.palette(res.Kinds)
	ch := newChart(s.Title, s.Subtitle, opt)
	p := ch.Plot
	g := plotterGrid(true, opt.Theme)
	g.Horizontal.Width = 0
	p.Add(g)
	nS, nP := len(res.Strategies), len(grp.Names)
	vals := make([][]float64, nS)
	var all []float64
	for st := range vals {
		vals[st] = make([]float64, nP)
		for q := range nP {
			vals[st][q] = math.NaN()
			if q < len(grp.Stats) && grp.Stats[q][st].N > 0 {
				vals[st][q] = grp.Stats[q][st].Mean
				all = append(all, vals[st][q])
			}
		}
	}
	log, c := run.Professions.Scale()
	sl := symlog{c: c, n: opt.num()}
	if log {
		for st := range vals {
			for q, v := range vals[st] {
				vals[st][q] = sl.f(v)
			}
		}
	}
	slot := dataHeight / vg.Length(max(nP, 1))
	_, resize := groupedBars(p, vals, pal, slot, true)
	for k := range nS {
		if k < len(s.Keys) {
			ch.addKey(s.Keys[k], swatch{pal[nS-1-k]})
		}
	}
	p.Y.Tick.Marker = categoryTicks(s.Ticks)
	p.Y.Min, p.Y.Max = -0.5, float64(nP)-0.5
	p.X.Label.Text, p.Y.Label.Text = s.X, s.Y
	if log {
		p.X.Tick.Marker = sl
	} else {
		p.X.Tick.Marker = dollarTicks{n: opt.num()}
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range all {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	p.X.Min, p.X.Max = math.Min(p.X.Min, 0), math.Max(p.X.Max, 0)
	if log {
		p.X.Min, p.X.Max = sl.span(lo, hi)
	} else {
		p.X.Max += 0.04 * (p.X.Max - p.X.Min)
	}
	if lo < 0 && hi > 0 {
		p.Add(rule{at: 0, vertical: true, style: draw.LineStyle{Color: opt.Theme.colours().ink, Width: vg.Points(1.5)}})
	}
	ch.fit = func(w, h vg.Length) {
		resize(h / vg.Length(max(nP, 1)))
		if !log {
			p.X.Tick.Marker = dollarTicks{n: opt.num(), most: fitTicks(opt.num(), p.X.Tick.Label, p.X.Min, p.X.Max, w)}
		}
	}
	return ch
}

// Shares draws each strategy's share of members over the weeks, with 95%
// bands, for runs in which members revise their strategies. Words: Title,
// Subtitle, X, Y, Keys (one per strategy), Interval.
func Shares(run *findings.Run, s findings.Slide, opt Options) *Chart {
	return sharesUpTo(run, s, opt, run.Res.Rounds)
}

// sharesUpTo is Shares drawn up to week upTo: an animation's frame.
func sharesUpTo(run *findings.Run, s findings.Slide, opt Options, upTo int) *Chart {
	res := run.Res
	ch := newChart(s.Title, s.Subtitle, opt)
	ch.Plot.Add(plotterGrid(false, opt.Theme))
	series(ch, res, res.Series[sim.Share], s.Keys, s.Interval, upTo)
	ch.Plot.X.Label.Text, ch.Plot.Y.Label.Text = s.X, s.Y
	ch.Plot.Y.Min, ch.Plot.Y.Max = 0, 1
	ch.Plot.Y.Tick.Marker = percentTicks{opt.num()}
	return ch
}
