package study

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/giversgain/giversgain/internal/claims"
	"github.com/giversgain/giversgain/internal/config"
	"github.com/giversgain/giversgain/internal/sensitivity"
	"github.com/giversgain/giversgain/internal/sweep"
	"github.com/giversgain/giversgain/sim"
)

// Loader reads a base config by name: a file path or a preset name.
type Loader func(name string) (*config.File, error)

// Study is a decoded study file: its Spec and the sweep plan that runs
// its design. The plan's Extension is left for the caller to set (the
// analysis lives in internal/studyout, which imports this package).
type Study struct {
	Spec   *Spec
	Design *Design
	Plan   *sweep.Plan
	// File is the study file's name as given.
	File string
}

// Limits on a study's size: far beyond what a machine runs, they keep a
// typo from allocating a design that cannot fit.
const (
	maxParams = sensitivity.MaxHaltonInputs
	maxPoints = 10_000_000
	maxTasks  = 100_000_000
)

var topKeys = []string{"name", "base", "seed", "replicates", "set", "parameters", "outputs", "sobol", "morris", "bootstrap", "summary", "claims"}

// Load reads the study file at path; a base given by name is looked for
// beside the file first, then handed to load (which may look among the
// presets).
func Load(path string, load Loader) (*Study, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &config.Error{File: path, Msg: "cannot read study file: " + config.ErrText(err), Err: err}
	}
	return Decode(path, data, load)
}

// decoder collects the problems of one study file as positioned
// *config.Errors.
type decoder struct {
	name string
	loc  *config.Locator
	errs []error
}

func (d *decoder) bad(key, format string, args ...any) {
	d.errs = append(d.errs, d.loc.Errorf(key, format, args...))
}

func (d *decoder) err() error {
	if len(d.errs) == 1 {
		return d.errs[0]
	}
	return errors.Join(d.errs...)
}

// Decode reads a study file's text; name labels errors and, when the file
// sets no name, names the study (its base name without extension). Every
// problem is reported with the file, line, column and key, and the line
// itself (*config.Error, bad input).
func Decode(name string, data []byte, load Loader) (*Study, error) {
	if load == nil {
		load = config.Load
	}
	d := &decoder{name: name, loc: config.Locate(name, data)}
	var raw map[string]any
	md, err := toml.Decode(string(data), &raw)
	if err != nil {
		return nil, d.loc.ParseError(err)
	}
	for _, k := range slices.Sorted(maps.Keys(raw)) {
		if !slices.Contains(topKeys, k) {
			d.bad(k, "unknown key; a study file has %s", strings.Join(topKeys, ", "))
		}
	}
	if len(d.errs) > 0 {
		return nil, d.err()
	}
	s := &Spec{Format: Format}
	s.Name = d.str(raw, "name", "")
	if s.Name == "" {
		s.Name = strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
		if err := sim.CheckName(s.Name); err != nil {
			d.bad("name", "the file name %q gives the study's name, and it cannot: %v; set name = \"...\" in the file", filepath.Base(name), err)
		}
	} else if err := sim.CheckName(s.Name); err != nil {
		d.bad("name", "%v", err)
	}

	cfg, ok := d.base(raw, load)
	if !ok {
		return nil, d.err()
	}
	d.set(raw, md, &cfg)
	if len(d.errs) > 0 {
		return nil, d.err()
	}
	s.Seed = cfg.Seed
	if v, ok := raw["seed"]; ok {
		n, ok := v.(int64)
		if !ok || n < 0 {
			d.bad("seed", "expected an integer >= 0, found %v", v)
		}
		s.Seed = uint64(n)
	}
	s.Replicates = cfg.Replicates
	if v, ok := raw["replicates"]; ok {
		n, ok := v.(int64)
		if !ok || n < 1 || n > 1e6 {
			d.bad("replicates", "expected an integer in [1, 1000000] (replicates per design point), found %v", v)
		}
		s.Replicates = int(n)
	}
	cfg.Seed, cfg.Replicates = s.Seed, s.Replicates
	if err := cfg.Validate(); err != nil {
		d.bad("set", "the base config with [set] applied is invalid: %v", err)
	}
	strats := make([]string, len(cfg.Strategies))
	kinds := make([]string, len(cfg.Strategies))
	for i, st := range cfg.Strategies {
		strats[i], kinds[i] = st.Name, st.Kind
	}
	s.Outputs = d.outputs(raw, strats, kinds)
	s.Params = d.params(raw, cfg, s.Outputs, strats, kinds)
	d.methods(raw, s)
	d.summary(raw, s)
	s.Claims = d.claims(raw, s)
	if len(d.errs) > 0 {
		return nil, d.err()
	}

	design, err := s.Design()
	if err != nil {
		return nil, d.loc.Errorf("", "%v", err)
	}
	st := &Study{Spec: s, Design: design, File: name}
	rows := design.Rows()
	if len(rows) > maxPoints || len(rows)*s.Replicates > maxTasks {
		return nil, d.loc.Errorf("sobol", "%d points x %d replicates is more tasks than a study may hold", len(rows), s.Replicates)
	}
	p := &sweep.Plan{
		Name: s.Name, Design: s.DesignName(), Seed: s.Seed, Replicates: s.Replicates,
		Strategies: strats, Kinds: kinds, CommonStreams: true,
		Chart: sweep.ChartSpec{Metric: s.Outputs[0].Metric, Higher: s.Outputs[0].Higher, Lower: s.Outputs[0].Lower},
	}
	for _, prm := range s.Params {
		p.Axes = append(p.Axes, prm.Path)
	}
	for k, u := range rows {
		vals, err := s.Values(u)
		if err != nil {
			return nil, d.loc.Errorf("parameters", "design row %d: %v", k, err)
		}
		pc := cfg
		for i, prm := range s.Params {
			if err := config.Set(&pc, prm.Path, vals[i]); err != nil {
				return nil, d.loc.Errorf(fmt.Sprintf("parameters[%d]", i), "design row %d: %v", k, err)
			}
		}
		if err := pc.Validate(); err != nil {
			return nil, d.loc.Errorf("parameters", "design row %d (%s): invalid config: %v", k, describe(s, vals), err)
		}
		p.Coords = append(p.Coords, vals)
		p.Configs = append(p.Configs, pc)
	}
	extra, err := json.Marshal(s)
	if err != nil {
		return nil, fmt.Errorf("study %s: encoding its description: %w", name, err)
	}
	p.Extra = extra
	st.Plan = p
	return st, nil
}

func describe(s *Spec, vals []float64) string {
	parts := make([]string, len(vals))
	for i, v := range vals {
		parts[i] = fmt.Sprintf("%s=%g", s.Params[i].Path, v)
	}
	return strings.Join(parts, ", ")
}

// str reads an optional string.
func (d *decoder) str(t map[string]any, key, path string) string {
	v, ok := t[key]
	if !ok {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		d.bad(join(path, key), "expected a string, found %s", kindOf(v))
	}
	return s
}

// num reads an optional number; ok reports whether it is there.
func (d *decoder) num(t map[string]any, key, path string) (float64, bool) {
	v, ok := t[key]
	if !ok {
		return 0, false
	}
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case float64:
		if !math.IsNaN(x) && !math.IsInf(x, 0) {
			return x, true
		}
	}
	d.bad(join(path, key), "expected a number, found %s", kindOf(v))
	return 0, false
}

// integer reads an optional integer in [lo, hi], def when absent.
func (d *decoder) integer(t map[string]any, key, path string, def, lo, hi int64) int {
	v, ok := t[key]
	if !ok {
		return int(def)
	}
	n, ok := v.(int64)
	if !ok || n < lo || n > hi {
		d.bad(join(path, key), "expected an integer in [%d, %d], found %s", lo, hi, kindOf(v))
		return int(def)
	}
	return int(n)
}

// table reads an optional table.
func (d *decoder) table(t map[string]any, key string) map[string]any {
	v, ok := t[key]
	if !ok {
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		d.bad(key, "expected a table ([%s]), found %s", key, kindOf(v))
	}
	return m
}

// tables reads an optional array of tables ([[key]]).
func (d *decoder) tables(t map[string]any, key string) []map[string]any {
	v, ok := t[key]
	if !ok {
		return nil
	}
	switch x := v.(type) {
	case []map[string]any:
		return x
	case []any:
		var out []map[string]any
		for i, e := range x {
			m, ok := e.(map[string]any)
			if !ok {
				d.bad(fmt.Sprintf("%s[%d]", key, i), "expected a table, found %s", kindOf(e))
				return nil
			}
			out = append(out, m)
		}
		return out
	}
	d.bad(key, "expected [[%s]] tables, found %s", key, kindOf(v))
	return nil
}

// keys reports keys of t that are not in valid.
func (d *decoder) keys(t map[string]any, path string, valid ...string) {
	for _, k := range slices.Sorted(maps.Keys(t)) {
		if !slices.Contains(valid, k) {
			d.bad(join(path, k), "unknown key; valid keys here: %s", strings.Join(valid, ", "))
		}
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func kindOf(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("string %q", x)
	case int64:
		return fmt.Sprintf("integer %d", x)
	case float64:
		return fmt.Sprintf("float %g", x)
	case bool:
		return fmt.Sprintf("boolean %t", x)
	case map[string]any:
		return "a table"
	case []any, []map[string]any:
		return "an array"
	}
	return fmt.Sprintf("%v", v)
}

// base loads the base config: a preset name, a path (beside the study file
// first) or an inline [base] table.
func (d *decoder) base(raw map[string]any, load Loader) (sim.Config, bool) {
	var base *config.File
	var err error
	switch b := raw["base"].(type) {
	case nil:
		d.bad("base", "missing; name a preset (base = \"bni-region\"), a config file path, or give an inline [base] table")
		return sim.Config{}, false
	case string:
		try := b
		if !filepath.IsAbs(b) {
			if beside := filepath.Join(filepath.Dir(d.name), b); fileExists(beside) {
				try = beside
			}
		}
		base, err = load(try)
	case map[string]any:
		var buf bytes.Buffer
		if err := toml.NewEncoder(&buf).Encode(b); err != nil {
			d.bad("base", "cannot re-encode the inline table: %v", err)
			return sim.Config{}, false
		}
		base, err = config.Decode(d.name+" [base]", buf.Bytes())
	default:
		d.bad("base", "expected a preset name, a file path or a table, found %s", kindOf(b))
		return sim.Config{}, false
	}
	if err != nil {
		d.errs = append(d.errs, fmt.Errorf("%s: base: %w", d.name, err))
		return sim.Config{}, false
	}
	return base.Config, true
}

func fileExists(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && !fi.IsDir()
}

// set applies [set] in file order, as a sweep does.
func (d *decoder) set(raw map[string]any, md toml.MetaData, cfg *sim.Config) {
	tbl := d.table(raw, "set")
	if tbl == nil {
		return
	}
	flat := flatten("", tbl)
	var order []string
	for _, k := range md.Keys() {
		if len(k) > 1 && k[0] == "set" {
			path := strings.Join(k[1:], ".")
			if _, ok := flat[path]; ok && !slices.Contains(order, path) {
				order = append(order, path)
			}
		}
	}
	for _, path := range order {
		if err := config.Set(cfg, path, flat[path]); err != nil {
			d.bad("set."+path, "%v", err)
		}
	}
}

func flatten(prefix string, m map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		key := join(prefix, k)
		if sub, ok := v.(map[string]any); ok {
			maps.Copy(out, flatten(key, sub))
			continue
		}
		out[key] = v
	}
	return out
}

// defaultOutputs are the giver-taker income gap, its log ratio and
// whether givers are ahead.
func defaultOutputs() []Output {
	return []Output{
		{Name: "gap", Measure: Difference, Metric: "income", Higher: "giver", Lower: "taker"},
		{Name: "log_ratio", Measure: LogRatio, Metric: "income", Higher: "giver", Lower: "taker"},
		{Name: "ahead", Measure: Ahead, Metric: "income", Higher: "giver", Lower: "taker"},
	}
}

func (d *decoder) outputs(raw map[string]any, strats, kinds []string) []Output {
	tbls := d.tables(raw, "outputs")
	outs := defaultOutputs()
	if tbls != nil {
		outs = nil
	}
	for i, t := range tbls {
		path := fmt.Sprintf("outputs[%d]", i)
		d.keys(t, path, "name", "measure", "metric", "higher", "lower")
		o := Output{Name: d.str(t, "name", path), Measure: d.str(t, "measure", path), Metric: d.str(t, "metric", path),
			Higher: d.str(t, "higher", path), Lower: d.str(t, "lower", path)}
		if o.Metric == "" {
			o.Metric = "income"
		}
		if o.Higher == "" {
			o.Higher = "giver"
		}
		if o.Lower == "" {
			o.Lower = "taker"
		}
		switch o.Measure {
		case Difference, LogRatio, Ahead:
		case "":
			d.bad(path, "measure: missing; one of %q, %q, %q", Difference, LogRatio, Ahead)
		default:
			d.bad(join(path, "measure"), "expected %q, %q or %q, found %q", Difference, LogRatio, Ahead, o.Measure)
		}
		if o.Name == "" {
			o.Name = o.Measure
		}
		if !validName(o.Name) {
			d.bad(join(path, "name"), "expected a column name of letters, digits and _, found %q", o.Name)
		}
		if slices.ContainsFunc(outs, func(p Output) bool { return p.Name == o.Name }) {
			d.bad(join(path, "name"), "output %q is already defined", o.Name)
		}
		if _, ok := sim.ParseMetric(o.Metric); !ok {
			d.bad(join(path, "metric"), "unknown metric %q; known metrics: %s", o.Metric, strings.Join(claims.MetricNames(), ", "))
		}
		outs = append(outs, o)
	}
	for i, o := range outs {
		path := fmt.Sprintf("outputs[%d]", i)
		for _, side := range []struct{ key, name string }{{"higher", o.Higher}, {"lower", o.Lower}} {
			if claims.Lookup(side.name, strats, kinds) == nil {
				if tbls == nil {
					d.bad("base", "the default outputs compare givers with takers, and the base has no %q; give [[outputs]] with higher and lower among its strategies: %s", side.name, strings.Join(strats, ", "))
					return outs
				}
				d.bad(join(path, side.key), "unknown strategy %q; the base's strategies are %s (or their kinds)", side.name, strings.Join(strats, ", "))
			}
		}
	}
	return outs
}

func validName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

func (d *decoder) params(raw map[string]any, cfg sim.Config, outs []Output, strats, kinds []string) []Param {
	tbls := d.tables(raw, "parameters")
	if len(tbls) == 0 {
		d.bad("parameters", "missing; add [[parameters]] tables with path, from, to, source (and scale = \"log\" for a log-uniform range)")
		return nil
	}
	if len(tbls) > maxParams {
		d.bad("parameters", "%d parameters; at most %d", len(tbls), maxParams)
		return nil
	}
	var out []Param
	mixAt := -1
	for i, t := range tbls {
		path := fmt.Sprintf("parameters[%d]", i)
		d.keys(t, path, "path", "from", "to", "scale", "source", "label")
		p := Param{Path: d.str(t, "path", path), Source: strings.TrimSpace(d.str(t, "source", path)), Label: d.str(t, "label", path)}
		if p.Path == "" {
			d.bad(path, "path: missing; name the parameter to vary, as in path = \"referrals.refer_cost\"")
			continue
		}
		if p.Path == "seed" || p.Path == "replicates" {
			d.bad(join(path, "path"), "%s is not a model parameter; set the study's seed and replicates at the top of the file", p.Path)
			continue
		}
		v, err := config.Get(cfg, p.Path)
		if err != nil {
			d.bad(join(path, "path"), "%v", err)
			continue
		}
		switch v.(type) {
		case float64:
		case int:
			p.Integer = true
		default:
			d.bad(join(path, "path"), "%s is not a number (found %v); only numeric parameters can be varied", p.Path, v)
			continue
		}
		if slices.ContainsFunc(out, func(q Param) bool { return q.Path == p.Path }) {
			d.bad(join(path, "path"), "%q is varied twice", p.Path)
			continue
		}
		if strings.HasPrefix(p.Path, "population.mix.") {
			// Setting a share rescales the others in proportion, so one
			// share varies the mix with the rest in fixed proportions; a
			// second would rescale the first.
			if mixAt >= 0 {
				d.bad(join(path, "path"), "the mix is already varied through parameters[%d]; vary it through one share, the others keep their proportions", mixAt)
				continue
			}
			mixAt = i
		}
		if p.Source == "" {
			d.bad(path, "source: missing; say in a line where the range comes from, or begin it with \"assumption\"")
		}
		from, okF := d.num(t, "from", path)
		to, okT := d.num(t, "to", path)
		if !okF || !okT {
			if _, there := t["from"]; !there {
				d.bad(path, "from: missing; give the range's lower end")
			}
			if _, there := t["to"]; !there {
				d.bad(path, "to: missing; give the range's upper end")
			}
			continue
		}
		p.From, p.To = from, to
		switch sc := d.str(t, "scale", path); sc {
		case "", "lin", "linear":
		case "log":
			p.Log = true
		default:
			d.bad(join(path, "scale"), "expected \"lin\" or \"log\", found %q", sc)
		}
		if err := p.Range().Validate(); err != nil {
			d.bad(path, "from %g to %g: %v", from, to, strings.TrimPrefix(err.Error(), "sensitivity: "))
			continue
		}
		// Both ends must be valid values of the parameter in the base.
		for _, end := range []struct {
			key string
			v   float64
		}{{"from", from}, {"to", to}} {
			c := cfg
			if err := config.Set(&c, p.Path, end.v); err != nil {
				d.bad(join(path, end.key), "%v", unwrapSet(err))
				continue
			}
			if err := c.Validate(); err != nil {
				d.bad(join(path, end.key), "%v", err)
			}
		}
		if mixAt == i {
			name := strings.TrimPrefix(p.Path, "population.mix.")
			for _, o := range outs {
				for _, side := range []string{o.Higher, o.Lower} {
					if idx := claims.Lookup(side, strats, kinds); len(idx) == 1 && strats[idx[0]] == name && from == 0 {
						d.bad(join(path, "from"), "a share of 0 leaves no %s to compare in output %q; start the range above 0", name, o.Name)
					}
				}
			}
		}
		if p.Label == "" {
			p.Label = p.Path[strings.LastIndexByte(p.Path, '.')+1:]
		}
		out = append(out, p)
	}
	return out
}

// unwrapSet drops config.Set's "set PATH: " prefix, which the key says.
func unwrapSet(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, ": "); strings.HasPrefix(msg, "set ") && i > 0 {
		return msg[i+2:]
	}
	return msg
}

func (d *decoder) methods(raw map[string]any, s *Spec) {
	if t := d.table(raw, "sobol"); t != nil {
		d.keys(t, "sobol", "n", "sampling")
		s.Sobol = &Sobol{N: d.integer(t, "n", "sobol", 0, 2, maxPoints), Sampling: d.str(t, "sampling", "sobol")}
		if _, ok := t["n"]; !ok {
			d.bad("sobol", "n: missing; the number of base samples (each gives d+2 design points), as in n = 256")
		}
		switch s.Sobol.Sampling {
		case "":
			s.Sobol.Sampling = sensitivity.ScrambledHalton.String()
		case sensitivity.ScrambledHalton.String(), sensitivity.PseudoRandom.String():
		default:
			d.bad("sobol.sampling", "expected %q or %q, found %q", sensitivity.ScrambledHalton, sensitivity.PseudoRandom, s.Sobol.Sampling)
		}
	}
	if t := d.table(raw, "morris"); t != nil {
		d.keys(t, "morris", "trajectories", "levels")
		s.Morris = &Morris{Trajectories: d.integer(t, "trajectories", "morris", 0, 2, maxPoints), Levels: d.integer(t, "levels", "morris", sensitivity.DefaultMorrisLevels, 2, 1000)}
		if _, ok := t["trajectories"]; !ok {
			d.bad("morris", "trajectories: missing; the number r of trajectories (each gives d+1 design points), as in trajectories = 20")
		}
		if s.Morris.Levels%2 != 0 {
			d.bad("morris.levels", "expected an even number of levels (an odd one leaves levels a jump never reaches), found %d", s.Morris.Levels)
		}
	}
	if s.Sobol == nil && s.Morris == nil {
		d.bad("sobol", "no method; add [sobol] (n = base samples) or [morris] (trajectories = r), or both")
	}
	s.Bootstrap = Bootstrap{Resamples: sensitivity.DefaultResamples, Level: sensitivity.DefaultLevel}
	if t := d.table(raw, "bootstrap"); t != nil {
		d.keys(t, "bootstrap", "resamples", "level")
		s.Bootstrap.Resamples = d.integer(t, "resamples", "bootstrap", sensitivity.DefaultResamples, 2, 1_000_000)
		if v, ok := d.num(t, "level", "bootstrap"); ok {
			if !(v > 0 && v < 1) {
				d.bad("bootstrap.level", "expected a confidence level in (0, 1), found %g", v)
			}
			s.Bootstrap.Level = v
		}
	}
}

func (d *decoder) summary(raw map[string]any, s *Spec) {
	for _, o := range s.Outputs {
		if o.Measure == LogRatio {
			s.Summary = o.Name
			break
		}
	}
	if s.Summary == "" && len(s.Outputs) > 0 {
		s.Summary = s.Outputs[0].Name
	}
	t := d.table(raw, "summary")
	if t == nil {
		return
	}
	d.keys(t, "summary", "output", "group", "label")
	if name := d.str(t, "output", "summary"); name != "" {
		if s.Output(name) == nil {
			d.bad("summary.output", "unknown output %q", name)
		}
		s.Summary = name
	}
	label := d.str(t, "label", "summary")
	v, ok := t["group"]
	if !ok {
		if label != "" {
			d.bad("summary", "group: missing; label names a group = [\"path\", ...] of parameters")
		}
		return
	}
	list, ok := v.([]any)
	if !ok || len(list) == 0 {
		d.bad("summary.group", "expected a list of parameter paths, found %s", kindOf(v))
		return
	}
	g := &Group{Label: label}
	for _, e := range list {
		p, ok := e.(string)
		if !ok || s.ParamIndex(p) < 0 {
			d.bad("summary.group", "%v is not one of the study's parameters", e)
			return
		}
		if slices.Contains(g.Params, p) {
			d.bad("summary.group", "%q is listed twice", p)
			return
		}
		g.Params = append(g.Params, p)
	}
	if g.Label == "" {
		g.Label = strings.Join(g.Params, ", ")
	}
	s.Group = g
}

var claimKeys = []string{"name", "output", "index", "parameter", "above", "below", "top"}

func (d *decoder) claims(raw map[string]any, s *Spec) []Claim {
	var out []Claim
	for i, t := range d.tables(raw, "claims") {
		path := fmt.Sprintf("claims[%d]", i)
		d.keys(t, path, claimKeys...)
		c := Claim{Name: d.str(t, "name", path), Output: d.str(t, "output", path), Index: d.str(t, "index", path),
			Param: d.str(t, "parameter", path), Line: d.loc.Line(path)}
		if c.Output == "" && len(s.Outputs) > 0 {
			c.Output = s.Outputs[0].Name
		}
		o := s.Output(c.Output)
		if o == nil {
			names := make([]string, len(s.Outputs))
			for j, o := range s.Outputs {
				names[j] = o.Name
			}
			d.bad(join(path, "output"), "unknown output %q; the study's outputs are %s", c.Output, strings.Join(names, ", "))
			continue
		}
		switch c.Index {
		case IndexS1, IndexST:
			if s.Sobol == nil {
				d.bad(join(path, "index"), "%s needs a [sobol] design", c.Index)
			}
		case IndexMuStar:
			if s.Morris == nil {
				d.bad(join(path, "index"), "mu_star needs a [morris] design")
			}
		case IndexPRCC:
		case IndexAhead:
			if o.Measure != Ahead {
				d.bad(join(path, "output"), "index = \"ahead\" is the share of points where an output of measure \"ahead\" is 1; %q measures %s", o.Name, o.Measure)
			}
		case "":
			d.bad(path, "index: missing; one of S1, ST, mu_star, prcc, ahead")
			continue
		default:
			d.bad(join(path, "index"), "expected S1, ST, mu_star, prcc or ahead, found %q", c.Index)
			continue
		}
		if c.Index == IndexAhead {
			if c.Param != "" {
				d.bad(join(path, "parameter"), "index = \"ahead\" is about no parameter")
			}
		} else if s.ParamIndex(c.Param) < 0 {
			d.bad(join(path, "parameter"), "expected one of the study's parameter paths, found %q", c.Param)
		}
		above, hasA := d.num(t, "above", path)
		below, hasB := d.num(t, "below", path)
		_, hasTop := t["top"]
		switch {
		case hasTop && (hasA || hasB), hasA && hasB:
			d.bad(path, "give one of above, below or top")
		case hasTop:
			c.Top = d.integer(t, "top", path, 1, 1, int64(max(1, len(s.Params))))
			if c.Index == IndexAhead {
				d.bad(join(path, "top"), "top ranks parameters; index = \"ahead\" has none")
			}
		case hasA:
			c.Above, c.Value = true, above
		case hasB:
			c.Value = below
		default:
			d.bad(path, "give above = X, below = X (the interval's bound on that side against X) or top = K (among the K most influential)")
		}
		if c.Name == "" {
			c.Name = c.Statement()
		}
		out = append(out, c)
	}
	return out
}

// Statement writes the claim as a sentence.
func (c Claim) Statement() string {
	subject := fmt.Sprintf("%s of %s for %s", c.Index, c.Param, c.Output)
	if c.Index == IndexAhead {
		subject = fmt.Sprintf("share of settings with %s = 1", c.Output)
	}
	switch {
	case c.Top > 0:
		return fmt.Sprintf("%s ranks among the %d largest by %s for %s", c.Param, c.Top, c.Index, c.Output)
	case c.Above:
		return fmt.Sprintf("%s above %g", subject, c.Value)
	}
	return fmt.Sprintf("%s below %g", subject, c.Value)
}
