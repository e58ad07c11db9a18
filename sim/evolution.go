package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// Evolution (the long run). Every Evolution.Period weeks, after the round's
// acts and before it is recorded, members revise their strategies by one of
// three rules. All judge a member by its net income over the period just
// ended: net income (earned - costs) now minus the same at the previous
// revision (world.prevIncome), so that early luck does not count for ever.
//
// Imitation: every member picks a peer uniformly at random, from its own
// chapter (Scope "chapter") or from everyone (Scope "all"), never itself, and
// adopts the peer's strategy with the Fermi probability
//
//	1 / (1 + exp(-Selection * (peer's income - own income) / Scale))
//
// (Szabó & Tőke 1998; Traulsen, Nowak & Pacheco 2006). Selection 0 is
// neutral drift (probability 1/2 whatever the incomes); a large Selection
// copies every better-off peer and no worse-off one. With probability
// Mutation a member instead takes a strategy drawn uniformly from all
// configured strategies (its own included). Decisions are synchronous: all
// members decide on the same snapshot of strategies and incomes, then all
// switch, so member order does not matter. A member who switches keeps its
// profession, quality, relationships, ledgers, images and cumulative
// income: only its behaviour changes.
//
// Churn: the round(ChurnFraction·members) lowest period earners (ties: the
// lower index leaves) leave, and a newcomer takes each slot, in the same
// chapter. A newcomer's strategy is drawn in proportion to each strategy's
// success, defined as the total positive period income of its members:
// success(s) = Σ over members i of s of max(0, income_i), over everyone
// before anyone leaves. This is count × mean positive income, the discrete
// replicator rule: a strategy grows when its members earn more than the
// average. If no member earned a positive income, the draw is in proportion
// to the strategies' member counts. With probability Mutation a newcomer
// instead takes a uniformly random strategy. A newcomer takes the seat (the
// profession) of the member who left under exclusive seats, or a
// profession drawn from the catalogue's shares under shared seats; a fresh
// service quality, zero
// cumulative stats, no contacts outside the chapter (its old slot's outside
// contacts drop it), relationships with every colleague at the starting
// chapter trust with empty ledgers in both directions, and images of and by
// it reset to 0. All newcomers of one revision are drawn from the same
// snapshot.
//
// Generation (Nowak & Sigmund 1998): the whole population is replaced by
// the next generation. Each of the n slots independently takes the
// strategy of a parent drawn from all members with probability in
// proportion to max(0, period income) (uniformly if nobody earned a
// positive income), or, with probability Mutation, a strategy drawn
// uniformly from all configured strategies. All images are then reset to
// 0. Slots keep their profession, quality, relationships, ledgers and
// cumulative stats (the period income is what selection reads), so
// cumulative per-strategy series mix histories as under imitation.
//
// Because newcomers start from zero and switchers keep their past, the
// cumulative per-strategy series (income, referrals, ...) under evolution
// mix members of different tenures and histories: compare them within a
// run with care, and read Share as the outcome.

// evolve applies the configured strategy revision at the end of every
// period. Off (Period 0) it does nothing.
func (w *world) evolve() {
	e := &w.cfg.Evolution
	if e.Period <= 0 || int(w.round)%e.Period != 0 {
		return
	}
	inc := make([]float64, w.n)
	for i := range inc {
		inc[i] = w.income(int32(i)) - w.prevIncome[i]
	}
	w.stashHeld() // the week was played under the strategies before the revision
	w.epoch++     // strategies may change: chapters rebuild their act tables
	switch e.Rule {
	case "imitation":
		w.imitate(inc)
	case "churn":
		w.churn(inc)
	case "generation":
		w.generation(inc)
	}
	for i := range w.prevIncome {
		w.prevIncome[i] = w.income(int32(i))
	}
}

// fermi is the probability of adopting the strategy of a peer who earned
// diff dollars more.
func fermi(selection, scale, diff float64) float64 {
	if selection == 0 {
		return 0.5
	}
	return 1 / (1 + math.Exp(-selection*diff/scale))
}

// peer draws imitation's role model for i: uniform over its chapter or over
// everyone, never i. ok is false when i has nobody to look at.
func (w *world) peer(i int32) (int32, bool) {
	lo, hi := int32(0), int32(w.n)
	if w.cfg.Evolution.Scope == ScopeChapter {
		ch := &w.chapters[w.stats[i].chapter]
		lo, hi = ch.start, ch.start+ch.size
	}
	if hi-lo < 2 {
		return 0, false
	}
	j := lo + w.r.Int32N(hi-lo-1)
	if j >= i {
		j++
	}
	return j, true
}

// imitate runs one synchronous imitation revision on period incomes inc.
// Per member, in index order, it draws: the mutation coin (if Mutation >
// 0), then either the random strategy or the peer and, when the peer's
// strategy differs, the adoption coin.
func (w *world) imitate(inc []float64) {
	e := &w.cfg.Evolution
	next := make([]uint8, w.n)
	for i := range next {
		next[i] = w.stats[i].strat
	}
	for i := range int32(w.n) {
		if e.Mutation > 0 && w.r.Float64() < e.Mutation {
			next[i] = uint8(w.r.IntN(w.nStrat))
			continue
		}
		j, ok := w.peer(i)
		if !ok || w.stats[j].strat == w.stats[i].strat {
			continue
		}
		if w.r.Float64() < fermi(e.Selection, e.Scale, inc[j]-inc[i]) {
			next[i] = w.stats[j].strat
		}
	}
	for i, s := range next {
		w.stats[i].strat = s
	}
}

// churnCount is how many members leave at each churn revision.
func churnCount(members int, fraction float64) int {
	return min(members, int(math.Round(fraction*float64(members))))
}

// churn runs one churn revision on period incomes inc.
func (w *world) churn(inc []float64) {
	e := &w.cfg.Evolution
	k := churnCount(w.n, e.ChurnFraction)
	if k == 0 {
		return
	}
	order := make([]int32, w.n)
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		switch {
		case inc[a] < inc[b]:
			return -1
		case inc[a] > inc[b]:
			return 1
		}
		return int(a - b)
	})
	leavers := order[:k]
	slices.Sort(leavers)

	success := make([]float64, w.nStrat)
	for i, x := range inc {
		success[w.stats[i].strat] += max(0, x)
	}
	if sum(success) <= 0 {
		clear(success)
		for i := range w.stats {
			success[w.stats[i].strat]++
		}
	}
	profShares := make([]float64, w.nProf)
	for p, pr := range w.cfg.Professions {
		profShares[p] = pr.Share
	}
	profChanged := false
	// Draw every newcomer first (from the snapshot), then seat them.
	type newcomer struct {
		s, p uint8
		q    float32
	}
	joins := make([]newcomer, k)
	for n := range joins {
		var s int
		if e.Mutation > 0 && w.r.Float64() < e.Mutation {
			s = w.r.IntN(w.nStrat)
		} else {
			s = drawWeighted(w.r, success)
		}
		// Under exclusive seats the newcomer takes the seat, the
		// profession, of the member who left; shared seats draw one.
		p := int(w.stats[leavers[n]].prof)
		if w.cfg.Population.Seats != Exclusive {
			p = drawWeighted(w.r, profShares)
		}
		q := betaSample(w.r, w.cfg.Quality.Alpha, w.cfg.Quality.Beta)
		joins[n] = newcomer{uint8(s), uint8(p), float32(q)}
	}
	for n, i := range leavers {
		j := joins[n]
		profChanged = profChanged || j.p != w.stats[i].prof
		w.replace(i, j.s, j.p, j.q)
	}
	if profChanged {
		w.buildSeek()
	}
}

func sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}

// drawWeighted returns i with probability wts[i]/Σwts. The caller ensures
// some weight is positive.
func drawWeighted(r *rand.Rand, wts []float64) int {
	x := r.Float64() * sum(wts)
	last := 0
	for i, wt := range wts {
		if wt <= 0 {
			continue
		}
		last = i
		x -= wt
		if x < 0 {
			return i
		}
	}
	return last // rounding left x a hair above zero
}

// replace seats a newcomer with strategy s, profession p and quality q in
// slot i, keeping every structure consistent (see the package notes on
// churn above).
func (w *world) replace(i int32, s, p uint8, q float32) {
	c := w.stats[i].chapter
	ch := &w.chapters[c]
	// Outside contacts drop the leaver (outside ties are always mutual:
	// meet adds both sides, and nothing else adds an outside one that the
	// other side lacks).
	for len(w.outsOf(i)) > 0 {
		j := w.outsOf(i)[0].other
		w.removeOut(j, i)
		w.removeOut(i, j)
	}

	old := w.stats[i].prof
	if at, ok := slices.BinarySearch(w.profMembs[old], i); ok {
		w.profMembs[old] = slices.Delete(w.profMembs[old], at, at+1)
	}
	at, _ := slices.BinarySearch(w.profMembs[p], i)
	w.profMembs[p] = slices.Insert(w.profMembs[p], at, i)
	w.recordDeparture(i)
	// Zero totals; the chapter stays.
	w.stats[i] = agentStats{quality: q, chapter: c, strat: s, prof: p}
	w.prevIncome[i] = 0
	if p != old {
		w.sortByProf(ch)
	}

	// Colleagues meet the newcomer afresh: ties both ways at the starting
	// chapter trust with empty ledgers, images of and by it at 0.
	a := i - ch.start
	fresh := colTie{bond: bond{last: w.round, trust: float32(w.cfg.Trust.Chapter)}}
	for b := range ch.size {
		if b == a {
			continue
		}
		*ch.colTie(a, b), *ch.colTie(b, a) = fresh, fresh
		img := w.image(c, i, ch.start+b) // the newcomer's image of b
		w.stats[ch.start+b].imageSum -= int32(*img)
		*img = 0
		*w.image(c, ch.start+b, i) = 0 // b's image of the newcomer; its sum was reset above
	}
}

// recordDeparture keeps the leaver's totals in Totals, so that the
// members present at the end plus those who left still add up to every
// dollar closed and every cost paid.
func (w *world) recordDeparture(i int32) {
	st := &w.stats[i]
	w.tot.Departures++
	w.tot.DepartedRevenue += st.revenue
	w.tot.DepartedEarned += w.kept(i)
	w.tot.DepartedCosts += st.costs
	w.tot.DepartedGiven += int64(st.given)
	w.tot.DepartedReceived += int64(st.received)
	w.tot.DepartedValueGiven += st.valueGiven
	w.tot.DepartedValueReceived += st.valueRecvd
}

// buildSeek (re)builds the tables by which each strategy, from each own
// profession, picks the profession of a contact to meet: weight = members
// of the profession × median deal^SeekValue, none for the own profession or
// below MinSeekValue. Churn calls it when newcomers change the profession
// counts, so that meet never seeks an empty profession.
func (w *world) buildSeek() {
	if len(w.seek) != w.nStrat*w.nProf {
		w.seek = make([]alias, w.nStrat*w.nProf)
	}
	for s, h := range w.habits {
		for own := range w.nProf {
			wt := make([]float64, w.nProf)
			for p := range w.nProf {
				if p == own || w.median[p] < h.MinSeekValue {
					continue
				}
				wt[p] = float64(len(w.profMembs[p])) * math.Pow(w.median[p], h.SeekValue)
			}
			w.seek[s*w.nProf+own] = newAlias(wt)
		}
	}
}

// LongRunFraction is the final fraction of a run over which long-run
// shares are averaged.
const LongRunFraction = 0.2

// TakeoverShare is the long-run share above which a strategy is said to
// have taken over.
const TakeoverShare = 0.9

// longRunWindow returns the first and last round (1-based) of the long-run
// window: the last 20% of rounds, at least one.
func longRunWindow(rounds int) (int, int) {
	k := max(1, int(math.Round(LongRunFraction*float64(rounds))))
	return rounds - min(k, rounds) + 1, rounds
}

// LongRunShares returns, per strategy in config order, its long-run share:
// in each replicate the mean of its Share over the last 20% of rounds, then
// the mean and 95% interval of those across replicates. Without replicates
// (a Result rebuilt from aggregated series) it averages the aggregated
// mean and bounds over the window instead, which approximates the interval.
func (r *Result) LongRunShares() []Stat {
	from, to := longRunWindow(r.Rounds)
	out := make([]Stat, len(r.Strategies))
	if r.Rounds < 1 {
		return out
	}
	if len(r.Replicates) == 0 {
		for s := range out {
			var st Stat
			for rd := from; rd <= to; rd++ {
				x := r.Series[Share][s][rd-1]
				st.Mean += x.Mean
				st.Low += x.Low
				st.High += x.High
				st.N = x.N
			}
			k := float64(to - from + 1)
			st.Mean, st.Low, st.High = st.Mean/k, st.Low/k, st.High/k
			out[s] = st
		}
		return out
	}
	xs := make([]float64, len(r.Replicates))
	for s := range out {
		for k, rep := range r.Replicates {
			t := 0.0
			for rd := from; rd <= to; rd++ {
				t += rep.Value(Share, s, rd)
			}
			xs[k] = t / float64(to-from+1)
		}
		out[s] = Summarize(xs)
	}
	return out
}

// Dominant returns the strategy whose mean long-run share exceeds
// TakeoverShare, and false when none does.
func (r *Result) Dominant() (int, bool) {
	for s, st := range r.LongRunShares() {
		if st.Mean > TakeoverShare {
			return s, true
		}
	}
	return -1, false
}

// Takeover describes in one line what took over in the long run, e.g.
// "giver took over: long-run share 0.97 (95% CI 0.95-0.99)" or "no strategy
// took over: largest long-run share taker 0.52 (95% CI 0.44-0.60)". It is
// empty when evolution is off.
func (r *Result) Takeover() string {
	if r.Config.Evolution.Period <= 0 || len(r.Strategies) == 0 {
		return ""
	}
	shares := r.LongRunShares()
	best := 0
	for s, st := range shares {
		if st.Mean > shares[best].Mean {
			best = s
		}
	}
	st := shares[best]
	if st.Mean > TakeoverShare {
		return fmt.Sprintf("%s took over: long-run share %.2f (95%% CI %.2f-%.2f)", r.Strategies[best], st.Mean, st.Low, st.High)
	}
	return fmt.Sprintf("no strategy took over: largest long-run share %s %.2f (95%% CI %.2f-%.2f)", r.Strategies[best], st.Mean, st.Low, st.High)
}

// generation replaces every member by an offspring of a member drawn in
// proportion to its positive period income inc, with mutation, and resets
// every image to 0. All draws come from the snapshot before anyone
// changes: per slot in index order, the mutation coin (if Mutation > 0),
// then the random strategy or the parent.
func (w *world) generation(inc []float64) {
	e := &w.cfg.Evolution
	wts := make([]float64, w.n)
	for i, x := range inc {
		wts[i] = max(0, x)
	}
	if sum(wts) <= 0 {
		for i := range wts {
			wts[i] = 1
		}
	}
	parents := newAlias(wts)
	next := make([]uint8, w.n)
	for i := range next {
		if e.Mutation > 0 && w.r.Float64() < e.Mutation {
			next[i] = uint8(w.r.IntN(w.nStrat))
			continue
		}
		next[i] = w.stats[parents.draw(w.r)].strat
	}
	for c := range w.chapters {
		clear(w.chapters[c].images)
	}
	for i, s := range next {
		w.stats[i].strat = s
		w.stats[i].imageSum = 0
	}
}
