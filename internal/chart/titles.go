package chart

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/giversgain/giversgain/internal/report"
	"github.com/giversgain/giversgain/sim"
)

// This file computes the findings that charts use as titles. Each title
// follows the data: the income title is the verdict's headline (who is
// ahead and by how much, with the 95% interval of the paired difference,
// or no clear winner when it includes zero); the others compare means or
// medians and call a difference clear by 95% intervals (a share whose
// interval excludes a reference share, a lead whose interval lies above
// every other's).

// plural names the members of a kind: "givers", "takers", "tit-for-tat
// players".
func plural(kind string) string {
	switch {
	case kind == "":
		return "members"
	case strings.HasSuffix(kind, "er"), strings.HasSuffix(kind, "or"), strings.HasSuffix(kind, "ist"):
		return kind + "s"
	default:
		return kind + " players"
	}
}

// groupName names the members of strategy variant s in a sentence:
// "givers" when the variant is named after its kind, else "selfless
// givers" or "lazy-givers".
func groupName(res *sim.Result, s int) string {
	name, kind := res.Strategies[s], kindOf(res, s)
	switch {
	case name == kind || name == "":
		return plural(kind)
	case strings.Contains(name, kind):
		return name + "s"
	default:
		return name + " " + plural(kind)
	}
}

// oneName names a single member of strategy s: "giver", "selfless giver".
func oneName(res *sim.Result, s int) string {
	name, kind := res.Strategies[s], kindOf(res, s)
	switch {
	case name == kind || name == "" || strings.Contains(name, kind):
		if name == "" {
			return kind
		}
		return name
	default:
		return name + " " + kind
	}
}

func kindOf(res *sim.Result, s int) string {
	if s < len(res.Kinds) {
		return res.Kinds[s]
	}
	return res.Strategies[s]
}

// capital upper-cases the first letter of s.
func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// hasKinds reports whether the mix holds every one of kinds.
func hasKinds(res *sim.Result, kinds ...string) bool {
	for _, k := range kinds {
		if !slices.Contains(res.Kinds, k) {
			return false
		}
	}
	return true
}

// IncomeTitle states who earned most: report.Headline, the first clause of
// report.Verdict, so the slide and the sentence said out loud give the
// same figure and interval.
func IncomeTitle(res *sim.Result) string { return report.Headline(res) }

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

// DistributionTitle compares the median member's final net income: the
// median giver against the median taker (kinds pooled) when the mix has
// both, else the strategy with the highest median against the lowest.
func DistributionTitle(res *sim.Result) string { return distributionTitle(res, finalIncomes(res)) }

// distributionTitle is DistributionTitle from by, finalIncomes(res), which
// it leaves as it is.
func distributionTitle(res *sim.Result, by [][]float64) string {
	when := horizon(res.Rounds)
	if hasKinds(res, "giver", "taker") {
		var g, t []float64
		for s, xs := range by {
			switch kindOf(res, s) {
			case "giver":
				g = append(g, xs...)
			case "taker":
				t = append(t, xs...)
			}
		}
		if len(g) > 0 && len(t) > 0 {
			return fmt.Sprintf("The median giver netted %s over %s, the median taker %s", Dollars(median(g)), when, Dollars(median(t)))
		}
	}
	type m struct {
		s   int
		med float64
	}
	var ms []m
	for s, xs := range by {
		if len(xs) > 0 {
			ms = append(ms, m{s, median(slices.Clone(xs))})
		}
	}
	if len(ms) == 0 {
		return "No members to show"
	}
	slices.SortStableFunc(ms, func(a, b m) int { return -cmpFloat(a.med, b.med) })
	top := ms[0]
	if len(ms) == 1 {
		return fmt.Sprintf("The median %s netted %s over %s", oneName(res, top.s), Dollars(top.med), when)
	}
	low := ms[len(ms)-1]
	return fmt.Sprintf("The median %s netted most over %s (%s), the median %s least (%s)",
		oneName(res, top.s), when, Dollars(top.med), oneName(res, low.s), Dollars(low.med))
}

// focus is the strategy the decile finding is about: the first giver
// variant, else the first strategy.
func focus(res *sim.Result) int {
	if i := slices.Index(res.Kinds, "giver"); i >= 0 {
		return i
	}
	return 0
}

// overallShare is strategy s's mean share of members over the deciles
// (its share of all members).
func overallShare(res *sim.Result, s int) float64 {
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

// DecilesTitle says where the first giver variant (or the first strategy)
// sits in the income ranking: at both ends (Grant's finding), at the top,
// at the bottom, or spread evenly, judged by whether the 95% interval of
// its share of the poorest and richest tenth excludes its share of all
// members.
func DecilesTitle(res *sim.Result) string {
	if len(res.Deciles) < 10 || len(res.Strategies) == 0 {
		return "Strategy shares by income decile"
	}
	f := focus(res)
	who := capital(groupName(res, f))
	all := overallShare(res, f)
	bot, top := res.Deciles[0][f], res.Deciles[9][f]
	over := func(st sim.Stat) bool { return st.N > 0 && st.Low > all+1e-9 }
	under := func(st sim.Stat) bool { return st.N > 0 && st.High < all-1e-9 }
	detail := fmt.Sprintf("%s of the poorest tenth, %s of the richest (%s of members)", Percent(bot.Mean), Percent(top.Mean), Percent(all))
	switch {
	case over(bot) && over(top):
		return fmt.Sprintf("%s are at both ends: %s", who, detail)
	case over(top) && under(bot):
		return fmt.Sprintf("%s rise to the top: %s", who, detail)
	case over(top):
		return fmt.Sprintf("%s are over-represented at the top: %s", who, detail)
	case over(bot) && under(top):
		return fmt.Sprintf("%s sink to the bottom: %s", who, detail)
	case over(bot):
		return fmt.Sprintf("%s are over-represented at the bottom: %s", who, detail)
	case under(top):
		return fmt.Sprintf("%s are under-represented at the top: %s", who, detail)
	default:
		return fmt.Sprintf("%s are spread across the ranks: %s", who, detail)
	}
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

// passedOn is closed business referred per member by each strategy, from
// n, membersOf(res).
func passedOn(res *sim.Result, n []float64) []float64 {
	out := make([]float64, len(res.Strategies))
	for a := range out {
		var sum float64
		if a < len(res.FlowClosed) {
			for _, st := range res.FlowClosed[a] {
				if st.N > 0 {
					sum += st.Mean
				}
			}
		}
		out[a] = math.NaN()
		if n[a] > 0 {
			out[a] = sum / n[a]
		}
	}
	return out
}

// FlowsTitle says how much closed business a member passed on: a giver
// against a taker (kinds pooled) when the mix has both, else the most
// generous strategy against the least.
func FlowsTitle(res *sim.Result) string { return flowsTitle(res, membersOf(res)) }

// flowsTitle is FlowsTitle from n, membersOf(res).
func flowsTitle(res *sim.Result, n []float64) string {
	per := passedOn(res, n)
	when := horizon(res.Rounds)
	pool := func(kind string) (float64, bool) {
		var sum, cnt float64
		for s := range per {
			if kindOf(res, s) == kind && n[s] > 0 {
				sum += per[s] * n[s]
				cnt += n[s]
			}
		}
		return sum / cnt, cnt > 0
	}
	if hasKinds(res, "giver", "taker") {
		g, gok := pool("giver")
		t, tok := pool("taker")
		if gok && tok {
			return fmt.Sprintf("Each giver passed on %s of closed business over %s, each taker %s", Dollars(g), when, Dollars(t))
		}
	}
	var order []int
	for s, v := range per {
		if !math.IsNaN(v) {
			order = append(order, s)
		}
	}
	if len(order) == 0 {
		return "No referrals passed on"
	}
	slices.SortStableFunc(order, func(a, b int) int { return -cmpFloat(per[a], per[b]) })
	a := order[0]
	if len(order) == 1 {
		return fmt.Sprintf("Each %s passed on %s of closed business over %s", oneName(res, a), Dollars(per[a]), when)
	}
	b := order[len(order)-1]
	return fmt.Sprintf("Each %s passed on %s of closed business over %s, each %s %s", oneName(res, a), Dollars(per[a]), when, oneName(res, b), Dollars(per[b]))
}

// ProfessionsTitle counts the professions (or, for a large catalogue,
// the categories of professions: see incomeGroups) in which each strategy
// had the highest mean final income and names the strategy that led in
// most, saying in how many its lead was clear (its 95% interval above
// every other's).
func ProfessionsTitle(res *sim.Result) string {
	g := incomeGroups(res)
	nS := len(res.Strategies)
	if nS == 0 || len(g.names) == 0 {
		return "Income by " + g.what
	}
	leads := make([]int, nS)
	clearly := make([]int, nS)
	total := 0
	for _, row := range g.stats {
		best := -1
		for s, st := range row {
			if st.N > 0 && (best < 0 || st.Mean > row[best].Mean) {
				best = s
			}
		}
		if best < 0 {
			continue
		}
		total++
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
	top := 0
	for s := range leads {
		if leads[s] > leads[top] {
			top = s
		}
	}
	if nS == 1 {
		return fmt.Sprintf("Income of %s by %s", groupName(res, 0), g.what)
	}
	msg := fmt.Sprintf("%s earned most in %d of %d %s", capital(groupName(res, top)), leads[top], total, g.plural)
	switch {
	case clearly[top] == 0:
		msg += ", none of them clearly (95% intervals overlap)"
	case clearly[top] < leads[top]:
		msg += fmt.Sprintf(", clearly in %d", clearly[top])
	}
	return msg
}

// groups is mean final income by strategy in groups of members: one
// group per profession, or per category of professions.
type groups struct {
	what, plural string // "profession", "professions"; or "category", ...
	names        []string
	// stats[g][s] is the mean final net income of strategy s's members in
	// group g, over replicates.
	stats [][]sim.Stat
}

// maxProfessionBars is the most professions the professions chart draws
// one group of bars each for; a larger catalogue whose professions all
// have a category is drawn by category, so that a slide stays readable.
const maxProfessionBars = 16

// incomeGroups groups final incomes by profession, or by category when
// the catalogue has more than maxProfessionBars professions and every one
// names its category (categories in order of first appearance).
func incomeGroups(res *sim.Result) groups {
	profs := res.Config.Professions
	byCategory := len(profs) > maxProfessionBars
	for _, p := range profs {
		byCategory = byCategory && p.Category != ""
	}
	if !byCategory {
		return groups{what: "profession", plural: "professions", names: res.Professions, stats: res.ByProfession}
	}
	g := groups{what: "category", plural: "categories of profession"}
	of := make([]int, len(profs))
	for i, p := range profs {
		of[i] = slices.Index(g.names, p.Category)
		if of[i] < 0 {
			of[i] = len(g.names)
			g.names = append(g.names, p.Category)
		}
	}
	nS, nG := len(res.Strategies), len(g.names)
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
	g.stats = make([][]sim.Stat, nG)
	for c := range nG {
		g.stats[c] = make([]sim.Stat, nS)
		for s := range nS {
			g.stats[c][s] = sim.Summarize(per[c][s])
		}
	}
	return g
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

// SharesTitle says what evolution did to the mix: a strategy took over
// (90% of members or more), died out, grew or shrank clearly (its final
// 95% interval excludes its starting share), or nothing changed beyond
// noise.
func SharesTitle(res *sim.Result) string {
	when := horizon(res.Rounds)
	if res.Rounds == 0 || len(res.Strategies) == 0 {
		return "Strategy shares over time"
	}
	best, bestChange := -1, 0.0
	for s := range res.Strategies {
		st := res.Final(sim.Share, s)
		if st.N == 0 {
			continue
		}
		if st.Low >= 0.9 {
			return fmt.Sprintf("%s took over: %s of members after %s", capital(groupName(res, s)), Percent(st.Mean), when)
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
		return fmt.Sprintf("No strategy took over: shares stayed near their start over %s", when)
	}
	st, init := res.Final(sim.Share, best), initialShare(res, best)
	who := capital(groupName(res, best))
	switch {
	case st.Mean < 0.005:
		return fmt.Sprintf("%s died out within %s (from %s of members)", who, when, Percent(init))
	case st.Mean > init:
		return fmt.Sprintf("%s grew from %s to %s of members over %s", who, Percent(init), Percent(st.Mean), when)
	default:
		return fmt.Sprintf("%s shrank from %s to %s of members over %s", who, Percent(init), Percent(st.Mean), when)
	}
}
