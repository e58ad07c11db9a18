package studyout

import (
	"fmt"
	"math"
	"strings"

	"github.com/giversgain/giversgain/internal/claims"
	"github.com/giversgain/giversgain/internal/sensitivity"
	"github.com/giversgain/giversgain/internal/study"
)

// Interval is an estimate as summary.json writes it.
type Interval struct {
	Value float64 `json:"value"`
	Low   float64 `json:"ci_low"`
	High  float64 `json:"ci_high"`
}

func interval(e sensitivity.Estimate) *Interval { return &Interval{e.Value, e.Lo, e.Hi} }

// Influence is one parameter's indices for the summary's output.
type Influence struct {
	Parameter string    `json:"parameter"`
	Label     string    `json:"label"`
	S1        *Interval `json:"S1,omitempty"`
	ST        *Interval `json:"ST,omitempty"`
	MuStar    *Interval `json:"mu_star,omitempty"`
	PRCC      *Interval `json:"prcc,omitempty"`
}

// Summary is what summary.json holds: the headline computed from the data.
type Summary struct {
	Name  string `json:"name"`
	Title string `json:"title"`
	// Sentence is the summary in one sentence: how often the higher
	// strategy is ahead, and what explains the variance.
	Sentence string `json:"sentence"`
	// Output is the output whose variance the sentence apportions.
	Output string `json:"output"`
	// Ahead is the share of design points where the higher strategy is
	// ahead, with its bootstrap interval (absent without an ahead output).
	Ahead *Interval `json:"share_ahead,omitempty"`
	// Group is the summed first-order index of the study's group.
	Group      *Interval `json:"group_S1,omitempty"`
	GroupLabel string    `json:"group_label,omitempty"`
	// Ranking lists the parameters, most influential first.
	Ranking []Influence `json:"ranking"`
	// Noise is the share of the output's variance that the replicates'
	// spread would give (null where not computed).
	Noise *float64 `json:"noise_share"`
	// Points, Replicates and Level describe the evidence.
	Points     int      `json:"points"`
	Replicates int      `json:"replicates"`
	Level      float64  `json:"level"`
	Notes      []string `json:"notes"`
}

func plural(s string) string {
	if strings.HasSuffix(s, "s") {
		return s
	}
	return s + "s"
}

func pct(x float64) string { return fmt.Sprintf("%.0f%%", 100*x) }

// OutputPhrase names what an output measures, in the words of its charts
// and tables: "the log income ratio, givers to takers", "givers' income
// minus takers'", "whether givers out-earn takers".
func OutputPhrase(o study.Output) string {
	switch o.Measure {
	case study.Ahead:
		return "whether " + aheadPhrase(o)
	case study.LogRatio:
		return fmt.Sprintf("the log %s ratio, %s to %s", o.Metric, plural(o.Higher), plural(o.Lower))
	case study.Difference:
		return fmt.Sprintf("%s' %s minus %s'", plural(o.Higher), o.Metric, plural(o.Lower))
	}
	return o.Name
}

// aheadPhrase is "givers out-earn takers" for an output's sides.
func aheadPhrase(o study.Output) string {
	if o.Metric == "income" || o.Metric == "earned" {
		return fmt.Sprintf("%s out-earn %s", plural(o.Higher), plural(o.Lower))
	}
	return fmt.Sprintf("%s score above %s on %s", plural(o.Higher), plural(o.Lower), o.Metric)
}

// Summarize writes the study's headline from its analysis.
func (r *Result) Summarize() Summary {
	s := r.Spec
	sum := Summary{Name: s.Name, Output: s.Summary, Points: len(r.Values), Replicates: r.Replicates, Level: s.Bootstrap.Level, Notes: []string{}}
	for _, o := range r.Outputs {
		for _, n := range o.Notes {
			sum.Notes = append(sum.Notes, o.Output.Name+": "+n)
		}
	}
	var ahead *OutputResult
	for i := range r.Outputs {
		if r.Outputs[i].Ahead != nil {
			ahead = &r.Outputs[i]
			break
		}
	}
	var parts []string
	if ahead != nil {
		sum.Ahead = interval(*ahead.Ahead)
		sum.Title = fmt.Sprintf("%s in %s of plausible settings", capital(aheadPhrase(ahead.Output)), pct(ahead.Ahead.Value))
		parts = append(parts, fmt.Sprintf("%s in %s of plausible settings (%g%% interval %s to %s)",
			capital(aheadPhrase(ahead.Output)), pct(ahead.Ahead.Value), 100*s.Bootstrap.Level, pct(ahead.Ahead.Lo), pct(ahead.Ahead.Hi)))
	}
	o := r.Output(s.Summary)
	if o == nil {
		sum.Sentence = strings.Join(parts, "") + "."
		return sum
	}
	if !math.IsNaN(o.Noise) {
		sum.Noise = &o.Noise
	}
	what := "the variance of " + o.Output.Name
	switch o.Output.Measure {
	case study.LogRatio:
		what = fmt.Sprintf("the variance of the log ratio of %s' %s to %s'", plural(o.Output.Higher), o.Output.Metric, plural(o.Output.Lower))
	case study.Difference:
		what = fmt.Sprintf("the variance of %s' %s minus %s'", plural(o.Output.Higher), o.Output.Metric, plural(o.Output.Lower))
	case study.Ahead:
		what = "the variance in whether they do"
		if ahead == nil || ahead.Output.Name != o.Output.Name {
			what = "the variance in whether " + aheadPhrase(o.Output)
		}
	}
	for _, i := range o.Ranked() {
		p := s.Params[i]
		in := Influence{Parameter: p.Path, Label: p.Label}
		if o.Sobol != nil {
			in.S1, in.ST = interval(o.Sobol.S1[i]), interval(o.Sobol.ST[i])
		}
		if o.Morris != nil {
			in.MuStar = interval(o.Morris.MuStar[i])
		}
		if o.PRCC != nil {
			in.PRCC = interval(o.PRCC.Coef[i])
		}
		sum.Ranking = append(sum.Ranking, in)
	}
	switch {
	case o.Group != nil:
		sum.Group, sum.GroupLabel = interval(*o.Group), s.Group.Label
		parts = append(parts, fmt.Sprintf("%s explains %s of %s on its own (summed first-order indices, interval %s to %s)",
			s.Group.Label, pct(o.Group.Value), what, pct(o.Group.Lo), pct(o.Group.Hi)))
	case len(sum.Ranking) > 0 && sum.Ranking[0].S1 != nil:
		top := sum.Ranking[0]
		parts = append(parts, fmt.Sprintf("%s matters most: alone it explains %s of %s, with its interactions %s",
			top.Label, pct(top.S1.Value), what, pct(top.ST.Value)))
	case len(sum.Ranking) > 0:
		parts = append(parts, fmt.Sprintf("%s matters most", sum.Ranking[0].Label))
	}
	if sum.Title == "" && len(sum.Ranking) > 0 {
		sum.Title = fmt.Sprintf("%s matters most for %s", capital(sum.Ranking[0].Label), o.Output.Name)
	}
	sum.Sentence = strings.Join(parts, "; ") + "."
	return sum
}

func capital(s string) string {
	if s == "" {
		return s
	}
	b := []byte(s)
	if b[0] >= 'a' && b[0] <= 'z' {
		b[0] -= 'a' - 'A'
	}
	return string(b)
}

// Claims judges the study's claims on its analysis. A claim passes when
// the interval's bound on its side clears the value (above: the lower
// bound is above it; below: the upper bound is below it), or, with top,
// when the parameter ranks among the top largest by the point estimate.
func (r *Result) Claims() []claims.Outcome {
	s := r.Spec
	var out []claims.Outcome
	for i, cl := range ClaimsOf(s) {
		c := s.Claims[i]
		oc := claims.Outcome{Claim: cl}
		o := r.Output(c.Output)
		est, scores, ok := r.index(o, c)
		level := fmt.Sprintf("%g%% interval", 100*s.Bootstrap.Level)
		switch {
		case !ok:
			oc.Lines = []string{fmt.Sprintf("%s of %s is not available: %s", c.Index, c.Output, strings.Join(o.Notes, "; "))}
		case c.Top > 0:
			pi := s.ParamIndex(c.Param)
			rank := 1
			for j, v := range scores {
				if j != pi && v > scores[pi] {
					rank++
				}
			}
			oc.Pass = rank <= c.Top
			oc.Lines = []string{fmt.Sprintf("%s ranks %d of %d by %s (%s = %s)", c.Param, rank, len(scores), c.Index, c.Index, fmtIdx(scores[pi]))}
		default:
			bound, side := est.Lo, "lower"
			if !c.Above {
				bound, side = est.Hi, "upper"
			}
			oc.Pass = (c.Above && bound > c.Value) || (!c.Above && bound < c.Value)
			oc.Lines = []string{fmt.Sprintf("%s = %s (%s %s to %s); %s bound %s against %g", c.Index, fmtIdx(est.Value), level, fmtIdx(est.Lo), fmtIdx(est.Hi), side, fmtIdx(bound), c.Value)}
		}
		out = append(out, oc)
	}
	return out
}

// ClaimsOf returns a study's claims as the claims package carries them,
// for reports that list claims not yet judged (a shard's JUnit file).
func ClaimsOf(s *study.Spec) []claims.Claim {
	out := make([]claims.Claim, len(s.Claims))
	for i, c := range s.Claims {
		out[i] = claims.Claim{Name: c.Name, Text: c.Statement(), Confidence: s.Bootstrap.Level, Index: i, Line: c.Line}
	}
	return out
}

// index returns the estimate a claim tests, and every parameter's point
// value of that index (for top).
func (r *Result) index(o *OutputResult, c study.Claim) (sensitivity.Estimate, []float64, bool) {
	pi := r.Spec.ParamIndex(c.Param)
	var list []sensitivity.Estimate
	switch c.Index {
	case study.IndexAhead:
		if o.Ahead == nil {
			return sensitivity.Estimate{}, nil, false
		}
		return *o.Ahead, nil, true
	case study.IndexS1:
		if o.Sobol != nil {
			list = o.Sobol.S1
		}
	case study.IndexST:
		if o.Sobol != nil {
			list = o.Sobol.ST
		}
	case study.IndexMuStar:
		if o.Morris != nil {
			list = o.Morris.MuStar
		}
	case study.IndexPRCC:
		if o.PRCC != nil {
			list = o.PRCC.Coef
		}
	}
	if list == nil || pi < 0 {
		return sensitivity.Estimate{}, nil, false
	}
	scores := make([]float64, len(list))
	for i, e := range list {
		scores[i] = e.Value
		if c.Index == study.IndexPRCC {
			scores[i] = math.Abs(e.Value)
		}
	}
	return list[pi], scores, true
}

func fmtIdx(x float64) string { return fmt.Sprintf("%.3g", x) }

// Table is the summary's table of indices, most influential parameter
// first: a head (parameter, S1, ST, Morris mu*, PRCC) and one row of
// cells per parameter, each index with its bootstrap interval ("-" where
// the study did not compute it); note, the line that goes under it, says
// the indices are of what (OutputPhrase of the summary's output). The
// README's table (cmd/numbers) and the study's report page both show it.
func (s Summary) Table(what string) (head []string, rows [][]string, note string) {
	head = []string{"parameter", "first-order S1", "total ST", "Morris mu*", "PRCC"}
	iv := func(x *Interval) string {
		if x == nil {
			return "-"
		}
		return fmt.Sprintf("%.2f (%.2f to %.2f)", x.Value, x.Low, x.High)
	}
	for _, in := range s.Ranking {
		rows = append(rows, []string{in.Label, iv(in.S1), iv(in.ST), iv(in.MuStar), iv(in.PRCC)})
	}
	note = fmt.Sprintf("Indices of %s, most influential first, %g%% bootstrap intervals; %d points, %d replicates each.", what, 100*s.Level, s.Points, s.Replicates)
	if s.Noise != nil {
		note += fmt.Sprintf(" The replicates' spread alone would give %.0f%% of the variance (see docs/sensitivity.md).", 100**s.Noise)
	}
	return head, rows, note
}
