package page

import (
	"io"

	"github.com/giversgain/giversgain/internal/channels"
	"github.com/giversgain/giversgain/internal/chart"
	"github.com/giversgain/giversgain/internal/findings"
	"github.com/giversgain/giversgain/internal/report"
)

// CompareInput is what the page of a comparison of scenarios is made of
// (sim compare).
type CompareInput struct {
	// Scenarios are the scenarios, in the order given.
	Scenarios []CompareScenario
	// Slide is the scenario slide (chart.Scenarios) and its words.
	Slide      *chart.Chart
	SlideWords findings.Slide
	// Kinds are the names of the charts drawn for each scenario, on
	// shared scales, in order ("income", "distribution", ...).
	Kinds []string
	// Words are the page's language and title style, as the charts'.
	Words findings.Words
	// Rerun reruns the comparison from the resolved configs beside the
	// page, run in its folder; Command is the command that wrote it.
	Rerun, Command string
	// Version is the simulator's.
	Version string
}

// CompareScenario is one scenario of a comparison.
type CompareScenario struct {
	// Name names the scenario; Source is where it came from, as given
	// (a preset, a config file or a results folder).
	Name, Source string
	// Run is the scenario's findings (shared scales applied), Summary its
	// summary; Charts its charts by name, in CompareInput.Kinds' order
	// (a scenario may lack one: shares without evolution).
	Run     *findings.Run
	Summary *report.Summary
	Charts  []chart.Named
}

// Compare writes the report.html of a comparison to w: the scenario
// slide, then each chart for every scenario on one scale, with what
// happened in each scenario, the channels each leaves open, and the
// commands that reproduce it.
func Compare(w io.Writer, in CompareInput) error {
	d, err := compareDocument(in)
	if err != nil {
		return err
	}
	return render(w, d)
}

func compareDocument(in CompareInput) (*document, error) {
	l := in.Words.L()
	pw := l.Page()
	var names []string
	var facts []findings.ScenarioFacts
	for _, s := range in.Scenarios {
		names = append(names, s.Name)
		res := s.Run.Res
		facts = append(facts, findings.ScenarioFacts{Name: s.Name, Members: res.Config.Population.Members, Rounds: res.Rounds, Replicates: len(res.Replicates)})
	}
	d := &document{
		Lang:      l.Tag(),
		Generator: "giversgain sim " + in.Version,
		Title:     in.SlideWords.Title,
		Kicker:    pw.CompareKicker(names),
		Headline:  in.SlideWords.Title,
		Lead:      pw.CompareHeadline(len(in.Scenarios)),
		Facts:     pw.CompareFacts(facts),
		HowToRead: pw.HowToRead(),
		Footer:    pw.Footer(in.Version),
	}

	// What happened in each scenario.
	head := pw.ScenarioHead()
	t := &table{Head: head[:], Numeric: []bool{false, false, false, false}}
	for _, s := range in.Scenarios {
		res := s.Run.Res
		n := l.Num()
		t.Rows = append(t.Rows, row{Cells: []string{s.Name, l.Verdict(s.Run.Verdict),
			n.Count(res.Config.Population.Members) + ", " + n.Count(res.Rounds) + ", " + n.Count(len(res.Replicates)), s.Source}})
	}
	d.Before = append(d.Before, section{Heading: pw.ScenariosHeading(), Table: t, After: []string{pw.SharedScale()}})

	// The scenario slide, then each chart across the scenarios.
	svg, err := chart.InlineSVG(in.Slide)
	if err != nil {
		return nil, err
	}
	d.Groups = append(d.Groups, group{Figures: []figure{{ID: "scenarios", Heading: pw.ChartHeading("scenarios"), SVG: trusted(svg), HowToRead: in.SlideWords.HowToRead}}})
	per := make([][]figure, len(in.Scenarios))
	for i, s := range in.Scenarios {
		if per[i], err = figures(s.Charts, s.Run, in.Words, s.Name+"-"); err != nil {
			return nil, err
		}
	}
	for _, kind := range in.Kinds {
		g := group{Heading: pw.ChartHeading(kind)}
		for i, s := range in.Scenarios {
			for _, f := range per[i] {
				if f.ID != s.Name+"-"+kind {
					continue
				}
				f.Heading = pw.ScenarioHeading(s.Name, pw.ChartHeading(kind))
				if len(g.Figures) > 0 {
					f.HowToRead = "" // said once for the chart
				}
				g.Figures = append(g.Figures, f)
			}
		}
		d.Groups = append(d.Groups, g)
	}

	d.After = append(d.After, compareAssumptions(pw, in.Scenarios),
		reproduce(pw, in.Version, in.Rerun, in.Command), source(pw))
	return d, nil
}

// compareAssumptions tables the channels of reciprocity each scenario
// leaves open, and weighs giving against what a referral is worth in
// each.
func compareAssumptions(pw findings.PageWords, sc []CompareScenario) section {
	head := []string{pw.ChannelHead()[0]}
	for _, s := range sc {
		head = append(head, s.Name)
	}
	t := &table{Head: head, Numeric: make([]bool, len(head))}
	for _, ch := range channels.Channels() {
		label, _ := pw.Channel(ch.Name)
		cells := []string{label}
		for _, s := range sc {
			cells = append(cells, pw.Open(ch.OpenIn(s.Run.Res.Config)))
		}
		t.Rows = append(t.Rows, row{Cells: cells})
	}
	sec := section{Heading: pw.AssumptionsHeading(), Paras: []string{pw.ChannelsIntro()}, Table: t}
	for _, s := range sc {
		cfg := s.Run.Res.Config
		sec.After = append(sec.After, s.Name+": "+pw.Costs(findings.NewDeals(cfg))+" "+pw.EvolutionRule(cfg.Evolution))
	}
	return sec
}
