package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/giversgain/giversgain/configs"
	"github.com/giversgain/giversgain/internal/suggest"
)

// parseFlags parses args into fs, the flags of 'sim CMD' (fs.Name() is
// "sim CMD"), whose Usage prints the command's help and flags to
// fs.Output(). -h or -help prints that help to stdout and reports done
// with exit 0: asked-for help is output, not an error. A flag error
// prints one line and a hint to 'sim help CMD' (usageError), not the
// whole page, and reports done with exit 2.
func parseFlags(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (done bool, code int) {
	return parse(fs, args, stdout, stderr, fs.Parse)
}

// parseInterleaved is parseFlags for a command whose arguments may come
// before, between and after its flags (sim compare A B -replicates 4 C);
// it returns the arguments in order. "--" ends the flags.
func parseInterleaved(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (rest []string, done bool, code int) {
	done, code = parse(fs, args, stdout, stderr, func(args []string) error {
		for {
			if err := fs.Parse(args); err != nil {
				return err
			}
			left := fs.Args()
			if used := len(args) - len(left); used > 0 && args[used-1] == "--" {
				rest = append(rest, left...) // after "--", every argument is one
				return nil
			}
			if len(left) == 0 {
				return nil
			}
			rest = append(rest, left[0])
			args = left[1:]
		}
	})
	return rest, done, code
}

// parse runs parseArgs (fs.Parse or a loop over it) as parseFlags says.
func parse(fs *flag.FlagSet, args []string, stdout, stderr io.Writer, parseArgs func([]string) error) (done bool, code int) {
	help := fs.Usage
	fs.Usage = func() {} // flag.Parse calls it on every error; we print our own line
	fs.SetOutput(io.Discard)
	err := parseArgs(args)
	fs.SetOutput(stdout)
	fs.Usage = help
	switch {
	case errors.Is(err, flag.ErrHelp):
		help()
		return true, exitOK
	case err != nil:
		return true, usageError(stderr, fs.Name(), "%v", err)
	}
	return false, exitOK
}

// usageError prints what is wrong with how a command was called, on one
// line, and where to read how to call it; it returns exit code 2. cmd is
// the command as typed ("sim run").
func usageError(stderr io.Writer, cmd, format string, a ...any) int {
	fmt.Fprintf(stderr, "%s: %s\nRun 'sim help %s' for its usage and flags.\n", cmd, fmt.Sprintf(format, a...), strings.TrimPrefix(cmd, "sim "))
	return exitUsage
}

// isHelpFlag reports whether arg asks for help.
func isHelpFlag(arg string) bool {
	return slices.Contains([]string{"-h", "-help", "--help"}, arg)
}

// strayArgument explains an argument left after a command's flags. A
// config or preset given without -config (sim run giver-heavy) gets the
// command it was probably meant to be.
func strayArgument(cmd, arg string, hasConfig bool) string {
	msg := fmt.Sprintf("unexpected argument %q", arg)
	if hasConfig {
		return msg + "; " + cmd + " takes only flags"
	}
	if _, err := os.Stat(arg); err == nil || slices.Contains(configs.Names(), strings.TrimSuffix(arg, ".toml")) {
		return fmt.Sprintf("%s; did you mean '%s -config %s'?", msg, cmd, arg)
	}
	if s := suggest.Words(strings.TrimSuffix(arg, ".toml"), configs.Names()); len(s) > 0 {
		return fmt.Sprintf("%s; did you mean '%s -config %s'?", msg, cmd, s[0])
	}
	return msg + "; a config is given with -config FILE"
}
