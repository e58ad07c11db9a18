package sim

import (
	"fmt"
	"strings"
	"testing"
)

// seatsOK reports the first chapter of w that holds two members of one
// profession.
func seatsOK(w *world) error {
	starts := w.chStart()
	for c := range len(starts) - 1 {
		seen := map[uint8]int32{}
		for i := starts[c]; i < starts[c+1]; i++ {
			p := w.stats[i].prof
			if j, dup := seen[p]; dup {
				return fmt.Errorf("chapter %d seats members %d and %d both as %s", c, j, i, w.cfg.Professions[p].Name)
			}
			seen[p] = i
		}
	}
	return nil
}

// TestExclusiveSeats: under exclusive seats no chapter holds two members
// of one profession, at the start and after churn has replaced members
// (a newcomer takes the seat of the member who left), for chapters up to
// the size of the catalogue.
func TestExclusiveSeats(t *testing.T) {
	for _, size := range []int{2, 30, len(DefaultProfessions())} {
		cfg := Default()
		cfg.Population.Members, cfg.Population.ChapterSize = 4*size, size
		cfg.Population.MaxContacts = max(cfg.Population.MaxContacts, size)
		cfg.Rounds = 40
		cfg.Evolution = Evolution{Period: 4, Rule: Churn, ChurnFraction: 0.25, Mutation: 0.1}
		for seed := range uint64(5) {
			w := mustWorld(t, &cfg, seed)
			if err := seatsOK(w); err != nil {
				t.Fatalf("chapters of %d, seed %d, at the start: %v", size, seed, err)
			}
			for range cfg.Rounds {
				w.step()
				w.evolve()
			}
			if w.tot.Departures == 0 {
				t.Fatalf("chapters of %d: churn replaced nobody", size)
			}
			if err := seatsOK(w); err != nil {
				t.Fatalf("chapters of %d, seed %d, after %d departures: %v", size, seed, w.tot.Departures, err)
			}
			if err := checkWorld(w); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestExclusiveSeatsByShare: professions are drawn by share without
// replacement: a profession with share 0 is never seated; a chapter as
// large as the professions with a share seats each once; and in chapters
// of two from {a: 8, b: 1, c: 1} a sits in a chapter with probability
// 8/10 + 2·(1/10)·(8/9) = 0.978 (first draw, or second after b or c),
// b in 1/10 + (8/10)(1/2) + (1/10)(1/9) = 0.511.
func TestExclusiveSeatsByShare(t *testing.T) {
	cfg := Default()
	cfg.Population.Members, cfg.Population.ChapterSize, cfg.Population.MaxContacts = 2000, 2, 10
	cfg.Professions = []Profession{
		{Name: "a", Share: 8, Demand: 1, Median: 100, Margin: 1},
		{Name: "b", Share: 1, Demand: 1, Median: 100, Margin: 1},
		{Name: "c", Share: 1, Demand: 1, Median: 100, Margin: 1},
		{Name: "never", Share: 0, Demand: 1, Median: 100, Margin: 1},
	}
	w := mustWorld(t, &cfg, 3)
	count := make([]float64, len(cfg.Professions))
	for i := range w.stats {
		count[w.stats[i].prof]++
	}
	chapters := float64(len(w.chapters))
	// Binomial over 1,000 chapters: the standard error of 0.978 is 0.005,
	// of 0.511 is 0.016; tolerances are four of them.
	for _, c := range []struct {
		p         int
		want, tol float64
	}{{0, 0.978, 0.02}, {1, 0.511, 0.064}, {2, 0.511, 0.064}, {3, 0, 0}} {
		if got := count[c.p] / chapters; got < c.want-c.tol || got > c.want+c.tol {
			t.Errorf("%s sits in %.3f of chapters, want %.3f ± %.3f", cfg.Professions[c.p].Name, got, c.want, c.tol)
		}
	}
	cfg.Population.Members, cfg.Population.ChapterSize = 30, 3
	w = mustWorld(t, &cfg, 4)
	starts := w.chStart()
	for c := range len(starts) - 1 {
		for i := starts[c]; i < starts[c+1]; i++ {
			if w.stats[i].prof == 3 {
				t.Fatalf("a profession with share 0 was seated")
			}
		}
	}
	if err := seatsOK(w); err != nil {
		t.Fatal(err)
	}
}

// TestExclusiveSeatsRefuseLargeChapters: a chapter larger than the
// professions with a share cannot be seated exclusively, and validation
// says so, naming population.seats; shared seats accept it.
func TestExclusiveSeatsRefuseLargeChapters(t *testing.T) {
	cfg := Default()
	cfg.Professions = eightProfessions()
	err := cfg.Validate()
	if err == nil || !strings.Contains(err.Error(), "population.seats: exclusive seats need a profession per member of a chapter: the largest chapter has 30 members, the catalogue 8 professions") {
		t.Errorf("Validate = %v, want a population.seats refusal", err)
	}
	cfg.Population.Seats = Shared
	if err := cfg.Validate(); err != nil {
		t.Errorf("shared seats: %v", err)
	}
}

// TestExclusiveSeatsPunishDiscernment: with one seat per profession, an
// otherish giver (discernment 1) that avoids a taker often has no other
// colleague of that profession to refer to, withholds, and is seen
// withholding: image scoring lowers its image, standing excuses it (the
// taker is in bad standing). Otherish givers and takers, everyone sees
// everything, no outside contacts, two years, 16 replicates: under image
// scoring the givers' mean image stays below 2, and its whole interval
// below that under standing, which climbs above 4. With shared seats it
// climbs above 4 under either rule.
func TestExclusiveSeatsPunishDiscernment(t *testing.T) {
	image := func(seats Seats, rule Assessment) Stat {
		cfg := Default()
		cfg.Population.Members, cfg.Rounds, cfg.Replicates = 60, 104, 16
		cfg.Population.Seats = seats
		if seats == Shared {
			cfg.Professions = eightProfessions()
		}
		cfg.Strategies = []StrategySpec{
			{Name: "otherish", Kind: "giver", Share: 0.5, Params: map[string]any{"discernment": 1.0}},
			{Name: "taker", Kind: "taker", Share: 0.5},
		}
		cfg.Referrals.Visibility, cfg.Referrals.MeetRate, cfg.Referrals.Assessment = 1, 0, rule
		return run(t, cfg, 2).Final(Image, 0)
	}
	img, std := image(Exclusive, ImageScoring), image(Exclusive, Standing)
	if !(img.Mean < 2 && img.High < std.Low && std.Low > 4) {
		t.Errorf("exclusive seats: otherish givers' image %.2f [%.2f, %.2f] under image scoring, %.2f [%.2f, %.2f] under standing; want a mean below 2, wholly below standing's, which is above 4",
			img.Mean, img.Low, img.High, std.Mean, std.Low, std.High)
	}
	if sh := image(Shared, ImageScoring); !(sh.Low > 4) {
		t.Errorf("shared seats: otherish givers' image %.2f [%.2f, %.2f] under image scoring, want above 4", sh.Mean, sh.Low, sh.High)
	}
}
