package main

import (
	"os"
	"runtime"
	"strings"
	"testing"
)

// TestSizesRefusedBeforeAllocating: worlds too large for the memory
// available are refused (exit 2) with the estimate, the budget and the
// key to change, located in the file, before anything is allocated.
// Each used to run until Go's out-of-memory crash (or, for sim validate,
// to pass). The budget is given (-max-memory), so the test does not
// depend on the machine.
func TestSizesRefusedBeforeAllocating(t *testing.T) {
	for _, c := range []struct {
		what, config, key string
		cmds              []string
	}{
		{"50 million members", "[population]\nmembers = 50_000_000\n", "population.members", []string{"run", "validate", "calibrate", "channels"}},
		{"2^31-1 rounds", "rounds = 2147483647\nreplicates = 1\n", "replicates", []string{"run", "validate"}},
		{"a chapter of 20,000 with 20,000 contacts", "replicates = 1\n[population]\nmembers = 20000\nchapter_size = 20000\nmax_contacts = 20000\nseats = \"shared\"\n", "population.chapter_size", []string{"run", "validate"}},
		{"2^31-1 replicates", "replicates = 2147483647\n", "replicates", []string{"run", "validate", "calibrate", "channels"}},
		{"a million members, 64 at once", "replicates = 64\n[population]\nmembers = 1_000_000\n", "population.members", []string{"run"}},
	} {
		t.Run(c.what, func(t *testing.T) {
			cfg := writeConfig(t, c.config)
			for _, cmd := range c.cmds {
				args := []string{cmd, "-max-memory", "8GiB", "-workers", "64"}
				if cmd != "validate" {
					args = append(args, "-config")
				}
				args = append(args, cfg)
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				code, _, stderr := runCLI(t, args...)
				runtime.ReadMemStats(&after)
				for _, want := range []string{"cfg.toml", c.key + ": ", "needs about", "more than the 8.0 GiB available (-max-memory)"} {
					if !strings.Contains(stderr, want) {
						t.Errorf("sim %s: stderr lacks %q:\n%s", cmd, want, stderr)
					}
				}
				if code != exitUsage {
					t.Errorf("sim %s: exit %d, want 2", cmd, code)
				}
				if got := after.TotalAlloc - before.TotalAlloc; got > 64<<20 {
					t.Errorf("sim %s allocated %d MiB before refusing", cmd, got>>20)
				}
			}
		})
	}
}

// TestValidatePrintsEstimate: sim validate prints a run's estimated peak
// and the memory available, and refuses what does not fit.
func TestValidatePrintsEstimate(t *testing.T) {
	code, stdout, stderr := runCLI(t, "validate", "-workers", "2", "-max-memory", "4GiB", "giver-heavy", "bni-world")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"giver-heavy: ok; a run needs about ", "(2 replicates at once); 4.0 GiB available (-max-memory)",
		"bni-world: ok; a run needs about ", "(one replicate at a time)",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if code, _, stderr := runCLI(t, "validate", "-max-memory", "100MiB", "bni-world"); code != exitUsage || !strings.Contains(stderr, "bni-world.toml:") || !strings.Contains(stderr, "population.members: a run of this config needs about") {
		t.Errorf("bni-world in 100 MiB: exit %d, stderr %q; want 2 at population.members", code, stderr)
	}
}

// TestMaxMemoryFlag: -max-memory takes sizes with units and refuses
// anything else as a usage error.
func TestMaxMemoryFlag(t *testing.T) {
	for _, c := range []struct {
		value string
		code  int
	}{
		{"4GiB", exitOK}, {"512 MiB", exitOK}, {"8GB", exitOK}, {"2g", exitOK},
		{"", exitUsage}, {"-1GiB", exitUsage}, {"0", exitUsage}, {"4 parsecs", exitUsage}, {"1e30GiB", exitUsage}, {"NaN", exitUsage},
	} {
		code, _, stderr := runCLI(t, "validate", "-max-memory", c.value, "giver-heavy")
		if code != c.code {
			t.Errorf("-max-memory %q: exit %d, want %d: %s", c.value, code, c.code, stderr)
		}
	}
}

// TestSweepTooLargeRefused: a sweep whose largest point's world on each
// worker (or whose records) would not fit is refused before it starts,
// at the axis that makes it large.
func TestSweepTooLargeRefused(t *testing.T) {
	path := writeSweep(t, "name = \"big\"\nbase = \"balanced\"\nreplicates = 4\n[[axes]]\npath = \"population.members\"\nvalues = [1000, 3_000_000]\n")
	out := t.TempDir()
	code, _, stderr := runCLI(t, "sweep", "-config", path, "-out", out, "-max-memory", "4GiB", "-workers", "4")
	for _, want := range []string{"sweep.toml:4:1: axes[0]: this sweep needs about", "4 worlds at once", "more than the 4.0 GiB available (-max-memory)", "-workers 2 or fewer"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if code != exitUsage {
		t.Errorf("exit %d, want 2", code)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("the refused sweep left %d entries in -out", len(entries))
	}
}
