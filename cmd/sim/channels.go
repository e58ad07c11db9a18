package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/giversgain/giversgain/internal/channels"
	"github.com/giversgain/giversgain/internal/findings"
)

const channelsUsage = `usage: sim channels -config FILE [-replicates N] [-help-value DOLLARS] [-workers N] [-max-memory SIZE] [-lang en|de] [-quiet]

Measures how much of the givers' lead over takers each channel of
reciprocity carries. Runs the config with every channel closed, with each
open alone (at the config's setting), and as it is, and prints a Markdown
table of givers' and takers' mean final net income per member and the gap
between them (95% intervals, paired by replicate). The channels:
visibility, gratitude, the close-rate link, scorekeepers' ledgers, help's
trust and help's value (opened at -help-value when the config gives help
none). The mix must hold givers and takers.

flags:
`

func cmdChannels(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sim channels", flag.ContinueOnError)
	cfgName := fs.String("config", "", "config `FILE` or preset name (required)")
	replicates := fs.Int("replicates", 0, "override the config's replicates `N` (0 keeps them)")
	helpValue := fs.Float64("help-value", channels.DefaultHelpValue, "revenue in `DOLLARS` a help act brings the helped when help's value is opened and the config gives it none")
	workers := fs.Int("workers", 0, "replicates run at once (0 = one per CPU); never changes results")
	quiet := fs.Bool("quiet", false, "print only the table")
	lang := fs.String("lang", "en", "`language` of the table: "+strings.Join(findings.Tags(), ", "))
	var maxMemory int64
	memoryFlag(fs, &maxMemory)
	fs.Usage = func() { fmt.Fprint(fs.Output(), channelsUsage); fs.PrintDefaults() }
	if done, code := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	switch {
	case fs.NArg() > 0:
		return usageError(stderr, "sim channels", "%s", strayArgument("sim channels", fs.Arg(0), *cfgName != ""))
	case *cfgName == "":
		return usageError(stderr, "sim channels", "-config is required (a file or a preset name; 'sim list' shows the presets)")
	case *replicates < 0 || *workers < 0 || !(*helpValue > 0 && *helpValue <= 1e9):
		return usageError(stderr, "sim channels", "-replicates and -workers: expected 0 or more; -help-value: expected a positive number of dollars up to 1e9")
	}
	l, err := findings.Lookup(*lang)
	if err != nil {
		fmt.Fprintln(stderr, "sim channels: -lang:", err)
		return exitUsage
	}
	// The worlds are run one after another, each the size of the config's.
	cfg, code, ok := configForRuns("sim channels", *cfgName, *replicates, *workers, maxMemory, "each world", stderr)
	if !ok {
		return code
	}
	opt := channels.Options{HelpValue: *helpValue, Workers: *workers}
	if !*quiet {
		opt.Row = func(r channels.Row) { fmt.Fprintf(stderr, "  %s: done\n", r.Label) }
	}
	rows, err := channels.Run(ctx, cfg, opt)
	if err != nil {
		fmt.Fprintln(stderr, "sim channels:", err)
		if errors.Is(err, context.Canceled) {
			return exitFailure
		}
		return exitUsage
	}
	if !*quiet {
		fmt.Fprintf(stdout, "%s: %d members, %d weeks, %d replicates per world\n\n", cfg.Name, cfg.Population.Members, cfg.Rounds, cfg.Replicates)
	}
	if err := channels.WriteMarkdown(stdout, rows, l); err != nil {
		fmt.Fprintln(os.Stderr, "sim channels:", err)
		return exitFailure
	}
	return exitOK
}
