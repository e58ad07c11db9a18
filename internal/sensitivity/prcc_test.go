package sensitivity

import (
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// uniformPoints returns n points of d independent uniform inputs.
func uniformPoints(n, d int, rng *rand.Rand) [][]float64 {
	x := make([][]float64, n)
	for k := range x {
		x[k] = make([]float64, d)
		for i := range x[k] {
			x[k][i] = rng.Float64()
		}
	}
	return x
}

func TestRankTies(t *testing.T) {
	y := []float64{3, 1, 3, 2, 3, -1}
	w := newPRCCWork([][]float64{y}, y)
	idx := []int{0, 1, 2, 3, 4, 5}
	clear(w.count)
	for _, p := range idx {
		w.count[p]++
	}
	w.rank(0, idx)
	// Ranks 1..6: −1 → 1, 1 → 2, 2 → 3, the three 3s share (4+5+6)/3 = 5;
	// centred by (6+1)/2 = 3.5.
	want := []float64{1.5, -1.5, 1.5, -0.5, 1.5, -2.5}
	if !reflect.DeepEqual(w.ranks[0], want) {
		t.Errorf("centred ranks %v, want %v", w.ranks[0], want)
	}
	// A resample drawing point 1 twice and point 0 once: values 1, 1, 3
	// rank 1.5, 1.5, 3, centred by 2.
	idx = []int{1, 0, 1}
	w.n = 3
	clear(w.count)
	for _, p := range idx {
		w.count[p]++
	}
	w.ranks[0] = w.ranks[0][:3]
	w.rank(0, idx)
	if want := []float64{-0.5, 1, -0.5}; !reflect.DeepEqual(w.ranks[0], want) {
		t.Errorf("resample ranks %v, want %v", w.ranks[0], want)
	}
}

// TestPRCCOneInputIsSpearman checks d = 1 against Spearman's rank
// correlation computed directly (Pearson correlation of the ranks), to
// 1e-12, on data with ties.
func TestPRCCOneInputIsSpearman(t *testing.T) {
	x := [][]float64{{1}, {2}, {2}, {3}, {5}, {4}, {6}, {6}}
	y := []float64{2, 1, 4, 3, 7, 5, 5, 9}
	res, err := PRCC(x, y, Bootstrap{Resamples: 200}, rand.NewPCG(1, 1))
	if err != nil {
		t.Fatal(err)
	}
	rx := []float64{1, 2.5, 2.5, 4, 6, 5, 7.5, 7.5}
	ry := []float64{2, 1, 4, 3, 7, 5.5, 5.5, 8}
	var sxy, sxx, syy float64
	for k := range rx {
		dx, dy := rx[k]-4.5, ry[k]-4.5
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	want := sxy / math.Sqrt(sxx*syy)
	if abs(res.Coef[0].Value-want) > 1e-12 {
		t.Errorf("PRCC = %.15g, Spearman %.15g", res.Coef[0].Value, want)
	}
	checkEstimates(t, "PRCC", res.Coef)
}

// TestPRCCLinear uses y = 3x₁ − 2x₂ + x₃ − 0.5x₄ + 0·x₅ + N(0, 0.1²) at
// n = 300 uniform points (seed 1), 500 bootstrap resamples. The PRCC signs must match the
// coefficients', |PRCC| must decrease with |c_i| over the four active
// inputs, the active inputs' p-values must be below 1e-6 and their
// intervals must exclude 0, and the inert input's |PRCC| must be below 0.2
// with a p-value above 0.01 and an interval containing 0.
func TestPRCCLinear(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 5))
	c := []float64{3, -2, 1, -0.5, 0}
	x := uniformPoints(300, len(c), rng)
	y := make([]float64, len(x))
	for k, row := range x {
		for i, v := range row {
			y[k] += c[i] * v
		}
		y[k] += 0.1 * rng.NormFloat64()
	}
	res, err := PRCC(x, y, Bootstrap{Resamples: 500}, rand.NewPCG(1, 6))
	if err != nil {
		t.Fatal(err)
	}
	checkEstimates(t, "PRCC", res.Coef)
	for i, e := range res.Coef {
		t.Logf("linear x%d (c = %g): PRCC %.4f [%.4f, %.4f] se %.4f p %.3g", i+1, c[i], e.Value, e.Lo, e.Hi, e.StdErr, res.PValue[i])
		if !(res.PValue[i] >= 0 && res.PValue[i] <= 1) {
			t.Errorf("x%d: p-value %g outside [0,1]", i+1, res.PValue[i])
		}
	}
	for i := range 4 {
		e := res.Coef[i]
		if math.Signbit(e.Value) != math.Signbit(c[i]) {
			t.Errorf("x%d: PRCC %.4f has the wrong sign for c = %g", i+1, e.Value, c[i])
		}
		if res.PValue[i] > 1e-6 || (e.Lo <= 0 && e.Hi >= 0) {
			t.Errorf("x%d: p %.3g, interval [%.4f, %.4f]: want p < 1e-6 and 0 excluded", i+1, res.PValue[i], e.Lo, e.Hi)
		}
		if i > 0 && !(abs(res.Coef[i-1].Value) > abs(e.Value)) {
			t.Errorf("|PRCC| of x%d (%.4f) not above x%d (%.4f)", i, abs(res.Coef[i-1].Value), i+1, abs(e.Value))
		}
	}
	if e := res.Coef[4]; abs(e.Value) > 0.2 || res.PValue[4] < 0.01 || !covered(e, 0, 0) {
		t.Errorf("inert x5: PRCC %.4f [%.4f, %.4f] p %.3g: want |PRCC| < 0.2, p > 0.01, 0 inside", e.Value, e.Lo, e.Hi, res.PValue[4])
	}
}

// TestPRCCMonotone uses y = exp(3x₁) − 5x₂³ + 2√x₃ + 0·x₄ + N(0, 0.1²) at
// n = 300 points (seed 2), 500 resamples: monotone in each input but far from linear.
// Signs must be +, −, +; |PRCC| must order x₁ > x₂ > x₃ (the inputs'
// output ranges are e³−1 ≈ 19, 5 and 2); the inert x₄ must have
// |PRCC| < 0.2 and p > 0.01.
func TestPRCCMonotone(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 5))
	x := uniformPoints(300, 4, rng)
	y := evalRows(x, func(v []float64) float64 {
		return math.Exp(3*v[0]) - 5*v[1]*v[1]*v[1] + 2*math.Sqrt(v[2]) + 0.1*rng.NormFloat64()
	})
	res, err := PRCC(x, y, Bootstrap{Resamples: 500}, rand.NewPCG(2, 6))
	if err != nil {
		t.Fatal(err)
	}
	checkEstimates(t, "PRCC", res.Coef)
	for i, e := range res.Coef {
		t.Logf("monotone x%d: PRCC %.4f [%.4f, %.4f] se %.4f p %.3g", i+1, e.Value, e.Lo, e.Hi, e.StdErr, res.PValue[i])
	}
	r := res.Coef
	if !(r[0].Value > 0 && r[1].Value < 0 && r[2].Value > 0) {
		t.Errorf("signs of %.4f, %.4f, %.4f: want +, −, +", r[0].Value, r[1].Value, r[2].Value)
	}
	if !(abs(r[0].Value) > abs(r[1].Value) && abs(r[1].Value) > abs(r[2].Value)) {
		t.Errorf("|PRCC| %.4f, %.4f, %.4f: want decreasing", r[0].Value, r[1].Value, r[2].Value)
	}
	if abs(r[3].Value) > 0.2 || res.PValue[3] < 0.01 {
		t.Errorf("inert x4: PRCC %.4f p %.3g: want |PRCC| < 0.2, p > 0.01", r[3].Value, res.PValue[3])
	}
}

// TestPRCCOnSobolDesign runs PRCC on the rows of a Sobol' design, whose
// AB rows repeat coordinates of A and B, so ties are everywhere: for
// y = x₁ − 4x₂ the PRCCs of the active inputs must be near ±1 (|r| >
// 0.95: the output is an exact linear function of them, which the rank
// transform bends only a little; 0.984 and −0.999 measured) and the inert
// x₃ near 0 (|r| < 0.1), N = 128 base samples, 640 rows.
func TestPRCCOnSobolDesign(t *testing.T) {
	rows, err := SobolDesign(3, 128, ScrambledHalton, rand.NewPCG(4, 4))
	if err != nil {
		t.Fatal(err)
	}
	y := evalRows(rows, func(v []float64) float64 { return v[0] - 4*v[1] })
	res, err := PRCC(rows, y, Bootstrap{Resamples: 200}, rand.NewPCG(4, 5))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("PRCC on a Sobol' design: %.4f, %.4f, %.4f", res.Coef[0].Value, res.Coef[1].Value, res.Coef[2].Value)
	if !(res.Coef[0].Value > 0.95 && res.Coef[1].Value < -0.95 && abs(res.Coef[2].Value) < 0.1) {
		t.Errorf("PRCC %.4f, %.4f, %.4f: want > 0.95, < −0.95, |·| < 0.1", res.Coef[0].Value, res.Coef[1].Value, res.Coef[2].Value)
	}
	checkEstimates(t, "PRCC", res.Coef)
}

// TestPRCCUndefined: an output that is an exact monotone function of one
// input, an input with the same ranks as another, and other inputs whose
// ranks are collinear leave a PRCC 0/0: errors, never NaN.
func TestPRCCUndefined(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	x := uniformPoints(50, 2, rng)
	y := evalRows(x, func(v []float64) float64 { return math.Exp(v[0]) })
	if _, err := PRCC(x, y, Bootstrap{Resamples: 20}, rand.NewPCG(1, 1)); err == nil || !strings.Contains(err.Error(), "output's ranks are explained") {
		t.Errorf("y = exp(x₁): error %v, want the output-ranks-explained error for x₂", err)
	}
	for _, row := range x {
		row[1] = row[0] * row[0] // same ranks as x₁
	}
	y = evalRows(x, func(v []float64) float64 { return v[0] + rng.Float64() })
	if _, err := PRCC(x, y, Bootstrap{Resamples: 20}, rand.NewPCG(1, 1)); err == nil || !strings.Contains(err.Error(), "input 0: its ranks are explained") {
		t.Errorf("x₂ = x₁²: error %v, want the input-ranks-explained error", err)
	}
	// With x₃ = x₂³ as well, the regression of input 1 (x₁) on x₂ and x₃
	// has two identical rank columns: collinear.
	x3 := uniformPoints(50, 3, rng)
	for _, row := range x3 {
		row[2] = row[1] * row[1] * row[1]
	}
	y = evalRows(x3, func(v []float64) float64 { return v[0] + v[1] + rng.Float64() })
	if _, err := PRCC(x3, y, Bootstrap{Resamples: 20}, rand.NewPCG(1, 1)); err == nil || !strings.Contains(err.Error(), "input 0: the other inputs' ranks are collinear") {
		t.Errorf("x₃ = x₂³: error %v, want a collinear-ranks error", err)
	}
	// A perfect monotone relation with d = 1 is defined: PRCC 1, p 0.
	one := [][]float64{{1}, {2}, {3}, {4}}
	res, err := PRCC(one, []float64{1, 8, 27, 64}, Bootstrap{Resamples: 50}, rand.NewPCG(1, 1))
	if err != nil {
		t.Fatal(err)
	}
	if res.Coef[0].Value != 1 || res.PValue[0] != 0 {
		t.Errorf("y = x³: PRCC %g p %g, want 1 and 0", res.Coef[0].Value, res.PValue[0])
	}
	checkEstimates(t, "PRCC", res.Coef)
}

func TestPRCCDeterminism(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 6))
	x := uniformPoints(40, 3, rng)
	y := evalRows(x, func(v []float64) float64 { return v[0] - v[1] + 0.3*rng.Float64() })
	a, err := PRCC(x, y, Bootstrap{Resamples: 100}, rand.NewPCG(1, 1))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := PRCC(x, y, Bootstrap{Resamples: 100}, rand.NewPCG(1, 1))
	c, _ := PRCC(x, y, Bootstrap{Resamples: 100}, rand.NewPCG(2, 1))
	if !reflect.DeepEqual(a, b) {
		t.Errorf("same seed, different result")
	}
	if reflect.DeepEqual(a.Coef, c.Coef) || a.Coef[0].Value != c.Coef[0].Value {
		t.Errorf("bootstrap seeds 1 and 2: want equal point estimates and different intervals")
	}
}

func TestPRCCInvalid(t *testing.T) {
	src := rand.NewPCG(1, 1)
	rng := rand.New(rand.NewPCG(2, 2))
	x := uniformPoints(10, 3, rng)
	y := evalRows(x, func(v []float64) float64 { return v[0] + v[1]*v[2] })
	ragged := append([][]float64{{1, 2}}, x[1:]...)
	constX := uniformPoints(10, 3, rng)
	for _, row := range constX {
		row[2] = 7
	}
	nanX := uniformPoints(10, 3, rng)
	nanX[4][1] = math.Inf(1)
	nanY := append([]float64(nil), y...)
	nanY[9] = math.NaN()
	constY := make([]float64, 10)
	for _, tc := range []struct {
		name       string
		x          [][]float64
		y          []float64
		b          Bootstrap
		src        rand.Source
		wantErrSub string
	}{
		{"no points", nil, nil, Bootstrap{}, src, "no points"},
		{"length mismatch", x, y[:9], Bootstrap{}, src, "outputs for"},
		{"no inputs", [][]float64{{}, {}, {}}, []float64{1, 2, 3}, Bootstrap{}, src, "no inputs"},
		{"too few points", x[:4], y[:4], Bootstrap{}, src, "at least d+2"},
		{"ragged", ragged, y, Bootstrap{}, src, "has 3 inputs"},
		{"constant input", constX, y, Bootstrap{}, src, "input 2 is constant"},
		{"constant output", x, constY, Bootstrap{}, src, "outputs are constant"},
		{"Inf input", nanX, y, Bootstrap{}, src, "must be finite"},
		{"NaN output", x, nanY, Bootstrap{}, src, "must be finite"},
		{"bad level", x, y, Bootstrap{Level: 2}, src, "confidence level"},
		{"nil source", x, y, Bootstrap{}, nil, "nil rand.Source"},
	} {
		if _, err := PRCC(tc.x, tc.y, tc.b, tc.src); err == nil || !strings.Contains(err.Error(), tc.wantErrSub) {
			t.Errorf("PRCC %s: error %v, want one containing %q", tc.name, err, tc.wantErrSub)
		}
	}
	// n = d+2 is the smallest valid size (one degree of freedom).
	small := [][]float64{{1, 2, 3}, {2, 1, 5}, {3, 5, 4}, {4, 3, 1}, {5, 4, 2}}
	res, err := PRCC(small, []float64{2, 1, 4, 5, 3}, Bootstrap{Resamples: 50}, src)
	if err != nil {
		t.Fatalf("n = d+2: %v", err)
	}
	checkEstimates(t, "PRCC", res.Coef)
}
