package chart

import (
	"slices"
	"testing"
)

// TestRaceWeeks: frames spread over the run, ending at its last week.
func TestRaceWeeks(t *testing.T) {
	for _, tc := range []struct {
		rounds, n int
		want      []int
	}{
		{520, 4, []int{130, 260, 390, 520}},
		{10, 48, []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}},
		{7, 0, []int{7}},
	} {
		if got := RaceWeeks(tc.rounds, tc.n); !slices.Equal(got, tc.want) {
			t.Errorf("RaceWeeks(%d, %d) = %v, want %v", tc.rounds, tc.n, got, tc.want)
		}
	}
}

// TestRaceKeepsAxes: every frame has the finished chart's axes, so that
// nothing rescales while the lines grow; a run with evolution gets the
// shares race too, one without only the income race.
func TestRaceKeepsAxes(t *testing.T) {
	res := small(t) // with evolution
	races := RacesForRun(res, en, 3)
	if len(races) != 2 || races[0].Name != "income" || races[1].Name != "shares" || len(races[0].Frames) != 3 {
		t.Fatalf("%d races", len(races))
	}
	full := income(res, en)
	for k, f := range races[0].Frames {
		if f.Plot.X.Min != full.Plot.X.Min || f.Plot.X.Max != full.Plot.X.Max || f.Plot.Y.Min != full.Plot.Y.Min || f.Plot.Y.Max != full.Plot.Y.Max {
			t.Errorf("frame %d axes x %g..%g y %g..%g, want the finished chart's x %g..%g y %g..%g", k,
				f.Plot.X.Min, f.Plot.X.Max, f.Plot.Y.Min, f.Plot.Y.Max, full.Plot.X.Min, full.Plot.X.Max, full.Plot.Y.Min, full.Plot.Y.Max)
		}
		if f.Title != full.Title {
			t.Errorf("frame %d title %q", k, f.Title)
		}
	}
	fixed := *res
	fixed.Config.Evolution.Period = 0
	if races := RacesForRun(&fixed, en, 2); len(races) != 1 {
		t.Errorf("without evolution: %d races, want the income race", len(races))
	}
}
