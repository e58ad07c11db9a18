// Package study reads sensitivity study files and turns them into the
// runs that answer them: a base config, the parameters to vary (each with
// a range, uniform or log-uniform, and the range's source), the outputs
// (such as the giver-taker income gap), the methods and their sizes
// (Sobol' indices, Morris screening) and claims about the result. It
// builds the design, deterministic from the study's seed, and the sweep
// plan that runs every design point on the sweep machinery (worker pool,
// checkpoint and resume, shards, merge). The analysis of the finished runs
// lives in internal/studyout; the estimators in internal/sensitivity.
package study

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/giversgain/giversgain/internal/sensitivity"
)

// Format names the shape of a Spec as carried in part files: it changes
// when the Spec changes meaning.
const Format = "giversgain-sensitivity/1"

// The output measures.
const (
	// Difference is the mean of higher minus lower over the replicates.
	Difference = "difference"
	// LogRatio is the log ratio of the means, asinh(higher/s) −
	// asinh(lower/s) with s = LogRatioScale for dollar metrics (1 for
	// counts): ln(higher/lower) to within 1% wherever both exceed 5·s,
	// and, unlike the plain log ratio, defined where an income is zero or
	// negative (givers whose time costs more than they earn). The inverse
	// hyperbolic sine is the customary log for such data (Bellemare and
	// Wichman 2020, Oxford Bull. Econ. Stat. 82:50).
	LogRatio = "log_ratio"
	// Ahead is 1 where the mean of higher is above the mean of lower, else 0.
	Ahead = "ahead"
)

// LogRatioScale is s of LogRatio for dollar metrics: a thousand dollars,
// small against the incomes of years of membership.
const LogRatioScale = 1000.0

// The design parts, as samples.csv names them.
const (
	SobolDesign  = "sobol"
	MorrisDesign = "morris"
)

// The index names a claim may test, as indices.csv names them.
const (
	IndexS1     = "S1"
	IndexST     = "ST"
	IndexMuStar = "mu_star"
	IndexPRCC   = "prcc"
	IndexAhead  = "ahead"
)

// Param is one varied parameter: its config path, its range and where the
// range comes from.
type Param struct {
	// Path is the parameter's config path, as sweeps write it.
	Path string `json:"path"`
	// Label is its short name on charts; default the path's last piece.
	Label string `json:"label"`
	// From and To bound the range.
	From float64 `json:"from"`
	To   float64 `json:"to"`
	// Log makes the range log-uniform.
	Log bool `json:"log,omitempty"`
	// Integer parameters (rounds) take the mapped value rounded.
	Integer bool `json:"integer,omitempty"`
	// Source is the one-line source of the range, or "assumption: ...".
	Source string `json:"source"`
}

// Range is the parameter's range as the estimators' package maps it.
func (p Param) Range() sensitivity.Range {
	return sensitivity.Range{Lo: p.From, Hi: p.To, Log: p.Log}
}

// Value maps a unit coordinate to the parameter's value.
func (p Param) Value(u float64) (float64, error) {
	v, err := p.Range().Map(u)
	if err != nil {
		return 0, err
	}
	if p.Integer {
		v = math.Round(v)
	}
	return v, nil
}

// Output is one quantity computed at every design point from the
// replicates' final values: Measure of Metric between the strategies (or
// kinds) Higher and Lower.
type Output struct {
	Name    string `json:"name"`
	Measure string `json:"measure"`
	Metric  string `json:"metric"`
	Higher  string `json:"higher"`
	Lower   string `json:"lower"`
}

// Sobol sizes the Sobol' design: N base samples give N·(d+2) points.
type Sobol struct {
	N int `json:"n"`
	// Sampling is how the base points are drawn: "scrambled-halton" (the
	// default) or "pseudo-random"; see sensitivity.BaseSampling.
	Sampling string `json:"sampling"`
}

// Morris sizes the Morris design: Trajectories of d+1 points on a grid
// of Levels levels.
type Morris struct {
	Trajectories int `json:"trajectories"`
	Levels       int `json:"levels"`
}

// Bootstrap sets the intervals of every index.
type Bootstrap struct {
	Resamples int     `json:"resamples"`
	Level     float64 `json:"level"`
}

// Group names parameters whose first-order indices the summary adds up,
// such as "the cost of giving against deal value" for the two costs and
// the deal scale.
type Group struct {
	Label  string   `json:"label"`
	Params []string `json:"parameters"`
}

// Claim is a statement about the study's result, checked like a sweep's
// claims: an index of a parameter (or the share of points where the
// output's higher strategy is ahead) above or below a value at the
// interval's bound, or a parameter among the Top most influential.
type Claim struct {
	Name   string `json:"name"`
	Output string `json:"output"`
	// Index is S1, ST, mu_star, prcc or ahead.
	Index string `json:"index"`
	// Param is the parameter's path; empty for ahead.
	Param string `json:"parameter,omitempty"`
	// Above or below Value, at the bound of the interval on that side;
	// unless Top > 0: Param ranks among the Top largest by Index.
	Above bool    `json:"above"`
	Value float64 `json:"value"`
	Top   int     `json:"top,omitempty"`
	// Line is where the claim's table starts in the study file.
	Line int `json:"line,omitempty"`
}

// Spec is a study: what it varies, measures and claims. It is plain data
// (JSON-safe), carried in the sweep's part files, so that merging the
// parts of a sharded study needs no study file.
type Spec struct {
	Format     string    `json:"format"`
	Name       string    `json:"name"`
	Seed       uint64    `json:"seed"`
	Replicates int       `json:"replicates"`
	Params     []Param   `json:"parameters"`
	Outputs    []Output  `json:"outputs"`
	Sobol      *Sobol    `json:"sobol,omitempty"`
	Morris     *Morris   `json:"morris,omitempty"`
	Bootstrap  Bootstrap `json:"bootstrap"`
	Group      *Group    `json:"group,omitempty"`
	// Summary names the output whose variance the summary apportions:
	// by default the first of measure log_ratio (continuous and free of
	// the deal scale's dollars), else the first.
	Summary string  `json:"summary_output"`
	Claims  []Claim `json:"claims,omitempty"`
}

// FromExtra decodes the Spec a sweep plan carries as its Extra.
func FromExtra(raw json.RawMessage) (*Spec, error) {
	var s Spec
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, fmt.Errorf("study description: %w", err)
	}
	if s.Format != Format {
		return nil, fmt.Errorf("study description: format %q, expected %q", s.Format, Format)
	}
	if len(s.Params) == 0 || len(s.Outputs) == 0 || (s.Sobol == nil && s.Morris == nil) {
		return nil, fmt.Errorf("study description: incomplete (no parameters, outputs or method)")
	}
	return &s, nil
}

// Streams of the design's random draws, apart from the simulation's
// (which use (seed, point, replicate) paths): the second word of a PCG
// seeded with the study's seed.
const (
	sobolStream  = 0x5eed_0b01_de51_9000
	morrisStream = 0x5eed_0b01_de51_9001
	// BootStream seeds the bootstrap of the analysis.
	BootStream = 0x5eed_0b01_de51_9002
)

// Design is the study's points in the unit cube, in design order: the
// Sobol' rows (SALib's layout without second-order rows: per base sample
// A, A with column i from B for each parameter i, then B) and then the
// Morris trajectories. It is a pure function of the Spec.
type Design struct {
	// Sobol and Morris are the rows of each part (nil when not asked for).
	Sobol, Morris [][]float64
}

// Rows returns every row, the Sobol' part first.
func (d *Design) Rows() [][]float64 {
	return append(append([][]float64(nil), d.Sobol...), d.Morris...)
}

// Part returns the part ("sobol" or "morris") and the row within it of
// design row k.
func (d *Design) Part(k int) (string, int) {
	if k < len(d.Sobol) {
		return SobolDesign, k
	}
	return MorrisDesign, k - len(d.Sobol)
}

// Design draws the study's design from its seed.
func (s *Spec) Design() (*Design, error) {
	d := &Design{}
	k := len(s.Params)
	if s.Sobol != nil {
		base := sensitivity.ScrambledHalton
		if s.Sobol.Sampling == "pseudo-random" {
			base = sensitivity.PseudoRandom
		}
		rows, err := sensitivity.SobolDesign(k, s.Sobol.N, base, rand.NewPCG(s.Seed, sobolStream))
		if err != nil {
			return nil, err
		}
		d.Sobol = rows
	}
	if s.Morris != nil {
		rows, err := sensitivity.MorrisDesign(k, s.Morris.Trajectories, s.Morris.Levels, rand.NewPCG(s.Seed, morrisStream))
		if err != nil {
			return nil, err
		}
		d.Morris = rows
	}
	return d, nil
}

// Values maps a unit row to the parameters' values.
func (s *Spec) Values(u []float64) ([]float64, error) {
	out := make([]float64, len(u))
	for i, p := range s.Params {
		v, err := p.Value(u[i])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p.Path, err)
		}
		out[i] = v
	}
	return out, nil
}

// DesignName is the sweep design name of the study: sobol, morris or
// sobol+morris.
func (s *Spec) DesignName() string {
	switch {
	case s.Sobol != nil && s.Morris != nil:
		return SobolDesign + "+" + MorrisDesign
	case s.Sobol != nil:
		return SobolDesign
	}
	return MorrisDesign
}

// Output returns the output named name, or nil.
func (s *Spec) Output(name string) *Output {
	for i := range s.Outputs {
		if s.Outputs[i].Name == name {
			return &s.Outputs[i]
		}
	}
	return nil
}

// ParamIndex returns the position of the parameter at path, or -1.
func (s *Spec) ParamIndex(path string) int {
	for i, p := range s.Params {
		if p.Path == path {
			return i
		}
	}
	return -1
}
