package sweep

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unsafe"

	"github.com/BurntSushi/toml"
	"github.com/giversgain/giversgain/internal/claims"
	"github.com/giversgain/giversgain/internal/config"
	"github.com/giversgain/giversgain/internal/inputfile"
	"github.com/giversgain/giversgain/internal/tomlpos"
	"github.com/giversgain/giversgain/sim"
)

// Error is a problem with a sweep file: bad input (exit 2). It is
// located like a config's problems: the file, the line and column, the
// key, and the offending line with a caret under the column.
type Error struct {
	File string
	// Line and Column locate the problem, 1-based; 0 when unknown.
	Line, Column int
	// Key is where in the file ("axes[1].steps"), if known.
	Key string
	Msg string
	// Source is the text of the offending line.
	Source string
	// Err is an underlying config or claims error, if any. A problem of
	// a base config in a file of its own is shown after the sweep file's
	// line, since it is located in that other file.
	Err error
	// nested is Err when its own text is to follow the sweep's line.
	nested bool
}

// Error renders the problem as "file:line:col: key: msg", the line with a
// caret, and any problem of a base config file after it.
func (e *Error) Error() string {
	s := tomlpos.Render(e.File, e.Line, e.Column, e.Key, e.Msg, e.Source)
	if e.nested && e.Err != nil {
		s += "\n" + e.Err.Error()
	}
	return s
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Loader reads a base config by name: a file path or a preset name.
type Loader func(name string) (*config.File, error)

// Limits on a sweep, checked before its points are built: a plan holds a
// config per point, and 1,000,000 points of a 1,000 x 1,000 grid used to
// take 24 GB before the old limit of 10 million points was checked.
const (
	// MaxPoints is the most points a sweep may have: building and
	// validating a point's config takes about 0.1 ms and 700 bytes, so
	// 100,000 points take 10 s and 70 MB before the first task runs.
	MaxPoints = 100_000
	// MaxTasks is the most (point, replicate) tasks a sweep may have.
	MaxTasks = 100_000_000
	// MaxPlanBytes bounds the memory of the points' configs.
	MaxPlanBytes = 1 << 30
	// maxReplicates bounds a sweep file's replicates.
	maxReplicates = 1_000_000
)

// Load reads the sweep file at path. A base given by name is looked for
// beside the sweep file first, then handed to load as given (which may
// look among the presets); nil load means config.Load.
func Load(path string, load Loader) (*Plan, error) {
	return LoadContext(context.Background(), path, load)
}

// MaxFileBytes is the largest sweep file Load reads: a points design of
// the most points a sweep may have, with a few axes.
const MaxFileBytes = 16 << 20

// LoadContext is Load, stopping with ctx's error when ctx ends. The file
// must be a regular file of at most MaxFileBytes (see inputfile).
func LoadContext(ctx context.Context, path string, load Loader) (*Plan, error) {
	data, err := inputfile.Read(ctx, path, MaxFileBytes)
	if ctx.Err() != nil {
		return nil, ctx.Err() // an interruption, not bad input
	}
	if err != nil {
		return nil, &Error{File: path, Msg: "cannot read sweep file: " + config.ErrText(err), Err: err}
	}
	return DecodeContext(ctx, path, data, load)
}

// Decode reads a sweep file's text; name labels errors and, when the file
// sets no name, names the sweep (its base name without extension).
func Decode(name string, data []byte, load Loader) (*Plan, error) {
	return DecodeContext(context.Background(), name, data, load)
}

// DecodeContext is Decode, stopping with ctx's error when ctx ends
// (building and validating a large sweep's points takes a while).
//
// The file is read section by section, each a method of specDecoder:
// name, base, set, seed and replicates, axes, the design's points, every
// point's config, chart and claims. The first problem found is returned.
func DecodeContext(ctx context.Context, name string, data []byte, load Loader) (*Plan, error) {
	if load == nil {
		load = config.Load
	}
	d := &specDecoder{ctx: ctx, file: name, data: data, load: load, keys: tomlpos.Scan(string(data))}
	md, err := toml.Decode(string(data), &d.raw)
	if err != nil {
		if pos, msg, ok := tomlpos.ParseError(err); ok {
			return nil, &Error{File: name, Line: pos.Line, Column: pos.Col, Msg: msg, Source: d.keys.Line(pos.Line), Err: err}
		}
		return nil, &Error{File: name, Msg: err.Error(), Err: err}
	}
	d.md = md
	p := &Plan{file: name, keys: d.keys}
	for _, step := range []func(*Plan) error{
		d.checkKeys, d.name, d.base, d.set, d.seedAndReplicates, d.axes, d.points, d.pointConfigs, d.chart, d.claims,
	} {
		if err := step(p); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// specDecoder reads one sweep file.
type specDecoder struct {
	ctx  context.Context
	file string
	data []byte
	load Loader
	keys *tomlpos.Index
	md   toml.MetaData
	raw  map[string]any

	// What the sections pass on: the base config with [set] applied,
	// the inline [base] (for locating problems of a point under it), the
	// axes as written, and where each axis's values came from.
	cfg        sim.Config
	inlineBase bool
	specs      []axisSpec
	lists      [][]float64 // a grid's values per axis
}

// errAt is a problem at key (a path as tomlpos indexes it, array
// indices from 0), shown as shown ("" shows key itself).
func (d *specDecoder) errAt(key, shown, format string, args ...any) *Error {
	if shown == "" {
		shown = key
	}
	e := &Error{File: d.file, Key: shown, Msg: fmt.Sprintf(format, args...)}
	if p, ok := d.keys.Lookup(key); ok {
		e.Line, e.Column, e.Source = p.Line, p.Col, d.keys.Line(p.Line)
	}
	return e
}

// bad is a problem at key.
func (d *specDecoder) bad(key, format string, args ...any) *Error {
	return d.errAt(key, "", format, args...)
}

// wrap is err, from a reader of part of the file, at key.
func (d *specDecoder) wrap(key string, err error) *Error {
	e := d.bad(key, "%s", err.Error())
	e.Err = err
	return e
}

// cancelled is ctx's error, if it has ended.
func (d *specDecoder) cancelled() error { return d.ctx.Err() }

// topKeys are the keys of a sweep file, in the order the docs give them.
var topKeys = []string{"name", "base", "seed", "replicates", "design", "set", "axes", "points", "lhs", "chart", "claims"}

var (
	axisKeys  = []string{"path", "values", "from", "to", "steps", "scale"}
	lhsKeys   = []string{"n", "seed"}
	chartKeys = []string{"metric", "higher", "lower"}
)

// checkKeys refuses unknown keys at the top, in [[axes]], [lhs] and
// [chart]; base, set and claims are checked by their readers.
func (d *specDecoder) checkKeys(*Plan) error {
	unknown := func(path string, valid []string) error {
		return d.bad(path, "unknown key; expected one of %s", strings.Join(valid, ", "))
	}
	for _, k := range sortedKeys(d.raw) {
		if !slices.Contains(topKeys, k) {
			return d.bad(k, "unknown key; a sweep file has name, base, seed, replicates, design, [set], [[axes]] (path, values | from, to, steps, scale), points, [lhs] (n, seed), [chart] (metric, higher, lower) and [[claims]]")
		}
	}
	for _, sec := range []struct {
		key   string
		valid []string
	}{{"lhs", lhsKeys}, {"chart", chartKeys}} {
		if v, ok := d.raw[sec.key]; ok {
			t, ok := v.(map[string]any)
			if !ok {
				return d.bad(sec.key, "expected a table ([%s]), found %s", sec.key, describe(v))
			}
			for _, k := range sortedKeys(t) {
				if !slices.Contains(sec.valid, k) {
					return unknown(sec.key+"."+k, sec.valid)
				}
			}
		}
	}
	return nil
}

// name takes the sweep's name, or the file's.
func (d *specDecoder) name(p *Plan) error {
	v, given := d.raw["name"]
	if given {
		s, ok := v.(string)
		if !ok {
			return d.bad("name", "expected a string, found %s", describe(v))
		}
		p.Name = s
	}
	if p.Name == "" && !given {
		p.Name = strings.TrimSuffix(filepath.Base(d.file), filepath.Ext(d.file))
	}
	if err := sim.CheckName(p.Name); err != nil {
		if !given {
			return d.bad("name", "the file name %q gives the sweep's name, and it cannot: %v; set name = \"...\" in the file", filepath.Base(d.file), err)
		}
		return d.bad("name", "%v", err)
	}
	return nil
}

// base reads the base config: a preset name, a config file (looked for
// beside the sweep file first) or an inline [base] table, decoded where
// it stands so that its problems point at their lines in this file.
func (d *specDecoder) base(*Plan) error {
	var base *config.File
	var err error
	switch b := d.raw["base"].(type) {
	case nil:
		return d.bad("base", "missing; name a preset (base = \"giver-heavy\"), a config file path, or give an inline [base] table")
	case string:
		try := b
		if !filepath.IsAbs(b) {
			if beside := filepath.Join(filepath.Dir(d.file), b); fileExists(beside) {
				try = beside
			}
		}
		if base, err = d.load(try); err != nil {
			// The problem is located in the other file (or is that it
			// cannot be read); this file's line says where it was named.
			e := d.bad("base", "the base config %q cannot be used:", b)
			e.Err, e.nested = err, true
			return e
		}
	case map[string]any:
		// A base's own [[claims]] are about single runs; a sweep states
		// its own.
		if base, err = config.DecodeTable(d.file, d.data, "base"); err != nil {
			return err
		}
		d.inlineBase = true
	default:
		return d.bad("base", "expected a preset name, a file path or a table, found %s", describe(b))
	}
	d.cfg = base.Config
	return nil
}

func fileExists(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && !fi.IsDir()
}

// set applies [set], in file order: a second mix share set rescales the
// first.
func (d *specDecoder) set(*Plan) error {
	v, ok := d.raw["set"]
	if !ok {
		return nil
	}
	t, ok := v.(map[string]any)
	if !ok {
		return d.bad("set", "expected a table ([set]) of parameter paths and values, found %s", describe(v))
	}
	sets := map[string]any{}
	flatten("", t, sets)
	var order []string
	seen := map[string]bool{}
	for _, k := range d.md.Keys() {
		if len(k) > 1 && k[0] == "set" {
			path := strings.Join(k[1:], ".")
			if _, ok := sets[path]; ok && !seen[path] {
				order, seen[path] = append(order, path), true
			}
		}
	}
	for _, path := range sortedKeys(sets) { // safety net: every key, even if metadata missed it
		if !seen[path] {
			order, seen[path] = append(order, path), true
		}
	}
	for _, path := range order {
		if err := config.Set(&d.cfg, path, sets[path]); err != nil {
			return d.wrap("set."+path, err)
		}
	}
	return nil
}

// integer reads the integer at key: TOML integers only.
func (d *specDecoder) integer(key string, v any) (int64, error) {
	n, ok := v.(int64)
	if !ok {
		return 0, d.bad(key, "expected an integer, found %s", describe(v))
	}
	return n, nil
}

// seedAndReplicates takes the sweep's seed and replicates (the base's
// unless the file gives them) and validates the base with [set] applied.
func (d *specDecoder) seedAndReplicates(p *Plan) error {
	p.Seed, p.Replicates = d.cfg.Seed, d.cfg.Replicates
	if v, ok := d.raw["seed"]; ok {
		n, err := d.integer("seed", v)
		if err != nil {
			return err
		}
		if n < 0 {
			return d.bad("seed", "expected a seed >= 0, found %d", n)
		}
		p.Seed = uint64(n)
	}
	if v, ok := d.raw["replicates"]; ok {
		n, err := d.integer("replicates", v)
		if err != nil {
			return err
		}
		if n < 1 || n > maxReplicates {
			return d.bad("replicates", "expected 1 or more replicates per point (at most %d), found %d", maxReplicates, n)
		}
		p.Replicates = int(n)
	}
	d.cfg.Replicates, d.cfg.Seed = p.Replicates, p.Seed
	if err := d.cfg.Validate(); err != nil {
		// Only [set] (or seed and replicates) can have made a valid base
		// invalid: point at the key that set the field.
		key := "set"
		if fe := firstFieldError(err); fe != nil {
			switch {
			case d.keys.Has("set." + fe.Path):
				key = "set." + fe.Path
			case fe.Path == "seed" || fe.Path == "replicates":
				key = fe.Path
			}
		}
		return d.wrap(key, fmt.Errorf("the base config with [set] applied is invalid: %w", err))
	}
	for _, s := range d.cfg.Strategies {
		p.Strategies = append(p.Strategies, s.Name)
		p.Kinds = append(p.Kinds, s.Kind)
	}
	return nil
}

// axes reads the [[axes]] tables: each a parameter path, with its values
// or range.
func (d *specDecoder) axes(p *Plan) error {
	v, ok := d.raw["axes"]
	if !ok {
		return d.bad("axes", "missing; add at least one [[axes]] table with a path, as in path = \"referrals.visibility\"")
	}
	list, ok := config.TableList(v)
	if !ok || len(list) == 0 {
		return d.bad("axes", "expected [[axes]] tables, found %s", describe(v))
	}
	for i, t := range list {
		key := fmt.Sprintf("axes[%d]", i)
		if t == nil {
			return d.bad(key, "expected a table, found %s", describe(v.([]any)[i]))
		}
		a, err := d.axis(key, t)
		if err != nil {
			return err
		}
		if _, err := config.Get(d.cfg, a.Path); err != nil {
			return d.wrap(key+".path", err)
		}
		if slices.Contains(p.Axes, a.Path) {
			return d.bad(key+".path", "%q is already an axis", a.Path)
		}
		p.Axes = append(p.Axes, a.Path)
		d.specs = append(d.specs, a)
	}
	return nil
}

// axis reads one [[axes]] table, at key.
func (d *specDecoder) axis(key string, t map[string]any) (axisSpec, error) {
	var a axisSpec
	for _, k := range sortedKeys(t) {
		if !slices.Contains(axisKeys, k) {
			return a, d.bad(key+"."+k, "unknown key; an axis has %s", strings.Join(axisKeys, ", "))
		}
	}
	num := func(k string) (*float64, error) {
		v, ok := t[k]
		if !ok {
			return nil, nil
		}
		x, ok := toNumber(v)
		if !ok {
			return nil, d.bad(key+"."+k, "expected a number, found %s", describe(v))
		}
		return &x, nil
	}
	var err error
	if v, ok := t["path"]; !ok {
		return a, d.bad(key, "path: missing; name the parameter to vary, as in \"referrals.visibility\"")
	} else if a.Path, ok = v.(string); !ok || a.Path == "" {
		return a, d.bad(key+".path", "expected a parameter path, as in \"referrals.visibility\", found %s", describe(v))
	}
	if a.From, err = num("from"); err != nil {
		return a, err
	}
	if a.To, err = num("to"); err != nil {
		return a, err
	}
	if v, ok := t["steps"]; ok {
		n, err := d.integer(key+".steps", v)
		if err != nil {
			return a, err
		}
		a.Steps = &n
	}
	if v, ok := t["scale"]; ok {
		if a.Scale, ok = v.(string); !ok {
			return a, d.bad(key+".scale", "expected \"lin\" or \"log\", found %s", describe(v))
		}
	}
	if v, ok := t["values"]; ok {
		list, ok := v.([]any)
		if !ok {
			return a, d.bad(key+".values", "expected a list of numbers, found %s", describe(v))
		}
		a.Values = make([]float64, 0, len(list))
		for k, e := range list {
			x, ok := toNumber(e)
			if !ok {
				return a, d.bad(fmt.Sprintf("%s.values[%d]", key, k), "expected a number, found %s (only numeric parameters can be swept)", describe(e))
			}
			a.Values = append(a.Values, x)
		}
	}
	return a, nil
}

// points builds the design's points: a grid, the explicit points, or a
// Latin hypercube. Their number is checked against MaxPoints, MaxTasks
// and MaxPlanBytes before any is built.
func (d *specDecoder) points(p *Plan) error {
	p.Design = Grid
	if v, ok := d.raw["design"]; ok {
		s, ok := v.(string)
		if !ok {
			return d.bad("design", "expected \"grid\", \"points\" or \"lhs\", found %s", describe(v))
		}
		p.Design = s
	}
	_, hasPoints := d.raw["points"]
	_, hasLHS := d.raw["lhs"]
	switch p.Design {
	case Grid:
		if hasPoints || hasLHS {
			return d.bad("design", "points and [lhs] need design = \"points\" or \"lhs\"")
		}
		return d.grid(p)
	case Points:
		return d.explicit(p)
	case LHS:
		return d.lhs(p)
	}
	return d.bad("design", "expected \"grid\", \"points\" or \"lhs\", found %q", p.Design)
}

// checkSize refuses n points before they are built, at key.
func (d *specDecoder) checkSize(p *Plan, n int64, key string) error {
	if n == math.MaxInt64 {
		return d.bad(key, "more than 2^63 points, more than a sweep may have (%d)", MaxPoints)
	}
	if n > MaxPoints {
		return d.bad(key, "%d points are more than a sweep may have (%d)", n, MaxPoints)
	}
	if tasks := n * int64(p.Replicates); tasks > MaxTasks {
		return d.bad(key, "%d points x %d replicates are %d tasks, more than a sweep may have (%d)", n, p.Replicates, tasks, MaxTasks)
	}
	if b := n * pointBytes(d.cfg, p.Axes); b > MaxPlanBytes {
		return d.bad(key, "%d points hold a config each, about %s, more than a sweep may hold (%s); use fewer points", n, sim.FormatBytes(b), sim.FormatBytes(MaxPlanBytes))
	}
	return nil
}

// pointBytes is the memory a point of the plan holds: its config, its
// coordinates, and the copies of the mix or the catalogue that an axis
// under population.mix, strategies or professions makes (config.Set
// never writes shared memory).
func pointBytes(cfg sim.Config, axes []string) int64 {
	b := int64(unsafe.Sizeof(sim.Config{})) + 24 + 8*int64(len(axes))
	var mix, catalogue bool
	for _, a := range axes {
		mix = mix || strings.HasPrefix(a, "population.mix.") || strings.HasPrefix(a, "strategies.")
		catalogue = catalogue || strings.HasPrefix(a, "professions.")
	}
	if mix {
		b += int64(len(cfg.Strategies)) * (int64(unsafe.Sizeof(sim.StrategySpec{})) + 512)
	}
	if catalogue {
		b += int64(len(cfg.Professions)) * int64(unsafe.Sizeof(sim.Profession{}))
	}
	return b
}

// grid expands every axis and takes their product.
func (d *specDecoder) grid(p *Plan) error {
	n := int64(1)
	for _, a := range d.specs {
		l := int64(axisLen(a))
		if a.Values == nil && a.Steps != nil && (*a.Steps < 1 || *a.Steps > maxSteps) {
			l = 1 // axisValues refuses it below, with its key
		}
		l = max(l, 1)
		if n > math.MaxInt64/l {
			n = math.MaxInt64 // saturated: far past MaxPoints either way
		} else {
			n *= l
		}
	}
	if err := d.checkSize(p, n, "axes"); err != nil {
		return err
	}
	for i, a := range d.specs {
		vs, key, err := axisValues(a, integral(d.cfg, a.Path))
		if err != nil {
			k := fmt.Sprintf("axes[%d]", i)
			if key != "" {
				k += "." + key
			}
			return d.bad(k, "%v", err)
		}
		d.lists = append(d.lists, vs)
	}
	p.Coords = product(d.lists)
	return nil
}

// explicit reads design = "points": one value per axis in each point.
func (d *specDecoder) explicit(p *Plan) error {
	v, ok := d.raw["points"]
	list, isList := v.([]any)
	if !ok || !isList || len(list) == 0 {
		return d.bad("points", "design = \"points\" needs points = [[...], ...], one value per axis")
	}
	for i, a := range d.specs {
		if a.Values != nil || a.From != nil || a.To != nil || a.Steps != nil {
			return d.bad(fmt.Sprintf("axes[%d]", i), "with design = \"points\" an axis has only a path; the values are in points")
		}
	}
	if err := d.checkSize(p, int64(len(list)), "points"); err != nil {
		return err
	}
	for j, e := range list {
		key := fmt.Sprintf("points[%d]", j)
		pt, ok := e.([]any)
		if !ok {
			return d.bad(key, "expected a list of %d values (one per axis), found %s", len(p.Axes), describe(e))
		}
		if len(pt) != len(p.Axes) {
			return d.bad(key, "expected %d values (one per axis), found %d", len(p.Axes), len(pt))
		}
		c := make([]float64, len(pt))
		for i, v := range pt {
			x, ok := toNumber(v)
			if !ok {
				return d.bad(fmt.Sprintf("%s[%d]", key, i), "expected a number, found %s", describe(v))
			}
			c[i] = x
		}
		p.Coords = append(p.Coords, c)
	}
	return nil
}

// lhs draws design = "lhs": n points of a Latin hypercube over the axes'
// ranges.
func (d *specDecoder) lhs(p *Plan) error {
	t, _ := d.raw["lhs"].(map[string]any)
	var n, seed int64
	if v, ok := t["n"]; ok {
		var err error
		if n, err = d.integer("lhs.n", v); err != nil {
			return err
		}
	}
	if n < 1 {
		key := "lhs"
		if t == nil { // point at the design that asks for it
			key = "design"
		}
		return d.errAt(key, "lhs", "design = \"lhs\" needs lhs = { n = SAMPLES, seed = SEED } with n >= 1")
	}
	if v, ok := t["seed"]; ok {
		var err error
		if seed, err = d.integer("lhs.seed", v); err != nil {
			return err
		}
	}
	var los, his []float64
	var logs, ints []bool
	for i, a := range d.specs {
		key := fmt.Sprintf("axes[%d]", i)
		if a.Values != nil || a.Steps != nil || a.From == nil || a.To == nil {
			return d.bad(key, "with design = \"lhs\" an axis has path, from, to and optionally scale (no values or steps)")
		}
		lg, err := scaleIsLog(a.Scale, *a.From, *a.To)
		if err != nil {
			return d.bad(key+".scale", "%v", err)
		}
		los, his, logs = append(los, *a.From), append(his, *a.To), append(logs, lg)
		ints = append(ints, integral(d.cfg, a.Path))
	}
	if err := d.checkSize(p, n, "lhs.n"); err != nil {
		return err
	}
	p.Coords = latinHypercube(int(n), uint64(seed), los, his, logs, ints)
	return nil
}

// pointConfigs builds and validates every point's config. A problem is
// located at what made the point: the axis value (or point) for a
// parameter on an axis, else the [set] key, the inline [base] key or
// the base.
func (d *specDecoder) pointConfigs(p *Plan) error {
	p.Configs = make([]sim.Config, 0, len(p.Coords))
	for j, c := range p.Coords {
		if j%256 == 0 {
			if err := d.cancelled(); err != nil {
				return err
			}
		}
		pc := d.cfg
		for i, a := range p.Axes {
			if err := config.Set(&pc, a, c[i]); err != nil {
				return d.pointError(p, j, a, err)
			}
		}
		if err := pc.Validate(); err != nil {
			path := ""
			if fe := firstFieldError(err); fe != nil {
				path = fe.Path
			}
			return d.pointError(p, j, path, fmt.Errorf("invalid config: %w", err))
		}
		p.Configs = append(p.Configs, pc)
	}
	return nil
}

// firstFieldError is the first *sim.FieldError joined in err, if any.
func firstFieldError(err error) *sim.FieldError {
	list := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		list = j.Unwrap()
	}
	for _, e := range list {
		if fe, ok := e.(*sim.FieldError); ok {
			return fe
		}
	}
	return nil
}

// pointError is err of point j, located where the value of the parameter
// at path came from.
func (d *specDecoder) pointError(p *Plan, j int, path string, err error) *Error {
	key := d.origin(p, j, path)
	e := d.errAt(key, fmt.Sprintf("%s: point %d (%s)", key, j, describePoint(p.Axes, p.Coords[j])), "%s", err.Error())
	e.Err = err
	return e
}

// origin is the key in the file that gave point j its value of the
// parameter at path.
func (d *specDecoder) origin(p *Plan, j int, path string) string {
	if i := slices.Index(p.Axes, path); i >= 0 {
		switch p.Design {
		case Points:
			return fmt.Sprintf("points[%d][%d]", j, i)
		case Grid:
			if d.specs[i].Values != nil {
				// The grid's index of point j along axis i: the last
				// axis runs fastest.
				k := j
				for a := len(d.lists) - 1; a > i; a-- {
					k /= len(d.lists[a])
				}
				return fmt.Sprintf("axes[%d].values[%d]", i, k%len(d.lists[i]))
			}
		}
		return fmt.Sprintf("axes[%d]", i)
	}
	switch {
	case path != "" && d.keys.Has("set."+path):
		return "set." + path
	case path != "" && d.inlineBase && d.keys.Has("base."+path):
		return "base." + path
	case len(p.Axes) > 0:
		return "axes"
	}
	return "base"
}

// chart reads [chart]: the metric of the charts and the strategies the
// heat map compares.
func (d *specDecoder) chart(p *Plan) error {
	p.Chart = defaultChart(d.cfg)
	t, _ := d.raw["chart"].(map[string]any)
	for _, f := range []struct {
		key string
		dst *string
	}{{"metric", &p.Chart.Metric}, {"higher", &p.Chart.Higher}, {"lower", &p.Chart.Lower}} {
		v, ok := t[f.key]
		if !ok {
			continue
		}
		s, ok := v.(string)
		if !ok {
			return d.bad("chart."+f.key, "expected a string, found %s", describe(v))
		}
		if s != "" {
			*f.dst = s
		}
	}
	if _, ok := sim.ParseMetric(p.Chart.Metric); !ok {
		return d.bad("chart.metric", "unknown metric %q; known metrics: %s", p.Chart.Metric, strings.Join(claims.MetricNames(), ", "))
	}
	for _, f := range []struct{ key, name string }{{"higher", p.Chart.Higher}, {"lower", p.Chart.Lower}} {
		if f.name != "" && claims.Lookup(f.name, p.Strategies, p.Kinds) == nil {
			return d.bad("chart."+f.key, "unknown strategy %q; the config's strategies are: %s (or their kinds)", f.name, strings.Join(p.Strategies, ", "))
		}
	}
	return nil
}

// claims reads the [[claims]] tables, checks them against the sweep's
// strategies and axes, and refuses one whose region holds no point.
func (d *specDecoder) claims(p *Plan) error {
	v, ok := d.raw["claims"]
	if !ok {
		return nil
	}
	list, ok := config.TableList(v)
	if !ok {
		return d.bad("claims", "expected [[claims]] tables, found %s", describe(v))
	}
	raw := make([]config.RawTable, len(list))
	for i, t := range list {
		if t == nil {
			return d.bad(fmt.Sprintf("claims[%d]", i), "expected a table")
		}
		raw[i].Table = t
		if pos, ok := d.keys.Lookup(fmt.Sprintf("claims[%d]", i)); ok {
			raw[i].Line = pos.Line
		}
	}
	// claims.Error numbers the claims from 1, as every claim message
	// and claims.txt do; the key index from 0.
	claimErr := func(err error, sub string) error {
		ce, ok := err.(*claims.Error)
		if !ok || ce.Claim < 1 {
			return d.wrap("claims", err)
		}
		key, shown := fmt.Sprintf("claims[%d]", ce.Claim-1), fmt.Sprintf("claims[%d]", ce.Claim)
		if sub != "" && d.keys.Has(key+"."+sub) {
			key, shown = key+"."+sub, shown+"."+sub
		}
		e := d.errAt(key, shown, "%s", ce.Msg)
		e.Err = err
		return e
	}
	cs, err := claims.Parse(raw)
	if err != nil {
		return claimErr(err, "")
	}
	rounds := map[int]bool{}
	for _, c := range cs {
		if err := c.Check(p.Strategies, p.Kinds, p.Axes); err != nil {
			return claimErr(err, "")
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
		if len(c.Where) > 0 && !inRegion(c.Where, p.Axes, p.Coords) {
			return claimErr(&claims.Error{Claim: c.Index + 1, Line: c.Line, Msg: fmt.Sprintf("no sweep point lies in its region (%s)", c.Statement())}, "where")
		}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// describe names a decoded TOML value's type for messages, with the
// value when it is short.
func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "nothing"
	case string:
		return "the string " + strconv.Quote(x)
	case int64:
		return "the integer " + strconv.FormatInt(x, 10)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return "the float " + strconv.FormatFloat(x, 'g', -1, 64)
		}
		return "the number " + strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		return "the boolean " + strconv.FormatBool(x)
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("a %T", v)
}
