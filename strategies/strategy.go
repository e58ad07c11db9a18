// Package strategies holds the networking strategies of giversgain: the small
// interface the engine calls, the built-in kinds (giver, scorekeeper, taker,
// hunter, discriminator) and the registry that names them.
//
// A strategy only decides: whom to refer a client to (or nobody), whom to help,
// and how it seeks new contacts. The engine draws everything that is luck
// (opportunities, deal values, closes, observations), so a strategy cannot
// cheat its way to a better result.
package strategies

import "math/rand/v2"

// Tally counts referrals and their dollar value in one direction of a ledger.
type Tally struct {
	Count int
	Value float64
}

// Contact is what a member knows about one of its contacts when it decides.
// It holds the member's own view, never the contact's hidden service quality.
type Contact struct {
	// Trust is the member's current trust in the contact, 0..1, decay applied.
	Trust float64
	// Image is the member's private image score of the contact, -5..+5.
	// It is meaningful only when Colleague is true; otherwise it is 0.
	Image int
	// Colleague reports whether the contact sits in the member's chapter.
	Colleague bool
	// Given is what the member has referred to the contact so far.
	Given Tally
	// Received is what the contact has referred to the member so far.
	Received Tally
	// DealValue is the typical (median) deal of the contact's profession.
	DealValue float64
}

// Opportunity is a client who needs a profession the member does not have.
type Opportunity struct {
	// Profession indexes the profession catalogue.
	Profession int
	// Value is the deal's dollar value if it closes.
	Value float64
	// DealValue is the typical (median) deal of the profession.
	DealValue float64
}

// Habits are the fixed behaviours of a strategy that the engine applies
// without asking per decision.
type Habits struct {
	// HelpRate is the mean number of low-cost help acts per week.
	HelpRate float64
	// MeetFactor multiplies the model's meet rate: takers network hard.
	MeetFactor float64
	// SeekValue is the exponent on a profession's typical deal value when
	// choosing whom to meet: 0 meets anyone, 1 seeks in proportion to value.
	SeekValue float64
	// MinSeekValue excludes professions whose typical deal is below it from
	// the search for new contacts (hunters); 0 excludes none.
	MinSeekValue float64
	// NeverRefers promises that Refer always returns -1 without drawing
	// from its generator (a taker with refer_prob 0), so the engine need
	// not build the candidates' views to ask it. The outcome is the same.
	NeverRefers bool
	// HelpsAnyone promises that Help weighs every contact alike (a
	// selfless giver, a scorekeeper without a ledger), so the engine picks
	// the helped contact uniformly from the whole list instead of showing
	// the strategy a sample: the same distribution, at one draw.
	HelpsAnyone bool
}

// Strategy decides a member's referrals and help. Implementations must not
// keep per-member state outside what Contact reports: one Strategy value
// serves every member of that strategy, and the engine may call it for many
// members in turn.
type Strategy interface {
	// Refer returns the index in candidates of the contact who gets the
	// client, or -1 to hold the referral back (it is then lost). candidates
	// holds every contact of the needed profession and is never empty.
	Refer(o Opportunity, candidates []Contact, r *rand.Rand) int
	// Help returns the index in contacts of the contact to help, or -1 for
	// none. It is called only when the engine has drawn a help act from
	// Habits().HelpRate; contacts is never empty.
	Help(contacts []Contact, r *rand.Rand) int
	// Habits returns the strategy's fixed behaviours.
	Habits() Habits
}
