package strategies

import "math/rand/v2"

// discriminatorKind is the discriminator of the indirect-reciprocity
// literature (Nowak & Sigmund 1998): it gives only to those whose image
// is at least its threshold k.
var discriminatorKind = Kind{
	Name: "discriminator",
	Doc:  "indirect reciprocity (Nowak & Sigmund 1998): gives only to contacts whose image is at least threshold k, or whose image it does not know; k = -5 always gives, k = 6 never does",
	Params: []Param{
		{Name: "threshold", Doc: "the image k a contact needs to get a referral (-5..6; images are integers, so a fractional k acts as the next integer up)", Default: 0.0, Min: -5, Max: 6},
		{Name: "help_rate", Doc: "low-cost help acts per week, to contacts that pass the threshold; 0 by default (the donation game has no help)", Default: 0.0, Min: 0, Max: 7},
	},
	New: func(p Params) Strategy {
		return &Discriminator{Threshold: p.Num("threshold"), HelpRate: p.Num("help_rate")}
	},
}

// Discriminator passes a referral, like a giver weighted by trust, to a
// contact whose image is at least Threshold; a contact whose image it does
// not know (not a colleague, or, in the donation game, an image it did not
// get to consult) gets the benefit of the doubt. With no qualifying
// contact it holds the referral back.
type Discriminator struct {
	Threshold float64
	HelpRate  float64
}

// Deserves reports whether the discriminator would give to c.
func (d *Discriminator) Deserves(c Contact) bool {
	return !c.Colleague || float64(c.Image) >= d.Threshold
}

// Refer implements Strategy.
func (d *Discriminator) Refer(_ Opportunity, cands []Contact, r *rand.Rand) int {
	return weightedIndex(len(cands), func(i int) float64 {
		if !d.Deserves(cands[i]) {
			return 0
		}
		return cands[i].Trust + trustFloor
	}, r)
}

// Help implements Strategy: any contact that deserves it, at random.
func (d *Discriminator) Help(contacts []Contact, r *rand.Rand) int {
	return weightedIndex(len(contacts), func(i int) float64 {
		if d.Deserves(contacts[i]) {
			return 1
		}
		return 0
	}, r)
}

// Habits implements Strategy.
func (d *Discriminator) Habits() Habits {
	return Habits{HelpRate: d.HelpRate, MeetFactor: 1}
}
