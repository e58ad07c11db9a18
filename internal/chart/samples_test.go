package chart

import (
	"context"
	"math"
	"os"
	"testing"

	"github.com/giversgain/giversgain/internal/findings"
	"github.com/giversgain/giversgain/sim"
)

// TestSamples renders every chart from the default world into the folder
// named by CHART_SAMPLES, for a person to look at. It is skipped unless
// that variable is set.
func TestSamples(t *testing.T) {
	dir := os.Getenv("CHART_SAMPLES")
	if dir == "" {
		t.Skip("set CHART_SAMPLES=/tmp/charts to render the sample charts")
	}
	for _, d := range []string{dir, dir + "/de", dir + "/evolution"} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	formats := []string{"png"}
	if os.Getenv("CHART_FORMATS") == "all" {
		formats = Formats()
	}
	res, err := sim.Run(context.Background(), sim.Default(), sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	paths, err := WriteAll(res, dir, formats, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ps, err := WriteAll(res, dir+"/de", formats, Options{Words: findings.Words{Lang: findings.German}})
	if err != nil {
		t.Fatal(err)
	}
	paths = append(paths, ps...)
	evo := sim.Default()
	evo.Evolution.Period = 13
	evo.Replicates = 16
	eres, err := sim.Run(context.Background(), evo, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ps, err = WriteAll(eres, dir+"/evolution", formats, Options{})
	if err != nil {
		t.Fatal(err)
	}
	paths = append(paths, ps...)

	xs := []float64{0, 0.2, 0.4, 0.6, 0.8, 1}
	lines := []Line{}
	for s, name := range []string{"giver", "scorekeeper", "taker"} {
		l := Line{Name: name}
		for _, x := range xs {
			m := 20000*x*float64(2-s) + 5000*float64(s)
			l.Mean = append(l.Mean, m)
			l.Low = append(l.Low, m-3000)
			l.High = append(l.High, m+3000)
		}
		lines = append(lines, l)
	}
	sw, err := SweepLines(findings.Slide{Title: "Givers pull ahead once visibility passes 0.2", X: "Visibility (chance a colleague sees an act)",
		Y: "Final net income per member", Interval: "95% interval"}, xs, lines, Money, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ps, err = Save(sw, dir, "sweep-lines", formats)
	if err != nil {
		t.Fatal(err)
	}
	paths = append(paths, ps...)
	ys := []float64{0.1, 0.3, 0.5, 0.7, 0.9}
	z := make([][]float64, len(xs))
	for i, x := range xs {
		for _, y := range ys {
			z[i] = append(z[i], 60000*(x-0.3)*(0.2+y)+2000*math.Sin(7*x*y))
		}
	}
	hm, err := Heatmap(findings.Slide{Title: "Givers gain where visibility exceeds about 0.3", X: "Visibility", Y: "Share of givers",
		Keys: []string{"Giver advantage per member"}}, xs, ys, z, Money, Options{Theme: Dark})
	if err != nil {
		t.Fatal(err)
	}
	ps, err = Save(hm, dir, "heatmap", formats)
	if err != nil {
		t.Fatal(err)
	}
	paths = append(paths, ps...)
	// A short run with variants and no takers: week axis, generic titles.
	short := sim.Default()
	short.Rounds, short.Replicates = 40, 8
	short.Strategies = []sim.StrategySpec{
		{Name: "selfless", Kind: "giver", Share: 0.4, Params: map[string]any{"discernment": 0.0}},
		{Name: "otherish", Kind: "giver", Share: 0.3, Params: map[string]any{"discernment": 0.8}},
		{Name: "scorekeeper", Kind: "scorekeeper", Share: 0.3},
	}
	sres, err := sim.Run(context.Background(), short, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sdir := dir + "/short"
	if err := os.MkdirAll(sdir, 0o755); err != nil {
		t.Fatal(err)
	}
	ps, err = WriteAll(sres, sdir, formats, Options{Aspect: Standard})
	if err != nil {
		t.Fatal(err)
	}
	paths = append(paths, ps...)
	for _, p := range paths {
		t.Log(p)
	}
}
