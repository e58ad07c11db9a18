package strategies

import "math/rand/v2"

// scorekeeperKind is transactional, "coin-operated" networking.
var scorekeeperKind = Kind{
	Name: "scorekeeper",
	Doc:  "transactional (coin-operated): keeps a ledger per contact and gives only while the contact is not too far behind",
	Params: []Param{
		{Name: "ledger", Doc: "what the ledger counts: referrals (count, as in the article's example) or their dollars (value)", Default: "count", Choices: []string{"count", "value"}},
		{Name: "tolerance", Doc: "how far behind (referrals, or dollars for a value ledger) a contact may be and still get a referral; 0 = give one, wait for one back", Default: 0.0, Min: 0, Max: 1e9},
		{Name: "open_prob", Doc: "probability of opening a new relationship by giving first when no contact with a history qualifies", Default: 0.5, Min: 0, Max: 1},
		{Name: "help_rate", Doc: "help acts per week, only to contacts whose balance is not negative", Default: 0.1, Min: 0, Max: 7},
	},
	New: func(p Params) Strategy {
		return &Scorekeeper{
			ByValue:   p.Str("ledger") == "value",
			Tolerance: p.Num("tolerance"),
			OpenProb:  p.Num("open_prob"),
			HelpRate:  p.Num("help_rate"),
		}
	},
}

// Scorekeeper gives to a contact only while the balance with it (received
// minus given) is at least -Tolerance, repaying the largest debt first. With
// no such contact it opens a fresh relationship with probability OpenProb,
// and otherwise holds the referral back.
type Scorekeeper struct {
	ByValue   bool
	Tolerance float64
	OpenProb  float64
	HelpRate  float64
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

// Refer implements Strategy.
func (s *Scorekeeper) Refer(_ Opportunity, cands []Contact, r *rand.Rand) int {
	owed := argmax(len(cands),
		func(i int) float64 { return s.Balance(cands[i]) + 1e-9*cands[i].Trust },
		func(i int) bool { return hasHistory(cands[i]) && s.Balance(cands[i]) >= -s.Tolerance })
	if owed >= 0 {
		return owed
	}
	fresh := false
	for _, c := range cands {
		if !hasHistory(c) {
			fresh = true
			break
		}
	}
	if !fresh || r.Float64() >= s.OpenProb {
		return -1
	}
	return weightedIndex(len(cands), func(i int) float64 {
		if hasHistory(cands[i]) {
			return 0
		}
		return cands[i].Trust + trustFloor
	}, r)
}

// Help implements Strategy: only partners in good standing on the ledger.
func (s *Scorekeeper) Help(contacts []Contact, r *rand.Rand) int {
	return weightedIndex(len(contacts), func(i int) float64 {
		if hasHistory(contacts[i]) && s.Balance(contacts[i]) >= 0 {
			return 1
		}
		return 0
	}, r)
}

// Habits implements Strategy.
func (s *Scorekeeper) Habits() Habits {
	return Habits{HelpRate: s.HelpRate, MeetFactor: 1}
}
