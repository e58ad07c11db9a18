package findings

import (
	"context"
	"math"
	"sync"
	"testing"

	"github.com/giversgain/giversgain/sim"
)

var small = sync.OnceValues(func() (*sim.Result, error) {
	cfg := sim.Default()
	cfg.Seed, cfg.Rounds, cfg.Replicates = 7, 52, 3
	cfg.Population.Members, cfg.Population.ChapterSize = 60, 30
	return sim.Run(context.Background(), cfg, sim.Options{})
})

func smallResult(t testing.TB) *sim.Result {
	t.Helper()
	res, err := small()
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestKindFinalsMatchEngine checks that the verdict's per-replicate kind
// means, from the agent records, agree with the engine's KindIncome.
func TestKindFinalsMatchEngine(t *testing.T) {
	res := smallResult(t)
	kf := NewKindFinals(res)
	for k, kind := range kf.Kinds {
		got, want := kf.Stat(k), res.KindIncome[kind][res.Rounds-1]
		if got.N != want.N || math.Abs(got.Mean-want.Mean) > 1e-6*math.Max(1, math.Abs(want.Mean)) ||
			math.Abs(got.Low-want.Low) > 1e-6*math.Max(1, math.Abs(want.Low)) {
			t.Errorf("%s: agents give %+v, KindIncome %+v", kind, got, want)
		}
	}
}

// TestRatioPercent checks the ratio-of-means lead against values worked by
// hand. xs = (5, 7, 6), ys = (2, 3, 4): R = 6/3 = 2, so +100%; the
// residuals x − R·y are (1, 1, −2), sd √3, and with t(2) = 4.3027 the
// half-width is 100·4.3027·√3/√3/3 = 143.42 points. (The mean of the
// per-replicate percentages would say 111%: 150, 133 and 50.)
func TestRatioPercent(t *testing.T) {
	got, ok := RatioPercent([]float64{5, 7, 6}, []float64{2, 3, 4})
	if !ok || got.N != 3 || math.Abs(got.Mean-100) > 1e-9 || math.Abs(got.High-got.Mean-143.42) > 0.01 || math.Abs(got.Mean-got.Low-143.42) > 0.01 {
		t.Errorf("got %+v (ok %v), want 100 ± 143.42", got, ok)
	}
	if got, ok := RatioPercent([]float64{4, 6, 8}, []float64{2, 3, 4}); !ok || got.Mean != 100 || got.Low != 100 || got.High != 100 {
		t.Errorf("an exact ratio of 2: %+v, want 100 with no width", got)
	}
	if got, ok := RatioPercent([]float64{3}, []float64{2}); !ok || got.N != 1 || got.Mean != 50 {
		t.Errorf("one replicate: %+v, want 50 without an interval", got)
	}
	for _, ys := range [][]float64{{0, 0, 0}, {-1, 2, 1}, {1, 2, -2}} {
		if _, ok := RatioPercent([]float64{1, 1, 1}, ys); ok {
			t.Errorf("base %v: a percentage of a base that may be zero or negative must not be valid", ys)
		}
	}
}
