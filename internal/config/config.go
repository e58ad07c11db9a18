// Package config reads and writes giversgain's TOML configs: it decodes a
// file into a sim.Config, starting from sim.Default() so that a file states
// only what it changes, checks it strictly (unknown or wrongly cased keys,
// wrong types, values out of range) with errors that point at the file, line
// and key, writes a fully resolved config back out as commented TOML, and
// sets single parameters by their config path for parameter sweeps.
//
// The schema (keys are snake_case and case-sensitive):
//
//	name, seed, rounds, replicates, model
//	[population]       members, chapter_size, max_contacts
//	[population.mix]   NAME = share, ...   (replaces the default mix; order kept)
//	[referrals]        opportunities, visibility, assessment, refer_cost, help_cost, meet_rate
//	[trust]            chapter, outside, floor, half_life, gratitude, credit, blame, help_boost
//	[close]            base, trust_weight, quality_weight
//	[quality]          alpha, beta
//	[evolution]        period, rule, scope, selection, scale, mutation, churn_fraction
//	[donation]         benefit, cost, pairings, observe, continue (read when model = "donation")
//	[strategies.NAME]  kind = "giver" | "scorekeeper" | ..., then that kind's parameters
//	[[professions]]    name, share, demand, median, sigma, source (replaces the catalogue)
//	[[claims]]         not interpreted here: returned raw in File.Claims
//
// A mix NAME without a [strategies.NAME] table must be a registered strategy
// kind; a [strategies.NAME] table without kind takes NAME as its kind.
package config

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/giversgain/giversgain/internal/inputfile"
	"github.com/giversgain/giversgain/internal/tomlpos"
	"github.com/giversgain/giversgain/sim"
	"github.com/giversgain/giversgain/strategies"
)

// File is a decoded config file.
type File struct {
	// Path is the name the file was decoded under (as given to Load or
	// Decode).
	Path string
	// Config is the resolved config: defaults filled in, validated, and
	// every strategy's Params complete (see Resolve).
	Config sim.Config
	// NameGiven reports whether the file set name; when it did not,
	// Config.Name is the file's base name without extension.
	NameGiven bool
	// Claims holds the [[claims]] tables as written, for the claims
	// package to interpret.
	Claims []RawTable

	// keys locates keys for problems found after decoding (ErrorAt);
	// prefix is what the config's paths are under in the document
	// ("base." for a sweep file's inline [base], see DecodeTable).
	keys   *tomlpos.Index
	prefix string
}

// ErrorAt is a problem with the value at key path (as in Error.Key),
// found after decoding (a run too large for the memory available, say):
// located at the key's line in the file, or at the nearest key above or
// below it, like the problems Decode finds.
func (f *File) ErrorAt(path, format string, args ...any) *Error {
	d := &decoder{file: f.Path, keys: f.keys, prefix: f.prefix}
	d.add(path, format, args...)
	return d.errs[0]
}

// RawTable is one uninterpreted table of a config file, such as a
// [[claims]] entry.
type RawTable struct {
	// Line is where the table starts in the file (1-based; 0 if unknown).
	Line int
	// Table holds the decoded keys: strings, int64, float64, bool, dates,
	// []any, []map[string]any and map[string]any, as BurntSushi/toml
	// decodes them.
	Table map[string]any
}

// Error is a problem with a config file: a syntax error, an unknown key, a
// value of the wrong type or out of range. Decode and Load return every
// problem they find, each as an *Error, joined with errors.Join; use
// errors.As to tell bad input (exit code 2) from other failures.
type Error struct {
	// File is the config's name as given to Load or Decode.
	File string
	// Line and Column locate the problem, 1-based; 0 when unknown (for
	// example a default value that conflicts with one the file set).
	Line, Column int
	// Key is the key path ("referrals.visibility", "professions[2].median",
	// "strategies.otherish.discernment"); empty for syntax errors.
	Key string
	// Msg says what was expected and what was found.
	Msg string
	// Source is the text of the offending line, without its line break.
	Source string
	// Err is the underlying error, if any (a toml.ParseError, an I/O error).
	Err error
}

// Error renders the problem as "file:line:col: key: msg" followed, when
// the line is known, by the line itself with a caret under the column.
func (e *Error) Error() string {
	return tomlpos.Render(e.File, e.Line, e.Column, e.Key, e.Msg, e.Source)
}

// Summary is the first line of Error: "file:line:col: key: msg".
func (e *Error) Summary() string {
	return tomlpos.Summary(e.File, e.Line, e.Column, e.Key, e.Msg)
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// MaxFileBytes is the largest config file Load reads: a config of every
// key with a catalogue of 255 professions, each with its sources, takes
// about 200 KB.
const MaxFileBytes = 1 << 20

// Load reads and decodes the config file at path: a regular file of at
// most MaxFileBytes (a device or FIFO is refused, see inputfile).
func Load(path string) (*File, error) {
	data, err := inputfile.Read(context.Background(), path, MaxFileBytes)
	if err != nil {
		return nil, &Error{File: path, Msg: "cannot read config: " + ErrText(err), Err: err}
	}
	return Decode(path, data)
}

// ErrText is err's message without the operation and path that an
// *os.PathError in its chain adds ("no such file or directory" rather
// than "open x.toml: no such file or directory"), for messages that name
// the file already.
func ErrText(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// Decode decodes a config from data; name labels errors and, when the
// config sets no name, gives Config.Name (its base name without extension).
// The returned config is validated and resolved; on error File is nil and
// the error joins one *Error per problem, ordered by line. Range checks
// (cfg.Validate) run only once the file has no syntax, key or type errors,
// so that a value left at its default is not blamed for a typo elsewhere.
func Decode(name string, data []byte) (*File, error) {
	return decodeTable(name, data, "")
}

// DecodeTable decodes the table at key table of the TOML document data
// as a config, as Decode decodes a whole file: what a sweep file's inline
// [base] holds. Problems are reported as in the document, with the
// table's key before their paths and their lines in data
// ("s.toml:8:3: base.referrals.visibility: ..."). Everything outside the
// table is ignored; the document must parse as a whole.
func DecodeTable(name string, data []byte, table string) (*File, error) {
	if table == "" || strings.ContainsAny(table, ".[") {
		return nil, &Error{File: name, Msg: fmt.Sprintf("DecodeTable: %q is not a top-level key", table)}
	}
	return decodeTable(name, data, table)
}

// decodeTable is Decode of the whole document (table "") or of one of its
// top-level tables.
func decodeTable(name string, data []byte, table string) (*File, error) {
	src := string(data)
	d := &decoder{file: name, keys: tomlpos.Scan(src)}
	var raw map[string]any
	md, err := toml.Decode(src, &raw)
	if err != nil {
		return nil, d.parseError(err)
	}
	d.md = md
	if table != "" {
		t, ok := raw[table].(map[string]any)
		if !ok {
			d.add(table, "expected a table, found %s", describe(raw[table]))
			return nil, d.joined()
		}
		raw, d.prefix, d.table = t, table+".", []string{table}
	}
	f := &File{Path: name, Config: sim.Default(), keys: d.keys, prefix: d.prefix}
	d.decode(raw, f)
	if len(d.errs) > 0 {
		return nil, d.joined()
	}
	if err := f.Config.Validate(); err != nil {
		d.fieldErrors(err, f.NameGiven)
		return nil, d.joined()
	}
	resolved, err := Resolve(f.Config)
	if err != nil { // Validate resolved every strategy already
		d.add("strategies", "%v", err)
		return nil, d.joined()
	}
	f.Config = resolved
	return f, nil
}

// Resolve returns a copy of cfg in which every strategy's Params holds its
// kind's full parameter set (defaults filled in, numbers as float64), as
// strategies.Kind.Resolve gives it, in a fresh map[string]any. The slices
// of the copy share nothing with cfg.
func Resolve(cfg sim.Config) (sim.Config, error) {
	out := cfg
	if out.Model == "" {
		out.Model = sim.Networking
	}
	out.Strategies = slices.Clone(cfg.Strategies)
	out.Professions = slices.Clone(cfg.Professions)
	for i, s := range out.Strategies {
		kind, ok := strategies.Lookup(s.Kind)
		if !ok {
			return sim.Config{}, fmt.Errorf("strategy %q: unknown kind %q; known kinds: %s", s.Name, s.Kind, strings.Join(strategies.Names(), ", "))
		}
		p, err := kind.Resolve(s.Params)
		if err != nil {
			return sim.Config{}, fmt.Errorf("strategy %q: %w", s.Name, err)
		}
		out.Strategies[i].Params = maps.Clone(map[string]any(p))
	}
	return out, nil
}

// decoder collects the problems of one file.
type decoder struct {
	file string
	md   toml.MetaData
	keys *tomlpos.Index
	errs []*Error
	// prefix is prepended to every path in the document ("base." when
	// decoding a sweep's inline [base]); table holds its pieces.
	prefix string
	table  []string
}

func (d *decoder) parseError(err error) error {
	pos, msg, ok := tomlpos.ParseError(err)
	if !ok {
		return &Error{File: d.file, Msg: err.Error(), Err: err}
	}
	return &Error{File: d.file, Line: pos.Line, Column: pos.Col,
		Msg: msg, Source: d.keys.Line(pos.Line), Err: err}
}

// add records a problem at key path (under the decoder's prefix), located
// through the key index.
func (d *decoder) add(path, format string, args ...any) {
	if d.prefix != "" {
		path = strings.TrimSuffix(d.prefix+path, ".")
	}
	e := &Error{File: d.file, Key: path, Msg: fmt.Sprintf(format, args...)}
	if p, ok := d.keys.Lookup(path); ok {
		e.Line, e.Column, e.Source = p.Line, p.Col, d.keys.Line(p.Line)
	}
	d.errs = append(d.errs, e)
}

// joined orders the problems by line (unknown lines last) and joins the
// first tomlpos.MaxErrors of them, counting the rest.
func (d *decoder) joined() error {
	slices.SortStableFunc(d.errs, func(a, b *Error) int {
		if a.Line == 0 || b.Line == 0 { // unknown lines last
			return cmp.Compare(b.Line, a.Line)
		}
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
	if len(d.errs) == 1 {
		return d.errs[0]
	}
	shown := tomlpos.Cap(d.errs, func(n int) *Error {
		return &Error{File: d.file, Msg: fmt.Sprintf("and %d more problems (the first %d are shown)", n, tomlpos.MaxErrors)}
	})
	errs := make([]error, len(shown))
	for i, e := range shown {
		errs[i] = e
	}
	return errors.Join(errs...)
}

// fieldErrors turns Validate's *sim.FieldErrors into located *Errors.
// nameGiven reports whether the file set name; when it did not, a bad name
// came from the file's name, and the message says so.
func (d *decoder) fieldErrors(err error, nameGiven bool) {
	var list []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		list = j.Unwrap()
	} else {
		list = []error{err}
	}
	for _, e := range list {
		var fe *sim.FieldError
		if errors.As(e, &fe) && fe.Path == "name" && !nameGiven {
			d.add(fe.Path, "the file name %q gives the run name, and it cannot: %s; set name = \"...\" at the top of the file", filepath.Base(d.file), fe.Msg)
		} else if errors.As(e, &fe) {
			d.add(fe.Path, "%s", fe.Msg)
		} else {
			d.add("", "%v", e)
		}
	}
}

func sortedKeys(m map[string]any) []string {
	return slices.Sorted(maps.Keys(m))
}

// unknown records an unknown key at path with suggestions from valid.
func (d *decoder) unknown(path, key string, valid []string) {
	msg := fmt.Sprintf("unknown key %q", key)
	if s := suggest(key, valid); len(s) > 0 {
		msg += "; did you mean " + quoteList(s) + "?"
		if len(s) == 1 && strings.EqualFold(s[0], key) {
			msg += " (keys are case-sensitive)"
		}
	}
	if len(valid) > 0 {
		msg += "; valid keys here: " + strings.Join(valid, ", ")
	}
	d.add(path, "%s", msg)
}

func (d *decoder) decode(raw map[string]any, f *File) {
	cfg := &f.Config
	if base := filepath.Base(d.file); d.file != "" && base != "." && base != string(filepath.Separator) {
		if n := strings.TrimSuffix(base, filepath.Ext(base)); n != "" {
			cfg.Name = n
		}
	}
	var mix []sim.StrategySpec
	mixGiven := false
	var tables map[string]any
	for _, key := range sortedKeys(raw) {
		v := raw[key]
		switch key {
		case "name":
			s, ok := v.(string)
			if !ok {
				d.add(key, "expected a string, found %s", describe(v))
				continue
			}
			cfg.Name, f.NameGiven = s, true
		case "population", "referrals", "trust", "close", "quality", "evolution", "donation":
			t, ok := v.(map[string]any)
			if !ok {
				d.add(key, "expected a table ([%s]), found %s", key, describe(v))
				continue
			}
			for _, k := range sortedKeys(t) {
				path := key + "." + k
				if key == "population" && k == "mix" {
					mix, mixGiven = d.mix(t[k]), true
					continue
				}
				fl, ok := lookupField(key, k)
				if !ok {
					d.unknown(path, k, sectionKeys(key))
					continue
				}
				if err := assign(fl, cfg, t[k], false); err != nil {
					d.add(path, "%v", err)
				}
			}
		case "strategies":
			t, ok := v.(map[string]any)
			if !ok {
				d.add(key, "expected tables [strategies.NAME], found %s", describe(v))
				continue
			}
			tables = t
		case "professions":
			d.professions(v, cfg)
		case "claims":
			d.claims(v, f)
		default:
			fl, ok := lookupField("", key)
			if !ok {
				d.unknown(key, key, sectionKeys(""))
				continue
			}
			if err := assign(fl, cfg, v, false); err != nil {
				d.add(key, "%v", err)
			}
		}
	}
	if mixGiven {
		cfg.Strategies = mix
	}
	cfg.Strategies = d.strategies(cfg.Strategies, tables, mixGiven)
}

// mix decodes [population.mix], keeping the order of the file's keys.
func (d *decoder) mix(v any) []sim.StrategySpec {
	t, ok := v.(map[string]any)
	if !ok {
		d.add("population.mix", "expected a table of NAME = share, found %s", describe(v))
		return nil
	}
	var names []string
	seen := map[string]bool{} // a set, not slices.Contains: a mix of 40,000 entries must not take seconds
	n := len(d.table)
	for _, k := range d.md.Keys() {
		if len(k) == n+3 && slices.Equal(k[:n], d.table) && k[n] == "population" && k[n+1] == "mix" {
			if name := k[n+2]; !seen[name] {
				if _, ok := t[name]; ok {
					names = append(names, name)
					seen[name] = true
				}
			}
		}
	}
	for _, k := range sortedKeys(t) { // safety net: every key, even if metadata missed it
		if !seen[k] {
			names = append(names, k)
			seen[k] = true
		}
	}
	specs := make([]sim.StrategySpec, 0, len(names))
	for _, name := range names {
		share, ok := toFloat(t[name])
		if !ok {
			d.add("population.mix."+name, "expected a share (a number in [0, 1]), found %s", describe(t[name]))
			continue
		}
		specs = append(specs, sim.StrategySpec{Name: name, Share: share})
	}
	return specs
}

// strategies fills kinds and parameters of mix from the [strategies.NAME]
// tables.
func (d *decoder) strategies(mix []sim.StrategySpec, tables map[string]any, mixGiven bool) []sim.StrategySpec {
	out := make([]sim.StrategySpec, len(mix))
	names := make([]string, len(mix))
	index := make(map[string]int, len(mix))
	for i, s := range mix {
		names[i] = s.Name
		if _, dup := index[s.Name]; !dup {
			index[s.Name] = i
		}
		out[i] = sim.StrategySpec{Name: s.Name, Kind: s.Kind, Share: s.Share, Params: maps.Clone(s.Params)}
	}
	known := strings.Join(strategies.Names(), ", ")
	for _, name := range sortedKeys(tables) {
		path := "strategies." + name
		i, ok := index[name]
		if !ok {
			where := "the default mix"
			if mixGiven {
				where = "[population.mix]"
			}
			d.add(path, "strategy %q is not in %s (%s); add it there with a share or remove this table", name, where, strings.Join(names, ", "))
			continue
		}
		t, ok := tables[name].(map[string]any)
		if !ok {
			d.add(path, "expected a table [strategies.%s], found %s", name, describe(tables[name]))
			continue
		}
		kindName := name
		if kv, ok := t["kind"]; ok {
			s, ok := kv.(string)
			if !ok {
				d.add(path+".kind", "expected a strategy kind (one of %s), found %s", known, describe(kv))
				continue
			}
			kindName = s
		}
		kind, ok := strategies.Lookup(kindName)
		if !ok {
			if _, given := t["kind"]; given {
				d.add(path+".kind", "unknown strategy kind %q; known kinds: %s", kindName, known)
			} else {
				d.add(path, "%q is not a strategy kind, so the table needs kind = one of %s", name, known)
			}
			continue
		}
		params := map[string]any{}
		for _, k := range sortedKeys(t) {
			if k == "kind" {
				continue
			}
			if _, err := kind.Resolve(map[string]any{k: t[k]}); err != nil {
				var pe *strategies.ParamError
				if errors.As(err, &pe) {
					msg := pe.Msg
					if _, isParam := kind.Param(k); !isParam {
						var valid []string
						for _, p := range kind.Params {
							valid = append(valid, p.Name)
						}
						msg = fmt.Sprintf("unknown parameter %q of kind %s", k, kind.Name)
						if s := suggest(k, valid); len(s) > 0 {
							msg += "; did you mean " + quoteList(s) + "?"
						}
						msg += "; valid keys here: kind, " + strings.Join(valid, ", ")
					}
					d.add(path+"."+k, "%s", msg)
				} else {
					d.add(path+"."+k, "%v", err)
				}
				continue
			}
			params[k] = t[k]
		}
		out[i].Kind = kind.Name
		out[i].Params = params
	}
	for i, s := range out {
		if s.Kind != "" {
			continue
		}
		if _, ok := tables[s.Name]; ok {
			continue // its table had an error, already reported
		}
		if _, ok := strategies.Lookup(s.Name); ok {
			out[i].Kind = s.Name
			continue
		}
		d.add("population.mix."+s.Name, "%q is not a strategy kind and has no [strategies.%s] table; known kinds: %s (define a variant with [strategies.%s] kind = ...)", s.Name, s.Name, known, s.Name)
	}
	return out
}

// professions decodes the [[professions]] catalogue, which replaces the
// default one.
func (d *decoder) professions(v any, cfg *sim.Config) {
	list, ok := TableList(v)
	if !ok {
		d.add("professions", "expected an array of tables ([[professions]]), found %s", describe(v))
		return
	}
	out := make([]sim.Profession, 0, len(list))
	for i, t := range list {
		path := fmt.Sprintf("professions[%d]", i)
		if t == nil {
			d.add(path, "expected a table, found %s", describe(list[i]))
			continue
		}
		var p sim.Profession
		bad := false
		for _, k := range sortedKeys(t) {
			kp := path + "." + k
			if num, ok := sim.LookupProfessionParam(k); ok {
				x, ok := toFloat(t[k])
				if !ok {
					d.add(kp, "expected a number, found %s", describe(t[k]))
					bad = true
				}
				num.Set(&p, x)
				continue
			}
			if k == "name" || professionText(&p, k) != nil {
				s, ok := t[k].(string)
				switch {
				case !ok:
					d.add(kp, "expected a string, found %s", describe(t[k]))
					bad = true
				case k == "name":
					p.Name = s
				default:
					*professionText(&p, k) = s
				}
				continue
			}
			d.unknown(kp, k, professionKeys)
			bad = true
		}
		var missing []string
		for _, k := range professionKeys {
			if _, ok := t[k]; !ok && professionText(&p, k) == nil {
				missing = append(missing, k)
			}
		}
		if len(missing) > 0 {
			d.add(path, "missing %s (every profession needs %s; %s are optional)", strings.Join(missing, ", "),
				strings.Join(professionKeys[:len(professionKeys)-len(professionTexts)], ", "), strings.Join(professionTexts, ", "))
			bad = true
		}
		if !bad {
			out = append(out, p)
		}
	}
	cfg.Professions = out
}

// TableList accepts a decoded array of tables, written either as [[x]]
// or as an inline array; an element that is not a table is nil. Sweep
// files decode their arrays of tables with it too.
func TableList(v any) ([]map[string]any, bool) {
	switch x := v.(type) {
	case []map[string]any:
		return x, true
	case []any:
		out := make([]map[string]any, len(x))
		for i, e := range x {
			out[i], _ = e.(map[string]any)
		}
		return out, true
	}
	return nil, false
}

// claims keeps the [[claims]] tables raw, with their lines.
func (d *decoder) claims(v any, f *File) {
	list, ok := TableList(v)
	if !ok {
		d.add("claims", "expected an array of tables ([[claims]]), found %s", describe(v))
		return
	}
	for i, t := range list {
		path := "claims[" + strconv.Itoa(i) + "]"
		if t == nil {
			d.add(path, "expected a table")
			continue
		}
		rt := RawTable{Table: t}
		if p, ok := d.keys.Lookup(d.prefix + path); ok {
			rt.Line = p.Line
		}
		f.Claims = append(f.Claims, rt)
	}
}

// formatFloat writes x in the shortest form that reads back to the same
// float64, as a TOML float (with a decimal point or exponent).
func formatFloat(x float64) string {
	switch {
	case math.IsNaN(x):
		return "nan"
	case math.IsInf(x, 1):
		return "inf"
	case math.IsInf(x, -1):
		return "-inf"
	}
	s := strconv.FormatFloat(x, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eEn") {
		s += ".0"
	}
	return s
}
