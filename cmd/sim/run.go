package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/giversgain/giversgain/configs"
	"github.com/giversgain/giversgain/internal/atomicdir"
	"github.com/giversgain/giversgain/internal/chart"
	"github.com/giversgain/giversgain/internal/claims"
	"github.com/giversgain/giversgain/internal/config"
	"github.com/giversgain/giversgain/internal/progress"
	"github.com/giversgain/giversgain/internal/report"
	"github.com/giversgain/giversgain/internal/sweep"
	"github.com/giversgain/giversgain/sim"
)

const runUsage = `usage: sim run -config FILE [-out DIR] [-seed N] [-replicates N] [-rounds N]
               [-workers N] [-max-memory SIZE] [-formats png,svg,pdf] [-agents=false]
               [-junit FILE] [-quiet]

Simulates the config's replicates and writes DIR/<name>/ (default
results/<name>/, name from the config, else the file name):

  config.toml      the fully resolved config; 'sim run -config' on it
                   reproduces the run exactly
  summary.json     per strategy: final income with 95% interval, referrals,
                   dollars, deals, return on giving; payback week, welfare,
                   Gini (deterministic: no timestamps)
  timeseries.csv   round, strategy, metric, mean, ci_low, ci_high
  agents.csv       every member of every replicate at the end (left out
                   with -agents=false: 140 MB for a million members)
  income, distribution, deciles, flows, professions (and shares when
  evolution is on): charts in each of -formats
  run.log          version, config, seed, workers, wall time, timestamp
                   (the only file that is not deterministic)

The folder is written to a temporary name and renamed into place, so an
interrupted or failed run leaves the previous results untouched.
FILE may be a path or the name of a built-in preset (see 'sim list').
Claims in the config ([[claims]]) are checked; a failed claim exits 1.
A run whose estimated peak memory exceeds what is available (the
cgroup's limit or the system's available memory, or -max-memory) is
refused before it allocates anything; 'sim validate' prints the estimate.

flags:
`

// runFlags are sim run's flags; the pointers stay nil unless given.
type runFlags struct {
	config     string
	out        string
	formats    string
	quiet      bool
	workers    int
	maxMemory  int64
	junit      string
	agents     bool
	seed       *uint64
	replicates *int
	rounds     *int
}

func parseRunFlags(args []string, stderr io.Writer) (*runFlags, error) {
	fs := flag.NewFlagSet("sim run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	f := &runFlags{}
	fs.StringVar(&f.config, "config", "", "config `FILE` or preset name (required)")
	fs.StringVar(&f.out, "out", "results", "parent `DIR` of the results folder")
	fs.StringVar(&f.formats, "formats", "png", "chart `formats`, comma-separated: png, svg, pdf")
	fs.BoolVar(&f.quiet, "quiet", false, "print only errors")
	fs.IntVar(&f.workers, "workers", 0, "replicates, and chapters of one world, run at once (0 = one per CPU); never changes results")
	memoryFlag(fs, &f.maxMemory)
	fs.BoolVar(&f.agents, "agents", true, "write agents.csv (-agents=false leaves it out, for huge worlds)")
	fs.Func("seed", "override the config's root `seed`", func(s string) error {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return fmt.Errorf("expected a non-negative integer, found %q", s)
		}
		f.seed = &v
		return nil
	})
	intFlag := func(name, doc string, dst **int) {
		fs.Func(name, doc, func(s string) error {
			v, err := strconv.Atoi(s)
			if err != nil || v < 1 {
				return fmt.Errorf("expected a positive integer, found %q", s)
			}
			*dst = &v
			return nil
		})
	}
	intFlag("replicates", "override the number of replicates `N`", &f.replicates)
	intFlag("rounds", "override the number of weekly rounds `N`", &f.rounds)
	fs.Func("junit", junitUsage, junitFlag(&f.junit))
	fs.Usage = func() { fmt.Fprint(stderr, runUsage); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("sim run: unexpected argument %q (flags come before nothing else)", fs.Arg(0))
	}
	if f.config == "" {
		return nil, errors.New("sim run: -config is required (a file or a preset name; 'sim list' shows the presets)")
	}
	if f.workers < 0 {
		return nil, fmt.Errorf("sim run: -workers: expected 0 or more, found %d", f.workers)
	}
	return f, nil
}

func runCmdContext(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	f, err := parseRunFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitUsage
	}
	formats, err := parseFormats(f.formats)
	if err != nil {
		fmt.Fprintln(stderr, "sim run: -formats:", err)
		return exitUsage
	}
	file, err := loadConfig(f.config)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitCode(err)
	}
	cfg := file.Config
	if f.seed != nil {
		cfg.Seed = *f.seed
	}
	if f.replicates != nil {
		cfg.Replicates = *f.replicates
	}
	if f.rounds != nil {
		cfg.Rounds = *f.rounds
	}
	if err := cfg.Validate(); err != nil {
		fmt.Fprintf(stderr, "sim run: %s with the flags given: %v\n", f.config, err)
		return exitUsage
	}
	if _, err := claims.CheckRun(file.Claims, cfg); err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", file.Path, err)
		return exitUsage
	}
	_, budget, err := checkRunMemory(file, cfg, f.workers, f.maxMemory, "a run")
	if err != nil {
		fmt.Fprintln(stderr, "sim run:", err)
		return exitUsage
	}
	setMemoryLimit(budget)
	res, elapsed, code := simulate(ctx, cfg, f, stderr)
	if res == nil {
		return code
	}
	// The simulated worlds are garbage now, but the collector would wait
	// for the heap to double before reclaiming them; collecting them here
	// lets the writers reuse their memory: a million-member run of four
	// weeks peaked at 982 MB instead of 1,158 MB.
	runtime.GC()
	outcomes, err := claims.EvaluateRun(file.Claims, res)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", file.Path, err)
		return exitUsage
	}
	dir := filepath.Join(f.out, cfg.Name)
	started := time.Now()
	sum := report.NewSummary(res, Version)
	if err := writeResults(ctx, dir, res, sum, formats, f, elapsed); err != nil {
		if errors.Is(err, context.Canceled) {
			fmt.Fprintln(stderr, "sim run: interrupted; no results written")
		} else {
			fmt.Fprintln(stderr, "sim run:", err)
		}
		return exitFailure
	}
	if !f.quiet {
		fmt.Fprintf(stdout, "%s: %s members, %d weeks, %s in %s; results in %s (written in %s)\n\n",
			cfg.Name, chart.Count(cfg.Population.Members), cfg.Rounds, replicates(cfg.Replicates), elapsed.Round(time.Millisecond), dir, time.Since(started).Round(time.Millisecond))
		if err := report.Table(stdout, sum); err != nil {
			fmt.Fprintln(stderr, "sim run:", err)
			return exitFailure
		}
		fmt.Fprintf(stdout, "\n%s\n", sum.Verdict)
		if t := res.Takeover(); t != "" {
			fmt.Fprintf(stdout, "Evolution: %s.\n(Under evolution the cumulative figures include what members earned and gave under earlier strategies; the shares are the outcome.)\n", t)
		}
		if len(outcomes) > 0 {
			fmt.Fprintln(stdout)
			claims.Print(stdout, outcomes)
		}
	}
	if err := (claimsReport{junit: f.junit, name: cfg.Name, file: claimsFile(file.Path)}).write(outcomes, getenv, stdout); err != nil {
		fmt.Fprintln(stderr, "sim run:", err)
		return exitFailure
	}
	if !claims.AllPass(outcomes) {
		if f.quiet {
			claims.Print(stderr, outcomes)
		}
		return exitFailure
	}
	return exitOK
}

// simulate runs cfg with a progress bar; on failure it prints why and
// returns a nil result and the exit code.
func simulate(ctx context.Context, cfg sim.Config, f *runFlags, stderr io.Writer) (*sim.Result, time.Duration, int) {
	bar := progress.New(stderr, cfg.Name, cfg.Rounds*cfg.Replicates, f.quiet)
	start := time.Now()
	res, err := sim.Run(ctx, cfg, sim.Options{Workers: f.workers, Progress: func(done, _ int) { bar.Set(done) }})
	bar.Done()
	if err != nil {
		if errors.Is(err, context.Canceled) {
			fmt.Fprintln(stderr, "sim run: interrupted; no results written")
		} else {
			fmt.Fprintln(stderr, "sim run:", err)
		}
		return nil, 0, exitFailure
	}
	return res, time.Since(start), exitOK
}

// replicates is "1 replicate" or "n replicates".
func replicates(n int) string {
	if n == 1 {
		return "1 replicate"
	}
	return chart.Count(n) + " replicates"
}

// parseFormats checks a comma-separated list of chart formats.
func parseFormats(s string) ([]string, error) {
	var out []string
	for _, f := range strings.Split(s, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		if f == "" {
			continue
		}
		if !slices.Contains(chart.Formats(), f) {
			return nil, fmt.Errorf("unknown format %q; expected some of %s", f, strings.Join(chart.Formats(), ", "))
		}
		out = append(out, f)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("expected at least one of %s", strings.Join(chart.Formats(), ", "))
	}
	return out, nil
}

// loadConfig reads a config file, or a built-in preset when no file of
// that name exists.
func loadConfig(name string) (*config.File, error) {
	if _, err := os.Stat(name); err == nil {
		return config.Load(name)
	}
	data, err := configs.Read(name)
	if err != nil {
		return nil, &config.Error{File: name, Msg: "no such file, and " + err.Error()}
	}
	return config.Decode(strings.TrimSuffix(filepath.Base(name), ".toml")+".toml", data)
}

// exitCode maps bad input (a config, sweep file, claim or sweep part) to
// 2 and anything else, a permission error included, to 1.
func exitCode(err error) int {
	var ce *config.Error
	var se *sweep.Error
	var cl *claims.Error
	var me *sweep.MergeError
	if (errors.As(err, &ce) || errors.As(err, &se) || errors.As(err, &cl) || errors.As(err, &me)) &&
		!errors.Is(err, os.ErrPermission) {
		return exitUsage
	}
	return exitFailure
}

// writeResults writes every output of res, whose summary is sum, into dir
// atomically: into a temporary sibling folder first, then swapped into
// place, so a failure never leaves half a folder and never destroys the
// previous results. The charts are drawn while the files are written. A
// signal (ctx ending) stops the files within a buffer's worth of writing
// and the charts once drawn, and nothing is swapped into place.
func writeResults(ctx context.Context, dir string, res *sim.Result, sum *report.Summary, formats []string, f *runFlags, elapsed time.Duration) error {
	return atomicdir.WriteContext(ctx, dir, func(tmp string) error {
		chartsDone := make(chan error, 1)
		go func() {
			_, err := chart.WriteAll(res, tmp, formats)
			chartsDone <- err
		}()
		err := writeFiles(ctx, tmp, res, sum, f.workers, f.agents, elapsed)
		if cerr := <-chartsDone; err == nil && cerr != nil {
			err = fmt.Errorf("charts: %w", cerr)
		}
		return err
	})
}

// writeFiles writes the files of a run other than its charts into dir,
// stopping when ctx ends.
func writeFiles(ctx context.Context, tmp string, res *sim.Result, sum *report.Summary, workers int, agents bool, elapsed time.Duration) error {
	resolved, err := config.Encode(res.Config)
	if err != nil {
		return fmt.Errorf("config.toml: %w", err)
	}
	type file struct {
		name  string
		write func(io.Writer) error
	}
	files := []file{
		{"config.toml", func(w io.Writer) error { _, err := w.Write(resolved); return err }},
		{"summary.json", func(w io.Writer) error { return report.WriteSummary(w, sum) }},
		{"timeseries.csv", func(w io.Writer) error { return report.WriteTimeseries(w, res) }},
		{"run.log", func(w io.Writer) error {
			_, err := fmt.Fprintf(w, "giversgain sim %s\nconfig %s, seed %d\nworkers %d (0 = one per CPU), simulated in %s\nwritten %s\n",
				Version, res.Config.Name, res.Config.Seed, workers, elapsed, time.Now().UTC().Format(time.RFC3339))
			return err
		}},
	}
	if agents {
		files = append(files, file{"agents.csv", func(w io.Writer) error { return report.WriteAgents(w, res) }})
	}
	if res.Config.Evolution.Period > 0 {
		files = append(files, file{"shares.csv", func(w io.Writer) error { return report.WriteShares(w, res) }})
	}
	for _, f := range files {
		// The report writers' errors and os.Create's name the file.
		write := func(w io.Writer) error { return f.write(atomicdir.Writer(ctx, w)) }
		if err := atomicdir.WriteFile(filepath.Join(tmp, f.name), write); err != nil {
			return err
		}
	}
	return nil
}
