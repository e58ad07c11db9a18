// Package studyout analyses a finished sensitivity study and writes its
// outputs: the indices (Sobol' first-order and total, Morris mu* and
// sigma, partial rank correlations, each with a bootstrap interval) as CSV
// and Parquet, every design point's parameter values and outputs in design
// order (for SALib or R to recompute the indices), a summary with a title
// and a sentence computed from the data, the study's claims, and two slide
// charts. It plugs into the sweep machinery as a sweep.Extension, so that
// a sharded study merges into the same bytes as an unsharded one.
package studyout

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/giversgain/giversgain/internal/sensitivity"
	"github.com/giversgain/giversgain/internal/study"
	"github.com/giversgain/giversgain/internal/sweep"
	"github.com/giversgain/giversgain/sim"
)

// OutputResult holds one output's values and indices.
type OutputResult struct {
	Output study.Output
	// Y is the output at every design point, in design order; NaN where
	// it is undefined (a strategy without members).
	Y []float64
	// Undefined counts the points where Y is NaN.
	Undefined int
	// Sobol, Morris and PRCC are nil when the study has no such design,
	// or when the index is undefined (see Notes).
	Sobol  *sensitivity.SobolResult
	Morris *sensitivity.MorrisResult
	PRCC   *sensitivity.PRCCResult
	// Ahead is the share of points with the output at 1 (measure ahead).
	Ahead *sensitivity.Estimate
	// Group is the summed first-order index of the summary's group.
	Group *sensitivity.Estimate
	// Noise is the share of the output's variance over the points that
	// the replicates' spread alone would give: the mean over points of
	// the variance of a point's replicate mean, over the variance of the
	// points' means (difference and log ratio outputs; NaN otherwise).
	Noise float64
	// Notes say why an index is missing.
	Notes []string
}

// Result is a study's analysis.
type Result struct {
	Spec   *study.Spec
	Design *study.Design
	// Values[k] are design point k's parameter values.
	Values  [][]float64
	Outputs []OutputResult
	// Replicates per point.
	Replicates int
}

// Analyze computes every output at every design point of the finished
// table and their indices. The bootstrap draws come from the study's seed,
// so the same table gives the same numbers.
func Analyze(spec *study.Spec, t *sweep.Table) (*Result, error) {
	design, err := spec.Design()
	if err != nil {
		return nil, err
	}
	rows := design.Rows()
	if len(rows) != t.Points() {
		return nil, fmt.Errorf("the study's design has %d points, its results %d", len(rows), t.Points())
	}
	r := &Result{Spec: spec, Design: design, Values: t.Header.Coords, Replicates: t.Header.Replicates}
	d := len(spec.Params)
	nS := len(design.Sobol)
	boot := sensitivity.Bootstrap{Resamples: spec.Bootstrap.Resamples, Level: spec.Bootstrap.Level}
	src := func(out, what int) rand.Source {
		return rand.NewPCG(spec.Seed^uint64(out)<<32^uint64(what), study.BootStream)
	}
	for oi, o := range spec.Outputs {
		or := OutputResult{Output: o, Noise: math.NaN()}
		or.Y, or.Noise = values(t, o)
		for _, y := range or.Y {
			if math.IsNaN(y) {
				or.Undefined++
			}
		}
		if or.Undefined > 0 {
			or.Notes = append(or.Notes, fmt.Sprintf("undefined at %d of %d points (%s); no index computed", or.Undefined, len(or.Y), undefinedWhy(o)))
			r.Outputs = append(r.Outputs, or)
			continue
		}
		ys, ym := or.Y[:nS], or.Y[nS:]
		if nS > 0 {
			if res, err := sensitivity.AnalyzeSobol(d, ys, boot, src(oi, 0)); err != nil {
				or.Notes = append(or.Notes, "sobol: "+trim(err))
			} else {
				or.Sobol = res
			}
			if g := spec.Group; g != nil && or.Sobol != nil {
				var idx []int
				for _, p := range g.Params {
					idx = append(idx, spec.ParamIndex(p))
				}
				if e, err := sensitivity.SobolS1Sum(d, ys, idx, boot, src(oi, 1)); err == nil {
					or.Group = &e
				}
			}
		}
		if len(design.Morris) > 0 {
			if res, err := sensitivity.AnalyzeMorris(design.Morris, ym, boot, src(oi, 2)); err != nil {
				or.Notes = append(or.Notes, "morris: "+trim(err))
			} else {
				or.Morris = res
			}
		}
		// Partial rank correlations and shares over the larger, space-
		// filling part: the Sobol' rows when there are any.
		x, y, group := r.Values[:nS], ys, d+2
		if nS == 0 {
			x, y, group = r.Values, ym, d+1
		}
		if res, err := sensitivity.PRCC(x, y, boot, src(oi, 3)); err != nil {
			or.Notes = append(or.Notes, "prcc: "+trim(err))
		} else {
			or.PRCC = res
		}
		if o.Measure == study.Ahead {
			if e, err := sensitivity.GroupMean(y, group, boot, src(oi, 4)); err == nil {
				or.Ahead = &e
			}
		}
		r.Outputs = append(r.Outputs, or)
	}
	return r, nil
}

func trim(err error) string {
	msg := err.Error()
	for _, p := range []string{"sensitivity: sobol analysis: ", "sensitivity: morris analysis: ", "sensitivity: prcc: "} {
		if len(msg) > len(p) && msg[:len(p)] == p {
			return msg[len(p):]
		}
	}
	return msg
}

func undefinedWhy(o study.Output) string {
	return fmt.Sprintf("%s or %s has no members there", o.Higher, o.Lower)
}

// dollars reports whether a metric is money.
func dollars(m sim.Metric) bool {
	switch m {
	case sim.Income, sim.Earned, sim.Costs, sim.ValueGiven, sim.ValueReceived:
		return true
	}
	return false
}

// values computes an output at every point from the replicates' final
// values, and its noise share.
func values(t *sweep.Table, o study.Output) ([]float64, float64) {
	m, _ := sim.ParseMetric(o.Metric)
	y := make([]float64, t.Points())
	var noise float64
	for p := range y {
		hi, lo := t.Pooled(p, 0, o.Higher, m), t.Pooled(p, 0, o.Lower, m)
		var sh, sl, sd, sdd float64
		n := 0
		for k := range hi {
			if math.IsNaN(hi[k]) || math.IsNaN(lo[k]) {
				continue
			}
			sh += hi[k]
			sl += lo[k]
			diff := hi[k] - lo[k]
			sd += diff
			sdd += diff * diff
			n++
		}
		if n == 0 {
			y[p] = math.NaN()
			continue
		}
		mh, ml, md := sh/float64(n), sl/float64(n), sd/float64(n)
		switch o.Measure {
		case study.Difference:
			y[p] = md
			if n > 1 {
				noise += (sdd/float64(n) - md*md) * float64(n) / float64(n-1) / float64(n)
			}
		case study.LogRatio:
			sc := 1.0
			if dollars(m) {
				sc = study.LogRatioScale
			}
			y[p] = math.Asinh(mh/sc) - math.Asinh(ml/sc)
			if n > 1 {
				// Delta method from the replicates of each side.
				var vh, vl, cv float64
				for k := range hi {
					if math.IsNaN(hi[k]) || math.IsNaN(lo[k]) {
						continue
					}
					vh += (hi[k] - mh) * (hi[k] - mh)
					vl += (lo[k] - ml) * (lo[k] - ml)
					cv += (hi[k] - mh) * (lo[k] - ml)
				}
				f := float64(n-1) * float64(n)
				gh, gl := 1/math.Hypot(mh, sc), 1/math.Hypot(ml, sc)
				noise += (vh*gh*gh + vl*gl*gl - 2*cv*gh*gl) / f
			}
		case study.Ahead:
			y[p] = 0
			if md > 0 {
				y[p] = 1
			}
		}
	}
	if o.Measure == study.Ahead {
		return y, math.NaN()
	}
	v := variance(y)
	if !(v > 0) || math.IsNaN(noise) {
		return y, math.NaN()
	}
	return y, noise / float64(len(y)) / v
}

func variance(y []float64) float64 {
	var s, ss float64
	for _, v := range y {
		if math.IsNaN(v) {
			return math.NaN()
		}
		s += v
	}
	m := s / float64(len(y))
	for _, v := range y {
		ss += (v - m) * (v - m)
	}
	return ss / float64(len(y))
}

// Ranked returns the parameters' positions ordered by an output's
// influence, most influential first: by ST where there is a Sobol'
// analysis, else by mu*, else by |PRCC|; ties keep the file's order.
func (o *OutputResult) Ranked() []int {
	n := 0
	score := func(i int) float64 { return 0 }
	switch {
	case o.Sobol != nil:
		n, score = len(o.Sobol.ST), func(i int) float64 { return o.Sobol.ST[i].Value }
	case o.Morris != nil:
		n, score = len(o.Morris.MuStar), func(i int) float64 { return o.Morris.MuStar[i].Value }
	case o.PRCC != nil:
		n, score = len(o.PRCC.Coef), func(i int) float64 { return math.Abs(o.PRCC.Coef[i].Value) }
	}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		sa, sb := score(a), score(b)
		switch {
		case sa > sb:
			return -1
		case sa < sb:
			return 1
		}
		return 0
	})
	return idx
}

// Output returns the result of the output named name, or nil.
func (r *Result) Output(name string) *OutputResult {
	for i := range r.Outputs {
		if r.Outputs[i].Output.Name == name {
			return &r.Outputs[i]
		}
	}
	return nil
}
