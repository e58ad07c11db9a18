package sensitivity

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestGroupMean(t *testing.T) {
	y := []float64{1, 0, 1, 1, 0, 0, 1, 1, 1, 0, 1, 1}
	e, err := GroupMean(y, 3, Bootstrap{Resamples: 200}, rand.NewPCG(1, 2))
	if err != nil {
		t.Fatal(err)
	}
	if want := 8.0 / 12; math.Abs(e.Value-want) > 1e-12 {
		t.Errorf("mean %g, want %g", e.Value, want)
	}
	if !(e.Lo <= e.Value && e.Value <= e.Hi) || e.Lo < 0 || e.Hi > 1 {
		t.Errorf("interval %g..%g around %g", e.Lo, e.Hi, e.Value)
	}
	for _, c := range []struct {
		y    []float64
		size int
	}{{y, 5}, {y[:3], 3}, {y, 0}, {[]float64{1, math.NaN()}, 1}} {
		if _, err := GroupMean(c.y, c.size, Bootstrap{}, rand.NewPCG(1, 2)); err == nil {
			t.Errorf("GroupMean(%v, %d): no error", c.y, c.size)
		}
	}
}

// The sum of the Ishigami function's first-order indices of x1 and x2 is
// 0.3139 + 0.4424; SobolS1Sum must agree with AnalyzeSobol's S1 values.
func TestSobolS1Sum(t *testing.T) {
	const d, n = 3, 4096
	rows, err := SobolDesign(d, n, ScrambledHalton, rand.NewPCG(3, 4))
	if err != nil {
		t.Fatal(err)
	}
	y := make([]float64, len(rows))
	for k, r := range rows {
		x := make([]float64, d)
		for i, u := range r {
			x[i] = -math.Pi + 2*math.Pi*u
		}
		y[k] = Ishigami{A: 7, B: 0.1}.Eval(x)
	}
	res, err := AnalyzeSobol(d, y, Bootstrap{Resamples: 100}, rand.NewPCG(5, 6))
	if err != nil {
		t.Fatal(err)
	}
	sum, err := SobolS1Sum(d, y, []int{0, 1}, Bootstrap{Resamples: 100}, rand.NewPCG(5, 6))
	if err != nil {
		t.Fatal(err)
	}
	if want := res.S1[0].Value + res.S1[1].Value; math.Abs(sum.Value-want) > 1e-12 {
		t.Errorf("sum %g, want S1[0]+S1[1] = %g", sum.Value, want)
	}
	if math.Abs(sum.Value-(0.3139+0.4424)) > 0.05 {
		t.Errorf("sum %g, analytic 0.7563", sum.Value)
	}
	if _, err := SobolS1Sum(d, y, []int{3}, Bootstrap{}, rand.NewPCG(1, 1)); err == nil {
		t.Error("input 3 of 3: no error")
	}
}
