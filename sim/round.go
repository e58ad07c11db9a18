package sim

import (
	"math"
	"slices"
	"unsafe"

	"github.com/giversgain/giversgain/strategies"
)

// Totals counts every act of a replicate, for conservation checks and the
// summary: dollars received must equal dollars closed, costs paid must equal
// acts times their cost.
type Totals struct {
	// Opportunities is every client drawn.
	Opportunities int64
	// Unmatched are opportunities for which the member had no contact of
	// the profession: lost, and not withholding.
	Unmatched int64
	// Withheld are opportunities the strategy held back: lost.
	Withheld int64
	// Referrals passed, and how many closed.
	Referrals int64
	Closed    int64
	// Helps is the number of help acts.
	Helps int64
	// ReferredValue is the dollars of every referral passed; ClosedValue of
	// every one that closed; EarnedValue what recipients were credited.
	ReferredValue float64
	ClosedValue   float64
	EarnedValue   float64
	// ReferCosts and HelpCosts are what members paid.
	ReferCosts float64
	HelpCosts  float64
	// GivingSeen and WithholdingSeen count observations (observer × act).
	GivingSeen      int64
	WithholdingSeen int64
	// GivingActs and WithholdingActs count the acts that could be seen.
	GivingActs      int64
	WithholdingActs int64
	// Meetings is the number of new outside relationships made.
	Meetings int64
	// Departures counts members replaced under churn; the Departed fields
	// hold what they had earned, paid, given and received, which the final
	// agents no longer show.
	Departures            int64
	DepartedEarned        float64
	DepartedCosts         float64
	DepartedGiven         int64
	DepartedReceived      int64
	DepartedValueGiven    float64
	DepartedValueReceived float64
}

// step runs one weekly round (or, under the donation game, one round of
// donationRound instead): meet, then for each member in turn its
// opportunities (refer, close, update, observe) and its help.
func (w *world) step() {
	w.round++
	if w.cfg.Model == DonationGame {
		w.donationRound()
		return
	}
	w.meet()
	for i := range int32(w.n) {
		w.prefetchMember(i + prefetchAhead)
		w.opportunities(i)
		w.help(i)
	}
}

// prefetchAhead is how many members ahead of the one acting the round
// asks for the relationship block: a member's block is cold when the
// round reaches it in a large world, and its opportunity bucket and help
// sample are at random places in it, so the hardware does not see them
// coming. Fetching the whole block a few members early turns a chain of
// cache misses into one streamed read.
const prefetchAhead = 4

// prefetchMember hints that member i's relationships will be read soon.
func (w *world) prefetchMember(i int32) {
	if int(i) >= w.n {
		return
	}
	base := int(i) * w.maxC
	prefetch(unsafe.Pointer(&w.rels[base]), uintptr(w.stats[i].nrel)*unsafe.Sizeof(rel{}))
}

// meet lets every member seek new outside contacts. Whom it seeks is its
// strategy's choice; whether they become contacts depends on room on both
// sides.
func (w *world) meet() {
	if w.cfg.Referrals.MeetRate <= 0 {
		return
	}
	for i := range int32(w.n) {
		s := w.stats[i].strat
		m := poisson(w.r, w.meetLambda[s], w.meetExp[s])
		if m > 0 && w.big {
			// In a big world a meeting misses the cache at every step
			// (the contact's record, both sides' bucket bounds and
			// blocks): asking early lets those misses overlap.
			w.prefetchMember(i)
			prefetch(unsafe.Pointer(&w.profStart[int(i)*(w.nProf+1)]), 1)
		}
		for ; m > 0; m-- {
			if int(w.stats[i].nrel) >= w.maxC {
				break
			}
			p := w.seek[int(s)*w.nProf+int(w.stats[i].prof)].draw(w.r)
			if p < 0 {
				break
			}
			membs := w.profMembs[p]
			j := membs[w.r.IntN(len(membs))]
			if w.big {
				prefetch2(unsafe.Pointer(&w.stats[j]), unsafe.Pointer(&w.profStart[int(j)*(w.nProf+1)]))
			}
			if w.stats[j].chapter == w.stats[i].chapter || int(w.stats[j].nrel) >= w.maxC {
				continue
			}
			if w.big {
				prefetch(unsafe.Pointer(&w.rels[int(j)*w.maxC]), uintptr(w.stats[j].nrel)*unsafe.Sizeof(rel{}))
			}
			if w.find(i, j) >= 0 {
				continue
			}
			a := w.addContact(i, j, w.cfg.Trust.Outside)
			b := w.addContact(j, i, w.cfg.Trust.Outside)
			w.rels[a].back = uint16(b - int(j)*w.maxC)
			w.rels[b].back = uint16(a - int(i)*w.maxC)
			w.tot.Meetings++
		}
	}
}

// opportunities draws member i's clients of the week and lets its strategy
// refer each one.
func (w *world) opportunities(i int32) {
	k := poisson(w.r, w.cfg.Referrals.Opportunities, w.expOpp)
	if k == 0 {
		return
	}
	st := w.strategies[w.stats[i].strat]
	couldGive, gave := false, false
	w.withheld = w.withheld[:0]
	vw := w.viewerOf(i)
	for ; k > 0; k-- {
		w.tot.Opportunities++
		p := w.demand[w.stats[i].prof].draw(w.r)
		v := w.median[p] * math.Exp(w.sigma[p]*w.r.NormFloat64())
		lo, hi := w.bucket(i, p)
		if lo == hi {
			w.tot.Unmatched++
			continue
		}
		couldGive = true
		cands := w.cands[:hi-lo]
		rels := w.rels[lo:hi]
		vw.viewAll(cands, rels)
		if w.big {
			// The pick's other side and its record (totals,
			// strategy, quality: one cache line) are read right after
			// the decision.
			for q := range rels {
				o := rels[q].other
				prefetch2(unsafe.Pointer(&w.rels[int(o)*w.maxC+int(rels[q].back)]), unsafe.Pointer(&w.stats[o]))
			}
		}
		w.cands = cands
		opp := strategies.Opportunity{Profession: p, Value: v, DealValue: w.median[p]}
		pick := st.Refer(opp, w.cands, w.r)
		if pick < 0 || pick >= hi-lo {
			w.tot.Withheld++
			if w.cfg.Referrals.Assessment == Standing {
				for q := lo; q < hi; q++ {
					w.withheld = append(w.withheld, w.rels[q].other)
				}
			}
			continue
		}
		gave = true
		w.refer(i, lo+pick, v)
	}
	if couldGive && !gave {
		w.observe(i, false)
	}
}

// refer passes a client worth v from i along relationship k, draws the
// close and the service, and updates both sides.
func (w *world) refer(i int32, k int, v float64) {
	cfg := w.cfg
	j := w.rels[k].other
	si, sj := int(w.stats[i].strat), int(w.stats[j].strat)
	w.stats[i].costs += cfg.Referrals.ReferCost
	w.stats[i].given++
	w.stats[i].valueGiven += v
	w.stats[j].received++
	w.stats[j].valueRecvd += v
	w.tot.Referrals++
	w.tot.ReferredValue += v
	w.tot.ReferCosts += cfg.Referrals.ReferCost
	w.flows[si*w.nStrat+sj] += v

	t := w.trustNow(k)
	q := float64(w.stats[j].quality)
	pClose := cfg.Close.Base + cfg.Close.TrustWeight*t + cfg.Close.QualityWeight*q
	if w.r.Float64() < pClose {
		w.stats[j].earned += v
		w.stats[j].closed++
		w.tot.Closed++
		w.tot.ClosedValue += v
		w.tot.EarnedValue += v
		w.flows[w.nStrat*w.nStrat+si*w.nStrat+sj] += v
		// The referrer hears how the client was served.
		if w.r.Float64() < q {
			t += cfg.Trust.Credit * (1 - t)
		} else {
			t -= cfg.Trust.Blame * t
		}
	}
	w.touch(k, t)
	w.rels[k].givenN++
	w.rels[k].givenV += float32(v)

	if back := w.backOrAdd(i, k); back >= 0 {
		g := w.trustNow(back)
		w.touch(back, g+cfg.Trust.Gratitude*(1-g))
		w.rels[back].recvN++
		w.rels[back].recvV += float32(v)
	}
	w.observe(i, true)
}

// observe lets each colleague of i see its act with probability
// visibility. One 64-bit draw decides four colleagues (16 bits each,
// compared with visibility·65536), so the cost is a quarter draw per
// colleague instead of one; visibility is thereby applied with a
// resolution of 1/65536.
func (w *world) observe(i int32, giving bool) {
	if giving {
		w.tot.GivingActs++
	} else {
		w.tot.WithholdingActs++
	}
	thr := w.seenThreshold
	if thr == 0 {
		return
	}
	c := w.stats[i].chapter
	cs, ce := w.chStart[c], w.chStart[c+1]
	size := int(ce - cs)
	// col[(o-cs)*size] is o's image of i. judge's work is done inline:
	// the counts are added once at the end (integers, so the order does
	// not matter), and justified reads only images of others than i.
	col := w.images[int(w.imgOff[c])+int(i-cs):]
	// The k-th other colleague (k = 0..size-2, i skipped) sits at
	// position k+b2i(k >= ii) in the chapter; each 64-bit draw serves
	// four of them in turn, so the draws are taken exactly where a
	// colleague-by-colleague loop would take them.
	ii := int(i - cs)
	others := size - 1
	seenN := int64(0)
	delta := int32(0)
	if giving {
		for k0 := 0; k0 < others; k0 += 4 {
			x := w.r.Uint64()
			for k := k0; k < min(k0+4, others); k++ {
				// Branch-free: whether a colleague sees is a coin
				// flip that the processor cannot predict.
				seen := b2i(x&0xffff < thr)
				x >>= 16
				img := &col[(k+b2i(k >= ii))*size]
				up := seen & b2i(*img < 5)
				seenN += int64(seen)
				*img += int8(up)
				delta += int32(up)
			}
		}
		w.tot.GivingSeen += seenN
		w.stats[i].imageSum += delta
		return
	}
	standing := w.cfg.Referrals.Assessment == Standing
	for k0 := 0; k0 < others; k0 += 4 {
		x := w.r.Uint64()
		for k := k0; k < min(k0+4, others); k++ {
			seen := x&0xffff < thr
			x >>= 16
			if !seen {
				continue
			}
			seenN++
			oi := k + b2i(k >= ii)
			img := &col[oi*size]
			if !(standing && w.justified(c, cs+int32(oi))) && *img > -5 {
				*img--
				delta--
			}
		}
	}
	w.tot.WithholdingSeen += seenN
	w.stats[i].imageSum += delta
}

// b2i is 1 for true and 0 for false, without a branch.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// judge applies observer o's assessment of one act of i to its image of
// i: up one for giving, down one for withholding unless excused, within
// -5..+5, keeping imageSum in step.
func (w *world) judge(c, o, i int32, giving, excused bool) {
	img := w.image(c, o, i)
	if giving {
		w.tot.GivingSeen++
		if *img < 5 {
			*img++
			w.stats[i].imageSum++
		}
		return
	}
	w.tot.WithholdingSeen++
	if !excused && *img > -5 {
		*img--
		w.stats[i].imageSum--
	}
}

// justified reports whether observer o, under standing, excuses this
// week's withholding: every contact it was withheld from is a colleague
// that o holds in bad standing. A contact outside the chapter is not known
// to be bad, so withholding from it is not excused.
func (w *world) justified(c, o int32) bool {
	for _, j := range w.withheld {
		if w.stats[j].chapter != c || j == o || *w.image(c, o, j) >= 0 {
			return false
		}
	}
	return len(w.withheld) > 0
}

// helpSample is how many contacts a member considers for one help act:
// the handful it runs into that week, not its whole list. It keeps a help
// act from costing a pass over fifty relationships.
const helpSample = 8

// help lets member i give low-cost help, raising the helped contact's
// trust in it.
func (w *world) help(i int32) {
	s := w.stats[i].strat
	rate := w.habits[s].HelpRate
	if rate <= 0 || w.stats[i].nrel == 0 {
		return
	}
	h := poisson(w.r, rate, w.helpExp[s])
	if h == 0 {
		return
	}
	base := int(i) * w.maxC
	block := w.rels[base : base+int(w.stats[i].nrel)]
	vw := w.viewerOf(i)
	for ; h > 0; h-- {
		w.sampleContacts(len(block), helpSample)
		cands := w.cands[:len(w.picked)]
		vw.viewPicked(cands, block, w.picked)
		if w.big {
			// The helped contact's side is read right after.
			for _, k := range w.picked {
				rl := &block[k]
				prefetch(unsafe.Pointer(&w.rels[int(rl.other)*w.maxC+int(rl.back)]), 1)
			}
		}
		w.cands = cands
		pick := w.strategies[s].Help(w.cands, w.r)
		if pick < 0 || pick >= len(w.cands) {
			continue
		}
		k := base + int(w.picked[pick])
		w.stats[i].costs += w.cfg.Referrals.HelpCost
		w.stats[i].helps++
		w.tot.Helps++
		w.tot.HelpCosts += w.cfg.Referrals.HelpCost
		w.touch(k, w.trustNow(k))
		if back := w.backOrAdd(i, k); back >= 0 {
			g := w.trustNow(back)
			w.touch(back, g+w.cfg.Trust.HelpBoost*(1-g))
		}
	}
}

// sampleContacts fills w.picked with min(k, n) distinct positions in
// 0..n-1, uniformly (Floyd's algorithm, so nothing is allocated).
func (w *world) sampleContacts(n, k int) {
	w.picked = w.picked[:0]
	k = min(k, n)
	for j := n - k; j < n; j++ {
		t := int32(w.r.IntN(j + 1))
		if slices.Contains(w.picked, t) {
			t = int32(j)
		}
		w.picked = append(w.picked, t)
	}
}
