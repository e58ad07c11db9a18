package sim

import (
	"math"
	"slices"
	"testing"
)

// TestCountActs: each member's weekly count is Poisson with its
// strategy's mean, whether the chapter draws its total and shares it out
// (sparse: under one act every other week per member) or draws member by
// member (busy). Over 20,000 weeks each member's mean must lie within 4
// standard errors of its rate, its variance within 4 of its relative
// standard errors of the mean (a Poisson count's variance is its mean;
// the sample variance's relative standard error is sqrt((2 + 1/mean)/n),
// since a Poisson's fourth cumulant is its mean), and two members' counts
// must not covary (within 4 standard errors of 0): in the sparse draw the counts are multinomial
// given the total, and only a Poisson total makes them independent.
func TestCountActs(t *testing.T) {
	for _, tc := range []struct {
		name   string
		rates  []float64 // per strategy
		sparse bool
	}{
		{"sparse", []float64{0.02, 0.3, 0}, true},
		{"busy", []float64{0.5, 2, 1}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := Default()
			cfg.Population.Members, cfg.Population.ChapterSize = 30, 30
			cfg.Strategies = []StrategySpec{
				{Name: "a", Kind: "giver", Share: 0.4}, {Name: "b", Kind: "scorekeeper", Share: 0.3}, {Name: "c", Kind: "taker", Share: 0.3},
			}
			w := mustWorld(t, &cfg, 9)
			ch := &w.chapters[0]
			draws := make([]alias, len(tc.rates))
			for s, r := range tc.rates {
				draws[s] = newPoisson(r)
			}
			var table actTable
			table.epoch = -1
			out := make([]int32, ch.size)
			const weeks = 20000
			sum, sq := make([]float64, ch.size), make([]float64, ch.size)
			var cross float64
			for range weeks {
				w.countActs(ch, tc.rates, draws, &table, out)
				for a, n := range out {
					sum[a] += float64(n)
					sq[a] += float64(n) * float64(n)
				}
				cross += float64(out[0]) * float64(out[1])
			}
			if table.sparse != tc.sparse {
				t.Fatalf("drew sparse %v, want %v", table.sparse, tc.sparse)
			}
			for a := range ch.size {
				rate := tc.rates[w.stats[ch.start+a].strat]
				mean := sum[a] / weeks
				variance := sq[a]/weeks - mean*mean
				if math.Abs(mean-rate) > 4*math.Sqrt(rate/weeks)+1e-12 {
					t.Errorf("member %d: mean %.4f, want %.4f", a, mean, rate)
				}
				if rel := math.Sqrt((2 + 1/rate) / weeks); rate > 0 && math.Abs(variance-rate) > 4*rel*rate {
					t.Errorf("member %d: variance %.4f, want %.4f (Poisson)", a, variance, rate)
				}
			}
			m0, m1 := sum[0]/weeks, sum[1]/weeks
			cov := cross/weeks - m0*m1
			se := math.Sqrt(tc.rates[w.stats[ch.start].strat] * tc.rates[w.stats[ch.start+1].strat] / weeks)
			if math.Abs(cov) > 4*se+1e-12 {
				t.Errorf("members 0 and 1 covary: %.5f, want 0 ± %.5f", cov, 4*se)
			}
		})
	}
}

// TestAddTiesMatchesAddOut: writing a week's new ties in one pass over a
// chapter's arena (addTies) leaves it exactly as adding them one by one in
// the order met (addOut) does: each after the member's ties of the same
// profession, for random arenas and random batches.
func TestAddTiesMatchesAddOut(t *testing.T) {
	cfg := Default()
	cfg.Population.Members, cfg.Population.ChapterSize, cfg.Population.MaxContacts = 300, 30, 60
	r := NewStream(3)
	for trial := range 50 {
		one := mustWorld(t, &cfg, uint64(trial))
		batch := mustWorld(t, &cfg, uint64(trial))
		ch1, chB := &one.chapters[0], &batch.chapters[0]
		for range 3 { // some weeks of meetings
			for range r.IntN(40) {
				i := int32(r.IntN(int(ch1.size)))
				j := int32(30 + r.IntN(270))
				if one.findOut(i, j) >= 0 || chB.adding(i, j) || ch1.outCount(i) >= one.maxOut(i) {
					continue
				}
				one.addOut(i, j, cfg.Trust.Outside)
				chB.newTies = append(chB.newTies, newTie{a: i, other: j, prof: batch.stats[j].prof})
				chB.added[i]++
			}
			batch.addTies(chB)
			if !slices.Equal(ch1.outs, chB.outs) || !slices.Equal(ch1.outProf, chB.outProf) || !slices.Equal(ch1.outStart, chB.outStart) {
				t.Fatalf("trial %d: addTies left another arena than addOut", trial)
			}
		}
	}
}
