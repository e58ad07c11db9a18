package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	studies "github.com/giversgain/giversgain/configs/sensitivity"
	"github.com/giversgain/giversgain/internal/config"
	"github.com/giversgain/giversgain/internal/shard"
	"github.com/giversgain/giversgain/internal/study"
	"github.com/giversgain/giversgain/internal/studyout"
	"github.com/giversgain/giversgain/internal/sweep"
)

const sensitivityUsage = `usage: sim sensitivity -config FILE [-out DIR] [-workers N] [-shard i/n] [-max-memory SIZE] [-formats png,svg,pdf] [-junit FILE] [-quiet]

Runs a global sensitivity study: a base config, parameters varied over
sourced ranges, and a Sobol' design (first-order and total indices) and/or
Morris trajectories (mu*, sigma), with partial rank correlations from the
same points and bootstrap intervals for every index. Each design point runs
its replicates on the sweep machinery: a checkpoint to resume from, shards
(-shard i/n, or the engine's variables as for sim sweep) merged by
sim merge into the same bytes. Unsharded, it writes DIR/<name>/
(indices.csv and .parquet, samples.csv and .parquet in design order,
summary.json, points.csv and .parquet, manifest.json, indices.png,
ahead.png, claims.txt, report.html), prints the summary and checks the study's claims.
FILE is a study file or a built-in study's name. See docs/sensitivity.md.

Exit codes: 0 ok, 1 failure or a failed claim, 2 bad input or usage.

flags:
`

// cmdSensitivity is sim sensitivity with the process's environment.
func cmdSensitivity(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return sensitivityCmd(ctx, args, stdout, stderr, os.Getenv)
}

// sensitivityCmd is sim sensitivity. main cancels ctx on SIGINT or
// SIGTERM; the study then stops cleanly, keeping its checkpoint. getenv
// reads the shard variables and GitHub's variables for the claims.
func sensitivityCmd(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("sim sensitivity", flag.ContinueOnError)
	cfgPath := fs.String("config", "", "study file (TOML) or a built-in study's name")
	out := fs.String("out", "results", "parent folder of the results folder")
	workers := fs.Int("workers", 0, "tasks run at once (0: one per CPU)")
	shardFlag := fs.String("shard", "", "run shard i of n (0-based), as in 0/4")
	formats := fs.String("formats", "png", "chart formats, comma-separated: png, svg, pdf")
	quiet := fs.Bool("quiet", false, "print only errors and failed claims")
	var junit string
	fs.Func("junit", junitUsage, junitFlag(&junit))
	var maxMemory int64
	memoryFlag(fs, &maxMemory)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), sensitivityUsage)
		fs.PrintDefaults()
	}
	if done, code := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	if fs.NArg() > 0 {
		return usageError(stderr, "sim sensitivity", "%s", strayArgument("sim sensitivity", fs.Arg(0), *cfgPath != ""))
	}
	if *cfgPath == "" {
		return usageError(stderr, "sim sensitivity", "-config FILE is required")
	}
	if *workers < 0 {
		return usageError(stderr, "sim sensitivity", "-workers: expected 0 or more, found %d", *workers)
	}
	fmts, err := parseFormats(*formats, false)
	if err != nil {
		return usageError(stderr, "sim sensitivity", "-formats: %v", err)
	}
	sh, src, err := shard.Resolve(*shardFlag, getenv)
	if err != nil {
		return usageError(stderr, "sim sensitivity", "shard from %s: %v", src, err)
	}
	st, err := loadStudy(*cfgPath)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitCode(err)
	}
	plan := st.Plan
	plan.Version = Version
	w := studyout.New(st.Spec)
	plan.Extension = w

	res, code := runPlan(ctx, "sim sensitivity", plan, sh, src, sweep.Options{
		Dir: *out, Workers: *workers, Shard: sh, Formats: fmts,
	}, maxMemory, *quiet, stderr)
	if res == nil {
		return code
	}
	if !*quiet {
		fmt.Fprintf(stdout, "%s: %s design, %d parameters, %d points x %d replicates; %s\n",
			plan.Name, plan.Design, len(st.Spec.Params), len(plan.Coords), plan.Replicates, ranLine(res.Stats))
	}
	rep := claimsReport{junit: junit, name: plan.Name, file: claimsFile(*cfgPath)}
	if sh.Sharded() {
		// A shard has no results to analyse: its claims wait for sim merge.
		rep.pending = studyout.ClaimsOf(st.Spec)
		rep.reason = fmt.Sprintf("shard %s: sim merge judges the claims once every part is there", sh)
		if err := rep.write(nil, getenv, stdout); err != nil {
			fmt.Fprintln(stderr, "sim sensitivity:", err)
			return exitFailure
		}
		return exitOK
	}
	return reportStudy(w, rep, *quiet, getenv, stdout, stderr)
}

// reportStudy prints a finished study's summary and claims (sim
// sensitivity and sim merge) and returns the exit code.
func reportStudy(w *studyout.Writer, rep claimsReport, quiet bool, getenv func(string) string, stdout, stderr io.Writer) int {
	if !quiet {
		printStudy(stdout, w)
	}
	code := printClaims(w.Claims, stdout, stderr, quiet)
	if err := rep.write(w.Claims, getenv, stdout); err != nil {
		fmt.Fprintln(stderr, "sim:", err)
		return exitFailure
	}
	return code
}

// printStudy prints the summary sentence and the summary output's indices,
// most influential first.
func printStudy(w io.Writer, sw *studyout.Writer) {
	sum := sw.Summary
	fmt.Fprintf(w, "\n%s\n", sum.Sentence)
	if sum.Noise != nil {
		fmt.Fprintf(w, "(the replicates' spread alone would give %.0f%% of the variance of %s)\n", 100**sum.Noise, sum.Output)
	}
	for _, n := range sum.Notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
	if len(sum.Ranking) == 0 {
		return
	}
	fmt.Fprintf(w, "\nindices for %s (%g%% bootstrap intervals), most influential first:\n", sum.Output, 100*sum.Level)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	first := sum.Ranking[0]
	head := []string{"  parameter"}
	if first.S1 != nil {
		head = append(head, "S1", "ST")
	}
	if first.MuStar != nil {
		head = append(head, "mu*")
	}
	if first.PRCC != nil {
		head = append(head, "PRCC")
	}
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	iv := func(x *studyout.Interval) string {
		return fmt.Sprintf("%.3f [%.3f, %.3f]", x.Value, x.Low, x.High)
	}
	for _, in := range sum.Ranking {
		cols := []string{"  " + in.Parameter}
		if in.S1 != nil {
			cols = append(cols, iv(in.S1), iv(in.ST))
		}
		if in.MuStar != nil {
			cols = append(cols, iv(in.MuStar))
		}
		if in.PRCC != nil {
			cols = append(cols, iv(in.PRCC))
		}
		fmt.Fprintln(tw, strings.Join(cols, "\t"))
	}
	tw.Flush()
}

// loadStudy reads a study file, or a built-in study when no file of that
// name exists.
func loadStudy(name string) (*study.Study, error) {
	if _, err := os.Stat(name); err == nil {
		return study.Load(name, loadConfig)
	}
	data, err := studies.Read(name)
	if err != nil {
		return nil, &config.Error{File: name, Msg: "no such file, and " + err.Error()}
	}
	return study.Decode(strings.TrimSuffix(filepath.Base(name), ".toml")+".toml", data, loadConfig)
}
