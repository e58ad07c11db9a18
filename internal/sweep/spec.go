package sweep

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/giversgain/giversgain/internal/claims"
	"github.com/giversgain/giversgain/internal/config"
	"github.com/giversgain/giversgain/sim"
)

// Error is a problem with a sweep file: bad input (exit 2).
type Error struct {
	File string
	// Key is where in the file ("axes[1].steps"), if known.
	Key string
	Msg string
	// Err is an underlying config or claims error, if any.
	Err error
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File + ": ")
	}
	if e.Key != "" {
		b.WriteString(e.Key + ": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// file is the TOML shape of a sweep file.
type file struct {
	Name       string         `toml:"name"`
	Base       any            `toml:"base"`
	Seed       *int64         `toml:"seed"`
	Replicates *int64         `toml:"replicates"`
	Design     string         `toml:"design"`
	Set        map[string]any `toml:"set"`
	Axes       []axisSpec     `toml:"axes"`
	Points     [][]any        `toml:"points"`
	LHS        *struct {
		N    int64 `toml:"n"`
		Seed int64 `toml:"seed"`
	} `toml:"lhs"`
	Chart  *ChartSpec       `toml:"chart"`
	Claims []map[string]any `toml:"claims"`
}

type axisSpec struct {
	Path   string   `toml:"path"`
	Values []any    `toml:"values"`
	From   *float64 `toml:"from"`
	To     *float64 `toml:"to"`
	Steps  *int64   `toml:"steps"`
	Scale  string   `toml:"scale"`
}

// Loader reads a base config by name: a file path or a preset name.
type Loader func(name string) (*config.File, error)

// Load reads the sweep file at path. A base given by name is looked for
// beside the sweep file first, then handed to load as given (which may
// look among the presets); nil load means config.Load.
func Load(path string, load Loader) (*Plan, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{File: path, Msg: "cannot read sweep file: " + config.ErrText(err), Err: err}
	}
	return Decode(path, data, load)
}

var claimsLine = regexp.MustCompile(`(?m)^[ \t]*\[\[[ \t]*claims[ \t]*\]\]`)

// Decode reads a sweep file's text; name labels errors and, when the file
// sets no name, names the sweep (its base name without extension).
func Decode(name string, data []byte, load Loader) (*Plan, error) {
	if load == nil {
		load = config.Load
	}
	bad := func(key, format string, args ...any) error {
		return &Error{File: name, Key: key, Msg: fmt.Sprintf(format, args...)}
	}
	var f file
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &Error{File: name, Msg: fmt.Sprintf("line %d, column %d: %s", pe.Position.Line, pe.Position.Col, pe.Message), Err: err}
		}
		return nil, &Error{File: name, Msg: err.Error(), Err: err}
	}
	if und := md.Undecoded(); len(und) > 0 {
		var ks []string
		for _, k := range und {
			ks = append(ks, k.String())
		}
		// Keys under base, set and claims are checked by their readers.
		for _, k := range ks {
			if !strings.HasPrefix(k, "base.") && !strings.HasPrefix(k, "set.") && !strings.HasPrefix(k, "claims.") {
				return nil, bad(k, "unknown key; a sweep file has name, base, seed, replicates, design, [set], [[axes]] (path, values | from, to, steps, scale), points, [lhs] (n, seed), [chart] (metric, higher, lower) and [[claims]]")
			}
		}
	}
	p := &Plan{Name: f.Name}
	if p.Name == "" {
		p.Name = strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	}
	if err := sim.CheckName(p.Name); err != nil {
		if f.Name == "" {
			return nil, bad("name", "the file name %q gives the sweep's name, and it cannot: %v; set name = \"...\" in the file", filepath.Base(name), err)
		}
		return nil, bad("name", "%v", err)
	}

	// The base config.
	var base *config.File
	switch b := f.Base.(type) {
	case nil:
		return nil, bad("base", "missing; name a preset (base = \"giver-heavy\"), a config file path, or give an inline [base] table")
	case string:
		try := b
		if !filepath.IsAbs(b) {
			if beside := filepath.Join(filepath.Dir(name), b); fileExists(beside) {
				try = beside
			}
		}
		base, err = load(try)
	case map[string]any:
		var buf bytes.Buffer
		if err := toml.NewEncoder(&buf).Encode(b); err != nil {
			return nil, bad("base", "cannot re-encode the inline table: %v", err)
		}
		base, err = config.Decode(name+" [base]", buf.Bytes())
	default:
		return nil, bad("base", "expected a preset name, a file path or a table, found %v", b)
	}
	if err != nil {
		return nil, &Error{File: name, Key: "base", Msg: err.Error(), Err: err}
	}
	// A base's own [[claims]] are about single runs; a sweep states its own.
	cfg := base.Config

	// Fixed settings, then the axes.
	// In file order: a second mix share set rescales the first.
	sets := flatten("", f.Set)
	var setPaths []string
	for _, k := range md.Keys() {
		if len(k) > 1 && k[0] == "set" {
			path := strings.Join(k[1:], ".")
			if _, ok := sets[path]; ok && !slices.Contains(setPaths, path) {
				setPaths = append(setPaths, path)
			}
		}
	}
	for _, path := range setPaths {
		if err := config.Set(&cfg, path, sets[path]); err != nil {
			return nil, &Error{File: name, Key: "set." + path, Msg: err.Error(), Err: err}
		}
	}
	p.Seed = cfg.Seed
	if f.Seed != nil {
		if *f.Seed < 0 {
			return nil, bad("seed", "expected a seed >= 0, found %d", *f.Seed)
		}
		p.Seed = uint64(*f.Seed)
	}
	p.Replicates = cfg.Replicates
	if f.Replicates != nil {
		if *f.Replicates < 1 || *f.Replicates > 1e6 {
			return nil, bad("replicates", "expected 1 or more replicates per point, found %d", *f.Replicates)
		}
		p.Replicates = int(*f.Replicates)
	}
	cfg.Replicates = p.Replicates
	cfg.Seed = p.Seed
	if err := cfg.Validate(); err != nil {
		return nil, &Error{File: name, Key: "set", Msg: "the base config with [set] applied is invalid: " + err.Error(), Err: err}
	}
	for _, s := range cfg.Strategies {
		p.Strategies = append(p.Strategies, s.Name)
		p.Kinds = append(p.Kinds, s.Kind)
	}

	if len(f.Axes) == 0 {
		return nil, bad("axes", "missing; add at least one [[axes]] table with a path, as in path = \"referrals.visibility\"")
	}
	for i, a := range f.Axes {
		key := fmt.Sprintf("axes[%d]", i)
		if a.Path == "" {
			return nil, bad(key+".path", "missing; name the parameter to vary, as in \"referrals.visibility\"")
		}
		if _, err := config.Get(cfg, a.Path); err != nil {
			return nil, &Error{File: name, Key: key + ".path", Msg: err.Error(), Err: err}
		}
		if slices.Contains(p.Axes, a.Path) {
			return nil, bad(key+".path", "%q is already an axis", a.Path)
		}
		p.Axes = append(p.Axes, a.Path)
	}
	p.Design = f.Design
	if p.Design == "" {
		p.Design = Grid
	}
	switch p.Design {
	case Grid:
		if f.Points != nil || f.LHS != nil {
			return nil, bad("design", "points and [lhs] need design = \"points\" or \"lhs\"")
		}
		var lists [][]float64
		for i, a := range f.Axes {
			vs, err := axisValues(a, integral(cfg, a.Path))
			if err != nil {
				return nil, bad(fmt.Sprintf("axes[%d]", i), "%v", err)
			}
			lists = append(lists, vs)
		}
		p.Coords = product(lists)
	case Points:
		if len(f.Points) == 0 {
			return nil, bad("points", "design = \"points\" needs points = [[...], ...], one value per axis")
		}
		for i, a := range f.Axes {
			if a.Values != nil || a.From != nil || a.To != nil || a.Steps != nil {
				return nil, bad(fmt.Sprintf("axes[%d]", i), "with design = \"points\" an axis has only a path; the values are in points")
			}
		}
		for j, pt := range f.Points {
			if len(pt) != len(p.Axes) {
				return nil, bad(fmt.Sprintf("points[%d]", j), "expected %d values (one per axis), found %d", len(p.Axes), len(pt))
			}
			c := make([]float64, len(pt))
			for i, v := range pt {
				x, ok := toNumber(v)
				if !ok {
					return nil, bad(fmt.Sprintf("points[%d][%d]", j, i), "expected a number, found %v", v)
				}
				c[i] = x
			}
			p.Coords = append(p.Coords, c)
		}
	case LHS:
		if f.LHS == nil || f.LHS.N < 1 {
			return nil, bad("lhs", "design = \"lhs\" needs lhs = { n = SAMPLES, seed = SEED } with n >= 1")
		}
		var los, his []float64
		var logs, ints []bool
		for i, a := range f.Axes {
			key := fmt.Sprintf("axes[%d]", i)
			if a.Values != nil || a.Steps != nil || a.From == nil || a.To == nil {
				return nil, bad(key, "with design = \"lhs\" an axis has path, from, to and optionally scale (no values or steps)")
			}
			lg, err := scaleIsLog(a.Scale, *a.From, *a.To)
			if err != nil {
				return nil, bad(key+".scale", "%v", err)
			}
			los, his, logs = append(los, *a.From), append(his, *a.To), append(logs, lg)
			ints = append(ints, integral(cfg, a.Path))
		}
		p.Coords = latinHypercube(int(f.LHS.N), uint64(f.LHS.Seed), los, his, logs, ints)
	default:
		return nil, bad("design", "expected \"grid\", \"points\" or \"lhs\", found %q", f.Design)
	}
	if len(p.Coords) > 10_000_000 || len(p.Coords)*p.Replicates > 100_000_000 {
		return nil, bad("axes", "%d points x %d replicates is more tasks than a sweep may hold", len(p.Coords), p.Replicates)
	}

	// Every point's config.
	for j, c := range p.Coords {
		pc := cfg
		for i, a := range p.Axes {
			if err := config.Set(&pc, a, c[i]); err != nil {
				return nil, &Error{File: name, Key: fmt.Sprintf("point %d (%s)", j, describePoint(p.Axes, c)), Msg: err.Error(), Err: err}
			}
		}
		if err := pc.Validate(); err != nil {
			return nil, &Error{File: name, Key: fmt.Sprintf("point %d (%s)", j, describePoint(p.Axes, c)), Msg: "invalid config: " + err.Error(), Err: err}
		}
		p.Configs = append(p.Configs, pc)
	}

	// Chart and claims.
	p.Chart = defaultChart(cfg)
	if f.Chart != nil {
		if f.Chart.Metric != "" {
			p.Chart.Metric = f.Chart.Metric
		}
		if f.Chart.Higher != "" {
			p.Chart.Higher = f.Chart.Higher
		}
		if f.Chart.Lower != "" {
			p.Chart.Lower = f.Chart.Lower
		}
	}
	if _, ok := sim.ParseMetric(p.Chart.Metric); !ok {
		return nil, bad("chart.metric", "unknown metric %q; known metrics: %s", p.Chart.Metric, strings.Join(claims.MetricNames(), ", "))
	}
	for _, s := range []string{p.Chart.Higher, p.Chart.Lower} {
		if s != "" && claims.Lookup(s, p.Strategies, p.Kinds) == nil {
			return nil, bad("chart", "unknown strategy %q; the config's strategies are: %s (or their kinds)", s, strings.Join(p.Strategies, ", "))
		}
	}
	lines := claimsLine.FindAllIndex(data, -1)
	raw := make([]config.RawTable, len(f.Claims))
	for i, t := range f.Claims {
		raw[i].Table = t
		if len(lines) == len(f.Claims) {
			raw[i].Line = 1 + bytes.Count(data[:lines[i][0]], []byte{'\n'})
		}
	}
	cs, err := claims.Parse(raw)
	if err != nil {
		return nil, &Error{File: name, Msg: err.Error(), Err: err}
	}
	rounds := map[int]bool{}
	for _, c := range cs {
		if err := c.Check(p.Strategies, p.Kinds, p.Axes); err != nil {
			return nil, &Error{File: name, Msg: err.Error(), Err: err}
		}
		if c.Round > 0 {
			rounds[c.Round] = true
		}
	}
	for r := range rounds {
		p.Rounds = append(p.Rounds, r)
	}
	sort.Ints(p.Rounds)
	p.Claims = cs
	// A region no point lies in is caught now, not after the sweep.
	for _, c := range cs {
		if len(c.Where) == 0 {
			continue
		}
		in := false
		for _, co := range p.Coords {
			ok := true
			for _, w := range c.Where {
				ok = ok && w.Holds(co[slices.Index(p.Axes, w.Path)])
			}
			in = in || ok
		}
		if !in {
			return nil, &Error{File: name, Msg: fmt.Sprintf("claims[%d]: no sweep point lies in its region (%s)", c.Index+1, c.Statement())}
		}
	}
	return p, nil
}

func fileExists(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && !fi.IsDir()
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

// flatten turns nested tables into dotted paths: {population = {members =
// 60}} and {"population.members" = 60} both give population.members.
func flatten(prefix string, m map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		key := k
		if prefix != "" {
			key = prefix + "." + k
		}
		if sub, ok := v.(map[string]any); ok {
			maps.Copy(out, flatten(key, sub))
			continue
		}
		out[key] = v
	}
	return out
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

// axisValues expands an axis: its values, or from..to in steps.
func axisValues(a axisSpec, integer bool) ([]float64, error) {
	if a.Values != nil {
		if a.From != nil || a.To != nil || a.Steps != nil || a.Scale != "" {
			return nil, fmt.Errorf("give either values or from, to and steps, not both")
		}
		if len(a.Values) == 0 {
			return nil, fmt.Errorf("values: expected at least one value")
		}
		var out []float64
		for i, v := range a.Values {
			x, ok := toNumber(v)
			if !ok {
				return nil, fmt.Errorf("values[%d]: expected a number, found %v (only numeric parameters can be swept)", i, v)
			}
			out = append(out, x)
		}
		return out, nil
	}
	if a.From == nil || a.To == nil || a.Steps == nil {
		return nil, fmt.Errorf("expected values = [...] or from, to and steps (and optionally scale = \"log\")")
	}
	n := int(*a.Steps)
	if *a.Steps < 1 || *a.Steps > 100000 {
		return nil, fmt.Errorf("steps: expected 1 or more points, found %d", *a.Steps)
	}
	lg, err := scaleIsLog(a.Scale, *a.From, *a.To)
	if err != nil {
		return nil, err
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
	return out, nil
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
	out := [][]float64{{}}
	for _, l := range lists {
		var next [][]float64
		for _, prefix := range out {
			for _, v := range l {
				next = append(next, append(slices.Clone(prefix), v))
			}
		}
		out = next
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
