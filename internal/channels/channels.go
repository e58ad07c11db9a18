// Package channels measures how much of the givers' lead over takers each
// channel of reciprocity carries: it runs a config with every channel by
// which a favour can come back closed, then with each channel open alone
// (at the config's own setting), then as it is, and compares givers' and
// takers' final incomes in each, paired by replicate.
//
// The channels, and how each is closed:
//
//   - visibility: colleagues see acts and image scores move
//     (referrals.visibility = 0);
//   - gratitude: a referral raises the recipient's trust in its referrer,
//     which steers where it refers (trust.gratitude = 0);
//   - close-rate link: the referrer's trust in the recipient raises the
//     chance the referral closes (close.trust_weight = 0, its typical
//     share moved into close.base so that closes stay about as likely:
//     base + trust_weight x trust.chapter);
//   - ledgers: scorekeepers repay who gave to them (their ledger =
//     "none": they give blindly with probability open_prob);
//   - help's trust: a help act raises the helped member's trust in the
//     helper (trust.help_boost = 0);
//   - help's value: a help act brings the helped member business
//     (referrals.help_value = 0). The presets give help no value, so this
//     channel is opened at Options.HelpValue instead of the config's.
//
// The package simulates and computes; sim channels prints and writes.
package channels

import (
	"context"
	"fmt"

	"github.com/giversgain/giversgain/internal/findings"
	"github.com/giversgain/giversgain/internal/report"
	"github.com/giversgain/giversgain/sim"
)

// Channel is one way a favour can come back to a giver.
type Channel struct {
	// Name labels the channel in tables.
	Name string
	// Doc says what the channel is.
	Doc string
	// close shuts the channel in c.
	close func(c *sim.Config)
	// open sets the channel in c (all channels closed) as in base; help's
	// value, which base may lack, opens at helpValue.
	open func(c *sim.Config, base sim.Config, helpValue float64)
	// present reports whether base can use the channel at all.
	present func(base sim.Config) bool
}

// DefaultHelpValue is the revenue a help act brings the helped member when
// help's value is opened and the config gives it none: an introduction or
// an idea worth about four hours of a member's time at the default $50/h
// (assumption).
const DefaultHelpValue = 200.0

// Channels returns the channels, in table order.
func Channels() []Channel {
	always := func(sim.Config) bool { return true }
	return []Channel{
		{Name: "visibility", Doc: "colleagues see who gives and who withholds; image scores steer discerning members",
			close:   func(c *sim.Config) { c.Referrals.Visibility = 0 },
			open:    func(c *sim.Config, b sim.Config, _ float64) { c.Referrals.Visibility = b.Referrals.Visibility },
			present: func(b sim.Config) bool { return b.Referrals.Visibility > 0 }},
		{Name: "gratitude", Doc: "a referral raises the recipient's trust in its referrer, which steers where it refers",
			close:   func(c *sim.Config) { c.Trust.Gratitude = 0 },
			open:    func(c *sim.Config, b sim.Config, _ float64) { c.Trust.Gratitude = b.Trust.Gratitude },
			present: func(b sim.Config) bool { return b.Trust.Gratitude > 0 }},
		{Name: "close-rate link", Doc: "the referrer's trust in the recipient raises the chance the referral closes",
			close: func(c *sim.Config) {
				c.Close.Base = min(1, c.Close.Base+c.Close.TrustWeight*c.Trust.Chapter)
				c.Close.TrustWeight = 0
			},
			open:    func(c *sim.Config, b sim.Config, _ float64) { c.Close = b.Close },
			present: func(b sim.Config) bool { return b.Close.TrustWeight > 0 }},
		{Name: "ledgers", Doc: "scorekeepers repay those who gave to them and stop giving to those who do not",
			close:   func(c *sim.Config) { setLedgers(c, func(string) string { return "none" }) },
			open:    func(c *sim.Config, b sim.Config, _ float64) { c.Strategies = b.Strategies },
			present: hasScorekeepers},
		{Name: "help's trust", Doc: "a help act raises the helped member's trust in the helper",
			close:   func(c *sim.Config) { c.Trust.HelpBoost = 0 },
			open:    func(c *sim.Config, b sim.Config, _ float64) { c.Trust.HelpBoost = b.Trust.HelpBoost },
			present: func(b sim.Config) bool { return b.Trust.HelpBoost > 0 }},
		{Name: "help's value", Doc: "a help act brings the helped member business (margin applies)",
			close: func(c *sim.Config) { c.Referrals.HelpValue = 0 },
			open: func(c *sim.Config, b sim.Config, hv float64) {
				c.Referrals.HelpValue = b.Referrals.HelpValue
				if c.Referrals.HelpValue == 0 {
					c.Referrals.HelpValue = hv
				}
			},
			present: always},
	}
}

// setLedgers sets every scorekeeper variant's ledger to f(its ledger).
func setLedgers(c *sim.Config, f func(string) string) {
	specs := make([]sim.StrategySpec, len(c.Strategies))
	for i, s := range c.Strategies {
		specs[i] = s
		if s.Kind != "scorekeeper" {
			continue
		}
		params := map[string]any{}
		for k, v := range s.Params {
			params[k] = v
		}
		ledger, _ := params["ledger"].(string)
		params["ledger"] = f(ledger)
		specs[i].Params = params
	}
	c.Strategies = specs
}

func hasScorekeepers(b sim.Config) bool {
	for _, s := range b.Strategies {
		if s.Kind == "scorekeeper" && s.Share > 0 {
			return true
		}
	}
	return false
}

// Closed returns base with every channel closed.
func Closed(base sim.Config) sim.Config {
	c := base
	for _, ch := range Channels() {
		ch.close(&c)
	}
	return c
}

// Alone returns base with every channel closed but ch, which is set as in
// base (help's value at helpValue when base gives help none).
func Alone(base sim.Config, ch Channel, helpValue float64) sim.Config {
	c := Closed(base)
	ch.open(&c, base, helpValue)
	return c
}

// Options control Run.
type Options struct {
	// HelpValue is the revenue help's value opens at when the config gives
	// help none; 0 means DefaultHelpValue.
	HelpValue float64
	// Workers is passed to sim.Run; it never changes a number.
	Workers int
	// Row, if set, is called as each row is finished.
	Row func(Row)
}

// Row is one world of the table: which channels were open and how givers
// fared against takers.
type Row struct {
	// World is which channels are open, for a language to word
	// (findings.Lang.Channels).
	World findings.ChannelWorld
	// Label names the world in English: "none open", "<channel> alone",
	// "all open".
	Label string
	// Note says in English what is special about the row, if anything.
	Note   string
	Config sim.Config
	// Givers and Takers are the kinds' mean final net income per member
	// (variants pooled), over replicates.
	Givers, Takers sim.Stat
	// Gap is givers' minus takers' income, paired by replicate; Percent
	// is 100·gap/takers per replicate (valid only when takers earned a
	// positive income in every replicate).
	Gap          sim.Stat
	Percent      sim.Stat
	PercentValid bool
}

// Run measures base: every channel closed, each channel open alone, the
// config as it is, and, when base gives help no value, the config with
// help worth Options.HelpValue. base must hold givers and takers.
func Run(ctx context.Context, base sim.Config, opt Options) ([]Row, error) {
	if opt.HelpValue <= 0 {
		opt.HelpValue = DefaultHelpValue
	}
	if err := base.Validate(); err != nil {
		return nil, fmt.Errorf("invalid config: %w", err)
	}
	kinds := map[string]bool{}
	for _, s := range base.Strategies {
		if s.Share > 0 {
			kinds[s.Kind] = true
		}
	}
	if !kinds["giver"] || !kinds["taker"] {
		return nil, fmt.Errorf("the mix needs givers and takers to compare; %s has neither or only one", base.Name)
	}
	type world = findings.ChannelWorld
	var worlds []world
	var cfgs []sim.Config
	add := func(w world, c sim.Config) {
		worlds = append(worlds, w)
		cfgs = append(cfgs, c)
	}
	add(world{Open: findings.NoneOpen}, Closed(base))
	for _, ch := range Channels() {
		if !ch.present(base) {
			continue
		}
		w := world{Open: findings.OneOpen, Channel: ch.Name}
		if ch.Name == "help's value" && base.Referrals.HelpValue == 0 {
			w.HelpValue = opt.HelpValue
		}
		add(w, Alone(base, ch, opt.HelpValue))
	}
	add(world{Open: findings.AllOpen}, base)
	if base.Referrals.HelpValue == 0 {
		c := base
		c.Referrals.HelpValue = opt.HelpValue
		add(world{Open: findings.AllOpenHelp, HelpValue: opt.HelpValue}, c)
	}
	english := findings.English.Channels().World
	rows := make([]Row, 0, len(cfgs))
	for i, c := range cfgs {
		label, note := english(worlds[i])
		res, err := sim.Run(ctx, c, sim.Options{Workers: opt.Workers})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", label, err)
		}
		row := measure(res)
		row.World, row.Label, row.Note, row.Config = worlds[i], label, note, c
		rows = append(rows, row)
		if opt.Row != nil {
			opt.Row(row)
		}
	}
	return rows, nil
}

// measure compares givers with takers in res, as summary.json does.
func measure(res *sim.Result) Row {
	s := report.NewSummary(res, "")
	var row Row
	for _, k := range s.Kinds {
		switch k.Kind {
		case "giver":
			row.Givers = k.Income.Stat()
		case "taker":
			row.Takers = k.Income.Stat()
		}
	}
	if c := s.Comparison; c != nil && c.A == "giver" && c.B == "taker" {
		row.Gap = c.Dollars.Stat()
		if c.Percent != nil {
			row.Percent, row.PercentValid = c.Percent.Stat(), true
		}
	}
	return row
}
