package sim

import (
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"testing"
)

// stepImagesScalar is the one-image-at-a-time rule that stepImages does
// eight at a time.
func stepImagesScalar(blk []int8, mask uint64, bound int8, step int) int {
	moved := 0
	for k := range 64 {
		if mask&(1<<k) != 0 && blk[k] != bound {
			blk[k] += int8(step)
			moved += step
		}
	}
	return moved
}

// TestStepImages: the word-at-a-time update equals the scalar rule on
// every image, for images anywhere in -5..+5 (negative ones included,
// where a carry or borrow would cross bytes if it were not contained),
// any mask, both directions; and nothing outside the mask changes.
func TestStepImages(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for trial := range 20000 {
		want := make([]int8, 72)
		for k := range want {
			want[k] = int8(r.IntN(11) - 5)
		}
		got := append([]int8(nil), want...)
		mask := r.Uint64()
		switch trial % 4 {
		case 1:
			mask &= r.Uint64() // sparse
		case 2:
			mask &= 1<<r.IntN(65) - 1 // a short block
		}
		bound, step := int8(5), 1
		if trial%2 == 1 {
			bound, step = -5, -1
		}
		wantMoved := stepImagesScalar(want, mask, bound, step)
		gotMoved := stepImages(got, mask, bound, step)
		if gotMoved != wantMoved {
			t.Fatalf("trial %d: moved %d, want %d", trial, gotMoved, wantMoved)
		}
		for k := range want {
			if got[k] != want[k] {
				t.Fatalf("trial %d, mask %#x, step %d: image %d is %d, want %d", trial, mask, step, k, got[k], want[k])
			}
		}
	}
}

// TestSeenMask: which colleagues see an act. The actor's lane is never
// set, nor any lane past the block; each other lane is seen with
// probability visibility (within 4 standard errors); and the number seen
// has the binomial variance n·v·(1-v) (within 5%), which a uniform subset
// of a binomial size gives and a correlated scheme would not.
func TestSeenMask(t *testing.T) {
	for _, tc := range []struct {
		lanes, self int
		vis         float64
	}{
		{29, -1, 0.8}, {30, 0, 0.8}, {30, 13, 0.8}, {30, 29, 0.3},
		{64, 63, 0.5}, {64, 70, 0.05}, {5, 2, 0.5}, {1, 0, 0.5},
	} {
		t.Run(fmt.Sprintf("lanes=%d/self=%d/vis=%g", tc.lanes, tc.self, tc.vis), func(t *testing.T) {
			cfg := Default()
			cfg.Referrals.Visibility = tc.vis
			w, err := newWorld(&cfg, NewStreamKey(7, 0))
			if err != nil {
				t.Fatal(err)
			}
			n := tc.lanes
			if tc.self >= 0 && tc.self < tc.lanes {
				n--
			}
			const draws = 100000
			var perLane [64]int
			var sum, sq float64
			for range draws {
				m := w.seenMask(&w.chapters[0], tc.lanes, tc.self)
				if tc.self >= 0 && tc.self < 64 && m&(1<<tc.self) != 0 {
					t.Fatalf("the actor's lane %d is set: %#x", tc.self, m)
				}
				if m&^lowBits(tc.lanes) != 0 {
					t.Fatalf("a lane past %d is set: %#x", tc.lanes, m)
				}
				c := float64(bits.OnesCount64(m))
				sum += c
				sq += c * c
				for k := range 64 {
					if m&(1<<k) != 0 {
						perLane[k]++
					}
				}
			}
			se := math.Sqrt(tc.vis * (1 - tc.vis) / draws)
			for k := range tc.lanes {
				if k == tc.self {
					continue
				}
				if f := float64(perLane[k]) / draws; math.Abs(f-tc.vis) > 4*se {
					t.Errorf("lane %d seen %.4f of the time, want %.4f ± %.4f", k, f, tc.vis, 4*se)
				}
			}
			mean := sum / draws
			variance := sq/draws - mean*mean
			if want := float64(n) * tc.vis * (1 - tc.vis); math.Abs(variance-want) > 0.05*want {
				t.Errorf("variance of the count seen %.4f, want %.4f", variance, want)
			}
		})
	}
}

// TestSeenMaskEdges: visibility 1 shows every act to every colleague and
// draws nothing.
func TestSeenMaskEdges(t *testing.T) {
	cfg := Default()
	cfg.Referrals.Visibility = 1
	w, err := newWorld(&cfg, NewStreamKey(7, 0))
	if err != nil {
		t.Fatal(err)
	}
	src, twin := rand.NewPCG(1, 2), rand.NewPCG(1, 2)
	w.r = rand.New(src)
	for _, tc := range []struct {
		lanes, self int
		want        uint64
	}{{30, 0, 1<<30 - 2}, {30, 29, 1<<29 - 1}, {64, -1, ^uint64(0)}, {64, 3, ^uint64(0) &^ 8}} {
		if got := w.seenMask(&w.chapters[0], tc.lanes, tc.self); got != tc.want {
			t.Errorf("seenMask(%d, %d) = %#x, want %#x", tc.lanes, tc.self, got, tc.want)
		}
	}
	if src.Uint64() != twin.Uint64() {
		t.Error("visibility 1 drew from the stream")
	}
}

// TestSmallInts: integers from several ranges, drawn in turn as Floyd's
// algorithm does, are each uniform (every value within 4 standard errors
// of 1/n).
func TestSmallInts(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	ranges := []int{1, 2, 7, 30, 50, 64}
	counts := make([][]int, len(ranges))
	for x, n := range ranges {
		counts[x] = make([]int, n)
	}
	const draws = 200000
	for range draws {
		u := smallInts{r: r, spent: 64}
		for x, n := range ranges {
			v := u.below(n)
			if v < 0 || v >= n {
				t.Fatalf("below(%d) = %d", n, v)
			}
			counts[x][v]++
		}
	}
	for x, n := range ranges {
		p := 1 / float64(n)
		se := math.Sqrt(p * (1 - p) / draws)
		for v, c := range counts[x] {
			if f := float64(c) / draws; math.Abs(f-p) > 4*se+1e-12 {
				t.Errorf("below(%d) gave %d with frequency %.5f, want %.5f ± %.5f", n, v, f, p, 4*se)
			}
		}
	}
}

// TestObserveLargeChapters: a chapter of 150 is observed in three blocks
// (64, 64 and 22 lanes, the actor's own lane skipped in one of them), the
// last of which ends at the end of the image matrix, where the padding is
// read. Every week keeps images within -5..+5 with a zero diagonal and
// every imageSum equal to its column (checkWorld), under every assessment
// rule; and the observed fraction of colleague-acts is the visibility
// within 4 binomial standard errors.
func TestObserveLargeChapters(t *testing.T) {
	for _, rule := range []Assessment{ImageScoring, Standing, BinaryImage, BinaryStanding} {
		cfg := Default()
		cfg.Population.Members = 150
		cfg.Population.ChapterSize = 150
		cfg.Population.MaxContacts = 170
		cfg.Population.Seats = Shared // 150 seats, 51 professions
		cfg.Referrals.Visibility = 0.4
		cfg.Referrals.Assessment = rule
		cfg.Rounds = 40
		w, err := newWorld(&cfg, NewStreamKey(11, 0))
		if err != nil {
			t.Fatal(err)
		}
		for range cfg.Rounds {
			w.step()
			if err := checkWorld(w); err != nil {
				t.Fatalf("%s, week %d: %v", rule, w.round, err)
			}
		}
		tot := w.totals()
		chances := float64(tot.GivingActs+tot.WithholdingActs) * 149
		frac := float64(tot.GivingSeen+tot.WithholdingSeen) / chances
		if se := math.Sqrt(0.4 * 0.6 / chances); math.Abs(frac-0.4) > 4*se {
			t.Errorf("%s: observed fraction %.5f, want 0.4 ± %.5f", rule, frac, 4*se)
		}
		if tot.WithholdingActs == 0 {
			t.Errorf("%s: no withholding was observed; the test misses that path", rule)
		}
	}
}
