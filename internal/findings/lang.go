package findings

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/giversgain/giversgain/sim"
)

// Titles is the style of chart titles.
type Titles int

const (
	// Plain titles state the finding in words a room reads in three
	// seconds ("Givers out-earned takers by half"), numbers rounded for
	// a talk; the interval goes to the subtitle. The default.
	Plain Titles = iota
	// Research titles give the finding with its 95% interval, as the
	// verdict does ("Givers out-earned takers by 52% (95% CI 41-63%)
	// after 10 years").
	Research
)

// TitleStyles lists the names ParseTitles accepts, Plain's first.
func TitleStyles() []string { return []string{"plain", "research"} }

// ParseTitles reads a title style by name: "plain" (or "") or "research".
func ParseTitles(s string) (Titles, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "plain", "talk":
		return Plain, nil
	case "research":
		return Research, nil
	}
	return Plain, fmt.Errorf("unknown title style %q; expected %s", s, strings.Join(TitleStyles(), " or "))
}

// String is the style's name.
func (t Titles) String() string {
	if t == Research {
		return "research"
	}
	return "plain"
}

// Slide is every word on one chart, in one language: what the chart
// package draws and a report prints beside it. Which fields a chart uses
// is said at each chart's function in package chart.
type Slide struct {
	// Name is the chart's file name without extension ("income").
	Name string
	// Title states the finding; Subtitle says what is plotted (and, with
	// plain titles, the interval).
	Title, Subtitle string
	// X and Y are the axis titles.
	X, Y string
	// Keys are the legend's entries, in the order the chart draws them;
	// Ticks the labels of a category axis, in data order.
	Keys, Ticks []string
	// Interval is the legend entry of the 95% bands ("" without bands).
	Interval string
	// Mark is a note written on the data: the payback week on the
	// income chart, the reference line of the deciles chart.
	Mark string
	// Notes are short notes on the data: on the distribution chart two
	// per strategy, Notes[2s] counting its members above the axis and
	// Notes[2s+1] those below ("" for none).
	Notes []string
	// HowToRead is the caption that explains how to read the chart.
	HowToRead string
}

// Lang is one language in which the tool writes every word a person
// reads: chart titles computed from the data, subtitles, axis titles,
// legends, captions, the verdict, and the console's summary table.
// Error messages and help stay English. Each language is one file
// (en.go, de.go); a third is one more file that implements Lang and
// registers itself in languages.
type Lang interface {
	// Tag is the language's code, as -lang takes it ("en", "de"); Name
	// its name in itself ("Deutsch").
	Tag() string
	Name() string
	// Num is how the language writes numbers.
	Num() Numbers

	// Kind names the members of a kind in the plural ("givers"), as the
	// subject of a sentence.
	Kind(kind string) string
	// Strategy names a strategy (its config name and kind) for a legend,
	// an axis or a table: the name, or its translation.
	Strategy(name, kind string) string
	// After and Over say how long a run lasted, in a sentence: "after 10
	// years", "over 78 weeks".
	After(rounds int) string
	Over(rounds int) string

	// Verdict is the one-sentence summary of a run a speaker can say
	// out loud, with its 95% interval and the payback week.
	Verdict(v Verdict) string
	// Headline is the verdict's main clause (research titles) or its
	// plain form (plain titles), as the income chart's title.
	Headline(v Verdict, t Titles) string

	// Slides are the words of the charts of a run, in the order
	// chart.ForRun draws them: income, distribution, deciles, flows,
	// professions, and shares when members revise their strategies.
	Slides(r *Run, t Titles) []Slide

	// Evolution is the console's line on an evolving run's long-run
	// shares ("" without evolution).
	Evolution(res *sim.Result) string

	// Table is the words of the console's summary table.
	Table() TableWords
	// Channels is the words of sim channels' table.
	Channels() ChannelWords

	// SweepLines and Heatmap are the words of a sweep's charts.
	SweepLines(s SweepFacts, t Titles) Slide
	Heatmap(s SweepFacts, t Titles) Slide
	// Param names a swept parameter for an axis ("Visibility (chance a
	// colleague sees an act)" for referrals.visibility).
	Param(path string) string
	// Metric names a metric for an axis or a title ("net income").
	Metric(m sim.Metric) string

	// Term is a fixed word or phrase by key; see Terms.
	Term(key string) string

	// Page is the words of a report page (see PageWords).
	Page() PageWords
}

// TableWords are the words of the console's summary table (see
// report.Table): the column headers, how a variant of a kind is marked,
// and the note under the table.
type TableWords struct {
	// Headers are the six column headers: strategy, share, income with
	// its interval, referrals given / received, deals closed, return on
	// giving.
	Headers [6]string
	// Times marks a return on giving ("x": "8.2x").
	Times string
	// Note is the line under the table, given the run's length in weeks
	// and its replicates.
	Note func(rounds, replicates int) string
}

// SweepFacts is what a sweep chart is about, computed by package sweep:
// the axes, the metric, the strategies compared and how often the higher
// one came out ahead.
type SweepFacts struct {
	// Axes are the swept parameters' paths; Metric the charted metric.
	Axes   []string
	Metric sim.Metric
	// Higher and Lower are the kinds compared (both empty when the sweep
	// compares none); Ahead counts the settings where Higher's mean
	// exceeded Lower's, of Settings.
	Higher, Lower   string
	Ahead, Settings int
	// Replicates per point.
	Replicates int
	// Strategies names the lines of a one-axis sweep (legend entries).
	Strategies []string
}

// languages are the languages, English first (the default).
var languages = []Lang{English, German}

// Tags lists the languages' codes, the default first.
func Tags() []string {
	var out []string
	for _, l := range languages {
		out = append(out, l.Tag())
	}
	return out
}

// Lookup finds a language by its code ("" is English).
func Lookup(tag string) (Lang, error) {
	t := strings.ToLower(strings.TrimSpace(tag))
	if t == "" {
		return English, nil
	}
	for _, l := range languages {
		if l.Tag() == t {
			return l, nil
		}
	}
	return nil, fmt.Errorf("unknown language %q; expected one of %s", tag, strings.Join(Tags(), ", "))
}

// Words is a language and a title style: what charts, reports and the
// console take their words from. The zero value is English with plain
// titles.
type Words struct {
	Lang   Lang
	Titles Titles
}

// L is the language, English when none is set.
func (w Words) L() Lang {
	if w.Lang == nil {
		return English
	}
	return w.Lang
}

// Slides are the words of the charts of r (see Lang.Slides).
func (w Words) Slides(r *Run) []Slide { return w.L().Slides(r, w.Titles) }

// Slide is the words of the chart called name ("income"), or false when
// the run has no such chart.
func (w Words) Slide(r *Run, name string) (Slide, bool) {
	ss := w.Slides(r)
	i := slices.IndexFunc(ss, func(s Slide) bool { return s.Name == name })
	if i < 0 {
		return Slide{}, false
	}
	return ss[i], true
}

// Verdict is the run's one-sentence summary.
func (w Words) Verdict(r *Run) string { return w.L().Verdict(r.Verdict) }

// Talk is how a lead is said for a talk (plain titles), decided once for
// every language.
type Talk int

// The ways of saying a lead in a talk.
const (
	// TalkPercent: "by 39%", Value the whole percentage.
	TalkPercent Talk = iota
	// TalkQuarter, TalkThird, TalkHalf: "by a quarter", "by a third",
	// "by half", for leads within a few points of those fractions.
	TalkQuarter
	TalkThird
	TalkHalf
	// TalkTimes: "twice as much" (Value 2), "2.5 times as much", in
	// halves.
	TalkTimes
	// TalkDollars: "by $420k per member", Value the dollars.
	TalkDollars
)

// TalkLead is how the lead of a verdict with Case Clear or Unclear is
// said in a plain title: simple fractions and multiples where the
// estimate is near one, else whole percentages; dollars rounded by
// Numbers.Round.
func TalkLead(v Verdict) (Talk, float64) {
	switch v.Measure {
	case Dollars:
		return TalkDollars, v.Est.Mean
	case Times:
		return TalkTimes, math.Round(2*v.Est.Mean) / 2
	}
	p := v.Est.Mean
	switch {
	case p >= 90:
		return TalkTimes, 2 // 1.9 times, rounded to halves, is twice
	case p >= 45 && p <= 55:
		return TalkHalf, 50
	case p >= 31 && p <= 36:
		return TalkThird, 100.0 / 3
	case p >= 23 && p <= 27:
		return TalkQuarter, 25
	}
	return TalkPercent, math.Round(p)
}
