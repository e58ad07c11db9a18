package compare

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/giversgain/giversgain/configs"
	"github.com/giversgain/giversgain/internal/chart"
	"github.com/giversgain/giversgain/internal/config"
	"github.com/giversgain/giversgain/internal/report"
)

// preset reads a preset as sim does.
func preset(name string) (*config.File, error) {
	data, err := configs.Read(name)
	if err != nil {
		return nil, err
	}
	return config.Decode(name+".toml", data)
}

// TestTalkScenariosShareScales is the case: giver-heavy,
// no-channel and costly-giving give one scenario slide, and each chart
// on one scale across the three (they scaled to $500k, $250k and $150k
// each on their own).
func TestTalkScenariosShareScales(t *testing.T) {
	var srcs []Source
	for _, n := range []string{"giver-heavy", "no-channel", "costly-giving"} {
		src, err := Resolve(n, preset)
		if err != nil {
			t.Fatal(err)
		}
		// Two years instead of ten: the scales are shared however long
		// the runs (and the race detector slows them tenfold).
		src.File.Config.Rounds = 104
		srcs = append(srcs, src)
	}
	sc, err := Run(context.Background(), srcs, Options{Replicates: 2, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	d := Draw(sc, chart.Options{})
	for _, n := range []string{"giver-heavy", "no-channel", "costly-giving"} {
		if d.Slide == nil || !strings.Contains(d.Slide.Title, n) {
			t.Errorf("the scenario slide's title %q does not say what happened in %s", d.SlideWords.Title, n)
		}
	}
	if len(d.Kinds) != 5 {
		t.Errorf("charts %v, want the five of a run", d.Kinds)
	}
	for k, kind := range d.Kinds {
		ax := sharedAxes[kind]
		first := d.Charts[0][k].Chart.Plot
		for i := 1; i < len(sc); i++ {
			p := d.Charts[i][k].Chart.Plot
			if ax[1] && (p.Y.Min != first.Y.Min || p.Y.Max != first.Y.Max) {
				t.Errorf("%s of %s: y %g..%g, %s's %g..%g: not one scale", kind, sc[i].Name, p.Y.Min, p.Y.Max, sc[0].Name, first.Y.Min, first.Y.Max)
			}
			if ax[0] && (p.X.Min != first.X.Min || p.X.Max != first.X.Max) {
				t.Errorf("%s of %s: x %g..%g, %s's %g..%g: not one scale", kind, sc[i].Name, p.X.Min, p.X.Max, sc[0].Name, first.X.Min, first.X.Max)
			}
		}
	}
	// costly-giving's givers lose money: every income axis reaches down
	// to the lowest mean final income of costly-giving's strategies.
	lowest := 0.0
	for _, st := range sc[2].Summary.Strategies {
		if st.Income != nil {
			lowest = min(lowest, st.Income.Mean)
		}
	}
	if lowest >= 0 {
		t.Fatalf("costly-giving's strategies all end at or above $0 (lowest %g): no losses to show", lowest)
	}
	if p := d.Charts[0][0].Chart.Plot; p.Y.Min > lowest {
		t.Errorf("giver-heavy's income axis starts at %g, above costly-giving's lowest mean %g", p.Y.Min, lowest)
	}
}

var (
	update   = flag.Bool("update", false, "rewrite the golden files in testdata")
	fontData = regexp.MustCompile(`base64,[A-Za-z0-9+/=]+`)
	svgBody  = regexp.MustCompile(`(?s)(<svg role="img"[^>]*>\n<title>[^<]*</title>).*?</svg>`)
)

// golden compares a page, less the fonts' data and the charts' drawing
// (its words and structure), with testdata/name; -update rewrites it.
func golden(t *testing.T, name string, page []byte) {
	t.Helper()
	got := svgBody.ReplaceAll(fontData.ReplaceAll(page, []byte("base64,...")), []byte("$1 ...</svg>"))
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the page differs from %s (run with -update if intended):\n%s", path, got)
	}
}

// tiny is a small config named name.
func tiny(t *testing.T, name, mix string) Source {
	t.Helper()
	text := "name = \"" + name + "\"\nseed = 3\nrounds = 20\nreplicates = 2\n[population]\nmembers = 60\nchapter_size = 30\n[population.mix]\n" + mix
	f, err := config.Decode(name+".toml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return Source{Arg: name + ".toml", File: f}
}

// TestWrite: the folder holds the scenario slide, each chart of each
// scenario, the table, the resolved configs and the page, and a results
// folder compares as its config, with a warning where its summary is not
// what the config gives now.
func TestWrite(t *testing.T) {
	a := tiny(t, "a", "giver = 0.5\ntaker = 0.5\n")
	b := tiny(t, "a", "giver = 0.2\nscorekeeper = 0.4\ntaker = 0.4\n") // same name: made unique
	sc, err := Run(context.Background(), []Source{a, b}, Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if sc[0].Name != "a" || sc[1].Name != "a-2" {
		t.Errorf("names %q, %q", sc[0].Name, sc[1].Name)
	}
	dir := filepath.Join(t.TempDir(), "cmp")
	// SVG: rasterising eleven PNGs is most of the time under the race
	// detector, and cmd/sim's test writes PNGs.
	if err := Write(dir, sc, []string{"svg"}, chart.Options{}, "test", "sim compare a.toml a.toml"); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"scenarios.svg", "a-income.svg", "a-2-professions.svg", "scenarios.csv", "configs/a.toml", "configs/a-2.toml", "report.html"} {
		if fi, err := os.Stat(filepath.Join(dir, f)); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
	csv, _ := os.ReadFile(filepath.Join(dir, "scenarios.csv"))
	if lines := strings.Count(string(csv), "\n"); lines != 1+2+3 {
		t.Errorf("scenarios.csv has %d lines, want a header and 5 strategies:\n%s", lines, csv)
	}
	page, _ := os.ReadFile(filepath.Join(dir, "report.html"))
	if n := strings.Count(string(page), `<svg role="img"`); n != 1+5+5 {
		t.Errorf("%d charts on the page, want the slide and 5 per scenario", n)
	}
	if !strings.Contains(string(page), "sim compare configs/a.toml configs/a-2.toml -out ..") {
		t.Error("the page lacks the command that reruns it")
	}
	golden(t, "compare.html.golden", page)

	// A results folder of a run, as sim run writes it.
	res := filepath.Join(t.TempDir(), "a")
	if err := os.MkdirAll(res, 0o755); err != nil {
		t.Fatal(err)
	}
	resolved, _ := config.Encode(sc[0].Config)
	os.WriteFile(filepath.Join(res, "config.toml"), resolved, 0o644)
	var sum bytes.Buffer
	report.WriteSummary(&sum, sc[0].Summary)
	os.WriteFile(filepath.Join(res, "summary.json"), sum.Bytes(), 0o644)
	folder, err := Resolve(res, preset)
	if err != nil || folder.Dir != res {
		t.Fatalf("Resolve(%s) = %+v, %v", res, folder, err)
	}
	var warn bytes.Buffer
	if _, err := Run(context.Background(), []Source{folder, b}, Options{Version: "other", Warn: &warn}); err != nil || warn.Len() != 0 {
		t.Errorf("a folder its config reproduces: %v, warned %q", err, warn.String())
	}
	os.WriteFile(filepath.Join(res, "summary.json"), bytes.Replace(sum.Bytes(), []byte(`"seed": 3`), []byte(`"seed": 4`), 1), 0o644)
	if _, err := Run(context.Background(), []Source{folder, b}, Options{Version: "test", Warn: &warn}); err != nil || !strings.Contains(warn.String(), "differs from a fresh run") {
		t.Errorf("an edited summary: %v, warned %q", err, warn.String())
	}
	if _, err := Run(context.Background(), []Source{a}, Options{}); err == nil {
		t.Error("one scenario: want an error")
	}
}
