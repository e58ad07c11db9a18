package sensitivity_test

import (
	"fmt"
	"log"
	"math/rand/v2"

	"github.com/giversgain/giversgain/internal/sensitivity"
)

// The whole flow on the Ishigami function: ask for a design, map each unit
// coordinate to a parameter value, run the model at every row, analyse the
// outputs in design order.
func ExampleAnalyzeSobol() {
	f := sensitivity.Ishigami{A: 7, B: 0.1}
	ranges := []sensitivity.Range{f.InputRange(), f.InputRange(), f.InputRange()}

	const d, n = 3, 2048
	rows, err := sensitivity.SobolDesign(d, n, sensitivity.ScrambledHalton, rand.NewPCG(1, 1))
	if err != nil {
		log.Fatal(err)
	}
	y := make([]float64, len(rows))
	x := make([]float64, d)
	for k, u := range rows {
		for i := range x {
			if x[i], err = ranges[i].Map(u[i]); err != nil {
				log.Fatal(err)
			}
		}
		y[k] = f.Eval(x)
	}

	res, err := sensitivity.AnalyzeSobol(d, y, sensitivity.Bootstrap{}, rand.NewPCG(1, 2))
	if err != nil {
		log.Fatal(err)
	}
	s1, st := f.Indices()
	for i := range d {
		fmt.Printf("x%d  S1 %5.2f [%5.2f, %5.2f] exact %.2f   ST %.2f [%.2f, %.2f] exact %.2f\n",
			i+1, res.S1[i].Value, res.S1[i].Lo, res.S1[i].Hi, s1[i],
			res.ST[i].Value, res.ST[i].Lo, res.ST[i].Hi, st[i])
	}
	// Output:
	// x1  S1  0.31 [ 0.27,  0.35] exact 0.31   ST 0.54 [0.48, 0.60] exact 0.56
	// x2  S1  0.44 [ 0.40,  0.48] exact 0.44   ST 0.44 [0.41, 0.47] exact 0.44
	// x3  S1 -0.00 [-0.04,  0.04] exact 0.00   ST 0.24 [0.22, 0.26] exact 0.24
}

// Screening the eight inputs of the Sobol' G function: mu* ranks them, and
// the four inputs with a = 99 are found to matter little.
func ExampleAnalyzeMorris() {
	g, err := sensitivity.NewSobolG(0, 1, 4.5, 9, 99, 99, 99, 99)
	if err != nil {
		log.Fatal(err)
	}
	rows, err := sensitivity.MorrisDesign(g.Dim(), 50, sensitivity.DefaultMorrisLevels, rand.NewPCG(1, 3))
	if err != nil {
		log.Fatal(err)
	}
	y := make([]float64, len(rows))
	for k, u := range rows { // G's domain is the unit cube: no mapping.
		y[k] = g.Eval(u)
	}
	res, err := sensitivity.AnalyzeMorris(rows, y, sensitivity.Bootstrap{}, rand.NewPCG(1, 4))
	if err != nil {
		log.Fatal(err)
	}
	for i, m := range res.MuStar {
		fmt.Printf("x%d  mu* %.2f [%.2f, %.2f]  sigma %.2f\n", i+1, m.Value, m.Lo, m.Hi, res.Sigma[i])
	}
	// Output:
	// x1  mu* 2.82 [2.59, 3.04]  sigma 2.94
	// x2  mu* 1.25 [1.06, 1.45]  sigma 1.45
	// x3  mu* 0.63 [0.52, 0.74]  sigma 0.73
	// x4  mu* 0.35 [0.29, 0.41]  sigma 0.41
	// x5  mu* 0.03 [0.03, 0.04]  sigma 0.04
	// x6  mu* 0.04 [0.03, 0.04]  sigma 0.04
	// x7  mu* 0.04 [0.03, 0.04]  sigma 0.04
	// x8  mu* 0.03 [0.03, 0.04]  sigma 0.04
}

// A log-uniform range spreads unit coordinates evenly over orders of
// magnitude; its midpoint is the geometric mean of the bounds.
func ExampleRange_Map() {
	r := sensitivity.Range{Lo: 0.01, Hi: 100, Log: true}
	for _, u := range []float64{0, 0.25, 0.5, 1} {
		v, err := r.Map(u)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%.2f -> %.4g\n", u, v)
	}
	// Output:
	// 0.00 -> 0.01
	// 0.25 -> 0.1
	// 0.50 -> 1
	// 1.00 -> 100
}
