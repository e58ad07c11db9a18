package findings

import "math"

// profScale is a professions chart's scale: symmetric log with linear
// range c, or linear.
type profScale struct {
	log bool
	c   float64
}

// ShareScales puts the findings of runs shown side by side (sim compare)
// on shared scales, so that the same height means the same dollars on
// every slide: the distribution's axis spans every run's boxes and
// whiskers (the members beyond it are counted again), and the
// professions charts share one scale: logarithmic when any run's needs
// it, with the smallest linear range among those.
func ShareScales(runs []*Run) {
	if len(runs) < 2 {
		return
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	var ps profScale
	for _, r := range runs {
		if !r.Distribution.Empty {
			lo, hi = math.Min(lo, r.Distribution.Lo), math.Max(hi, r.Distribution.Hi)
		}
		if log, c := r.Professions.natural(); log && (!ps.log || c < ps.c) {
			ps = profScale{log: true, c: c}
		}
	}
	for _, r := range runs {
		if !math.IsInf(lo, 0) {
			d := &r.Distribution
			d.Lo, d.Hi = lo, hi
			for s, xs := range r.Finals {
				if s >= len(d.Above) {
					continue
				}
				d.Above[s], d.Below[s] = 0, 0
				for _, x := range xs {
					switch {
					case x > hi:
						d.Above[s]++
					case x < lo:
						d.Below[s]++
					}
				}
			}
		}
		r.Professions.scale = &ps
	}
}
