package strategies

import "math/rand/v2"

// giverKind is relational networking, "Givers Gain": pass every opportunity
// one can, help freely, keep no score.
var giverKind = Kind{
	Name: "giver",
	Doc:  "relational (Givers Gain): passes every referral it can to a contact weighted by trust and image, helps freely, keeps no score",
	Params: []Param{
		{Name: "discernment", Doc: "how much it avoids contacts whose image marks them as takers: 0 selfless, 1 otherish (never refers to an image of -5)", Default: 0.0, Min: 0, Max: 1},
		{Name: "help_rate", Doc: "low-cost help acts (a one-to-one, an article, an idea) per week; BNI asks members for regular one-to-ones, about one every other week assumed", Default: 0.5, Min: 0, Max: 7},
	},
	New: func(p Params) Strategy {
		return &Giver{Discernment: p.Num("discernment"), HelpRate: p.Num("help_rate")}
	},
}

// Giver passes every referral it can, to a contact chosen at random with
// weight rising with its trust in the contact and its image of it. With
// Discernment above 0 it shies away from colleagues with a bad image.
type Giver struct {
	Discernment float64
	HelpRate    float64
}

// trustFloor keeps a contact the giver barely trusts still in the draw, so
// that giving can start a relationship instead of needing one.
const trustFloor = 0.02

// imageBoost is how much a top image (+5) raises a contact's weight: ×1.5.
const imageBoost = 0.5

// imageFactor turns the giver's image of a colleague into a weight factor:
// good images raise the weight for every giver; bad images lower it in
// proportion to discernment, to 0 at image -5 and discernment 1.
func (g *Giver) imageFactor(c Contact) float64 {
	if !c.Colleague {
		return 1
	}
	x := float64(c.Image) / 5
	if x >= 0 {
		return 1 + imageBoost*x
	}
	return 1 + g.Discernment*x
}

// Refer implements Strategy.
func (g *Giver) Refer(_ Opportunity, cands []Contact, r *rand.Rand) int {
	return weightedIndex(len(cands), func(i int) float64 {
		return (cands[i].Trust + trustFloor) * g.imageFactor(cands[i])
	}, r)
}

// Help implements Strategy: anyone the giver would not avoid, at random.
func (g *Giver) Help(contacts []Contact, r *rand.Rand) int {
	return weightedIndex(len(contacts), func(i int) float64 {
		return min(1, g.imageFactor(contacts[i]))
	}, r)
}

// Habits implements Strategy: givers meet anyone.
func (g *Giver) Habits() Habits {
	return Habits{HelpRate: g.HelpRate, MeetFactor: 1}
}
