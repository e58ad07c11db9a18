// Package page writes report.html: one self-contained page per results
// folder (a run, a comparison of scenarios, a sweep, a sensitivity study)
// that a speaker can open from disk, show, and print as a handout. It
// holds the verdict, the key numbers with their intervals in plain words,
// every chart with how to read it, what the model assumes in this config,
// and the command that reproduces it.
//
// The page makes no request: the charts are inline SVG
// (chart.InlineSVG), the fonts they are drawn in are embedded once as
// data URLs (chart.FontCSS), the CSS is inline, and there is no script.
// A print stylesheet puts each chart on a landscape page of its own, so
// a browser's "print to PDF" makes a handout or a deck. The page holds no
// timestamp and depends only on the results, so it is byte-identical
// for any number of workers.
//
// Every word on the page comes from package findings (its Lang.Page and
// the charts' slides), in the language of -lang, so that a language is
// one file there.
package page

import (
	_ "embed"
	"fmt"
	"html/template"
	"image/color"
	"io"
	"runtime"
	"sync"

	"github.com/giversgain/giversgain/internal/chart"
	"github.com/giversgain/giversgain/internal/findings"
)

//go:embed page.html
var pageHTML string

var pageTemplate = template.Must(template.New("page").Parse(pageHTML))

// document is everything a page shows, in order; the builders (Run,
// Compare, Sweep, Study) fill it and render writes it.
type document struct {
	Lang      string
	Generator string
	Title     string
	FontCSS   template.CSS
	Kicker    string
	Headline  string
	Lead      string
	Facts     string
	Before    []section
	Groups    []group
	After     []section
	HowToRead string
	Footer    string
}

// section is a heading with its text: paragraphs, then a table, lists
// and code blocks, then closing paragraphs.
type section struct {
	Heading string
	Paras   []string
	Table   *table
	List    [][]string
	Code    []string
	After   []string
}

// table is a table of text cells; Numeric right-aligns a column.
type table struct {
	Head    []string
	Numeric []bool
	Rows    []row
}

// row is one table row; Swatch, when set, is the CSS colour of a square
// before its first cell (a strategy's colour in the charts).
type row struct {
	Cells  []string
	Swatch template.CSS
}

// group is a run of figures under one heading (a chart across
// scenarios), or ungrouped figures with no heading.
type group struct {
	Heading string
	Figures []figure
}

// figure is one chart: its anchor, a heading, the SVG and how to read it.
type figure struct {
	ID        string
	Heading   string
	SVG       template.HTML
	HowToRead string
}

// render writes d.
func render(w io.Writer, d *document) error {
	css, err := chart.FontCSS()
	if err != nil {
		return err
	}
	d.FontCSS = template.CSS(css)
	return pageTemplate.Execute(w, d)
}

// figures draws the charts of run as inline SVG, one per CPU at once
// (drawing is most of a page's time), keeping their order, each headed
// in w's words and captioned with its slide's HowToRead; prefix names
// the figures' anchors apart when a page shows several runs.
func figures(charts []chart.Named, run *findings.Run, w findings.Words, prefix string) ([]figure, error) {
	how := map[string]string{}
	for _, s := range w.Slides(run) {
		how[s.Name] = s.HowToRead
	}
	pw := w.L().Page()
	out := make([]figure, len(charts))
	errs := make([]error, len(charts))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for k, n := range charts {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			svg, err := chart.InlineSVG(n.Chart)
			if err != nil {
				errs[k] = fmt.Errorf("chart %s: %w", n.Name, err)
				return
			}
			out[k] = figure{ID: prefix + n.Name, Heading: pw.ChartHeading(n.Name), SVG: trusted(svg), HowToRead: how[n.Name]}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// trusted marks an SVG drawn by chart.InlineSVG as markup to insert as
// it is: drawn here, from our own charts, every text escaped by vgsvg.
func trusted(svg []byte) template.HTML { return template.HTML(svg) }

// cssColour writes a colour for a style attribute: #0072B2.
func cssColour(c color.Color) template.CSS {
	r, g, b, _ := c.RGBA()
	return template.CSS(fmt.Sprintf("#%02X%02X%02X", r>>8, g>>8, b>>8))
}
