package report

import (
	"github.com/giversgain/giversgain/internal/findings"
	"github.com/giversgain/giversgain/sim"
)

// Verdict sums up a run in one English sentence a speaker can say out
// loud, for example "Givers out-earned takers by 38% (95% CI 31-45%) after
// 10 years; they pulled ahead for good in week 61." It is the verdict of
// findings.NewVerdict in findings.English; see findings.Verdict for how
// the kinds are compared and findings.Lang.Verdict for other languages.
func Verdict(res *sim.Result) string { return findings.English.Verdict(findings.NewVerdict(res)) }

// Headline is the verdict's main clause: the sentence of Verdict without
// the payback week that may follow it and without the final full stop, as
// in "Givers out-earned takers by 38% (95% CI 31-45%) after 10 years" (the
// income chart's research title).
func Headline(res *sim.Result) string {
	return findings.English.Headline(findings.NewVerdict(res), findings.Research)
}

func isFinite(x float64) bool { return findings.StatFinite(sim.Stat{Mean: x, Low: x, High: x, N: 1}) }

func statFinite(s sim.Stat) bool { return findings.StatFinite(s) }
