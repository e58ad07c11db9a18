package strategies

import "math/rand/v2"

// scorekeeperKind is transactional, "coin-operated" networking.
var scorekeeperKind = Kind{
	Name: "scorekeeper",
	Doc:  "transactional (coin-operated): keeps a ledger per contact and gives only while the contact is not too far behind",
	Params: []Param{
		{Name: "ledger", Doc: "what the ledger counts: referrals (count, as in the article's example) or their dollars (value); none keeps no ledger, the control with this channel of reciprocity closed: it gives with probability open_prob to a contact weighted by trust and helps anyone", Default: "count", Choices: []string{"count", "value", "none"}},
		{Name: "tolerance", Doc: "how far behind (referrals, or dollars for a value ledger) a contact may be and still get a referral; 0 = give one, wait for one back", Default: 0.0, Min: 0, Max: 1e9},
		{Name: "open_prob", Doc: "probability of opening a new relationship by giving first when no contact with a history qualifies", Default: 0.5, Min: 0, Max: 1},
		{Name: "help_rate", Doc: "help acts per week, only to contacts whose balance is not negative", Default: 0.1, Min: 0, Max: 7},
		{Name: "forgiveness", Doc: "probability of giving anyway, when it would hold the referral back, to the contact with history that is least far behind (generous tit-for-tat, Nowak & Sigmund 1992); 0 never forgives", Default: 0.0, Min: 0, Max: 1},
	},
	New: func(p Params) Strategy {
		return &Scorekeeper{
			ByValue:     p.Str("ledger") == "value",
			Blind:       p.Str("ledger") == "none",
			Tolerance:   p.Num("tolerance"),
			OpenProb:    p.Num("open_prob"),
			HelpRate:    p.Num("help_rate"),
			Forgiveness: p.Num("forgiveness"),
		}
	},
}

// Scorekeeper gives to a contact only while the balance with it (received
// minus given) is at least -Tolerance, repaying the largest debt first. With
// no such contact it opens a fresh relationship with probability OpenProb,
// and otherwise holds the referral back.
//
// A Blind scorekeeper keeps no ledger: it gives with probability OpenProb
// to a contact weighted by trust, whatever passed between them, and helps
// anyone. It is the counterfactual in which scorekeepers' ledgers bring
// nothing back to those who gave to them.
//
// A forgiving scorekeeper (Forgiveness g > 0), when it would hold the
// referral back, gives it anyway with probability g to the contact with
// history whose balance is the least far below -Tolerance: generous
// tit-for-tat (Nowak & Sigmund 1992, Nature 355:250), which cooperates
// after a partner's defection with probability g. In the repeated donation
// game a scorekeeper with tolerance 0 and open_prob 1 is tit-for-tat on the
// ledger, and with g > 0 generous tit-for-tat. Forgiveness does not change
// whom it helps.
type Scorekeeper struct {
	ByValue     bool
	Blind       bool
	Tolerance   float64
	OpenProb    float64
	HelpRate    float64
	Forgiveness float64
}

// Balance is what the contact has given minus what it has been given, on
// the scorekeeper's ledger.
func (s *Scorekeeper) Balance(c Contact) float64 {
	if s.ByValue {
		return c.Received.Value - c.Given.Value
	}
	return float64(c.Received.Count - c.Given.Count)
}

func hasHistory(c Contact) bool { return c.Given.Count > 0 || c.Received.Count > 0 }

// Refer implements Strategy. Its loops are written out rather than
// passed to weightedIndex as callbacks: a scorekeeper decides
// a large share of the referrals, and a call per candidate cost more than
// the test it made.
func (s *Scorekeeper) Refer(_ Opportunity, cands []Contact, r *rand.Rand) int {
	if s.Blind {
		if r.Float64() >= s.OpenProb {
			return -1
		}
		return weightedIndex(len(cands), func(i int) float64 { return cands[i].Trust + trustFloor }, r)
	}
	owed, best := -1, 0.0
	fresh := false
	for i := range cands {
		c := &cands[i]
		if !hasHistory(*c) {
			fresh = true
			continue
		}
		b := s.Balance(*c)
		if b < -s.Tolerance {
			continue
		}
		// Ties on the balance go to the more trusted contact.
		if score := b + 1e-9*c.Trust; owed < 0 || score > best {
			owed, best = i, score
		}
	}
	if owed >= 0 {
		return owed
	}
	if !fresh || r.Float64() >= s.OpenProb {
		return s.forgive(cands, r)
	}
	open := func(c *Contact) float64 {
		if hasHistory(*c) {
			return 0
		}
		return c.Trust + trustFloor
	}
	if len(cands) > smallN {
		return weightedIndex(len(cands), func(i int) float64 { return open(&cands[i]) }, r)
	}
	var ws [smallN]float64
	total := 0.0
	for i := range cands {
		ws[i] = open(&cands[i])
		total += ws[i]
	}
	return pickWeighted(ws[:len(cands)], total, r)
}

// forgive returns, with probability Forgiveness, the contact with history
// that is least far behind on the ledger (ties to the more trusted, then
// the first), and otherwise -1. Every contact with history is behind here:
// forgive is called only when none qualified. It draws nothing when
// Forgiveness is 0 or no contact has history, so that a scorekeeper
// without forgiveness draws what it always drew.
func (s *Scorekeeper) forgive(cands []Contact, r *rand.Rand) int {
	if s.Forgiveness <= 0 {
		return -1
	}
	best, bestScore := -1, 0.0
	for i := range cands {
		c := &cands[i]
		if !hasHistory(*c) {
			continue
		}
		if score := s.Balance(*c) + 1e-9*c.Trust; best < 0 || score > bestScore {
			best, bestScore = i, score
		}
	}
	if best < 0 || r.Float64() >= s.Forgiveness {
		return -1
	}
	return best
}

// Help implements Strategy: only partners in good standing on the ledger.
func (s *Scorekeeper) Help(contacts []Contact, r *rand.Rand) int {
	good := func(c *Contact) float64 {
		if s.Blind || hasHistory(*c) && s.Balance(*c) >= 0 {
			return 1
		}
		return 0
	}
	if len(contacts) > smallN {
		return weightedIndex(len(contacts), func(i int) float64 { return good(&contacts[i]) }, r)
	}
	var ws [smallN]float64
	total := 0.0
	for i := range contacts {
		ws[i] = good(&contacts[i])
		total += ws[i]
	}
	return pickWeighted(ws[:len(contacts)], total, r)
}

// Habits implements Strategy.
func (s *Scorekeeper) Habits() Habits {
	return Habits{HelpRate: s.HelpRate, MeetFactor: 1, HelpsAnyone: s.Blind}
}
