package channels

import (
	"testing"

	"github.com/giversgain/giversgain/sim"
)

// TestOpenIn: every channel is closed in Closed(c), and open in c where
// c sets it.
func TestOpenIn(t *testing.T) {
	c := sim.Default()
	c.Referrals.HelpValue = 100
	c.Strategies = []sim.StrategySpec{
		{Name: "giver", Kind: "giver", Share: 0.5},
		{Name: "scorekeeper", Kind: "scorekeeper", Share: 0.5, Params: map[string]any{"ledger": "value"}},
	}
	for _, ch := range Channels() {
		if !ch.OpenIn(c) {
			t.Errorf("%s closed in a config that sets it", ch.Name)
		}
		if ch.OpenIn(Closed(c)) {
			t.Errorf("%s open with every channel closed", ch.Name)
		}
	}
	c.Strategies[1].Params = map[string]any{"ledger": "none"}
	if Channels()[3].OpenIn(c) {
		t.Error("ledgers open where the scorekeepers keep none")
	}
}
