package sensitivity

import (
	"math"
	"testing"
)

func TestRangeMap(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    Range
		u    float64
		want float64
	}{
		{"uniform lo", Range{Lo: -2, Hi: 6}, 0, -2},
		{"uniform hi", Range{Lo: -2, Hi: 6}, 1, 6},
		{"uniform mid", Range{Lo: -2, Hi: 6}, 0.5, 2},
		{"uniform quarter", Range{Lo: -2, Hi: 6}, 0.25, 0},
		{"log lo", Range{Lo: 0.01, Hi: 100, Log: true}, 0, 0.01},
		{"log hi", Range{Lo: 0.01, Hi: 100, Log: true}, 1, 100},
		// The midpoint of a log-uniform range is the geometric mean √(Lo·Hi).
		{"log mid", Range{Lo: 0.01, Hi: 100, Log: true}, 0.5, 1},
		{"log quarter", Range{Lo: 0.01, Hi: 100, Log: true}, 0.25, 0.1},
		{"log mid uneven", Range{Lo: 2, Hi: 8, Log: true}, 0.5, 4},
		{"huge span", Range{Lo: -math.MaxFloat64, Hi: math.MaxFloat64}, 0.5, 0},
	} {
		got, err := tc.r.Map(tc.u)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		// Ends are exact by contract; interior points within 1e-12 relative.
		tol := 1e-12 * math.Max(1, math.Abs(tc.want))
		if tc.u == 0 || tc.u == 1 {
			tol = 0
		}
		if math.Abs(got-tc.want) > tol {
			t.Errorf("%s: Map(%g) = %.17g, want %.17g", tc.name, tc.u, got, tc.want)
		}
	}
}

func TestRangeMapMonotone(t *testing.T) {
	for _, r := range []Range{{Lo: 1, Hi: 3}, {Lo: 1e-6, Hi: 1e6, Log: true}} {
		prev := math.Inf(-1)
		for k := 0; k <= 1000; k++ {
			v, err := r.Map(float64(k) / 1000)
			if err != nil {
				t.Fatal(err)
			}
			if v < prev || v < r.Lo || v > r.Hi {
				t.Fatalf("%+v: Map(%g) = %g after %g: want non-decreasing in [Lo, Hi]", r, float64(k)/1000, v, prev)
			}
			prev = v
		}
	}
}

func TestRangeInvalid(t *testing.T) {
	for _, r := range []Range{
		{Lo: 1, Hi: 1},
		{Lo: 2, Hi: 1},
		{Lo: 0, Hi: 1, Log: true},
		{Lo: -1, Hi: 1, Log: true},
		{Lo: math.NaN(), Hi: 1},
		{Lo: 0, Hi: math.Inf(1)},
	} {
		if err := r.Validate(); err == nil {
			t.Errorf("%+v: Validate returned nil, want an error", r)
		}
		if v, err := r.Map(0.5); err == nil {
			t.Errorf("%+v: Map(0.5) = %g, nil; want an error", r, v)
		}
	}
	good := Range{Lo: 0, Hi: 1}
	if err := good.Validate(); err != nil {
		t.Errorf("%+v: %v", good, err)
	}
	for _, u := range []float64{-0.1, 1.1, math.NaN(), math.Inf(1)} {
		if v, err := good.Map(u); err == nil {
			t.Errorf("Map(%g) = %g, nil; want an error", u, v)
		}
	}
}
