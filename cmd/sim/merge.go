package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"time"

	studies "github.com/giversgain/giversgain/configs/sensitivity"
	"github.com/giversgain/giversgain/internal/memlimit"
	"github.com/giversgain/giversgain/internal/studyout"
	"github.com/giversgain/giversgain/internal/sweep"
	"github.com/giversgain/giversgain/sim"
)

const mergeUsage = `usage: sim merge [-out DIR] [-max-memory SIZE] [-formats png,svg,pdf] [-lang en|de]
                 [-titles plain|research] [-aspect 16:9|4:3] [-theme light|dark] [-junit FILE] [-quiet] PARTS...
       sim merge [-out DIR] [-max-memory SIZE] [-formats png,svg,pdf] [-lang ...] [-junit FILE] [-quiet] -config FILE

Merges the part files of a sharded sweep or sensitivity study (files, or
folders holding part-*-of-* files) into DIR/<name>/: the same bytes the
unsharded run writes. With -config instead of PARTS it merges
DIR/<name>.parts, where the shards of that sweep or study file (or
built-in sweep or study) wrote their parts.
It checks each part's header against its header_hash and its own
contents, that every part is present once, that all come from the same
config (hash; with -config, that sweep file's) and that no task is
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
	out := fs.String("out", "results", "parent folder of the results folder")
	cfgPath := fs.String("config", "", "merge DIR/<name>.parts of this sweep file or built-in sweep (instead of PARTS)")
	formats := fs.String("formats", "png", "chart formats, comma-separated: png, svg, pdf")
	quiet := fs.Bool("quiet", false, "print only errors and failed claims")
	var junit string
	fs.Func("junit", junitUsage, junitFlag(&junit))
	var lf lookFlags
	lf.register(fs)
	var maxMemory int64
	memoryFlag(fs, &maxMemory)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), mergeUsage)
		fs.PrintDefaults()
	}
	if done, code := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	args = fs.Args()
	var plan *sweep.Plan
	switch {
	case *cfgPath != "" && len(args) > 0:
		return usageError(stderr, "sim merge", "give either -config FILE or the part files, not both")
	case *cfgPath != "":
		p, err := planOf(ctx, *cfgPath)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return exitCode(err)
		}
		p.Version = Version
		plan, args = p, []string{filepath.Join(*out, p.Name+".parts")}
	case len(args) == 0:
		return usageError(stderr, "sim merge", "give the part files (or their folders) to merge, or -config FILE")
	}
	fmts, err := parseFormats(*formats, false)
	if err != nil {
		return usageError(stderr, "sim merge", "-formats: %v", err)
	}
	look, err := lf.options()
	if err != nil {
		return usageError(stderr, "sim merge", "%v", err)
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
	var sw *studyout.Writer // set when the parts are a sensitivity study's
	res, err := sweep.MergeWith(ctx, paths, *out, fmts, look, studyout.Extender(&sw))
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
	rep := claimsReport{junit: junit, name: res.Table.Header.Name}
	if *cfgPath != "" {
		rep.file = claimsFile(*cfgPath)
	}
	if sw != nil {
		return reportStudy(sw, rep, *quiet, getenv, stdout, stderr)
	}
	code := printClaims(res.Claims, stdout, stderr, *quiet)
	if err := rep.write(res.Claims, getenv, stdout); err != nil {
		fmt.Fprintln(stderr, "sim merge:", err)
		return exitFailure
	}
	return code
}

// planOf is the plan of the sweep file (or built-in sweep), or of the
// sensitivity study, name: its parts are in out/<name>.parts, and their
// config hash must be its.
func planOf(ctx context.Context, name string) (*sweep.Plan, error) {
	plan, err := loadSweep(ctx, name)
	if err == nil {
		return plan, nil
	}
	st, serr := loadStudy(name)
	if serr == nil {
		return st.Plan, nil
	}
	if isStudy(name) {
		return nil, serr
	}
	return nil, err
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

// isStudy reports whether name is a built-in study or a file with
// [[parameters]] tables: a study file rather than a sweep file.
func isStudy(name string) bool {
	if _, err := studies.Read(name); err == nil {
		if _, statErr := os.Stat(name); statErr != nil {
			return true
		}
	}
	data, err := os.ReadFile(name)
	return err == nil && studyTable.Match(data)
}

var studyTable = regexp.MustCompile(`(?m)^[ \t]*\[\[[ \t]*parameters[ \t]*\]\]`)
