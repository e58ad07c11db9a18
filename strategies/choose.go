package strategies

import "math/rand/v2"

// weightedIndex picks i with probability w(i)/sum; -1 when every weight is 0.
// Up to smallN candidates it keeps the weights in an array on the stack, so
// w is called once per candidate; beyond that it walks the candidates twice
// instead of keeping a weight slice, so that a decision never allocates.
// Both ways do the same floating-point operations in the same order and
// draw the same single number, so they pick the same index.
func weightedIndex(n int, w func(i int) float64, r *rand.Rand) int {
	if n <= smallN {
		var ws [smallN]float64
		total := 0.0
		for i := range n {
			ws[i] = w(i)
			total += ws[i]
		}
		return pickWeighted(ws[:n], total, r)
	}
	total := 0.0
	for i := range n {
		total += w(i)
	}
	if total <= 0 {
		return -1
	}
	x := r.Float64() * total
	last := -1
	for i := range n {
		wi := w(i)
		if wi <= 0 {
			continue
		}
		last = i
		x -= wi
		if x < 0 {
			return i
		}
	}
	return last // rounding left x a hair above zero
}

// pickWeighted picks i with probability ws[i]/total, where total is the
// sum of ws computed in index order; -1 when total is 0. It is the draw of
// weightedIndex for callers that fill the weights themselves, without a
// call per weight, and picks the same index for the same weights and
// generator state.
func pickWeighted(ws []float64, total float64, r *rand.Rand) int {
	if total <= 0 {
		return -1
	}
	x := r.Float64() * total
	last := -1
	for i, wi := range ws {
		if wi <= 0 {
			continue
		}
		last = i
		x -= wi
		if x < 0 {
			return i
		}
	}
	return last
}

// smallN is the most candidates whose weights weightedIndex keeps on the
// stack: a profession's bucket and a help sample are well below it.
const smallN = 16

// argmax returns the index with the largest score, the first on ties; -1
// for n = 0.
func argmax(n int, score func(i int) float64) int {
	best, bestScore := -1, 0.0
	for i := range n {
		if s := score(i); best < 0 || s > bestScore {
			best, bestScore = i, s
		}
	}
	return best
}
