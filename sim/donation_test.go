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
