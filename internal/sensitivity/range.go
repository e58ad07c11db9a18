package sensitivity

import (
	"fmt"
	"math"
)

// Range maps a unit coordinate u in [0,1] to a parameter value in [Lo, Hi].
// With Log false the map is uniform, Lo + u·(Hi−Lo); with Log true it is
// log-uniform, Lo·(Hi/Lo)^u, which spreads the design evenly over orders of
// magnitude and so needs Lo > 0.
type Range struct {
	Lo, Hi float64
	Log    bool
}

// Validate returns an error unless Lo and Hi are finite, Lo < Hi, and Lo > 0
// when Log is set.
func (r Range) Validate() error {
	if math.IsNaN(r.Lo) || math.IsInf(r.Lo, 0) || math.IsNaN(r.Hi) || math.IsInf(r.Hi, 0) {
		return fmt.Errorf("sensitivity: range [%g, %g]: bounds must be finite", r.Lo, r.Hi)
	}
	if !(r.Lo < r.Hi) {
		return fmt.Errorf("sensitivity: range [%g, %g]: need Lo < Hi", r.Lo, r.Hi)
	}
	if r.Log && !(r.Lo > 0) {
		return fmt.Errorf("sensitivity: log range [%g, %g]: need Lo > 0", r.Lo, r.Hi)
	}
	return nil
}

// Map returns the parameter value at unit coordinate u. The ends are exact:
// Map(0) is Lo and Map(1) is Hi, so a design point on the cube's boundary
// gives the range's own bound rather than a rounded neighbour. Map returns
// an error if the range is invalid (see Validate) or u is not in [0,1].
func (r Range) Map(u float64) (float64, error) {
	if err := r.Validate(); err != nil {
		return 0, err
	}
	if !(u >= 0 && u <= 1) {
		return 0, fmt.Errorf("sensitivity: range [%g, %g]: unit coordinate %g is outside [0,1]", r.Lo, r.Hi, u)
	}
	switch u {
	case 0:
		return r.Lo, nil
	case 1:
		return r.Hi, nil
	}
	if r.Log {
		// Interpolating the logarithms keeps the map monotone and avoids the
		// overflow that (Hi/Lo)^u could meet for very wide ranges.
		lo, hi := math.Log(r.Lo), math.Log(r.Hi)
		v := math.Exp((1-u)*lo + u*hi)
		return clamp(v, r.Lo, r.Hi), nil
	}
	// The convex combination, unlike Lo + u·(Hi−Lo), cannot overflow when
	// Hi−Lo exceeds the largest float.
	return clamp((1-u)*r.Lo+u*r.Hi, r.Lo, r.Hi), nil
}

// clamp keeps a rounded value inside [lo, hi].
func clamp(v, lo, hi float64) float64 {
	return math.Min(math.Max(v, lo), hi)
}
