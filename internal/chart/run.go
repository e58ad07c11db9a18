package chart

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/giversgain/giversgain/sim"
)

// dataWidth is roughly the width of the data area of a chart with a legend
// column, used to size bars (gonum/plot sizes bars in absolute lengths).
const (
	dataWidthKeyed = 9.0 * vg.Inch
	dataWidthFull  = 11.2 * vg.Inch
	dataHeight     = 5.0 * vg.Inch
)

// replicatesNote says what the bands are made of.
func replicatesNote(res *sim.Result) string {
	n := len(res.Replicates)
	if n == 1 {
		return fmt.Sprintf("one run of %s members (no interval)", Count(res.Config.Population.Members))
	}
	return fmt.Sprintf("shaded: 95%% interval over %d replicates of %s members", n, Count(res.Config.Population.Members))
}

// series plots mean lines with 95% bands of metric m per strategy over
// the weeks up to upTo (an animation's frame; res.Rounds for the whole
// run), with the strategies in the legend column. The x axis spans the
// whole run either way.
func series(ch *Chart, res *sim.Result, m sim.Metric, upTo int) (lo, hi float64) {
	pal := Colours(res.Kinds)
	xs := make([]float64, min(upTo, res.Rounds))
	for r := range xs {
		xs[r] = float64(r + 1)
	}
	lo, hi = math.Inf(1), math.Inf(-1)
	var lines []*plotter.Line
	for s := range res.Strategies {
		st := res.Series[m][s][:len(xs)]
		mean, low, high := make([]float64, len(st)), make([]float64, len(st)), make([]float64, len(st))
		for r, v := range st {
			mean[r], low[r], high[r] = math.NaN(), math.NaN(), math.NaN()
			if v.N > 0 {
				mean[r], low[r], high[r] = v.Mean, v.Low, v.High
				lo, hi = math.Min(lo, v.Low), math.Max(hi, v.High)
			}
		}
		b := band(xs, low, high, pal[s])
		if b != nil {
			ch.Plot.Add(b)
		}
		l := line(xs, mean, pal[s], LineWidth)
		lines = append(lines, l)
		if l != nil {
			ch.addKey(res.Strategies[s], l)
		}
	}
	for _, l := range lines {
		if l != nil {
			ch.Plot.Add(l)
		}
	}
	if len(res.Replicates) > 1 {
		ch.addKey("95% interval", swatch{translucent(color.RGBA{0x60, 0x60, 0x60, 0xFF}, 0.3)})
	}
	ch.Plot.X.Min, ch.Plot.X.Max = 0, float64(res.Rounds)
	ch.Plot.X.Tick.Marker = weekTicks{}
	ch.Plot.X.Label.Text = weekAxisLabel(res.Rounds)
	return lo, hi
}

// Income draws mean cumulative net income per member of each strategy over
// the weeks, with 95% bands, and marks the payback week (from which
// givers' mean income stays above takers') when there is one. The title
// is IncomeTitle.
func Income(res *sim.Result) *Chart { return income(res, res.Rounds) }

// income is Income drawn up to week upTo: an animation's frame, which
// marks the payback week only once it has come.
func income(res *sim.Result, upTo int) *Chart {
	ch := newChart(IncomeTitle(res),
		"Mean cumulative net income per member (what members keep of the business won, minus time spent); "+replicatesNote(res))
	ch.Plot.Add(plotterGrid(false))
	lo, hi := series(ch, res, sim.Income, upTo)
	ch.Plot.Y.Min = math.Min(ch.Plot.Y.Min, 0)
	ch.Plot.Y.Label.Text = "Net income per member"
	ch.Plot.Y.Tick.Marker = dollarTicks{}
	if lo < 0 && hi > 0 {
		ch.Plot.Add(rule{at: 0, style: draw.LineStyle{Color: grey, Width: vg.Points(1.5)}})
	}
	if res.Payback.Defined && res.Payback.Round > 0 && res.Payback.Round <= upTo {
		r := res.Payback.Round
		ch.Plot.Add(rule{at: float64(r), vertical: true, style: draw.LineStyle{
			Color: color.Black, Width: vg.Points(2), Dashes: []vg.Length{vg.Points(8), vg.Points(6)}}})
		txt := "givers stay ahead of takers\nfrom " + weekPhrase(r, res.Rounds)
		sty := labelled(color.Black, draw.XLeft, draw.YTop)
		sty.Font.Size = LegendSize
		off := vg.Point{X: vg.Points(10), Y: vg.Points(-8)}
		if float64(r) > 0.6*float64(res.Rounds) {
			sty.XAlign = draw.XRight
			off.X = -off.X
		}
		ch.Plot.Add(marks{{X: float64(r), Text: txt, Style: sty, Offset: off, Top: true}})
	}
	return ch
}

// Distribution draws each strategy's final net income over all members of
// all replicates as a box plot (box: middle half; line: median; whiskers:
// 1.5 IQR; dots: members beyond). A symmetric log scale is used when
// incomes span orders of magnitude. The title is DistributionTitle.
func Distribution(res *sim.Result) *Chart {
	pal := Colours(res.Kinds)
	by := finalIncomes(res)
	ch := newChart(distributionTitle(res, by), "")
	p := ch.Plot
	p.Add(plotterGrid(false))
	var all []float64
	for _, xs := range by {
		all = append(all, xs...)
	}
	nS := len(res.Strategies)
	w := min(1.6*vg.Inch, dataWidthFull*0.45/vg.Length(max(nS, 1)))
	sl, log := symlog{c: symlogConstant(all)}, useSymlog(all, 10)
	tf := func(xs []float64) []float64 {
		if !log {
			return xs
		}
		out := make([]float64, len(xs))
		for i, x := range xs {
			out[i] = sl.f(x)
		}
		return out
	}
	var ticks []plot.Tick
	lo, hi := math.Inf(1), math.Inf(-1)
	for s, xs := range by {
		ticks = append(ticks, plot.Tick{Value: float64(s), Label: fmt.Sprintf("%s\n(%d)", res.Strategies[s], len(xs))})
		if len(xs) == 0 {
			continue
		}
		bp, err := plotter.NewBoxPlot(w, float64(s), plotter.Values(tf(xs)))
		if err != nil {
			continue
		}
		bp.FillColor = pal[s]
		bp.BoxStyle = draw.LineStyle{Color: color.Black, Width: vg.Points(2)}
		bp.MedianStyle = draw.LineStyle{Color: color.Black, Width: vg.Points(4)}
		bp.WhiskerStyle = draw.LineStyle{Color: color.Black, Width: vg.Points(2)}
		bp.CapWidth = w / 2
		bp.GlyphStyle = draw.GlyphStyle{Color: translucent(pal[s], 0.35), Radius: vg.Points(2.5), Shape: draw.CircleGlyph{}}
		p.Add(bp)
		for _, x := range xs {
			lo, hi = math.Min(lo, x), math.Max(hi, x)
		}
	}
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	p.X.Min, p.X.Max = -0.6, float64(nS)-0.4
	p.X.Label.Text = "Strategy (members over all replicates)"
	p.Y.Label.Text = "Final net income per member"
	scale := ""
	if log {
		p.Y.Min, p.Y.Max = sl.span(lo, hi)
		p.Y.Tick.Marker = sl
		scale = fmt.Sprintf(" (on this scale); log scale beyond ±%s", Dollars(sl.c))
	} else {
		p.Y.Tick.Marker = dollarTicks{}
	}
	if lo < 0 && hi > 0 {
		p.Add(rule{at: 0, style: draw.LineStyle{Color: grey, Width: vg.Points(1.5)}})
	}
	ch.Subtitle = fmt.Sprintf("Final net income of every member after %s, %d replicates; box: middle half, bar: median, dots: beyond whiskers at 1.5×IQR%s",
		horizon(res.Rounds), len(res.Replicates), scale)
	return ch
}

// Deciles draws, for each tenth of members ranked by final net income
// (poorest to richest), the mean share of each strategy as stacked bars.
// A dashed line marks the bottom strategy's share of all members, so
// over- and under-representation shows at a glance. The title is
// DecilesTitle.
func Deciles(res *sim.Result) *Chart {
	pal := Colours(res.Kinds)
	ch := newChart(DecilesTitle(res), fmt.Sprintf(
		"Mean share of each strategy within each tenth of members ranked by final net income, %d replicates", len(res.Replicates)))
	p := ch.Plot
	w := dataWidthKeyed / 10 * 0.78
	var prev *plotter.BarChart
	var bars []*plotter.BarChart
	for s := range res.Strategies {
		vals := make(plotter.Values, 10)
		for d := range vals {
			if d < len(res.Deciles) && res.Deciles[d][s].N > 0 {
				vals[d] = res.Deciles[d][s].Mean
			}
		}
		b, err := plotter.NewBarChart(vals, w)
		if err != nil {
			continue
		}
		b.Color = pal[s]
		b.LineStyle = draw.LineStyle{Color: color.White, Width: vg.Points(1)}
		if prev != nil {
			b.StackOn(prev)
		}
		prev = b
		bars = append(bars, b)
		p.Add(b)
	}
	for s := len(bars) - 1; s >= 0; s-- {
		ch.addKey(res.Strategies[s], swatch{pal[s]})
	}
	if len(res.Strategies) > 1 {
		if all := overallShare(res, 0); !math.IsNaN(all) {
			p.Add(rule{at: all, style: draw.LineStyle{Color: color.Black, Width: vg.Points(2.5), Dashes: []vg.Length{vg.Points(10), vg.Points(6)}}})
			ch.addKey(fmt.Sprintf("%s: share of\nall members (%s)", res.Strategies[0], Percent(all)), dashThumb{})
		}
	}
	var ticks []plot.Tick
	for d := range 10 {
		lbl := fmt.Sprint(d + 1)
		switch d {
		case 0:
			lbl = "1\npoorest"
		case 9:
			lbl = "10\nrichest"
		}
		ticks = append(ticks, plot.Tick{Value: float64(d), Label: lbl})
	}
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	p.X.Min, p.X.Max = -0.5, 9.5
	p.X.Label.Text = "Income decile (tenth of members by final net income)"
	p.Y.Min, p.Y.Max = 0, 1
	p.Y.Tick.Marker = percentTicks{}
	p.Y.Label.Text = "Share of the decile"
	return ch
}

// dashThumb is a legend thumbnail of a dashed black line.
type dashThumb struct{}

// Thumbnail implements plot.Thumbnailer.
func (dashThumb) Thumbnail(c *draw.Canvas) {
	y := c.Center().Y
	c.StrokeLine2(draw.LineStyle{Color: color.Black, Width: vg.Points(2.5), Dashes: []vg.Length{vg.Points(10), vg.Points(6)}},
		c.Min.X, y, c.Max.X, y)
}

// groupedBars adds one bar chart per series k (values vals[k][g] over
// groups g), coloured colours[k], side by side within each group.
func groupedBars(p *plot.Plot, vals [][]float64, colours []color.RGBA, slot vg.Length, horizontal bool) []*plotter.BarChart {
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
	return out
}

// Flows draws the closed business referred from each strategy to each
// strategy, per member of the referring strategy, as grouped bars (groups:
// who referred; bars: to whom), with each bar's value written on it. The
// title is FlowsTitle.
func Flows(res *sim.Result) *Chart {
	pal := Colours(res.Kinds)
	n := membersOf(res)
	ch := newChart(flowsTitle(res, n), fmt.Sprintf(
		"Dollars of referred deals that closed, per member of the referring strategy%s, over %s; mean of %d replicates",
		perMemberNote(res), horizon(res.Rounds), len(res.Replicates)))
	p := ch.Plot
	p.Add(plotterGrid(false))
	nS := len(res.Strategies)
	// vals[to][from]
	vals := make([][]float64, nS)
	for b := range vals {
		vals[b] = make([]float64, nS)
		for a := range nS {
			vals[b][a] = math.NaN()
			if a < len(res.FlowClosed) && n[a] > 0 && res.FlowClosed[a][b].N > 0 {
				vals[b][a] = res.FlowClosed[a][b].Mean / n[a]
			}
		}
	}
	slot := dataWidthKeyed / vg.Length(max(nS, 1))
	bars := groupedBars(p, vals, pal, slot, false)
	for b := range bars {
		ch.addKey("to "+res.Strategies[b], swatch{pal[b]})
	}
	if nS <= 5 {
		// Beyond three bars a group, horizontal labels collide with their
		// neighbours: write them upwards along the bar instead.
		upright := nS > 3
		var ms marks
		for b, bc := range bars {
			for a := range nS {
				if math.IsNaN(vals[b][a]) {
					continue
				}
				st := labelled(color.Black, draw.XCenter, draw.YBottom)
				if upright {
					st = labelled(color.Black, draw.XLeft, draw.YCenter)
					st.Rotation = math.Pi / 2
				}
				ms = append(ms, mark{X: float64(a), Y: vals[b][a], Text: Dollars(vals[b][a]),
					Style: st, Offset: vg.Point{X: bc.Offset, Y: vg.Points(4)}})
			}
		}
		p.Add(ms)
	}
	p.X.Tick.Marker = categoryTicks(res.Strategies)
	p.X.Min, p.X.Max = -0.5, float64(nS)-0.5
	p.X.Label.Text = "Referred by"
	p.Y.Min = 0
	p.Y.Label.Text = "Closed business referred per member"
	p.Y.Tick.Marker = dollarTicks{}
	return ch
}

// categoryTicks labels the positions 0, 1, 2, ... with labels.
func categoryTicks(labels []string) plot.Ticker {
	ticks := make([]plot.Tick, len(labels))
	for i, l := range labels {
		ticks[i] = plot.Tick{Value: float64(i), Label: l}
	}
	return plot.ConstantTicks(ticks)
}

// perMemberNote says how members are counted when strategies evolve.
func perMemberNote(res *sim.Result) string {
	if res.Config.Evolution.Period > 0 {
		return " (its average membership over the run)"
	}
	return ""
}

// Professions draws mean final net income per member by profession (or,
// for a large catalogue, by category of profession: see incomeGroups)
// and strategy as grouped horizontal bars (catalogue order, first at the
// bottom), on a symmetric log scale when incomes span orders of
// magnitude, as they do from florists to realtors. The title is
// ProfessionsTitle.
func Professions(res *sim.Result) *Chart {
	pal := Colours(res.Kinds)
	ch := newChart(ProfessionsTitle(res), "")
	p := ch.Plot
	g := plotterGrid(true)
	g.Horizontal.Width = 0
	p.Add(g)
	grp := incomeGroups(res)
	nS, nP := len(res.Strategies), len(grp.names)
	vals := make([][]float64, nS)
	var all []float64
	for s := range vals {
		vals[s] = make([]float64, nP)
		for q := range nP {
			vals[s][q] = math.NaN()
			if q < len(grp.stats) && grp.stats[q][s].N > 0 {
				vals[s][q] = grp.stats[q][s].Mean
				all = append(all, vals[s][q])
			}
		}
	}
	sl, log := symlog{c: symlogConstant(all)}, useSymlog(all, 30)
	if log {
		for s := range vals {
			for q, v := range vals[s] {
				vals[s][q] = sl.f(v)
			}
		}
	}
	slot := dataHeight / vg.Length(max(nP, 1))
	groupedBars(p, vals, pal, slot, true)
	// Reverse the key so that its order matches the bars (first strategy
	// lowest in each group).
	for s := nS - 1; s >= 0; s-- {
		ch.addKey(res.Strategies[s], swatch{pal[s]})
	}
	p.Y.Tick.Marker = categoryTicks(grp.names)
	p.Y.Min, p.Y.Max = -0.5, float64(nP)-0.5
	p.Y.Label.Text = capital(grp.what)
	p.X.Label.Text = "Mean final net income per member"
	scale := ""
	if log {
		p.X.Tick.Marker = sl
		scale = fmt.Sprintf("; log scale beyond ±%s", Dollars(sl.c))
	} else {
		p.X.Tick.Marker = dollarTicks{}
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
		p.Add(rule{at: 0, vertical: true, style: draw.LineStyle{Color: color.Black, Width: vg.Points(1.5)}})
	}
	sub := fmt.Sprintf("Mean final net income after %s by %s and strategy, %d replicates%s", horizon(res.Rounds), grp.what, len(res.Replicates), scale)
	if hi, lo, ok := professionExtremes(res); ok {
		sub = fmt.Sprintf("The average %s netted %s, the average %s %s; ", hi.name, Dollars(hi.v), lo.name, Dollars(lo.v)) + lowerFirst(sub)
	}
	ch.Subtitle = sub
	return ch
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

type named struct {
	name string
	v    float64
}

// professionExtremes finds the professions with the highest and lowest
// mean final net income over all members of all replicates.
func professionExtremes(res *sim.Result) (hi, lo named, ok bool) {
	nP := len(res.Professions)
	if nP < 2 {
		return hi, lo, false
	}
	sum, cnt := make([]float64, nP), make([]float64, nP)
	for _, rep := range res.Replicates {
		for _, a := range rep.Agents {
			if a.Profession >= 0 && a.Profession < nP {
				sum[a.Profession] += a.Income
				cnt[a.Profession]++
			}
		}
	}
	first := true
	for q := range nP {
		if cnt[q] == 0 {
			continue
		}
		v := named{res.Professions[q], sum[q] / cnt[q]}
		if first || v.v > hi.v {
			hi = v
		}
		if first || v.v < lo.v {
			lo = v
		}
		first = false
	}
	return hi, lo, !first && hi.name != lo.name
}

// Shares draws each strategy's share of members over the weeks, with 95%
// bands, for runs in which members revise their strategies. The title is
// SharesTitle.
func Shares(res *sim.Result) *Chart { return shares(res, res.Rounds) }

// shares is Shares drawn up to week upTo: an animation's frame.
func shares(res *sim.Result, upTo int) *Chart {
	ev := res.Config.Evolution
	how := "no evolution: shares stay fixed"
	if ev.Period > 0 {
		how = fmt.Sprintf("members revise by %s every %d weeks", ev.Rule, ev.Period)
	}
	ch := newChart(SharesTitle(res), "Share of members per strategy; "+how+"; "+replicatesNote(res))
	ch.Plot.Add(plotterGrid(false))
	series(ch, res, sim.Share, upTo)
	ch.Plot.Y.Min, ch.Plot.Y.Max = 0, 1
	ch.Plot.Y.Tick.Marker = percentTicks{}
	ch.Plot.Y.Label.Text = "Share of members"
	return ch
}
