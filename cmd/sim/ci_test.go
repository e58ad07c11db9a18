package main

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/giversgain/giversgain/internal/memlimit"
)

// TestMain keeps the tests independent of the CI they run in: under
// GitHub Actions a failing claim that a test provokes would otherwise be
// annotated on the real workflow run and tabled in its real summary.
// Tests that want those variables inject them through getenv.
//
// It also lets the test binary act as sim itself (memory_test.go runs it
// so, to measure a run's peak memory in a process of its own), and keeps
// in-process runs from setting the test binary's memory limit.
func TestMain(m *testing.M) {
	if args, ok := os.LookupEnv(childArgsEnv); ok {
		os.Exit(runProcess(strings.Split(args, "\n")))
	}
	for _, k := range []string{"GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "GITHUB_WORKSPACE"} {
		os.Unsetenv(k)
	}
	setMemoryLimit = func(memlimit.Budget) {}
	os.Exit(m.Run())
}

// childArgsEnv holds the arguments, one a line, with which the test
// binary runs as sim (see TestMain).
const childArgsEnv = "GIVERSGAIN_TEST_SIM_ARGS"

// junitDoc is the part of a JUnit report the tests read.
type junitDoc struct {
	Suites []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Skipped  int    `xml:"skipped,attr"`
		Cases    []struct {
			Name    string    `xml:"name,attr"`
			Failure *struct{} `xml:"failure"`
			Skipped *struct{} `xml:"skipped"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func readJUnit(t *testing.T, path string) junitDoc {
	t.Helper()
	var d junitDoc
	if err := xml.Unmarshal(read(t, path), &d); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(d.Suites) != 1 {
		t.Fatalf("%s: %d test suites, want 1", path, len(d.Suites))
	}
	return d
}

// claimLine is the line of the last [[claims]] table in text.
func claimLine(text string) int {
	i := strings.LastIndex(text, "[[claims]]")
	return strings.Count(text[:i], "\n") + 1
}

// githubEnv is a GitHub Actions environment with its step summary file.
func githubEnv(t *testing.T) (func(string) string, string) {
	summary := filepath.Join(t.TempDir(), "step_summary.md")
	env := map[string]string{"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": summary}
	return func(k string) string { return env[k] }, summary
}

const failingClaim = `
[[claims]]
name = "takers out-refer givers"
strategy = "taker"
metric = "referrals_given"
above = "giver"
where = "referrals.visibility >= 0.5"
`

func TestSweepReportsClaimsToCI(t *testing.T) {
	path := writeSweep(t, sweepTiny+failingClaim)
	getenv, summary := githubEnv(t)
	report := filepath.Join(t.TempDir(), "claims.xml")
	var stdout, stderr bytes.Buffer
	code := sweepCmdContext(context.Background(), []string{"-config", path, "-out", t.TempDir(), "-quiet", "-junit", report}, &stdout, &stderr, getenv)
	if code != exitFailure {
		t.Fatalf("exit %d, want 1\n%s", code, stderr.String())
	}
	d := readJUnit(t, report)
	s := d.Suites[0]
	if s.Name != "tinysweep" || s.Tests != 2 || s.Failures != 1 || s.Cases[0].Failure != nil || s.Cases[1].Failure == nil || s.Cases[1].Name != "takers out-refer givers" {
		t.Errorf("JUnit: %+v", s)
	}
	// One annotation, for the failed claim, at its [[claims]] line.
	want := "::error file=" + filepath.ToSlash(path) + fmt.Sprintf(",line=%d,", claimLine(sweepTiny+failingClaim)) + "title=Claim failed%3A takers out-refer givers::taker referrals_given above giver referrals_given"
	if got := stdout.String(); strings.Count(got, "::error") != 1 || !strings.Contains(got, want) {
		t.Errorf("stdout:\n%s\nwant one annotation starting %q", got, want)
	}
	table := string(read(t, summary))
	for _, want := range []string{"### Claims: tinysweep", "| **givers pass on referrals**", "| ✅ PASS |", "| **takers out-refer givers**", "| ❌ FAIL | held at 0 of 2 sweep points; broke at:<br>", "1 of 2 claims hold."} {
		if !strings.Contains(table, want) {
			t.Errorf("step summary lacks %q:\n%s", want, table)
		}
	}
}

// sim run: the JUnit report holds both claims, the failed one is
// annotated at its line, and both are tabled in the step summary.
func TestRunReportsClaimsToCI(t *testing.T) {
	text := tiny + `
[[claims]]
strategy = "giver"
metric = "referrals_given"
above = "taker"

[[claims]]
name = "takers refer more"
strategy = "taker"
metric = "referrals_given"
above = "giver"
`
	cfg := writeConfig(t, text)
	getenv, summary := githubEnv(t)
	report := filepath.Join(t.TempDir(), "run.xml")
	var stdout, stderr bytes.Buffer
	code := runCmdContext(context.Background(), []string{"-config", cfg, "-out", t.TempDir(), "-quiet", "-junit", report}, &stdout, &stderr, getenv)
	if code != exitFailure {
		t.Fatalf("exit %d, want 1: %s", code, stderr.String())
	}
	if s := readJUnit(t, report).Suites[0]; s.Name != "tiny" || s.Tests != 2 || s.Failures != 1 || s.Cases[1].Failure == nil {
		t.Errorf("JUnit: %+v", s)
	}
	want := "::error file=" + filepath.ToSlash(cfg) + fmt.Sprintf(",line=%d,", claimLine(text)) + "title=Claim failed%3A takers refer more::"
	if got := stdout.String(); strings.Count(got, "::error") != 1 || !strings.HasPrefix(got, want) {
		t.Errorf("stdout %q, want one annotation starting %q", got, want)
	}
	table := string(read(t, summary))
	for _, want := range []string{"### Claims: tiny", "| **giver referrals_given above taker referrals_given at the final week**", "| **takers refer more**", "1 of 2 claims hold."} {
		if !strings.Contains(table, want) {
			t.Errorf("step summary lacks %q:\n%s", want, table)
		}
	}
}

// A shard judges no claim: its report lists them as skipped, and nothing
// is annotated or tabled. The merge judges them, and its JUnit report is
// the unsharded sweep's, byte for byte.
func TestShardAndMergeJUnit(t *testing.T) {
	path := writeSweep(t, sweepTiny+failingClaim)
	dir, reports := t.TempDir(), t.TempDir()
	getenv, summary := githubEnv(t)
	for i := range 2 {
		var stdout, stderr bytes.Buffer
		report := filepath.Join(reports, fmt.Sprintf("shard%d.xml", i))
		code := sweepCmdContext(context.Background(), []string{"-config", path, "-out", dir, "-quiet", "-shard", fmt.Sprintf("%d/2", i), "-junit", report}, &stdout, &stderr, getenv)
		if code != 0 {
			t.Fatalf("shard %d: exit %d: %s", i, code, stderr.String())
		}
		if stdout.Len() != 0 {
			t.Errorf("shard %d printed %q", i, stdout.String())
		}
		s := readJUnit(t, report).Suites[0]
		if s.Tests != 2 || s.Skipped != 2 || s.Failures != 0 || s.Cases[1].Skipped == nil {
			t.Errorf("shard %d JUnit: %+v", i, s)
		}
	}
	if _, err := os.Stat(summary); err == nil {
		t.Error("a shard wrote to the step summary")
	}
	var stdout, stderr bytes.Buffer
	merged := filepath.Join(reports, "merged.xml")
	if code := mergeCmd(context.Background(), []string{"-out", dir, "-quiet", "-junit", merged, "-config", path}, &stdout, &stderr, getenv); code != exitFailure {
		t.Fatalf("merge: exit %d, want 1: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "::error file="+filepath.ToSlash(path)+fmt.Sprintf(",line=%d,", claimLine(sweepTiny+failingClaim))) {
		t.Errorf("merge stdout %q", stdout.String())
	}
	whole := filepath.Join(reports, "whole.xml")
	if code, _, stderr := runCLI(t, "sweep", "-config", path, "-out", t.TempDir(), "-quiet", "-junit", whole); code != exitFailure {
		t.Fatalf("unsharded: exit %d: %s", code, stderr)
	}
	if !bytes.Equal(read(t, merged), read(t, whole)) {
		t.Errorf("merged JUnit differs from the unsharded sweep's:\n%s\n%s", read(t, merged), read(t, whole))
	}
}

// -junit into a folder that does not exist is refused before anything
// runs.
func TestJUnitBadPath(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "no", "claims.xml")
	for _, args := range [][]string{
		{"run", "-config", "balanced", "-junit", missing},
		{"sweep", "-config", "ci-smoke", "-junit", missing},
		{"merge", "-junit", missing, "-config", "ci-smoke"},
		{"sweep", "-config", "ci-smoke", "-junit", t.TempDir()},
	} {
		code, _, stderr := runCLI(t, append(args, "-out", t.TempDir())...)
		if code != exitUsage || !strings.Contains(stderr, "invalid value") || !strings.Contains(stderr, "-junit") {
			t.Errorf("%v: exit %d, %q; want 2 naming -junit", args, code, stderr)
		}
	}
}
