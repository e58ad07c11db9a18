package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sync"

	"github.com/giversgain/giversgain/strategies"
)

// bond is the trust one member holds in another it knows, as of the round
// of their last interaction: the part of a relationship that every
// interaction updates (decay is applied when it is read: trustNow).
type bond struct {
	last  int32   // round of the last interaction; trust decays from here
	trust float32 // trust as of round last
}

// colTie is a member's tie with a colleague, in the chapter's matrix
// (chapter.col, where the two members are the indices): its trust and the
// referrals it gave the colleague. What it received from the colleague is
// the colleague's colTie's given side: colleagues always hold each other,
// and a referral between them updates both sides at once, so that half of
// the ledger is kept once, not twice (16 bytes a tie instead of 24, in the
// matrix that holds most of a world's memory).
type colTie struct {
	bond
	givenN int32   // referrals the owner gave the colleague
	givenV float32 // their dollar value (revenue)
}

// tie is a member's tie with an outside contact: its trust and its ledger
// of referrals both ways. (The contact's side lives in another chapter,
// which plays at the same time, so it cannot be read for the received
// half as a colleague's can.)
type tie struct {
	bond
	givenN int32   // referrals the owner gave the other
	recvN  int32   // referrals the owner received from the other
	givenV float32 // their dollar value (revenue)
	recvV  float32
}

// outRel is a member's tie with an outside contact: a member of another
// chapter, met over time.
type outRel struct {
	tie
	other int32 // the contact
	prof  uint8 // its profession, so that a decision need not read its record
}

// agentStats is everything a member holds that is not a list: its running
// totals and its scalars. They share one 64-byte record, a cache line,
// because a referral reads them for a recipient drawn at random.
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
	strat                  uint8
	prof                   uint8
}

// world is one replicate's state. Members of a chapter are contiguous.
// Everything a chapter's members hold about each other (ties, images) is
// the chapter's, so that chapters can play a round at once, each on its own
// random stream; what crosses chapters (outside contacts) is applied in a
// fixed order (see step).
type world struct {
	cfg    *Config
	r      *rand.Rand // the replicate's stream: set-up and evolution
	n      int
	nProf  int
	nStrat int
	maxC   int
	round  int32
	// workers is how many chapters play at once; it never changes a
	// number.
	workers int

	// stats holds each member's totals and scalars (see agentStats).
	stats []agentStats
	// prevIncome is each member's net income at the last evolution step.
	prevIncome []float64
	chapters   []chapter

	strategies []strategies.Strategy
	habits     []strategies.Habits
	meetDraw   []alias   // per strategy: meetings sought per week
	helpDraw   []alias   // per strategy: help acts per week
	meetRate   []float64 // per strategy: their means
	helpRate   []float64
	// epoch counts the revisions of members' strategies (evolution), so
	// that a chapter knows when to rebuild its tables of who acts how
	// often (actTable).
	epoch   int
	oppDraw alias // opportunities per member per week

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

	// tot holds the totals of acts that are not a chapter's (meetings,
	// departures); each chapter keeps its own and Totals adds them up.
	tot Totals
	// inbox is this round's cross-chapter effects, grouped by the chapter
	// that receives them (inboxStart[c] to inboxStart[c+1]).
	inbox      []event
	inboxStart []int
	next       []int // scratch of deliver: per block of source chapters and destination
	// counts is scratch of the world's own (evolution); donor is the
	// donation game's view of one recipient.
	counts []int
	donor  []strategies.Contact
	// held is the bookkeeping of IncomeRate (see record).
	held heldIncome
	// spare holds the buffers a chapter borrows while it plays: as many
	// as chapters play at once, not one per chapter. (Not a sync.Pool: a
	// pool registers itself globally and, inside the world, would keep
	// the whole world alive for two collections after a run.)
	spareMu sync.Mutex
	spare   []*scratch
}

// chapter is one chapter's part of a world: its members' ties and images,
// its random stream and what it sends to other chapters this round.
type chapter struct {
	start, size int32
	r           *rand.Rand
	// col[a*size+b] is member a's tie with colleague b (local indices);
	// the diagonal is unused.
	col []colTie
	// images[b*size+a] is a's image of b: what the chapter thinks of b is
	// one contiguous run, because every act of b updates all of it (see
	// observe) while a decision reads a few entries. Eight bytes of
	// padding at the end let observe read whole words.
	images []int8
	// byProf lists the chapter's members (local indices) by profession,
	// then index; profStart[p] to profStart[p+1] are those of profession p.
	byProf    []int32
	profStart []int32
	// outs holds the ties of the chapter's members with outside contacts,
	// member after member (outStart[a] to outStart[a+1] are member a's),
	// each member's by the contact's profession and then in the order
	// they met: a decision finds the contacts of a profession as one run,
	// and the chapter's outside ties lie together in memory. Meetings are
	// rare, so making room by shifting the ties after costs little.
	outs     []outRel
	outStart []int32
	// outProf[k] is outs[k].prof, kept apart so that finding a member's
	// contacts of a profession reads one cache line, not its every tie.
	outProf []uint8
	// newTies are this week's meetings of the chapter's members, to be
	// written into outs (addTies); added[a] counts member a's.
	newTies []newTie
	added   []int32

	tot   Totals
	flows []float64 // [2][from][to]: referred, closed dollars
	// out holds this round's effects on members of other chapters, in the
	// order they happened (see deliver).
	out []event

	// meetRate and helpRate draw how many meetings and help acts each
	// member has this week; meetCount and helps hold the counts.
	meetRate, helpRate actTable
	meetCount, helps   []int32

	// sums and members are the chapter's part of a round's record: per
	// strategy, the sums of each metric and the members.
	sums    []float64
	members []int

	// scratch: the buffers borrowed for the chapter's play (see borrow),
	// nil otherwise.
	*scratch
	meets []meeting
}

// scratch is what a decision reuses so that the round loop does not
// allocate. A chapter borrows one for its play (world.borrow), so a world
// holds as many as chapters play at once: at a million members, one per
// chapter would cost about 110 bytes a member.
type scratch struct {
	cands    []strategies.Contact
	refs     []int32 // per candidate: a colleague's local index, or ^k for outsOf(i)[k]
	withheld []int32
	picked   []int32
}

// borrow lends ch a scratch until giveBack.
func (w *world) borrow(ch *chapter) {
	var sc *scratch
	w.spareMu.Lock()
	if n := len(w.spare); n > 0 {
		sc, w.spare = w.spare[n-1], w.spare[:n-1]
	}
	w.spareMu.Unlock()
	if sc == nil {
		sc = &scratch{
			cands:    make([]strategies.Contact, 0, w.maxC),
			refs:     make([]int32, 0, w.maxC),
			withheld: make([]int32, 0, w.maxC),
			picked:   make([]int32, 0, helpSample),
		}
	}
	ch.scratch = sc
}

// giveBack returns ch's scratch.
func (w *world) giveBack(ch *chapter) {
	w.spareMu.Lock()
	w.spare = append(w.spare, ch.scratch)
	w.spareMu.Unlock()
	ch.scratch = nil
}

// event is an effect of a member's act on a member of another chapter,
// applied after every chapter has played the round (deliver).
type event struct {
	to, from int32
	value    float64 // a referral's deal value (revenue)
	kind     eventKind
	closed   bool
}

type eventKind uint8

const (
	referralEvent eventKind = iota // a referral passed to an outside contact
	helpEvent                      // a help act for an outside contact
)

// meeting is an attempt of member i to meet member j, drawn by i's chapter
// and carried out, or not, when the round's meetings are made (meet).
type meeting struct{ i, j int32 }

// newTie is a tie a meeting gives local member a with outside member
// other, of profession prof.
type newTie struct {
	a, other int32
	prof     uint8
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
// everyone, and no outside contacts yet. The world's own draws (strategies,
// professions, qualities) come from the replicate's stream s; chapter c
// plays its rounds on s's child c. cfg must be valid.
func newWorld(cfg *Config, s Stream) (*world, error) {
	r := s.Rand()
	w := &world{cfg: cfg, r: r, n: cfg.Population.Members, nProf: len(cfg.Professions),
		nStrat: len(cfg.Strategies), maxC: cfg.Population.MaxContacts, workers: 1}
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
		w.meetRate = append(w.meetRate, cfg.Referrals.MeetRate*h.MeetFactor)
		w.helpRate = append(w.helpRate, h.HelpRate)
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
	// Within a chapter members sit in the order of their professions, so
	// that the colleagues a client could go to are neighbours in the
	// chapter's ties and images. Members are exchangeable: this moves
	// strategy and profession together and changes no distribution.
	start := 0
	for _, sz := range sizes {
		slices.SortStableFunc(w.stats[start:start+sz], func(x, y agentStats) int { return int(x.prof) - int(y.prof) })
		start += sz
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
	vis := cfg.Referrals.Visibility
	w.seenByNone, w.seenByAll = vis <= 0, vis >= 1
	if !w.seenByNone && !w.seenByAll {
		w.observers = make([]alias, 65)
		for n := range w.observers {
			w.observers[n] = newBinomial(n, vis)
		}
	}

	// The chapters' tables are cut from a few large allocations: at a
	// million members that is a handful of allocations instead of a few
	// hundred thousand, which sets a world up faster and leaves the
	// collector less to trace.
	nc := len(sizes)
	pairs := 0
	for _, sz := range sizes {
		pairs += sz * sz
	}
	w.chapters = make([]chapter, nc)
	cols := make([]colTie, pairs)
	initial := colTie{bond: bond{trust: float32(cfg.Trust.Chapter)}}
	for k := range cols {
		cols[k] = initial
	}
	images := make([]int8, pairs+8*nc)
	ints := make([]int32, 5*n+nc*(w.nProf+2))
	flows := make([]float64, nc*2*w.nStrat*w.nStrat)
	first := int32(0)
	for c, sz := range sizes {
		ch := &w.chapters[c]
		ch.start, ch.size = first, int32(sz)
		ch.r = s.Child(uint64(c)).Rand()
		ch.col = carve(&cols, sz*sz)
		ch.images = carve(&images, sz*sz+8)
		ch.profStart = carve(&ints, w.nProf+1)
		ch.byProf = carve(&ints, sz)
		ch.outStart = carve(&ints, sz+1)
		ch.added = carve(&ints, sz)
		ch.meetCount, ch.helps = carve(&ints, sz), carve(&ints, sz)
		ch.meetRate.epoch, ch.helpRate.epoch = -1, -1
		for i := first; i < first+int32(sz); i++ {
			w.stats[i].chapter = int32(c)
		}
		w.sortByProf(ch)
		ch.flows = carve(&flows, 2*w.nStrat*w.nStrat)
		first += int32(sz)
	}
	w.inboxStart = make([]int, len(sizes)+1)
	w.counts = make([]int, w.nStrat)
	w.held = newHeldIncome(w.nStrat)
	return w, nil
}

// growOuts makes room for k more outside ties in ch's arena: doubling, as
// append does, but never past what the chapter's members can hold when
// every list is full, so that a world whose lists have filled holds no
// slack.
func (w *world) growOuts(ch *chapter, k int) {
	n := len(ch.outs)
	if n+k <= cap(ch.outs) {
		return
	}
	c := max(n+k, min(2*cap(ch.outs), int(ch.size)*w.maxOut(ch.start)))
	outs := make([]outRel, n, c)
	copy(outs, ch.outs)
	prof := make([]uint8, n, c)
	copy(prof, ch.outProf)
	ch.outs, ch.outProf = outs, prof
}

// carve cuts the next n elements off *pool, with no room to grow into
// the next piece.
func carve[T any](pool *[]T, n int) []T {
	s := (*pool)[:n:n]
	*pool = (*pool)[n:]
	return s
}

// sortByProf (re)builds the chapter's members-by-profession index.
func (w *world) sortByProf(ch *chapter) {
	clear(ch.profStart)
	for a := range ch.size {
		ch.profStart[w.stats[ch.start+a].prof+1]++
	}
	for p := range w.nProf {
		ch.profStart[p+1] += ch.profStart[p]
	}
	next := slices.Clone(ch.profStart[:w.nProf])
	for a := range ch.size {
		p := w.stats[ch.start+a].prof
		ch.byProf[next[p]] = a
		next[p]++
	}
}

// maxOut is how many outside contacts member i may hold: the contact cap
// less its colleagues.
func (w *world) maxOut(i int32) int {
	return w.maxC - int(w.chapters[w.stats[i].chapter].size-1)
}

// contacts is how many contacts member i holds, colleagues included.
func (w *world) contacts(i int32) int {
	return int(w.chapters[w.stats[i].chapter].size-1) + len(w.outsOf(i))
}

// outsOf is member i's outside ties, in place: by the contact's
// profession, then in the order they met.
func (w *world) outsOf(i int32) []outRel {
	ch := &w.chapters[w.stats[i].chapter]
	a := i - ch.start
	return ch.outs[ch.outStart[a]:ch.outStart[a+1]]
}

// profRun returns the bounds, within one member's outside ties (whose
// professions are profs, sorted), of the ties with contacts of
// profession p.
func profRun(profs []uint8, p uint8) (lo, hi int) {
	lo, hi = 0, len(profs)
	for lo < hi { // the first tie of a profession >= p
		m := int(uint(lo+hi) >> 1)
		if profs[m] < p {
			lo = m + 1
		} else {
			hi = m
		}
	}
	hi = lo
	for hi < len(profs) && profs[hi] == p {
		hi++
	}
	return lo, hi
}

// outCount is how many outside ties member i of ch holds.
func (ch *chapter) outCount(i int32) int {
	a := i - ch.start
	return int(ch.outStart[a+1] - ch.outStart[a])
}

// full reports whether member i holds as many outside contacts as it may
// (before this week's meetings are written).
func (w *world) full(i int32) bool {
	return w.chapters[w.stats[i].chapter].outCount(i) >= w.maxOut(i)
}

// outRange returns the bounds in ch.outs of local member a's outside ties
// with contacts of profession p.
func (ch *chapter) outRange(a int32, p uint8) (lo, hi int) {
	start := int(ch.outStart[a])
	lo, hi = profRun(ch.outProf[start:ch.outStart[a+1]], p)
	return start + lo, start + hi
}

// outProfsOf is the professions of member i's outside contacts, in the
// order of outsOf(i).
func (w *world) outProfsOf(i int32) []uint8 {
	ch := &w.chapters[w.stats[i].chapter]
	a := i - ch.start
	return ch.outProf[ch.outStart[a]:ch.outStart[a+1]]
}

// findOut returns the index in outsOf(i) of i's tie with j, or -1.
func (w *world) findOut(i, j int32) int {
	outs := w.outsOf(i)
	lo, hi := profRun(w.outProfsOf(i), w.stats[j].prof)
	for k := lo; k < hi; k++ {
		if outs[k].other == j {
			return k
		}
	}
	return -1
}

// addOut gives i a tie with outside contact j at the given trust, after
// its ties with j's profession, and returns its index in outsOf(i), or -1
// when i has no room.
func (w *world) addOut(i, j int32, trust float64) int {
	ch := &w.chapters[w.stats[i].chapter]
	a := i - ch.start
	if int(ch.outStart[a+1]-ch.outStart[a]) >= w.maxOut(i) {
		return -1
	}
	p := w.stats[j].prof
	_, k := profRun(ch.outProf[ch.outStart[a]:ch.outStart[a+1]], p)
	at := int(ch.outStart[a]) + k
	w.growOuts(ch, 1)
	ch.outs = slices.Insert(ch.outs, at, outRel{tie: tie{bond: bond{last: w.round, trust: float32(trust)}}, other: j, prof: p})
	ch.outProf = slices.Insert(ch.outProf, at, p)
	for b := a + 1; b <= ch.size; b++ {
		ch.outStart[b]++
	}
	return k
}

// removeOut deletes i's tie with outside contact j, if any, keeping the
// order of the others.
func (w *world) removeOut(i, j int32) {
	k := w.findOut(i, j)
	if k < 0 {
		return
	}
	ch := &w.chapters[w.stats[i].chapter]
	a := i - ch.start
	at := int(ch.outStart[a]) + k
	ch.outs = slices.Delete(ch.outs, at, at+1)
	ch.outProf = slices.Delete(ch.outProf, at, at+1)
	for b := a + 1; b <= ch.size; b++ {
		ch.outStart[b]--
	}
}

// trustNow is the bond's trust with decay toward the floor applied.
func (w *world) trustNow(t *bond) float64 {
	floor := w.cfg.Trust.Floor
	age := min(int(w.round-t.last), len(w.decay)-1)
	return floor + (float64(t.trust)-floor)*w.decay[age]
}

// touch sets the bond's trust to t as of now.
func (w *world) touch(x *bond, t float64) {
	x.trust = float32(t)
	x.last = w.round
}

// colTie returns a's tie with colleague b (local indices) in ch.
func (ch *chapter) colTie(a, b int32) *colTie { return &ch.col[a*ch.size+b] }

// image returns o's image of j (both in chapter c) by pointer.
func (w *world) image(c, o, j int32) *int8 {
	ch := &w.chapters[c]
	return &ch.images[(j-ch.start)*ch.size+(o-ch.start)]
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

// totals adds up the chapters' totals and the world's own.
func (w *world) totals() Totals {
	t := w.tot
	for c := range w.chapters {
		t.add(&w.chapters[c].tot)
	}
	return t
}

// flows adds up the chapters' flows: [2][from][to], referred then closed.
func (w *world) flows() []float64 {
	out := make([]float64, 2*w.nStrat*w.nStrat)
	for c := range w.chapters {
		for k, v := range w.chapters[c].flows {
			out[k] += v
		}
	}
	return out
}
