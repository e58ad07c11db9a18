package config

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/giversgain/giversgain/sim"
)

func variants() sim.Config {
	c := sim.Default()
	c.Strategies = []sim.StrategySpec{
		{Name: "selfless", Kind: "giver", Share: 0.3},
		{Name: "otherish", Kind: "giver", Share: 0.3, Params: map[string]any{"discernment": 0.8}},
		{Name: "scorekeeper", Kind: "scorekeeper", Share: 0.2},
		{Name: "taker", Kind: "taker", Share: 0.2},
	}
	return c
}

// prof finds a profession of c by name.
func prof(c sim.Config, name string) sim.Profession {
	for _, p := range c.Professions {
		if p.Name == name {
			return p
		}
	}
	return sim.Profession{}
}

func TestSetGet(t *testing.T) {
	for _, tt := range []struct {
		path  string
		value any
		want  any
		check func(sim.Config) any
	}{
		{"referrals.visibility", 0.25, 0.25, func(c sim.Config) any { return c.Referrals.Visibility }},
		{"referrals.visibility", int64(1), 1.0, func(c sim.Config) any { return c.Referrals.Visibility }},
		{"population.members", 600, 600, func(c sim.Config) any { return c.Population.Members }},
		{"population.members", 90.0, 90, func(c sim.Config) any { return c.Population.Members }},
		{"trust.half_life", 52, 52.0, func(c sim.Config) any { return c.Trust.HalfLife }},
		{"seed", int64(7), uint64(7), func(c sim.Config) any { return c.Seed }},
		{"seed", uint64(math.MaxUint64), uint64(math.MaxUint64), func(c sim.Config) any { return c.Seed }},
		{"referrals.assessment", "standing", "standing", func(c sim.Config) any { return string(c.Referrals.Assessment) }},
		{"evolution.period", int64(26), 26, func(c sim.Config) any { return c.Evolution.Period }},
		{"strategies.otherish.discernment", 0.5, 0.5, func(c sim.Config) any { return c.Strategies[1].Params["discernment"] }},
		{"strategies.selfless.help_rate", int64(2), 2.0, func(c sim.Config) any { return c.Strategies[0].Params["help_rate"] }},
		{"strategies.scorekeeper.ledger", "value", "value", func(c sim.Config) any { return c.Strategies[2].Params["ledger"] }},
		{"professions.realtor.median", 15000, 15000.0, func(c sim.Config) any { return prof(c, "realtor").Median }},
		{`professions."web designer".demand`, 0.9, 0.9, func(c sim.Config) any { return prof(c, "web designer").Demand }},
		{"professions.web_designer.sigma", 0.3, 0.3, func(c sim.Config) any { return prof(c, "web designer").Sigma }},
		{"professions.web designer.share", 2, 2.0, func(c sim.Config) any { return prof(c, "web designer").Share }},
	} {
		base := variants()
		before, err := Encode(base)
		if err != nil {
			t.Fatal(err)
		}
		c := base
		if err := Set(&c, tt.path, tt.value); err != nil {
			t.Errorf("Set(%s, %v): %v", tt.path, tt.value, err)
			continue
		}
		if got := tt.check(c); got != tt.want {
			t.Errorf("Set(%s, %v): field = %v (%T), want %v (%T)", tt.path, tt.value, got, got, tt.want, tt.want)
		}
		if got, err := Get(c, tt.path); err != nil || got != tt.want {
			t.Errorf("Get(%s) = %v (%T), %v; want %v", tt.path, got, got, err, tt.want)
		}
		after, _ := Encode(base)
		if string(before) != string(after) {
			t.Errorf("Set(%s) changed the config it was copied from", tt.path)
		}
	}
}

func TestGetDefaultParam(t *testing.T) {
	got, err := Get(variants(), "strategies.taker.meet_factor")
	if err != nil || got != 2.0 {
		t.Errorf("Get of an unset parameter = %v, %v; want its default 2", got, err)
	}
}

// TestSetMix checks that setting one share rescales the others in
// proportion so the shares still sum to 1.
func TestSetMix(t *testing.T) {
	for _, tt := range []struct {
		name   string
		shares []float64
		set    int
		value  float64
		want   []float64
	}{
		{"proportional", []float64{0.3, 0.3, 0.2, 0.2}, 0, 0.6, []float64{0.6, 0.3 * 4 / 7, 0.2 * 4 / 7, 0.2 * 4 / 7}},
		{"to zero", []float64{0.3, 0.3, 0.2, 0.2}, 3, 0, []float64{0.375, 0.375, 0.25, 0}},
		{"to one", []float64{0.3, 0.3, 0.2, 0.2}, 1, 1, []float64{0, 1, 0, 0}},
		{"others all zero", []float64{1, 0, 0, 0}, 0, 0.4, []float64{0.4, 0.2, 0.2, 0.2}},
	} {
		c := variants()
		for i, s := range tt.shares {
			c.Strategies[i].Share = s
		}
		if err := Set(&c, "population.mix."+c.Strategies[tt.set].Name, tt.value); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		sum := 0.0
		for i, s := range c.Strategies {
			sum += s.Share
			if math.Abs(s.Share-tt.want[i]) > 1e-12 {
				t.Errorf("%s: share of %s = %g, want %g", tt.name, s.Name, s.Share, tt.want[i])
			}
		}
		if math.Abs(sum-1) > 1e-12 {
			t.Errorf("%s: shares sum to %g", tt.name, sum)
		}
		if err := c.Validate(); err != nil {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
}

func TestSetErrors(t *testing.T) {
	for _, tt := range []struct {
		path  string
		value any
		want  []string
	}{
		{"referals.visibility", 0.5, []string{`unknown parameter path "referals.visibility"`, "referrals.visibility"}},
		{"referrals.visiblity", 0.5, []string{"near it", "referrals.visibility", "referrals.assessment"}},
		{"strategies.otherish.discernmnt", 0.5, []string{"strategies.otherish.discernment"}},
		{"strategies.nobody.discernment", 0.5, []string{"strategies.selfless.discernment"}},
		{"population.mix.hunter", 0.5, []string{"population.mix.selfless"}},
		{"professions.astronaut.median", 1, []string{"professions.realtor.median", `professions."web designer".median`}},
		{"zzz", 1, []string{"paths start with", "referrals"}},
		{"population.members", "many", []string{"set population.members", "expected an integer", `found string "many"`}},
		{"population.members", 2.5, []string{"expected an integer", "found float 2.5"}},
		{"seed", -1, []string{"expected an integer >= 0"}},
		{"referrals.assessment", "gossip", []string{`"image", "standing"`}},
		{"referrals.visibility", "high", []string{"expected a number"}},
		{"strategies.otherish.discernment", 2, []string{"expected a number in [0, 1]", "found 2"}},
		{"strategies.scorekeeper.ledger", 1, []string{`"count", "value"`}},
		{"population.mix.taker", 1.5, []string{"expected a share in [0, 1]"}},
		{"population.mix.taker", math.NaN(), []string{"expected a share in [0, 1]"}},
		{"professions.realtor.median", true, []string{"expected a number"}},
	} {
		c := variants()
		err := Set(&c, tt.path, tt.value)
		if err == nil {
			t.Errorf("Set(%s, %v) succeeded", tt.path, tt.value)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("Set(%s, %v): %v\nlacks %q", tt.path, tt.value, err, w)
			}
		}
		if _, err := Get(c, tt.path); err == nil && strings.Contains(tt.want[0], "unknown") {
			t.Errorf("Get(%s) succeeded", tt.path)
		}
	}
	one := sim.Default()
	one.Strategies = []sim.StrategySpec{{Name: "giver", Kind: "giver", Share: 1}}
	if err := Set(&one, "population.mix.giver", 0.5); err == nil || !strings.Contains(err.Error(), "only strategy") {
		t.Errorf("lone strategy share: %v", err)
	}
	if err := Set(nil, "seed", 1); err == nil {
		t.Error("Set on nil config succeeded")
	}
}

// TestPathsSettable checks that every listed path is accepted by Get and
// that setting it to its own value changes nothing.
func TestPathsSettable(t *testing.T) {
	c := variants()
	want, err := Resolve(c)
	if err != nil {
		t.Fatal(err)
	}
	paths := Paths(c)
	if len(paths) < 40 {
		t.Errorf("only %d paths", len(paths))
	}
	seen := map[string]bool{}
	for _, p := range paths {
		if seen[p] {
			t.Errorf("duplicate path %s", p)
		}
		seen[p] = true
		v, err := Get(c, p)
		if err != nil {
			t.Errorf("Get(%s): %v", p, err)
			continue
		}
		d := want
		if err := Set(&d, p, v); err != nil {
			t.Errorf("Set(%s, %v): %v", p, v, err)
			continue
		}
		if !reflect.DeepEqual(d, want) {
			t.Errorf("Set(%s) to its own value changed the config", p)
		}
	}
	for _, p := range []string{"referrals.visibility", "population.mix.otherish", "strategies.otherish.discernment",
		"population.members", "trust.half_life", "professions.realtor.median", "seed", "strategies.scorekeeper.open_prob"} {
		if !seen[p] {
			t.Errorf("Paths lacks %s", p)
		}
	}
}
