package sensitivity

import (
	"fmt"
	"math"
	"slices"
)

// Ishigami is the Ishigami–Homma function (Ishigami & Homma 1990),
//
//	f(x) = sin x₁ + A·sin² x₂ + B·x₃⁴·sin x₁,
//
// with x₁, x₂, x₃ independent and uniform on [−π, π]. Input 3 acts only
// through its interaction with input 1, so it has a zero first-order index
// and a positive total index: a check that an estimator tells the two
// apart. The customary parameters are A = 7, B = 0.1.
type Ishigami struct {
	A, B float64
}

// InputRange returns the range of each of the three inputs, [−π, π], for
// mapping unit-cube design coordinates into the function's domain.
func (Ishigami) InputRange() Range { return Range{Lo: -math.Pi, Hi: math.Pi} }

// Eval returns f(x). It panics if len(x) != 3, as indexing past the end
// would; x is in the function's own domain, not the unit cube.
func (f Ishigami) Eval(x []float64) float64 {
	if len(x) != 3 {
		panic(fmt.Sprintf("sensitivity: Ishigami takes 3 inputs, found %d", len(x)))
	}
	s1 := math.Sin(x[0])
	s2 := math.Sin(x[1])
	x3sq := x[2] * x[2]
	return s1 + f.A*s2*s2 + f.B*x3sq*x3sq*s1
}

// Indices returns the analytic first-order (s1) and total (st) Sobol'
// indices of f, from its variance decomposition: with π⁴ and π⁸ the powers
// of π,
//
//	V₁  = ½·(1 + B·π⁴/5)²
//	V₂  = A²/8
//	V₁₃ = B²·π⁸·(1/18 − 1/50) = 8·B²·π⁸/225
//	V   = V₁ + V₂ + V₁₃ = A²/8 + B·π⁴/5 + B²·π⁸/18 + ½
//
// and all other terms zero, so S1 = (V₁, V₂, 0)/V and
// ST = (V₁+V₁₃, V₂, V₁₃)/V. V ≥ ½·(1+Bπ⁴/5)² + 8B²π⁸/225 > 0 for every A
// and B, so the indices are always defined.
func (f Ishigami) Indices() (s1, st []float64) {
	pi4 := math.Pow(math.Pi, 4)
	pi8 := pi4 * pi4
	v1 := 0.5 * (1 + f.B*pi4/5) * (1 + f.B*pi4/5)
	v2 := f.A * f.A / 8
	v13 := f.B * f.B * pi8 * (1.0/18 - 1.0/50)
	v := v1 + v2 + v13
	return []float64{v1 / v, v2 / v, 0}, []float64{(v1 + v13) / v, v2 / v, v13 / v}
}

// SobolG is the Sobol' G function (Saltelli & Sobol' 1995),
//
//	g(x) = Π_i (|4x_i − 2| + a_i) / (1 + a_i),
//
// on the unit cube, with x_i independent and uniform on [0,1]. The smaller
// a_i, the more input i matters: a_i = 0 is very important, a_i = 99
// nearly inert, which makes it the standard check that a screening method
// ranks inputs correctly. The usual eight coefficients are
// (0, 1, 4.5, 9, 99, 99, 99, 99). The zero SobolG has no inputs; build one
// with NewSobolG.
type SobolG struct {
	a []float64
}

// NewSobolG returns the G function with coefficients a, one per input. It
// returns an error if a is empty or any a_i is negative, NaN or infinite
// (the analytic indices need a_i ≥ 0).
func NewSobolG(a ...float64) (SobolG, error) {
	if len(a) == 0 {
		return SobolG{}, fmt.Errorf("sensitivity: Sobol' G: need at least one coefficient")
	}
	for i, v := range a {
		if !(v >= 0) || math.IsInf(v, 0) {
			return SobolG{}, fmt.Errorf("sensitivity: Sobol' G: coefficient %d is %g, need a finite a ≥ 0", i, v)
		}
	}
	return SobolG{a: slices.Clone(a)}, nil
}

// Dim returns the number of inputs.
func (g SobolG) Dim() int { return len(g.a) }

// Eval returns g(x) for x in the unit cube. It panics if len(x) differs
// from Dim, as a dimension mismatch in gonum does.
func (g SobolG) Eval(x []float64) float64 {
	if len(x) != len(g.a) {
		panic(fmt.Sprintf("sensitivity: Sobol' G takes %d inputs, found %d", len(g.a), len(x)))
	}
	p := 1.0
	for i, a := range g.a {
		p *= (math.Abs(4*x[i]-2) + a) / (1 + a)
	}
	return p
}

// Indices returns the analytic first-order (s1) and total (st) Sobol'
// indices of g. Each factor has mean 1 and partial variance
// V_i = 1/(3(1+a_i)²), and the factors are independent, so
//
//	V     = Π_i (1 + V_i) − 1
//	S1_i  = V_i / V
//	ST_i  = V_i · Π_{j≠i} (1 + V_j) / V.
//
// The zero SobolG has no variance and gets nil slices.
func (g SobolG) Indices() (s1, st []float64) {
	d := len(g.a)
	if d == 0 {
		return nil, nil
	}
	vi := make([]float64, d)
	prod := 1.0
	for i, a := range g.a {
		vi[i] = 1 / (3 * (1 + a) * (1 + a))
		prod *= 1 + vi[i]
	}
	v := prod - 1
	s1 = make([]float64, d)
	st = make([]float64, d)
	for i := range vi {
		s1[i] = vi[i] / v
		// Π_{j≠i}(1+V_j) is the full product over 1+V_i: every factor is
		// at least 1, so the division is safe.
		st[i] = vi[i] * (prod / (1 + vi[i])) / v
	}
	return s1, st
}
