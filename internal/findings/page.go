package findings

import "github.com/giversgain/giversgain/sim"

// PageWords are the words of a report page (internal/page): headings,
// sentences made of the numbers, table headers and captions. A chart's
// own words are its Slide's (its HowToRead included); the verdict is
// Lang.Verdict. Each language implements them in its one file, as
// Lang.Page.
type PageWords interface {
	// RunKicker is the small line above a run's headline; RunFacts says
	// what was simulated.
	RunKicker(name string) string
	RunFacts(members, chapters, rounds, replicates int, seed uint64) string
	// KeyNumbers heads the table of final figures; IntervalsExplained
	// says in plain words what a mean over replicates and its 95%
	// interval are; NetIncome heads the income column; PerDollar writes a
	// return on giving ("$5.1 per $1"), GivesNothing a strategy that gave
	// nothing and so has none.
	KeyNumbers() string
	IntervalsExplained(rounds, replicates int) string
	NetIncome() string
	PerDollar(x float64) string
	GivesNothing() string
	// Payback says from which week (0: never) givers stayed ahead of
	// takers to the end; Welfare gives all members' mean final income
	// and the Gini coefficient of what they kept (N = 0: undefined).
	Payback(week, rounds int) string
	Welfare(welfare, gini sim.Stat) string
	// ClaimsHeading and ClaimsSummary head a config's claims, pass of
	// total of which held.
	ClaimsHeading() string
	ClaimsSummary(pass, total int) string
	// ChartHeading names a chart by its file name ("income") in a few
	// words; HowToRead is the label before a chart's HowToRead.
	ChartHeading(name string) string
	HowToRead() string
	// AssumptionsHeading heads what the model assumes; Population says
	// who meets whom; ChannelsIntro, ChannelHead, Channel and Open make
	// the table of channels of reciprocity (Channel: a channel's label
	// and what it does, by its name in package channels); Costs weighs
	// giving against what a referral is worth; EvolutionRule says
	// whether and how members revise their strategies.
	AssumptionsHeading() string
	Population(cfg sim.Config) string
	ChannelsIntro() string
	ChannelHead() [4]string
	Channel(name string) (label, doc string)
	Open(open bool) string
	Costs(d Deals) string
	EvolutionRule(ev sim.Evolution) string
	// ReproduceHeading and ReproduceIntro introduce the command that
	// reruns a folder from its resolved config, run in the folder, and
	// (hasCommand) the one that wrote it.
	ReproduceHeading() string
	ReproduceIntro(version string, hasCommand bool) string
	// SourceHeading and Source cite the article and the model.
	SourceHeading() string
	Source() []string
	// Footer closes the page.
	Footer(version string) string

	// CompareKicker is the small line above a comparison's headline;
	// CompareHeadline its headline; CompareFacts says what was compared.
	CompareKicker(names []string) string
	CompareHeadline(scenarios int) string
	CompareFacts(scenarios []ScenarioFacts) string
	// Scenarios is the words of the scenario slide.
	Scenarios(s ScenarioWordsFacts) Slide
	// SharedScale says that every chart of a kind is on one scale;
	// ScenarioHeading names a scenario's chart ("giver-heavy: income");
	// ScenariosHeading heads the table of the scenarios.
	SharedScale() string
	ScenarioHeading(scenario, chart string) string
	ScenariosHeading() string
	ScenarioHead() [4]string

	// SweepKicker and SweepFacts open a sweep's page (axes: the swept
	// parameters' names, Lang.Param); SweepReproduce says how to rerun
	// the sweep called name whose config hash is hash.
	SweepKicker(name string) string
	SweepFacts(points, replicates int, axes []string) string
	SweepReproduce(name, hash string) string
	// StudyKicker and StudyFacts open a sensitivity study's page (points:
	// design points; params: parameters varied); IndicesHeading heads its
	// table of indices; StudyReproduce says how to rerun the study called
	// name whose config hash is hash.
	StudyKicker(name string) string
	StudyFacts(points, replicates, params int) string
	IndicesHeading() string
	StudyReproduce(name, hash string) string
	// StudyHowToRead says how to read a study's chart by its file name
	// (indices, ahead).
	StudyHowToRead(chart string) string
}

// Deals is what giving costs against what a referral is worth in a
// config: the time a referral and a help act cost, and a referred job's
// revenue and what its recipient keeps of it, on average over the
// clients (professions weighted by demand, deal values scaled by
// referrals.value_scale), with the cheapest and the dearest profession's
// median job.
type Deals struct {
	ReferCost, HelpCost float64
	// Mean is a referred job's mean revenue; Kept the recipient's margin
	// of it.
	Mean, Kept float64
	// Cheapest and Dearest are the professions with the lowest and the
	// highest median job; CheapestValue and DearestValue those medians.
	Cheapest, Dearest           string
	CheapestValue, DearestValue float64
}

// NewDeals computes the Deals of cfg.
func NewDeals(cfg sim.Config) Deals {
	d := Deals{ReferCost: cfg.Referrals.ReferCost, HelpCost: cfg.Referrals.HelpCost}
	scale := cfg.Referrals.ValueScale
	if scale == 0 {
		scale = 1
	}
	var demand float64
	for i, p := range cfg.Professions {
		demand += p.Demand
		d.Mean += p.Demand * p.MeanValue() * scale
		d.Kept += p.Demand * p.MeanValue() * scale * p.Margin
		v := p.Median * scale
		if i == 0 || v < d.CheapestValue {
			d.Cheapest, d.CheapestValue = p.Name, v
		}
		if i == 0 || v > d.DearestValue {
			d.Dearest, d.DearestValue = p.Name, v
		}
	}
	if demand > 0 {
		d.Mean /= demand
		d.Kept /= demand
	}
	return d
}

// ScenarioFacts is one scenario of a comparison, for its facts line.
type ScenarioFacts struct {
	Name                        string
	Members, Rounds, Replicates int
}

// ScenarioWordsFacts is what the scenario slide of a comparison shows:
// the scenarios (their names), each one's verdict in a few words, and
// the strategies in its legend.
type ScenarioWordsFacts struct {
	// Scenarios are the scenarios' names, in order; Verdicts each one's
	// verdict.
	Scenarios []string
	Verdicts  []Verdict
	// Rounds is the longest run's length; Replicates the fewest
	// replicates of any scenario.
	Rounds, Replicates int
}
