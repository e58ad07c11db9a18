package findings_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/giversgain/giversgain/configs"
	"github.com/giversgain/giversgain/internal/config"
	"github.com/giversgain/giversgain/internal/findings"
	"github.com/giversgain/giversgain/internal/report"
	"github.com/giversgain/giversgain/sim"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// goldenPresets are the presets whose words are pinned, each shrunk to a
// few chapters and replicates so that the test is quick; together they
// give every kind of finding: no clear winner, a lead in percent, in
// times, in dollars with givers losing money, evolution by churn, and a
// taker majority.
var goldenPresets = []string{"giver-heavy", "no-channel", "bni-region", "costly-giving", "evolution-churn", "taker-heavy"}

// tiny runs a preset with at most 90 members in chapters of its own size
// and 3 replicates, over its own horizon.
func tiny(t *testing.T, name string) *sim.Result {
	t.Helper()
	data, err := configs.Read(name)
	if err != nil {
		t.Fatal(err)
	}
	f, err := config.Decode(name+".toml", data)
	if err != nil {
		t.Fatal(err)
	}
	cfg := f.Config
	cfg.Replicates = 3
	cs := cfg.Population.ChapterSize
	cfg.Population.Members = max(cs, 90/cs*cs)
	res, err := sim.Run(context.Background(), cfg, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// words writes every word of a run in one language and title style: the
// verdict, the evolution line, the console table and every slide.
func words(res *sim.Result, l findings.Lang, titles findings.Titles) string {
	var b strings.Builder
	run := findings.Of(res)
	fmt.Fprintf(&b, "verdict: %s\n", l.Verdict(run.Verdict))
	if e := l.Evolution(res); e != "" {
		fmt.Fprintf(&b, "evolution: %s\n", e)
	}
	b.WriteString("table:\n")
	report.Table(&b, report.NewSummary(res, ""), l)
	for _, s := range (findings.Words{Lang: l, Titles: titles}).Slides(run) {
		fmt.Fprintf(&b, "[%s]\n  title: %s\n  subtitle: %s\n  x: %q\n  y: %q\n", s.Name, s.Title, s.Subtitle, s.X, s.Y)
		for _, f := range []struct {
			name string
			v    []string
		}{{"keys", s.Keys}, {"ticks", s.Ticks}, {"notes", s.Notes}} {
			if len(f.v) > 0 {
				fmt.Fprintf(&b, "  %s: %q\n", f.name, f.v)
			}
		}
		for _, f := range []struct{ name, v string }{{"interval", s.Interval}, {"mark", s.Mark}, {"how to read", s.HowToRead}} {
			if f.v != "" {
				fmt.Fprintf(&b, "  %s: %q\n", f.name, f.v)
			}
		}
	}
	return b.String()
}

// TestGoldenWords pins every word of several presets' findings, in
// English and German, in plain and research titles, so that a change of
// wording shows as a diff to review (go test -update rewrites them).
func TestGoldenWords(t *testing.T) {
	for _, name := range goldenPresets {
		t.Run(name, func(t *testing.T) {
			res := tiny(t, name)
			for _, l := range []findings.Lang{findings.English, findings.German} {
				for _, titles := range []findings.Titles{findings.Plain, findings.Research} {
					got := words(res, l, titles)
					path := filepath.Join("testdata", fmt.Sprintf("%s.%s.%s.golden", name, l.Tag(), titles))
					if *update {
						if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
							t.Fatal(err)
						}
						continue
					}
					want, err := os.ReadFile(path)
					if err != nil {
						t.Fatal(err)
					}
					if got != string(want) {
						t.Errorf("%s differs (go test -update rewrites it if the change is intended):\n%s", path, diff(string(want), got))
					}
				}
			}
		})
	}
}

// diff shows the first differing line of want and got.
func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(w), len(g)) {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\nwant %s\n got %s", i+1, a, b)
		}
	}
	return ""
}
