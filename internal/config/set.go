package config

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/giversgain/giversgain/sim"
	"github.com/giversgain/giversgain/strategies"
)

// Paths lists every parameter path of cfg that Set and Get accept, in
// config file order:
//
//	seed, rounds, replicates
//	population.members ... evolution.churn_fraction   (every scalar of the schema)
//	population.mix.NAME                               (one per strategy in the mix)
//	strategies.NAME.PARAM                             (every parameter of NAME's kind)
//	professions.NAME.share|demand|median|sigma        (one set per profession)
//
// Names that are not bare TOML keys are quoted: professions."web designer".median.
// Strategies of an unknown kind contribute no parameter paths.
func Paths(cfg sim.Config) []string {
	var out []string
	for _, p := range sim.Params() {
		out = append(out, p.Path)
	}
	for _, s := range cfg.Strategies {
		out = append(out, "population.mix."+quoteKey(s.Name))
	}
	for _, s := range cfg.Strategies {
		if kind, ok := strategies.Lookup(s.Kind); ok {
			for _, p := range kind.Params {
				out = append(out, "strategies."+quoteKey(s.Name)+"."+p.Name)
			}
		}
	}
	for _, p := range cfg.Professions {
		for _, k := range sim.ProfessionParams() {
			out = append(out, "professions."+quoteKey(p.Name)+"."+k.Key)
		}
	}
	return out
}

// Get returns the value at path: an int, uint64 (seed), float64 or string.
// A strategy parameter the config leaves out gives its kind's default.
func Get(cfg sim.Config, path string) (any, error) {
	t, err := resolvePath(&cfg, path)
	if err != nil {
		return nil, err
	}
	switch {
	case t.field != nil:
		return t.field.Get(&cfg), nil
	case t.mix >= 0:
		return cfg.Strategies[t.mix].Share, nil
	case t.strategy >= 0:
		if v, ok := cfg.Strategies[t.strategy].Params[t.param.Name]; ok {
			if x, ok := toFloat(v); ok && t.param.Choices == nil {
				return x, nil
			}
			return v, nil
		}
		return t.param.Default, nil
	default:
		return t.key.Get(&cfg.Professions[t.profession]), nil
	}
}

// Set sets the parameter at path (see Paths) to value: an integer (int,
// int64, or a float64 with an integral value) for integer parameters, a
// number for numeric ones, a string for choices such as
// referrals.assessment or a scorekeeper's ledger.
//
// Set checks the value's type, the choices of choice parameters and the
// range of strategy parameters; limits that involve several values
// (chapter_size <= members) or live in the engine are checked by
// cfg.Validate, which the caller must run once every parameter of a sweep
// point is set.
//
// Setting population.mix.NAME to s keeps the shares summing to 1: s must be
// in [0, 1], and the other strategies' shares are rescaled in proportion so
// that they sum to 1-s (when they are all 0, 1-s is split evenly). A sweep
// that sets two shares therefore sees the second setting rescale the first;
// to fix several shares at once, set them on a config whose other shares
// are already in the wanted ratio, or use one mix axis per sweep.
//
// Set never modifies memory shared with copies of cfg: it clones the
// Strategies or Professions slice (and a strategy's Params) before writing,
// so a sweep can copy a base config by value and Set on the copy.
func Set(cfg *sim.Config, path string, value any) error {
	if cfg == nil {
		return fmt.Errorf("set %s: nil config", path)
	}
	t, err := resolvePath(cfg, path)
	if err != nil {
		return err
	}
	wrap := func(err error) error { return fmt.Errorf("set %s: %w", path, err) }
	switch {
	case t.field != nil:
		if err := assign(*t.field, cfg, value, true); err != nil {
			return wrap(err)
		}
	case t.mix >= 0:
		x, ok := toFloat(value)
		if !ok {
			return wrap(fmt.Errorf("expected a share in [0, 1], found %s", describe(value)))
		}
		if err := setShare(cfg, t.mix, x); err != nil {
			return wrap(err)
		}
	case t.strategy >= 0:
		kind, _ := strategies.Lookup(cfg.Strategies[t.strategy].Kind)
		if x, ok := toFloat(value); ok {
			value = x
		}
		p, err := kind.Resolve(map[string]any{t.param.Name: value})
		if err != nil {
			return wrap(err)
		}
		cfg.Strategies = slices.Clone(cfg.Strategies)
		s := &cfg.Strategies[t.strategy]
		s.Params = maps.Clone(s.Params)
		if s.Params == nil {
			s.Params = map[string]any{}
		}
		s.Params[t.param.Name] = p[t.param.Name]
	default:
		x, ok := toFloat(value)
		if !ok {
			return wrap(fmt.Errorf("expected a number, found %s", describe(value)))
		}
		cfg.Professions = slices.Clone(cfg.Professions)
		t.key.Set(&cfg.Professions[t.profession], x)
	}
	return nil
}

// setShare sets strategy i's share to x and rescales the others to 1-x.
func setShare(cfg *sim.Config, i int, x float64) error {
	if !(x >= 0 && x <= 1) {
		return fmt.Errorf("expected a share in [0, 1], found %s", formatFloat(x))
	}
	n := len(cfg.Strategies)
	if n == 1 && x != 1 {
		return fmt.Errorf("the only strategy in the mix must have share 1, found %s", formatFloat(x))
	}
	others := 0.0
	for j, s := range cfg.Strategies {
		if j != i {
			others += s.Share
		}
	}
	if math.IsNaN(others) || math.IsInf(others, 0) || others < 0 {
		return fmt.Errorf("cannot rescale the other shares: they sum to %s", formatFloat(others))
	}
	cfg.Strategies = slices.Clone(cfg.Strategies)
	for j := range cfg.Strategies {
		switch {
		case j == i:
			cfg.Strategies[j].Share = x
		case others > 0:
			cfg.Strategies[j].Share *= (1 - x) / others
		default:
			cfg.Strategies[j].Share = (1 - x) / float64(n-1)
		}
	}
	return nil
}

// target is what a path resolves to: a scalar field, a mix share, a
// strategy parameter or a profession value. Unused indices are -1.
type target struct {
	field      *sim.Param
	mix        int
	strategy   int
	param      strategies.Param
	profession int
	key        sim.ProfessionParam
}

// splitPath splits a dotted path into pieces, honouring "quoted" pieces.
func splitPath(path string) []string {
	var parts []string
	var b strings.Builder
	quoted := false
	for i := 0; i < len(path); i++ {
		c := path[i]
		switch {
		case c == '"':
			quoted = !quoted
		case c == '\\' && quoted && i+1 < len(path):
			i++
			b.WriteByte(path[i])
		case c == '.' && !quoted:
			parts = append(parts, b.String())
			b.Reset()
		default:
			b.WriteByte(c)
		}
	}
	return append(parts, b.String())
}

// findName finds name among names exactly, else with '_' standing for a
// space ("web_designer" for "web designer") when that is unambiguous.
func findName(names []string, name string) int {
	if i := slices.Index(names, name); i >= 0 {
		return i
	}
	found := -1
	for i, n := range names {
		if strings.ReplaceAll(n, " ", "_") == name {
			if found >= 0 {
				return -1
			}
			found = i
		}
	}
	return found
}

func resolvePath(cfg *sim.Config, path string) (target, error) {
	t := target{mix: -1, strategy: -1, profession: -1}
	parts := splitPath(path)
	if p, ok := sim.LookupParam(path); ok {
		t.field = &p
		return t, nil
	}
	strategyNames := make([]string, len(cfg.Strategies))
	for i, s := range cfg.Strategies {
		strategyNames[i] = s.Name
	}
	// A name may itself hold dots when unquoted: section, name..., key.
	switch {
	case len(parts) >= 3 && parts[0] == "population" && parts[1] == "mix":
		if i := findName(strategyNames, strings.Join(parts[2:], ".")); i >= 0 {
			t.mix = i
			return t, nil
		}
	case len(parts) >= 3 && parts[0] == "strategies":
		name, key := strings.Join(parts[1:len(parts)-1], "."), parts[len(parts)-1]
		if i := findName(strategyNames, name); i >= 0 {
			if kind, ok := strategies.Lookup(cfg.Strategies[i].Kind); ok {
				if p, ok := kind.Param(key); ok {
					t.strategy, t.param = i, p
					return t, nil
				}
			}
		}
	case len(parts) >= 3 && parts[0] == "professions":
		name, key := strings.Join(parts[1:len(parts)-1], "."), parts[len(parts)-1]
		names := make([]string, len(cfg.Professions))
		for i, p := range cfg.Professions {
			names[i] = p.Name
		}
		if k, ok := sim.LookupProfessionParam(key); ok {
			if i := findName(names, name); i >= 0 {
				t.profession, t.key = i, k
				return t, nil
			}
		}
	}
	return t, unknownPath(*cfg, path)
}

// unknownPath builds the error for an unknown path: the valid paths near
// it, in the same section or within a small edit distance.
func unknownPath(cfg sim.Config, path string) error {
	all := Paths(cfg)
	parts := splitPath(path)
	var near []string
	for _, p := range all {
		if splitPath(p)[0] == parts[0] {
			near = append(near, p)
		}
	}
	if len(near) > 24 { // a long section: keep the same key or the same name
		var narrow []string
		for _, p := range near {
			pp := splitPath(p)
			if len(parts) > 1 && (pp[len(pp)-1] == parts[len(parts)-1] || len(pp) > 2 && pp[1] == parts[1]) {
				narrow = append(narrow, p)
			}
		}
		near = narrow
	}
	for _, p := range suggest(path, all) {
		if !slices.Contains(near, p) {
			near = append(near, p)
		}
	}
	if len(near) == 0 {
		var tops []string
		for _, p := range all {
			if s := splitPath(p)[0]; !slices.Contains(tops, s) {
				tops = append(tops, s)
			}
		}
		return fmt.Errorf("unknown parameter path %q; paths start with: %s", path, strings.Join(tops, ", "))
	}
	return fmt.Errorf("unknown parameter path %q; valid paths near it: %s", path, strings.Join(near, ", "))
}
