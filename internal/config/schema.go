package config

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/giversgain/giversgain/sim"
)

// valueKind is the TOML type a scalar field takes.
type valueKind int

const (
	kindInt    valueKind = iota // a TOML integer, stored in an int
	kindFloat                   // a TOML float or integer, stored in a float64
	kindString                  // a TOML string, one of choices when set
	kindSeed                    // a TOML integer >= 0, stored in a uint64
)

// field is one scalar parameter of the schema: where it lives in the file
// and in sim.Config. Exactly one accessor is set, matching kind.
type field struct {
	section string // "" for the top level
	key     string
	doc     string
	kind    valueKind
	choices []string
	i       func(*sim.Config) *int
	f       func(*sim.Config) *float64
	s       func(*sim.Config) *string
	u       func(*sim.Config) *uint64
}

func (f field) path() string { return join(f.section, f.key) }

// sections lists the tables of the schema in file order; mix, strategies,
// professions and claims are handled apart.
var sections = []string{"", "population", "referrals", "trust", "close", "quality", "evolution", "donation"}

// fields is the schema of every scalar parameter, in file order.
var fields = []field{
	{section: "", key: "seed", kind: kindSeed, doc: "root of every random stream; the same config and seed give identical results",
		u: func(c *sim.Config) *uint64 { return &c.Seed }},
	{section: "", key: "rounds", kind: kindInt, doc: "weekly meetings simulated",
		i: func(c *sim.Config) *int { return &c.Rounds }},
	{section: "", key: "replicates", kind: kindInt, doc: "independent worlds run from this config",
		i: func(c *sim.Config) *int { return &c.Replicates }},
	{section: "", key: "model", kind: kindString, choices: []string{string(sim.Networking), string(sim.DonationGame)},
		doc: `the game each round plays: "networking" (referral networking) or "donation" (the classic donation game, [donation])`,
		s:   func(c *sim.Config) *string { return (*string)(&c.Model) }},

	{section: "population", key: "members", kind: kindInt, doc: "number of members (agents)",
		i: func(c *sim.Config) *int { return &c.Population.Members }},
	{section: "population", key: "chapter_size", kind: kindInt, doc: "target chapter size; members split into round(members/chapter_size) chapters",
		i: func(c *sim.Config) *int { return &c.Population.ChapterSize }},
	{section: "population", key: "max_contacts", kind: kindInt, doc: "cap on each member's contacts, chapter colleagues included",
		i: func(c *sim.Config) *int { return &c.Population.MaxContacts }},

	{section: "referrals", key: "opportunities", kind: kindFloat, doc: "Poisson mean of referral opportunities per member per week",
		f: func(c *sim.Config) *float64 { return &c.Referrals.Opportunities }},
	{section: "referrals", key: "visibility", kind: kindFloat, doc: "probability a chapter colleague sees a given act (0..1)",
		f: func(c *sim.Config) *float64 { return &c.Referrals.Visibility }},
	{section: "referrals", key: "assessment", kind: kindString, choices: []string{string(sim.ImageScoring), string(sim.Standing)},
		doc: `image update rule for withholding: "image" (image scoring) or "standing"`,
		s:   func(c *sim.Config) *string { return (*string)(&c.Referrals.Assessment) }},
	{section: "referrals", key: "refer_cost", kind: kindFloat, doc: "dollars of time one referral costs the referrer",
		f: func(c *sim.Config) *float64 { return &c.Referrals.ReferCost }},
	{section: "referrals", key: "help_cost", kind: kindFloat, doc: "dollars of time one low-cost help act costs the helper",
		f: func(c *sim.Config) *float64 { return &c.Referrals.HelpCost }},
	{section: "referrals", key: "meet_rate", kind: kindFloat, doc: "mean new outside contacts sought per week, before the strategy's meet factor",
		f: func(c *sim.Config) *float64 { return &c.Referrals.MeetRate }},

	{section: "trust", key: "chapter", kind: kindFloat, doc: "starting trust in a chapter colleague (0..1)",
		f: func(c *sim.Config) *float64 { return &c.Trust.Chapter }},
	{section: "trust", key: "outside", kind: kindFloat, doc: "starting trust in a newly met outside contact (0..1)",
		f: func(c *sim.Config) *float64 { return &c.Trust.Outside }},
	{section: "trust", key: "floor", kind: kindFloat, doc: "level trust decays toward without interaction (0..1)",
		f: func(c *sim.Config) *float64 { return &c.Trust.Floor }},
	{section: "trust", key: "half_life", kind: kindFloat, doc: "weeks without interaction after which the distance to floor halves",
		f: func(c *sim.Config) *float64 { return &c.Trust.HalfLife }},
	{section: "trust", key: "gratitude", kind: kindFloat, doc: "step of a recipient's trust in its referrer (0..1)",
		f: func(c *sim.Config) *float64 { return &c.Trust.Gratitude }},
	{section: "trust", key: "credit", kind: kindFloat, doc: "step of a referrer's trust in a recipient who served the client well (0..1)",
		f: func(c *sim.Config) *float64 { return &c.Trust.Credit }},
	{section: "trust", key: "blame", kind: kindFloat, doc: "step down of a referrer's trust in a recipient who served the client badly (0..1)",
		f: func(c *sim.Config) *float64 { return &c.Trust.Blame }},
	{section: "trust", key: "help_boost", kind: kindFloat, doc: "step of a helped member's trust in its helper (0..1)",
		f: func(c *sim.Config) *float64 { return &c.Trust.HelpBoost }},

	{section: "close", key: "base", kind: kindFloat, doc: "close probability from a stranger with the worst service",
		f: func(c *sim.Config) *float64 { return &c.Close.Base }},
	{section: "close", key: "trust_weight", kind: kindFloat, doc: "added close probability at full trust of the referrer in the recipient",
		f: func(c *sim.Config) *float64 { return &c.Close.TrustWeight }},
	{section: "close", key: "quality_weight", kind: kindFloat, doc: "added close probability at the recipient's top service quality",
		f: func(c *sim.Config) *float64 { return &c.Close.QualityWeight }},

	{section: "quality", key: "alpha", kind: kindFloat, doc: "Beta(alpha, beta) distribution of members' service quality",
		f: func(c *sim.Config) *float64 { return &c.Quality.Alpha }},
	{section: "quality", key: "beta", kind: kindFloat, doc: "",
		f: func(c *sim.Config) *float64 { return &c.Quality.Beta }},

	{section: "evolution", key: "period", kind: kindInt, doc: "weeks between strategy revisions; 0 turns evolution off",
		i: func(c *sim.Config) *int { return &c.Evolution.Period }},
	{section: "evolution", key: "rule", kind: kindString, choices: []string{"imitation", "churn", "generation"}, doc: `"imitation" (Fermi rule), "churn" (lowest earners replaced) or "generation" (all replaced by offspring in proportion to payoff, images reset)`,
		s: func(c *sim.Config) *string { return &c.Evolution.Rule }},
	{section: "evolution", key: "scope", kind: kindString, choices: []string{"chapter", "all"}, doc: `where imitation finds its peer: "chapter" or "all"`,
		s: func(c *sim.Config) *string { return &c.Evolution.Scope }},
	{section: "evolution", key: "selection", kind: kindFloat, doc: "Fermi selection strength",
		f: func(c *sim.Config) *float64 { return &c.Evolution.Selection }},
	{section: "evolution", key: "scale", kind: kindFloat, doc: "dollars dividing the income difference in the Fermi function",
		f: func(c *sim.Config) *float64 { return &c.Evolution.Scale }},
	{section: "evolution", key: "mutation", kind: kindFloat, doc: "probability a revising member takes a random strategy",
		f: func(c *sim.Config) *float64 { return &c.Evolution.Mutation }},
	{section: "evolution", key: "churn_fraction", kind: kindFloat, doc: "share of lowest earners replaced under churn",
		f: func(c *sim.Config) *float64 { return &c.Evolution.ChurnFraction }},

	{section: "donation", key: "benefit", kind: kindFloat, doc: "b: what the recipient earns when the donor gives",
		f: func(c *sim.Config) *float64 { return &c.Donation.Benefit }},
	{section: "donation", key: "cost", kind: kindFloat, doc: "c: what giving costs the donor",
		f: func(c *sim.Config) *float64 { return &c.Donation.Cost }},
	{section: "donation", key: "pairings", kind: kindInt, doc: "donor-recipient pairings per round; 0 means one per member",
		i: func(c *sim.Config) *int { return &c.Donation.Pairings }},
	{section: "donation", key: "observe", kind: kindFloat, doc: "probability a chapter member sees a given act and updates its image of the donor (1: public images)",
		f: func(c *sim.Config) *float64 { return &c.Donation.Observe }},
	{section: "donation", key: "continue", kind: kindFloat, doc: "w: above 0, each pairing is a repeated game continuing with probability w (direct reciprocity)",
		f: func(c *sim.Config) *float64 { return &c.Donation.Continue }},
}

// professionFields are the keys of one [[professions]] entry, in file order.
var professionFields = []string{"name", "share", "demand", "median", "sigma", "source"}

// professionNumbers are the numeric profession keys, the ones Set reaches.
var professionNumbers = []string{"share", "demand", "median", "sigma"}

func professionNum(p *sim.Profession, key string) *float64 {
	switch key {
	case "share":
		return &p.Share
	case "demand":
		return &p.Demand
	case "median":
		return &p.Median
	case "sigma":
		return &p.Sigma
	}
	return nil
}

// sectionKeys lists the keys valid directly in a section, for messages.
func sectionKeys(section string) []string {
	var keys []string
	if section == "" {
		keys = append(keys, "name")
	}
	for _, f := range fields {
		if f.section == section {
			keys = append(keys, f.key)
		}
	}
	switch section {
	case "":
		keys = append(keys, sections[1:]...)
		keys = append(keys, "strategies", "professions", "claims")
	case "population":
		keys = append(keys, "mix")
	}
	return keys
}

func lookupField(section, key string) (field, bool) {
	for _, f := range fields {
		if f.section == section && f.key == key {
			return f, true
		}
	}
	return field{}, false
}

// describe names a decoded TOML value for "found ..." in messages.
func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "nothing"
	case string:
		return "string " + strconv.Quote(x)
	case int64, int, uint64:
		return fmt.Sprintf("integer %d", x)
	case float64:
		return "float " + formatFloat(x)
	case bool:
		return fmt.Sprintf("boolean %t", x)
	case time.Time:
		return "datetime " + x.Format(time.RFC3339Nano)
	case []any, []map[string]any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%v (%T)", v, v)
}

// toFloat converts a decoded or Set number to float64.
func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case int64:
		return float64(x), true
	case int:
		return float64(x), true
	case int32:
		return float64(x), true
	case uint64:
		return float64(x), true
	case uint:
		return float64(x), true
	}
	return 0, false
}

// toInt converts a decoded or Set integer to int64. With lenient (Set), a
// float with an integral value is accepted too, since sweep ranges produce
// floats.
func toInt(v any, lenient bool) (int64, bool) {
	switch x := v.(type) {
	case int64:
		return x, true
	case int:
		return int64(x), true
	case int32:
		return int64(x), true
	case uint64:
		if x > math.MaxInt64 {
			return 0, false
		}
		return int64(x), true
	case uint:
		if uint64(x) > math.MaxInt64 {
			return 0, false
		}
		return int64(x), true
	case float64:
		if lenient && x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return int64(x), true
		}
	}
	return 0, false
}

// assign converts v to f's type and stores it in cfg. The message of the
// error it returns says what was expected and what was found, without the
// key path.
func (f field) assign(cfg *sim.Config, v any, lenient bool) error {
	switch f.kind {
	case kindInt:
		n, ok := toInt(v, lenient)
		if !ok {
			return fmt.Errorf("expected an integer, found %s", describe(v))
		}
		if n < math.MinInt || n > math.MaxInt {
			return fmt.Errorf("expected an integer that fits in %d bits, found %d", strconv.IntSize, n)
		}
		*f.i(cfg) = int(n)
	case kindSeed:
		if u, ok := v.(uint64); ok && lenient {
			*f.u(cfg) = u
			return nil
		}
		n, ok := toInt(v, lenient)
		if !ok {
			return fmt.Errorf("expected an integer >= 0, found %s", describe(v))
		}
		if n < 0 {
			return fmt.Errorf("expected an integer >= 0, found %d", n)
		}
		*f.u(cfg) = uint64(n)
	case kindFloat:
		x, ok := toFloat(v)
		if !ok {
			return fmt.Errorf("expected a number, found %s", describe(v))
		}
		*f.f(cfg) = x
	case kindString:
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("expected one of %s, found %s", quoteList(f.choices), describe(v))
		}
		if !slices.Contains(f.choices, s) {
			return fmt.Errorf("expected one of %s, found %q", quoteList(f.choices), s)
		}
		*f.s(cfg) = s
	}
	return nil
}

// get returns f's value in cfg: int, float64, string or uint64.
func (f field) get(cfg *sim.Config) any {
	switch f.kind {
	case kindInt:
		return *f.i(cfg)
	case kindSeed:
		return *f.u(cfg)
	case kindFloat:
		return *f.f(cfg)
	}
	return *f.s(cfg)
}

func quoteList(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = strconv.Quote(w)
	}
	return strings.Join(q, ", ")
}

// suggest returns the candidates closest to key: exact matches ignoring
// case first, then those within a small edit distance.
func suggest(key string, candidates []string) []string {
	var out []string
	for _, c := range candidates {
		if strings.EqualFold(c, key) {
			out = append(out, c)
		}
	}
	if len(out) > 0 {
		return out
	}
	limit := max(2, len(key)/3)
	for _, c := range candidates {
		if editDistance(strings.ToLower(key), strings.ToLower(c)) <= limit {
			out = append(out, c)
		}
	}
	return out
}

// editDistance is the Levenshtein distance between a and b in bytes,
// capped to keep it cheap on long keys.
func editDistance(a, b string) int {
	if len(a) > 200 || len(b) > 200 {
		if a == b {
			return 0
		}
		return max(len(a), len(b))
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
