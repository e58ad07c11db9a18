package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/giversgain/giversgain/internal/config"
	"github.com/giversgain/giversgain/internal/memlimit"
	"github.com/giversgain/giversgain/internal/sweep"
	"github.com/giversgain/giversgain/sim"
)

// maxMemoryUsage documents -max-memory on every command that simulates.
const maxMemoryUsage = "the memory the command may use, a `SIZE` such as 4GiB or 512MiB (default: the cgroup's limit or the system's available memory, the smaller); a run whose estimated peak is larger is refused before it allocates anything"

// memoryFlag registers -max-memory on fs; *dst stays 0 unless given.
func memoryFlag(fs *flag.FlagSet, dst *int64) {
	fs.Func("max-memory", maxMemoryUsage, func(s string) error {
		n, err := memlimit.Parse(s)
		if err != nil {
			return err
		}
		*dst = n
		return nil
	})
}

// setMemoryLimit tells the Go runtime the budget a run was accepted
// under (debug.SetMemoryLimit), unless GOMEMLIMIT says otherwise: the
// collector then reclaims garbage before the process outgrows the budget,
// instead of letting the heap double. Tests replace it, so that an
// in-process run does not tie the test binary to a small budget.
var setMemoryLimit = func(b memlimit.Budget) {
	if b.Known() && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(b.Bytes)
	}
}

// checkRunMemory estimates the peak memory of running cfg (file's config
// with the flags applied) on workers workers, and refuses it when the
// estimate exceeds the budget (-max-memory, else what the system has):
// bad input, exit 2, located at the key to change. what names the
// command's run for the message ("a run", "each step of the fit"). A
// command that goes on to simulate passes the budget to setMemoryLimit.
func checkRunMemory(file *config.File, cfg sim.Config, workers int, maxMemory int64, what string) (sim.Memory, memlimit.Budget, error) {
	est := sim.EstimateRun(&cfg, workers, runtime.GOMAXPROCS(0))
	budget := memlimit.Find(maxMemory)
	if !budget.Known() || est.Peak <= budget.Bytes {
		return est, budget, nil
	}
	key, change := memoryKey(cfg, est)
	return est, budget, file.ErrorAt(key, "%s of this config needs about %s at its peak (%s), more than the %s available (%s); %s, or give -max-memory if the machine it runs on has more",
		what, sim.FormatBytes(est.Peak), est.Explain(), sim.FormatBytes(budget.Bytes), budget.Source, change)
}

// memoryKey names the key whose value makes the estimate large, and
// says what to change.
func memoryKey(cfg sim.Config, est sim.Memory) (key, change string) {
	p := cfg.Population
	worlds := int64(est.Worlds) * est.World
	switch {
	case est.Results > worlds:
		return "replicates", "run fewer replicates or fewer members (population.members)"
	case est.Worlds > 1:
		return "population.members", fmt.Sprintf("run fewer replicates at once (-workers %d or fewer) or fewer members", max(1, est.Worlds/2))
	case p.ChapterSize > 200:
		return "population.chapter_size", "use smaller chapters (every chapter holds a tie and an image score for each pair of its members) or fewer members"
	case p.MaxContacts > 200:
		return "population.max_contacts", "allow fewer contacts (33 bytes each) or fewer members"
	}
	return "population.members", "simulate fewer members"
}

// memoryNote is the estimate for sim validate's "ok" line.
func memoryNote(est sim.Memory, budget memlimit.Budget) string {
	at := "one replicate at a time"
	if est.Worlds > 1 {
		at = fmt.Sprintf("%d replicates at once", est.Worlds)
	}
	avail := "the memory available here is unknown"
	if budget.Known() {
		avail = fmt.Sprintf("%s available (%s)", sim.FormatBytes(budget.Bytes), budget.Source)
	}
	return fmt.Sprintf("a run needs about %s at its peak (%s); %s", sim.FormatBytes(est.Peak), at, avail)
}

// checkSweepMemory estimates the peak memory of running tasks of plan's
// tasks on workers workers and refuses the sweep when it exceeds the
// budget, at the key of the sweep file to change.
func checkSweepMemory(plan *sweep.Plan, workers, tasks int, maxMemory int64) (memlimit.Budget, error) {
	est := plan.Memory(workers, runtime.GOMAXPROCS(0), tasks)
	budget := memlimit.Find(maxMemory)
	if !budget.Known() || est.Peak <= budget.Bytes {
		return budget, nil
	}
	key, change := "replicates", "run fewer points or replicates (or shard the sweep with -shard i/n)"
	if worlds := int64(est.Worlds) * est.World; worlds > est.Results {
		key, change = "base", fmt.Sprintf("run fewer tasks at once (-workers %d or fewer) or smaller worlds", max(1, est.Worlds/2))
		for i, a := range plan.Axes {
			if strings.HasPrefix(a, "population.") || a == "rounds" {
				key = fmt.Sprintf("axes[%d]", i)
				break
			}
		}
	}
	return budget, plan.ErrorAt(key, "this sweep needs about %s at its peak (%s), more than the %s available (%s); %s, or give -max-memory if the machine it runs on has more",
		sim.FormatBytes(est.Peak), strings.Replace(est.Explain(), "a world of", "a task's world of", 1), sim.FormatBytes(budget.Bytes), budget.Source, change)
}

// configForRuns reads the config name for cmd (sim calibrate, sim
// channels), applies a positive replicates override, validates the result
// and refuses it when what (one of the runs cmd makes of it, one after
// another) would not fit in memory. When ok is false the problem is
// printed and code is the exit code.
func configForRuns(cmd, name string, replicates, workers int, maxMemory int64, what string, stderr io.Writer) (cfg sim.Config, code int, ok bool) {
	file, err := loadConfig(name)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return cfg, exitCode(err), false
	}
	cfg = file.Config
	if replicates > 0 {
		cfg.Replicates = replicates
	}
	if err := cfg.Validate(); err != nil {
		return cfg, usageError(stderr, cmd, "%s with the flags given: %v", name, err), false
	}
	_, budget, err := checkRunMemory(file, cfg, workers, maxMemory, what)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", cmd, err)
		return cfg, exitUsage, false
	}
	setMemoryLimit(budget)
	return cfg, exitOK, true
}
