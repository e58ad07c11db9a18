package sensitivity

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/stat"
)

// Defaults used when the fields of a Bootstrap are left zero.
const (
	// DefaultResamples is the number of bootstrap resamples: enough for the
	// 2.5% and 97.5% percentiles to rest on 25 resamples each.
	DefaultResamples = 1000
	// DefaultLevel is the confidence level of the intervals.
	DefaultLevel = 0.95
)

// Bootstrap configures the percentile bootstrap behind every interval in
// this package. Each analysis resamples its own independent units with
// replacement (base samples for Sobol', trajectories for Morris, points for
// PRCC), recomputes the index on every resample, and reports the central
// Level fraction of those replicates.
//
// The zero value means DefaultResamples resamples at DefaultLevel.
type Bootstrap struct {
	// Resamples is the number of bootstrap resamples; 0 means
	// DefaultResamples, otherwise at least 2.
	Resamples int
	// Level is the confidence level, in (0,1); 0 means DefaultLevel.
	Level float64
}

// withDefaults returns b with zero fields replaced by the defaults, or an
// error if a field is out of range.
func (b Bootstrap) withDefaults() (Bootstrap, error) {
	if b.Resamples == 0 {
		b.Resamples = DefaultResamples
	}
	if b.Level == 0 {
		b.Level = DefaultLevel
	}
	if b.Resamples < 2 {
		return b, fmt.Errorf("sensitivity: bootstrap: need at least 2 resamples, found %d", b.Resamples)
	}
	if !(b.Level > 0 && b.Level < 1) {
		return b, fmt.Errorf("sensitivity: bootstrap: confidence level must be in (0,1), found %g", b.Level)
	}
	return b, nil
}

// Estimate is an index's point estimate with its bootstrap uncertainty.
type Estimate struct {
	// Value is the estimate from all the data.
	Value float64
	// Lo and Hi bound the percentile bootstrap interval at the analysis's
	// confidence level. Value need not lie inside it: the percentile
	// interval follows the replicates, which can be skewed.
	Lo, Hi float64
	// StdErr is the standard deviation of the bootstrap replicates
	// (denominator resamples−1).
	StdErr float64
}

// statFunc computes k statistics on the resample given by idx (indices of
// resampled units) into out. It reports false when the statistics are
// undefined on that resample (for example zero variance), and the resample
// is then drawn again.
type statFunc func(idx []int, out []float64) bool

// maxRedrawFactor bounds redraws of degenerate resamples: at most this many
// times the requested resamples are drawn before giving up. Degenerate
// resamples only arise when almost all units are identical, and for those a
// few redraws suffice; the bound turns a hopeless case into an error
// instead of a hang.
const maxRedrawFactor = 100

// replicate draws b.Resamples resamples of n units with replacement from
// rng and returns reps, where reps[s] holds the k replicates of statistic s
// (k slices of b.Resamples values each, in one allocation).
func replicate(b Bootstrap, n, k int, rng *rand.Rand, f statFunc) ([][]float64, error) {
	flat := make([]float64, k*b.Resamples)
	reps := make([][]float64, k)
	for s := range reps {
		reps[s] = flat[s*b.Resamples : (s+1)*b.Resamples : (s+1)*b.Resamples]
	}
	idx := make([]int, n)
	out := make([]float64, k)
	drawn := 0
	for r := 0; r < b.Resamples; {
		if drawn >= maxRedrawFactor*b.Resamples {
			return nil, fmt.Errorf("sensitivity: bootstrap: %d of %d resamples were degenerate (almost all units identical)", drawn-r, drawn)
		}
		drawn++
		for i := range idx {
			idx[i] = rng.IntN(n)
		}
		if !f(idx, out) {
			continue
		}
		for s, v := range out {
			reps[s][r] = v
		}
		r++
	}
	return reps, nil
}

// summarize returns the Estimate with point value v from replicates reps,
// which it sorts in place.
func summarize(v float64, reps []float64, level float64) Estimate {
	slices.Sort(reps)
	alpha := (1 - level) / 2
	e := Estimate{
		Value:  v,
		Lo:     stat.Quantile(alpha, stat.LinInterp, reps, nil),
		Hi:     stat.Quantile(1-alpha, stat.LinInterp, reps, nil),
		StdErr: stat.StdDev(reps, nil),
	}
	return e
}

// finite reports whether every value is neither NaN nor ±Inf.
func finite(xs ...float64) bool {
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

// checkFinite returns an error naming the first non-finite value of y.
func checkFinite(what string, y []float64) error {
	for i, v := range y {
		if !finite(v) {
			return fmt.Errorf("%s[%d] is %g: outputs must be finite", what, i, v)
		}
	}
	return nil
}

// newRand wraps src, refusing nil so that no draw falls back to the
// global generator.
func newRand(src rand.Source) (*rand.Rand, error) {
	if src == nil {
		return nil, fmt.Errorf("sensitivity: a nil rand.Source (every draw must come from an injected source)")
	}
	return rand.New(src), nil
}
