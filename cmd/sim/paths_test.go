package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/giversgain/giversgain/sim"
)

// sentinels plants files that a run into out must never touch: one inside
// out (earlier results), one beside it and one above it.
func sentinels(t *testing.T) (root, out string, check func()) {
	t.Helper()
	root = t.TempDir()
	out = filepath.Join(root, "work", "results")
	files := []string{
		filepath.Join(out, "showcase", "income.png"),
		filepath.Join(root, "work", "notes.txt"),
		filepath.Join(root, "x", "keep.txt"),
	}
	for _, f := range files {
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte("precious"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root, out, func() {
		t.Helper()
		for _, f := range files {
			if b, err := os.ReadFile(f); err != nil || string(b) != "precious" {
				t.Errorf("%s was touched: %q, %v", f, b, err)
			}
		}
	}
}

// TestNamesCannotEscape: a run's name comes from data (the config, or its
// file name); no name may replace or write anything outside the results
// folder. Each case used to replace results/, the folder above it, or
// write beside it.
func TestNamesCannotEscape(t *testing.T) {
	for _, c := range []struct {
		what, file, name, want string
	}{
		{"empty name", "cfg.toml", `name = ""`, "found an empty name"},
		{"dot", "cfg.toml", `name = "."`, "outside the results"},
		{"dot dot", "cfg.toml", `name = ".."`, "outside the results"},
		{"up and over", "cfg.toml", `name = "../../x"`, "starts with '.'"},
		{"separator", "cfg.toml", `name = "a/../../x"`, "path separator"},
		{"NUL", "cfg.toml", `name = "a\u0000b"`, "control character"},
		{"too long", "cfg.toml", fmt.Sprintf("name = %q", strings.Repeat("n", 256)), "at most 200 bytes"},
		// The file system takes 255 bytes, but not the tool's temporary
		// folder beside it: this one used to fail after the simulation.
		{"no room for the tool's suffixes", "cfg.toml", fmt.Sprintf("name = %q", strings.Repeat("n", 255)), "at most 200 bytes"},
		{"file named ...toml", "...toml", "", `the file name "...toml" gives the run name`},
	} {
		t.Run(c.what, func(t *testing.T) {
			root, out, check := sentinels(t)
			cfg := filepath.Join(root, c.file)
			text := c.name + "\nrounds = 2\nreplicates = 1\n[population]\nmembers = 30\n"
			if err := os.WriteFile(cfg, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{{"validate", cfg}, {"run", "-quiet", "-config", cfg, "-out", out}} {
				code, _, stderr := runCLI(t, args...)
				if code != exitUsage || !strings.Contains(stderr, c.want) || !strings.Contains(stderr, "name: ") {
					t.Errorf("sim %s: exit %d, stderr %q; want 2 naming the key and %q", args[0], code, stderr, c.want)
				}
			}
			check()
			entries, _ := os.ReadDir(out)
			if len(entries) != 1 {
				t.Errorf("results folder holds %d entries, want only showcase", len(entries))
			}
		})
	}
}

// TestMergeNameCannotEscape: sim merge takes the sweep's name from the
// parts' headers, which a user (or a broken job) may have edited.
func TestMergeNameCannotEscape(t *testing.T) {
	path := writeSweep(t, sweepTiny)
	parts := t.TempDir()
	for i := range 2 {
		if code, _, stderr := runCLI(t, "sweep", "-config", path, "-out", parts, "-quiet", "-shard", fmt.Sprintf("%d/2", i)); code != 0 {
			t.Fatalf("shard %d: %s", i, stderr)
		}
	}
	for _, name := range []string{"..", "", "../x"} {
		for i := range 2 {
			p := filepath.Join(parts, "tinysweep.parts", fmt.Sprintf("part-%05d-of-00002", i))
			b := read(t, p)
			b = []byte(strings.Replace(string(b), `"name":"tinysweep"`, fmt.Sprintf(`"name":%q`, name), 1))
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		_, out, check := sentinels(t)
		code, _, stderr := runCLI(t, "merge", "-quiet", "-out", out, filepath.Join(parts, "tinysweep.parts"))
		if code != exitUsage || !strings.Contains(stderr, "the header's name") {
			t.Errorf("name %q: exit %d, stderr %q; want 2 and the header's name refused", name, code, stderr)
		}
		check()
		// Restore for the next case.
		for i := range 2 {
			p := filepath.Join(parts, "tinysweep.parts", fmt.Sprintf("part-%05d-of-00002", i))
			b := read(t, p)
			b = []byte(strings.Replace(string(b), fmt.Sprintf(`"name":%q`, name), `"name":"tinysweep"`, 1))
			os.WriteFile(p, b, 0o644)
		}
	}
}

// TestClaimsCheckedBeforeRunning: a claim naming an unknown strategy or
// metric, or a week past the run, is bad input found by sim validate and
// by sim run before it simulates anything (it used to be found only after
// the whole simulation).
func TestClaimsCheckedBeforeRunning(t *testing.T) {
	for _, c := range []struct{ what, claim, want string }{
		{"strategy", "strategy = \"saint\"\nabove = \"taker\"", `unknown strategy "saint"`},
		{"other", "strategy = \"giver\"\nabove = \"saint\"", `unknown strategy "saint"`},
		{"metric", "strategy = \"giver\"\nmetric = \"happiness\"\nabove = 0", `unknown metric "happiness"`},
		{"round", "strategy = \"giver\"\nabove = 0\nround = 600", "round 600 is past the run's 520 weeks"},
		{"region", "strategy = \"giver\"\nabove = 0\nwhere = \"referrals.visibility > 0\"", "sweeps only"},
	} {
		t.Run(c.what, func(t *testing.T) {
			cfg := writeConfig(t, "[[claims]]\n"+c.claim+"\n")
			out := t.TempDir()
			for _, args := range [][]string{{"validate", cfg}, {"run", "-quiet", "-config", cfg, "-out", out}} {
				code, _, stderr := runCLI(t, args...)
				if code != exitUsage || !strings.Contains(stderr, c.want) || !strings.Contains(stderr, "cfg.toml: line 1: claims[1]") {
					t.Errorf("sim %s: exit %d, stderr %q; want 2, the file, line and claim, and %q", args[0], code, stderr, c.want)
				}
			}
			if entries, _ := os.ReadDir(out); len(entries) != 0 {
				t.Errorf("sim run wrote %d entries before refusing its claims", len(entries))
			}
		})
	}
}

// TestLongestNameRuns: a name of sim.MaxNameBytes bytes leaves room for
// every file the tool names after it (temporary folders, checkpoint
// locks, parts, calibration), so what validates runs to the end.
func TestLongestNameRuns(t *testing.T) {
	name := strings.Repeat("n", sim.MaxNameBytes)
	out := t.TempDir()
	cfg := writeConfig(t, fmt.Sprintf("name = %q\nrounds = 3\nreplicates = 1\n[population]\nmembers = 30\n", name))
	for _, args := range [][]string{
		{"run", "-quiet", "-config", cfg, "-out", out},
		{"calibrate", "-quiet", "-config", cfg, "-out", out},
	} {
		// Calibrating so small a world may not converge (exit 1); what
		// matters is that it writes its folder.
		if code, _, stderr := runCLI(t, args...); code == exitUsage || strings.Contains(stderr, "too long") {
			t.Errorf("sim %s: exit %d: %s", args[0], code, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(out, name+"-calibration", "calibration.txt")); err != nil {
		t.Errorf("sim calibrate wrote no results: %v", err)
	}
	sweep := writeSweep(t, strings.Replace(sweepTiny, `name = "tinysweep"`, fmt.Sprintf("name = %q", name), 1))
	for _, args := range [][]string{
		{"sweep", "-quiet", "-config", sweep, "-out", out},
		{"sweep", "-quiet", "-config", sweep, "-out", out, "-shard", "0/2"},
		{"sweep", "-quiet", "-config", sweep, "-out", out, "-shard", "1/2"},
		{"merge", "-quiet", "-config", sweep, "-out", out},
	} {
		if code, _, stderr := runCLI(t, args...); code != exitOK {
			t.Errorf("sim %s: exit %d: %s", strings.Join(args, " "), code, stderr)
		}
	}
}
