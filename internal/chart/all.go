package chart

import (
	"fmt"
	"runtime"
	"sync"

	"github.com/giversgain/giversgain/internal/findings"
	"github.com/giversgain/giversgain/sim"
)

// Named is a chart with the base name it is saved under.
type Named struct {
	Name  string
	Chart *Chart
}

// ForRun returns the standard charts of a run, in this order: income,
// distribution, deciles, flows, professions, and shares when the run's
// members revise their strategies (Config.Evolution.Period > 0). Their
// words are opt.Words' (findings.Lang.Slides).
func ForRun(res *sim.Result, opt Options) []Named { return ForFindings(findings.Of(res), opt) }

// ForFindings returns the charts of ForRun from a run's findings, which
// the caller may have changed (findings.ShareScales).
func ForFindings(run *findings.Run, opt Options) []Named {
	var out []Named
	for _, s := range opt.Words.Slides(run) {
		var c *Chart
		switch s.Name {
		case "income":
			c = Income(run, s, opt)
		case "distribution":
			c = Distribution(run, s, opt)
		case "deciles":
			c = Deciles(run, s, opt)
		case "flows":
			c = Flows(run, s, opt)
		case "professions":
			c = Professions(run, s, opt)
		case "shares":
			c = Shares(run, s, opt)
		default:
			continue
		}
		out = append(out, Named{s.Name, c})
	}
	return out
}

// WriteAll saves the charts of ForRun(res, opt) into dir (which must
// exist) in each of formats (none means png) and returns the paths
// written, in ForRun's order. The charts are drawn and encoded at once,
// one per CPU: each is independent, and drawing is most of a small run's
// writing time. On failure it returns the first failing chart's error (in
// ForRun's order) and the paths of the charts before it.
func WriteAll(res *sim.Result, dir string, formats []string, opt Options) ([]string, error) {
	return SaveAll(ForRun(res, opt), dir, formats)
}

// SaveAll saves charts as WriteAll does: into dir in each of formats, at
// once, one per CPU; it returns the paths written in the charts' order,
// or the first failing chart's error and the paths before it.
func SaveAll(charts []Named, dir string, formats []string) ([]string, error) {
	paths := make([][]string, len(charts))
	errs := make([]error, len(charts))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for k, n := range charts {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			paths[k], errs[k] = Save(n.Chart, dir, n.Name, formats)
		})
	}
	wg.Wait()
	var all []string
	for k, n := range charts {
		all = append(all, paths[k]...)
		if errs[k] != nil {
			return all, fmt.Errorf("chart %s: %w", n.Name, errs[k])
		}
	}
	return all, nil
}
