//go:build !race && linux

package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/giversgain/giversgain/sim"
)

// TestMemoryEstimateMatchesMeasured runs sim run in a process of its own
// (the test binary as sim, see TestMain) on worlds of several sizes and
// shapes and compares the peak resident memory the kernel measured
// (getrusage's ru_maxrss, which is VmHWM) with sim.EstimateRun's. The
// estimate must lie between 0.9 and 1.6 times the measured peak: never
// much below it (a run accepted as fitting must fit), and not so far
// above that it refuses what would fit. The race detector multiplies
// memory, hence the build tag.
func TestMemoryEstimateMatchesMeasured(t *testing.T) {
	if testing.Short() {
		t.Skip("runs worlds of up to 300,000 members")
	}
	const lo, hi = 0.9, 1.6
	cases := []struct {
		what                        string
		members, rounds, replicates int
		extra                       string
		sweep                       bool // a sweep of two points over the config
	}{
		{"10k members, 4 weeks", 10_000, 4, 1, "", false},
		{"100k members, 4 weeks", 100_000, 4, 1, "", false},
		{"300k members, 4 weeks", 300_000, 4, 1, "", false},
		{"10k members, 10 years: lists full", 10_000, 520, 1, "", false},
		{"20k members, 6 replicates 2 at once", 20_000, 26, 6, "", false},
		{"20k members in chapters of 300", 20_000, 4, 1, "chapter_size = 300\nmax_contacts = 400\nseats = \"shared\"\n", false},
		{"sweep: 2 points x 3 replicates of 50k members, 2 at once", 50_000, 8, 3, "", true},
	}
	t.Logf("| world | estimate | measured peak | estimate / measured |")
	t.Logf("|---|---|---|---|")
	for _, c := range cases {
		text := fmt.Sprintf("name = \"mem\"\nrounds = %d\nreplicates = %d\n[population]\nmembers = %d\n%s", c.rounds, c.replicates, c.members, c.extra)
		path := writeConfig(t, text)
		file, err := loadConfig(path)
		if err != nil {
			t.Fatal(err)
		}
		est := sim.EstimateRun(&file.Config, 2, runtime.GOMAXPROCS(0))
		args := []string{"run", "-quiet", "-workers", "2", "-config", path, "-out", t.TempDir()}
		if c.sweep {
			path = writeSweep(t, fmt.Sprintf("name = \"mem\"\nbase = %q\n[[axes]]\npath = \"referrals.visibility\"\nvalues = [0.2, 0.8]\n", path))
			plan, err := loadSweep(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			est = plan.Memory(2, runtime.GOMAXPROCS(0), plan.Tasks())
			args = []string{"sweep", "-quiet", "-workers", "2", "-config", path, "-out", t.TempDir()}
		}
		cmd := exec.Command(os.Args[0])
		cmd.Env = append(os.Environ(), childArgsEnv+"="+strings.Join(args, "\n"), "GOMEMLIMIT=")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", c.what, err, out)
		}
		peak := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss * 1024 // kB on Linux
		ratio := float64(est.Peak) / float64(peak)
		t.Logf("| %s | %s | %s | %.2f |", c.what, sim.FormatBytes(est.Peak), sim.FormatBytes(peak), ratio)
		if ratio < lo || ratio > hi {
			t.Errorf("%s: estimate %s (%s), measured %s: %.2f times, want %.1f to %.1f", c.what, sim.FormatBytes(est.Peak), est.Explain(), sim.FormatBytes(peak), ratio, lo, hi)
		}
	}
}
