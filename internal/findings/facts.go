package findings

import (
	"math"
	"slices"

	"github.com/giversgain/giversgain/sim"
)

// Run is what a run found: every finding a chart, a verdict or a report
// states, computed once from a *sim.Result. Languages word it (Lang);
// charts draw its data.
type Run struct {
	// Res is the result the findings are of.
	Res *sim.Result
	// Kinds pools final incomes by kind; Verdict says who earned most.
	Kinds   KindFinals
	Verdict Verdict
	// Finals is every member's final net income of every replicate, by
	// strategy.
	Finals [][]float64
	// Distribution, Deciles, Flows, Professions, Shares and Rate are the
	// findings of the charts of those names (Rate: income under
	// evolution).
	Distribution Distribution
	Deciles      Deciles
	Flows        Flows
	Professions  Professions
	Shares       Shares
	Rate         Rate
}

// Of computes the findings of res.
func Of(res *sim.Result) *Run {
	r := &Run{Res: res, Kinds: NewKindFinals(res)}
	r.Verdict = newVerdict(res, r.Kinds)
	r.Finals = finalIncomes(res)
	r.Distribution = newDistribution(res, r.Finals)
	r.Deciles = newDeciles(res)
	r.Flows = newFlows(res)
	r.Professions = newProfessions(res)
	r.Shares = newShares(res)
	r.Rate = newRate(res)
	return r
}

// Evolving reports whether the run's members revise their strategies.
func (r *Run) Evolving() bool { return r.Res.Config.Evolution.Period > 0 }

// KindOf is strategy s's kind.
func KindOf(res *sim.Result, s int) string {
	if s < len(res.Kinds) {
		return res.Kinds[s]
	}
	return res.Strategies[s]
}

func hasKinds(res *sim.Result, kinds ...string) bool {
	for _, k := range kinds {
		if !slices.Contains(res.Kinds, k) {
			return false
		}
	}
	return true
}

// cmpFloat orders a and b, with NaN equal to everything (unlike
// cmp.Compare, which puts NaN first).
func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// finalIncomes returns every agent's final net income of every replicate,
// grouped by strategy.
func finalIncomes(res *sim.Result) [][]float64 {
	out := make([][]float64, len(res.Strategies))
	for _, rep := range res.Replicates {
		for _, a := range rep.Agents {
			if a.Strategy >= 0 && a.Strategy < len(out) {
				out[a.Strategy] = append(out[a.Strategy], a.Income)
			}
		}
	}
	return out
}

// median of xs (sorted in place); NaN when empty.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	slices.Sort(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

// quantile of sorted xs by linear interpolation (type 7).
func quantile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	h := q * float64(len(xs)-1)
	lo := int(math.Floor(h))
	if lo+1 >= len(xs) {
		return xs[len(xs)-1]
	}
	return xs[lo] + (h-float64(lo))*(xs[lo+1]-xs[lo])
}

// Distribution is the finding of the distribution chart: the median
// member's final net income, giver against taker (kinds pooled) when the
// mix has both, else the strategy with the highest median against the
// lowest; and the range a linear axis shows.
type Distribution struct {
	// Rounds and Replicates describe the run.
	Rounds, Replicates int
	// GiverTaker is true when Giver and Taker hold the pooled medians.
	GiverTaker   bool
	Giver, Taker float64
	// Top and Low are the strategies with the highest and lowest median,
	// TopM and LowM their medians; Strategies counts the strategies with
	// members, Empty is true when none has.
	Top, Low   int
	TopM, LowM float64
	Strategies int
	Empty      bool
	// Per strategy: its members over all replicates, their median, first
	// and third quartile, and the ends of the whiskers (the furthest
	// members within 1.5 IQR of the quartiles).
	Members   []int
	Medians   []float64
	Quartiles [][2]float64
	Whiskers  [][2]float64
	// Lo and Hi are the range of a linear axis that holds every box and
	// whisker, and zero; Above and Below count each strategy's members
	// beyond it.
	Lo, Hi       float64
	Above, Below []int

	incomeByStrat [][]float64
}

// newDistribution computes the distribution finding from by,
// finalIncomes(res), which it leaves as it is.
func newDistribution(res *sim.Result, by [][]float64) Distribution {
	d := Distribution{Rounds: res.Rounds, Replicates: len(res.Replicates), Top: -1, Low: -1, incomeByStrat: by}
	n := len(by)
	d.Members, d.Medians = make([]int, n), make([]float64, n)
	d.Above, d.Below = make([]int, n), make([]int, n)
	d.Whiskers, d.Quartiles = make([][2]float64, n), make([][2]float64, n)
	lo, hi := 0.0, 0.0
	for s, xs := range by {
		d.Members[s] = len(xs)
		d.Medians[s] = math.NaN()
		if len(xs) == 0 {
			continue
		}
		sorted := slices.Sorted(slices.Values(xs))
		q1, q3 := quantile(sorted, 0.25), quantile(sorted, 0.75)
		d.Medians[s] = quantile(sorted, 0.5)
		iqr := q3 - q1
		// Whiskers reach the furthest member within 1.5 IQR of the box,
		// as gonum's box plot draws them.
		wl, wh := q1, q3
		for _, x := range sorted {
			if x >= q1-1.5*iqr {
				wl = x
				break
			}
		}
		for i := len(sorted) - 1; i >= 0; i-- {
			if sorted[i] <= q3+1.5*iqr {
				wh = sorted[i]
				break
			}
		}
		d.Quartiles[s], d.Whiskers[s] = [2]float64{q1, q3}, [2]float64{wl, wh}
		lo, hi = math.Min(lo, wl), math.Max(hi, wh)
	}
	pad := 0.06 * (hi - lo)
	d.Lo, d.Hi = lo, hi
	if lo < 0 {
		d.Lo = lo - pad
	}
	d.Hi = hi + pad
	for s, xs := range by {
		for _, x := range xs {
			switch {
			case x > d.Hi:
				d.Above[s]++
			case x < d.Lo:
				d.Below[s]++
			}
		}
	}
	if hasKinds(res, "giver", "taker") {
		var g, t []float64
		for s, xs := range by {
			switch KindOf(res, s) {
			case "giver":
				g = append(g, xs...)
			case "taker":
				t = append(t, xs...)
			}
		}
		if len(g) > 0 && len(t) > 0 {
			d.GiverTaker, d.Giver, d.Taker = true, median(g), median(t)
		}
	}
	type m struct {
		s   int
		med float64
	}
	var ms []m
	for s := range by {
		if d.Members[s] > 0 {
			ms = append(ms, m{s, d.Medians[s]})
		}
	}
	d.Strategies = len(ms)
	if len(ms) == 0 {
		d.Empty = true
		return d
	}
	slices.SortStableFunc(ms, func(a, b m) int { return -cmpFloat(a.med, b.med) })
	d.Top, d.TopM = ms[0].s, ms[0].med
	d.Low, d.LowM = ms[len(ms)-1].s, ms[len(ms)-1].med
	return d
}

// Incomes is strategy s's members' final net incomes over all
// replicates (not to be changed).
func (d Distribution) Incomes(s int) []float64 { return d.incomeByStrat[s] }

// Position is where a strategy sits in the income ranking (Deciles).
type Position int

// The positions of the deciles finding.
const (
	// NoRanking: too few deciles or strategies to say.
	NoRanking Position = iota
	BothEnds
	RiseToTop
	OverAtTop
	SinkToBottom
	OverAtBottom
	UnderAtTop
	Spread
)

// Deciles is the finding of the deciles chart: where the focus strategy
// (the first giver variant, else the first strategy) sits in the income
// ranking, judged by whether the 95% interval of its share of the poorest
// and of the richest tenth excludes its share of all members.
type Deciles struct {
	Focus       int
	Position    Position
	Bottom, Top sim.Stat
	All         float64 // the focus strategy's share of all members
	Replicates  int
}

// Focus is the strategy the deciles finding is about: the first giver
// variant, else the first strategy.
func Focus(res *sim.Result) int {
	if i := slices.Index(res.Kinds, "giver"); i >= 0 {
		return i
	}
	return 0
}

// OverallShare is strategy s's mean share of members over the deciles
// (its share of all members).
func OverallShare(res *sim.Result, s int) float64 {
	var sum float64
	var n int
	for _, row := range res.Deciles {
		if s < len(row) && row[s].N > 0 {
			sum += row[s].Mean
			n++
		}
	}
	if n == 0 {
		return math.NaN()
	}
	return sum / float64(n)
}

func newDeciles(res *sim.Result) Deciles {
	d := Deciles{Replicates: len(res.Replicates)}
	if len(res.Deciles) < 10 || len(res.Strategies) == 0 {
		return d
	}
	f := Focus(res)
	d.Focus, d.All = f, OverallShare(res, f)
	d.Bottom, d.Top = res.Deciles[0][f], res.Deciles[9][f]
	over := func(st sim.Stat) bool { return st.N > 0 && st.Low > d.All+1e-9 }
	under := func(st sim.Stat) bool { return st.N > 0 && st.High < d.All-1e-9 }
	bot, top := d.Bottom, d.Top
	switch {
	case over(bot) && over(top):
		d.Position = BothEnds
	case over(top) && under(bot):
		d.Position = RiseToTop
	case over(top):
		d.Position = OverAtTop
	case over(bot) && under(top):
		d.Position = SinkToBottom
	case over(bot):
		d.Position = OverAtBottom
	case under(top):
		d.Position = UnderAtTop
	default:
		d.Position = Spread
	}
	return d
}

// Flows is the finding of the flows chart: closed business passed on per
// member, a giver against a taker (kinds pooled) when the mix has both,
// else the most generous strategy against the least.
type Flows struct {
	// Members is each strategy's mean number of members over replicates:
	// at the end, or under evolution averaged over the run. PerMember is
	// the closed business each strategy referred per member; Value[b][a]
	// what a referred to b per member of a (NaN where undefined).
	Members   []float64
	PerMember []float64
	Value     [][]float64
	// GiverTaker is true when Giver and Taker hold the pooled amounts.
	GiverTaker   bool
	Giver, Taker float64
	// Most and Least are the most and least generous strategies (-1: no
	// strategy passed anything on); equal with one strategy.
	Most, Least int
	Rounds      int
	Replicates  int
	Evolving    bool
}

// membersOf is the mean number of members of each strategy over
// replicates: at the end, or under evolution averaged over the run.
func membersOf(res *sim.Result) []float64 {
	out := make([]float64, len(res.Strategies))
	if len(res.Replicates) == 0 {
		return out
	}
	if res.Config.Evolution.Period > 0 {
		// Members change strategy during the run: divide the run's flows
		// by the strategy's average membership over the run, not by its
		// membership at the end.
		for s := range out {
			if int(sim.Share) >= len(res.Series) || s >= len(res.Series[sim.Share]) {
				continue
			}
			var sum float64
			for _, st := range res.Series[sim.Share][s] {
				sum += st.Mean
			}
			if n := len(res.Series[sim.Share][s]); n > 0 {
				out[s] = sum / float64(n) * float64(res.Config.Population.Members)
			}
		}
		return out
	}
	for _, rep := range res.Replicates {
		for _, a := range rep.Agents {
			if a.Strategy >= 0 && a.Strategy < len(out) {
				out[a.Strategy]++
			}
		}
	}
	for i := range out {
		out[i] /= float64(len(res.Replicates))
	}
	return out
}

func newFlows(res *sim.Result) Flows {
	n := membersOf(res)
	nS := len(res.Strategies)
	f := Flows{Members: n, PerMember: make([]float64, nS), Most: -1, Least: -1,
		Rounds: res.Rounds, Replicates: len(res.Replicates), Evolving: res.Config.Evolution.Period > 0}
	f.Value = make([][]float64, nS)
	for b := range f.Value {
		f.Value[b] = make([]float64, nS)
		for a := range nS {
			f.Value[b][a] = math.NaN()
			if a < len(res.FlowClosed) && n[a] > 0 && res.FlowClosed[a][b].N > 0 {
				f.Value[b][a] = res.FlowClosed[a][b].Mean / n[a]
			}
		}
	}
	for a := range nS {
		var sum float64
		if a < len(res.FlowClosed) {
			for _, st := range res.FlowClosed[a] {
				if st.N > 0 {
					sum += st.Mean
				}
			}
		}
		f.PerMember[a] = math.NaN()
		if n[a] > 0 {
			f.PerMember[a] = sum / n[a]
		}
	}
	pool := func(kind string) (float64, bool) {
		var sum, cnt float64
		for s := range f.PerMember {
			if KindOf(res, s) == kind && n[s] > 0 {
				sum += f.PerMember[s] * n[s]
				cnt += n[s]
			}
		}
		return sum / cnt, cnt > 0
	}
	if hasKinds(res, "giver", "taker") {
		g, gok := pool("giver")
		t, tok := pool("taker")
		if gok && tok {
			f.GiverTaker, f.Giver, f.Taker = true, g, t
		}
	}
	var order []int
	for s, v := range f.PerMember {
		if !math.IsNaN(v) {
			order = append(order, s)
		}
	}
	if len(order) > 0 {
		slices.SortStableFunc(order, func(a, b int) int { return -cmpFloat(f.PerMember[a], f.PerMember[b]) })
		f.Most, f.Least = order[0], order[len(order)-1]
	}
	return f
}

// Groups is mean final income by strategy in groups of members: one
// group per profession, or per category of professions.
type Groups struct {
	// ByCategory is true when the groups are categories of professions.
	ByCategory bool
	Names      []string
	// Stats[g][s] is the mean final net income of strategy s's members in
	// group g, over replicates.
	Stats [][]sim.Stat
}

// MaxProfessionBars is the most professions the professions chart draws
// one group of bars each for; a larger catalogue whose professions all
// have a category is drawn by category, so that a slide stays readable.
const MaxProfessionBars = 16

// IncomeGroups groups final incomes by profession, or by category when
// the catalogue has more than MaxProfessionBars professions and every one
// names its category (categories in order of first appearance).
func IncomeGroups(res *sim.Result) Groups {
	profs := res.Config.Professions
	byCategory := len(profs) > MaxProfessionBars
	for _, p := range profs {
		byCategory = byCategory && p.Category != ""
	}
	if !byCategory {
		return Groups{Names: res.Professions, Stats: res.ByProfession}
	}
	g := Groups{ByCategory: true}
	of := make([]int, len(profs))
	for i, p := range profs {
		of[i] = slices.Index(g.Names, p.Category)
		if of[i] < 0 {
			of[i] = len(g.Names)
			g.Names = append(g.Names, p.Category)
		}
	}
	nS, nG := len(res.Strategies), len(g.Names)
	per := make([][][]float64, nG) // [group][strategy][replicate]
	for c := range per {
		per[c] = make([][]float64, nS)
	}
	sum, cnt := make([]float64, nG*nS), make([]float64, nG*nS)
	for _, rep := range res.Replicates {
		clear(sum)
		clear(cnt)
		for _, a := range rep.Agents {
			if a.Profession >= 0 && a.Profession < len(of) && a.Strategy >= 0 && a.Strategy < nS {
				k := of[a.Profession]*nS + a.Strategy
				sum[k] += a.Income
				cnt[k]++
			}
		}
		for c := range nG {
			for s := range nS {
				x := math.NaN()
				if k := c*nS + s; cnt[k] > 0 {
					x = sum[k] / cnt[k]
				}
				per[c][s] = append(per[c][s], x)
			}
		}
	}
	g.Stats = make([][]sim.Stat, nG)
	for c := range nG {
		g.Stats[c] = make([]sim.Stat, nS)
		for s := range nS {
			g.Stats[c][s] = sim.Summarize(per[c][s])
		}
	}
	return g
}

// Professions is the finding of the professions chart: in how many groups
// (professions or categories) each strategy had the highest mean final
// income, and in how many clearly (its 95% interval above every other's).
type Professions struct {
	Groups Groups
	// Top is the strategy that led in most groups; Leads and Clearly
	// count its groups; Total counts the groups with members.
	Top, Leads, Clearly, Total int
	// Strategies is the number of strategies.
	Strategies int
	// HasExtremes is true when Best and Worst, the professions with the
	// highest and lowest mean final net income over all members, differ.
	HasExtremes bool
	Best, Worst string
	BestV       float64
	WorstV      float64
	Rounds      int
	Replicates  int
	// scale, when set (ShareScales), is the scale of several runs'
	// professions charts shown side by side.
	scale *profScale
}

func newProfessions(res *sim.Result) Professions {
	g := IncomeGroups(res)
	nS := len(res.Strategies)
	p := Professions{Groups: g, Strategies: nS, Rounds: res.Rounds, Replicates: len(res.Replicates)}
	leads, clearly := make([]int, nS), make([]int, nS)
	for _, row := range g.Stats {
		best := -1
		for s, st := range row {
			if st.N > 0 && (best < 0 || st.Mean > row[best].Mean) {
				best = s
			}
		}
		if best < 0 {
			continue
		}
		p.Total++
		leads[best]++
		sure := true
		for s, st := range row {
			if s != best && st.N > 0 && st.High >= row[best].Low {
				sure = false
			}
		}
		if sure {
			clearly[best]++
		}
	}
	for s := range leads {
		if leads[s] > leads[p.Top] {
			p.Top = s
		}
	}
	if nS > 0 {
		p.Leads, p.Clearly = leads[p.Top], clearly[p.Top]
	}
	p.Best, p.BestV, p.Worst, p.WorstV, p.HasExtremes = professionExtremes(res)
	return p
}

// professionExtremes finds the professions with the highest and lowest
// mean final net income over all members of all replicates.
func professionExtremes(res *sim.Result) (hi string, hiV float64, lo string, loV float64, ok bool) {
	nP := len(res.Professions)
	if nP < 2 {
		return
	}
	sum, cnt := make([]float64, nP), make([]float64, nP)
	for _, rep := range res.Replicates {
		for _, a := range rep.Agents {
			if a.Profession >= 0 && a.Profession < nP {
				sum[a.Profession] += a.Income
				cnt[a.Profession]++
			}
		}
	}
	first := true
	for q := range nP {
		if cnt[q] == 0 {
			continue
		}
		v := sum[q] / cnt[q]
		if first || v > hiV {
			hi, hiV = res.Professions[q], v
		}
		if first || v < loV {
			lo, loV = res.Professions[q], v
		}
		first = false
	}
	return hi, hiV, lo, loV, !first && hi != lo
}

// Change is what evolution did to the mix (Shares).
type Change int

// The changes of the shares finding.
const (
	// NoShares: no rounds or strategies.
	NoShares Change = iota
	// TookOver: a strategy holds 90% of members or more (its interval).
	TookOver
	// NoChange: no share moved beyond noise.
	NoChange
	// DiedOut, Grew, Shrank: the strategy that moved most.
	DiedOut
	Grew
	Shrank
)

// Shares is the finding of the shares chart: a strategy took over (90% of
// members or more), died out, grew or shrank clearly (its final 95%
// interval excludes its starting share), or nothing changed beyond noise.
type Shares struct {
	Change   Change
	Strategy int
	// From is the strategy's starting share, To its final share.
	From float64
	To   sim.Stat
	// Rounds is the run's length; Rule and Period the evolution's.
	Rounds int
}

// initialShare is strategy s's configured share of members.
func initialShare(res *sim.Result, s int) float64 {
	if s < len(res.Config.Strategies) {
		var sum float64
		for _, sp := range res.Config.Strategies {
			sum += sp.Share
		}
		if sum > 0 {
			return res.Config.Strategies[s].Share / sum
		}
	}
	if res.Rounds > 0 {
		return res.Series[sim.Share][s][0].Mean
	}
	return math.NaN()
}

func newShares(res *sim.Result) Shares {
	sh := Shares{Rounds: res.Rounds, Strategy: -1}
	if res.Rounds == 0 || len(res.Strategies) == 0 || len(res.Series) <= int(sim.Share) {
		return sh
	}
	best, bestChange := -1, 0.0
	for s := range res.Strategies {
		st := res.Final(sim.Share, s)
		if st.N == 0 {
			continue
		}
		if st.Low >= 0.9 {
			sh.Change, sh.Strategy, sh.From, sh.To = TookOver, s, initialShare(res, s), st
			return sh
		}
		init := initialShare(res, s)
		tol := 0.0
		if st.N == 1 {
			tol = 0.01 // one replicate: no interval, ignore tiny drift
		}
		moved := init < st.Low-tol || init > st.High+tol
		if ch := math.Abs(st.Mean - init); moved && ch > bestChange {
			best, bestChange = s, ch
		}
	}
	if best < 0 {
		sh.Change = NoChange
		return sh
	}
	st, init := res.Final(sim.Share, best), initialShare(res, best)
	sh.Strategy, sh.From, sh.To = best, init, st
	switch {
	case st.Mean < 0.005:
		sh.Change = DiedOut
	case st.Mean > init:
		sh.Change = Grew
	default:
		sh.Change = Shrank
	}
	return sh
}

// UseSymlog reports whether the largest magnitude among vals exceeds the
// median magnitude by more than ratio, so that a linear axis would
// flatten most of them and a symmetric log axis serves better.
func UseSymlog(vals []float64, ratio float64) bool {
	var absMax float64
	var mags []float64
	for _, v := range vals {
		if math.IsNaN(v) {
			continue
		}
		a := math.Abs(v)
		absMax = max(absMax, a)
		mags = append(mags, a)
	}
	if len(mags) < 2 || absMax == 0 {
		return false
	}
	slices.Sort(mags)
	med := mags[len(mags)/2]
	return med == 0 || absMax/med > ratio
}

// SymlogConstant picks the linear range of a symmetric log axis: a round
// power of ten near the smallest magnitudes of interest, at least $100.
func SymlogConstant(vals []float64) float64 {
	var mags []float64
	for _, v := range vals {
		if !math.IsNaN(v) && v != 0 {
			mags = append(mags, math.Abs(v))
		}
	}
	if len(mags) == 0 {
		return 1000
	}
	slices.Sort(mags)
	q := mags[len(mags)/10]
	c := math.Pow(10, math.Floor(math.Log10(q)))
	return max(c, 100)
}

// Scale says how the professions chart draws its incomes: on a linear
// axis, or (Log) on a symmetric log axis, linear within ±C.
func (p Professions) Scale() (log bool, c float64) {
	if p.scale != nil {
		return p.scale.log, p.scale.c
	}
	return p.natural()
}

// natural is the scale of the run's professions chart on its own.
func (p Professions) natural() (log bool, c float64) {
	var all []float64
	for _, row := range p.Groups.Stats {
		for _, st := range row {
			if st.N > 0 {
				all = append(all, st.Mean)
			}
		}
	}
	return UseSymlog(all, 30), SymlogConstant(all)
}
