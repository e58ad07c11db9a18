package sim

import (
	"context"
	"math"
	"testing"
)

// TestIncomeRateWithoutEvolution: with fixed strategies, a week's income
// rate is the week's rise of mean cumulative income, per replicate.
func TestIncomeRateWithoutEvolution(t *testing.T) {
	cfg := small()
	cfg.Rounds, cfg.Replicates = 30, 2
	res := run(t, cfg, 1)
	for _, rep := range res.Replicates {
		for s := range res.Strategies {
			prev := 0.0
			for r := 1; r <= cfg.Rounds; r++ {
				inc := rep.Value(Income, s, r)
				if got, want := rep.Value(IncomeRate, s, r), inc-prev; !near(got, want) && math.Abs(got-want) > 1e-6 {
					t.Fatalf("strategy %d week %d: rate %v, rise of income %v", s, r, got, want)
				}
				prev = inc
			}
		}
	}
}

// TestIncomeRateFollowsHolders: under imitation nobody leaves, so every
// week the rates weighted by the members who held each strategy during the
// week (the counts of the week before, since members switch only after a
// week's acts) add up to the rise of everyone's summed income; and the
// series is the same for any number of chapter workers.
func TestIncomeRateFollowsHolders(t *testing.T) {
	cfg := evoConfig(120, 20, Imitation)
	cfg.Evolution.Selection, cfg.Evolution.Mutation = 5, 0.05
	var reps [2]*Replicate
	for k, workers := range []int{1, 3} {
		rep, err := RunReplicate(context.Background(), &cfg, 0, NewStreamKey(7, 0), ReplicateOptions{Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		reps[k] = rep
	}
	for i := range reps[0].series {
		a, b := reps[0].series[i], reps[1].series[i]
		if a != b && !(math.IsNaN(a) && math.IsNaN(b)) {
			t.Fatalf("series[%d]: %v with 1 worker, %v with 3", i, a, b)
		}
	}
	rep := reps[0]
	n := float64(cfg.Population.Members)
	nS := len(cfg.Strategies)
	// held: members during the week, last week's counts; in the first
	// week (Period > 1) nobody has switched yet.
	held := make([]float64, nS)
	for s := range held {
		held[s] = math.Round(rep.Value(Share, s, 1) * n)
	}
	switched := false
	prevTotal := 0.0
	for r := 1; r <= cfg.Rounds; r++ {
		total, earned := 0.0, 0.0
		for s := range nS {
			c := math.Round(rep.Value(Share, s, r) * n)
			if c > 0 {
				total += rep.Value(Income, s, r) * c
			}
			if held[s] > 0 {
				earned += rep.Value(IncomeRate, s, r) * held[s]
			} else if !math.IsNaN(rep.Value(IncomeRate, s, r)) {
				t.Fatalf("week %d: strategy %d had no members but a rate", r, s)
			}
			if held[s] != c {
				switched = true
			}
			held[s] = c
		}
		if math.Abs(earned-(total-prevTotal)) > 1e-6*math.Max(1, math.Abs(total)) {
			t.Fatalf("week %d: rates times holders give %v, the rise of all income is %v", r, earned, total-prevTotal)
		}
		prevTotal = total
	}
	if !switched {
		t.Fatal("nobody switched strategy: the test proves nothing")
	}
}
