package sim

import (
	"sync"
	"sync/atomic"
	"unsafe"
)

// eachChapter runs f on every chapter, w.workers chapters at once. f must
// touch only its chapter's members and ties (what crosses chapters goes
// through the chapter's outbox, see deliver), so that the order in which
// workers take chapters never changes a number. With one worker it runs
// the chapters in order on the calling goroutine.
func (w *world) eachChapter(f func(ch *chapter)) {
	w.parallel(len(w.chapters), func(c int) { f(&w.chapters[c]) })
}

// parallel runs f(0) ... f(n-1), w.workers at once, taking the next k as
// each finishes; with one worker, in order on the calling goroutine.
func (w *world) parallel(n int, f func(k int)) {
	workers := min(w.workers, n)
	if workers <= 1 {
		for k := range n {
			f(k)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				k := int(next.Add(1) - 1)
				if k >= n {
					return
				}
				f(k)
			}
		})
	}
	wg.Wait()
}

// prefetchChapter hints that chapter c's ties and images will be read
// soon: the next chapter's, while one plays. A decision reads ties at
// places the processor cannot foresee, so in a world larger than its
// caches each would wait for memory; asked for a chapter early, they
// arrive as one stream. It never changes a result.
func (w *world) prefetchChapter(c int32) {
	if int(c) >= len(w.chapters) {
		return
	}
	ch := &w.chapters[c]
	prefetch(unsafe.Pointer(unsafe.SliceData(ch.col)), uintptr(len(ch.col))*unsafe.Sizeof(colTie{}))
	w.prefetchOuts(c)
	prefetch(unsafe.Pointer(unsafe.SliceData(ch.images)), uintptr(len(ch.images)))
}

// prefetchOuts hints that chapter c's outside ties will be read soon:
// the next chapter's, while deliver applies one chapter's share.
func (w *world) prefetchOuts(c int32) {
	if int(c) >= len(w.chapters) {
		return
	}
	ch := &w.chapters[c]
	if len(ch.outs) > 0 {
		prefetch(unsafe.Pointer(unsafe.SliceData(ch.outs)), uintptr(len(ch.outs))*unsafe.Sizeof(outRel{}))
		prefetch(unsafe.Pointer(unsafe.SliceData(ch.outProf)), uintptr(len(ch.outProf)))
	}
}
