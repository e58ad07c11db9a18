package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/giversgain/giversgain/configs"
	"github.com/giversgain/giversgain/internal/config"
	"github.com/giversgain/giversgain/internal/reproduce"
)

// reproduceCmd runs the validation experiments of configs/reproduce and
// prints their table; it exits 1 when any experiment fails.
func reproduceCmd(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("reproduce", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("dir", "", "folder of the experiment configs (default: the built-in configs/reproduce)")
	workers := fs.Int("workers", 0, "replicates run at once; 0 means one per CPU (results do not depend on it)")
	only := fs.String("only", "", "comma-separated experiment numbers to run (default: all)")
	quiet := fs.Bool("quiet", false, "do not log progress to stderr")
	var maxMemory int64
	memoryFlag(fs, &maxMemory)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "usage: sim reproduce [-dir DIR] [-workers N] [-only 1,3] [-max-memory SIZE]\n\n"+
			"Runs the validation experiments (donation game thresholds, Nowak & Sigmund's\n"+
			"image scoring, Grant's deciles, count vs value ledgers) and prints a table:\n"+
			"experiment | expected | measured | status. Exit 1 if any experiment fails.\n\nflags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "sim reproduce: unexpected arguments %q\n", strings.Join(fs.Args(), " "))
		return exitUsage
	}
	opt := reproduce.Options{Configs: configs.Reproduce(), Workers: *workers}
	if *dir != "" {
		opt.Configs = os.DirFS(*dir)
	}
	if !*quiet {
		opt.Log = stderr
	}
	// The experiments' configs may come from -dir: each is held against
	// the memory available before it runs.
	opt.Check = func(f *config.File) error {
		_, budget, err := checkRunMemory(f, f.Config, *workers, maxMemory, "a run")
		if err == nil {
			setMemoryLimit(budget)
		}
		return err
	}
	if *only != "" {
		for _, s := range strings.Split(*only, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil || n < 1 || n > reproduce.Count() {
				fmt.Fprintf(stderr, "sim reproduce: -only: expected experiment numbers 1..%d, found %q\n", reproduce.Count(), s)
				return exitUsage
			}
			opt.Only = append(opt.Only, n)
		}
	}
	start := time.Now()
	rows, err := reproduce.Run(ctx, opt)
	if err != nil {
		fmt.Fprintf(stderr, "sim reproduce: %v\n", err)
		return exitCode(err)
	}
	reproduce.WriteTable(stdout, rows)
	fmt.Fprintf(stdout, "\n%d experiments in %.0fs\n", len(rows), time.Since(start).Seconds())
	if reproduce.Failed(rows) {
		fmt.Fprintln(stderr, "sim reproduce: some experiments FAILED")
		return exitFailure
	}
	return exitOK
}
