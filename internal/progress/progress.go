// Package progress reports how far a long run has got: a live bar with an
// ETA when the output is a terminal, and a few plain lines when it is a
// log file or a CI console, where a bar would be noise. After the counted
// work a bar can say what it is doing next (Phase), so that a run writing
// its charts does not sit silently at 100%.
package progress

import (
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vbauerster/cupwriter"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
)

// Bar counts work done out of a known total. Its methods are safe for
// concurrent use; a nil *Bar does nothing.
type Bar struct {
	mu      sync.Mutex
	total   int
	done    int
	label   string
	out     io.Writer
	started time.Time
	// plain mode: the next tenth at which to print a line
	nextTenth int
	// terminal mode
	p   *mpb.Progress
	bar *mpb.Bar
	// phase is what the bar says instead of its percentage once the
	// counted work is done (Phase); the decorators read it on mpb's
	// goroutine, so it is atomic rather than under mu.
	phase atomic.Pointer[string]
}

// New starts a bar for total units of work written to w. quiet gives a
// bar that prints nothing. On a terminal it draws an mpb bar with an ETA;
// elsewhere it prints a line at every tenth of the work.
func New(w io.Writer, label string, total int, quiet bool) *Bar {
	if quiet || total <= 0 {
		return nil
	}
	b := &Bar{total: total, label: label, out: w, started: time.Now(), nextTenth: 1}
	// A terminal that reports no size (a bare pty) gets no bar from mpb:
	// plain lines serve it better.
	if cw := cupwriter.New(w, false); cw.IsTerminal() && hasSize(cw) {
		b.p = mpb.New(mpb.WithOutput(w), mpb.WithWidth(40))
		// One unit more than the work: mpb stops redrawing a bar once it
		// is complete, so the bar completes only in Done, after whatever
		// Phase says is finished.
		b.bar = b.p.AddBar(int64(total)+1,
			mpb.PrependDecorators(decor.Name(label+" ", decor.WCSyncSpaceR), decor.Any(b.status, decor.WCSyncSpace)),
			mpb.AppendDecorators(decor.Any(b.eta)),
		)
	}
	return b
}

// status is the terminal bar's percentage, or its phase once set.
func (b *Bar) status(s decor.Statistics) string {
	if p := b.phase.Load(); p != nil {
		return *p
	}
	return fmt.Sprintf("%3d%%", min(s.Current, int64(b.total))*100/int64(b.total))
}

// eta is the terminal bar's estimate of the time left, from the average
// rate so far; empty before the first unit and once a phase is set.
func (b *Bar) eta(s decor.Statistics) string {
	if b.phase.Load() != nil || s.Current <= 0 {
		return ""
	}
	done := min(s.Current, int64(b.total))
	left := time.Duration(float64(time.Since(b.started)) * float64(int64(b.total)-done) / float64(done))
	return "ETA " + left.Round(time.Second).String()
}

func hasSize(cw *cupwriter.Writer) bool {
	width, height, err := cw.GetTermSize()
	return err == nil && width > 0 && height > 0
}

// Add records n more units done.
func (b *Bar) Add(n int) {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.set(b.done + n)
}

// Set records that done units are finished in all; going back is ignored.
func (b *Bar) Set(done int) {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if done > b.done {
		b.set(done)
	}
}

// set records done units finished (at most total) and draws the bar or
// prints the tenths passed. b.mu must be held.
func (b *Bar) set(done int) {
	b.done = min(b.total, done)
	if b.bar != nil {
		b.bar.SetCurrent(int64(b.done))
		return
	}
	for b.nextTenth <= 10 && b.done*10 >= b.nextTenth*b.total {
		elapsed := time.Since(b.started)
		eta := time.Duration(float64(elapsed) * float64(b.total-b.done) / float64(b.done))
		fmt.Fprintf(b.out, "%s: %3d%% (%d/%d), ETA %s\n", b.label, b.nextTenth*10, b.done, b.total, eta.Round(time.Second))
		b.nextTenth++
	}
}

// Phase says what happens after the counted work, for example "writing
// charts and files": on a terminal it replaces the bar's percentage and
// ETA; elsewhere it prints a line "label: what...". Call Done when it is
// finished.
func (b *Bar) Phase(what string) {
	if b == nil {
		return
	}
	if b.bar != nil {
		b.phase.Store(&what)
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	fmt.Fprintf(b.out, "%s: %s...\n", b.label, what)
}

// Done ends the bar; on a terminal it waits for the last frame to draw.
// An unfinished bar (a failed run) is abandoned rather than filled.
func (b *Bar) Done() {
	if b == nil {
		return
	}
	if b.bar != nil {
		b.mu.Lock()
		finished := b.done >= b.total
		b.mu.Unlock()
		if finished {
			done := "done"
			b.phase.Store(&done)
			b.bar.SetCurrent(int64(b.total) + 1)
		} else {
			b.bar.Abort(false)
		}
		b.p.Wait()
	}
}
