package findings

import (
	"math"

	"github.com/giversgain/giversgain/sim"
)

// RateWindow is how many weeks the income rate is averaged over: a year
// of weekly meetings, long enough to smooth a week's luck, short enough
// to follow a change.
const RateWindow = 52

// RateStart is the first week the rate is drawn from on runs of two
// RateStart or more: a mean of fewer weeks is mostly one week's luck, and
// its band would set the chart's scale.
const RateStart = 13

// Rate is the finding of the income chart under evolution, where the
// cumulative income of a strategy's members mixes what switchers earned
// under earlier strategies: what holding each strategy paid, as net
// income per member and week (sim.IncomeRate) averaged over the last
// RateWindow weeks (fewer at the start), per replicate, then mean and 95%
// interval across replicates.
type Rate struct {
	// Defined is false without evolution or without rounds.
	Defined bool
	// Series[s][r-1] is strategy s's averaged rate at week r, undefined
	// (N = 0) before week Start.
	Series [][]sim.Stat
	Start  int
	// Giver and Taker are the kinds' rates (variants pooled by their
	// members) over the last RateWindow weeks; Diff is givers minus
	// takers, paired by replicate. HasBoth is false when the mix lacks
	// either kind.
	HasBoth      bool
	Giver, Taker sim.Stat
	Diff         sim.Stat
	// Window is the weeks the final rates average over.
	Window int
	Rounds int
}

// Clear reports whether givers' and takers' rates differ beyond noise
// (the 95% interval of the paired difference excludes zero; with one
// replicate any difference counts).
func (r Rate) Clear() bool {
	return r.Diff.N == 1 && r.Diff.Mean != 0 || r.Diff.N > 1 && (r.Diff.Low > 0 || r.Diff.High < 0)
}

func newRate(res *sim.Result) Rate {
	rt := Rate{Rounds: res.Rounds}
	if res.Config.Evolution.Period <= 0 || res.Rounds == 0 || len(res.Replicates) == 0 {
		return rt
	}
	rt.Defined = true
	rt.Start = 1
	if res.Rounds >= 2*RateStart {
		rt.Start = RateStart
	}
	nS, nR := len(res.Strategies), len(res.Replicates)
	rt.Series = make([][]sim.Stat, nS)
	xs := make([]float64, nR)
	for s := range nS {
		rt.Series[s] = make([]sim.Stat, res.Rounds)
		for r := rt.Start; r <= res.Rounds; r++ {
			for k, rep := range res.Replicates {
				xs[k] = windowRate(rep, []int{s}, r, RateWindow)
			}
			rt.Series[s][r-1] = sim.Summarize(xs)
		}
	}
	var gs, ts []int
	for s := range nS {
		switch KindOf(res, s) {
		case "giver":
			gs = append(gs, s)
		case "taker":
			ts = append(ts, s)
		}
	}
	rt.Window = min(RateWindow, res.Rounds)
	if len(gs) == 0 || len(ts) == 0 {
		return rt
	}
	rt.HasBoth = true
	g, t, d := make([]float64, nR), make([]float64, nR), make([]float64, nR)
	for k, rep := range res.Replicates {
		g[k] = windowRate(rep, gs, res.Rounds, RateWindow)
		t[k] = windowRate(rep, ts, res.Rounds, RateWindow)
		d[k] = g[k] - t[k]
	}
	rt.Giver, rt.Taker, rt.Diff = sim.Summarize(g), sim.Summarize(t), sim.Summarize(d)
	return rt
}

// windowRate is the mean weekly income rate of the strategies ss (pooled,
// each week weighted by their members at its end) over the weeks
// r-window+1..r of one replicate; NaN where none had members.
func windowRate(rep *sim.Replicate, ss []int, r, window int) float64 {
	var sum, weeks float64
	for w := max(1, r-window+1); w <= r; w++ {
		var earned, members float64
		for _, s := range ss {
			x, sh := rep.Value(sim.IncomeRate, s, w), rep.Value(sim.Share, s, w)
			if math.IsNaN(x) {
				continue
			}
			// A strategy that died out this week has Share 0 but held
			// members during it: give it a token weight.
			sh = math.Max(sh, 1e-9)
			earned += x * sh
			members += sh
		}
		if members > 0 {
			sum += earned / members
			weeks++
		}
	}
	if weeks == 0 {
		return math.NaN()
	}
	return sum / weeks
}
