package equiv

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestTOSTPingouinPaired checks TOST against a published reference value:
// the paired example of the pingouin documentation (pingouin.tost; Vallat,
// R. 2018, "Pingouin: statistics in Python", Journal of Open Source
// Software 3(31):1026), a = 4, 7, 8, 6, 3, 2 and b = 6, 8, 7, 10, 11, 9
// with bound 0.5, paired: 5 degrees of freedom, TOST p = 0.954854. By hand:
// the differences a - b have mean -3.5 and standard error 1.43178, so the
// test against -0.5 gives t = -2.0953 and p = 0.95485, the test against
// +0.5 gives t = -2.7937 and p = 0.0191.
func TestTOSTPingouinPaired(t *testing.T) {
	a := []float64{4, 7, 8, 6, 3, 2}
	b := []float64{6, 8, 7, 10, 11, 9}
	d := make([]float64, len(a))
	for i := range a {
		d[i] = a[i] - b[i]
	}
	r, err := Symmetric(d, 0.5, 0.05)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(r.P-0.954854) > 5e-7 {
		t.Errorf("TOST p = %.7f, want 0.954854 (pingouin)", r.P)
	}
	if r.N != 6 || r.Mean != -3.5 || math.Abs(r.SE-1.431782) > 1e-6 {
		t.Errorf("n %d, mean %g, se %g; want 6, -3.5, 1.431782", r.N, r.Mean, r.SE)
	}
	if math.Abs(r.TLow+2.095291) > 1e-5 || math.Abs(r.THigh+2.793721) > 1e-5 || math.Abs(r.PHigh-0.01912) > 1e-4 {
		t.Errorf("t = %g, %g, p_high = %g; want -2.0953, -2.7937, 0.0191", r.TLow, r.THigh, r.PHigh)
	}
	if r.Equivalent {
		t.Error("a mean of -3.5 was declared equivalent to 0 within 0.5")
	}
}

// TestTOSTAtTheTableValue puts the margin exactly where the t table says
// the decision turns: for n = 10 the one-sided 5% point of Student's t
// with 9 degrees of freedom is 1.833 (1.833113; the t table of any
// statistics textbook, e.g. NIST/SEMATECH e-Handbook of Statistical
// Methods, section 1.3.6.7.2, "Critical values of the Student's t
// distribution", row 9, column 0.05). A sample with mean 0 and
// standard error se is then equivalent within ±m for m a hair above
// 1.833113 se and not for m a hair below; at m = 1.833113 se, p = 0.05.
func TestTOSTAtTheTableValue(t *testing.T) {
	xs := []float64{-1, 1, -1, 1, -1, 1, -1, 1, -1, 1}
	const t95 = 1.833113
	se := math.Sqrt(10.0/9) / math.Sqrt(10)
	r, err := Symmetric(xs, t95*se, 0.05)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(r.P-0.05) > 1e-6 || math.Abs(r.SE-se) > 1e-12 {
		t.Errorf("at the table value: p = %.7f (want 0.05), se = %g (want %g)", r.P, r.SE, se)
	}
	if above, _ := Symmetric(xs, t95*se*1.001, 0.05); !above.Equivalent {
		t.Errorf("margin just above the table value: %v, want equivalent", above)
	}
	if below, _ := Symmetric(xs, t95*se*0.999, 0.05); below.Equivalent {
		t.Errorf("margin just below the table value: %v, want not equivalent", below)
	}
	// The 90% interval's half-width is the same table value times se.
	if math.Abs(r.CIHigh-t95*se) > 1e-6 || math.Abs(r.CILow+t95*se) > 1e-6 {
		t.Errorf("90%% CI %g to %g, want ±%g", r.CILow, r.CIHigh, t95*se)
	}
}

// TestTOSTIsIntervalInclusion: for any sample and margin, P < alpha exactly
// when the 1 - 2 alpha interval lies inside the margin (Schuirmann 1987),
// and the asymmetric margin works as two separate bounds.
func TestTOSTIsIntervalInclusion(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for trial := range 2000 {
		n := 2 + r.IntN(30)
		xs := make([]float64, n)
		shift := r.NormFloat64()
		for i := range xs {
			xs[i] = shift + r.NormFloat64()*(0.1+2*r.Float64())
		}
		lo := -3 * r.Float64()
		hi := lo + 0.01 + 4*r.Float64()
		res, err := TOST(xs, lo, hi, 0.05)
		if err != nil {
			t.Fatal(err)
		}
		inside := res.CILow > lo && res.CIHigh < hi
		// Away from the boundary (where rounding may part them) the two
		// decisions agree.
		if math.Abs(res.P-0.05) > 1e-9 && inside != res.Equivalent {
			t.Fatalf("trial %d: p = %g but CI %g..%g in (%g, %g) is %v", trial, res.P, res.CILow, res.CIHigh, lo, hi, inside)
		}
		if res.P != math.Max(res.PLow, res.PHigh) {
			t.Fatalf("trial %d: p is not the larger one-sided p", trial)
		}
	}
}

// TestTOSTNoVariance: a sample of identical values is equivalent exactly
// when the value lies strictly inside the margin.
func TestTOSTNoVariance(t *testing.T) {
	for _, c := range []struct {
		x    float64
		want bool
	}{{0, true}, {0.99, true}, {1, false}, {-2, false}} {
		r, err := Symmetric([]float64{c.x, c.x, c.x}, 1, 0.05)
		if err != nil {
			t.Fatal(err)
		}
		if r.Equivalent != c.want {
			t.Errorf("identical values %g within ±1: equivalent %v, want %v (%+v)", c.x, r.Equivalent, c.want, r)
		}
	}
}

func TestTOSTErrors(t *testing.T) {
	for _, c := range []struct {
		xs          []float64
		lo, hi, a   float64
		wantInError string
	}{
		{[]float64{1}, -1, 1, 0.05, "at least 2"},
		{[]float64{1, 2}, 1, -1, 0.05, "below its high bound"},
		{[]float64{1, 2}, -1, 1, 0.5, "alpha"},
		{[]float64{1, math.NaN()}, -1, 1, 0.05, "finite"},
		{[]float64{1, math.Inf(1)}, -1, 1, 0.05, "finite"},
	} {
		if _, err := TOST(c.xs, c.lo, c.hi, c.a); err == nil || !strings.Contains(err.Error(), c.wantInError) {
			t.Errorf("TOST(%v, %g, %g, %g): err %v, want one mentioning %q", c.xs, c.lo, c.hi, c.a, err, c.wantInError)
		}
	}
	if _, err := Symmetric([]float64{1, 2}, 0, 0.05); err == nil {
		t.Error("Symmetric accepted a zero margin")
	}
}

func TestResultString(t *testing.T) {
	r, err := Symmetric([]float64{-1, 1, -1, 1, 0.5}, 5, 0.05)
	if err != nil {
		t.Fatal(err)
	}
	s := r.String()
	if !strings.HasPrefix(s, "equivalent within [-5, 5] (TOST p = ") || !strings.Contains(s, "90% CI") {
		t.Errorf("String() = %q", s)
	}
}
