package findings

import (
	"fmt"
	"math"
	"strings"

	"github.com/giversgain/giversgain/sim"
)

// English is the default language.
var English Lang = english{}

type english struct{}

var enNum = Numbers{Group: ",", DecimalMark: ".", MoneyBefore: true, Dash: "-", To: " to ",
	Thousand: "k", Million: "M", Billion: "B"}

func (english) Tag() string  { return "en" }
func (english) Name() string { return "English" }
func (english) Num() Numbers { return enNum }
func (english) Term(k string) string {
	if s, ok := enTerms[k]; ok {
		return s
	}
	return k
}

// enTerms are the fixed words (see Lang.Term).
var enTerms = map[string]string{
	"interval":       "95% interval",
	"week-axis":      "Week",
	"year-axis":      "Year (weekly meetings)",
	"not-to-scale":   " (cells in order, not to scale)",
	"not-to-scale-y": " (not to scale)",
	"no-difference":  "black line: no difference",
	"cursor-week":    "week",
	"cursor-year":    "year",
	"in-thousands":   "(in $1,000)",
}

// enPlural names the members of a kind: "givers", "tit-for-tat players".
func enPlural(kind string) string {
	switch {
	case kind == "":
		return "members"
	case strings.HasSuffix(kind, "er"), strings.HasSuffix(kind, "or"), strings.HasSuffix(kind, "ist"):
		return kind + "s"
	case strings.HasSuffix(kind, "s"):
		return kind
	default:
		return kind + " players"
	}
}

func (english) Kind(kind string) string { return enPlural(kind) }

func (english) Strategy(name, kind string) string { return name }

// group names the members of strategy variant s: "givers" when the
// variant is named after its kind, else "selfless givers" or
// "lazy-givers".
func (english) group(res *sim.Result, s int) string {
	name, kind := res.Strategies[s], KindOf(res, s)
	switch {
	case name == kind || name == "":
		return enPlural(kind)
	case strings.Contains(name, kind):
		return name + "s"
	default:
		return name + " " + enPlural(kind)
	}
}

// one names a single member of strategy s: "giver", "selfless giver".
func (english) one(res *sim.Result, s int) string {
	name, kind := res.Strategies[s], KindOf(res, s)
	switch {
	case name == "":
		return kind
	case name == kind || strings.Contains(name, kind):
		return name
	default:
		return name + " " + kind
	}
}

func (english) horizon(rounds int) string {
	n, unit, half := yearsOrWeeks(rounds)
	switch {
	case half:
		return fmt.Sprintf("%d.5 years", n)
	case n == 1:
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

func (e english) After(rounds int) string { return "after " + e.horizon(rounds) }
func (e english) Over(rounds int) string  { return "over " + e.horizon(rounds) }

// week names a week, adding the year on long runs: "week 61 (year 1.2)".
func (english) week(week, rounds int) string {
	if byYears(rounds) && week >= 52 {
		return fmt.Sprintf("week %d (year %.1f)", week, float64(week)/52)
	}
	return fmt.Sprintf("week %d", week)
}

func (english) count(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return enNum.Count(n) + " " + unit + "s"
}

// --- the verdict ---

func (e english) Verdict(v Verdict) string {
	return e.researchHeadline(v, "95% CI") + e.payback(v) + "."
}

func (e english) Headline(v Verdict, t Titles) string {
	if t == Research {
		return e.researchHeadline(v, "95% CI")
	}
	return e.plainHeadline(v)
}

func (e english) context(v Verdict) string {
	switch {
	case v.Missing == "":
		return ""
	case v.MissingLeft:
		return ", with no " + enPlural(v.Missing) + " left"
	}
	return ", in a mix without " + enPlural(v.Missing)
}

// researchHeadline is the verdict's main clause with its interval, ci
// naming it ("95% CI").
func (e english) researchHeadline(v Verdict, ci string) string {
	return e.headlineIn(v, ci, enNum)
}

// headlineIn is researchHeadline with the numbers n (Numbers.Talk for a
// plain title's subtitle).
func (e english) headlineIn(v Verdict, ci string, n Numbers) string {
	when := e.After(v.Rounds)
	switch v.Case {
	case NoResults:
		return "No results to compare"
	case NoMembers:
		return "No members were left to compare " + when
	case OnlyOne:
		iv := ""
		if intervalStat(v.Only) {
			iv = " (" + ci + " " + n.MoneyRange(v.Only.Low, v.Only.High) + ")"
		}
		if v.Alone {
			return fmt.Sprintf("Only %s in this mix: they made %s per member on average%s %s", enPlural(v.A), n.Money(v.Only.Mean), iv, when)
		}
		return fmt.Sprintf("Only %s were left %s, with %s per member on average%s", enPlural(v.A), when, n.Money(v.Only.Mean), iv)
	case NeverBoth:
		return fmt.Sprintf("%s and %s never both had members at the end of a replicate, so they cannot be compared %s",
			Capitalize(enPlural(v.A)), enPlural(v.B), when)
	case Level:
		return fmt.Sprintf("No clear winner: %s and %s ended level %s%s", enPlural(v.A), enPlural(v.B), when, e.context(v))
	}
	lead, trail, r := enPlural(v.Lead), enPlural(v.Trail), v.Est
	if v.Case == Unclear {
		var ahead, rng string
		if v.Measure == Percent {
			p := PrecFor(r.Mean, r.Low, r.High)
			ahead, rng = n.Signed(r.Mean, p)+"%", n.Range(r.Low, r.High, p, "%")
		} else {
			ahead, rng = n.Money(r.Mean)+" per member", n.MoneyRange(r.Low, r.High)
		}
		return fmt.Sprintf("No clear winner: %s ended %s ahead of %s (%s %s) %s%s", lead, ahead, trail, ci, rng, when, e.context(v))
	}
	var amount, rng string
	switch v.Measure {
	case Times:
		p := PrecFor(r.Mean, r.Low, r.High)
		amount = fmt.Sprintf("earned %s times as much as %s", n.Signed(r.Mean, p), trail)
		rng = n.Range(r.Low, r.High, p, " times")
	case Percent:
		p := PrecFor(r.Mean, r.Low, r.High)
		amount = fmt.Sprintf("out-earned %s by %s%%", trail, n.Signed(r.Mean, p))
		rng = n.Range(r.Low, r.High, p, "%")
	default:
		amount = fmt.Sprintf("out-earned %s by %s per member", trail, n.Money(r.Mean))
		rng = n.MoneyRange(r.Low, r.High)
	}
	if v.Single {
		return fmt.Sprintf("%s %s %s in the only replicate (too few for a confidence interval)%s", Capitalize(lead), amount, when, e.context(v))
	}
	return fmt.Sprintf("%s %s (%s %s) %s%s", Capitalize(lead), amount, ci, rng, when, e.context(v))
}

func (e english) payback(v Verdict) string {
	switch v.Payback {
	case AheadFromFirst:
		return "; they were ahead from the first week"
	case PulledAhead:
		return fmt.Sprintf("; they pulled ahead for good in week %d", v.Week)
	case NeverAhead:
		return "; givers never pulled ahead for good"
	case MeanAheadFromFirst:
		return "; givers' mean was ahead from the first week"
	case MeanAheadSince:
		return fmt.Sprintf("; givers' mean has stayed ahead since week %d", v.Week)
	}
	return ""
}

// plainHeadline says the verdict in words a room reads in three seconds.
func (e english) plainHeadline(v Verdict) string {
	n := enNum
	switch v.Case {
	case NoResults, NoMembers, NeverBoth:
		return e.researchHeadline(v, "95% CI")
	case OnlyOne:
		if v.Alone {
			return fmt.Sprintf("Only %s in this mix: they made %s each", enPlural(v.A), n.Round(v.Only.Mean))
		}
		return fmt.Sprintf("Only %s were left, with %s each", enPlural(v.A), n.Round(v.Only.Mean))
	case Level:
		return fmt.Sprintf("No clear winner: %s and %s ended level", enPlural(v.A), enPlural(v.B))
	case Unclear:
		return fmt.Sprintf("No clear winner between %s and %s", enPlural(v.A), enPlural(v.B))
	}
	lead, trail := enPlural(v.Lead), enPlural(v.Trail)
	how, x := TalkLead(v)
	switch how {
	case TalkHalf:
		return fmt.Sprintf("%s out-earned %s by half", Capitalize(lead), trail)
	case TalkThird:
		return fmt.Sprintf("%s out-earned %s by a third", Capitalize(lead), trail)
	case TalkQuarter:
		return fmt.Sprintf("%s out-earned %s by a quarter", Capitalize(lead), trail)
	case TalkTimes:
		return fmt.Sprintf("%s earned %s as much as %s", Capitalize(lead), enTimes(x), trail)
	case TalkDollars:
		li, ti := v.LeadIncome.Mean, v.TrailIncome.Mean
		switch {
		case ti < 0 && li > 0:
			return fmt.Sprintf("%s lost %s each, %s made %s", Capitalize(trail), n.Round(-ti), lead, n.Round(li))
		case ti < 0 && li <= 0:
			return fmt.Sprintf("%s lost %s each, %s lost less: %s", Capitalize(trail), n.Round(-ti), lead, n.Round(-li))
		}
		return fmt.Sprintf("%s out-earned %s by %s each", Capitalize(lead), trail, n.Round(x))
	}
	return fmt.Sprintf("%s out-earned %s by %s%%", Capitalize(lead), trail, n.Signed(x, 0))
}

// enTimes says a multiple: "twice", "three times", "2.5 times".
func enTimes(x float64) string {
	switch x {
	case 2:
		return "twice"
	case 3:
		return "three times"
	case 4:
		return "four times"
	}
	return enNum.Decimal(x, 1) + " times"
}

// --- the charts ---

func (e english) replicatesNote(res *sim.Result) string {
	n := replicatesN(res)
	if n == 1 {
		return fmt.Sprintf("one run of %s members (no interval)", enNum.Count(res.Config.Population.Members))
	}
	return fmt.Sprintf("shaded: 95%% interval over %d replicates of %s members", n, enNum.Count(res.Config.Population.Members))
}

func (e english) weekAxis(rounds int) string {
	if byYears(rounds) {
		return enTerms["year-axis"]
	}
	return enTerms["week-axis"]
}

func (e english) names(res *sim.Result) []string {
	out := make([]string, len(res.Strategies))
	for s := range out {
		out[s] = e.Strategy(res.Strategies[s], KindOf(res, s))
	}
	return out
}

func reversed(xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[len(xs)-1-i] = x
	}
	return out
}

func (e english) Slides(r *Run, t Titles) []Slide {
	out := []Slide{e.income(r, t), e.distribution(r, t), e.deciles(r, t), e.flows(r, t), e.professions(r, t)}
	if r.Evolving() {
		out = append(out, e.shares(r, t))
	}
	return out
}

func (e english) interval(res *sim.Result) string {
	if replicatesN(res) > 1 {
		return enTerms["interval"]
	}
	return ""
}

func (e english) income(r *Run, t Titles) Slide {
	res := r.Res
	if r.Rate.Defined {
		return e.rate(r, t)
	}
	s := Slide{Name: "income", Title: e.Headline(r.Verdict, t), X: e.weekAxis(res.Rounds), Y: "Net income per member",
		Keys: e.names(res), Interval: e.interval(res),
		HowToRead: "The lines are means over replicates, the bands 95% confidence intervals of those means. " +
			"Where the bands overlap, the chart cannot tell the strategies apart. " +
			"The dashed line is the payback week: from then on the givers' mean stays above the takers'."}
	what := "Mean cumulative net income per member (what members keep of the business won, minus time spent); " + e.replicatesNote(res)
	s.Subtitle = what
	if t == Plain {
		if d := e.headlineIn(r.Verdict, "95% interval", enNum.Talk()) + e.payback(r.Verdict); r.Verdict.Case >= Level {
			// The title says there is no clear winner; the subtitle
			// gives the numbers.
			s.Subtitle = Capitalize(strings.TrimPrefix(d, "No clear winner: ")) + ". " + what
		}
	}
	if res.Payback.Defined && res.Payback.Round > 0 {
		s.Mark = "givers stay ahead of takers\nfrom " + e.week(res.Payback.Round, res.Rounds)
	}
	return s
}

func (e english) rate(r *Run, t Titles) Slide {
	res, rt, n := r.Res, r.Rate, enNum
	s := Slide{Name: "income", X: e.weekAxis(res.Rounds), Y: "Net income per member-week",
		Keys: e.names(res), Interval: e.interval(res),
		HowToRead: "Under evolution members switch strategy, and a cumulative income would carry what they earned before. " +
			"Each line is what holding a strategy paid: the net income per member and week of those who held it, " +
			"averaged over the past year. The bands are 95% confidence intervals over replicates."}
	last := fmt.Sprintf("the last %d weeks", rt.Window)
	if rt.Window == 52 {
		last = "the last year"
	}
	past := "the past year"
	if rt.Window != 52 {
		past = fmt.Sprintf("the past %d weeks", rt.Window)
	}
	what := fmt.Sprintf("Weekly net income per member of those who held each strategy, averaged over %s; %s", past, e.replicatesNote(res))
	s.Subtitle = what
	if !rt.HasBoth {
		s.Title = "What holding each strategy paid per week"
		return s
	}
	g, tk := rt.Giver, rt.Taker
	detail := fmt.Sprintf("In %s givers earned %s a week, takers %s", last, n.Money(g.Mean), n.Money(tk.Mean))
	if intervalStat(rt.Diff) {
		detail += fmt.Sprintf(" (difference %s, 95%% interval %s)", n.Money(rt.Diff.Mean), n.MoneyRange(rt.Diff.Low, rt.Diff.High))
	}
	if t == Research {
		s.Title = fmt.Sprintf("In %s givers earned %s a week, takers %s", last, n.Money(g.Mean), n.Money(tk.Mean))
		if intervalStat(rt.Diff) {
			s.Title += fmt.Sprintf(" (difference 95%% CI %s)", n.MoneyRange(rt.Diff.Low, rt.Diff.High))
		}
		return s
	}
	switch {
	case !rt.Clear():
		s.Title = fmt.Sprintf("No clear difference a week: givers %s, takers %s", n.Round(g.Mean), n.Round(tk.Mean))
	case rt.Diff.Mean > 0:
		s.Title = fmt.Sprintf("Givers earned more each week than takers: %s against %s", n.Round(g.Mean), n.Round(tk.Mean))
	default:
		s.Title = fmt.Sprintf("Takers earned more each week than givers: %s against %s", n.Round(tk.Mean), n.Round(g.Mean))
	}
	s.Subtitle = detail + ". " + what
	return s
}

func (e english) distribution(r *Run, t Titles) Slide {
	res, d, n := r.Res, r.Distribution, enNum
	s := Slide{Name: "distribution", X: "Strategy (members over all replicates)", Y: "Final net income per member",
		HowToRead: "One box per strategy over every member of every replicate: the box holds the middle half of members, " +
			"the thick bar is the median (the typical member), the whiskers reach the rest but the outliers (dots). " +
			"Means can hide that a few realtors carry a strategy."}
	for st := range res.Strategies {
		s.Ticks = append(s.Ticks, fmt.Sprintf("%s\n(%s)", e.Strategy(res.Strategies[st], KindOf(res, st)), n.Count(d.Members[st])))
	}
	s.Notes = make([]string, 2*len(res.Strategies))
	beyond := 0
	for st := range res.Strategies {
		if d.Above[st] > 0 {
			s.Notes[2*st] = fmt.Sprintf("▲ %s above", n.Count(d.Above[st]))
		}
		if d.Below[st] > 0 {
			s.Notes[2*st+1] = fmt.Sprintf("▼ %s below", n.Count(d.Below[st]))
		}
		beyond += d.Above[st] + d.Below[st]
	}
	when := e.Over(res.Rounds)
	money := n.Compact
	if t == Plain {
		money = n.Round
	}
	switch {
	case d.Empty:
		s.Title = "No members to show"
	case d.GiverTaker && t == Plain:
		s.Title = fmt.Sprintf("The typical giver netted %s, the typical taker %s", money(d.Giver), money(d.Taker))
	case d.GiverTaker:
		s.Title = fmt.Sprintf("The median giver netted %s %s, the median taker %s", money(d.Giver), when, money(d.Taker))
	case d.Strategies == 1 && t == Plain:
		s.Title = fmt.Sprintf("The typical %s netted %s", e.one(res, d.Top), money(d.TopM))
	case d.Strategies == 1:
		s.Title = fmt.Sprintf("The median %s netted %s %s", e.one(res, d.Top), money(d.TopM), when)
	case t == Plain:
		s.Title = fmt.Sprintf("The typical %s netted most (%s), the typical %s least (%s)", e.one(res, d.Top), money(d.TopM), e.one(res, d.Low), money(d.LowM))
	default:
		s.Title = fmt.Sprintf("The median %s netted most %s (%s), the median %s least (%s)", e.one(res, d.Top), when, money(d.TopM), e.one(res, d.Low), money(d.LowM))
	}
	s.Subtitle = fmt.Sprintf("Final net income of every member %s, %s; box: middle half, bar: median (the typical member), dots: beyond whiskers at 1.5×IQR",
		e.After(res.Rounds), e.count(d.Replicates, "replicate"))
	if beyond > 0 {
		s.Subtitle += fmt.Sprintf("; %s members beyond the axis are counted at its edge", n.Count(beyond))
	}
	return s
}

func (e english) deciles(r *Run, t Titles) Slide {
	res, d, n := r.Res, r.Deciles, enNum
	s := Slide{Name: "deciles", X: "Income decile (tenth of members by final net income)", Y: "Share of the decile",
		Keys: reversed(e.names(res)),
		HowToRead: "Members ranked by final income into tenths; each bar shows which strategies make up that tenth. " +
			"The dashed line is the share of all members of the strategy the title is about: a bar segment above it " +
			"means the strategy is over-represented in that tenth. Grant reports givers at both the top and the bottom."}
	for dd := range 10 {
		lbl := fmt.Sprint(dd + 1)
		switch dd {
		case 0:
			lbl = "1\npoorest"
		case 9:
			lbl = "10\nrichest"
		}
		s.Ticks = append(s.Ticks, lbl)
	}
	what := fmt.Sprintf("Mean share of each strategy within each tenth of members ranked by final net income, %s", e.count(d.Replicates, "replicate"))
	s.Subtitle = what
	if d.Position == NoRanking {
		s.Title = "Strategy shares by income decile"
		return s
	}
	if len(res.Strategies) > 1 && !math.IsNaN(d.All) {
		s.Mark = fmt.Sprintf("%s: share of\nall members (%s)", e.Strategy(res.Strategies[d.Focus], KindOf(res, d.Focus)), n.Percent(d.All))
	}
	who := Capitalize(e.group(res, d.Focus))
	detail := fmt.Sprintf("%s of the poorest tenth, %s of the richest (%s of members)", n.Percent(d.Bottom.Mean), n.Percent(d.Top.Mean), n.Percent(d.All))
	research := map[Position]string{
		BothEnds: "%s are at both ends: %s", RiseToTop: "%s rise to the top: %s", OverAtTop: "%s are over-represented at the top: %s",
		SinkToBottom: "%s sink to the bottom: %s", OverAtBottom: "%s are over-represented at the bottom: %s",
		UnderAtTop: "%s are under-represented at the top: %s", Spread: "%s are spread across the ranks: %s",
	}
	plain := map[Position]string{
		BothEnds: "%s are at both ends of the income ranking", RiseToTop: "%s rise to the top", OverAtTop: "%s are more common among the richest",
		SinkToBottom: "%s sink to the bottom", OverAtBottom: "%s are more common among the poorest",
		UnderAtTop: "%s are rarer among the richest", Spread: "%s are spread evenly across the ranking",
	}
	if t == Research {
		s.Title = fmt.Sprintf(research[d.Position], who, detail)
		return s
	}
	s.Title = fmt.Sprintf(plain[d.Position], who)
	s.Subtitle = fmt.Sprintf("%s: %s. %s", who, detail, what)
	return s
}

func (e english) flows(r *Run, t Titles) Slide {
	res, f, n := r.Res, r.Flows, enNum
	s := Slide{Name: "flows", X: "Referred by", Y: "Closed business per member", Ticks: e.names(res),
		HowToRead: "Who refers business to whom: dollars of referred deals that closed, per member of the referring strategy, " +
			"averaged over replicates. Each group of bars is one referring strategy; each bar a receiving one."}
	for st := range res.Strategies {
		s.Keys = append(s.Keys, "to "+e.Strategy(res.Strategies[st], KindOf(res, st)))
	}
	per := ""
	if f.Evolving {
		per = " (its average membership over the run)"
	}
	s.Subtitle = fmt.Sprintf("Dollars of referred deals that closed, per member of the referring strategy%s, %s; mean of %s",
		per, e.Over(res.Rounds), e.count(f.Replicates, "replicate"))
	when := e.Over(res.Rounds)
	if t == Plain {
		amt := func(x float64) string {
			if math.Abs(x) < 0.5 {
				return "nothing"
			}
			return n.Round(x)
		}
		switch {
		case f.GiverTaker:
			s.Title = fmt.Sprintf("Each giver passed on %s of business, each taker %s", amt(f.Giver), amt(f.Taker))
		case f.Most < 0:
			s.Title = "No referrals passed on"
		case f.Most == f.Least:
			s.Title = fmt.Sprintf("Each %s passed on %s of business", e.one(res, f.Most), amt(f.PerMember[f.Most]))
		default:
			s.Title = fmt.Sprintf("Each %s passed on %s of business, each %s %s", e.one(res, f.Most), amt(f.PerMember[f.Most]), e.one(res, f.Least), amt(f.PerMember[f.Least]))
		}
		return s
	}
	switch {
	case f.GiverTaker:
		s.Title = fmt.Sprintf("Each giver passed on %s of closed business %s, each taker %s", n.Compact(f.Giver), when, n.Compact(f.Taker))
	case f.Most < 0:
		s.Title = "No referrals passed on"
	case f.Most == f.Least:
		s.Title = fmt.Sprintf("Each %s passed on %s of closed business %s", e.one(res, f.Most), n.Compact(f.PerMember[f.Most]), when)
	default:
		s.Title = fmt.Sprintf("Each %s passed on %s of closed business %s, each %s %s", e.one(res, f.Most), n.Compact(f.PerMember[f.Most]), when,
			e.one(res, f.Least), n.Compact(f.PerMember[f.Least]))
	}
	return s
}

func (e english) professions(r *Run, t Titles) Slide {
	res, p, n := r.Res, r.Professions, enNum
	what, plural := "profession", "professions"
	if p.Groups.ByCategory {
		what, plural = "category", "categories of profession"
	}
	s := Slide{Name: "professions", X: "Mean final net income per member", Y: Capitalize(what), Ticks: p.Groups.Names,
		Keys: reversed(e.names(res)),
		HowToRead: "Mean income per profession and strategy, or per category of profession for a large catalogue. " +
			"The spread between professions dwarfs that between strategies, which is the article's point about value over count."}
	log, c := p.Scale()
	scale := ""
	if log {
		scale = fmt.Sprintf("; log scale beyond ±%s", n.Compact(c))
	}
	sub := fmt.Sprintf("Mean final net income %s by %s and strategy, %s%s", e.After(res.Rounds), what, e.count(p.Replicates, "replicate"), scale)
	if p.HasExtremes {
		sub = fmt.Sprintf("The average %s netted %s, the average %s %s; ", p.Best, n.Compact(p.BestV), p.Worst, n.Compact(p.WorstV)) + lowerFirst(sub)
	}
	s.Subtitle = sub
	switch {
	case p.Strategies == 0 || len(p.Groups.Names) == 0:
		s.Title = "Income by " + what
		return s
	case p.Strategies == 1:
		s.Title = fmt.Sprintf("Income of %s by %s", e.group(res, 0), what)
		return s
	}
	who := Capitalize(e.group(res, p.Top))
	clearly := ""
	switch {
	case p.Clearly == 0:
		clearly = ", none of them clearly (95% intervals overlap)"
	case p.Clearly < p.Leads:
		clearly = fmt.Sprintf(", clearly in %d", p.Clearly)
	}
	if t == Research {
		s.Title = fmt.Sprintf("%s earned most in %d of %d %s%s", who, p.Leads, p.Total, plural, clearly)
		return s
	}
	if p.Leads == p.Total {
		if what == "category" {
			s.Title = fmt.Sprintf("%s earned most in every category of profession", who)
		} else {
			s.Title = fmt.Sprintf("%s earned most in every profession", who)
		}
	} else {
		s.Title = fmt.Sprintf("%s earned most in %d of %d %s", who, p.Leads, p.Total, plural)
	}
	switch {
	case p.Clearly == 0:
		s.Subtitle = "No lead is clear: the 95% intervals overlap. " + s.Subtitle
	case p.Clearly < p.Leads:
		s.Subtitle = fmt.Sprintf("Clearly ahead in %d of them. ", p.Clearly) + s.Subtitle
	}
	return s
}

func (e english) shares(r *Run, t Titles) Slide {
	res, sh, n := r.Res, r.Shares, enNum
	ev := res.Config.Evolution
	how := "no evolution: shares stay fixed"
	if ev.Period > 0 {
		how = fmt.Sprintf("members revise by %s every %d weeks", ev.Rule, ev.Period)
	}
	s := Slide{Name: "shares", X: e.weekAxis(res.Rounds), Y: "Share of members", Keys: e.names(res), Interval: e.interval(res),
		Subtitle: "Share of members per strategy; " + how + "; " + e.replicatesNote(res),
		HowToRead: "Each line is a strategy's share of members over the weeks, as members copy who earns more or leave. " +
			"The shares are the long-run outcome."}
	if sh.Change == NoShares {
		s.Title = "Strategy shares over time"
		return s
	}
	var who string
	if sh.Strategy >= 0 {
		who = Capitalize(e.group(res, sh.Strategy))
	}
	plain := t == Plain
	switch sh.Change {
	case TookOver:
		s.Title = fmt.Sprintf("%s took over: %s of members %s", who, n.Percent(sh.To.Mean), e.After(sh.Rounds))
		if plain {
			s.Title = fmt.Sprintf("%s took over: %s of members", who, n.Percent(sh.To.Mean))
		}
	case NoChange:
		s.Title = "No strategy took over: shares stayed near their start " + e.Over(sh.Rounds)
		if plain {
			s.Title = "No strategy took over"
		}
	case DiedOut:
		s.Title = fmt.Sprintf("%s died out within %s (from %s of members)", who, e.horizon(sh.Rounds), n.Percent(sh.From))
		if plain {
			s.Title = fmt.Sprintf("%s died out", who)
		}
	case Grew:
		s.Title = fmt.Sprintf("%s grew from %s to %s of members %s", who, n.Percent(sh.From), n.Percent(sh.To.Mean), e.Over(sh.Rounds))
		if plain {
			s.Title = fmt.Sprintf("%s spread from %s to %s of members", who, n.Percent(sh.From), n.Percent(sh.To.Mean))
		}
	case Shrank:
		s.Title = fmt.Sprintf("%s shrank from %s to %s of members %s", who, n.Percent(sh.From), n.Percent(sh.To.Mean), e.Over(sh.Rounds))
		if plain {
			s.Title = fmt.Sprintf("%s shrank from %s to %s of members", who, n.Percent(sh.From), n.Percent(sh.To.Mean))
		}
	}
	if plain {
		s.Subtitle = Capitalize(e.Over(sh.Rounds)) + ". " + s.Subtitle
	}
	return s
}

// --- the console ---

func (e english) Evolution(res *sim.Result) string {
	t := res.Takeover()
	if t == "" {
		return ""
	}
	return "Evolution: " + t + ".\n(Under evolution the cumulative figures include what members earned and gave under earlier strategies; the shares are the outcome.)"
}

func (e english) Table() TableWords {
	return TableWords{
		Headers: [6]string{"strategy", "share", "income [95% CI]", "referrals given / received", "deals closed", "return on giving"},
		Times:   "x",
		Note: func(rounds, replicates int) string {
			return fmt.Sprintf("Per member %s, mean over %s; return on giving = dollars kept of the business received per dollar of time spent referring and helping.",
				e.After(rounds), e.count(replicates, "replicate"))
		},
	}
}

func (english) Channels() ChannelWords {
	n := enNum
	return ChannelWords{
		Headers: [6]string{"channels open", "givers", "takers", "givers minus takers (95% CI)", "givers vs takers (95% CI)", "verdict"},
		World: func(w ChannelWorld) (string, string) {
			switch w.Open {
			case NoneOpen:
				return "none open", "every channel closed"
			case OneOpen:
				if w.HelpValue > 0 {
					return w.Channel + " alone", fmt.Sprintf("help worth $%g of revenue to the helped (the config gives it none)", w.HelpValue)
				}
				return w.Channel + " alone", ""
			case AllOpenHelp:
				return "all open, help with value", fmt.Sprintf("help worth $%g of revenue to the helped", w.HelpValue)
			}
			return "all open", "the config as it is"
		},
		Verdict: func(gap sim.Stat) string {
			switch gapCase(gap) {
			case 1:
				return "givers ahead"
			case -1:
				return "takers ahead"
			case 2:
				return "no clear winner"
			}
			return "undefined"
		},
		Percent: func(p sim.Stat) string {
			return fmt.Sprintf("%+.0f%% (%s)", p.Mean, n.PercentRange(p.Low, p.High))
		},
	}
}

// --- sweeps ---

// enParams are short axis titles of parameters often swept.
var enParams = map[string]string{
	"referrals.visibility":             "Visibility (chance a colleague sees an act)",
	"referrals.opportunities":          "Referral opportunities per member-week",
	"referrals.refer_cost":             "Cost of a referral ($ of time)",
	"referrals.help_cost":              "Cost of a help act ($ of time)",
	"referrals.help_value":             "Business a help act brings ($)",
	"trust.gratitude":                  "Gratitude (trust gained by a referral)",
	"population.members":               "Members",
	"population.chapter_size":          "Chapter size",
	"rounds":                           "Weeks",
	"strategies.giver.discernment":     "Givers' discernment (0 selfless, 1 otherish)",
	"strategies.scorekeeper.tolerance": "Scorekeepers' tolerance",
}

func (english) Param(path string) string {
	if s, ok := enParams[path]; ok {
		return s
	}
	if k, ok := strings.CutPrefix(path, "population.mix."); ok {
		return "Share of " + enPlural(k)
	}
	if p, ok := sim.LookupParam(path); ok && p.Doc != "" && len(p.Doc) <= 60 {
		return Capitalize(p.Doc)
	}
	return path
}

func (english) Metric(m sim.Metric) string {
	switch m {
	case sim.Income:
		return "net income"
	case sim.IncomeRate:
		return "weekly net income"
	}
	return strings.ReplaceAll(m.String(), "_", " ")
}

func (e english) SweepLines(f SweepFacts, t Titles) Slide {
	s := Slide{Name: "lines", X: e.Param(f.Axes[0]), Y: e.sweepAxis(f.Metric), Keys: f.Strategies, Interval: enTerms["interval"],
		Subtitle:  fmt.Sprintf("Mean of %d replicates per point; shaded: 95%% interval", f.Replicates),
		HowToRead: "One line per strategy across the swept parameter: the mean at each swept value, with its 95% interval shaded."}
	m := f.Metric.String()
	switch {
	case f.Higher == "" || f.Lower == "":
		s.Title = fmt.Sprintf("Final %s by strategy across %s", m, f.Axes[0])
		if t == Plain {
			s.Title = fmt.Sprintf("Final %s by strategy", e.Metric(f.Metric))
		}
	case t == Plain:
		s.Title = fmt.Sprintf("%s ahead of %s in %s at %d of %d values", Capitalize(enPlural(f.Higher)), enPlural(f.Lower), e.Metric(f.Metric), f.Ahead, f.Settings)
	default:
		s.Title = fmt.Sprintf("%ss' %s above %ss' at %d of %d values of %s", Capitalize(f.Higher), m, f.Lower, f.Ahead, f.Settings, f.Axes[0])
	}
	return s
}

// sweepAxis is the value axis of a sweep chart.
func (e english) sweepAxis(m sim.Metric) string {
	switch m {
	case sim.Share:
		return "Final share of members"
	}
	return "Final " + e.Metric(m) + " per member"
}

func (e english) Heatmap(f SweepFacts, t Titles) Slide {
	verb := "score"
	if f.Metric == sim.Income || f.Metric == sim.Earned {
		verb = "earn"
	}
	s := Slide{Name: "heatmap", X: e.Param(f.Axes[0]), Y: e.Param(f.Axes[1]),
		Title:    fmt.Sprintf("%s out-%s %s in %d of %d settings", Capitalize(enPlural(f.Higher)), verb, enPlural(f.Lower), f.Ahead, f.Settings),
		Subtitle: fmt.Sprintf("Mean difference per member over %d paired replicates; black line: no difference", f.Replicates),
		Keys:     []string{fmt.Sprintf("%s minus %s, final %s", enPlural(f.Higher), enPlural(f.Lower), e.Metric(f.Metric))},
		HowToRead: "Each cell is one setting of the two swept parameters; its colour and number are the mean difference " +
			"between the two strategies (blue: the first ahead, red: behind). The black line is where they are level."}
	return s
}

// --- the report page (internal/page) ---

func (english) Page() PageWords { return enPage{} }

// enPage is the report page in English.
type enPage struct{}

func (enPage) RunKicker(name string) string { return "giversgain report · run " + name }

func (enPage) RunFacts(members, chapters, rounds, replicates int, seed uint64) string {
	ch := "one chapter"
	if chapters > 1 {
		ch = enNum.Count(chapters) + " chapters"
	}
	return fmt.Sprintf("%s members in %s, %s weekly meetings (%s), %s of the same group with different luck (seed %d).",
		enNum.Count(members), ch, enNum.Count(rounds), english{}.horizon(rounds), enReplicates(replicates), seed)
}

// enReplicates counts replicates: "one replicate", "32 replicates".
func enReplicates(n int) string {
	if n == 1 {
		return "one replicate"
	}
	return enNum.Count(n) + " replicates"
}

func (enPage) KeyNumbers() string { return "Key numbers" }

func (enPage) IntervalsExplained(rounds, replicates int) string {
	h := english{}.horizon(rounds)
	if replicates < 2 {
		return fmt.Sprintf("Each figure is per member after %s, from a single replicate: there is no interval, so read small differences as noise.", h)
	}
	return fmt.Sprintf("Each figure is per member after %s, averaged over %s: the same group run again with different luck. "+
		"The 95%% interval is the range in which the true average lies, 95 times in 100. "+
		"Where two strategies' intervals overlap, this run cannot tell them apart.", h, enReplicates(replicates))
}

func (enPage) NetIncome() string          { return "Net income per member" }
func (enPage) PerDollar(x float64) string { return fmt.Sprintf("%s per $1", enNum.MoneyDecimal(x, 1)) }
func (enPage) GivesNothing() string       { return "- (gives nothing)" }

func (enPage) Payback(week, rounds int) string {
	switch week {
	case 0:
		return fmt.Sprintf("Givers' average income was not ahead of takers' at the end: they never pulled ahead for good %s.", english{}.Over(rounds))
	case 1:
		return "Givers' average income was ahead of takers' from the first week to the end."
	}
	return fmt.Sprintf("Givers' average income stayed ahead of takers' from %s to the end.", english{}.week(week, rounds))
}

func (enPage) Welfare(welfare, gini sim.Stat) string {
	var parts []string
	if welfare.N > 0 {
		s := "All members together ended with " + enNum.Money(welfare.Mean) + " each on average"
		if welfare.N >= 2 {
			s += " (95% interval " + enNum.MoneyRange(welfare.Low, welfare.High) + ")"
		}
		parts = append(parts, s+": the whole group's welfare.")
	}
	if gini.N > 0 {
		parts = append(parts, fmt.Sprintf("What members kept of their business is spread with a Gini coefficient of %s (0: everyone kept the same; 1: one member kept everything).", enNum.Decimal(gini.Mean, 2)))
	}
	return strings.Join(parts, " ")
}

func (enPage) ClaimsHeading() string { return "Claims" }

func (enPage) ClaimsSummary(pass, total int) string {
	if pass == total {
		return fmt.Sprintf("All %d claims the config states hold.", total)
	}
	return fmt.Sprintf("%d of the %d claims the config states hold; sim exits 1 when one fails.", pass, total)
}

// enHeadings name the charts in a few words.
var enHeadings = map[string]string{
	"income":       "Income over time",
	"distribution": "Every member's final income",
	"deciles":      "Who is at the top and at the bottom",
	"flows":        "Who refers business to whom",
	"professions":  "Income by profession",
	"shares":       "How the strategies spread",
	"scenarios":    "The scenarios side by side",
	"lines":        "Across the swept parameter",
	"indices":      "What decides the outcome",
	"ahead":        "How often the leader is ahead, across the most influential parameter",
	"heatmap":      "Across both swept parameters",
}

func (enPage) ChartHeading(name string) string {
	if h, ok := enHeadings[name]; ok {
		return h
	}
	return name
}

func (enPage) HowToRead() string { return "How to read it:" }

func (enPage) AssumptionsHeading() string { return "What the model assumes here" }

func (enPage) Population(cfg sim.Config) string {
	p, r := cfg.Population, cfg.Referrals
	seats := "one member per profession in each chapter, as BNI seats them"
	if p.Seats == sim.Shared {
		seats = "professions shared out to all members, several of a kind per chapter"
	}
	return fmt.Sprintf("%s members meet weekly in chapters of about %d, with %s; each keeps up to %d contacts, chapter included, and meets about %s new outside contacts a week. "+
		"A client needs a profession other than the member's own; %s clients come along per member and week on average. Colleagues see an act of giving or withholding with probability %s.",
		enNum.Count(p.Members), p.ChapterSize, seats, p.MaxContacts, enNum.Decimal(r.MeetRate, 3), enNum.Decimal(r.Opportunities, 3), enNum.Decimal(r.Visibility, 3))
}

func (enPage) ChannelsIntro() string {
	return "Givers can only come out ahead if a favour comes back to them. These are the channels by which it can, and whether this config leaves each open (sim channels measures how much of the givers' lead each one carries):"
}

func (enPage) ChannelHead() [4]string { return [4]string{"Channel", "Here", "Setting", "What it does"} }

// enChannelDocs say what each channel of reciprocity of package channels
// does; its label is its name, as sim channels prints it.
var enChannelDocs = map[string]string{
	"visibility":      "colleagues see who gives and who withholds; image scores steer discerning members",
	"gratitude":       "a referral raises the recipient's trust in its referrer, which steers where it refers",
	"close-rate link": "the referrer's trust in the recipient raises the chance the referral closes",
	"ledgers":         "scorekeepers repay those who gave to them and stop giving to those who do not",
	"help's trust":    "a help act (a one-to-one, an article) raises the helped member's trust in the helper",
	"help's value":    "a help act brings the helped member business",
}

func (enPage) Channel(name string) (string, string) { return Capitalize(name), enChannelDocs[name] }

func (enPage) Open(open bool) string {
	if open {
		return "open"
	}
	return "closed"
}

func (enPage) Costs(d Deals) string {
	n := enNum
	s := fmt.Sprintf("Giving costs time: passing a referral costs the giver %s, a help act %s. "+
		"A referred job brings its recipient %s of revenue on average, of which it keeps %s (its margin); the median job ranges from %s for a %s to %s for a %s.",
		n.Money(d.ReferCost), n.Money(d.HelpCost), n.Money(d.Mean), n.Money(d.Kept),
		n.Money(d.CheapestValue), d.Cheapest, n.Money(d.DearestValue), d.Dearest)
	if d.Kept > 0 {
		s += fmt.Sprintf(" Cost over benefit is about %s: reciprocity sustains giving while the chance that a favour comes back exceeds it (Nowak 2006).", n.Sig(d.ReferCost/d.Kept, 2))
	}
	return s
}

func (enPage) EvolutionRule(ev sim.Evolution) string {
	if ev.Period <= 0 {
		return "Members keep their strategy for the whole run."
	}
	switch ev.Rule {
	case sim.Churn:
		return fmt.Sprintf("Every %d weeks the %s of members who gained least leave, and newcomers join with the strategies that visibly pay.", ev.Period, enNum.Percent(ev.ChurnFraction))
	case sim.Generation:
		return fmt.Sprintf("Every %d weeks a new generation takes strategies in proportion to their success.", ev.Period)
	}
	return fmt.Sprintf("Every %d weeks each member may copy a better-earning peer (the more it earns, the likelier), and rarely takes a random strategy (mutation %s).", ev.Period, enNum.Decimal(ev.Mutation, 4))
}

func (enPage) ReproduceHeading() string { return "Reproduce it" }

func (enPage) ReproduceIntro(version string, hasCommand bool) string {
	s := "This page was written by giversgain sim " + version + ". Run in this folder, the first command reruns it from the resolved config beside it and rewrites the folder with every number the same, byte for byte."
	if hasCommand {
		s += " The second is the command that wrote it."
	}
	return s
}

func (enPage) SourceHeading() string { return "Source" }

func (enPage) Source() []string {
	return []string{
		"The claims tested come from “Vermeiden Sie „münzbetriebene“ Netzwerke” (“Avoid coin-operated networks”), a German article in the BNI “Givers Gain” tradition. " +
			"The same argument in English is “Resist Coin-Operated Networking” in Fresh Business Thinking.",
		"The model, with every equation, default and its source, is sim/MODEL.md in the giversgain project; nothing in it is tuned to make givers win.",
	}
}

func (enPage) Footer(version string) string {
	return "Written by giversgain sim " + version + ". The page holds no timestamp: the same config gives the same page."
}

func (enPage) CompareKicker(names []string) string {
	return "giversgain comparison · " + strings.Join(names, ", ")
}

func (enPage) CompareHeadline(scenarios int) string {
	return fmt.Sprintf("%s scenarios side by side, on one scale", enNum.Count(scenarios))
}

func (enPage) CompareFacts(ss []ScenarioFacts) string {
	var parts []string
	for _, s := range ss {
		parts = append(parts, fmt.Sprintf("%s: %s members, %s, %s", s.Name, enNum.Count(s.Members), english{}.horizon(s.Rounds), enReplicates(s.Replicates)))
	}
	return strings.Join(parts, "; ") + "."
}

// short says a verdict in a few words for a tick label: "givers +44%",
// "takers 2.1×", "no clear winner".
func (enPage) short(v Verdict) string {
	switch v.Case {
	case Level, Unclear:
		return "no clear winner"
	case Clear:
	default:
		return ""
	}
	switch v.Measure {
	case Times:
		return enPlural(v.Lead) + " " + enNum.Decimal(v.Est.Mean, 1) + "×"
	case Dollars:
		return enPlural(v.Lead) + " +" + enNum.Round(v.Est.Mean)
	}
	return enPlural(v.Lead) + " +" + enNum.Signed(v.Est.Mean, 0) + "%"
}

func (e enPage) Scenarios(f ScenarioWordsFacts) Slide {
	ahead := map[string][]string{}
	var order []string
	for i, v := range f.Verdicts {
		who := ""
		if v.Case == Clear {
			who = v.Lead
		}
		if _, ok := ahead[who]; !ok {
			order = append(order, who)
		}
		ahead[who] = append(ahead[who], f.Scenarios[i])
	}
	var parts []string
	for _, who := range order {
		list := enList(ahead[who])
		if who == "" {
			parts = append(parts, "no clear winner in "+list)
			continue
		}
		parts = append(parts, enPlural(who)+" ahead in "+list)
	}
	title := Capitalize(strings.Join(parts, "; "))
	if len(order) == 1 && order[0] == "" {
		title = fmt.Sprintf("No clear winner in any of the %d scenarios", len(f.Scenarios))
	}
	s := Slide{Name: "scenarios", Title: title,
		Subtitle: fmt.Sprintf("Mean final net income per member %s; thin lines: 95%% intervals over %s; every scenario on one scale",
			english{}.After(f.Rounds), enReplicates(f.Replicates)),
		Y: "Final net income per member", Interval: enTerms["interval"],
		HowToRead: "One group of bars per scenario: each bar is a strategy's mean final net income per member, the thin line on it its 95% interval. " +
			"Every scenario is on the same scale, so heights compare across the slide; under each scenario, who came out ahead."}
	for i, name := range f.Scenarios {
		s.Ticks = append(s.Ticks, name+"\n"+e.short(f.Verdicts[i]))
	}
	return s
}

// enList joins names: "a", "a and b", "a, b and c".
func enList(xs []string) string {
	if len(xs) <= 1 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

func (enPage) SharedScale() string {
	return "Each chart below is drawn once per scenario, on one scale for all scenarios: the same height means the same dollars on every slide, so slides can be shown side by side."
}

func (enPage) ScenarioHeading(scenario, chart string) string { return scenario + ": " + chart }

func (enPage) ScenariosHeading() string { return "The scenarios" }

func (enPage) ScenarioHead() [4]string {
	return [4]string{"Scenario", "What happened", "Members, weeks, replicates", "From"}
}

func (enPage) SweepKicker(name string) string { return "giversgain sweep · " + name }

func (enPage) SweepFacts(points, replicates int, axes []string) string {
	return fmt.Sprintf("%s settings of %s, %s each.", enNum.Count(points), enList(axes), enReplicates(replicates))
}

func (enPage) SweepReproduce(name, hash string) string {
	return fmt.Sprintf("The sweep file called %s (config hash %s) reruns it, and its checkpoint resumes it where it stopped: sim sweep -config FILE. A sweep run in shards and merged with sim merge writes this page byte for byte.", name, hash)
}

func (enPage) StudyKicker(name string) string { return "giversgain sensitivity study · " + name }

func (enPage) StudyFacts(points, replicates, params int) string {
	return fmt.Sprintf("%s settings of %s parameters varied at once, %s each.", enNum.Count(points), enNum.Count(params), enReplicates(replicates))
}

func (enPage) IndicesHeading() string { return "Every parameter's influence" }

func (enPage) StudyReproduce(name, hash string) string {
	return fmt.Sprintf("The study file called %s (config hash %s) reruns it, and its checkpoint resumes it where it stopped: sim sensitivity -config FILE. samples.csv holds every setting and its outputs in design order, from which SALib or R's sensitivity package recompute the indices (docs/sensitivity.md). A study run in shards and merged with sim merge writes this page byte for byte.", name, hash)
}

func (enPage) StudyHowToRead(chart string) string {
	switch chart {
	case "indices":
		return "Each parameter's share of the outcome's variance over all settings, most influential first. The first-order index is what the parameter explains alone; the total index adds everything it does together with others, so a total far above the first-order index means the parameter acts through interactions. Whiskers are bootstrap intervals; an index whose interval reaches zero may not matter at all. Morris screening, when run alone, ranks the parameters by their mean absolute effect instead."
	case "ahead":
		return "All settings of the study, binned by the most influential parameter while every other parameter varies over its range: the line is the share of settings in each bin where the leading kind ends ahead, the band its 95% interval. A falling line says where giving stops paying."
	}
	return ""
}
