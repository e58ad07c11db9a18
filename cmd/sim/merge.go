package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/giversgain/giversgain/internal/sweep"
)

const mergeUsage = `usage: sim merge [-out DIR] [-formats png,svg,pdf] [-quiet] PARTS...

Merges the part files of a sharded sweep (files, or folders holding
part-*-of-* files) into DIR/<name>/: the same bytes the unsharded sweep
writes. It checks that every part is present once, that all come from the
same sweep config (hash) and that no task is missing or repeated, then
checks the sweep's claims.

Exit codes: 0 ok, 1 failure or a failed claim, 2 bad input or usage.

flags:
`

func mergeCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sim merge", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "results", "parent folder of the results folder")
	formats := fs.String("formats", "png", "chart formats, comma-separated: png, svg, pdf")
	quiet := fs.Bool("quiet", false, "print only errors and failed claims")
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
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "sim merge: give the part files (or their folders) to merge")
		return exitUsage
	}
	fmts, err := parseFormats(*formats)
	if err != nil {
		fmt.Fprintln(stderr, "sim merge: -formats:", err)
		return exitUsage
	}
	paths, err := sweep.ExpandParts(fs.Args())
	if err != nil {
		fmt.Fprintln(stderr, "sim", err)
		return exitUsage
	}
	res, err := sweep.Merge(paths, *out, fmts)
	if err != nil {
		fmt.Fprintln(stderr, "sim", err)
		return exitCode(err)
	}
	if !*quiet {
		fmt.Fprintf(stdout, "%s: merged %d parts, %d tasks, in %s; wrote %s\n",
			res.Table.Header.Name, len(paths), res.Stats.Tasks, res.Stats.Wall.Round(time.Millisecond), res.Stats.Out)
	}
	return printClaims(res.Claims, stdout, stderr, *quiet)
}
