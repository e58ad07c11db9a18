package sim

// Helpers the tests use to reach into a world.

// chapterOf is member i's chapter.
func (w *world) chapterOf(i int32) *chapter { return &w.chapters[w.stats[i].chapter] }

// tieOf is a copy of i's tie with j, colleague or outside contact, with
// both halves of the ledger; false when i does not know j.
func (w *world) tieOf(i, j int32) (tie, bool) {
	if ci := w.stats[i].chapter; ci == w.stats[j].chapter {
		ch := &w.chapters[ci]
		t, back := ch.colTie(i-ch.start, j-ch.start), ch.colTie(j-ch.start, i-ch.start)
		return tie{bond: t.bond, givenN: t.givenN, givenV: t.givenV, recvN: back.givenN, recvV: back.givenV}, true
	}
	if k := w.findOut(i, j); k >= 0 {
		return w.outsOf(i)[k].tie, true
	}
	return tie{}, false
}

// colTieOf is colleague i's tie with colleague j.
func (w *world) colTieOf(i, j int32) *colTie {
	ch := w.chapterOf(i)
	return ch.colTie(i-ch.start, j-ch.start)
}

// decide asks donor i whether to give to recipient j in the donation game.
func (w *world) decide(i, j int32) bool {
	return w.donationDecide(w.chapterOf(i), i, j, w.colTieOf(i, j), w.colTieOf(j, i))
}

// act carries out donor i's decision toward recipient j.
func (w *world) act(i, j int32, give bool) {
	w.donationAct(w.chapterOf(i), i, j, w.colTieOf(i, j), give)
}

// chStart lists where each chapter starts, and after the last where the
// members end, as the tests' loops want it.
func (w *world) chStart() []int32 {
	out := make([]int32, 0, len(w.chapters)+1)
	for c := range w.chapters {
		out = append(out, w.chapters[c].start)
	}
	return append(out, int32(w.n))
}
