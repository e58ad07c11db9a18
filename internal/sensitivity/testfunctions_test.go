package sensitivity

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// TestIshigamiIndices compares the computed analytic indices with the
// values published to four decimals (Ishigami & Homma 1990; also the
// values in SALib's Ishigami module and the brief): S1 = (0.3139, 0.4424,
// 0), ST = (0.5576, 0.4424, 0.2437), within the rounding half-unit 5e-5.
func TestIshigamiIndices(t *testing.T) {
	s1, st := Ishigami{A: 7, B: 0.1}.Indices()
	want1 := []float64{0.3139, 0.4424, 0}
	wantT := []float64{0.5576, 0.4424, 0.2437}
	for i := range 3 {
		if abs(s1[i]-want1[i]) > 5e-5 || abs(st[i]-wantT[i]) > 5e-5 {
			t.Errorf("input %d: S1 %.6f ST %.6f, want %.4f and %.4f", i+1, s1[i], st[i], want1[i], wantT[i])
		}
	}
}

// TestIshigamiVariance checks the variance decomposition behind Indices
// two independent ways: the closed form V = A²/8 + Bπ⁴/5 + B²π⁸/18 + ½
// must give S1[2]·V = A²/8 (to 1e-12), and the sample variance of f at
// 200000 pseudo-random points (seed 1) must match V within 2% (the
// relative s.e. of a sample variance here is about 0.4%).
func TestIshigamiVariance(t *testing.T) {
	for _, f := range []Ishigami{{A: 7, B: 0.1}, {A: 5, B: 0.3}, {A: 0, B: 0}} {
		pi4 := math.Pow(math.Pi, 4)
		v := f.A*f.A/8 + f.B*pi4/5 + f.B*f.B*pi4*pi4/18 + 0.5
		s1, st := f.Indices()
		if abs(s1[1]*v-f.A*f.A/8) > 1e-12*v || abs(st[1]-s1[1]) > 1e-15 || s1[2] != 0 {
			t.Errorf("%+v: S1 %v ST %v inconsistent with V = %g", f, s1, st, v)
		}
		rng := rand.New(rand.NewPCG(1, 1))
		x := make([]float64, 3)
		var sum, sumSq float64
		const n = 200000
		for range n {
			for i := range x {
				x[i] = math.Pi * (2*rng.Float64() - 1)
			}
			y := f.Eval(x)
			sum += y
			sumSq += y * y
		}
		mean := sum / n
		sample := sumSq/n - mean*mean
		t.Logf("%+v: analytic V %.4f, sample variance %.4f", f, v, sample)
		if abs(sample-v) > 0.02*v {
			t.Errorf("%+v: sample variance %.4f, analytic %.4f", f, sample, v)
		}
	}
}

func TestIshigamiEval(t *testing.T) {
	f := Ishigami{A: 7, B: 0.1}
	// sin(π/2) + 7·sin²(π/2) + 0.1·1⁴·sin(π/2) = 8.1
	if got := f.Eval([]float64{math.Pi / 2, math.Pi / 2, 1}); abs(got-8.1) > 1e-12 {
		t.Errorf("f(π/2, π/2, 1) = %g, want 8.1", got)
	}
	if got := f.Eval([]float64{0, 0, 3}); got != 0 {
		t.Errorf("f(0, 0, 3) = %g, want 0", got)
	}
	if r := f.InputRange(); r != (Range{Lo: -math.Pi, Hi: math.Pi}) {
		t.Errorf("InputRange = %+v, want [−π, π]", r)
	}
}

// TestSobolGIndices recomputes the G function's indices in exact rational
// arithmetic (math/big) from V_i = 1/(3(1+a_i)²), V = Π(1+V_i) − 1,
// S1_i = V_i/V, ST_i = V_i·Π_{j≠i}(1+V_j)/V, and requires the float
// results to agree within 1e-14.
func TestSobolGIndices(t *testing.T) {
	a := []*big.Rat{big.NewRat(0, 1), big.NewRat(1, 1), big.NewRat(9, 2), big.NewRat(9, 1),
		big.NewRat(99, 1), big.NewRat(99, 1), big.NewRat(99, 1), big.NewRat(99, 1)}
	g := standardG(t)
	s1, st := g.Indices()
	one := big.NewRat(1, 1)
	vi := make([]*big.Rat, len(a))
	prod := big.NewRat(1, 1)
	for i, ai := range a {
		d := new(big.Rat).Add(one, ai)
		d.Mul(d, d)
		d.Mul(d, big.NewRat(3, 1))
		vi[i] = new(big.Rat).Inv(d)
		prod.Mul(prod, new(big.Rat).Add(one, vi[i]))
	}
	v := new(big.Rat).Sub(prod, one)
	for i := range a {
		w1, _ := new(big.Rat).Quo(vi[i], v).Float64()
		others := new(big.Rat).Quo(prod, new(big.Rat).Add(one, vi[i]))
		wT, _ := new(big.Rat).Quo(new(big.Rat).Mul(vi[i], others), v).Float64()
		if abs(s1[i]-w1) > 1e-14 || abs(st[i]-wT) > 1e-14 {
			t.Errorf("input %d: S1 %.17g ST %.17g, exact %.17g and %.17g", i+1, s1[i], st[i], w1, wT)
		}
	}
	t.Logf("G indices: S1 %.4f, ST %.4f", s1, st)
}

// TestSobolGMoments checks the G function itself against its moments:
// every factor has mean 1, so E[g] = 1, and Var[g] = Π(1+V_i) − 1. Sample
// mean and variance over 200000 points (seed 2) must be within 0.01 and
// 3% (the relative s.e. of the variance is about 1%).
func TestSobolGMoments(t *testing.T) {
	g := standardG(t)
	rng := rand.New(rand.NewPCG(2, 2))
	x := make([]float64, g.Dim())
	var sum, sumSq float64
	const n = 200000
	for range n {
		for i := range x {
			x[i] = rng.Float64()
		}
		y := g.Eval(x)
		sum += y
		sumSq += y * y
	}
	mean := sum / n
	sample := sumSq/n - mean*mean
	prod := 1.0
	for _, a := range []float64{0, 1, 4.5, 9, 99, 99, 99, 99} {
		prod *= 1 + 1/(3*(1+a)*(1+a))
	}
	t.Logf("G: sample mean %.4f, sample variance %.4f, analytic variance %.4f", mean, sample, prod-1)
	if abs(mean-1) > 0.01 || abs(sample-(prod-1)) > 0.03*(prod-1) {
		t.Errorf("sample mean %.4f, variance %.4f: want 1 and %.4f", mean, sample, prod-1)
	}
}

func TestSobolGEval(t *testing.T) {
	g, err := NewSobolG(0, 1)
	if err != nil {
		t.Fatal(err)
	}
	// At x = ½ the a = 0 factor vanishes; at x = 0 each factor is (2+a)/(1+a).
	if got := g.Eval([]float64{0.5, 0.2}); got != 0 {
		t.Errorf("g(½, 0.2) = %g, want 0", got)
	}
	if got := g.Eval([]float64{0, 1}); abs(got-2*1.5) > 1e-15 {
		t.Errorf("g(0, 1) = %g, want 3", got)
	}
	a := []float64{1, 2}
	g2, _ := NewSobolG(a...)
	a[0] = 50 // NewSobolG copies its coefficients.
	if got := g2.Eval([]float64{0, 0}); abs(got-1.5*4.0/3) > 1e-15 {
		t.Errorf("after changing the caller's slice g(0, 0) = %g, want 2", got)
	}
	if s1, st := (SobolG{}).Indices(); s1 != nil || st != nil {
		t.Errorf("zero SobolG: Indices = %v, %v; want nil", s1, st)
	}
	for _, bad := range [][]float64{nil, {-1}, {0, math.NaN()}, {math.Inf(1)}} {
		if _, err := NewSobolG(bad...); err == nil {
			t.Errorf("NewSobolG(%v): nil error", bad)
		}
	}
}
