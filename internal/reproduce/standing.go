package reproduce

import (
	"context"
	"fmt"
	"slices"

	"github.com/giversgain/giversgain/sim"
)

// Experiment 7: image scoring against standing, with unconditional givers
// present (Leimar, O. & Hammerstein, P. 2001, "Evolution of cooperation
// through indirect reciprocity", Proc. R. Soc. B 268:745-753; Panchanathan,
// K. & Boyd, R. 2003, "A tale of two defectors: the importance of
// standing for evolution of indirect reciprocity", J. Theor. Biol.
// 224:115-126).
//
// Under image scoring a discriminator that refuses a defector is seen
// refusing and loses image, so other discriminators refuse it in turn,
// while an unconditional giver, who helps defectors too, keeps a clean
// image: unconditional givers out-earn discriminators, replace them, and
// are then exploited by defectors. Under standing, refusing someone in bad
// standing costs no standing, so discriminators save what unconditional
// givers waste on defectors and keep their place.
//
// The runner plays four rules (image scoring and standing, each graded and
// binary) on the same population and random streams,
// with evolution by generations and no mutation, and compares the
// discriminators' mean final share with their starting share: under
// neutral selection (offspring in proportion to payoff, everyone alike)
// the expected share never moves, so a mean final share whose 95%
// interval lies below the start says selection removed discriminators,
// and one above it says selection favoured them.

// standingRules are the assessment rules experiment 7 compares, in row
// order, with the row's name and whether the literature expects the rule
// to lose its discriminators (image scoring) or keep them (standing).
var standingRules = []struct {
	rule  sim.Assessment
	name  string
	loses bool
}{
	{sim.ImageScoring, "7a. image scoring (graded, Nowak & Sigmund 1998) with unconditional givers: discriminators lost", true},
	{sim.BinaryImage, "7b. image scoring (binary, as in Panchanathan & Boyd 2003) with unconditional givers: discriminators lost", true},
	{sim.Standing, "7c. standing (graded) with unconditional givers: discriminators kept", false},
	{sim.BinaryStanding, "7d. standing (binary, Sugden 1986) with unconditional givers: discriminators kept", false},
}

// imageVsStanding is experiment 7.
func imageVsStanding(ctx context.Context, base sim.Config, workers int) ([]Row, error) {
	sD, sC, sX := strategyIndex(base, "discriminator"), strategyIndex(base, "unconditional"), strategyIndex(base, "defector")
	start, ok := memberCount(base, sD)
	if !ok {
		return nil, fmt.Errorf("the discriminators' share must give a whole number of members")
	}
	startShare := float64(start) / float64(base.Population.Members)
	cfgs := make([]sim.Config, len(standingRules))
	for r, a := range standingRules {
		cfgs[r] = base
		cfgs[r].Referrals.Assessment = a.rule
	}
	type outcome struct{ disc, allc, alld, gap, took float64 }
	out := make([][]outcome, len(cfgs))
	for r := range out {
		out[r] = make([]outcome, base.Replicates)
	}
	err := replicates(ctx, cfgs, workers, func(r, k int, rep *sim.Replicate) {
		T := base.Rounds
		o := outcome{
			disc: rep.Value(sim.Share, sD, T),
			allc: rep.Value(sim.Share, sC, T),
			alld: rep.Value(sim.Share, sX, T),
		}
		if o.disc > takeover {
			o.took = 1
		}
		out[r][k] = o
	})
	if err != nil {
		return nil, err
	}
	// The selection gradient between the two kinds of giver: their
	// payoffs in one generation of the starting mix, played without
	// evolution (a generation's record already holds its offspring).
	first := make([]sim.Config, len(cfgs))
	for r := range cfgs {
		first[r] = cfgs[r]
		first[r].Rounds = 1
		first[r].Evolution.Period = 0
	}
	err = replicates(ctx, first, workers, func(r, k int, rep *sim.Replicate) {
		out[r][k].gap = rep.Value(sim.Income, sD, 1) - rep.Value(sim.Income, sC, 1)
	})
	if err != nil {
		return nil, err
	}
	col := func(r int, f func(outcome) float64) sim.Stat {
		xs := make([]float64, len(out[r]))
		for k, o := range out[r] {
			xs[k] = f(o)
		}
		return sim.Summarize(xs)
	}
	var rows []Row
	for r, a := range standingRules {
		disc := col(r, func(o outcome) float64 { return o.disc })
		allc := col(r, func(o outcome) float64 { return o.allc })
		alld := col(r, func(o outcome) float64 { return o.alld })
		gap := col(r, func(o outcome) float64 { return o.gap })
		took := int(col(r, func(o outcome) float64 { return o.took }).Mean*float64(base.Replicates) + 0.5)
		row := Row{
			Measured: fmt.Sprintf("discriminators' final share %s; unconditional givers %.0f%%, defectors %.0f%%; discriminators took over in %d of %d runs",
				pct(disc), 100*allc.Mean, 100*alld.Mean, took, base.Replicates),
			Notes: []string{fmt.Sprintf("first generation, discriminator minus unconditional giver payoff: %+.3f (95%% CI %+.3f to %+.3f), b = %g",
				gap.Mean, gap.Low, gap.High, base.Donation.Benefit)},
		}
		row.Experiment = a.name
		if a.loses {
			row.Expected = fmt.Sprintf("discriminators' mean final share below their starting %.0f%% (95%% CI)", 100*startShare)
			row.Status = statusOf(disc.High < startShare)
		} else {
			row.Expected = fmt.Sprintf("discriminators' mean final share above their starting %.0f%% (95%% CI)", 100*startShare)
			row.Status = statusOf(disc.Low > startShare)
		}
		rows = append(rows, row)
	}
	rows[0].Notes = append(rows[0].Notes, "graded image scores forgive: a discriminator that has given once and then refuses a defector is at image 0, "+
		"still good to k = 0 discriminators, so the penalty for refusing defectors rarely bites; the first generation's payoff gap says whether it did")
	rows[1].Notes = append(rows[1].Notes, "when the first generation's gap is negative, binary image scoring penalises discriminators for refusing defectors, as the literature says; "+
		"once the defectors are gone, though, nobody refuses anyone in good standing and the two kinds of giver are neutral, "+
		"so how many discriminators a run ends with depends on how long the defectors lasted and on drift")
	if slices.Equal(out[2], out[3]) {
		rows[3].Notes = append(rows[3].Notes, "without errors and with k = 0, graded and binary standing give every member an image of the same sign at every moment "+
			"(only defectors refuse anyone in good standing; an excused refusal changes nothing under either), so the discriminators decide alike "+
			"and, on the same random streams, rows 7c and 7d agree; the two rules part with errors or with other thresholds")
	}
	rows[0].Notes = append([]string{fmt.Sprintf("%d members in one chapter, a third each discriminators (k = 0), unconditional givers (k = -5) and defectors (takers); "+
		"b = %g, c = %g; images public and known (observe 1, visibility 1), reset every generation; %d pairings per generation, %d generations, no mutation, %d runs per rule on the same random streams. "+
		"Under neutral selection the expected final share equals the starting share",
		base.Population.Members, base.Donation.Benefit, base.Donation.Cost, base.Donation.Pairings, base.Rounds, base.Replicates)}, rows[0].Notes...)
	return rows, nil
}

func statusOf(ok bool) Status {
	if ok {
		return Pass
	}
	return Fail
}
