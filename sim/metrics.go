package sim

import (
	"cmp"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Metric names one per-round, per-strategy measure. Every measure is a
// mean per member of the strategy, cumulative from round 1 where it counts
// something.
type Metric int

// The per-round metrics.
const (
	// Income is cumulative net income: what the member kept of the
	// business it received, minus the time it spent giving.
	Income Metric = iota
	// Earned is cumulative dollars the member kept of the business it
	// received: its margin times Revenue.
	Earned
	// Revenue is cumulative business received: closed referrals (what
	// the clients paid, BNI's "closed business") and help worth
	// something.
	Revenue
	// Costs is cumulative dollars of time spent referring and helping.
	Costs
	// ReferralsGiven and ReferralsReceived count referrals.
	ReferralsGiven
	ReferralsReceived
	// ValueGiven and ValueReceived are dollars referred, closed or not.
	ValueGiven
	ValueReceived
	// DealsClosed counts referrals received that closed.
	DealsClosed
	// HelpsGiven counts low-cost help acts.
	HelpsGiven
	// Contacts is the size of the contact list now.
	Contacts
	// Image is the mean image colleagues hold of the member now (-5..5).
	Image
	// Share is the strategy's share of members now.
	Share
	// IncomeRate is the net income per member earned this week by the
	// members who held the strategy during the week: not cumulative, and
	// not carried along when a member switches strategy (evolution), so
	// that it says what holding the strategy pays. Without evolution it
	// is the week's rise of Income.
	IncomeRate
	numMetrics
)

var metricNames = [numMetrics]string{
	"income", "earned", "revenue", "costs", "referrals_given", "referrals_received",
	"value_given", "value_received", "deals_closed", "helps_given",
	"contacts", "image", "share", "income_rate",
}

// String returns the metric's name as used in outputs.
func (m Metric) String() string { return metricNames[m] }

// Metrics lists every metric in output order.
func Metrics() []Metric {
	out := make([]Metric, numMetrics)
	for i := range out {
		out[i] = Metric(i)
	}
	return out
}

// ParseMetric finds a metric by name.
func ParseMetric(name string) (Metric, bool) {
	for i, n := range metricNames {
		if n == name {
			return Metric(i), true
		}
	}
	return 0, false
}

// AgentRecord is one member's final state in one replicate.
type AgentRecord struct {
	Agent             int
	Chapter           int
	Strategy          int // index into Config.Strategies
	Profession        int // index into Config.Professions
	Quality           float64
	Income            float64
	Earned            float64
	Revenue           float64
	Costs             float64
	ReferralsGiven    int
	ReferralsReceived int
	ValueGiven        float64
	ValueReceived     float64
	DealsClosed       int
	HelpsGiven        int
	Contacts          int
	Image             float64
}

// Replicate is everything one world produced. Its series are undefined
// (NaN) where a strategy had no members.
type Replicate struct {
	Index int
	// series[(round*nStrat+strategy)*numMetrics+metric], round 0 = week 1.
	series []float64
	nStrat int
	Agents []AgentRecord
	// FlowReferred and FlowClosed are dollars from strategy a to b at
	// [a*nStrat+b].
	FlowReferred []float64
	FlowClosed   []float64
	Totals       Totals
}

// Value returns the replicate's metric for strategy s after round (1-based).
func (r *Replicate) Value(m Metric, s, round int) float64 {
	return r.series[((round-1)*r.nStrat+s)*int(numMetrics)+int(m)]
}

// record appends the end-of-round means per strategy to series. Each
// chapter sums its members (chapters at once), and the sums are added in
// chapter order, so the means are the same whatever the number of workers.
func (w *world) record(series []float64) []float64 {
	base := len(series)
	width := w.nStrat * int(numMetrics)
	series = append(series, make([]float64, width)...)
	row := series[base:]
	w.eachChapter(func(ch *chapter) {
		if len(ch.sums) != width {
			ch.sums, ch.members = make([]float64, width), make([]int, w.nStrat)
		}
		clear(ch.sums)
		clear(ch.members)
		for i := ch.start; i < ch.start+ch.size; i++ {
			s := int(w.stats[i].strat)
			ch.members[s]++
			st := &w.stats[i]
			v := ch.sums[s*int(numMetrics):]
			v[Income] += w.income(i)
			v[Earned] += w.kept(i)
			v[Revenue] += st.revenue
			v[Costs] += st.costs
			v[ReferralsGiven] += float64(st.given)
			v[ReferralsReceived] += float64(st.received)
			v[ValueGiven] += st.valueGiven
			v[ValueReceived] += st.valueRecvd
			v[DealsClosed] += float64(st.closed)
			v[HelpsGiven] += float64(st.helps)
			v[Contacts] += float64(w.contacts(i))
			v[Image] += w.meanImage(i)
		}
	})
	counts := w.counts
	clear(counts)
	for c := range w.chapters {
		ch := &w.chapters[c]
		for k, x := range ch.sums {
			row[k] += x
		}
		for s, m := range ch.members {
			counts[s] += m
		}
	}
	for s, c := range counts {
		v := row[s*int(numMetrics) : (s+1)*int(numMetrics)]
		v[IncomeRate] = w.held.rate(s, v[Income], c)
		for m := range v {
			if m == int(IncomeRate) {
				continue
			}
			if c == 0 {
				v[m] = math.NaN()
			} else {
				v[m] /= float64(c)
			}
		}
		v[Share] = float64(c) / float64(w.n)
	}
	w.held.stashed = false
	return series
}

// heldIncome keeps what IncomeRate needs, per strategy, without a number
// per member: base[s] is the summed cumulative net income of s's members
// when the last round was recorded. A round's income of s is then the
// sum now minus base, over the members of s. Members switch strategy only
// in evolve, between a round's acts and its record: there the sums of the
// strategies the week was played under are taken before anyone switches
// (stash), and that round's rate comes from them.
type heldIncome struct {
	base    []float64
	earned  []float64 // stashed by evolve: income of s's members this week
	members []int     // stashed by evolve: s's members during the week
	stashed bool
}

func newHeldIncome(nStrat int) heldIncome {
	return heldIncome{base: make([]float64, nStrat), earned: make([]float64, nStrat), members: make([]int, nStrat)}
}

// stash records, before members revise their strategies, the week's
// income of each strategy's members and their number. Sums run in member
// order: the same for any number of workers.
func (w *world) stashHeld() {
	h := &w.held
	sum := h.earned
	clear(sum)
	clear(h.members)
	for i := range int32(w.n) {
		s := w.stats[i].strat
		sum[s] += w.income(i)
		h.members[s]++
	}
	for s := range sum {
		sum[s] -= h.base[s]
	}
	h.stashed = true
}

// rate is strategy s's IncomeRate this round from total, the summed
// cumulative income of its c members now, which becomes the next round's
// base. NaN where the strategy had no members during the week.
func (h *heldIncome) rate(s int, total float64, c int) float64 {
	earned, n := total-h.base[s], c
	if h.stashed {
		earned, n = h.earned[s], h.members[s]
	}
	h.base[s] = total
	if n == 0 {
		return math.NaN()
	}
	return earned / float64(n)
}

// meanImage is the mean image i's colleagues hold of it.
func (w *world) meanImage(i int32) float64 {
	others := w.chapters[w.stats[i].chapter].size - 1
	if others == 0 {
		return 0
	}
	return float64(w.stats[i].imageSum) / float64(others)
}

// agents snapshots every member's final state.
func (w *world) agents() []AgentRecord {
	out := make([]AgentRecord, w.n)
	for i := range out {
		st := &w.stats[i]
		out[i] = AgentRecord{
			Agent: i, Chapter: int(w.stats[i].chapter), Strategy: int(w.stats[i].strat), Profession: int(w.stats[i].prof),
			Quality: float64(w.stats[i].quality),
			Income:  w.income(int32(i)), Earned: w.kept(int32(i)), Revenue: st.revenue, Costs: st.costs,
			ReferralsGiven: int(st.given), ReferralsReceived: int(st.received),
			ValueGiven: st.valueGiven, ValueReceived: st.valueRecvd,
			DealsClosed: int(st.closed), HelpsGiven: int(st.helps),
			Contacts: w.contacts(int32(i)), Image: w.meanImage(int32(i)),
		}
	}
	return out
}

// Stat is a mean across replicates with its 95% confidence interval
// (Student's t). N counts the replicates in which the value was defined;
// with N = 1 the interval is the single value, with N = 0 all are zero.
type Stat struct {
	Mean, Low, High float64
	N               int
}

// Summarize returns the mean and 95% t-interval of the defined (non-NaN)
// values in xs.
func Summarize(xs []float64) Stat {
	var vals []float64
	for _, x := range xs {
		if !math.IsNaN(x) {
			vals = append(vals, x)
		}
	}
	n := len(vals)
	switch n {
	case 0:
		return Stat{}
	case 1:
		return Stat{Mean: vals[0], Low: vals[0], High: vals[0], N: 1}
	}
	mean, sd := stat.MeanStdDev(vals, nil)
	t := tQuantile975(n - 1)
	half := t * sd / math.Sqrt(float64(n))
	return Stat{Mean: mean, Low: mean - half, High: mean + half, N: n}
}

// tTable caches the 97.5% Student's t quantiles for small degrees of
// freedom: Aggregate summarises tens of thousands of cells, and the
// quantile is an iterative inverse of the incomplete beta function.
var tTable = func() [257]float64 {
	var tab [257]float64
	for df := 1; df < len(tab); df++ {
		tab[df] = distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(df)}.Quantile(0.975)
	}
	return tab
}()

func tQuantile975(df int) float64 {
	if df < len(tTable) {
		return tTable[df]
	}
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(df)}.Quantile(0.975)
}

// Payback says from which week givers' mean cumulative income stays above
// takers'.
type Payback struct {
	// Defined is false when the mix lacks givers or takers.
	Defined bool
	// Round is the first week from which the giver mean stays above the
	// taker mean to the end; 0 when givers are not ahead at the end.
	Round int
}

// Result aggregates the replicates of one config, in replicate order.
type Result struct {
	Config      Config
	Strategies  []string // variant names, in config order
	Kinds       []string // each variant's kind
	Professions []string
	Rounds      int
	Replicates  []*Replicate
	// Series[metric][strategy][round-1] across replicates.
	Series [][][]Stat
	// Deciles[d][s]: share of strategy s among decile d of final income
	// (d = 0 the poorest tenth).
	Deciles [][]Stat
	// FlowReferred, FlowClosed: dollars per replicate from [a][b].
	FlowReferred [][]Stat
	FlowClosed   [][]Stat
	// ByProfession[p][s]: mean final income of members with profession p
	// and strategy s.
	ByProfession [][]Stat
	// Welfare is the mean final net income per member; Gini the Gini
	// coefficient of what members kept of their revenue, before the time
	// they spent (net income can be negative, where Gini is undefined).
	Welfare Stat
	Gini    Stat
	// KindIncome[kind][round-1] is the mean cumulative income of all
	// members of a kind (variants pooled), used for the payback week.
	KindIncome map[string][]Stat
	Payback    Payback
}

// Final returns the metric for strategy s at the last round.
func (r *Result) Final(m Metric, s int) Stat { return r.Series[m][s][r.Rounds-1] }

// Aggregate combines replicates (all from cfg) into a Result.
func Aggregate(cfg Config, reps []*Replicate) *Result {
	nS, nP := len(cfg.Strategies), len(cfg.Professions)
	res := &Result{Config: cfg, Rounds: cfg.Rounds, Replicates: reps, KindIncome: map[string][]Stat{}}
	for _, s := range cfg.Strategies {
		res.Strategies = append(res.Strategies, s.Name)
		res.Kinds = append(res.Kinds, s.Kind)
	}
	for _, p := range cfg.Professions {
		res.Professions = append(res.Professions, p.Name)
	}
	xs := make([]float64, len(reps))
	res.Series = make([][][]Stat, numMetrics)
	for m := range numMetrics {
		res.Series[m] = make([][]Stat, nS)
		for s := range nS {
			res.Series[m][s] = make([]Stat, cfg.Rounds)
			for r := 1; r <= cfg.Rounds; r++ {
				for k, rep := range reps {
					xs[k] = rep.Value(m, s, r)
				}
				res.Series[m][s][r-1] = Summarize(xs)
			}
		}
	}
	res.aggregateKinds(reps)
	res.Deciles = grid(10, nS, len(reps), func(k int, out [][]float64) { decileShares(reps[k].Agents, nS, out) })
	res.FlowReferred = grid(nS, nS, len(reps), func(k int, out [][]float64) { unflatten(reps[k].FlowReferred, out) })
	res.FlowClosed = grid(nS, nS, len(reps), func(k int, out [][]float64) { unflatten(reps[k].FlowClosed, out) })
	res.ByProfession = grid(nP, nS, len(reps), func(k int, out [][]float64) { incomeBy(reps[k].Agents, out) })
	welfare := make([]float64, len(reps))
	gini := make([]float64, len(reps))
	for k, rep := range reps {
		earned := make([]float64, len(rep.Agents))
		for i, a := range rep.Agents {
			welfare[k] += a.Income
			earned[i] = a.Earned
		}
		welfare[k] /= float64(len(rep.Agents))
		gini[k] = Gini(earned)
	}
	res.Welfare, res.Gini = Summarize(welfare), Summarize(gini)
	return res
}

// grid summarises a rows×cols table computed per replicate by fill, which
// receives NaN-initialised rows.
func grid(rows, cols, nRep int, fill func(k int, out [][]float64)) [][]Stat {
	per := make([][][]float64, nRep)
	for k := range per {
		per[k] = make([][]float64, rows)
		for r := range per[k] {
			per[k][r] = make([]float64, cols)
			for c := range per[k][r] {
				per[k][r][c] = math.NaN()
			}
		}
		fill(k, per[k])
	}
	out := make([][]Stat, rows)
	xs := make([]float64, nRep)
	for r := range out {
		out[r] = make([]Stat, cols)
		for c := range out[r] {
			for k := range per {
				xs[k] = per[k][r][c]
			}
			out[r][c] = Summarize(xs)
		}
	}
	return out
}

func unflatten(flat []float64, out [][]float64) {
	n := len(out[0])
	for a := range out {
		copy(out[a], flat[a*n:(a+1)*n])
	}
}

// decileShares fills out[d][s] with the share of strategy s in income
// decile d. Agents are ranked by final income, ties by agent index; decile
// d holds ranks [d·n/10, (d+1)·n/10).
func decileShares(agents []AgentRecord, nS int, out [][]float64) {
	order := make([]int32, len(agents))
	for i := range order {
		order[i] = int32(i)
	}
	// A total order on (income, index): the ranking of a stable sort by
	// income, at a fraction of its cost (a million members: 1.13 s stable,
	// 0.25 s this way, measured for the one-world issue).
	slices.SortFunc(order, func(a, b int32) int {
		if c := cmp.Compare(agents[a].Income, agents[b].Income); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	n := len(agents)
	for d := range 10 {
		lo, hi := d*n/10, (d+1)*n/10
		if hi == lo {
			continue
		}
		counts := make([]float64, nS)
		for _, i := range order[lo:hi] {
			counts[agents[i].Strategy]++
		}
		for s := range nS {
			out[d][s] = counts[s] / float64(hi-lo)
		}
	}
}

// incomeBy fills out[p][s] with the mean final income of members with
// profession p and strategy s (NaN where there are none).
func incomeBy(agents []AgentRecord, out [][]float64) {
	sum := make([][]float64, len(out))
	cnt := make([][]int, len(out))
	for p := range out {
		sum[p] = make([]float64, len(out[p]))
		cnt[p] = make([]int, len(out[p]))
	}
	for _, a := range agents {
		sum[a.Profession][a.Strategy] += a.Income
		cnt[a.Profession][a.Strategy]++
	}
	for p := range out {
		for s := range out[p] {
			if cnt[p][s] > 0 {
				out[p][s] = sum[p][s] / float64(cnt[p][s])
			}
		}
	}
}

// Gini is the Gini coefficient of non-negative values: 0 equal, near 1
// concentrated. It returns 0 for an all-zero input.
func Gini(xs []float64) float64 {
	v := slices.Clone(xs)
	slices.Sort(v)
	n := float64(len(v))
	var sum, weighted float64
	for i, x := range v {
		sum += x
		weighted += float64(i+1) * x
	}
	if sum == 0 || len(v) == 0 {
		return 0
	}
	return 2*weighted/(n*sum) - (n+1)/n
}

// aggregateKinds pools variants by kind and finds the payback week.
func (res *Result) aggregateKinds(reps []*Replicate) {
	xs := make([]float64, len(reps))
	kinds := []string{}
	for _, k := range res.Kinds {
		if !slices.Contains(kinds, k) {
			kinds = append(kinds, k)
		}
	}
	for _, kind := range kinds {
		series := make([]Stat, res.Rounds)
		for r := 1; r <= res.Rounds; r++ {
			for k, rep := range reps {
				var sum, share float64
				for s, sk := range res.Kinds {
					if sk != kind {
						continue
					}
					sh := rep.Value(Share, s, r)
					if sh > 0 {
						sum += rep.Value(Income, s, r) * sh
						share += sh
					}
				}
				xs[k] = math.NaN()
				if share > 0 {
					xs[k] = sum / share
				}
			}
			series[r-1] = Summarize(xs)
		}
		res.KindIncome[kind] = series
	}
	givers, gok := res.KindIncome["giver"]
	takers, tok := res.KindIncome["taker"]
	if !gok || !tok {
		return
	}
	res.Payback.Defined = true
	for r := res.Rounds; r >= 1; r-- {
		g, t := givers[r-1], takers[r-1]
		if g.N == 0 || t.N == 0 || !(g.Mean > t.Mean) {
			break
		}
		res.Payback.Round = r
	}
}
