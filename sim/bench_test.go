package sim

import (
	"fmt"
	"runtime"
	"testing"
)

// BenchmarkRound measures one weekly round in steady state at three sizes:
// after two years of warm-up, when contact lists have filled to their cap
// (the mean reaches 49 of 50 by week 130 at 10,000 members) and the cost
// per round has stopped drifting. b.Loop runs the body once, so the
// warm-up is paid once per size.
// ns/opportunity divides the round's time by the referral opportunities
// drawn in it, the unit of work that scales with members; bytes/agent is
// the world's heap divided by its members; allocs/op is per round.
//
// The world is the first release's (commit 905bfd4: shared seats, the
// eight professions at margin 1, the default mix), so that engine versions
// compare like with like; BenchmarkRoundDefault measures today's default.
func BenchmarkRound(b *testing.B) { benchmarkRound(b, firstReleaseWorld) }

// BenchmarkRoundDefault is BenchmarkRound on the default world: exclusive
// seats and the 51-profession catalogue.
func BenchmarkRoundDefault(b *testing.B) { benchmarkRound(b, Default) }

func benchmarkRound(b *testing.B, world func() Config) {
	for _, members := range []int{300, 10_000, 100_000} {
		b.Run(fmt.Sprintf("members=%d", members), func(b *testing.B) {
			cfg := world()
			cfg.Population.Members = members
			cfg.Rounds = 1 << 20
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			w, err := newWorld(&cfg, NewStreamKey(cfg.Seed, 0))
			if err != nil {
				b.Fatal(err)
			}
			runtime.GC()
			runtime.ReadMemStats(&after)
			series := make([]float64, 0, 64*w.nStrat*int(numMetrics))
			for range warmUpRounds {
				w.step()
			}
			opp0 := w.totals().Opportunities
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				w.step()
				series = w.record(series[:0])
			}
			b.StopTimer()
			opps := w.totals().Opportunities - opp0
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(opps), "ns/opportunity")
			b.ReportMetric(float64(opps)/float64(b.N), "opportunities/round")
			b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/float64(members), "bytes/agent")
		})
	}
}

// warmUpRounds is the steady-state warm-up of BenchmarkRound: two years.
const warmUpRounds = 104

// BenchmarkWorkers measures one round of one default world of 100,000
// members played by 1, 2, 4 ... chapter workers (up to the CPUs), after
// the same two-year warm-up as BenchmarkRound: the speed-up of one world
// on several cores. The results do not depend on the workers
// (TestChapterWorkersNeverChangeANumber).
func BenchmarkWorkers(b *testing.B) {
	for workers := 1; workers <= runtime.GOMAXPROCS(0); workers *= 2 {
		b.Run(fmt.Sprintf("members=100000/workers=%d", workers), func(b *testing.B) {
			cfg := Default()
			cfg.Population.Members = 100_000
			cfg.Rounds = 1 << 20
			w, err := newWorld(&cfg, NewStreamKey(cfg.Seed, 0))
			if err != nil {
				b.Fatal(err)
			}
			w.workers = workers
			series := make([]float64, 0, 64*w.nStrat*int(numMetrics))
			for range warmUpRounds {
				w.step()
			}
			opp0 := w.totals().Opportunities
			b.ResetTimer()
			for b.Loop() {
				w.step()
				series = w.record(series[:0])
			}
			b.StopTimer()
			opps := w.totals().Opportunities - opp0
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(opps), "ns/opportunity")
		})
	}
}
