// Package findings works out what a run found and says it in every word a
// person reads: chart titles computed from the data, subtitles, axis
// titles, legends, "how to read it" captions, the verdict a speaker says
// out loud, and the console's summary table. It is the one source of that
// wording, so that the slide, the sentence and the report never disagree,
// and so that a language is one file.
//
// Of computes a Run: the verdict (who earned most, by how much, with a
// 95% interval; Verdict) and the finding of each chart (Distribution,
// Deciles, Flows, Professions, Shares; under evolution Rate, what holding
// each strategy paid a week). A Lang words them: English (en.go, the
// default) and German (de.go). A third language is a file that
// implements Lang and is added to languages; the facts, and every
// decision about which finding a title states, are shared.
//
// Words pairs a language with a title style. Plain titles (the default)
// state the finding in words a room reads in three seconds ("Givers
// out-earned takers by half"), numbers rounded for a talk ($150k), and put
// the interval in the subtitle; Research titles give the finding with its
// 95% interval, as the verdict does.
//
// How other code takes its words:
//
//	run := findings.Of(res)                       // the facts, once
//	w := findings.Words{Lang: findings.German}    // or Lookup("de"), ParseTitles
//	for _, s := range w.Slides(run) { ... }      // title, subtitle, axes, legend, HowToRead per chart
//	w.Verdict(run)                                // the sentence
//	w.L().Num().Money(12345)                      // "12.345 $": numbers as the language writes them
//	w.L().Table()                                 // the console table's words (report.Table uses them)
//	w.L().SweepLines(facts, t), w.L().Heatmap(facts, t), w.L().Param(path)
//
// Error messages and help stay English: they name keys and flags.
package findings
