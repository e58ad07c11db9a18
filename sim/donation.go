package sim

import "github.com/giversgain/giversgain/strategies"

// The donation game (Config.Model = DonationGame) is the classic model of
// indirect and direct reciprocity played on the engine's members, chapters,
// strategies, images, ledgers and evolution, with the networking model's
// meeting, opportunities, trust, service quality and help switched off.
// One round is Donation.Pairings pairings (one per member when 0), in
// order; each pairing draws, from the world's single random stream:
//
//  1. the donor i, uniform over all members, and the recipient j, uniform
//     over i's chapter colleagues (a chapter of one member skips the
//     pairing after the donor draw);
//  2. with Continue = 0 (indirect reciprocity), one act: i decides (below)
//     and acts; with Continue = w > 0 (direct reciprocity), a repeated game:
//     the ledger between i and j is emptied, then in each round both decide
//     on the ledger as it stands and both act (i first), and another round
//     follows with probability w.
//
// A decision (donationDecide): with probability Referrals.Visibility the
// donor knows its image of the recipient, and the strategy sees one
// candidate {Colleague: true, Image: image}; otherwise it sees {Colleague:
// false, Image: 0}, "image unknown" (a discriminator gives to an unknown
// recipient, as in Nowak 2006: it refuses only recipients it knows to be
// bad). Trust is the relationship's stored trust (it never changes in the
// donation game), Given and Received the ledger, DealValue the benefit.
// The strategy gives when Refer returns 0.
//
// An act (donationAct): with probability Donation.Error an intended gift
// fails (drawn only when the rate is above 0, so that a game without
// errors draws what it always drew) and the act is a refusal. Giving costs
// the donor Cost, credits the recipient
// Benefit (the close is certain), and records both in the stats, totals,
// flows and ledgers as a referral that closed; refusing counts as a
// withheld opportunity. Either way each chapter member other than the
// donor, the recipient included, sees the act with probability
// Donation.Observe and updates its image of the donor: +1 (at most +5) for
// giving, -1 (at least -5) for refusing, except that under Standing an
// observer who holds the recipient in bad standing (image < 0) does not
// lower its image of a donor who refused it. Under BinaryImage and
// BinaryStanding the image is set rather than moved: +1 after giving, -1
// after a refusal (under BinaryStanding, one not excused), unchanged after
// an excused one.

// donationRound plays one round of the donation game. It runs on the
// replicate's stream, one pairing after another: the game is a validation
// of the engine on small worlds, not a load to spread over workers.
func (w *world) donationRound() {
	d := &w.cfg.Donation
	pairs := d.Pairings
	if pairs <= 0 {
		pairs = w.n
	}
	for range pairs {
		i := int32(w.r.IntN(w.n))
		ch := &w.chapters[w.stats[i].chapter]
		if ch.size < 2 {
			continue
		}
		j := ch.start + w.r.Int32N(ch.size-1)
		if j >= i {
			j++
		}
		a, b := i-ch.start, j-ch.start
		ti, tj := ch.colTie(a, b), ch.colTie(b, a)
		if d.Continue <= 0 {
			w.donationAct(ch, i, j, ti, w.donationDecide(ch, i, j, ti, tj))
			continue
		}
		*ti = colTie{bond: ti.bond}
		*tj = colTie{bond: tj.bond}
		for {
			gi := w.donationDecide(ch, i, j, ti, tj)
			gj := w.donationDecide(ch, j, i, tj, ti)
			w.donationAct(ch, i, j, ti, gi)
			w.donationAct(ch, j, i, tj, gj)
			if w.r.Float64() >= d.Continue {
				break
			}
		}
	}
}

// donationDecide asks donor i's strategy whether to give to recipient j
// (ti is i's tie with j, tj j's with i: what i received from j is what j
// gave it), drawing whether i knows its image of j.
func (w *world) donationDecide(ch *chapter, i, j int32, ti, tj *colTie) bool {
	b := w.cfg.Donation.Benefit
	view := strategies.Contact{
		Trust:     float64(ti.trust),
		Given:     strategies.Tally{Count: int(ti.givenN), Value: float64(ti.givenV)},
		Received:  strategies.Tally{Count: int(tj.givenN), Value: float64(tj.givenV)},
		DealValue: b,
	}
	if w.r.Float64() < w.cfg.Referrals.Visibility {
		view.Colleague = true
		view.Image = int(*w.image(w.stats[i].chapter, i, j))
	}
	w.donor = append(w.donor[:0], view)
	opp := strategies.Opportunity{Profession: int(w.stats[j].prof), Value: b, DealValue: b}
	return w.strategies[w.stats[i].strat].Refer(opp, w.donor, w.r) == 0
}

// donationAct carries out donor i's decision toward recipient j (ti is
// i's tie with j, whose given side is also j's received side) and lets the
// chapter see it.
func (w *world) donationAct(ch *chapter, i, j int32, ti *colTie, give bool) {
	d := &w.cfg.Donation
	ch.tot.Opportunities++
	if give && d.Error > 0 && w.r.Float64() < d.Error {
		// An error of execution: everyone, the recipient included, sees
		// a refusal.
		give = false
	}
	if give {
		si, sj := int(w.stats[i].strat), int(w.stats[j].strat)
		w.stats[i].costs += d.Cost
		w.stats[i].given++
		w.stats[i].valueGiven += d.Benefit
		w.stats[j].received++
		w.stats[j].valueRecvd += d.Benefit
		w.stats[j].revenue += d.Benefit
		w.stats[j].closed++
		ch.tot.Referrals++
		ch.tot.Closed++
		ch.tot.ReferredValue += d.Benefit
		ch.tot.ClosedValue += d.Benefit
		ch.tot.EarnedValue += d.Benefit
		ch.tot.ReferCosts += d.Cost
		ch.flows[si*w.nStrat+sj] += d.Benefit
		ch.flows[w.nStrat*w.nStrat+si*w.nStrat+sj] += d.Benefit
		ti.givenN++
		ti.givenV += float32(d.Benefit)
		ch.tot.GivingActs++
	} else {
		ch.tot.Withheld++
		ch.tot.WithholdingActs++
	}
	obs := d.Observe
	if obs <= 0 {
		return
	}
	c := w.stats[i].chapter
	standing := !give && w.cfg.Referrals.Assessment.excuses()
	for o := ch.start; o < ch.start+ch.size; o++ {
		if o == i || (obs < 1 && w.r.Float64() >= obs) {
			continue
		}
		w.judge(ch, o, i, give, standing && o != j && *w.image(c, o, j) < 0)
	}
}

// judge applies observer o's assessment of one act of i to its image of
// i, keeping imageSum in step: up one for giving, down one for withholding
// unless excused, within -5..+5; under a binary rule, +1 for giving, -1
// for withholding unless excused, and no change when excused (only
// standing excuses).
func (w *world) judge(ch *chapter, o, i int32, giving, excused bool) {
	img := w.image(w.stats[i].chapter, o, i)
	if w.cfg.Referrals.Assessment.binary() {
		to := int8(1)
		if giving {
			ch.tot.GivingSeen++
		} else {
			ch.tot.WithholdingSeen++
			if excused {
				return
			}
			to = -1
		}
		w.stats[i].imageSum += int32(to - *img)
		*img = to
		return
	}
	if giving {
		ch.tot.GivingSeen++
		if *img < 5 {
			*img++
			w.stats[i].imageSum++
		}
		return
	}
	ch.tot.WithholdingSeen++
	if !excused && *img > -5 {
		*img--
		w.stats[i].imageSum--
	}
}
