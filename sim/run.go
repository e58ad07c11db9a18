package sim

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
)

// Options control how a config is run; none of them changes a result.
type Options struct {
	// Workers is the number of replicates run at once; 0 means one per CPU.
	Workers int
	// Progress, if set, is called after every simulated round with the
	// rounds done and the rounds in all, across replicates. Calls are
	// serialised.
	Progress func(done, total int)
}

// RunReplicate simulates one world of cfg with its own generator r. It
// checks ctx before every round, so a cancel stops it within one round.
// onRound, if set, is called after each round. cfg must be valid.
func RunReplicate(ctx context.Context, cfg *Config, index int, r *rand.Rand, onRound func()) (*Replicate, error) {
	w, err := newWorld(cfg, r)
	if err != nil {
		return nil, err
	}
	series := make([]float64, 0, cfg.Rounds*w.nStrat*int(numMetrics))
	for range cfg.Rounds {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		w.step()
		w.evolve()
		series = w.record(series)
		if onRound != nil {
			onRound()
		}
	}
	nn := w.nStrat * w.nStrat
	return &Replicate{
		Index: index, series: series, nStrat: w.nStrat, Agents: w.agents(),
		FlowReferred: w.flows[:nn:nn], FlowClosed: w.flows[nn:], Totals: w.tot,
	}, nil
}

// Run validates cfg, simulates its replicates on a worker pool and
// aggregates them. Replicate k draws from NewStream(cfg.Seed, k) and the
// results are combined in replicate order, so the Result is the same for
// any number of workers.
func Run(ctx context.Context, cfg Config, opt Options) (*Result, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("invalid config: %w", err)
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, cfg.Replicates)
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
				reps[k], errs[k] = RunReplicate(ctx, &cfg, k, NewStream(cfg.Seed, uint64(k)), onRound)
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
