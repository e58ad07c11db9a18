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
	"github.com/giversgain/giversgain/internal/anim"
	"github.com/giversgain/giversgain/internal/atomicdir"
	"github.com/giversgain/giversgain/internal/chart"
	"github.com/giversgain/giversgain/internal/claims"
	"github.com/giversgain/giversgain/internal/config"
	"github.com/giversgain/giversgain/internal/findings"
	"github.com/giversgain/giversgain/internal/page"
	"github.com/giversgain/giversgain/internal/progress"
	"github.com/giversgain/giversgain/internal/report"
	"github.com/giversgain/giversgain/internal/sweep"
	"github.com/giversgain/giversgain/sim"
)

const runUsage = `usage: sim run -config FILE [-out DIR] [-seed N] [-replicates N] [-rounds N]
               [-workers N] [-max-memory SIZE] [-formats png,svg,pdf,gif] [-lang en|de]
               [-titles plain|research] [-aspect 16:9|4:3] [-theme light|dark] [-agents=false]
               [-junit FILE] [-quiet]

Simulates the config's replicates and writes DIR/<name>/ (default
results/<name>/, name from the config, else the file name):

  report.html      the run on one page to open, show and print: verdict,
                   key numbers, every chart with how to read it, what the
                   model assumes, the command that reproduces it; no
                   request leaves it (charts and fonts inline)
  config.toml      the fully resolved config; 'sim run -config' on it
                   reproduces the run exactly
  summary.json     per strategy: final income with 95% interval, referrals,
                   dollars, deals, return on giving; payback week, welfare,
                   Gini (deterministic: no timestamps)
  timeseries.csv   round, strategy, metric, mean, ci_low, ci_high
  agents.csv       every member of every replicate at the end (left out
                   with -agents=false: 140 MB for a million members)
  income, distribution, deciles, flows, professions (and shares when
  evolution is on): charts in each of -formats, their words in -lang
  (under evolution income shows what holding each strategy paid a week)
  income.gif       with -formats gif: the income race, the lines growing
                   week by week at slide size (about 0.4 MB, a few seconds
                   to draw), and shares.gif when evolution is on
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
	look       lookFlags
}

// parseRunFlags parses sim run's arguments; done reports that the
// command is over (help printed, or a usage error reported) with code.
func parseRunFlags(args []string, stdout, stderr io.Writer) (f *runFlags, done bool, code int) {
	fs := flag.NewFlagSet("sim run", flag.ContinueOnError)
	f = &runFlags{}
	fs.StringVar(&f.config, "config", "", "config `FILE` or preset name (required)")
	fs.StringVar(&f.out, "out", "results", "parent `DIR` of the results folder")
	fs.StringVar(&f.formats, "formats", "png", "comma-separated `LIST` of chart formats: png, svg, pdf, and gif for the animations")
	fs.BoolVar(&f.quiet, "quiet", false, "print only errors")
	fs.IntVar(&f.workers, "workers", 0, "`N` replicates, and chapters of one world, run at once (0 = one per CPU); never changes results")
	memoryFlag(fs, &f.maxMemory)
	fs.BoolVar(&f.agents, "agents", true, "write agents.csv (-agents=false leaves it out, for huge worlds)")
	fs.Func("seed", "override the config's root seed with `N`", func(s string) error {
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
	f.look.register(fs)
	fs.Usage = func() { fmt.Fprint(fs.Output(), runUsage); fs.PrintDefaults() }
	if done, code := parseFlags(fs, args, stdout, stderr); done {
		return nil, true, code
	}
	switch {
	case fs.NArg() > 0:
		return nil, true, usageError(stderr, fs.Name(), "%s", strayArgument(fs.Name(), fs.Arg(0), f.config != ""))
	case f.config == "":
		return nil, true, usageError(stderr, fs.Name(), "-config is required (a file or a preset name; 'sim list' shows the presets)")
	case f.workers < 0:
		return nil, true, usageError(stderr, fs.Name(), "-workers: expected 0 or more, found %d", f.workers)
	}
	return f, false, exitOK
}

func runCmdContext(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	f, done, code := parseRunFlags(args, stdout, stderr)
	if done {
		return code
	}
	formats, err := parseFormats(f.formats, true)
	if err != nil {
		return usageError(stderr, "sim run", "-formats: %v", err)
	}
	look, err := f.look.options()
	if err != nil {
		return usageError(stderr, "sim run", "%v", err)
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
	res, elapsed, bar, code := simulate(ctx, cfg, f, stderr)
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
		bar.Done()
		fmt.Fprintf(stderr, "%s: %v\n", file.Path, err)
		return exitUsage
	}
	dir := filepath.Join(f.out, cfg.Name)
	started := time.Now()
	bar.Phase("writing charts and files")
	sum := report.NewSummary(res, Version)
	err = writeResults(ctx, dir, res, sum, outcomes, formats, look, f, elapsed)
	bar.Done()
	if err != nil {
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
		lang := look.Words.L()
		if err := report.Table(stdout, sum, lang); err != nil {
			fmt.Fprintln(stderr, "sim run:", err)
			return exitFailure
		}
		fmt.Fprintf(stdout, "\n%s\n", lang.Verdict(findings.NewVerdict(res)))
		if e := lang.Evolution(res); e != "" {
			fmt.Fprintln(stdout, e)
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

// simulate runs cfg with a progress bar, which it returns still open for
// the writing that follows (Phase, then Done); on failure it closes the
// bar, prints why and returns a nil result and the exit code.
func simulate(ctx context.Context, cfg sim.Config, f *runFlags, stderr io.Writer) (*sim.Result, time.Duration, *progress.Bar, int) {
	bar := progress.New(stderr, cfg.Name, cfg.Rounds*cfg.Replicates, f.quiet)
	start := time.Now()
	res, err := sim.Run(ctx, cfg, sim.Options{Workers: f.workers, Progress: func(done, _ int) { bar.Set(done) }})
	if err != nil {
		bar.Done()
		if errors.Is(err, context.Canceled) {
			fmt.Fprintln(stderr, "sim run: interrupted; no results written")
		} else {
			fmt.Fprintln(stderr, "sim run:", err)
		}
		return nil, 0, nil, exitFailure
	}
	return res, time.Since(start), bar, exitOK
}

// replicates is "1 replicate" or "n replicates".
func replicates(n int) string {
	if n == 1 {
		return "1 replicate"
	}
	return chart.Count(n) + " replicates"
}

// animated is the format of a run's animations (chart.RacesForRun).
const animated = "gif"

// parseFormats checks a comma-separated list of chart formats; gif, the
// animations of a run, only where runs allows it.
func parseFormats(s string, runs bool) ([]string, error) {
	known := chart.Formats()
	if runs {
		known = append(known, animated)
	}
	var out []string
	for _, f := range strings.Split(s, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		if f == "" {
			continue
		}
		if !slices.Contains(known, f) {
			msg := fmt.Sprintf("unknown format %q; expected some of %s", f, strings.Join(known, ", "))
			if f == animated {
				msg += " (gif animates a run: sim run only)"
			}
			return nil, errors.New(msg)
		}
		out = append(out, f)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("expected at least one of %s", strings.Join(known, ", "))
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

// writeResults writes every output of res, whose summary is sum and
// whose claims' outcomes are outcomes, into dir atomically: into a
// temporary sibling folder first, then swapped into place, so a failure
// never leaves half a folder and never destroys the previous results. The
// charts and the report page are drawn while the files are written. A
// signal (ctx ending) stops the files within a buffer's worth of writing
// and the charts once drawn, and nothing is swapped into place.
func writeResults(ctx context.Context, dir string, res *sim.Result, sum *report.Summary, outcomes []claims.Outcome, formats []string, look chart.Options, f *runFlags, elapsed time.Duration) error {
	return atomicdir.WriteContext(ctx, dir, func(tmp string) error {
		chartsDone := make(chan error, 1)
		go func() { chartsDone <- writeCharts(tmp, res, sum, outcomes, formats, look, f) }()
		err := writeFiles(ctx, tmp, res, sum, f.workers, f.agents, elapsed)
		if cerr := <-chartsDone; err == nil && cerr != nil {
			err = fmt.Errorf("charts: %w", cerr)
		}
		return err
	})
}

// writeCharts draws a run's charts into dir in each static format of
// formats, its report page (report.html, from the same charts), and its
// animations (chart.RacesForRun) when formats include gif, all in look's
// words and look.
func writeCharts(dir string, res *sim.Result, sum *report.Summary, outcomes []claims.Outcome, formats []string, look chart.Options, f *runFlags) error {
	charts := chart.ForRun(res, look)
	static := slices.DeleteFunc(slices.Clone(formats), func(f string) bool { return f == animated })
	if len(static) > 0 {
		if _, err := chart.SaveAll(charts, dir, static); err != nil {
			return err
		}
	}
	in := page.RunInput{Result: res, Summary: sum, Charts: charts, Claims: outcomes, Command: f.command(), Version: Version, Words: look.Words}
	if err := atomicdir.WriteFile(filepath.Join(dir, "report.html"), func(w io.Writer) error { return page.Run(w, in) }); err != nil {
		return fmt.Errorf("report.html: %w", err)
	}
	if !slices.Contains(formats, animated) {
		return nil
	}
	for _, r := range chart.RacesForRun(res, look, anim.Slide.Frames) {
		path := filepath.Join(dir, r.Name+"."+animated)
		if err := atomicdir.WriteFile(path, func(w io.Writer) error { return anim.Write(w, r.Frames, anim.Slide) }); err != nil {
			return fmt.Errorf("%s: %w", filepath.Base(path), err)
		}
	}
	return nil
}

// command is the sim run command line that reproduces the run's numbers:
// the config and the flags that override it, none that only change how
// or where it runs (-out, -workers, -formats, -quiet, -agents, -junit).
func (f *runFlags) command() string {
	parts := []string{"sim run -config " + shellWord(f.config)}
	if f.seed != nil {
		parts = append(parts, fmt.Sprintf("-seed %d", *f.seed))
	}
	if f.replicates != nil {
		parts = append(parts, fmt.Sprintf("-replicates %d", *f.replicates))
	}
	if f.rounds != nil {
		parts = append(parts, fmt.Sprintf("-rounds %d", *f.rounds))
	}
	return strings.Join(parts, " ")
}

// shellWord quotes s for a POSIX shell when it holds anything but plain
// path characters.
func shellWord(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./+=:,@") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
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
