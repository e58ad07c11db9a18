package sim

import (
	"context"
	"errors"
	"math"
	"reflect"
	"testing"
)

// small returns a quick world: 2 chapters, a year, 3 replicates.
func small() Config {
	cfg := Default()
	cfg.Population.Members = 60
	cfg.Rounds = 52
	cfg.Replicates = 3
	return cfg
}

func run(t *testing.T, cfg Config, workers int) *Result {
	t.Helper()
	res, err := Run(context.Background(), cfg, Options{Workers: workers})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// near reports whether a and b agree to a relative 1e-9: sums of the same
// dollars in a different order differ in the last bits.
func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(a)+math.Abs(b)) }

// TestConservation: every dollar a recipient is credited is the value of a
// closed referral, every referral given is a referral received, and the
// costs members paid are exactly acts times their unit cost.
// With churn, members who left take their totals with them; Totals keeps
// them, and the sums include them.
func TestConservation(t *testing.T) {
	for _, churn := range []bool{false, true} {
		cfg := small()
		cfg.Strategies = []StrategySpec{
			{Name: "giver", Kind: "giver", Share: 0.4},
			{Name: "scorekeeper", Kind: "scorekeeper", Share: 0.2},
			{Name: "taker", Kind: "taker", Share: 0.2, Params: map[string]any{"refer_prob": 0.1}},
			{Name: "hunter", Kind: "hunter", Share: 0.2},
		}
		if churn {
			cfg.Evolution = Evolution{Period: 10, Rule: "churn", ChurnFraction: 0.2, Mutation: 0.1}
		}
		// Help worth something to the helped, so that its revenue is
		// counted too.
		cfg.Referrals.HelpValue = 30
		for _, seats := range []Seats{Exclusive, Shared} {
			cfg.Population.Seats = seats
			checkConservation(t, cfg, run(t, cfg, 2))
		}
	}
}

func checkConservation(t *testing.T, cfg Config, res *Result) {
	t.Helper()
	for _, rep := range res.Replicates {
		tot := rep.Totals
		revenue, earned, costs := tot.DepartedRevenue, tot.DepartedEarned, tot.DepartedCosts
		vGiven, vRecv := tot.DepartedValueGiven, tot.DepartedValueReceived
		given, recv := int(tot.DepartedGiven), int(tot.DepartedReceived)
		var closed, helps int
		for _, a := range rep.Agents {
			revenue += a.Revenue
			earned += a.Earned
			costs += a.Costs
			vGiven += a.ValueGiven
			vRecv += a.ValueReceived
			given += a.ReferralsGiven
			recv += a.ReferralsReceived
			closed += a.DealsClosed
			helps += a.HelpsGiven
			if !near(a.Income, a.Earned-a.Costs) {
				t.Fatalf("agent %d: income %v != earned %v - costs %v", a.Agent, a.Income, a.Earned, a.Costs)
			}
			if m := cfg.Professions[a.Profession].Margin; !near(a.Earned, m*a.Revenue) {
				t.Fatalf("agent %d: earned %v != margin %v x revenue %v", a.Agent, a.Earned, m, a.Revenue)
			}
		}
		type check struct {
			name      string
			got, want float64
		}
		// EarnedValue is not checked against ClosedValue: the engine adds
		// the same v to both on the same lines, so the check could not fail.
		checks := []check{
			{"revenue credited vs closed and help value", revenue, tot.ClosedValue + tot.HelpValue},
			{"help value vs help acts x value", tot.HelpValue, float64(tot.Helps) * cfg.Referrals.HelpValue},
			{"value given vs received", vGiven, vRecv},
			{"value given vs referred", vGiven, tot.ReferredValue},
			{"referrals given vs received", float64(given), float64(recv)},
			{"referrals given vs counted", float64(given), float64(tot.Referrals)},
			{"costs vs acts × unit cost", costs, float64(tot.Referrals)*cfg.Referrals.ReferCost + float64(tot.Helps)*cfg.Referrals.HelpCost},
			{"opportunities split", float64(tot.Opportunities), float64(tot.Referrals + tot.Withheld + tot.Unmatched)},
		}
		var flowRef, flowClosed float64
		for k := range rep.FlowReferred {
			flowRef += rep.FlowReferred[k]
			flowClosed += rep.FlowClosed[k]
		}
		checks = append(checks, check{"flows referred", flowRef, tot.ReferredValue}, check{"flows closed", flowClosed, tot.ClosedValue})
		// Deals closed and help acts are kept per member only: a leaver's
		// go with it, so they add up only without churn.
		if tot.Departures == 0 {
			checks = append(checks, check{"deals closed", float64(closed), float64(tot.Closed)}, check{"helps", float64(helps), float64(tot.Helps)})
		}
		for _, c := range checks {
			if !near(c.got, c.want) {
				t.Errorf("replicate %d: %s: %v != %v", rep.Index, c.name, c.got, c.want)
			}
		}
		if tot.Referrals == 0 || tot.Closed == 0 || tot.Helps == 0 || tot.Withheld == 0 {
			t.Errorf("replicate %d: a degenerate world proves nothing: %+v", rep.Index, tot)
		}
	}
}

// TestDeterminism: the same config and seed give identical results for
// any number of workers; another seed gives different ones.
func TestDeterminism(t *testing.T) {
	cfg := small()
	cfg.Replicates = 5
	a := run(t, cfg, 1)
	b := run(t, cfg, 4)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("workers 1 and 4 gave different results")
	}
	cfg.Seed++
	c := run(t, cfg, 4)
	if reflect.DeepEqual(a.Replicates[0].Agents, c.Replicates[0].Agents) {
		t.Fatal("seeds 1 and 2 gave identical agents")
	}
}

// TestReplicatesDiffer: replicate streams are distinct.
func TestReplicatesDiffer(t *testing.T) {
	res := run(t, small(), 2)
	if reflect.DeepEqual(res.Replicates[0].Agents, res.Replicates[1].Agents) {
		t.Fatal("replicates 0 and 1 are identical")
	}
}

// TestPoissonOpportunities: opportunities per member-week average the
// configured mean. Tolerance: 4 standard errors of a Poisson sum.
func TestPoissonOpportunities(t *testing.T) {
	for _, lambda := range []float64{0.3, 0.8, 2.5} {
		cfg := small()
		cfg.Referrals.Opportunities = lambda
		res := run(t, cfg, 2)
		var n int64
		for _, rep := range res.Replicates {
			n += rep.Totals.Opportunities
		}
		draws := float64(cfg.Population.Members * cfg.Rounds * cfg.Replicates)
		mean := float64(n) / draws
		se := math.Sqrt(lambda / draws)
		if math.Abs(mean-lambda) > 4*se {
			t.Errorf("lambda %g: mean opportunities %.4f, want within 4 SE (%.4f)", lambda, mean, 4*se)
		}
	}
}

// TestObservedFraction: each colleague sees an act with probability
// visibility. Tolerance: 4 binomial standard errors.
func TestObservedFraction(t *testing.T) {
	for _, vis := range []float64{0, 0.1, 0.5, 0.8, 1} {
		cfg := small()
		cfg.Referrals.Visibility = vis
		res := run(t, cfg, 2)
		var seen, chances float64
		for _, rep := range res.Replicates {
			tot := rep.Totals
			seen += float64(tot.GivingSeen + tot.WithholdingSeen)
			chances += float64(tot.GivingActs+tot.WithholdingActs) * 29 // 2 chapters of 30
		}
		frac := seen / chances
		se := math.Sqrt(vis * (1 - vis) / chances)
		if math.Abs(frac-vis) > 4*se {
			t.Errorf("visibility %g: observed fraction %.5f (4 SE %.5f)", vis, frac, 4*se)
		}
	}
}

// TestTakersNeverRefer: at refer_prob 0 a taker passes nothing, helps
// nobody and pays nothing, while still receiving.
func TestTakersNeverRefer(t *testing.T) {
	res := run(t, small(), 2)
	taker := -1
	for s, name := range res.Strategies {
		if name == "taker" {
			taker = s
		}
	}
	received := 0
	for _, rep := range res.Replicates {
		for _, a := range rep.Agents {
			if a.Strategy != taker {
				continue
			}
			if a.ReferralsGiven != 0 || a.HelpsGiven != 0 || a.Costs != 0 {
				t.Fatalf("taker %d gave %d referrals, %d helps, paid %v", a.Agent, a.ReferralsGiven, a.HelpsGiven, a.Costs)
			}
			received += a.ReferralsReceived
		}
	}
	if received == 0 {
		t.Fatal("takers received nothing: the test world is degenerate")
	}
}

// TestNoVisibilityNoImages: at visibility 0 nobody's image moves.
func TestNoVisibilityNoImages(t *testing.T) {
	cfg := small()
	cfg.Referrals.Visibility = 0
	res := run(t, cfg, 2)
	for _, rep := range res.Replicates {
		for _, a := range rep.Agents {
			if a.Image != 0 {
				t.Fatalf("agent %d has image %v at visibility 0", a.Agent, a.Image)
			}
		}
	}
}

// TestAssessmentRules: member 0 withheld a client from member 1, whom
// every colleague holds in bad standing (-1). Under image scoring every
// observer lowers its image of member 0; under standing only member 1, who
// is in good standing in its own eyes, does (Leimar & Hammerstein 2001);
// under binary standing member 1 puts member 0 in bad standing (-1) and
// the others leave it as it was; binary image scoring marks it bad (-1)
// for everyone.
func TestAssessmentRules(t *testing.T) {
	for _, tc := range []struct {
		rule Assessment
		want []int8 // images of member 0 held by members 1..3 afterwards
	}{
		{ImageScoring, []int8{-1, -1, -1}},
		{Standing, []int8{-1, 0, 0}},
		{BinaryStanding, []int8{-1, 0, 0}},
		{BinaryImage, []int8{-1, -1, -1}},
	} {
		cfg := Default()
		cfg.Population.Members, cfg.Population.ChapterSize = 4, 4
		cfg.Referrals.Visibility = 1
		cfg.Referrals.Assessment = tc.rule
		w, err := newWorld(&cfg, NewStreamKey(1, 0))
		if err != nil {
			t.Fatal(err)
		}
		for o := int32(0); o < 4; o++ {
			*w.image(0, o, 1) = -1
		}
		ch := &w.chapters[0]
		w.borrow(ch)
		ch.withheld = append(ch.withheld[:0], 1)
		w.observe(ch, 0, false)
		for o := int32(1); o < 4; o++ {
			if got := *w.image(0, o, 0); got != tc.want[o-1] {
				t.Errorf("%s: member %d's image of member 0 = %d, want %d", tc.rule, o, got, tc.want[o-1])
			}
		}
		if w.stats[0].imageSum != int32(tc.want[0]+tc.want[1]+tc.want[2]) {
			t.Errorf("%s: imageSum %d out of step with the images", tc.rule, w.stats[0].imageSum)
		}
	}
}

// TestBinaryStanding: under Sugden's standing an image is set, not moved.
// Member 0, held at +1 by member 2 and at -1 by member 3, is seen giving:
// every observer holds it at +1, whatever it held before. It is then seen
// withholding from member 1, whom members 2 and 3 hold in bad standing and
// member 1 (in its own eyes) in good: member 1 sets it to -1, members 2
// and 3 keep +1. Seen withholding from member 2, whom everyone holds in
// good standing, it is at -1 for all, not -2: standing has two values.
func TestBinaryStanding(t *testing.T) {
	cfg := Default()
	cfg.Population.Members, cfg.Population.ChapterSize = 4, 4
	cfg.Referrals.Visibility = 1
	cfg.Referrals.Assessment = BinaryStanding
	w, err := newWorld(&cfg, NewStreamKey(1, 0))
	if err != nil {
		t.Fatal(err)
	}
	set := func(o, j int32, v int8) {
		w.stats[j].imageSum += int32(v - *w.image(0, o, j))
		*w.image(0, o, j) = v
	}
	set(2, 0, 1)
	set(3, 0, -1)
	set(2, 1, -1)
	set(3, 1, -1)
	ch := &w.chapters[0]
	w.borrow(ch)
	check := func(when string, want ...int8) {
		t.Helper()
		sum := int32(0)
		for o := int32(1); o < 4; o++ {
			if got := *w.image(0, o, 0); got != want[o-1] {
				t.Errorf("%s: member %d's image of member 0 = %d, want %d", when, o, got, want[o-1])
			}
			sum += int32(want[o-1])
		}
		if w.stats[0].imageSum != sum {
			t.Errorf("%s: imageSum %d, want %d", when, w.stats[0].imageSum, sum)
		}
	}
	w.observe(ch, 0, true)
	check("after giving", 1, 1, 1)
	ch.withheld = append(ch.withheld[:0], 1)
	w.observe(ch, 0, false)
	check("after withholding from a member in bad standing", -1, 1, 1)
	ch.withheld = append(ch.withheld[:0], 2)
	w.observe(ch, 0, false)
	check("after withholding from a member in good standing", -1, -1, -1)
	ch.withheld = append(ch.withheld[:0], 2)
	w.observe(ch, 0, false)
	check("after withholding again", -1, -1, -1)
}

// TestStandingSoftensImages: a world of takers sinks to -5 under image
// scoring at full visibility; under standing, refusing colleagues already
// in bad standing is excused, so images stay higher. Nobody meets
// outsiders here: withholding from an outside contact, whom no image
// follows, is never excused, and would blur the rule under test.
func TestStandingSoftensImages(t *testing.T) {
	cfg := small()
	cfg.Replicates = 8
	cfg.Strategies = []StrategySpec{{Name: "taker", Kind: "taker", Share: 1}}
	cfg.Referrals.Visibility = 1
	cfg.Referrals.MeetRate = 0
	img := run(t, cfg, 2).Final(Image, 0)
	cfg.Referrals.Assessment = Standing
	std := run(t, cfg, 2).Final(Image, 0)
	if img.Mean > -4.9 {
		t.Errorf("image scoring: all-taker mean image %.2f, want about -5", img.Mean)
	}
	if !(std.Low > img.High) {
		t.Errorf("standing: all-taker mean image %.2f [%.2f, %.2f], want above image scoring's %.2f", std.Mean, std.Low, std.High, img.Mean)
	}
}

// TestCancel: a cancelled context stops the run with its error.
func TestCancel(t *testing.T) {
	cfg := small()
	cfg.Rounds = 100000
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	_, err := Run(ctx, cfg, Options{Workers: 2, Progress: func(done, total int) {
		calls++
		if done == 10 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	// Each of the two workers finishes at most the round it is in.
	if calls > 12 {
		t.Errorf("%d rounds ran after cancel at 10", calls-10)
	}
}

// TestProgressCounts: progress reaches rounds × replicates exactly.
func TestProgressCounts(t *testing.T) {
	cfg := small()
	last, total := 0, 0
	if _, err := Run(context.Background(), cfg, Options{Workers: 2, Progress: func(d, n int) { last, total = d, n }}); err != nil {
		t.Fatal(err)
	}
	if last != cfg.Rounds*cfg.Replicates || total != last {
		t.Fatalf("progress ended at %d of %d, want %d", last, total, cfg.Rounds*cfg.Replicates)
	}
}

// TestInvalidConfig: Run refuses a bad config with a field path.
func TestInvalidConfig(t *testing.T) {
	cfg := small()
	cfg.Referrals.Visibility = 1.5
	_, err := Run(context.Background(), cfg, Options{})
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Path != "referrals.visibility" {
		t.Fatalf("err = %v, want a FieldError for referrals.visibility", err)
	}
}

// TestExtremeValidConfigsRun: values at the edges of their ranges run.
// A half-life of 1e300 weeks used to overflow the decay table's length
// and panic.
func TestExtremeValidConfigsRun(t *testing.T) {
	cfg := Default()
	cfg.Rounds, cfg.Replicates, cfg.Population.Members = 3, 1, 60
	cfg.Trust.HalfLife = 1e300
	if _, err := Run(context.Background(), cfg, Options{}); err != nil {
		t.Fatal(err)
	}
}

// TestChapterWorkersNeverChangeANumber: one world played with 1, 2, 3 or 8
// chapter workers gives the same replicate, bit for bit: series, agents,
// flows and totals. The world has everything that crosses chapters:
// meetings, referrals and help to outside contacts with value, churn that
// removes outside ties, and standing (the withheld lists).
func TestChapterWorkersNeverChangeANumber(t *testing.T) {
	for _, rule := range []Assessment{Standing, BinaryStanding, BinaryImage} {
		t.Run(string(rule), func(t *testing.T) { chapterWorkers(t, rule) })
	}
}

func chapterWorkers(t *testing.T, rule Assessment) {
	cfg := Default()
	cfg.Population.Members, cfg.Population.ChapterSize = 240, 20
	cfg.Rounds, cfg.Replicates = 60, 1
	cfg.Referrals.MeetRate, cfg.Referrals.HelpValue = 0.5, 40
	cfg.Referrals.Assessment = rule
	cfg.Strategies = []StrategySpec{
		{Name: "selfless", Kind: "giver", Share: 0.3},
		{Name: "otherish", Kind: "giver", Share: 0.2, Params: map[string]any{"discernment": 0.8}},
		{Name: "scorekeeper", Kind: "scorekeeper", Share: 0.3},
		{Name: "taker", Kind: "taker", Share: 0.2},
	}
	cfg.Evolution = Evolution{Period: 13, Rule: Churn, ChurnFraction: 0.1, Mutation: 0.05}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	var first *Replicate
	for _, workers := range []int{1, 2, 3, 8} {
		rep, err := RunReplicate(context.Background(), &cfg, 0, NewStreamKey(cfg.Seed, 0), ReplicateOptions{Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Totals.Meetings == 0 || rep.Totals.Departures == 0 || rep.Totals.HelpValue == 0 {
			t.Fatalf("the world did not exercise what crosses chapters: %+v", rep.Totals)
		}
		if first == nil {
			first = rep
			continue
		}
		if !reflect.DeepEqual(rep, first) {
			t.Errorf("%d chapter workers: the replicate differs from one worker's", workers)
		}
	}
	// One replicate on four workers: its chapters play at once; the books
	// still balance.
	checkConservation(t, cfg, run(t, cfg, 4))
}
