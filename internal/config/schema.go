package config

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"

	suggestwords "github.com/giversgain/giversgain/internal/suggest"
	"github.com/giversgain/giversgain/sim"
)

// The schema of scalar parameters is sim.Params: each is declared once
// there, with its path, type, range, doc and default's source. This file
// converts decoded TOML values to the declared types.

// sections lists the tables of the schema in file order ("" is the top
// level); mix, strategies, professions and claims are handled apart.
var sections = sim.Sections()

// professionKeys are the keys of one [[professions]] entry, in file
// order: its name, the numeric keys sim declares, and the sources.
var professionKeys = func() []string {
	keys := []string{"name"}
	for _, k := range sim.ProfessionParams() {
		keys = append(keys, k.Key)
	}
	return append(keys, professionTexts...)
}()

// professionTexts are the free-text keys of a profession, optional.
var professionTexts = []string{"category", "source", "margin_source", "demand_source"}

// professionText returns the field of p that holds text key.
func professionText(p *sim.Profession, key string) *string {
	switch key {
	case "category":
		return &p.Category
	case "source":
		return &p.Source
	case "margin_source":
		return &p.MarginSource
	case "demand_source":
		return &p.DemandSource
	}
	return nil
}

// sectionKeys lists the keys valid directly in a section, for messages.
func sectionKeys(section string) []string {
	var keys []string
	if section == "" {
		keys = append(keys, "name")
	}
	for _, p := range sim.Params() {
		if p.Section() == section {
			keys = append(keys, p.Key())
		}
	}
	switch section {
	case "":
		keys = append(keys, sections[1:]...)
		keys = append(keys, "strategies", "professions", "claims")
	case "population":
		keys = append(keys, "mix")
	}
	return keys
}

func lookupField(section, key string) (sim.Param, bool) {
	if section == "" {
		return sim.LookupParam(key)
	}
	return sim.LookupParam(section + "." + key)
}

// describe names a decoded TOML value for "found ..." in messages.
func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "nothing"
	case string:
		return "string " + strconv.Quote(x)
	case int64, int, uint64:
		return fmt.Sprintf("integer %d", x)
	case float64:
		return "float " + formatFloat(x)
	case bool:
		return fmt.Sprintf("boolean %t", x)
	case time.Time:
		return "datetime " + x.Format(time.RFC3339Nano)
	case []any, []map[string]any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%v (%T)", v, v)
}

// toFloat converts a decoded or Set number to float64.
func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case int64:
		return float64(x), true
	case int:
		return float64(x), true
	case int32:
		return float64(x), true
	case uint64:
		return float64(x), true
	case uint:
		return float64(x), true
	}
	return 0, false
}

// toInt converts a decoded or Set integer to int64. With lenient (Set), a
// float with an integral value is accepted too, since sweep ranges produce
// floats.
func toInt(v any, lenient bool) (int64, bool) {
	switch x := v.(type) {
	case int64:
		return x, true
	case int:
		return int64(x), true
	case int32:
		return int64(x), true
	case uint64:
		if x > math.MaxInt64 {
			return 0, false
		}
		return int64(x), true
	case uint:
		if uint64(x) > math.MaxInt64 {
			return 0, false
		}
		return int64(x), true
	case float64:
		if lenient && x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return int64(x), true
		}
	}
	return 0, false
}

// assign converts v to p's type and stores it in cfg. The message of the
// error it returns says what was expected and what was found, without the
// key path. Ranges are checked later, by cfg.Validate; choices here, since
// a word outside them has no meaning to store.
func assign(p sim.Param, cfg *sim.Config, v any, lenient bool) error {
	switch p.Type {
	case sim.IntParam:
		n, ok := toInt(v, lenient)
		if !ok {
			return fmt.Errorf("expected an integer, found %s", describe(v))
		}
		if n < math.MinInt || n > math.MaxInt {
			return fmt.Errorf("expected an integer that fits in %d bits, found %d", strconv.IntSize, n)
		}
		return p.Set(cfg, int(n))
	case sim.SeedParam:
		if u, ok := v.(uint64); ok && lenient {
			return p.Set(cfg, u)
		}
		n, ok := toInt(v, lenient)
		if !ok {
			return fmt.Errorf("expected an integer >= 0, found %s", describe(v))
		}
		if n < 0 {
			return fmt.Errorf("expected an integer >= 0, found %d", n)
		}
		return p.Set(cfg, uint64(n))
	case sim.FloatParam:
		x, ok := toFloat(v)
		if !ok {
			return fmt.Errorf("expected a number, found %s", describe(v))
		}
		return p.Set(cfg, x)
	}
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("expected one of %s, found %s", quoteList(p.Choices), describe(v))
	}
	if !slices.Contains(p.Choices, s) {
		return fmt.Errorf("expected one of %s, found %q", quoteList(p.Choices), s)
	}
	return p.Set(cfg, s)
}

func quoteList(words []string) string { return sim.QuoteList(words) }

// suggest returns the candidates closest to key (suggest.Words).
func suggest(key string, candidates []string) []string { return suggestwords.Words(key, candidates) }
