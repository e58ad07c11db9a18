package report

import (
	"fmt"

	"github.com/giversgain/giversgain/sim"
)

// Verdict sums up a run in one sentence a speaker can say out loud, for
// example "Givers out-earned takers by 38% (95% CI 31-45%) after 10 years;
// they pulled ahead for good in week 61."
//
// It compares final mean net income per member by kind, variants pooled (as
// sim.Result.KindIncome does): givers against takers; in a mix without
// takers (or with none left) givers against the best-earning other kind;
// without givers the best-earning kind against the next. The difference is
// paired by replicate: each replicate gives the percentage by which the
// leading kind's mean income exceeds the other's, and sim.Summarize turns
// those into a mean and 95% interval. A percentage of a negative or zero
// income means nothing, so when the trailing kind's income is not positive
// in every replicate the sentence gives the difference in dollars per member
// instead; from a difference of 100% up it says "N times as much".
//
// The sentence follows the data: when the leader is the taker or any other
// kind it names it; when the interval includes zero it begins "No clear
// winner"; with a single replicate it says there is no interval. Givers
// against takers, it adds the payback week (sim.Result.Payback): when
// givers pulled ahead for good, that they led from the first week, or that
// they never pulled ahead for good. Horizons that are whole years (52
// weeks) are said in years, others in weeks.
func Verdict(res *sim.Result) string { return judge(res).String() }

// Headline is the verdict's main clause: the sentence of Verdict without
// the payback week that may follow it and without the final full stop, as
// in "Givers out-earned takers by 38% (95% CI 31-45%) after 10 years". The
// income chart takes it as its title, so the slide and the sentence said
// out loud give the same figure and interval.
func Headline(res *sim.Result) string { return judge(res).headline }

// noResults is the headline of a result without replicates.
const noResults = "No results to compare"

// verdict is the sentence of Verdict in two parts: the headline and the
// payback clause ("; they pulled ahead for good in week 61", or empty).
type verdict struct{ headline, payback string }

func (v verdict) String() string { return v.headline + v.payback + "." }

// judge is the verdict of res.
func judge(res *sim.Result) verdict {
	if res == nil {
		return verdict{headline: noResults}
	}
	return judgeKinds(res, newKindFinals(res))
}

// judgeKinds is the verdict of res, given its kind finals kf
// (newKindFinals(res)), which NewSummary computes once for both.
func judgeKinds(res *sim.Result, kf kindFinals) verdict {
	if len(res.Replicates) == 0 {
		return verdict{headline: noResults}
	}
	when := horizon(res.Rounds)
	a, b, ok := opponents(kf)
	if !ok {
		return verdict{headline: "No members were left to compare " + when}
	}
	if b < 0 {
		return verdict{headline: onlyKind(kf, a, when)}
	}
	A, B := kf.kinds[a], kf.kinds[b]
	ctx := mixContext(kf, A, B)
	c := compare(kf, a, b)
	d := c.Dollars
	if d.N == 0 {
		return verdict{headline: fmt.Sprintf("%s and %s never both had members at the end of a replicate, so they cannot be compared %s",
			capitalize(people(A)), people(B), when)}
	}
	if d.Mean == 0 {
		return verdict{fmt.Sprintf("No clear winner: %s and %s ended level %s%s",
			people(A), people(B), when, ctx), paybackClause(res, A, B, "", false)}
	}
	lead, trail := A, B
	pct, pctOK := c.OverB, c.OverBValid
	if d.Mean < 0 {
		lead, trail = B, A
		pct, pctOK = c.OverA, c.OverAValid
		d = sim.Stat{Mean: -d.Mean, Low: -d.High, High: -d.Low, N: d.N}
	}
	usePct := pctOK && statFinite(pct) && pct.Mean > 0
	rep := d
	if usePct {
		rep = pct
	}
	single := rep.N == 1
	clear := single || rep.Low > 0
	pay := paybackClause(res, A, B, lead, clear)
	if !clear {
		var ahead, ci string
		if usePct {
			p := precFor(rep.Mean, rep.Low, rep.High)
			ahead, ci = signed(rep.Mean, p)+"%", rangeOf(rep.Low, rep.High, p, "%")
		} else {
			ahead, ci = money(rep.Mean)+" per member", moneyRange(rep.Low, rep.High)
		}
		return verdict{fmt.Sprintf("No clear winner: %s ended %s ahead of %s (95%% CI %s) %s%s",
			people(lead), ahead, people(trail), ci, when, ctx), pay}
	}
	var amount, ci string
	switch {
	case usePct && rep.Mean >= 100:
		lo, mid, hi := 1+rep.Low/100, 1+rep.Mean/100, 1+rep.High/100
		p := precFor(mid, lo, hi)
		amount = fmt.Sprintf("earned %s times as much as %s", signed(mid, p), people(trail))
		ci = rangeOf(lo, hi, p, " times")
	case usePct:
		p := precFor(rep.Mean, rep.Low, rep.High)
		amount = fmt.Sprintf("out-earned %s by %s%%", people(trail), signed(rep.Mean, p))
		ci = rangeOf(rep.Low, rep.High, p, "%")
	default:
		amount = fmt.Sprintf("out-earned %s by %s per member", people(trail), money(rep.Mean))
		ci = moneyRange(rep.Low, rep.High)
	}
	if single {
		return verdict{fmt.Sprintf("%s %s %s in the only replicate (too few for a confidence interval)%s",
			capitalize(people(lead)), amount, when, ctx), pay}
	}
	return verdict{fmt.Sprintf("%s %s (95%% CI %s) %s%s", capitalize(people(lead)), amount, ci, when, ctx), pay}
}

// onlyKind is the headline when a single kind has members at the end.
func onlyKind(kf kindFinals, a int, when string) string {
	st := kf.stat(a)
	ci := ""
	if st.N >= 2 {
		ci = " (95% CI " + moneyRange(st.Low, st.High) + ")"
	}
	if len(kf.kinds) == 1 {
		return fmt.Sprintf("Only %s in this mix: they made %s per member on average%s %s",
			people(kf.kinds[a]), money(st.Mean), ci, when)
	}
	return fmt.Sprintf("Only %s were left %s, with %s per member on average%s",
		people(kf.kinds[a]), when, money(st.Mean), ci)
}

// mixContext notes, when the comparison is not givers against takers,
// why: ", in a mix without takers" or ", with no takers left".
func mixContext(kf kindFinals, A, B string) string {
	missing := ""
	switch {
	case A == "giver" && B == "taker":
		return ""
	case A == "giver":
		missing = "taker"
	default:
		missing = "giver"
	}
	if kf.index(missing) >= 0 {
		return ", with no " + people(missing) + " left"
	}
	return ", in a mix without " + people(missing)
}

// paybackClause adds the payback week when givers are compared with takers.
func paybackClause(res *sim.Result, A, B, lead string, clear bool) string {
	if A != "giver" || B != "taker" || !res.Payback.Defined {
		return ""
	}
	r := res.Payback.Round
	switch {
	case clear && lead == "giver" && r == 1:
		return "; they were ahead from the first week"
	case clear && lead == "giver" && r > 1:
		return fmt.Sprintf("; they pulled ahead for good in week %d", r)
	case clear && lead == "giver":
		return ""
	case r == 0:
		return "; givers never pulled ahead for good"
	case clear:
		return ""
	case r == 1:
		return "; givers' mean was ahead from the first week"
	}
	return fmt.Sprintf("; givers' mean has stayed ahead since week %d", r)
}
