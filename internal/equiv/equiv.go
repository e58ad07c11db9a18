// Package equiv tests equivalence: whether a mean lies within a stated
// margin, by the two one-sided tests (TOST) of Schuirmann (1987). A claim
// that two things "earn alike" or "end level" is an equivalence claim, and
// a confidence interval that contains zero does not support it (the
// interval of a small, noisy sample contains zero too); TOST does, at a
// margin the claim states in advance.
//
// The procedure, for a sample x_1..x_n (paired differences, or any
// quantity) and a margin [Low, High]: test H0: mean <= Low against mean >
// Low, and H0: mean >= High against mean < High, each by a one-sided
// Student t test with n-1 degrees of freedom at level alpha. The mean is
// declared equivalent, within the margin, when both reject: p = max(p_low,
// p_high) < alpha. That is the same as the 1 - 2 alpha confidence interval
// of the mean lying inside (Low, High), which Result also reports.
//
//	Schuirmann, D. J. (1987). A comparison of the two one-sided tests
//	  procedure and the power approach for assessing the equivalence of
//	  average bioavailability. Journal of Pharmacokinetics and
//	  Biopharmaceutics 15:657-680.
//	Lakens, D. (2017). Equivalence tests: a practical primer for t tests,
//	  correlations, and meta-analyses. Social Psychological and
//	  Personality Science 8:355-362.
//
// The package knows nothing of the simulator; it works on a slice of
// numbers and draws no random number.
package equiv

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Result is the outcome of a TOST.
type Result struct {
	// N is the sample size and Mean its mean; SE is the standard error of
	// the mean (sample standard deviation over the square root of N).
	N    int
	Mean float64
	SE   float64
	// Low and High are the margin: the mean is equivalent when it lies
	// strictly between them.
	Low, High float64
	// Alpha is the level of each one-sided test.
	Alpha float64
	// TLow and THigh are the t statistics of the tests against Low and
	// High, (Mean - Low)/SE and (Mean - High)/SE; PLow and PHigh their
	// one-sided p values. With SE = 0 (every value alike) the statistics
	// are infinite and each p is 0 or 1.
	TLow, THigh float64
	PLow, PHigh float64
	// P is the TOST p value, the larger of PLow and PHigh.
	P float64
	// CILow and CIHigh bound the 1 - 2 Alpha confidence interval of the
	// mean (a 90% interval at Alpha = 0.05): the interval whose inclusion
	// in (Low, High) is the same decision as P < Alpha.
	CILow, CIHigh float64
	// Equivalent reports P < Alpha: the mean lies within the margin.
	Equivalent bool
}

// TOST runs the two one-sided tests of the mean of xs against the margin
// (low, high) at level alpha (0.05 is customary). It returns an error for
// fewer than two values, a value that is NaN or infinite, low >= high, or
// alpha outside (0, 0.5).
func TOST(xs []float64, low, high, alpha float64) (Result, error) {
	switch {
	case len(xs) < 2:
		return Result{}, fmt.Errorf("equiv: TOST needs at least 2 values, found %d", len(xs))
	case !(low < high):
		return Result{}, fmt.Errorf("equiv: the margin's low bound %g must lie below its high bound %g", low, high)
	case !(alpha > 0 && alpha < 0.5):
		return Result{}, fmt.Errorf("equiv: alpha must lie in (0, 0.5), found %g", alpha)
	}
	for i, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return Result{}, fmt.Errorf("equiv: value %d is %g: values must be finite", i, x)
		}
	}
	n := len(xs)
	mean, sd := stat.MeanStdDev(xs, nil)
	se := sd / math.Sqrt(float64(n))
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 1)}
	r := Result{N: n, Mean: mean, SE: se, Low: low, High: high, Alpha: alpha}
	if se == 0 {
		// Every value alike: the mean is known exactly.
		r.TLow, r.THigh = signInf(mean-low), signInf(mean-high)
		r.PLow, r.PHigh = boolP(!(mean > low)), boolP(!(mean < high))
		r.CILow, r.CIHigh = mean, mean
	} else {
		r.TLow, r.THigh = (mean-low)/se, (mean-high)/se
		// H0: mean <= low is rejected for a large TLow; H0: mean >= high
		// for a small THigh.
		r.PLow, r.PHigh = 1-t.CDF(r.TLow), t.CDF(r.THigh)
		half := t.Quantile(1-alpha) * se
		r.CILow, r.CIHigh = mean-half, mean+half
	}
	r.P = math.Max(r.PLow, r.PHigh)
	r.Equivalent = r.P < alpha
	return r, nil
}

// Symmetric is TOST with the margin (-margin, +margin) around zero, the
// usual form for a difference that should be nil.
func Symmetric(xs []float64, margin, alpha float64) (Result, error) {
	if !(margin > 0) {
		return Result{}, errors.New("equiv: the margin must be positive")
	}
	return TOST(xs, -margin, margin, alpha)
}

// String says in a line what was shown: "equivalent within [-5, 5] (TOST
// p = 0.012; 90% CI -2.1 to 3.4)" or "not shown equivalent within ...".
func (r Result) String() string {
	verdict := "equivalent"
	if !r.Equivalent {
		verdict = "not shown equivalent"
	}
	return fmt.Sprintf("%s within [%.4g, %.4g] (TOST p = %.3g; %.0f%% CI %.4g to %.4g)",
		verdict, r.Low, r.High, r.P, 100*(1-2*r.Alpha), r.CILow, r.CIHigh)
}

func signInf(x float64) float64 {
	switch {
	case x > 0:
		return math.Inf(1)
	case x < 0:
		return math.Inf(-1)
	}
	return 0
}

func boolP(null bool) float64 {
	if null {
		return 1
	}
	return 0
}
