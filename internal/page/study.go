package page

import (
	"io"

	"github.com/giversgain/giversgain/internal/chart"
	"github.com/giversgain/giversgain/internal/claims"
	"github.com/giversgain/giversgain/internal/findings"
)

// StudyInput is what the page of a sensitivity study is made of (sim
// sensitivity and sim merge write the same page from a study's table).
type StudyInput struct {
	// Name, Hash and Version are the study's, as in its manifest.
	Name, Hash, Version string
	// Points, Replicates and Params describe its design: design points,
	// replicates per point, parameters varied.
	Points, Replicates, Params int
	// Headline is the study's summary sentence, computed from its data.
	Headline string
	// Charts are its charts in order, each with how to read it.
	Charts []StudyChart
	// Head and Rows are the table of indices, most influential parameter
	// first; Note is the line under it.
	Head []string
	Rows [][]string
	Note string
	// Notes are the estimators' caveats (summary.json's notes).
	Notes []string
	// Claims are the study's claims judged at its points.
	Claims []claims.Outcome
	// Words are the page's language and title style, as the charts'.
	Words findings.Words
}

// StudyChart is one chart of a study: its file name, the chart, and how
// to read it.
type StudyChart struct {
	Name      string
	Chart     *chart.Chart
	HowToRead string
}

// Study writes the report.html of a sensitivity study to w: its summary,
// its claims, its charts with how to read them, the table of indices and
// how to rerun it.
func Study(w io.Writer, in StudyInput) error {
	pw := in.Words.L().Page()
	d := &document{
		Lang:      in.Words.L().Tag(),
		Generator: "giversgain sim " + in.Version,
		Title:     in.Name + ": " + in.Headline,
		Kicker:    pw.StudyKicker(in.Name),
		Headline:  in.Headline,
		Facts:     pw.StudyFacts(in.Points, in.Replicates, in.Params),
		HowToRead: pw.HowToRead(),
		Footer:    pw.Footer(in.Version),
	}
	if len(in.Claims) > 0 {
		d.Before = append(d.Before, claimsSection(pw, in.Claims))
	}
	var figs []figure
	for _, c := range in.Charts {
		svg, err := chart.InlineSVG(c.Chart)
		if err != nil {
			return err
		}
		figs = append(figs, figure{ID: c.Name, Heading: pw.ChartHeading(c.Name), SVG: trusted(svg), HowToRead: c.HowToRead})
	}
	if len(figs) > 0 {
		d.Groups = append(d.Groups, group{Figures: figs})
	}
	if len(in.Rows) > 0 {
		t := &table{Head: in.Head, Numeric: make([]bool, len(in.Head))}
		for i := 1; i < len(in.Head); i++ {
			t.Numeric[i] = true
		}
		for _, r := range in.Rows {
			t.Rows = append(t.Rows, row{Cells: r})
		}
		s := section{Heading: pw.IndicesHeading(), Table: t}
		if in.Note != "" {
			s.After = append(s.After, in.Note)
		}
		s.After = append(s.After, in.Notes...)
		d.After = append(d.After, s)
	}
	d.After = append(d.After, section{Heading: pw.ReproduceHeading(), Paras: []string{pw.StudyReproduce(in.Name, in.Hash)}}, source(pw))
	return render(w, d)
}
