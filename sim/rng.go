package sim

import (
	"math"
	"math/rand/v2"
)

// splitmix64 is the finaliser of Steele, Lea & Flood (2014), the mixer that
// seeds xoshiro and PCG streams: consecutive inputs give unrelated outputs.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// StreamSeeds derives the two PCG seeds of the random stream identified by
// the root seed and a path such as (replicate) or (point, replicate). Each
// path element is folded in through SplitMix64, so neighbouring paths give
// unrelated streams; never NewPCG(seed, i) with consecutive i.
func StreamSeeds(seed uint64, path ...uint64) (uint64, uint64) {
	h := splitmix64(seed)
	for _, p := range path {
		h = splitmix64(h ^ splitmix64(p+0x632be59bd9b4e019))
	}
	return splitmix64(h ^ 0x5851f42d4c957f2d), splitmix64(h ^ 0x14057b7ef767814f)
}

// NewStream returns the generator for a stream path (see StreamSeeds).
func NewStream(seed uint64, path ...uint64) *rand.Rand {
	return rand.New(rand.NewPCG(StreamSeeds(seed, path...)))
}

// poisson draws from a Poisson distribution with mean lambda by Knuth's
// product of uniforms, given expNeg = exp(-lambda). The engine's means are
// small (about one opportunity a week), where this takes about lambda+1
// draws. distuv.Poisson would allocate a rand.Rand per draw, and the round
// loop must not allocate; for larger means it falls back to a normal
// approximation, which the means the engine uses never reach.
func poisson(r *rand.Rand, lambda, expNeg float64) int {
	if lambda <= 0 {
		return 0
	}
	if lambda > 30 {
		k := math.Round(lambda + math.Sqrt(lambda)*r.NormFloat64())
		return max(0, int(k))
	}
	k := 0
	p := r.Float64()
	for p > expNeg {
		k++
		p *= r.Float64()
	}
	return k
}

// betaSample draws from Beta(a, b) as X/(X+Y) with X~Gamma(a), Y~Gamma(b)
// (Marsaglia & Tsang 2000 gamma). Used only when a world is set up.
func betaSample(r *rand.Rand, a, b float64) float64 {
	x := gammaSample(r, a)
	y := gammaSample(r, b)
	if x+y == 0 {
		return 0.5
	}
	return x / (x + y)
}

func gammaSample(r *rand.Rand, a float64) float64 {
	if a < 1 {
		// Boost: Gamma(a) = Gamma(a+1)·U^(1/a).
		return gammaSample(r, a+1) * math.Pow(r.Float64(), 1/a)
	}
	d := a - 1.0/3
	c := 1 / math.Sqrt(9*d)
	for {
		x := r.NormFloat64()
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		u := r.Float64()
		if u < 1-0.0331*x*x*x*x || math.Log(u) < 0.5*x*x+d*(1-v+math.Log(v)) {
			return d * v
		}
	}
}

// alias is Walker's alias table for O(1) draws from a fixed discrete
// distribution (Vose 1991 construction).
type alias struct {
	prob  []float64
	alias []int32
}

// newAlias builds a table over weights; a zero-sum table draws -1.
func newAlias(w []float64) alias {
	n := len(w)
	a := alias{prob: make([]float64, n), alias: make([]int32, n)}
	sum := 0.0
	for _, x := range w {
		sum += x
	}
	if sum <= 0 {
		a.prob = nil
		return a
	}
	scaled := make([]float64, n)
	var small, large []int
	for i, x := range w {
		scaled[i] = x * float64(n) / sum
		if scaled[i] < 1 {
			small = append(small, i)
		} else {
			large = append(large, i)
		}
	}
	for len(small) > 0 && len(large) > 0 {
		s, l := small[len(small)-1], large[len(large)-1]
		small = small[:len(small)-1]
		a.prob[s] = scaled[s]
		a.alias[s] = int32(l)
		scaled[l] -= 1 - scaled[s]
		if scaled[l] < 1 {
			large = large[:len(large)-1]
			small = append(small, l)
		}
	}
	for _, i := range append(small, large...) {
		a.prob[i] = 1
		a.alias[i] = int32(i)
	}
	// A zero weight must never be drawn, even through rounding: send its
	// whole column to the heaviest index.
	heaviest := 0
	for i, x := range w {
		if x > w[heaviest] {
			heaviest = i
		}
	}
	for i, x := range w {
		if x == 0 {
			a.prob[i] = 0
			a.alias[i] = int32(heaviest)
		}
	}
	return a
}

func (a *alias) draw(r *rand.Rand) int {
	if a.prob == nil {
		return -1
	}
	i := r.IntN(len(a.prob))
	if r.Float64() < a.prob[i] {
		return i
	}
	return int(a.alias[i])
}
