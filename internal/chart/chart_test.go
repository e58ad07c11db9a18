package chart

import (
	"bytes"
	"compress/zlib"
	"context"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/giversgain/giversgain/internal/findings"
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

// checkPNG decodes a PNG and checks it is a slide w pixels wide and
// 1080 high with real content: many colours and a fair share of
// non-white pixels.
func checkPNG(t *testing.T, path string, w int) {
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
	if b.Dx() != w || b.Dy() != 1080 {
		t.Errorf("%s: size %dx%d, want %dx1080", path, b.Dx(), b.Dy(), w)
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

// en and de are the options of English and German charts.
var (
	en = Options{}
	de = Options{Words: findings.Words{Lang: findings.German}}
)

func TestRunChartsRender(t *testing.T) {
	res := small(t)
	for _, tc := range []struct {
		name string
		opt  Options
		w    int
	}{
		{"en", en, 1920},
		{"de-research-dark", Options{Words: findings.Words{Lang: findings.German, Titles: findings.Research}, Theme: Dark}, 1920},
		{"en-4:3", Options{Aspect: Standard}, 1440},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			paths, err := WriteAll(res, dir, nil, tc.opt)
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
				checkPNG(t, p, tc.w)
			}
			for _, n := range ForRun(res, tc.opt) {
				if n.Chart.Title == "" || n.Chart.Subtitle == "" {
					t.Errorf("%s: missing title or subtitle", n.Name)
				}
			}
		})
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
	words := findings.Slide{Title: "Givers gain with visibility", X: "visibility", Y: "Final income", Interval: "95% interval"}
	sw, err := SweepLines(words, xs, lines, Money, en)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := Save(sw, dir, "sweep", []string{"png"})
	if err != nil {
		t.Fatal(err)
	}
	checkPNG(t, ps[0], 1920)

	// A log-spaced axis and lines without bands also render.
	logx := []float64{0.01, 0.1, 1, 10}
	sw, err = SweepLines(findings.Slide{Title: "Income by cost", Subtitle: "A log-spaced axis", X: "cost", Y: "income"}, logx, []Line{{Name: "giver", Mean: []float64{1, 2, 3, 4}}}, Number, de)
	if err != nil {
		t.Fatal(err)
	}
	ps, err = Save(sw, dir, "sweep-log", nil)
	if err != nil {
		t.Fatal(err)
	}
	checkPNG(t, ps[0], 1920)

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
	hm, err := Heatmap(findings.Slide{Title: "Givers gain above 0.4", X: "visibility", Y: "giver share", Keys: []string{"Giver advantage"}}, xs, ys, z, Money, en)
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
	checkPNG(t, ps[0], 1920)
}

// income is the income chart of res in opt.
func income(res *sim.Result, opt Options) *Chart {
	run := findings.Of(res)
	s, _ := opt.Words.Slide(run, "income")
	return Income(run, s, opt)
}

func TestSaveFormats(t *testing.T) {
	res := small(t)
	dir := t.TempDir()
	paths, err := Save(income(res, en), dir, "income", Formats())
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
	if _, err := Save(income(res, en), dir, "x", []string{"gif"}); err == nil || !strings.Contains(err.Error(), "gif") {
		t.Errorf("unknown format: err = %v", err)
	}
}

// pdfContent returns the inflated content streams of a PDF.
func pdfContent(t *testing.T, pdf []byte) string {
	t.Helper()
	var out strings.Builder
	for rest := pdf; ; {
		i := bytes.Index(rest, []byte("stream\n"))
		if i < 0 {
			break
		}
		rest = rest[i+len("stream\n"):]
		j := bytes.Index(rest, []byte("endstream"))
		if j < 0 {
			break
		}
		if r, err := zlib.NewReader(bytes.NewReader(rest[:j])); err == nil {
			b, _ := io.ReadAll(r)
			out.Write(b)
		}
		rest = rest[j:]
	}
	return out.String()
}

// TestPDFColoursAndBold: a translucent band is filled with its colour at
// its opacity, not with the colour premultiplied by the opacity and made
// translucent again (gonum/plot's vgpdf takes premultiplied colours as
// straight ones), and the title is bold.
func TestPDFColoursAndBold(t *testing.T) {
	res := small(t)
	dir := t.TempDir()
	paths, err := Save(income(res, en), dir, "income", []string{"pdf"})
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	content := pdfContent(t, pdf)
	// The taker's bluish green #009E73, straight, and premultiplied by
	// the band's 0.22 as vgpdf wrote it before.
	if !strings.Contains(content, "0.000 0.620 0.451 rg") {
		t.Error("the taker's colour #009E73 is not in the PDF")
	}
	if strings.Contains(content, "0.000 0.133 0.098 rg") {
		t.Error("the taker's band is premultiplied by its opacity (0.000 0.133 0.098 rg)")
	}
	if !bytes.Contains(pdf, []byte("/ca 0.22")) {
		t.Error("no fill at the bands' opacity 0.22")
	}
	// The bold title is drawn as Liberation Sans Bold's outlines (curves),
	// over the same text set invisibly in the one embedded font.
	if n := strings.Count(content, " v\n") + strings.Count(content, " c\n"); n < 100 {
		t.Errorf("only %d curves: the title is not drawn in outlines", n)
	}
	if n := bytes.Count(pdf, []byte("/BaseFont /")); n != 1 {
		t.Errorf("%d fonts embedded, want one (vgpdf gives every font program one file name)", n)
	}
	// German text reaches the PDF in its fonts' encoding (cp1252), not
	// as UTF-8 bytes that print as "Ã¤".
	paths, err = Save(income(res, de), dir, "income-de", []string{"pdf"})
	if err != nil {
		t.Fatal(err)
	}
	if content := pdfContent(t, read(t, paths[0])); !strings.Contains(content, "\xfcber") || strings.Contains(content, "\xc3\xbc") {
		t.Error("the German subtitle's \"über\" is not in cp1252")
	}
}

func read(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestChartsDeterministic: drawing the same charts twice gives the same
// bytes in every format.
func TestChartsDeterministic(t *testing.T) {
	res := small(t)
	read := func() map[string][]byte {
		dir := t.TempDir()
		paths, err := WriteAll(res, dir, Formats(), de)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string][]byte{}
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			out[filepath.Base(p)] = b
		}
		return out
	}
	a, b := read(), read()
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between two drawings", name)
		}
	}
}

func TestInputErrors(t *testing.T) {
	xs := []float64{1, 2}
	w := findings.Slide{Title: "t"}
	if _, err := SweepLines(w, xs, []Line{{Name: "a", Mean: []float64{1}}}, Number, en); err == nil {
		t.Error("SweepLines accepted a short line")
	}
	if _, err := SweepLines(w, xs, []Line{{Name: "a", Mean: xs, Low: xs}}, Number, en); err == nil {
		t.Error("SweepLines accepted Low without High")
	}
	if _, err := Heatmap(w, xs, xs, [][]float64{{1, 2}}, Number, en); err == nil {
		t.Error("Heatmap accepted too few columns")
	}
	if _, err := Heatmap(w, []float64{2, 1}, xs, [][]float64{{1, 2}, {3, 4}}, Number, en); err == nil {
		t.Error("Heatmap accepted descending x")
	}
	if _, err := Heatmap(w, []float64{1}, xs, [][]float64{{1, 2}}, Number, en); err == nil {
		t.Error("Heatmap accepted one column")
	}
	for _, bad := range []func() error{
		func() error { _, err := ParseAspect("3:2"); return err },
		func() error { _, err := ParseTheme("sepia"); return err },
	} {
		if bad() == nil {
			t.Error("a bad aspect or theme was accepted")
		}
	}
}

// TestTicksAllLabelled: every tick of a money axis, negative ones
// included, carries a label, in the language's notation.
func TestTicksAllLabelled(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		n      findings.Numbers
		want   string
	}{
		{-450000, 90000, findings.English.Num(), "-$400k"},
		{-12000, -2000, findings.English.Num(), "-$10k"},
		{-450000, 90000, findings.German.Num(), "-400.000\u00a0$"},
	} {
		ts := dollarTicks{n: tc.n}.Ticks(tc.lo, tc.hi)
		if len(ts) < 3 {
			t.Errorf("%g..%g: only %d ticks", tc.lo, tc.hi, len(ts))
		}
		found := false
		for _, tk := range ts {
			if tk.Label == "" {
				t.Errorf("%g..%g: tick at %g has no label", tc.lo, tc.hi, tk.Value)
			}
			found = found || tk.Label == tc.want
		}
		if !found {
			t.Errorf("%g..%g: no tick labelled %q in %v", tc.lo, tc.hi, tc.want, ts)
		}
	}
}

// TestDistributionOneLinearScale: the distribution chart's axis is linear
// (dollar ticks, no log transform) and spans every box and whisker.
func TestDistributionOneLinearScale(t *testing.T) {
	res := small(t)
	run := findings.Of(res)
	s, _ := en.Words.Slide(run, "distribution")
	ch := Distribution(run, s, en)
	if _, ok := ch.Plot.Y.Tick.Marker.(dollarTicks); !ok {
		t.Errorf("y ticks are %T, want a linear dollar axis", ch.Plot.Y.Tick.Marker)
	}
	d := run.Distribution
	for st, w := range d.Whiskers {
		if d.Members[st] > 0 && (w[0] < ch.Plot.Y.Min || w[1] > ch.Plot.Y.Max) {
			t.Errorf("strategy %d: whiskers %v outside the axis %g..%g", st, w, ch.Plot.Y.Min, ch.Plot.Y.Max)
		}
	}
}

// TestDecilesLineFollowsFocus: the dashed reference line is the share of
// the strategy the title is about (the first giver), not the first
// strategy's.
func TestDecilesLineFollowsFocus(t *testing.T) {
	cfg := sim.Default()
	cfg.Population.Members, cfg.Population.ChapterSize, cfg.Rounds, cfg.Replicates = 60, 20, 26, 2
	cfg.Strategies = []sim.StrategySpec{{Name: "taker", Kind: "taker", Share: 0.7}, {Name: "giver", Kind: "giver", Share: 0.3}}
	res, err := sim.Run(context.Background(), cfg, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	run := findings.Of(res)
	s, _ := en.Words.Slide(run, "deciles")
	ch := Deciles(run, s, en)
	want := findings.OverallShare(res, 1)
	// Plot keeps its plotters private: the chart records where it drew
	// the line.
	if math.Abs(ch.refLine-want) > 1e-12 {
		t.Errorf("reference line at %g, want the givers' share %g", ch.refLine, want)
	}
	if !strings.HasPrefix(s.Mark, "giver:") {
		t.Errorf("the line's legend %q does not name the givers", s.Mark)
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
