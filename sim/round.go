package sim

import (
	"math"
	"math/bits"
	"slices"
	"unsafe"

	"github.com/giversgain/giversgain/strategies"
)

// This file is the model's weekly round (MODEL.md, sections 3 and 7): who
// meets whom, who refers whom, what closes, who sees it, who helps whom.
// The sampling and bit machinery it calls lives in sampling.go and the
// schedule that runs chapters at once in schedule.go.

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

// add adds u's counts to t's.
func (t *Totals) add(u *Totals) {
	t.Opportunities += u.Opportunities
	t.Unmatched += u.Unmatched
	t.Withheld += u.Withheld
	t.Referrals += u.Referrals
	t.Closed += u.Closed
	t.Helps += u.Helps
	t.ReferredValue += u.ReferredValue
	t.ClosedValue += u.ClosedValue
	t.EarnedValue += u.EarnedValue
	t.HelpValue += u.HelpValue
	t.ReferCosts += u.ReferCosts
	t.HelpCosts += u.HelpCosts
	t.GivingSeen += u.GivingSeen
	t.WithholdingSeen += u.WithholdingSeen
	t.GivingActs += u.GivingActs
	t.WithholdingActs += u.WithholdingActs
	t.Meetings += u.Meetings
	t.Departures += u.Departures
	t.DepartedRevenue += u.DepartedRevenue
	t.DepartedEarned += u.DepartedEarned
	t.DepartedCosts += u.DepartedCosts
	t.DepartedGiven += u.DepartedGiven
	t.DepartedReceived += u.DepartedReceived
	t.DepartedValueGiven += u.DepartedValueGiven
	t.DepartedValueReceived += u.DepartedValueReceived
}

// step runs one weekly round (or, under the donation game, one round of
// donationRound instead), in four phases:
//
//  1. every chapter draws its members' attempts to meet (at once, each on
//     its own stream);
//  2. the meetings are made, one chapter after another (meet);
//  3. every chapter plays: each member in turn draws its clients and
//     refers them (refer, close, update, observe), then gives its help
//     (play); effects inside the chapter happen at once, effects on
//     members of other chapters are written down;
//  4. those effects reach their chapters, in a fixed order (deliver).
//
// So a member sees its colleagues' acts of this week as they happen and
// other chapters' acts from the next week on, whatever the number of
// workers.
func (w *world) step() {
	w.round++
	if w.cfg.Model == DonationGame {
		w.donationRound()
		return
	}
	w.eachChapter(w.drawMeetings)
	w.meet()
	w.eachChapter(w.play)
	w.deliver()
}

// drawMeetings draws the meetings ch's members seek this week: how many
// (Poisson, meet_rate times the strategy's meet factor: countActs), then
// for each the profession (the strategy's choice: seek) and a member of
// it.
func (w *world) drawMeetings(ch *chapter) {
	ch.meets = ch.meets[:0]
	if w.cfg.Referrals.MeetRate <= 0 {
		return
	}
	meets := w.countActs(ch, w.meetRate, w.meetDraw, &ch.meetRate, ch.meetCount)
	for a, m := range meets {
		if m == 0 {
			continue
		}
		i := ch.start + int32(a)
		// A member whose list is full meets nobody this week (ties are
		// made only in meet, after this), so its attempts need no
		// profession or partner drawn: they would all come to nothing.
		if w.full(i) {
			continue
		}
		s := w.stats[i].strat
		for ; m > 0; m-- {
			p := w.seek[int(s)*w.nProf+int(w.stats[i].prof)].draw(ch.r)
			if p < 0 {
				break
			}
			membs := w.profMembs[p]
			j := membs[ch.r.IntN(len(membs))]
			// A colleague, a contact already known or a member whose
			// list is full cannot be met: ruled out here, where
			// chapters work at once, since no tie is made before meet
			// (which checks room again, as the week's meetings fill
			// lists).
			if w.stats[j].chapter != w.stats[i].chapter && !w.full(j) && w.findOut(i, j) < 0 {
				ch.meets = append(ch.meets, meeting{i, j})
			}
		}
	}
}

// meet makes the week's meetings, chapter after chapter and in the order
// drawn. A meeting makes i and j outside contacts of each other when they
// sit in different chapters, both have room and they did not know each
// other; otherwise it comes to nothing. drawMeetings has dropped the
// meetings with colleagues and known contacts already; which of the rest
// happen is decided here in order, one after another (each changes who
// has room, and two members may seek each other in one week); the new
// ties are then written into their chapters, chapters at once.
func (w *world) meet() {
	met := false
	for c := range w.chapters {
		for _, m := range w.chapters[c].meets {
			i, j := m.i, m.j
			ci, cj := &w.chapters[w.stats[i].chapter], &w.chapters[w.stats[j].chapter]
			if ci.outCount(i)+int(ci.added[i-ci.start]) >= w.maxOut(i) ||
				cj.outCount(j)+int(cj.added[j-cj.start]) >= w.maxOut(j) || ci.adding(i, j) {
				continue
			}
			ci.newTies = append(ci.newTies, newTie{a: i - ci.start, other: j, prof: w.stats[j].prof})
			cj.newTies = append(cj.newTies, newTie{a: j - cj.start, other: i, prof: w.stats[i].prof})
			ci.added[i-ci.start]++
			cj.added[j-cj.start]++
			w.tot.Meetings++
			met = true
		}
	}
	if met {
		w.eachChapter(w.addTies)
	}
}

// adding reports whether member i of ch is to meet j this week already.
func (ch *chapter) adding(i, j int32) bool {
	a := i - ch.start
	if ch.added[a] == 0 {
		return false
	}
	for _, t := range ch.newTies {
		if t.a == a && t.other == j {
			return true
		}
	}
	return false
}

// addTies writes the week's new outside ties of ch's members (newTies, in
// the order met) into its arena, each after the member's ties with the
// same profession, at the outside starting trust: one pass over the arena
// from its end, however many there are.
func (w *world) addTies(ch *chapter) {
	k := len(ch.newTies)
	if k == 0 {
		return
	}
	slices.SortStableFunc(ch.newTies, func(x, y newTie) int {
		if x.a != y.a {
			return int(x.a - y.a)
		}
		return int(x.prof) - int(y.prof)
	})
	n := len(ch.outs)
	w.growOuts(ch, k)
	ch.outs = ch.outs[:n+k]
	ch.outProf = ch.outProf[:n+k]
	fresh := tie{bond: bond{last: w.round, trust: float32(w.cfg.Trust.Outside)}}
	dst, src, ni := n+k, n, k-1
	for a := ch.size - 1; a >= 0; a-- {
		end := dst // member a's ties end here once moved
		lo := int(ch.outStart[a])
		for src > lo || ni >= 0 && ch.newTies[ni].a == a {
			// Backwards: the larger profession first; on a tie the new
			// one, which goes after the old ones.
			takeNew := ni >= 0 && ch.newTies[ni].a == a && (src <= lo || ch.newTies[ni].prof >= ch.outProf[src-1])
			dst--
			if takeNew {
				t := ch.newTies[ni]
				ch.outs[dst] = outRel{tie: fresh, other: t.other, prof: t.prof}
				ch.outProf[dst] = t.prof
				ni--
			} else {
				src--
				ch.outs[dst], ch.outProf[dst] = ch.outs[src], ch.outProf[src]
			}
		}
		ch.outStart[a+1] = int32(end)
		ch.added[a] = 0
	}
	ch.newTies = ch.newTies[:0]
}

// play lets every member of ch, in index order, refer its clients of the
// week and give its help.
func (w *world) play(ch *chapter) {
	w.borrow(ch)
	defer w.giveBack(ch)
	w.prefetchChapter(w.stats[ch.start].chapter + 1)
	helps := w.countActs(ch, w.helpRate, w.helpDraw, &ch.helpRate, ch.helps)
	for i := ch.start; i < ch.start+ch.size; i++ {
		w.opportunities(ch, i)
		if n := helps[i-ch.start]; n > 0 {
			w.help(ch, i, int(n))
		}
	}
}

// opportunities draws member i's clients of the week and lets its strategy
// refer each one.
func (w *world) opportunities(ch *chapter, i int32) {
	k := w.oppDraw.draw(ch.r)
	if k == 0 {
		return
	}
	s := w.stats[i].strat
	st := w.strategies[s]
	// A strategy that never refers is not asked (see Habits.NeverRefers):
	// its clients are only drawn and counted, and no deal value is drawn.
	never := w.habits[s].NeverRefers
	couldGive, gave := false, false
	ch.withheld = ch.withheld[:0]
	for ; k > 0; k-- {
		ch.tot.Opportunities++
		p := w.demand[w.stats[i].prof].draw(ch.r)
		n := w.candidates(ch, i, p, !never)
		if n == 0 {
			ch.tot.Unmatched++
			continue
		}
		couldGive = true
		pick := -1
		var v float64
		if !never {
			v = w.median[p] * math.Exp(w.sigma[p]*ch.r.NormFloat64())
			opp := strategies.Opportunity{Profession: p, Value: v, DealValue: w.median[p]}
			pick = st.Refer(opp, ch.cands[:n], ch.r)
		}
		if pick < 0 || pick >= n {
			ch.tot.Withheld++
			if w.cfg.Referrals.Assessment.excuses() {
				for _, ref := range ch.refs[:n] {
					ch.withheld = append(ch.withheld, w.member(ch, i, ref))
				}
			}
			continue
		}
		gave = true
		w.refer(ch, i, ch.refs[pick], v)
	}
	if couldGive && !gave {
		w.observe(ch, i, false)
	}
}

// candidates puts member i's contacts of profession p into ch.refs
// (colleagues first, by index, then outside contacts in the order met)
// and, with views, what i knows of each into ch.cands; it returns how
// many there are.
func (w *world) candidates(ch *chapter, i int32, p int, views bool) int {
	a := i - ch.start
	cols := ch.byProf[ch.profStart[p]:ch.profStart[p+1]]
	lo, hi := ch.outRange(a, uint8(p))
	n := len(cols) + hi - lo
	ch.refs = ch.refs[:0]
	for _, b := range cols {
		if b != a { // i's own profession is never a client's need, but be safe
			ch.refs = append(ch.refs, b)
		}
	}
	for k := lo; k < hi; k++ {
		ch.refs = append(ch.refs, ^int32(k-int(ch.outStart[a])))
	}
	n = len(ch.refs)
	if !views {
		return n
	}
	v := w.viewerOf(ch, a)
	ch.cands = ch.cands[:n]
	x := 0
	dv := w.median[p]
	for _, b := range cols {
		if b != a {
			v.colleague(&ch.cands[x], b, dv)
			x++
		}
	}
	for k := lo; k < hi; k++ {
		v.outside(&ch.cands[x], &ch.outs[k], dv)
		x++
	}
	return n
}

// viewer builds member a's views of its contacts (what its strategy sees)
// with everything that is the same for all of them looked up once: the
// trust floor and decay table, the round, and where its images lie.
type viewer struct {
	floor  float64
	decay  []float64
	maxAge int
	round  int32
	median []float64
	ties   []colTie // a's row of the chapter's ties
	back   []colTie // back[b*size] is b's tie with a: its given side is what a received
	images []int8   // images[b*size] is a's image of b
	size   int32
}

func (w *world) viewerOf(ch *chapter, a int32) viewer {
	return viewer{
		floor: w.cfg.Trust.Floor, decay: w.decay, maxAge: len(w.decay) - 1, round: w.round, median: w.median,
		ties:   ch.col[a*ch.size : (a+1)*ch.size],
		back:   ch.col[a:],
		images: ch.images[a:], size: ch.size,
	}
}

// trust is trustNow's expression, operation for operation.
func (v *viewer) trust(t *bond) float64 {
	age := min(int(v.round-t.last), v.maxAge)
	return v.floor + (float64(t.trust)-v.floor)*v.decay[age]
}

// colleague writes the view of colleague b (a local index), whose
// profession's typical deal is dv, into c.
func (v *viewer) colleague(c *strategies.Contact, b int32, dv float64) {
	t, back := &v.ties[b], &v.back[b*v.size]
	c.Trust = v.trust(&t.bond)
	c.Given.Count, c.Given.Value = int(t.givenN), float64(t.givenV)
	c.Received.Count, c.Received.Value = int(back.givenN), float64(back.givenV)
	c.DealValue = dv
	c.Image, c.Colleague = int(v.images[b*v.size]), true
}

// outside writes the view of an outside contact, whose profession's
// typical deal is dv, into c: no image.
func (v *viewer) outside(c *strategies.Contact, o *outRel, dv float64) {
	c.Trust = v.trust(&o.bond)
	c.Given.Count, c.Given.Value = int(o.givenN), float64(o.givenV)
	c.Received.Count, c.Received.Value = int(o.recvN), float64(o.recvV)
	c.DealValue = dv
	c.Image, c.Colleague = 0, false
}

// view writes what member i knows of its contact ref (a colleague's local
// index, or ^k for outsOf(i)[k]) into c.
func (w *world) view(ch *chapter, i, ref int32, c *strategies.Contact) {
	a := i - ch.start
	v := w.viewerOf(ch, a)
	if ref >= 0 {
		v.colleague(c, ref, w.median[w.stats[ch.start+ref].prof])
		return
	}
	o := &ch.outs[int(ch.outStart[a])+int(^ref)]
	v.outside(c, o, w.median[o.prof])
}

// member is the member that member i's contact ref stands for.
func (w *world) member(ch *chapter, i, ref int32) int32 {
	if ref >= 0 {
		return ch.start + ref
	}
	return w.outsOf(i)[^ref].other
}

// refer passes a client worth v from i to its contact ref, draws the close
// and the service, and updates both sides: at once for a colleague; for an
// outside contact, i's side now and the contact's when the round is
// delivered.
func (w *world) refer(ch *chapter, i, ref int32, v float64) {
	cfg := w.cfg
	j := w.member(ch, i, ref)
	si, sj := int(w.stats[i].strat), int(w.stats[j].strat)
	w.stats[i].costs += cfg.Referrals.ReferCost
	w.stats[i].given++
	w.stats[i].valueGiven += v
	ch.tot.Referrals++
	ch.tot.ReferredValue += v
	ch.tot.ReferCosts += cfg.Referrals.ReferCost
	ch.flows[si*w.nStrat+sj] += v

	var closed bool
	if ref >= 0 {
		t := ch.colTie(i-ch.start, ref)
		closed = w.closeDeal(ch, &t.bond, j)
		t.givenN++
		t.givenV += float32(v)
	} else {
		t := &w.outsOf(i)[^ref].tie
		closed = w.closeDeal(ch, &t.bond, j)
		t.givenN++
		t.givenV += float32(v)
	}
	if closed {
		ch.tot.Closed++
		ch.tot.ClosedValue += v
		ch.tot.EarnedValue += v
		ch.flows[w.nStrat*w.nStrat+si*w.nStrat+sj] += v
	}
	if ref >= 0 {
		// The colleague's side of the ledger is the referrer's given
		// side (colTie), already counted.
		w.receive(j, &ch.colTie(ref, i-ch.start).bond, v, closed)
	} else {
		ch.out = append(ch.out, event{to: j, from: i, value: v, kind: referralEvent, closed: closed})
	}
	w.observe(ch, i, true)
}

// closeDeal draws whether a referral along the referrer's tie t to member
// j closes, with probability base + trust_weight·trust + quality_weight·Q_j,
// and, if it does, whether j served the client well (probability Q_j), which
// moves the referrer's trust in j up (credit) or down (blame). The tie is
// stamped either way.
func (w *world) closeDeal(ch *chapter, t *bond, j int32) bool {
	cl, tr := &w.cfg.Close, &w.cfg.Trust
	trust := w.trustNow(t)
	q := float64(w.stats[j].quality)
	closed := ch.r.Float64() < cl.Base+cl.TrustWeight*trust+cl.QualityWeight*q
	if closed {
		if ch.r.Float64() < q {
			trust += tr.Credit * (1 - trust)
		} else {
			trust -= tr.Blame * trust
		}
	}
	w.touch(t, trust)
	return closed
}

// receive credits member j with a referral worth v along back, its bond
// with the referrer: the referral counts, the revenue if it closed, and
// gratitude raises j's trust in the referrer. back may be nil (j could not
// hold the referrer). The ledger of j's tie is the caller's.
func (w *world) receive(j int32, back *bond, v float64, closed bool) {
	st := &w.stats[j]
	st.received++
	st.valueRecvd += v
	if closed {
		st.revenue += v
		st.closed++
	}
	if back != nil {
		g := w.trustNow(back)
		w.touch(back, g+w.cfg.Trust.Gratitude*(1-g))
	}
}

// helped credits member j with a help act along back, its bond with the
// helper: help's value as revenue, and a step of trust in the helper.
func (w *world) helped(j int32, back *bond) {
	if hv := w.cfg.Referrals.HelpValue; hv > 0 {
		w.stats[j].revenue += hv
	}
	if back != nil {
		g := w.trustNow(back)
		w.touch(back, g+w.cfg.Trust.HelpBoost*(1-g))
	}
}

// observe lets each colleague of i see its act with probability
// visibility. How many of a block of up to 64 colleagues see it is one
// binomial draw and which ones a uniform subset of that size (see
// seenMask), so an act costs a few draws instead of one per colleague.
// Each colleague's image of i moves one step, within -5..+5: up for
// giving, down for withholding unless the observer excuses it. Under a
// binary rule it is set instead: +1 for giving, -1 for withholding
// unless excused (then unchanged; only standing excuses).
func (w *world) observe(ch *chapter, i int32, giving bool) {
	if giving {
		ch.tot.GivingActs++
	} else {
		ch.tot.WithholdingActs++
	}
	if w.seenByNone {
		return
	}
	size := int(ch.size)
	ii := int(i - ch.start)
	// col[o] is o's image of i; col[ii], i's of itself, is never seen.
	col := ch.images[ii*size:]
	standing := !giving && w.cfg.Referrals.Assessment.excuses()
	binary := w.cfg.Referrals.Assessment.binary()
	seenN, delta := 0, 0
	for b := 0; b < size; b += 64 {
		mask := w.seenMask(ch, min(64, size-b), ii-b)
		if mask == 0 {
			continue
		}
		seenN += bits.OnesCount64(mask)
		blk := col[b:]
		switch {
		case binary:
			// A binary rule sets the image; under standing each
			// observer judges the week's withholding by its own images,
			// one at a time.
			for m := mask; m != 0; m &= m - 1 {
				k := bits.TrailingZeros64(m)
				to := int8(1)
				if !giving {
					if standing && w.justified(ch, int32(b+k)) {
						continue
					}
					to = -1
				}
				delta += int(to - blk[k])
				blk[k] = to
			}
		case giving:
			delta += stepImages(blk, mask, 5, +1)
		case standing:
			// Each observer judges the week's withholding by its own
			// images of those withheld from: one at a time.
			for m := mask; m != 0; m &= m - 1 {
				k := bits.TrailingZeros64(m)
				if img := &blk[k]; *img > -5 && !w.justified(ch, int32(b+k)) {
					*img--
					delta--
				}
			}
		default:
			delta += stepImages(blk, mask, -5, -1)
		}
	}
	if giving {
		ch.tot.GivingSeen += int64(seenN)
	} else {
		ch.tot.WithholdingSeen += int64(seenN)
	}
	w.stats[i].imageSum += int32(delta)
}

// justified reports whether observer o (a local index), under standing,
// excuses this week's withholding: every contact it was withheld from is
// a colleague that o holds in bad standing. A contact outside the chapter
// is not known to be bad, so withholding from it is not excused.
func (w *world) justified(ch *chapter, o int32) bool {
	for _, j := range ch.withheld {
		b := j - ch.start
		if b < 0 || b >= ch.size || b == o || ch.images[b*ch.size+o] >= 0 {
			return false
		}
	}
	return len(ch.withheld) > 0
}

// helpSample is how many contacts a member considers for one help act:
// the handful it runs into that week, not its whole list. It keeps a help
// act from costing a pass over fifty relationships.
const helpSample = 8

// help lets member i give its acts of low-cost help this week (counted
// for the chapter by countActs), raising each helped contact's trust in it
// (and, with help_value, bringing it business). A strategy that helps
// anyone alike (Habits.HelpsAnyone) is not asked: the engine picks the
// contact uniformly.
func (w *world) help(ch *chapter, i int32, acts int) {
	s := w.stats[i].strat
	a := i - ch.start
	nCol := int(ch.size - 1)
	total := nCol + int(ch.outStart[a+1]-ch.outStart[a])
	if total == 0 {
		return
	}
	anyone := w.habits[s].HelpsAnyone
	var v viewer
	if !anyone {
		v = w.viewerOf(ch, a)
	}
	for ; acts > 0; acts-- {
		var pos int32
		if anyone {
			pos = int32(ch.r.IntN(total))
		} else {
			w.sampleContacts(ch, total, helpSample)
			ch.cands = ch.cands[:len(ch.picked)]
			for x, p := range ch.picked {
				if ref := w.position(ch, a, p, nCol); ref >= 0 {
					v.colleague(&ch.cands[x], ref, w.median[w.stats[ch.start+ref].prof])
				} else {
					o := &ch.outs[int(ch.outStart[a])+int(^ref)]
					v.outside(&ch.cands[x], o, w.median[o.prof])
				}
			}
			pick := w.strategies[s].Help(ch.cands, ch.r)
			if pick < 0 || pick >= len(ch.picked) {
				continue
			}
			pos = ch.picked[pick]
		}
		w.stats[i].costs += w.cfg.Referrals.HelpCost
		w.stats[i].helps++
		ch.tot.Helps++
		ch.tot.HelpCosts += w.cfg.Referrals.HelpCost
		ch.tot.HelpValue += w.cfg.Referrals.HelpValue
		ref := w.position(ch, a, pos, nCol)
		if ref >= 0 {
			t := &ch.colTie(a, ref).bond
			w.touch(t, w.trustNow(t))
			w.helped(ch.start+ref, &ch.colTie(ref, a).bond)
			continue
		}
		o := &ch.outs[int(ch.outStart[a])+int(^ref)]
		w.touch(&o.bond, w.trustNow(&o.bond))
		ch.out = append(ch.out, event{to: o.other, from: i, kind: helpEvent})
	}
}

// position turns a position in member a's whole contact list (its nCol
// colleagues, itself skipped, then its outside contacts) into a contact
// reference: a colleague's local index, or ^k for outsOf(i)[k].
func (w *world) position(ch *chapter, a, pos int32, nCol int) int32 {
	if int(pos) < nCol {
		if pos >= a {
			pos++
		}
		return pos
	}
	return ^(pos - int32(nCol))
}

// deliver applies this round's effects on members of other chapters:
// grouped by the chapter that receives them, in the order of the chapters
// that caused them and, within one, the order they happened; each
// chapter's share is applied by one worker, chapters at once. The grouping
// is a counting sort done in blocks of source chapters, blocks at once: a
// block counts its events by destination, the counts give each block its
// place in every destination's run (blocks in order, so source chapters in
// order), and each block writes its events there.
func (w *world) deliver() {
	nc := len(w.chapters)
	blocks := max(1, min(w.workers, nc))
	span := func(b int) (int, int) { return b * nc / blocks, (b + 1) * nc / blocks }
	if len(w.next) != blocks*nc {
		w.next = make([]int, blocks*nc)
	}
	w.parallel(blocks, func(b int) {
		cnt := w.next[b*nc : (b+1)*nc]
		clear(cnt)
		lo, hi := span(b)
		for c := lo; c < hi; c++ {
			for _, e := range w.chapters[c].out {
				cnt[w.stats[e.to].chapter]++
			}
		}
	})
	total := 0
	for d := range nc {
		w.inboxStart[d] = total
		for b := range blocks {
			n := w.next[b*nc+d]
			w.next[b*nc+d] = total // block b's first slot in d's run
			total += n
		}
	}
	w.inboxStart[nc] = total
	if total == 0 {
		return
	}
	if cap(w.inbox) < total {
		w.inbox = make([]event, total, 2*total)
	}
	w.inbox = w.inbox[:total]
	w.parallel(blocks, func(b int) {
		at := w.next[b*nc : (b+1)*nc]
		lo, hi := span(b)
		for c := lo; c < hi; c++ {
			ch := &w.chapters[c]
			for _, e := range ch.out {
				d := w.stats[e.to].chapter
				w.inbox[at[d]] = e
				at[d]++
			}
			ch.out = ch.out[:0]
		}
	})
	w.eachChapter(func(ch *chapter) {
		c := w.stats[ch.start].chapter
		inbox := w.inbox[w.inboxStart[c]:w.inboxStart[c+1]]
		// Ask for every recipient's record and ties first, so that
		// their misses overlap instead of coming one after another.
		for _, e := range inbox {
			a := e.to - ch.start
			lo, hi := ch.outStart[a], ch.outStart[a+1]
			prefetch(unsafe.Pointer(&w.stats[e.to]), 1)
			if lo < hi {
				prefetch(unsafe.Pointer(&ch.outProf[lo]), uintptr(hi-lo))
				prefetch(unsafe.Pointer(&ch.outs[lo]), uintptr(hi-lo)*unsafe.Sizeof(outRel{}))
			}
		}
		for _, e := range inbox {
			k := w.findOut(e.to, e.from)
			if k < 0 {
				// Outside ties are mutual (meet makes both, churn
				// removes both), so this is a fallback only.
				k = w.addOut(e.to, e.from, w.cfg.Trust.Outside)
			}
			var back *tie
			var bnd *bond
			if k >= 0 {
				back = &w.outsOf(e.to)[k].tie
				bnd = &back.bond
			}
			if e.kind == referralEvent {
				w.receive(e.to, bnd, e.value, e.closed)
				if back != nil {
					back.recvN++
					back.recvV += float32(e.value)
				}
			} else {
				w.helped(e.to, bnd)
			}
		}
	})
}
