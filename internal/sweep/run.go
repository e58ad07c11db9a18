package sweep

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/giversgain/giversgain/internal/atomicdir"
	"github.com/giversgain/giversgain/internal/chart"
	"github.com/giversgain/giversgain/internal/claims"
	"github.com/giversgain/giversgain/internal/shard"
	"github.com/giversgain/giversgain/sim"
)

// Options control how a plan runs; none of them changes a number.
type Options struct {
	// Dir is the parent folder: outputs go to Dir/<name>/, shard parts to
	// Dir/<name>.parts/. Empty means "results".
	Dir string
	// Workers is the number of tasks run at once; 0 means one per CPU.
	Workers int
	// Shard is the slice of tasks to run; the zero value means all.
	Shard shard.Shard
	// Formats are the chart formats (png, svg, pdf); none means png.
	Formats []string
	// Chart is how the charts look and in which words (language, title
	// style, aspect, theme); the zero value is English, plain titles,
	// 16:9, light.
	Chart chart.Options
	// Log receives one-line notices (resuming, starting fresh); may be nil.
	Log io.Writer
	// Progress, if set, is called with the tasks done (resumed ones
	// included) and the shard's total; calls are serialised.
	Progress func(done, total int)
	// AfterTask, if set, is called after each task's record is on disk
	// (serialised; a test hook for interrupting a sweep).
	AfterTask func(task int)
}

// Stats says what a Run did.
type Stats struct {
	// Tasks is the number of tasks of the shard; Resumed were found done
	// in a checkpoint or part, Ran were computed now.
	Tasks, Resumed, Ran int
	Wall                time.Duration
	// Out is the results folder (unsharded) or the part file (sharded).
	Out string
}

// Outcome is what a finished Run or Merge produced.
type Outcome struct {
	Stats Stats
	// Table holds the aggregated results; nil for a shard.
	Table *Table
	// Claims are the claims' outcomes, as written to claims.txt; nil for
	// a shard (the claims wait for Merge).
	Claims []claims.Outcome
}

// Paths of a plan's files under dir.
func outDir(dir, name string) string   { return filepath.Join(dir, name) }
func partsDir(dir, name string) string { return filepath.Join(dir, name+".parts") }
func checkpointPath(dir, name string, s shard.Shard) string {
	if !s.Sharded() {
		return filepath.Join(dir, "."+name+".checkpoint")
	}
	return filepath.Join(partsDir(dir, name), "."+s.PartName()+".checkpoint")
}

// PartPath is where shard s of the plan named name writes its part.
func PartPath(dir, name string, s shard.Shard) string {
	return filepath.Join(partsDir(dir, name), s.PartName())
}

// Run runs the plan's tasks of opt.Shard, resuming from a checkpoint with
// the same hash. Unsharded, it then writes the outputs to Dir/<name>/ and
// returns the Table and the claims' outcomes; sharded, it writes its part
// file. A cancelled ctx leaves the checkpoint for the next run and returns
// ctx's error.
func Run(ctx context.Context, p *Plan, opt Options) (*Outcome, error) {
	start := time.Now()
	if opt.Dir == "" {
		opt.Dir = "results"
	}
	s := opt.Shard
	if s.Count == 0 {
		s = shard.All
	}
	logf := func(format string, args ...any) {
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, format+"\n", args...)
		}
	}
	hdr := p.header(s)
	total := s.Tasks(p.Tasks())
	st := Stats{Tasks: total}
	ckpt := checkpointPath(opt.Dir, p.Name, s)
	// -out may be a link the user made; <name>.parts is the tool's own
	// folder and must not be one (see atomicdir.MkdirOwn).
	mkdir := func(dir string) error { return os.MkdirAll(dir, 0o755) }
	if s.Sharded() {
		mkdir = atomicdir.MkdirOwn
	}
	if err := mkdir(filepath.Dir(ckpt)); err != nil {
		return nil, err
	}
	unlock, err := lockFile(ckpt + ".lock")
	if err != nil {
		return nil, err
	}
	defer unlock()

	// A finished part with the same hash: nothing to do (idempotent).
	if s.Sharded() {
		part := PartPath(opt.Dir, p.Name, s)
		if tf, err := readTaskFile(part, false); err == nil {
			if tf.Header.Hash == hdr.Hash && tf.Header.Shard == s.Index && tf.Header.Shards == s.Count && len(tf.Records) == total {
				logf("%s is complete for this config; nothing to redo", part)
				_ = os.Remove(ckpt)
				st.Resumed, st.Out, st.Wall = total, part, time.Since(start)
				if opt.Progress != nil {
					opt.Progress(total, total)
				}
				return &Outcome{Stats: st}, nil
			}
			logf("%s was written for another config or is incomplete; redoing it", part)
		}
	}

	f, resumed, err := openCheckpoint(ckpt, hdr, logf)
	if err != nil {
		return nil, err
	}
	done := make([]bool, p.Tasks())
	for _, r := range resumed {
		done[r.task] = true
	}
	var todo []int
	for t, d := range done {
		switch {
		case !s.Owns(t):
		case d:
			st.Resumed++
		default:
			todo = append(todo, t)
		}
	}
	if st.Resumed > 0 {
		logf("resuming %s: %d of %d tasks already done", p.Name, st.Resumed, total)
	}
	if st.Resumed == total && !s.Sharded() {
		logf("%s holds every task: writing the outputs from it again (delete it to rerun the sweep)", ckpt)
	}

	ran, runErr := p.runTasks(ctx, f, todo, opt, st.Resumed, total, hdr.slots())
	st.Ran = len(ran)
	if cerr := f.Close(); runErr == nil && cerr != nil {
		runErr = cerr
	}
	if runErr != nil {
		return nil, runErr
	}

	// The checkpoint now holds the resumed records, then the ones just
	// run, in this order.
	recs, err := completeRecords(append(resumed, ran...), p.Tasks(), s)
	if err != nil {
		return nil, fmt.Errorf("checkpoint %s: %w", ckpt, err)
	}
	out := &Outcome{}
	if s.Sharded() {
		part := PartPath(opt.Dir, p.Name, s)
		if err := writePart(part, hdr, recs); err != nil {
			return nil, err
		}
		st.Out = part
	} else {
		tab := newTable(hdr, recs)
		tab.ext = p.Extension
		dir := outDir(opt.Dir, p.Name)
		outs, err := tab.Write(dir, opt.Formats, opt.Chart)
		if err != nil {
			return nil, err
		}
		out.Table, out.Claims = tab, outs
		st.Out = dir
	}
	// A shard's part now holds its records. An unsharded sweep keeps its
	// checkpoint, complete: rerunning it then runs no task again, but
	// re-judges the claims and rewrites the outputs from it.
	if s.Sharded() {
		if err := os.Remove(ckpt); err != nil {
			return nil, err
		}
	}
	st.Wall = time.Since(start)
	out.Stats = st
	return out, nil
}

// openCheckpoint opens (or starts) the checkpoint for appending and
// returns the records already in it. A checkpoint of another config (or an
// unreadable one) is replaced.
func openCheckpoint(path string, hdr Header, logf func(string, ...any)) (*os.File, []record, error) {
	tf, err := readTaskFile(path, true)
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		logf("checkpoint %s is unreadable (%v); starting fresh", path, err)
	case tf.Header.Hash != hdr.Hash || tf.Header.Shard != hdr.Shard || tf.Header.Shards != hdr.Shards:
		logf("the sweep config changed since checkpoint %s was written (hash %.12s, now %.12s); starting fresh", path, tf.Header.Hash, hdr.Hash)
	default:
		f, err := atomicdir.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return nil, nil, err
		}
		// Drop a line cut by a kill, then append after the good records.
		if err := f.Truncate(tf.good); err != nil {
			f.Close()
			return nil, nil, err
		}
		if _, err := f.Seek(tf.good, io.SeekStart); err != nil {
			f.Close()
			return nil, nil, err
		}
		return f, tf.Records, nil
	}
	f, err := atomicdir.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o666)
	if err != nil {
		return nil, nil, err
	}
	if _, err := f.Write(encodeHeader(hdr)); err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, nil, nil
}

// runTasks runs the tasks todo on a worker pool, appending each record of
// slots values to f as it finishes, and returns the records written, in
// the order written (also on error).
func (p *Plan) runTasks(ctx context.Context, f *os.File, todo []int, opt Options, resumed, total, slots int) ([]record, error) {
	if opt.Progress != nil {
		opt.Progress(resumed, total)
	}
	if len(todo) == 0 {
		return nil, nil
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, len(todo))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	jobs := make(chan int)
	results := make(chan record, workers)
	var firstErr error
	var errOnce sync.Once
	fail := func(err error) {
		errOnce.Do(func() { firstErr = err })
		cancel()
	}
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for t := range jobs {
				r, err := p.runTask(ctx, t, slots)
				if err != nil {
					fail(err)
					continue
				}
				select {
				case results <- r:
				case <-ctx.Done():
				}
			}
		})
	}
	go func() {
		defer close(jobs)
		for _, t := range todo {
			select {
			case jobs <- t:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	buf := make([]byte, 0, 64*slots)
	var ran []record
	for r := range results {
		if ctx.Err() != nil {
			continue // drain; a cancelled sweep keeps what is on disk
		}
		buf = appendRecord(buf[:0], r)
		// One write per record: a kill leaves at most one cut line.
		if _, err := f.Write(buf); err != nil {
			fail(err)
			continue
		}
		ran = append(ran, r)
		if opt.Progress != nil {
			opt.Progress(resumed+len(ran), total)
		}
		if opt.AfterTask != nil {
			opt.AfterTask(r.task)
		}
	}
	if firstErr != nil && !errors.Is(firstErr, context.Canceled) {
		return ran, firstErr
	}
	return ran, ctx.Err()
}

// runTask simulates one replicate of one point and keeps its summary: the
// slots values of a record.
func (p *Plan) runTask(ctx context.Context, t, slots int) (record, error) {
	pt, rep := p.Task(t)
	cfg := &p.Configs[pt]
	stream := uint64(pt)
	if p.CommonStreams {
		stream = 0
	}
	res, err := sim.RunReplicate(ctx, cfg, rep, sim.NewStreamKey(p.Seed, stream, uint64(rep)), sim.ReplicateOptions{})
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return record{}, err
		}
		return record{}, fmt.Errorf("point %d replicate %d: %w", pt, rep, err)
	}
	vals := make([]float64, 0, slots)
	metrics := sim.Metrics()
	for _, round := range append([]int{cfg.Rounds}, p.Rounds...) {
		for s := range p.Strategies {
			for _, m := range metrics {
				v := math.NaN()
				if round <= cfg.Rounds {
					v = res.Value(m, s, round)
				}
				vals = append(vals, v)
			}
		}
	}
	return record{task: t, values: vals}, nil
}

// completeRecords sorts records by task, drops repeats and checks that
// every task of the shard is there.
func completeRecords(recs []record, tasks int, s shard.Shard) ([]record, error) {
	slices.SortStableFunc(recs, func(a, b record) int { return a.task - b.task })
	out := recs[:0]
	for _, r := range recs {
		if !s.Owns(r.task) || (len(out) > 0 && out[len(out)-1].task == r.task) {
			continue
		}
		out = append(out, r)
	}
	if want := s.Tasks(tasks); len(out) != want {
		return nil, fmt.Errorf("%d of %d tasks recorded", len(out), want)
	}
	return out, nil
}

// writePart writes a shard's records, sorted, to path atomically.
func writePart(path string, hdr Header, recs []record) error {
	return atomicdir.WriteFileAtomic(path, func(w io.Writer) error {
		if _, err := w.Write(encodeHeader(hdr)); err != nil {
			return err
		}
		var buf []byte
		for _, r := range recs {
			buf = appendRecord(buf[:0], r)
			if _, err := w.Write(buf); err != nil {
				return err
			}
		}
		return nil
	})
}
