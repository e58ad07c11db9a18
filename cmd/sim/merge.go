package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/giversgain/giversgain/internal/sweep"
)

const mergeUsage = `usage: sim merge [-out DIR] [-formats png,svg,pdf] [-junit FILE] [-quiet] PARTS...
       sim merge [-out DIR] [-formats png,svg,pdf] [-junit FILE] [-quiet] -config FILE

Merges the part files of a sharded sweep (files, or folders holding
part-*-of-* files) into DIR/<name>/: the same bytes the unsharded sweep
writes. With -config instead of PARTS it merges DIR/<name>.parts, where
the shards of that sweep file (or built-in sweep) wrote their parts.
It checks that every part is present once, that all come from the same
sweep config (hash) and that no task is missing or repeated, then checks
the sweep's claims: -junit FILE writes them as JUnit XML, and under
GitHub Actions failed claims are annotated and all are tabled in the job
summary.

Exit codes: 0 ok, 1 failure or a failed claim, 2 bad input or usage.

flags:
`

// mergeCmd is sim merge; getenv reads GitHub's GITHUB_ACTIONS and
// GITHUB_STEP_SUMMARY for the claims.
func mergeCmd(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("sim merge", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "results", "parent folder of the results folder")
	cfgPath := fs.String("config", "", "merge DIR/<name>.parts of this sweep file or built-in sweep (instead of PARTS)")
	formats := fs.String("formats", "png", "chart formats, comma-separated: png, svg, pdf")
	quiet := fs.Bool("quiet", false, "print only errors and failed claims")
	var junit string
	fs.Func("junit", junitUsage, junitFlag(&junit))
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), mergeUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	args = fs.Args()
	switch {
	case *cfgPath != "" && len(args) > 0:
		fmt.Fprintln(stderr, "sim merge: give either -config FILE or the part files, not both")
		return exitUsage
	case *cfgPath != "":
		dir, err := partsDir(ctx, *cfgPath, *out)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return exitCode(err)
		}
		args = []string{dir}
	case len(args) == 0:
		fmt.Fprintln(stderr, "sim merge: give the part files (or their folders) to merge, or -config FILE")
		return exitUsage
	}
	fmts, err := parseFormats(*formats)
	if err != nil {
		fmt.Fprintln(stderr, "sim merge: -formats:", err)
		return exitUsage
	}
	paths, err := sweep.ExpandParts(args)
	if err != nil {
		fmt.Fprintln(stderr, "sim", err)
		return exitUsage
	}
	res, err := sweep.MergeContext(ctx, paths, *out, fmts)
	if err != nil {
		if errors.Is(err, context.Canceled) {
			fmt.Fprintln(stderr, "sim merge: interrupted; nothing written")
			return exitFailure
		}
		fmt.Fprintln(stderr, "sim", err)
		return exitCode(err)
	}
	if !*quiet {
		fmt.Fprintf(stdout, "%s: merged %d parts, %d tasks, in %s; wrote %s\n",
			res.Table.Header.Name, len(paths), res.Stats.Tasks, res.Stats.Wall.Round(time.Millisecond), res.Stats.Out)
	}
	code := printClaims(res.Claims, stdout, stderr, *quiet)
	rep := claimsReport{junit: junit, name: res.Table.Header.Name}
	if *cfgPath != "" {
		rep.file = claimsFile(*cfgPath)
	}
	if err := rep.write(res.Claims, getenv, stdout); err != nil {
		fmt.Fprintln(stderr, "sim merge:", err)
		return exitFailure
	}
	return code
}

// partsDir is the folder where the shards of the sweep file (or built-in
// sweep) name wrote their parts under out: out/<name>.parts.
func partsDir(ctx context.Context, name, out string) (string, error) {
	plan, err := loadSweep(ctx, name)
	if err != nil {
		return "", err
	}
	return filepath.Join(out, plan.Name+".parts"), nil
}
