package page

import (
	"github.com/giversgain/giversgain/internal/report"
	"github.com/giversgain/giversgain/sim"
)

// Words are every word a report page shows, in one language: headings,
// sentences built from the numbers, table headers, captions. The chart
// titles are the charts' own. A language is one implementation in one
// file (English: words_en.go).
type Words interface {
	// Lang is the page's language code for <html lang>.
	Lang() string
	// RunKicker is the small line above a run's headline; RunFacts says
	// what was simulated.
	RunKicker(name string) string
	RunFacts(members, chapters, rounds, replicates int, seed uint64) string
	// KeyNumbers heads the table of final figures; IntervalsExplained
	// says in plain words what a mean and its 95% interval are.
	KeyNumbers() string
	IntervalsExplained(rounds, replicates int) string
	// StrategyHead are the six column headers of the table: strategy,
	// share, net income, its interval, referrals given / received,
	// return on giving. StrategyName names a variant of a kind.
	StrategyHead() []string
	StrategyName(name, kind string) string
	// Share, Money, MoneyInterval, PerMember and Return write the cells
	// of the table ("-" for a value defined in no replicate).
	Share(iv *report.Interval) string
	Money(iv *report.Interval) string
	MoneyInterval(iv *report.Interval) string
	PerMember(iv *report.Interval) string
	Return(iv *report.Interval) string
	// Payback says from which week givers stayed ahead of takers (""
	// where the mix lacks either); Welfare gives all members' mean income
	// and the Gini of what they kept; Evolution the long-run shares.
	Payback(p report.Payback, rounds int) string
	Welfare(welfare, gini *report.Interval) string
	Evolution(res *sim.Result, ev *report.Evolution) string
	// ClaimsHeading and ClaimsSummary head the claims of a config.
	ClaimsHeading() string
	ClaimsSummary(pass, total int) string
	// ChartHeading names a chart by its file name ("income");
	// HowToReadLabel precedes HowToRead, which says how to read it.
	ChartHeading(name string) string
	HowToReadLabel() string
	HowToRead(name string, res *sim.Result) string
	// AssumptionsHeading heads what the model assumes; Population says
	// who meets whom; ChannelsIntro, ChannelHead, Channel and Open make
	// the table of channels of reciprocity (Channel: the label and what
	// the channel does, by its name in package channels); Costs weighs
	// giving against what a referral is worth; EvolutionRule says whether
	// and how members revise their strategies.
	AssumptionsHeading() string
	Population(cfg sim.Config) string
	ChannelsIntro() string
	ChannelHead() []string
	Channel(name string) (label, doc string)
	Open(open bool) string
	Costs(d Deals) string
	EvolutionRule(ev sim.Evolution) string
	// ReproduceHeading and ReproduceIntro introduce the commands that
	// rerun the folder from its resolved config, run in the folder, and
	// (hasCommand) that wrote it.
	ReproduceHeading() string
	ReproduceIntro(version string, hasCommand bool) string
	// SourceHeading and Source cite the article and the model.
	SourceHeading() string
	Source() []string
	// Footer closes the page.
	Footer(version string) string
}
