package sim

import (
	"context"
	"math"
	"reflect"
	"strings"
	"testing"
)

// donationConfig is a tiny donation game: one chapter, the given mix.
func donationConfig(members int, mix ...StrategySpec) Config {
	cfg := Default()
	cfg.Model = DonationGame
	cfg.Population = Population{Members: members, ChapterSize: members, MaxContacts: members - 1}
	cfg.Rounds = 20
	cfg.Replicates = 3
	cfg.Referrals.Visibility = 1
	cfg.Donation = Donation{Benefit: 1, Cost: 0.1, Observe: 1}
	cfg.Strategies = mix
	return cfg
}

func discriminator(name string, k float64, share float64) StrategySpec {
	return StrategySpec{Name: name, Kind: "discriminator", Share: share, Params: map[string]any{"threshold": k}}
}

// TestDonationDiscriminatorThreshold: a discriminator with k = 0 refuses a
// recipient it knows to have image -1 and gives to one with image 0; a
// gift costs c and earns the recipient b, for certain.
func TestDonationDiscriminatorThreshold(t *testing.T) {
	cfg := donationConfig(3, discriminator("disc", 0, 1))
	w := mustWorld(t, &cfg, 1)
	*w.image(0, 0, 1) = -1
	*w.image(0, 0, 2) = 0
	if w.decide(0, 1) {
		t.Error("k = 0 gave to a recipient with image -1")
	}
	if !w.decide(0, 2) {
		t.Error("k = 0 refused a recipient with image 0")
	}
	w.act(0, 2, true)
	if w.stats[0].costs != 0.1 || w.income(2) != 1 || w.stats[2].closed != 1 || w.totals().Closed != 1 {
		t.Errorf("a gift: donor costs %g (want 0.1), recipient earned %g (want 1), closed %d", w.stats[0].costs, w.income(2), w.stats[2].closed)
	}
	// Observe = 1: both colleagues saw the gift.
	if *w.image(0, 1, 0) != 1 || *w.image(0, 2, 0) != 1 {
		t.Errorf("images of the donor after a seen gift: %d, %d; want 1, 1", *w.image(0, 1, 0), *w.image(0, 2, 0))
	}
}

// TestDonationUnknownImage: with visibility 0 the donor never knows the
// image, and a discriminator gives even to a recipient it holds at -5.
func TestDonationUnknownImage(t *testing.T) {
	cfg := donationConfig(3, discriminator("disc", 0, 1))
	cfg.Referrals.Visibility = 0
	w := mustWorld(t, &cfg, 1)
	*w.image(0, 0, 1) = -5
	for range 20 {
		if !w.decide(0, 1) {
			t.Fatal("a discriminator refused a recipient whose image it did not know")
		}
	}
}

// TestDonationAssessment: a refusal of a recipient in bad standing lowers
// the donor's image under image scoring and not under standing; a refusal
// of one in good standing lowers it under both.
func TestDonationAssessment(t *testing.T) {
	for _, a := range []Assessment{ImageScoring, Standing} {
		cfg := donationConfig(3, discriminator("disc", 0, 1))
		cfg.Referrals.Assessment = a
		w := mustWorld(t, &cfg, 1)
		// Observer 2 holds recipient 1 in bad standing.
		*w.image(0, 2, 1) = -1
		w.act(0, 1, false)
		want := int8(-1)
		if a == Standing {
			want = 0
		}
		if got := *w.image(0, 2, 0); got != want {
			t.Errorf("%s: observer's image of a donor who refused a bad recipient = %d, want %d", a, got, want)
		}
		// The recipient itself does not excuse its own refusal.
		if got := *w.image(0, 1, 0); got != -1 {
			t.Errorf("%s: recipient's image of the donor who refused it = %d, want -1", a, got)
		}
	}
}

// TestDonationBinaryStanding: in the donation game, under Sugden's
// standing a gift sets every observer's image of the donor to +1; a
// refusal of a recipient the observer holds in good standing sets it to
// -1; a refusal of one it holds in bad standing leaves it as it was (and
// the recipient never excuses its own refusal). Under binary image scoring
// every refusal sets it to -1.
func TestDonationBinaryStanding(t *testing.T) {
	cfg := donationConfig(4, discriminator("disc", 0, 1))
	cfg.Referrals.Assessment = BinaryStanding
	w := mustWorld(t, &cfg, 1)
	*w.image(0, 3, 0) = -1
	w.stats[0].imageSum = -1
	w.act(0, 1, true)
	for o := int32(1); o < 4; o++ {
		if got := *w.image(0, o, 0); got != 1 {
			t.Errorf("after a gift, member %d's image of the donor = %d, want 1", o, got)
		}
	}
	// Observers 2 and 3 hold recipient 1 in bad standing; the recipient
	// itself does not excuse.
	*w.image(0, 2, 1), *w.image(0, 3, 1) = -1, -1
	w.act(0, 1, false)
	for o, want := range map[int32]int8{1: -1, 2: 1, 3: 1} {
		if got := *w.image(0, o, 0); got != want {
			t.Errorf("after refusing a recipient in bad standing, member %d's image of the donor = %d, want %d", o, got, want)
		}
	}
	w.act(0, 2, false) // everyone holds member 2 in good standing
	for o := int32(1); o < 4; o++ {
		if got := *w.image(0, o, 0); got != -1 {
			t.Errorf("after refusing a recipient in good standing, member %d's image = %d, want -1", o, got)
		}
	}
	if w.stats[0].imageSum != -3 {
		t.Errorf("imageSum %d, want -3", w.stats[0].imageSum)
	}
	// Binary image scoring excuses nothing: the same refusal of a
	// recipient in bad standing marks the donor bad for everyone, after a
	// gift had marked it good.
	cfg.Referrals.Assessment = BinaryImage
	w = mustWorld(t, &cfg, 1)
	w.act(0, 1, true)
	*w.image(0, 2, 1), *w.image(0, 3, 1) = -1, -1
	w.act(0, 1, false)
	for o := int32(1); o < 4; o++ {
		if got := *w.image(0, o, 0); got != -1 {
			t.Errorf("binary image scoring: member %d's image of a donor who refused = %d, want -1", o, got)
		}
	}
	if w.stats[0].imageSum != -3 {
		t.Errorf("binary image scoring: imageSum %d, want -3", w.stats[0].imageSum)
	}
}

// TestDonationRepeatedGame: with continue w, a scorekeeper (give first,
// then follow the ledger) gives a taker exactly one gift per encounter,
// and two scorekeepers give each other in every round.
func TestDonationRepeatedGame(t *testing.T) {
	sk := StrategySpec{Name: "sk", Kind: "scorekeeper", Share: 0.5, Params: map[string]any{"open_prob": 1.0, "tolerance": 0.0}}
	cfg := donationConfig(2, sk, StrategySpec{Name: "taker", Kind: "taker", Share: 0.5})
	cfg.Donation.Continue = 0.9
	cfg.Donation.Pairings = 3
	res, err := Run(context.Background(), cfg, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	encounters := cfg.Rounds * cfg.Donation.Pairings
	for _, rep := range res.Replicates {
		if got := rep.Value(ReferralsGiven, 0, cfg.Rounds); got != float64(encounters) {
			t.Errorf("scorekeeper gave %g times in %d encounters with a taker, want one per encounter", got, encounters)
		}
		if rep.Totals.Opportunities <= int64(2*encounters) {
			t.Errorf("%d decisions in %d encounters with w = 0.9: the games did not continue", rep.Totals.Opportunities, encounters)
		}
	}
	cfg = donationConfig(2, StrategySpec{Name: "sk", Kind: "scorekeeper", Share: 1, Params: map[string]any{"open_prob": 1.0}})
	cfg.Donation.Continue = 0.5
	res, err = Run(context.Background(), cfg, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, rep := range res.Replicates {
		if rep.Totals.Withheld != 0 || rep.Totals.Referrals != rep.Totals.Opportunities {
			t.Errorf("two scorekeepers withheld %d of %d gifts, want none", rep.Totals.Withheld, rep.Totals.Opportunities)
		}
	}
}

// TestDonationDeterministicAcrossWorkers: the donation game, with
// generational evolution and mutation, gives identical results for any
// number of workers.
func TestDonationDeterministicAcrossWorkers(t *testing.T) {
	cfg := donationConfig(30, discriminator("k0", 0, 0.4), discriminator("k2", 2, 0.3), StrategySpec{Name: "taker", Kind: "taker", Share: 0.3})
	cfg.Referrals.Visibility = 0.7
	cfg.Donation.Observe = 0.5
	cfg.Evolution = Evolution{Period: 2, Rule: "generation", Mutation: 0.05}
	cfg.Replicates = 4
	a, b := run(t, cfg, 1), run(t, cfg, 3)
	for k := range a.Replicates {
		ra, rb := a.Replicates[k], b.Replicates[k]
		// Bit patterns, so that the NaN of an extinct strategy compares.
		for x := range ra.series {
			if math.Float64bits(ra.series[x]) != math.Float64bits(rb.series[x]) {
				t.Fatalf("replicate %d: series differ at %d between 1 and 3 workers", k, x)
			}
		}
		if !reflect.DeepEqual(ra.Agents, rb.Agents) || ra.Totals != rb.Totals {
			t.Fatalf("replicate %d: agents or totals differ between 1 and 3 workers", k)
		}
	}
}

// TestGenerationResetsImages: after a generation every image is 0, and a
// strategy whose members all earned nothing leaves no offspring when
// another earned something.
func TestGenerationResetsImages(t *testing.T) {
	cfg := donationConfig(10, discriminator("give", -5, 0.5), discriminator("never", 6, 0.5))
	cfg.Evolution = Evolution{Period: 1, Rule: "generation"}
	w := mustWorld(t, &cfg, 3)
	w.step()
	inc := make([]float64, w.n)
	for i := range inc {
		inc[i] = w.income(int32(i))
		if w.stats[i].strat == 0 {
			inc[i] = 0 // givers earn nothing here: only "never" can breed
		}
	}
	w.generation(inc)
	for c := range w.chapters {
		for _, img := range w.chapters[c].images {
			if img != 0 {
				t.Fatal("an image survived the generation")
			}
		}
	}
	for i := range w.n {
		if w.stats[i].strat != 1 || w.stats[i].imageSum != 0 {
			t.Fatalf("member %d: strategy %d, image sum %d after selection for strategy 1", i, w.stats[i].strat, w.stats[i].imageSum)
		}
	}
}

// TestDonationValidation: the model and the donation keys are checked.
func TestDonationValidation(t *testing.T) {
	cfg := donationConfig(3, discriminator("disc", 0, 1))
	cfg.Donation.Continue = 1
	cfg.Donation.Observe = -0.1
	err := cfg.Validate()
	if err == nil || !strings.Contains(err.Error(), "donation.continue") || !strings.Contains(err.Error(), "donation.observe") {
		t.Errorf("want errors for donation.continue and donation.observe, got %v", err)
	}
	cfg = Default()
	cfg.Model = "chess"
	if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), "model") {
		t.Errorf("want an error for model, got %v", err)
	}
	cfg.Model = ""
	if err := cfg.Validate(); err != nil {
		t.Errorf("an empty model must mean networking, got %v", err)
	}
}

// TestDonationErrors: with error rate e, an unconditional giver's intended
// gifts fail about e of the time (4 binomial standard errors); a failed
// gift costs nothing, earns nothing, and is seen as a refusal.
func TestDonationErrors(t *testing.T) {
	cfg := donationConfig(10, discriminator("allc", -5, 1))
	cfg.Donation.Error = 0.25
	cfg.Rounds, cfg.Replicates = 200, 1
	res, err := Run(context.Background(), cfg, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	tot := res.Replicates[0].Totals
	n := float64(tot.Opportunities)
	if got, se := float64(tot.Withheld)/n, math.Sqrt(0.25*0.75/n); math.Abs(got-0.25) > 4*se {
		t.Errorf("failed gifts %.4f of %d, want 0.25 ± %.4f", got, tot.Opportunities, 4*se)
	}
	if tot.Referrals+tot.Withheld != tot.Opportunities || math.Abs(tot.ReferCosts-0.1*float64(tot.Referrals)) > 1e-6 {
		t.Errorf("gifts %d + failures %d != decisions %d, or costs %g not 0.1 per gift", tot.Referrals, tot.Withheld, tot.Opportunities, tot.ReferCosts)
	}
	// Error 1: every gift fails, and the observers lower their image of
	// the donor as for a refusal.
	cfg = donationConfig(3, discriminator("allc", -5, 1))
	cfg.Donation.Error = 1
	w := mustWorld(t, &cfg, 1)
	if !w.decide(0, 1) {
		t.Fatal("an unconditional giver decided not to give")
	}
	w.act(0, 1, true)
	if w.stats[0].costs != 0 || w.income(1) != 0 || *w.image(0, 1, 0) != -1 || *w.image(0, 2, 0) != -1 {
		t.Errorf("a failed gift: donor costs %g, recipient income %g, images %d, %d; want 0, 0, -1, -1",
			w.stats[0].costs, w.income(1), *w.image(0, 1, 0), *w.image(0, 2, 0))
	}
}

// TestDonationGenerousTitForTat: a scorekeeper with forgiveness g (tit-for-tat
// on the ledger, open_prob 1) meets a taker in repeated games continuing
// with probability w: it gives in the first round and with probability g
// in each later one, so it gives 1 + g·w/(1 - w) times per encounter on
// average (4.6 at g = 0.4, w = 0.9), within 4 standard errors; two such
// scorekeepers with errors e recover from a failed gift and keep giving.
func TestDonationGenerousTitForTat(t *testing.T) {
	gtft := StrategySpec{Name: "gtft", Kind: "scorekeeper", Share: 0.5, Params: map[string]any{"open_prob": 1.0, "tolerance": 0.0, "forgiveness": 0.4}}
	cfg := donationConfig(2, gtft, StrategySpec{Name: "taker", Kind: "taker", Share: 0.5})
	cfg.Donation.Continue = 0.9
	cfg.Donation.Pairings = 10
	cfg.Rounds, cfg.Replicates = 400, 1
	res, err := Run(context.Background(), cfg, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	encounters := float64(cfg.Rounds * cfg.Donation.Pairings)
	gifts := res.Replicates[0].Value(ReferralsGiven, 0, cfg.Rounds)
	// Per encounter: 1 + Binomial(L - 1, g) gifts, L geometric with mean
	// 10: variance g(1-g)·9 + g²·90 = 16.56.
	want, se := 1+0.4*0.9/0.1, math.Sqrt(16.56/encounters)
	if got := gifts / encounters; math.Abs(got-want) > 4*se {
		t.Errorf("gifts per encounter with a taker: %.3f, want %.2f ± %.3f", got, want, 4*se)
	}
	gtft.Share = 1
	cfg = donationConfig(2, gtft)
	cfg.Donation.Continue = 0.9
	cfg.Donation.Error = 0.05
	cfg.Rounds, cfg.Replicates = 400, 1
	res, err = Run(context.Background(), cfg, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	tot := res.Replicates[0].Totals
	if rate := float64(tot.Referrals) / float64(tot.Opportunities); rate < 0.85 {
		t.Errorf("two generous scorekeepers with 5%% errors gave %.3f of the time, want most (> 0.85)", rate)
	}
}
