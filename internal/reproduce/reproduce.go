// Package reproduce runs the validation experiments of configs/reproduce:
// each checks the engine against a known result of the reciprocity
// literature (or, for the article's own claim, reports a measurement) and
// yields one row of a table: experiment, expected, measured, status.
//
// Every experiment reads its config from the folder, changes only the
// parameters it sweeps (named in the config's comments), and runs the
// engine through sim.RunReplicate with the config's seed, so the table is
// the same on every machine and for any number of workers.
package reproduce

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"runtime"
	"slices"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/giversgain/giversgain/internal/config"
	"github.com/giversgain/giversgain/sim"
)

// Status is the outcome of one row.
type Status string

// The statuses. Report marks a measurement with no literature value to
// check; it never fails the run.
const (
	Pass   Status = "PASS"
	Fail   Status = "FAIL"
	Report Status = "REPORT"
)

// Row is one line of the table.
type Row struct {
	Experiment string
	Expected   string
	Measured   string
	Status     Status
	// Notes are extra lines printed under the table (evidence, caveats).
	Notes []string
}

// Options control a reproduction run; none of them changes a number.
type Options struct {
	// Configs holds the experiment configs by file name (the embedded
	// configs/reproduce, see configs.Reproduce, or a folder of one's own).
	Configs fs.FS
	// Workers is how many replicates run at once; 0 means one per CPU.
	Workers int
	// Only, when not empty, runs just these experiments (1-based).
	Only []int
	// Log, if set, receives a line as each experiment starts and ends.
	Log io.Writer
	// Check, if set, is called with each experiment's decoded config
	// before it runs; an error stops Run (sim reproduce refuses a config
	// too large for the memory available this way).
	Check func(f *config.File) error
}

// experiment is one validation experiment.
type experiment struct {
	file string
	run  func(ctx context.Context, cfg sim.Config, workers int) ([]Row, error)
}

var experiments = []experiment{
	{"1-indirect-reciprocity.toml", indirect},
	{"2-image-scoring.toml", imageScoring},
	{"3-direct-reciprocity.toml", direct},
	{"4-grant-deciles.toml", grantDeciles},
	{"5-count-vs-value.toml", countVsValue},
	{"6-generous-reciprocity.toml", generous},
	{"7-image-vs-standing.toml", imageVsStanding},
}

// Count is the number of experiments.
func Count() int { return len(experiments) }

// Run runs the selected experiments in order and returns their rows.
func Run(ctx context.Context, opt Options) ([]Row, error) {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var rows []Row
	for n, e := range experiments {
		if len(opt.Only) > 0 && !slices.Contains(opt.Only, n+1) {
			continue
		}
		data, err := readConfig(opt.Configs, e.file)
		if err != nil {
			return rows, &config.Error{File: e.file, Msg: "cannot read experiment config: " + err.Error(), Err: err}
		}
		f, err := config.Decode(e.file, data)
		if err != nil {
			return rows, err
		}
		if opt.Check != nil {
			if err := opt.Check(f); err != nil {
				return rows, err
			}
		}
		start := time.Now()
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, "reproduce: %s ...\n", e.file)
		}
		r, err := e.run(ctx, f.Config, workers)
		if err != nil {
			return rows, fmt.Errorf("%s: %w", e.file, err)
		}
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, "reproduce: %s done in %.1fs\n", e.file, time.Since(start).Seconds())
		}
		rows = append(rows, r...)
	}
	return rows, nil
}

// readConfig reads an experiment's config from fsys: a regular file of
// at most config.MaxFileBytes, since -dir may hold a FIFO (whose open
// would block) or a device (whose reading would not end).
func readConfig(fsys fs.FS, name string) ([]byte, error) {
	fi, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file (%v)", name, fi.Mode().Type())
	}
	if fi.Size() > config.MaxFileBytes {
		return nil, fmt.Errorf("%s is larger than %d bytes", name, config.MaxFileBytes)
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, config.MaxFileBytes+1))
}

// Failed reports whether any row failed.
func Failed(rows []Row) bool {
	for _, r := range rows {
		if r.Status == Fail {
			return true
		}
	}
	return false
}

// WriteTable prints rows as an aligned table (columns separated by " | ",
// so it pastes into Markdown), then every row's notes.
func WriteTable(w io.Writer, rows []Row) {
	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', 0)
	fmt.Fprintln(tw, "experiment\t| expected\t| measured\t| status")
	fmt.Fprintln(tw, "---\t| ---\t| ---\t| ---")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t| %s\t| %s\t| %s\n", r.Experiment, r.Expected, r.Measured, r.Status)
	}
	tw.Flush()
	for _, r := range rows {
		for _, n := range r.Notes {
			fmt.Fprintf(w, "\n%s: %s", r.Experiment, n)
		}
	}
	fmt.Fprintln(w)
}

// replicates runs replicates 0..Replicates-1 of every config in cfgs on a
// pool of workers and hands each finished replicate to keep (called
// concurrently, with the config's and replicate's index, each pair once),
// so that a long run need not hold every series in memory. Replicate k of
// every config draws from the stream (cfg.Seed, k): configs that differ
// only in a swept parameter share their random numbers, which makes
// differences between sweep points less noisy. The first error stops the
// other workers and is returned; so is ctx's error when ctx ends first.
func replicates(ctx context.Context, cfgs []sim.Config, workers int, keep func(c, k int, rep *sim.Replicate)) error {
	for i := range cfgs {
		if err := cfgs[i].Validate(); err != nil {
			return fmt.Errorf("invalid config: %w", err)
		}
	}
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	var firstErr error
	var errOnce sync.Once
	type job struct{ c, k int }
	jobs := make(chan job)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range jobs {
				cfg := &cfgs[j.c]
				rep, err := sim.RunReplicate(runCtx, cfg, j.k, sim.NewStreamKey(cfg.Seed, uint64(j.k)), sim.ReplicateOptions{})
				if err != nil {
					errOnce.Do(func() { firstErr = err })
					cancel()
					continue
				}
				keep(j.c, j.k, rep)
			}
		})
	}
feed:
	for c := range cfgs {
		for k := range cfgs[c].Replicates {
			select {
			case jobs <- job{c, k}:
			case <-runCtx.Done():
				break feed
			}
		}
	}
	close(jobs)
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	return ctx.Err()
}

// strategyIndex finds a strategy of cfg by name.
func strategyIndex(cfg sim.Config, name string) int {
	i := slices.IndexFunc(cfg.Strategies, func(s sim.StrategySpec) bool { return s.Name == name })
	if i < 0 {
		panic("reproduce: config has no strategy " + name)
	}
	return i
}

// grid returns lo, lo+step, ..., hi.
func grid(lo, hi, step float64) []float64 {
	var out []float64
	n := int((hi-lo)/step + 0.5)
	for i := 0; i <= n; i++ {
		out = append(out, lo+float64(i)*step)
	}
	return out
}

func fmtList(xs []float64, format string) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprintf(format, x)
	}
	return strings.Join(parts, ", ")
}

// joinInts writes xs separated by sep.
func joinInts(xs []int, sep string) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprint(x)
	}
	return strings.Join(parts, sep)
}
