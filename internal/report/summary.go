package report

import (
	"encoding/json"
	"fmt"
	"io"
	"math"

	"github.com/giversgain/giversgain/internal/findings"
	"github.com/giversgain/giversgain/sim"
)

// Interval is a mean across replicates with its 95% confidence interval
// (Student's t), as written in summary.json:
//
//	{"mean": 52310.5, "ci_low": 50100.2, "ci_high": 54520.8, "n": 32}
//
// N counts the replicates in which the value was defined; with N = 1 the
// interval is the single value. A value defined in no replicate (a strategy
// with no members, a ratio whose divisor is always zero) is not an Interval
// but JSON null.
type Interval struct {
	// Mean is the mean across replicates; CILow and CIHigh bound its 95%
	// interval; N counts the replicates that defined it.
	Mean   float64 `json:"mean"`
	CILow  float64 `json:"ci_low"`
	CIHigh float64 `json:"ci_high"`
	N      int     `json:"n"`
}

// NewInterval converts a sim.Stat; it returns nil (JSON null) when the Stat
// has N == 0 or any non-finite number, so summary.json never holds NaN or
// Inf.
func NewInterval(s sim.Stat) *Interval {
	if !statFinite(s) {
		return nil
	}
	return &Interval{Mean: zero(s.Mean), CILow: zero(s.Low), CIHigh: zero(s.High), N: s.N}
}

// Stat converts the interval back to a sim.Stat; a nil Interval (an
// undefined statistic) gives the zero Stat, whose N is 0.
func (i *Interval) Stat() sim.Stat {
	if i == nil {
		return sim.Stat{}
	}
	return sim.Stat{Mean: i.Mean, Low: i.CILow, High: i.CIHigh, N: i.N}
}

// zero turns -0 into 0.
func zero(x float64) float64 {
	if x == 0 {
		return 0
	}
	return x
}

// Summary is the content of summary.json, in key order. Money is in
// dollars, time in rounds (one round is one weekly meeting), and every
// per-member figure is a mean over the members of a strategy at the final
// round, then a mean with 95% interval across replicates. The file holds no
// timestamps or wall times: the same config gives the same bytes.
type Summary struct {
	// Version is the simulator's version that wrote the file.
	Version string `json:"version"`
	// Name, Seed, Rounds, Replicates and Members repeat the run's config.
	Name       string `json:"name"`
	Seed       uint64 `json:"seed"`
	Rounds     int    `json:"rounds"`
	Replicates int    `json:"replicates"`
	Members    int    `json:"members"`
	// Strategies has one entry per configured variant, in config order.
	Strategies []StrategySummary `json:"strategies"`
	// Kinds pools the variants of each kind, in order of first appearance.
	Kinds []KindSummary `json:"kinds"`
	// Comparison is the head-to-head behind the verdict; null when fewer
	// than two kinds have members at the end.
	Comparison *Comparison `json:"comparison"`
	// Payback is the week from which givers stay ahead of takers.
	Payback Payback `json:"payback"`
	// Welfare is the mean final net income per member, all strategies
	// together.
	Welfare *Interval `json:"welfare"`
	// Gini is the Gini coefficient of final gross earnings (0 equal, near 1
	// concentrated); net income can be negative, where Gini is undefined.
	Gini *Interval `json:"gini"`
	// Evolution, present only when strategies evolve (evolution.period >
	// 0), gives each strategy's long-run share: the mean share over the
	// last 20% of rounds, then mean and 95% interval across replicates.
	Evolution *Evolution `json:"evolution,omitempty"`
	// Totals counts every act, summed over all replicates.
	Totals Totals `json:"totals"`
	// Verdict is the one-sentence summary (see Verdict).
	Verdict string `json:"verdict"`
}

// StrategySummary is one variant's final state. Every Interval is per
// member of the variant at the final round and is null when the variant
// had no members in any replicate.
type StrategySummary struct {
	// Name is the variant's name in the config; Kind its strategy kind.
	Name string `json:"name"`
	Kind string `json:"kind"`
	// Share is the variant's final share of members (it changes only under
	// evolution).
	Share *Interval `json:"share"`
	// Income is cumulative net income: Earned minus Costs.
	Income *Interval `json:"income"`
	// Earned is the dollars the member kept of the business it received
	// (its profession's margin times Revenue); Revenue is that business as
	// the clients paid it (closed referrals, BNI's "closed business", and
	// help worth something); Costs are dollars of time spent referring
	// and helping.
	Earned  *Interval `json:"earned"`
	Revenue *Interval `json:"revenue"`
	Costs   *Interval `json:"costs"`
	// ReferralsGiven and ReferralsReceived count referrals passed and
	// received.
	ReferralsGiven    *Interval `json:"referrals_given"`
	ReferralsReceived *Interval `json:"referrals_received"`
	// DollarsGiven and DollarsReceived are the deal values of those
	// referrals, closed or not.
	DollarsGiven    *Interval `json:"dollars_given"`
	DollarsReceived *Interval `json:"dollars_received"`
	// DealsClosed counts referrals received that closed.
	DealsClosed *Interval `json:"deals_closed"`
	// Helps counts low-cost help acts given.
	Helps *Interval `json:"helps"`
	// Contacts is the size of the contact list; Image the mean image score
	// (-5..5) chapter colleagues hold of the member.
	Contacts *Interval `json:"contacts"`
	Image    *Interval `json:"image"`
	// ReturnOnGiving is dollars kept of the business received per dollar
	// of time spent giving (referring and helping): the variant's total
	// Earned divided by its total Costs in each replicate, then averaged
	// across replicates. 8 means every dollar of time given came back as
	// $8 kept of business. It
	// is null where the variant spent nothing in every replicate (a pure
	// taker gives nothing, so it has no return on giving).
	ReturnOnGiving *Interval `json:"return_on_giving"`
}

// Evolution is the long-run outcome of an evolving run.
type Evolution struct {
	// LongRunShares has one entry per strategy, in config order.
	LongRunShares []LongRunShare `json:"long_run_shares"`
	// Outcome says which strategy took over (a long-run share above 0.9),
	// or that none did.
	Outcome string `json:"outcome"`
}

// LongRunShare is one strategy's mean share over the last 20% of rounds.
type LongRunShare struct {
	Name  string    `json:"name"`
	Share *Interval `json:"share"`
}

// KindSummary is the final mean net income per member of all members of a
// kind, variants pooled (sim.Result.KindIncome at the final round).
type KindSummary struct {
	// Kind is the strategy kind; Income its members' mean final net income.
	Kind   string    `json:"kind"`
	Income *Interval `json:"income"`
}

// Comparison is the paired difference of final mean net income per member
// between kind A and kind B: givers against takers; without takers givers
// against the best-earning other kind; without givers the best-earning kind
// against the next.
type Comparison struct {
	// A and B are the kinds compared.
	A string `json:"a"`
	B string `json:"b"`
	// Dollars is A's mean income minus B's, per replicate.
	Dollars *Interval `json:"dollars"`
	// Percent is how much more (negative: less) A earned than B, in
	// percent of B's mean income: 100·(mean A / mean B − 1), the ratio of
	// the means paired by replicate, with a delta-method interval. Null
	// when B's mean income is not surely positive, where a percentage
	// means nothing.
	Percent *Interval `json:"percent"`
}

// Payback says from which week givers' mean cumulative net income stays
// above takers' to the end (sim.Result.Payback).
type Payback struct {
	// Defined is false when the mix lacks givers or takers; Round is then
	// null.
	Defined bool `json:"defined"`
	// Round is the first week from which givers' mean stayed above takers'
	// for the rest of the run (1: ahead from the first week). Null when
	// givers are not ahead at the end: they never pulled ahead for good.
	Round *int `json:"round"`
}

// Totals counts every act of the run, summed over replicates: conservation
// checks (EarnedValue equals ClosedValue; ReferCosts equals Referrals times
// the refer cost) can be made from the file. Values are in dollars.
type Totals struct {
	// Opportunities is every client drawn; Unmatched those for which the
	// member had no contact of the profession (lost, not withholding);
	// Withheld those its strategy held back (lost).
	Opportunities int64 `json:"opportunities"`
	Unmatched     int64 `json:"unmatched"`
	Withheld      int64 `json:"withheld"`
	// Referrals passed, how many Closed, and Helps (low-cost help acts).
	Referrals int64 `json:"referrals"`
	Closed    int64 `json:"closed"`
	Helps     int64 `json:"helps"`
	// ReferredValue is the dollars (revenue) of every referral passed,
	// ClosedValue of every one that closed, EarnedValue the revenue
	// recipients were credited for them; HelpValue the revenue help acts
	// brought the helped.
	ReferredValue float64 `json:"referred_value"`
	ClosedValue   float64 `json:"closed_value"`
	EarnedValue   float64 `json:"earned_value"`
	HelpValue     float64 `json:"help_value"`
	// ReferCosts and HelpCosts are the dollars of time members paid.
	ReferCosts float64 `json:"refer_costs"`
	HelpCosts  float64 `json:"help_costs"`
	// GivingActs and WithholdingActs count the acts that could be seen;
	// GivingSeen and WithholdingSeen the observations (observer × act).
	GivingActs      int64 `json:"giving_acts"`
	GivingSeen      int64 `json:"giving_seen"`
	WithholdingActs int64 `json:"withholding_acts"`
	WithholdingSeen int64 `json:"withholding_seen"`
	// Meetings is the number of new outside relationships made.
	Meetings int64 `json:"meetings"`
}

// NewSummary computes the summary of res; version is the simulator's
// version string.
func NewSummary(res *sim.Result, version string) *Summary {
	cfg := res.Config
	s := &Summary{
		Version: version, Name: cfg.Name, Seed: cfg.Seed, Rounds: res.Rounds,
		Replicates: len(res.Replicates), Members: cfg.Population.Members,
		Strategies: []StrategySummary{}, Kinds: []KindSummary{},
	}
	rog := returnOnGiving(res)
	final := func(m sim.Metric, i int) *Interval {
		if int(m) >= len(res.Series) || i >= len(res.Series[m]) || res.Rounds < 1 || res.Rounds > len(res.Series[m][i]) {
			return nil
		}
		return NewInterval(res.Final(m, i))
	}
	for i, name := range res.Strategies {
		s.Strategies = append(s.Strategies, StrategySummary{
			Name: name, Kind: res.Kinds[i],
			Share:             final(sim.Share, i),
			Income:            final(sim.Income, i),
			Earned:            final(sim.Earned, i),
			Revenue:           final(sim.Revenue, i),
			Costs:             final(sim.Costs, i),
			ReferralsGiven:    final(sim.ReferralsGiven, i),
			ReferralsReceived: final(sim.ReferralsReceived, i),
			DollarsGiven:      final(sim.ValueGiven, i),
			DollarsReceived:   final(sim.ValueReceived, i),
			DealsClosed:       final(sim.DealsClosed, i),
			Helps:             final(sim.HelpsGiven, i),
			Contacts:          final(sim.Contacts, i),
			Image:             final(sim.Image, i),
			ReturnOnGiving:    NewInterval(rog[i]),
		})
	}
	if cfg.Evolution.Period > 0 {
		ev := &Evolution{Outcome: res.Takeover()}
		for i, st := range res.LongRunShares() {
			ev.LongRunShares = append(ev.LongRunShares, LongRunShare{Name: res.Strategies[i], Share: NewInterval(st)})
		}
		s.Evolution = ev
	}
	run := findings.Of(res)
	kf := run.Kinds
	for k, kind := range kf.Kinds {
		s.Kinds = append(s.Kinds, KindSummary{Kind: kind, Income: NewInterval(kf.Stat(k))})
	}
	if a, b, ok := findings.Opponents(kf); ok && b >= 0 {
		c := findings.Compare(kf, a, b)
		s.Comparison = &Comparison{A: kf.Kinds[a], B: kf.Kinds[b], Dollars: NewInterval(c.Dollars)}
		if c.OverBValid {
			s.Comparison.Percent = NewInterval(c.OverB)
		}
	}
	s.Payback.Defined = res.Payback.Defined
	if res.Payback.Defined && res.Payback.Round > 0 {
		r := res.Payback.Round
		s.Payback.Round = &r
	}
	s.Welfare, s.Gini = NewInterval(res.Welfare), NewInterval(res.Gini)
	for _, rep := range res.Replicates {
		t := rep.Totals
		s.Totals.Opportunities += t.Opportunities
		s.Totals.Unmatched += t.Unmatched
		s.Totals.Withheld += t.Withheld
		s.Totals.Referrals += t.Referrals
		s.Totals.Closed += t.Closed
		s.Totals.Helps += t.Helps
		s.Totals.ReferredValue += t.ReferredValue
		s.Totals.ClosedValue += t.ClosedValue
		s.Totals.EarnedValue += t.EarnedValue
		s.Totals.HelpValue += t.HelpValue
		s.Totals.ReferCosts += t.ReferCosts
		s.Totals.HelpCosts += t.HelpCosts
		s.Totals.GivingActs += t.GivingActs
		s.Totals.GivingSeen += t.GivingSeen
		s.Totals.WithholdingActs += t.WithholdingActs
		s.Totals.WithholdingSeen += t.WithholdingSeen
		s.Totals.Meetings += t.Meetings
	}
	s.Verdict = findings.English.Verdict(run.Verdict)
	return s
}

// returnOnGiving is, per strategy, the Summarize over replicates of its
// members' total earned dollars divided by their total costs (NaN for a
// replicate where they spent nothing or had no members).
func returnOnGiving(res *sim.Result) []sim.Stat {
	out := make([]sim.Stat, len(res.Strategies))
	earned := make([]float64, len(res.Strategies))
	costs := make([]float64, len(res.Strategies))
	per := make([][]float64, len(res.Strategies))
	for _, rep := range res.Replicates {
		clear(earned)
		clear(costs)
		for _, a := range rep.Agents {
			if a.Strategy >= 0 && a.Strategy < len(earned) {
				earned[a.Strategy] += a.Earned
				costs[a.Strategy] += a.Costs
			}
		}
		for i := range per {
			x := math.NaN()
			if costs[i] > 0 {
				x = earned[i] / costs[i]
			}
			per[i] = append(per[i], x)
		}
	}
	for i := range out {
		out[i] = sim.Summarize(per[i])
	}
	return out
}

// WriteSummary writes summary.json: s (from NewSummary) as indented JSON
// with the keys in the order of the Summary type. It writes nothing and
// returns an error if a value cannot be encoded (it never writes NaN or
// Inf).
func WriteSummary(w io.Writer, s *Summary) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return fmt.Errorf("summary.json: %w", err)
	}
	return nil
}
