package strategies

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// builtin lists every strategy kind. Adding a strategy is one new file that
// defines a Kind plus one line here; the engine never changes.
var builtin = []Kind{
	giverKind,
	scorekeeperKind,
	takerKind,
	hunterKind,
	discriminatorKind,
}

// Param describes one parameter of a strategy kind. A parameter is either a
// number in [Min, Max] or, when Choices is set, one of those words.
type Param struct {
	Name string
	Doc  string
	// Default is the value used when a config leaves the parameter out: a
	// float64 for numbers, a string for choices.
	Default any
	Min     float64
	Max     float64
	Choices []string
}

// Params maps parameter names to their values: float64 for numbers, string
// for choices. Kind.Resolve produces a complete, valid Params.
type Params map[string]any

// Num returns a numeric parameter; Resolve guarantees it is present.
func (p Params) Num(name string) float64 { return p[name].(float64) }

// Str returns a choice parameter; Resolve guarantees it is present.
func (p Params) Str(name string) string { return p[name].(string) }

// Kind is a named strategy type with its parameters.
type Kind struct {
	Name   string
	Doc    string
	Params []Param
	// New builds the strategy from resolved parameters.
	New func(Params) Strategy
}

// Kinds returns every registered kind, in registration order.
func Kinds() []Kind { return slices.Clone(builtin) }

// Names returns the names of every registered kind.
func Names() []string {
	names := make([]string, len(builtin))
	for i, k := range builtin {
		names[i] = k.Name
	}
	return names
}

// Lookup finds a kind by exact name.
func Lookup(name string) (Kind, bool) {
	for _, k := range builtin {
		if k.Name == name {
			return k, true
		}
	}
	return Kind{}, false
}

// ParamError reports a parameter a config got wrong.
type ParamError struct {
	Kind  string
	Param string
	Msg   string
}

func (e *ParamError) Error() string {
	if e.Param == "" {
		return fmt.Sprintf("strategy kind %q: %s", e.Kind, e.Msg)
	}
	return fmt.Sprintf("strategy kind %q, parameter %q: %s", e.Kind, e.Param, e.Msg)
}

// Param returns the description of one parameter.
func (k Kind) Param(name string) (Param, bool) {
	for _, p := range k.Params {
		if p.Name == name {
			return p, true
		}
	}
	return Param{}, false
}

// Resolve fills defaults into given and checks every value against its
// parameter's type and range. Integers are accepted for numbers. given is
// not modified.
func (k Kind) Resolve(given map[string]any) (Params, error) {
	out := make(Params, len(k.Params))
	// Sorted, so that with several bad parameters the error is always the
	// same one.
	for _, name := range slices.Sorted(maps.Keys(given)) {
		v := given[name]
		p, ok := k.Param(name)
		if !ok {
			known := make([]string, len(k.Params))
			for i, p := range k.Params {
				known[i] = p.Name
			}
			return nil, &ParamError{k.Name, name, fmt.Sprintf("unknown parameter; %s takes: %s", k.Name, strings.Join(known, ", "))}
		}
		if p.Choices != nil {
			s, ok := v.(string)
			if !ok {
				return nil, &ParamError{k.Name, name, fmt.Sprintf("expected one of %s, found %v (%T)", quoteList(p.Choices), v, v)}
			}
			if !slices.Contains(p.Choices, s) {
				return nil, &ParamError{k.Name, name, fmt.Sprintf("expected one of %s, found %q", quoteList(p.Choices), s)}
			}
			out[name] = s
			continue
		}
		var f float64
		switch x := v.(type) {
		case float64:
			f = x
		case int64:
			f = float64(x)
		case int:
			f = float64(x)
		default:
			return nil, &ParamError{k.Name, name, fmt.Sprintf("expected a number in [%g, %g], found %v (%T)", p.Min, p.Max, v, v)}
		}
		if !(f >= p.Min && f <= p.Max) { // also rejects NaN
			return nil, &ParamError{k.Name, name, fmt.Sprintf("expected a number in [%g, %g], found %g", p.Min, p.Max, f)}
		}
		out[name] = f
	}
	for _, p := range k.Params {
		if _, ok := out[p.Name]; !ok {
			out[p.Name] = p.Default
		}
	}
	return out, nil
}

func quoteList(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = fmt.Sprintf("%q", w)
	}
	return strings.Join(q, ", ")
}
