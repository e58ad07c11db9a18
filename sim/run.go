package sim

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
)

// Options control how a config is run; none of them changes a result.
type Options struct {
	// Workers is the number of goroutines simulating at once; 0 means one
	// per CPU. They are shared between replicates and the chapters of a
	// replicate (see Run).
	Workers int
	// Progress, if set, is called after every simulated round with the
	// rounds done and the rounds in all, across replicates. Calls are
	// serialised.
	Progress func(done, total int)
}

// ReplicateOptions control one replicate; none of them changes a result.
type ReplicateOptions struct {
	// Workers is how many of the world's chapters play a round at once;
	// 0 or 1 plays them one after another.
	Workers int
	// OnRound, if set, is called after each round.
	OnRound func()
}

// RunReplicate simulates one world of cfg on the random stream s (see
// Stream: chapter c plays on s's child c). It checks ctx before every
// round, so a cancel stops it within one round. cfg must be valid.
func RunReplicate(ctx context.Context, cfg *Config, index int, s Stream, opt ReplicateOptions) (*Replicate, error) {
	w, err := newWorld(cfg, s)
	if err != nil {
		return nil, err
	}
	w.workers = max(1, opt.Workers)
	series := make([]float64, 0, cfg.Rounds*w.nStrat*int(numMetrics))
	for range cfg.Rounds {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		w.step()
		w.evolve()
		series = w.record(series)
		if opt.OnRound != nil {
			opt.OnRound()
		}
	}
	nn := w.nStrat * w.nStrat
	flows := w.flows()
	return &Replicate{
		Index: index, series: series, nStrat: w.nStrat, Agents: w.agents(),
		FlowReferred: flows[:nn:nn], FlowClosed: flows[nn:], Totals: w.totals(),
	}, nil
}

// split shares workers between replicates and the chapters of each: as
// many replicates at once as there are workers (at most all of them), and
// the workers left over to each replicate's chapters, so that a run of 32
// replicates and a run of one world both keep every worker busy.
func split(workers, replicates int) (atOnce, chapterWorkers int) {
	atOnce = max(1, min(workers, replicates))
	return atOnce, max(1, workers/atOnce)
}

// Run validates cfg, simulates its replicates on a worker pool and
// aggregates them. Replicate k draws from the stream (cfg.Seed, k) and the
// results are combined in replicate order, so the Result is the same for
// any number of workers. The workers are shared (split): several
// replicates at once, and each replicate's chapters at once with the
// workers left over.
func Run(ctx context.Context, cfg Config, opt Options) (*Result, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("invalid config: %w", err)
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers, chapterWorkers := split(workers, cfg.Replicates)
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	var mu sync.Mutex
	done, total := 0, cfg.Rounds*cfg.Replicates
	onRound := func() {
		if opt.Progress == nil {
			return
		}
		mu.Lock()
		done++
		opt.Progress(done, total)
		mu.Unlock()
	}

	reps := make([]*Replicate, cfg.Replicates)
	errs := make([]error, cfg.Replicates)
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for k := range jobs {
				reps[k], errs[k] = RunReplicate(ctx, &cfg, k, NewStreamKey(cfg.Seed, uint64(k)), ReplicateOptions{Workers: chapterWorkers, OnRound: onRound})
				if errs[k] != nil {
					cancel() // one failure stops the others within a round
				}
			}
		})
	}
feed:
	for k := range cfg.Replicates {
		select {
		case jobs <- k:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	for k, e := range errs {
		if e != nil && !errors.Is(e, context.Canceled) {
			return nil, fmt.Errorf("replicate %d: %w", k, e)
		}
	}
	if err := parent.Err(); err != nil {
		return nil, err
	}
	return Aggregate(cfg, reps), nil
}
