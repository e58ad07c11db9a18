package calibrate

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/giversgain/giversgain/sim"
)

// WriteText writes the fit for a person: the fitted rate with its
// interval, how close the fit came, the closed business check, the deal
// value scale when it had to be fitted, and every step.
func (r *Result) WriteText(w io.Writer, name string) error {
	t := r.Target
	status := "converged"
	if !r.Converged {
		status = fmt.Sprintf("did NOT converge to within %.1f%% in %d simulations", 100*r.Tolerance, len(r.Steps))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: referrals.opportunities = %s (95%% interval %s-%s), %s\n", name, fmtRate(r.Fit.Opportunities), fmtRate(r.Low), fmtRate(r.High), status)
	fmt.Fprintf(&b, "  target: %s: %.3f referrals per member-week, $%.0f closed business per referral\n          (%s)\n",
		t.Label, t.ReferralsPerMemberWeek(), t.BusinessPerReferral(), t.Source)
	fmt.Fprintf(&b, "  fitted: %.3f referrals per member-week (95%% CI %.3f-%.3f), %+.1f%% off the target\n",
		r.Fit.Rate.Mean, r.Fit.Rate.Low, r.Fit.Rate.High, 100*r.RateMiss())
	inBand := "within"
	if math.Abs(r.CatalogueMiss) > BusinessBand {
		inBand = "OUTSIDE"
	}
	fmt.Fprintf(&b, "  check:  at the catalogue's deal values, closed business per referral missed BNI's $%.0f by %+.0f%%: %s the +-%.0f%% band\n",
		t.BusinessPerReferral(), 100*r.CatalogueMiss, inBand, 100*BusinessBand)
	if r.ScaleFitted {
		fmt.Fprintf(&b, "  scale:  so every deal value is scaled: referrals.value_scale = %s (95%% interval %s-%s)\n",
			fmtRate(r.Fit.ValueScale), fmtRate(r.ScaleLow), fmtRate(r.ScaleHigh))
	}
	fmt.Fprintf(&b, "  at the fit: $%.0f closed business per referral (95%% CI $%.0f-$%.0f), %+.1f%% against BNI's\n\n",
		r.Fit.PerReferral.Mean, r.Fit.PerReferral.Low, r.Fit.PerReferral.High, 100*r.BusinessMiss())
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "step\topportunities\tvalue scale\treferrals/member-week\t95% CI\t$ closed/referral\t")
	for i, s := range r.Steps {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%.4f\t%.4f-%.4f\t%.0f\t\n", i+1, fmtRate(s.Opportunities), fmtRate(s.ValueScale), s.Rate.Mean, s.Rate.Low, s.Rate.High, s.PerReferral.Mean)
	}
	return tw.Flush()
}

// BusinessBand is how far closed business per referral may miss BNI's
// figure before the catalogue's demand weights, or its deal values, need
// a look: the check, not the fit.
const BusinessBand = 0.25

// fmtRate writes an opportunity rate with four significant digits, the
// precision a calibrated preset states.
func fmtRate(x float64) string { return fmt.Sprintf("%.4g", x) }

// Rounded is the fitted rate as a preset states it: four significant
// digits.
func (r *Result) Rounded() float64 {
	x, _ := strconv.ParseFloat(fmtRate(r.Fit.Opportunities), 64) // %.4g always parses
	return x
}

type jsonStat struct {
	Mean, Low, High float64
	N               int
}

func js(s sim.Stat) jsonStat { return jsonStat{s.Mean, s.Low, s.High, s.N} }

type jsonStep struct {
	Opportunities float64  `json:"opportunities"`
	ValueScale    float64  `json:"value_scale"`
	Rate          jsonStat `json:"referrals_per_member_week"`
	PerReferral   jsonStat `json:"closed_business_per_referral"`
}

// WriteJSON writes the fit as JSON: the target with its source, the
// fitted rate and interval, the fitted and target rates, the closed
// business check and every step. It holds no timestamp.
func (r *Result) WriteJSON(w io.Writer) error {
	steps := make([]jsonStep, len(r.Steps))
	for i, s := range r.Steps {
		steps[i] = jsonStep{s.Opportunities, s.ValueScale, js(s.Rate), js(s.PerReferral)}
	}
	out := struct {
		Target struct {
			Label                  string  `json:"label"`
			Members                float64 `json:"members"`
			Referrals              float64 `json:"referrals"`
			ClosedBusiness         float64 `json:"closed_business"`
			ReferralsPerMemberWeek float64 `json:"referrals_per_member_week"`
			BusinessPerReferral    float64 `json:"closed_business_per_referral"`
			Source                 string  `json:"source"`
		} `json:"target"`
		Opportunities float64    `json:"opportunities"`
		Low           float64    `json:"opportunities_low"`
		High          float64    `json:"opportunities_high"`
		CatalogueMiss float64    `json:"catalogue_business_miss"`
		ScaleFitted   bool       `json:"value_scale_fitted"`
		ValueScale    float64    `json:"value_scale"`
		ScaleLow      float64    `json:"value_scale_low"`
		ScaleHigh     float64    `json:"value_scale_high"`
		Converged     bool       `json:"converged"`
		Tolerance     float64    `json:"tolerance"`
		RateMiss      float64    `json:"rate_miss"`
		BusinessMiss  float64    `json:"business_miss"`
		BusinessBand  float64    `json:"business_band"`
		Steps         []jsonStep `json:"steps"`
	}{Opportunities: r.Fit.Opportunities, Low: r.Low, High: r.High, Converged: r.Converged, Tolerance: r.Tolerance,
		CatalogueMiss: r.CatalogueMiss, ScaleFitted: r.ScaleFitted, ValueScale: r.Fit.ValueScale, ScaleLow: r.ScaleLow, ScaleHigh: r.ScaleHigh,
		RateMiss: r.RateMiss(), BusinessMiss: r.BusinessMiss(), BusinessBand: BusinessBand, Steps: steps}
	t := r.Target
	out.Target.Label, out.Target.Members, out.Target.Referrals, out.Target.ClosedBusiness = t.Label, t.Members, t.Referrals, t.ClosedBusiness
	out.Target.ReferralsPerMemberWeek, out.Target.BusinessPerReferral, out.Target.Source = t.ReferralsPerMemberWeek(), t.BusinessPerReferral(), t.Source
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
