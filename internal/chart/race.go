package chart

import (
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/giversgain/giversgain/internal/findings"
	"github.com/giversgain/giversgain/sim"
)

// Race is an animated chart: its frames, and the base name it is saved
// under.
type Race struct {
	Name   string
	Frames []*Chart
}

// RacesForRun returns the animations of a run, n frames each, in opt's
// words and look: the income race ("income"), and when members revise
// their strategies the shares over time ("shares").
func RacesForRun(res *sim.Result, opt Options, n int) []Race {
	run := findings.Of(res)
	weeks := RaceWeeks(res.Rounds, n)
	var out []Race
	for _, s := range opt.Words.Slides(run) {
		switch s.Name {
		case "income":
			out = append(out, Race{s.Name, race(run, s, opt, weeks, incomeUpTo)})
		case "shares":
			out = append(out, Race{s.Name, race(run, s, opt, weeks, sharesUpTo)})
		}
	}
	return out
}

// RaceWeeks returns n weeks spread evenly over a run of rounds weeks, the
// last being rounds: the weeks of an animation's frames.
func RaceWeeks(rounds, n int) []int {
	n = max(1, min(n, rounds))
	out := make([]int, n)
	for k := range out {
		out[k] = max(1, (k+1)*rounds/n)
	}
	return out
}

// race returns the frames of an animated chart drawn by draw: in frame k
// the lines and bands have grown to week weeks[k], on the axes of the
// finished chart, so that nothing rescales between frames, with a cursor
// at the week reached. Marks tied to a week (the payback week) appear
// once it has come. The last frame, at the run's end, is the finished
// chart with the cursor at its end.
func race(run *findings.Run, s findings.Slide, opt Options, weeks []int, draw func(*findings.Run, findings.Slide, Options, int) *Chart) []*Chart {
	full := draw(run, s, opt, run.Res.Rounds)
	out := make([]*Chart, len(weeks))
	for k, w := range weeks {
		ch := draw(run, s, opt, w)
		ch.Plot.X.Min, ch.Plot.X.Max = full.Plot.X.Min, full.Plot.X.Max
		ch.Plot.Y.Min, ch.Plot.Y.Max = full.Plot.Y.Min, full.Plot.Y.Max
		cursor(ch, w, run.Res.Rounds)
		out[k] = ch
	}
	return out
}

// cursor marks the week an animation frame has reached: a thin line
// across the data, labelled at its foot ("year 3.5"), on the side with
// more room.
func cursor(ch *Chart, week, rounds int) {
	col := ch.opt.Theme.colours()
	ch.Plot.Add(rule{at: float64(week), vertical: true, style: draw.LineStyle{
		Color: col.muted, Width: vg.Points(1.5), Dashes: []vg.Length{vg.Points(4), vg.Points(4)}}})
	sty := labelled(col.ink, draw.XLeft, draw.YBottom)
	sty.Font.Size = LegendSize
	off := vg.Point{X: vg.Points(8), Y: vg.Points(8)}
	if float64(week) > 0.6*float64(rounds) {
		sty.XAlign = draw.XRight
		off.X = -off.X
	}
	l, num := ch.opt.Words.L(), ch.opt.num()
	label := l.Term("cursor-week") + " " + num.Count(week)
	if findings.ByYears(rounds) {
		label = l.Term("cursor-year") + " " + num.Decimal(float64(week)/52, 1)
	}
	ch.Plot.Add(marks{{X: float64(week), Text: label, Style: sty, Offset: off, Bottom: true}})
}
