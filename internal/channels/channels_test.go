package channels

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/giversgain/giversgain/internal/findings"
	"github.com/giversgain/giversgain/sim"
)

// base is a small world with every channel open: otherish givers,
// scorekeepers and takers, help that builds trust.
func base() sim.Config {
	c := sim.Default()
	c.Population.Members, c.Rounds, c.Replicates = 60, 104, 8
	c.Strategies = []sim.StrategySpec{
		{Name: "giver", Kind: "giver", Share: 0.4, Params: map[string]any{"discernment": 0.8}},
		{Name: "scorekeeper", Kind: "scorekeeper", Share: 0.3},
		{Name: "taker", Kind: "taker", Share: 0.3},
	}
	return c
}

// TestClosedAndAlone: Closed shuts every channel; Alone opens exactly one,
// at the config's setting, and leaves the others shut.
func TestClosedAndAlone(t *testing.T) {
	b := base()
	c := Closed(b)
	if c.Referrals.Visibility != 0 || c.Trust.Gratitude != 0 || c.Close.TrustWeight != 0 ||
		c.Trust.HelpBoost != 0 || c.Referrals.HelpValue != 0 || c.Strategies[1].Params["ledger"] != "none" {
		t.Fatalf("Closed left a channel open: %+v", c)
	}
	if want := b.Close.Base + b.Close.TrustWeight*b.Trust.Chapter; c.Close.Base != want {
		t.Errorf("closed close.base %g, want %g (the link's typical share moved in)", c.Close.Base, want)
	}
	if b.Strategies[1].Params != nil && b.Strategies[1].Params["ledger"] == "none" {
		t.Fatalf("Closed changed the base config's ledgers")
	}
	for _, ch := range Channels() {
		a := Alone(b, ch, 123)
		open := 0
		for _, other := range Channels() {
			if other.Name == ch.Name {
				continue
			}
			// Closing any other channel must leave a unchanged: it is shut.
			x := a
			other.close(&x)
			if !reflect.DeepEqual(x, a) {
				t.Errorf("%s alone: %s is open too", ch.Name, other.Name)
			}
		}
		x := a
		ch.close(&x)
		if reflect.DeepEqual(x, a) {
			t.Errorf("%s alone: the channel itself is shut", ch.Name)
		} else {
			open++
		}
		if ch.Name == "help's value" && a.Referrals.HelpValue != 123 {
			t.Errorf("help's value opened at %g, want the option's 123 (the config has none)", a.Referrals.HelpValue)
		}
		if err := a.Validate(); err != nil {
			t.Errorf("%s alone: %v", ch.Name, err)
		}
	}
}

// TestRun: the rows come in order, the "all open" row is the config as
// it is, and with every channel closed givers are not ahead of takers:
// with no channel by which a favour returns, giving cannot pay (Nowak
// 2006); the 95% interval of the paired gap must not lie above zero.
func TestRun(t *testing.T) {
	rows, err := Run(context.Background(), base(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, r := range rows {
		labels = append(labels, r.Label)
	}
	want := "none open, visibility alone, gratitude alone, close-rate link alone, ledgers alone, help's trust alone, help's value alone, all open, all open, help with value"
	if got := strings.Join(labels, ", "); got != want {
		t.Fatalf("rows %s, want %s", got, want)
	}
	if !reflect.DeepEqual(rows[7].Config, base()) {
		t.Errorf("the all-open row does not run the config as it is")
	}
	if closed := rows[0].Gap; !(closed.Low < 0) {
		t.Errorf("every channel closed: givers minus takers %+v, want its interval to reach below zero", closed)
	}
	for _, r := range rows {
		if r.Givers.N != 8 || r.Takers.N != 8 || r.Gap.N != 8 {
			t.Errorf("%s: replicates %d/%d/%d, want 8", r.Label, r.Givers.N, r.Takers.N, r.Gap.N)
		}
	}
	var b strings.Builder
	if err := WriteMarkdown(&b, rows, nil); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(b.String(), "\n"); n != len(rows)+2 {
		t.Errorf("table of %d lines for %d rows:\n%s", n, len(rows), b.String())
	}
	if !strings.Contains(b.String(), "| none open (every channel closed) |") {
		t.Errorf("the English table lacks its first world:\n%s", b.String())
	}
	b.Reset()
	if err := WriteMarkdown(&b, rows, findings.German); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| offene Kanäle | Geber | Nehmer |", "| keiner offen (alle Kanäle geschlossen) |", "Sichtbarkeit allein", "\u00a0$"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the German table lacks %q:\n%s", want, b.String())
		}
	}
}

// TestRunNeedsGiversAndTakers: there is nothing to compare otherwise.
func TestRunNeedsGiversAndTakers(t *testing.T) {
	c := base()
	c.Strategies = []sim.StrategySpec{{Name: "giver", Kind: "giver", Share: 1}}
	if _, err := Run(context.Background(), c, Options{}); err == nil || !strings.Contains(err.Error(), "givers and takers") {
		t.Errorf("Run of an all-giver world = %v, want a refusal", err)
	}
}
