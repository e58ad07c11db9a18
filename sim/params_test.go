package sim

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/giversgain/giversgain/internal/docblock"
)

var update = flag.Bool("update", false, "rewrite MODEL.md's generated tables")

// TestParamDeclarations: every declaration is complete and its default
// passes its own check, so Default() is valid by construction.
func TestParamDeclarations(t *testing.T) {
	seen := map[string]bool{}
	c := Default()
	for _, p := range Params() {
		if seen[p.Path] {
			t.Errorf("%s declared twice", p.Path)
		}
		seen[p.Path] = true
		if p.Doc == "" || p.Source == "" {
			t.Errorf("%s: a declaration needs a doc and the default's source (or \"assumption\")", p.Path)
		}
		if err := p.Check(p.Default); err != nil {
			t.Errorf("%s: the default %v fails its own check: %v", p.Path, p.Default, err)
		}
		if got := p.Get(&c); got != p.Default {
			t.Errorf("%s: Default() holds %v, the declaration says %v", p.Path, got, p.Default)
		}
		if p.Type == ChoiceParam && len(p.Choices) == 0 || p.Type != ChoiceParam && len(p.Choices) > 0 {
			t.Errorf("%s: choices only for, and always for, a choice parameter", p.Path)
		}
	}
	if err := c.Validate(); err != nil {
		t.Errorf("Default() is invalid: %v", err)
	}
}

// TestParamCheck: ranges are inclusive, open where declared, and refuse
// NaN and infinities.
func TestParamCheck(t *testing.T) {
	vis, _ := LookupParam("referrals.visibility")
	hl, _ := LookupParam("trust.half_life")
	rounds, _ := LookupParam("rounds")
	seed, _ := LookupParam("seed")
	model, _ := LookupParam("model")
	for _, c := range []struct {
		p    Param
		v    any
		want string // "" for accepted
	}{
		{vis, 0.0, ""}, {vis, 1.0, ""}, {vis, 1.5, "expected a number in [0, 1], found 1.5"},
		{vis, math.NaN(), "found NaN"}, {vis, math.Inf(1), "found +Inf"},
		{hl, 0.0, "expected a positive number, found 0"}, {hl, 1e300, ""}, {hl, math.Inf(1), "found +Inf"},
		{rounds, 0, "expected an integer >= 1, found 0"}, {rounds, 1, ""},
		{rounds, 1 << 40, "expected an integer in [1, 2147483647] (the engine counts in 32 bits), found 1099511627776"},
		{seed, uint64(math.MaxInt64), ""}, {seed, uint64(math.MaxInt64) + 1, "2^63-1"},
		{model, "donation", ""}, {model, "chess", `expected one of "networking", "donation", found "chess"`},
	} {
		err := c.p.Check(c.v)
		if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%s.Check(%v) = %v, want %q", c.p.Path, c.v, err, c.want)
		}
	}
}

// TestModelParameterTable: MODEL.md's tables of parameters and of the
// default catalogue are generated from the declarations; -update
// rewrites them.
func TestModelParameterTable(t *testing.T) {
	const path = "MODEL.md"
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	got := doc
	for _, block := range []struct{ name, body string }{
		{"parameters", parameterTable()},
		{"professions", professionTable()},
	} {
		if got, err = docblock.Replace(got, block.name, block.body); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	if bytes.Equal(got, doc) {
		return
	}
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("%s's generated tables are stale: go test ./sim -run TestModelParameterTable -update", path)
}

func parameterTable() string {
	var b strings.Builder
	b.WriteString("| parameter | default | accepts | meaning | source of the default |\n|---|---|---|---|---|\n")
	for _, p := range Params() {
		def := fmt.Sprint(p.Default)
		if p.Type == ChoiceParam {
			def = fmt.Sprintf("%q", p.Default)
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", p.Path, def, cell(p.RangeText()), cell(p.Doc), cell(p.Source))
	}
	return b.String()
}

func professionTable() string {
	var b strings.Builder
	b.WriteString("| profession | category | share | demand | median | mean | sigma | margin | sources: value; margin; demand |\n|---|---|---|---|---|---|---|---|---|\n")
	for _, p := range DefaultProfessions() {
		fmt.Fprintf(&b, "| %s | %s | %g | %g | $%s | $%s | %g | %g | %s; **margin:** %s; **demand:** %s |\n", p.Name, p.Category, p.Share, p.Demand,
			thousands(p.Median), thousands(math.Round(p.MeanValue())), p.Sigma, p.Margin, cell(p.Source), cell(p.MarginSource), cell(p.DemandSource))
	}
	return b.String()
}

// cell makes text safe inside a Markdown table cell.
func cell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

func thousands(x float64) string {
	s := fmt.Sprintf("%.0f", x)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
