package sim

import (
	"math"
	"math/bits"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"
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

// Stream names a random stream: a root seed and a path, such as
// (replicate) or (point, replicate). A replicate's world draws its set-up
// and evolution from the stream itself and chapter c's play from its
// child c, so that chapters can play at once and still draw the same
// numbers whatever the number of workers.
type Stream struct {
	Seed uint64
	Path []uint64
}

// NewStreamKey returns the stream of the root seed and path.
func NewStreamKey(seed uint64, path ...uint64) Stream {
	return Stream{Seed: seed, Path: append([]uint64(nil), path...)}
}

// Rand returns the stream's generator (NewStream(Seed, Path...)).
func (s Stream) Rand() *rand.Rand { return NewStream(s.Seed, s.Path...) }

// Child returns the stream whose path is s's path followed by k.
func (s Stream) Child(k uint64) Stream {
	return Stream{Seed: s.Seed, Path: append(append(make([]uint64, 0, len(s.Path)+1), s.Path...), k)}
}

// betaSample draws from Beta(a, b) as X/(X+Y) with X~Gamma(a), Y~Gamma(b)
// (Marsaglia & Tsang 2000 gamma). Used for service quality, when a world
// is set up and when churn seats a newcomer: never in the round loop.
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
// distribution (Vose 1991 construction). One 64-bit draw serves both steps:
// its product with the table size gives the column in the high word and,
// in the low word, a uniform fraction within the column (with a resolution
// of size/2^64) that is compared with the column's threshold. The round
// loop draws every Poisson count, every binomial count of observers and
// every client's profession this way, at one draw and no data-dependent
// loop each.
type alias struct {
	// thresh[i] is the probability of keeping column i, times 2^64;
	// a column that is always kept aliases itself.
	thresh []uint64
	alias  []int32
}

// newAlias builds a table over weights; a zero-sum table draws -1.
func newAlias(w []float64) alias {
	var a alias
	a.build(w)
	return a
}

// smallTable is the size up to which building a table needs no memory
// but its own: its work space lives on the stack.
const smallTable = 64

// build makes a the table over weights w (a zero-sum table draws -1),
// reusing a's memory where it is large enough: a world of a million
// members builds tens of thousands of small tables, and rebuilds them
// when strategies change, so building one allocates nothing it does not
// keep.
func (a *alias) build(w []float64) {
	n := len(w)
	sum := 0.0
	for _, x := range w {
		sum += x
	}
	if sum <= 0 {
		a.thresh, a.alias = nil, a.alias[:0]
		return
	}
	if cap(a.thresh) >= n && cap(a.alias) >= n {
		a.thresh, a.alias = a.thresh[:n], a.alias[:n]
	} else {
		a.thresh, a.alias = make([]uint64, n), make([]int32, n)
	}
	// The two work lists share one array, small growing from its front
	// and large from its back (an index is on at most one of them).
	var scaledBuf [smallTable]float64
	var stackBuf [smallTable]int32
	var scaled []float64
	var stack []int32
	if n > smallTable {
		scaled, stack = make([]float64, n), make([]int32, n)
	} else {
		scaled, stack = scaledBuf[:n], stackBuf[:n]
	}
	ns, nl := 0, 0 // lengths of small (stack[:ns]) and large (stack[n-nl:], top at n-nl)
	for i, x := range w {
		scaled[i] = x * float64(n) / sum
		if scaled[i] < 1 {
			stack[ns] = int32(i)
			ns++
		} else {
			nl++
			stack[n-nl] = int32(i)
		}
	}
	for ns > 0 && nl > 0 {
		s, l := stack[ns-1], stack[n-nl]
		ns--
		a.thresh[s] = uint64(scaled[s] * 0x1p64)
		a.alias[s] = l
		scaled[l] -= 1 - scaled[s]
		if scaled[l] < 1 {
			nl--
			stack[ns] = l
			ns++
		}
	}
	// The columns left over keep themselves (their scaled weight is 1 up
	// to rounding), except that a zero weight must never be drawn, even
	// through rounding: such a column goes wholly to the heaviest index.
	// (Only these: a zero-weight column paired in the loop above already
	// goes wholly to its alias, which was charged for it; sending it
	// elsewhere would move that mass.)
	heaviest := 0
	for i, x := range w {
		if x > w[heaviest] {
			heaviest = i
		}
	}
	keep := func(i int32) {
		a.thresh[i], a.alias[i] = math.MaxUint64, i
		if w[i] == 0 {
			a.thresh[i], a.alias[i] = 0, int32(heaviest)
		}
	}
	for _, i := range stack[:ns] {
		keep(i)
	}
	for _, i := range stack[n-nl:] {
		keep(i)
	}
}

// draw returns an index with probability proportional to its weight, or
// -1 for a zero-sum table. A table of one entry draws nothing, so that a
// count whose mean is 0 (a behaviour switched off) leaves the stream as
// it is.
func (a *alias) draw(r *rand.Rand) int {
	switch len(a.thresh) {
	case 0:
		return -1
	case 1:
		return 0
	}
	col, frac := bits.Mul64(r.Uint64(), uint64(len(a.thresh)))
	k := int(a.alias[col])
	if frac < a.thresh[col] {
		k = int(col)
	}
	return k
}

// newPoisson is the table for a Poisson count with mean lambda, truncated
// where a term past the mean falls below 2^-60: the rest of the tail sums
// to a few times that, beyond the table's resolution.
func newPoisson(lambda float64) alias {
	var a alias
	a.buildPoisson(lambda)
	return a
}

// buildPoisson makes a newPoisson(lambda), reusing a's memory (see build).
func (a *alias) buildPoisson(lambda float64) {
	if lambda <= 0 {
		a.build([]float64{1})
		return
	}
	d := distuv.Poisson{Lambda: lambda}
	var buf [smallTable]float64
	pmf := buf[:0]
	for k := 0; ; k++ {
		p := d.Prob(float64(k))
		pmf = append(pmf, p)
		if float64(k) > lambda && p < 0x1p-60 {
			a.build(pmf)
			return
		}
	}
}

// newBinomial is the table for the number of successes in n trials of
// probability p.
func newBinomial(n int, p float64) alias {
	pmf := make([]float64, n+1)
	switch {
	case p <= 0:
		pmf[0] = 1
	case p >= 1:
		pmf[n] = 1
	default:
		d := distuv.Binomial{N: float64(n), P: p}
		for k := range pmf {
			pmf[k] = d.Prob(float64(k))
		}
	}
	return newAlias(pmf)
}
