package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/giversgain/giversgain/configs/sweeps"
	"github.com/giversgain/giversgain/internal/claims"
	"github.com/giversgain/giversgain/internal/progress"
	"github.com/giversgain/giversgain/internal/shard"
	"github.com/giversgain/giversgain/internal/sweep"
)

const sweepUsage = `usage: sim sweep -config FILE [-out DIR] [-workers N] [-shard i/n] [-max-memory SIZE] [-formats png,svg,pdf]
                 [-lang en|de] [-titles plain|research] [-aspect 16:9|4:3] [-theme light|dark]
                 [-junit FILE] [-quiet]

Runs a parameter sweep: every point of the sweep file's axes, with its
replicates, on a worker pool. Results stream to a checkpoint as tasks
finish; rerunning the same command resumes where a killed sweep stopped.
Unsharded, it writes DIR/<name>/ (points.csv, points.parquet,
manifest.json, claims.txt, charts, report.html) and checks the claims. With -shard i/n
(0-based; or from SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX or
SIM_SHARD_INDEX with SIM_SHARD_COUNT) it runs every n-th task and writes
DIR/<name>.parts/part-0000i-of-0000n; sim merge combines the parts and
checks the claims. -junit FILE writes the claims as JUnit XML (a shard's
as skipped); under GitHub Actions failed claims are annotated and all
are tabled in the job summary. A sweep whose estimated peak memory (its
largest world on each worker, and the finished tasks' records) exceeds
what is available is refused before it starts. See docs/sweeps.md.

Exit codes: 0 ok, 1 failure or a failed claim, 2 bad input or usage.

flags:
`

// sweepCmdContext is sim sweep. main cancels ctx on SIGINT or SIGTERM; the
// sweep then stops cleanly, keeping its checkpoint. getenv reads the shard
// variables of Slurm, Kubernetes and GitHub Actions, and GitHub's
// GITHUB_ACTIONS and GITHUB_STEP_SUMMARY for the claims.
func sweepCmdContext(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("sim sweep", flag.ContinueOnError)
	cfgPath := fs.String("config", "", "sweep file (TOML)")
	out := fs.String("out", "results", "parent folder of the results folder")
	workers := fs.Int("workers", 0, "tasks run at once (0: one per CPU)")
	shardFlag := fs.String("shard", "", "run shard i of n (0-based), as in 0/4")
	formats := fs.String("formats", "png", "chart formats, comma-separated: png, svg, pdf")
	quiet := fs.Bool("quiet", false, "print only errors and failed claims")
	var junit string
	fs.Func("junit", junitUsage, junitFlag(&junit))
	var lf lookFlags
	lf.register(fs)
	var maxMemory int64
	memoryFlag(fs, &maxMemory)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), sweepUsage)
		fs.PrintDefaults()
	}
	if done, code := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	if fs.NArg() > 0 {
		return usageError(stderr, "sim sweep", "unexpected arguments %q", strings.Join(fs.Args(), " "))
	}
	if *cfgPath == "" {
		return usageError(stderr, "sim sweep", "-config FILE is required")
	}
	if *workers < 0 {
		return usageError(stderr, "sim sweep", "-workers: expected 0 or more, found %d", *workers)
	}
	fmts, err := parseFormats(*formats, false)
	if err != nil {
		return usageError(stderr, "sim sweep", "-formats: %v", err)
	}
	look, err := lf.options()
	if err != nil {
		return usageError(stderr, "sim sweep", "%v", err)
	}
	sh, src, err := shard.Resolve(*shardFlag, getenv)
	if err != nil {
		return usageError(stderr, "sim sweep", "shard from %s: %v", src, err)
	}
	plan, err := loadSweep(ctx, *cfgPath)
	if err != nil {
		if errors.Is(err, context.Canceled) {
			fmt.Fprintln(stderr, "sim sweep: interrupted")
			return exitFailure
		}
		fmt.Fprintln(stderr, err)
		return exitCode(err)
	}
	plan.Version = Version
	res, code := runPlan(ctx, "sim sweep", plan, sh, src, sweep.Options{
		Dir: *out, Workers: *workers, Shard: sh, Formats: fmts, Chart: look,
	}, maxMemory, *quiet, stderr)
	if res == nil {
		return code
	}
	if !*quiet {
		fmt.Fprintf(stdout, "%s: %d points x %d replicates; %s\n", plan.Name, len(plan.Coords), plan.Replicates, ranLine(res.Stats))
	}
	// A shard has no outcomes: its claims wait for sim merge.
	code = printClaims(res.Claims, stdout, stderr, *quiet)
	rep := claimsReport{junit: junit, name: plan.Name, file: claimsFile(*cfgPath)}
	if sh.Sharded() {
		rep.pending = plan.Claims
		rep.reason = fmt.Sprintf("shard %s: sim merge judges the claims once every part is there", sh)
	}
	if err := rep.write(res.Claims, getenv, stdout); err != nil {
		fmt.Fprintln(stderr, "sim sweep:", err)
		return exitFailure
	}
	return code
}

// loadSweep reads a sweep file, or a built-in sweep when no file of that
// name exists.
func loadSweep(ctx context.Context, name string) (*sweep.Plan, error) {
	if _, err := os.Stat(name); err == nil {
		return sweep.LoadContext(ctx, name, loadConfig)
	}
	data, err := sweeps.Read(name)
	if err != nil {
		return nil, &sweep.Error{File: name, Msg: "no such file, and " + err.Error()}
	}
	return sweep.DecodeContext(ctx, strings.TrimSuffix(filepath.Base(name), ".toml")+".toml", data, loadConfig)
}

// printClaims prints the sweep's claim outcomes (unless quiet, when only
// failed ones go to stderr) and returns 1 if any failed.
func printClaims(outs []claims.Outcome, stdout, stderr io.Writer, quiet bool) int {
	if len(outs) == 0 {
		return exitOK
	}
	if !quiet {
		fmt.Fprintln(stdout)
		claims.Print(stdout, outs)
	}
	if !claims.AllPass(outs) {
		if quiet {
			claims.Print(stderr, outs)
		}
		return exitFailure
	}
	return exitOK
}

// runPlan runs shard sh (src says where it came from) of plan for the
// command cmd, as sim sweep and sim sensitivity both do: it refuses a plan
// whose estimated memory does not fit (exit 2), shows progress, and
// reports an interruption (the finished tasks are kept) or a failure. o
// gets the log and the progress from here. A nil outcome comes with the
// exit code.
func runPlan(ctx context.Context, cmd string, plan *sweep.Plan, sh shard.Shard, src shard.Source, o sweep.Options, maxMemory int64, quiet bool, stderr io.Writer) (*sweep.Outcome, int) {
	total := sh.Tasks(plan.Tasks())
	budget, err := checkSweepMemory(plan, o.Workers, total, maxMemory)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", cmd, err)
		return nil, exitUsage
	}
	setMemoryLimit(budget)
	o.Log = stderr
	if quiet {
		o.Log = io.Discard
	}
	label := plan.Name
	if sh.Sharded() {
		label = fmt.Sprintf("%s shard %s", plan.Name, sh)
		fmt.Fprintf(o.Log, "%s: shard %s (from %s): %d of %d tasks\n", plan.Name, sh, src, total, plan.Tasks())
	}
	bar := progress.New(stderr, label, total, quiet)
	o.Progress = func(done, _ int) { bar.Set(done) }
	res, err := sweep.Run(ctx, plan, o)
	bar.Done()
	if err != nil {
		if errors.Is(err, context.Canceled) {
			fmt.Fprintf(stderr, "%s: interrupted; the finished tasks are kept: rerun the same command to resume\n", cmd)
			return nil, exitFailure
		}
		fmt.Fprintf(stderr, "%s: %v\n", cmd, err)
		return nil, exitCode(err)
	}
	return res, exitOK
}

// ranLine says how many tasks a run ran and resumed, how fast, and where
// it wrote.
func ranLine(s sweep.Stats) string {
	rate := ""
	if s.Ran > 0 && s.Wall > 0 {
		rate = fmt.Sprintf(", %.1f tasks/s", float64(s.Ran)/s.Wall.Seconds())
	}
	return fmt.Sprintf("%d tasks run, %d resumed, in %s%s; wrote %s", s.Ran, s.Resumed, s.Wall.Round(time.Millisecond), rate, s.Out)
}
