package sim

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// ParamType is the kind of value a scalar parameter takes.
type ParamType int

// The parameter types.
const (
	// IntParam is a whole number, stored in an int.
	IntParam ParamType = iota
	// FloatParam is a real number, stored in a float64.
	FloatParam
	// ChoiceParam is one of Param.Choices, stored in a string type.
	ChoiceParam
	// SeedParam is a non-negative whole number, stored in a uint64.
	SeedParam
)

// Param declares one scalar parameter of the model, once: where it lives
// in a config file, its type, its range or choices, what it means, its
// default and where that default comes from. The declarations drive
// Default, Validate, the config decoder and encoder (internal/config),
// `sim list` and the parameter table of MODEL.md (rewritten from them by
// `go test ./sim -run TestModelParameterTable -update`), so that adding a
// parameter touches one place besides the engine code that reads it.
//
// Cross-parameter limits (a chapter no larger than the population, an
// evolution period shorter than the run, ...) are checked by Validate
// after every parameter's own range.
type Param struct {
	// Path is the key as a config file writes it: "section.key", or
	// "key" at the top level.
	Path string
	Type ParamType
	// Range bounds a number (IntParam, FloatParam).
	Range
	// Choices are the words a ChoiceParam accepts.
	Choices []string
	// Doc says what the parameter means, in a line.
	Doc string
	// Default is the value in Default(): an int, float64, string or uint64
	// matching Type.
	Default any
	// Source says where the default comes from (a publication, a
	// published figure) or begins with "assumption".
	Source string
	// Used reports whether a config reads the parameter at all (nil:
	// always); a parameter a config does not read is not range-checked,
	// so that, say, the donation game's settings may hold anything while
	// the networking model runs.
	Used func(*Config) bool

	ptr func(*Config) any // *int, *float64, *string or *uint64
}

// Section is the table the parameter lives in ("" for the top level).
func (p Param) Section() string {
	if i := strings.LastIndexByte(p.Path, '.'); i >= 0 {
		return p.Path[:i]
	}
	return ""
}

// Key is the parameter's key within its section.
func (p Param) Key() string { return p.Path[strings.LastIndexByte(p.Path, '.')+1:] }

// Get returns the parameter's value in c: an int, float64, string or
// uint64 by Type.
func (p Param) Get(c *Config) any {
	switch v := p.ptr(c).(type) {
	case *int:
		return *v
	case *float64:
		return *v
	case *string:
		return *v
	case *uint64:
		return *v
	}
	panic("sim: parameter " + p.Path + " has no accessor")
}

// Set stores v, which must have the Go type Get returns, in c without
// checking its range (Validate does that); it returns an error for a value
// of another type.
func (p Param) Set(c *Config, v any) error {
	ok := false
	switch dst := p.ptr(c).(type) {
	case *int:
		var x int
		if x, ok = v.(int); ok {
			*dst = x
		}
	case *float64:
		var x float64
		if x, ok = v.(float64); ok {
			*dst = x
		}
	case *string:
		var x string
		if x, ok = v.(string); ok {
			*dst = x
		}
	case *uint64:
		var x uint64
		if x, ok = v.(uint64); ok {
			*dst = x
		}
	}
	if !ok {
		return fmt.Errorf("parameter %s: a value of type %T cannot be stored", p.Path, v)
	}
	return nil
}

// Check reports whether v (of the type Get returns) is in the parameter's
// range or among its choices. Its message says what was expected and what
// was found, without the path.
func (p Param) Check(v any) error {
	switch p.Type {
	case ChoiceParam:
		s, _ := v.(string)
		if !slices.Contains(p.Choices, s) {
			return fmt.Errorf("expected one of %s, found %q", QuoteList(p.Choices), s)
		}
		return nil
	case IntParam:
		n, _ := v.(int)
		if !p.Contains(float64(n)) {
			want := p.RangeText()
			if float64(n) > p.Max {
				// IntText leaves out the engine's 32-bit bound; a value
				// past it must be told what the bound is.
				want = fmt.Sprintf("an integer in [%s, %d] (the engine counts in 32 bits)", fmtG(p.Min), int64(p.Max))
			}
			return fmt.Errorf("expected %s, found %d", want, n)
		}
		return nil
	case SeedParam:
		u, _ := v.(uint64)
		if u > math.MaxInt64 {
			return fmt.Errorf("expected %s, found %d", p.RangeText(), u)
		}
		return nil
	}
	x, _ := v.(float64)
	if !p.Contains(x) {
		return fmt.Errorf("expected %s, found %s", p.RangeText(), fmtG(x))
	}
	return nil
}

// RangeText says in words what the parameter accepts: "a number in [0,
// 1]", "an integer >= 1", "a positive number", "one of "a", "b"".
func (p Param) RangeText() string {
	switch p.Type {
	case ChoiceParam:
		return "one of " + QuoteList(p.Choices)
	case SeedParam:
		return "an integer in [0, 9223372036854775807] (2^63-1, TOML's largest integer)"
	case IntParam:
		return p.Range.IntText()
	}
	return p.Range.Text()
}

// Range is the interval a number must lie in: [Min, Max], or (Min, Max]
// with MinOpen (a positive quantity). Max may be +Inf.
type Range struct {
	Min, Max float64
	MinOpen  bool
}

// Contains reports whether x lies in the range; NaN never does, and an
// infinity only under an infinite bound.
func (r Range) Contains(x float64) bool {
	if math.IsNaN(x) || x > r.Max || x < r.Min || (r.MinOpen && x == r.Min) {
		return false
	}
	return !math.IsInf(x, 0) || math.IsInf(r.Max, 1) && x > 0
}

// Text says in words what the range accepts: "a number in [0, 1]", "a
// positive number".
func (r Range) Text() string {
	switch {
	case r.MinOpen && r.Min == 0 && r.Max >= math.MaxFloat64:
		return "a positive number"
	case r.MinOpen && r.Min == 0:
		return "a positive number up to " + fmtG(r.Max)
	case r.MinOpen:
		return fmt.Sprintf("a number in (%s, %s]", fmtG(r.Min), fmtG(r.Max))
	}
	return fmt.Sprintf("a number in [%s, %s]", fmtG(r.Min), fmtG(r.Max))
}

// IntText is Text for a whole number.
func (r Range) IntText() string {
	if r.Max >= math.MaxInt32 {
		return "an integer >= " + fmtG(r.Min)
	}
	return fmt.Sprintf("an integer in [%s, %s]", fmtG(r.Min), fmtG(r.Max))
}

func fmtG(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// QuoteList writes words as "a", "b", "c".
func QuoteList(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = strconv.Quote(w)
	}
	return strings.Join(q, ", ")
}

// Params returns the declaration of every scalar parameter, in config
// file order. Mix shares, strategy parameters (declared by each strategy
// kind in strategies/) and the profession catalogue (ProfessionParams)
// are not scalars and are declared apart.
func Params() []Param { return slices.Clone(params) }

// LookupParam finds a scalar parameter by its path.
func LookupParam(path string) (Param, bool) {
	for _, p := range params {
		if p.Path == path {
			return p, true
		}
	}
	return Param{}, false
}

// Sections lists the tables that hold scalar parameters, in file order;
// "" is the top level.
func Sections() []string {
	var out []string
	for _, p := range params {
		if s := p.Section(); !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// largeInt is the largest count the engine's 32-bit indices hold.
const largeInt = math.MaxInt32

func donationOn(c *Config) bool  { return c.Model == DonationGame }
func evolutionOn(c *Config) bool { return c.Evolution.Period > 0 }
func imitationOn(c *Config) bool { return evolutionOn(c) && c.Evolution.Rule == Imitation }

func intp(f func(*Config) *int) func(*Config) any       { return func(c *Config) any { return f(c) } }
func floatp(f func(*Config) *float64) func(*Config) any { return func(c *Config) any { return f(c) } }
func stringp(f func(*Config) *string) func(*Config) any { return func(c *Config) any { return f(c) } }
func uint64p(f func(*Config) *uint64) func(*Config) any { return func(c *Config) any { return f(c) } }

// unit declares a probability or a step in [0, 1].
func unit(path, doc string, def float64, src string, f func(*Config) *float64) Param {
	return Param{Path: path, Type: FloatParam, Range: Range{Min: 0, Max: 1}, Doc: doc, Default: def, Source: src, ptr: floatp(f)}
}

// HourlyRate is the dollar value of an hour of a member's time, behind
// both costs of giving (refer_cost is half an hour, help_cost an hour) and
// the presets that price giving otherwise (costly-giving: a day's work).
// Its source is hourlyRateSource.
const HourlyRate = 50.0

// WorkdayHours is a day's work: the hours employed people in the US worked
// on the days they worked, 7.75 in 2023 (BLS, American Time Use Survey,
// "Working on days worked, employed persons", 2023 annual average). The
// costly-giving preset prices a referral and a help act at WorkdayHours x
// HourlyRate = $387.50 (TestCostlyGivingTakersWin holds it to that).
const WorkdayHours = 7.75

// The hourly rate behind both costs of giving.
const hourlyRateSource = "$50/h, between the US mean hourly wages of business and financial operations (~$43) and management (~$66) occupations (BLS OEWS, May 2023)"

var params = []Param{
	{Path: "seed", Type: SeedParam, Default: uint64(1),
		Doc:    "root of every random stream; the same config and seed give identical results",
		Source: "any seed; 1 by convention",
		ptr:    uint64p(func(c *Config) *uint64 { return &c.Seed })},
	{Path: "rounds", Type: IntParam, Range: Range{Min: 1, Max: largeInt}, Default: 520,
		Doc:    "weekly meetings simulated",
		Source: "ten years of weekly meetings: the article's claim is about the long run (assumption)",
		ptr:    intp(func(c *Config) *int { return &c.Rounds })},
	{Path: "replicates", Type: IntParam, Range: Range{Min: 1, Max: largeInt}, Default: 32,
		Doc:    "independent worlds run from this config; intervals are over these",
		Source: "32 gives 95% intervals narrow enough to read off a chart (assumption)",
		ptr:    intp(func(c *Config) *int { return &c.Replicates })},
	{Path: "model", Type: ChoiceParam, Choices: []string{string(Networking), string(DonationGame)}, Default: string(Networking),
		Doc:    `the game each round plays: "networking" (referral networking) or "donation" (the classic donation game, [donation])`,
		Source: "the model of this tool; the donation game is its special case for validation",
		// A Config built in code may leave Model empty: that is the
		// networking model.
		Used: func(c *Config) bool { return c.Model != "" },
		ptr:  stringp(func(c *Config) *string { return (*string)(&c.Model) })},

	{Path: "population.members", Type: IntParam, Range: Range{Min: 2, Max: largeInt}, Default: 300,
		Doc:    "number of members (agents)",
		Source: "ten chapters (assumption: enough chapters for outside contacts to matter)",
		ptr:    intp(func(c *Config) *int { return &c.Population.Members })},
	{Path: "population.chapter_size", Type: IntParam, Range: Range{Min: 2, Max: largeInt}, Default: 30,
		Doc:    "target chapter size; members split into round(members/chapter_size) chapters",
		Source: "BNI chapters average about 25-30 members (BNI \"About BNI\"; 25+ is the organisation's target size)",
		ptr:    intp(func(c *Config) *int { return &c.Population.ChapterSize })},
	{Path: "population.max_contacts", Type: IntParam, Range: Range{Min: 1, Max: 65535}, Default: 50,
		Doc:    "cap on each member's contacts, chapter colleagues included",
		Source: "Dunbar's layer of about 50 \"good friends\" (Zhou, Sornette, Hill & Dunbar 2005, Proc. R. Soc. B 272:439)",
		ptr:    intp(func(c *Config) *int { return &c.Population.MaxContacts })},

	{Path: "population.seats", Type: ChoiceParam, Choices: []string{string(Exclusive), string(Shared)}, Default: string(Exclusive),
		Used:   func(c *Config) bool { return c.Model != DonationGame },
		Doc:    `"exclusive": each chapter's members hold distinct professions (one seat per profession); "shared": professions dealt to all members by share, several to a chapter`,
		Source: "BNI admits one member per professional classification per chapter (BNI General Policy 1, in its regions' published policies)",
		ptr:    stringp(func(c *Config) *string { return (*string)(&c.Population.Seats) })},

	{Path: "referrals.opportunities", Type: FloatParam, Range: Range{Min: 0, Max: 50}, Default: 0.8,
		Doc:    "Poisson mean of referral opportunities per member per week",
		Source: "BNI: 8,638,145 referrals among 207,135 members in the 12 months to November 2016, 0.80 per member-week; the presets that claim BNI's figures (bni-chapter, bni-region) fit the rate at which their own mix passes that many (sim calibrate), and bni-world takes bni-region's; the others keep 0.8 so that they compare with each other (fewer are passed: takers and scorekeepers withhold, and a client whose profession no contact practises is lost)",
		ptr:    floatp(func(c *Config) *float64 { return &c.Referrals.Opportunities })},
	unit("referrals.visibility", "probability a chapter colleague sees a given act (0..1)", 0.8,
		"assumption: BNI chapters report referrals at every meeting, so a colleague sees most giving; no published figure",
		func(c *Config) *float64 { return &c.Referrals.Visibility }),
	{Path: "referrals.assessment", Type: ChoiceParam, Choices: []string{string(ImageScoring), string(Standing), string(BinaryImage), string(BinaryStanding)}, Default: string(ImageScoring),
		Doc:    `image update rule: "image" (image scoring: +1 for giving, -1 for withholding, within -5..+5), "standing" (the same, but withholding from a member the observer holds at image < 0 is excused), "binary-image" (image set to +1 after giving, -1 after withholding) or "binary-standing" (Sugden's standing: +1 after giving, -1 after withholding from a member in good standing, unchanged after withholding from one in bad standing)`,
		Source: "image scoring, Nowak & Sigmund 1998 (Nature 393:573); binary image scoring: Nowak & Sigmund 1998 (J. Theor. Biol. 194:561); standing: Sugden 1986 (The Economics of Rights, Co-operation and Welfare), Leimar & Hammerstein 2001 (Proc. R. Soc. B 268:745), Panchanathan & Boyd 2003 (J. Theor. Biol. 224:115)",
		ptr:    stringp(func(c *Config) *string { return (*string)(&c.Referrals.Assessment) })},
	{Path: "referrals.refer_cost", Type: FloatParam, Range: Range{Min: 0, Max: 1e9}, Default: 0.5 * HourlyRate,
		Doc:    "dollars of time one referral costs the referrer",
		Source: "half an hour at " + hourlyRateSource,
		ptr:    floatp(func(c *Config) *float64 { return &c.Referrals.ReferCost })},
	{Path: "referrals.help_cost", Type: FloatParam, Range: Range{Min: 0, Max: 1e9}, Default: 1 * HourlyRate,
		Doc:    "dollars of time one low-cost help act costs the helper",
		Source: "one hour (a one-to-one coffee, an article, an introduction) at " + hourlyRateSource,
		ptr:    floatp(func(c *Config) *float64 { return &c.Referrals.HelpCost })},
	{Path: "referrals.help_value", Type: FloatParam, Range: Range{Max: 1e9}, Default: 0.0,
		Doc:    "revenue one help act brings the helped member, dollars (its margin applies)",
		Source: "assumption: 0, help as a gesture that only builds trust; Flynn 2003 (Acad. Manag. J. 46:539) and Grant 2013 describe help worth something to the helped, the channel by which selfless givers are exploited: set it to study that",
		ptr:    floatp(func(c *Config) *float64 { return &c.Referrals.HelpValue })},
	{Path: "referrals.value_scale", Type: FloatParam, Range: Range{Min: 0, MinOpen: true, Max: 100}, Default: 1.0,
		Doc:    "multiplies every profession's deal values (their medians); 1 is the catalogue as sourced",
		Source: "1: the catalogue's sourced values; the BNI presets fit it so that closed business per referral meets BNI's figure (sim calibrate), and say so",
		ptr:    floatp(func(c *Config) *float64 { return &c.Referrals.ValueScale })},
	{Path: "referrals.meet_rate", Type: FloatParam, Range: Range{Min: 0, Max: 50}, Default: 0.1,
		Doc:    "mean new outside contacts sought per week, before the strategy's meet factor",
		Source: "assumption: one new outside contact sought every ten weeks (an occasional visitor day, mixer or introduction)",
		ptr:    floatp(func(c *Config) *float64 { return &c.Referrals.MeetRate })},

	unit("trust.chapter", "starting trust in a chapter colleague (0..1)", 0.3,
		"assumption: colleagues start with some trust",
		func(c *Config) *float64 { return &c.Trust.Chapter }),
	unit("trust.outside", "starting trust in a newly met outside contact (0..1)", 0.1,
		"assumption: strangers start with little trust",
		func(c *Config) *float64 { return &c.Trust.Outside }),
	unit("trust.floor", "level trust decays toward without interaction (0..1)", 0.05,
		"assumption",
		func(c *Config) *float64 { return &c.Trust.Floor }),
	{Path: "trust.half_life", Type: FloatParam, Range: Range{Min: 0, MinOpen: true, Max: math.MaxFloat64}, Default: 26.0,
		Doc:    "weeks without interaction after which the distance to floor halves",
		Source: "assumption: trust fades with a half-life of half a year without contact",
		ptr:    floatp(func(c *Config) *float64 { return &c.Trust.HalfLife })},
	unit("trust.gratitude", "step of a recipient's trust in its referrer (0..1)", 0.2,
		"assumption: receiving a favour makes people likelier to return it (Gouldner 1960, Am. Sociol. Rev. 25:161; Regan 1971, J. Exp. Soc. Psychol. 7:627, where a small favour doubled compliance), but no source sizes the step; set it to 0 to close this channel",
		func(c *Config) *float64 { return &c.Trust.Gratitude }),
	unit("trust.credit", "step of a referrer's trust in a recipient who served the client well (0..1)", 0.1,
		"assumption",
		func(c *Config) *float64 { return &c.Trust.Credit }),
	unit("trust.blame", "step down of a referrer's trust in a recipient who served the client badly (0..1)", 0.2,
		"assumption: a bad experience weighs twice a good one (no source sizes either step)",
		func(c *Config) *float64 { return &c.Trust.Blame }),
	unit("trust.help_boost", "step of a helped member's trust in its helper (0..1)", 0.05,
		"assumption: a help act counts for a quarter of a referral's gratitude",
		func(c *Config) *float64 { return &c.Trust.HelpBoost }),

	unit("close.base", "close probability from a stranger with the worst service", 0.3,
		"assumption: no published close rate for referral groups; 30% from a stranger with the worst service (vendor benchmarks put cold-lead close rates at 15-35%: LocBiz 2025)",
		func(c *Config) *float64 { return &c.Close.Base }),
	unit("close.trust_weight", "added close probability at full trust of the referrer in the recipient", 0.3,
		"assumption: a warm, vouched-for referral closes more often (referred leads convert about 2.3 times as often as web leads: Implisit 2014, via eMarketer 2015; strong ties influence more: Brown & Reingen 1987, J. Consum. Res. 14:350), but no source ties the close rate to the referrer's trust; set it to 0 to close this channel",
		func(c *Config) *float64 { return &c.Close.TrustWeight }),
	unit("close.quality_weight", "added close probability at the recipient's top service quality", 0.4,
		"assumption: up to 100% with full trust and top service",
		func(c *Config) *float64 { return &c.Close.QualityWeight }),

	{Path: "quality.alpha", Type: FloatParam, Range: Range{Min: 0, MinOpen: true, Max: 1e6}, Default: 2.0,
		Doc:    "Beta(alpha, beta) distribution of members' service quality: alpha",
		Source: "assumption: service quality spread widely around 0.5 (Beta(2, 2))",
		ptr:    floatp(func(c *Config) *float64 { return &c.Quality.Alpha })},
	{Path: "quality.beta", Type: FloatParam, Range: Range{Min: 0, MinOpen: true, Max: 1e6}, Default: 2.0,
		Doc:    "Beta(alpha, beta) distribution of members' service quality: beta",
		Source: "assumption (see alpha)",
		ptr:    floatp(func(c *Config) *float64 { return &c.Quality.Beta })},

	{Path: "evolution.period", Type: IntParam, Range: Range{Min: 0, Max: largeInt}, Default: 0,
		Doc:    "weeks between strategy revisions; 0 turns evolution off",
		Source: "off by default: the article is about a fixed group",
		ptr:    intp(func(c *Config) *int { return &c.Evolution.Period })},
	{Path: "evolution.rule", Type: ChoiceParam, Choices: []string{string(Imitation), string(Churn), string(Generation)}, Default: string(Imitation), Used: evolutionOn,
		Doc:    `"imitation" (Fermi rule), "churn" (lowest earners replaced) or "generation" (all replaced by offspring in proportion to payoff, images reset)`,
		Source: "imitation (Traulsen, Nowak & Pacheco 2006, Phys. Rev. E 74:011909)",
		ptr:    stringp(func(c *Config) *string { return (*string)(&c.Evolution.Rule) })},
	{Path: "evolution.scope", Type: ChoiceParam, Choices: []string{string(ScopeChapter), string(ScopeAll)}, Default: string(ScopeChapter), Used: imitationOn,
		Doc:    `where imitation finds its peer: "chapter" or "all"`,
		Source: "assumption: members compare themselves with the colleagues they meet weekly",
		ptr:    stringp(func(c *Config) *string { return (*string)(&c.Evolution.Scope) })},
	{Path: "evolution.selection", Type: FloatParam, Range: Range{Min: 0, Max: 1e6}, Default: 1.0, Used: imitationOn,
		Doc:    "Fermi selection strength",
		Source: "assumption: 1, with the income scale below",
		ptr:    floatp(func(c *Config) *float64 { return &c.Evolution.Selection })},
	{Path: "evolution.scale", Type: FloatParam, Range: Range{Min: 0, MinOpen: true, Max: 1e12}, Default: 1000.0, Used: imitationOn,
		Doc:    "dollars dividing the income difference in the Fermi function",
		Source: "assumption: a $1,000 difference over a period is a clear signal",
		ptr:    floatp(func(c *Config) *float64 { return &c.Evolution.Scale })},
	{Path: "evolution.mutation", Type: FloatParam, Range: Range{Min: 0, Max: 1}, Default: 0.01, Used: evolutionOn,
		Doc:    "probability a revising member takes a random strategy",
		Source: "assumption: rare exploration, as in the evolutionary game theory literature",
		ptr:    floatp(func(c *Config) *float64 { return &c.Evolution.Mutation })},
	{Path: "evolution.churn_fraction", Type: FloatParam, Range: Range{Min: 0, Max: 1}, Default: 0.1,
		Used:   func(c *Config) bool { return evolutionOn(c) && c.Evolution.Rule == Churn },
		Doc:    "share of lowest earners replaced under churn",
		Source: "assumption: a tenth of members leave each period",
		ptr:    floatp(func(c *Config) *float64 { return &c.Evolution.ChurnFraction })},

	{Path: "donation.benefit", Type: FloatParam, Range: Range{Min: 0, Max: 1e9}, Default: 1.0, Used: donationOn,
		Doc:    "b: what the recipient earns when the donor gives",
		Source: "Nowak & Sigmund 1998 (Nature 393:573): b = 1",
		ptr:    floatp(func(c *Config) *float64 { return &c.Donation.Benefit })},
	{Path: "donation.cost", Type: FloatParam, Range: Range{Min: 0, Max: 1e9}, Default: 0.1, Used: donationOn,
		Doc:    "c: what giving costs the donor",
		Source: "Nowak & Sigmund 1998: c = 0.1",
		ptr:    floatp(func(c *Config) *float64 { return &c.Donation.Cost })},
	{Path: "donation.pairings", Type: IntParam, Range: Range{Min: 0, Max: 1e8}, Default: 0, Used: donationOn,
		Doc:    "donor-recipient pairings per round; 0 means one per member",
		Source: "one pairing per member per round (Nowak & Sigmund 1998)",
		ptr:    intp(func(c *Config) *int { return &c.Donation.Pairings })},
	{Path: "donation.observe", Type: FloatParam, Range: Range{Min: 0, Max: 1}, Default: 1.0, Used: donationOn,
		Doc:    "probability a chapter member sees a given act and updates its image of the donor (1: public images)",
		Source: "public images, as in Nowak & Sigmund 1998",
		ptr:    floatp(func(c *Config) *float64 { return &c.Donation.Observe })},
	{Path: "donation.continue", Type: FloatParam, Range: Range{Min: 0, Max: 0.99}, Default: 0.0, Used: donationOn,
		Doc:    "w: above 0, each pairing is a repeated game continuing with probability w (direct reciprocity)",
		Source: "0: one-shot pairings (Nowak & Sigmund 1998)",
		ptr:    floatp(func(c *Config) *float64 { return &c.Donation.Continue })},
	{Path: "donation.error", Type: FloatParam, Range: Range{Min: 0, Max: 1}, Default: 0.0, Used: donationOn,
		Doc:    "e: probability that an intended gift fails (an execution error), seen by all as a refusal",
		Source: "0: no errors (Nowak & Sigmund 1998); errors of execution are what make generosity pay in repeated games (Nowak & Sigmund 1992, Nature 355:250)",
		ptr:    floatp(func(c *Config) *float64 { return &c.Donation.Error })},
}
