package strategies

import "math/rand/v2"

// giverKind is relational networking, "Givers Gain": pass every opportunity
// one can, help freely, keep no score.
var giverKind = Kind{
	Name: "giver",
	Doc:  "relational (Givers Gain): passes every referral it can to a contact weighted by trust and image, helps freely, keeps no score",
	Params: []Param{
		{Name: "discernment", Doc: "how much images steer its choice: 0 selfless (ignores them), 1 otherish (never refers to an image of -5, favours +5 twice)", Default: 0.0, Min: 0, Max: 1},
		{Name: "help_rate", Doc: "low-cost help acts (a one-to-one, an article, an idea) per week; BNI asks members for regular one-to-ones, about one every other week assumed", Default: 0.5, Min: 0, Max: 7},
	},
	New: func(p Params) Strategy {
		return &Giver{Discernment: p.Num("discernment"), HelpRate: p.Num("help_rate")}
	},
}

// Giver passes every referral it can, to a contact chosen at random with
// weight rising with its trust in the contact and, in proportion to
// Discernment, with its image of it: a selfless giver does not play the
// reputation game at all, an otherish one steers away from takers.
type Giver struct {
	Discernment float64
	HelpRate    float64
}

// trustFloor keeps a contact the giver barely trusts still in the draw, so
// that giving can start a relationship instead of needing one.
const trustFloor = 0.02

// imageFactor turns the giver's image of a colleague into a weight
// factor, 1 + discernment·image/5: a selfless giver (0) ignores images
// altogether; a fully discerning one (1) never picks an image of -5 and
// favours an image of +5 twice over an unknown. Contacts outside the
// chapter have no image and weigh 1.
func (g *Giver) imageFactor(c Contact) float64 {
	if !c.Colleague {
		return 1
	}
	return 1 + g.Discernment*float64(c.Image)*0.2 // a division costs ten times a multiply
}

// referWeight is a candidate's weight in the giver's choice.
func (g *Giver) referWeight(c *Contact) float64 {
	return (c.Trust + trustFloor) * g.imageFactor(*c)
}

// helpWeight: anyone the giver would not avoid, alike.
func (g *Giver) helpWeight(c *Contact) float64 {
	return min(1, g.imageFactor(*c))
}

// Refer implements Strategy. The usual handful of candidates is weighed
// in a loop here rather than through weightedIndex's callback: a giver
// decides most of a chapter's referrals, and the call per candidate cost
// more than the weight.
func (g *Giver) Refer(_ Opportunity, cands []Contact, r *rand.Rand) int {
	if len(cands) > smallN {
		return weightedIndex(len(cands), func(i int) float64 { return g.referWeight(&cands[i]) }, r)
	}
	var ws [smallN]float64
	total := 0.0
	for i := range cands {
		ws[i] = g.referWeight(&cands[i])
		total += ws[i]
	}
	return pickWeighted(ws[:len(cands)], total, r)
}

// Help implements Strategy: anyone the giver would not avoid, at random.
func (g *Giver) Help(contacts []Contact, r *rand.Rand) int {
	if len(contacts) > smallN {
		return weightedIndex(len(contacts), func(i int) float64 { return g.helpWeight(&contacts[i]) }, r)
	}
	var ws [smallN]float64
	total := 0.0
	for i := range contacts {
		ws[i] = g.helpWeight(&contacts[i])
		total += ws[i]
	}
	return pickWeighted(ws[:len(contacts)], total, r)
}

// Habits implements Strategy: givers meet anyone; a selfless giver
// (discernment 0) helps anyone alike, since every help weight is 1.
func (g *Giver) Habits() Habits {
	return Habits{HelpRate: g.HelpRate, MeetFactor: 1, HelpsAnyone: g.Discernment == 0}
}
