package sim

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"slices"
	"testing"
	"unsafe"
)

// evoConfig is a small world with evolution on.
func evoConfig(members, chapter int, rule EvolutionRule) Config {
	cfg := Default()
	cfg.Population.Members = members
	cfg.Population.ChapterSize = chapter
	cfg.Population.MaxContacts = max(cfg.Population.MaxContacts, chapter+10)
	cfg.Rounds = 40
	cfg.Replicates = 4
	cfg.Evolution = Evolution{Period: 4, Rule: rule, Scope: "chapter", Selection: 1,
		Scale: 1000, Mutation: 0, ChurnFraction: 0.1}
	return cfg
}

func mustWorld(t testing.TB, cfg *Config, seed uint64) *world {
	t.Helper()
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	w, err := newWorld(cfg, NewStreamKey(seed, 0))
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// checkWorld verifies every structural invariant of a world: strategies,
// professions and qualities in range; profMembs lists exactly the members
// of each profession (sorted); the chapters cover the members, each
// member's chapter field matches, and each chapter's by-profession index
// lists its members by profession; outside contacts sit in other chapters,
// are within the cap, never twice, carry their contact's profession and
// are mutual; trust is in 0..1 and no tie is stamped in the future; images
// are in -5..5 with a zero diagonal and imageSum equals the column sum of
// images; and the seek tables match the current profession counts.
func checkWorld(w *world) error {
	n := w.n
	for _, l := range []int{len(w.stats), len(w.prevIncome)} {
		if l != n {
			return fmt.Errorf("a per-member slice has length %d, want %d", l, n)
		}
	}
	for p, membs := range w.profMembs {
		if !slices.IsSorted(membs) {
			return fmt.Errorf("profMembs[%d] not sorted", p)
		}
		for k, i := range membs {
			if int(w.stats[i].prof) != p {
				return fmt.Errorf("profMembs[%d] lists %d of profession %d", p, i, w.stats[i].prof)
			}
			if k > 0 && membs[k-1] == i {
				return fmt.Errorf("profMembs[%d] lists %d twice", p, i)
			}
		}
	}
	total := 0
	for _, m := range w.profMembs {
		total += len(m)
	}
	if total != n {
		return fmt.Errorf("profMembs hold %d members, want %d", total, n)
	}
	okTie := func(t *bond) bool { return t.trust >= 0 && t.trust <= 1 && t.last <= w.round }
	next := int32(0)
	for c := range w.chapters {
		ch := &w.chapters[c]
		if ch.start != next || ch.size < 1 {
			return fmt.Errorf("chapter %d starts at %d with %d members, expected to start at %d", c, ch.start, ch.size, next)
		}
		next += ch.size
		if len(ch.col) != int(ch.size*ch.size) || len(ch.images) != int(ch.size*ch.size)+8 {
			return fmt.Errorf("chapter %d: ties and images sized %d/%d", c, len(ch.col), len(ch.images))
		}
		for k, b := range ch.byProf {
			p := w.stats[ch.start+b].prof
			if k > 0 {
				prev := ch.byProf[k-1]
				if pp := w.stats[ch.start+prev].prof; pp > p || pp == p && prev >= b {
					return fmt.Errorf("chapter %d: by-profession index out of order at %d", c, k)
				}
			}
			if k < int(ch.profStart[p]) || k >= int(ch.profStart[p+1]) {
				return fmt.Errorf("chapter %d: member %d of profession %d outside its bounds", c, b, p)
			}
		}
		if len(ch.outStart) != int(ch.size)+1 || ch.outStart[0] != 0 || int(ch.outStart[ch.size]) != len(ch.outs) {
			return fmt.Errorf("chapter %d: outside tie bounds %v for %d ties", c, ch.outStart, len(ch.outs))
		}
		for a := range ch.size {
			if ch.outStart[a] > ch.outStart[a+1] {
				return fmt.Errorf("chapter %d: outside tie bounds decrease at %d", c, a)
			}
			seg := ch.outs[ch.outStart[a]:ch.outStart[a+1]]
			for k := 1; k < len(seg); k++ {
				if seg[k-1].prof > seg[k].prof {
					return fmt.Errorf("chapter %d: member %d's outside ties not sorted by profession", c, a)
				}
			}
		}
		for a := range ch.size {
			for b := range ch.size {
				if a != b && !okTie(&ch.colTie(a, b).bond) {
					return fmt.Errorf("chapter %d: tie %d->%d is %+v", c, a, b, *ch.colTie(a, b))
				}
			}
		}
	}
	if int(next) != n {
		return fmt.Errorf("chapters cover %d members, want %d", next, n)
	}
	for i := range int32(n) {
		if int(w.stats[i].strat) >= w.nStrat || int(w.stats[i].prof) >= w.nProf {
			return fmt.Errorf("member %d: strategy %d / profession %d out of range", i, w.stats[i].strat, w.stats[i].prof)
		}
		if q := w.stats[i].quality; !(q >= 0 && q <= 1) {
			return fmt.Errorf("member %d: quality %g", i, q)
		}
		ch := w.chapterOf(i)
		if i < ch.start || i >= ch.start+ch.size {
			return fmt.Errorf("member %d: chapter field %d does not match the chapter bounds", i, w.stats[i].chapter)
		}
		if len(w.outsOf(i)) > w.maxOut(i) || w.contacts(i) > w.maxC {
			return fmt.Errorf("member %d holds %d outside contacts, more than its %d", i, len(w.outsOf(i)), w.maxOut(i))
		}
		seen := map[int32]bool{}
		for _, o := range w.outsOf(i) {
			j := o.other
			switch {
			case j < 0 || int(j) >= n || w.stats[j].chapter == w.stats[i].chapter:
				return fmt.Errorf("member %d holds %d as an outside contact", i, j)
			case o.prof != w.stats[j].prof:
				return fmt.Errorf("member %d: outside contact %d recorded as profession %d, is %d", i, j, o.prof, w.stats[j].prof)
			case seen[j]:
				return fmt.Errorf("member %d holds %d twice", i, j)
			case !okTie(&o.bond):
				return fmt.Errorf("member %d: tie with %d is %+v", i, j, o.tie)
			case w.findOut(j, i) < 0:
				return fmt.Errorf("outside tie %d->%d is not mutual", i, j)
			}
			seen[j] = true
		}
	}
	starts := w.chStart()
	for c := range len(starts) - 1 {
		cs, ce := starts[c], starts[c+1]
		for j := cs; j < ce; j++ {
			if w.stats[j].chapter != int32(c) {
				return fmt.Errorf("member %d in chapter %d, expected %d", j, w.stats[j].chapter, c)
			}
			col := int32(0)
			for o := cs; o < ce; o++ {
				img := *w.image(int32(c), o, j)
				if img < -5 || img > 5 || (o == j && img != 0) {
					return fmt.Errorf("image of %d by %d is %d", j, o, img)
				}
				col += int32(img)
			}
			if col != w.stats[j].imageSum {
				return fmt.Errorf("member %d: imageSum %d, column sum %d", j, w.stats[j].imageSum, col)
			}
		}
	}
	saved := w.seek
	w.seek = nil
	w.buildSeek()
	fresh := w.seek
	w.seek = saved
	if !reflect.DeepEqual(saved, fresh) {
		return fmt.Errorf("seek tables do not match the profession counts")
	}
	return nil
}

func shareCounts(w *world) []int {
	c := make([]int, w.nStrat)
	for i := range w.stats {
		c[w.stats[i].strat]++
	}
	return c
}

// TestEvolutionNeutralRevisionIsMartingale: with s = 0 and mu = 0 one
// imitation revision leaves every strategy's expected count unchanged, and
// its variance is exactly the sampling variance Σ p_i(1-p_i), where p_i is
// the chance that member i ends with the strategy: 1/2 stay plus 1/2 the
// strategy's share among i's possible peers. K revisions from one snapshot,
// each with its own stream; the mean change must lie within 4 standard
// errors (false alarm < 1e-4 per check) and the sample variance within 15%
// of the exact one (its relative standard error is sqrt(2/K) = 3%).
func TestEvolutionNeutralRevisionIsMartingale(t *testing.T) {
	for _, scope := range []Scope{"all", "chapter"} {
		t.Run(string(scope), func(t *testing.T) {
			cfg := evoConfig(300, 30, "imitation")
			cfg.Evolution.Selection, cfg.Evolution.Scope = 0, scope
			w := mustWorld(t, &cfg, 7)
			snap := make([]uint8, w.n)
			for i := range snap {
				snap[i] = w.stats[i].strat
			}
			before := shareCounts(w)
			// Incomes must not matter at s = 0: make them wildly unequal.
			inc := make([]float64, w.n)
			for i := range inc {
				inc[i] = float64(int(w.stats[i].strat)*5000 - i)
			}
			// Exact variance of each strategy's count after one revision.
			exactVar := make([]float64, w.nStrat)
			for i := range int32(w.n) {
				lo, hi := int32(0), int32(w.n)
				if scope == "chapter" {
					ch := w.chapterOf(i)
					lo, hi = ch.start, ch.start+ch.size
				}
				inScope := make([]float64, w.nStrat)
				for j := lo; j < hi; j++ {
					if j != i {
						inScope[snap[j]]++
					}
				}
				for s := range w.nStrat {
					p := 0.5 * inScope[s] / float64(hi-lo-1)
					if int(snap[i]) == s {
						p += 0.5
					}
					exactVar[s] += p * (1 - p)
				}
			}
			const K = 2000
			sumD := make([]float64, w.nStrat)
			sumD2 := make([]float64, w.nStrat)
			for k := range K {
				for i, s := range snap {
					w.stats[i].strat = s
				}
				w.r = NewStream(99, uint64(k))
				w.imitate(inc)
				for s, c := range shareCounts(w) {
					d := float64(c - before[s])
					sumD[s] += d
					sumD2[s] += d * d
				}
			}
			for s := range w.nStrat {
				mean := sumD[s] / K
				variance := sumD2[s]/K - mean*mean
				se := math.Sqrt(exactVar[s] / K)
				if math.Abs(mean) > 4*se {
					t.Errorf("strategy %d: mean count change %.3f, want 0 ± %.3f", s, mean, 4*se)
				}
				if math.Abs(variance/exactVar[s]-1) > 0.15 {
					t.Errorf("strategy %d: count variance %.2f, exact sampling variance %.2f", s, variance, exactVar[s])
				}
			}
		})
	}
}

// TestEvolutionNeutralDriftRun runs whole worlds with s = 0, mu = 0: each
// revision adds at most 1/(4n) to a share's variance (each member's switch
// is a coin with p(1-p) <= 1/4), so after T revisions the mean share change
// over R replicates has a standard error of at most sqrt(T/(4nR)); it must
// lie within 4 of them. The shares must also actually move (evolution runs).
func TestEvolutionNeutralDriftRun(t *testing.T) {
	cfg := evoConfig(120, 12, "imitation")
	cfg.Evolution.Selection = 0
	cfg.Evolution.Period = 2
	cfg.Rounds = 20
	cfg.Replicates = 32
	res, err := Run(context.Background(), cfg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	T := float64(cfg.Rounds / cfg.Evolution.Period)
	tol := 4 * math.Sqrt(T/(4*float64(cfg.Population.Members)*float64(cfg.Replicates)))
	moved := false
	for s, spec := range cfg.Strategies {
		final := res.Final(Share, s)
		if d := final.Mean - spec.Share; math.Abs(d) > tol {
			t.Errorf("%s: mean share change %.3f, want 0 ± %.3f", spec.Name, d, tol)
		}
		for _, rep := range res.Replicates {
			if rep.Value(Share, s, cfg.Rounds) != spec.Share {
				moved = true
			}
		}
	}
	if !moved {
		t.Error("no share moved in any replicate: evolution did not run")
	}
}

// TestEvolutionImitationFavoursEarners: a hand-built snapshot in which
// strategy 0's members earned $1,000 in the period and the rest nothing.
// With s = 1 and scale $100 (Fermi 0.99995 toward the richer), strategy
// 0's share must rise by about x(1-x)·n/(n-1), at least half of it.
func TestEvolutionImitationFavoursEarners(t *testing.T) {
	cfg := evoConfig(200, 25, "imitation")
	cfg.Evolution.Scope, cfg.Evolution.Scale = "all", 100
	w := mustWorld(t, &cfg, 3)
	for i := range w.n {
		if w.stats[i].strat == 0 {
			w.stats[i].revenue = 1000
		}
	}
	w.round = int32(cfg.Evolution.Period)
	x := float64(shareCounts(w)[0]) / float64(w.n)
	w.evolve()
	y := float64(shareCounts(w)[0]) / float64(w.n)
	want := x * (1 - x) * float64(w.n) / float64(w.n-1)
	if y-x < want/2 {
		t.Errorf("share of the earners rose from %.3f to %.3f, expected about +%.3f", x, y, want)
	}
	for i := range w.n {
		if w.prevIncome[i] != w.income(int32(i)) {
			t.Fatalf("member %d: prevIncome %g not updated", i, w.prevIncome[i])
		}
	}
	if err := checkWorld(w); err != nil {
		t.Fatal(err)
	}
}

// TestEvolutionGiversInvadeWhenSeen runs worlds where one strategy
// strictly earns more: otherish givers (discernment 1) and takers, every
// act seen (visibility 1), no outside contacts. Takers' images hit -5 within
// weeks and givers stop referring to them, so takers earn about nothing
// while givers keep earning; imitating within chapters, the givers' share
// must rise from 1/2 in every replicate and exceed 0.8 on average.
//
// The world is the first release's (shared seats, eight professions), in
// which a giver that avoids a taker has another colleague of the same
// profession to refer to: the test is about imitation, not seating. Under
// exclusive seats a discerning giver's refusal of the one colleague of a
// profession is seen as withholding, and image scoring punishes it (see
// TestExclusiveSeatsPunishDiscernment).
func TestEvolutionGiversInvadeWhenSeen(t *testing.T) {
	cfg := evoConfig(60, 20, "imitation")
	cfg.Population.Seats = Shared
	cfg.Professions = eightProfessions()
	cfg.Strategies = []StrategySpec{
		{Name: "otherish", Kind: "giver", Share: 0.5, Params: map[string]any{"discernment": 1.0}},
		{Name: "taker", Kind: "taker", Share: 0.5},
	}
	cfg.Referrals.Visibility = 1
	cfg.Referrals.MeetRate = 0
	cfg.Evolution.Period = 13
	cfg.Rounds = 78
	cfg.Replicates = 8
	res, err := Run(context.Background(), cfg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	final := res.Final(Share, 0)
	for _, rep := range res.Replicates {
		if v := rep.Value(Share, 0, cfg.Rounds); v <= 0.5 {
			t.Errorf("replicate %d: giver share %.2f did not rise from 0.5", rep.Index, v)
		}
	}
	if final.Mean < 0.8 {
		t.Errorf("mean final giver share %.2f, want > 0.8", final.Mean)
	}
	t.Logf("giver share after %d weeks: %.2f (%.2f-%.2f); %s", cfg.Rounds, final.Mean, final.Low, final.High, res.Takeover())
}

// TestEvolutionMutationUniform: at mu = 1 every revising member (imitation)
// or newcomer (churn fraction 1: everyone) takes a uniform strategy, so
// from a 0.8/0.1/0.1 mix the long-run shares are 1/3 each. Per revision a
// share has a standard deviation of sqrt((1/3)(2/3)/n) = 0.027 at n = 300;
// the long-run window (the last 2 of 10 weeks, revising every 2) spans 2
// revisions, so over 4 replicates the mean has 0.01 and the tolerance of
// 0.05 is 5 of them.
func TestEvolutionMutationUniform(t *testing.T) {
	for _, rule := range []EvolutionRule{"imitation", "churn"} {
		t.Run(string(rule), func(t *testing.T) {
			cfg := evoConfig(300, 30, rule)
			cfg.Strategies[0].Share, cfg.Strategies[1].Share, cfg.Strategies[2].Share = 0.8, 0.1, 0.1
			cfg.Evolution.Mutation = 1
			cfg.Evolution.ChurnFraction = 1
			cfg.Evolution.Period = 2
			cfg.Rounds = 10
			res, err := Run(context.Background(), cfg, Options{})
			if err != nil {
				t.Fatal(err)
			}
			for s, st := range res.LongRunShares() {
				if math.Abs(st.Mean-1.0/3) > 0.05 {
					t.Errorf("%s: long-run share %.3f, want 1/3 ± 0.05", res.Strategies[s], st.Mean)
				}
			}
			if got := res.Takeover(); got == "" || got[:2] != "no" {
				t.Errorf("Takeover() = %q, want no strategy", got)
			}
		})
	}
}

// TestEvolutionChurnKeepsWorldConsistent runs a world with heavy churn
// (a fifth of members every week) and many outside contacts, checking
// every invariant after every revision, and that the member count stays.
func TestEvolutionChurnKeepsWorldConsistent(t *testing.T) {
	cfg := evoConfig(90, 15, "churn")
	cfg.Population.MaxContacts = 24
	cfg.Referrals.MeetRate = 1
	cfg.Evolution.Period = 1
	cfg.Evolution.ChurnFraction = 0.2
	cfg.Evolution.Mutation = 0.1
	cfg.Rounds = 60
	w := mustWorld(t, &cfg, 11)
	outside := 0
	for range cfg.Rounds {
		w.step()
		w.evolve()
		if err := checkWorld(w); err != nil {
			t.Fatalf("round %d: %v", w.round, err)
		}
		c := shareCounts(w)
		if total := c[0] + c[1] + c[2]; total != cfg.Population.Members {
			t.Fatalf("round %d: %d members", w.round, total)
		}
		for i := range int32(w.n) {
			outside += len(w.outsOf(i))
		}
	}
	if outside == 0 {
		t.Error("no outside contacts were ever held: the test exercised nothing")
	}
}

// TestEvolutionReplace checks one newcomer in detail: its outside contacts
// forget it, colleagues hold it at starting trust with empty ledgers (in the
// bucket of its new profession), images of and by it are 0, its stats are
// zero, and the seek tables follow the profession counts.
func TestEvolutionReplace(t *testing.T) {
	cfg := evoConfig(60, 12, "churn")
	cfg.Referrals.MeetRate = 1
	w := mustWorld(t, &cfg, 5)
	for range 30 {
		w.step()
	}
	// The member with the most outside contacts, and a new profession.
	var i int32
	for j := range int32(w.n) {
		if len(w.outsOf(j)) > len(w.outsOf(i)) {
			i = j
		}
	}
	var formerOutside []int32
	for _, o := range w.outsOf(i) {
		formerOutside = append(formerOutside, o.other)
	}
	if len(formerOutside) == 0 {
		t.Fatal("no outside contacts to drop")
	}
	newProf := (w.stats[i].prof + 1) % uint8(w.nProf)
	newStrat := (w.stats[i].strat + 1) % uint8(w.nStrat)
	w.replace(i, newStrat, newProf, 0.25)
	w.buildSeek()
	if err := checkWorld(w); err != nil {
		t.Fatal(err)
	}
	for _, j := range formerOutside {
		if w.findOut(j, i) >= 0 {
			t.Errorf("former outside contact %d still holds the newcomer", j)
		}
	}
	ch := w.chapterOf(i)
	c := w.stats[i].chapter
	cs, ce := ch.start, ch.start+ch.size
	if got := w.contacts(i); got != int(ce-cs-1) || len(w.outsOf(i)) != 0 {
		t.Errorf("newcomer holds %d contacts, want its %d colleagues", got, ce-cs-1)
	}
	fresh := func(t tie, ok bool) bool {
		return ok && t.trust == float32(cfg.Trust.Chapter) && t.last == w.round &&
			t.givenN == 0 && t.recvN == 0 && t.givenV == 0 && t.recvV == 0
	}
	for j := cs; j < ce; j++ {
		if j == i {
			continue
		}
		if !fresh(w.tieOf(i, j)) {
			t.Errorf("newcomer's tie with colleague %d is not fresh", j)
		}
		if !fresh(w.tieOf(j, i)) {
			t.Errorf("colleague %d's tie with the newcomer is not fresh", j)
		}
		if *w.image(c, i, j) != 0 || *w.image(c, j, i) != 0 {
			t.Errorf("images between the newcomer and %d not reset", j)
		}
	}
	if totalsOf(w.stats[i]) != (agentStats{}) || w.prevIncome[i] != 0 {
		t.Errorf("newcomer's stats not zero: %+v", w.stats[i])
	}
	if w.stats[i].strat != newStrat || w.stats[i].prof != newProf || w.stats[i].quality != 0.25 {
		t.Errorf("newcomer is %d/%d/%g", w.stats[i].strat, w.stats[i].prof, w.stats[i].quality)
	}
	// The world keeps running.
	for range 5 {
		w.step()
	}
	if err := checkWorld(w); err != nil {
		t.Fatal(err)
	}
}

// TestEvolutionChurnSelection: the lowest earners leave (ties by index),
// and with only one strategy earning anything every newcomer takes it.
func TestEvolutionChurnSelection(t *testing.T) {
	cfg := evoConfig(100, 20, "churn")
	cfg.Evolution.ChurnFraction = 0.15
	w := mustWorld(t, &cfg, 9)
	for i := range w.n {
		if w.stats[i].strat == 0 {
			w.stats[i].revenue = 100 + float64(i%7) // positive
		} else {
			w.stats[i].costs = 1 + float64(i%5) // negative, with ties
		}
	}
	type rank struct {
		inc float64
		i   int
	}
	var ranks []rank
	for i := range w.n {
		ranks = append(ranks, rank{w.income(int32(i)), i})
	}
	slices.SortFunc(ranks, func(a, b rank) int {
		if a.inc != b.inc {
			if a.inc < b.inc {
				return -1
			}
			return 1
		}
		return a.i - b.i
	})
	want := []int{}
	for _, r := range ranks[:churnCount(w.n, cfg.Evolution.ChurnFraction)] {
		want = append(want, r.i)
	}
	slices.Sort(want)
	w.round = int32(cfg.Evolution.Period)
	w.evolve()
	got := []int{}
	for i := range w.n {
		if totalsOf(w.stats[i]) == (agentStats{}) {
			got = append(got, i)
			if w.stats[i].strat != 0 {
				t.Errorf("newcomer %d took strategy %d, only strategy 0 earned", i, w.stats[i].strat)
			}
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("replaced %v, want the lowest earners %v", got, want)
	}
	if err := checkWorld(w); err != nil {
		t.Fatal(err)
	}
}

// TestEvolutionDeterministicAcrossWorkers: the same seed gives bit-identical
// series and agents with 1 and 4 workers, for both rules.
func TestEvolutionDeterministicAcrossWorkers(t *testing.T) {
	for _, rule := range []EvolutionRule{"imitation", "churn"} {
		t.Run(string(rule), func(t *testing.T) {
			cfg := evoConfig(60, 12, rule)
			cfg.Evolution.Mutation = 0.05
			cfg.Evolution.Scope = "all"
			a, err := Run(context.Background(), cfg, Options{Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			b, err := Run(context.Background(), cfg, Options{Workers: 4})
			if err != nil {
				t.Fatal(err)
			}
			for k := range a.Replicates {
				ra, rb := a.Replicates[k], b.Replicates[k]
				if len(ra.series) != len(rb.series) {
					t.Fatalf("replicate %d: series lengths differ", k)
				}
				for x := range ra.series {
					if math.Float64bits(ra.series[x]) != math.Float64bits(rb.series[x]) {
						t.Fatalf("replicate %d: series differ at %d", k, x)
					}
				}
				if !reflect.DeepEqual(ra.Agents, rb.Agents) || ra.Totals != rb.Totals {
					t.Fatalf("replicate %d: agents or totals differ", k)
				}
			}
			if !reflect.DeepEqual(a.LongRunShares(), b.LongRunShares()) {
				t.Fatal("long-run shares differ")
			}
		})
	}
}

// TestLongRunWindow: the last 20% of rounds, at least one.
func TestLongRunWindow(t *testing.T) {
	for _, c := range []struct{ rounds, from, to int }{{520, 417, 520}, {10, 9, 10}, {2, 2, 2}, {1, 1, 1}} {
		if f, to := longRunWindow(c.rounds); f != c.from || to != c.to {
			t.Errorf("longRunWindow(%d) = %d..%d, want %d..%d", c.rounds, f, to, c.from, c.to)
		}
	}
}

// TestTakeoverOff: without evolution there is nothing to report.
func TestTakeoverOff(t *testing.T) {
	res := &Result{Config: Default(), Strategies: []string{"giver"}}
	if got := res.Takeover(); got != "" {
		t.Errorf("Takeover() with evolution off = %q", got)
	}
}

// totalsOf is st with its scalars (quality, chapter, strategy,
// profession) zeroed: what a newcomer starts with is zero.
func totalsOf(st agentStats) agentStats {
	st.quality, st.chapter, st.strat, st.prof = 0, 0, 0, 0
	return st
}

// TestAgentStatsFitsACacheLine: the per-member record is read at random
// for every referral's recipient, and is laid out to be one cache line.
func TestAgentStatsFitsACacheLine(t *testing.T) {
	if sz := unsafe.Sizeof(agentStats{}); sz != 64 {
		t.Errorf("agentStats is %d bytes, want 64", sz)
	}
}
