package sim

import (
	"encoding/binary"
	"math/bits"
	"math/rand/v2"
	"slices"
	"unsafe"
)

// This file holds the sampling and bit machinery the round uses: drawing
// which colleagues see an act, stepping their images eight at a time, and
// drawing small uniform integers several to a 64-bit draw. None of it is
// model content; round.go says what is drawn and why.

// seenMask draws which of lanes colleagues see an act: bit k for the k-th.
// Lane self (when 0 <= self < lanes) is the actor and is never set. The
// count is binomial (one draw); the lanes are a uniform subset of that
// size by Floyd's algorithm, or of the complement when more than half
// see, so the draws are min(seen, unseen) + 1.
func (w *world) seenMask(ch *chapter, lanes, self int) uint64 {
	n := lanes
	if self >= 0 && self < lanes {
		n--
	}
	var mask uint64
	if w.seenByAll {
		mask = lowBits(n)
	} else {
		m := w.observers[n].draw(ch.r)
		pick := min(m, n-m)
		u := smallInts{r: ch.r, spent: 64}
		for j := n - pick; j < n; j++ {
			t := u.below(j + 1)
			if mask&(1<<t) != 0 {
				t = j
			}
			mask |= 1 << t
		}
		if pick < m {
			mask = lowBits(n) &^ mask
		}
	}
	if self >= 0 && self < lanes {
		// Open a gap at self: lanes from self up move one up.
		low := mask & lowBits(self)
		mask = low | (mask&^low)<<1
	}
	return mask
}

// lowBits is a mask of the n lowest bits, n in 0..64.
func lowBits(n int) uint64 {
	if n >= 64 {
		return ^uint64(0)
	}
	return 1<<n - 1
}

// stepImages moves each image blk[k] with bit k of mask set by step (+1 or
// -1) unless it already stands at bound, eight images to a machine word
// (SWAR), and returns the sum of the changes. blk must extend at least to
// the word holding the highest set bit (images carries padding for that).
func stepImages(blk []int8, mask uint64, bound int8, step int) int {
	const (
		ones = 0x0101010101010101
		lo7  = 0x7f7f7f7f7f7f7f7f
		hi   = 0x8080808080808080
	)
	bytes := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(blk))), len(blk))
	atBound := uint64(uint8(bound)) * ones
	moved := 0
	for off := 0; mask != 0; off, mask = off+8, mask>>8 {
		lanes := byteLanes[mask&0xff]
		if lanes == 0 {
			continue
		}
		x := binary.LittleEndian.Uint64(bytes[off:])
		// 0x01 in each byte that is not at the bound.
		t := x ^ atBound
		free := (((t & lo7) + lo7) | t) & hi >> 7
		d := lanes & free
		if d == 0 {
			continue
		}
		// Bytewise add or subtract of 0 or 1, with no carry or borrow
		// crossing into the next byte.
		if step > 0 {
			x = ((x & lo7) + d) ^ (x & hi)
		} else {
			x = ((x | hi) - d) ^ (^x & hi)
		}
		binary.LittleEndian.PutUint64(bytes[off:], x)
		moved += bits.OnesCount64(d)
	}
	return step * moved
}

// byteLanes[b] has 0x01 in byte k for each set bit k of b.
var byteLanes = func() (t [256]uint64) {
	for b := range t {
		for k := range 8 {
			if b&(1<<k) != 0 {
				t[b] |= 1 << (8 * k)
			}
		}
	}
	return t
}()

// smallInts hands out uniform integers in small ranges, several to a
// 64-bit draw, for Floyd's algorithm. Each is the high word of the draw
// times the range and the low word carries on as the next draw (Lemire
// 2019, ACM TOMACS 29:3, without the rejection step). A fresh draw is
// taken before the ranges used on one draw multiply past 2^32, so every
// integer is uniform to within a relative 2^-32 of exact.
type smallInts struct {
	r     *rand.Rand
	x     uint64
	spent int // bits of x used up; start at 64 to draw first
}

// below returns an integer in [0, n), n >= 1.
func (u *smallInts) below(n int) int {
	need := bits.Len64(uint64(n))
	if u.spent+need > 32 {
		u.x, u.spent = u.r.Uint64(), 0
	}
	u.spent += need
	hi, lo := bits.Mul64(u.x, uint64(n))
	u.x = lo
	return int(hi)
}

// sampleContacts fills ch.picked with min(k, n) distinct positions in
// 0..n-1, uniformly (Floyd's algorithm, so nothing is allocated).
func (w *world) sampleContacts(ch *chapter, n, k int) {
	ch.picked = ch.picked[:0]
	k = min(k, n)
	u := smallInts{r: ch.r, spent: 64}
	for j := n - k; j < n; j++ {
		t := int32(u.below(j + 1))
		if slices.Contains(ch.picked, t) {
			t = int32(j)
		}
		ch.picked = append(ch.picked, t)
	}
}

// actTable draws how many times each member of a chapter acts in a week
// (meets, or helps) when member a's count is Poisson with a mean that
// depends on its strategy. Where the chapter's members act less than once
// every other week on average, most counts are zero, and one draw per
// member wastes draws: the table draws the chapter's total (Poisson with
// the sum of the means) and gives each act to a member with probability in
// proportion to its mean. Independent Poisson counts conditioned on their
// sum are multinomial in exactly these proportions, so the counts have
// the same joint distribution either way. Busier chapters draw member by
// member.
type actTable struct {
	epoch  int // world.epoch when built; -1 before
	sparse bool
	total  alias // the chapter's total count
	who    alias // the member who acts, by mean
}

// countActs fills out (one count per member of ch) with this week's acts:
// each member's a Poisson draw with mean rates[its strategy] (whose table
// is draws[its strategy]), through the chapter's table t (see actTable),
// built anew after members changed strategies.
func (w *world) countActs(ch *chapter, rates []float64, draws []alias, t *actTable, out []int32) []int32 {
	if t.epoch != w.epoch {
		var buf [smallTable]float64
		weights := buf[:0]
		sum := 0.0
		for a := range ch.size {
			weights = append(weights, rates[w.stats[ch.start+a].strat])
			sum += weights[a]
		}
		t.epoch, t.sparse = w.epoch, sum <= float64(ch.size)/2
		if t.sparse {
			t.total.buildPoisson(sum)
			t.who.build(weights)
		}
	}
	if !t.sparse {
		for a := range out {
			out[a] = int32(draws[w.stats[ch.start+int32(a)].strat].draw(ch.r))
		}
		return out
	}
	clear(out)
	for n := t.total.draw(ch.r); n > 0; n-- {
		out[t.who.draw(ch.r)]++
	}
	return out
}
