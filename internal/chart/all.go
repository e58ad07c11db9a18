package chart

import (
	"fmt"

	"github.com/giversgain/giversgain/sim"
)

// Named is a chart with the base name it is saved under.
type Named struct {
	Name  string
	Chart *Chart
}

// ForRun returns the standard charts of a run, in this order: income,
// distribution, deciles, flows, professions, and shares when the run's
// members revise their strategies (Config.Evolution.Period > 0).
func ForRun(res *sim.Result) []Named {
	out := []Named{
		{"income", Income(res)},
		{"distribution", Distribution(res)},
		{"deciles", Deciles(res)},
		{"flows", Flows(res)},
		{"professions", Professions(res)},
	}
	if res.Config.Evolution.Period > 0 {
		out = append(out, Named{"shares", Shares(res)})
	}
	return out
}

// WriteAll saves the charts of ForRun(res) into dir (which must exist) in
// each of formats (none means png) and returns the paths written.
func WriteAll(res *sim.Result, dir string, formats []string) ([]string, error) {
	var paths []string
	for _, n := range ForRun(res) {
		ps, err := Save(n.Chart, dir, n.Name, formats)
		paths = append(paths, ps...)
		if err != nil {
			return paths, fmt.Errorf("chart %s: %w", n.Name, err)
		}
	}
	return paths, nil
}
