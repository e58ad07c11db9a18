package strategies

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func rng() *rand.Rand { return rand.New(rand.NewPCG(1, 2)) }

func build(t *testing.T, kind string, params map[string]any) Strategy {
	t.Helper()
	k, ok := Lookup(kind)
	if !ok {
		t.Fatalf("kind %q not registered", kind)
	}
	p, err := k.Resolve(params)
	if err != nil {
		t.Fatal(err)
	}
	return k.New(p)
}

var opp = Opportunity{Profession: 0, Value: 1000, DealValue: 1000}

// TestTakerNeverRefers: at refer_prob 0 a taker holds back every client
// and helps nobody, whatever it thinks of the candidates.
func TestTakerNeverRefers(t *testing.T) {
	s := build(t, "taker", nil)
	r := rng()
	cands := []Contact{{Trust: 1, Image: 5, Colleague: true}, {Trust: 0.5}}
	for range 10000 {
		if got := s.Refer(opp, cands, r); got != -1 {
			t.Fatalf("taker referred to %d", got)
		}
		if got := s.Help(cands, r); got != -1 {
			t.Fatalf("taker helped %d", got)
		}
	}
}

// TestNeverRefersPromise: Habits.NeverRefers lets the engine skip asking,
// so it must be set exactly when Refer always returns -1 without drawing:
// for a taker at refer_prob 0 and for no other built-in configuration
// tried here.
func TestNeverRefersPromise(t *testing.T) {
	for _, tc := range []struct {
		kind   string
		params map[string]any
		never  bool
	}{
		{"taker", nil, true},
		{"taker", map[string]any{"refer_prob": 0.1}, false},
		{"giver", nil, false},
		{"scorekeeper", nil, false},
		{"hunter", nil, false},
		{"discriminator", nil, false},
	} {
		s := build(t, tc.kind, tc.params)
		if got := s.Habits().NeverRefers; got != tc.never {
			t.Errorf("%s %v: NeverRefers %v, want %v", tc.kind, tc.params, got, tc.never)
			continue
		}
		if !tc.never {
			continue
		}
		src, twin := rand.NewPCG(3, 3), rand.NewPCG(3, 3)
		r := rand.New(src)
		for range 1000 {
			if s.Refer(opp, []Contact{{Trust: 1}}, r) != -1 {
				t.Fatalf("%s promised never to refer and referred", tc.kind)
			}
		}
		if src.Uint64() != twin.Uint64() {
			t.Errorf("%s promised never to refer and drew from its generator", tc.kind)
		}
	}
}

// TestTakerReferProb: with refer_prob p it refers about p of the time
// (4 binomial standard errors over 20,000 tries), to its most trusted.
func TestTakerReferProb(t *testing.T) {
	s := build(t, "taker", map[string]any{"refer_prob": 0.1})
	r := rng()
	cands := []Contact{{Trust: 0.2}, {Trust: 0.9}, {Trust: 0.5}}
	n, referred := 20000, 0
	for range n {
		switch s.Refer(opp, cands, r) {
		case -1:
		case 1:
			referred++
		default:
			t.Fatal("taker referred to a less trusted contact")
		}
	}
	if got := float64(referred) / float64(n); got < 0.1-4*0.0021 || got > 0.1+4*0.0021 {
		t.Errorf("refer rate %.4f, want 0.1 ± 0.0084", got)
	}
}

// TestScorekeeperCountLedger: a count scorekeeper (tolerance 0) gives to
// a fresh partner, stops while the partner owes it a referral, and
// resumes once repaid.
func TestScorekeeperCountLedger(t *testing.T) {
	s := build(t, "scorekeeper", map[string]any{"open_prob": 1.0})
	r := rng()
	partner := Contact{Trust: 0.3}
	if got := s.Refer(opp, []Contact{partner}, r); got != 0 {
		t.Fatalf("fresh partner with open_prob 1: got %d, want 0 (give first)", got)
	}
	partner.Given = Tally{Count: 1, Value: 1000}
	for range 1000 {
		if got := s.Refer(opp, []Contact{partner}, r); got != -1 {
			t.Fatalf("unrepaid partner got referral %d", got)
		}
	}
	partner.Received = Tally{Count: 1, Value: 50}
	if got := s.Refer(opp, []Contact{partner}, r); got != 0 {
		t.Fatalf("repaid partner: got %d, want 0", got)
	}
}

// TestScorekeeperValueLedger: by value, one $50 referral back does not
// repay a $1,000 one; by count it does. The article's florist-vs-realtor
// point.
func TestScorekeeperValueLedger(t *testing.T) {
	partner := Contact{Trust: 0.3, Given: Tally{1, 1000}, Received: Tally{1, 50}}
	byCount := build(t, "scorekeeper", map[string]any{"ledger": "count", "open_prob": 0.0})
	byValue := build(t, "scorekeeper", map[string]any{"ledger": "value", "open_prob": 0.0})
	if got := byCount.Refer(opp, []Contact{partner}, rng()); got != 0 {
		t.Errorf("count ledger: got %d, want 0 (one for one)", got)
	}
	if got := byValue.Refer(opp, []Contact{partner}, rng()); got != -1 {
		t.Errorf("value ledger: got %d, want -1 ($950 still owed)", got)
	}
	tolerant := build(t, "scorekeeper", map[string]any{"ledger": "value", "tolerance": 1000.0, "open_prob": 0.0})
	if got := tolerant.Refer(opp, []Contact{partner}, rng()); got != 0 {
		t.Errorf("value ledger, tolerance $1,000: got %d, want 0", got)
	}
}

// TestScorekeeperRepaysLargestDebtFirst: among partners in good standing
// it refers to the one whose balance is highest.
func TestScorekeeperRepaysLargestDebtFirst(t *testing.T) {
	s := build(t, "scorekeeper", nil)
	cands := []Contact{
		{Trust: 0.9, Given: Tally{2, 0}, Received: Tally{2, 0}},
		{Trust: 0.1, Given: Tally{1, 0}, Received: Tally{3, 0}},
		{Trust: 0.5, Given: Tally{0, 0}, Received: Tally{1, 0}},
	}
	if got := s.Refer(opp, cands, rng()); got != 1 {
		t.Fatalf("got %d, want 1 (owed two)", got)
	}
}

// TestGiverDiscernment: a fully discerning giver never refers to or helps
// a colleague whose image is at the bottom; a selfless one still does, in
// proportion to trust.
func TestGiverDiscernment(t *testing.T) {
	cands := []Contact{{Trust: 0.5, Image: -5, Colleague: true}, {Trust: 0.5, Image: 0, Colleague: true}}
	otherish := build(t, "giver", map[string]any{"discernment": 1.0})
	selfless := build(t, "giver", nil)
	r := rng()
	toBad := 0
	for range 10000 {
		if otherish.Refer(opp, cands, r) == 0 {
			t.Fatal("otherish giver referred to an image of -5")
		}
		if otherish.Help(cands, r) == 0 {
			t.Fatal("otherish giver helped an image of -5")
		}
		if selfless.Refer(opp, cands, r) == 0 {
			toBad++
		}
	}
	// Equal trust, no discernment: about half go to the taker (4 SE).
	if toBad < 5000-200 || toBad > 5000+200 {
		t.Errorf("selfless giver sent %d of 10000 to the bad image, want about 5000", toBad)
	}
	if got := otherish.Refer(opp, cands[:1], r); got != -1 {
		t.Errorf("otherish giver with only a bottom-image candidate: got %d, want -1", got)
	}
}

// TestGiverPassesEverything: a giver refers every opportunity it can.
func TestGiverPassesEverything(t *testing.T) {
	s := build(t, "giver", nil)
	r := rng()
	cands := []Contact{{Trust: 0}, {Trust: 0.1, Image: -3, Colleague: true}}
	for range 10000 {
		if s.Refer(opp, cands, r) < 0 {
			t.Fatal("giver held a referral back")
		}
	}
}

// TestHunter: refers only professions worth min_value, and seeks them.
func TestHunter(t *testing.T) {
	s := build(t, "hunter", map[string]any{"min_value": 2000.0})
	cands := []Contact{{Trust: 0.5}}
	if got := s.Refer(Opportunity{DealValue: 75}, cands, rng()); got != -1 {
		t.Errorf("florist client: got %d, want -1", got)
	}
	if got := s.Refer(Opportunity{DealValue: 12000}, cands, rng()); got != 0 {
		t.Errorf("realtor client: got %d, want 0", got)
	}
	if h := s.Habits(); h.MinSeekValue != 2000 || h.SeekValue != 1 {
		t.Errorf("habits %+v: want to seek value ≥ 2000", h)
	}
}

// TestResolve checks defaults and every kind of bad parameter.
func TestResolve(t *testing.T) {
	k, _ := Lookup("scorekeeper")
	p, err := k.Resolve(map[string]any{"tolerance": int64(2)})
	if err != nil {
		t.Fatal(err)
	}
	if p.Num("tolerance") != 2 || p.Str("ledger") != "count" || p.Num("open_prob") != 0.5 {
		t.Errorf("resolved %v", p)
	}
	for _, tc := range []struct {
		params map[string]any
		frag   string
	}{
		{map[string]any{"tolerence": 1.0}, `unknown parameter; scorekeeper takes: ledger, tolerance`},
		{map[string]any{"ledger": "dollars"}, `expected one of "count", "value", "none", found "dollars"`},
		{map[string]any{"ledger": 3.0}, `expected one of "count", "value", "none", found 3`},
		{map[string]any{"open_prob": 1.5}, `expected a number in [0, 1], found 1.5`},
		{map[string]any{"open_prob": "high"}, `expected a number in [0, 1], found high`},
	} {
		_, err := k.Resolve(tc.params)
		var pe *ParamError
		if !errors.As(err, &pe) || !strings.Contains(err.Error(), tc.frag) {
			t.Errorf("Resolve(%v) = %v, want a ParamError containing %q", tc.params, err, tc.frag)
		}
	}
}

// TestRegistry: every kind is found by name, documents its parameters,
// and its defaults resolve and build.
func TestRegistry(t *testing.T) {
	names := Names()
	if len(names) < 4 {
		t.Fatalf("kinds %v", names)
	}
	for _, k := range Kinds() {
		if k.Doc == "" {
			t.Errorf("%s: no doc", k.Name)
		}
		for _, p := range k.Params {
			if p.Doc == "" {
				t.Errorf("%s.%s: no doc", k.Name, p.Name)
			}
		}
		p, err := k.Resolve(nil)
		if err != nil {
			t.Errorf("%s defaults: %v", k.Name, err)
			continue
		}
		if k.New(p) == nil {
			t.Errorf("%s: New returned nil", k.Name)
		}
	}
}

// TestWeightedIndexPaths: weightedIndex keeps up to smallN weights on the
// stack and walks larger lists twice; both ways must pick what
// pickWeighted picks from the same weights and generator state, and the
// giver's and scorekeeper's own loops (with their fallback above smallN)
// must pick what weightedIndex picks. Over many draws at 40 candidates
// each index comes up in proportion to its weight (4 standard errors).
func TestWeightedIndexPaths(t *testing.T) {
	gen := rand.New(rand.NewPCG(4, 4))
	for _, n := range []int{1, 5, smallN, smallN + 1, 40} {
		for trial := range 500 {
			ws := make([]float64, n)
			total := 0.0
			for i := range ws {
				if gen.IntN(4) > 0 {
					ws[i] = gen.Float64()
				}
				total += ws[i]
			}
			seed := gen.Uint64()
			a := weightedIndex(n, func(i int) float64 { return ws[i] }, rand.New(rand.NewPCG(seed, 0)))
			b := pickWeighted(ws, total, rand.New(rand.NewPCG(seed, 0)))
			if a != b {
				t.Fatalf("n=%d trial %d: weightedIndex %d, pickWeighted %d", n, trial, a, b)
			}
			cands := make([]Contact, n)
			for i := range cands {
				cands[i] = Contact{Trust: ws[i], Image: gen.IntN(11) - 5, Colleague: gen.IntN(2) == 0}
			}
			g := &Giver{Discernment: 0.7}
			got := g.Refer(opp, cands, rand.New(rand.NewPCG(seed, 1)))
			want := weightedIndex(n, func(i int) float64 {
				return (cands[i].Trust + trustFloor) * g.imageFactor(cands[i])
			}, rand.New(rand.NewPCG(seed, 1)))
			if got != want {
				t.Fatalf("n=%d trial %d: Giver.Refer %d, weightedIndex %d", n, trial, got, want)
			}
		}
	}
	const n, draws = 40, 200000
	ws := make([]float64, n)
	total := 0.0
	for i := range ws {
		ws[i] = float64(i%7 + 1)
		total += ws[i]
	}
	counts := make([]int, n)
	r := rand.New(rand.NewPCG(9, 9))
	for range draws {
		counts[weightedIndex(n, func(i int) float64 { return ws[i] }, r)]++
	}
	for i, c := range counts {
		p := ws[i] / total
		if se := math.Sqrt(p * (1 - p) / draws); math.Abs(float64(c)/draws-p) > 4*se {
			t.Errorf("index %d drawn %.5f of the time, want %.5f ± %.5f", i, float64(c)/draws, p, 4*se)
		}
	}
}

// TestScorekeeperWithoutLedger: ledger = "none" ignores what passed
// between the two: an unrepaid partner and a generous one are chosen
// alike (in proportion to trust + 0.02, equal here), it gives with
// probability open_prob, and it helps anyone. Over 20,000 decisions at
// open_prob 0.5 each partner's share is 0.25 within 4 standard errors
// (0.012).
func TestScorekeeperWithoutLedger(t *testing.T) {
	s := build(t, "scorekeeper", map[string]any{"ledger": "none"})
	r := rng()
	cands := []Contact{
		{Trust: 0.3, Given: Tally{5, 5000}},    // owes five referrals
		{Trust: 0.3, Received: Tally{5, 5000}}, // gave five
	}
	var got [3]int
	const n = 20000
	for range n {
		got[s.Refer(opp, cands, r)+1]++
	}
	for i, want := range []float64{0.5, 0.25, 0.25} {
		if share := float64(got[i]) / n; math.Abs(share-want) > 0.012 {
			t.Errorf("outcome %d: share %.3f, want %.2f", i-1, share, want)
		}
	}
	if h := s.Help(cands[:1], r); h != 0 {
		t.Errorf("a blind scorekeeper refused to help a partner that owes it: %d", h)
	}
}

// TestHelpsAnyonePromise: Habits.HelpsAnyone lets the engine pick the
// helped contact uniformly from the whole list instead of asking, so it
// must be set exactly when Help weighs every contact alike. For each
// built-in configuration, Help is asked 40,000 times over a varied list
// (images from -5 to +5, with and without history, in and out of the
// chapter, cheap and dear deals): a promising strategy must pick each of
// the 6 contacts 1/6 of the time within 4 standard errors (0.0075), and a
// strategy that does not promise must not.
func TestHelpsAnyonePromise(t *testing.T) {
	cands := []Contact{
		{Trust: 0.9, Image: -5, Colleague: true},
		{Trust: 0.1, Image: 5, Colleague: true, Received: Tally{2, 500}},
		{Trust: 0.5, Given: Tally{3, 900}},
		{Trust: 0.3, Image: -2, Colleague: true, Given: Tally{1, 50}, Received: Tally{1, 50}},
		{Trust: 0.7, DealValue: 50000},
		{Trust: 0.2, Image: 0, Colleague: true, DealValue: 10},
	}
	for _, tc := range []struct {
		kind   string
		params map[string]any
		anyone bool
	}{
		{"giver", nil, true},
		{"giver", map[string]any{"discernment": 0.5}, false},
		{"scorekeeper", nil, false},
		{"scorekeeper", map[string]any{"ledger": "none"}, true},
		{"hunter", nil, false},
		{"discriminator", map[string]any{"help_rate": 1.0}, false},
	} {
		s := build(t, tc.kind, tc.params)
		if got := s.Habits().HelpsAnyone; got != tc.anyone {
			t.Errorf("%s %v: HelpsAnyone %v, want %v", tc.kind, tc.params, got, tc.anyone)
			continue
		}
		r := rng()
		counts := make([]int, len(cands))
		const n = 40000
		for range n {
			if k := s.Help(cands, r); k >= 0 {
				counts[k]++
			}
		}
		uniform := true
		for _, c := range counts {
			if math.Abs(float64(c)/n-1.0/6) > 0.0075 {
				uniform = false
			}
		}
		if uniform != tc.anyone {
			t.Errorf("%s %v: help picks %v; uniform %v, but HelpsAnyone says %v", tc.kind, tc.params, counts, uniform, tc.anyone)
		}
	}
}

// TestScorekeeperForgiveness: with forgiveness g a scorekeeper gives to a
// partner that is behind about g of the time (4 binomial standard errors
// over 20,000 tries), choosing the one least far behind; a partner in good
// standing is served as before; with g = 0 it never forgives and draws
// nothing for it (its generator is where it was).
func TestScorekeeperForgiveness(t *testing.T) {
	behind := []Contact{
		{Trust: 0.9, Given: Tally{3, 0}, Received: Tally{0, 0}}, // 3 behind
		{Trust: 0.1, Given: Tally{2, 0}, Received: Tally{1, 0}}, // 1 behind
	}
	s := build(t, "scorekeeper", map[string]any{"forgiveness": 0.3, "open_prob": 1.0})
	r := rng()
	n, forgiven := 20000, 0
	for range n {
		switch s.Refer(opp, behind, r) {
		case -1:
		case 1:
			forgiven++
		default:
			t.Fatal("forgave the partner further behind")
		}
	}
	if got := float64(forgiven) / float64(n); math.Abs(got-0.3) > 4*math.Sqrt(0.3*0.7/float64(n)) {
		t.Errorf("forgiveness rate %.4f, want 0.3 ± %.4f", got, 4*math.Sqrt(0.3*0.7/float64(n)))
	}
	// A partner in good standing is preferred without a draw.
	good := append([]Contact{{Trust: 0.2, Given: Tally{1, 0}, Received: Tally{1, 0}}}, behind...)
	if got := s.Refer(opp, good, r); got != 0 {
		t.Errorf("with a partner in good standing: got %d, want 0", got)
	}
	// g = 0: never, and no draw.
	s0 := build(t, "scorekeeper", map[string]any{"open_prob": 1.0})
	r0, ref := rng(), rng()
	for range 100 {
		if got := s0.Refer(opp, behind, r0); got != -1 {
			t.Fatalf("g = 0 forgave %d", got)
		}
	}
	if r0.Uint64() != ref.Uint64() {
		t.Error("a scorekeeper without forgiveness drew from its generator")
	}
	// g = 1 always forgives.
	if got := build(t, "scorekeeper", map[string]any{"forgiveness": 1.0}).Refer(opp, behind, rng()); got != 1 {
		t.Errorf("g = 1: got %d, want 1", got)
	}
}
