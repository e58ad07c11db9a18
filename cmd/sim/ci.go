package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/giversgain/giversgain/internal/claims"
)

// junitUsage documents -junit on sim run, sweep and merge.
const junitUsage = "also write the claims as JUnit XML to `FILE` (one test case per claim; replaced atomically)"

// junitFlag is -junit's setter: the report is written after a run that
// may take hours, so a folder that does not exist is refused up front.
func junitFlag(dst *string) func(string) error {
	return func(path string) error {
		if path == "" {
			return fmt.Errorf("expected a file name")
		}
		dir := filepath.Dir(path)
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			return fmt.Errorf("%s: no such folder for the report", dir)
		}
		if fi, err := os.Stat(path); err == nil && fi.IsDir() {
			return fmt.Errorf("%s is a folder", path)
		}
		*dst = path
		return nil
	}
}

// claimsReport is where a command's claim outcomes go besides the
// terminal: a JUnit file (-junit) and, under GitHub Actions, ::error
// annotations and a table in the job's step summary (claims.GitHub).
type claimsReport struct {
	junit string // -junit FILE; "" for none
	name  string // the run's or sweep's name: the suite and the table's title
	file  string // the config or sweep file the claims were read from; "" when none
	// pending are claims judged elsewhere (a shard's, by sim merge), for
	// the JUnit report's skipped cases; reason says why.
	pending []claims.Claim
	reason  string
}

// write reports outs; getenv reads the GitHub Actions variables.
func (r claimsReport) write(outs []claims.Outcome, getenv func(string) string, stdout io.Writer) error {
	if r.junit != "" {
		s := claims.Suite{Name: r.name, Outcomes: outs, Pending: r.pending, PendingReason: r.reason}
		if err := claims.WriteJUnitFile(r.junit, s); err != nil {
			return err
		}
	}
	return claims.GitHub(getenv, stdout, r.name, r.file, outs)
}

// claimsFile is path when it names a file (the one the claims and their
// line numbers were read from), else "" (a built-in preset).
func claimsFile(path string) string {
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
		return path
	}
	return ""
}

// cmdRun is sim run with the process's environment.
func cmdRun(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runCmdContext(ctx, args, stdout, stderr, os.Getenv)
}
