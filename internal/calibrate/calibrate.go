// Package calibrate fits a config's referral opportunity rate to BNI's
// published activity: it finds referrals.opportunities at which the
// config's own mix passes as many referrals per member and week as BNI's
// members did, and reports the closed business per referral at that rate
// against BNI's figure as a check. Published activity describes real,
// mixed chapters (some members give, some do not), so a preset that
// claims BNI's figures must reproduce them under its own mix, not in a
// world of givers.
//
// The package simulates and computes; it writes no files (sim calibrate
// does).
package calibrate

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/giversgain/giversgain/sim"
)

// Target is BNI's activity over one published year: members, referrals
// passed and "thank you for closed business" (TYFCB), which BNI's
// reporting guidance defines as the gross amount the client paid.
type Target struct {
	// Label names the period, as in "BNI, 12 months to November 2016".
	Label          string
	Members        float64
	Referrals      float64
	ClosedBusiness float64
	// Source cites where the figures come from.
	Source string
}

// ReferralsPerMemberWeek is the target rate: referrals passed per member
// per week.
func (t Target) ReferralsPerMemberWeek() float64 { return t.Referrals / t.Members / 52 }

// BusinessPerReferral is closed business per referral passed, in dollars.
func (t Target) BusinessPerReferral() float64 { return t.ClosedBusiness / t.Referrals }

// BNI2016 is the one BNI year used throughout: the only one found with
// members, referrals and closed business published together for the same
// twelve months (about 0.80 referrals per member-week and $1,256 per
// referral).
var BNI2016 = Target{
	Label:          "BNI, 12 months to November 2016",
	Members:        207135,
	Referrals:      8638145,
	ClosedBusiness: 10.85e9,
	Source:         "BNI statistics \"received November 2016\": 207,135 members, 8,638,145 referrals, $10.85 billion TYFCB (B. Souba, \"Are you part of something bigger?\", BNI Heartland blog, 21 Dec 2016)",
}

// Options control a fit. The zero value fits BNI2016 to within 0.5%.
type Options struct {
	// Target is the published activity to fit; zero means BNI2016.
	Target Target
	// Tolerance is the relative distance from a target at which the fit
	// stops; 0 means 0.005.
	Tolerance float64
	// MaxSteps bounds the simulations of the config; 0 means 30.
	MaxSteps int
	// KeepScale keeps the config's deal-value scale and never fits it,
	// even when closed business per referral misses BNI's by more than
	// BusinessBand.
	KeepScale bool
	// Workers is passed to sim.Run; it never changes a number.
	Workers int
	// Step, if set, is called after each simulation with its result.
	Step func(Step)
}

// Step is one simulation of the fit: the opportunity rate and deal-value
// scale tried and what the config's mix did with them.
type Step struct {
	Opportunities float64
	ValueScale    float64
	// Rate is referrals passed per member-week, over replicates (each
	// replicate's rate over the whole run).
	Rate sim.Stat
	// PerReferral is closed business (revenue) per referral passed, over
	// replicates.
	PerReferral sim.Stat
}

// Result is a finished fit.
type Result struct {
	// Config is the input config with the fitted opportunity rate (and
	// deal-value scale, when ScaleFitted).
	Config sim.Config
	Target Target
	// Steps are every simulation, in order; the last is the fit.
	Steps []Step
	// Fit is the last step: the fitted opportunity rate and the rate and
	// closed business per referral it gives.
	Fit Step
	// Low and High bound the fitted opportunity rate: the rates at which
	// the ends of the 95% interval of Fit.Rate would meet the target,
	// reading the rate as proportional to opportunities near the fit.
	Low, High float64
	// CatalogueMiss is how far closed business per referral missed the
	// target at the catalogue's deal values (value_scale 1, or the
	// config's with KeepScale), once the referral rate was fitted
	// (relative; see BusinessMiss for the miss at the fit).
	CatalogueMiss float64
	// ScaleFitted reports that CatalogueMiss was outside BusinessBand, so
	// that referrals.value_scale was fitted too; ScaleLow and ScaleHigh
	// bound it as Low and High bound the rate.
	ScaleFitted         bool
	ScaleLow, ScaleHigh float64
	// Converged reports whether the fitted targets are met within
	// Tolerance.
	Converged bool
	// Tolerance is the relative tolerance used.
	Tolerance float64
}

// RateMiss is how far the fitted rate is from the target, relative.
func (r *Result) RateMiss() float64 {
	t := r.Target.ReferralsPerMemberWeek()
	return (r.Fit.Rate.Mean - t) / t
}

// BusinessMiss is how far closed business per referral at the fit is
// from the target's, relative.
func (r *Result) BusinessMiss() float64 { return businessMiss(r.Fit, r.Target) }

func businessMiss(s Step, t Target) float64 {
	want := t.BusinessPerReferral()
	return (s.PerReferral.Mean - want) / want
}

// ErrNoReferrals is returned when the config's mix passes no referrals at
// all, so that no opportunity rate can reach the target.
var ErrNoReferrals = errors.New("the config's members pass no referrals at any opportunity rate tried (a mix of takers?): nothing to calibrate")

// Fit searches referrals.opportunities for cfg (validated) so that its
// members pass the target's referrals per member-week over the config's
// run, averaged over its replicates. It starts from cfg's own rate and
// steps by the secant of the last two simulations (the first step scales
// the rate in proportion); every simulation uses cfg's seed, so the
// search moves along one smooth curve rather than through noise.
//
// Closed business per referral is the check. When, at the fitted rate, it
// misses the target by more than BusinessBand (the catalogue's demand
// weights having been looked at first: see sim.DefaultProfessions), Fit
// also fits referrals.value_scale, a factor on every deal value, so that
// closed business per referral meets the target, and says so in the
// Result; Options.KeepScale turns that off. The search starts from the
// catalogue's deal values as sourced (value_scale 1), so that a preset
// fitted before is fitted afresh; with KeepScale it keeps cfg's scale.
func Fit(ctx context.Context, cfg sim.Config, opt Options) (*Result, error) {
	if opt.Target == (Target{}) {
		opt.Target = BNI2016
	}
	if opt.Tolerance <= 0 {
		opt.Tolerance = 0.005
	}
	if opt.MaxSteps <= 0 {
		opt.MaxSteps = 30
	}
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("invalid config: %w", err)
	}
	oppLimit, _ := sim.LookupParam("referrals.opportunities")
	scaleLimit, _ := sim.LookupParam("referrals.value_scale")
	target := opt.Target.ReferralsPerMemberWeek()
	wantBusiness := opt.Target.BusinessPerReferral()
	res := &Result{Target: opt.Target, Tolerance: opt.Tolerance}
	opp, scale := cfg.Referrals.Opportunities, 1.0
	if opt.KeepScale {
		scale = cfg.Referrals.ValueScale
	}
	if opp <= 0 {
		opp = target
	}
	var run []Step // the simulations at the current scale
	for len(res.Steps) < opt.MaxSteps {
		st, err := measure(ctx, cfg, opp, scale, opt.Workers)
		if err != nil {
			return nil, err
		}
		res.Steps = append(res.Steps, st)
		run = append(run, st)
		if opt.Step != nil {
			opt.Step(st)
		}
		if math.Abs(st.Rate.Mean-target) > opt.Tolerance*target {
			next, err := nextRate(run, target)
			if err != nil {
				return nil, err
			}
			if !oppLimit.Contains(next) {
				return nil, fmt.Errorf("reaching %.3g referrals per member-week would need referrals.opportunities = %.3g, outside its range (%s)", target, next, oppLimit.Text())
			}
			opp = next
			continue
		}
		// The rate is met: check closed business per referral.
		miss := businessMiss(st, opt.Target)
		if !res.ScaleFitted {
			res.CatalogueMiss = miss
			if opt.KeepScale || math.Abs(miss) <= BusinessBand {
				res.Converged = true
				break
			}
			res.ScaleFitted = true
		} else if math.Abs(miss) <= opt.Tolerance {
			res.Converged = true
			break
		}
		// Closed business is proportional to the deal values but for the
		// few decisions that read them (hunters, value ledgers): scale in
		// proportion, then fit the rate again.
		next := scale * wantBusiness / st.PerReferral.Mean
		if !scaleLimit.Contains(next) {
			return nil, fmt.Errorf("meeting $%.0f closed business per referral would need referrals.value_scale = %.3g, outside its range (%s)", wantBusiness, next, scaleLimit.Text())
		}
		scale, run = next, nil
	}
	res.Fit = res.Steps[len(res.Steps)-1]
	res.Config = cfg
	res.Config.Referrals.Opportunities = res.Fit.Opportunities
	res.Config.Referrals.ValueScale = res.Fit.ValueScale
	res.Low, res.High = invert(res.Fit.Opportunities, target, res.Fit.Rate)
	if res.ScaleFitted {
		res.ScaleLow, res.ScaleHigh = invert(res.Fit.ValueScale, wantBusiness, res.Fit.PerReferral)
	}
	return res, nil
}

// invert bounds the value x at which a quantity measured as s (at x,
// proportional to x) would equal want: x·want/s.High to x·want/s.Low.
func invert(x, want float64, s sim.Stat) (lo, hi float64) {
	if !(s.High > 0 && s.Low > 0) {
		return x, x
	}
	return x * want / s.High, x * want / s.Low
}

// nextRate proposes the next opportunity rate from the simulations so
// far at one deal-value scale: the secant through the last two where they
// differ, else a scaling in proportion to the target.
func nextRate(steps []Step, target float64) (float64, error) {
	last := steps[len(steps)-1]
	if last.Rate.Mean <= 0 {
		return 0, ErrNoReferrals
	}
	if len(steps) >= 2 {
		prev := steps[len(steps)-2]
		dr, do := last.Rate.Mean-prev.Rate.Mean, last.Opportunities-prev.Opportunities
		if dr != 0 && do != 0 && dr/do > 0 {
			if next := last.Opportunities + (target-last.Rate.Mean)*do/dr; next > 0 {
				return next, nil
			}
		}
	}
	return last.Opportunities * target / last.Rate.Mean, nil
}

// measure runs cfg at opportunity rate opp and deal-value scale scale
// and summarises the referral rate and the closed business per referral
// over its replicates.
func measure(ctx context.Context, cfg sim.Config, opp, scale float64, workers int) (Step, error) {
	cfg.Referrals.Opportunities, cfg.Referrals.ValueScale = opp, scale
	res, err := sim.Run(ctx, cfg, sim.Options{Workers: workers})
	if err != nil {
		return Step{}, err
	}
	memberWeeks := float64(cfg.Population.Members) * float64(cfg.Rounds)
	rates := make([]float64, len(res.Replicates))
	perRef := make([]float64, len(res.Replicates))
	for k, rep := range res.Replicates {
		t := rep.Totals
		rates[k] = float64(t.Referrals) / memberWeeks
		perRef[k] = math.NaN()
		if t.Referrals > 0 {
			perRef[k] = t.ClosedValue / float64(t.Referrals)
		}
	}
	return Step{Opportunities: opp, ValueScale: scale, Rate: sim.Summarize(rates), PerReferral: sim.Summarize(perRef)}, nil
}
