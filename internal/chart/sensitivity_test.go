package chart

import (
	"path/filepath"
	"testing"
)

func TestIndicesRender(t *testing.T) {
	labels := []string{"refer_cost", "takers' share", "horizon"}
	series := []IndexSeries{
		{Name: "first-order S1", Value: []float64{0.4, 0.2, -0.02}, Low: []float64{0.3, 0.1, -0.1}, High: []float64{0.5, 0.3, 0.05}},
		{Name: "total ST", Value: []float64{0.5, 0.3, 0.05}, Low: []float64{0.4, 0.2, 0.01}, High: []float64{0.6, 0.4, 0.1}},
	}
	c, err := Indices(labels, series, "share of the variance", "refer_cost matters most", "Sobol' indices", Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	paths, err := Save(c, dir, "indices", []string{"png", "svg"})
	if err != nil || len(paths) != 2 {
		t.Fatalf("%v %v", paths, err)
	}
	checkPNG(t, filepath.Join(dir, "indices.png"), 1920)
	for _, bad := range [][]IndexSeries{nil, {{Name: "x", Value: []float64{1}}}} {
		if _, err := Indices(labels, bad, "", "", "", Options{}); err == nil {
			t.Errorf("series %v: no error", bad)
		}
	}
}
