package findings

import (
	"cmp"
	"math"
	"slices"

	"github.com/giversgain/giversgain/sim"
)

// KindFinals pools variants by kind: per kind (in order of first
// appearance in res.Kinds) the mean final net income of its members in
// each replicate, NaN where the kind had no members at the end. It is
// computed from the replicates' agent records and equals, replicate by
// replicate, what sim.Result.KindIncome summarises at the last round.
type KindFinals struct {
	// Kinds are the kinds, in order of first appearance.
	Kinds []string
	// Per[k][r] is kind k's mean final income in replicate r.
	Per [][]float64
}

// NewKindFinals pools the final incomes of res by kind.
func NewKindFinals(res *sim.Result) KindFinals {
	var kf KindFinals
	kindOf := make([]int, len(res.Kinds)) // strategy -> index in kf.Kinds
	for s, kind := range res.Kinds {
		k := slices.Index(kf.Kinds, kind)
		if k < 0 {
			k = len(kf.Kinds)
			kf.Kinds = append(kf.Kinds, kind)
		}
		kindOf[s] = k
	}
	kf.Per = make([][]float64, len(kf.Kinds))
	for k := range kf.Per {
		kf.Per[k] = make([]float64, len(res.Replicates))
	}
	sum, n := make([]float64, len(kf.Kinds)), make([]int, len(kf.Kinds))
	for r, rep := range res.Replicates {
		clear(sum)
		clear(n)
		for _, a := range rep.Agents {
			if a.Strategy >= 0 && a.Strategy < len(kindOf) {
				k := kindOf[a.Strategy]
				sum[k] += a.Income
				n[k]++
			}
		}
		for k := range kf.Per {
			kf.Per[k][r] = math.NaN()
			if n[k] > 0 {
				kf.Per[k][r] = sum[k] / float64(n[k])
			}
		}
	}
	return kf
}

// Index is the position of kind in Kinds, or -1.
func (kf KindFinals) Index(kind string) int { return slices.Index(kf.Kinds, kind) }

// Stat summarises kind k's final income across replicates.
func (kf KindFinals) Stat(k int) sim.Stat { return sim.Summarize(kf.Per[k]) }

// Comparison pits kind A against kind B on final income, paired by
// replicate.
type Comparison struct {
	// A and B index KindFinals.Kinds; B is -1 when only one kind has
	// members.
	A, B int
	// Dollars is A's mean final income minus B's, per replicate.
	Dollars sim.Stat
	// OverB is how much more A earned than B, in percent of B's mean
	// income, from the ratio of the means paired by replicate
	// (RatioPercent); valid only when B's mean income is surely positive.
	OverB      sim.Stat
	OverBValid bool
	// OverA is how much more B earned than A, valid likewise.
	OverA      sim.Stat
	OverAValid bool
}

// Opponents picks the kinds to compare: givers against takers; without
// takers (none in the mix, or none left) givers against the best-earning
// other kind; without givers the best-earning kind against the next. ok
// is false when no kind has members; b is -1 when only one does.
func Opponents(kf KindFinals) (a, b int, ok bool) {
	type cand struct {
		k    int
		mean float64
	}
	var present []cand
	for k := range kf.Kinds {
		if st := kf.Stat(k); st.N > 0 && isFinite(st.Mean) {
			present = append(present, cand{k, st.Mean})
		}
	}
	if len(present) == 0 {
		return -1, -1, false
	}
	// Best earners first (the means are finite); ties keep config order.
	slices.SortStableFunc(present, func(x, y cand) int { return cmp.Compare(y.mean, x.mean) })
	has := func(kind string) int {
		for _, c := range present {
			if kf.Kinds[c.k] == kind {
				return c.k
			}
		}
		return -1
	}
	g, t := has("giver"), has("taker")
	switch {
	case g >= 0 && t >= 0:
		return g, t, true
	case g >= 0:
		for _, c := range present {
			if c.k != g {
				return g, c.k, true
			}
		}
		return g, -1, true
	case len(present) >= 2:
		return present[0].k, present[1].k, true
	}
	return present[0].k, -1, true
}

// Compare computes the paired differences of kinds a and b: the dollar
// difference per replicate, and each kind's lead over the other as the
// ratio of their mean incomes (see RatioPercent).
func Compare(kf KindFinals, a, b int) Comparison {
	c := Comparison{A: a, B: b}
	if b < 0 {
		return c
	}
	var dollars, xs, ys []float64
	for r := range kf.Per[a] {
		x, y := kf.Per[a][r], kf.Per[b][r]
		if math.IsNaN(x) || math.IsNaN(y) {
			continue
		}
		dollars = append(dollars, x-y)
		xs, ys = append(xs, x), append(ys, y)
	}
	c.Dollars = sim.Summarize(dollars)
	c.OverB, c.OverBValid = RatioPercent(xs, ys)
	c.OverA, c.OverAValid = RatioPercent(ys, xs)
	return c
}

// RatioPercent is how much more (in percent) the xs earn than the ys,
// paired by replicate: 100·(R−1), R = mean(xs)/mean(ys), the ratio of the
// two mean incomes, with a 95% interval by the delta method for a ratio
// estimator (Cochran 1977, Sampling Techniques, 3rd ed., section 6.4):
// R ± t·sd(x − R·y)/(√n·mean(y)), t Student's over the n−1 degrees of
// freedom of the replicates. The mean of per-replicate ratios would
// overstate the lead wherever the ys vary: a replicate in which the
// trailing kind earned little weighs as much as all the others together.
// It is valid (ok) only when the ys' mean is positive with its whole 95%
// interval, so that the ratio is stable; a percentage of a base that may
// be zero or negative means nothing.
func RatioPercent(xs, ys []float64) (sim.Stat, bool) {
	n := len(xs)
	if n == 0 {
		return sim.Stat{}, false
	}
	y := sim.Summarize(ys)
	if !(y.Mean > 0) || n > 1 && !(y.Low > 0) {
		return sim.Stat{}, false
	}
	r := sim.Summarize(xs).Mean / y.Mean
	pct := 100 * (r - 1)
	if n == 1 {
		return sim.Stat{Mean: pct, Low: pct, High: pct, N: 1}, true
	}
	resid := make([]float64, n)
	for i := range xs {
		resid[i] = xs[i] - r*ys[i]
	}
	d := sim.Summarize(resid) // centred on 0: its interval is ± t·sd/√n
	half := 100 * (d.High - d.Low) / 2 / y.Mean
	return sim.Stat{Mean: pct, Low: pct - half, High: pct + half, N: n}, true
}

func isFinite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// StatFinite reports whether s is defined (N > 0) and all its numbers
// are finite.
func StatFinite(s sim.Stat) bool {
	return s.N > 0 && isFinite(s.Mean) && isFinite(s.Low) && isFinite(s.High)
}
