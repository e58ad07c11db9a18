package page

import (
	"fmt"
	"strings"

	"github.com/giversgain/giversgain/internal/chart"
	"github.com/giversgain/giversgain/internal/report"
	"github.com/giversgain/giversgain/sim"
)

// English is the page in English.
var English Words = english{}

type english struct{}

func (english) Lang() string { return "en" }

func (english) RunKicker(name string) string { return "giversgain report · run " + name }

func (english) RunFacts(members, chapters, rounds, replicates int, seed uint64) string {
	ch := "one chapter"
	if chapters > 1 {
		ch = chart.Count(chapters) + " chapters"
	}
	return fmt.Sprintf("%s members in %s, %s weekly meetings (%s), %s of the same group with different luck (seed %d).",
		chart.Count(members), ch, chart.Count(rounds), enHorizon(rounds), enReplicates(replicates), seed)
}

func enReplicates(n int) string {
	if n == 1 {
		return "one replicate"
	}
	return chart.Count(n) + " replicates"
}

// enHorizon says a run's length: "10 years", "1.5 years", "30 weeks".
func enHorizon(rounds int) string {
	switch {
	case rounds == 52:
		return "1 year"
	case rounds%52 == 0:
		return fmt.Sprintf("%d years", rounds/52)
	case rounds >= 78 && rounds%26 == 0:
		return fmt.Sprintf("%d.5 years", rounds/52)
	case rounds == 1:
		return "1 week"
	}
	return fmt.Sprintf("%d weeks", rounds)
}

func (english) KeyNumbers() string { return "Key numbers" }

func (english) IntervalsExplained(rounds, replicates int) string {
	if replicates < 2 {
		return fmt.Sprintf("Each figure is per member after %s, from a single replicate: there is no interval, so read small differences as noise.", enHorizon(rounds))
	}
	return fmt.Sprintf("Each figure is per member after %s, averaged over %s: the same group run again with different luck. "+
		"The 95%% interval is the range in which the true average lies, 95 times in 100. "+
		"Where two strategies' intervals overlap, this run cannot tell them apart.", enHorizon(rounds), enReplicates(replicates))
}

func (english) StrategyHead() []string {
	return []string{"Strategy", "Share of members", "Net income per member", "95% interval", "Referrals given / received", "Return on giving"}
}

func (english) StrategyName(name, kind string) string {
	if name == kind {
		return name
	}
	return name + " (" + kind + ")"
}

func (english) Share(iv *report.Interval) string {
	if iv == nil {
		return "-"
	}
	return chart.Percent(iv.Mean)
}

func (english) Money(iv *report.Interval) string {
	if iv == nil {
		return "-"
	}
	return report.Money(iv.Mean)
}

func (english) MoneyInterval(iv *report.Interval) string {
	if iv == nil || iv.N < 2 {
		return "-"
	}
	return report.MoneyRange(iv.CILow, iv.CIHigh)
}

func (english) PerMember(iv *report.Interval) string {
	if iv == nil {
		return "-"
	}
	if iv.Mean < 0.05 {
		return "0"
	}
	if iv.Mean < 9.95 {
		return fmt.Sprintf("%.1f", iv.Mean)
	}
	return chart.Count(int(iv.Mean + 0.5))
}

func (english) Return(iv *report.Interval) string {
	if iv == nil {
		return "- (gives nothing)"
	}
	return fmt.Sprintf("$%.1f per $1", iv.Mean)
}

func (english) Payback(p report.Payback, rounds int) string {
	switch {
	case !p.Defined:
		return ""
	case p.Round == nil:
		return fmt.Sprintf("Givers' average income was not ahead of takers' at the end: they never pulled ahead for good in %s.", enHorizon(rounds))
	case *p.Round == 1:
		return "Givers' average income was ahead of takers' from the first week to the end."
	}
	return fmt.Sprintf("Givers' average income stayed ahead of takers' from %s to the end.", enWeek(*p.Round, rounds))
}

// enWeek names a week, with its year on a run of two years or more.
func enWeek(week, rounds int) string {
	if rounds >= 104 && week >= 52 {
		return fmt.Sprintf("week %d (year %.1f)", week, float64(week)/52)
	}
	return fmt.Sprintf("week %d", week)
}

func (english) Welfare(welfare, gini *report.Interval) string {
	var parts []string
	if welfare != nil {
		s := "All members together ended with " + report.Money(welfare.Mean) + " each on average"
		if welfare.N >= 2 {
			s += " (95% interval " + report.MoneyRange(welfare.CILow, welfare.CIHigh) + ")"
		}
		parts = append(parts, s+": the whole group's welfare.")
	}
	if gini != nil {
		parts = append(parts, fmt.Sprintf("What members kept of their business is spread with a Gini coefficient of %.2f (0: everyone kept the same; 1: one member kept everything).", gini.Mean))
	}
	return strings.Join(parts, " ")
}

func (english) Evolution(res *sim.Result, ev *report.Evolution) string {
	var shares []string
	for _, s := range ev.LongRunShares {
		if s.Share == nil {
			continue
		}
		shares = append(shares, fmt.Sprintf("%s %s", s.Name, chart.Percent(s.Share.Mean)))
	}
	return fmt.Sprintf("Members revised their strategies as they went; in the last fifth of the run the shares were %s: %s. "+
		"(The incomes above include what members earned under strategies they held earlier.)", strings.Join(shares, ", "), ev.Outcome)
}

func (english) ClaimsHeading() string { return "Claims" }

func (english) ClaimsSummary(pass, total int) string {
	if pass == total {
		return fmt.Sprintf("All %d claims the config states hold in this run.", total)
	}
	return fmt.Sprintf("%d of the %d claims the config states hold in this run; sim exits 1 when one fails.", pass, total)
}

var enHeadings = map[string]string{
	"income":       "Income over time",
	"distribution": "Every member's final income",
	"deciles":      "Who is at the top and at the bottom",
	"flows":        "Who refers business to whom",
	"professions":  "Income by profession",
	"shares":       "How the strategies spread",
	"scenarios":    "The scenarios side by side",
}

func (english) ChartHeading(name string) string {
	if h, ok := enHeadings[name]; ok {
		return h
	}
	return name
}

func (english) HowToReadLabel() string { return "How to read it:" }

func (english) HowToRead(name string, res *sim.Result) string {
	switch name {
	case "income":
		return "Each line is a strategy's average cumulative net income per member: what its members kept of the business referred to them, minus the time they spent giving. " +
			"The shaded band around a line is its 95% interval; where bands overlap, the run cannot tell those strategies apart. " +
			"The dashed line, when there is one, marks the week from which givers stay ahead of takers for good."
	case "distribution":
		return "One box per strategy, over every member of every replicate: the box holds the middle half of the members, the thick bar is the median, the whiskers reach 1.5 box-lengths beyond it and the dots are members further out. " +
			"Averages can hide that a few members in well-paid professions carry a strategy; this chart shows them."
	case "deciles":
		return "Members are ranked by final income and cut into ten equal groups, poorest on the left. Each bar shows which strategies make up that tenth. " +
			"The dashed line is the strategy's share of all members: a bar segment above it means that strategy is over-represented there. Adam Grant reports givers at both the top and the bottom."
	case "flows":
		return "Each group of bars is the strategy that referred; each bar, the strategy that received. The height is the dollars of referred business that closed, per member of the referring strategy. " +
			"Takers receive without passing on: their group stays near zero."
	case "professions":
		return "Average final income by profession (or group of professions) and strategy. The spread between professions is far larger than between strategies: " +
			"a referral's value depends on who receives it, which is the article's point that counting referrals misleads."
	case "shares":
		return "Each line is a strategy's share of members over the weeks, as members copy better-earning peers or leave and are replaced. The bands are 95% intervals over replicates."
	case "scenarios":
		return "One group of bars per scenario: each bar is a strategy's average final net income per member, the thin line on it its 95% interval. Every scenario is on the same scale, so heights compare across the slide."
	}
	return ""
}

func (english) AssumptionsHeading() string { return "What the model assumes here" }

func (english) Population(cfg sim.Config) string {
	seats := "one member per profession in each chapter, as BNI seats them"
	if cfg.Population.Seats == sim.Shared {
		seats = "professions shared out to all members, several of a kind per chapter"
	}
	return fmt.Sprintf("%s members meet weekly in chapters of about %d, with %s; each keeps up to %d contacts, chapter included, and meets about %g new outside contacts a week. "+
		"A client needs a profession other than the member's own; %g clients come along per member and week on average. Colleagues see an act of giving or withholding with probability %g.",
		chart.Count(cfg.Population.Members), cfg.Population.ChapterSize, seats, cfg.Population.MaxContacts, cfg.Referrals.MeetRate, cfg.Referrals.Opportunities, cfg.Referrals.Visibility)
}

func (english) ChannelsIntro() string {
	return "Givers can only come out ahead if a favour comes back to them. These are the channels by which it can, and whether this config leaves each open (sim channels measures how much of the givers' lead each one carries):"
}

func (english) ChannelHead() []string {
	return []string{"Channel", "Here", "Setting", "What it does"}
}

var enChannels = map[string][2]string{
	"visibility":      {"Visibility", "colleagues see who gives and who withholds; image scores steer discerning members"},
	"gratitude":       {"Gratitude", "a referral raises the recipient's trust in its referrer, which steers where it refers"},
	"close-rate link": {"Warm introductions", "the referrer's trust in the recipient raises the chance the referral closes"},
	"ledgers":         {"Scorekeepers' ledgers", "scorekeepers repay those who gave to them and stop giving to those who do not"},
	"help's trust":    {"Help wins trust", "a help act (a one-to-one, an article) raises the helped member's trust in the helper"},
	"help's value":    {"Help brings business", "a help act brings the helped member business"},
}

func (english) Channel(name string) (string, string) {
	if c, ok := enChannels[name]; ok {
		return c[0], c[1]
	}
	return name, ""
}

func (english) Open(open bool) string {
	if open {
		return "open"
	}
	return "closed"
}

func (english) Costs(d Deals) string {
	s := fmt.Sprintf("Giving costs time: passing a referral costs the giver %s, a help act %s. "+
		"A referred job brings its recipient %s of revenue on average, of which it keeps %s (its margin), from %s for a %s to %s for a %s (medians).",
		report.Money(d.ReferCost), report.Money(d.HelpCost), report.Money(d.Mean), report.Money(d.Kept),
		report.Money(d.CheapestValue), d.Cheapest, report.Money(d.DearestVal), d.Dearest)
	if d.Kept > 0 {
		s += fmt.Sprintf(" Cost over benefit is about %s: reciprocity sustains giving while the chance that a favour comes back exceeds it (Nowak 2006).", enRatio(d.ReferCost/d.Kept))
	}
	return s
}

// enRatio writes a small ratio with two significant digits: 0.047.
func enRatio(x float64) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2g", x), "0"), ".")
}

func (english) EvolutionRule(ev sim.Evolution) string {
	if ev.Period <= 0 {
		return "Members keep their strategy for the whole run."
	}
	switch ev.Rule {
	case sim.Churn:
		return fmt.Sprintf("Every %d weeks the %s of members who gained least leave, and newcomers join with the strategies that visibly pay.", ev.Period, chart.Percent(ev.ChurnFraction))
	case sim.Generation:
		return fmt.Sprintf("Every %d weeks a new generation takes strategies in proportion to their success.", ev.Period)
	}
	return fmt.Sprintf("Every %d weeks each member may copy a better-earning peer (the more it earns, the likelier), and rarely takes a random strategy (mutation %g).", ev.Period, ev.Mutation)
}

func (english) ReproduceHeading() string { return "Reproduce it" }

func (english) ReproduceIntro(version string, hasCommand bool) string {
	s := "This page was written by giversgain sim " + version + ". Run in this folder, the first command reruns it from the resolved config beside it and rewrites the folder with every number the same, byte for byte."
	if hasCommand {
		s += " The second is the command that wrote it."
	}
	return s
}

func (english) SourceHeading() string { return "Source" }

func (english) Source() []string {
	return []string{
		"The claims tested come from \u201cVermeiden Sie \u201emünzbetriebene\u201c Netzwerke\u201d (\u201cAvoid coin-operated networks\u201d), a German article in the BNI \u201cGivers Gain\u201d tradition. " +
			"The same argument in English is \u201cResist Coin-Operated Networking\u201d in Fresh Business Thinking.",
		"The model, with every equation, default and its source, is sim/MODEL.md in the giversgain project; nothing in it is tuned to make givers win.",
	}
}

func (english) Footer(version string) string {
	return "Written by giversgain sim " + version + ". The page holds no timestamp: the same config gives the same page."
}
