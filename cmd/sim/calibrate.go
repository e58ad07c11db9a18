package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"github.com/giversgain/giversgain/internal/atomicdir"
	"github.com/giversgain/giversgain/internal/calibrate"
	"github.com/giversgain/giversgain/internal/config"
)

const calibrateUsage = `usage: sim calibrate -config FILE [-out DIR] [-replicates N] [-workers N] [-max-memory SIZE] [-quiet]

Fits referrals.opportunities so that the config's own mix passes BNI's
published number of referrals per member and week (BNI, 12 months to
November 2016: 8,638,145 referrals among 207,135 members, 0.80 a week),
over the config's run and replicates, and reports closed business per
referral at that rate against BNI's $1,256 as a check. Writes
DIR/<name>-calibration/:

  config.toml        the config with the fitted rate ('sim run -config' on it)
  calibration.txt    the fit, its interval, the check and every step
  calibration.json   the same, for programs

Exit codes: 0 fitted, 1 no fit (the mix passes no referrals, or the search
did not converge), 2 bad input or usage.

flags:
`

func cmdCalibrate(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sim calibrate", flag.ContinueOnError)
	cfgName := fs.String("config", "", "config `FILE` or preset name (required)")
	out := fs.String("out", "results", "parent `DIR` of the results folder")
	replicates := fs.Int("replicates", 0, "override the config's replicates `N` (0 keeps them)")
	workers := fs.Int("workers", 0, "replicates run at once (0 = one per CPU); never changes results")
	quiet := fs.Bool("quiet", false, "print only errors")
	var maxMemory int64
	memoryFlag(fs, &maxMemory)
	fs.Usage = func() { fmt.Fprint(fs.Output(), calibrateUsage); fs.PrintDefaults() }
	if done, code := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	if fs.NArg() > 0 {
		return usageError(stderr, "sim calibrate", "%s", strayArgument("sim calibrate", fs.Arg(0), *cfgName != ""))
	}
	if *cfgName == "" {
		return usageError(stderr, "sim calibrate", "-config is required (a file or a preset name; 'sim list' shows the presets)")
	}
	if *replicates < 0 || *workers < 0 {
		return usageError(stderr, "sim calibrate", "-replicates and -workers: expected 0 or more")
	}
	// Each step of the fit is a run of the config, one after another.
	cfg, code, ok := configForRuns("sim calibrate", *cfgName, *replicates, *workers, maxMemory, "each step of the fit", stderr)
	if !ok {
		return code
	}
	opt := calibrate.Options{Workers: *workers}
	if !*quiet {
		opt.Step = func(s calibrate.Step) {
			fmt.Fprintf(stderr, "  opportunities %.4g: %.4f referrals per member-week\n", s.Opportunities, s.Rate.Mean)
		}
	}
	res, err := calibrate.Fit(ctx, cfg, opt)
	if err != nil {
		fmt.Fprintln(stderr, "sim calibrate:", err)
		return exitFailure
	}
	dir := filepath.Join(*out, cfg.Name+"-calibration")
	if err := writeCalibration(ctx, dir, res, cfg.Name); err != nil {
		fmt.Fprintln(stderr, "sim calibrate:", err)
		return exitFailure
	}
	if !*quiet {
		if err := res.WriteText(stdout, cfg.Name); err != nil {
			return exitFailure
		}
		fmt.Fprintf(stdout, "\nwrote %s\n", dir)
	}
	if !res.Converged {
		return exitFailure
	}
	return exitOK
}

// writeCalibration writes the calibrated config and the fit into dir,
// atomically; a signal (ctx ending) leaves nothing written.
func writeCalibration(ctx context.Context, dir string, res *calibrate.Result, name string) error {
	return atomicdir.WriteContext(ctx, dir, func(tmp string) error {
		resolved, err := config.Encode(res.Config)
		if err != nil {
			return fmt.Errorf("config.toml: %w", err)
		}
		files := []struct {
			name  string
			write func(io.Writer) error
		}{
			{"config.toml", func(w io.Writer) error { _, err := w.Write(resolved); return err }},
			{"calibration.txt", func(w io.Writer) error { return res.WriteText(w, name) }},
			{"calibration.json", res.WriteJSON},
		}
		for _, f := range files {
			if err := atomicdir.WriteFile(filepath.Join(tmp, f.name), f.write); err != nil {
				return err
			}
		}
		return nil
	})
}
