package findings

import (
	"github.com/giversgain/giversgain/sim"
)

// Case is the shape of a verdict.
type Case int

// The verdict's cases.
const (
	// NoResults: the result holds no replicates.
	NoResults Case = iota
	// NoMembers: no kind had members at the end.
	NoMembers
	// OnlyOne: a single kind had members at the end (Only, Alone).
	OnlyOne
	// NeverBoth: the two kinds never both had members at the end of a
	// replicate.
	NeverBoth
	// Level: the two kinds ended level.
	Level
	// Unclear: the lead's 95% interval includes zero: no clear winner.
	Unclear
	// Clear: the lead's 95% interval excludes zero (or there is a single
	// replicate, Single).
	Clear
)

// Measure is the unit a lead is stated in.
type Measure int

// The measures of a lead.
const (
	// Percent: how much more the leader earned, in percent of the
	// trailing kind's mean income.
	Percent Measure = iota
	// Times: the ratio of the means, from 2 ("twice as much") up.
	Times
	// Dollars: the difference in dollars per member, where the trailing
	// kind's income is not surely positive and a percentage means
	// nothing.
	Dollars
)

// PaybackCase is what the verdict adds about the payback week when it
// compares givers with takers.
type PaybackCase int

// The payback clauses.
const (
	// NoPayback: nothing to add.
	NoPayback PaybackCase = iota
	// AheadFromFirst: givers led clearly and from the first week.
	AheadFromFirst
	// PulledAhead: givers led clearly, ahead for good from Week.
	PulledAhead
	// NeverAhead: givers never pulled ahead for good.
	NeverAhead
	// MeanAheadFromFirst: no clear lead, but givers' mean was ahead from
	// the first week.
	MeanAheadFromFirst
	// MeanAheadSince: no clear lead, but givers' mean stayed ahead since
	// Week.
	MeanAheadSince
)

// Verdict is who earned most in a run, as facts a language words (see
// Lang.Verdict). It compares final mean net income per member by kind,
// variants pooled: givers against takers; in a mix without takers (or
// with none left) givers against the best-earning other kind; without
// givers the best-earning kind against the next. The difference is
// paired by replicate; the lead is the ratio of the mean incomes, with a
// delta-method interval (RatioPercent), or the difference in dollars
// when the trailing kind's income is not surely positive.
type Verdict struct {
	Case Case
	// Rounds is the run's length in weeks; Replicates its replicates.
	Rounds, Replicates int
	// A and B are the kinds compared (A first: givers where there are).
	A, B string
	// Lead and Trail are A and B ordered by who ended ahead (Unclear,
	// Clear).
	Lead, Trail string
	// Measure is the unit of Est, the lead: percent, times (the ratio),
	// or dollars per member; Est's interval is its 95% interval.
	Measure Measure
	Est     sim.Stat
	// Single is true with one replicate: Est has no interval.
	Single bool
	// Missing names the kind whose absence explains why the comparison
	// is not givers against takers; MissingLeft is true when the mix has
	// it but none were left at the end (else the mix lacks it).
	Missing     string
	MissingLeft bool
	// Only is the mean final income of the only kind with members
	// (OnlyOne); Alone is true when it is the only kind in the mix.
	Only  sim.Stat
	Alone bool
	// LeadIncome and TrailIncome are the two kinds' mean final incomes
	// per member (Unclear, Clear).
	LeadIncome, TrailIncome sim.Stat
	// Payback and Week say when givers pulled ahead of takers for good.
	Payback PaybackCase
	Week    int
}

// NewVerdict judges res.
func NewVerdict(res *sim.Result) Verdict {
	if res == nil {
		return Verdict{Case: NoResults}
	}
	return newVerdict(res, NewKindFinals(res))
}

// newVerdict is the verdict of res, given its kind finals kf.
func newVerdict(res *sim.Result, kf KindFinals) Verdict {
	v := Verdict{Rounds: res.Rounds, Replicates: len(res.Replicates)}
	if len(res.Replicates) == 0 {
		v.Case = NoResults
		return v
	}
	a, b, ok := Opponents(kf)
	if !ok {
		v.Case = NoMembers
		return v
	}
	if b < 0 {
		v.Case, v.A, v.Only, v.Alone = OnlyOne, kf.Kinds[a], kf.Stat(a), len(kf.Kinds) == 1
		return v
	}
	A, B := kf.Kinds[a], kf.Kinds[b]
	v.A, v.B = A, B
	if !(A == "giver" && B == "taker") {
		v.Missing = "taker"
		if A != "giver" {
			v.Missing = "giver"
		}
		v.MissingLeft = kf.Index(v.Missing) >= 0
	}
	c := Compare(kf, a, b)
	d := c.Dollars
	if d.N == 0 {
		v.Case = NeverBoth
		return v
	}
	if d.Mean == 0 {
		v.Case = Level
		v.Payback, v.Week = payback(res, A, B, "", false)
		return v
	}
	lead, trail := A, B
	li, ti := kf.Stat(a), kf.Stat(b)
	pct, pctOK := c.OverB, c.OverBValid
	if d.Mean < 0 {
		lead, trail, li, ti = B, A, ti, li
		pct, pctOK = c.OverA, c.OverAValid
		d = sim.Stat{Mean: -d.Mean, Low: -d.High, High: -d.Low, N: d.N}
	}
	v.Lead, v.Trail, v.LeadIncome, v.TrailIncome = lead, trail, li, ti
	usePct := pctOK && StatFinite(pct) && pct.Mean > 0
	rep := d
	v.Measure = Dollars
	if usePct {
		rep, v.Measure = pct, Percent
	}
	v.Single = rep.N == 1
	clear := v.Single || rep.Low > 0
	v.Payback, v.Week = payback(res, A, B, lead, clear)
	v.Est = rep
	if !clear {
		v.Case = Unclear
		return v
	}
	v.Case = Clear
	if usePct && rep.Mean >= 100 {
		v.Measure = Times
		v.Est = sim.Stat{Mean: 1 + rep.Mean/100, Low: 1 + rep.Low/100, High: 1 + rep.High/100, N: rep.N}
	}
	return v
}

// payback is the payback clause when givers are compared with takers.
func payback(res *sim.Result, A, B, lead string, clear bool) (PaybackCase, int) {
	if A != "giver" || B != "taker" || !res.Payback.Defined {
		return NoPayback, 0
	}
	r := res.Payback.Round
	switch {
	case clear && lead == "giver" && r == 1:
		return AheadFromFirst, 1
	case clear && lead == "giver" && r > 1:
		return PulledAhead, r
	case clear && lead == "giver":
		return NoPayback, 0
	case r == 0:
		return NeverAhead, 0
	case clear:
		return NoPayback, 0
	case r == 1:
		return MeanAheadFromFirst, 1
	}
	return MeanAheadSince, r
}
