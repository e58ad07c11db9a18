package sensitivity

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/samplemv"
)

// BaseSampling selects how the 2d-dimensional base points behind a Sobol'
// design are drawn: the first d coordinates of base point j form row j of
// matrix A and the last d form row j of matrix B.
type BaseSampling int

const (
	// ScrambledHalton draws the base points from a Halton sequence with
	// Owen's random-permutation scrambling (Owen, A. B. (2017). A randomized
	// Halton algorithm in R. arXiv:1706.02808), as gonum's samplemv.Halton
	// computes it, with the permutations drawn from the injected source.
	//
	// It is the default (the zero value) because low-discrepancy points fill
	// the cube more evenly than independent draws, so the integrals behind
	// the indices converge faster for the same number of model runs (the
	// reason SALib defaults to a scrambled Sobol' sequence); the scrambling
	// keeps every point uniformly distributed, so the estimators stay
	// unbiased and different seeds give independent replicates. gonum
	// offers no Sobol' sequence, and Halton is the low-discrepancy sequence
	// it does offer. Because the points are not independent, the bootstrap
	// intervals, which assume independent base samples, tend to overstate
	// the error of a low-discrepancy design; they are conservative.
	ScrambledHalton BaseSampling = iota
	// PseudoRandom draws every coordinate independently and uniformly from
	// the injected source: plain Monte Carlo, for which the bootstrap
	// intervals are the textbook ones.
	PseudoRandom
)

// String returns "scrambled-halton" or "pseudo-random".
func (s BaseSampling) String() string {
	switch s {
	case ScrambledHalton:
		return "scrambled-halton"
	case PseudoRandom:
		return "pseudo-random"
	}
	return fmt.Sprintf("BaseSampling(%d)", int(s))
}

// MaxHaltonInputs is the largest number of inputs a ScrambledHalton design
// supports: gonum's Halton sampler knows the first 1000 primes, one per
// dimension, and the base points have 2d dimensions.
const MaxHaltonInputs = 500

// SobolDesign returns the n·(d+2) rows, each a point of [0,1]^d, at which a
// model must be run for AnalyzeSobol: first-order and total indices of d
// inputs from n base samples.
//
// The layout is that of SALib's Saltelli/Sobol' sampler without
// second-order terms. Base sample j gives two points, A_j (the first d base
// coordinates) and B_j (the last d), and contributes d+2 consecutive rows:
//
//	A_j, AB_j^(1), …, AB_j^(d), B_j
//
// where AB_j^(i) is A_j with coordinate i taken from B_j. Grouping by base
// sample, rather than storing A, B and each AB^(i) as blocks, keeps each
// sample's rows together: the first m·(d+2) rows of a design (a sweep
// stopped early) are whole base samples that AnalyzeSobol can analyse.
//
// All rows share one backing array. SobolDesign returns an error if d < 1,
// n < 2, base is unknown, d exceeds MaxHaltonInputs for ScrambledHalton, or
// src is nil.
func SobolDesign(d, n int, base BaseSampling, src rand.Source) ([][]float64, error) {
	if d < 1 {
		return nil, fmt.Errorf("sensitivity: sobol design: need at least 1 input, found %d", d)
	}
	if n < 2 {
		return nil, fmt.Errorf("sensitivity: sobol design: need at least 2 base samples, found %d", n)
	}
	if n > math.MaxInt32/(d+2)/d {
		return nil, fmt.Errorf("sensitivity: sobol design: %d base samples of %d inputs is too large", n, d)
	}
	rng, err := newRand(src)
	if err != nil {
		return nil, fmt.Errorf("sensitivity: sobol design: %w", err)
	}

	// base holds the n base points of 2d coordinates, row-major.
	var base2 []float64
	switch base {
	case ScrambledHalton:
		if d > MaxHaltonInputs {
			return nil, fmt.Errorf("sensitivity: sobol design: scrambled Halton supports at most %d inputs, found %d", MaxHaltonInputs, d)
		}
		batch := mat.NewDense(n, 2*d, nil) // Halton adds digits into a zeroed batch.
		samplemv.Halton{Kind: samplemv.Owen, Q: unitCube{}, Src: src}.Sample(batch)
		base2 = batch.RawMatrix().Data // Stride is 2d for a fresh Dense.
	case PseudoRandom:
		base2 = make([]float64, n*2*d)
		for i := range base2 {
			base2[i] = rng.Float64()
		}
	default:
		return nil, fmt.Errorf("sensitivity: sobol design: unknown base sampling %v", base)
	}

	per := d + 2
	flat := make([]float64, n*per*d)
	rows := make([][]float64, n*per)
	for k := range rows {
		rows[k] = flat[k*d : (k+1)*d : (k+1)*d]
	}
	for j := range n {
		a := base2[j*2*d : j*2*d+d]
		b := base2[j*2*d+d : (j+1)*2*d]
		first := j * per
		copy(rows[first], a)
		for i := range d {
			ab := rows[first+1+i]
			copy(ab, a)
			ab[i] = b[i]
		}
		copy(rows[first+per-1], b)
	}
	return rows, nil
}

// unitCube is the identity map of [0,1]^d as a distmv.Quantiler, which is
// what samplemv.Halton needs to return points in the unit cube. It clamps,
// because a sum of scrambled digits rounded up could otherwise touch 1 from
// above, and distmv's own Uniform panics there.
type unitCube struct{}

// Quantile copies p into x (allocated if nil), clamped to [0,1].
func (unitCube) Quantile(x, p []float64) []float64 {
	if x == nil {
		x = make([]float64, len(p))
	}
	for i, v := range p {
		x[i] = clamp(v, 0, 1)
	}
	return x
}

// SobolResult holds first-order and total Sobol' indices with bootstrap
// intervals, input by input in the design's column order.
type SobolResult struct {
	// S1 holds the first-order indices: the share of the output variance
	// explained by each input alone.
	S1 []Estimate
	// ST holds the total indices: the share of the output variance that
	// involves each input, alone or through interactions.
	ST []Estimate
	// N is the number of base samples analysed.
	N int
	// Bootstrap is the bootstrap used for the intervals, defaults filled in.
	Bootstrap Bootstrap
}

// AnalyzeSobol estimates first-order and total Sobol' indices of d inputs
// from y, the model outputs at the rows of a SobolDesign of d inputs, in
// design order (len(y) = n·(d+2)).
//
// With f_A, f_B and f_ABi the outputs at A_j, B_j and AB_j^(i), and V the
// variance of the 2n outputs at A and B together (denominator 2n, as SALib),
// the first-order index follows Saltelli et al. (2010),
//
//	S1_i = mean_j( f_B·(f_ABi − f_A) ) / V,
//
// and the total index follows Jansen (1999),
//
//	ST_i = mean_j( (f_A − f_ABi)² ) / (2V).
//
// The outputs are first divided by their largest magnitude and centred on
// their mean: the indices are ratios and do not change, but centring cuts
// the variance of the first-order estimator (whose f_B factor otherwise
// carries the output's mean), and scaling keeps squares of large outputs
// from overflowing. Estimates are not clipped to [0,1], so sampling error
// can show as a small negative S1; that is information, not a bug.
//
// Intervals come from resampling base samples (the groups of d+2 rows)
// with replacement; src drives those draws and may be independent of the
// design's source. AnalyzeSobol returns an error if d < 1, len(y) is not a
// multiple of d+2 with at least 2 base samples, y holds NaN or Inf, b is
// invalid, src is nil, or the outputs at A and B have zero variance (no
// index is defined then).
func AnalyzeSobol(d int, y []float64, b Bootstrap, src rand.Source) (*SobolResult, error) {
	if d < 1 {
		return nil, fmt.Errorf("sensitivity: sobol analysis: need at least 1 input, found %d", d)
	}
	per := d + 2
	if len(y)%per != 0 {
		return nil, fmt.Errorf("sensitivity: sobol analysis: %d outputs is not a multiple of d+2 = %d", len(y), per)
	}
	n := len(y) / per
	if n < 2 {
		return nil, fmt.Errorf("sensitivity: sobol analysis: need at least 2 base samples (%d outputs), found %d outputs", 2*per, len(y))
	}
	if err := checkFinite("y", y); err != nil {
		return nil, fmt.Errorf("sensitivity: sobol analysis: %w", err)
	}
	b, err := b.withDefaults()
	if err != nil {
		return nil, fmt.Errorf("sensitivity: sobol analysis: %w", err)
	}
	rng, err := newRand(src)
	if err != nil {
		return nil, fmt.Errorf("sensitivity: sobol analysis: %w", err)
	}

	c := newSobolColumns(d, n, y)
	all := make([]int, n)
	for j := range all {
		all[j] = j
	}
	point := make([]float64, 2*d)
	if !c.indices(all, point) {
		return nil, fmt.Errorf("sensitivity: sobol analysis: the outputs at the A and B rows have zero variance, so no index is defined")
	}
	reps, err := replicate(b, n, 2*d, rng, c.indices)
	if err != nil {
		return nil, fmt.Errorf("sensitivity: sobol analysis: %w", err)
	}
	res := &SobolResult{
		S1:        make([]Estimate, d),
		ST:        make([]Estimate, d),
		N:         n,
		Bootstrap: b,
	}
	for i := range d {
		res.S1[i] = summarize(point[i], reps[i], b.Level)
		res.ST[i] = summarize(point[d+i], reps[d+i], b.Level)
	}
	return res, nil
}

// sobolColumns holds the scaled, centred outputs of a Sobol' design split
// by role, so that the estimators (run once per bootstrap resample) read
// contiguous columns instead of striding through the design.
type sobolColumns struct {
	d      int
	fa, fb []float64   // outputs at A_j and B_j
	fab    [][]float64 // fab[i][j]: output at AB_j^(i)
}

func newSobolColumns(d, n int, y []float64) *sobolColumns {
	var scale float64
	for _, v := range y {
		scale = math.Max(scale, math.Abs(v))
	}
	if scale == 0 {
		scale = 1 // All zero: the variance check reports it.
	}
	var mean float64
	for _, v := range y {
		mean += v / scale
	}
	mean /= float64(len(y))

	per := d + 2
	buf := make([]float64, n*per)
	c := &sobolColumns{d: d, fa: buf[:n:n], fb: buf[n : 2*n : 2*n], fab: make([][]float64, d)}
	for i := range c.fab {
		c.fab[i] = buf[(2+i)*n : (3+i)*n : (3+i)*n]
	}
	for j := range n {
		row := y[j*per : (j+1)*per]
		c.fa[j] = row[0]/scale - mean
		for i := range d {
			c.fab[i][j] = row[1+i]/scale - mean
		}
		c.fb[j] = row[per-1]/scale - mean
	}
	return c
}

// indices computes S1 (out[:d]) and ST (out[d:]) over the base samples idx,
// repeats allowed. It reports false when the outputs at A and B are
// constant over idx, where the indices are undefined.
func (c *sobolColumns) indices(idx []int, out []float64) bool {
	n := float64(len(idx))
	var sum float64
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, j := range idx {
		a, b := c.fa[j], c.fb[j]
		sum += a + b
		lo = math.Min(lo, math.Min(a, b))
		hi = math.Max(hi, math.Max(a, b))
	}
	if lo == hi {
		return false
	}
	m := sum / (2 * n)
	var ss float64
	for _, j := range idx {
		da, db := c.fa[j]-m, c.fb[j]-m
		ss += da*da + db*db
	}
	v := ss / (2 * n)
	if !(v > 0) {
		return false
	}
	for i, ab := range c.fab {
		var first, total float64
		for _, j := range idx {
			a := c.fa[j]
			diff := ab[j] - a
			first += c.fb[j] * diff
			total += diff * diff
		}
		out[i] = first / n / v
		out[c.d+i] = total / (2 * n) / v
	}
	return finite(out...)
}
