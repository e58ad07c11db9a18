package sensitivity

import (
	"math"
	"testing"
)

// evalRows returns f at every row.
func evalRows(rows [][]float64, f func([]float64) float64) []float64 {
	y := make([]float64, len(rows))
	for k, row := range rows {
		y[k] = f(row)
	}
	return y
}

// ishigamiUnit returns the standard Ishigami function (A = 7, B = 0.1) of
// unit-cube coordinates, mapped through its input range.
func ishigamiUnit(t *testing.T) (Ishigami, func([]float64) float64) {
	t.Helper()
	f := Ishigami{A: 7, B: 0.1}
	r := f.InputRange()
	v := make([]float64, 3)
	return f, func(u []float64) float64 {
		for i, ui := range u {
			var err error
			if v[i], err = r.Map(ui); err != nil {
				t.Fatal(err)
			}
		}
		return f.Eval(v)
	}
}

// standardG returns the G function with the coefficients of Saltelli &
// Sobol' (1995) used throughout the tests.
func standardG(t *testing.T) SobolG {
	t.Helper()
	g, err := NewSobolG(0, 1, 4.5, 9, 99, 99, 99, 99)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// checkEstimates fails unless every field of every estimate is finite and
// Lo ≤ Hi, StdErr ≥ 0.
func checkEstimates(t *testing.T, name string, es []Estimate) {
	t.Helper()
	for i, e := range es {
		if !finite(e.Value, e.Lo, e.Hi, e.StdErr) || e.Lo > e.Hi || e.StdErr < 0 {
			t.Errorf("%s[%d] = %+v: want finite values, Lo ≤ Hi, StdErr ≥ 0", name, i, e)
		}
	}
}

// covered reports whether want lies in [e.Lo−slack, e.Hi+slack].
func covered(e Estimate, want, slack float64) bool {
	return want >= e.Lo-slack && want <= e.Hi+slack
}

func abs(x float64) float64 { return math.Abs(x) }
