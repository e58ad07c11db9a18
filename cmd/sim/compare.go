package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/giversgain/giversgain/internal/compare"
	"github.com/giversgain/giversgain/internal/findings"
	"github.com/giversgain/giversgain/internal/memlimit"
	"github.com/giversgain/giversgain/internal/progress"
	"github.com/giversgain/giversgain/sim"
)

const compareUsage = `usage: sim compare A B [C ...] [-replicates N] [-out DIR] [-formats png,svg,pdf]
                   [-lang en|de] [-titles plain|research] [-aspect 16:9|4:3]
                   [-theme light|dark] [-workers N] [-max-memory SIZE] [-quiet]

Puts scenarios side by side for a talk. Each of A, B, C ... is a preset
name, a config file, or a results folder of sim run (rerun from its
config.toml, which reproduces it, and checked against its summary.json).
Writes DIR/compare-A-B-C/ (default results/), atomically:

  scenarios.png    the scenario slide: every strategy's final net income
                   per member in every scenario, with 95% intervals
  A-income.png, B-income.png, ...
                   each run chart of each scenario, every chart on one
                   scale across the scenarios, so slides shown together
                   do not mislead
  report.html      all of it on one page to open, show and print: what
                   happened in each scenario, the channels each leaves
                   open, how to read each chart, and the commands that
                   reproduce it
  scenarios.csv    scenario, strategy, kind, share, income, ci_low,
                   ci_high, n
  configs/         the scenarios' resolved configs

Flags may come before, between or after the scenarios.

flags:
`

// compareCmd is sim compare; main cancels ctx on SIGINT or SIGTERM, and
// nothing is written then.
func compareCmd(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sim compare", flag.ContinueOnError)
	out := fs.String("out", "results", "parent `DIR` of the comparison's folder")
	replicates := fs.Int("replicates", 0, "override every scenario's replicates with `N` (0 keeps each one's)")
	formats := fs.String("formats", "png", "comma-separated `LIST` of chart formats: png, svg, pdf")
	workers := fs.Int("workers", 0, "`N` replicates, and chapters of one world, run at once (0 = one per CPU); never changes results")
	quiet := fs.Bool("quiet", false, "print only errors")
	var maxMemory int64
	memoryFlag(fs, &maxMemory)
	var lf lookFlags
	lf.register(fs)
	fs.Usage = func() { fmt.Fprint(fs.Output(), compareUsage); fs.PrintDefaults() }
	names, done, code := parseInterleaved(fs, args, stdout, stderr)
	if done {
		return code
	}
	switch {
	case len(names) < 2:
		return usageError(stderr, "sim compare", "give two scenarios or more: presets, config files or results folders")
	case *replicates < 0 || *workers < 0:
		return usageError(stderr, "sim compare", "-replicates and -workers: expected 0 or more")
	}
	fmts, err := parseFormats(*formats, false)
	if err != nil {
		return usageError(stderr, "sim compare", "-formats: %v", err)
	}
	look, err := lf.options()
	if err != nil {
		return usageError(stderr, "sim compare", "%v", err)
	}
	var (
		srcs     []compare.Source
		all      []sim.Memory // each scenario's estimate alone
		together memlimit.Budget
	)
	for _, n := range names {
		src, err := compare.Resolve(n, loadConfig)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return exitCode(err)
		}
		// Each scenario is refused before it allocates, as sim run
		// refuses it (the scenarios run one after another).
		cfg := src.File.Config
		if *replicates > 0 {
			cfg.Replicates = *replicates
		}
		est, budget, err := checkRunMemory(src.File, cfg, *workers, maxMemory, "a run")
		if err != nil {
			fmt.Fprintln(stderr, "sim compare:", err)
			return exitUsage
		}
		all = append(all, est)
		srcs = append(srcs, src)
		together = budget
	}
	// Each scenario fits alone; the comparison keeps every scenario's
	// results until it draws them, so they must fit together too.
	if est := compareMemory(all); together.Known() && est.Peak > together.Bytes {
		return usageError(stderr, "sim compare", "the %d scenarios together need about %s at their peak (%s), more than the %s available (%s); compare fewer scenarios, give -replicates fewer, or give -max-memory if the machine has more",
			len(all), sim.FormatBytes(est.Peak), est.Explain(), sim.FormatBytes(together.Bytes), together.Source)
	}
	setMemoryLimit(together)
	bar := progress.New(stderr, "compare", compare.Weeks(srcs, *replicates), *quiet)
	warn := stderr
	if *quiet {
		warn = io.Discard
	}
	start := time.Now()
	sc, err := compare.Run(ctx, srcs, compare.Options{Replicates: *replicates, Workers: *workers, Look: look, Version: Version,
		Progress: bar.Set, Warn: warn})
	if err != nil {
		bar.Done()
		if errors.Is(err, context.Canceled) {
			fmt.Fprintln(stderr, "sim compare: interrupted; nothing written")
			return exitFailure
		}
		fmt.Fprintln(stderr, "sim compare:", err)
		return exitFailure
	}
	var scenarioNames []string
	for _, s := range sc {
		scenarioNames = append(scenarioNames, s.Name)
	}
	dir := filepath.Join(*out, folderName(scenarioNames))
	bar.Phase("drawing the scenario slide, the charts and the report")
	err = compare.Write(dir, sc, fmts, look, Version, compareCommand(names, *replicates))
	bar.Done()
	if err != nil {
		fmt.Fprintln(stderr, "sim compare:", err)
		return exitFailure
	}
	if !*quiet {
		l := look.Words.L()
		fmt.Fprintf(stdout, "compared %d scenarios in %s; wrote %s (open report.html)\n\n", len(sc), time.Since(start).Round(time.Millisecond), dir)
		for _, s := range sc {
			fmt.Fprintf(stdout, "%s: %s\n", s.Name, l.Verdict(findings.NewVerdict(s.Result)))
		}
	}
	return exitOK
}

// folderName names a comparison's folder after its scenarios:
// compare-A-B-C, or compare-A-and-N-more where that would be too long
// for a file name.
func folderName(names []string) string {
	name := "compare-" + strings.Join(names, "-")
	if len(name) > 200 {
		name = fmt.Sprintf("compare-%s-and-%d-more", names[0], len(names)-1)
	}
	return name
}

// compareCommand is the sim compare command line that reproduces a
// comparison's numbers: its scenarios and -replicates.
func compareCommand(names []string, replicates int) string {
	parts := []string{"sim compare"}
	for _, n := range names {
		parts = append(parts, shellWord(n))
	}
	if replicates > 0 {
		parts = append(parts, fmt.Sprintf("-replicates %d", replicates))
	}
	return strings.Join(parts, " ")
}

func cmdCompare(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return compareCmd(ctx, args, stdout, stderr)
}

// compareMemory estimates the peak of a comparison from its scenarios'
// estimates alone: the scenarios run one after another, so one world set
// at a time (the largest), but the results of all of them are kept until
// the charts are drawn. It counts every scenario's output as if written
// at once, an upper bound: giver-heavy, no-channel and costly-giving are
// estimated at 256 MiB and peaked at 151 MB (148 MiB) measured; with only
// the largest output counted the estimate (114 MiB) fell below the peak.
func compareMemory(each []sim.Memory) sim.Memory {
	var m sim.Memory
	for _, e := range each {
		if int64(e.Worlds)*e.World > int64(m.Worlds)*m.World {
			m.World, m.Worlds = e.World, e.Worlds
		}
		m.Results += e.Results
		m.Output += e.Output
	}
	return m.Finish(false)
}
