package sim

import (
	"fmt"
	"testing"
)

// BenchmarkRound measures one weekly round in steady state (after a year
// of warm-up, when contact lists and trust have settled) at three sizes.
// ns/opportunity divides the round's time by the referral opportunities
// drawn in it, the unit of work that scales with members.
func BenchmarkRound(b *testing.B) {
	for _, members := range []int{300, 10_000, 100_000} {
		b.Run(fmt.Sprintf("members=%d", members), func(b *testing.B) {
			cfg := Default()
			cfg.Population.Members = members
			cfg.Rounds = 1 << 20
			w, err := newWorld(&cfg, NewStream(cfg.Seed, 0))
			if err != nil {
				b.Fatal(err)
			}
			series := make([]float64, 0, 64*w.nStrat*int(numMetrics))
			for range 52 {
				w.step()
			}
			opp0 := w.tot.Opportunities
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				w.step()
				series = w.record(series[:0])
			}
			b.StopTimer()
			opps := w.tot.Opportunities - opp0
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(opps), "ns/opportunity")
			b.ReportMetric(float64(opps)/float64(b.N), "opportunities/round")
		})
	}
}
