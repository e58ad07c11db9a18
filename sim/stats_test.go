package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// TestSummarize checks the interval against textbook values: for
// {1,2,3,4,5}, mean 3, s = 1.5811, t(0.975, 4) = 2.7764 (NIST/SEMATECH
// e-Handbook, Table of Student's t), half-width 1.9632.
func TestSummarize(t *testing.T) {
	got := Summarize([]float64{1, 2, 3, 4, 5})
	if math.Abs(got.Mean-3) > 1e-12 || math.Abs(got.High-got.Mean-1.9632) > 1e-4 || got.N != 5 {
		t.Errorf("Summarize = %+v, want mean 3 ± 1.9632", got)
	}
	if got := Summarize([]float64{math.NaN(), 7, math.NaN()}); got != (Stat{7, 7, 7, 1}) {
		t.Errorf("one defined value: %+v", got)
	}
	if got := Summarize([]float64{math.NaN()}); got != (Stat{}) {
		t.Errorf("none defined: %+v", got)
	}
	if tQuantile975(300) < 1.96 || tQuantile975(300) > 1.97 {
		t.Errorf("t(0.975, 300) = %v, want about 1.968", tQuantile975(300))
	}
}

// TestGini uses closed forms: equal incomes 0; one of n holding all,
// (n-1)/n; {1,2,3,4} is 0.25.
func TestGini(t *testing.T) {
	for _, tc := range []struct {
		xs   []float64
		want float64
	}{
		{[]float64{5, 5, 5, 5}, 0},
		{[]float64{0, 0, 0, 10}, 0.75},
		{[]float64{4, 1, 3, 2}, 0.25},
		{[]float64{0, 0}, 0},
	} {
		if got := Gini(tc.xs); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("Gini(%v) = %v, want %v", tc.xs, got, tc.want)
		}
	}
}

// TestAlias: draws follow the weights (chi-square-free check: each
// frequency within 4 SE) and zero weights are never drawn.
func TestAlias(t *testing.T) {
	w := []float64{0, 3, 1, 0, 6}
	a := newAlias(w)
	r := rand.New(rand.NewPCG(3, 4))
	n := 200000
	counts := make([]int, len(w))
	for range n {
		counts[a.draw(r)]++
	}
	for i, wi := range w {
		p := wi / 10
		got := float64(counts[i]) / float64(n)
		if wi == 0 && counts[i] != 0 {
			t.Errorf("zero weight %d drawn %d times", i, counts[i])
		}
		if se := math.Sqrt(p * (1 - p) / float64(n)); math.Abs(got-p) > 4*se+1e-12 {
			t.Errorf("index %d: frequency %.4f, want %.4f", i, got, p)
		}
	}
	empty := newAlias([]float64{0, 0})
	if empty.draw(r) != -1 {
		t.Error("all-zero table drew an index")
	}
}

// TestAliasExact reads each table's probabilities off its columns (a
// column keeps itself with its threshold over 2^64 and otherwise goes to
// its alias, each column 1/n) and compares them with the weights, for
// tables with zero weights in every position, ties, and the demand
// weights of the catalogue with each profession's own weight zeroed. A
// zero-weight column must go wholly to an index that was charged for it:
// until this test, every zero-weight column was sent to the heaviest
// index, which over-drew it and under-drew another (a table of 1, 1, 1, 0
// drew 0.58, 0.33, 0.08).
func TestAliasExact(t *testing.T) {
	tables := [][]float64{{1, 1, 1, 0}, {0, 1, 1, 1}, {1, 0, 1, 0, 1}, {0, 3, 1, 0, 6}, {5, 0, 0, 0, 0, 1}}
	r := rand.New(rand.NewPCG(5, 6))
	for range 200 {
		w := make([]float64, 1+r.IntN(12))
		for i := range w {
			if r.IntN(3) > 0 {
				w[i] = float64(r.IntN(5)) + r.Float64()
			}
		}
		tables = append(tables, w)
	}
	for own := range DefaultProfessions() {
		var w []float64
		for p, pr := range DefaultProfessions() {
			if p != own {
				w = append(w, pr.Demand)
			} else {
				w = append(w, 0)
			}
		}
		tables = append(tables, w)
	}
	for _, w := range tables {
		a := newAlias(w)
		sum := 0.0
		for _, x := range w {
			sum += x
		}
		if sum == 0 {
			continue
		}
		got := make([]float64, len(w))
		for col := range w {
			keep := float64(a.thresh[col]) / 0x1p64
			got[col] += keep / float64(len(w))
			got[a.alias[col]] += (1 - keep) / float64(len(w))
		}
		for i := range w {
			if math.Abs(got[i]-w[i]/sum) > 1e-9 || w[i] == 0 && got[i] != 0 {
				t.Errorf("weights %v: index %d drawn with probability %.6f, want %.6f", w, i, got[i], w[i]/sum)
				break
			}
		}
	}
}

// TestStreamSeeds: neighbouring paths give different, well-mixed seeds.
func TestStreamSeeds(t *testing.T) {
	seen := map[[2]uint64]bool{}
	for seed := range uint64(4) {
		for a := range uint64(50) {
			for b := range uint64(50) {
				s1, s2 := StreamSeeds(seed, a, b)
				if seen[[2]uint64{s1, s2}] {
					t.Fatalf("collision at seed %d path (%d, %d)", seed, a, b)
				}
				seen[[2]uint64{s1, s2}] = true
			}
		}
	}
	// (seed, replicate) must not equal (seed, point 0, replicate).
	x1, _ := StreamSeeds(1, 5)
	y1, _ := StreamSeeds(1, 0, 5)
	if x1 == y1 {
		t.Error("path (5) and (0, 5) share a stream")
	}
}

// TestAssignExact: counts by largest remainder are exact and sum to n.
func TestAssignExact(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	got := assignExact(r, 10, []float64{0.55, 0.25, 0.2})
	counts := make([]int, 3)
	for _, s := range got {
		counts[s]++
	}
	if counts[0] != 6 || counts[1] != 2 || counts[2] != 2 { // 5.5, 2.5, 2 → the tie at .5 goes to the first
		t.Errorf("counts %v, want [6 2 2]", counts)
	}
}

// TestChapterSizes: chapters differ by at most one and cover everyone.
func TestChapterSizes(t *testing.T) {
	for _, tc := range []struct{ members, size, chapters int }{
		{300, 30, 10}, {100, 30, 3}, {10, 30, 1}, {45, 30, 2}, {31, 30, 1},
	} {
		sizes := chapterSizes(tc.members, tc.size)
		sum := 0
		for _, s := range sizes {
			sum += s
			if s < sizes[len(sizes)-1] || s > sizes[0] || sizes[0]-sizes[len(sizes)-1] > 1 {
				t.Errorf("%d/%d: uneven sizes %v", tc.members, tc.size, sizes)
			}
		}
		if sum != tc.members || len(sizes) != tc.chapters {
			t.Errorf("%d/%d: sizes %v, want %d chapters summing to %d", tc.members, tc.size, sizes, tc.chapters, tc.members)
		}
	}
}

// TestCountSamplers: Poisson and binomial draws by alias match
// their means and variances (mean within 4 standard errors, variance within
// 5%), the normal-sized means included; reference moments are the
// textbook ones (Poisson: lambda, lambda; binomial: np, np(1-p)).
func TestCountSamplers(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	type tcase struct {
		name           string
		inv            alias
		mean, variance float64
	}
	var cases []tcase
	for _, lambda := range []float64{0.1, 0.8, 5, 40} {
		cases = append(cases, tcase{fmt.Sprintf("poisson(%g)", lambda), newPoisson(lambda), lambda, lambda})
	}
	for _, c := range []struct {
		n int
		p float64
	}{{29, 0.8}, {29, 0.01}, {64, 0.5}, {1, 0.3}} {
		cases = append(cases, tcase{fmt.Sprintf("binomial(%d,%g)", c.n, c.p), newBinomial(c.n, c.p),
			float64(c.n) * c.p, float64(c.n) * c.p * (1 - c.p)})
	}
	for _, tc := range cases {
		n := 200000
		var sum, sq float64
		for range n {
			k := float64(tc.inv.draw(r))
			sum += k
			sq += k * k
		}
		mean := sum / float64(n)
		variance := sq/float64(n) - mean*mean
		if se := math.Sqrt(tc.variance / float64(n)); math.Abs(mean-tc.mean) > 4*se {
			t.Errorf("%s: mean %.4f, want %.4f ± %.4f", tc.name, mean, tc.mean, 4*se)
		}
		if math.Abs(variance-tc.variance) > 0.05*tc.variance+0.001 {
			t.Errorf("%s: variance %.4f, want %.4f", tc.name, variance, tc.variance)
		}
	}
}

// TestCountSamplerEdges: a mean of 0 draws nothing and returns 0; the
// probabilities at the ends are exact.
func TestCountSamplerEdges(t *testing.T) {
	r, twin := rand.New(rand.NewPCG(1, 2)), rand.New(rand.NewPCG(1, 2))
	zero := newPoisson(0)
	if k := zero.draw(r); k != 0 {
		t.Errorf("poisson(0) drew %d", k)
	}
	if r.Uint64() != twin.Uint64() {
		t.Error("poisson(0) moved the stream")
	}
	all := newBinomial(5, 1)
	none := newBinomial(5, 0)
	for range 1000 {
		if k := all.draw(r); k != 5 {
			t.Fatalf("binomial(5, 1) drew %d", k)
		}
		if k := none.draw(r); k != 0 {
			t.Fatalf("binomial(5, 0) drew %d", k)
		}
	}
}

// TestDecileShares checks the deciles against a hand count: 20 members,
// two to a decile, ranked by income and, on equal income, by index. The
// incomes tie in blocks, so an order that ignored the index would move
// members across deciles.
func TestDecileShares(t *testing.T) {
	// Member i has strategy i%2 and income -(i/4): members 16-19 are the
	// poorest (decile 0) and 0-3 the richest (decile 9); inside a block
	// of four equal incomes, the lower indices rank first.
	agents := make([]AgentRecord, 20)
	for i := range agents {
		agents[i] = AgentRecord{Agent: i, Strategy: i % 2, Income: -float64(i / 4)}
	}
	out := [][]float64{}
	for range 10 {
		out = append(out, make([]float64, 2))
	}
	decileShares(agents, 2, out)
	for d := range 10 {
		// Each decile holds two neighbours in index order: one of each
		// strategy.
		if out[d][0] != 0.5 || out[d][1] != 0.5 {
			t.Errorf("decile %d shares %v, want [0.5 0.5]", d, out[d])
		}
	}
	// With strategy i/2%2 instead, a decile holds two members of one
	// strategy only when the index breaks ties: members 4b, 4b+1 (strategy
	// 0) rank before 4b+2, 4b+3 (strategy 1).
	for i := range agents {
		agents[i].Strategy = i / 2 % 2
	}
	decileShares(agents, 2, out)
	for d := range 10 {
		want := []float64{1, 0}
		if d%2 == 1 {
			want = []float64{0, 1}
		}
		if out[d][0] != want[0] || out[d][1] != want[1] {
			t.Errorf("decile %d shares %v, want %v", d, out[d], want)
		}
	}
}
