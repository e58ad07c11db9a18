package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/giversgain/giversgain/configs"
	"github.com/giversgain/giversgain/internal/claims"
	"github.com/giversgain/giversgain/internal/config"
	"github.com/giversgain/giversgain/sim"
	"github.com/giversgain/giversgain/strategies"
)

const validateUsage = `usage: sim validate [-workers N] [-max-memory SIZE] FILE...

Checks each config (a path or a preset name) without running it and prints
"FILE: ok" with the estimated peak memory of a run, or every problem with
its line. A config whose run would not fit in the memory available (the
cgroup's limit or the system's available memory, or -max-memory: give the
memory of the machine it will run on) is refused like any bad value. No
world is allocated. Exits 2 if any is invalid.

flags:
`

func cmdValidate(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sim validate", flag.ContinueOnError)
	workers := fs.Int("workers", 0, "replicates the run will play at once (0 = one per CPU here), for the estimate")
	var maxMemory int64
	memoryFlag(fs, &maxMemory)
	fs.Usage = func() { fmt.Fprint(fs.Output(), validateUsage); fs.PrintDefaults() }
	if done, code := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	if fs.NArg() == 0 {
		return usageError(stderr, "sim validate", "give the config files (or preset names) to check")
	}
	if *workers < 0 {
		return usageError(stderr, "sim validate", "-workers: expected 0 or more, found %d", *workers)
	}
	code := exitOK
	for _, name := range fs.Args() {
		if ctx.Err() != nil {
			fmt.Fprintln(stderr, "sim validate: interrupted")
			return exitFailure
		}
		file, err := loadConfig(name)
		if err != nil {
			fmt.Fprintln(stderr, err)
			code = max(code, exitCode(err))
			continue
		}
		if _, err := claims.CheckRun(file.Claims, file.Config); err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", file.Path, err)
			code = max(code, exitUsage)
			continue
		}
		est, budget, err := checkRunMemory(file, file.Config, *workers, maxMemory, "a run")
		if err != nil {
			fmt.Fprintln(stderr, err)
			code = max(code, exitUsage)
			continue
		}
		fmt.Fprintf(stdout, "%s: ok; %s\n", name, memoryNote(est, budget))
	}
	return code
}

const listUsage = `usage: sim list

Prints every model parameter with its default, range, meaning and the
default's source, the strategy kinds with their parameters and defaults,
the default profession catalogue with its sources, and the built-in
presets.
`

func cmdList(_ context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprint(stderr, listUsage)
		return exitUsage
	}
	fmt.Fprintln(stdout, "MODEL PARAMETERS (path = default  accepts  meaning; source of the default)")
	section := "-"
	for _, p := range sim.Params() {
		if s := p.Section(); s != section {
			section = s
			if s == "" {
				s = "top level"
			} else {
				s = "[" + s + "]"
			}
			fmt.Fprintf(stdout, "\n  %s\n", s)
		}
		def := fmt.Sprint(p.Default)
		if p.Type == sim.ChoiceParam {
			def = strconv.Quote(def)
		}
		fmt.Fprintf(stdout, "    %s = %s  %s  %s\n      source: %s\n", p.Key(), def, p.RangeText(), p.Doc, p.Source)
	}
	fmt.Fprintln(stdout, "\nSTRATEGIES (kind: parameters, default, range)")
	for _, k := range strategies.Kinds() {
		fmt.Fprintf(stdout, "\n  %s: %s\n", k.Name, k.Doc)
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
		for _, p := range k.Params {
			rng := fmt.Sprintf("[%g, %g]", p.Min, p.Max)
			if p.Choices != nil {
				rng = strings.Join(p.Choices, " | ")
			}
			fmt.Fprintf(tw, "    %s\t= %v\t%s\t%s\n", p.Name, p.Default, rng, p.Doc)
		}
		tw.Flush()
	}
	fmt.Fprintln(stdout, "\nPROFESSIONS (default catalogue: one job's revenue is log-normal; the member keeps margin of it)")
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  name\tcategory\tshare\tdemand\tmedian\tmean\tsigma\tmargin")
	for _, p := range sim.DefaultProfessions() {
		fmt.Fprintf(tw, "  %s\t%s\t%g\t%g\t$%.0f\t$%.0f\t%g\t%g\n", p.Name, p.Category, p.Share, p.Demand, p.Median, p.MeanValue(), p.Sigma, p.Margin)
	}
	tw.Flush()
	fmt.Fprintln(stdout, "\n  sources (value and spread; margin; demand):")
	for _, p := range sim.DefaultProfessions() {
		fmt.Fprintf(stdout, "  %s\n    value:  %s\n    margin: %s\n    demand: %s\n", p.Name, p.Source, p.MarginSource, p.DemandSource)
	}
	fmt.Fprintln(stdout, "\nPRESETS (sim run -config NAME; sim init NAME writes one out)")
	for _, n := range configs.Names() {
		fmt.Fprintf(stdout, "  %s\n", n)
	}
	return exitOK
}

const initUsage = `usage: sim init NAME [FILE]

Writes the preset NAME (see 'sim list') to FILE (default NAME.toml in the
current folder; "-" for standard output) as a commented starting point.
The copy is named after FILE (name = "mytalk" for mytalk.toml), so that
running it writes results/mytalk/ and never replaces the preset's
results. An existing FILE is never overwritten.
`

func cmdInit(_ context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) < 1 || len(args) > 2 {
		fmt.Fprint(stderr, initUsage)
		return exitUsage
	}
	data, err := configs.Read(args[0])
	if err != nil {
		fmt.Fprintln(stderr, "sim init:", err)
		return exitUsage
	}
	dest := strings.TrimSuffix(args[0], ".toml") + ".toml"
	if len(args) == 2 {
		dest = args[1]
	}
	if dest != "-" {
		name := strings.TrimSuffix(filepath.Base(dest), ".toml")
		data = renamed(data, name, strings.TrimSuffix(filepath.Base(args[0]), ".toml"))
		if _, err := config.Decode(filepath.Base(dest), data); err != nil {
			fmt.Fprintf(stderr, "sim init: %s cannot name a config: %v\n", dest, err)
			return exitUsage
		}
	}
	if dest == "-" {
		if _, err := stdout.Write(data); err != nil {
			return exitFailure
		}
		return exitOK
	}
	f, err := os.OpenFile(dest, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			fmt.Fprintf(stderr, "sim init: %s exists; not overwriting it\n", dest)
			return exitUsage
		}
		fmt.Fprintln(stderr, "sim init:", err)
		return exitFailure
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		fmt.Fprintln(stderr, "sim init:", err)
		return exitFailure
	}
	if err := f.Close(); err != nil {
		fmt.Fprintln(stderr, "sim init:", err)
		return exitFailure
	}
	fmt.Fprintf(stdout, "wrote %s (from preset %s); run it with: sim run -config %s\n", dest, args[0], dest)
	return exitOK
}

// renamed returns a preset's text with its top-level name key set to
// name, saying which preset it came from, or with such a key added before
// the first table when the preset has none. The rest of the text, its
// comments included, is kept byte for byte.
func renamed(data []byte, name, preset string) []byte {
	line := fmt.Sprintf("name = %q  # from the preset %s; results go to <out>/%s/", name, preset, name)
	lines := strings.SplitAfter(string(data), "\n")
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "[") {
			lines = slices.Insert(lines, i, line+"\n")
			break
		}
		if k, _, ok := strings.Cut(t, "="); ok && strings.TrimSpace(k) == "name" {
			lines[i] = line + "\n"
			break
		}
	}
	return []byte(strings.Join(lines, ""))
}
