package sweep

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/giversgain/giversgain/internal/chart"
	"github.com/giversgain/giversgain/sim"
)

// writeCharts draws the sweep's charts into dir and returns their file
// names: for one axis, lines.* (the chart metric per strategy across the
// axis, 95% bands); for a full two-axis grid with a Higher and Lower
// strategy, heatmap.* (Higher minus Lower, the giver advantage by
// default, with the zero line). Other designs get no chart: their points
// are in points.csv.
func (t *Table) writeCharts(dir string, formats []string) ([]string, error) {
	h := &t.Header
	m, _ := sim.ParseMetric(h.Chart.Metric)
	var c *chart.Chart
	var base string
	var err error
	switch len(h.Axes) {
	case 1:
		c, err = t.lines(m)
		base = "lines"
	case 2:
		if h.Chart.Higher == "" || h.Chart.Lower == "" {
			return nil, nil
		}
		c, err = t.heatmap(m)
		base = "heatmap"
	}
	if err != nil || c == nil {
		return nil, err
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

// label is the axis label of a metric: dollars where it is money.
func label(m sim.Metric) string {
	switch m {
	case sim.Income, sim.Earned, sim.Costs, sim.ValueGiven, sim.ValueReceived:
		return fmt.Sprintf("final %s per member ($)", m)
	case sim.Share:
		return "final share of members (%)"
	}
	return fmt.Sprintf("final %s per member", m)
}

// lines draws a one-axis sweep; points with the same axis value (from a
// points or lhs design) are not merged, so the axis must not repeat.
func (t *Table) lines(m sim.Metric) (*chart.Chart, error) {
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
			return nil, nil // repeated values: no line chart
		}
	}
	var lines []chart.Line
	pal := chart.Colours(h.Kinds)
	for s, name := range h.Strategies {
		l := chart.Line{Name: name, Mean: make([]float64, len(xs)), Low: make([]float64, len(xs)), High: make([]float64, len(xs)), Colour: pal[s]}
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
	title := fmt.Sprintf("Final %s by strategy across %s", m, h.Axes[0])
	if h.Chart.Higher != "" && h.Chart.Lower != "" {
		ahead := 0
		for _, p := range order {
			if sim.Summarize(t.pooled(p, 0, h.Chart.Higher, m)).Mean > sim.Summarize(t.pooled(p, 0, h.Chart.Lower, m)).Mean {
				ahead++
			}
		}
		title = fmt.Sprintf("%s' %s above %ss' at %d of %d values of %s", titleCase(h.Chart.Higher), m, h.Chart.Lower, ahead, len(order), h.Axes[0])
	}
	c, err := chart.SweepLines(h.Axes[0], xs, lines, label(m), title)
	if err != nil {
		return nil, err
	}
	c.Subtitle = fmt.Sprintf("Mean of %d replicates per point; shaded: 95%% interval", h.Replicates)
	return c, nil
}

// heatmap draws Higher minus Lower over a full two-axis grid (paired by
// replicate); an incomplete grid gets no chart.
func (t *Table) heatmap(m sim.Metric) (*chart.Chart, error) {
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
		return nil, nil
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
			return nil, nil
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
	title := fmt.Sprintf("%s out-%s %ss in %d of %d settings", titleCase(h.Chart.Higher), verb(m), h.Chart.Lower, pos, total)
	zl := fmt.Sprintf("%s minus %s, final %s", h.Chart.Higher, h.Chart.Lower, m)
	if strings.HasSuffix(label(m), "($)") {
		zl += " ($)"
	}
	c, err := chart.Heatmap(h.Axes[0], h.Axes[1], xs, ys, z, zl, title)
	if err != nil {
		return nil, err
	}
	c.Subtitle = fmt.Sprintf("Mean difference per member over %d paired replicates; black line: no difference", h.Replicates)
	return c, nil
}

func verb(m sim.Metric) string {
	switch m {
	case sim.Income, sim.Earned:
		return "earn"
	}
	return "score"
}

func titleCase(s string) string {
	if s == "" {
		return s
	}
	b := []byte(s)
	if b[0] >= 'a' && b[0] <= 'z' {
		b[0] -= 'a' - 'A'
	}
	return string(b) + "s"
}
