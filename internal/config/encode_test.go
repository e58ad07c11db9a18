package config

import (
	"bytes"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/giversgain/giversgain/configs"
	"github.com/giversgain/giversgain/sim"
)

// roundTripConfigs are the configs whose Encode must decode back to
// themselves: the default and every preset.
func roundTripConfigs(t *testing.T) map[string]sim.Config {
	t.Helper()
	out := map[string]sim.Config{"default": sim.Default()}
	for _, name := range configs.Names() {
		data, err := configs.Read(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := Decode(name+".toml", data)
		if err != nil {
			t.Fatalf("preset %s: %v", name, err)
		}
		out[name] = f.Config
	}
	odd := sim.Default()
	// Backslashes and tabs are tested in profession names below: a run
	// name may not hold them (sim.CheckName).
	odd.Name = "quotes \" and ünïcode # not a comment"
	odd.Seed = math.MaxInt64
	odd.Referrals.Visibility = tenth + 2*tenth // 0.30000000000000004
	odd.Trust.HalfLife = 1e300
	odd.Referrals.ReferCost = 5e-324
	odd.Strategies = []sim.StrategySpec{
		{Name: "a giver", Kind: "giver", Share: 0.7, Params: map[string]any{"discernment": int64(1)}},
		{Name: "x.y", Kind: "scorekeeper", Share: 0.3, Params: map[string]any{"ledger": "value", "tolerance": 250}},
	}
	odd.Population.Seats = sim.Shared
	odd.Professions = append(odd.Professions[:2:2], sim.Profession{Name: "new\nline \\ and\ttabs", Share: 0, Demand: 1, Median: 1, Sigma: 0, Margin: 0.25,
		Category: "odd", MarginSource: "a \"quoted\" guess", DemandSource: "none"})
	out["odd"] = odd
	return out
}

func TestEncodeRoundTrip(t *testing.T) {
	for name, cfg := range roundTripConfigs(t) {
		t.Run(name, func(t *testing.T) {
			want, err := Resolve(cfg)
			if err != nil {
				t.Fatal(err)
			}
			data, err := Encode(cfg)
			if err != nil {
				t.Fatal(err)
			}
			f, err := Decode(name+".toml", data)
			if err != nil {
				t.Fatalf("decoding the encoded config: %v\n%s", err, data)
			}
			if !reflect.DeepEqual(f.Config, want) {
				t.Errorf("round trip differs:\n got %#v\nwant %#v", f.Config, want)
			}
			again, err := Encode(f.Config)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(again, data) {
				t.Errorf("Encode is not stable across a round trip")
			}
		})
	}
}

func TestEncodeStatesEverything(t *testing.T) {
	data, err := Encode(sim.Default())
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	for _, p := range Paths(sim.Default()) {
		key := p[strings.LastIndex(p, ".")+1:]
		if !strings.Contains(s, "\n"+key+" = ") {
			t.Errorf("encoded config lacks %s", p)
		}
	}
	for _, w := range []string{"seed = 1\n", "help_rate = 0.5\n", "ledger = \"count\"\n", "source = \"", "[strategies.taker]", "# "} {
		if !strings.Contains(s, w) {
			t.Errorf("encoded config lacks %q", w)
		}
	}
}

func TestEncodeErrors(t *testing.T) {
	c := sim.Default()
	c.Strategies = []sim.StrategySpec{{Name: "w", Kind: "wizard", Share: 1}}
	if _, err := Encode(c); err == nil || !strings.Contains(err.Error(), "wizard") {
		t.Errorf("unknown kind: %v", err)
	}
	c = sim.Default()
	c.Seed = math.MaxUint64
	if _, err := Encode(c); err == nil || !strings.Contains(err.Error(), "seed") {
		t.Errorf("huge seed: %v", err)
	}
}

// tenth is a variable so that tenth+2*tenth is computed in float64.
var tenth = 0.1

func TestFormatFloat(t *testing.T) {
	for _, tt := range []struct {
		in   float64
		want string
	}{{0, "0.0"}, {1, "1.0"}, {0.5, "0.5"}, {-2, "-2.0"}, {1e21, "1e+21"}, {tenth + 2*tenth, "0.30000000000000004"},
		{math.Inf(1), "inf"}, {math.Inf(-1), "-inf"}, {math.NaN(), "nan"}, {12000, "12000.0"}} {
		if got := formatFloat(tt.in); got != tt.want {
			t.Errorf("formatFloat(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
