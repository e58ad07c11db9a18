package strategies

import "math/rand/v2"

// hunterKind is the article's "hunting, not farming".
var hunterKind = Kind{
	Name: "hunter",
	Doc:  "transactional hunter: seeks out and refers only contacts in professions whose typical deal is worth at least min_value, hoping for big returns",
	Params: []Param{
		{Name: "min_value", Doc: "smallest typical deal (dollars) of a profession worth referring to or meeting", Default: 2000.0, Min: 0, Max: 1e9},
		{Name: "meet_factor", Doc: "multiplies the meet rate: hunters work the room", Default: 2.0, Min: 0, Max: 100},
		{Name: "help_rate", Doc: "help acts per week, only to high-value contacts", Default: 0.1, Min: 0, Max: 7},
	},
	New: func(p Params) Strategy {
		return &Hunter{MinValue: p.Num("min_value"), MeetFactor: p.Num("meet_factor"), HelpRate: p.Num("help_rate")}
	},
}

// Hunter refers only to professions whose typical deal reaches MinValue,
// to a candidate drawn with weight rising with trust (as a giver does),
// and seeks and helps only such contacts.
type Hunter struct {
	MinValue   float64
	MeetFactor float64
	HelpRate   float64
}

// Refer implements Strategy.
func (h *Hunter) Refer(o Opportunity, cands []Contact, r *rand.Rand) int {
	if o.DealValue < h.MinValue {
		return -1
	}
	return weightedIndex(len(cands), func(i int) float64 { return cands[i].Trust + trustFloor }, r)
}

// Help implements Strategy.
func (h *Hunter) Help(contacts []Contact, r *rand.Rand) int {
	return weightedIndex(len(contacts), func(i int) float64 {
		if contacts[i].DealValue >= h.MinValue {
			return 1
		}
		return 0
	}, r)
}

// Habits implements Strategy.
func (h *Hunter) Habits() Habits {
	return Habits{HelpRate: h.HelpRate, MeetFactor: h.MeetFactor, SeekValue: 1, MinSeekValue: h.MinValue}
}
