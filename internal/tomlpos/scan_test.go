package tomlpos

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

func TestScanKeys(t *testing.T) {
	src := `# comment
name = "a = b" # trailing [x]
s = """
multi = "line"
"""
[population]
"quoted.key" = 1
dotted.inner = 2
arr = [1, [2, 3],
  { x = 1 }, # c
]

[[claims]]
a = 1
[[claims]]
b = 'lit'
`
	idx := Scan(src)
	for path, want := range map[string]Pos{
		"name":                    {2, 1},
		"s":                       {3, 1},
		"population":              {6, 1},
		"population.quoted.key":   {7, 1},
		"population.dotted.inner": {8, 1},
		"population.arr":          {9, 1},
		"population.arr[2].x":     {10, 5},
		"claims[0]":               {13, 1},
		"claims[0].a":             {14, 1},
		"claims[1].b":             {16, 1},
	} {
		if got, ok := idx.pos[path]; !ok || got != want {
			t.Errorf("%s at %v (found %v), want %v", path, got, ok, want)
		}
	}
	if _, ok := idx.pos["multi"]; ok {
		t.Error("a key inside a multi-line string was indexed")
	}
}

func TestLookupAndLine(t *testing.T) {
	src := "name = \"x\"\r\n[population.mix]\ngiver = 1.0\n[[professions]]\nname = \"a\"\n"
	idx := Scan(src)
	for _, c := range []struct {
		path string
		want Pos
		ok   bool
	}{
		{"name", Pos{1, 1}, true},
		{"population", Pos{2, 1}, true},            // known only through [population.mix]
		{"population.mix.taker", Pos{2, 1}, true},  // its nearest ancestor
		{"professions[0].median", Pos{4, 1}, true}, // the table it would be in
		{"professions", Pos{4, 1}, true},
		{"referrals.visibility", Pos{}, false},
	} {
		if got, ok := idx.Lookup(c.path); got != c.want || ok != c.ok {
			t.Errorf("Lookup(%q) = %v, %t; want %v, %t", c.path, got, ok, c.want, c.ok)
		}
	}
	for n, want := range map[int]string{0: "", 1: `name = "x"`, 3: "giver = 1.0", 5: `name = "a"`, 6: "", 7: ""} {
		if got := idx.Line(n); got != want {
			t.Errorf("Line(%d) = %q, want %q", n, got, want)
		}
	}
	var none *Index
	if _, ok := none.Lookup("a"); ok || none.Line(1) != "" || none.Has("a") {
		t.Error("a nil Index found something")
	}
}

// TestLookupIsLinear: locating a problem at every key of a large file
// costs time linear in its size. Before, each lookup walked the
// document's keys and each line was found by walking the lines before
// it: 40,000 unknown keys took 8 s to report. Measured as a ratio of
// the process's CPU time, so that a slow or busy machine (or the race
// detector) does not fail it: eight times the keys must take well under
// the 64 times a quadratic cost would.
func TestLookupIsLinear(t *testing.T) {
	cost := func(n int) time.Duration {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "[section.sub%d]\nkey%d = %d\n", i, i, i)
		}
		src := b.String()
		best := time.Duration(1 << 62)
		for range 2 {
			start := cpuTime()
			idx := Scan(src)
			for i := range n {
				p, ok := idx.Lookup(fmt.Sprintf("section.sub%d.missing", i))
				_ = idx.Line(p.Line)
				if !ok {
					t.Fatalf("key %d not found", i)
				}
			}
			best = min(best, cpuTime()-start)
		}
		return best
	}
	n := 10_000
	if raceEnabled {
		n = 2_000
	}
	small, large := cost(n), cost(8*n)
	if ratio := float64(large) / float64(small); ratio > 40 {
		t.Errorf("8 times the keys took %.0f times as long (%v against %v), want about 8", ratio, large, small)
	}
}

func TestRender(t *testing.T) {
	got := Render("c.toml", 3, 3, "referrals.visibility", "expected a number in [0, 1], found 2", "\tvisibility = 2")
	want := "c.toml:3:3: referrals.visibility: expected a number in [0, 1], found 2\n     3 |  visibility = 2\n       |   ^"
	if got != want {
		t.Errorf("Render:\n%s\nwant\n%s", got, want)
	}
	if got := Summary("", 0, 0, "", "bad"); got != "bad" {
		t.Errorf("Summary with nothing known = %q", got)
	}
	if got := Summary("f", 2, 0, "k", "bad"); got != "f:2: k: bad" {
		t.Errorf("Summary without a column = %q", got)
	}
}

func TestParseError(t *testing.T) {
	var v map[string]any
	_, err := toml.Decode("a = 1\nb = = 2\n", &v)
	pos, msg, ok := ParseError(err)
	if !ok || pos.Line != 2 || msg == "" {
		t.Errorf("ParseError = %v, %q, %t", pos, msg, ok)
	}
	if _, _, ok := ParseError(errors.New("other")); ok {
		t.Error("a plain error taken for a parse error")
	}
}

func TestCap(t *testing.T) {
	errs := make([]string, 45)
	got := Cap(errs, func(n int) string { return fmt.Sprintf("and %d more", n) })
	if len(got) != MaxErrors+1 || got[MaxErrors] != "and 25 more" {
		t.Errorf("Cap of 45 = %d items ending %q", len(got), got[len(got)-1])
	}
	if got := Cap(errs[:MaxErrors], func(int) string { return "more" }); len(got) != MaxErrors {
		t.Errorf("Cap of %d = %d items", MaxErrors, len(got))
	}
}
