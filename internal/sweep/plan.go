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
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/giversgain/giversgain/internal/claims"
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
func (p *Plan) Hash() string {
	h := sha256.New()
	enc := json.NewEncoder(h)
	err := enc.Encode(struct {
		Format, Version string
		Seed            uint64
		Replicates      int
		Axes            []string
		Coords          [][]float64
		Configs         []sim.Config
		Rounds          []int
		Metrics         []string
		CommonStreams   bool `json:",omitempty"`
	}{formatVersion, p.Version, p.Seed, p.Replicates, p.Axes, p.Coords, p.Configs, p.Rounds, claims.MetricNames(), p.CommonStreams})
	if err != nil {
		// Configs hold only numbers, strings and resolved params.
		panic(fmt.Sprintf("sweep: hashing the plan: %v", err))
	}
	return hex.EncodeToString(h.Sum(nil))
}
