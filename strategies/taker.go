package strategies

import "math/rand/v2"

// takerKind receives and does not give.
var takerKind = Kind{
	Name: "taker",
	Doc:  "receives and never passes on (or rarely, to keep up appearances); never helps; networks hard and hunts high-value contacts",
	Params: []Param{
		{Name: "refer_prob", Doc: "probability of passing an opportunity anyway, to its most trusted candidate", Default: 0.0, Min: 0, Max: 1},
		{Name: "meet_factor", Doc: "multiplies the meet rate: takers work the room", Default: 2.0, Min: 0, Max: 100},
	},
	New: func(p Params) Strategy {
		return &Taker{ReferProb: p.Num("refer_prob"), MeetFactor: p.Num("meet_factor")}
	},
}

// Taker holds back every referral except, with ReferProb, one to its most
// trusted candidate. It never helps and seeks contacts in proportion to
// their professions' deal value.
type Taker struct {
	ReferProb  float64
	MeetFactor float64
}

// Refer implements Strategy.
func (t *Taker) Refer(_ Opportunity, cands []Contact, r *rand.Rand) int {
	if t.ReferProb <= 0 || r.Float64() >= t.ReferProb {
		return -1
	}
	return argmax(len(cands), func(i int) float64 { return cands[i].Trust })
}

// Help implements Strategy: takers never help.
func (t *Taker) Help([]Contact, *rand.Rand) int { return -1 }

// Habits implements Strategy.
func (t *Taker) Habits() Habits {
	return Habits{MeetFactor: t.MeetFactor, SeekValue: 1, NeverRefers: t.ReferProb <= 0}
}
