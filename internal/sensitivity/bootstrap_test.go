package sensitivity

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestSummarize checks the percentile interval and standard error on the
// replicates 1, 2, …, 1000: at level 0.95 the 2.5% and 97.5% points lie
// in [25, 26] and [975, 976], and the standard error is the sample s.d.
// with denominator n−1, √(1000·1001/12) = 288.8194.
func TestSummarize(t *testing.T) {
	reps := make([]float64, 1000)
	for i := range reps {
		reps[len(reps)-1-i] = float64(i + 1) // reversed: summarize sorts
	}
	e := summarize(3, reps, 0.95)
	if e.Value != 3 || e.Lo < 25 || e.Lo > 26 || e.Hi < 975 || e.Hi > 976 || math.Abs(e.StdErr-math.Sqrt(1000*1001/12.0)) > 1e-9 {
		t.Errorf("summarize = %+v", e)
	}
}

func TestBootstrapDefaults(t *testing.T) {
	b, err := Bootstrap{}.withDefaults()
	if err != nil || b.Resamples != DefaultResamples || b.Level != DefaultLevel {
		t.Errorf("zero Bootstrap → %+v, %v; want the defaults", b, err)
	}
	b, err = Bootstrap{Resamples: 7, Level: 0.5}.withDefaults()
	if err != nil || b.Resamples != 7 || b.Level != 0.5 {
		t.Errorf("explicit Bootstrap → %+v, %v; want it unchanged", b, err)
	}
}

// TestReplicateGivesUp: a statistic that is never defined ends in an
// error after the redraw budget, not a hang.
func TestReplicateGivesUp(t *testing.T) {
	b := Bootstrap{Resamples: 10, Level: 0.9}
	_, err := replicate(b, 5, 1, rand.New(rand.NewPCG(1, 1)), func([]int, []float64) bool { return false })
	if err == nil || !strings.Contains(err.Error(), "degenerate") {
		t.Errorf("error %v, want a degenerate-resamples error", err)
	}
}
