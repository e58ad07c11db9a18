// Package chart draws slide-ready charts of simulation results with
// gonum.org/v1/plot.
//
// Every chart is laid out for a 16:9 slide (13.33 in x 7.5 in; a PNG is
// 1920x1080 pixels), in Liberation Sans at sizes meant to be read from the
// back of a room (title 28 pt, axis labels 22 pt, ticks and legend 18 pt),
// with thick lines and the Okabe-Ito colour-blind-safe palette. A strategy's
// colour follows its kind (see Colours), in every chart and every package
// that uses this one, so a taker is the same green on every slide, whatever
// else the config holds.
//
// Each chart's title states its finding, computed from the data. The
// income chart's is the verdict's headline (report.Headline): who
// out-earned whom and by how much, with the 95% interval of the paired
// difference, or that there is no clear winner when that interval includes
// zero. The others compare means or medians and call a difference clear
// by 95% intervals: a share whose interval excludes a reference share, a
// lead whose interval lies above every other's. Nothing in a title is
// hard-coded.
//
// The strategy palette (Okabe & Ito 2008): giver blue #0072B2, scorekeeper
// vermillion #D55E00, taker bluish green #009E73, hunter reddish purple
// #CC79A7, discriminator sky blue #56B4E9; a second strategy of a kind
// already coloured (an otherish next to a selfless giver) takes the first
// free colour of orange #E69F00, black #000000 and yellow #F0E442, then
// the rest in palette order. Heat maps use ColorBrewer's RdBu
// (red below zero, white at zero, blue above), also colour-blind safe.
//
// The chart functions take a *sim.Result (Income, Distribution, Deciles,
// Flows, Professions, Shares) or plain numbers (SweepLines, Heatmap) and
// return a *Chart; Save writes it as PNG, SVG and/or PDF, and WriteAll
// writes the standard set of a run.
package chart

import (
	"bufio"
	"errors"
	"fmt"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	stdfnt "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"

	"codeberg.org/go-pdf/fpdf"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Slide geometry: 16:9 at 144 dots per inch gives a 1920x1080 PNG.
const (
	// Width and Height are the size of every chart.
	Width  = 1920 * vg.Inch / DPI
	Height = 1080 * vg.Inch / DPI
	// DPI is the resolution of PNG output.
	DPI = 144
)

// Type sizes, in points.
const (
	TitleSize    = 28
	SubtitleSize = 18
	LabelSize    = 22
	TickSize     = 18
	LegendSize   = 18
	// AnnotationSize is the size of values and notes written on the data.
	AnnotationSize = 16
	// LineWidth is the width of data lines, in points.
	LineWidth = 3.5
)

// okabeIto is the Okabe-Ito palette (Okabe & Ito 2008, "Color Universal
// Design"). The default mix (giver, scorekeeper, taker) gets blue,
// vermillion and bluish green, which differ in lightness as well as hue
// for every colour-vision deficiency. Yellow is the last spare: it is hard
// to see on white.
var okabeIto = [...]color.RGBA{
	{0x00, 0x72, 0xB2, 0xFF}, // blue
	{0xE6, 0x9F, 0x00, 0xFF}, // orange
	{0xD5, 0x5E, 0x00, 0xFF}, // vermillion
	{0x00, 0x9E, 0x73, 0xFF}, // bluish green
	{0xCC, 0x79, 0xA7, 0xFF}, // reddish purple
	{0x56, 0xB4, 0xE9, 0xFF}, // sky blue
	{0x00, 0x00, 0x00, 0xFF}, // black
	{0xF0, 0xE4, 0x42, 0xFF}, // yellow
}

// PaletteNames names the colours of the palette in Colour order.
var PaletteNames = [...]string{
	"blue #0072B2", "orange #E69F00", "vermillion #D55E00", "bluish green #009E73",
	"reddish purple #CC79A7", "sky blue #56B4E9", "black #000000", "yellow #F0E442",
}

// Colour returns colour i of the palette, in the order of PaletteNames,
// repeating after eight.
func Colour(i int) color.RGBA {
	n := len(okabeIto)
	return okabeIto[((i%n)+n)%n]
}

// kindColour is the palette position each built-in strategy kind asks for.
// Orange, black and yellow are no kind's own: they go first to a second
// strategy of a kind (an otherish next to a selfless giver) or to a kind
// with no colour of its own (spareOrder).
var kindColour = map[string]int{"giver": 0, "scorekeeper": 2, "taker": 3, "hunter": 4, "discriminator": 5}

// spareOrder is the order in which strategies without a colour of their
// own take the colours left over.
var spareOrder = [...]int{1, 6, 7, 0, 2, 3, 4, 5}

// Colours returns each strategy's colour from the strategies' kinds in
// config order. The first strategy of each built-in kind gets its kind's
// colour; every other strategy, in config order, the first colour still
// free in spareOrder; once all eight are taken, the palette by position.
// So a taker is the same green in every preset, and the same kinds in the
// same order always get the same colours.
func Colours(kinds []string) []color.RGBA {
	out := make([]color.RGBA, len(kinds))
	var used [len(okabeIto)]bool
	coloured := make([]bool, len(kinds))
	for s, k := range kinds {
		if c, ok := kindColour[k]; ok && !used[c] {
			used[c], coloured[s] = true, true
			out[s] = okabeIto[c]
		}
	}
	for s := range kinds {
		if coloured[s] {
			continue
		}
		out[s] = Colour(s)
		for _, c := range spareOrder {
			if !used[c] {
				used[c] = true
				out[s] = okabeIto[c]
				break
			}
		}
	}
	return out
}

// translucent returns c with opacity a (0..1).
func translucent(c color.RGBA, a float64) color.Color {
	return color.NRGBA{R: c.R, G: c.G, B: c.B, A: uint8(math.Round(a * 255))}
}

var (
	sans     = font.Font{Typeface: "Liberation", Variant: "Sans"}
	sansBold = font.Font{Typeface: "Liberation", Variant: "Sans", Weight: stdfnt.WeightBold}
	grey     = color.Gray{Y: 0x55}
	gridGrey = color.Gray{Y: 0xDD}
)

// style returns a text style of the given font and size.
func style(f font.Font, size vg.Length, c color.Color) text.Style {
	return text.Style{
		Color:   c,
		Font:    font.From(f, size),
		Handler: plot.DefaultTextHandler,
	}
}

// newPlot returns a plot with the slide theme: large sans-serif type,
// thicker axes, no title (the Chart draws it).
func newPlot() *plot.Plot {
	p := plot.New()
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sans, LabelSize)
		a.Label.Padding = vg.Points(8)
		a.Tick.Label.Font = font.From(sans, TickSize)
		a.Tick.Width = vg.Points(1.5)
		a.Tick.Length = vg.Points(8)
		a.Width = vg.Points(1.5)
		a.Padding = vg.Points(4)
	}
	return p
}

// Chart is one finished slide: a plot, the sentence that states its
// finding, and what gonum/plot cannot hold itself (a legend beside the
// data, a colour bar).
type Chart struct {
	// Plot holds the data, axes and legend entries. Its own Title is left
	// empty: the Chart draws Title above it, left-aligned and wrapped.
	Plot *plot.Plot
	// Title states the finding, e.g. "Givers out-earned takers by 38%
	// (95% CI 31-45%) after 10 years". It is computed from the data.
	Title string
	// Subtitle says what is plotted (means, intervals, replicates).
	Subtitle string

	// key is the legend, drawn in a column right of the data; keyNames
	// are its entries' texts (plot.Legend keeps them private).
	key      plot.Legend
	keyNames []string
	// colorBar, if set, is drawn right of the data, aligned with it.
	colorBar *plot.Plot
}

// Draw draws the chart onto c: title and subtitle at the top, the legend
// or colour bar in a column on the right, the plot in the rest.
func (ch *Chart) Draw(c draw.Canvas) { ch.draw(c, sansBold) }

// draw draws the chart with the title in titleFont. (PDF output uses the
// regular face: gonum/plot v0.17's vgpdf registers fonts without their
// style and so cannot find a bold face again.)
func (ch *Chart) draw(c draw.Canvas, titleFont font.Font) {
	c.SetColor(color.White)
	c.Fill(c.Rectangle.Path())
	margin := vg.Points(18)
	c = draw.Crop(c, margin, -margin, margin, -margin)
	width := c.Max.X - c.Min.X

	y := c.Max.Y
	for _, part := range []struct {
		txt string
		sty text.Style
		gap vg.Length
	}{
		{ch.Title, style(titleFont, TitleSize, color.Black), vg.Points(6)},
		{ch.Subtitle, style(sans, SubtitleSize, grey), vg.Points(14)},
	} {
		if part.txt == "" {
			continue
		}
		part.sty.XAlign, part.sty.YAlign = draw.XLeft, draw.YTop
		txt := wrap(part.txt, part.sty, width)
		c.FillText(part.sty, vg.Point{X: c.Min.X, Y: y}, txt)
		y -= part.sty.Height(txt) + part.gap
	}
	c.Max.Y = y

	if len(ch.keyNames) > 0 {
		lw := legendWidth(&ch.key, ch.keyNames)
		col := draw.Crop(c, c.Max.X-c.Min.X-lw, 0, 0, 0)
		c = draw.Crop(c, 0, -lw-vg.Points(24), 0, 0)
		data := ch.Plot.DataCanvas(c)
		col.Max.Y = data.Max.Y
		ch.key.Draw(col)
		ch.Plot.Draw(c)
		return
	}
	if ch.colorBar != nil {
		bw := vg.Points(150)
		col := draw.Crop(c, c.Max.X-c.Min.X-bw, 0, 0, 0)
		c = draw.Crop(c, 0, -bw-vg.Points(24), 0, 0)
		data := ch.Plot.DataCanvas(c)
		col.Min.Y, col.Max.Y = data.Min.Y, data.Max.Y
		ch.Plot.Draw(c)
		ch.colorBar.Draw(col)
		return
	}
	ch.Plot.Draw(c)
}

// newChart returns an empty chart on a themed plot.
func newChart(title, subtitle string) *Chart {
	ch := &Chart{Plot: newPlot(), Title: title, Subtitle: subtitle}
	ch.key = plot.NewLegend()
	ch.key.TextStyle.Font = font.From(sans, LegendSize)
	ch.key.ThumbnailWidth = vg.Points(36)
	ch.key.Padding = vg.Points(10)
	ch.key.Left, ch.key.Top = true, true
	return ch
}

// addKey adds a legend entry, drawn in the column right of the data.
func (ch *Chart) addKey(name string, thumbs ...plot.Thumbnailer) {
	ch.key.Add(name, thumbs...)
	ch.keyNames = append(ch.keyNames, name)
}

// legendWidth is the width of a legend whose entries are names.
func legendWidth(l *plot.Legend, names []string) vg.Length {
	var w vg.Length
	for _, n := range names {
		w = max(w, l.TextStyle.Width(" "+n))
	}
	return w + l.ThumbnailWidth + vg.Points(4)
}

// wrap breaks txt into lines no wider than width at spaces.
func wrap(txt string, sty text.Style, width vg.Length) string {
	var lines []string
	for _, para := range strings.Split(txt, "\n") {
		words := strings.Fields(para)
		line := ""
		for _, w := range words {
			try := w
			if line != "" {
				try = line + " " + w
			}
			if line != "" && sty.Width(try) > width {
				lines = append(lines, line)
				line = w
				continue
			}
			line = try
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// Save writes c to dir/basename.<format> for each format ("png", "svg",
// "pdf"; case-insensitive; none means png) and returns the paths written.
// SVG and PDF embed their fonts, so they look the same on any machine.
func Save(c *Chart, dir, basename string, formats []string) ([]string, error) {
	if c == nil || c.Plot == nil {
		return nil, errors.New("chart: nothing to save")
	}
	if len(formats) == 0 {
		formats = []string{"png"}
	}
	var paths []string
	seen := map[string]bool{}
	for _, f := range formats {
		f = strings.ToLower(strings.TrimSpace(f))
		if seen[f] {
			continue
		}
		seen[f] = true
		path := filepath.Join(dir, basename+"."+f)
		if err := saveOne(c, path, f); err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}

func init() {
	// A PDF records when it was made; pin that to a fixed instant so that
	// identical runs (and a sharded sweep and its merge) give identical
	// bytes in every format. fpdf reads these package defaults when
	// vgpdf creates a document; they are set once, here, before any use.
	fixed := time.Unix(0, 0).UTC()
	fpdf.SetDefaultCreationDate(fixed)
	fpdf.SetDefaultModificationDate(fixed)
}

// Formats lists the output formats Save accepts.
func Formats() []string { return []string{"png", "svg", "pdf"} }

func saveOne(c *Chart, path, format string) (err error) {
	var vc vg.CanvasSizer
	var write func(f *os.File) error
	titleFont := sansBold
	switch format {
	case "png":
		img := vgimg.NewWith(vgimg.UseWH(Width, Height), vgimg.UseDPI(DPI))
		vc = img
		// BestSpeed: the charts are flat colours and text, which
		// compress well at any level; the default level took 0.38 s of
		// the default run's 0.66 s of charts, for 4% fewer bytes.
		write = func(f *os.File) error {
			b := bufio.NewWriter(f)
			if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(b, img.Image()); err != nil {
				return err
			}
			return b.Flush()
		}
	case "svg":
		s := vgsvg.NewWith(vgsvg.UseWH(Width, Height), vgsvg.EmbedFonts(true))
		vc = s
		write = func(f *os.File) error { _, err := s.WriteTo(f); return err }
	case "pdf":
		pd := vgpdf.New(Width, Height)
		pd.EmbedFonts(true)
		vc = pd
		titleFont = sans
		write = func(f *os.File) error { _, err := pd.WriteTo(f); return err }
	default:
		return fmt.Errorf("chart: unknown format %q (want one of %s)", format, strings.Join(Formats(), ", "))
	}
	c.draw(draw.New(vc), titleFont)
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	return write(f)
}
