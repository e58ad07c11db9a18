package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"unsafe"

	"github.com/giversgain/giversgain/strategies"
)

// rel is one directed relationship: the owner's view of other. It is kept
// small (32 bytes, two to a cache line) because a 10,000-member world holds
// half a million of them and the round loop is bound by memory traffic,
// not arithmetic. It carries what a decision needs about other (its
// profession and whether it is a colleague), so deciding never touches the
// other member's own, possibly distant, memory.
type rel struct {
	other     int32
	last      int32   // round of the last interaction; trust decays from here
	trust     float32 // trust as of round last
	givenN    int32   // referrals the owner gave other
	recvN     int32   // referrals the owner received from other
	givenV    float32 // their dollar value
	recvV     float32
	prof      uint8 // other's profession
	colleague bool  // other sits in the owner's chapter
	// back is a hint: the position, within other's block, of other's
	// relationship with the owner. It is checked before use and repaired
	// when stale (blocks shift as contacts are added and removed), so it
	// only saves the search, never decides anything. It fills what would
	// otherwise be padding.
	back uint16
}

// agentStats is everything a member holds that is not a list: its running
// totals and its scalars (quality, chapter, strategy, profession, contact
// count). They share one 64-byte record, a cache line, because a referral
// or a meeting reads them for a recipient drawn at random: packed, that
// recipient costs one cache miss instead of one per slice, and the record
// can be prefetched with the recipient's side of the relationship.
type agentStats struct {
	// revenue is the business the member received (closed referrals and
	// help worth something), what clients paid; the member keeps
	// world.keep[prof] of it (see income).
	revenue, costs         float64
	valueGiven, valueRecvd float64
	given, received        int32
	closed, helps          int32
	imageSum               int32 // sum of the images its colleagues hold of it
	quality                float32
	chapter                int32
	nrel                   uint16 // relationships held
	strat                  uint8
	prof                   uint8
}

// world is one replicate's state. Members of a chapter are contiguous, and
// each member's relationships are a contiguous block grouped by the
// contact's profession, so a chapter's work stays in cache and finding the
// contacts of a profession is a slice, not a search.
type world struct {
	cfg    *Config
	r      *rand.Rand
	n      int
	nProf  int
	nStrat int
	maxC   int
	round  int32

	// stats holds each member's totals and scalars (see agentStats).
	stats []agentStats
	// prevIncome is each member's net income at the last evolution step.
	prevIncome []float64

	rels      []rel    // member i owns rels[i*maxC : i*maxC+stats[i].nrel]
	profStart []uint16 // (nProf+1) per member: bucket bounds within its block

	chStart []int32 // chapter c is members chStart[c]..chStart[c+1]-1
	imgOff  []int32 // chapter c's image matrix starts here in images
	// images[imgOff[c] + j*size + o] is o's image of j: what the chapter
	// thinks of j is one contiguous run, because every act of j updates
	// all of it (see observe) while a decision reads a few entries. Eight
	// bytes of padding at the end let observe read whole words.
	images []int8

	strategies []strategies.Strategy
	habits     []strategies.Habits
	meetDraw   []alias // per strategy: meetings sought per week
	helpDraw   []alias // per strategy: help acts per week
	oppDraw    alias   // opportunities per member per week

	demand    []alias // per own profession: the client's need, own excluded
	seek      []alias // per strategy × own profession: whom to meet
	profMembs [][]int32
	median    []float64
	sigma     []float64
	// keep[p] is the share of revenue a member of profession p keeps:
	// its margin (1 in the donation game, whose benefit is a payoff).
	keep  []float64
	decay []float64 // decay[age] = 0.5^(age/halfLife)
	// observers[n] draws how many of n colleagues see an act: binomial
	// with the visibility. Chapters are observed in blocks of up to 64.
	observers []alias
	// visibility 0 or 1: nobody or everybody sees, and nothing is drawn.
	seenByNone, seenByAll bool

	// big reports a world whose relationships outgrow the processor's
	// caches, where prefetching a decision's candidates pays; in a small
	// world they are in cache and the hints would only cost.
	big bool
	// ahead is how many members ahead of the one acting the round
	// prefetches (see step): a chapter.
	ahead int32

	// scratch, reused every decision so the round loop does not allocate
	cands    []strategies.Contact
	withheld []int32
	counts   []int
	picked   []int32 // positions drawn by sampleContacts

	tot   Totals
	flows []float64 // [2][from][to]: referred, closed dollars
}

// assignExact spreads n items over weights by largest remainder: exact
// counts that sum to n, then shuffled.
func assignExact(r *rand.Rand, n int, weights []float64) []uint8 {
	sum := 0.0
	for _, w := range weights {
		sum += w
	}
	counts := make([]int, len(weights))
	rems := make([]float64, len(weights))
	assigned := 0
	for i, w := range weights {
		q := float64(n) * w / sum
		counts[i] = int(math.Floor(q))
		rems[i] = q - float64(counts[i])
		assigned += counts[i]
	}
	order := make([]int, len(weights))
	for i := range order {
		order[i] = i
	}
	// Largest remainder first; ties to the earlier entry, for determinism.
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case rems[a] > rems[b]:
			return -1
		case rems[a] < rems[b]:
			return 1
		}
		return 0
	})
	for k := 0; assigned < n; k++ {
		counts[order[k%len(order)]]++
		assigned++
	}
	out := make([]uint8, 0, n)
	for i, c := range counts {
		for range c {
			out = append(out, uint8(i))
		}
	}
	r.Shuffle(n, func(a, b int) { out[a], out[b] = out[b], out[a] })
	return out
}

// seatExclusive gives each chapter (of the sizes given, members
// contiguous) distinct professions: one seat per profession, drawn
// without replacement with probability in proportion to share (successive
// weighted draws). Validation keeps every chapter no larger than the
// professions with a share.
func seatExclusive(r *rand.Rand, stats []agentStats, sizes []int, shares []float64) {
	wt := make([]float64, len(shares))
	start := 0
	for _, size := range sizes {
		copy(wt, shares)
		for i := start; i < start+size; i++ {
			p := drawWeighted(r, wt)
			stats[i].prof = uint8(p)
			wt[p] = 0
		}
		start += size
	}
}

// newWorld sets up round 0: members, chapters in which everyone knows
// everyone, and no outside contacts yet. cfg must be valid.
func newWorld(cfg *Config, r *rand.Rand) (*world, error) {
	w := &world{cfg: cfg, r: r, n: cfg.Population.Members, nProf: len(cfg.Professions),
		nStrat: len(cfg.Strategies), maxC: cfg.Population.MaxContacts}
	n := w.n
	for _, s := range cfg.Strategies {
		kind, ok := strategies.Lookup(s.Kind)
		if !ok {
			return nil, fmt.Errorf("strategy %q: unknown kind %q", s.Name, s.Kind)
		}
		params, err := kind.Resolve(s.Params)
		if err != nil {
			return nil, fmt.Errorf("strategy %q: %w", s.Name, err)
		}
		st := kind.New(params)
		h := st.Habits()
		w.strategies = append(w.strategies, st)
		w.habits = append(w.habits, h)
		w.meetDraw = append(w.meetDraw, newPoisson(cfg.Referrals.MeetRate*h.MeetFactor))
		w.helpDraw = append(w.helpDraw, newPoisson(h.HelpRate))
	}
	shares := make([]float64, w.nStrat)
	for i, s := range cfg.Strategies {
		shares[i] = s.Share
	}
	w.stats = make([]agentStats, n)
	for i, s := range assignExact(r, n, shares) {
		w.stats[i].strat = s
	}
	profShares := make([]float64, w.nProf)
	for i, p := range cfg.Professions {
		profShares[i] = p.Share
		w.median = append(w.median, p.Median*cfg.Referrals.ValueScale)
		w.sigma = append(w.sigma, p.Sigma)
		keep := p.Margin
		if cfg.Model == DonationGame {
			keep = 1
		}
		w.keep = append(w.keep, keep)
	}
	sizes := chapterSizes(n, cfg.Population.ChapterSize)
	if cfg.Population.Seats == Exclusive && cfg.Model != DonationGame {
		seatExclusive(r, w.stats, sizes, profShares)
	} else {
		for i, p := range assignExact(r, n, profShares) {
			w.stats[i].prof = p
		}
	}
	for i := range w.stats {
		w.stats[i].quality = float32(betaSample(r, cfg.Quality.Alpha, cfg.Quality.Beta))
	}
	w.prevIncome = make([]float64, n)

	w.profMembs = make([][]int32, w.nProf)
	for i := range w.stats {
		p := w.stats[i].prof
		w.profMembs[p] = append(w.profMembs[p], int32(i))
	}
	w.demand = make([]alias, w.nProf)
	for own := range w.nProf {
		wt := make([]float64, w.nProf)
		for p, pr := range cfg.Professions {
			if p != own {
				wt[p] = pr.Demand
			}
		}
		w.demand[own] = newAlias(wt)
	}
	w.buildSeek()
	w.oppDraw = newPoisson(cfg.Referrals.Opportunities)
	// Past 40 half-lives the distance to the floor is below 1e-12: the
	// table stops there and older ages read its last entry.
	ages := cfg.Rounds
	if h := 40 * cfg.Trust.HalfLife; h < float64(ages) { // in floats: a huge half-life overflows an int
		ages = int(h)
	}
	w.decay = make([]float64, ages+1)
	for age := range w.decay {
		w.decay[age] = math.Pow(0.5, float64(age)/cfg.Trust.HalfLife)
	}

	w.chStart = make([]int32, len(sizes)+1)
	w.imgOff = make([]int32, len(sizes)+1)
	for c, sz := range sizes {
		w.chStart[c+1] = w.chStart[c] + int32(sz)
		w.imgOff[c+1] = w.imgOff[c] + int32(sz*sz)
		for i := w.chStart[c]; i < w.chStart[c+1]; i++ {
			w.stats[i].chapter = int32(c)
		}
	}
	w.images = make([]int8, w.imgOff[len(sizes)]+8)
	vis := cfg.Referrals.Visibility
	w.seenByNone, w.seenByAll = vis <= 0, vis >= 1
	if !w.seenByNone && !w.seenByAll {
		w.observers = make([]alias, 65)
		for n := range w.observers {
			w.observers[n] = newBinomial(n, vis)
		}
	}

	w.rels = make([]rel, n*w.maxC)
	for k := range w.rels {
		w.rels[k] = freeRel
	}
	w.big = uintptr(len(w.rels))*unsafe.Sizeof(rel{}) > bigWorld
	w.ahead = int32(cfg.Population.ChapterSize)
	w.profStart = make([]uint16, n*(w.nProf+1))
	for c := range sizes {
		for i := w.chStart[c]; i < w.chStart[c+1]; i++ {
			for j := w.chStart[c]; j < w.chStart[c+1]; j++ {
				if i != j {
					w.addContact(i, j, cfg.Trust.Chapter)
				}
			}
		}
	}
	w.cands = make([]strategies.Contact, 0, w.maxC)
	w.flows = make([]float64, 2*w.nStrat*w.nStrat)
	w.counts = make([]int, w.nStrat)
	w.picked = make([]int32, 0, helpSample)
	w.withheld = make([]int32, 0, w.maxC)
	return w, nil
}

// freeRel fills every slot of rels past a member's nrel: its other, -1,
// is no member, so a back hint that points past the end of a block never
// matches and backOrAdd can check one without reading the member's nrel.
var freeRel = rel{other: -1}

// bigWorld is the size of the relationships, in bytes, above which a
// world counts as big (see world.big): about a level-2 cache.
const bigWorld = 1 << 20

// bucket returns the bounds in rels of i's contacts of profession p.
func (w *world) bucket(i int32, p int) (int, int) {
	base := int(i) * w.maxC
	ps := w.profStart[int(i)*(w.nProf+1):]
	return base + int(ps[p]), base + int(ps[p+1])
}

// find returns the index in rels of i's relationship with j, or -1.
func (w *world) find(i, j int32) int {
	lo, hi := w.bucket(i, int(w.stats[j].prof))
	for k := lo; k < hi; k++ {
		if w.rels[k].other == j {
			return k
		}
	}
	return -1
}

// addContact inserts i's relationship with j at the end of the bucket of
// j's profession and returns its index, or -1 when i's list is full.
func (w *world) addContact(i, j int32, trust float64) int {
	if int(w.stats[i].nrel) >= w.maxC {
		return -1
	}
	base := int(i) * w.maxC
	ps := w.profStart[int(i)*(w.nProf+1) : (int(i)+1)*(w.nProf+1)]
	p := int(w.stats[j].prof)
	at := base + int(ps[p+1])
	end := base + int(w.stats[i].nrel)
	copy(w.rels[at+1:end+1], w.rels[at:end])
	w.rels[at] = rel{other: j, last: w.round, trust: float32(trust), prof: uint8(p), colleague: w.stats[i].chapter == w.stats[j].chapter}
	for q := p + 1; q <= w.nProf; q++ {
		ps[q]++
	}
	w.stats[i].nrel++
	return at
}

// findOrAdd returns i's relationship with j, creating it if there is room.
func (w *world) findOrAdd(i, j int32) int {
	if k := w.find(i, j); k >= 0 {
		return k
	}
	if w.stats[i].chapter == w.stats[j].chapter {
		// Colleagues hold each other from the start and validation keeps
		// room for them, so this is not reached; it refuses rather than
		// add a colleague as an outside contact.
		return -1
	}
	return w.addContact(i, j, w.cfg.Trust.Outside)
}

// backOrAdd returns the relationship that the other side of i's
// relationship k holds with i, creating it if there is room: the same as
// findOrAdd(rels[k].other, i), but it first looks at the position
// remembered in rels[k].back and the few after it, which spares the
// search and the cache misses of the other's profession and bucket
// bounds, and it remembers the answer on both sides.
func (w *world) backOrAdd(i int32, k int) int {
	rl := &w.rels[k]
	j := rl.other
	base := int(j) * w.maxC
	// Any slot of j's block that names i is j's one relationship with i:
	// the slots past j's nrel are free (freeRel), so the hint is checked
	// without reading j's record, a cache miss in a big world. A
	// relationship moves later in its block when a contact is added before
	// it (meet does every round), so a stale hint most often falls a few
	// slots short: those are looked at too, mostly in the same cache line.
	kk := -1
	if h := int(rl.back); h < w.maxC {
		for p := base + h; p < base+min(h+backProbe, w.maxC); p++ {
			if w.rels[p].other == i {
				kk = p
				break
			}
		}
	}
	if kk < 0 {
		if kk = w.findOrAdd(j, i); kk < 0 {
			return -1
		}
	}
	rl.back = uint16(kk - base)
	w.rels[kk].back = uint16(k - int(i)*w.maxC)
	return kk
}

// backProbe is how many slots from a back hint on backOrAdd looks at
// before it searches.
const backProbe = 4

// trustNow is the relationship's trust with decay toward the floor applied.
func (w *world) trustNow(k int) float64 {
	rl := &w.rels[k]
	floor := w.cfg.Trust.Floor
	age := min(int(w.round-rl.last), len(w.decay)-1)
	return floor + (float64(rl.trust)-floor)*w.decay[age]
}

// touch sets the relationship's trust to t as of now.
func (w *world) touch(k int, t float64) {
	w.rels[k].trust = float32(t)
	w.rels[k].last = w.round
}

// image returns o's image of j (both in one chapter) by pointer.
func (w *world) image(c, o, j int32) *int8 {
	cs := w.chStart[c]
	size := w.chStart[c+1] - cs
	return &w.images[w.imgOff[c]+(j-cs)*size+(o-cs)]
}

// viewer builds member i's decision views (what its strategy sees of a
// relationship) with everything that is the same for all of its
// relationships this round looked up once: the trust floor and decay
// table, the round, and where i's images of its colleagues lie. view's
// Trust is trustNow's expression, operation for operation.
type viewer struct {
	floor  float64
	decay  []float64
	maxAge int // len(decay) - 1
	round  int32
	median []float64
	// img[(j-cs)*size] is i's image of colleague j
	img  []int8
	size int32
	cs   int32
}

func (w *world) viewerOf(i int32) viewer {
	c := w.stats[i].chapter
	cs := w.chStart[c]
	size := w.chStart[c+1] - cs
	return viewer{
		floor: w.cfg.Trust.Floor, decay: w.decay, maxAge: len(w.decay) - 1, round: w.round, median: w.median,
		img: w.images[w.imgOff[c]+(i-cs):], size: size, cs: cs,
	}
}

// viewAll writes the views of rels into cands (same length) in place, so
// that no 64-byte Contact is built and then copied. Every field is set,
// Image and Colleague to their zero values outside the chapter. Trust is
// trustNow's expression, operation for operation. The body is written
// out here and in viewPicked (a shared helper would be too big for the
// compiler to inline).
func (v *viewer) viewAll(cands []strategies.Contact, rels []rel) {
	cands = cands[:len(rels)]
	for q := range rels {
		c, rl := &cands[q], &rels[q]
		age := min(int(v.round-rl.last), v.maxAge)
		c.Trust = v.floor + (float64(rl.trust)-v.floor)*v.decay[age]
		c.Given.Count, c.Given.Value = int(rl.givenN), float64(rl.givenV)
		c.Received.Count, c.Received.Value = int(rl.recvN), float64(rl.recvV)
		c.DealValue = v.median[rl.prof]
		img := 0
		if rl.colleague {
			img = int(v.img[(rl.other-v.cs)*v.size])
		}
		c.Image, c.Colleague = img, rl.colleague
	}
}

// viewPicked writes the views of block[picked[x]] into cands[x], as
// viewAll does.
func (v *viewer) viewPicked(cands []strategies.Contact, block []rel, picked []int32) {
	cands = cands[:len(picked)]
	for x, k := range picked {
		c, rl := &cands[x], &block[k]
		age := min(int(v.round-rl.last), v.maxAge)
		c.Trust = v.floor + (float64(rl.trust)-v.floor)*v.decay[age]
		c.Given.Count, c.Given.Value = int(rl.givenN), float64(rl.givenV)
		c.Received.Count, c.Received.Value = int(rl.recvN), float64(rl.recvV)
		c.DealValue = v.median[rl.prof]
		img := 0
		if rl.colleague {
			img = int(v.img[(rl.other-v.cs)*v.size])
		}
		c.Image, c.Colleague = img, rl.colleague
	}
}

// kept is what member i keeps of its revenue: its profession's margin
// times the revenue. Margins are per profession and a member keeps its
// profession (a newcomer under churn starts from zero), so this equals
// the sum of each job's margin times its revenue.
func (w *world) kept(i int32) float64 {
	st := &w.stats[i]
	return w.keep[st.prof] * st.revenue
}

// income is member i's cumulative net income: what it kept of its revenue
// minus the time it spent referring and helping.
func (w *world) income(i int32) float64 { return w.kept(i) - w.stats[i].costs }
