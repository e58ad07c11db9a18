package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"time"

	studies "github.com/giversgain/giversgain/configs/sensitivity"
	"github.com/giversgain/giversgain/internal/studyout"
	"github.com/giversgain/giversgain/internal/sweep"
)

const mergeUsage = `usage: sim merge [-out DIR] [-formats png,svg,pdf] [-lang en|de] [-titles plain|research]
                 [-aspect 16:9|4:3] [-theme light|dark] [-junit FILE] [-quiet] PARTS...
       sim merge [-out DIR] [-formats png,svg,pdf] [-lang ...] [-junit FILE] [-quiet] -config FILE

Merges the part files of a sharded sweep or sensitivity study (files, or
folders holding part-*-of-* files) into DIR/<name>/: the same bytes the
unsharded run writes. With -config instead of PARTS it merges
DIR/<name>.parts, where the shards of that sweep or study file (or
built-in sweep or study) wrote their parts.
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
func mergeCmd(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("sim merge", flag.ContinueOnError)
	out := fs.String("out", "results", "parent folder of the results folder")
	cfgPath := fs.String("config", "", "merge DIR/<name>.parts of this sweep file or built-in sweep (instead of PARTS)")
	formats := fs.String("formats", "png", "chart formats, comma-separated: png, svg, pdf")
	quiet := fs.Bool("quiet", false, "print only errors and failed claims")
	var junit string
	fs.Func("junit", junitUsage, junitFlag(&junit))
	var lf lookFlags
	lf.register(fs)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), mergeUsage)
		fs.PrintDefaults()
	}
	if done, code := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	args = fs.Args()
	switch {
	case *cfgPath != "" && len(args) > 0:
		return usageError(stderr, "sim merge", "give either -config FILE or the part files, not both")
	case *cfgPath != "":
		dir, err := partsDir(*cfgPath, *out)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return exitCode(err)
		}
		args = []string{dir}
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
	var sw *studyout.Writer // set when the parts are a sensitivity study's
	res, err := sweep.MergeWith(paths, *out, fmts, look, studyout.Extender(&sw))
	if err != nil {
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

// partsDir is the folder where the shards of the sweep file (or built-in
// sweep), or of the sensitivity study, name wrote their parts under out:
// out/<name>.parts.
func partsDir(name, out string) (string, error) {
	plan, err := loadSweep(name)
	if err == nil {
		return filepath.Join(out, plan.Name+".parts"), nil
	}
	st, serr := loadStudy(name)
	if serr == nil {
		return filepath.Join(out, st.Spec.Name+".parts"), nil
	}
	if isStudy(name) {
		return "", serr
	}
	return "", err
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
