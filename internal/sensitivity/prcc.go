package sensitivity

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"
)

// PRCCResult holds partial rank correlation coefficients, input by input
// in the column order of the points.
type PRCCResult struct {
	// Coef holds each input's PRCC, in [−1, 1], with a bootstrap interval:
	// the correlation between the output and the input once the linear
	// effect of the other inputs' ranks is removed from both.
	Coef []Estimate
	// PValue holds the two-sided p-value of each coefficient under the null
	// hypothesis PRCC = 0, from t = r·√(df/(1−r²)) with df = n−2−(d−1)
	// degrees of freedom (Marino et al. 2008). It assumes independent
	// points, which the rows of a Sobol' or Morris design are not; read it
	// as a screening aid there.
	PValue []float64
	// N is the number of points analysed.
	N int
	// Bootstrap is the bootstrap used for the intervals, defaults filled in.
	Bootstrap Bootstrap
}

// rankCollinearCond is the condition number of the regression on the other
// inputs' ranks beyond which those ranks are treated as collinear: the
// least-squares residuals stop being trustworthy well before gonum's own
// limit of 1e16.
const rankCollinearCond = 1e12

// rankResidualTol is the fraction of a rank column's sum of squares below
// which its residual is taken as zero, that is, fully explained by the
// other inputs' ranks (the residual then holds only rounding error).
const rankResidualTol = 1e-12

// PRCC computes partial rank correlation coefficients (Marino et al. 2008)
// between each of the d inputs of the n points x (rows of d values, any
// scale; they need not come from a design of this package) and the outputs
// y. It measures monotone, not only linear, association, and the partial
// form removes what an input shares with the others.
//
// The inputs and the output are rank-transformed, ties taking the average
// of the ranks they span. For input i, the ranks of x_i and of y are each
// regressed by least squares on an intercept and the ranks of the other
// d−1 inputs, and the PRCC is the Pearson correlation of the two residuals.
// With d = 1 it is Spearman's rank correlation.
//
// Intervals come from resampling the points with replacement (and
// re-ranking each resample); src drives those draws. PRCC returns an error
// if n < d+2 (no degree of freedom is left for the p-value), the rows have
// unequal lengths, x or y holds NaN or Inf, an input or the output is
// constant, an input's or the output's ranks are fully explained by other
// inputs' ranks (the coefficient is 0/0), b is invalid or src is nil.
//
// The cost is that of d least-squares fits of n rows and d columns per
// resample, O(b.Resamples·n·d³) after one sort per column, which for 10⁵ points is worth a smaller
// number of resamples.
func PRCC(x [][]float64, y []float64, b Bootstrap, src rand.Source) (*PRCCResult, error) {
	n := len(x)
	if len(y) != n {
		return nil, fmt.Errorf("sensitivity: prcc: %d outputs for %d points", len(y), n)
	}
	if n == 0 {
		return nil, fmt.Errorf("sensitivity: prcc: no points")
	}
	d := len(x[0])
	if d < 1 {
		return nil, fmt.Errorf("sensitivity: prcc: points have no inputs")
	}
	if n < d+2 {
		return nil, fmt.Errorf("sensitivity: prcc: need at least d+2 = %d points for %d inputs, found %d", d+2, d, n)
	}
	// Column-major copies: ranking and resampling work column by column.
	flat := make([]float64, n*d)
	cols := make([][]float64, d)
	for i := range cols {
		cols[i] = flat[i*n : (i+1)*n : (i+1)*n]
	}
	for k, row := range x {
		if len(row) != d {
			return nil, fmt.Errorf("sensitivity: prcc: point %d has %d inputs, point 0 has %d", k, len(row), d)
		}
		if err := checkFinite(fmt.Sprintf("x[%d]", k), row); err != nil {
			return nil, fmt.Errorf("sensitivity: prcc: %w", err)
		}
		for i, v := range row {
			cols[i][k] = v
		}
	}
	if err := checkFinite("y", y); err != nil {
		return nil, fmt.Errorf("sensitivity: prcc: %w", err)
	}
	for i, c := range cols {
		if constant(c) {
			return nil, fmt.Errorf("sensitivity: prcc: input %d is constant, so its PRCC is undefined", i)
		}
	}
	if constant(y) {
		return nil, fmt.Errorf("sensitivity: prcc: the outputs are constant, so no PRCC is defined")
	}
	b, err := b.withDefaults()
	if err != nil {
		return nil, fmt.Errorf("sensitivity: prcc: %w", err)
	}
	rng, err := newRand(src)
	if err != nil {
		return nil, fmt.Errorf("sensitivity: prcc: %w", err)
	}

	w := newPRCCWork(cols, y)
	all := make([]int, n)
	for k := range all {
		all[k] = k
	}
	point := make([]float64, d)
	if err := w.compute(all, point); err != nil {
		return nil, fmt.Errorf("sensitivity: prcc: %w", err)
	}
	reps, err := replicate(b, n, d, rng, func(idx []int, out []float64) bool {
		return w.compute(idx, out) == nil
	})
	if err != nil {
		return nil, fmt.Errorf("sensitivity: prcc: %w", err)
	}

	df := float64(n - 2 - (d - 1))
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}
	res := &PRCCResult{
		Coef:      make([]Estimate, d),
		PValue:    make([]float64, d),
		N:         n,
		Bootstrap: b,
	}
	for i, r := range point {
		res.Coef[i] = summarize(r, reps[i], b.Level)
		res.PValue[i] = pValue(r, df, t)
	}
	return res, nil
}

// pValue returns the two-sided p-value of correlation r with df degrees of
// freedom. A perfect correlation has an infinite t and p-value 0, handled
// apart so that 1−r² = 0 never reaches a division.
func pValue(r, df float64, t distuv.StudentsT) float64 {
	if 1-r*r <= 0 {
		return 0
	}
	stat := math.Abs(r) * math.Sqrt(df/(1-r*r))
	return clamp(2*t.Survival(stat), 0, 1)
}

// constant reports whether all values of v are equal.
func constant(v []float64) bool {
	for _, x := range v[1:] {
		if x != v[0] {
			return false
		}
	}
	return true
}

// prccWork holds the buffers of one PRCC computation, reused across
// bootstrap resamples so that a resample allocates little beyond what
// gonum's QR needs.
type prccWork struct {
	n, d   int
	vals   [][]float64 // vals[c]: column c of the original points; c = d is the output
	order  [][]int     // order[c]: the original points sorted by column c
	count  []int       // count[p]: how often original point p is in the resample
	rankOf []float64   // centred rank of each original point in the current column
	ranks  [][]float64 // ranks[c][k]: centred rank of resampled point k in column c
	z      *mat.Dense  // intercept and the other inputs' ranks, n×d
	rhs    *mat.Dense  // ranks of the input and of the output, n×2
	coef   *mat.Dense  // d×2
	qr     mat.QR
}

// newPRCCWork sorts every column once; ranking a resample then takes one
// pass per column (see compute) instead of a sort.
func newPRCCWork(cols [][]float64, y []float64) *prccWork {
	n, d := len(y), len(cols)
	w := &prccWork{
		n: n, d: d,
		vals:   append(slices.Clip(cols), y),
		order:  make([][]int, d+1),
		count:  make([]int, n),
		rankOf: make([]float64, n),
		ranks:  make([][]float64, d+1),
		z:      mat.NewDense(n, d, nil),
		rhs:    mat.NewDense(n, 2, nil),
		coef:   mat.NewDense(d, 2, nil),
	}
	orders := make([]int, n*(d+1))
	ranks := make([]float64, n*(d+1))
	for c, v := range w.vals {
		o := orders[c*n : (c+1)*n : (c+1)*n]
		for p := range o {
			o[p] = p
		}
		slices.SortFunc(o, func(a, b int) int { return cmp.Compare(v[a], v[b]) })
		w.order[c] = o
		w.ranks[c] = ranks[c*n : (c+1)*n : (c+1)*n]
	}
	return w
}

// compute writes the PRCC of every input over the points idx (a resample
// of the original points, repeats allowed, len(idx) = n) into out, or
// returns an error saying why a coefficient is undefined on these points.
func (w *prccWork) compute(idx []int, out []float64) error {
	clear(w.count)
	for _, p := range idx {
		w.count[p]++
	}
	for c := range w.vals {
		w.rank(c, idx)
	}
	zd := w.z.RawMatrix()
	rd := w.rhs.RawMatrix()
	cd := w.coef.RawMatrix()
	for i := range w.d {
		for k := range w.n {
			zr := zd.Data[k*zd.Stride : k*zd.Stride+w.d]
			zr[0] = 1
			col := 1
			for j := range w.d {
				if j != i {
					zr[col] = w.ranks[j][k]
					col++
				}
			}
			rd.Data[k*rd.Stride] = w.ranks[i][k]
			rd.Data[k*rd.Stride+1] = w.ranks[w.d][k]
		}
		w.qr.Factorize(w.z)
		if cond := w.qr.Cond(); !(cond <= rankCollinearCond) {
			return fmt.Errorf("input %d: the other inputs' ranks are collinear (condition number %g)", i, cond)
		}
		if err := w.qr.SolveTo(w.coef, false, w.rhs); err != nil {
			return fmt.Errorf("input %d: least squares on the other inputs' ranks: %w", i, err)
		}
		// The ranks are centred, so a column's sum of squares is its total
		// variation, the yardstick for "no residual left".
		var sxx, syy, sxy, totX, totY float64
		for k := range w.n {
			zr := zd.Data[k*zd.Stride : k*zd.Stride+w.d]
			var fx, fy float64
			for c, v := range zr {
				fx += v * cd.Data[c*cd.Stride]
				fy += v * cd.Data[c*cd.Stride+1]
			}
			rx, ry := rd.Data[k*rd.Stride], rd.Data[k*rd.Stride+1]
			ex, ey := rx-fx, ry-fy
			sxx += ex * ex
			syy += ey * ey
			sxy += ex * ey
			totX += rx * rx
			totY += ry * ry
		}
		if !(sxx > rankResidualTol*totX) {
			return fmt.Errorf("input %d: its ranks are explained by the other inputs' ranks, so its PRCC is undefined", i)
		}
		if !(syy > rankResidualTol*totY) {
			return fmt.Errorf("input %d: the output's ranks are explained by the other inputs' ranks, so the PRCC of input %d is undefined", i, i)
		}
		r := clamp(sxy/math.Sqrt(sxx*syy), -1, 1)
		if !finite(r) {
			return fmt.Errorf("input %d: PRCC is %g", i, r)
		}
		out[i] = r
	}
	return nil
}

// rank fills w.ranks[c] with the centred ranks (rank minus (n+1)/2) of
// column c over the resample idx, ties sharing the average of the ranks
// they span. Walking the original points in sorted order and weighting each
// by its multiplicity w.count ranks the resample without sorting it; a
// point drawn twice is a tie with itself. Centring keeps the intercept
// column of the regression well conditioned against the rank columns and
// changes no residual.
func (w *prccWork) rank(c int, idx []int) {
	v, o := w.vals[c], w.order[c]
	mid := float64(w.n+1) / 2
	pos := 0 // resampled points ranked so far
	for lo := 0; lo < len(o); {
		hi, cnt := lo, 0
		for hi < len(o) && v[o[hi]] == v[o[lo]] {
			cnt += w.count[o[hi]]
			hi++
		}
		// The group holds ranks pos+1 … pos+cnt, whose mean is pos+(cnt+1)/2.
		r := float64(pos) + float64(cnt+1)/2 - mid
		for _, p := range o[lo:hi] {
			w.rankOf[p] = r
		}
		pos += cnt
		lo = hi
	}
	dst := w.ranks[c]
	for k, p := range idx {
		dst[k] = w.rankOf[p]
	}
}
