package progress

import (
	"bytes"
	"strings"
	"sync"
	"testing"
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
