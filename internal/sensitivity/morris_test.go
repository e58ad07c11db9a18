package sensitivity

import (
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

func TestMorrisDesignLayout(t *testing.T) {
	for _, p := range []int{2, 4, 6, 8} {
		const d, r = 5, 40
		rows, err := MorrisDesign(d, r, p, rand.NewPCG(uint64(p), 9))
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != r*(d+1) {
			t.Fatalf("p=%d: %d rows, want r·(d+1) = %d", p, len(rows), r*(d+1))
		}
		delta := MorrisDelta(p)
		if want := float64(p) / (2 * float64(p-1)); delta != want {
			t.Fatalf("MorrisDelta(%d) = %g, want %g", p, delta, want)
		}
		var up, down int
		for tr := range r {
			moved := make([]bool, d)
			for s := 0; s <= d; s++ {
				row := rows[tr*(d+1)+s]
				for _, u := range row {
					// On the grid {0, 1/(p−1), …, 1}, so inside [0,1].
					k := u * float64(p-1)
					if !(u >= 0 && u <= 1) || math.Abs(k-math.Round(k)) > 1e-9 {
						t.Fatalf("p=%d trajectory %d row %d = %v: off the %d-level grid", p, tr, s, row, p)
					}
				}
				if s == 0 {
					continue
				}
				prev := rows[tr*(d+1)+s-1]
				changed := 0
				for i := range d {
					if row[i] == prev[i] {
						continue
					}
					changed++
					step := row[i] - prev[i]
					if math.Abs(math.Abs(step)-delta) > 1e-12 {
						t.Errorf("p=%d trajectory %d step %d: input %d moves by %g, want ±%g", p, tr, s, i, step, delta)
					}
					if moved[i] {
						t.Errorf("p=%d trajectory %d: input %d moves twice", p, tr, i)
					}
					moved[i] = true
					if step > 0 {
						up++
					} else {
						down++
					}
				}
				if changed != 1 {
					t.Errorf("p=%d trajectory %d step %d: %d inputs change, want 1", p, tr, s, changed)
				}
			}
		}
		// 200 fair coins: both directions must occur, roughly equally
		// (|up−100| > 40 has probability below 1e-8).
		if up+down != r*d || up < 60 || down < 60 {
			t.Errorf("p=%d: %d moves up and %d down of %d, want about half each", p, up, down, r*d)
		}
	}
}

// TestMorrisLinear checks effects and signs exactly: for the linear
// f = 2x₁ − 3x₂ + 0·x₃ every elementary effect of input i is its
// coefficient whichever way the input moves, so mu = (2, −3, 0),
// mu* = (2, 3, 0) and sigma = 0, up to rounding (1e-9). An analysis that
// ignored the direction of a move would report mu near 0 instead.
func TestMorrisLinear(t *testing.T) {
	rows, err := MorrisDesign(3, 30, DefaultMorrisLevels, rand.NewPCG(2, 2))
	if err != nil {
		t.Fatal(err)
	}
	y := evalRows(rows, func(x []float64) float64 { return 2*x[0] - 3*x[1] })
	res, err := AnalyzeMorris(rows, y, Bootstrap{Resamples: 100}, rand.NewPCG(2, 3))
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []float64{2, -3, 0} {
		if abs(res.Mu[i]-want) > 1e-9 || abs(res.MuStar[i].Value-abs(want)) > 1e-9 || res.Sigma[i] > 1e-9 {
			t.Errorf("input %d: mu %g, mu* %g, sigma %g; want %g, %g, 0", i+1, res.Mu[i], res.MuStar[i].Value, res.Sigma[i], want, abs(want))
		}
		if abs(res.MuStar[i].Lo-abs(want)) > 1e-9 || abs(res.MuStar[i].Hi-abs(want)) > 1e-9 {
			t.Errorf("input %d: mu* interval [%g, %g], want the point %g", i+1, res.MuStar[i].Lo, res.MuStar[i].Hi, abs(want))
		}
	}
	if res.Trajectories != 30 {
		t.Errorf("Trajectories = %d, want 30", res.Trajectories)
	}
}

// TestMorrisStatistics checks mu, mu* and sigma on three hand-made
// one-input trajectories whose effects are 1, −2 (a move down whose output
// rises) and 6: mu = 5/3, mu* = 3, sigma = √(Σ(e−mu)²/(r−1)) = √(49/3)
// with SALib's r−1 denominator, to 1e-12.
func TestMorrisStatistics(t *testing.T) {
	x := [][]float64{{0}, {2.0 / 3}, {2.0 / 3}, {0}, {1.0 / 3}, {1}}
	y := []float64{0, 2.0 / 3, 0, 4.0 / 3, 0, 4}
	res, err := AnalyzeMorris(x, y, Bootstrap{Resamples: 50}, rand.NewPCG(1, 1))
	if err != nil {
		t.Fatal(err)
	}
	if abs(res.Mu[0]-5.0/3) > 1e-12 || abs(res.MuStar[0].Value-3) > 1e-12 || abs(res.Sigma[0]-math.Sqrt(49.0/3)) > 1e-12 {
		t.Errorf("mu %g, mu* %g, sigma %g; want 5/3, 3, √(49/3) = %g", res.Mu[0], res.MuStar[0].Value, res.Sigma[0], math.Sqrt(49.0/3))
	}
	// Every resampled mu* is a mean of effects from {1, 2, 6}.
	if e := res.MuStar[0]; e.Lo < 1 || e.Hi > 6 {
		t.Errorf("mu* interval [%g, %g] outside [1, 6]", e.Lo, e.Hi)
	}
}

// TestMorrisNonMonotone checks mu against mu* for f = (x₁ − ½)², whose
// effects have both signs, so |mu| < mu*; input 2 is inert.
func TestMorrisNonMonotone(t *testing.T) {
	rows, err := MorrisDesign(2, 50, 4, rand.NewPCG(8, 8))
	if err != nil {
		t.Fatal(err)
	}
	y := evalRows(rows, func(x []float64) float64 { return (x[0] - 0.5) * (x[0] - 0.5) })
	res, err := AnalyzeMorris(rows, y, Bootstrap{Resamples: 100}, rand.NewPCG(8, 9))
	if err != nil {
		t.Fatal(err)
	}
	// With p = 4 the moves are 0 ↔ 2/3 and 1/3 ↔ 1, where f changes by
	// 1/4 − 1/36 = 2/9 over a step of 2/3: |EE| = 1/3 always.
	if abs(res.MuStar[0].Value-1.0/3) > 1e-12 || abs(res.Mu[0]) >= res.MuStar[0].Value {
		t.Errorf("mu* = %g (want exactly 1/3), mu = %g (want |mu| < mu*)", res.MuStar[0].Value, res.Mu[0])
	}
	if res.MuStar[1].Value != 0 {
		t.Errorf("mu* of the inert input = %g, want 0", res.MuStar[1].Value)
	}
}

// TestMorrisG ranks the G function's inputs (a = 0, 1, 4.5, 9, 99, 99, 99,
// 99) by mu* with r = 50 trajectories (450 runs), p = 4, for seeds 1–5:
// inputs 1, 2, 3, 4 must come in that order and 5–8 below all of them.
// The analytic order follows from a: the smaller a_i, the larger the
// factor's swing.
func TestMorrisG(t *testing.T) {
	g := standardG(t)
	for seed := uint64(1); seed <= 5; seed++ {
		rows, err := MorrisDesign(g.Dim(), 50, DefaultMorrisLevels, rand.NewPCG(seed, 3))
		if err != nil {
			t.Fatal(err)
		}
		res, err := AnalyzeMorris(rows, evalRows(rows, g.Eval), Bootstrap{}, rand.NewPCG(seed, 4))
		if err != nil {
			t.Fatal(err)
		}
		checkEstimates(t, "mu*", res.MuStar)
		ms := make([]float64, g.Dim())
		for i, e := range res.MuStar {
			ms[i] = e.Value
			if !finite(res.Mu[i], res.Sigma[i]) {
				t.Errorf("input %d: mu %g sigma %g", i+1, res.Mu[i], res.Sigma[i])
			}
		}
		t.Logf("seed %d r=50: mu* = %.4f", seed, ms)
		for i := 0; i < 3; i++ {
			if !(ms[i] > ms[i+1]) {
				t.Errorf("seed %d: mu*[%d] = %.4f not above mu*[%d] = %.4f", seed, i+1, ms[i], i+2, ms[i+1])
			}
		}
		for i := 4; i < 8; i++ {
			if !(ms[i] < ms[3]) {
				t.Errorf("seed %d: mu*[%d] = %.4f not below mu*[4] = %.4f", seed, i+1, ms[i], ms[3])
			}
		}
	}
}

func TestMorrisOneInput(t *testing.T) {
	rows, err := MorrisDesign(1, 5, 4, rand.NewPCG(1, 1))
	if err != nil {
		t.Fatal(err)
	}
	res, err := AnalyzeMorris(rows, evalRows(rows, func(x []float64) float64 { return 4 * x[0] }), Bootstrap{Resamples: 10}, rand.NewPCG(1, 2))
	if err != nil {
		t.Fatal(err)
	}
	if abs(res.Mu[0]-4) > 1e-12 || abs(res.MuStar[0].Value-4) > 1e-12 {
		t.Errorf("mu %g, mu* %g: want 4", res.Mu[0], res.MuStar[0].Value)
	}
}

func TestMorrisDeterminism(t *testing.T) {
	g := standardG(t)
	run := func(seed uint64) ([][]float64, *MorrisResult) {
		rows, err := MorrisDesign(g.Dim(), 10, 4, rand.NewPCG(seed, 0))
		if err != nil {
			t.Fatal(err)
		}
		res, err := AnalyzeMorris(rows, evalRows(rows, g.Eval), Bootstrap{Resamples: 50}, rand.NewPCG(seed, 1))
		if err != nil {
			t.Fatal(err)
		}
		return rows, res
	}
	r1, m1 := run(3)
	r2, m2 := run(3)
	if !reflect.DeepEqual(r1, r2) || !reflect.DeepEqual(m1, m2) {
		t.Errorf("same seed, different design or result")
	}
	r3, m3 := run(4)
	if reflect.DeepEqual(r1, r3) || reflect.DeepEqual(m1.Mu, m3.Mu) {
		t.Errorf("seeds 3 and 4 gave the same design or result")
	}
}

func TestMorrisInvalid(t *testing.T) {
	src := rand.NewPCG(1, 1)
	for _, tc := range []struct {
		name       string
		d, r, p    int
		src        rand.Source
		wantErrSub string
	}{
		{"no inputs", 0, 10, 4, src, "at least 1 input"},
		{"one trajectory", 3, 1, 4, src, "at least 2 trajectories"},
		{"odd levels", 3, 10, 5, src, "even"},
		{"zero levels", 3, 10, 0, src, "even"},
		{"negative levels", 3, 10, -4, src, "even"},
		{"too large", 1000, math.MaxInt / 2, 4, src, "too large"},
		{"nil source", 3, 10, 4, nil, "nil rand.Source"},
	} {
		if _, err := MorrisDesign(tc.d, tc.r, tc.p, tc.src); err == nil || !strings.Contains(err.Error(), tc.wantErrSub) {
			t.Errorf("MorrisDesign %s: error %v, want one containing %q", tc.name, err, tc.wantErrSub)
		}
	}

	rows, err := MorrisDesign(2, 3, 4, rand.NewPCG(5, 5))
	if err != nil {
		t.Fatal(err)
	}
	y := evalRows(rows, func(x []float64) float64 { return x[0] + x[1] })
	clone := func() [][]float64 {
		c := make([][]float64, len(rows))
		for k := range rows {
			c[k] = append([]float64(nil), rows[k]...)
		}
		return c
	}
	twoMove := clone()
	twoMove[1][0], twoMove[1][1] = 1-twoMove[0][0], 1-twoMove[0][1] // both inputs move
	still := clone()
	copy(still[1], still[0]) // nothing moves
	twice := clone()
	// Second step moves input 0 again instead of the other input.
	copy(twice[2], twice[1])
	moving := 0
	if twice[1][0] == twice[0][0] {
		moving = 1
	}
	twice[2][moving] = twice[0][moving]
	ragged := clone()
	ragged[4] = ragged[4][:1]
	nanX := clone()
	nanX[2][0] = math.NaN()
	nanY := append([]float64(nil), y...)
	nanY[0] = math.NaN()
	big := append([]float64(nil), y...)
	big[1] = math.MaxFloat64
	big[0] = -math.MaxFloat64
	for _, tc := range []struct {
		name       string
		x          [][]float64
		y          []float64
		b          Bootstrap
		src        rand.Source
		wantErrSub string
	}{
		{"no rows", nil, nil, Bootstrap{}, src, "no design rows"},
		{"length mismatch", rows, y[:8], Bootstrap{}, src, "outputs for"},
		{"partial trajectory", rows[:8], y[:8], Bootstrap{}, src, "whole number"},
		{"one trajectory", rows[:3], y[:3], Bootstrap{}, src, "at least 2 trajectories"},
		{"empty rows", [][]float64{{}, {}}, []float64{1, 2}, Bootstrap{}, src, "no inputs"},
		{"two inputs move", twoMove, y, Bootstrap{}, src, "both change"},
		{"nothing moves", still, y, Bootstrap{}, src, "no input changes"},
		{"input moves twice", twice, y, Bootstrap{}, src, "moves twice"},
		{"ragged rows", ragged, y, Bootstrap{}, src, "has 1 inputs"},
		{"NaN input", nanX, y, Bootstrap{}, src, "must be finite"},
		{"NaN output", rows, nanY, Bootstrap{}, src, "must be finite"},
		{"overflowing effect", rows, big, Bootstrap{}, src, "effect of input"},
		{"bad bootstrap", rows, y, Bootstrap{Resamples: 1}, src, "at least 2 resamples"},
		{"nil source", rows, y, Bootstrap{}, nil, "nil rand.Source"},
	} {
		if _, err := AnalyzeMorris(tc.x, tc.y, tc.b, tc.src); err == nil || !strings.Contains(err.Error(), tc.wantErrSub) {
			t.Errorf("AnalyzeMorris %s: error %v, want one containing %q", tc.name, err, tc.wantErrSub)
		}
	}
}
