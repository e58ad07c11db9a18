package sensitivity

import (
	"fmt"
	"math/rand/v2"
)

// GroupMean returns the mean of y with a percentile bootstrap interval
// that resamples consecutive groups of size rows (the base samples of a
// Sobol' design, d+2 rows each, or the trajectories of a Morris design,
// d+1 rows each), the units that are independent of one another. With
// an indicator for y it is the share of design points where the
// indicator holds, such as the share of plausible settings in which
// givers out-earn takers.
//
// GroupMean returns an error if size < 1, len(y) is not a positive
// multiple of size with at least 2 groups, y holds NaN or Inf, b is
// invalid or src is nil.
func GroupMean(y []float64, size int, b Bootstrap, src rand.Source) (Estimate, error) {
	if size < 1 || len(y) == 0 || len(y)%size != 0 || len(y)/size < 2 {
		return Estimate{}, fmt.Errorf("sensitivity: group mean: %d values are not 2 or more groups of %d", len(y), size)
	}
	if err := checkFinite("y", y); err != nil {
		return Estimate{}, fmt.Errorf("sensitivity: group mean: %w", err)
	}
	b, err := b.withDefaults()
	if err != nil {
		return Estimate{}, fmt.Errorf("sensitivity: group mean: %w", err)
	}
	rng, err := newRand(src)
	if err != nil {
		return Estimate{}, fmt.Errorf("sensitivity: group mean: %w", err)
	}
	n := len(y) / size
	sums := make([]float64, n)
	for g := range n {
		for _, v := range y[g*size : (g+1)*size] {
			sums[g] += v
		}
	}
	mean := func(idx []int, out []float64) bool {
		var s float64
		for _, g := range idx {
			s += sums[g]
		}
		out[0] = s / float64(len(idx)*size)
		return true
	}
	all := make([]int, n)
	for g := range all {
		all[g] = g
	}
	point := make([]float64, 1)
	mean(all, point)
	reps, err := replicate(b, n, 1, rng, mean)
	if err != nil {
		return Estimate{}, fmt.Errorf("sensitivity: group mean: %w", err)
	}
	return summarize(point[0], reps[0], b.Level), nil
}

// SobolS1Sum returns the sum of the first-order indices of the inputs
// idx (positions in the design's columns) from the outputs y of a
// SobolDesign of d inputs, with a bootstrap interval from the same
// resampling of base samples as AnalyzeSobol. The sum is the share of
// the output's variance that those inputs explain through their effects
// alone; it is a lower bound of the share they explain together, which
// adds their interactions with one another.
//
// It returns the errors AnalyzeSobol does, and one if idx is empty or
// names an input outside 0..d-1.
func SobolS1Sum(d int, y []float64, idx []int, b Bootstrap, src rand.Source) (Estimate, error) {
	if len(idx) == 0 {
		return Estimate{}, fmt.Errorf("sensitivity: sobol S1 sum: no inputs")
	}
	for _, i := range idx {
		if i < 0 || i >= d {
			return Estimate{}, fmt.Errorf("sensitivity: sobol S1 sum: input %d outside 0..%d", i, d-1)
		}
	}
	per := d + 2
	if d < 1 || len(y)%per != 0 || len(y)/per < 2 {
		return Estimate{}, fmt.Errorf("sensitivity: sobol S1 sum: %d outputs is not 2 or more base samples of d+2 = %d", len(y), per)
	}
	if err := checkFinite("y", y); err != nil {
		return Estimate{}, fmt.Errorf("sensitivity: sobol S1 sum: %w", err)
	}
	b, err := b.withDefaults()
	if err != nil {
		return Estimate{}, fmt.Errorf("sensitivity: sobol S1 sum: %w", err)
	}
	rng, err := newRand(src)
	if err != nil {
		return Estimate{}, fmt.Errorf("sensitivity: sobol S1 sum: %w", err)
	}
	n := len(y) / per
	c := newSobolColumns(d, n, y)
	buf := make([]float64, 2*d)
	sum := func(units []int, out []float64) bool {
		if !c.indices(units, buf) {
			return false
		}
		out[0] = 0
		for _, i := range idx {
			out[0] += buf[i]
		}
		return true
	}
	all := make([]int, n)
	for j := range all {
		all[j] = j
	}
	point := make([]float64, 1)
	if !sum(all, point) {
		return Estimate{}, fmt.Errorf("sensitivity: sobol S1 sum: the outputs at the A and B rows have zero variance, so no index is defined")
	}
	reps, err := replicate(b, n, 1, rng, sum)
	if err != nil {
		return Estimate{}, fmt.Errorf("sensitivity: sobol S1 sum: %w", err)
	}
	return summarize(point[0], reps[0], b.Level), nil
}
