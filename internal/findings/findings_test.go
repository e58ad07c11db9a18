package findings

import (
	"context"
	"math"
	"math/rand/v2"
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

// TestRatioPercent checks Fieller's interval against values worked out by
// hand from its quadratic (Fieller 1954; Franz 2007, arXiv:0710.2024,
// eq. 13 in paired form), with t(0.975, 2) = 4.302653 and t(0.975, 4) =
// 2.776445 (NIST/SEMATECH e-Handbook, Table of Student's t):
//   - xs = 5, 7, 6 over ys = 2, 3, 4: x̄ = 6, ȳ = 3, the means' variances
//     1/3 and 1/3, covariance -1/6; the roots are R = 1.118693 and
//     9.425114, so +11.87% to +842.51% around +100%;
//   - xs = 10, 12, 9, 11, 13 over ys = 8, 9, 7, 10, 9: R̂ = 1.279070, roots
//     1.112702 and 1.463126.
func TestRatioPercent(t *testing.T) {
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-3 }
	got, ok := RatioPercent([]float64{5, 7, 6}, []float64{2, 3, 4})
	if !ok || got.N != 3 || !near(got.Mean, 100) || !near(got.Low, 11.8693) || !near(got.High, 842.5114) {
		t.Errorf("got %+v (ok %v), want 100 (11.869 to 842.511)", got, ok)
	}
	got, ok = RatioPercent([]float64{10, 12, 9, 11, 13}, []float64{8, 9, 7, 10, 9})
	if !ok || !near(got.Mean, 27.9070) || !near(got.Low, 11.2702) || !near(got.High, 46.3126) {
		t.Errorf("got %+v (ok %v), want 27.907 (11.270 to 46.313)", got, ok)
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
	// The interval holds 0% exactly when the paired difference's interval
	// holds $0, on many random samples near the boundary.
	r := rand.New(rand.NewPCG(3, 4))
	for k := range 2000 {
		n := 2 + r.IntN(30)
		xs, ys, ds := make([]float64, n), make([]float64, n), make([]float64, n)
		lead := r.NormFloat64() * 3
		for i := range n {
			ys[i] = 100 + 10*r.NormFloat64()
			xs[i] = ys[i] + lead + 8*r.NormFloat64()
			ds[i] = xs[i] - ys[i]
		}
		pct, ok := RatioPercent(xs, ys)
		if !ok {
			continue
		}
		d := sim.Summarize(ds)
		if (pct.Low > 0) != (d.Low > 0) || (pct.High < 0) != (d.High < 0) {
			t.Fatalf("sample %d: percent interval %.4f to %.4f but paired difference %.4f to %.4f", k, pct.Low, pct.High, d.Low, d.High)
		}
	}
}
