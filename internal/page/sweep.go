package page

import (
	"io"

	"github.com/giversgain/giversgain/internal/chart"
	"github.com/giversgain/giversgain/internal/claims"
	"github.com/giversgain/giversgain/internal/findings"
)

// SweepInput is what the page of a sweep is made of (sim sweep and sim
// merge write the same page from a sweep's table).
type SweepInput struct {
	// Name, Hash and Version are the sweep's, as in its manifest.
	Name, Hash, Version string
	// Points, Replicates and Axes (the parameters' paths) describe its
	// design.
	Points, Replicates int
	Axes               []string
	// Chart is its chart (nil for a design that gets none), ChartName the
	// file name it is saved under and Slide its words.
	Chart     *chart.Chart
	ChartName string
	Slide     findings.Slide
	// Claims are the sweep's claims judged at its points.
	Claims []claims.Outcome
	// Words are the page's language and title style, as the chart's.
	Words findings.Words
}

// Sweep writes the report.html of a sweep to w: its chart with how to
// read it, its claims, and how to rerun it.
func Sweep(w io.Writer, in SweepInput) error {
	l := in.Words.L()
	pw := l.Page()
	var axes []string
	for _, a := range in.Axes {
		axes = append(axes, l.Param(a))
	}
	headline := in.Name
	if in.Chart != nil {
		headline = in.Slide.Title
	}
	d := &document{
		Lang:      l.Tag(),
		Generator: "giversgain sim " + in.Version,
		Title:     in.Name + ": " + headline,
		Kicker:    pw.SweepKicker(in.Name),
		Headline:  headline,
		Facts:     pw.SweepFacts(in.Points, in.Replicates, axes),
		HowToRead: pw.HowToRead(),
		Footer:    pw.Footer(in.Version),
	}
	if len(in.Claims) > 0 {
		d.Before = append(d.Before, claimsSection(pw, in.Claims))
	}
	if in.Chart != nil {
		svg, err := chart.InlineSVG(in.Chart)
		if err != nil {
			return err
		}
		d.Groups = append(d.Groups, group{Figures: []figure{{ID: in.ChartName, Heading: pw.ChartHeading(in.ChartName), SVG: trusted(svg), HowToRead: in.Slide.HowToRead}}})
	}
	d.After = append(d.After, section{Heading: pw.ReproduceHeading(), Paras: []string{pw.SweepReproduce(in.Name, in.Hash)}}, source(pw))
	return render(w, d)
}
