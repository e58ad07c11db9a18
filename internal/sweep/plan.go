// Package sweep runs parameter sweeps: a base config, axes of parameter
// values (grids, ranges, explicit points, Latin hypercubes) and replicates
// per point. Every (point, replicate) task draws from
// the stream (seed, point, replicate), so no number depends on the
// worker count, the shard or the order tasks finish in.
//
// Tasks stream one line each to a checkpoint file as they finish, so a
// killed sweep resumes where it stopped; memory holds the workers'
// simulations and the finished tasks' summaries, not every simulation. A
// shard (-shard i/n) ends with a part file; Merge combines the parts into
// the same outputs, byte for byte, as the unsharded sweep: points.csv,
// points.parquet, manifest.json, claims.txt and charts.
package sweep

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"unsafe"

	"github.com/giversgain/giversgain/internal/claims"
	"github.com/giversgain/giversgain/internal/tomlpos"
	"github.com/giversgain/giversgain/sim"
)

// Design names how the points of a sweep were chosen.
const (
	Grid   = "grid"
	Points = "points"
	LHS    = "lhs"
)

// Plan is a resolved sweep: every point's config, ready to run.
type Plan struct {
	// Name names the output folder <dir>/<name>.
	Name string
	// Version is the simulator's version; it is part of the hash, since
	// another engine may give other numbers.
	Version string
	// Design is Grid, Points or LHS.
	Design string
	// Seed is the root of every task's stream.
	Seed uint64
	// Replicates per point.
	Replicates int
	// Axes are the parameter paths varied.
	Axes []string
	// Coords[p] are point p's axis values, in Axes order.
	Coords [][]float64
	// Configs[p] is point p's full config.
	Configs []sim.Config
	// Strategies are the variant names, identical at every point.
	Strategies []string
	// Kinds are the variants' kinds, in the same order.
	Kinds []string
	// Rounds are weeks recorded besides the final one (the claims' rounds).
	Rounds []int
	// Chart says what the charts show.
	Chart ChartSpec
	// Claims are checked on the results.
	Claims []claims.Claim
	// CommonStreams gives replicate k the same random stream at every
	// point, (seed, 0, k), instead of (seed, point, k): common random
	// numbers, as a sensitivity study wants, so that the mean over the
	// replicates is one deterministic function of the parameters and the
	// differences between points are not buried in fresh noise. It is in
	// the hash (only when set, so plain sweeps keep theirs).
	CommonStreams bool
	// Extension, if set, writes further outputs in place of the sweep's
	// charts (see Extension); Extra is what it needs to be rebuilt from a
	// part file, carried in the task files' header. Neither is in the
	// hash: like claims, they decide no task's numbers.
	Extension Extension
	Extra     json.RawMessage

	// file and keys locate problems found after decoding (ErrorAt).
	file string
	keys *tomlpos.Index
}

// ErrorAt is a problem with the sweep file at key (a path as in
// Error.Key), found after decoding (a sweep too large for the memory
// available, say), located in the file the plan was decoded from.
func (p *Plan) ErrorAt(key, format string, args ...any) *Error {
	d := &specDecoder{file: p.file, keys: p.keys}
	return d.bad(key, format, args...)
}

// Memory estimates the peak memory of running tasks of the plan's tasks
// (a shard's, or all) on workers workers (0: cpus of them). Each worker
// plays one replicate at a time, alone (sim.ReplicateBytes of the largest
// point: its world, and the members' records and series it returns until
// the task's summary is kept); the finished tasks' records are kept until
// the outputs are written from them; and finished worlds make way for
// new ones, so the collector's garbage is counted as in sim.Memory.Finish.
func (p *Plan) Memory(workers, cpus, tasks int) sim.Memory {
	if workers <= 0 {
		workers = max(1, cpus)
	}
	workers = max(1, min(workers, tasks))
	m := sim.Memory{Worlds: workers}
	for i := range p.Configs {
		m.World = max(m.World, sim.ReplicateBytes(&p.Configs[i], 1))
	}
	slots := int64(1+len(p.Rounds)) * int64(len(p.Strategies)) * int64(len(claims.MetricNames()))
	// A record's values, its place in the list, and the plan itself.
	m.Results = int64(tasks)*(slots*8+48) + int64(p.Tasks())
	if len(p.Configs) > 0 {
		m.Results += int64(len(p.Configs)) * pointBytes(p.Configs[0], p.Axes)
	}
	// The tidy table's rows (a row per point, strategy and metric), a
	// Parquet row group, and the charts.
	rows := int64(len(p.Coords)) * int64(len(p.Strategies)) * int64(len(claims.MetricNames()))
	m.Output = rows*(int64(unsafe.Sizeof(row{}))+16) + int64(rowGroupRows)*int64(8+len(p.Axes))*8 + sim.ChartBytes
	return m.Finish(tasks > workers)
}

// ChartSpec chooses the charts' measure: Metric for the lines of a
// one-axis sweep; Higher minus Lower of Metric for the heat map of a
// two-axis grid, the "giver advantage" by default. Higher and Lower are
// strategy names or kinds (a kind pools its variants by members).
type ChartSpec struct {
	Metric string `json:"metric"`
	Higher string `json:"higher,omitempty"`
	Lower  string `json:"lower,omitempty"`
}

// Tasks is the number of (point, replicate) tasks.
func (p *Plan) Tasks() int { return len(p.Coords) * p.Replicates }

// Task splits a task index into its point and replicate.
func (p *Plan) Task(t int) (point, replicate int) { return t / p.Replicates, t % p.Replicates }

// formatVersion changes when the task files or the outputs change shape.
const formatVersion = "giversgain-sweep/1"

// Hash identifies everything that decides the tasks' numbers: the format,
// the version, seed, replicates, axes, points, every point's config and the
// rounds recorded. Claims and chart choices are not in it: changing them
// redoes no task.
//
// It is the SHA-256 of one line of JSON with the sweep's fields, then a
// line per point with its config, in which the profession catalogue is
// given by the SHA-256 of its JSON. Points share their catalogue unless
// an axis varies it, so each catalogue is encoded once: it carries the
// sources of every profession, 50 KB, and encoding the plan whole (as
// this did before) took a gigabyte and two seconds for 10,000 points.
func (p *Plan) Hash() string {
	h := sha256.New()
	w := bufio.NewWriterSize(h, 1<<16)
	enc := json.NewEncoder(w)
	put := func(v any) {
		if err := enc.Encode(v); err != nil {
			// Configs hold only numbers, strings and resolved params.
			panic(fmt.Sprintf("sweep: hashing the plan: %v", err))
		}
	}
	put(struct {
		Format, Version string
		Seed            uint64
		Replicates      int
		Axes            []string
		Coords          [][]float64
		Rounds          []int
		Metrics         []string
		CommonStreams   bool `json:",omitempty"`
	}{formatVersion, p.Version, p.Seed, p.Replicates, p.Axes, p.Coords, p.Rounds, claims.MetricNames(), p.CommonStreams})
	// The catalogues' digests, by their first element and length: a
	// config copied by value shares its base's catalogue.
	type catalogue struct {
		first *sim.Profession
		n     int
	}
	digests := map[catalogue]string{}
	for i := range p.Configs {
		cfg := &p.Configs[i]
		key := catalogue{n: len(cfg.Professions)}
		if key.n > 0 {
			key.first = &cfg.Professions[0]
		}
		d, ok := digests[key]
		if !ok {
			b, err := json.Marshal(cfg.Professions)
			if err != nil {
				panic(fmt.Sprintf("sweep: hashing the plan: %v", err))
			}
			sum := sha256.Sum256(b)
			d = hex.EncodeToString(sum[:])
			digests[key] = d
		}
		// The outer Professions, a string, hides the config's own.
		put(struct {
			*sim.Config
			Professions string
		}{cfg, d})
	}
	w.Flush()
	return hex.EncodeToString(h.Sum(nil))
}
