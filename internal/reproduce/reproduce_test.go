package reproduce

import (
	"bytes"
	"context"
	"errors"
	"math"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/giversgain/giversgain/internal/config"
	"github.com/giversgain/giversgain/sim"
)

// TestConfigsLoad: every experiment's config decodes and validates.
func TestConfigsLoad(t *testing.T) {
	for _, e := range experiments {
		if _, err := config.Load(filepath.Join("..", "..", "configs", "reproduce", e.file)); err != nil {
			t.Errorf("%s: %v", e.file, err)
		}
	}
}

func TestCrossing(t *testing.T) {
	xs := []float64{0, 0.1, 0.2, 0.3}
	if x, ok := crossing(xs, []float64{-3, -1, 1, 2}); !ok || math.Abs(x-0.15) > 1e-12 {
		t.Errorf("crossing = %g, %v; want 0.15", x, ok)
	}
	// A later dip moves the crossing to where the curve stays positive.
	if x, ok := crossing(xs, []float64{-1, 1, -1, 1}); !ok || math.Abs(x-0.25) > 1e-12 {
		t.Errorf("crossing = %g, %v; want 0.25", x, ok)
	}
	if _, ok := crossing(xs, []float64{1, 1, 1, 1}); ok {
		t.Error("a curve positive throughout has no crossing")
	}
	if _, ok := crossing(xs, []float64{-1, -1, -1, -1}); ok {
		t.Error("a curve never positive has no crossing")
	}
}

func TestSwings(t *testing.T) {
	c, r := swings([]float64{0.5, 0.9, 0.5, 0.1, 0.5, 0.85, 0.1, 0.15})
	if c != 2 || r != 1 {
		t.Errorf("swings = %d collapses, %d recoveries; want 2, 1", c, r)
	}
}

func TestWilson(t *testing.T) {
	lo, hi := wilson(50, 100)
	if math.Abs(lo-0.4038) > 1e-3 || math.Abs(hi-0.5962) > 1e-3 {
		t.Errorf("wilson(50, 100) = %.4f-%.4f, want 0.4038-0.5962", lo, hi)
	}
}

// TestThresholdSmall runs a tiny version of experiment 3 and checks that
// the measured thresholds lie near c/b: the runner's own smoke test.
func TestThresholdSmall(t *testing.T) {
	f, err := config.Load(filepath.Join("..", "..", "configs", "reproduce", "3-direct-reciprocity.toml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := f.Config
	cfg.Rounds, cfg.Replicates = 40, 2
	rows, err := direct(context.Background(), cfg, 2)
	if err != nil {
		t.Fatal(err)
	}
	if rows[0].Status != Pass {
		t.Errorf("small direct-reciprocity run: %+v", rows[0])
	}
	var b bytes.Buffer
	WriteTable(&b, rows)
	if !strings.Contains(b.String(), "| PASS") {
		t.Errorf("table lacks the status column:\n%s", b.String())
	}
}

// TestReplicatesStopsOnCancel: a cancelled run returns ctx's error and
// stops handing out replicates instead of running them all.
func TestReplicatesStopsOnCancel(t *testing.T) {
	f, err := config.Load(filepath.Join("..", "..", "configs", "reproduce", "3-direct-reciprocity.toml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := f.Config
	cfg.Rounds, cfg.Replicates = 20, 200
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var mu sync.Mutex
	kept := 0
	err = replicates(ctx, []sim.Config{cfg}, 2, func(_, _ int, _ *sim.Replicate) {
		mu.Lock()
		kept++
		mu.Unlock()
		cancel()
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	if kept >= cfg.Replicates {
		t.Errorf("kept all %d replicates after the cancel", kept)
	}
}
