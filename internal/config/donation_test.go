package config

import (
	"reflect"
	"strings"
	"testing"

	"github.com/giversgain/giversgain/sim"
)

// TestDonationDecodeAndRoundTrip: the model key and the [donation] section
// decode, are checked, and survive Encode.
func TestDonationDecodeAndRoundTrip(t *testing.T) {
	src := `model = "donation"
[population]
members = 10
chapter_size = 10
[population.mix]
k0 = 0.5
taker = 0.5
[strategies.k0]
kind = "discriminator"
threshold = 0
[evolution]
period = 1
rule = "generation"
[donation]
benefit = 2
cost = 0.5
pairings = 12
observe = 0.25
continue = 0.75
`
	f, err := Decode("d.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	c := f.Config
	want := sim.Donation{Benefit: 2, Cost: 0.5, Pairings: 12, Observe: 0.25, Continue: 0.75}
	if c.Model != sim.DonationGame || c.Donation != want || c.Evolution.Rule != "generation" {
		t.Fatalf("decoded model %q, donation %+v, rule %q", c.Model, c.Donation, c.Evolution.Rule)
	}
	data, err := Encode(c)
	if err != nil {
		t.Fatal(err)
	}
	g, err := Decode("d2.toml", data)
	if err != nil {
		t.Fatalf("re-decoding the encoded config: %v\n%s", err, data)
	}
	g.Config.Name = c.Name
	if !reflect.DeepEqual(g.Config, c) {
		t.Errorf("round trip changed the config:\n%+v\n%+v", g.Config, c)
	}
	if _, err := Decode("bad.toml", []byte("model = \"chess\"\n")); err == nil || !strings.Contains(err.Error(), `"networking", "donation"`) {
		t.Errorf("bad model: %v", err)
	}
	if _, err := Decode("bad.toml", []byte("model = \"donation\"\n[donation]\ncontinue = 1.0\n")); err == nil || !strings.Contains(err.Error(), "donation.continue") {
		t.Errorf("bad continue: %v", err)
	}
	if v, err := Get(sim.Default(), "donation.cost"); err != nil || v != 0.1 {
		t.Errorf("Get donation.cost = %v, %v", v, err)
	}
}
