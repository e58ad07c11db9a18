package sweep

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/giversgain/giversgain/internal/claims"
	"github.com/giversgain/giversgain/internal/config"
	"github.com/giversgain/giversgain/sim"
)

// axisSpec is one [[axes]] table as written.
type axisSpec struct {
	Path   string
	Values []float64
	From   *float64
	To     *float64
	Steps  *int64
	Scale  string
}

// defaultChart compares givers with takers on income: the strategy named
// giver (taker), else all variants of that kind pooled.
func defaultChart(cfg sim.Config) ChartSpec {
	find := func(kind string) string {
		for _, s := range cfg.Strategies {
			if s.Name == kind || s.Kind == kind {
				return kind
			}
		}
		return ""
	}
	c := ChartSpec{Metric: "income", Higher: find("giver"), Lower: find("taker")}
	if c.Higher == "" || c.Lower == "" {
		c.Higher, c.Lower = "", ""
	}
	return c
}

// flatten turns nested tables into dotted paths in out: {population =
// {members = 60}} and {"population.members" = 60} both give
// population.members.
func flatten(prefix string, m map[string]any, out map[string]any) {
	for k, v := range m {
		key := k
		if prefix != "" {
			key = prefix + "." + k
		}
		if sub, ok := v.(map[string]any); ok {
			flatten(key, sub, out)
			continue
		}
		out[key] = v
	}
}

// integral reports whether the parameter at path is an integer.
func integral(cfg sim.Config, path string) bool {
	v, err := config.Get(cfg, path)
	if err != nil {
		return false
	}
	switch v.(type) {
	case int, int64, uint64:
		return true
	}
	return false
}

// toNumber reads a TOML number as a float64; NaN and infinities are not
// numbers a parameter can take.
func toNumber(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case float64:
		return x, !math.IsNaN(x) && !math.IsInf(x, 0)
	}
	return 0, false
}

func scaleIsLog(scale string, from, to float64) (bool, error) {
	switch scale {
	case "", "lin", "linear":
		return false, nil
	case "log":
		if !(from > 0 && to > 0) {
			return true, fmt.Errorf("a log scale needs from and to > 0, found %g and %g", from, to)
		}
		return true, nil
	}
	return false, fmt.Errorf("expected \"lin\" or \"log\", found %q", scale)
}

// maxSteps bounds an axis's from..to range.
const maxSteps = 100_000

// axisLen is how many values an axis of a grid has, without building
// them, so that a grid's size is checked before it is allocated.
func axisLen(a axisSpec) int {
	if a.Values != nil {
		return len(a.Values)
	}
	if a.Steps != nil {
		return int(*a.Steps)
	}
	return 0
}

// axisValues expands an axis of a grid: its values, or from..to in steps.
// The error says which key is wrong: "values", "steps", "scale" or ""
// for the axis as a whole.
func axisValues(a axisSpec, integer bool) (vals []float64, key string, err error) {
	if a.Values != nil {
		if a.From != nil || a.To != nil || a.Steps != nil || a.Scale != "" {
			return nil, "", fmt.Errorf("give either values or from, to and steps, not both")
		}
		if len(a.Values) == 0 {
			return nil, "values", fmt.Errorf("expected at least one value")
		}
		return a.Values, "", nil
	}
	if a.From == nil || a.To == nil || a.Steps == nil {
		return nil, "", fmt.Errorf("expected values = [...] or from, to and steps (and optionally scale = \"log\")")
	}
	if *a.Steps < 1 || *a.Steps > maxSteps {
		return nil, "steps", fmt.Errorf("expected 1 to %d points, found %d", maxSteps, *a.Steps)
	}
	n := int(*a.Steps)
	lg, err := scaleIsLog(a.Scale, *a.From, *a.To)
	if err != nil {
		return nil, "scale", err
	}
	out := make([]float64, n)
	for i := range out {
		f := 0.0
		if n > 1 {
			f = float64(i) / float64(n-1)
		}
		out[i] = interp(*a.From, *a.To, f, lg)
		if integer {
			out[i] = math.Round(out[i])
		}
	}
	return out, "", nil
}

func interp(lo, hi, f float64, lg bool) float64 {
	if f == 0 {
		return lo
	}
	if f == 1 {
		return hi
	}
	if lg {
		return math.Exp(math.Log(lo) + f*(math.Log(hi)-math.Log(lo)))
	}
	return lo + f*(hi-lo)
}

// product is the full grid of the axis lists, the last axis fastest.
func product(lists [][]float64) [][]float64 {
	n := 1
	for _, l := range lists {
		n *= len(l)
	}
	out := make([][]float64, 0, n)
	idx := make([]int, len(lists))
	for range n {
		c := make([]float64, len(lists))
		for a, l := range lists {
			c[a] = l[idx[a]]
		}
		out = append(out, c)
		for a := len(idx) - 1; a >= 0; a-- {
			if idx[a]++; idx[a] < len(lists[a]) {
				break
			}
			idx[a] = 0
		}
	}
	return out
}

// latinHypercube draws n points: each axis's range is cut into n equal
// strata (on a log scale where asked), every stratum is used once, and the
// strata are matched across axes by independent random permutations.
func latinHypercube(n int, seed uint64, lo, hi []float64, lg, ints []bool) [][]float64 {
	out := make([][]float64, n)
	for j := range out {
		out[j] = make([]float64, len(lo))
	}
	for a := range lo {
		r := sim.NewStream(seed, uint64(a))
		perm := r.Perm(n)
		for j := range n {
			f := (float64(perm[j]) + r.Float64()) / float64(n)
			v := interp(lo[a], hi[a], f, lg[a])
			if ints[a] {
				v = math.Round(v)
			}
			out[j][a] = v
		}
	}
	return out
}

func describePoint(axes []string, c []float64) string {
	parts := make([]string, len(axes))
	for i, a := range axes {
		parts[i] = fmt.Sprintf("%s=%s", a, fmtFloat(c[i]))
	}
	return strings.Join(parts, ", ")
}

// inRegion reports whether some point of coords lies in every condition
// of where (axes names the coordinates).
func inRegion(where []claims.Cond, axes []string, coords [][]float64) bool {
	for _, co := range coords {
		ok := true
		for _, w := range where {
			ok = ok && w.Holds(co[slices.Index(axes, w.Path)])
		}
		if ok {
			return true
		}
	}
	return false
}
