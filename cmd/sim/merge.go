package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/giversgain/giversgain/internal/memlimit"
	"github.com/giversgain/giversgain/internal/sweep"
	"github.com/giversgain/giversgain/sim"
)

const mergeUsage = `usage: sim merge [-out DIR] [-max-memory SIZE] [-formats png,svg,pdf] [-junit FILE] [-quiet] PARTS...
       sim merge [-out DIR] [-max-memory SIZE] [-formats png,svg,pdf] [-junit FILE] [-quiet] -config FILE

Merges the part files of a sharded sweep (files, or folders holding
part-*-of-* files) into DIR/<name>/: the same bytes the unsharded sweep
writes. With -config instead of PARTS it merges DIR/<name>.parts, where
the shards of that sweep file (or built-in sweep) wrote their parts.
It checks each part's header against its header_hash and its own
contents, that every part is present once, that all come from the same
sweep config (hash; with -config, that sweep file's) and that no task is
missing or repeated, and refuses a merge whose records would not fit in
the memory available (or -max-memory), then checks
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
	var maxMemory int64
	memoryFlag(fs, &maxMemory)
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
	var plan *sweep.Plan
	switch {
	case *cfgPath != "" && len(args) > 0:
		fmt.Fprintln(stderr, "sim merge: give either -config FILE or the part files, not both")
		return exitUsage
	case *cfgPath != "":
		p, err := loadSweep(ctx, *cfgPath)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return exitCode(err)
		}
		p.Version = Version
		plan, args = p, []string{filepath.Join(*out, p.Name+".parts")}
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
	budget, err := checkParts(paths, plan, maxMemory)
	if err != nil {
		fmt.Fprintln(stderr, "sim", err)
		return exitCode(err)
	}
	setMemoryLimit(budget)
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

// checkParts reads the first part's header (checked against its hash
// and contents) before any record is read: with a sweep file (plan not
// nil) its config hash must be the file's, and the merge's estimated
// memory (every task's record, the outputs) must fit the budget.
func checkParts(paths []string, plan *sweep.Plan, maxMemory int64) (memlimit.Budget, error) {
	h, err := sweep.ReadHeader(paths[0])
	if err != nil {
		return memlimit.Budget{}, err
	}
	if plan != nil {
		if want := plan.Hash(); h.Hash != want {
			return memlimit.Budget{}, &sweep.MergeError{Msg: fmt.Sprintf("%s has config hash %.12s, but the sweep file's is %.12s: the parts were written for another config (or version) of %s", paths[0], h.Hash, want, plan.Name)}
		}
	}
	est := h.MergeMemory()
	budget := memlimit.Find(maxMemory)
	if budget.Known() && est.Peak > budget.Bytes {
		return budget, &sweep.MergeError{Msg: fmt.Sprintf("merging %d tasks of %s needs about %s at its peak (%s), more than the %s available (%s); give -max-memory if the machine has more",
			h.Tasks, paths[0], sim.FormatBytes(est.Peak), est.Explain(), sim.FormatBytes(budget.Bytes), budget.Source)}
	}
	return budget, nil
}
