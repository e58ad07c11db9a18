// Package chart draws slide-ready charts of simulation results with
// gonum.org/v1/plot.
//
// Every chart is laid out for a slide: 16:9 by default (13.33 in x 7.5 in;
// a PNG is 1920x1080 pixels) or 4:3 (10 in x 7.5 in, 1440x1080) for
// projectors that need it, on a light or a dark background (Theme), in
// Liberation Sans at sizes meant to be read from the back of a room (bold
// title 28 pt, axis labels 22 pt, ticks and legend 18 pt), with thick
// lines and the Okabe-Ito colour-blind-safe palette. A strategy's colour
// follows its kind (see Colours), in every chart and every package that
// uses this one, so a taker is the same green on every slide, whatever
// else the config holds.
//
// Charts take their words as strings: a findings.Slide holds a chart's
// title (its finding, computed from the data by package findings),
// subtitle, axis titles, legend and notes, in the language and title
// style of Options.Words; numbers on the axes are written as that
// language writes them. Nothing a person reads is composed here.
//
// The strategy palette (Okabe & Ito 2008): giver blue #0072B2, scorekeeper
// vermillion #D55E00, taker bluish green #009E73, hunter reddish purple
// #CC79A7, discriminator sky blue #56B4E9; a second strategy of a kind
// already coloured (an otherish next to a selfless giver) takes the first
// free colour of orange #E69F00, black #000000 and yellow #F0E442, then
// the rest in palette order (on the dark theme black is drawn white).
// Heat maps use ColorBrewer's RdBu (red below zero, white at zero, blue
// above), also colour-blind safe.
//
// The run charts take a *sim.Result with its findings (Income,
// Distribution, Deciles, Flows, Professions, Shares); the sweep charts
// take plain numbers (SweepLines, Heatmap). Each returns a *Chart; Save
// writes it as PNG, SVG and/or PDF, and WriteAll writes the standard set
// of a run. Every chart is deterministic: the same data and options give
// the same bytes.
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
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/text/encoding/charmap"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/giversgain/giversgain/internal/findings"
)

// Slide geometry: 16:9 at 144 dots per inch gives a 1920x1080 PNG.
const (
	// Width and Height are the size of a 16:9 chart (Wide).
	Width  = 1920 * vg.Inch / DPI
	Height = 1080 * vg.Inch / DPI
	// DPI is the resolution of PNG output.
	DPI = 144
)

// Aspect is a chart's shape.
type Aspect int

const (
	// Wide is 16:9, 1920x1080 pixels: today's projectors and screens.
	Wide Aspect = iota
	// Standard is 4:3, 1440x1080 pixels: older projectors.
	Standard
)

// ParseAspect reads an aspect: "16:9" (or "") or "4:3".
func ParseAspect(s string) (Aspect, error) {
	switch strings.TrimSpace(s) {
	case "", "16:9":
		return Wide, nil
	case "4:3":
		return Standard, nil
	}
	return Wide, fmt.Errorf("unknown aspect %q; expected 16:9 or 4:3", s)
}

// Size is the width and height of a chart of this aspect.
func (a Aspect) Size() (w, h vg.Length) {
	if a == Standard {
		return 1440 * vg.Inch / DPI, Height
	}
	return Width, Height
}

// Theme is a chart's colours apart from the data's.
type Theme int

const (
	// Light is dark type on white: print, bright rooms.
	Light Theme = iota
	// Dark is light type on near-black: projectors in dim rooms.
	Dark
)

// ParseTheme reads a theme: "light" (or "") or "dark".
func ParseTheme(s string) (Theme, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "light":
		return Light, nil
	case "dark":
		return Dark, nil
	}
	return Light, fmt.Errorf("unknown theme %q; expected light or dark", s)
}

// colours are a theme's colours.
type colours struct {
	background, ink, muted, grid, zero color.Color
}

func (t Theme) colours() colours {
	if t == Dark {
		return colours{
			background: color.RGBA{0x16, 0x16, 0x16, 0xFF},
			ink:        color.RGBA{0xF2, 0xF2, 0xF2, 0xFF},
			muted:      color.RGBA{0xBB, 0xBB, 0xBB, 0xFF},
			grid:       color.RGBA{0x3C, 0x3C, 0x3C, 0xFF},
			zero:       color.RGBA{0xAA, 0xAA, 0xAA, 0xFF},
		}
	}
	return colours{background: color.White, ink: color.Black, muted: grey, grid: gridGrey, zero: grey}
}

// Options say how charts look and in which words: the language and
// title style (Words; the zero value is English with plain titles), the
// aspect and the theme.
type Options struct {
	Words  findings.Words
	Aspect Aspect
	Theme  Theme
}

// num is how the options' language writes numbers.
func (o Options) num() findings.Numbers { return o.Words.L().Num() }

// palette returns the strategy colours of kinds for the options' theme:
// on the dark theme the palette's black is white.
func (o Options) palette(kinds []string) []color.RGBA {
	pal := Colours(kinds)
	if o.Theme == Dark {
		for i, c := range pal {
			if c == (color.RGBA{0, 0, 0, 0xFF}) {
				pal[i] = color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}
			}
		}
	}
	return pal
}

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
// thicker axes, no title (the Chart draws it), in the theme's colours.
func newPlot(t Theme) *plot.Plot {
	c := t.colours()
	p := plot.New()
	p.BackgroundColor = color.Transparent
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Color, a.Tick.Color = c.ink, c.ink
		a.Label.TextStyle.Color, a.Tick.Label.Color = c.ink, c.ink
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
	// opt is how the chart looks (aspect, theme).
	opt Options
	// refLine is where the deciles chart drew its reference line (for
	// tests: gonum/plot keeps a plot's plotters private).
	refLine float64
	// fit, if set, sizes bars and boxes to the data area's width and
	// height (see fitTo).
	fit func(w, h vg.Length)
	// given and wrapped are axis titles as given and as last wrapped
	// (see wrapPlotLabels).
	given, wrapped map[*plot.Axis]string
}

// fitTo sizes what gonum/plot sizes in absolute lengths (bars, boxes) to
// the data area the plot gets on c, and returns that area: first at a
// hair's width, so that they do not take room from the layout, then at
// their share of the area as it is.
func (ch *Chart) fitTo(c draw.Canvas) draw.Canvas {
	ch.wrapLabels(c)
	if ch.fit == nil {
		return ch.Plot.DataCanvas(c)
	}
	ch.fit(vg.Points(1), vg.Points(1))
	d := ch.Plot.DataCanvas(c)
	ch.fit(d.Max.X-d.Min.X, d.Max.Y-d.Min.Y)
	return ch.Plot.DataCanvas(c)
}

// wrapLabels breaks axis titles too long for the plot's canvas c onto
// more lines: gonum/plot counts an axis title among the things the data
// area must make room for, and one wider than the canvas squeezes the
// data to nothing (German titles on a 4:3 slide).
func (ch *Chart) wrapLabels(c draw.Canvas) { ch.wrapPlotLabels(ch.Plot, c) }

// wrapPlotLabels is wrapLabels for the chart's plot p (the data's, or
// the colour bar's) on canvas c. A title still as this wrapped it last
// time is wrapped afresh from the title it was given, so that a layout
// done twice does not keep the first one's breaks.
func (ch *Chart) wrapPlotLabels(p *plot.Plot, c draw.Canvas) {
	if ch.given == nil {
		ch.given, ch.wrapped = map[*plot.Axis]string{}, map[*plot.Axis]string{}
	}
	// What the other axis takes: the y axis's title, ticks and labels
	// (wide: dollars), the x axis's (two-line category labels).
	for _, a := range []struct {
		l     *plot.Axis
		space vg.Length
	}{{&p.X, c.Max.X - c.Min.X - vg.Points(130)}, {&p.Y, c.Max.Y - c.Min.Y - vg.Points(80)}} {
		text := a.l.Label.Text
		if w, ok := ch.wrapped[a.l]; ok && text == w {
			text = ch.given[a.l]
		}
		ch.given[a.l] = text
		sty := a.l.Label.TextStyle
		sty.Rotation = 0
		if text != "" && sty.Width(text) > a.space {
			text = wrap(text, sty, a.space)
		}
		a.l.Label.Text = text
		ch.wrapped[a.l] = text
	}
}

// colourBarWidth is the width a colour bar's plot needs: its title's
// lines, its widest tick label and the bar.
func colourBarWidth(cb *plot.Plot) vg.Length {
	y := cb.Y
	var widest vg.Length
	for _, t := range y.Tick.Marker.Ticks(y.Min, y.Max) {
		widest = max(widest, y.Tick.Label.Width(t.Label))
	}
	title := y.Label.TextStyle
	title.Rotation = 0
	return title.Height(y.Label.Text) + y.Label.Padding + widest + y.Tick.Length + vg.Points(60)
}

// Size is the chart's width and height (its aspect's).
func (ch *Chart) Size() (w, h vg.Length) { return ch.opt.Aspect.Size() }

// Draw draws the chart onto c: title and subtitle at the top, the legend
// or colour bar in a column on the right, the plot in the rest.
func (ch *Chart) Draw(c draw.Canvas) {
	col := ch.opt.Theme.colours()
	c.SetColor(col.background)
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
		{ch.Title, style(sansBold, TitleSize, col.ink), vg.Points(6)},
		{ch.Subtitle, style(sans, SubtitleSize, col.muted), vg.Points(14)},
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
		data := ch.fitTo(c)
		col.Max.Y = data.Max.Y
		ch.key.Draw(col)
		ch.Plot.Draw(c)
		return
	}
	if ch.colorBar != nil {
		// The colour bar's column: its bar, tick labels and title, which
		// may take two or three lines (German) once wrapped to the
		// data's height; first laid out at 150 points, then at what it
		// needs.
		bw := vg.Points(150)
		var col draw.Canvas
		var data draw.Canvas
		whole := c
		for range 2 {
			col = draw.Crop(whole, whole.Max.X-whole.Min.X-bw, 0, 0, 0)
			c = draw.Crop(whole, 0, -bw-vg.Points(24), 0, 0)
			data = ch.fitTo(c)
			col.Min.Y, col.Max.Y = data.Min.Y, data.Max.Y
			ch.wrapPlotLabels(ch.colorBar, col)
			bw = max(bw, colourBarWidth(ch.colorBar))
		}
		ch.Plot.Draw(c)
		ch.colorBar.Draw(col)
		return
	}
	ch.fitTo(c)
	ch.Plot.Draw(c)
}

// newChart returns an empty chart on a themed plot.
func newChart(title, subtitle string, opt Options) *Chart {
	ch := &Chart{Plot: newPlot(opt.Theme), Title: title, Subtitle: subtitle, opt: opt}
	ch.key = plot.NewLegend()
	ch.key.TextStyle.Font = font.From(sans, LegendSize)
	ch.key.TextStyle.Color = opt.Theme.colours().ink
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
		for _, line := range strings.Split(n, "\n") {
			w = max(w, l.TextStyle.Width(" "+line))
		}
	}
	return w + l.ThumbnailWidth + vg.Points(4)
}

// wrap breaks txt into lines no wider than width at spaces (ASCII ones:
// a no-break space keeps "38 %" or "12.345 $" on one line).
func wrap(txt string, sty text.Style, width vg.Length) string {
	var lines []string
	for _, para := range strings.Split(txt, "\n") {
		words := strings.FieldsFunc(para, func(r rune) bool { return r == ' ' })
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
	// With two fonts (regular and bold) fpdf writes them in map order
	// unless told to sort its catalogues.
	fpdf.SetDefaultCatalogSort(true)
}

// Formats lists the output formats Save accepts.
func Formats() []string { return []string{"png", "svg", "pdf"} }

func saveOne(c *Chart, path, format string) (err error) {
	var vc vg.CanvasSizer
	var write func(f *os.File) error
	w, h := c.Size()
	canvas := func(v vg.CanvasSizer) draw.Canvas { return draw.New(v) }
	switch format {
	case "png":
		img := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(DPI))
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
		s := vgsvg.NewWith(vgsvg.UseWH(w, h), vgsvg.EmbedFonts(true))
		vc = s
		write = func(f *os.File) error { _, err := s.WriteTo(f); return err }
	case "pdf":
		pd := vgpdf.New(w, h)
		pd.EmbedFonts(true)
		vc = pd
		canvas = func(v vg.CanvasSizer) draw.Canvas { return draw.New(&pdfCanvas{CanvasSizer: v}) }
		write = func(f *os.File) error { _, err := pd.WriteTo(f); return err }
	default:
		return fmt.Errorf("chart: unknown format %q (want one of %s)", format, strings.Join(Formats(), ", "))
	}
	c.Draw(canvas(vc))
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

// pdfCanvas mends what gonum/plot v0.17's PDF canvas (vgpdf) gets wrong,
// on our side:
//
//   - colours: vgpdf takes a colour's RGBA(), which Go defines as
//     premultiplied, as the PDF fill colour and then sets the opacity as
//     well, so a translucent band was multiplied by its alpha twice:
//     #009E73 at 22% became "0.000 0.133 0.098 rg" at /ca 0.22, a
//     grey-brown. pdfCanvas hands it straight colours.
//   - text: vgpdf sets UTF-8 strings in fonts it embeds with the WinAnsi
//     (cp1252) encoding, so "ä" printed as "Ã¤". pdfCanvas hands it
//     cp1252.
//   - bold: vgpdf embeds every font program under one file name, so a
//     second font (the bold title's) overwrote the first and both printed
//     in one face. pdfCanvas draws bold text, and text with characters
//     cp1252 lacks (▲, ←), as filled glyph outlines, with the same text
//     set invisibly in the regular face under them, so that the PDF
//     embeds one font and its text can still be searched and copied.
type pdfCanvas struct {
	vg.CanvasSizer
	colour color.Color
}

// SetColor implements vg.Canvas.
func (p *pdfCanvas) SetColor(c color.Color) {
	p.colour = c
	if c == nil {
		p.CanvasSizer.SetColor(c)
		return
	}
	p.CanvasSizer.SetColor(unpremultiplied(color.NRGBAModel.Convert(c).(color.NRGBA)))
}

// FillString implements vg.Canvas.
func (p *pdfCanvas) FillString(f font.Face, pt vg.Point, s string) {
	enc, ok := cp1252(s)
	if ok && f.Font.Weight == stdfnt.WeightNormal {
		p.CanvasSizer.FillString(f, pt, enc)
		return
	}
	outline(p, f, pt, s)
	regular := f.Font
	regular.Weight = stdfnt.WeightNormal
	colour := p.colour
	p.CanvasSizer.SetColor(unpremultiplied{})
	p.CanvasSizer.FillString(font.DefaultCache.Lookup(regular, regular.Size), pt, enc)
	p.SetColor(colour)
}

// cp1252 encodes s in Windows-1252 (one byte a character, as a string),
// with "?" for what it lacks; ok is false when something was lacking.
func cp1252(s string) (enc string, ok bool) {
	ok = true
	b := make([]byte, 0, len(s))
	for _, r := range s {
		c, in := charmap.Windows1252.EncodeRune(r)
		if !in {
			c, ok = '?', false
		}
		b = append(b, c)
	}
	return string(b), ok
}

// outline fills s, set in face f from the baseline point pt, with its
// glyph outlines in the current colour.
func outline(c vg.Canvas, f font.Face, pt vg.Point, s string) {
	sf := f.Face
	var buf sfnt.Buffer
	ppem := fixed.Int26_6(math.Round(float64(f.Font.Size) * 64))
	x := pt.X
	prev := sfnt.GlyphIndex(0)
	for _, r := range s {
		g, err := sf.GlyphIndex(&buf, r)
		if err != nil || g == 0 {
			g, _ = sf.GlyphIndex(&buf, '?')
		}
		if prev != 0 {
			if k, err := sf.Kern(&buf, prev, g, ppem, stdfnt.HintingNone); err == nil {
				x += vg.Length(k) / 64
			}
		}
		if segs, err := sf.LoadGlyph(&buf, g, ppem, nil); err == nil && len(segs) > 0 {
			var path vg.Path
			at := func(q fixed.Point26_6) vg.Point {
				return vg.Point{X: x + vg.Length(q.X)/64, Y: pt.Y - vg.Length(q.Y)/64}
			}
			for _, sg := range segs {
				switch sg.Op {
				case sfnt.SegmentOpMoveTo:
					if len(path) > 0 {
						path.Close()
					}
					path.Move(at(sg.Args[0]))
				case sfnt.SegmentOpLineTo:
					path.Line(at(sg.Args[0]))
				case sfnt.SegmentOpQuadTo:
					path.QuadTo(at(sg.Args[0]), at(sg.Args[1]))
				case sfnt.SegmentOpCubeTo:
					path.CubeTo(at(sg.Args[0]), at(sg.Args[1]), at(sg.Args[2]))
				}
			}
			path.Close()
			c.Fill(path)
		}
		if adv, err := sf.GlyphAdvance(&buf, g, ppem, stdfnt.HintingNone); err == nil {
			x += vg.Length(adv) / 64
		}
		prev = g
	}
}

// unpremultiplied is a colour whose RGBA returns straight RGB: what
// vgpdf needs, and only vgpdf.
type unpremultiplied color.NRGBA

// RGBA returns the straight colour channels and the alpha.
func (c unpremultiplied) RGBA() (r, g, b, a uint32) {
	r, g, b, a = uint32(c.R), uint32(c.G), uint32(c.B), uint32(c.A)
	return r | r<<8, g | g<<8, b | b<<8, a | a<<8
}
