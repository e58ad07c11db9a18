package reproduce

import (
	"bytes"
	"context"
	"errors"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/giversgain/giversgain/internal/config"
	"github.com/giversgain/giversgain/sim"
)

// TestConfigsLoad: every experiment's config decodes and validates.
func TestConfigsLoad(t *testing.T) {
	for _, e := range experiments {
		if _, err := config.Load(filepath.Join("..", "..", "configs", "reproduce", e.file)); err != nil {
			t.Errorf("%s: %v", e.file, err)
		}
	}
}

func TestCrossing(t *testing.T) {
	xs := []float64{0, 0.1, 0.2, 0.3}
	if x := crossing(xs, []float64{-3, -1, 1, 2}); math.Abs(x-0.15) > 1e-12 {
		t.Errorf("crossing = %g; want 0.15", x)
	}
	// A later dip moves the crossing to where the curve stays positive.
	if x := crossing(xs, []float64{-1, 1, -1, 1}); math.Abs(x-0.25) > 1e-12 {
		t.Errorf("crossing = %g; want 0.25", x)
	}
	if x := crossing(xs, []float64{1, 1, 1, 1}); !math.IsInf(x, -1) {
		t.Errorf("a curve positive throughout: crossing = %g, want -Inf (below the grid)", x)
	}
	if x := crossing(xs, []float64{-1, -1, 1, -1}); !math.IsInf(x, 1) {
		t.Errorf("a curve not positive at the end: crossing = %g, want +Inf (above the grid)", x)
	}
}

func TestUpperCrossing(t *testing.T) {
	xs := []float64{0, 0.1, 0.2, 0.3}
	if x := upperCrossing(xs, []float64{2, 1, -1, -3}); math.Abs(x-0.15) > 1e-12 {
		t.Errorf("upperCrossing = %g; want 0.15", x)
	}
	// A dip below zero lower down does not count: the largest x at which
	// the curve is still positive does.
	if x := upperCrossing(xs, []float64{-1, 1, 1, -1}); math.Abs(x-0.25) > 1e-12 {
		t.Errorf("upperCrossing = %g; want 0.25", x)
	}
	if x := upperCrossing(xs, []float64{-1, 1, -1, 1}); !math.IsInf(x, 1) {
		t.Errorf("positive at the top: upperCrossing = %g, want +Inf", x)
	}
	if x := upperCrossing(xs, []float64{-1, 0, -1, -2}); !math.IsInf(x, -1) {
		t.Errorf("never positive: upperCrossing = %g, want -Inf", x)
	}
}

// TestBootCurve: on replicates that all cross at the same place the
// interval collapses to it; on replicates that differ it covers their
// range and is the same from the same seed.
func TestBootCurve(t *testing.T) {
	xs := []float64{0, 1, 2, 3}
	same := [][]float64{{-1, -1, -1}, {1, 1, 1}, {2, 2, 2}, {3, 3, 3}}
	e := bootCurve(xs, same, crossing, streamRand(1, 0))
	if e.X != 0.5 || e.Lo != 0.5 || e.Hi != 0.5 {
		t.Errorf("identical replicates: %+v, want 0.5 throughout", e)
	}
	// Replicate k crosses at 0.5, 1.5 or 2.5: the mean curve crosses
	// between, and the resamples reach toward either end.
	spread := [][]float64{{-1, -1, -1}, {1, -1, -1}, {2, 1, -1}, {3, 2, 1}}
	a := bootCurve(xs, spread, crossing, streamRand(1, 0))
	b := bootCurve(xs, spread, crossing, streamRand(1, 0))
	if a != b {
		t.Errorf("same seed, different intervals: %+v, %+v", a, b)
	}
	if !(a.Lo < a.X && a.X < a.Hi && a.Lo >= 0.5 && a.Hi <= 2.5) {
		t.Errorf("spread replicates: %+v, want an interval around the estimate within 0.5..2.5", a)
	}
	// A curve that never turns positive in some resamples reaches +Inf.
	edge := [][]float64{{-1, -1}, {-1, -1}, {1, -5}}
	if e := bootCurve([]float64{0, 1, 2}, edge, crossing, streamRand(1, 0)); !math.IsInf(e.Hi, 1) {
		t.Errorf("resamples without a crossing: %+v, want an infinite upper bound", e)
	}
}

func TestPercentiles(t *testing.T) {
	vals := make([]float64, 1000)
	for i := range vals {
		vals[i] = float64(999 - i)
	}
	if lo, hi := percentiles(vals, 0.95); lo != 25 || hi != 974 {
		t.Errorf("percentiles of 0..999 = %g, %g; want 25, 974", lo, hi)
	}
}

func TestSwings(t *testing.T) {
	c, r := swings([]float64{0.5, 0.9, 0.5, 0.1, 0.5, 0.85, 0.1, 0.15})
	if c != 2 || r != 1 {
		t.Errorf("swings = %d collapses, %d recoveries; want 2, 1", c, r)
	}
}

func TestWilson(t *testing.T) {
	lo, hi := wilson(50, 100)
	if math.Abs(lo-0.4038) > 1e-3 || math.Abs(hi-0.5962) > 1e-3 {
		t.Errorf("wilson(50, 100) = %.4f-%.4f, want 0.4038-0.5962", lo, hi)
	}
}

// TestThresholdSmall runs a small version of experiment 3 (40 rounds, 4
// replicates, against 200 and 16) and checks that the measured thresholds
// lie within 0.05 of c/b with an interval around them: the runner's own
// smoke test. The full experiment's verdict, on its whole interval, is
// sim reproduce's.
func TestThresholdSmall(t *testing.T) {
	f, err := config.Load(filepath.Join("..", "..", "configs", "reproduce", "3-direct-reciprocity.toml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := f.Config
	cfg.Rounds, cfg.Replicates = 40, 4
	sw, err := thresholds(context.Background(), cfg, 2, sweepGrid, func(c *sim.Config, w float64) { c.Donation.Continue = w }, "scorekeeper", "taker", crossing, 30)
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range sw.th {
		if math.Abs(e.X-ratios[i]) > thresholdTolerance || !(e.Lo <= e.X && e.X <= e.Hi) || !(e.Hi-e.Lo < 0.1) {
			t.Errorf("c/b = %g: w* = %+v, want within %g of c/b inside a finite interval", ratios[i], e, thresholdTolerance)
		}
	}
	row := thresholdRow("3. direct", "w", "c/b", ratios, exactDirect(0.05), sw.th, sweepGrid)
	var b bytes.Buffer
	WriteTable(&b, []Row{row})
	if !strings.Contains(b.String(), "| "+string(row.Status)) || !strings.Contains(b.String(), "90% CI") {
		t.Errorf("table lacks the status column or the interval:\n%s", b.String())
	}
}

// TestReplicatesStopsOnCancel: a cancelled run returns ctx's error and
// stops handing out replicates instead of running them all.
func TestReplicatesStopsOnCancel(t *testing.T) {
	f, err := config.Load(filepath.Join("..", "..", "configs", "reproduce", "3-direct-reciprocity.toml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := f.Config
	cfg.Rounds, cfg.Replicates = 20, 200
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var mu sync.Mutex
	kept := 0
	err = replicates(ctx, []sim.Config{cfg}, 2, func(_, _ int, _ *sim.Replicate) {
		mu.Lock()
		kept++
		mu.Unlock()
		cancel()
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	if kept >= cfg.Replicates {
		t.Errorf("kept all %d replicates after the cancel", kept)
	}
}

// TestZRank: members are ranked by the z-score of income within their
// profession, not by income: a poor florist who beats the other florists
// ranks above a realtor who trails the other realtors; a profession with
// one member is left out.
func TestZRank(t *testing.T) {
	ag := []sim.AgentRecord{
		{Agent: 0, Profession: 0, Income: 100},    // florist, best of its two
		{Agent: 1, Profession: 0, Income: 50},     // florist, worst
		{Agent: 2, Profession: 1, Income: 10000},  // realtor, worst
		{Agent: 3, Profession: 1, Income: 30000},  // realtor, best
		{Agent: 4, Profession: 1, Income: 20000},  // realtor, middle
		{Agent: 5, Profession: 2, Income: 999999}, // alone in its profession
	}
	r := zRank(ag)
	// z: florists ±0.707; realtors -1, +1, 0. Ties (none) would go to the
	// lower index.
	want := []int{2, 1, 4, 0, 3}
	if !slices.Equal(r.order, want) {
		t.Errorf("order %v, want %v", r.order, want)
	}
	ag[0].Strategy, ag[3].Strategy = 1, 1
	if got := r.all(1); got != 0.4 {
		t.Errorf("share of strategy 1 among the ranked = %g, want 0.4", got)
	}
	// Ten ranked members: decile 9 is the last one alone.
	var ten []sim.AgentRecord
	for i := range 10 {
		ten = append(ten, sim.AgentRecord{Agent: i, Profession: 0, Income: float64(i), Strategy: i % 2})
	}
	r = zRank(ten)
	if r.decile(0, 0) != 1 || r.decile(9, 1) != 1 || r.decile(9, 0) != 0 {
		t.Errorf("deciles of ten: bottom %g (want 1 of strategy 0), top %g (want 1 of strategy 1)", r.decile(0, 0), r.decile(9, 1))
	}
}

// TestGTFTPayoffsClosedForm: without errors two forgiving scorekeepers
// give every round, (b - c)/(1 - w) per encounter, and a taker gets the
// first gift and g of each later round's, b(1 + g w/(1 - w)); so a rare
// taker is resisted up to g* = 1 - c/(b w), which tends to Nowak &
// Sigmund's 1 - c/b as w -> 1.
func TestGTFTPayoffsClosedForm(t *testing.T) {
	const b, c, w, g = 1.0, 0.3, 0.9, 0.4
	vGG, vGD, vDG := gtftPayoffs(b, c, w, 0, g)
	if math.Abs(vGG-(b-c)/(1-w)) > 1e-9 || math.Abs(vDG-b*(1+g*w/(1-w))) > 1e-9 || math.Abs(vGD+c*(1+g*w/(1-w))) > 1e-9 {
		t.Errorf("payoffs %g, %g, %g; want %g, %g, %g", vGG, vGD, vDG, (b-c)/(1-w), -c*(1+g*w/(1-w)), b*(1+g*w/(1-w)))
	}
	// One taker among many: the threshold is 1 - c/(b w).
	if got, want := gtftThreshold(b, c, w, 0, 100000, 1), 1-c/(b*w); math.Abs(got-want) > 1e-3 {
		t.Errorf("rare-taker threshold %g, want %g", got, want)
	}
	// Errors cost the scorekeepers among themselves (failed gifts, and
	// the refusals that follow them) more than they save against takers:
	// the threshold falls.
	if e0, e5 := gtftThreshold(b, c, w, 0, 95, 5), gtftThreshold(b, c, w, 0.05, 95, 5); !(e5 < e0) {
		t.Errorf("threshold with 5%% errors %g not below the one without, %g", e5, e0)
	}
}

// TestGTFTPayoffsMatchTheEngine: the Markov chain's expected payoff of two
// forgiving scorekeepers with errors matches what the engine's repeated
// game pays them, within 4 standard errors of the simulated mean.
func TestGTFTPayoffsMatchTheEngine(t *testing.T) {
	const b, c, w, e, g = 1.0, 0.2, 0.9, 0.1, 0.3
	cfg := sim.Default()
	cfg.Model = sim.DonationGame
	cfg.Population = sim.Population{Members: 2, ChapterSize: 2, MaxContacts: 1}
	cfg.Rounds, cfg.Replicates = 500, 8
	cfg.Referrals.Visibility = 0
	cfg.Donation = sim.Donation{Benefit: b, Cost: c, Pairings: 10, Continue: w, Error: e}
	cfg.Strategies = []sim.StrategySpec{{Name: "gtft", Kind: "scorekeeper", Share: 1,
		Params: map[string]any{"open_prob": 1.0, "tolerance": 0.0, "forgiveness": g}}}
	res, err := sim.Run(context.Background(), cfg, sim.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	// Each encounter pays both players; a member's income per encounter.
	per := make([]float64, len(res.Replicates))
	for k, rep := range res.Replicates {
		per[k] = rep.Value(sim.Income, 0, cfg.Rounds) / float64(cfg.Rounds*cfg.Donation.Pairings)
	}
	s := sim.Summarize(per)
	want, _, _ := gtftPayoffs(b, c, w, e, g)
	t.Logf("engine %.4f per encounter (95%% CI %.4f-%.4f), chain %.4f", s.Mean, s.Low, s.High, want)
	if se := (s.High - s.Mean) / 2.36; math.Abs(s.Mean-want) > 4*se+1e-9 {
		t.Errorf("engine pays %.4f per encounter (95%% CI %.4f-%.4f), the chain %.4f", s.Mean, s.Low, s.High, want)
	}
}

// TestImageVsStandingSmall runs a small experiment 7 (8 runs of 20
// generations) and checks its shape: one row per rule, in order, with the
// discriminators' final share and the first generation's payoff gap
// reported; which rows pass is the full experiment's business.
func TestImageVsStandingSmall(t *testing.T) {
	f, err := config.Load(filepath.Join("..", "..", "configs", "reproduce", "7-image-vs-standing.toml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := f.Config
	cfg.Rounds, cfg.Replicates = 20, 8
	rows, err := imageVsStanding(context.Background(), cfg, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(standingRules) {
		t.Fatalf("%d rows, want %d", len(rows), len(standingRules))
	}
	for i, r := range rows {
		if r.Experiment != standingRules[i].name || !strings.Contains(r.Measured, "discriminators' final share") ||
			!strings.Contains(strings.Join(r.Notes, " "), "first generation, discriminator minus unconditional giver payoff") {
			t.Errorf("row %d: %+v", i, r)
		}
	}
}
