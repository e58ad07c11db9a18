package sensitivity

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// DefaultMorrisLevels is the customary number of grid levels p for a Morris
// design: with p = 4 the jump Δ = 2/3 and each trajectory samples the ends
// and the inner thirds of every input's range.
const DefaultMorrisLevels = 4

// MorrisDelta returns the jump Δ = p/(2(p−1)) of a p-level Morris grid,
// the choice of Morris (1991) under which, for even p, every grid level is
// equally likely to be visited. It is defined for the levels MorrisDesign
// accepts, even p ≥ 2.
func MorrisDelta(levels int) float64 {
	return float64(levels) / (2 * float64(levels-1))
}

// MorrisDesign returns the r·(d+1) rows, each a point of [0,1]^d, of r
// random Morris (1991) trajectories over a p-level grid {0, 1/(p−1), …, 1},
// for AnalyzeMorris. Pass DefaultMorrisLevels for p unless there is a
// reason not to.
//
// Each trajectory has d+1 consecutive rows. Its start is drawn uniformly
// from the grid levels at most 1−Δ (the lower half of the grid, so that a
// jump of Δ stays inside it); each input then moves once by Δ, in a random
// order. Whether an input moves up or down is a fair coin: an input that
// moves down starts at its base level plus Δ, so the trajectory still
// stays on the grid. This is SALib's Morris sampler without the selection
// of optimal trajectories (Campolongo et al. 2007); the r trajectories are
// independent, which is what the bootstrap over trajectories assumes.
//
// All rows share one backing array. MorrisDesign returns an error if
// d < 1, r < 2, p is odd or less than 2, or src is nil.
func MorrisDesign(d, r, p int, src rand.Source) ([][]float64, error) {
	if d < 1 {
		return nil, fmt.Errorf("sensitivity: morris design: need at least 1 input, found %d", d)
	}
	if r < 2 {
		return nil, fmt.Errorf("sensitivity: morris design: need at least 2 trajectories, found %d", r)
	}
	// An odd p makes some levels unreachable by a jump of Δ, which biases
	// the sample (Morris 1991), so it is refused rather than warned about.
	if p < 2 || p%2 != 0 {
		return nil, fmt.Errorf("sensitivity: morris design: the number of levels must be even and at least 2, found %d", p)
	}
	if r > math.MaxInt32/(d+1)/d {
		return nil, fmt.Errorf("sensitivity: morris design: %d trajectories of %d inputs is too large", r, d)
	}
	rng, err := newRand(src)
	if err != nil {
		return nil, fmt.Errorf("sensitivity: morris design: %w", err)
	}

	per := d + 1
	flat := make([]float64, r*per*d)
	rows := make([][]float64, r*per)
	for k := range rows {
		rows[k] = flat[k*d : (k+1)*d : (k+1)*d]
	}
	// Levels are kept as integers k (value k/(p−1)) so that every point is
	// exactly a grid value and unchanged coordinates are bit-identical from
	// row to row, which AnalyzeMorris relies on to find the moving input.
	half := p / 2 // Δ in grid steps, and the number of admissible starts.
	step := float64(p - 1)
	level := make([]int, d)
	for t := range r {
		first := t * per
		for i := range level {
			level[i] = rng.IntN(half)
			if rng.IntN(2) == 1 { // Moves down: start one jump up.
				level[i] += half
			}
		}
		for i, k := range level {
			rows[first][i] = float64(k) / step
		}
		for s, i := range rng.Perm(d) {
			if level[i] < half {
				level[i] += half
			} else {
				level[i] -= half
			}
			row := rows[first+1+s]
			copy(row, rows[first+s])
			row[i] = float64(level[i]) / step
		}
	}
	return rows, nil
}

// MorrisResult holds the elementary-effects measures of each input, in the
// design's column order. Effects are per unit of the unit-cube coordinate,
// so inputs whose ranges differ are compared on their whole range.
type MorrisResult struct {
	// Mu is the mean elementary effect; effects of opposite signs cancel in
	// it, so a Mu much smaller than MuStar flags a non-monotone input.
	Mu []float64
	// MuStar is the mean absolute elementary effect (Campolongo et al.
	// 2007), the measure to rank inputs by, with a bootstrap interval.
	MuStar []Estimate
	// Sigma is the standard deviation of the elementary effects
	// (denominator r−1, as SALib): large when an input's effect depends on
	// where the others are, through interactions or non-linearity.
	Sigma []float64
	// Trajectories is the number r of trajectories analysed.
	Trajectories int
	// Bootstrap is the bootstrap used for the intervals, defaults filled in.
	Bootstrap Bootstrap
}

// AnalyzeMorris computes the elementary-effects measures from x, the rows
// of a Morris design (as MorrisDesign returns, in design order, unit-cube
// coordinates), and y, the model outputs at those rows.
//
// The elementary effect of the input that moves between consecutive rows k
// and k+1 of a trajectory is (y[k+1] − y[k]) / (x[k+1][i] − x[k][i]): the
// signed step in the denominator gives a move down the same sign
// convention as a move up. The moving input is found from the rows
// themselves, so x must be the design's rows (a copy read back from a
// checkpoint is fine, as long as unchanged coordinates stay bit-identical).
//
// The interval of MuStar comes from resampling the r trajectories with
// replacement (all inputs together, since a trajectory gives one effect per
// input); src drives those draws. AnalyzeMorris returns an error if the
// rows do not form whole trajectories of d+1 rows in which every input
// moves exactly once, r < 2, x or y holds NaN or Inf, b is invalid, src is
// nil, or an effect is too large to represent.
func AnalyzeMorris(x [][]float64, y []float64, b Bootstrap, src rand.Source) (*MorrisResult, error) {
	if len(x) == 0 {
		return nil, fmt.Errorf("sensitivity: morris analysis: no design rows")
	}
	if len(y) != len(x) {
		return nil, fmt.Errorf("sensitivity: morris analysis: %d outputs for %d design rows", len(y), len(x))
	}
	d := len(x[0])
	if d < 1 {
		return nil, fmt.Errorf("sensitivity: morris analysis: design rows have no inputs")
	}
	per := d + 1
	if len(x)%per != 0 {
		return nil, fmt.Errorf("sensitivity: morris analysis: %d rows is not a whole number of trajectories of d+1 = %d rows", len(x), per)
	}
	r := len(x) / per
	if r < 2 {
		return nil, fmt.Errorf("sensitivity: morris analysis: need at least 2 trajectories, found %d", r)
	}
	for k, row := range x {
		if len(row) != d {
			return nil, fmt.Errorf("sensitivity: morris analysis: row %d has %d inputs, row 0 has %d", k, len(row), d)
		}
		if err := checkFinite(fmt.Sprintf("x[%d]", k), row); err != nil {
			return nil, fmt.Errorf("sensitivity: morris analysis: %w", err)
		}
	}
	if err := checkFinite("y", y); err != nil {
		return nil, fmt.Errorf("sensitivity: morris analysis: %w", err)
	}
	b, err := b.withDefaults()
	if err != nil {
		return nil, fmt.Errorf("sensitivity: morris analysis: %w", err)
	}
	rng, err := newRand(src)
	if err != nil {
		return nil, fmt.Errorf("sensitivity: morris analysis: %w", err)
	}

	// ee[i][t] is input i's effect in trajectory t; inputs as rows make the
	// per-input statistics run over contiguous memory.
	flat := make([]float64, d*r)
	ee := make([][]float64, d)
	for i := range ee {
		ee[i] = flat[i*r : (i+1)*r : (i+1)*r]
	}
	moved := make([]bool, d)
	for t := range r {
		clear(moved)
		for s := range d {
			k := t*per + s
			i, err := movingInput(x[k], x[k+1])
			if err != nil {
				return nil, fmt.Errorf("sensitivity: morris analysis: trajectory %d, rows %d to %d: %w", t, k, k+1, err)
			}
			if moved[i] {
				return nil, fmt.Errorf("sensitivity: morris analysis: trajectory %d: input %d moves twice", t, i)
			}
			moved[i] = true
			e := (y[k+1] - y[k]) / (x[k+1][i] - x[k][i])
			if !finite(e) {
				return nil, fmt.Errorf("sensitivity: morris analysis: trajectory %d: the effect of input %d is %g", t, i, e)
			}
			ee[i][t] = e
		}
	}

	res := &MorrisResult{
		Mu:           make([]float64, d),
		MuStar:       make([]Estimate, d),
		Sigma:        make([]float64, d),
		Trajectories: r,
		Bootstrap:    b,
	}
	point := make([]float64, d)
	all := make([]int, r)
	for t := range all {
		all[t] = t
	}
	muStar := func(idx []int, out []float64) bool {
		for i, e := range ee {
			var s float64
			for _, t := range idx {
				s += math.Abs(e[t])
			}
			out[i] = s / float64(len(idx))
		}
		return finite(out...)
	}
	if !muStar(all, point) {
		return nil, fmt.Errorf("sensitivity: morris analysis: mu* overflows; rescale the outputs")
	}
	reps, err := replicate(b, r, d, rng, muStar)
	if err != nil {
		return nil, fmt.Errorf("sensitivity: morris analysis: %w", err)
	}
	for i, e := range ee {
		var sum float64
		for _, v := range e {
			sum += v
		}
		mu := sum / float64(r)
		var ss float64
		for _, v := range e {
			ss += (v - mu) * (v - mu)
		}
		res.Mu[i] = mu
		res.Sigma[i] = math.Sqrt(ss / float64(r-1))
		res.MuStar[i] = summarize(point[i], reps[i], b.Level)
		if !finite(mu, res.Sigma[i], res.MuStar[i].StdErr) {
			return nil, fmt.Errorf("sensitivity: morris analysis: the statistics of input %d overflow; rescale the outputs", i)
		}
	}
	return res, nil
}

// movingInput returns the one coordinate in which rows a and b differ.
func movingInput(a, b []float64) (int, error) {
	moving := -1
	for i := range a {
		if a[i] == b[i] {
			continue
		}
		if moving >= 0 {
			return 0, fmt.Errorf("inputs %d and %d both change; a Morris step changes one input", moving, i)
		}
		moving = i
	}
	if moving < 0 {
		return 0, fmt.Errorf("no input changes; a Morris step changes one input")
	}
	return moving, nil
}
