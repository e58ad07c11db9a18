package sweep

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/giversgain/giversgain/internal/chart"
	"github.com/giversgain/giversgain/internal/config"
	"github.com/giversgain/giversgain/internal/shard"
	"github.com/giversgain/giversgain/sim"
)

// MergeError is a set of parts that cannot be merged (missing, duplicated
// or mismatched): bad input.
type MergeError struct{ Msg string }

func (e *MergeError) Error() string { return "merge: " + e.Msg }

// ExpandParts turns the arguments of sim merge into part files: a folder
// stands for the part-* files in it.
func ExpandParts(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		fi, err := os.Stat(a)
		if err != nil {
			return nil, &MergeError{fmt.Sprintf("%s: %v", a, config.ErrText(err))}
		}
		if !fi.IsDir() {
			out = append(out, a)
			continue
		}
		m, err := filepath.Glob(filepath.Join(a, "part-*-of-*"))
		if err != nil {
			return nil, err
		}
		if len(m) == 0 {
			return nil, &MergeError{fmt.Sprintf("%s: no part-*-of-* files in this folder", a)}
		}
		out = append(out, m...)
	}
	return out, nil
}

// Merge reads the part files of a sharded sweep, checks that every part
// is there once, that they share one config hash and that no task is
// missing or repeated, and writes the outputs to dir/<name>/, the same
// bytes as the unsharded sweep (given the same chart options opt). Parts
// of a plan with an Extension need MergeWith.
func Merge(paths []string, dir string, formats []string, opt chart.Options) (*Outcome, error) {
	return MergeWith(context.Background(), paths, dir, formats, opt, nil)
}

// MergeWith is Merge for parts that may come from a plan with an
// Extension, stopping with ctx's error when ctx ends while the parts are
// read (the outputs are then not written): extend rebuilds the Extension
// from the header of shard 0 (nil extend, or an extend that returns nil,
// merges as a plain sweep, and parts that carry Extra are then refused
// rather than merged without their outputs).
func MergeWith(ctx context.Context, paths []string, dir string, formats []string, opt chart.Options, extend Extender) (*Outcome, error) {
	start := time.Now()
	if len(paths) == 0 {
		return nil, &MergeError{"no part files given"}
	}
	var parts []*taskFile
	byIndex := map[int]string{}
	for _, path := range paths {
		tf, err := readTaskFileContext(ctx, path, false)
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if err != nil {
			return nil, &MergeError{err.Error()}
		}
		h := &tf.Header
		// The name comes from the file, not the user: it must not reach
		// outside the output folder (see sim.CheckName).
		if err := sim.CheckName(h.Name); err != nil {
			return nil, &MergeError{fmt.Sprintf("%s: the header's name: %v", path, err)}
		}
		if len(parts) > 0 {
			h0 := &parts[0].Header
			if h.Hash != h0.Hash {
				return nil, &MergeError{fmt.Sprintf("%s has config hash %.12s but %s has %.12s: parts of different sweeps (or versions) cannot be merged", path, h.Hash, paths[0], h0.Hash)}
			}
			if h.Shards != h0.Shards {
				return nil, &MergeError{fmt.Sprintf("%s is one of %d shards but %s one of %d", path, h.Shards, paths[0], h0.Shards)}
			}
			// The same config hash implies the same tasks and values a
			// task, unless a header was forged and resealed: refused, not
			// indexed past the end.
			if h.Tasks != h0.Tasks || h.slots() != h0.slots() || !slices.Equal(h.Axes, h0.Axes) {
				return nil, &MergeError{fmt.Sprintf("%s and %s share a config hash but not their tasks (%d and %d), values a task or axes: a header was edited", path, paths[0], h.Tasks, h0.Tasks)}
			}
		}
		if prev, dup := byIndex[h.Shard]; dup {
			return nil, &MergeError{fmt.Sprintf("shard %d/%d given twice: %s and %s", h.Shard, h.Shards, prev, path)}
		}
		byIndex[h.Shard] = path
		parts = append(parts, tf)
	}
	n := parts[0].Header.Shards
	var missing []string
	for i := range n {
		if _, ok := byIndex[i]; !ok {
			missing = append(missing, shard.Shard{Index: i, Count: n}.PartName())
		}
	}
	if len(missing) > 0 {
		return nil, &MergeError{fmt.Sprintf("%d of %d parts missing: %s", len(missing), n, strings.Join(missing, ", "))}
	}
	// Claims and chart settings are not in the hash: take them from shard 0
	// whatever the order the parts were given in.
	var h Header
	for _, tf := range parts {
		if tf.Header.Shard == 0 {
			h = tf.Header
		}
	}
	seen := make([]bool, h.Tasks)
	var recs []record
	for _, tf := range parts {
		s := shard.Shard{Index: tf.Header.Shard, Count: n}
		for _, r := range tf.Records {
			if !s.Owns(r.task) {
				return nil, &MergeError{fmt.Sprintf("%s holds task %d, which belongs to shard %d", byIndex[s.Index], r.task, r.task%n)}
			}
			if seen[r.task] {
				return nil, &MergeError{fmt.Sprintf("task %d appears twice in %s", r.task, byIndex[s.Index])}
			}
			seen[r.task] = true
			recs = append(recs, r)
		}
		if got, want := len(tf.Records), s.Tasks(h.Tasks); got != want {
			return nil, &MergeError{fmt.Sprintf("%s holds %d of its %d tasks", byIndex[s.Index], got, want)}
		}
	}
	// Every task is there once (newTable places each by its index, so the
	// order of recs does not matter). The outputs describe the whole
	// sweep, as the unsharded run does.
	h.Shard, h.Shards = 0, 1
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	tab := newTable(h, recs)
	if extend != nil {
		ext, err := extend(h)
		if err != nil {
			return nil, &MergeError{fmt.Sprintf("%s: %v", byIndex[0], err)}
		}
		tab.ext = ext
	}
	if tab.ext == nil && len(h.Extra) > 0 {
		return nil, &MergeError{fmt.Sprintf("%s: these parts carry outputs of their own (a sensitivity study's) that this merge cannot write", byIndex[0])}
	}
	out := outDir(dir, h.Name)
	outs, err := tab.Write(out, formats, opt)
	if err != nil {
		return nil, err
	}
	return &Outcome{Table: tab, Claims: outs, Stats: Stats{Tasks: h.Tasks, Resumed: h.Tasks, Out: out, Wall: time.Since(start)}}, nil
}
