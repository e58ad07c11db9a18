package reproduce

import (
	"math"
	"math/rand/v2"
	"slices"
)

// resamples is the number of bootstrap resamples behind every interval
// of a threshold: enough for the 5% and 95% points to rest on 100
// resamples each.
const resamples = 2000

// thresholdLevel is the confidence level of a threshold's interval: 90%,
// the interval whose inclusion in a margin is the two one-sided tests at
// the 5% level (Schuirmann 1987), which is how a threshold is judged.
const thresholdLevel = 0.90

// estimate is a point estimate with its thresholdLevel percentile
// bootstrap interval. A bound is -Inf or +Inf when more than 5% of the
// resamples put the quantity beyond that end of the grid it was sought
// on.
type estimate struct {
	X, Lo, Hi float64
}

// bootCurve finds a quantity on the mean curve of diff (diff[i][k]: grid
// point i, replicate k) with find, and bootstraps it: it draws resamples
// of the replicates with replacement, the same draw for every grid point,
// and finds the quantity again on each resample's mean curve; the
// interval is the 5% and 95% points of those values (thresholdLevel; the
// percentile interval; Efron, B. & Tibshirani, R. J. 1993, An Introduction to the
// Bootstrap, Chapman & Hall, ch. 13). A replicate is resampled as a whole
// because replicate k of every grid point runs on the same random
// stream: the grid points of one replicate are paired, and resampling
// them together keeps the pairing that makes the curve smooth.
//
// find returns -Inf or +Inf for a quantity below or above the grid; those
// sort to the ends, so that an interval reaching beyond the grid says so.
// rng makes the interval a function of the seed it is built from.
func bootCurve(xs []float64, diff [][]float64, find func(xs, ys []float64) float64, rng *rand.Rand) estimate {
	reps := len(diff[0])
	mean := func(idx []int) []float64 {
		ys := make([]float64, len(diff))
		for i, row := range diff {
			s := 0.0
			for _, k := range idx {
				s += row[k]
			}
			ys[i] = s / float64(len(idx))
		}
		return ys
	}
	all := make([]int, reps)
	for k := range all {
		all[k] = k
	}
	out := estimate{X: find(xs, mean(all))}
	vals := make([]float64, resamples)
	idx := make([]int, reps)
	for b := range vals {
		for k := range idx {
			idx[k] = rng.IntN(reps)
		}
		vals[b] = find(xs, mean(idx))
	}
	out.Lo, out.Hi = percentiles(vals, thresholdLevel)
	return out
}

// percentiles returns the central level interval of vals (sorted in
// place) by nearest rank: the values at ranks floor(a·n) and
// ceil((1-a)·n) - 1 (0-based) with a = (1 - level)/2. Nearest rank, not
// interpolation, so that infinite values at the ends stay infinite
// instead of turning into NaN.
func percentiles(vals []float64, level float64) (lo, hi float64) {
	slices.Sort(vals)
	n := len(vals)
	a := (1 - level) / 2
	i := int(math.Floor(a * float64(n)))
	j := int(math.Ceil((1-a)*float64(n))) - 1
	return vals[min(max(i, 0), n-1)], vals[min(max(j, 0), n-1)]
}

// streamRand is a generator for an interval of experiment seed, part
// part: a function of both, independent of the engine's streams (whose
// keys are (seed, replicate)), so that an interval never changes a
// replicate and is the same on every run.
func streamRand(seed uint64, part int) *rand.Rand {
	return rand.New(rand.NewPCG(seed^0x9e3779b97f4a7c15, uint64(part)+0xb00757))
}
