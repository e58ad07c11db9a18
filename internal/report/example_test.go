package report_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/giversgain/giversgain/internal/report"
	"github.com/giversgain/giversgain/sim"
)

// Example runs a small world and writes its results files, as `sim run`
// does (into files of a temporary folder it then renames into place).
func Example() {
	cfg := sim.Default()
	cfg.Rounds, cfg.Replicates = 52, 3
	cfg.Population.Members, cfg.Population.ChapterSize = 60, 30
	res, err := sim.Run(context.Background(), cfg, sim.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	var summary, series, agents bytes.Buffer
	for _, err := range []error{
		report.WriteSummary(&summary, report.NewSummary(res, "v0.1.0")),
		report.WriteTimeseries(&series, res),
		report.WriteAgents(&agents, res),
	} {
		if err != nil {
			fmt.Println(err)
			return
		}
	}
	// At the end of a run the CLI prints report.Table(os.Stdout, sum, nil)
	// and sum.Verdict, where sum is the NewSummary it wrote.
	head, _, _ := strings.Cut(series.String(), "\n")
	fmt.Println(head)
	fmt.Println(strings.Count(agents.String(), "\n"), "lines in agents.csv")
	// Output:
	// round,strategy,metric,mean,ci_low,ci_high
	// 181 lines in agents.csv
}

// ExampleVerdict shows the sentence for three replicates in which givers
// earned 30%, 38% and 46% more than takers.
func ExampleVerdict() {
	res := &sim.Result{
		Strategies: []string{"giver", "taker"},
		Kinds:      []string{"giver", "taker"},
		Rounds:     520,
		Payback:    sim.Payback{Defined: true, Round: 61},
	}
	for k, g := range []float64{130_000, 138_000, 146_000} {
		res.Replicates = append(res.Replicates, &sim.Replicate{Index: k, Agents: []sim.AgentRecord{
			{Agent: 0, Strategy: 0, Income: g},
			{Agent: 1, Strategy: 1, Income: 100_000},
		}})
	}
	fmt.Println(report.Verdict(res))
	// Output:
	// Givers out-earned takers by 38% (95% CI 18-58%) after 10 years; they pulled ahead for good in week 61.
}

// ExampleTable prints the end-of-run table of a small world.
func ExampleTable() {
	cfg := sim.Default()
	cfg.Rounds, cfg.Replicates = 10, 2
	cfg.Population.Members, cfg.Population.ChapterSize = 30, 30
	res, err := sim.Run(context.Background(), cfg, sim.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := report.Table(os.Stdout, report.NewSummary(res, ""), nil); err != nil {
		fmt.Println(err)
	}
}
