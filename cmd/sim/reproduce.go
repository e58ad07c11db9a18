package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
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
	fs := flag.NewFlagSet("sim reproduce", flag.ContinueOnError)
	dir := fs.String("dir", "", "folder of the experiment configs (default: the built-in configs/reproduce)")
	workers := fs.Int("workers", 0, "replicates run at once; 0 means one per CPU (results do not depend on it)")
	only := fs.String("only", "", "comma-separated experiment numbers to run (default: all)")
	quiet := fs.Bool("quiet", false, "do not log progress to stderr")
	var maxMemory int64
	memoryFlag(fs, &maxMemory)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "usage: sim reproduce [-dir DIR] [-workers N] [-only 1,3] [-max-memory SIZE] [-quiet]\n\n"+
			"Runs the validation experiments and prints a table: experiment | expected |\n"+
			"measured | status. Exit 1 if any experiment fails.\n\n"+
			"  1  indirect reciprocity: q* = c/b (Nowak 2006), image scoring and standing\n"+
			"  2  image scoring (Nowak & Sigmund 1998): takeover at 125, 300, 1000 pairings\n"+
			"     per generation; cycles with mutation\n"+
			"  3  direct reciprocity: w* = c/b (Nowak 2006)\n"+
			"  4  Grant's givers at both ends, ranked within profession\n"+
			"  5  count vs value ledgers (a report; equivalence by TOST)\n"+
			"  6  generous reciprocity under errors: g* = 1 - c/b (Nowak & Sigmund 1992)\n"+
			"  7  image scoring loses its discriminators, standing keeps them\n"+
			"     (Leimar & Hammerstein 2001; Panchanathan & Boyd 2003)\n\n"+
			"Thresholds come with 90% bootstrap intervals and pass when the whole\n"+
			"interval lies within 0.05 of the expected value (two one-sided tests).\n\nflags:\n")
		fs.PrintDefaults()
	}
	if done, code := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	if fs.NArg() > 0 {
		return usageError(stderr, "sim reproduce", "unexpected arguments %q", strings.Join(fs.Args(), " "))
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
				return usageError(stderr, "sim reproduce", "-only: expected experiment numbers 1..%d, found %q", reproduce.Count(), s)
			}
			if !slices.Contains(opt.Only, n) {
				opt.Only = append(opt.Only, n)
			}
		}
	}
	start := time.Now()
	rows, err := reproduce.Run(ctx, opt)
	if err != nil {
		fmt.Fprintf(stderr, "sim reproduce: %v\n", err)
		return exitCode(err)
	}
	reproduce.WriteTable(stdout, rows)
	ran := len(opt.Only)
	if ran == 0 {
		ran = reproduce.Count()
	}
	fmt.Fprintf(stdout, "\n%d rows from %d experiments in %.0fs\n", len(rows), ran, time.Since(start).Seconds())
	if reproduce.Failed(rows) {
		fmt.Fprintln(stderr, "sim reproduce: some experiments FAILED")
		return exitFailure
	}
	return exitOK
}
