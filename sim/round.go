package sim

import (
	"encoding/binary"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
	"unsafe"

	"github.com/giversgain/giversgain/strategies"
)

// Totals counts every act of a replicate, for conservation checks and the
// summary: revenue credited must equal the value of referrals closed plus
// the value of help, value received must equal value referred, costs paid
// must equal acts times their cost.
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
	// every one that closed; EarnedValue the revenue recipients were
	// credited for them. HelpValue is the revenue help acts brought.
	ReferredValue float64
	ClosedValue   float64
	EarnedValue   float64
	HelpValue     float64
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
	// hold their revenue, what they kept of it (earned), what they paid,
	// gave and received, which the final agents no longer show.
	Departures            int64
	DepartedRevenue       float64
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
		if w.big {
			w.prefetchMember(i + w.ahead)
		}
		w.opportunities(i)
		w.help(i)
	}
}

// prefetchMember hints that member i's relationships will be read soon.
// The round asks for a member's block a chapter ahead of its turn
// (world.ahead members): the block is cold when the round reaches it in a
// large world, and its opportunity buckets, its help sample and the
// relationships its colleagues update when they refer to it are at random
// places in it, where the hardware does not see them coming. Fetched a
// chapter early, the chapter's blocks (about 48 KB by default) are at hand
// for the whole of its turn, and a chain of cache misses becomes one
// streamed read. A nearer distance (4 members) was measured about 5%
// slower at 10,000 members.
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
		m := w.meetDraw[s].draw(w.r)
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
	k := w.oppDraw.draw(w.r)
	if k == 0 {
		return
	}
	s := w.stats[i].strat
	st := w.strategies[s]
	// A strategy that never refers is not asked (see Habits.NeverRefers):
	// its clients are only drawn and counted, and no deal value is drawn.
	never := w.habits[s].NeverRefers
	couldGive, gave := false, false
	w.withheld = w.withheld[:0]
	vw := w.viewerOf(i)
	for ; k > 0; k-- {
		w.tot.Opportunities++
		p := w.demand[w.stats[i].prof].draw(w.r)
		lo, hi := w.bucket(i, p)
		if lo == hi {
			w.tot.Unmatched++
			continue
		}
		couldGive = true
		pick := -1
		var v float64
		if !never {
			v = w.median[p] * math.Exp(w.sigma[p]*w.r.NormFloat64())
			cands := w.cands[:hi-lo]
			rels := w.rels[lo:hi]
			vw.viewAll(cands, rels)
			if w.big {
				// The pick's other side and its record (totals,
				// strategy, quality: one cache line) are read right
				// after the decision. A colleague's are near i's own
				// and were fetched with the chapter (see step); an
				// outside contact's are anywhere.
				for q := range rels {
					if o := rels[q].other; !rels[q].colleague {
						prefetch2(unsafe.Pointer(&w.rels[int(o)*w.maxC+int(rels[q].back)]), unsafe.Pointer(&w.stats[o]))
					}
				}
			}
			opp := strategies.Opportunity{Profession: p, Value: v, DealValue: w.median[p]}
			pick = st.Refer(opp, cands, w.r)
		}
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
		w.stats[j].revenue += v
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
// visibility. How many of a block of up to 64 colleagues see it is one
// binomial draw and which ones a uniform subset of that size (see
// seenMask), so an act costs a few draws instead of one per colleague.
// Each colleague's image of i moves one step, within -5..+5: up for
// giving, down for withholding unless the observer excuses it.
func (w *world) observe(i int32, giving bool) {
	if giving {
		w.tot.GivingActs++
	} else {
		w.tot.WithholdingActs++
	}
	if w.seenByNone {
		return
	}
	c := w.stats[i].chapter
	cs, ce := w.chStart[c], w.chStart[c+1]
	size := int(ce - cs)
	ii := int(i - cs)
	// col[o-cs] is o's image of i; col[ii], i's of itself, is never seen.
	col := w.images[int(w.imgOff[c])+ii*size:]
	standing := !giving && w.cfg.Referrals.Assessment == Standing
	seenN, delta := 0, 0
	for b := 0; b < size; b += 64 {
		mask := w.seenMask(min(64, size-b), ii-b)
		if mask == 0 {
			continue
		}
		seenN += bits.OnesCount64(mask)
		blk := col[b:]
		switch {
		case giving:
			delta += stepImages(blk, mask, 5, +1)
		case standing:
			// Each observer judges the week's withholding by its own
			// images of those withheld from: one at a time.
			for m := mask; m != 0; m &= m - 1 {
				k := bits.TrailingZeros64(m)
				if img := &blk[k]; *img > -5 && !w.justified(c, cs+int32(b+k)) {
					*img--
					delta--
				}
			}
		default:
			delta += stepImages(blk, mask, -5, -1)
		}
	}
	if giving {
		w.tot.GivingSeen += int64(seenN)
	} else {
		w.tot.WithholdingSeen += int64(seenN)
	}
	w.stats[i].imageSum += int32(delta)
}

// seenMask draws which of lanes colleagues see an act: bit k for the k-th.
// Lane self (when 0 <= self < lanes) is the actor and is never set. The
// count is binomial (one draw); the lanes are a uniform subset of that
// size by Floyd's algorithm, or of the complement when more than half
// see, so the draws are min(seen, unseen) + 1.
func (w *world) seenMask(lanes, self int) uint64 {
	n := lanes
	if self >= 0 && self < lanes {
		n--
	}
	var mask uint64
	if w.seenByAll {
		mask = lowBits(n)
	} else {
		m := w.observers[n].draw(w.r)
		pick := min(m, n-m)
		u := smallInts{r: w.r, spent: 64}
		for j := n - pick; j < n; j++ {
			t := u.below(j + 1)
			if mask&(1<<t) != 0 {
				t = j
			}
			mask |= 1 << t
		}
		if pick < m {
			mask = lowBits(n) &^ mask
		}
	}
	if self >= 0 && self < lanes {
		// Open a gap at self: lanes from self up move one up.
		low := mask & lowBits(self)
		mask = low | (mask&^low)<<1
	}
	return mask
}

// lowBits is a mask of the n lowest bits, n in 0..64.
func lowBits(n int) uint64 {
	if n >= 64 {
		return ^uint64(0)
	}
	return 1<<n - 1
}

// stepImages moves each image blk[k] with bit k of mask set by step (+1 or
// -1) unless it already stands at bound, eight images to a machine word
// (SWAR), and returns the sum of the changes. blk must extend at least to
// the word holding the highest set bit (images carries padding for that).
func stepImages(blk []int8, mask uint64, bound int8, step int) int {
	const (
		ones = 0x0101010101010101
		lo7  = 0x7f7f7f7f7f7f7f7f
		hi   = 0x8080808080808080
	)
	bytes := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(blk))), len(blk))
	atBound := uint64(uint8(bound)) * ones
	moved := 0
	for off := 0; mask != 0; off, mask = off+8, mask>>8 {
		lanes := byteLanes[mask&0xff]
		if lanes == 0 {
			continue
		}
		x := binary.LittleEndian.Uint64(bytes[off:])
		// 0x01 in each byte that is not at the bound.
		t := x ^ atBound
		free := (((t & lo7) + lo7) | t) & hi >> 7
		d := lanes & free
		if d == 0 {
			continue
		}
		// Bytewise add or subtract of 0 or 1, with no carry or borrow
		// crossing into the next byte.
		if step > 0 {
			x = ((x & lo7) + d) ^ (x & hi)
		} else {
			x = ((x | hi) - d) ^ (^x & hi)
		}
		binary.LittleEndian.PutUint64(bytes[off:], x)
		moved += bits.OnesCount64(d)
	}
	return step * moved
}

// byteLanes[b] has 0x01 in byte k for each set bit k of b.
var byteLanes = func() (t [256]uint64) {
	for b := range t {
		for k := range 8 {
			if b&(1<<k) != 0 {
				t[b] |= 1 << (8 * k)
			}
		}
	}
	return t
}()

// smallInts hands out uniform integers in small ranges, several to a
// 64-bit draw, for Floyd's algorithm. Each is the high word of the draw
// times the range and the low word carries on as the next draw (Lemire
// 2019, ACM TOMACS 29:3, without the rejection step). A fresh draw is
// taken before the ranges used on one draw multiply past 2^32, so every
// integer is uniform to within a relative 2^-32 of exact.
type smallInts struct {
	r     *rand.Rand
	x     uint64
	spent int // bits of x used up; start at 64 to draw first
}

// below returns an integer in [0, n), n >= 1.
func (u *smallInts) below(n int) int {
	need := bits.Len64(uint64(n))
	if u.spent+need > 32 {
		u.x, u.spent = u.r.Uint64(), 0
	}
	u.spent += need
	hi, lo := bits.Mul64(u.x, uint64(n))
	u.x = lo
	return int(hi)
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
	h := w.helpDraw[s].draw(w.r)
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
			// The helped contact's side is read right after; a
			// colleague's is near at hand (see opportunities).
			for _, k := range w.picked {
				if rl := &block[k]; !rl.colleague {
					prefetch(unsafe.Pointer(&w.rels[int(rl.other)*w.maxC+int(rl.back)]), 1)
				}
			}
		}
		pick := w.strategies[s].Help(cands, w.r)
		if pick < 0 || pick >= len(cands) {
			continue
		}
		k := base + int(w.picked[pick])
		w.stats[i].costs += w.cfg.Referrals.HelpCost
		w.stats[i].helps++
		w.tot.Helps++
		w.tot.HelpCosts += w.cfg.Referrals.HelpCost
		w.touch(k, w.trustNow(k))
		if hv := w.cfg.Referrals.HelpValue; hv > 0 {
			w.stats[w.rels[k].other].revenue += hv
			w.tot.HelpValue += hv
		}
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
	u := smallInts{r: w.r, spent: 64}
	for j := n - k; j < n; j++ {
		t := int32(u.below(j + 1))
		if slices.Contains(w.picked, t) {
			t = int32(j)
		}
		w.picked = append(w.picked, t)
	}
}
