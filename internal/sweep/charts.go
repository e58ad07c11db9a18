package sweep

import (
	"math"
	"path/filepath"
	"slices"
	"sort"

	"github.com/giversgain/giversgain/internal/chart"
	"github.com/giversgain/giversgain/internal/findings"
	"github.com/giversgain/giversgain/sim"
)

// saveChart saves the sweep's chart c (see chart) into dir as base.* in
// each of formats and returns the file names; none for a nil chart.
func saveChart(c *chart.Chart, dir, base string, formats []string) ([]string, error) {
	if c == nil {
		return nil, nil
	}
	paths, err := chart.Save(c, dir, base, formats)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, p := range paths {
		names = append(names, filepath.Base(p))
	}
	return names, nil
}

// chart is the sweep's chart, the base name it is saved under and its
// words: for one axis, lines (the chart metric per strategy across the
// axis, 95% bands); for a full two-axis grid with a Higher and Lower
// strategy, heatmap (Higher minus Lower, the giver advantage by default,
// with the zero line). Other designs get none (nil): their points are in
// points.csv.
func (t *Table) chart(opt chart.Options) (*chart.Chart, string, findings.Slide, error) {
	h := &t.Header
	m, _ := sim.ParseMetric(h.Chart.Metric)
	switch len(h.Axes) {
	case 1:
		c, s, err := t.lines(m, opt)
		return c, "lines", s, err
	case 2:
		if h.Chart.Higher == "" || h.Chart.Lower == "" {
			return nil, "", findings.Slide{}, nil
		}
		c, s, err := t.heatmap(m, opt)
		return c, "heatmap", s, err
	}
	return nil, "", findings.Slide{}, nil
}

// valueFormat is how a chart writes values of metric m.
func valueFormat(m sim.Metric) chart.Format {
	switch m {
	case sim.Income, sim.Earned, sim.Revenue, sim.Costs, sim.ValueGiven, sim.ValueReceived, sim.IncomeRate:
		return chart.Money
	case sim.Share:
		return chart.Share
	}
	return chart.Number
}

// facts is what a chart of metric m is about.
func (t *Table) facts(m sim.Metric) findings.SweepFacts {
	h := &t.Header
	return findings.SweepFacts{Axes: h.Axes, Metric: m, Higher: h.Chart.Higher, Lower: h.Chart.Lower, Replicates: h.Replicates}
}

// lines draws a one-axis sweep; points with the same axis value (from a
// points or lhs design) are not merged, so the axis must not repeat.
func (t *Table) lines(m sim.Metric, opt chart.Options) (*chart.Chart, findings.Slide, error) {
	h := &t.Header
	order := make([]int, t.Points())
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return h.Coords[order[a]][0] < h.Coords[order[b]][0] })
	xs := make([]float64, len(order))
	for i, p := range order {
		xs[i] = h.Coords[p][0]
		if i > 0 && xs[i] == xs[i-1] {
			return nil, findings.Slide{}, nil // repeated values: no line chart
		}
	}
	var lines []chart.Line
	pal := chart.Colours(h.Kinds)
	lang := opt.Words.L()
	f := t.facts(m)
	for s, name := range h.Strategies {
		kind := name
		if s < len(h.Kinds) {
			kind = h.Kinds[s]
		}
		l := chart.Line{Name: lang.Strategy(name, kind), Mean: make([]float64, len(xs)), Low: make([]float64, len(xs)), High: make([]float64, len(xs)), Colour: pal[s]}
		for i, p := range order {
			st := t.Final(p, s, m)
			if st.N == 0 {
				l.Mean[i], l.Low[i], l.High[i] = math.NaN(), math.NaN(), math.NaN()
				continue
			}
			l.Mean[i], l.Low[i], l.High[i] = st.Mean, st.Low, st.High
		}
		lines = append(lines, l)
	}
	if h.Chart.Higher != "" && h.Chart.Lower != "" {
		for _, p := range order {
			if sim.Summarize(t.pooled(p, 0, h.Chart.Higher, m)).Mean > sim.Summarize(t.pooled(p, 0, h.Chart.Lower, m)).Mean {
				f.Ahead++
			}
		}
		f.Settings = len(order)
	}
	words := lang.SweepLines(f, opt.Words.Titles)
	c, err := chart.SweepLines(words, xs, lines, valueFormat(m), opt)
	return c, words, err
}

// heatmap draws Higher minus Lower over a full two-axis grid (paired by
// replicate); an incomplete grid gets no chart.
func (t *Table) heatmap(m sim.Metric, opt chart.Options) (*chart.Chart, findings.Slide, error) {
	h := &t.Header
	uniq := func(a int) []float64 {
		var v []float64
		for _, c := range h.Coords {
			v = append(v, c[a])
		}
		slices.Sort(v)
		return slices.Compact(v)
	}
	xs, ys := uniq(0), uniq(1)
	if len(xs) < 2 || len(ys) < 2 || len(xs)*len(ys) != t.Points() {
		return nil, findings.Slide{}, nil
	}
	z := make([][]float64, len(xs))
	seen := make([][]bool, len(xs))
	for i := range z {
		z[i] = make([]float64, len(ys))
		seen[i] = make([]bool, len(ys))
	}
	pos, total := 0, 0
	for p, c := range h.Coords {
		i, _ := slices.BinarySearch(xs, c[0])
		j, _ := slices.BinarySearch(ys, c[1])
		if seen[i][j] {
			return nil, findings.Slide{}, nil
		}
		seen[i][j] = true
		a, b := t.pooled(p, 0, h.Chart.Higher, m), t.pooled(p, 0, h.Chart.Lower, m)
		d := make([]float64, len(a))
		for k := range d {
			d[k] = a[k] - b[k]
		}
		st := sim.Summarize(d)
		z[i][j] = math.NaN()
		if st.N > 0 {
			z[i][j] = st.Mean
			total++
			if st.Mean > 0 {
				pos++
			}
		}
	}
	f := t.facts(m)
	f.Ahead, f.Settings = pos, total
	words := opt.Words.L().Heatmap(f, opt.Words.Titles)
	c, err := chart.Heatmap(words, xs, ys, z, valueFormat(m), opt)
	return c, words, err
}
