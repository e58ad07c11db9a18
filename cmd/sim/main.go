// Command sim runs giversgain, an agent-based simulation of business
// referral networking: who earns more over the years, givers, scorekeepers
// or takers, and under which conditions.
//
//	sim run -config configs/giver-heavy.toml   charts, tables and a verdict
//	sim sweep -config sweep.toml               parameter sweeps with claims
//	sim sensitivity -config study.toml         where giving pays: Sobol', Morris, PRCC
//	sim compare A B C                          scenarios side by side on one scale
//	sim merge -out DIR PARTS...                merge a sharded sweep or study
//	sim calibrate -config FILE                 fit the opportunity rate to BNI's figures
//	sim channels -config FILE                  which channel of reciprocity carries the givers' lead
//	sim reproduce                              validation against the literature
//	sim validate FILE...                       check configs without running
//	sim list                                   strategies, professions, presets
//	sim init NAME [FILE]                       write a preset as a starting point
//	sim version                                print the version
//	sim help [command]                         explain a command
//
// Exit codes: 0 success, 1 a failure (or a failed claim), 2 bad input or
// usage.
package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"os"
	"os/signal"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"syscall"

	"github.com/giversgain/giversgain/internal/suggest"
)

// Version is the release of giversgain, written into every summary.
const Version = "0.1.0"

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

func main() {
	os.Exit(runProcess(os.Args[1:]))
}

// runProcess is main without the exit: run with a context that SIGINT
// and SIGTERM cancel. Every command stops on it promptly and exits 1,
// leaving nothing half-written.
func runProcess(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return run(ctx, args, os.Stdout, os.Stderr)
}

// command is one subcommand of sim.
type command struct {
	name    string
	summary string
	usage   string // empty: the command prints its own usage and flags on -help
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

func commands() map[string]command {
	cmds := []command{
		{"run", "simulate a config and write charts, tables and a verdict", "", cmdRun},
		{"sweep", "run a parameter sweep with replicates and check its claims", "", cmdSweep},
		{"sensitivity", "run a global sensitivity study: Sobol' indices, Morris screening, PRCC", "", cmdSensitivity},
		{"compare", "put scenarios side by side: one scenario slide, every chart on one scale, a report", "", cmdCompare},
		{"merge", "merge the part files of a sharded sweep or study", "", cmdMerge},
		{"calibrate", "fit the opportunity rate to BNI's published referrals per member-week", "", cmdCalibrate},
		{"channels", "measure how much of the givers' lead each channel of reciprocity carries", "", cmdChannels},
		{"reproduce", "run the validation experiments against the reciprocity literature", "", cmdReproduce},
		{"validate", "check config files without running them", "", cmdValidate},
		{"list", "list strategies and their parameters, professions and presets", listUsage, cmdList},
		{"init", "write a preset out as a commented starting point", initUsage, cmdInit},
		{"version", "print the version", "usage: sim version\n", cmdVersion},
		{"help", "explain a command", "usage: sim help [command]\n", nil},
	}
	m := make(map[string]command, len(cmds))
	for _, c := range cmds {
		m[c.name] = c
	}
	return m
}

func cmdSweep(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return sweepCmdContext(ctx, args, stdout, stderr, os.Getenv)
}

func cmdMerge(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return mergeCmd(ctx, args, stdout, stderr, os.Getenv)
}

func cmdReproduce(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return reproduceCmd(ctx, args, stdout, stderr)
}

// run is main without the process: it parses args, runs one subcommand
// and returns the exit code, so tests can call it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		return help(rest, stdout, stderr)
	}
	cmd, ok := commands()[name]
	if !ok {
		return unknownCommand(stderr, "sim", name)
	}
	if cmd.usage != "" && len(rest) > 0 && isHelpFlag(rest[0]) {
		fmt.Fprint(stdout, cmd.usage) // asked-for help is output
		return exitOK
	}
	return cmd.run(ctx, rest, stdout, stderr)
}

// unknownCommand reports a command that does not exist, with the one it
// was probably meant to be, on one line and a hint; it returns exit 2.
// who is "sim" or "sim help".
func unknownCommand(stderr io.Writer, who, name string) int {
	msg := fmt.Sprintf("%s: unknown command %q", who, name)
	if s := suggest.Words(name, slices.Sorted(maps.Keys(commands()))); len(s) > 0 {
		msg += fmt.Sprintf("; did you mean %q?", s[0])
	}
	fmt.Fprintf(stderr, "%s\nRun 'sim help' for the commands.\n", msg)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprint(w, "sim simulates business referral networking: when does \"Givers Gain\" pay?\n\nusage: sim <command> [flags]\n\ncommands:\n")
	cmds := commands()
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-11s %s\n", n, cmds[n].summary)
	}
	fmt.Fprint(w, "\nRun 'sim help <command>' for a command's flags.\nExit codes: 0 ok, 1 failure or failed claim, 2 bad input or usage.\n")
}

func help(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || isHelpFlag(args[0]) {
		usage(stdout)
		return exitOK
	}
	cmd, ok := commands()[args[0]]
	if !ok {
		return unknownCommand(stderr, "sim help", args[0])
	}
	if cmd.usage == "" { // the command prints its own usage and flags on -help
		return cmd.run(context.Background(), []string{"-help"}, stdout, stderr)
	}
	fmt.Fprint(stdout, cmd.usage)
	return exitOK
}

func cmdVersion(_ context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintf(stderr, "sim version takes no arguments, found %q\n", strings.Join(args, " "))
		return exitUsage
	}
	goVersion := "unknown"
	if bi, ok := debug.ReadBuildInfo(); ok {
		goVersion = bi.GoVersion
	}
	fmt.Fprintf(stdout, "giversgain sim %s (%s)\n", Version, goVersion)
	return exitOK
}
