package reproduce

import (
	"context"
	"fmt"
	"math"

	"github.com/giversgain/giversgain/internal/equiv"
	"github.com/giversgain/giversgain/sim"
)

// Image-scoring thresholds of experiment 2.
const (
	// takeover is the final share of cooperative discriminators (k <= 0)
	// above which they are said to have taken over.
	takeover = sim.TakeoverShare
	// highCoop and lowCoop are the cooperation levels between which a
	// run must swing for a collapse or a recovery to count.
	highCoop = 0.8
	lowCoop  = 0.2
	// mutationRate, mutationGenerations and mutationRuns set the runs
	// with mutation. 96 runs put the 95% interval of the fraction that
	// cycles within about 9 points: with 24 the verdict was left to the
	// draw (a change of random stream alone moved it from 17 to 11 of 24
	// runs, while 192 runs gave 73%).
	mutationRate        = 0.001
	mutationGenerations = 5000
	mutationRuns        = 96
)

// cooperative lists, per strategy of cfg, whether it is a discriminator
// with k <= 0.
func cooperative(cfg sim.Config) []bool {
	out := make([]bool, len(cfg.Strategies))
	for i, s := range cfg.Strategies {
		if s.Kind == "discriminator" {
			k, _ := s.Params["threshold"].(float64)
			out[i] = k <= 0
		}
	}
	return out
}

// cooperationSeries returns, per round, the fraction of pairings in which
// the donor gave: the rise of the total gifts of all members, recovered
// from the per-strategy means and shares.
func cooperationSeries(rep *sim.Replicate, cfg *sim.Config) []float64 {
	n := float64(cfg.Population.Members)
	pairs := float64(cfg.Donation.Pairings)
	if pairs <= 0 {
		pairs = n
	}
	out := make([]float64, cfg.Rounds)
	prev := 0.0
	for r := 1; r <= cfg.Rounds; r++ {
		total := 0.0
		for s := range cfg.Strategies {
			sh := rep.Value(sim.Share, s, r)
			if sh > 0 {
				total += sh * n * rep.Value(sim.ReferralsGiven, s, r)
			}
		}
		out[r-1] = (total - prev) / pairs
		prev = total
	}
	return out
}

// swings counts collapses (from >= highCoop to <= lowCoop) and recoveries
// (back from <= lowCoop to >= highCoop) in a cooperation series.
func swings(coop []float64) (collapses, recoveries int) {
	state := 0 // 0 unknown, 1 high, -1 low
	for _, x := range coop {
		switch {
		case x >= highCoop && state != 1:
			if state == -1 {
				recoveries++
			}
			state = 1
		case x <= lowCoop && state != -1:
			if state == 1 {
				collapses++
			}
			state = -1
		}
	}
	return
}

// pairingsSweep is the number of donor-recipient pairings per generation
// at which experiment 2a measures the takeover rate: the paper's own
// setting (the config's donation.pairings, 125 for n = 100) and more. The
// outcome depends strongly on it: with 125 pairings each member is donor
// 1.25 times a generation and most images stay at their reset value 0,
// so discriminators decide on little information; with more, images say
// more.
var pairingsSweep = []int{300, 1000}

// imageScoring is experiment 2: Nowak & Sigmund 1998.
func imageScoring(ctx context.Context, base sim.Config, workers int) ([]Row, error) {
	coopK := cooperative(base)
	// Without mutation: the fraction of runs that cooperative
	// discriminators take over, at the paper's number of pairings per
	// generation and at more.
	var rows []Row
	for n, m := range append([]int{base.Donation.Pairings}, pairingsSweep...) {
		cfg := base
		cfg.Evolution.Mutation = 0
		cfg.Donation.Pairings = m
		won := make([]bool, cfg.Replicates)
		lost := make([]bool, cfg.Replicates)
		finalCoop := make([]float64, cfg.Replicates)
		err := replicates(ctx, []sim.Config{cfg}, workers, func(_, k int, rep *sim.Replicate) {
			share := 0.0
			for s, ok := range coopK {
				if ok {
					share += rep.Value(sim.Share, s, cfg.Rounds)
				}
			}
			won[k] = share > takeover
			lost[k] = share < 1-takeover
			c := cooperationSeries(rep, &cfg)
			finalCoop[k] = sim.Summarize(c[len(c)-min(len(c), 50):]).Mean
		})
		if err != nil {
			return nil, err
		}
		wins, losses := 0, 0
		for k := range won {
			if won[k] {
				wins++
			}
			if lost[k] {
				losses++
			}
		}
		frac := float64(wins) / float64(len(won))
		lo, hi := wilson(wins, len(won))
		st := Fail
		if lo > 0.5 {
			st = Pass
		}
		setting := fmt.Sprintf("%d pairings per generation", m)
		if n == 0 {
			setting += ", the paper's setting"
		}
		row := Row{
			Experiment: fmt.Sprintf("2a. image scoring, no mutation, %s (Nowak & Sigmund 1998)", setting),
			Expected:   "k <= 0 take over in most runs (95% CI above 50%)",
			Measured: fmt.Sprintf("k <= 0 took over in %d of %d runs (%.0f%%, 95%% CI %.0f-%.0f%%), k >= 1 in %d; cooperation in the last 50 generations %.2f",
				wins, len(won), 100*frac, 100*lo, 100*hi, losses, sim.Summarize(finalCoop).Mean),
			Status: st,
		}
		if n == 0 {
			row.Notes = []string{fmt.Sprintf("n = %d, b = %g, c = %g, k in -5..6 in equal shares, images public and reset each generation, %d generations. "+
				"Offspring are drawn in proportion to max(0, payoff); drawing them in proportion to payoff minus the generation's lowest payoff "+
				"(weaker selection) gave 30%% of 100 runs in a trial run, so the verdict depends on how the paper's \"offspring in proportion to payoff\" treats negative payoffs. "+
				"With %d pairings for %d players each plays donor %.2f times a generation and images reset, so about half the recipients met still have image 0 "+
				"and few have |image| > 1: k <= -2 give to everyone, k >= 2 to almost no one, and only k = -1, 0, 1 discriminate, so selection works on little information; "+
				"the rows at %s pairings give images more to say",
				cfg.Population.Members, cfg.Donation.Benefit, cfg.Donation.Cost, cfg.Rounds, m, cfg.Population.Members,
				float64(m)/float64(cfg.Population.Members), joinInts(pairingsSweep, " and "))}
		}
		rows = append(rows, row)
	}

	// With mutation: cycles of cooperation.
	cfg := base
	cfg.Evolution.Mutation = mutationRate
	cfg.Rounds = mutationGenerations
	cfg.Replicates = mutationRuns
	collapses := make([]int, cfg.Replicates)
	recoveries := make([]int, cfg.Replicates)
	meanCoop := make([]float64, cfg.Replicates)
	err := replicates(ctx, []sim.Config{cfg}, workers, func(_, k int, rep *sim.Replicate) {
		// Each replicate k writes only its own elements: no lock needed.
		c := cooperationSeries(rep, &cfg)
		collapses[k], recoveries[k] = swings(c)
		meanCoop[k] = sim.Summarize(c).Mean
	})
	if err != nil {
		return nil, err
	}
	cycling, totalCol, totalRec := 0, 0, 0
	for k := range collapses {
		totalCol += collapses[k]
		totalRec += recoveries[k]
		if collapses[k] >= 1 && recoveries[k] >= 1 {
			cycling++
		}
	}
	// Most runs must cycle with confidence: the interval, not only the
	// point estimate, lies above one half.
	cycLo, cycHi := wilson(cycling, len(collapses))
	st := Fail
	if cycLo > 0.5 {
		st = Pass
	}
	rows = append(rows, Row{
		Experiment: fmt.Sprintf("2b. image scoring, mutation %g", mutationRate),
		Expected:   fmt.Sprintf("cooperation cycles: most runs (95%% CI above 50%%) collapse (>= %.1f to <= %.1f) and recover", highCoop, lowCoop),
		Measured: fmt.Sprintf("%d of %d runs cycled in %d generations (%.0f%%, 95%% CI %.0f-%.0f%%); %.1f collapses and %.1f recoveries per run; mean cooperation %.2f",
			cycling, len(collapses), mutationGenerations, 100*float64(cycling)/float64(len(collapses)), 100*cycLo, 100*cycHi,
			float64(totalCol)/float64(len(collapses)), float64(totalRec)/float64(len(collapses)), sim.Summarize(meanCoop).Mean),
		Status: st,
	})
	return rows, nil
}

// aggregate runs cfg and returns its aggregated result.
func aggregate(ctx context.Context, cfg sim.Config, workers int) (*sim.Result, error) {
	return sim.Run(ctx, cfg, sim.Options{Workers: workers})
}

// levelMargin is the margin within which experiment 5 calls the two
// ledgers level: a difference in ten years' income of less than 5% of the
// count ledger's. It is an assumption, stated: a difference smaller than
// one a member would change its bookkeeping for.
const levelMargin = 0.05

// countVsValue is experiment 5: count versus value ledgers.
func countVsValue(ctx context.Context, cfg sim.Config, workers int) ([]Row, error) {
	res, err := aggregate(ctx, cfg, workers)
	if err != nil {
		return nil, err
	}
	cnt, val := strategyIndex(cfg, "count"), strategyIndex(cfg, "value")
	diffs := make([]float64, len(res.Replicates))
	rel := make([]float64, len(res.Replicates))
	for k, rep := range res.Replicates {
		c := rep.Value(sim.Income, cnt, cfg.Rounds)
		diffs[k] = rep.Value(sim.Income, val, cfg.Rounds) - c
		rel[k] = diffs[k] / c
	}
	d := sim.Summarize(diffs)
	ic, iv := res.Final(sim.Income, cnt), res.Final(sim.Income, val)
	better := "value"
	if d.Mean < 0 {
		better = "count"
	}
	eq, err := equiv.Symmetric(rel, levelMargin, 0.05)
	if err != nil {
		return nil, err
	}
	level := "level within ±5% of the count ledger's income by TOST"
	if !eq.Equivalent {
		level = "not shown level within ±5% by TOST"
	}
	notes := []string{fmt.Sprintf("referrals given per member: count %.0f, value %.0f; received: count %.0f, value %.0f",
		res.Final(sim.ReferralsGiven, cnt).Mean, res.Final(sim.ReferralsGiven, val).Mean,
		res.Final(sim.ReferralsReceived, cnt).Mean, res.Final(sim.ReferralsReceived, val).Mean),
		fmt.Sprintf("equivalence (value minus count income over count income, per replicate; margin ±%.0f%%, an assumption): %v", 100*levelMargin, eq)}
	return []Row{{
		Experiment: "5. count vs value scorekeepers",
		Expected:   "report which ledger earns more, and by how much (no literature value)",
		Measured: fmt.Sprintf("%s ledger ahead: value $%.0f vs count $%.0f after %d weeks, difference $%.0f (95%% CI %.0f to %.0f), %+.1f%%; %s (p = %.2g)",
			better, iv.Mean, ic.Mean, cfg.Rounds, d.Mean, d.Low, d.High, 100*d.Mean/ic.Mean, level, eq.P),
		Status: Report,
		Notes:  notes,
	}}, nil
}

// wilson is the 95% Wilson score interval of a proportion k of n.
func wilson(k, n int) (float64, float64) {
	if n == 0 {
		return 0, 1
	}
	const z = 1.959963984540054
	p, nf := float64(k)/float64(n), float64(n)
	den := 1 + z*z/nf
	mid := (p + z*z/(2*nf)) / den
	half := z * math.Sqrt(p*(1-p)/nf+z*z/(4*nf*nf)) / den
	return mid - half, mid + half
}
