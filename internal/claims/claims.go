// Package claims checks statements over simulation results, such as "givers
// out-earn takers at the final round where visibility >= 0.5", at a stated
// confidence, and reports each as PASS or FAIL with its evidence.
//
// A claim compares one strategy's metric with another strategy's (or with a
// number), replicate by replicate: the paired differences d_k = left_k -
// right_k of the replicates give a one-sided Student's t bound at the
// claim's confidence, and "above" holds when that lower bound is above zero
// ("below" when the upper bound is below zero). In a sweep the claim must
// hold at every point of its region.
package claims

import (
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/giversgain/giversgain/internal/config"
	"github.com/giversgain/giversgain/sim"
	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Claim is one parsed [[claims]] table. It is plain data (JSON-safe) so a
// sweep can carry its claims inside its part files.
type Claim struct {
	// Name is the readable statement; Parse writes one when the table has
	// none.
	Name string `json:"name"`
	// Strategy is the left-hand strategy (a variant name of the config).
	Strategy string `json:"strategy"`
	// Metric is a sim metric name ("income" by default).
	Metric string `json:"metric"`
	// Above is true for "above", false for "below".
	Above bool `json:"above"`
	// Other is the right-hand strategy; empty when comparing with Value.
	Other string `json:"other,omitempty"`
	// Value is the number compared with when Other is empty.
	Value float64 `json:"value,omitempty"`
	// Round is the week compared; 0 means the final round.
	Round int `json:"round,omitempty"`
	// Confidence is the one-sided confidence level, in (0, 1).
	Confidence float64 `json:"confidence"`
	// Where restricts a sweep claim to a region of parameter values.
	Where []Cond `json:"where,omitempty"`
	// Index is the claim's position among the [[claims]] tables (0-based).
	Index int `json:"index"`
	// Line is where the table starts in its file (0 if unknown).
	Line int `json:"line,omitempty"`
	// Text, when set, is the statement of a claim that compares no
	// strategies (a sensitivity study's claim about its indices, judged by
	// internal/studyout); Statement returns it, and its Outcome carries
	// its evidence in Lines.
	Text string `json:"text,omitempty"`
}

// Cond is one condition of a region: Path Op Value, Op one of
// < <= > >= == !=.
type Cond struct {
	Path  string  `json:"path"`
	Op    string  `json:"op"`
	Value float64 `json:"value"`
}

func (c Cond) String() string { return c.Path + " " + c.Op + " " + fmtNum(c.Value) }

// Holds reports whether v satisfies the condition.
func (c Cond) Holds(v float64) bool {
	switch c.Op {
	case "<":
		return v < c.Value
	case "<=":
		return v <= c.Value
	case ">":
		return v > c.Value
	case ">=":
		return v >= c.Value
	case "==":
		return v == c.Value
	case "!=":
		return v != c.Value
	}
	return false
}

// Error is a claim that cannot be parsed or evaluated: bad input (exit 2).
type Error struct {
	// Claim is the 1-based position of the [[claims]] table, 0 if none.
	Claim int
	// Line is where the table starts in its file, 0 if unknown.
	Line int
	Msg  string
}

func (e *Error) Error() string {
	at := ""
	if e.Line > 0 {
		at = fmt.Sprintf("line %d: ", e.Line)
	}
	if e.Claim > 0 {
		return fmt.Sprintf("%sclaims[%d]: %s", at, e.Claim, e.Msg)
	}
	return at + "claims: " + e.Msg
}

var keys = []string{"name", "strategy", "metric", "above", "below", "round", "confidence", "where"}

// Parse reads raw [[claims]] tables (as decoded by BurntSushi/toml into
// map[string]any). Keys:
//
//	name       = "Givers out-earn takers"  # optional; written if absent
//	strategy   = "giver"                    # left-hand strategy (required)
//	metric     = "income"                   # sim metric, default income
//	above      = "taker"                    # a strategy name or a number
//	below      = 0                          # ... or below one (exactly one of above/below)
//	round      = 260                        # week compared; default the final one
//	confidence = 0.95                       # one-sided, default 0.95
//	where      = "referrals.visibility >= 0.5"   # sweeps only; "and"-joined, or a list
//
// Strategy and metric names are checked against a result by Check.
func Parse(raw []config.RawTable) ([]Claim, error) {
	out := make([]Claim, 0, len(raw))
	for i, t := range raw {
		c, err := parseOne(t.Table)
		if err != nil {
			return nil, &Error{Claim: i + 1, Line: t.Line, Msg: err.Error()}
		}
		c.Index, c.Line = i, t.Line
		out = append(out, c)
	}
	return out, nil
}

func parseOne(t map[string]any) (Claim, error) {
	c := Claim{Metric: "income", Confidence: 0.95}
	var unknown []string
	for k := range t {
		if !slices.Contains(keys, k) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return c, fmt.Errorf("unknown key %q; known keys: %s", unknown[0], strings.Join(keys, ", "))
	}
	str := func(k string) (string, bool, error) {
		v, ok := t[k]
		if !ok {
			return "", false, nil
		}
		s, isStr := v.(string)
		if !isStr {
			return "", true, fmt.Errorf("%s: expected a string, found %v", k, v)
		}
		return s, true, nil
	}
	var err error
	if c.Name, _, err = str("name"); err != nil {
		return c, err
	}
	var ok bool
	if c.Strategy, ok, err = str("strategy"); err != nil {
		return c, err
	} else if !ok || c.Strategy == "" {
		return c, fmt.Errorf("strategy: missing; name the strategy the claim is about, as in strategy = \"giver\"")
	}
	if m, ok, err := str("metric"); err != nil {
		return c, err
	} else if ok {
		c.Metric = m
	}
	av, hasAbove := t["above"]
	bv, hasBelow := t["below"]
	if hasAbove == hasBelow {
		return c, fmt.Errorf("expected exactly one of above = ... or below = ... (a strategy name or a number)")
	}
	rhs, key := av, "above"
	c.Above = true
	if hasBelow {
		rhs, key, c.Above = bv, "below", false
	}
	switch v := rhs.(type) {
	case string:
		if v == "" {
			return c, fmt.Errorf("%s: empty strategy name", key)
		}
		c.Other = v
	default:
		f, ok := number(v)
		if !ok {
			return c, fmt.Errorf("%s: expected a strategy name or a number, found %v", key, v)
		}
		c.Value = f
	}
	if v, ok := t["round"]; ok {
		f, isNum := number(v)
		if !isNum || f != math.Trunc(f) || f < 1 {
			return c, fmt.Errorf("round: expected a week number >= 1, found %v", v)
		}
		c.Round = int(f)
	}
	if v, ok := t["confidence"]; ok {
		f, isNum := number(v)
		if !isNum || !(f > 0 && f < 1) {
			return c, fmt.Errorf("confidence: expected a level in (0, 1) such as 0.95, found %v", v)
		}
		c.Confidence = f
	}
	if v, ok := t["where"]; ok {
		var parts []string
		switch w := v.(type) {
		case string:
			parts = splitAnd(w)
		case []any:
			for _, x := range w {
				s, isStr := x.(string)
				if !isStr {
					return c, fmt.Errorf("where: expected strings such as \"referrals.visibility >= 0.5\", found %v", x)
				}
				parts = append(parts, splitAnd(s)...)
			}
		case []string:
			for _, s := range w {
				parts = append(parts, splitAnd(s)...)
			}
		default:
			return c, fmt.Errorf("where: expected a condition such as \"referrals.visibility >= 0.5\", found %v", v)
		}
		for _, p := range parts {
			cond, err := ParseCond(p)
			if err != nil {
				return c, fmt.Errorf("where: %v", err)
			}
			c.Where = append(c.Where, cond)
		}
	}
	if c.Name == "" {
		c.Name = c.Statement()
	}
	return c, nil
}

func splitAnd(s string) []string {
	var out []string
	for _, p := range strings.Split(s, " and ") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// ParseCond reads "path op number".
func ParseCond(s string) (Cond, error) {
	for _, op := range []string{"<=", ">=", "==", "!=", "<", ">"} {
		if i := strings.Index(s, op); i > 0 {
			path := strings.TrimSpace(s[:i])
			num := strings.TrimSpace(s[i+len(op):])
			f, err := strconv.ParseFloat(num, 64)
			if err != nil || path == "" || strings.ContainsAny(path, " <>=!") {
				break
			}
			return Cond{Path: path, Op: op, Value: f}, nil
		}
	}
	return Cond{}, fmt.Errorf("cannot read %q: expected parameter op number, as in \"referrals.visibility >= 0.5\" (op one of < <= > >= == !=)", s)
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case int:
		return float64(x), true
	case float64:
		return x, !math.IsNaN(x) && !math.IsInf(x, 0)
	}
	return 0, false
}

// Statement writes the claim as a sentence.
func (c Claim) Statement() string {
	if c.Text != "" {
		return c.Text
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", c.Strategy, c.Metric)
	if c.Above {
		b.WriteString(" above ")
	} else {
		b.WriteString(" below ")
	}
	if c.Other != "" {
		fmt.Fprintf(&b, "%s %s", c.Other, c.Metric)
	} else {
		b.WriteString(fmtNum(c.Value))
	}
	if c.Round > 0 {
		fmt.Fprintf(&b, " at week %d", c.Round)
	} else {
		b.WriteString(" at the final week")
	}
	if len(c.Where) > 0 {
		b.WriteString(" where " + c.region())
	}
	return b.String()
}

// Lookup resolves a strategy name of a claim: the variant of that name,
// else every variant of that kind (pooled, as "giver" pools selfless and
// otherish givers). It returns nil for an unknown name.
func Lookup(name string, strategies, kinds []string) []int {
	if i := slices.Index(strategies, name); i >= 0 {
		return []int{i}
	}
	var out []int
	for i, k := range kinds {
		if k == name {
			out = append(out, i)
		}
	}
	return out
}

// Pooled returns, per replicate, the member-weighted mean of a metric over
// the variants idx: value(s) and share(s) give variant s's per-replicate
// values and shares of members. A single variant is returned as is.
func Pooled(idx []int, value, share func(s int) []float64) []float64 {
	if len(idx) == 1 {
		return value(idx[0])
	}
	var sum, w []float64
	for _, s := range idx {
		v, sh := value(s), share(s)
		if sum == nil {
			sum, w = make([]float64, len(v)), make([]float64, len(v))
		}
		for k := range v {
			if sh[k] > 0 && !math.IsNaN(v[k]) {
				sum[k] += v[k] * sh[k]
				w[k] += sh[k]
			}
		}
	}
	for k := range sum {
		if w[k] > 0 {
			sum[k] /= w[k]
		} else {
			sum[k] = math.NaN()
		}
	}
	return sum
}

// Check reports whether the claim can be evaluated on results with these
// strategies (variant names, and their kinds, which pool variants): known
// strategy and metric names. Axes, when not nil, are the sweep's parameter
// paths its region may name.
func (c Claim) Check(strategies, kinds []string, axes []string) error {
	bad := func(format string, args ...any) error {
		return &Error{Claim: c.Index + 1, Line: c.Line, Msg: fmt.Sprintf(format, args...)}
	}
	if _, ok := sim.ParseMetric(c.Metric); !ok {
		return bad("unknown metric %q; known metrics: %s", c.Metric, strings.Join(MetricNames(), ", "))
	}
	for _, s := range []string{c.Strategy, c.Other} {
		if s != "" && Lookup(s, strategies, kinds) == nil {
			return bad("unknown strategy %q; the config's strategies are: %s%s", s, strings.Join(strategies, ", "), kindList(strategies, kinds))
		}
	}
	if axes == nil && len(c.Where) > 0 {
		return bad("where applies to sweeps only; a single run has no region")
	}
	for _, w := range c.Where {
		if !slices.Contains(axes, w.Path) {
			return bad("where: %q is not an axis of the sweep; its axes are: %s", w.Path, strings.Join(axes, ", "))
		}
	}
	return nil
}

// kindList names the kinds that pool several variants, for messages.
func kindList(strategies, kinds []string) string {
	var pooled []string
	for _, k := range kinds {
		if !slices.Contains(strategies, k) && !slices.Contains(pooled, k) {
			pooled = append(pooled, k)
		}
	}
	if len(pooled) == 0 {
		return ""
	}
	return " (or a kind, pooling its variants: " + strings.Join(pooled, ", ") + ")"
}

// MetricNames lists the metric names claims accept.
func MetricNames() []string {
	var out []string
	for _, m := range sim.Metrics() {
		out = append(out, m.String())
	}
	return out
}

// Evidence is the test at one point (or of a run).
type Evidence struct {
	// Coords are the axis values of the sweep point (nil for a run).
	Coords []float64
	// Left and Right are the means compared (Right = Value for a number).
	Left, Right float64
	// Diff is the mean paired difference, Bound its one-sided bound at
	// the confidence (lower for above, upper for below).
	Diff, Bound float64
	// N counts the replicates where both sides were defined.
	N    int
	Pass bool
	// Note explains a point that could not be judged (too few replicates).
	Note string
}

// Outcome is a claim's verdict.
type Outcome struct {
	Claim Claim
	Pass  bool
	// Points is the evidence per point considered (one for a run).
	Points []Evidence
	// Axes are the sweep's parameter paths (nil for a run).
	Axes []string
	// Lines are the evidence of a claim with a Text (its Points are then
	// empty), as Evidence returns it.
	Lines []string
}

// Failed returns the evidence of the points that broke the claim.
func (o Outcome) Failed() []Evidence {
	var out []Evidence
	for _, e := range o.Points {
		if !e.Pass {
			out = append(out, e)
		}
	}
	return out
}

// Test judges paired replicate values: left[k] against right[k] (NaN
// where undefined; pairs with a NaN are dropped).
func (c Claim) Test(left, right []float64) Evidence {
	var d []float64
	var ls, rs float64
	for k := range left {
		if math.IsNaN(left[k]) || math.IsNaN(right[k]) {
			continue
		}
		d = append(d, left[k]-right[k])
		ls += left[k]
		rs += right[k]
	}
	e := Evidence{N: len(d)}
	if e.N == 0 {
		e.Note = "no replicate where both sides are defined (a strategy with no members?)"
		return e
	}
	e.Left, e.Right = ls/float64(e.N), rs/float64(e.N)
	if e.N == 1 {
		e.Diff, e.Bound = d[0], d[0]
		e.Note = "one replicate: no interval"
	} else {
		mean, sd := stat.MeanStdDev(d, nil)
		t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(e.N - 1)}.Quantile(c.Confidence)
		half := t * sd / math.Sqrt(float64(e.N))
		e.Diff = mean
		if c.Above {
			e.Bound = mean - half
		} else {
			e.Bound = mean + half
		}
	}
	if c.Above {
		e.Pass = e.Bound > 0
	} else {
		e.Pass = e.Bound < 0
	}
	return e
}

// Source gives a claim its per-replicate values: the metric of a
// strategy at a week (0 = final), one value per replicate, NaN where
// undefined.
type Source func(strategy string, metric sim.Metric, round int) []float64

// sides returns the paired left and right values of the claim.
func (c Claim) sides(src Source) ([]float64, []float64) {
	m, _ := sim.ParseMetric(c.Metric)
	left := src(c.Strategy, m, c.Round)
	var right []float64
	if c.Other != "" {
		right = src(c.Other, m, c.Round)
	} else {
		right = make([]float64, len(left))
		for k := range right {
			right[k] = c.Value
		}
	}
	return left, right
}

// Evaluate judges a claim on a single run's replicates.
func Evaluate(c Claim, res *sim.Result) (Outcome, error) {
	if err := c.Check(res.Strategies, res.Kinds, nil); err != nil {
		return Outcome{}, err
	}
	if c.Round > res.Rounds {
		return Outcome{}, c.roundPast(res.Rounds)
	}
	src := func(strategy string, m sim.Metric, round int) []float64 {
		if round == 0 {
			round = res.Rounds
		}
		get := func(m sim.Metric) func(s int) []float64 {
			return func(s int) []float64 {
				out := make([]float64, len(res.Replicates))
				for k, rep := range res.Replicates {
					out[k] = rep.Value(m, s, round)
				}
				return out
			}
		}
		return Pooled(Lookup(strategy, res.Strategies, res.Kinds), get(m), get(sim.Share))
	}
	e := c.Test(c.sides(src))
	return Outcome{Claim: c, Pass: e.Pass, Points: []Evidence{e}}, nil
}

// CheckRun parses the raw [[claims]] of a run config and checks each
// against cfg before anything is simulated: strategy and metric names, no
// region, a round within the run. A config whose claims pass CheckRun
// gets an outcome for each from EvaluateRun.
func CheckRun(raw []config.RawTable, cfg sim.Config) ([]Claim, error) {
	cs, err := Parse(raw)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(cfg.Strategies))
	kinds := make([]string, len(cfg.Strategies))
	for i, s := range cfg.Strategies {
		names[i], kinds[i] = s.Name, s.Kind
	}
	for _, c := range cs {
		if err := c.Check(names, kinds, nil); err != nil {
			return nil, err
		}
		if c.Round > cfg.Rounds {
			return nil, c.roundPast(cfg.Rounds)
		}
	}
	return cs, nil
}

func (c Claim) roundPast(rounds int) error {
	return &Error{Claim: c.Index + 1, Line: c.Line, Msg: fmt.Sprintf("round %d is past the run's %d weeks", c.Round, rounds)}
}

// EvaluateRun parses the raw [[claims]] of a run config and judges each on
// res. A claim that cannot be evaluated is an *Error (bad input).
func EvaluateRun(raw []config.RawTable, res *sim.Result) ([]Outcome, error) {
	cs, err := Parse(raw)
	if err != nil {
		return nil, err
	}
	out := make([]Outcome, 0, len(cs))
	for _, c := range cs {
		o, err := Evaluate(c, res)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, nil
}

// Point is one sweep point for EvaluateSweep.
type Point struct {
	Coords []float64
	Source Source
}

// EvaluateSweep judges a claim at every sweep point inside its region; it
// passes when it holds at all of them. A region with no point is an
// *Error.
func EvaluateSweep(c Claim, strategies, kinds, axes []string, points []Point) (Outcome, error) {
	if err := c.Check(strategies, kinds, axes); err != nil {
		return Outcome{}, err
	}
	o := Outcome{Claim: c, Pass: true, Axes: axes}
	for _, p := range points {
		in := true
		for _, w := range c.Where {
			if !w.Holds(p.Coords[slices.Index(axes, w.Path)]) {
				in = false
				break
			}
		}
		if !in {
			continue
		}
		e := c.Test(c.sides(p.Source))
		e.Coords = p.Coords
		o.Points = append(o.Points, e)
		o.Pass = o.Pass && e.Pass
	}
	if len(o.Points) == 0 {
		return Outcome{}, &Error{Claim: c.Index + 1, Line: c.Line, Msg: "no sweep point lies in the region " + c.region()}
	}
	return o, nil
}

func (c Claim) region() string {
	conds := make([]string, len(c.Where))
	for i, w := range c.Where {
		conds[i] = w.String()
	}
	return strings.Join(conds, " and ")
}

// AllPass reports whether every outcome passed.
func AllPass(outs []Outcome) bool {
	for _, o := range outs {
		if !o.Pass {
			return false
		}
	}
	return true
}

// maxListed bounds the failing points printed per claim.
const maxListed = 10

// Print writes each outcome as PASS or FAIL with its evidence.
func Print(w io.Writer, outs []Outcome) {
	for _, o := range outs {
		verdict := "PASS"
		if !o.Pass {
			verdict = "FAIL"
		}
		fmt.Fprintf(w, "%s  %s\n", verdict, o.Claim.Name)
		if o.Claim.Text != "" {
			for _, l := range o.Detail() {
				fmt.Fprintf(w, "      %s\n", l)
			}
			continue
		}
		if o.Claim.Name != o.Claim.Statement() {
			fmt.Fprintf(w, "      claim: %s (%g%% confidence)\n", o.Claim.Statement(), 100*o.Claim.Confidence)
		} else {
			fmt.Fprintf(w, "      confidence %g%%, one-sided, replicates paired\n", 100*o.Claim.Confidence)
		}
		if o.Axes == nil {
			fmt.Fprintf(w, "      %s\n", o.describe(o.Points[0]))
			continue
		}
		failed := o.Failed()
		fmt.Fprintf(w, "      held at %d of %d sweep points", len(o.Points)-len(failed), len(o.Points))
		if len(failed) == 0 {
			worst := o.Points[0]
			for _, e := range o.Points[1:] {
				if (o.Claim.Above && e.Bound < worst.Bound) || (!o.Claim.Above && e.Bound > worst.Bound) {
					worst = e
				}
			}
			fmt.Fprintf(w, "; closest: %s: %s\n", o.coords(worst), o.describe(worst))
			continue
		}
		fmt.Fprintf(w, "; broke at:\n")
		for i, e := range failed {
			if i == maxListed {
				fmt.Fprintf(w, "        ... and %d more\n", len(failed)-maxListed)
				break
			}
			fmt.Fprintf(w, "        %s: %s\n", o.coords(e), o.describe(e))
		}
	}
}

func (o Outcome) coords(e Evidence) string {
	parts := make([]string, len(o.Axes))
	for i, a := range o.Axes {
		parts[i] = a + "=" + fmtNum(e.Coords[i])
	}
	return strings.Join(parts, ", ")
}

func (o Outcome) describe(e Evidence) string {
	c := o.Claim
	if e.N == 0 {
		return e.Note
	}
	right := fmtNum(c.Value)
	if c.Other != "" {
		right = fmt.Sprintf("%s %s", c.Other, fmtNum(e.Right))
	}
	side := "lower"
	if !c.Above {
		side = "upper"
	}
	s := fmt.Sprintf("%s %s vs %s: difference %s, %g%% %s bound %s, n=%d",
		c.Strategy, fmtNum(e.Left), right, signed(e.Diff), 100*c.Confidence, side, signed(e.Bound), e.N)
	if e.Note != "" {
		s += " (" + e.Note + ")"
	}
	return s
}

func fmtNum(x float64) string {
	if math.Abs(x) >= 100 {
		return strconv.FormatFloat(math.Round(x), 'f', -1, 64)
	}
	return strconv.FormatFloat(x, 'g', 4, 64)
}

func signed(x float64) string {
	if x >= 0 {
		return "+" + fmtNum(x)
	}
	return fmtNum(x)
}
