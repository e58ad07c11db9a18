package chart

import (
	"fmt"
	"image/color"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/giversgain/giversgain/sim"
)

// Race is an animated chart: its frames, and the base name it is saved
// under.
type Race struct {
	Name   string
	Frames []*Chart
}

// RacesForRun returns the animations of a run, n frames each: the income
// race ("income"), and when members revise their strategies the shares
// over time ("shares").
func RacesForRun(res *sim.Result, n int) []Race {
	weeks := RaceWeeks(res.Rounds, n)
	out := []Race{{"income", IncomeRace(res, weeks)}}
	if res.Config.Evolution.Period > 0 {
		out = append(out, Race{"shares", SharesRace(res, weeks)})
	}
	return out
}

// IncomeRace returns the frames of an animated income chart (Income): in
// frame k the lines and bands have grown to week weeks[k], on the axes of
// the finished chart, so that nothing rescales between frames, with a
// cursor at the week reached. The payback mark appears once its week has
// come. The last frame, at res.Rounds, is the finished chart with the
// cursor at its end.
func IncomeRace(res *sim.Result, weeks []int) []*Chart {
	return race(res, weeks, Income(res), income)
}

// SharesRace returns the frames of an animated shares chart (Shares), as
// IncomeRace does for income: the strategies' shares of members growing
// week by week.
func SharesRace(res *sim.Result, weeks []int) []*Chart {
	return race(res, weeks, Shares(res), shares)
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

// race draws each frame with draw(res, week) and gives it the axes of
// the finished chart full and a cursor at its week.
func race(res *sim.Result, weeks []int, full *Chart, draw func(*sim.Result, int) *Chart) []*Chart {
	out := make([]*Chart, len(weeks))
	for k, w := range weeks {
		ch := draw(res, w)
		ch.Plot.X.Min, ch.Plot.X.Max = full.Plot.X.Min, full.Plot.X.Max
		ch.Plot.Y.Min, ch.Plot.Y.Max = full.Plot.Y.Min, full.Plot.Y.Max
		cursor(ch, w, res.Rounds)
		out[k] = ch
	}
	return out
}

// cursor marks the week an animation frame has reached: a thin grey line
// across the data, labelled at its foot, on the side with more room.
func cursor(ch *Chart, week, rounds int) {
	ch.Plot.Add(rule{at: float64(week), vertical: true, style: draw.LineStyle{
		Color: grey, Width: vg.Points(1.5), Dashes: []vg.Length{vg.Points(4), vg.Points(4)}}})
	sty := labelled(color.Black, draw.XLeft, draw.YBottom)
	sty.Font.Size = LegendSize
	off := vg.Point{X: vg.Points(8), Y: vg.Points(8)}
	if float64(week) > 0.6*float64(rounds) {
		sty.XAlign = draw.XRight
		off.X = -off.X
	}
	label := fmt.Sprintf("week %d", week)
	if byYears(rounds) {
		label = fmt.Sprintf("year %.1f", float64(week)/52)
	}
	ch.Plot.Add(marks{{X: float64(week), Text: label, Style: sty, Offset: off, Bottom: true}})
}
