package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCompare: scenarios and flags in any order; the folder is named
// after the scenarios and holds the same bytes for any number of
// workers; a results folder of sim run is a scenario too.
func TestCompare(t *testing.T) {
	a := writeConfig(t, tiny)
	b := writeConfig(t, strings.Replace(strings.Replace(tiny, `name = "tiny"`, `name = "other"`, 1), "taker = 0.2", "taker = 0.2\nhunter = 0.0", 1))
	one, two := t.TempDir(), t.TempDir()
	// SVG charts: rasterising PNGs is most of the time under the race
	// detector, and internal/compare draws them.
	code, stdout, stderr := runCLI(t, "compare", a, "-replicates", "2", b, "-out", one, "-workers", "1", "-formats", "svg")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	dir := filepath.Join(one, "compare-tiny-other")
	for _, want := range []string{"compared 2 scenarios", dir, "tiny: ", "other: "} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if code, _, stderr := runCLI(t, "compare", "-quiet", "-workers", "2", "-out", two, "-replicates", "2", a, b, "-formats", "svg"); code != 0 {
		t.Fatalf("-workers 2: exit %d: %s", code, stderr)
	}
	for _, f := range []string{"report.html", "scenarios.svg", "tiny-income.svg", "scenarios.csv", "configs/other.toml"} {
		if !bytes.Equal(read(t, filepath.Join(dir, f)), read(t, filepath.Join(two, "compare-tiny-other", f))) {
			t.Errorf("%s differs between -workers 1 and 2", f)
		}
	}

	// A results folder of sim run is rerun from its config.toml.
	runs := t.TempDir()
	if code, _, stderr := runCLI(t, "run", "-quiet", "-out", runs, "-config", a, "-formats", "svg"); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	code, _, stderr = runCLI(t, "compare", "-out", t.TempDir(), filepath.Join(runs, "tiny"), b, "-lang", "de", "-formats", "svg")
	if code != 0 || strings.Contains(stderr, "differs") {
		t.Errorf("a results folder: exit %d, stderr %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(runs, "tiny", "report.html")); err != nil {
		t.Error(err)
	}
}

// TestCompareUsage: fewer than two scenarios, or a bad flag, is one line
// and a hint, exit 2.
func TestCompareUsage(t *testing.T) {
	for _, args := range [][]string{{"compare", "balanced"}, {"compare", "balanced", "taker-heavy", "-formats", "gif"}, {"compare", "balanced", "-lang", "fr", "taker-heavy"}} {
		code, _, stderr := runCLI(t, args...)
		if code != exitUsage || strings.Count(stderr, "\n") != 2 || !strings.Contains(stderr, "Run 'sim help compare'") {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
	if code, _, stderr := runCLI(t, "compare", "balanced", "nope"); code != exitUsage || !strings.Contains(stderr, "unknown preset") {
		t.Errorf("unknown preset: exit %d, %q", code, stderr)
	}
}

// A comparison keeps every scenario's results until it draws them, so
// scenarios that each fit alone are refused together when their sum does
// not (exit 2, before anything runs).
func TestCompareMemoryTogether(t *testing.T) {
	code, _, stderr := runCLI(t, "compare", "giver-heavy", "no-channel", "costly-giving", "-max-memory", "200MiB", "-out", t.TempDir())
	if code != exitUsage || !strings.Contains(stderr, "the 3 scenarios together need about") {
		t.Errorf("exit %d, stderr %q: want the scenarios refused together", code, stderr)
	}
	for _, s := range []string{"giver-heavy", "no-channel", "costly-giving"} {
		if code, _, stderr := runCLI(t, "validate", "-max-memory", "200MiB", s); code != exitOK {
			t.Errorf("%s alone: exit %d, %s: each scenario should fit alone", s, code, stderr)
		}
	}
}
