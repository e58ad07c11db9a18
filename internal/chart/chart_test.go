package chart

import (
	"bytes"
	"context"
	"fmt"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/giversgain/giversgain/internal/report"
	"github.com/giversgain/giversgain/sim"
)

var (
	smallOnce sync.Once
	smallRes  *sim.Result
	smallErr  error
)

// small runs a small real simulation (with evolution, so that every chart
// has something to show) once for all tests.
func small(t *testing.T) *sim.Result {
	t.Helper()
	smallOnce.Do(func() {
		cfg := sim.Default()
		cfg.Population.Members = 60
		cfg.Population.ChapterSize = 20
		cfg.Rounds = 120
		cfg.Replicates = 4
		cfg.Evolution.Period = 13
		smallRes, smallErr = sim.Run(context.Background(), cfg, sim.Options{})
	})
	if smallErr != nil {
		t.Fatal(smallErr)
	}
	return smallRes
}

// checkPNG decodes a PNG and checks it is a 1920x1080 slide with real
// content: many colours and a fair share of non-white pixels.
func checkPNG(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	b := img.Bounds()
	if b.Dx() != 1920 || b.Dy() != 1080 {
		t.Errorf("%s: size %dx%d, want 1920x1080", path, b.Dx(), b.Dy())
	}
	colours := map[color.RGBA]bool{}
	nonWhite := 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, a := img.At(x, y).RGBA()
			c := color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), uint8(a >> 8)}
			colours[c] = true
			if c.R < 0xF0 || c.G < 0xF0 || c.B < 0xF0 {
				nonWhite++
			}
		}
	}
	total := (b.Dx() / 2) * (b.Dy() / 2)
	if len(colours) < 20 {
		t.Errorf("%s: only %d distinct colours: blank?", path, len(colours))
	}
	if frac := float64(nonWhite) / float64(total); frac < 0.03 {
		t.Errorf("%s: only %.1f%% non-white pixels: blank?", path, 100*frac)
	}
}

func TestRunChartsRender(t *testing.T) {
	res := small(t)
	dir := t.TempDir()
	paths, err := WriteAll(res, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"income", "distribution", "deciles", "flows", "professions", "shares"}
	if len(paths) != len(want) {
		t.Fatalf("wrote %v, want %v", paths, want)
	}
	for i, p := range paths {
		if filepath.Base(p) != want[i]+".png" {
			t.Errorf("path %d = %s, want %s.png", i, p, want[i])
		}
		checkPNG(t, p)
	}
	for _, n := range ForRun(res) {
		if n.Chart.Title == "" || n.Chart.Subtitle == "" {
			t.Errorf("%s: missing title or subtitle", n.Name)
		}
	}
}

func TestSweepChartsRender(t *testing.T) {
	dir := t.TempDir()
	xs := []float64{0, 0.25, 0.5, 0.75, 1}
	var lines []Line
	for s, name := range []string{"giver", "scorekeeper", "taker"} {
		l := Line{Name: name}
		for _, x := range xs {
			m := 1000 * x * float64(3-s)
			l.Mean, l.Low, l.High = append(l.Mean, m), append(l.Low, m-200), append(l.High, m+200)
		}
		lines = append(lines, l)
	}
	sw, err := SweepLines("visibility", xs, lines, "Final income ($)", "Givers gain with visibility")
	if err != nil {
		t.Fatal(err)
	}
	ps, err := Save(sw, dir, "sweep", []string{"png"})
	if err != nil {
		t.Fatal(err)
	}
	checkPNG(t, ps[0])

	// A log-spaced axis and lines without bands also render.
	logx := []float64{0.01, 0.1, 1, 10}
	sw, err = SweepLines("cost", logx, []Line{{Name: "giver", Mean: []float64{1, 2, 3, 4}}}, "income", "t")
	if err != nil {
		t.Fatal(err)
	}
	ps, err = Save(sw, dir, "sweep-log", nil)
	if err != nil {
		t.Fatal(err)
	}
	checkPNG(t, ps[0])

	ys := []float64{0.1, 0.5, 0.9}
	z := [][]float64{}
	for _, x := range xs {
		var col []float64
		for _, y := range ys {
			col = append(col, 1000*(x-0.4)*(y+0.5))
		}
		z = append(z, col)
	}
	z[0][0] = math.NaN()
	hm, err := Heatmap("visibility", "giver share", xs, ys, z, "Giver advantage ($)", "Givers gain above 0.4")
	if err != nil {
		t.Fatal(err)
	}
	ps, err = Save(hm, dir, "heat", []string{"PNG", "png"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 {
		t.Errorf("duplicate formats wrote %v", ps)
	}
	checkPNG(t, ps[0])
}

func TestSaveFormats(t *testing.T) {
	res := small(t)
	dir := t.TempDir()
	paths, err := Save(Income(res), dir, "income", Formats())
	if err != nil {
		t.Fatal(err)
	}
	magic := map[string]string{".png": "\x89PNG", ".svg": "<?xml", ".pdf": "%PDF"}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if m := magic[filepath.Ext(p)]; !bytes.HasPrefix(b, []byte(m)) {
			t.Errorf("%s does not start with %q", p, m)
		}
	}
	if _, err := Save(Income(res), dir, "x", []string{"gif"}); err == nil || !strings.Contains(err.Error(), "gif") {
		t.Errorf("unknown format: err = %v", err)
	}
}

func TestInputErrors(t *testing.T) {
	xs := []float64{1, 2}
	if _, err := SweepLines("x", xs, []Line{{Name: "a", Mean: []float64{1}}}, "y", "t"); err == nil {
		t.Error("SweepLines accepted a short line")
	}
	if _, err := SweepLines("x", xs, []Line{{Name: "a", Mean: xs, Low: xs}}, "y", "t"); err == nil {
		t.Error("SweepLines accepted Low without High")
	}
	if _, err := Heatmap("x", "y", xs, xs, [][]float64{{1, 2}}, "z", "t"); err == nil {
		t.Error("Heatmap accepted too few columns")
	}
	if _, err := Heatmap("x", "y", []float64{2, 1}, xs, [][]float64{{1, 2}, {3, 4}}, "z", "t"); err == nil {
		t.Error("Heatmap accepted descending x")
	}
	if _, err := Heatmap("x", "y", []float64{1}, xs, [][]float64{{1, 2}}, "z", "t"); err == nil {
		t.Error("Heatmap accepted one column")
	}
}

// TestColours: a kind keeps its colour whatever else the config holds, a
// second strategy of a kind takes a spare colour, kinds the palette does
// not know take spares without displacing a later built-in kind, and past
// eight strategies the palette repeats by position.
func TestColours(t *testing.T) {
	blue, orange, vermillion, green := Colour(0), Colour(1), Colour(2), Colour(3)
	purple, sky, black, yellow := Colour(4), Colour(5), Colour(6), Colour(7)
	for _, tc := range []struct {
		kinds []string
		want  []color.RGBA
	}{
		{[]string{"giver", "scorekeeper", "taker"}, []color.RGBA{blue, vermillion, green}},
		{[]string{"giver", "giver", "scorekeeper", "taker"}, []color.RGBA{blue, orange, vermillion, green}},
		{[]string{"giver", "taker"}, []color.RGBA{blue, green}},
		{[]string{"taker", "giver"}, []color.RGBA{green, blue}},
		{[]string{"mine", "scorekeeper", "giver", "giver", "giver"}, []color.RGBA{orange, vermillion, blue, black, yellow}},
		{[]string{"hunter", "discriminator"}, []color.RGBA{purple, sky}},
		{[]string{"giver", "giver", "giver", "giver", "giver", "giver", "giver", "giver", "giver"},
			[]color.RGBA{blue, orange, black, yellow, vermillion, green, purple, sky, Colour(8)}},
	} {
		got := Colours(tc.kinds)
		if len(got) != len(tc.want) {
			t.Fatalf("%v: %d colours", tc.kinds, len(got))
		}
		for s := range got {
			if got[s] != tc.want[s] {
				t.Errorf("%v: strategy %d is %v, want %v", tc.kinds, s, got[s], tc.want[s])
			}
		}
	}
}

func TestColour(t *testing.T) {
	if c := Colour(0); c != (color.RGBA{0x00, 0x72, 0xB2, 0xFF}) {
		t.Errorf("Colour(0) = %v, want Okabe-Ito blue", c)
	}
	if Colour(8) != Colour(0) || Colour(-1) != Colour(7) {
		t.Error("Colour does not cycle through the palette")
	}
	seen := map[color.RGBA]bool{}
	for i := range len(PaletteNames) {
		seen[Colour(i)] = true
	}
	if len(seen) != len(PaletteNames) {
		t.Error("palette colours are not distinct")
	}
}

func TestDollars(t *testing.T) {
	for v, want := range map[float64]string{
		0: "$0", 750: "$750", 12000: "$12k", 1.2e6: "$1.2M", -5000: "-$5k",
		1.25e6: "$1.25M", 999.6: "$1k", 12345: "$12.3k", 250000: "$250k", 3e9: "$3B",
	} {
		if got := Dollars(v); got != want {
			t.Errorf("Dollars(%g) = %q, want %q", v, got, want)
		}
	}
	if got := Percent(-1e-17); got != "0%" {
		t.Errorf("Percent(-0) = %q", got)
	}
	for n, want := range map[int]string{0: "0", 7: "7", 300: "300", 1000: "1,000", 336000: "336,000",
		1234567: "1,234,567", -12000: "-12,000"} {
		if got := Count(n); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
}

// handMade builds a Result of three strategies over 520 weeks whose final
// (and every) income is given per strategy; givers and takers are also
// pooled by kind.
func handMade(kinds []string, final []sim.Stat) *sim.Result {
	const rounds = 520
	res := &sim.Result{Rounds: rounds, KindIncome: map[string][]sim.Stat{}}
	res.Series = make([][][]sim.Stat, len(sim.Metrics()))
	for m := range res.Series {
		res.Series[m] = make([][]sim.Stat, len(kinds))
		for s := range kinds {
			res.Series[m][s] = make([]sim.Stat, rounds)
			for r := range rounds {
				res.Series[m][s][r] = final[s]
			}
		}
	}
	for s, k := range kinds {
		res.Strategies = append(res.Strategies, k)
		res.Kinds = append(res.Kinds, k)
		res.KindIncome[k] = res.Series[sim.Income][s]
		res.Config.Strategies = append(res.Config.Strategies, sim.StrategySpec{Name: k, Kind: k, Share: 1 / float64(len(kinds))})
	}
	return res
}

func st(mean, half float64) sim.Stat {
	return sim.Stat{Mean: mean, Low: mean - half, High: mean + half, N: 32}
}

func TestSharesTitle(t *testing.T) {
	kinds := []string{"giver", "scorekeeper", "taker"} // each starts at 33%
	for _, tc := range []struct {
		name   string
		shares []sim.Stat
		want   string
	}{
		{"drift", []sim.Stat{st(0.35, 0.05), st(0.32, 0.05), st(0.33, 0.05)}, "No strategy took over"},
		{"takeover", []sim.Stat{st(0.95, 0.02), st(0.03, 0.01), st(0.02, 0.01)}, "Givers took over: 95% of members"},
		{"taker grows", []sim.Stat{st(0.2, 0.02), st(0.2, 0.02), st(0.6, 0.02)}, "Takers grew from 33% to 60% of members"},
		{"taker dies", []sim.Stat{st(0.5, 0.02), st(0.5, 0.02), st(0, 0)}, "Takers died out"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := handMade(kinds, []sim.Stat{st(1, 0), st(1, 0), st(1, 0)})
			for s, v := range tc.shares {
				res.Series[sim.Share][s][res.Rounds-1] = v
			}
			if got := SharesTitle(res); !strings.HasPrefix(got, tc.want) {
				t.Errorf("got %q, want prefix %q", got, tc.want)
			}
		})
	}
}

func TestDecilesTitle(t *testing.T) {
	kinds := []string{"giver", "taker"}
	mk := func(bottom, top float64) *sim.Result {
		res := handMade(kinds, []sim.Stat{st(1, 0), st(1, 0)})
		res.Deciles = make([][]sim.Stat, 10)
		for d := range res.Deciles {
			g := 0.5
			switch d {
			case 0:
				g = bottom
			case 9:
				g = top
			}
			// Keep the mean over deciles at 50% for the giver.
			if d == 1 {
				g = 0.5 - (bottom - 0.5) - (top - 0.5)
			}
			res.Deciles[d] = []sim.Stat{st(g, 0.03), st(1-g, 0.03)}
		}
		return res
	}
	for _, tc := range []struct {
		bottom, top float64
		want        string
	}{
		{0.7, 0.7, "Givers are at both ends"},
		{0.3, 0.8, "Givers rise to the top"},
		{0.8, 0.3, "Givers sink to the bottom"},
		{0.5, 0.5, "Givers are spread across the ranks"},
	} {
		if got := DecilesTitle(mk(tc.bottom, tc.top)); !strings.HasPrefix(got, tc.want) {
			t.Errorf("bottom %g top %g: got %q, want prefix %q", tc.bottom, tc.top, got, tc.want)
		}
	}
}

func TestProfessionsTitle(t *testing.T) {
	res := handMade([]string{"giver", "taker"}, []sim.Stat{st(1, 0), st(1, 0)})
	res.Professions = []string{"florist", "plumber", "realtor"}
	res.ByProfession = [][]sim.Stat{
		{st(100, 10), st(50, 10)},  // giver clearly
		{st(100, 60), st(90, 10)},  // giver, not clearly
		{st(100, 10), st(300, 10)}, // taker
	}
	want := "Givers earned most in 2 of 3 professions, clearly in 1"
	if got := ProfessionsTitle(res); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestRealTitlesFollowData(t *testing.T) {
	res := small(t)
	title := IncomeTitle(res)
	// The income title is the verdict's first clause, whose direction
	// follows the paired difference of kind incomes across replicates.
	first, _, _ := strings.Cut(report.Verdict(res), ";")
	if title != strings.TrimSuffix(first, ".") {
		t.Errorf("title %q is not the verdict's first clause %q", title, first)
	}
	g := res.KindIncome["giver"][res.Rounds-1].Mean
	tk := res.KindIncome["taker"][res.Rounds-1].Mean
	switch {
	case strings.HasPrefix(title, "No clear winner"):
	case strings.HasPrefix(title, "Givers"):
		if !(g > tk) {
			t.Errorf("title %q but givers' mean %v <= takers' %v", title, g, tk)
		}
	case strings.HasPrefix(title, "Takers"):
		if !(tk > g) {
			t.Errorf("title %q but takers' mean %v <= givers' %v", title, tk, g)
		}
	default:
		t.Errorf("title %q names no winner", title)
	}
	if !strings.Contains(title, "after 120 weeks") {
		t.Errorf("title %q lacks the horizon", title)
	}
}

// TestIncomeGroups: a catalogue of up to 16 professions is charted by
// profession; a larger one whose professions all have a category, by
// category. With one profession per category the category statistics are
// the profession statistics (the same members pooled the same way).
func TestIncomeGroups(t *testing.T) {
	cfg := sim.Default()
	cfg.Population.Members, cfg.Population.ChapterSize, cfg.Rounds, cfg.Replicates = 60, 15, 26, 3
	cfg.Professions = nil
	for i := range maxProfessionBars + 4 {
		cfg.Professions = append(cfg.Professions, sim.Profession{Name: fmt.Sprintf("p%d", i), Category: fmt.Sprintf("c%d", i),
			Share: 1, Demand: 1, Median: float64(100 * (i + 1)), Sigma: 0.5, Margin: 0.5})
	}
	res, err := sim.Run(context.Background(), cfg, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	g := incomeGroups(res)
	if g.what != "category" || len(g.names) != len(cfg.Professions) {
		t.Fatalf("grouped by %s into %d groups, want by category into %d", g.what, len(g.names), len(cfg.Professions))
	}
	for c := range g.stats {
		for s := range g.stats[c] {
			a, b := g.stats[c][s], res.ByProfession[c][s]
			if a.N != b.N || math.Abs(a.Mean-b.Mean) > 1e-9*math.Max(1, math.Abs(b.Mean)) {
				t.Fatalf("category %d, strategy %d: %+v, profession statistic %+v", c, s, a, b)
			}
		}
	}
	res.Config.Professions[3].Category = ""
	if g := incomeGroups(res); g.what != "profession" {
		t.Errorf("a profession without a category: grouped by %s, want by profession", g.what)
	}
	if g := incomeGroups(small(t)); g.what != "category" || len(g.names) != 8 {
		t.Errorf("the default catalogue: grouped by %s into %d, want 8 categories", g.what, len(g.names))
	}
}
