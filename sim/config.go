package sim

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/giversgain/giversgain/strategies"
)

// Config is every parameter of one simulated world. The engine reads it and
// nothing else; decoding it from TOML is another package's job. Default
// returns a Config with every default filled in and its source documented.
type Config struct {
	// Name labels the run in outputs.
	Name string
	// Seed is the root of every random stream of the run.
	Seed uint64
	// Rounds is the number of weekly meetings simulated.
	Rounds int
	// Replicates is the number of independent worlds run from the config.
	Replicates int
	// Model is the game each round plays: the referral-networking model
	// (the default; "" means the same) or the classic donation game, a
	// special case of the engine used to validate it against the
	// reciprocity literature (see sim/MODEL.md and Donation).
	Model Model

	Population Population
	Referrals  Referrals
	Trust      Trust
	Close      Close
	Quality    Quality
	Evolution  Evolution
	// Donation sets the donation game; it is read only when Model is
	// DonationGame.
	Donation Donation
	// Strategies is the mix: each named variant, its kind, parameters and
	// share. Order is kept in every output (it fixes chart colours).
	Strategies []StrategySpec
	// Professions is the catalogue; order is kept in every output.
	Professions []Profession
}

// Model names the game a world plays each round.
type Model string

// The models.
const (
	// Networking is the referral-networking model: meet, opportunities,
	// refer, close, trust and image updates, help.
	Networking Model = "networking"
	// DonationGame is the classic donation game (Nowak & Sigmund 1998):
	// random donor-recipient pairings inside a chapter, a fixed benefit and
	// cost, a certain close, no trust dynamics, no meeting and no help.
	DonationGame Model = "donation"
)

// Donation sets the donation game (Config.Model = DonationGame). In each
// pairing a donor, drawn uniformly from all members, meets a recipient
// drawn uniformly from the donor's chapter colleagues; the donor's strategy
// is asked once, with the recipient as its only candidate, whether to give.
// Giving costs the donor Cost and earns the recipient Benefit, always.
// Before deciding, the donor knows its image of the recipient with
// probability Referrals.Visibility (q in Nowak 2006): the candidate is
// then shown as a colleague with that image; otherwise as a contact whose
// image is unknown (Colleague false, Image 0). Each act is then seen by
// each other chapter member with probability Observe, who updates its
// image of the donor by Referrals.Assessment.
type Donation struct {
	// Benefit b is what the recipient earns when the donor gives.
	Benefit float64
	// Cost c is what giving costs the donor.
	Cost float64
	// Pairings is the number of donor-recipient pairings per round; 0
	// means one per member.
	Pairings int
	// Observe is the probability that a chapter member other than the
	// donor sees a given act and updates its image of the donor. 1 makes
	// images public, as in Nowak & Sigmund 1998.
	Observe float64
	// Continue w, when above 0, turns each pairing into a repeated game
	// (direct reciprocity, Nowak 2006): the two play the donation game
	// both ways at once, each deciding on the ledger before the round, and
	// play another round with probability w. Each such encounter starts
	// with an empty ledger between the two.
	Continue float64
	// Error e is the probability that an intended gift fails (an error of
	// execution, Nowak & Sigmund 1992): the donor meant to give, but the
	// recipient gets nothing, the donor pays nothing, and the ledger, the
	// counters and every observer record a refusal.
	Error float64
}

// Population sizes the world.
type Population struct {
	// Members is the number of agents.
	Members int
	// ChapterSize is the target size of a chapter; members are split into
	// round(Members/ChapterSize) chapters whose sizes differ by at most one.
	ChapterSize int
	// MaxContacts caps each member's contact list, chapter included.
	MaxContacts int
	// Seats says whether a chapter's members hold distinct professions.
	Seats Seats
}

// Seats is how professions are seated in chapters.
type Seats string

// The seating rules.
const (
	// Exclusive: each chapter's members hold distinct professions, one
	// seat per profession, as BNI's rule has it; a chapter's professions
	// are drawn without replacement, weighted by share.
	Exclusive Seats = "exclusive"
	// Shared: professions are dealt to all members by share, so a chapter
	// may hold several members of one profession.
	Shared Seats = "shared"
)

// Assessment is the rule by which observers judge a member who withholds.
type Assessment string

// The assessment rules.
const (
	// ImageScoring lowers the image of anyone seen withholding (Nowak &
	// Sigmund 1998).
	ImageScoring Assessment = "image"
	// Standing does not lower the image of a member who withholds only from
	// contacts the observer holds in bad standing (image < 0): Leimar &
	// Hammerstein 2001.
	Standing Assessment = "standing"
	// BinaryStanding is Sugden's (1986) standing with two values: a
	// member seen giving is in good standing (image +1), one seen
	// withholding from someone the observer holds in good standing (image
	// >= 0) in bad standing (image -1), and one seen withholding only from
	// members in bad standing keeps the image it had. Images are then -1,
	// 0 (never seen act: good, as everyone starts) or +1.
	BinaryStanding Assessment = "binary-standing"
	// BinaryImage is image scoring with two values (Nowak & Sigmund 1998,
	// "The dynamics of indirect reciprocity", J. Theor. Biol. 194:561; the
	// image scoring that Panchanathan & Boyd 2003 set against standing): a
	// member seen giving is good (image +1), one seen withholding is bad
	// (image -1), whoever it withheld from.
	BinaryImage Assessment = "binary-image"
)

// excuses reports whether the rule lets a refusal of a member in bad
// standing go unpunished.
func (a Assessment) excuses() bool { return a == Standing || a == BinaryStanding }

// binary reports whether the rule sets an image to +1 or -1 instead of
// moving it a step.
func (a Assessment) binary() bool { return a == BinaryStanding || a == BinaryImage }

// Referrals sets the flow of referral opportunities and what acts cost.
type Referrals struct {
	// Opportunities is the Poisson mean of referral opportunities per member
	// per week.
	Opportunities float64
	// Visibility is the probability that a chapter member sees a given act
	// of a colleague (referral given, or a week of withholding).
	Visibility float64
	// Assessment is the image update rule: how an observer's image of a
	// member moves when it sees the member give or withhold.
	Assessment Assessment
	// ReferCost is what passing one referral costs the referrer, in dollars
	// of time.
	ReferCost float64
	// HelpCost is what one low-cost help act costs the helper.
	HelpCost float64
	// HelpValue is the revenue one help act brings the helped member
	// (its margin applies).
	HelpValue float64
	// ValueScale multiplies every profession's deal values: 1 is the
	// catalogue as sourced; the BNI presets fit it to BNI's closed
	// business per referral (sim calibrate).
	ValueScale float64
	// MeetRate is the mean number of new outside contacts a member seeks
	// per week, before its strategy's meet factor.
	MeetRate float64
}

// Trust sets how trust starts, decays and responds to acts. Every update
// moves trust a fraction of the way toward 1 (up) or 0 (down), so it stays
// in 0..1.
type Trust struct {
	// Chapter is the starting trust in a chapter colleague.
	Chapter float64
	// Outside is the starting trust in a newly met outside contact.
	Outside float64
	// Floor is what trust decays toward without interaction.
	Floor float64
	// HalfLife is the number of weeks without interaction after which the
	// distance to Floor has halved.
	HalfLife float64
	// Gratitude is the step of a recipient's trust in its referrer.
	Gratitude float64
	// Credit is the step of a referrer's trust in a recipient who served
	// the client well.
	Credit float64
	// Blame is the step down of a referrer's trust in a recipient who
	// served the client badly.
	Blame float64
	// HelpBoost is the step of a helped member's trust in its helper.
	HelpBoost float64
}

// Close sets the probability that a referral closes:
// clamp(Base + TrustWeight*trust + QualityWeight*quality, 0, 1), trust being
// the referrer's in the recipient and quality the recipient's service.
type Close struct {
	Base          float64
	TrustWeight   float64
	QualityWeight float64
}

// Quality is the Beta(Alpha, Beta) distribution of members' service quality,
// drawn per member independently of strategy.
type Quality struct {
	Alpha float64
	Beta  float64
}

// Evolution makes members revise their strategies every Period weeks;
// Period 0 turns it off.
type Evolution struct {
	Period int
	// Rule is how members revise (see EvolutionRule).
	Rule EvolutionRule
	// Scope is where imitation finds its peer.
	Scope Scope
	// Selection is the Fermi selection strength s.
	Selection float64
	// Scale divides the income difference in the Fermi function (dollars).
	Scale float64
	// Mutation is the probability a revising member takes a random strategy.
	Mutation float64
	// ChurnFraction is the share of lowest earners replaced under churn.
	ChurnFraction float64
}

// EvolutionRule is how members revise their strategies (see evolve).
type EvolutionRule string

// The evolution rules.
const (
	// Imitation: each member copies a peer with the Fermi probability of
	// their income difference.
	Imitation EvolutionRule = "imitation"
	// Churn: the lowest earners leave and newcomers join in proportion to
	// each strategy's success.
	Churn EvolutionRule = "churn"
	// Generation: every member is replaced by an offspring of a member
	// drawn in proportion to its period payoff, and all images reset
	// (Nowak & Sigmund 1998).
	Generation EvolutionRule = "generation"
)

// Scope is where imitation finds its peer.
type Scope string

// The imitation scopes.
const (
	// ScopeChapter: a colleague of the member's own chapter.
	ScopeChapter Scope = "chapter"
	// ScopeAll: any member.
	ScopeAll Scope = "all"
)

// StrategySpec is one named variant in the mix.
type StrategySpec struct {
	// Name is how outputs call it ("selfless", "otherish", or the kind).
	Name string
	// Kind is the registered strategy kind.
	Kind string
	// Share is the fraction of members using it; shares sum to 1.
	Share float64
	// Params are the kind's parameters; missing ones take their defaults.
	Params map[string]any
}

// FieldError is a Config value out of range. Path names the field the way
// config files do (section.key), so a decoder can point at the line.
type FieldError struct {
	Path string
	Msg  string
}

func (e *FieldError) Error() string { return e.Path + ": " + e.Msg }

// Validate checks every value the engine relies on and returns all problems
// joined; each is a *FieldError. Each parameter's own range comes from its
// declaration (Params); the limits that tie several values together are
// checked here.
func (c *Config) Validate() error {
	var errs []error
	bad := func(path, format string, args ...any) {
		errs = append(errs, &FieldError{path, fmt.Sprintf(format, args...)})
	}
	if err := CheckName(c.Name); err != nil {
		bad("name", "%v", err)
	}
	for _, p := range params {
		if p.Used != nil && !p.Used(c) {
			continue
		}
		if err := p.Check(p.Get(c)); err != nil {
			bad(p.Path, "%v", err)
		}
	}
	p := c.Population
	if p.Members >= 2 && p.ChapterSize >= 2 {
		if p.ChapterSize > p.Members {
			bad("population.chapter_size", "a chapter of %d cannot be formed from %d members", p.ChapterSize, p.Members)
		} else if largest := largestChapter(p.Members, p.ChapterSize); p.MaxContacts < largest-1 && p.MaxContacts <= 65535 {
			bad("population.max_contacts", "expected at least %d so that a member of the largest chapter (%d) knows its colleagues, found %d", largest-1, largest, p.MaxContacts)
		} else if images := int64(p.Members) * int64(largest); images > math.MaxInt32-8 {
			// Every chapter holds an image score of each member by each
			// colleague, indexed in 32 bits.
			bad("population.chapter_size", "%d members in chapters of up to %d hold %d image scores, more than the engine indexes (2^31-1); use smaller chapters or fewer members", p.Members, largest, images)
		}
	}
	if p.Seats == Exclusive && c.Model != DonationGame && p.Members >= 2 && p.ChapterSize >= 2 && p.ChapterSize <= p.Members {
		practised := 0
		for _, pr := range c.Professions {
			if pr.Share > 0 {
				practised++
			}
		}
		if largest := largestChapter(p.Members, p.ChapterSize); largest > practised && len(c.Professions) >= 2 {
			bad("population.seats", "exclusive seats need a profession per member of a chapter: the largest chapter has %d members, the catalogue %d professions with a share > 0; use smaller chapters, more professions, or seats = \"shared\"", largest, practised)
		}
	}
	if e := c.Evolution; e.Period > 0 {
		if e.Period > c.Rounds && c.Rounds >= 1 {
			bad("evolution.period", "a period of %d weeks never ends within %d rounds", e.Period, c.Rounds)
		}
		if e.Rule == Churn && e.ChurnFraction > 0 && e.ChurnFraction <= 1 && math.Round(e.ChurnFraction*float64(p.Members)) < 1 {
			bad("evolution.churn_fraction", "%g of %d members rounds to nobody leaving", e.ChurnFraction, p.Members)
		}
	}
	c.validateStrategies(bad)
	c.validateProfessions(bad)
	return errors.Join(errs...)
}

// shareTolerance is how far the mix's shares may sum from 1 (decimal
// fractions like 0.1 do not add up exactly in binary).
const shareTolerance = 1e-6

func (c *Config) validateStrategies(bad func(string, string, ...any)) {
	if len(c.Strategies) == 0 {
		bad("population.mix", "expected at least one strategy")
		return
	}
	if len(c.Strategies) > 255 {
		bad("population.mix", "expected at most 255 strategies, found %d", len(c.Strategies))
	}
	sum := 0.0
	seen := map[string]bool{}
	for _, s := range c.Strategies {
		path := "strategies." + s.Name
		if s.Name == "" {
			bad("population.mix", "a strategy has an empty name")
		} else if seen[s.Name] {
			bad(path, "duplicate strategy name %q", s.Name)
		}
		seen[s.Name] = true
		if !(s.Share >= 0 && s.Share <= 1) {
			bad("population.mix."+s.Name, "expected a share in [0, 1], found %g", s.Share)
		}
		sum += s.Share
		kind, ok := strategies.Lookup(s.Kind)
		if !ok {
			bad(path+".kind", "unknown strategy kind %q; known kinds: %v", s.Kind, strategies.Names())
			continue
		}
		if _, err := kind.Resolve(s.Params); err != nil {
			var pe *strategies.ParamError
			if errors.As(err, &pe) && pe.Param != "" {
				bad(path+"."+pe.Param, "%s", pe.Msg)
			} else {
				bad(path, "%v", err)
			}
		}
	}
	if math.Abs(sum-1) > shareTolerance {
		bad("population.mix", "expected shares summing to 1, found %g", sum)
	}
}

// MaxNameBytes is the longest run name accepted. File systems stop at
// 255 bytes a name (ext4, XFS, APFS and NTFS all do), and the tool names
// its own files after a run: ".<name>.checkpoint.lock",
// "<name>-calibration", and temporary folders such as
// ".<name>-calibration.tmp-<host>-<pid>-<random>". A name of 255 bytes
// validated and then failed after the whole simulation; 200 leaves 55
// bytes for the longest of these.
const MaxNameBytes = 200

// CheckName reports whether name can name a run's results folder: one
// plain folder name inside the output folder, so that no name taken from
// a config or a part file can write or replace anything outside it. It
// must not be empty, "." or "..", contain a path separator (/ or \) or a
// control character, be longer than MaxNameBytes, or start with a dot: the
// tool's own temporary folders and checkpoints beside the results start
// with one, and a run must never be able to name them. It must be valid
// UTF-8, since it is written into JSON, CSV and chart titles.
func CheckName(name string) error {
	const want = "expected a plain folder name (letters, digits, '-', '_' and the like; not starting with '.', no '/' or '\\')"
	switch {
	case name == "":
		return fmt.Errorf("%s, found an empty name", want)
	case name == "." || name == "..":
		return fmt.Errorf("%s, found %q, which names a folder outside the results", want, name)
	case strings.HasPrefix(name, "."):
		return fmt.Errorf("%s, found %q, which starts with '.' like the tool's temporary folders", want, name)
	case strings.ContainsAny(name, `/\`):
		return fmt.Errorf("%s, found %q, which holds a path separator", want, name)
	case len(name) > MaxNameBytes:
		return fmt.Errorf("%s of at most %d bytes, found one of %d bytes", want, MaxNameBytes, len(name))
	case !utf8.ValidString(name):
		return fmt.Errorf("%s in UTF-8, found %q", want, name)
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return fmt.Errorf("%s, found %q, which holds a control character", want, name)
	}
	return nil
}

// chapterSizes splits members into round(members/size) chapters (at least
// one) whose sizes differ by at most one.
func chapterSizes(members, size int) []int {
	n := max(1, int(math.Round(float64(members)/float64(size))))
	sizes := make([]int, n)
	for i := range sizes {
		sizes[i] = members / n
		if i < members%n {
			sizes[i]++
		}
	}
	return sizes
}

// largestChapter is the size of the largest of chapterSizes(members,
// size), computed without allocating the sizes: validation must not
// allocate a slice per chapter of a world it may refuse (2^31 members in
// chapters of 2 would take 8 GB).
func largestChapter(members, size int) int {
	nc := max(1, int(math.Round(float64(members)/float64(size))))
	if members%nc != 0 {
		return members/nc + 1
	}
	return members / nc
}
