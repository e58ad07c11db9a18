package reproduce

import (
	"context"
	"fmt"
	"math"

	"github.com/giversgain/giversgain/sim"
)

// Experiment 6: generous reciprocity under errors (Nowak & Sigmund 1992,
// "Tit for tat in heterogeneous populations", Nature 355:250).
//
// In the repeated donation game (b to the partner at cost c per gift), a
// player who gives after the partner's defection with probability g
// (generous tit-for-tat) is exploited by an always-defector, who receives
// b g per round after the first; among themselves such players earn b - c
// per round. So generous players resist defectors while b - c > b g, that
// is g < 1 - c/b, in the limit of long games without errors: the
// generosity of Nowak & Sigmund's GTFT, min(1 - (T-R)/(R-S), (R-P)/(T-P)),
// which in the donation game is 1 - c/b both ways. Errors of execution are
// why generosity is needed at all: without them, players of the strategy
// never refuse one another and g only matters against defectors.
//
// The experiment plays the donation game's direct reciprocity with
// execution errors e and a population of forgiving scorekeepers (tit-for-
// tat on the ledger, forgiveness g) and a few takers, sweeps g, and finds
// the largest g at which the scorekeepers still out-earn the takers, with
// a bootstrap interval (bootCurve). Its exact value in the experiment's
// own finite setting (w < 1, e > 0, a finite population) is computed by
// gtftThreshold below, and lies a little under 1 - c/b.

// forgivenessGrid is the grid of g: steps of 0.05, between which the
// curve is close to straight (a taker's payoff grows linearly in g), so
// that interpolation loses little and the experiment half the time of a
// grid twice as fine.
var forgivenessGrid = grid(0, 1, 0.05)

// gtftPayoffs returns the expected payoff, per encounter of a repeated
// donation game continuing with probability w and with execution errors
// e, of a forgiving scorekeeper (tit-for-tat on the ledger, tolerance 0,
// open_prob 1, forgiveness g) against another (vGG), against a taker
// (vGD), and of a taker against it (vDG). A taker against a taker earns
// nothing.
//
// Between two scorekeepers the state is d, the first one's gifts minus the
// second's (actual gifts: a failed gift is no gift). The first intends to
// give when d <= 0 (the second is not behind) and otherwise with
// probability g; the second when d >= 0, otherwise with g; each intended
// gift succeeds with probability 1 - e. The first earns b p2(d) - c p1(d)
// in a round and the game goes on with probability w: vGG = V(0) where V =
// r + w P V, solved by iteration on d in -dMax..dMax (the chain drifts
// back to 0, and the mass beyond dMax is far below the tolerance; d is
// held at the ends).
//
// Against a taker the scorekeeper gives (open_prob 1) until a gift
// succeeds, then with probability g a round: with G1 = g(1-e)/(1-w) the
// expected gifts once there is history, G0 = ((1-e) + w(1-e) G1)/(1 - w e)
// from the start, and vGD = -c G0, vDG = b G0.
func gtftPayoffs(b, c, w, e, g float64) (vGG, vGD, vDG float64) {
	const dMax = 60
	n := 2*dMax + 1
	p1 := make([]float64, n)
	p2 := make([]float64, n)
	r := make([]float64, n)
	for k := range n {
		d := k - dMax
		p1[k], p2[k] = 1-e, 1-e
		if d > 0 {
			p1[k] *= g
		}
		if d < 0 {
			p2[k] *= g
		}
		r[k] = b*p2[k] - c*p1[k]
	}
	v, next := make([]float64, n), make([]float64, n)
	at := func(k int) float64 { return v[min(max(k, 0), n-1)] }
	for range 1_000_000 {
		delta := 0.0
		for k := range n {
			up := p1[k] * (1 - p2[k])
			down := (1 - p1[k]) * p2[k]
			next[k] = r[k] + w*(up*at(k+1)+down*at(k-1)+(1-up-down)*v[k])
			delta = max(delta, math.Abs(next[k]-v[k]))
		}
		v, next = next, v
		if delta < 1e-13 {
			break
		}
	}
	g1 := g * (1 - e) / (1 - w)
	g0 := ((1 - e) + w*(1-e)*g1) / (1 - w*e)
	return v[dMax], -c * g0, b * g0
}

// gtftAdvantage returns a forgiving scorekeeper's expected payoff per
// encounter minus a taker's, in a population of nG scorekeepers and nD
// takers where a partner is drawn uniformly from the others.
func gtftAdvantage(b, c, w, e, g float64, nG, nD int) float64 {
	vGG, vGD, vDG := gtftPayoffs(b, c, w, e, g)
	others := float64(nG + nD - 1)
	return (float64(nG-1)*vGG+float64(nD)*vGD)/others - float64(nG)*vDG/others
}

// gtftThreshold returns the largest g in [0, 1] at which forgiving
// scorekeepers out-earn takers (gtftAdvantage > 0), by bisection after a
// scan on a fine grid; -Inf when they never do, +Inf when they still do
// at g = 1.
func gtftThreshold(b, c, w, e float64, nG, nD int) float64 {
	adv := func(g float64) float64 { return gtftAdvantage(b, c, w, e, g, nG, nD) }
	const steps = 200
	last := -1
	for i := 0; i <= steps; i++ {
		if adv(float64(i)/steps) > 0 {
			last = i
		}
	}
	switch last {
	case -1:
		return math.Inf(-1)
	case steps:
		return math.Inf(1)
	}
	lo, hi := float64(last)/steps, float64(last+1)/steps
	for range 60 {
		m := (lo + hi) / 2
		if adv(m) > 0 {
			lo = m
		} else {
			hi = m
		}
	}
	return lo
}

// generous is experiment 6.
func generous(ctx context.Context, base sim.Config, workers int) ([]Row, error) {
	sG, sD := strategyIndex(base, "generous"), strategyIndex(base, "taker")
	sw, err := thresholds(ctx, base, workers, forgivenessGrid, func(c *sim.Config, g float64) {
		c.Strategies = append([]sim.StrategySpec(nil), c.Strategies...)
		p := map[string]any{}
		for k, v := range c.Strategies[sG].Params {
			p[k] = v
		}
		p["forgiveness"] = g
		c.Strategies[sG].Params = p
	}, "generous", "taker", upperCrossing, 60)
	if err != nil {
		return nil, err
	}
	nG, okG := memberCount(base, sG)
	nD, okD := memberCount(base, sD)
	if !okG || !okD || nG+nD != base.Population.Members {
		return nil, fmt.Errorf("the mix must be the generous scorekeepers and the takers alone, in shares that give whole numbers of members")
	}
	targets := make([]float64, len(ratios))
	exact := make([]float64, len(ratios))
	for i, cb := range ratios {
		targets[i] = 1 - cb
		exact[i] = gtftThreshold(base.Donation.Benefit, cb*base.Donation.Benefit, base.Donation.Continue, base.Donation.Error, nG, nD)
	}
	row := thresholdRow(fmt.Sprintf("6. generous reciprocity, errors e = %g (Nowak & Sigmund 1992)", base.Donation.Error), "g",
		"1 - c/b = "+fmtList(targets, "%.1f"), targets, exact, sw.th, forgivenessGrid)
	atZero := make([]float64, len(ratios))
	ahead := true
	for r := range ratios {
		atZero[r] = sw.diff[r][0]
		ahead = ahead && atZero[r] > 0
	}
	zero := fmt.Sprintf("At g = 0 the scorekeepers earn %s more than the takers per member (c/b = %s).", fmtList(atZero, "%.0f"), fmtList(ratios, "%.1f"))
	if ahead {
		zero += " So only the upper bound of generosity is tested: tit-for-tat on a ledger, unlike tit-for-tat on the last move, recovers from a failed gift " +
			"by itself (the one behind is refused once while it gives, and the count is level again), and errors do not make it need forgiveness " +
			"as they make Nowak & Sigmund's tit-for-tat."
	}
	row.Notes = append([]string{fmt.Sprintf("g* is the largest forgiveness at which %d forgiving scorekeepers (tit-for-tat on the ledger) "+
		"out-earn %d takers, in repeated games continuing with probability w = %g, with execution errors e = %g; "+
		"the exact value of this finite setting comes from the expected payoffs of the ledger's Markov chain (gtftPayoffs). %s",
		nG, nD, base.Donation.Continue, base.Donation.Error, zero)}, row.Notes...)
	return []Row{row}, nil
}

// memberCount returns how many members strategy s has in cfg, for a
// share that gives a whole number of members (the exact threshold is
// computed for those counts); false otherwise.
func memberCount(cfg sim.Config, s int) (int, bool) {
	total := 0.0
	for _, st := range cfg.Strategies {
		total += st.Share
	}
	x := cfg.Strategies[s].Share / total * float64(cfg.Population.Members)
	n := math.Round(x)
	return int(n), math.Abs(x-n) < 1e-9
}
