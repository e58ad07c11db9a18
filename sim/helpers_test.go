package sim

// Helpers the tests use to reach into a world.

// chapterOf is member i's chapter.
func (w *world) chapterOf(i int32) *chapter { return &w.chapters[w.stats[i].chapter] }

// tieOf is i's tie with j, colleague or outside contact; nil when i does
// not know j.
func (w *world) tieOf(i, j int32) *tie {
	if ci := w.stats[i].chapter; ci == w.stats[j].chapter {
		ch := &w.chapters[ci]
		return ch.colTie(i-ch.start, j-ch.start)
	}
	if k := w.findOut(i, j); k >= 0 {
		return &w.outsOf(i)[k].tie
	}
	return nil
}

// decide asks donor i whether to give to recipient j in the donation game.
func (w *world) decide(i, j int32) bool {
	return w.donationDecide(w.chapterOf(i), i, j, w.tieOf(i, j))
}

// act carries out donor i's decision toward recipient j.
func (w *world) act(i, j int32, give bool) {
	w.donationAct(w.chapterOf(i), i, j, w.tieOf(i, j), w.tieOf(j, i), give)
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
