package progress

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vbauerster/mpb/v8/decor"
)

// TestPlainLines: off a terminal the bar prints one line per tenth, in
// order, whatever the step size and even from many goroutines at once.
func TestPlainLines(t *testing.T) {
	var buf bytes.Buffer
	b := New(&buf, "run", 1000, false)
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			for range 100 {
				b.Add(1)
			}
		})
	}
	wg.Wait()
	b.Done()
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 10 {
		t.Fatalf("%d lines, want 10:\n%s", len(lines), buf.String())
	}
	for i, l := range lines {
		want := []string{"run: ", " (", "/1000), ETA "}
		for _, w := range want {
			if !strings.Contains(l, w) {
				t.Errorf("line %d %q lacks %q", i, l, w)
			}
		}
	}
	if !strings.HasPrefix(lines[9], "run: 100% (1000/1000)") {
		t.Errorf("last line %q", lines[9])
	}
}

// TestQuietAndNil: quiet prints nothing, and a nil bar is safe to use.
func TestQuietAndNil(t *testing.T) {
	var buf bytes.Buffer
	b := New(&buf, "run", 10, true)
	b.Add(5)
	b.Set(10)
	b.Done()
	if buf.Len() != 0 {
		t.Fatalf("quiet bar wrote %q", buf.String())
	}
}

// TestSet jumps ahead and prints every tenth passed.
func TestSet(t *testing.T) {
	var buf bytes.Buffer
	b := New(&buf, "sweep", 100, false)
	b.Set(35)
	b.Set(20) // going back is ignored
	if got := strings.Count(buf.String(), "\n"); got != 3 {
		t.Fatalf("%d lines after 35%%, want 3:\n%s", got, buf.String())
	}
}

// TestPhase: after the counted work a bar says what it does next, so a
// run writing its charts does not sit silently at 100%.
func TestPhase(t *testing.T) {
	var buf bytes.Buffer
	b := New(&buf, "run", 10, false)
	b.Set(10)
	b.Phase("writing charts and files")
	b.Done()
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if last := lines[len(lines)-1]; last != "run: writing charts and files..." {
		t.Errorf("last line %q, want the phase", last)
	}
	New(&buf, "run", 10, true).Phase("quiet") // a nil bar ignores it
}

// TestTerminalStatus: the terminal bar's decorators show the percentage
// of the counted work and an ETA, then the phase alone.
func TestTerminalStatus(t *testing.T) {
	b := &Bar{total: 200, started: time.Now()}
	if got := b.status(decor.Statistics{Current: 50, Total: 201}); got != " 25%" {
		t.Errorf("status %q, want \" 25%%\"", got)
	}
	if got := b.eta(decor.Statistics{Current: 50, Total: 201}); !strings.HasPrefix(got, "ETA ") {
		t.Errorf("eta %q", got)
	}
	phase := "writing charts and files"
	b.phase.Store(&phase)
	if got := b.status(decor.Statistics{Current: 200, Total: 201}); got != phase {
		t.Errorf("status %q, want the phase", got)
	}
	if got := b.eta(decor.Statistics{Current: 200, Total: 201}); got != "" {
		t.Errorf("eta %q during a phase, want none", got)
	}
}
