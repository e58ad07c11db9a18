package config

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/giversgain/giversgain/internal/tomlpos"
	"github.com/giversgain/giversgain/sim"
	"github.com/giversgain/giversgain/strategies"
)

// Encode writes cfg as a commented TOML config with every parameter stated:
// all defaults, the seed, each strategy's full parameter set and the
// profession catalogue with its sources. Decode(name, Encode(cfg)) gives
// back Resolve(cfg). Floats are written in their shortest round-trip form.
// It fails when a strategy cannot be resolved (unknown kind or bad
// parameter) or the seed exceeds TOML's integer range (2^63-1).
func Encode(cfg sim.Config) ([]byte, error) {
	rc, err := Resolve(cfg)
	if err != nil {
		return nil, fmt.Errorf("encode config: %w", err)
	}
	if rc.Seed > math.MaxInt64 {
		return nil, fmt.Errorf("encode config: seed %d exceeds the largest TOML integer (%d)", rc.Seed, int64(math.MaxInt64))
	}
	var b bytes.Buffer
	b.WriteString("# giversgain config, fully resolved: every parameter is stated, defaults\n")
	b.WriteString("# included, so this file reproduces the run exactly when passed back to\n")
	b.WriteString("# `sim run -config`. `sim list` gives every default with its source.\n\n")
	fmt.Fprintf(&b, "name = %s\n", quoteString(rc.Name))
	for _, section := range sections {
		if section != "" {
			fmt.Fprintf(&b, "\n[%s]\n", section)
		}
		if section == "evolution" && rc.Evolution.Period == 0 {
			b.WriteString("# period = 0: evolution is off and the other keys are not used.\n")
		}
		if section == "donation" && rc.Model != sim.DonationGame {
			b.WriteString("# model is not \"donation\": these keys are not used.\n")
		}
		for _, p := range sim.Params() {
			if p.Section() != section {
				continue
			}
			writeComment(&b, p.Doc)
			fmt.Fprintf(&b, "%s = %s\n", p.Key(), formatValue(p.Get(&rc)))
		}
		if section == "population" {
			b.WriteString("\n[population.mix]\n")
			b.WriteString("# NAME = share of members; shares sum to 1. The order fixes chart colours.\n")
			for _, s := range rc.Strategies {
				fmt.Fprintf(&b, "%s = %s\n", quoteKey(s.Name), formatFloat(s.Share))
			}
		}
	}
	for _, s := range rc.Strategies {
		fmt.Fprintf(&b, "\n[strategies.%s]\n", quoteKey(s.Name))
		kind, _ := strategies.Lookup(s.Kind) // Resolve found it
		writeComment(&b, kind.Doc)
		fmt.Fprintf(&b, "kind = %s\n", quoteString(s.Kind))
		for _, p := range kind.Params {
			writeComment(&b, p.Doc)
			fmt.Fprintf(&b, "%s = %s\n", quoteKey(p.Name), formatValue(s.Params[p.Name]))
		}
	}
	b.WriteString("\n# The profession catalogue: share of members, demand weight (how often a\n")
	b.WriteString("# random client needs it), log-normal deal value (median dollars, sigma).\n")
	for _, p := range rc.Professions {
		b.WriteString("\n[[professions]]\n")
		fmt.Fprintf(&b, "name = %s\n", quoteString(p.Name))
		for _, k := range sim.ProfessionParams() {
			fmt.Fprintf(&b, "%s = %s\n", k.Key, formatFloat(k.Get(&p)))
		}
		for _, k := range professionTexts {
			fmt.Fprintf(&b, "%s = %s\n", k, quoteString(*professionText(&p, k)))
		}
	}
	return b.Bytes(), nil
}

// writeComment writes text as "# " comment lines wrapped at 78 columns.
func writeComment(b *bytes.Buffer, text string) {
	line := "#"
	for _, w := range strings.Fields(text) {
		if len(line) > 1 && len(line)+1+len(w) > 78 {
			b.WriteString(line + "\n")
			line = "#"
		}
		line += " " + w
	}
	if len(line) > 1 {
		b.WriteString(line + "\n")
	}
}

// formatValue writes a scalar as TOML.
func formatValue(v any) string {
	switch x := v.(type) {
	case float64:
		return formatFloat(x)
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case uint64:
		return strconv.FormatUint(x, 10)
	case string:
		return quoteString(x)
	case bool:
		return strconv.FormatBool(x)
	}
	return quoteString(fmt.Sprint(v))
}

// quoteString writes s as a TOML basic string. Invalid UTF-8, which TOML
// cannot hold, becomes U+FFFD.
func quoteString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// quoteKey writes a key bare when TOML allows it, quoted otherwise.
func quoteKey(k string) string {
	if k == "" {
		return `""`
	}
	for i := 0; i < len(k); i++ {
		if !tomlpos.IsBare(k[i]) {
			return quoteString(k)
		}
	}
	return k
}
